/**
 * Typed constructors for IR nodes. They insert the language's implicit int -> float conversion
 * in mixed arithmetic and canonicalize `>`/`>=` to `<`/`<=` with swapped operands, and do no
 * other simplification (that is the passes' job, so each pass has something to show).
 */
import { mk, type Node, type Type } from "./node.js";

export const cInt = (v: number): Node => mk("const", "int", [], { value: v | 0 });
export const cFloat = (v: number): Node => mk("const", "float", [], { value: Math.fround(v) });
export const cBool = (v: boolean): Node => mk("const", "bool", [], { value: v });
export const TRUE = cBool(true);
export const FALSE = cBool(false);
export const NEG_INF = cFloat(-Infinity);

export const v = (name: string, type: Type = "int"): Node => mk("var", type, [], { name });
export const load = (tensor: string, type: "int" | "float", idx: Node[]): Node => mk("load", type, idx, { tensor });

export const toFloat = (n: Node): Node => (n.type === "float" ? n : mk("itof", "float", [n]));
export const toInt = (n: Node): Node => (n.type === "int" ? n : mk("ftoi", "int", [n]));

/** Brings two numeric operands to a common type (int op int stays int, otherwise float). */
function unify(a: Node, b: Node): [Node, Node, "int" | "float"] {
  if (a.type === "int" && b.type === "int") return [a, b, "int"];
  return [toFloat(a), toFloat(b), "float"];
}

const arith = (op: "add" | "sub" | "mul" | "min" | "max") => (a: Node, b: Node): Node => {
  const [x, y, t] = unify(a, b);
  return mk(op, t, [x, y]);
};
export const add = arith("add");
export const sub = arith("sub");
export const mul = arith("mul");
export const min = arith("min");
export const max = arith("max");

/** `/` of the language: floor division on ints, true division otherwise. */
export function divide(a: Node, b: Node): Node {
  const [x, y, t] = unify(a, b);
  return t === "int" ? mk("idiv", "int", [x, y]) : mk("div", "float", [x, y]);
}
/** `%` of the language: floor modulo on ints; on floats `a - b * floor(a / b)`. */
export function modulo(a: Node, b: Node): Node {
  const [x, y, t] = unify(a, b);
  if (t === "int") return mk("imod", "int", [x, y]);
  return mk("sub", "float", [x, mk("mul", "float", [y, mk("floor", "float", [mk("div", "float", [x, y])])])]);
}
export const neg = (a: Node): Node => mk("neg", a.type, [a]);
export const abs = (a: Node): Node => mk("abs", a.type, [a]);

type Cmp = "lt" | "le" | "eq" | "ne";
function cmp(op: Cmp, a: Node, b: Node): Node {
  if (a.type === "bool" || b.type === "bool") return mk(op, "bool", [a, b]);
  const [x, y] = unify(a, b);
  return mk(op, "bool", [x, y]);
}
export const lt = (a: Node, b: Node) => cmp("lt", a, b);
export const le = (a: Node, b: Node) => cmp("le", a, b);
export const gt = (a: Node, b: Node) => cmp("lt", b, a);
export const ge = (a: Node, b: Node) => cmp("le", b, a);
export const eq = (a: Node, b: Node) => cmp("eq", a, b);
export const ne = (a: Node, b: Node) => cmp("ne", a, b);

export const and = (a: Node, b: Node): Node => mk("and", "bool", [a, b]);

/** operands folded left to right before chains are balanced (short lists print as they read) */
const CHAIN = 64;
/**
 * `f` over `xs` in order (`unit` for none): left-deep chains of at most CHAIN operands, combined as a
 * balanced tree, so thousands of operands nest at most CHAIN + log2(n) levels. For an associative
 * `f` (and, or, min, max) the value is the chain's, and for and/or the left-to-right evaluation
 * order is the same (`(a && b) && (c && d)` evaluates a, b, c, d and stops at the first false).
 */
export function foldBalanced(xs: readonly Node[], f: (a: Node, b: Node) => Node, unit: Node): Node {
  if (xs.length === 0) return unit;
  let level: Node[] = [];
  for (let i = 0; i < xs.length; i += CHAIN) level.push(xs.slice(i, i + CHAIN).reduce((a, b) => f(a, b)));
  while (level.length > 1) {
    const next: Node[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? f(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}
export const or = (a: Node, b: Node): Node => mk("or", "bool", [a, b]);
export const not = (a: Node): Node => mk("not", "bool", [a]);

export function select(c: Node, a: Node, b: Node): Node {
  if (a.type === "bool" && b.type === "bool") return mk("select", "bool", [c, a, b]);
  const [x, y, t] = unify(a, b);
  return mk("select", t, [c, x, y]);
}

const unaryF = (op: "exp" | "log" | "sqrt" | "tanh" | "sigmoid" | "floor") => (a: Node): Node =>
  mk(op, "float", [toFloat(a)]);
export const exp = unaryF("exp");
export const log = unaryF("log");
export const sqrt = unaryF("sqrt");
export const tanh = unaryF("tanh");
export const sigmoid = unaryF("sigmoid");
export const floor = unaryF("floor");
export const pow = (a: Node, b: Node): Node => mk("pow", "float", [toFloat(a), toFloat(b)]);
export const clamp = (x: Node, lo: Node, hi: Node): Node => min(max(x, lo), hi);

/** int bit operations (the checker admits int operands only) */
export const band = (a: Node, b: Node): Node => mk("band", "int", [a, b]);
export const bor = (a: Node, b: Node): Node => mk("bor", "int", [a, b]);
export const bxor = (a: Node, b: Node): Node => mk("bxor", "int", [a, b]);
export const shl = (a: Node, b: Node): Node => mk("shl", "int", [a, b]);
export const shr = (a: Node, b: Node): Node => mk("shr", "int", [a, b]);
export const ilog2 = (a: Node): Node => mk("ilog2", "int", [a]);

/**
 * `cdiv(a, b)` of the language: the ceiling of a / b (for b != 0; `cdiv(a, 0) == 0` as `a / 0`),
 * as floor division plus one where the remainder is not zero: `ceil(a/b) == floor(a/b) + (a % b != 0)`
 * for either sign of b; it wraps only where `/` does (`cdiv(-2147483648, -1)`).
 */
export function cdiv(a: Node, b: Node): Node {
  const fl = mk("idiv", "int", [a, b]);
  const up = and(ne(mk("imod", "int", [a, b]), cInt(0)), ne(b, cInt(0)));
  return select(up, add(fl, cInt(1)), fl);
}
