/**
 * The abstract syntax tree of a `.attn` file.
 *
 * Contract: every node carries a `span` into the source text it came from, so every later
 * diagnostic can point at a line and column. The AST is produced by `parse` (dsl/parser.ts) and
 * validated by `check` (dsl/check.ts); nothing outside `dsl/` and the lowering step
 * (compiler/lower.ts) reads it.
 */

/** A half-open range of the source: `offset` .. `endOffset` (characters), 1-based line/col of the start. */
export interface Span {
  file: string;
  offset: number;
  endOffset: number;
  line: number;
  col: number;
}

export type TypeName = "int" | "float" | "bool";
export type DType = "i32" | "f32";

/** The built-in index variables, the score variable and the size symbols. */
export const INDEX_VARS = ["b", "h", "q", "kv"] as const;
export const SIZE_VARS = ["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D"] as const;
export const SCORE_VAR = "s";
/** Size symbols usable as tensor dimensions (D is not a tensor dim of `input`s in v1: it is allowed too). */
export const DIM_SYMBOLS = ["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D"] as const;
export type IndexVar = (typeof INDEX_VARS)[number];
export type SizeVar = (typeof SIZE_VARS)[number];

/** Built-in functions and their arity (a Map: no user name finds an Object.prototype member). */
export const FUNCTIONS: ReadonlyMap<string, number> = new Map([
  ["abs", 1],
  ["min", 2],
  ["max", 2],
  ["clamp", 3],
  ["exp", 1],
  ["log", 1],
  ["sqrt", 1],
  ["tanh", 1],
  ["sigmoid", 1],
  ["pow", 2],
  ["floor", 1],
  ["int", 1],
  ["float", 1],
  ["ilog2", 1],
  ["cdiv", 2],
]);

export type BinaryOp =
  | "+" | "-" | "*" | "/" | "%"
  | "==" | "!=" | "<" | "<=" | ">" | ">="
  | "&&" | "||"
  | "&" | "|" | "^" | "<<" | ">>";
export type UnaryOp = "-" | "!";

export type Expr =
  | { kind: "int"; value: number; span: Span }
  | { kind: "float"; value: number; span: Span }
  | { kind: "bool"; value: boolean; span: Span }
  /** `inf` is a float literal written as the identifier `inf` (so `-inf` is unary minus of it). */
  | { kind: "name"; name: string; span: Span }
  | { kind: "unary"; op: UnaryOp; arg: Expr; span: Span }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; span: Span }
  | { kind: "ternary"; cond: Expr; then: Expr; else: Expr; span: Span }
  /** A call of a built-in function or of a `def` with parameters. `nameSpan` covers the callee. */
  | { kind: "call"; name: string; nameSpan: Span; args: Expr[]; span: Span }
  /** A tensor read `name[i, j]`. */
  | { kind: "index"; name: string; nameSpan: Span; indices: Expr[]; span: Span };

export interface DefParam {
  name: string;
  type: TypeName;
  span: Span;
}

/** `def NAME = expr` or `def NAME(a: int, ...) = expr`. `params` is null for the form without parentheses. */
export interface Def {
  kind: "def";
  name: string;
  nameSpan: Span;
  params: DefParam[] | null;
  body: Expr;
  span: Span;
}

/** A literal default of a `param`: its value and the literal's type. */
export interface Literal {
  type: TypeName;
  value: number | boolean;
  span: Span;
}

/** One dimension of an `input` declaration: an integer literal, a param name or a size symbol, or
 * (v2) an int expression over those (`cdiv(Q_LEN, 64)`, `2 * R + 1`; checked by dsl/check.ts). */
export type Dim =
  | { kind: "const"; value: number; span: Span }
  | { kind: "name"; name: string; span: Span }
  | { kind: "expr"; expr: Expr; span: Span };

export type Item =
  | { kind: "param"; name: string; nameSpan: Span; type: TypeName; default: Literal; span: Span }
  | { kind: "input"; name: string; nameSpan: Span; dtype: DType; dims: Dim[]; span: Span }
  | { kind: "let"; name: string; nameSpan: Span; value: Expr; span: Span }
  | { kind: "mask"; expr: Expr; span: Span }
  | { kind: "score"; expr: Expr; span: Span }
  | { kind: "normalize"; mode: string; modeSpan: Span; span: Span }
  /** (v2) `sink expr`: a per-row logit that joins the softmax's denominator with no value row */
  | { kind: "sink"; expr: Expr; span: Span };

export interface Attention {
  kind: "attention";
  name: string;
  nameSpan: Span;
  items: Item[];
  span: Span;
}

export interface Module {
  file: string;
  source: string;
  defs: Def[];
  attentions: Attention[];
}
