/**
 * Running attnc's command line on a fuzzed program: in-process through `main(argv, io)` (fast),
 * or as a real `node dist/cli/main.js` process (the real exit path), and judging what it did.
 *
 * Contract: `judge` returns the findings of one command: an exit code outside {0, 1, 2}, an
 * internal error (E0901) or a stack trace in the output, an exit 1 without a coded diagnostic, or
 * a JavaScript value (`[native code]`, `[object Object]`) in a message.
 */
import { spawn } from "node:child_process";
import { main } from "../../cli/main.js";
import { crashSignature, normalize, STACK_LINE, type Finding } from "./finding.js";

export interface CliResult {
  argv: string[];
  code: number | null;
  out: string;
  err: string;
  ms: number;
  /** the process was killed by the time limit (subprocess only) */
  timedOut?: boolean;
  signal?: string | null;
}

export async function cliInProcess(argv: string[]): Promise<CliResult> {
  let out = "";
  let err = "";
  const t0 = performance.now();
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { argv, code, out, err, ms: performance.now() - t0 };
}

/** `node FILE argv...` with a time limit; output capped at 1 MB per stream */
export function cliSubprocess(entry: string[], argv: string[], timeoutMs: number, cwd?: string): Promise<CliResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...entry, ...argv], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let timedOut = false;
    const cap = (s: string, d: Buffer) => (s.length < 1 << 20 ? s + d.toString() : s);
    p.stdout.on("data", (d: Buffer) => (out = cap(out, d)));
    p.stderr.on("data", (d: Buffer) => (err = cap(err, d)));
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill("SIGKILL");
    }, timeoutMs);
    p.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ argv, code, out, err, ms: performance.now() - t0, timedOut, signal });
    });
  });
}

/** a short text of a command and its output, for a finding's message */
export function show(r: CliResult): string {
  const cut = (s: string) => (s.length > 3000 ? `${s.slice(0, 3000)}\n[... ${s.length - 3000} more characters]` : s);
  return `$ attnc ${r.argv.map((a) => (/^[\w./=:-]+$/.test(a) ? a : JSON.stringify(a))).join(" ")}\nexit ${r.code}${r.signal ? ` (signal ${r.signal})` : ""} after ${r.ms.toFixed(0)} ms\n--- stdout\n${cut(r.out)}\n--- stderr\n${cut(r.err)}`;
}

/** the findings of one command's result */
export function judge(r: CliResult, stage: string, replay?: Record<string, unknown>): Finding[] {
  const text = `${r.out}\n${r.err}`;
  const f = (kind: string, detail: string): Finding => ({ kind, signature: `${kind}:${detail}`, stage, message: show(r), replay: { argv: r.argv, ...replay } });
  const out: Finding[] = [];
  if (r.code === null || ![0, 1, 2].includes(r.code)) out.push(f("exit-code", `${r.argv[0]} exit ${r.code}${r.signal ? ` ${r.signal}` : ""}`));
  if (/E0901/.test(text)) out.push(f("internal", crashSignature(text)));
  else if (STACK_LINE.test(text)) out.push(f("stack-trace", crashSignature(text)));
  else if (r.code === 1 && !/error\[E\d{4}\]|"code":\s*"E\d{4}"/.test(text)) out.push(f("uncoded-error", `${r.argv[0]}`));
  // JavaScript values printed as if they were the user's: a built-in reached through a name table
  const leak = /\[native code\]|\[object Object\]|function \w*\(/.exec(text);
  if (leak) out.push(f("message-leak", `${r.argv[0]} prints ${normalize(leak[0])}`));
  return out;
}
