/**
 * Random inputs for the playground, from a seed: q, k, v with standard normal entries, and the
 * program's declared tensors —
 * - i32 tensors whose last dim is Q_LEN or KV_LEN (per-token ids: documents, frames, flags):
 *   nondecreasing along it, starting at 0 and stepping by 1 at random about every 32 tokens
 *   (so facts such as "sorted document ids" hold, as in real packed batches);
 * - other i32 tensors (per-head windows, per-row prefix lengths): sorted ints in [0, KV_LEN];
 * - f32 tensors (slopes, biases, temperatures): uniform in [0.5, 1.5).
 * The mask picture and the WebGPU run use the same rules (with their own sizes).
 */
import { dimProblem, dimValues } from "../compiler/ir/dims.js";
import type { AttnIR, InputDecl, Sizes } from "../compiler/ir/program.js";

/** mulberry32: a small seeded generator of uniform floats in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normals(next: () => number, n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12))) * Math.cos(2 * Math.PI * next());
  return a;
}

/** The dims of a declared tensor for these sizes (derived dims evaluated: docs/language.md § 10). */
export function dimsOf(d: InputDecl, sizes: Omit<Sizes, "DV">): number[] {
  return dimValues(d, sizes);
}

/** One declared tensor, filled by the rules above. */
export function randomTensor(d: InputDecl, sizes: Omit<Sizes, "DV">, next: () => number): Float32Array | Int32Array {
  const dims = dimsOf(d, sizes);
  const n = dims.reduce((p, x) => p * x, 1);
  if (d.dtype === "f32") return Float32Array.from({ length: n }, () => 0.5 + next());
  const last = d.dims[d.dims.length - 1];
  const row = dims[dims.length - 1] ?? 1;
  const perToken = last?.kind === "size" && (last.name === "Q_LEN" || last.name === "KV_LEN");
  const out = new Int32Array(n);
  for (let r = 0; r < n; r += row) {
    if (perToken) {
      for (let i = 1; i < row; i++) out[r + i] = out[r + i - 1]! + (next() < 1 / 32 ? 1 : 0);
    } else {
      const xs = Array.from({ length: row }, () => Math.floor(next() * (sizes.KV_LEN + 1))).sort((a, b) => a - b);
      out.set(xs, r);
    }
  }
  return out;
}

export function randomTensors(ir: AttnIR, sizes: Omit<Sizes, "DV">, seed: number): Record<string, Float32Array | Int32Array> {
  const problem = dimProblem(ir.inputs, sizes); // a derived dim below 1 or beyond int32 for these sizes
  if (problem) throw new Error(problem);
  const next = rng(seed ^ 0x2545f491);
  const out: Record<string, Float32Array | Int32Array> = Object.create(null); // input names are plain keys
  for (const d of ir.inputs) out[d.name] = randomTensor(d, sizes, next);
  return out;
}

export interface RunInputs {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  tensors: Record<string, Float32Array | Int32Array>;
}

export function randomInputs(ir: AttnIR, s: Sizes, seed: number): RunInputs {
  const next = rng(seed);
  return {
    q: normals(next, s.B * s.H * s.Q_LEN * s.D),
    k: normals(next, s.B * s.H_KV * s.KV_LEN * s.D),
    v: normals(next, s.B * s.H_KV * s.KV_LEN * s.DV),
    tensors: randomTensors(ir, s, seed),
  };
}
