/**
 * One version of a document's text and what the language server knows about it: its line index,
 * its diagnostics, and (computed on the first hover or definition) its parsed and type-checked
 * module. A program that does not parse still has a module: the items that did parse
 * (dsl/parser.ts `recovered`), so hover and go to definition work around a syntax error.
 */
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver";
import type { Expr, Module, TypeName } from "../dsl/ast.js";
import { checkModule } from "../dsl/check.js";
import { parse } from "../dsl/parser.js";
import { diagnose } from "./diagnostics.js";
import { LineIndex } from "./positions.js";

export interface Analysis {
  module: Module;
  /** the type of every well-typed expression of `module` */
  types: Map<Expr, TypeName>;
}

export class AttnDocument {
  readonly lines: LineIndex;
  private analysis: Analysis | undefined;

  /** `file` names the document in messages (its path); `uri` is the client's name for it. */
  constructor(readonly text: string, readonly file: string, readonly uri: string) {
    this.lines = new LineIndex(text);
  }

  /** What `attnc check` reports for this text. */
  diagnostics(log?: (message: string) => void): LspDiagnostic[] {
    return diagnose(this.text, this.file, this.uri, log);
  }

  /** The (possibly recovered) module and its expressions' types, computed once. */
  analyze(): Analysis {
    if (this.analysis === undefined) {
      const module = parse(this.text, this.file).recovered;
      this.analysis = { module, types: checkModule(module).types };
    }
    return this.analysis;
  }
}
