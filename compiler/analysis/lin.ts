/**
 * Integer linear combinations over IR terms, and folding IR constructors, for the tile classifier.
 *
 * Contract: a `Lin` is `k + Σ c_t · t` with integer coefficients `c_t ≠ 0` over *terms*, where a
 * term is any int IR node (an analysis variable such as `q`, `kv` or a floor atom `$t3`, or a
 * uniform node such as `qlo`, `w`, `doc[b, qlo]`). Lins are immutable values; arithmetic on them is
 * exact (mathematical integers). Printing one as IR evaluates it in wrapping 32-bit arithmetic, so
 * every printer here that the classifier uses checks with value ranges (range.ts) that the printed
 * form cannot wrap, and returns null when it cannot prove it. The `f*` constructors build IR with
 * constant folding so that the classifier IR stays small; they never change a value.
 */
import { cInt, foldBalanced, TRUE, FALSE } from "../ir/builder.js";
import { INT32_MAX, INT32_MIN } from "../ir/limits.js";
import { constValue, mk, type Node } from "../ir/node.js";
import { linRange, literalsFit, printsExactly, type TermRange } from "./range.js";

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
 * The sign of `a` over every value its terms can take: 1 if always > 0, -1 if always <= 0, else 0.
 */
export function signOver(a: Lin, range: TermRange): -1 | 0 | 1 {
  const r = linRange(a, range);
  if (r.lo > 0) return 1;
  if (r.hi <= 0) return -1;
  return 0;
}

/**
 * floor(a / g) for a positive constant g, as a Lin: exact division when every coefficient divides,
 * else an `idiv` term with the divisible part of the constant taken out (so that floor((x + 8k)/8)
 * becomes floor(x/8) + k and is shared) when that argument prints without wrapping, else of `a`
 * itself. Null when no argument prints exactly (then floor(a / g) has no wrap-free IR form here).
 */
export function linFloorDiv(a: Lin, g: number, range: TermRange): Lin | null {
  if (g === 1) return a;
  // the divisor is printed as an int literal: beyond int32 it would wrap (2^32 - 97 printed -97)
  if (!Number.isSafeInteger(g) || g > INT32_MAX) return null;
  const { terms } = a;
  const m = Math.floor(a.k / g);
  if ([...terms.values()].every((c) => c % g === 0)) {
    const t = new Map<Node, number>();
    for (const [n, c] of terms) t.set(n, c / g);
    return { k: m, terms: t };
  }
  const shifted: Lin = { k: a.k - m * g, terms };
  if (printsExactly(shifted, range) && Number.isSafeInteger(m)) return linAdd(linTerm(fIdiv(linToIR(shifted), cInt(g))), linConst(m));
  if (printsExactly(a, range)) return linTerm(fIdiv(linToIR(a), cInt(g)));
  return null;
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
export const fAndAll = (xs: readonly Node[]): Node => foldBalanced(xs, fAnd, TRUE);
export const fOrAll = (xs: readonly Node[]): Node => foldBalanced(xs, fOr, FALSE);
export const fMinAll = (xs: readonly Node[]): Node => foldBalanced(xs, fMin, cInt(INT32_MAX));
export const fMaxAll = (xs: readonly Node[]): Node => foldBalanced(xs, fMax, cInt(INT32_MIN));

/** The positive-coefficient terms of `a` (and its constant if positive), and the negated rest. */
function sides(a: Lin): [Lin, Lin] {
  const pos = new Map<Node, number>();
  const neg = new Map<Node, number>();
  for (const [t, c] of a.terms) (c > 0 ? pos : neg).set(t, Math.abs(c));
  return [
    { k: Math.max(a.k, 0), terms: pos },
    { k: Math.max(-a.k, 0), terms: neg },
  ];
}

/** A sum of terms as IR, in a stable order (structural keys, not creation order). */
export function linToIR(a: Lin): Node {
  const [p, n] = sides(a);
  const sum = (x: Lin) => {
    const sorted = [...x.terms].sort((u, v) => (nodeKey(u[0]) < nodeKey(v[0]) ? -1 : nodeKey(u[0]) > nodeKey(v[0]) ? 1 : 0));
    let acc = sorted.map(([t, c]) => fMul(t, c)).reduce(fAdd, cInt(0));
    if (x.k !== 0) acc = fAdd(acc, cInt(x.k));
    return acc;
  };
  return fSub(sum(p), sum(n));
}

/** `P <= N` as IR (`P - 1 < N` when P's constant is positive, which reads better). */
function leSides(p: Lin, n: Lin): Node {
  if (p.k >= 1) return mk("lt", "bool", [linToIR({ k: p.k - 1, terms: p.terms }), linToIR(n)]);
  return mk("le", "bool", [linToIR(p), linToIR(n)]);
}

/**
 * The bool IR `a <= 0`, printed as `P <= N` (or `P < N`) with both sides sums, choosing sides whose
 * wrapping 32-bit evaluation is exact over the ranges of the terms: first `prefer` (sides P, N with
 * P - N == a, e.g. the two operands of the comparison it came from), then positive terms vs negative
 * terms, then each term alone against the rest. Null when no such form is found.
 */
export function linLeZeroIR(a: Lin, range: TermRange, prefer?: readonly [Lin, Lin]): Node | null {
  if (isConstLin(a)) return a.k <= 0 ? TRUE : FALSE;
  if (!literalsFit(a)) return null;
  const ok = (p: Lin, n: Lin) => printsExactly(p.k >= 1 ? { k: p.k - 1, terms: p.terms } : p, range) && printsExactly(n, range);
  if (prefer && ok(prefer[0], prefer[1])) return leSides(prefer[0], prefer[1]);
  const [p, n] = sides(a);
  if (ok(p, n)) return leSides(p, n);
  for (const [t, c] of a.terms) {
    const alone = linTerm(t, Math.abs(c));
    const rest = linAdd(a, linTerm(t, -c)); // a = c·t + rest
    // c > 0: c·t <= -rest ; c < 0: -rest <= |c|·t
    const [pp, nn] = c > 0 ? [alone, linScale(rest, -1)] : [rest, alone];
    if (ok(pp, nn)) return leSides(pp, nn);
  }
  return null;
}
