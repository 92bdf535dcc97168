/**
 * The CUDA backend: kernel plan -> `<name>.cu` (kernel + host entry point) and `<name>.h`.
 *
 * Contract: `cudaTarget` is the registry entry of the CUDA target: `compileCuda` (compile.ts)
 * generates the files, `runCuda` (run.ts) is `attnc run --target cuda`.
 */
import type { KernelPlan, TilePlan } from "../../compiler/plan/kernel-plan.js";
import type { Target } from "../index.js";
import { compileCuda } from "./compile.js";
import { tileConfigs } from "./config.js";
import { runCuda } from "./run.js";

export { compileCuda } from "./compile.js";
export { runCuda } from "./run.js";

/** The plan's tile box (used by the tile classifier's statistics; the kernel reads config.ts). */
function defaultTile(headDim: number | null): TilePlan {
  const c = tileConfigs(headDim === 64 ? 64 : 128)[0]!;
  return {
    blockQ: c.warps * 16 * c.rowTilesPerWarp,
    blockKV: c.blockKV,
    extra: { warps: c.warps, stages: c.stages },
  };
}

export const cudaTarget: Target = {
  name: "cuda",
  defaultTile,
  speculativeReads: true,
  async generate(plan) {
    return compileCuda(plan).files;
  },
  run: runCuda,
};
