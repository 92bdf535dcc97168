/**
 * Character offsets ↔ LSP positions of one text.
 *
 * Contract: positions are 0-based lines and UTF-16 code units (LSP's default position encoding,
 * and what JavaScript string offsets count, so a span's offsets need no conversion); a line ends at
 * `\n`, `\r\n` or `\r`, as for LSP clients and for the lexer (chevrotain). `positionAt` clamps an
 * offset into the text; `offsetAt` clamps a position to its line (a character past the line's end
 * is its end). Building the index is O(text); each lookup O(log lines).
 */
import type { Position, Range } from "vscode-languageserver";
import type { Span } from "../dsl/ast.js";

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 10 || c === 13) this.starts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(Math.trunc(offset) || 0, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[p.line]!;
    let end = p.line + 1 < this.starts.length ? this.starts[p.line + 1]! : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(start + Math.max(0, p.character), end);
  }

  /** The range of a span (its offsets; an offset outside the text is clamped). */
  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.offset), end: this.positionAt(Math.max(span.offset, span.endOffset)) };
  }
}
