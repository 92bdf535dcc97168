/**
 * The WGSL backend: a kernel plan to a WebGPU compute shader and its host module.
 *
 * Contract: `compileWgsl(plan)` returns four files (with a backward, also `NAME.prep.wgsl`,
 * `NAME.dq.wgsl` and `NAME.dkdv.wgsl`, its passes, and `NAME.sink.wgsl` where the sink reads f32
 * tensors, for reading): `NAME.wgsl` (the shader as compiled for
 * WebGPU's default limits and the plan's head dim, or 64 when the kernel takes it at run time:
 * for reading; the host module rebuilds it per device), `NAME.packed.wgsl` (the same for the
 * GQA-packed forward of decode calls, skeleton-packed.ts), `NAME.js` (host module, ES module without
 * imports) and `NAME.d.ts`. `wgslTarget` registers the backend (tile defaults, clamped reads,
 * `attnc run --target wgsl` through Dawn).
 */
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import type { GeneratedFile, Target } from "../index.js";
import { chooseTilePlan, rowLengthsFit, shaderHeader, type LimitsLike, type QkvStorage } from "./host-runtime.js";
import { keysPerStepOf, specOf, wgslDefaultTile } from "./spec.js";
import { hostModuleDts, hostModuleJs } from "./host-module.js";
import { backwardStorage, backwardTilePlan } from "./host-backward.js";
import { runWgslSource } from "./run.js";

/** WebGPU's default limits: what every adapter grants without asking. */
export const DEFAULT_LIMITS: LimitsLike = {
  maxComputeWorkgroupStorageSize: 16384,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxStorageBuffersPerShaderStage: 8,
};

/** The full shader for given limits and head dims (defaults: WebGPU's limits, the plan's D or 64);
 * with `packed`, the GQA-packed forward's (skeleton-packed.ts). */
export function wgslSource(plan: KernelPlan, opts: { limits?: LimitsLike; headDim?: number; valueDim?: number; qkv?: QkvStorage; packed?: boolean } = {}): string {
  const spec = specOf(plan);
  const D = plan.headDim ?? opts.headDim ?? 64;
  const DV = opts.valueDim ?? D;
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const tile = chooseTilePlan(limits, D, DV, { ...plan.tile, keysPerStep: keysPerStepOf(plan) });
  return shaderHeader(D, DV, tile, opts.qkv ?? "f32", rowLengthsFit(spec, limits.maxStorageBuffersPerShaderStage)) + (opts.packed ? spec.packed! : spec.body);
}

/**
 * The backward's shaders for reading (plans with grad; WebGPU's default limits, the plan's D or 64):
 * `prep`, `dq` (absent when dq = 0), `dkdv` and `sink` (present when the sink reads f32 tensors),
 * each complete; the host module builds them per device.
 */
export function wgslBackwardSources(plan: KernelPlan, opts: { limits?: LimitsLike; headDim?: number } = {}): Record<string, string> {
  const spec = specOf(plan);
  const bw = spec.backward;
  if (!bw) return {};
  const D = plan.headDim ?? opts.headDim ?? 64;
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const rowLengths = backwardStorage(spec) + 1 <= (limits.maxStorageBuffersPerShaderStage ?? 8);
  const fwd = chooseTilePlan(limits, D, D, { ...plan.tile, keysPerStep: keysPerStepOf(plan) });
  const dqTile = { ...fwd, keysPerStep: 1, split: 1 };
  const kvTile = backwardTilePlan(limits, D, D);
  return {
    prep: bw.prep,
    ...(bw.dq ? { dq: shaderHeader(D, D, dqTile, "f32", rowLengths, `${dqTile.blockQ} query rows x ${dqTile.blockKV} keys (dq pass)`) + bw.dq } : {}),
    dkdv: shaderHeader(D, D, kvTile, "f32", rowLengths, `${kvTile.blockQ} keys x ${kvTile.blockKV} query rows staged (dk, dv pass)`) + bw.dkdv,
    ...(bw.sink ? { sink: shaderHeader(D, D, dqTile, "f32", rowLengths, `${dqTile.blockQ} query rows (sink pass)`) + bw.sink } : {}),
  };
}

export function compileWgsl(plan: KernelPlan, opts: { limits?: LimitsLike } = {}): { files: GeneratedFile[] } {
  const spec = specOf(plan);
  const backward = Object.entries(wgslBackwardSources(plan, opts)).map(([pass, contents]) => ({ path: `${plan.name}.${pass}.wgsl`, contents }));
  return {
    files: [
      { path: `${plan.name}.wgsl`, contents: wgslSource(plan, opts) },
      { path: `${plan.name}.packed.wgsl`, contents: wgslSource(plan, { ...opts, packed: true }) },
      ...backward,
      { path: `${plan.name}.js`, contents: hostModuleJs(spec) },
      { path: `${plan.name}.d.ts`, contents: hostModuleDts(spec) },
    ],
  };
}

export const wgslTarget: Target = {
  name: "wgsl",
  defaultTile: wgslDefaultTile,
  speculativeReads: true,
  backward: true,
  pagedKv: true,
  async generate(plan) {
    return compileWgsl(plan).files;
  },
  run: runWgslSource,
};

export { runWgsl } from "./run.js";
export { specOf, wgslDefaultTile } from "./spec.js";
