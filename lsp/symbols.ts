/**
 * Which declaration a name in the source means: the name under a cursor (`occurrenceAt`) and
 * what it refers to, by the checker's scope rules (dsl/check.ts).
 *
 * Contract: pure, never throws on any module the parser returns (complete or recovered). Scopes:
 * inside a def, its own parameters, then the defs, then the built-ins; inside an attention block,
 * the block's params, inputs and lets (the first declaration of a name), then the defs, then the
 * built-ins. A name that resolves to nothing is `unknown` (the checker reports it as E0201 or
 * E0203). Cost: O(size of the item under the cursor) after skipping the others by their spans.
 */
import { FUNCTIONS, type Attention, type Def, type DefParam, type Expr, type Item, type Module, type Span } from "../dsl/ast.js";
import { BUILTIN_VARS } from "../dsl/names.js";

export type Decl = Extract<Item, { kind: "param" | "input" | "let" }>;

export type Target =
  | { kind: "def"; def: Def }
  | { kind: "def-param"; def: Def; param: DefParam }
  | { kind: "decl"; att: Attention; decl: Decl }
  | { kind: "attention"; att: Attention }
  | { kind: "variable"; name: string }
  | { kind: "function"; name: string }
  | { kind: "unknown"; name: string };

/** A name in the source: its text, its span (the name only) and what it means. */
export interface Occurrence {
  name: string;
  span: Span;
  target: Target;
}

/** Where a name is looked up: in a def's body or in an attention block. */
type Scope = { def: Def; att?: undefined } | { att: Attention; def?: undefined };

/** How a name is used: as a value (`w`), called (`f(x)`) or indexed (`t[i]`). */
type Use = "name" | "call" | "index";

/** A span contains an offset also at its end (a cursor just after a name is on it). */
const within = (s: Span, offset: number) => s.offset <= offset && offset <= s.endOffset;

/** The span of a def parameter's name (its span also covers `: type`). */
export const paramNameSpan = (p: DefParam): Span => ({ ...p.span, endOffset: p.span.offset + p.name.length });

export function resolve(mod: Module, scope: Scope, name: string, use: Use): Target {
  if (scope.def) {
    const param = scope.def.params?.find((p) => p.name === name);
    if (param) return { kind: "def-param", def: scope.def, param };
  } else {
    const decl = scope.att.items.find((it): it is Decl => (it.kind === "param" || it.kind === "input" || it.kind === "let") && it.name === name);
    if (decl) return { kind: "decl", att: scope.att, decl };
  }
  const def = mod.defs.find((d) => d.name === name);
  if (def) return { kind: "def", def };
  if (use === "call" && FUNCTIONS.has(name)) return { kind: "function", name };
  if (use === "name" && BUILTIN_VARS.has(name)) return { kind: "variable", name };
  return { kind: "unknown", name };
}

/**
 * The span of the name itself in a name expression: the parser widens an expression's span over
 * the parentheses around it (`((kv))`), so skip those, blanks and comments from its start.
 */
function bareName(source: string, e: Extract<Expr, { kind: "name" }>): Span {
  let i = e.span.offset;
  const end = e.span.endOffset;
  while (i < end && !source.startsWith(e.name, i)) {
    const c = source[i]!;
    if (c === "#" || source.startsWith("//", i)) while (i < end && source[i] !== "\n" && source[i] !== "\r") i++;
    else if (c === "(" || /\s/.test(c)) i++;
    else return e.span; // not the shape expected: keep the whole span
  }
  return { ...e.span, offset: i, endOffset: Math.min(end, i + e.name.length) }; // line and col stay the expression's: lsp/ reads offsets
}

/** The name at `offset` inside the expression `root`, walking down only the subtree holding it. */
function inExpr(mod: Module, scope: Scope, root: Expr, offset: number): Occurrence | undefined {
  let e: Expr | undefined = root;
  while (e !== undefined && within(e.span, offset)) {
    switch (e.kind) {
      case "name": {
        const span = bareName(mod.source, e);
        return within(span, offset) ? { name: e.name, span, target: resolve(mod, scope, e.name, "name") } : undefined;
      }
      case "call":
      case "index":
        if (within(e.nameSpan, offset)) return { name: e.name, span: e.nameSpan, target: resolve(mod, scope, e.name, e.kind) };
        e = (e.kind === "call" ? e.args : e.indices).find((a) => within(a.span, offset));
        break;
      case "unary":
        e = e.arg;
        break;
      case "binary":
        e = within(e.left.span, offset) ? e.left : e.right;
        break;
      case "ternary":
        e = [e.cond, e.then, e.else].find((a) => within(a.span, offset));
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

function inDef(mod: Module, def: Def, offset: number): Occurrence | undefined {
  if (within(def.nameSpan, offset)) return { name: def.name, span: def.nameSpan, target: { kind: "def", def } };
  for (const p of def.params ?? []) {
    const span = paramNameSpan(p);
    if (within(span, offset)) return { name: p.name, span, target: { kind: "def-param", def, param: p } };
  }
  return inExpr(mod, { def }, def.body, offset);
}

function inItem(mod: Module, att: Attention, it: Item, offset: number): Occurrence | undefined {
  const scope: Scope = { att };
  switch (it.kind) {
    case "param":
    case "input":
    case "let":
      if (within(it.nameSpan, offset)) return { name: it.name, span: it.nameSpan, target: { kind: "decl", att, decl: it } };
      if (it.kind === "let") return inExpr(mod, scope, it.value, offset);
      if (it.kind === "input") {
        const d = it.dims.find((x) => x.kind === "name" && within(x.span, offset));
        if (d?.kind === "name") return { name: d.name, span: d.span, target: resolve(mod, scope, d.name, "name") };
      }
      return undefined;
    case "mask":
    case "score":
    case "sink":
      return inExpr(mod, scope, it.expr, offset);
    default:
      return undefined;
  }
}

/** The name at `offset` (a character offset into the module's source), if there is one. */
export function occurrenceAt(mod: Module, offset: number): Occurrence | undefined {
  for (const def of mod.defs) if (within(def.span, offset)) return inDef(mod, def, offset);
  for (const att of mod.attentions) {
    if (!within(att.span, offset)) continue;
    if (within(att.nameSpan, offset)) return { name: att.name, span: att.nameSpan, target: { kind: "attention", att } };
    for (const it of att.items) if (within(it.span, offset)) return inItem(mod, att, it, offset);
  }
  return undefined;
}

/** The span a target is declared at (its name), or undefined for built-ins and unknown names. */
export function declarationSpan(t: Target): Span | undefined {
  switch (t.kind) {
    case "def": return t.def.nameSpan;
    case "def-param": return paramNameSpan(t.param);
    case "decl": return t.decl.nameSpan;
    case "attention": return t.att.nameSpan;
    default: return undefined;
  }
}
