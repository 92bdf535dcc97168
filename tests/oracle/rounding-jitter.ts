/**
 * How far a problem moves under one float32 rounding of its inputs and logits: the sensitivity that
 * the random-program tests of the float32 backends (WGSL, the fuzzer's numeric stage) scale their
 * tolerance by. Any kernel that computes in float32 makes errors of that size, however it is
 * written; a tolerance must not be tighter.
 *
 * - `qkJitter`: q and k moved by 2^-23 of themselves with random signs, as rounding them (and the
 *   dot products' cancellation) moves s.
 * - `logitJitter`: every logit L (the score's value) and the sink moved the same way. A float32
 *   kernel rounds each logit by 2^-24 |L|, plus the few ulps of its exp or tanh, and where L is large
 *   that alone moves the weights. `exp(clamp(s, -10, 10))` ties keys at L = e^10 = 22026.47, whose
 *   ulp (0.002) is a 0.2% weight: on lavapipe the tie broke, |Δo| 1e-3 (3.9e-4 of the mass) against
 *   a 1e-4 bar (WGSL property test, seed 1295352626 at magnitude 4; row-lengths seed 1480501568).
 *   Moving q and k alone did not account for it.
 */
const U = 2 ** -23;

/** x ↦ x · (1 ± 2^-23), the sign from a xorshift sequence started at `seed` (deterministic) */
function randomRounding(seed: number): (v: number) => number {
  let x = seed;
  return (v) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return v * (1 + (x & 1 ? 1 : -1) * U);
  };
}

/** q and k each moved by one float32 rounding, random signs (float64 copies) */
export function qkJitter(q: ArrayLike<number>, k: ArrayLike<number>): { q: Float64Array; k: Float64Array } {
  const r = randomRounding(0x9e3779b9);
  return { q: Float64Array.from(q, r), k: Float64Array.from(k, r) };
}

/** a function moving each logit it is given by one float32 rounding, random signs (for the oracle's `perturbLogit`) */
export const logitJitter = (): ((x: number) => number) => randomRounding(0x2545f491);
