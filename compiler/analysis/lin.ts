/**
 * Integer linear combinations over IR terms, and folding IR constructors, for the tile classifier.
 *
 * Contract: a `Lin` is `k + Σ c_t · t` with integer coefficients `c_t ≠ 0` over *terms*, where a
 * term is any int IR node (an analysis variable such as `q`, `kv` or a floor atom `$t3`, or a
 * uniform node such as `qlo`, `w`, `doc[b, qlo]`). Lins are immutable values; arithmetic on them is
 * exact (no int32 wrap: the classifier assumes the mask's integer arithmetic does not overflow on
 * in-range indices). `linToIR` and the `f*` constructors build IR with constant folding so that the
 * classifier IR stays small; they never change a value.
 */
import { cInt, TRUE, FALSE } from "../ir/builder.js";
import { constValue, mk, type Node } from "../ir/node.js";

export interface Lin {
  readonly k: number;
  readonly terms: ReadonlyMap<Node, number>;
}

const EMPTY: ReadonlyMap<Node, number> = new Map();
export const linConst = (k: number): Lin => ({ k, terms: EMPTY });
export const linTerm = (t: Node, c = 1): Lin => ({ k: 0, terms: new Map([[t, c]]) });

export function linAdd(a: Lin, b: Lin, sb = 1): Lin {
  const terms = new Map(a.terms);
  for (const [t, c] of b.terms) {
    const x = (terms.get(t) ?? 0) + sb * c;
    if (x === 0) terms.delete(t);
    else terms.set(t, x);
  }
  return { k: a.k + sb * b.k, terms };
}
export const linSub = (a: Lin, b: Lin): Lin => linAdd(a, b, -1);
export function linScale(a: Lin, s: number): Lin {
  if (s === 0) return linConst(0);
  const terms = new Map<Node, number>();
  for (const [t, c] of a.terms) terms.set(t, c * s);
  return { k: a.k * s, terms };
}
/** a / g where g divides every coefficient and the constant */
export function linDivExact(a: Lin, g: number): Lin {
  const terms = new Map<Node, number>();
  for (const [t, c] of a.terms) terms.set(t, c / g);
  return { k: a.k / g, terms };
}
export const isConstLin = (a: Lin): boolean => a.terms.size === 0;

/** Splits a Lin into the part over the `vars` and the rest (uniform). */
export function linSplit(a: Lin, isVar: (t: Node) => boolean): { vars: Lin; rest: Lin } {
  const vt = new Map<Node, number>();
  const rt = new Map<Node, number>();
  for (const [t, c] of a.terms) (isVar(t) ? vt : rt).set(t, c);
  return { vars: { k: 0, terms: vt }, rest: { k: a.k, terms: rt } };
}

/** A stable text key (term ids) for deduplication. */
export function linKey(a: Lin): string {
  const parts = [...a.terms].map(([t, c]) => [t.id, c] as const).sort((x, y) => x[0] - y[0]);
  return `${a.k}|${parts.map(([i, c]) => `${c}*${i}`).join("+")}`;
}

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};
export { gcd };

/**
 * Bound on the constants and coefficients the classifier IR may contain: 2^30, so that adding a
 * few tile bounds or sizes (assumed below 2^28) to one never wraps in 32-bit arithmetic. Conditions
 * that would need larger numbers are dropped (fm.ts), which only loses precision.
 */
export const INT_SAFE = 2 ** 30;
/** Assumed bound on every run-time value the classifier IR combines (tile bounds, sizes, b, h, reads). */
export const RUNTIME_MAX = 2 ** 28;

/** The sign of `a` when its constant dominates every possible value of its terms, else 0. */
export function dominantSign(a: Lin): -1 | 0 | 1 {
  let bound = 0;
  for (const c of a.terms.values()) bound += Math.abs(c) * RUNTIME_MAX;
  if (a.k > bound) return 1;
  if (a.k < -bound) return -1;
  return 0;
}

export const fitsInt = (a: Lin): boolean =>
  Math.abs(a.k) <= INT_SAFE && [...a.terms.values()].every((c) => Math.abs(c) <= INT_SAFE);

/**
 * floor(a / g) for a positive constant g, as a Lin: exact division when every coefficient divides,
 * else an `idiv` term with the divisible part of the constant taken out (so that floor((x + 8k)/8)
 * becomes floor(x/8) + k and is shared). Requires fitsInt(a).
 */
export function linFloorDiv(a: Lin, g: number): Lin {
  if (g === 1) return a;
  const { terms } = a;
  const m = Math.floor(a.k / g);
  if ([...terms.values()].every((c) => c % g === 0)) {
    const t = new Map<Node, number>();
    for (const [n, c] of terms) t.set(n, c / g);
    return { k: m, terms: t };
  }
  const r = a.k - m * g;
  return linAdd(linTerm(fIdiv(linToIR({ k: r, terms }), cInt(g))), linConst(m));
}

