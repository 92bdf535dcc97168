/** Reading a `.attn` file for a command: a missing file is an E0403 diagnostic, not a crash. */
import * as fs from "node:fs";
import { AttncError, diag } from "../dsl/diagnostics.js";

export function readSource(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new AttncError([diag("E0403", `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)]);
  }
}
