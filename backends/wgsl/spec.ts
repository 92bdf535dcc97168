/**
 * The kernel spec of a plan: what the emitted host module carries (declarations, tile-plan
 * preferences, the shader body with the plan's expressions printed into the skeleton).
 */
import type { KernelPlan, TilePlan } from "../../compiler/plan/kernel-plan.js";
import { emitKernel } from "../shared/emit.js";
import type { KernelSpec } from "./host-runtime.js";
import { wgslRules } from "./rules.js";
import { shaderBody } from "./skeleton.js";
import { packedShaderBody } from "./skeleton-packed.js";
import { backwardBodies } from "./skeleton-bwd.js";

/** The default plan: measured best on the H100 (bench/results/wgsl-2026-11-22.md), within WebGPU's
 * default limits at D = 64 (32 keys x 512 bytes = 16 KiB); createKernel clips it to the device. */
export function wgslDefaultTile(_headDim: number | null): TilePlan {
  return { blockQ: 128, blockKV: 32, extra: { keysPerStep: 4 } };
}

export function keysPerStepOf(plan: KernelPlan): number {
  const k = plan.tile.extra?.keysPerStep;
  return typeof k === "number" ? k : 4;
}

export function specOf(plan: KernelPlan): KernelSpec {
  const emitted = emitKernel(plan, wgslRules);
  const x = { name: plan.name, normalize: plan.normalize, inputs: plan.inputs, maskIsTrue: plan.maskIsTrue, facts: plan.facts.map((f) => f.var), emitted };
  return {
    name: plan.name,
    normalize: plan.normalize,
    inputs: plan.inputs.map((i) => ({ name: i.name, dtype: i.dtype, dims: i.dims.map((d) => (d.kind === "const" ? d.value : d.kind === "size" ? d.name : { expr: d.expr, text: d.text })) })),
    facts: plan.facts.map((f) => ({ var: f.var, tensor: f.tensor, dim: f.dim })),
    headDim: plan.headDim,
    blockQ: plan.tile.blockQ,
    blockKV: plan.tile.blockKV,
    keysPerStep: keysPerStepOf(plan),
    body: shaderBody(x),
    packed: packedShaderBody(x),
    ...(plan.grad ? { backward: backwardBodies(x) } : {}),
  };
}

