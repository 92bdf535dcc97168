/**
 * Kernel plan -> generated CUDA files.
 *
 * Contract: `compileCuda(plan)` is pure and deterministic (same plan, same text); it prints the
 * plan's expressions with the shared emitter and CUDA's `LangRules`, pastes them into the sm_80+
 * skeleton, and instantiates head dims 64 and 128 (or the plan's fixed head dim; E0406 for others)
 * for bf16 and fp16. Files: `<name>.cu` (self-contained kernel + host entry) and `<name>.h`.
 */
import { topo, type Node } from "../../compiler/ir/node.js";
import { FALSE, TRUE } from "../../compiler/ir/builder.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { buildPlan } from "../../compiler/plan/build.js";
import type { KernelPlan, TilePlan } from "../../compiler/plan/kernel-plan.js";
import type { ParamOverrides } from "../../compiler/lower.js";
import type { CudaArch, GeneratedFile } from "../index.js";
import { emitKernel } from "../shared/emit.js";
import { sm90Configs, tileConfigs, type Sm90Config, type TileConfig } from "./config.js";
import { classifierIsCheap, classifierReadsTensors, maskIsCheap, scoreIsS } from "./holes.js";
import { renderHeader } from "./host.js";
import { cName, renderKernelFile } from "./kernel-file.js";
import { cudaRules } from "./rules.js";
import { BACKWARD_HEAD_DIMS } from "./backward.js";
import { AttncError, diag } from "../../dsl/diagnostics.js";

/**
 * CUDA's legalize step: a tile classifier whose IR is so large that evaluating it next to the live
 * accumulators would spill registers (and take minutes to compile) is replaced by its trivially
 * sound version (every tile visited / partial). Results are unchanged; only tile skipping is lost.
 * The limit was set on the examples (largest kept: 1075 nodes, spill-free). Key ranges are bounded
 * on every target by the classifier itself (compiler/analysis/classify.ts, MAX_KV_RANGE_NODES).
 */
export const MAX_CLASSIFIER_NODES = 1200;

export function legalizeForCuda(plan: KernelPlan): KernelPlan {
  const size = (n: Node) => topo([n]).length;
  const { anyVisible, allVisible } = plan.classify;
  const classify = {
    anyVisible: size(anyVisible) > MAX_CLASSIFIER_NODES ? TRUE : anyVisible,
    allVisible: size(allVisible) > MAX_CLASSIFIER_NODES ? FALSE : allVisible,
  };
  if (classify.anyVisible === anyVisible && classify.allVisible === allVisible) return plan;
  return { ...plan, classify };
}

/**
 * The tile plans a program gets (after legalizeForCuda): the sm_80 plan per instantiated head dim
 * and the sm_90a plans for those head dims that have one. compileCuda prints them; cudaTileOf
 * reports them.
 */
export function selectTilePlans(original: KernelPlan): { plan: KernelPlan; configs: TileConfig[]; hopper: Sm90Config[] } {
  const plan = legalizeForCuda(original);
  const lean = isLean(plan);
  const configs = tileConfigs(plan.headDim, isCostly(plan), !classifierIsCheap(plan), lean);
  const hopper = sm90Configs(
    configs.map((c) => c.headDim),
    lean,
    classifierReadsTensors(plan),
  );
  return { plan, configs, hopper };
}

export function compileCuda(original: KernelPlan, opts: { dtype?: "bf16" | "f16"; arch?: CudaArch } = {}): { files: GeneratedFile[] } {
  const dtypes = opts.dtype ?? "both";
  const selected = selectTilePlans(original);
  const { plan, configs } = selected;
  // sm_80 only: no Hopper kernels (the mma.sync kernels run on every GPU from sm_80 on)
  const hopper = opts.arch === "sm_80" ? [] : selected.hopper;
  if (plan.grad && !configs.some((c) => BACKWARD_HEAD_DIMS.includes(c.headDim))) {
    throw new AttncError([diag("E0406", `the CUDA backward supports head dims ${BACKWARD_HEAD_DIMS.join(", ")}, not ${plan.headDim}`)]);
  }
  const em = emitKernel(plan, cudaRules);
  const name = cName(plan.name);
  return {
    files: [
      { path: `${name}.cu`, contents: renderKernelFile(plan, em, configs, hopper, dtypes, opts.arch) },
      { path: `${name}.h`, contents: renderHeader(plan, name, configs.map((c) => c.headDim), dtypes) },
    ],
  };
}

