/**
 * The error measure of backward tests: per gradient tensor (dq, dk, dv, each d_NAME), the relative
 * L2 error ||got - ref|| / max(||ref||, floor · ||mass||) over the entries where the reference is
 * finite in float32, after requiring NaN exactly where the reference has NaN and the infinity
 * where it is infinite or beyond float32's range (else the error is infinite). `mass` (backward.ts) is the magnitude of the terms each gradient sums: where
 * they cancel (a score constant along a row gives Σ_j dL_ij = 0 exactly, so a tensor it reads has
 * gradient 0), the reference is ~0 and a relative error means nothing; the floor (default 2^-24, a
 * float32 rounding of the mass) is the resolution below which no float32 result can be judged.
 * Likewise the gradients are float32: the denominator is at least FLT_MIN · sqrt(n) (n entries), as
 * compare.ts bounds each output's scale below by FLT_MIN (a saturated sigmoid's 1e-162 is 0 in float32).
 */
import { FLT_MIN } from "./compare.js";
import type { BackwardOut } from "./backward.js";

export interface GradErrors {
  /** the largest error over the tensors */
  worst: number;
  /** the tensor with that error (dq, dk, dv or d_NAME) */
  worstTensor: string;
  /** one line per tensor */
  report: string;
  /** the error of each tensor (dq, dk, dv, d_NAME) */
  byTensor: Record<string, number>;
}

export function relL2(got: ArrayLike<number>, ref: ArrayLike<number>, mass?: ArrayLike<number>, floor = 2 ** -24): number {
  if (got.length !== ref.length) return Infinity;
  let num = 0;
  let den = 0;
  let massSq = 0;
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const a = got[i]!;
    const r = ref[i]!;
    if (Number.isNaN(r) || Number.isNaN(a)) {
      if (Number.isNaN(r) !== Number.isNaN(a)) return Infinity;
      continue;
    }
    if (!Number.isFinite(Math.fround(r)) || !Number.isFinite(a)) {
      if (a !== Math.fround(r)) return Infinity; // beyond float32's range the result is the infinity
      continue;
    }
    num += (a - r) ** 2;
    den += r ** 2;
    n++;
    if (mass) massSq += mass[i]! ** 2;
  }
  return num === 0 ? 0 : Math.sqrt(num) / relL2Den(den, massSq, n, floor);
}

const relL2Den = (den: number, massSq: number, n: number, floor: number) =>
  Math.max(Math.sqrt(den), floor * Math.sqrt(massSq), FLT_MIN * Math.sqrt(n));

/**
 * An elementwise error bound (|got_i - ref_i| <= bound_i) in relL2's measure: ||bound|| over the
 * entries relL2 compares (ref finite in float32) divided by relL2's denominator, so that
 * relL2(got, ref, mass, floor) <= relL2Bound(bound, ref, mass, floor) wherever the bound holds.
 */
export function relL2Bound(bound: ArrayLike<number>, ref: ArrayLike<number>, mass: ArrayLike<number>, floor = 2 ** -24): number {
  let num = 0;
  let den = 0;
  let massSq = 0;
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i]!;
    if (!Number.isFinite(Math.fround(r))) continue; // NaN and beyond float32's range: compared exactly
    num += bound[i]! ** 2;
    den += r ** 2;
    n++;
    massSq += mass[i]! ** 2;
  }
  return num === 0 ? 0 : Math.sqrt(num) / relL2Den(den, massSq, n, floor);
}

export function gradError(
  ref: BackwardOut,
  got: { dq: ArrayLike<number>; dk: ArrayLike<number>; dv: ArrayLike<number>; dTensors: Record<string, ArrayLike<number>> },
  floor = 2 ** -24,
): GradErrors {
  type Pair = [string, ArrayLike<number>, ArrayLike<number> | undefined, ArrayLike<number>];
  const pairs: Pair[] = [
    ["dq", ref.dq, got.dq, ref.mass.dq],
    ["dk", ref.dk, got.dk, ref.mass.dk],
    ["dv", ref.dv, got.dv, ref.mass.dv],
    ...Object.entries(ref.dTensors).map(([n, r]): Pair => [`d_${n}`, r, got.dTensors[n], ref.mass.dTensors[n]!]),
  ];
  let worst = 0;
  let worstTensor = "dq";
  const lines: string[] = [];
  const byTensor: Record<string, number> = {};
  for (const [name, r, g, m] of pairs) {
    const e = g === undefined ? Infinity : relL2(g, r, m, floor);
    if (e > worst) [worst, worstTensor] = [e, name];
    byTensor[name] = e;
    lines.push(`${name}: ${e.toExponential(2)}`);
  }
  return { worst, worstTensor, report: lines.join(", "), byTensor };
}
