/**
 * The front half of the pipeline, as functions: source text → checked AST → AttnIR (lowered) →
 * optimized AttnIR. Errors are thrown as one AttncError carrying every diagnostic.
 */
import type { Attention, Module } from "../dsl/ast.js";
import { checkModule } from "../dsl/check.js";
import { AttncError, diag, type Diagnostic } from "../dsl/diagnostics.js";
import { parse } from "../dsl/parser.js";
import type { AttnIR } from "./ir/program.js";
import { lowerAttention, type ParamOverrides } from "./lower.js";
import { runPasses } from "./passes/index.js";

/** Parses and checks; throws AttncError with all diagnostics when the program is invalid. */
export function frontEnd(source: string, file: string): Module {
  return checkedFrontEnd(source, file).module;
}

/** `frontEnd`, with the checker's warnings (W03xx) of the valid module. */
export function checkedFrontEnd(source: string, file: string): { module: Module; warnings: Diagnostic[] } {
  const { module, diagnostics } = parse(source, file);
  if (!module) throw new AttncError(diagnostics);
  const checked = checkModule(module);
  const errors = [...diagnostics, ...checked.diagnostics];
  if (errors.some((d) => d.severity === "error")) throw new AttncError(errors);
  return { module, warnings: checked.warnings };
}

/** The attention blocks to compile: the one named, or all of them. */
export function selectAttentions(mod: Module, name?: string): Attention[] {
  if (name === undefined) return mod.attentions;
  const found = mod.attentions.find((a) => a.name === name);
  if (!found) {
    const known = mod.attentions.map((a) => a.name).join(", ");
    throw new AttncError([diag("E0212", `no attention named \`${name}\` in ${mod.file} (it has: ${known})`)]);
  }
  return [found];
}

export interface LowerOptions {
  name?: string;
  params?: ParamOverrides;
}

/** A checked module → lowered IR, one per selected attention block. */
export function lowerModule(mod: Module, opts: LowerOptions = {}): AttnIR[] {
  return selectAttentions(mod, opts.name).map((a) => lowerAttention(mod, a, opts.params ?? {}));
}

/**
 * What `attnc check` checks (and the language server reports, lsp/): the front end, then the
 * lowering of the selected blocks (all of them, or `opts.name`) with their params (defaults, or
 * `opts.params` overrides: E0401, E0402, and dims from params must lower, E0215). Returns the module
 * and the checker's warnings (W03xx), or throws AttncError with every diagnostic.
 */
export function checkSource(source: string, file: string, opts: LowerOptions = {}): { module: Module; warnings: Diagnostic[] } {
  const checked = checkedFrontEnd(source, file);
  lowerModule(checked.module, opts);
  return checked;
}

/** Source → lowered IR, one per selected attention block. */
export function lowerSource(source: string, file: string, opts: LowerOptions = {}): AttnIR[] {
  return lowerModule(frontEnd(source, file), opts);
}

export interface OptimizeOptions {
  /** stop after this pass (`--emit ir --after NAME`) */
  after?: string;
  /** run the IR verifier after every pass */
  verify?: boolean;
}

export function optimize(ir: AttnIR, opts: OptimizeOptions = {}): AttnIR {
  return runPasses(ir, { verify: opts.verify ?? true }, opts.after);
}
