/**
 * Prints the host module emitted beside the shader: `NAME.js` (an ES module with no imports, for
 * browsers, bundlers and Node) and `NAME.d.ts` (its types, which use @webgpu/types' globals).
 *
 * Contract: the module exports `spec` (the kernel's declarations and shader body), `tilePlan`,
 * `shaderSource` and `createKernel(device, options)` (async; see host-runtime.ts), and for softmax
 * programs `createMerge(device)` (async; merge.ts). Its code is the source text of host-runtime.ts's
 * and merge.ts's functions, so the emitted module and the in-process runner run the same code.
 */
import { createMergeWith, mergePass, mergeShaderSource } from "./merge.js";
import { checkPageTable, chooseTilePlan, createKernelWith, float16Bits, kvSplitsFor, packGqaFor, pageShape, qkvStorage, rowLengthsFit, shaderHeader, withPipelineErrors, type KernelSpec } from "./host-runtime.js";
import { backwardStorage, backwardTilePlan, createBackwardWith } from "./host-backward.js";

export function hostModuleJs(spec: KernelSpec): string {
  return `// attnc: host module for the WGSL kernel '${spec.name}' (${spec.normalize}); generated, do not edit.
// Usage: const kernel = await createKernel(device, { headDim: 64 });
//        kernel.forward({ q, k, v, o${spec.normalize === "softmax" ? ", lse" : ""}${spec.inputs.length ? `, inputs: { ${spec.inputs.map((i) => `${i.name}: buffer`).join(", ")} }` : ""} }, { B, H, H_KV, Q_LEN, KV_LEN, D });
// Buffers are GPUBuffers with STORAGE usage holding row-major float32 (int32 for i32 inputs);
// q, k and v may be float16 with createKernel(device, { dtype: "f16" }) (arithmetic stays float32).
// Per-row lengths: forward(tensors, sizes, { qLens, kvLens }) with Int32Arrays of B lengths each;
// a paged KV cache: forward(tensors, sizes, { pageTable, pageSize, numPages }) with k, v as pages.
export const spec = ${JSON.stringify(spec, null, 2)};

${chooseTilePlan.toString()}

${shaderHeader.toString()}

${qkvStorage.toString()}

${rowLengthsFit.toString()}

${kvSplitsFor.toString()}

${packGqaFor.toString()}

${withPipelineErrors.toString()}

${pageShape.toString()}

${checkPageTable.toString()}

${createKernelWith.toString()}
${spec.backward ? `\n${backwardStorage.toString()}\n\n${backwardTilePlan.toString()}\n\n${createBackwardWith.toString()}\n` : ""}
/** float32 values to float16 bits (round to nearest even), padded to an even length: the contents
 * of a q, k or v buffer for createKernel(device, { dtype: "f16" }). */
export ${float16Bits.toString()}

/** The tile plan createKernel would choose on a device with these limits. */
export function tilePlan(limits, options = {}, subgroups = false) {
  const D = spec.headDim ?? options.headDim;
  return chooseTilePlan(limits, D, options.valueDim ?? D, { blockQ: spec.blockQ, blockKV: spec.blockKV, keysPerStep: spec.keysPerStep, ...options }, subgroups);
}

/** The full WGSL source createKernel would compile on a device with these limits and features. */
export function shaderSource(limits, options = {}, subgroups = false, shaderF16 = false) {
  const D = spec.headDim ?? options.headDim;
  const DV = options.valueDim ?? D;
  const qkv = qkvStorage(options.dtype ?? "f32", shaderF16, options.shaderF16);
  return shaderHeader(D, DV, tilePlan(limits, options, subgroups), qkv, rowLengthsFit(spec, limits.maxStorageBuffersPerShaderStage)) + spec.body;
}

/** Builds the pipeline once; resolves to { forward(tensors, sizes, { scale }), code, tile, ... }. */
export function createKernel(device, options = {}) {
  return createKernelWith(spec, device, options, { ${[...(spec.backward ? ["createBackwardWith"] : []), ...(spec.normalize === "softmax" ? ["mergePass"] : [])].join(", ")} });
}
${spec.normalize === "softmax" ? mergeJs() : ""}`;
}

/** The lse merge (merge.ts) in a softmax program's module: it does not depend on the program. */
function mergeJs(): string {
  return `
${mergeShaderSource.toString()}

${mergePass.toString()}

${createMergeWith.toString()}

/** Builds the lse merge once; resolves to { merge(parts, out, { rows, DV }), code }: N partial results
 * (o_i [rows, DV], lse_i [rows] of disjoint key sets) into the softmax over their union. */
export function createMerge(device) {
  return createMergeWith(device);
}
`;
}

