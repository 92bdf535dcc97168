/**
 * The backend registry: each target's tile plan defaults, whether it clamps tensor reads, and its
 * generator from a kernel plan to files.
 */
import type { KernelPlan, TilePlan } from "../compiler/plan/kernel-plan.js";
import type { Sizes } from "../compiler/ir/program.js";
import { generateTs, transpiledTs } from "./ts/generate.js";
import { cudaTarget } from "./cuda/index.js";
import { wgslTarget } from "./wgsl/index.js";

export type TargetName = "ts" | "cuda" | "wgsl";

export interface GeneratedFile {
  /** path relative to the output directory */
  path: string;
  contents: string;
}

export interface Target {
  name: TargetName;
  /** the default tile plan for a head dimension (null: decided at run time) */
  defaultTile(headDim: number | null): TilePlan;
  /** the tile plan the generated code really uses, when the target picks it from the program (it
   * replaces the default in the plan, so the manifest and `--emit plan` report it) */
  tileOf?(plan: KernelPlan): TilePlan;
  /** true when the generated code clamps every tensor index (reads can never fail) */
  speculativeReads: boolean;
  /** the target generates a backward for plans with `grad` */
  backward?: boolean;
  /** the target's kernels read a paged KV cache (RunData.pages) */
  pagedKv?: boolean;
  generate(plan: KernelPlan, opts?: GenerateOptions): Promise<GeneratedFile[]>;
  /** `attnc run` for this target (absent: the target cannot run programs from the CLI) */
  run?(source: string, file: string, data: RunData, opts: RunOptions): Promise<RunResult>;
}

/** How a target writes its files (never what they compute). */
export interface GenerateOptions {
  /** TypeScript target: also NAME.js and NAME.d.ts, for Node and bundlers with no build step */
  js?: boolean;
  /** CUDA target: kernels for this input dtype only (the entry points reject the other with ATTNC_ERR_DTYPE) */
  dtype?: "bf16" | "f16";
  /** CUDA target: the GPU architecture the file is built for (default: both, sm_80 and sm_90a) */
  arch?: CudaArch;
}

/** The CUDA architectures `--arch` names: sm_80 (Ampere and later, mma.sync kernels only) and sm_90a
 * (Hopper: the wgmma/TMA kernels, with the mma.sync kernels for the shapes they do not take). */
export const CUDA_ARCHS = ["sm_80", "sm_90a"] as const;
export type CudaArch = (typeof CUDA_ARCHS)[number];

export interface RunData {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  tensors: Record<string, Float32Array | Int32Array>;
  sizes: Sizes;
  /** per-row lengths (docs/language.md § 10): B values each, in [0, Q_LEN] / [0, KV_LEN] */
  lens?: RowLengths;
  /**
   * a paged KV cache (docs/language.md § 10): k, v are [NUM_PAGES, H_KV, size, *], `table` is
   * [B, KV_LEN / size] page ids (KV_LEN: the padded length, a multiple of `size`)
   */
  pages?: { table: Int32Array; size: number };
}

/** The per-row lengths of a call: each optional (absent: every batch row has the tensors' length). */
export interface RowLengths {
  q?: Int32Array;
  kv?: Int32Array;
}

export interface RunOptions {
  name?: string;
  params?: Record<string, string | number | boolean>;
  scale?: number;
  /** storage type of q, k, v on GPUs */
  dtype?: "bf16" | "f16";
  /** dO (float32, the shape of o): also run the backward (targets with `backward`) */
  dO?: Float32Array;
}

export interface RunResult {
  o: Float32Array;
  lse: Float32Array | null;
  /** a line for the user, e.g. which adapter or GPU ran it */
  note?: string;
  /** with `dO`: the gradients (float32; dTensors: d_NAME for every f32 input) */
  grads?: { dq: Float32Array; dk: Float32Array; dv: Float32Array; dTensors: Record<string, Float32Array> };
}

const ts: Target = {
  name: "ts",
  defaultTile: () => ({ blockQ: 16, blockKV: 32 }),
  speculativeReads: false,
  backward: true,
  pagedKv: true,
  async generate(plan, opts) {
    const m = await generateTs(plan);
    const files = [{ path: m.fileName, contents: m.source }];
    if (opts?.js) {
      const js = await transpiledTs(m);
      files.push({ path: js.jsName, contents: js.js }, { path: js.dtsName, contents: js.dts });
    }
    return files;
  },
};

export const TARGETS: Record<TargetName, Target | undefined> = { ts, cuda: cudaTarget, wgsl: wgslTarget };

export const TARGET_NAMES = Object.keys(TARGETS) as TargetName[];
