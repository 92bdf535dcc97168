/**
 * Value ranges of int IR and of linear forms: what lets the tile classifier prove that a mask's
 * 32-bit arithmetic does not wrap, and that the classifier's own IR does not either.
 *
 * Contract:
 * - Bounds come from the documented limits (compiler/ir/limits.ts): sizes `B H H_KV Q_LEN KV_LEN D`
 *   in [1, MAX_SIZE]; `b h q kv` and the tile bounds `qlo qhi kvlo kvhi` in [0, MAX_SIZE - 1]; int
 *   tensor reads, float->int conversions and any other variable anywhere in int32.
 * - `exact(n)` bounds the *mathematical* value of an int node: the ring ops (`add sub mul neg`, and
 *   `select`, which only picks) combine their arguments' mathematical values, every other op applies
 *   to its arguments' run-time values. It is congruent to the run-time (wrapped) value mod 2^32, so
 *   when `exact(n)` lies in int32 the run-time value *is* the mathematical one (intermediate wraps
 *   inside a ring expression cancel out).
 * - `of(n)` bounds the run-time value: `exact(n)` when that fits in int32, else all of int32.
 * - `linRange(lin, range)` bounds `k + Σ c·t` from bounds of its terms (exact integer arithmetic in
 *   doubles: bounds beyond 2^53 are approximate but never inside int32 when the truth is outside).
 */
import { constValue, topo, varName, type Node } from "../ir/node.js";
import { INT32_MAX, INT32_MIN, MAX_SIZE } from "../ir/limits.js";
import type { Lin } from "./lin.js";

export interface Iv {
  readonly lo: number;
  readonly hi: number;
}

export type TermRange = (t: Node) => Iv;

export const INT32: Iv = { lo: INT32_MIN, hi: INT32_MAX };
export const point = (x: number): Iv => ({ lo: x, hi: x });
export const fits = (r: Iv): boolean => r.lo >= INT32_MIN && r.hi <= INT32_MAX;

const SIZE: Iv = { lo: 1, hi: MAX_SIZE };
const INDEX: Iv = { lo: 0, hi: MAX_SIZE - 1 };
const VAR_BOUNDS = new Map<string, Iv>([
  ...["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D"].map((n) => [n, SIZE] as const),
  ...["b", "h", "q", "kv", "qlo", "qhi", "kvlo", "kvhi"].map((n) => [n, INDEX] as const),
]);

/** Bounds of a variable of the IR (a size, an index or a tile bound; anything else: int32). */
export const varRange = (name: string): Iv => VAR_BOUNDS.get(name) ?? INT32;

export const ivAdd = (a: Iv, b: Iv): Iv => ({ lo: a.lo + b.lo, hi: a.hi + b.hi });
export const ivNeg = (a: Iv): Iv => ({ lo: -a.hi, hi: -a.lo });
export const ivScale = (a: Iv, c: number): Iv => (c >= 0 ? { lo: a.lo * c, hi: a.hi * c } : { lo: a.hi * c, hi: a.lo * c });
export const ivHull = (a: Iv, b: Iv): Iv => ({ lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) });
export function ivMul(a: Iv, b: Iv): Iv {
  const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].map((x) => (Number.isNaN(x) ? 0 : x));
  return { lo: Math.min(...p), hi: Math.max(...p) };
}
const mag = (a: Iv): number => Math.max(Math.abs(a.lo), Math.abs(a.hi));

/** floor(a / b) with x / 0 == 0. */
export function ivFloorDiv(a: Iv, b: Iv): Iv {
  if (b.lo === b.hi) {
    const c = b.lo;
    if (c === 0) return point(0);
    const x = Math.floor(a.lo / c), y = Math.floor(a.hi / c);
    return { lo: Math.min(x, y), hi: Math.max(x, y) };
  }
  // |b| >= 1 where b != 0, so |a / b| <= |a|, and floor stays within [-|a|, |a|]
  const m = mag(a);
  return { lo: -m, hi: m };
}

/** floor modulo with x % 0 == x: the result has the sign of b and |r| < |b|. */
export function ivFloorMod(a: Iv, b: Iv): Iv {
  let r: Iv | null = null;
  const add = (x: Iv) => (r = r ? ivHull(r, x) : x);
  if (b.lo <= 0 && b.hi >= 0) add(a);
  if (b.hi > 0) {
    const top = b.hi - 1;
    // a already in [0, top] when b > 0 everywhere and a lies in one period below the smallest b
    add(b.lo > 0 && a.lo >= 0 && a.hi < b.lo ? a : { lo: 0, hi: top });
  }
  if (b.lo < 0) add({ lo: b.lo + 1, hi: 0 });
  return r!;
}

