/**
 * Shared helpers of the WGSL tests: compiling a source for the wgsl target (optimized IR, kernel
 * plan with clamped reads) and comparing a kernel's output with the float64 oracle.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { openDawn, type DawnGpu } from "../../backends/wgsl/dawn.js";
import { buildPlan } from "../../compiler/plan/build.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import type { AttnIR } from "../../compiler/ir/program.js";
import type { KernelPlan, TilePlan } from "../../compiler/plan/kernel-plan.js";
import { wgslDefaultTile } from "../../backends/wgsl/index.js";
import { float16Bits } from "../../backends/wgsl/host-runtime.js";
import type { RunData } from "../../backends/index.js";
import { oracle } from "../oracle/oracle.js";
import { compareToOracle, type ErrorReport } from "../oracle/compare.js";
import { logitJitter, qkJitter } from "../oracle/rounding-jitter.js";

export const TOL = 1e-4;

/**
 * The Dawn devices of a test file, opened before its tests and destroyed after them: `gpu` with
 * the adapter's limits and, when asked, `gpuDefault` with WebGPU's default limits.
 */
export function useDawn(opts: { defaultLimits?: boolean } = {}): { gpu: DawnGpu; gpuDefault: DawnGpu } {
  const dawn = {} as { gpu: DawnGpu; gpuDefault: DawnGpu };
  beforeAll(async () => {
    dawn.gpu = await openDawn({ limits: "adapter" });
    if (opts.defaultLimits) dawn.gpuDefault = await openDawn({ limits: "default" });
  }, 30_000);
  afterAll(() => {
    dawn.gpu?.device.destroy();
    dawn.gpuDefault?.device.destroy();
  });
  return dawn;
}

export function irOf(source: string, file = "test.attn", params: Record<string, string | number | boolean> = {}): AttnIR {
  const [ir] = lowerSource(source, file, { params });
  return optimize(ir!);
}

export function planOf(ir: AttnIR, tile: TilePlan = wgslDefaultTile(null)): KernelPlan {
  return buildPlan(ir, { tile, headDim: null, speculativeReads: true });
}

export const readExample = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8");

/** The kernel's o and lse against the float64 oracle (with the run's per-row lengths, `data.lens`). */
export function check(ir: AttnIR, data: RunData, o: Float32Array, lse: Float32Array | null, scale?: number): ErrorReport {
  const ref = oracle(ir, { q: data.q, k: data.k, v: data.v, tensors: data.tensors }, data.sizes, scale, false, data.lens);
  return compareToOracle(ref, o, lse, { flushSubnormals: true });
}

/**
 * The comparison for random programs: max relative error <= max(1e-4, 10 x the problem's own
 * sensitivity to f32 rounding). The sensitivity is how far the float64 oracle's output moves when q
 * and k are perturbed by one f32 rounding (relative 2^-23, random signs), or when each logit is (rounding-jitter.ts): the larger of the two,
 * the error any kernel that computes in f32 must make on that input. It is tiny for ordinary programs (the bound is
 * then 1e-4) and large only where the score amplifies s (e.g. `s * (0.75 + s)` at |s| ~ 40, where
 * an f32 rounding of s alone moves a softmax weight by ~2e-4). With the run's per-row lengths
 * (`data.lens`) where it has them.
 */
export function checkScaled(ir: AttnIR, data: RunData, o: Float32Array, lse: Float32Array | null): ErrorReport & { tolO: number; tolLse: number } {
  const ref = oracle(ir, { q: data.q, k: data.k, v: data.v, tensors: data.tensors }, data.sizes, undefined, false, data.lens);
  const moved = oracle(ir, { ...qkJitter(data.q, data.k), v: data.v, tensors: data.tensors }, data.sizes, undefined, false, data.lens);
  const byQk = compareToOracle(ref, moved.o, moved.lse);
  const logits = oracle(ir, { q: data.q, k: data.k, v: data.v, tensors: data.tensors }, data.sizes, undefined, false, data.lens, logitJitter());
  const byLogits = compareToOracle(ref, logits.o, logits.lse);
  const err = compareToOracle(ref, o, lse, { flushSubnormals: true });
  const tolO = Math.max(TOL, 10 * byQk.maxRelO, 10 * byLogits.maxRelO);
  const tolLse = Math.max(TOL, 10 * byQk.maxRelLse, 10 * byLogits.maxRelLse);
  return { ...err, tolO, tolLse, worst: `${err.worst} (tolerance o ${tolO.toExponential(2)}, lse ${tolLse.toExponential(2)})` };
}

/** the value of float16 bits (exact: every float16 is a float32) */
export function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0x1f) return mant ? Number.NaN : sign * Infinity;
  return exp === 0 ? sign * mant * 2 ** -24 : sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** q, k, v as a dtype "f16" kernel sees them: rounded to float16 (float16Bits), as float32 */
export function roundedToF16(a: Float32Array): Float32Array {
  const bits = float16Bits(a);
  return Float32Array.from({ length: a.length }, (_, i) => halfValue(bits[i]!));
}

/** A storage buffer (STORAGE | COPY_DST | COPY_SRC) holding `a` (its size rounded up to whole 4-byte words). */
export function gpuUpload(device: GPUDevice, a: Float32Array | Int32Array | Uint16Array): GPUBuffer {
  const bytes = Math.ceil(a.byteLength / 4) * 4;
  const buf = device.createBuffer({ size: Math.max(4, bytes), usage: 0x80 | 0x08 | 0x04 });
  if (bytes) device.queue.writeBuffer(buf, 0, a.buffer, a.byteOffset, bytes);
  return buf;
}

/** The first `n` float32 values of a buffer with COPY_SRC usage, read back. */
export async function gpuRead(device: GPUDevice, src: GPUBuffer, n: number): Promise<Float32Array> {
  const rb = device.createBuffer({ size: Math.max(4, n * 4), usage: 0x01 | 0x08 }); // MAP_READ | COPY_DST
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(src, 0, rb, 0, Math.max(4, n * 4));
  device.queue.submit([enc.finish()]);
  await rb.mapAsync(1);
  const out = new Float32Array(rb.getMappedRange().slice(0, n * 4));
  rb.unmap();
  rb.destroy();
  return out;
}
