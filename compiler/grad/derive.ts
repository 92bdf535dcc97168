/**
 * Symbolic differentiation of the IR, forward mode: `derive(root, wrt)` is the IR of
 * d root / d wrt, where `wrt` is a float leaf of `root` (the score variable `s`, or one tensor read).
 *
 * Contract:
 * - The result is `null` when it is structurally zero: `root` does not reach `wrt` through any
 *   differentiable op (ints, bools, comparisons, `floor`, `int()` and conditions have derivative 0).
 *   A null is exact, never a value that merely happens to be 0.
 * - The value is reverse mode's (the tape of tests/oracle/tape.ts): the sum over the paths from
 *   `root` to `wrt` that the forward evaluation takes, of the product of the local derivatives along
 *   the path. A derivative is kept as a sum of *guarded terms*, each the product along some paths
 *   under the conditions of the `select`s (and of `min`/`max`) those paths go through, outermost
 *   first; the IR built at the end nests a term in `select(cond, term, 0)`s in that order. So a
 *   path the forward did not take is an exact 0 — never `0 * inf` = NaN from a factor further out
 *   (`sqrt(max(0.0, -s))` where the max takes 0.0 has derivative 0) — and a term's factors and
 *   inner conditions are evaluated only where the forward evaluates them (a tensor read in a
 *   branch not taken is never indexed).
 * - Ties: `min(a, b)` and `max(a, b)` with `a == b` give each operand half of the derivative (as
 *   PyTorch's minimum / maximum do), so the result does not depend on the operands' order (the
 *   simplifier reorders them); `abs(x)` has slope -1 where `x < 0`, +1 where `x > 0`, 0 at 0.
 * - No derivative term is built for an operand whose derivative is null (so `pow(x, 2.0)` has no
 *   `log(x)` term, and `x * t` with `t` constant in `wrt` is `dx * t`).
 * - Iterative over `topo` (no recursion), memoized per call; the result is not simplified (the
 *   caller runs the passes' rules on it). More than MAX_TERMS guarded terms (many nested selects
 *   that all reach `wrt`) are summed into one unguarded term: the value is the same wherever the
 *   factors are finite.
 */
import * as ir from "../ir/builder.js";
import { topo, type Node, type Op } from "../ir/node.js";

/** One condition of a term: the `select` condition `cond` was `taken` (true: its first branch). */
interface Guard {
  cond: Node;
  taken: boolean;
}

/** A product along paths, under its guards (outermost first). */
interface Term {
  guards: Guard[];
  value: Node;
}

/** A derivative: guarded terms, or null for a structural zero. */
export type D = Term[] | null;

/** The most guarded terms a derivative keeps (see the header). */
export const MAX_TERMS = 64;

// made on use, not at import: node ids count creation order, and generated temporaries are named by id
const ZERO = () => ir.cFloat(0);
const ONE = () => ir.cFloat(1);
const HALF = () => ir.cFloat(0.5);

const guardKey = (g: Guard[]) => g.map((x) => `${x.taken ? "" : "!"}${x.cond.id}`).join(",");

/** a + b: terms under the same guards are added */
function plus(a: D, b: D): D {
  if (a === null) return b;
  if (b === null) return a;
  const byKey = new Map<string, Term>();
  for (const t of [...a, ...b]) {
    const k = guardKey(t.guards);
    const old = byKey.get(k);
    byKey.set(k, old ? { guards: t.guards, value: ir.add(old.value, t.value) } : t);
  }
  const terms = [...byKey.values()];
  return terms.length > MAX_TERMS ? [{ guards: [], value: materialize(terms) }] : terms;
}

/** f applied to every term's value (inside its guards) */
const each = (d: D, f: (x: Node) => Node): D => (d === null ? null : d.map((t) => ({ guards: t.guards, value: f(t.value) })));

/** d * f, where f is a forward value */
const times = (d: D, f: Node): D => each(d, (x) => ir.mul(x, f));

/** `d` under one more, outer, condition */
const under = (cond: Node, taken: boolean, d: D): D =>
  d === null ? null : d.map((t) => ({ guards: [{ cond, taken }, ...t.guards], value: t.value }));

