/** The printable form of a kernel plan (`--emit plan`): IR shown as text. */
import { printNode } from "../compiler/ir/printer.js";
import type { KernelPlan } from "../compiler/plan/kernel-plan.js";

export function planToJson(p: KernelPlan) {
  return {
    name: p.name,
    normalize: p.normalize,
    params: p.params,
    inputs: p.inputs,
    tile: p.tile,
    headDim: p.headDim,
    mask: printNode(p.mask),
    score: printNode(p.score),
    ...(p.sink ? { sink: printNode(p.sink) } : {}),
    classify: { anyVisible: printNode(p.classify.anyVisible), allVisible: printNode(p.classify.allVisible) },
    kvRange: p.kvRange ? { lo: printNode(p.kvRange.lo), hi: printNode(p.kvRange.hi) } : null,
    facts: p.facts,
    schedule: {
      hoisted: p.schedule.values.map((v) => ({ name: v.name, level: v.level, value: printNode(v.node) })),
      columns: p.schedule.columns.map((v) => ({ name: v.name, value: printNode(v.node) })),
      maskTemps: p.schedule.maskTemps.map((v) => v.name),
      scoreTemps: p.schedule.scoreTemps.map((v) => v.name),
    },
  };
}
