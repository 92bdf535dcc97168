/**
 * The language server's pure functions (no process, no connection): what `attnc lsp` answers
 * for a document's text. lsp/server.ts wires them to LSP over stdio.
 *
 *     diagnose(text, file, uri)       → the diagnostics `attnc check FILE` reports, as LSP's
 *     hover(text, file, position)     → the hover of the name at a position, or null
 *     definition(text, file, uri, p)  → where that name is declared, or null
 *
 * None throws on any text. `file` names the document in messages (a path, as `attnc check` is
 * given); positions are LSP's (0-based lines, UTF-16 columns).
 */
import type { Hover, Location, Position } from "vscode-languageserver";
import { definitionAt } from "./definition.js";
import { AttnDocument } from "./document.js";
import { hoverAt } from "./hover.js";

export { diagnose, checkText, toLsp } from "./diagnostics.js";
export { AttnDocument } from "./document.js";
export { hoverAt } from "./hover.js";
export { definitionAt } from "./definition.js";
export { LineIndex } from "./positions.js";

export function hover(text: string, file: string, position: Position): Hover | null {
  return hoverAt(new AttnDocument(text, file, file), position);
}

export function definition(text: string, file: string, uri: string, position: Position): Location | null {
  return definitionAt(new AttnDocument(text, file, uri), position);
}
