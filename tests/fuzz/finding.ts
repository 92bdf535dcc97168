/**
 * What the fuzzer reports: a finding (one failed check on one program) and its signature, the key
 * findings are de-duplicated by. A signature is `kind:detail` with the detail normalized so that
 * the same bug on different programs gives the same key: numbers become N, quoted names X, and
 * stack traces are reduced to the error's class and message and the first attnc source file in
 * the stack (no line numbers: they move with every edit).
 */

export interface Finding {
  /** the check that failed: internal, stack-trace, exit-code, timeout, oom, crash, tiles, oracle, tsc, dts, wgsl, nvcc, params, npy, fs, subprocess, accept */
  kind: string;
  signature: string;
  /** the stage that was running (check, plan, tiles, ts, run, npy, fs, wgsl, cuda, subprocess) */
  stage: string;
  /** what went wrong, for people (command, output, the failing tile or entry) */
  message: string;
  /** what the stage needs to replay exactly this failure (sizes, tile, data seed, argv, trap) */
  replay?: Record<string, unknown>;
}

/** Numbers to N, `quoted` and 'quoted' names to X, whitespace squeezed, at most 100 characters. */
export function normalize(text: string): string {
  return text
    .replace(/`[^`]*`|'[^']*'|"[^"]*"/g, "X")
    .replace(/0x[0-9a-f]+/gi, "N")
    .replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi, "N")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
}

const FRAME = /(?:dsl|compiler|backends|cli|index)(?:\/[\w.-]+)*?\.(?:ts|js):\d+/;

/** `Class: message @ first attnc source file` of an error printed with its stack */
export function crashSignature(text: string): string {
  const at = text.search(/internal compiler error:\s*/);
  const body = at >= 0 ? text.slice(at).replace(/^internal compiler error:\s*/, "") : text;
  const first = body.split("\n").find((l) => l.trim().length > 0) ?? "";
  const frames = body.split("\n").filter((l) => /^\s+at /.test(l));
  let where = "";
  for (const f of frames) {
    const m = FRAME.exec(f.replace(/^.*?\/((?:dist\/)?(?:dsl|compiler|backends|cli|index)[\w./-]*)/, "$1").replace(/^dist\//, ""));
    if (m) {
      where = m[0].replace(/\.(ts|js):\d+$/, "");
      break;
    }
  }
  return `${normalize(first)}${where ? ` @${where}` : ""}`;
}

/** a stack frame printed for the user (`    at fn (file:line:col)`) */
export const STACK_LINE = /^\s+at\s+(?:.+\s\()?(?:file:|node:|\/|[A-Za-z]:\\).*:\d+:\d+\)?\s*$/m;

/** a signature as a directory name */
export function slug(signature: string): string {
  const s = signature.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/_+/g, "_").slice(0, 80);
  let h = 0;
  for (const c of signature) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return `${s}-${(h >>> 0).toString(16).padStart(8, "0")}`;
}
