/**
 * Builds the kernel plan of one optimized attention program for one target: runs the tile
 * classifier on the mask, schedules the expressions, and attaches the target's tile plan.
 */
import { classifyMask } from "../analysis/classify.js";
import { constValue } from "../ir/node.js";
import type { AttnIR } from "../ir/program.js";
import type { KernelPlan, TilePlan } from "./kernel-plan.js";
import { schedule } from "./schedule.js";
import { scoreGrad } from "../grad/grad.js";

export interface PlanOptions {
  tile: TilePlan;
  headDim: number | null;
  /** the target clamps every tensor index, so reads may be evaluated speculatively */
  speculativeReads: boolean;
  /** also plan a backward kernel (attach the score's derivatives) */
  backward?: boolean;
}

export function buildPlan(ir: AttnIR, opts: PlanOptions): KernelPlan {
  const maskIsTrue = constValue(ir.mask) === true;
  const cls = classifyMask(ir.mask, ir.inputs);
  return {
    name: ir.name,
    normalize: ir.normalize,
    params: ir.params,
    inputs: ir.inputs,
    mask: ir.mask,
    score: ir.score,
    ...(ir.sink ? { sink: ir.sink } : {}),
    maskIsTrue,
    speculativeReads: opts.speculativeReads,
    classify: cls.classify,
    kvRange: cls.kvRange,
    facts: cls.facts,
    schedule: schedule(ir.mask, ir.score, maskIsTrue, ir.inputs, opts.speculativeReads),
    tile: opts.tile,
    headDim: opts.headDim,
    ...(opts.backward ? { grad: scoreGrad(ir) } : {}),
  };
}
