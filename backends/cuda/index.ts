/**
 * The CUDA backend: kernel plan -> `<name>.cu` (kernel + host entry point) and `<name>.h`.
 *
 * Contract: `cudaTarget` is the registry entry of the CUDA target: `compileCuda` (compile.ts)
 * generates the files, `runCuda` (run.ts) is `attnc run --target cuda`.
 */
import type { Target } from "../index.js";
import { compileCuda, cudaDefaultTile, cudaTileOf } from "./compile.js";
import { runCuda } from "./run.js";

export { compileCuda, cudaTileOf } from "./compile.js";
export { runCuda } from "./run.js";

export const cudaTarget: Target = {
  name: "cuda",
  defaultTile: cudaDefaultTile,
  tileOf: cudaTileOf,
  speculativeReads: true,
  backward: true,
  pagedKv: true,
  async generate(plan, opts) {
    return compileCuda(plan, { dtype: opts?.dtype, arch: opts?.arch }).files;
  },
  run: runCuda,
};
