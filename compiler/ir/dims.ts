/**
 * Derived input dims (docs/language.md § 2 and § 10): a dim of an `input` written as an int
 * expression over the sizes, e.g. `cdiv(Q_LEN, 64)` or `2 * R + 1`.
 *
 * Contract:
 * - A `DimExpr` has been through lowering: params are substituted and every sub-tree without a
 *   size is folded to a literal, so a derived dim (`DimSpec` kind `expr`) always names a size, and
 *   a dim without one is a `const`.
 * - Its value is the **exact** integer value of the expression with the language's int operators
 *   (`/` and `%` floor, `x / 0 == 0`, `x % 0 == x`, `cdiv` the ceiling with `cdiv(x, 0) == 0`,
 *   `min`, `max`), computed from the tensors' sizes (`Q_LEN`, `KV_LEN`: the padded lengths). A dim is
 *   valid when every intermediate value lies in int32 and the result is at least 1; then the
 *   wrapping 32-bit evaluation a kernel makes gives the same value. Otherwise the call fails with
 *   E0408 (`dimValue`/`dimProblem`), and at compile time, for a dim without a size, E0215.
 * - `dimText` is the dim as written back in the language (manifests, messages, headers).
 */
import { INT32_MAX, INT32_MIN } from "./limits.js";
import type { DimSpec, InputDecl, SizeName } from "./program.js";

export type DimBinOp = "add" | "sub" | "mul" | "div" | "mod" | "cdiv" | "min" | "max";
export type DimExpr =
  | { op: "const"; value: number }
  | { op: "size"; name: SizeName }
  | { op: "neg"; a: DimExpr }
  | { op: DimBinOp; a: DimExpr; b: DimExpr };

const INFIX: Partial<Record<DimBinOp, [string, number]>> = { add: ["+", 1], sub: ["-", 1], mul: ["*", 2], div: ["/", 2], mod: ["%", 2] };

/** `x` when it is an int32 value, else NaN (which every later op and check keeps) */
const ck = (x: number): number => (x >= INT32_MIN && x <= INT32_MAX ? x : NaN);

/** One op on exact int32 operands (NaN in, NaN out). */
export function dimOp(op: DimBinOp | "neg", a: number, b = 0): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  switch (op) {
    case "neg": return ck(-a);
    case "add": return ck(a + b);
    case "sub": return ck(a - b);
    // a product beyond 2^53 is inexact in a double, but then far outside int32 either way
    case "mul": return ck(a * b);
    case "div": return b === 0 ? 0 : ck(Math.floor(a / b));
    case "mod": return b === 0 ? a : ck(a - b * Math.floor(a / b));
    case "cdiv": return b === 0 ? 0 : ck(-Math.floor(-a / b));
    case "min": return Math.min(a, b);
    case "max": return Math.max(a, b);
  }
}

/** The exact value of `e` for these sizes; NaN where an intermediate leaves int32. */
export function evalDimExpr(e: DimExpr, sizes: Readonly<Record<SizeName, number>>): number {
  switch (e.op) {
    case "const": return e.value;
    case "size": return sizes[e.name];
    case "neg": return dimOp("neg", evalDimExpr(e.a, sizes));
    default: return dimOp(e.op, evalDimExpr(e.a, sizes), evalDimExpr(e.b, sizes));
  }
}

/** `e` in the language's syntax, parenthesized only where needed. */
export function dimExprText(e: DimExpr, prec = 0): string {
  switch (e.op) {
    case "const": return e.value < 0 && prec > 0 ? `(${e.value})` : String(e.value);
    case "size": return e.name;
    case "neg": return `-${dimExprText(e.a, 3)}`;
    default: {
      const inf = INFIX[e.op];
      if (!inf) return `${e.op}(${dimExprText(e.a)}, ${dimExprText(e.b)})`;
      const [sym, p] = inf;
      const s = `${dimExprText(e.a, p)} ${sym} ${dimExprText(e.b, p + 1)}`;
      return p < prec ? `(${s})` : s;
    }
  }
}

/** Whether `e` names a size (else it is a constant). */
export const dimExprHasSize = (e: DimExpr): boolean =>
  e.op === "size" || (e.op !== "const" && (dimExprHasSize(e.a) || ("b" in e && dimExprHasSize(e.b))));

