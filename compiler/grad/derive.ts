/**
 * Symbolic differentiation of the IR, forward mode: `derive(root, wrt)` is the IR of
 * d root / d wrt, where `wrt` is a float leaf of `root` (the score variable `s`, or one tensor read).
 *
 * Contract:
 * - The result is `null` when it is structurally zero: `root` does not reach `wrt` through any
 *   differentiable op (ints, bools, comparisons, `floor`, `int()` and conditions have derivative 0).
 *   A null is exact, never a value that merely happens to be 0.
 * - Piecewise functions follow the branch taken, as the forward evaluates them:
 *   `select(c, a, b)` gives `select(c, da, db)` (only the taken branch's derivative is evaluated, so
 *   an infinite derivative in the other branch never leaks in as `0 * inf`), and a branch not taken
 *   contributes an exact 0 that no factor further out turns into NaN (`guarded`: reverse mode's
 *   result, where the path is simply not followed); `min(a, b)` is `a` where
 *   `a <= b` (ties go to the first operand), `max(a, b)` is `a` where `a >= b`, `abs(x)` has slope -1
 *   where `x < 0` and +1 elsewhere (also at 0).
 * - No derivative term is built for an operand whose derivative is null (so `pow(x, 2.0)` has no
 *   `log(x)` term, and `x * t` with `t` constant in `wrt` is `dx * t`).
 * - Iterative over `topo` (no recursion), memoized per call; the result is not simplified (the
 *   caller runs the passes' rules on it).
 */
import * as ir from "../ir/builder.js";
import { constValue, topo, type Node, type Op } from "../ir/node.js";

/** A derivative: an IR node, or null for a structural zero. */
export type D = Node | null;

// made on use, not at import: node ids count creation order, and generated temporaries are named by id
const ZERO = () => ir.cFloat(0);
const ONE = () => ir.cFloat(1);
const z = (d: D): Node => d ?? ZERO();

/** a + b over structural zeros */
const plus = (a: D, b: D): D => (a === null ? b : b === null ? a : ir.add(a, b));

const isZero = (n: Node) => n.op === "const" && constValue(n) === 0;

/**
 * `f(d)`, applied inside the selects whose other branch is the literal 0 of a branch not taken
 * (from `pick`): `select(c, x, 0) * f` is built as `select(c, x * f, 0)`. So a path the forward did
 * not take stays exactly 0 whatever the factors further out (`0 * inf` would be NaN: the derivative
 * of `sqrt(max(0.0, -s))` where the max takes 0.0 is 0, as reverse mode computes it), and those
 * factors are evaluated only where the path was taken.
 */
function guarded(d: Node, f: (x: Node) => Node): Node {
  if (d.op === "select" && d.type === "float") {
    const [c, a, b] = d.args as [Node, Node, Node];
    if (isZero(b) && !isZero(a)) return ir.select(c, guarded(a, f), b);
    if (isZero(a) && !isZero(b)) return ir.select(c, a, guarded(b, f));
  }
  return f(d);
}

/** d * f, where f is a forward value */
const times = (d: D, f: Node): D => (d === null ? null : guarded(d, (x) => ir.mul(x, f)));
/** a select of two derivatives: null only when both are */
const pick = (c: Node, a: D, b: D): D => (a === null && b === null ? null : ir.select(c, z(a), z(b)));

type Rule = (n: Node, d: (i: number) => D) => D;

/** The derivative of each float op from its arguments' derivatives (`d(i)`) and forward values. */
const RULES: Partial<Record<Op, Rule>> = {
  add: (_, d) => plus(d(0), d(1)),
  sub: (_, d) => {
    const [a, b] = [d(0), d(1)];
    return b === null ? a : a === null ? ir.neg(b) : ir.sub(a, b);
  },
  mul: (n, d) => plus(times(d(0), n.args[1]!), times(d(1), n.args[0]!)),
  // d(a / b) = (da - (a / b) db) / b
  div: (n, d) => {
    const [da, db] = [d(0), d(1)];
    if (da === null && db === null) return null;
    const num = db === null ? da! : da === null ? ir.neg(times(db, n)!) : ir.sub(da, times(db, n)!);
    return guarded(num, (x) => ir.divide(x, n.args[1]!));
  },
  neg: (_, d) => (d(0) === null ? null : guarded(d(0)!, ir.neg)),
  abs: (n, d) => (d(0) === null ? null : guarded(d(0)!, (x) => ir.select(ir.lt(n.args[0]!, ZERO()), ir.neg(x), x))),
  min: (n, d) => pick(ir.le(n.args[0]!, n.args[1]!), d(0), d(1)),
  max: (n, d) => pick(ir.ge(n.args[0]!, n.args[1]!), d(0), d(1)),
  select: (n, d) => pick(n.args[0]!, d(1), d(2)),
  exp: (n, d) => times(d(0), n),
  log: (n, d) => (d(0) === null ? null : guarded(d(0)!, (x) => ir.divide(x, n.args[0]!))),
  sqrt: (n, d) => (d(0) === null ? null : guarded(d(0)!, (x) => ir.divide(x, ir.mul(ir.cFloat(2), n)))),
  tanh: (n, d) => times(d(0), ir.sub(ONE(), ir.mul(n, n))),
  sigmoid: (n, d) => times(d(0), ir.mul(n, ir.sub(ONE(), n))),
  // d(a^b) = b a^(b-1) da + a^b log(a) db
  pow: (n, d) => {
    const [a, b] = n.args as [Node, Node];
    return plus(times(d(0), ir.mul(b, ir.pow(a, ir.sub(b, ONE())))), times(d(1), ir.mul(n, ir.log(a))));
  },
  // a tensor read other than `wrt`: a constant; piecewise constant, or from ints: derivative 0
  load: () => null,
  floor: () => null,
  itof: () => null,
};

/** d root / d wrt (null: structurally zero). `wrt` must be a float node. */
export function derive(root: Node, wrt: Node): D {
  const memo = new Map<Node, D>();
  for (const n of topo([root])) {
    if (n === wrt) memo.set(n, ONE());
    else if (n.type !== "float" || n.args.length === 0) memo.set(n, null);
    else {
      const rule = RULES[n.op];
      if (!rule) throw new Error(`derive: no rule for float op ${n.op}`);
      memo.set(n, rule(n, (i) => memo.get(n.args[i]!) ?? null));
    }
  }
  return memo.get(root) ?? null;
}
