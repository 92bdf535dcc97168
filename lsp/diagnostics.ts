/**
 * The diagnostics of a document: exactly what `attnc check FILE` reports for the same text
 * (compiler/pipeline.ts `checkSource`, default params: its errors, or its warnings), as LSP diagnostics.
 *
 * Contract: never throws. Each diagnostic keeps its code, message and severity; its range is its
 * span's (0-based lines, UTF-16 columns; a diagnostic without a span sits at the start of the
 * text); its notes (`= note: …` under a caret) become related information at the same range. A
 * text longer than `attnc check` reads is E0403, as it is there; an internal error is one E0901
 * diagnostic with the error's message (its stack goes to `log`, never to the user).
 */
import type { DiagnosticSeverity, Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { checkSource } from "../compiler/pipeline.js";
import { AttncError, diag, type Diagnostic } from "../dsl/diagnostics.js";
import { MAX_SOURCE } from "../cli/source.js";
import { LineIndex } from "./positions.js";

/** LSP's severities (numbers: this module imports only types, so it runs without the LSP packages). */
const SEVERITY: Record<Diagnostic["severity"], DiagnosticSeverity> = { error: 1, warning: 2 };

/** attnc's diagnostics for `text` (named `file` in messages), as `attnc check` gives them. */
export function checkText(text: string, file: string, log: (message: string) => void = () => {}): Diagnostic[] {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_SOURCE) return [diag("E0403", `cannot read ${file}: it has ${bytes} bytes; attnc reads at most ${MAX_SOURCE}`)];
  try {
    return checkSource(text, file).warnings;
  } catch (e) {
    if (e instanceof AttncError) return e.diagnostics;
    log(`internal compiler error checking ${file}: ${(e as Error)?.stack ?? String(e)}`);
    return [diag("E0901", `internal compiler error: ${e instanceof Error ? e.message : String(e)}`)];
  }
}

/** One attnc diagnostic in LSP form; `uri` is the document's, for the notes' locations. */
export function toLsp(d: Diagnostic, lines: LineIndex, uri: string): LspDiagnostic {
  const range = d.span ? lines.rangeOf(d.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const out: LspDiagnostic = {
    range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: "attnc",
    message: d.message,
  };
  if (d.notes && d.notes.length > 0) out.relatedInformation = d.notes.map((n) => ({ location: { uri, range }, message: `note: ${n}` }));
  return out;
}

/** The LSP diagnostics of a document's text. */
export function diagnose(text: string, file: string, uri: string, log?: (message: string) => void): LspDiagnostic[] {
  const lines = new LineIndex(text);
  return checkText(text, file, log).map((d) => toLsp(d, lines, uri));
}
