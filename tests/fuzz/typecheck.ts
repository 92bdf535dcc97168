/**
 * Type-checks generated TypeScript in memory with the `typescript` package, strict, as a user
 * compiling attnc's output would: the TS kernel (`NAME.ts`) and the WGSL host module's `NAME.d.ts`.
 *
 * Contract: `typecheck(files)` (file names should lie inside the repository, so that
 * `/// <reference types>` finds node_modules) returns the error diagnostics as `TSnnnn: message (file:line)`
 * strings, empty when the files compile. The `typescript` package is loaded and the default library's source files are parsed on the first call, once per
 * process and shared by every call (a check then takes tens of milliseconds, not seconds).
 */
import { createRequire } from "node:module";
import type TS from "typescript";

// loaded on first use, with require (a synchronous CommonJS load: importing the 9 MB package as
// an ES module under the fuzzer's loader hooks costs a second per worker that never type-checks)
let tsMod: typeof TS | null = null;
const tsLib = (): typeof TS => (tsMod ??= createRequire(import.meta.url)("typescript") as typeof TS);

const base = (ts: typeof TS): TS.CompilerOptions => ({
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  types: [],
  skipLibCheck: true,
  noFallthroughCasesInSwitch: true,
  noImplicitOverride: true,
});

const libCache = new Map<string, TS.SourceFile | undefined>();

/** `dom`: with the DOM library (the WGSL host module's types reference WebGPU's) */
export function typecheck(files: Record<string, string>, opts: { dom?: boolean } = {}): string[] {
  const ts = tsLib();
  const OPTIONS: TS.CompilerOptions = opts.dom ? { ...base(ts), lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] } : base(ts);
  const host0 = ts.createCompilerHost(OPTIONS, true);
  const host: TS.CompilerHost = {
    ...host0,
    fileExists: (f) => f in files || host0.fileExists(f),
    readFile: (f) => files[f] ?? host0.readFile(f),
    getSourceFile(name, lang) {
      if (name in files) return ts.createSourceFile(name, files[name]!, lang, true);
      if (!libCache.has(name)) libCache.set(name, host0.getSourceFile(name, lang));
      return libCache.get(name);
    },
    writeFile: () => {},
  };
  const program = ts.createProgram({ rootNames: Object.keys(files), options: OPTIONS, host });
  const diags = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
  return diags
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const where = d.file && d.start !== undefined ? ` (${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1})` : "";
      return `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}${where}`;
    });
}
