/**
 * Assembles one generated `.cu` file from its parts: includes, the kernel's namespace with the
 * prelude, params, tensor reads, printed holes, the skeleton and the host entry point.
 *
 * Contract: the result is a self-contained translation unit (it also defines the error codes and
 * declares the entry point exactly as the header does), so `nvcc -c NAME.cu` needs nothing else.
 */
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import type { CudaArch } from "../index.js";
import type { EmittedKernel } from "../shared/emit-types.js";
import type { Sm90Config, TileConfig } from "./config.js";
import { renderHoles } from "./holes.js";
import { codesBlock, renderFactKernels, renderLaunch, renderLoads, renderParams, type CudaDtypes } from "./host.js";
import { PRELUDE } from "./prelude.js";
import { SKELETON_SM80 } from "./skeleton-sm80.js";
import { SKELETON_SM90, SM90_HELPERS, wgmmaWrappers } from "./skeleton-sm90.js";
import { SKELETON_SM90WS, SM90WS_HELPERS } from "./skeleton-sm90ws.js";
import { MERGE_KERNEL, renderMergeEntry } from "./merge.js";
import { SKELETON_BWD } from "./skeleton-bwd.js";
import { SKELETON_DECODE } from "./skeleton-decode.js";
import { PAGE_CHECK } from "./paged.js";
import { renderBackwardLaunch } from "./backward.js";

/** A C identifier from the attention block's name. */
export function cName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** The nvcc flags a file is built with: one architecture, or both (and PTX for later GPUs). */
export function archFlagsFor(arch?: CudaArch): string {
  if (arch === "sm_80") return "-gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_80,code=compute_80";
  if (arch === "sm_90a") return "-gencode=arch=compute_90a,code=sm_90a";
  return "-gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a -gencode=arch=compute_80,code=compute_80";
}

export function renderKernelFile(plan: KernelPlan, em: EmittedKernel, configs: TileConfig[], hopper: Sm90Config[], dtypes: CudaDtypes = "both", arch?: CudaArch): string {
  const name = cName(plan.name);
  const holes = renderHoles(plan, em);
  const banner = [
    `// attnc: ${plan.name} (${plan.normalize}) — generated CUDA C++, do not edit.`,
    `// Build${arch ? ` (for ${arch} only: attnc compile --arch ${arch})` : ""}: nvcc -O3 -std=c++17 ${archFlagsFor(arch)} -c ${name}.cu`,
    `// Entry point and error codes: ${name}.h. Tile plans: ATTNC_D<dim>_* macros below.`,
  ];
  return [
    ...banner,
    `#include <cuda_runtime.h>`,
    ...(hopper.length > 0 ? [`#include <cuda.h>  // CUtensorMap (TMA maps of the warp-specialized kernel; no -lcuda needed)`, `#include <cudaTypedefs.h>`] : []),
    `#include <cuda_bf16.h>`,
    `#include <cuda_fp16.h>`,
    `#include <atomic>`,
    `#include <cstdint>`,
    `#include <cstdlib>  // getenv (ATTNC_DECODE_SPLITS)`,
    `#include <type_traits>`,
    "",
    codesBlock(),
    "",
    `namespace attnc_${name} {`,
    "",
    PRELUDE,
    renderParams(plan.inputs, plan.facts.length, /\battnc_q_len\(/.test(holes)),
    "",
    renderLoads(plan.inputs),
    "",
    holes,
    "",
    SKELETON_SM80,
    ...(hopper.length > 0 ? [SM90_HELPERS, wgmmaWrappers([48, 64, 96, 128, ...hopper.flatMap((c) => [c.blockKV, c.headDim])]), "", SKELETON_SM90, SM90WS_HELPERS, SKELETON_SM90WS] : []),
    ...(plan.grad ? [SKELETON_BWD] : []),
    ...(plan.normalize === "softmax" ? [MERGE_KERNEL, SKELETON_DECODE] : []),
    renderFactKernels(plan),
    PAGE_CHECK,
    renderLaunch(name, plan, configs, hopper, dtypes),
    ...(plan.normalize === "softmax" ? [renderMergeEntry(name)] : []),
    ...(plan.grad ? [renderBackwardLaunch(name, plan, configs, dtypes)] : []),
  ].join("\n");
}
