/**
 * Type-checks generated TypeScript (the TS backend's modules, the WGSL host module's `.d.ts`) in
 * memory with the `typescript` package, as a strict user project would: one program for a whole
 * batch of files (one type-check, with the standard library parsed once per process), no emit.
 *
 * Contract: `typeCheck(files)` returns every diagnostic of the given files (keyed by a file name
 * such as `gen1.ts`; each is its own module), formatted `file(line,col): TSnnnn: message`; library
 * files are read from node_modules (`@webgpu/types` for the `.d.ts`), and their own errors are not
 * reported (skipLibCheck).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** Strict, plus stricter flags a careful project turns on. (Not noUncheckedIndexedAccess: the
 * kernel's `acc[i] *= corr` updates of typed arrays do not pass it.) */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"], // the TS backend's modules use no DOM (which would triple the time)
  types: [],
  skipLibCheck: true,
  noEmit: true,
};

/** For the WGSL host module's `.d.ts`: @webgpu/types needs the DOM's types. */
export const DOM_OPTIONS: ts.CompilerOptions = { ...STRICT_OPTIONS, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] };

// virtual files live in a folder that does not exist under the repository, so that
// `/// <reference types="@webgpu/types" />` resolves through its node_modules
const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)), ".typecheck-virtual");
const libCache = new Map<string, ts.SourceFile | undefined>();

export function typeCheck(files: Record<string, string>, options: ts.CompilerOptions = STRICT_OPTIONS): string[] {
  const virtual = new Map(Object.entries(files).map(([name, text]) => [resolve(ROOT, name), text]));
  const host = ts.createCompilerHost(options, true);
  const readDisk = host.readFile.bind(host);
  const existsOnDisk = host.fileExists.bind(host);
  host.fileExists = (f) => virtual.has(resolve(f)) || existsOnDisk(f);
  host.readFile = (f) => virtual.get(resolve(f)) ?? readDisk(f);
  const dirOnDisk = host.directoryExists?.bind(host);
  host.directoryExists = (d) => [...virtual.keys()].some((f) => f.startsWith(`${resolve(d)}/`)) || (dirOnDisk?.(d) ?? false);
  host.getSourceFile = (f, lang) => {
    const text = virtual.get(resolve(f));
    if (text !== undefined) return ts.createSourceFile(f, text, lang, true);
    if (!libCache.has(f)) {
      const disk = readDisk(f);
      libCache.set(f, disk === undefined ? undefined : ts.createSourceFile(f, disk, lang, true));
    }
    return libCache.get(f);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const diags = [...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics()];
  return diags.map((d) => {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file) return `TS${d.code}: ${msg}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${d.file.fileName.replace(`${ROOT}/`, "")}(${line + 1},${character + 1}): TS${d.code}: ${msg}`;
  });
}
