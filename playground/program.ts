/**
 * The program in the editor: what `attnc check` reports for it, and the optimized IR of the block
 * the page shows (with the page's param overrides). Diagnostics are formatted as the CLI prints
 * them (`FILE:LINE:COL: error[CODE]: message`, the line, a caret).
 */
import type { Module } from "../dsl/ast.js";
import { AttncError, formatDiagnostic, type Diagnostic } from "../dsl/diagnostics.js";
import { checkSource, lowerSource, optimize } from "../compiler/pipeline.js";
import type { AttnIR } from "../compiler/ir/program.js";

export const FILE = "playground.attn";

export interface Shown {
  code: string;
  severity: string;
  /** 1-based, when the diagnostic has a span */
  line?: number;
  col?: number;
  /** offsets of the span in the source, for selecting it in the editor */
  from?: number;
  to?: number;
  /** as `attnc check` prints it */
  text: string;
}

export function shown(d: Diagnostic, source: string): Shown {
  return { code: d.code, severity: d.severity, line: d.span?.line, col: d.span?.col, from: d.span?.offset, to: d.span?.endOffset, text: formatDiagnostic(d, source) };
}

/** Errors as diagnostics: an AttncError's own, anything else an internal error (E0901). */
export function diagnosticsOf(e: unknown, source: string): Shown[] {
  if (e instanceof AttncError) return e.diagnostics.map((d) => shown(d, source));
  const msg = e instanceof Error ? e.message : String(e);
  return [{ code: "E0901", severity: "error", text: `error[E0901]: internal compiler error: ${msg}` }];
}

export type Checked = { ok: true; module: Module; summary: string } | { ok: false; diagnostics: Shown[] };

/** `attnc check`: the front end and the lowering of every block with default params. */
export function checkProgram(source: string): Checked {
  try {
    const { module } = checkSource(source, FILE);
    const names = module.attentions.map((a) => a.name);
    return { ok: true, module, summary: `${FILE}: ok (${names.length} attention block${names.length === 1 ? "" : "s"}: ${names.join(", ")})` };
  } catch (e) {
    return { ok: false, diagnostics: diagnosticsOf(e, source) };
  }
}

/** `name=value` pairs separated by commas or spaces, as `--param name=value` takes them. */
export function parseParams(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const kv of text.split(/[,\s]+/).filter((x) => x !== "")) {
    const at = kv.indexOf("=");
    if (at <= 0) throw new Error(`params take name=value, got \`${kv}\``);
    out[kv.slice(0, at)] = kv.slice(at + 1);
  }
  return out;
}

/** The optimized IR of block `name` (the first when absent) with param overrides. */
export function irOf(source: string, name: string | undefined, params: Record<string, string>): AttnIR {
  const [ir] = lowerSource(source, FILE, { name, params });
  return optimize(ir!);
}
