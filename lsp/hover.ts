/**
 * Hover: what the name under the cursor is — a param (type and default), an input (dtype and
 * dims), a let or a def (type; a def's signature), a def's parameter, or a built-in variable or
 * function (with its line of docs/language.md, lsp/builtins.ts). Markdown, with the declaration
 * in an `attn` code block. Nothing (null) on a literal, an operator or an unknown name.
 */
import type { Hover, Position } from "vscode-languageserver";
import type { Expr, Span, TypeName } from "../dsl/ast.js";
import { functionDoc, variableDoc } from "./builtins.js";
import type { AttnDocument } from "./document.js";
import { occurrenceAt, type Target } from "./symbols.js";

/** The longest source excerpt shown (a let's or def's expression); longer ones end with `…`. */
const EXCERPT = 80;

const code = (text: string) => "```attn\n" + text + "\n```";

function excerpt(source: string, span: Span): string {
  const text = source.slice(span.offset, Math.min(span.endOffset, span.offset + 4 * EXCERPT)).replace(/\s+/g, " ").trim();
  return text.length > EXCERPT || span.endOffset - span.offset > 4 * EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

/** `: type` when the checker found the expression's type. */
const typed = (types: Map<Expr, TypeName>, e: Expr) => {
  const t = types.get(e);
  return t === undefined ? "" : `: ${t}`;
};

function describe(doc: AttnDocument, t: Target): string | undefined {
  const { module, types } = doc.analyze();
  const src = module.source;
  switch (t.kind) {
    case "def": {
      const d = t.def;
      const params = d.params === null ? "" : `(${d.params.map((p) => `${p.name}: ${p.type}`).join(", ")})`;
      return `${code(`def ${d.name}${params}${typed(types, d.body)}`)}\n\n= \`${excerpt(src, d.body.span)}\``;
    }
    case "def-param":
      return `${code(`${t.param.name}: ${t.param.type}`)}\n\nparameter of def \`${t.def.name}\``;
    case "attention": {
      const names = (kind: string) => t.att.items.filter((it) => it.kind === kind).map((it) => `\`${(it as { name: string }).name}\``);
      const parts = [["params", names("param")], ["inputs", names("input")], ["lets", names("let")]] as const;
      const list = parts.filter(([, n]) => n.length > 0).map(([k, n]) => `${k} ${n.join(", ")}`).join("; ");
      return `${code(`attention ${t.att.name}`)}\n\nattention block${list ? `: ${list}` : ""}`;
    }
    case "decl": {
      const it = t.decl;
      const owner = `attention \`${t.att.name}\``;
      if (it.kind === "param") {
        return `${code(`param ${it.name}: ${it.type} = ${excerpt(src, it.default.span)}`)}\n\nparam of ${owner}: a compile-time constant (\`--param ${it.name}=V\` overrides it)`;
      }
      if (it.kind === "input") {
        const dims = it.dims.map((d) => (d.kind === "const" ? String(d.value) : d.kind === "name" ? d.name : src.slice(d.span.offset, d.span.endOffset))).join(", ");
        const reads = it.dtype === "i32" ? "int" : "float";
        return `${code(`input ${it.name}: ${it.dtype}[${dims}]`)}\n\ninput of ${owner}: a tensor given at run time (\`${it.name}.npy\`); \`${it.name}[…]\` reads ${it.dims.length === 1 ? "one index" : `${it.dims.length} indices`} and is ${reads === "int" ? "an int" : "a float"}`;
      }
      return `${code(`let ${it.name}${typed(types, it.value)}`)}\n\nlet of ${owner} = \`${excerpt(src, it.value.span)}\``;
    }
    case "variable":
      return variableDoc(t.name);
    case "function":
      return functionDoc(t.name);
    default:
      return undefined;
  }
}

export function hoverAt(doc: AttnDocument, position: Position): Hover | null {
  const occ = occurrenceAt(doc.analyze().module, doc.lines.offsetAt(position));
  if (!occ) return null;
  const value = describe(doc, occ.target);
  if (value === undefined) return null;
  return { contents: { kind: "markdown", value }, range: doc.lines.rangeOf(occ.span) };
}
