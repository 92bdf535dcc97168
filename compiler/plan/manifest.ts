/**
 * The JSON manifest written beside generated kernels: what a build pipeline needs to call them
 * (inputs and their shapes, params as compiled, outputs, the tile plan and how tiles are
 * classified), with no timestamps so that output is deterministic.
 */
import { printNode } from "../ir/printer.js";
import type { KernelPlan } from "./kernel-plan.js";

export interface Manifest {
  attnc: string;
  name: string;
  target: string;
  source: string;
  normalize: string;
  params: KernelPlan["params"];
  inputs: { name: string; dtype: string; shape: (number | string)[] }[];
  tensors: { q: string[]; k: string[]; v: string[]; o: string[]; lse: string[] | null };
  tile: KernelPlan["tile"];
  headDim: number | null;
  classifier: { anyVisible: string; allVisible: string; kvRange: { lo: string; hi: string } | null; facts: KernelPlan["facts"] };
  files: string[];
}

export const ATTNC_VERSION = "0.1.0";

export function manifestOf(plan: KernelPlan, target: string, source: string, files: { path: string }[]): Manifest {
  return {
    attnc: ATTNC_VERSION,
    name: plan.name,
    target,
    source,
    normalize: plan.normalize,
    params: plan.params,
    inputs: plan.inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: i.dims.map((d) => (d.kind === "const" ? d.value : d.name)) })),
    tensors: {
      q: ["B", "H", "Q_LEN", "D"],
      k: ["B", "H_KV", "KV_LEN", "D"],
      v: ["B", "H_KV", "KV_LEN", "DV"],
      o: ["B", "H", "Q_LEN", "DV"],
      lse: plan.normalize === "softmax" ? ["B", "H", "Q_LEN"] : null,
    },
    tile: plan.tile,
    headDim: plan.headDim,
    classifier: {
      anyVisible: printNode(plan.classify.anyVisible),
      allVisible: printNode(plan.classify.allVisible),
      kvRange: plan.kvRange ? { lo: printNode(plan.kvRange.lo), hi: printNode(plan.kvRange.hi) } : null,
      facts: plan.facts,
    },
    files: files.map((f) => f.path),
  };
}