const keys = new WeakMap<Node, string>();
/** A structural key (independent of creation order), so that printed classifiers are stable. */
export function nodeKey(n: Node): string {
  let k = keys.get(n);
  if (k === undefined) {
    const attr = n.attr === null ? "" : JSON.stringify(n.attr);
    k = `${n.op}${attr}(${n.args.map(nodeKey).join(",")})`;
    keys.set(n, k);
  }
  return k;
}

// ── folding IR constructors ──

const ci = (n: Node): number | undefined => {
  const x = constValue(n);
  return typeof x === "number" ? x : undefined;
};

export function fAdd(a: Node, b: Node): Node {
  const x = ci(a), y = ci(b);
  if (x !== undefined && y !== undefined) return cInt(x + y);
  if (x === 0) return b;
  if (y === 0) return a;
  return mk("add", "int", [a, b]);
}
export function fSub(a: Node, b: Node): Node {
  const x = ci(a), y = ci(b);
  if (x !== undefined && y !== undefined) return cInt(x - y);
  if (y === 0) return a;
  return mk("sub", "int", [a, b]);
}
export function fMul(a: Node, c: number): Node {
  if (c === 1) return a;
  const x = ci(a);
  if (x !== undefined) return cInt(x * c);
  return mk("mul", "int", [cInt(c), a]);
}
export function fIdiv(a: Node, b: Node): Node {
  const x = ci(a), y = ci(b);
  if (y === 1) return a;
  if (x !== undefined && y !== undefined && y !== 0) return cInt(Math.floor(x / y));
  return mk("idiv", "int", [a, b]);
}
export function fMin(a: Node, b: Node): Node {
  if (a === b) return a;
  const x = ci(a), y = ci(b);
  if (x !== undefined && y !== undefined) return cInt(Math.min(x, y));
  return mk("min", "int", [a, b]);
}
export function fMax(a: Node, b: Node): Node {
  if (a === b) return a;
  const x = ci(a), y = ci(b);
  if (x !== undefined && y !== undefined) return cInt(Math.max(x, y));
  return mk("max", "int", [a, b]);
}
export function fAnd(a: Node, b: Node): Node {
  if (a === FALSE || b === FALSE) return FALSE;
  if (a === TRUE) return b;
  if (b === TRUE || a === b) return a;
  return mk("and", "bool", [a, b]);
}
export function fOr(a: Node, b: Node): Node {
  if (a === TRUE || b === TRUE) return TRUE;
  if (a === FALSE) return b;
  if (b === FALSE || a === b) return a;
  return mk("or", "bool", [a, b]);
}
export function fNot(a: Node): Node {
  if (a === TRUE) return FALSE;
  if (a === FALSE) return TRUE;
  if (a.op === "not") return a.args[0]!;
  return mk("not", "bool", [a]);
}
export function fSelect(c: Node, a: Node, b: Node): Node {
  if (c === TRUE || a === b) return a;
  if (c === FALSE) return b;
  return mk("select", a.type, [c, a, b]);
}
export const fAndAll = (xs: Node[]): Node => balanced(xs, fAnd, TRUE);
export const fOrAll = (xs: Node[]): Node => balanced(xs, fOr, FALSE);
function balanced(xs: Node[], f: (a: Node, b: Node) => Node, unit: Node): Node {
  if (xs.length === 0) return unit;
  let acc = xs[0]!;
  for (let i = 1; i < xs.length; i++) acc = f(acc, xs[i]!);
  return acc;
}

/** Σ of positive-coefficient terms of `a` (and its constant if positive) as IR, and likewise for the negative part. */
function sides(a: Lin): [Node, Node] {
  const pos: Node[] = [];
  const negs: Node[] = [];
  const sorted = [...a.terms].sort((x, y) => (nodeKey(x[0]) < nodeKey(y[0]) ? -1 : nodeKey(x[0]) > nodeKey(y[0]) ? 1 : 0));
  for (const [t, c] of sorted) (c > 0 ? pos : negs).push(fMul(t, Math.abs(c)));
  let p = pos.reduce(fAdd, cInt(0));
  let n = negs.reduce(fAdd, cInt(0));
  if (a.k > 0) p = fAdd(p, cInt(a.k));
  if (a.k < 0) n = fAdd(n, cInt(-a.k));
  return [p, n];
}

export function linToIR(a: Lin): Node {
  const [p, n] = sides(a);
  return fSub(p, n);
}

/** The bool IR `a <= 0`, printed as `P <= N` (or `P < N`) with both sides positive sums. */
export function linLeZeroIR(a: Lin): Node {
  if (isConstLin(a)) return a.k <= 0 ? TRUE : FALSE;
  if (a.k >= 1) {
    const [p, n] = sides({ k: a.k - 1, terms: a.terms });
    return mk("lt", "bool", [p, n]);
  }
  const [p, n] = sides(a);
  return mk("le", "bool", [p, n]);
}
