/**
 * The CUDA backend: kernel plan -> `<name>.cu` (kernel + host entry point) and `<name>.h`.
 *
 * Contract: `cudaTarget` is the registry entry of the CUDA target: `compileCuda` (compile.ts)
 * generates the files, `runCuda` (run.ts) is `attnc run --target cuda`.
 */
import type { KernelPlan, TilePlan } from "../../compiler/plan/kernel-plan.js";
import type { Target } from "../index.js";
import { classifierIsCheap, classifierReadsTensors } from "./holes.js";
import { compileCuda, isCostly, isLean, legalizeForCuda } from "./compile.js";
import { sm90Configs, tileConfigs } from "./config.js";
import { runCuda } from "./run.js";

export { compileCuda } from "./compile.js";
export { runCuda } from "./run.js";

/** The tile box before the program is known (the kernel reads config.ts; cudaTileOf reports what it uses). */
function defaultTile(headDim: number | null): TilePlan {
  const c = tileConfigs(headDim === 64 ? 64 : 128)[0]!;
  return {
    blockQ: c.warps * 16 * c.rowTilesPerWarp,
    blockKV: c.blockKV,
    extra: { warps: c.warps, stages: c.stages },
  };
}

/**
 * The tile plans compileCuda instantiates for this program: blockQ x blockKV of the sm_90a kernel
 * (what Hopper runs) at the plan's head dim (128 when unfixed), and every instantiated plan in
 * words under `extra` (the sm_80 kernel runs on other GPUs and at D = 192, 256).
 */
export function cudaTileOf(original: KernelPlan): TilePlan {
  const plan = legalizeForCuda(original);
  const sm80 = tileConfigs(plan.headDim, isCostly(plan), !classifierIsCheap(plan), isLean(plan));
  const sm90 = sm90Configs(
    sm80.map((c) => c.headDim),
    isLean(plan),
    classifierReadsTensors(plan),
  );
  const extra: Record<string, string> = {};
  for (const c of sm90) extra[`sm90_d${c.headDim}`] = `${c.warpgroups} warpgroup(s) x 64 rows, ${c.blockKV} keys, ${c.stages} stages${c.minCtas > 1 ? `, ${c.minCtas} CTAs per SM` : ""}${c.overlapPV ? ", P V overlapped" : ""}`;
  for (const c of sm80) extra[`sm80_d${c.headDim}`] = `${c.warps} warps x ${16 * c.rowTilesPerWarp} rows, ${c.blockKV} keys, ${c.stages} stages${c.qInSmem ? ", Q in shared memory" : ""}`;
  const d = plan.headDim ?? 128;
  const h = sm90.find((c) => c.headDim === d);
  const l = sm80.find((c) => c.headDim === d) ?? sm80[0]!;
  return h ? { blockQ: h.warpgroups * 64, blockKV: h.blockKV, extra } : { blockQ: l.warps * 16 * l.rowTilesPerWarp, blockKV: l.blockKV, extra };
}

export const cudaTarget: Target = {
  name: "cuda",
  defaultTile,
  tileOf: cudaTileOf,
  speculativeReads: true,
  async generate(plan) {
    return compileCuda(plan).files;
  },
  run: runCuda,
};
