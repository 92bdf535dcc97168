/**
 * Random shapes and inputs for numeric tests: lengths 1..300 with Q_LEN ≠ KV_LEN allowed and
 * lengths not multiples of any tile, H_KV dividing H, D and DV up to 64, inputs at magnitudes
 * from 1 to 300 (so scores reach the thousands and the softmax is far from uniform), and random
 * tile plans (which must never change results).
 */
import fc from "fast-check";
import type { Sizes } from "../../compiler/ir/program.js";
import { Rng } from "./rng.js";
import type { GenProgram } from "./program.js";

export interface Shape extends Sizes {}

export const shapeArb: fc.Arbitrary<Shape> = fc
  .record({
    B: fc.integer({ min: 1, max: 2 }),
    H_KV: fc.integer({ min: 1, max: 2 }),
    group: fc.integer({ min: 1, max: 2 }),
    Q_LEN: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 48 }) }, { weight: 1, arbitrary: fc.integer({ min: 49, max: 300 }) }),
    KV_LEN: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 48 }) }, { weight: 1, arbitrary: fc.integer({ min: 49, max: 300 }) }),
    D: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 9, max: 64 })),
    DV: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 9, max: 64 })),
  })
  .filter((s) => s.B * s.H_KV * s.group * s.Q_LEN * s.KV_LEN <= 120_000)
  .map(({ group, ...s }) => ({ ...s, H: s.H_KV * group }));

export const tileArb = fc.record({ blockQ: fc.integer({ min: 1, max: 64 }), blockKV: fc.integer({ min: 1, max: 64 }) });

export const magnitudeArb = fc.constantFrom(1, 1, 4, 30, 300);

export interface Data {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  tensors: Record<string, Float32Array | Int32Array>;
}

function randn(rng: Rng, n: number, scale: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  return a;
}

export function dimsOf(t: GenProgram["tensors"][number], s: Shape): number[] {
  return t.dims.map((d) => (typeof d === "number" ? d : typeof d === "object" ? d.value(s) : s[d]));
}

export function genData(seed: number, s: Shape, tensors: GenProgram["tensors"], magnitude: number): Data {
  const rng = new Rng(seed ^ 0x5bd1e995);
  const out: Data = {
    q: randn(rng, s.B * s.H * s.Q_LEN * s.D, magnitude),
    k: randn(rng, s.B * s.H_KV * s.KV_LEN * s.D, rng.chance(0.5) ? 1 : magnitude),
    v: randn(rng, s.B * s.H_KV * s.KV_LEN * s.DV, rng.chance(0.5) ? 1 : magnitude),
    tensors: {},
  };
  for (const t of tensors) {
    const n = dimsOf(t, s).reduce((a, b) => a * b, 1);
    if (t.dtype === "f32") out.tensors[t.name] = randn(rng, n, 2);
    else {
      const a = new Int32Array(n);
      for (let i = 0; i < n; i++) a[i] = rng.int(-3, 40);
      out.tensors[t.name] = a;
    }
  }
  return out;
}
