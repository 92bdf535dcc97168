/** Shared by the CLI tests: running `main` in process or the built binary, and temp folders. */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { main } from "../../cli/main.js";

/** Runs `attnc ARGV` in this process. */
export async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/**
 * Runs `node dist/cli/main.js ARGV` in a child process, killed after `timeoutMs` (generous: the
 * machine may be loaded; a hang shows as `status: null`).
 */
export function built(argv: string[], timeoutMs = 60_000) {
  if (!existsSync("dist/cli/main.js")) throw new Error("dist/ is missing: the test command builds it first (npm run build)");
  const r = spawnSync(process.execPath, ["dist/cli/main.js", ...argv], { encoding: "utf8", timeout: timeoutMs, killSignal: "SIGKILL" });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
const undo: (() => void)[] = [];
/** A fresh temp folder, removed after the test file. */
export function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "attnc-cli-"));
  made.push(d);
  return d;
}
afterAll(() => {
  for (const u of undo.splice(0).reverse()) u();
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * Makes `dir` unwritable: mode 0555, or (for root, whom modes do not stop) the immutable flag.
 * Returns how, or null when neither works here (the caller skips, saying so). Undone after the file.
 */
export function makeUnwritable(dir: string): "chmod" | "chattr" | null {
  chmodSync(dir, 0o555);
  undo.push(() => chmodSync(dir, 0o755));
  if (!canWrite(dir)) return "chmod";
  try {
    execFileSync("chattr", ["+i", dir], { stdio: "ignore" });
  } catch {
    return null;
  }
  undo.push(() => execFileSync("chattr", ["-i", dir], { stdio: "ignore" }));
  return canWrite(dir) ? null : "chattr";
}

function canWrite(dir: string): boolean {
  try {
    writeFileSync(join(dir, ".probe"), "");
    rmSync(join(dir, ".probe"));
    return true;
  } catch {
    return false;
  }
}

/** No internal error and no stack trace in the CLI's output. */
export const NO_STACK = /E0901|\n\s+at /;
