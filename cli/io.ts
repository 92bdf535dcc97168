/**
 * The CLI's output side: the `Io` the commands write to, printing diagnostics (human or `--json`),
 * and atomic writing of output files — every file goes to a temporary name in its directory and is
 * renamed into place only when all files were written, so a failed run leaves no partial output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AttncError, diagnosticToJson, formatDiagnostic, type Diagnostic } from "../dsl/diagnostics.js";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Prints diagnostics; sources are read back from the files they name (for the caret). */
export function printDiagnostics(io: Io, diags: Diagnostic[], json: boolean, sources: Record<string, string> = {}): void {
  if (json) {
    io.out(`${JSON.stringify({ diagnostics: diags.map(diagnosticToJson) }, null, 2)}\n`);
    return;
  }
  for (const d of diags) {
    const file = d.span?.file;
    let src = file !== undefined ? sources[file] : undefined;
    if (file !== undefined && src === undefined) {
      try {
        src = fs.readFileSync(file, "utf8");
      } catch {
        src = undefined;
      }
    }
    io.err(`${formatDiagnostic(d, src)}\n`);
  }
}

/** Runs `body`; AttncError → diagnostics and exit 1. */
export async function withDiagnostics(io: Io, json: boolean, sources: Record<string, string>, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof AttncError) {
      printDiagnostics(io, e.diagnostics, json, sources);
      return 1;
    }
    throw e;
  }
}

/** Writes all files atomically: all of them appear, or none. */
export function writeFilesAtomic(dir: string, files: { path: string; contents: string | Uint8Array }[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const temps: [string, string][] = [];
  try {
    for (const f of files) {
      const final = path.join(dir, f.path);
      fs.mkdirSync(path.dirname(final), { recursive: true });
      const tmp = path.join(path.dirname(final), `.${path.basename(final)}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, f.contents);
      temps.push([tmp, final]);
    }
    for (const [tmp, final] of temps) fs.renameSync(tmp, final);
  } catch (e) {
    for (const [tmp] of temps) fs.rmSync(tmp, { force: true });
    throw e;
  }
  return temps.map(([, final]) => final);
}
