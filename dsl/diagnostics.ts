/**
 * The diagnostics catalog and the diagnostic value.
 *
 * Contract: every diagnostic attnc reports has a stable code from `CATALOG` (codes are never
 * reused or renumbered), a message, and — when it concerns source text — a span. Adding a code
 * means adding a failing file `tests/diagnostics/CODE.attn` that produces it.
 */
import type { Span } from "./ast.js";

export const CATALOG = {
  // ── syntax (E01xx) ──
  E0101: "unexpected character",
  E0102: "syntax error",
  E0103: "unterminated or malformed number literal",
  // ── names and structure (E02xx) ──
  E0201: "unknown name",
  E0202: "duplicate definition",
  E0203: "unknown function",
  E0204: "wrong number of arguments",
  E0205: "recursive def",
  E0206: "name is not a tensor",
  E0207: "tensor read with the wrong number of indices",
  E0208: "more than one score",
  E0209: "more than one normalize",
  E0210: "unknown normalize mode",
  E0211: "no attention block in file",
  E0212: "unknown attention name",
  E0213: "name shadows a built-in",
  E0214: "tensor used without indices",
  E0215: "invalid tensor dimension",
  E0216: "def used without its arguments, or called without being a function",
  E0217: "expression too deep or too large once its lets and defs are expanded",
  // ── types (E03xx) ──
  E0301: "type mismatch",
  E0302: "mask must be bool",
  E0303: "score must be int or float",
  E0304: "tensor index must be int",
  E0305: "condition must be bool",
  E0306: "param default does not match its type",
  E0307: "the score variable `s` is not allowed here",
  // ── compile options and run-time inputs (E04xx) ──
  E0401: "unknown param override",
  E0402: "invalid param override value",
  E0403: "missing input file",
  E0404: "input shape does not match its declaration",
  E0405: "invalid .npy file",
  E0406: "unsupported head dimension",
  E0407: "tensor read out of bounds",
  E0408: "invalid sizes",
  E0409: "target not available",
  // ── internal (E09xx) ──
  E0901: "internal compiler error",
} as const;

export type Code = keyof typeof CATALOG;

export interface Diagnostic {
  code: Code;
  severity: "error" | "warning";
  message: string;
  span?: Span;
  /** Extra lines of explanation, printed after the caret. */
  notes?: string[];
}

export function diag(code: Code, message: string, span?: Span, notes?: string[]): Diagnostic {
  return { code, severity: "error", message, span, notes };
}

/** An error carrying diagnostics; thrown across API boundaries (compile, run), caught by the CLI. */
export class AttncError extends Error {
  constructor(public readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n"));
    this.name = "AttncError";
  }
}

/**
 * Formats a diagnostic the way compilers do:
 *
 *     file.attn:3:10: error[E0201]: unknown name `foo`
 *       3 |   mask foo > 1
 *         |        ^^^
 */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const head = d.span
    ? `${d.span.file}:${d.span.line}:${d.span.col}: ${d.severity}[${d.code}]: ${d.message}`
    : `${d.severity}[${d.code}]: ${d.message}`;
  const lines = [head];
  if (d.span && source !== undefined) {
    const srcLines = source.split(/\r?\n/);
    const text = srcLines[d.span.line - 1] ?? "";
    const gutter = String(d.span.line);
    const pad = " ".repeat(gutter.length);
    const width = Math.max(1, Math.min(d.span.endOffset - d.span.offset, text.length - (d.span.col - 1)));
    lines.push(`${gutter} | ${text}`);
    lines.push(`${pad} | ${" ".repeat(Math.max(0, d.span.col - 1))}${"^".repeat(width)}`);
  }
  for (const n of d.notes ?? []) lines.push(`  = note: ${n}`);
  return lines.join("\n");
}

/** The machine-readable form printed by `--json`. */
export function diagnosticToJson(d: Diagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.span?.file,
    line: d.span?.line,
    column: d.span?.col,
    endOffset: d.span?.endOffset,
    offset: d.span?.offset,
    notes: d.notes ?? [],
  };
}
