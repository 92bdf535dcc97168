/**
 * Shared helpers of the WGSL tests: compiling a source for the wgsl target, random inputs, one
 * Dawn device per test file, and the oracle comparison.
 */
import { readFileSync } from "node:fs";
import { buildPlan } from "../../compiler/plan/build.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import type { AttnIR, Sizes } from "../../compiler/ir/program.js";
import type { KernelPlan, TilePlan } from "../../compiler/plan/kernel-plan.js";
import { wgslDefaultTile } from "../../backends/wgsl/index.js";
import type { RunData } from "../../backends/index.js";
import { oracle, tensorDims } from "../oracle/oracle.js";
import { compareToOracle, type ErrorReport } from "../oracle/compare.js";

export const TOL = 1e-4;

export function irOf(source: string, file = "test.attn", params: Record<string, string | number | boolean> = {}): AttnIR {
  const [ir] = lowerSource(source, file, { params });
  return optimize(ir!);
}

export function planOf(ir: AttnIR, tile: TilePlan = wgslDefaultTile(null)): KernelPlan {
  return buildPlan(ir, { tile, headDim: null, speculativeReads: true });
}

export const readExample = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8");

/** xorshift32: a small deterministic generator */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

export function randomData(ir: AttnIR, sizes: Sizes, r: () => number, magnitude = 1): RunData {
  const f = (n: number) => Float32Array.from({ length: n }, () => (r() * 2 - 1) * magnitude);
  const { B, H, H_KV, Q_LEN, KV_LEN, D, DV } = sizes;
  const tensors: Record<string, Float32Array | Int32Array> = {};
  const dims = tensorDims(ir, sizes);
  for (const t of ir.inputs) {
    const n = dims[t.name]!.reduce((a, b) => a * b, 1);
    tensors[t.name] = t.dtype === "i32" ? Int32Array.from({ length: n }, () => Math.floor(r() * 8)) : f(n);
  }
  return { q: f(B * H * Q_LEN * D), k: f(B * H_KV * KV_LEN * D), v: f(B * H_KV * KV_LEN * DV), tensors, sizes };
}

export function check(ir: AttnIR, data: RunData, o: Float32Array, lse: Float32Array | null, scale?: number): ErrorReport {
  const ref = oracle(ir, { q: data.q, k: data.k, v: data.v, tensors: data.tensors }, data.sizes, scale);
  return compareToOracle(ref, o, lse);
}
