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
  E0104: "expression nested too deeply",
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
  E0218: "more than one sink",
  E0219: "a sink needs normalize softmax",
  // ── types (E03xx) ──
  E0301: "type mismatch",
  E0302: "mask must be bool",
  E0303: "score must be int or float",
  E0304: "tensor index must be int",
  E0305: "condition must be bool",
  E0306: "param default does not match its type",
  E0307: "the score variable `s` is not allowed here",
  E0308: "the sink depends on the key position `kv`",
  E0309: "sink must be int or float",
  // ── the checker's warnings (W03xx: the program is valid; `attnc check` reports them) ──
  W0310: "integer division in a float context",
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
  E0410: "cannot write output files",
  E0411: "an input's file is one attnc run reads itself (do.npy, q_lens.npy, kv_lens.npy)",
  E0412: "a per-row length out of range",
  E0413: "a page id out of range",
  // ── backward (W05xx: warnings of `--backward`) ──
  W0501: "the score does not depend on `s` differentiably: dq and dk are zero",
  W0502: "a float tensor gets a zero gradient",
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

/** A warning: reported, and the command still succeeds. */
export function warning(code: Code, message: string, span?: Span, notes?: string[]): Diagnostic {
  return { code, severity: "warning", message, span, notes };
}

/** An error carrying diagnostics; thrown across API boundaries (compile, run), caught by the CLI. */
export class AttncError extends Error {
  constructor(public readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n"));
    this.name = "AttncError";
  }
}

/** At most this many characters of a source line are shown under a diagnostic (more: a window). */
export const SHOWN_LINE = 160;
/** Characters shown before the caret when a long line is cut to a window. */
const SHOWN_BEFORE = 40;

const isBreak = (c: number) => c === 10 || c === 13;

/**
 * The piece of `span`'s line to show: the whole line when it has at most SHOWN_LINE characters,
 * else a window of them around the span, cut ends marked `…`; and where the caret starts in it.
 * Found from the span's offset and column, so it costs O(SHOWN_LINE) however long the file or the
 * line (reading the line by splitting the source would make printing n diagnostics O(n · size)).
 */
export function shownLine(source: string, span: Span): { text: string; caret: number; width: number } {
  const offset = Math.max(0, Math.min(span.offset, source.length));
  let start = offset - (span.col - 1);
  if (start < 0 || (start > 0 && !isBreak(source.charCodeAt(start - 1))) || !sameLine(source, start, offset)) {
    start = offset; // a span whose column does not match the text: find its line start
    while (start > 0 && !isBreak(source.charCodeAt(start - 1))) start--;
  }
  const from = offset - start <= SHOWN_LINE - SHOWN_BEFORE ? start : offset - SHOWN_BEFORE;
  let to = from;
  const limit = Math.min(source.length, from + SHOWN_LINE);
  while (to < limit && !isBreak(source.charCodeAt(to))) to++;
  const cutEnd = to === limit && to < source.length && !isBreak(source.charCodeAt(to));
  const text = `${from > start ? "…" : ""}${source.slice(from, to)}${cutEnd ? "…" : ""}`;
  const caret = offset - from + (from > start ? 1 : 0);
  const width = Math.max(1, Math.min(span.endOffset - offset, to - offset));
  return { text, caret, width };
}

/** Whether [from, to) of `source` holds no line break (checked only up to a window's length). */
function sameLine(source: string, from: number, to: number): boolean {
  if (to - from > 4 * SHOWN_LINE) return true; // trusted: a long line; checking it would cost O(line)
  for (let i = from; i < to; i++) if (isBreak(source.charCodeAt(i))) return false;
  return true;
}

/**
 * Formats a diagnostic the way compilers do:
 *
 *     file.attn:3:10: error[E0201]: unknown name `foo`
 *       3 |   mask foo > 1
 *         |        ^^^
 *
 * A line longer than SHOWN_LINE characters is shown as a window around the caret.
 */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const head = d.span
    ? `${d.span.file}:${d.span.line}:${d.span.col}: ${d.severity}[${d.code}]: ${d.message}`
    : `${d.severity}[${d.code}]: ${d.message}`;
  const lines = [head];
  if (d.span && source !== undefined) {
    const { text, caret, width } = shownLine(source, d.span);
    const gutter = String(d.span.line);
    const pad = " ".repeat(gutter.length);
    lines.push(`${gutter} | ${text}`);
    lines.push(`${pad} | ${" ".repeat(caret)}${"^".repeat(width)}`);
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
