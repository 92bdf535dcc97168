/**
 * How far a problem moves when q and k move by one float32 rounding: the sensitivity that the
 * random-program tests of the float32 backends (WGSL, the fuzzer's numeric stage) scale their
 * tolerance by. Any kernel that computes scores in float32 makes errors of that size, however it is
 * written; a tolerance must not be tighter.
 *
 * One random-sign jitter per element (relative 2^-23) measures the dot products' cancellation, but
 * it can leave s almost unchanged where it matters: with D = 1, q and k moved in opposite directions
 * cancel in half the draws, and a score such as `exp(clamp(s, -10, 10))` (logits near e^10, where
 * one rounding of s moves the weights by 1%) then looked insensitive and a correct kernel failed
 * (WGSL property test, seed 1295352626 at magnitude 4: 1e-3 against a tolerance of 1e-4). So the
 * measure also scales q and k uniformly up and down (s moves by 2^-22 relative everywhere) and takes
 * the largest of the three.
 *
 * A float32 kernel also rounds each logit L (the score's value) and the sink: by 2^-24 |L|, plus the
 * few ulps of its exp or tanh. Where L is large that alone moves the weights: the same program has
 * four keys tied at L = e^10 = 22026.47, whose ulp (0.002) is a 0.2% weight; on lavapipe the tie
 * breaks (|Δo| 1e-3: one weight 0.1% off fits it, an ulp of exp(10) rounding differently in one place). `logitJitter`
 * moves every logit by 2^-23 of itself, with random signs, for the oracle's `perturbLogit`.
 */
const U = 2 ** -23;

/** a function moving each logit by 2^-23 of itself, up or down at random (deterministic sequence) */
export function logitJitter(): (x: number) => number {
  let x = 0x2545f491;
  return (v) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return v * (1 + (x & 1 ? 1 : -1) * U);
  };
}

/** q and k jittered three ways: random signs per element, all up, all down (float64 copies) */
export function roundingJitters(q: ArrayLike<number>, k: ArrayLike<number>): Array<{ q: Float64Array; k: Float64Array }> {
  let x = 0x9e3779b9;
  const random = (a: ArrayLike<number>) =>
    Float64Array.from(a, (v) => {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      return v * (1 + (x & 1 ? 1 : -1) * U);
    });
  const scaled = (a: ArrayLike<number>, f: number) => Float64Array.from(a, (v) => v * f);
  return [
    { q: random(q), k: random(k) },
    { q: scaled(q, 1 + U), k: scaled(k, 1 + U) },
    { q: scaled(q, 1 - U), k: scaled(k, 1 - U) },
  ];
}

/** the largest of f over the three jitters of q and k (f returns a measure, e.g. a relative error) */
export function maxOverJitters<T extends Record<string, number>>(q: ArrayLike<number>, k: ArrayLike<number>, f: (q: Float64Array, k: Float64Array) => T): T {
  let best: T | undefined;
  for (const j of roundingJitters(q, k)) {
    const m = f(j.q, j.k);
    if (!best) best = { ...m };
    else for (const key of Object.keys(m) as Array<keyof T>) if (!(m[key]! <= best[key]!)) best[key] = m[key]!;
  }
  return best!;
}