/** the derivative of select(c, a, b) */
const pick = (c: Node, a: D, b: D): D => plus(under(c, true, a), under(c, false, b));

/** the derivative of max(a, b) (`less` = lt(b, a)) or min(a, b) (`less` = lt(a, b)): the smaller /
 * larger operand's where they differ, half of each on a tie (and where a comparison is NaN) */
function extremum(first: Node, second: Node, da: D, db: D): D {
  const tie = plus(each(da, (x) => ir.mul(x, HALF())), each(db, (x) => ir.mul(x, HALF())));
  return plus(under(first, true, da), under(first, false, plus(under(second, true, db), under(second, false, tie))));
}

/**
 * The IR of a derivative: its terms as a decision tree over their guards (terms whose outermost
 * condition is the same share one `select(cond, taken terms, other terms)`, each condition is
 * evaluated once and only under the conditions outside it), unguarded terms added.
 */
export function materialize(terms: Term[]): Node {
  const parts: Node[] = [];
  const unguarded = terms.filter((t) => t.guards.length === 0).map((t) => t.value);
  if (unguarded.length) parts.push(unguarded.reduce((x, y) => ir.add(x, y)));
  const conds: Node[] = [];
  for (const t of terms) if (t.guards.length && !conds.includes(t.guards[0]!.cond)) conds.push(t.guards[0]!.cond);
  for (const c of conds) {
    const side = (taken: boolean) => {
      const inner = terms.filter((t) => t.guards.length && t.guards[0]!.cond === c && t.guards[0]!.taken === taken);
      return inner.length ? materialize(inner.map((t) => ({ guards: t.guards.slice(1), value: t.value }))) : ZERO();
    };
    parts.push(ir.select(c, side(true), side(false)));
  }
  return parts.reduce((x, y) => ir.add(x, y));
}

type Rule = (n: Node, d: (i: number) => D) => D;

/** The derivative of each float op from its arguments' derivatives (`d(i)`) and forward values. */
const RULES: Partial<Record<Op, Rule>> = {
  add: (_, d) => plus(d(0), d(1)),
  sub: (_, d) => plus(d(0), each(d(1), ir.neg)),
  mul: (n, d) => plus(times(d(0), n.args[1]!), times(d(1), n.args[0]!)),
  // d(a / b) = da / b - (a / b) db / b
  div: (n, d) => plus(each(d(0), (x) => ir.divide(x, n.args[1]!)), each(d(1), (x) => ir.neg(ir.divide(ir.mul(n, x), n.args[1]!)))),
  neg: (_, d) => each(d(0), ir.neg),
  abs: (n, d) => {
    const x = n.args[0]!;
    return plus(under(ir.lt(x, ZERO()), true, each(d(0), ir.neg)), under(ir.lt(x, ZERO()), false, under(ir.lt(ZERO(), x), true, d(0))));
  },
  min: (n, d) => extremum(ir.lt(n.args[0]!, n.args[1]!), ir.lt(n.args[1]!, n.args[0]!), d(0), d(1)),
  max: (n, d) => extremum(ir.lt(n.args[1]!, n.args[0]!), ir.lt(n.args[0]!, n.args[1]!), d(0), d(1)),
  select: (n, d) => pick(n.args[0]!, d(1), d(2)),
  exp: (n, d) => times(d(0), n),
  log: (n, d) => each(d(0), (x) => ir.divide(x, n.args[0]!)),
  sqrt: (n, d) => each(d(0), (x) => ir.divide(x, ir.mul(ir.cFloat(2), n))),
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

/** d root / d wrt as IR (null: structurally zero). `wrt` must be a float node. */
export function derive(root: Node, wrt: Node): Node | null {
  const memo = new Map<Node, D>();
  for (const n of topo([root])) {
    if (n === wrt) memo.set(n, [{ guards: [], value: ONE() }]);
    else if (n.type !== "float" || n.args.length === 0) memo.set(n, null);
    else {
      const rule = RULES[n.op];
      if (!rule) throw new Error(`derive: no rule for float op ${n.op}`);
      memo.set(n, rule(n, (i) => memo.get(n.args[i]!) ?? null));
    }
  }
  const d = memo.get(root) ?? null;
  return d === null ? null : materialize(d);
}
