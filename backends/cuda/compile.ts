/**
 * Kernel plan -> generated CUDA files.
 *
 * Contract: `compileCuda(plan)` is pure and deterministic (same plan, same text); it prints the
 * plan's expressions with the shared emitter and CUDA's `LangRules`, pastes them into the sm_80+
 * skeleton, and instantiates head dims 64 and 128 (or the plan's fixed head dim; E0406 for others)
 * for bf16 and fp16. Files: `<name>.cu` (self-contained kernel + host entry) and `<name>.h`.
 */
import { topo } from "../../compiler/ir/node.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { buildPlan } from "../../compiler/plan/build.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import type { ParamOverrides } from "../../compiler/lower.js";
import type { GeneratedFile } from "../index.js";
import { emitKernel } from "../shared/emit.js";
import { tileConfigs } from "./config.js";
import { maskIsCheap, scoreIsS } from "./holes.js";
import { renderHeader } from "./host.js";
import { cName, renderKernelFile } from "./kernel-file.js";
import { cudaRules } from "./rules.js";

export function compileCuda(plan: KernelPlan): { files: GeneratedFile[] } {
  const configs = tileConfigs(plan.headDim, isCostly(plan));
  const em = emitKernel(plan, cudaRules);
  const name = cName(plan.name);
  return {
    files: [
      { path: `${name}.cu`, contents: renderKernelFile(plan, em, configs) },
      { path: `${name}.h`, contents: renderHeader(plan, name, configs.map((c) => c.headDim)) },
    ],
  };
}


/** A mask that is not cheap, or a score with tensor reads, needs the register-light tile plans. */
export function isCostly(plan: KernelPlan): boolean {
  return !maskIsCheap(plan) || (!scoreIsS(plan) && topo([plan.score]).some((n) => n.op === "load" && n.args.length > 1));
}

/** Source -> CUDA kernel plans (every attention block, or the one named), as the CLI would make them. */
export function cudaPlans(source: string, file: string, opts: { name?: string; params?: ParamOverrides; headDim?: number } = {}): KernelPlan[] {
  const headDim = opts.headDim ?? null;
  const c = tileConfigs(headDim)[0]!;
  const tile = { blockQ: c.warps * 16 * c.rowTilesPerWarp, blockKV: c.blockKV, extra: { warps: c.warps, stages: c.stages } };
  return lowerSource(source, file, { name: opts.name, params: opts.params }).map((ir) =>
    buildPlan(optimize(ir), { tile, headDim, speculativeReads: true }),
  );
}