/** The tile box before the program is known (the kernel reads config.ts; cudaTileOf reports what it uses). */
export function cudaDefaultTile(headDim: number | null): TilePlan {
  const c = tileConfigs(headDim === 64 ? 64 : 128)[0]!;
  return { blockQ: rowsPerCta(c), blockKV: c.blockKV, extra: { warps: c.warps, stages: c.stages } };
}

/**
 * The tile plans compileCuda instantiates for this program: blockQ x blockKV of the sm_90a kernel
 * (what Hopper runs) at the plan's head dim (128 when unfixed), and every instantiated plan in
 * words under `extra` (the sm_80 kernel runs on other GPUs and at D = 192, 256).
 */
export function cudaTileOf(original: KernelPlan): TilePlan {
  const { plan, configs: sm80, hopper: sm90 } = selectTilePlans(original);
  const extra: Record<string, string> = {};
  for (const c of sm90) extra[`sm90_d${c.headDim}`] = `${c.warpgroups} warpgroup(s) x 64 rows, ${c.blockKV} keys, ${c.stages} stages${c.minCtas > 1 ? `, ${c.minCtas} CTAs per SM` : ""}${c.overlapPV ? ", P V overlapped" : ""}${c.headsInner ? ", heads innermost in the grid" : ""}${c.producer ? ", warp-specialized (a producer warp, TMA)" : ""}`;
  for (const c of sm80) extra[`sm80_d${c.headDim}`] = `${c.warps} warps x ${16 * c.rowTilesPerWarp} rows, ${c.blockKV} keys, ${c.stages} stages${c.qInSmem ? ", Q in shared memory" : ""}`;
  const d = plan.headDim ?? 128;
  const h = sm90.find((c) => c.headDim === d);
  const l = sm80.find((c) => c.headDim === d) ?? sm80[0]!;
  return h ? { blockQ: h.warpgroups * 64, blockKV: h.blockKV, extra } : { blockQ: rowsPerCta(l), blockKV: l.blockKV, extra };
}

/** Query rows per CTA of an sm_80 plan: warps x m16 row tiles per warp x 16. */
function rowsPerCta(c: TileConfig): number {
  return c.warps * 16 * c.rowTilesPerWarp;
}

/**
 * Softmax of s with no mask or a mask of one comparison of two variables (full, causal): the programs
 * for which the 32-rows-per-warp plan fits in 255 registers at D = 128 (ALiBi's score or a
 * window's two comparisons spill 8-16 bytes there) and is faster (softcap was slower with it:
 * 241 vs 250 TFLOP/s, bench/results/cuda-2026-11-22b.md, table 2).
 */
export function isLean(plan: KernelPlan): boolean {
  return plan.normalize === "softmax" && scoreIsS(plan) && topo([plan.mask]).length <= 3;
}

/** A mask that is not cheap, or a score with tensor reads, needs the register-light tile plans. */
export function isCostly(plan: KernelPlan): boolean {
  return !maskIsCheap(plan) || (!scoreIsS(plan) && topo([plan.score]).some((n) => n.op === "load" && n.args.length > 1));
}

/** Source -> CUDA kernel plans (every attention block, or the one named), as the CLI would make them. */
export function cudaPlans(source: string, file: string, opts: { name?: string; params?: ParamOverrides; headDim?: number; backward?: boolean } = {}): KernelPlan[] {
  const headDim = opts.headDim ?? null;
  return lowerSource(source, file, { name: opts.name, params: opts.params }).map((ir) => {
    const plan = buildPlan(optimize(ir), { tile: cudaDefaultTile(headDim), headDim, speculativeReads: true, backward: opts.backward });
    return { ...plan, tile: cudaTileOf(plan) };
  });
}
