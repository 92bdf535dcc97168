/**
 * The error measure of every numeric test: the largest relative error of a kernel's output
 * against the oracle.
 *
 * - o: |o - ref| / max(mass, 2^-126), where mass = Σ_j w_j |v_j| (oracle.ts): the magnitude of
 *   what the weighted sum adds up, so cancellation in the sum does not make the measure
 *   meaningless. The floor is the smallest normal float32: outputs are float32, and values below
 *   it cannot be represented (a row with no visible key must still be 0 to within 1e-43).
 * - With `flushSubnormals` (the GPU backends: WGSL lets an implementation flush subnormal f32
 *   values to zero, and NVIDIA's Vulkan and lavapipe do), the difference first loses up to
 *   FLT_MIN · keyMass = FLT_MIN · Σ_{j visible} (|v_j| + 4): a weight, a product w_j v_j, a sum or
 *   a rescale that falls below FLT_MIN may become 0, each changing the output by less than FLT_MIN
 *   (times |v_j| for a weight). This matters only for outputs near 1e-38 (seen: a sigmoid weight
 *   exp(-88) = 6e-39 flushed by lavapipe, against an oracle output of -1.3e-38). For softmax the
 *   GPU kernels scale their weights by about 2^-32 so that the float32 sums cannot overflow
 *   (docs/language.md § 9), which multiplies that loss by up to 2^33 in the output: outputs below
 *   ~2^-94 lose relative precision there by design.
 * - lse: |lse - ref| / max(1, |ref|).
 * - Non-finite values must match exactly: NaN exactly where the reference is NaN (docs/language.md
 *   § 9: a row with a NaN or +inf score), ±inf only where it is the same infinity (a row with
 *   nothing visible: lse = -inf). Anything else — NaN where the reference has a number, a number
 *   where it has NaN, an infinity for a finite value — is an infinite error.
 */
import type { OracleOut } from "./oracle.js";

/** the smallest normal float32 */
export const FLT_MIN = 2 ** -126;

export interface ErrorReport {
  maxRelO: number;
  maxRelLse: number;
  worst: string;
}

export function compareToOracle(
  ref: OracleOut,
  o: ArrayLike<number>,
  lse: ArrayLike<number> | null,
  opts: { flushSubnormals?: boolean } = {},
): ErrorReport {
  let maxRelO = 0;
  let maxRelLse = 0;
  let worst = "";
  if (o.length !== ref.o.length) return { maxRelO: Infinity, maxRelLse: Infinity, worst: `o has ${o.length} elements, expected ${ref.o.length}` };
  for (let i = 0; i < ref.o.length; i++) {
    const a = o[i]!;
    const r = ref.o[i]!;
    let e: number;
    if (Number.isNaN(r) && a === ref.altInf[i]! * Infinity) e = 0; // 0 · inf of an underflowed weight (oracle.ts)
    else if (Number.isNaN(r) || Number.isNaN(a)) e = Number.isNaN(r) && Number.isNaN(a) ? 0 : Infinity;
    else if (!Number.isFinite(r) || !Number.isFinite(a)) e = a === r ? 0 : Infinity;
    else {
      let diff = Math.abs(a - r);
      if (opts.flushSubnormals) diff = Math.max(0, diff - FLT_MIN * (ref.lse ? 2 ** 33 : 1) * ref.keyMass[i]!);
      const mass = ref.mass[i]!;
      e = diff === 0 ? 0 : Number.isFinite(mass) ? diff / Math.max(mass, FLT_MIN) : Infinity;
    }
    if (e > maxRelO) {
      maxRelO = e;
      worst = `o[${i}] = ${a}, expected ${r} (mass ${ref.mass[i]})`;
    }
  }
  if (ref.lse) {
    if (!lse || lse.length !== ref.lse.length) return { maxRelO, maxRelLse: Infinity, worst: "lse missing or of the wrong length" };
    for (let i = 0; i < ref.lse.length; i++) {
      const a = lse[i]!;
      const r = ref.lse[i]!;
      let e: number;
      if (Number.isNaN(r) || Number.isNaN(a)) e = Number.isNaN(r) && Number.isNaN(a) ? 0 : Infinity;
      else if (!Number.isFinite(r) || !Number.isFinite(a)) e = a === r ? 0 : Infinity;
      else e = Math.abs(a - r) / Math.max(1, Math.abs(r));
      if (e > maxRelLse) {
        maxRelLse = e;
        if (e >= maxRelO) worst = `lse[${i}] = ${a}, expected ${r}`;
      }
    }
  }
  return { maxRelO, maxRelLse, worst };
}
