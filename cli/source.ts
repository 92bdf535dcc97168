/**
 * Reading a `.attn` file for a command, bounded: a regular file or a pipe (`attnc check <(…)`) of
 * at most `MAX_SOURCE` bytes. A missing, unreadable or oversized file, a folder or a device
 * (`/dev/zero`) is an E0403 diagnostic, not a crash or an endless read. The text is recorded in
 * `sources` so that diagnostics show the caret without reading the file a second time.
 */
import * as fs from "node:fs";
import { AttncError, diag } from "../dsl/diagnostics.js";
import { fileKind, fsReason } from "./fs-error.js";

/** The largest `.attn` file read: 16 MiB. */
export const MAX_SOURCE = 16 * 2 ** 20;

function cannotRead(file: string, why: string): never {
  throw new AttncError([diag("E0403", `cannot read ${file}: ${why}`)]);
}

export function readSource(file: string, sources: Record<string, string> = {}): string {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (e) {
    cannotRead(file, fsReason(e));
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() && !st.isFIFO()) cannotRead(file, `it is ${fileKind(st)}, not a regular file or a pipe`);
    if (st.isFile() && st.size > MAX_SOURCE) cannotRead(file, `it has ${st.size} bytes; attnc reads at most ${MAX_SOURCE}`);
    const chunks: Buffer[] = [];
    let n = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(2 ** 16, MAX_SOURCE + 1 - n));
      const got = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      n += got;
      if (n > MAX_SOURCE) cannotRead(file, `it is longer than ${MAX_SOURCE} bytes, the most attnc reads`);
    }
    const text = Buffer.concat(chunks, n).toString("utf8");
    sources[file] = text;
    return text;
  } catch (e) {
    if (e instanceof AttncError) throw e;
    cannotRead(file, fsReason(e));
  } finally {
    fs.closeSync(fd);
  }
}
