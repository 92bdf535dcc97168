/**
 * Go to definition: from a use of a def, a def's parameter, a param, an input or a let (or from
 * the declaration itself) to the name in its declaration, in the same document. Built-ins and
 * unknown names have none (null).
 */
import type { Location, Position } from "vscode-languageserver";
import type { AttnDocument } from "./document.js";
import { declarationSpan, occurrenceAt } from "./symbols.js";

export function definitionAt(doc: AttnDocument, position: Position): Location | null {
  const occ = occurrenceAt(doc.analyze().module, doc.lines.offsetAt(position));
  const span = occ && declarationSpan(occ.target);
  return span ? { uri: doc.uri, range: doc.lines.rangeOf(span) } : null;
}