/** A dim as written in the language: `64`, `Q_LEN`, `cdiv(Q_LEN, 64)`. */
export function dimText(d: DimSpec): string {
  return d.kind === "const" ? String(d.value) : d.kind === "size" ? d.name : d.text;
}

/** A dim's value for these sizes (NaN for an invalid derived dim: see `dimProblem`). */
export function dimValue(d: DimSpec, sizes: Readonly<Record<SizeName, number>>): number {
  if (d.kind === "const") return d.value;
  if (d.kind === "size") return sizes[d.name];
  const v = evalDimExpr(d.expr, sizes);
  return v >= 1 ? v : NaN;
}

/** The dims of an input for these sizes. */
export const dimValues = (decl: InputDecl, sizes: Readonly<Record<SizeName, number>>): number[] => decl.dims.map((d) => dimValue(d, sizes));

/** Why a derived dim of these inputs is invalid for these sizes (an E0408 message), or null. */
export function dimProblem(inputs: readonly InputDecl[], sizes: Readonly<Record<SizeName, number>>): string | null {
  for (const i of inputs) {
    for (let k = 0; k < i.dims.length; k++) {
      const d = i.dims[k]!;
      if (d.kind !== "expr") continue;
      const v = evalDimExpr(d.expr, sizes);
      if (Number.isNaN(v)) return `dimension ${k + 1} of input \`${i.name}\`, ${d.text}, overflows int32 for these sizes`;
      if (v < 1) return `dimension ${k + 1} of input \`${i.name}\`, ${d.text}, is ${v} for these sizes; it must be at least 1`;
    }
  }
  return null;
}

/**
 * `e` as a JavaScript expression that computes its exact value, or NaN where an intermediate leaves
 * int32, through the function named `op` (a copy of `dimOp`, see `DIM_OP_JS`); `size(name)` spells a size.
 */
export function dimExprJS(e: DimExpr, size: (name: SizeName) => string, op = "dimOp"): string {
  switch (e.op) {
    case "const": return e.value < 0 ? `(${e.value})` : String(e.value);
    case "size": return size(e.name);
    case "neg": return `${op}("neg", ${dimExprJS(e.a, size, op)})`;
    default: return `${op}("${e.op}", ${dimExprJS(e.a, size, op)}, ${dimExprJS(e.b, size, op)})`;
  }
}

/** `dimOp` as standalone TypeScript source (for generated modules, which import nothing). */
export const DIM_OP_TS = `/** one op of a derived dim, exact: NaN where a value leaves int32 (docs/language.md § 10) */
function dimOp(op: string, a: number, b = 0): number {
  const ck = (x: number): number => (x >= -2147483648 && x <= 2147483647 ? x : NaN);
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  switch (op) {
    case "neg": return ck(-a);
    case "add": return ck(a + b);
    case "sub": return ck(a - b);
    case "mul": return ck(a * b);
    case "div": return b === 0 ? 0 : ck(Math.floor(a / b));
    case "mod": return b === 0 ? a : ck(a - b * Math.floor(a / b));
    case "cdiv": return b === 0 ? 0 : ck(-Math.floor(-a / b));
    case "min": return Math.min(a, b);
    default: return Math.max(a, b);
  }
}`;

const SANITIZE: Record<string, string> = { "+": "p", "-": "m", "*": "x", "/": "d", "%": "r", "(": "o", ")": "c", ",": "k", " ": "" };
/** An identifier for a derived dim's value in generated code (`dim_cdivoQ_LENk64c`), the same for equal texts. */
export const dimIdent = (d: Extract<DimSpec, { kind: "expr" }>): string => `dim_${d.text.replace(/[^A-Za-z0-9_]/g, (c) => SANITIZE[c] ?? "_")}`;

/** The distinct derived dims of these inputs, in order of first appearance. */
export function exprDims(inputs: readonly InputDecl[]): Extract<DimSpec, { kind: "expr" }>[] {
  const seen = new Map<string, Extract<DimSpec, { kind: "expr" }>>();
  for (const i of inputs) for (const d of i.dims) if (d.kind === "expr" && !seen.has(d.text)) seen.set(d.text, d);
  return [...seen.values()];
}