/** The merge's declarations in a softmax program's `.d.ts`. */
const MERGE_DTS = `/** one partial result (or the merged one): float32 buffers o [rows, DV] and lse [rows] */
export interface MergePart { o: GPUBuffer; lse: GPUBuffer }
export interface Merge {
  /** the WGSL source of the merge pass */
  readonly code: string;
  /**
   * lse = log Σ_i exp(lse_i), o = Σ_i exp(lse_i - lse) · o_i per row (rows = B · H · Q_LEN of a forward's
   * outputs): partials of the same rows over disjoint key sets into the softmax over their union. A
   * partial with lse = -inf adds nothing, a row no partial saw is o = 0, lse = -inf, a NaN or +inf lse
   * makes the row NaN. The partials need COPY_SRC usage (they are copied into one stacked buffer), out
   * STORAGE; out may be a partial's own buffers. Throws, recording nothing, on a bad size or buffer.
   */
  merge(parts: MergePart[], out: MergePart, sizes: { rows: number; DV: number }, opts?: { encoder?: GPUCommandEncoder }): void;
}
/** builds the lse merge (it does not depend on this program) */
export declare function createMerge(device: GPUDevice): Promise<Merge>;
`;

export function hostModuleDts(spec: KernelSpec): string {
  const own = ["q", "k", "v", "o", ...(spec.normalize === "softmax" ? ["lse"] : [])].map((t) => `${t}: GPUBuffer;`);
  // the program's inputs by their names in the program, in a namespace of their own (an input may be `o`)
  const inputs = spec.inputs.length
    ? `\n/** the program's inputs */\nexport interface Inputs { ${spec.inputs.map((i) => `${i.name}: GPUBuffer;`).join(" ")} }`
    : "";
  const tensors = [...own, spec.inputs.length ? "inputs: Inputs;" : "/** the program declares no inputs */ inputs?: Record<string, never>;"];
  const floats = spec.inputs.filter((i) => i.dtype === "f32");
  const bw = spec.backward
    ? `
/** the backward's reads: the forward's buffers${spec.normalize === "softmax" ? " (o and lse as forward wrote them)" : " (o is not read)"} and dO, float32, the shape of o */
export interface BackwardTensors extends ${spec.normalize === "softmax" ? "Tensors" : "Omit<Tensors, \"o\"> & { o?: GPUBuffer }"} { dO: GPUBuffer }
/** the backward's outputs: float32 buffers with STORAGE and COPY_DST usage, every element written */
export interface Gradients {
  /** [B, H, Q_LEN, D] */ dq: GPUBuffer;
  /** [B, H_KV, KV_LEN, D] */ dk: GPUBuffer;
  /** [B, H_KV, KV_LEN, DV] */ dv: GPUBuffer;
  ${floats.length ? `/** the gradient of each f32 input, its shape */ inputs: { ${floats.map((i) => `${i.name}: GPUBuffer;`).join(" ")} };` : "/** the program has no f32 inputs */ inputs?: Record<string, never>;"}
}`
    : "";
  return `/// <reference types="@webgpu/types" />
// attnc: types of the host module for the WGSL kernel '${spec.name}'; generated, do not edit.
export interface KernelOptions {
  /** head dimension of q and k${spec.headDim === null ? " (required)" : ` (compiled for ${spec.headDim})`} */
  headDim?: number;
  /** head dimension of v and o (default: headDim) */
  valueDim?: number;
  /** tile plan overrides, clipped to the device's limits */
  blockQ?: number;
  blockKV?: number;
  /** keys per online-softmax step (default 4) */
  keysPerStep?: number;
  /** invocations per query row, 1 or 2 (2 needs the device's subgroups feature; default: 2 when D + DV > 128) */
  split?: number;
  /** element type of the q, k, v buffers (default "f32"; o and lse are always float32). With "f16"
   * each element takes 2 bytes (a buffer's size rounded up to 4); arithmetic stays float32 */
  dtype?: "f32" | "f16";
  /** with dtype "f16": use the device's shader-f16 feature when present (default true); false
   * reads f16 pairs from u32 words with unpack2x16float, as on devices without it */
  shaderF16?: boolean;
  /** the GQA-packed forward's pipeline: built on the first forward that packs (default), by
   * createKernel (true: its shader errors thrown there), or never (false: forward never packs) */
  packGqa?: boolean;${spec.backward ? `
  /** the backward's key-major tile: keys per workgroup (default 64) and query rows staged per step (default 32), clipped to the device */
  backwardTile?: { keys?: number; rows?: number };` : ""}
}
export interface TilePlanChoice { blockQ: number; blockKV: number; keysPerStep: number; split: number; workgroupBytes: number }
export interface Sizes { B: number; H: number; H_KV: number; Q_LEN: number; KV_LEN: number; D: number; DV?: number }
export interface Tensors { ${tensors.join(" ")} }${inputs}${bw}
export interface ForwardOptions {
  /** softmax scale (default 1/sqrt(D)) */
  scale?: number;
  /** record into this encoder instead of submitting (uniforms are written at call time) */
  encoder?: GPUCommandEncoder;
  /** GPU timestamps of the compute pass (needs the timestamp-query feature) */
  timestampWrites?: GPUComputePassTimestampWrites;
  /** per-row lengths (attnc's docs/language.md § 10): B lengths each, in [0, Q_LEN] / [0, KV_LEN] of
   * the padded tensors (else an Error with code "E0412"); batch row b's Q_LEN and KV_LEN are then
   * its own, keys past them do not exist, its rows past them are o = 0, lse = -inf */
  qLens?: Int32Array;
  kvLens?: Int32Array;
  /** a paged KV cache (attnc's docs/language.md § 10): k is [numPages, H_KV, pageSize, D] and v
   * [numPages, H_KV, pageSize, DV], and key kv of batch row b is row kv % pageSize of page
   * pageTable[b, kv / pageSize]; the table is int32 [B, KV_LEN / pageSize] (KV_LEN: the padded
   * length, a multiple of pageSize). All three together (else code "E0404"); a page id a row reads
   * (those of its keys below its kvLens entry) outside [0, numPages) is an Error with code "E0413" */
  pageTable?: Int32Array;
  pageSize?: number;
  numPages?: number;${spec.normalize === "softmax" ? `
  /** split-KV: the number of splits of the key tiles, each writing partial o and lse merged by a
   * second pass (default: kernel.kvSplits(sizes), more than 1 for decode-like calls over long keys) */
  kvSplits?: number;` : ""}
  /** GQA packing: "auto" (default) packs the query heads of each key/value head's group into one
   * tile when kernel.packGqa(sizes) says so (decode: H > H_KV, Q_LEN 1 to 16); true / false force it */
  packGqa?: boolean | "auto";
}
export interface Kernel {
  readonly name: string;
  readonly headDim: number;
  readonly valueDim: number;
  readonly tile: TilePlanChoice;
  /** how q, k, v are read: float32, float16 through shader-f16, or float16 pairs unpacked from u32 */
  readonly qkv: "f32" | "f16" | "f16-packed";
  readonly code: string;
  /** the WGSL source of the GQA-packed forward; null when it is never used (packGqa: false) */
  readonly packedCode: string | null;
  /** run-time facts the tile classifier uses (e.g. sorted document ids), checked by every forward */
  readonly facts: { var: string; tensor: string; dim: number }[];
  /** whether forward takes qLens / kvLens: false only where the kernel's buffers already use every
   * storage buffer the device allows (maxStorageBuffersPerShaderStage) */
  readonly rowLengths: boolean;
  /** whether forward takes a page table: the table shares the lengths' buffer, so as rowLengths */
  readonly pagedKv: boolean;
  /** the key/value splits (split-KV) forward chooses for these sizes: 1 means none${spec.normalize === "softmax" ? "" : " (always, without softmax)"} */
  kvSplits(sizes: Sizes): number;
  /** whether forward packs the query heads of each GQA group into its tiles for these sizes (by itself) */
  packGqa(sizes: Sizes): boolean;
  /** validates sizes, buffers, lengths and the page table (throws, dispatching nothing, when invalid), writes the uniforms,
   * checks the run-time facts on the GPU and dispatches */
  forward(tensors: Tensors, sizes: Sizes, opts?: ForwardOptions): void;
  /** whether each run-time fact holds for these tensors (read back from the GPU) */
  checkFacts(tensors: Tensors, sizes: Sizes, opts?: Pick<ForwardOptions, "pageTable" | "pageSize" | "numPages">): Promise<boolean[]>;${spec.backward ? `
  /** the gradients of sum(o * dO) (attnc's docs/language.md § 9, "Gradients"): validates every buffer
   * and length (throws, dispatching nothing, when invalid), then records the prep, dq and dk/dv passes
   * and the copies of the gradients; per-row lengths as forward's (the same for both calls) */
  backward(tensors: BackwardTensors, grads: Gradients, sizes: Sizes, opts?: ForwardOptions): void;` : ""}
}
export declare const spec: {
  name: string; normalize: "softmax" | "sigmoid" | "none"; headDim: number | null; blockQ: number; blockKV: number; keysPerStep: number; body: string;
  /** the GQA-packed forward's shader body (decode calls) */ packed?: string;
  inputs: { name: string; dtype: "f32" | "i32"; dims: (number | string)[] }[];
  facts: { var: string; tensor: string; dim: number }[];
};
/** the plan createKernel picks on a device with these limits (and the subgroups feature or not) */
export declare function tilePlan(limits: GPUSupportedLimits, options?: KernelOptions, subgroups?: boolean): TilePlanChoice;
export declare function shaderSource(limits: GPUSupportedLimits, options?: KernelOptions, subgroups?: boolean, shaderF16?: boolean): string;
export declare function createKernel(device: GPUDevice, options?: KernelOptions): Promise<Kernel>;
/** float32 values to float16 bits (round to nearest even), padded to an even length */
export declare function float16Bits(values: ArrayLike<number>): Uint16Array;
${spec.normalize === "softmax" ? MERGE_DTS : ""}`;
}