/** Value ranges of int IR nodes (memoized per node). */
export class Ranges {
  private readonly exactMemo = new Map<Node, Iv>();

  constructor(private readonly vars: (name: string) => Iv = varRange) {}

  /** the run-time value's range */
  of(n: Node): Iv {
    const e = this.exact(n);
    return fits(e) ? e : INT32;
  }

  /** the mathematical value's range (see the header) */
  exact(n: Node): Iv {
    const hit = this.exactMemo.get(n);
    if (hit) return hit;
    // iterative over the DAG (no recursion on user-sized expressions)
    for (const m of topo([n])) if (!this.exactMemo.has(m)) this.exactMemo.set(m, this.step(m));
    return this.exactMemo.get(n)!;
  }

  private step(n: Node): Iv {
    if (n.type !== "int") return INT32;
    const c = constValue(n);
    if (typeof c === "number") return point(c);
    const ex = (i: number) => this.exactMemo.get(n.args[i]!)!;
    const rt = (i: number) => {
      const e = ex(i);
      return fits(e) ? e : INT32;
    };
    switch (n.op) {
      case "var": return this.vars(varName(n)!);
      case "add": return ivAdd(ex(0), ex(1));
      case "sub": return ivAdd(ex(0), ivNeg(ex(1)));
      case "neg": return ivNeg(ex(0));
      case "mul": return ivMul(ex(0), ex(1));
      case "select": return ivHull(ex(1), ex(2));
      case "idiv": return ivFloorDiv(rt(0), rt(1));
      case "imod": return ivFloorMod(rt(0), rt(1));
      case "min": {
        const a = rt(0), b = rt(1);
        return { lo: Math.min(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
      }
      case "max": {
        const a = rt(0), b = rt(1);
        return { lo: Math.max(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
      }
      case "abs": {
        const a = rt(0);
        if (a.lo >= 0) return a;
        if (a.hi <= 0) return ivNeg(a);
        return { lo: 0, hi: mag(a) };
      }
      case "band": {
        // a non-negative operand bounds the result: x & m is in [0, m] for m >= 0, whatever x
        const a = rt(0), b = rt(1);
        if (a.lo >= 0 && b.lo >= 0) return { lo: 0, hi: Math.min(a.hi, b.hi) };
        if (a.lo >= 0) return { lo: 0, hi: a.hi };
        if (b.lo >= 0) return { lo: 0, hi: b.hi };
        return INT32;
      }
      case "bor": case "bxor": {
        const a = rt(0), b = rt(1);
        if (a.lo < 0 || b.lo < 0) return INT32;
        return { lo: 0, hi: 2 ** (32 - Math.clz32(Math.max(a.hi, b.hi))) - 1 };
      }
      case "shr": {
        // an arithmetic shift by a constant k is floor division by 2^k: monotone
        const k = constValue(n.args[1]!);
        if (typeof k !== "number") return INT32;
        const a = rt(0), p = 2 ** (k & 31);
        return { lo: Math.floor(a.lo / p), hi: Math.floor(a.hi / p) };
      }
      case "ilog2": return { lo: -1, hi: 30 };
      default:
        return INT32; // load, ftoi, shl, anything opaque
    }
  }
}

/** Bounds of `k + Σ c·t` given bounds of the terms. */
export function linRange(a: Lin, range: TermRange): Iv {
  let r = point(a.k);
  for (const [t, c] of a.terms) r = ivAdd(r, ivScale(range(t), c));
  return r;
}

/** Every literal of a Lin printed as IR (constant and coefficients) is an int32 value. */
export const literalsFit = (a: Lin): boolean =>
  a.k >= INT32_MIN && a.k <= INT32_MAX && [...a.terms.values()].every((c) => c >= INT32_MIN && c <= INT32_MAX);

/** `linToIR(a)` evaluates, in wrapping 32-bit arithmetic, to the mathematical value of `a`. */
export const printsExactly = (a: Lin, range: TermRange): boolean => literalsFit(a) && fits(linRange(a, range));
