/**
 * The JSON manifest written beside generated kernels: what a build pipeline needs to call them
 * (inputs and their shapes, params as compiled, outputs, the tile plan and how tiles are
 * classified), with no timestamps so that output is deterministic.
 */
import { printNode } from "../ir/printer.js";
import type { KernelPlan } from "./kernel-plan.js";
import { dimText } from "../ir/dims.js";

export interface Manifest {
  attnc: string;
  name: string;
  target: string;
  source: string;
  normalize: string;
  /** the sink logit of a query row as IR text (present only for programs with a sink) */
  sink?: string;
  params: KernelPlan["params"];
  inputs: { name: string; dtype: string; shape: (number | string)[] }[];
  tensors: { q: string[]; k: string[]; v: string[]; o: string[]; lse: string[] | null };
  tile: KernelPlan["tile"];
  headDim: number | null;
  classifier: { anyVisible: string; allVisible: string; kvRange: { lo: string; hi: string } | null; facts: KernelPlan["facts"] };
  /** with a backward: its extra input dO and its outputs (d_NAME for every f32 input); else absent */
  backward?: {
    inputs: { dO: string[] };
    outputs: { dq: string[]; dk: string[]; dv: string[]; tensors: { name: string; output: string; shape: (number | string)[] }[] };
    /** the score's derivatives as IR text (ds: d score / d s; one entry per differentiable tensor
     * read), and the sink's (d sink / d read) for a program with a sink */
    derivatives: { ds: string | null; sites: { read: string; d: string }[]; sinkSites?: { read: string; d: string }[] };
  };
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
    ...(plan.sink ? { sink: printNode(plan.sink) } : {}),
    params: plan.params,
    inputs: plan.inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: i.dims.map((d) => (d.kind === "const" ? d.value : dimText(d))) })),
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
    ...(plan.grad ? { backward: backwardEntry(plan) } : {}),
    files: files.map((f) => f.path),
  };
}

function backwardEntry(plan: KernelPlan): NonNullable<Manifest["backward"]> {
  const g = plan.grad!;
  return {
    inputs: { dO: ["B", "H", "Q_LEN", "DV"] },
    outputs: {
      dq: ["B", "H", "Q_LEN", "D"],
      dk: ["B", "H_KV", "KV_LEN", "D"],
      dv: ["B", "H_KV", "KV_LEN", "DV"],
      tensors: plan.inputs
        .filter((i) => i.dtype === "f32")
        .map((i) => ({ name: i.name, output: `d_${i.name}`, shape: i.dims.map((d) => (d.kind === "const" ? d.value : dimText(d))) })),
    },
    derivatives: {
      ds: g.ds ? printNode(g.ds) : null,
      sites: g.sites.map((s) => ({ read: printNode(s.load), d: printNode(s.d) })),
      ...(g.sink ? { sinkSites: g.sink.sites.map((s) => ({ read: printNode(s.load), d: printNode(s.d) })) } : {}),
    },
  };
}
