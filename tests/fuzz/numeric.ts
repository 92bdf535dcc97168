/**
 * A kernel's result against the float64 oracle, with the tolerances of the property tests
 * (through tests/oracle/compare.ts): the TypeScript kernel within a max relative error of 1e-5 on
 * o and lse (tests/ts/property.test.ts), the WGSL kernel within max(1e-4, 10 x the input's own
 * sensitivity to a float32 rounding of q and k) with subnormals flushable
 * (tests/wgsl/property.test.ts, helpers.ts `checkScaled`) — and a name for what went wrong.
 *
 * Contract: `compareRun` returns null when the kernel matches, else a verdict whose `detail` is
 * `nan-row-lost` (the oracle's row is NaN — a NaN or +inf score, or NaN data — and the kernel's is
 * not; docs/language.md § 9), `spurious-nan`, `f32-overflow` (the kernel gives ±inf where the exact
 * result is a finite float32 and its mass Σ w·|v| is at most float32's maximum), or `mismatch`
 * (a finite difference; the caller names the cause); `huge-inputs` is appended when the inputs
 * hold values above 1e30 (issue #11 item 3 territory). Accepted as documented
 * (docs/language.md § 9, "Overflow"): an element whose oracle mass exceeds float32's maximum
 * may be ±inf or NaN (sigmoid and none sums overflow; a GPU tree reduction may add +inf and -inf
 * partials); an exact o or lse beyond the float32 range may be ±inf of its sign. A softmax output
 * never has such a mass (its weights sum to 1), so its overflow is always reported.
 */
import type { AttnIR } from "../../compiler/ir/program.js";
import { oracle, type OracleOut } from "../oracle/oracle.js";
import { compareToOracle } from "../oracle/compare.js";
import { logitJitter, qkJitter } from "../oracle/rounding-jitter.js";
import type { Data, DataSpec } from "./inputs.js";
import { F32_MAX } from "./f32range.js";

export const TOL = 1e-5;

export interface NumericVerdict {
  detail: string;
  worst: string;
  maxRelO: number;
  maxRelLse: number;
  tol: number;
}

export interface CompareOptions {
  tol?: number;
  /** the input's own sensitivity (max relative change of o and lse under one f32 rounding of q, k) */
  sensitivity?: () => { o: number; lse: number };
  flushSubnormals?: boolean;
  /** the inputs hold values above 1e30 */
  huge?: boolean;
  /**
   * a GPU kernel on a `v` with NaN or ±inf: a masked (or L = -inf) key of a visited tile enters
   * P·V with weight 0, and 0 · v is NaN there (docs/language.md § 9, "Known limit of the GPU
   * kernels"), so a NaN in `o` where the oracle has a number is accepted
   */
  gpuNonFiniteV?: boolean;
}

export function compareRun(ref: OracleOut, o: Float32Array, lse: Float32Array | null, opts: CompareOptions = {}): NumericVerdict | null {
  // documented overflow (docs/language.md § 9, "Overflow"): where Σ w·|v| exceeds float32's
  // maximum (sigmoid and none only: softmax weights sum to 1, so mass <= max|v|), the float32 sum may be
  // ±inf of either sign, or NaN where a tree reduction adds +inf and -inf partial sums; and an
  // exact result beyond float32 rounds to ±inf of its sign. Elsewhere ±inf is an overflow bug.
  const o64 = Float64Array.from(ref.o, (r, i) => {
    const a = o[i]!;
    if (opts.gpuNonFiniteV && Number.isNaN(a)) return a;
    if (Number.isFinite(a) || Number.isNaN(r)) return r;
    if (ref.mass[i]! > F32_MAX) return a;
    return Math.abs(r) > F32_MAX && a === Math.sign(r) * Infinity ? a : r;
  });
  // an lse beyond float32 (a score near 3.4e38, or beyond it in the float64 oracle) rounds to ±inf
  const lse64 = ref.lse && lse ? Float64Array.from(ref.lse, (r, i) => (Math.abs(r) > F32_MAX && lse[i] === Math.sign(r) * Infinity ? lse[i]! : r)) : ref.lse;
  const fixed: OracleOut = { ...ref, o: o64, lse: lse64 };
  const e = compareToOracle(fixed, o, lse, { flushSubnormals: opts.flushSubnormals });
  let tolO = opts.tol ?? TOL;
  let tolLse = tolO;
  if (e.maxRelO <= tolO && e.maxRelLse <= tolLse) return null;
  if (opts.sensitivity && Number.isFinite(e.maxRelO) && Number.isFinite(e.maxRelLse)) {
    const s = opts.sensitivity();
    tolO = Math.max(tolO, 10 * s.o);
    tolLse = Math.max(tolLse, 10 * s.lse);
    if (e.maxRelO <= tolO && e.maxRelLse <= tolLse) return null;
  }
  let nanLost = false, spuriousNan = false, overflow = false;
  for (let i = 0; i < o.length; i++) {
    const r = o64[i]!, a = o[i]!;
    if (Number.isNaN(r) && !Number.isNaN(a)) nanLost = true;
    else if (!Number.isNaN(r) && Number.isNaN(a)) spuriousNan = true;
    else if (Number.isFinite(r) && !Number.isFinite(a)) overflow = true;
  }
  if (lse64 && lse) {
    for (let i = 0; i < lse.length; i++) {
      if (Number.isNaN(lse64[i]!) && !Number.isNaN(lse[i]!)) nanLost = true;
      else if (!Number.isNaN(lse64[i]!) && Number.isNaN(lse[i]!)) spuriousNan = true;
    }
  }
  let detail = nanLost ? "nan-row-lost" : spuriousNan ? "spurious-nan" : overflow ? "f32-overflow" : "mismatch";
  if (opts.huge && detail !== "nan-row-lost") detail += "-huge-inputs";
  return { detail, worst: e.worst, maxRelO: e.maxRelO, maxRelLse: e.maxRelLse, tol: Math.max(tolO, tolLse) };
}

/** the inputs hold a value above 1e30 in magnitude (finite or not) */
export function hugeInputs(data: Data): boolean {
  const big = (a: ArrayLike<number>) => {
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]!) > 1e30) return true;
    return false;
  };
  return big(data.q) || big(data.k) || big(data.v) || Object.values(data.tensors).some(big);
}

/**
 * How far the oracle moves when q and k are perturbed by one float32 rounding (rounding-jitter.ts,
 * as helpers.ts `checkScaled`), or when the mask and score are evaluated in float32 (a backend's arithmetic: an
 * ill-conditioned score such as `3.4e38 % float(q)` is a - b * floor(a / b) with an error of
 * ulp(3.4e38) in float32, where the float64 oracle is exact to 1e23), or when each logit moves by
 * one float32 rounding: the largest of the three.
 */
export function sensitivity(ir: AttnIR, data: Data, spec: DataSpec, ref: OracleOut): { o: number; lse: number } {
  const moved = oracle(ir, { ...qkJitter(data.q, data.k), v: data.v, tensors: data.tensors }, spec.sizes);
  const s = compareToOracle(ref, moved.o, moved.lse);
  const rounded = oracle(ir, data, spec.sizes, undefined, true);
  const r = compareToOracle(ref, rounded.o, rounded.lse);
  const logits = oracle(ir, data, spec.sizes, undefined, false, undefined, logitJitter());
  const l = compareToOracle(ref, logits.o, logits.lse);
  return { o: Math.max(s.maxRelO, r.maxRelO, l.maxRelO), lse: Math.max(s.maxRelLse, r.maxRelLse, l.maxRelLse) };
}
