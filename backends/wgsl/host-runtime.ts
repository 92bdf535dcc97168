/// <reference types="@webgpu/types" />
/**
 * The host side of a compiled WGSL kernel: tile-plan choice from the device's limits, the shader
 * header, pipeline creation and `forward` with input validation.
 *
 * Contract: these functions are self-contained (they use only each other, their arguments and
 * standard JavaScript), because `host-module.ts` copies their source text into every emitted
 * `NAME.js`, which must run in a browser and in Node without attnc. Keep them so: no imports, no
 * module-level values, no WebGPU globals (usage flags are written as numbers).
 * - `chooseTilePlan` takes the preferred plan (default BQ = 128 query rows, BKV = 32 keys, 4 keys
 *   per softmax step) and clips it to the device's limits: BQ to the invocations per workgroup,
 *   BKV to what fits in workgroup storage ((ceil(D/4) + ceil(DV/4)) * 16 bytes per key: 32 keys at
 *   D = DV = 64 in WebGPU's default 16 KiB, 16 at D = 128).
 * - `createKernelWith` compiles once (synchronous `createComputePipeline` inside error scopes; an
 *   error in the shader is thrown as `E0901 internal compiler error` with its line);
 *   `forward` throws on any invalid size or buffer before touching the queue, then writes the
 *   uniforms and submits one command buffer: for a program with run-time facts, a clear, one
 *   small pass per fact and a copy of the counts into the uniforms, then the attention pass
 *   (the one `timestampWrites` times).
 * - per-row lengths (`forward`'s qLens / kvLens, docs/language.md § 10) go to the GPU in a small
 *   buffer of the kernel's own (binding 6: q_lens then kv_lens, written at call time) and a flag
 *   word in the uniforms saying which were given; without them the shader reads neither and every
 *   batch row has the tensors' lengths. The buffer is one storage binding more than the kernel's
 *   own, so a kernel that already uses every storage buffer the device allows is built without it
 *   (`rowLengthsFit`; `kernel.rowLengths` is then false and forward refuses lengths).
 * - a paged KV cache (`forward`'s pageTable / pageSize / numPages; `pageShape`, `checkPageTable`)
 *   is checked on the host (E0404, E0413 as the TypeScript kernel) and its table written into the
 *   same buffer after the lengths; flag bit 2 and `u.page_size`, `u.max_pages`, `u.num_pages` tell
 *   the shader (`attn_kv_row`). `kernel.pagedKv` is `kernel.rowLengths`.
 * - q, k and v are float32 buffers, or float16 ones with `dtype: "f16"` (half the memory and
 *   traffic; scores, softmax and sums stay f32, so the result is as accurate as f32 on the same
 *   rounded inputs). f16 buffers are read as `array<f16>` when the device has `shader-f16`, else
 *   as `array<u32>` unpacked with `unpack2x16float` (core WGSL: every device). o and lse are f32.
 */

import type { BackwardFn, BackwardTileOptions, createBackwardWith } from "./host-backward.js";
import type { mergePass } from "./merge.js";

/**
 * The key/value splits of a softmax forward (split-KV, as FlashDecoding's): a call with few
 * workgroups (decode: one query tile per head) over many key tiles is split so that about 128
 * workgroups run, each split keeping at least 4 key tiles; otherwise 1 (no split). `workgroups` is
 * query tiles x H x B. (A heuristic: WebGPU does not say how many compute units a device has.)
 */
export function kvSplitsFor(workgroups: number, keyTiles: number): number {
  if (workgroups >= 128 || keyTiles < 8) return 1;
  return Math.max(1, Math.min(Math.ceil(128 / workgroups), Math.floor(keyTiles / 4), 64));
}

/**
 * The forward's plan for these sizes: whether it packs the query heads of each GQA group into its
 * query tiles (skeleton-packed.ts: a workgroup per (packed tile, b, kvh), every K/V tile staged once
 * for the group). Packed when GROUP = H / H_KV > 1, Q_LEN is 1 to 16 (decode) and packing needs
 * fewer query tiles than one tile per query head: ceil(GROUP * Q_LEN / BQ) < GROUP * ceil(Q_LEN / BQ)
 * (with BQ >= 16, as the default 128, always so). Emitted into the host module too.
 */
export function packGqaFor(sizes: { H: number; H_KV: number; Q_LEN: number }, blockQ: number): boolean {
  const group = sizes.H / sizes.H_KV;
  if (!(Number.isInteger(group) && group > 1 && sizes.Q_LEN >= 1 && sizes.Q_LEN <= 16)) return false;
  return Math.ceil((group * sizes.Q_LEN) / blockQ) < group * Math.ceil(sizes.Q_LEN / blockQ);
}

/** how q, k, v are stored and read: f32, f16 through `shader-f16`, or f16 pairs unpacked from u32 */
export type QkvStorage = "f32" | "f16" | "f16-packed";

/** How q, k, v are read for a dtype: float32; float16 through the device's shader-f16 feature
 * (unless the option turns it off); or float16 pairs unpacked from u32 words. Emitted into the host
 * module too, so createKernel and shaderSource decide alike. */
export function qkvStorage(dtype: "f32" | "f16", deviceHasF16: boolean, useShaderF16?: boolean): QkvStorage {
  return dtype === "f32" ? "f32" : useShaderF16 !== false && deviceHasF16 ? "f16" : "f16-packed";
}

/** A derived dim's expression (compiler/ir/dims.ts `DimExpr`, as plain data). */
export interface KernelDimExpr {
  op: string;
  value?: number;
  name?: string;
  a?: KernelDimExpr;
  b?: KernelDimExpr;
}
/** an integer, one of B H H_KV Q_LEN KV_LEN D, or a derived dim (`text` as written, e.g. `cdiv(Q_LEN, 64)`) */
export type KernelDim = number | string | { expr: KernelDimExpr; text: string };

export interface SpecInput {
  name: string;
  dtype: "f32" | "i32";
  dims: KernelDim[];
}

/** A run-time fact of the tile classifier: `tensor` is nondecreasing along dim `dim` (e.g. sorted
 * document ids). Checked on the GPU before every dispatch (a small pass counting violations,
 * copied into the uniforms after the sizes); the main shader reads `var` as
 * `u.facts[i / 4][i % 4] == 0u`. */
export interface SpecFact {
  var: string;
  tensor: string;
  dim: number;
}

export interface KernelSpec {
  name: string;
  normalize: "softmax" | "sigmoid" | "none";
  inputs: SpecInput[];
  facts: SpecFact[];
  headDim: number | null;
  blockQ: number;
  blockKV: number;
  keysPerStep: number;
  /** the shader without its header (see skeleton.ts) */
  body: string;
  /** the same with GQA packing (skeleton-packed.ts): a workgroup per (packed tile, b, kvh); absent
   * in specs from before it, which then never pack */
  packed?: string;
  /** compiled with --backward: the backward's shaders (skeleton-bwd.ts; dq null when dq = 0) */
  backward?: { prep: string; dq: string | null; dkdv: string; sink?: string | null; tensorGrads: boolean };
}

export interface KernelOptions {
  /** head dimension of q and k; required when the kernel was compiled without --head-dim */
  headDim?: number;
  /** head dimension of v and o (default: headDim) */
  valueDim?: number;
  /** override the tile plan (clipped to the device's limits) */
  blockQ?: number;
  blockKV?: number;
  /** keys scored per online-softmax step (default 4; small values compile faster on CPU adapters) */
  keysPerStep?: number;
  /** invocations per query row: 2 halves the registers per invocation (needs the device's
   * `subgroups` feature); default 2 when D + DV > 128 and the device has it, else 1 */
  split?: number;
  /** element type of the q, k and v buffers (default "f32"); o and lse are always f32 */
  dtype?: "f32" | "f16";
  /** with dtype "f16": read through the `shader-f16` feature when the device has it (default
   * true); false reads f16 pairs from u32 words, as on devices without the feature */
  shaderF16?: boolean;
  /** the backward's key-major tile (modules compiled with --backward): keys per workgroup, query rows staged per step */
  backwardTile?: BackwardTileOptions;
  /** the GQA-packed forward's pipeline: built on the first forward that packs (default), here (true:
   * its shader errors are then thrown as E0901 by createKernel), or never (false: forward never packs) */
  packGqa?: boolean;
}

export interface TilePlanChoice {
  blockQ: number;
  blockKV: number;
  keysPerStep: number;
  /** invocations per query row (1 or 2) */
  split: number;
  workgroupBytes: number;
}

export interface LimitsLike {
  maxComputeWorkgroupStorageSize: number;
  maxComputeInvocationsPerWorkgroup: number;
  maxComputeWorkgroupSizeX: number;
  /** default 8 (WebGPU's): whether a kernel has room for the per-row lengths (`rowLengthsFit`) */
  maxStorageBuffersPerShaderStage?: number;
}

export function chooseTilePlan(
  limits: LimitsLike,
  D: number,
  DV: number,
  prefer: { blockQ?: number; blockKV?: number; keysPerStep?: number; split?: number },
  subgroups = false,
): TilePlanChoice {
  const wantSplit = prefer.split ?? (D + DV > 128 ? 2 : 1);
  const split = subgroups && wantSplit === 2 ? 2 : 1;
  const rowBytes = (Math.ceil(Math.ceil(D / 4) / split) + Math.ceil(Math.ceil(DV / 4) / split)) * split * 16;
  const maxInv = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  const blockQ = Math.max(1, Math.min(prefer.blockQ ?? 128, Math.floor(maxInv / split)));
  const fit = Math.floor(limits.maxComputeWorkgroupStorageSize / rowBytes);
  if (fit < 1) throw new Error(`attnc: head dims D=${D}, DV=${DV} need ${rowBytes} bytes of workgroup storage per key; the device allows ${limits.maxComputeWorkgroupStorageSize}`);
  let blockKV = Math.max(1, Math.min(prefer.blockKV ?? 32, fit));
  const keysPerStep = Math.max(1, Math.min(prefer.keysPerStep ?? 4, blockKV));
  blockKV = Math.floor(blockKV / keysPerStep) * keysPerStep;
  return { blockQ, blockKV, keysPerStep, split, workgroupBytes: blockKV * rowBytes };
}

/** Whether a kernel takes per-row lengths on a device: their buffer is one storage binding beyond
 * the kernel's own (q, k, v, o, lse, the inputs), which a device at its limit cannot spare. Emitted
 * into the host module too, so createKernel and shaderSource decide alike. */
export function rowLengthsFit(spec: { normalize: string; inputs: unknown[] }, maxStorageBuffers = 8): boolean {
  return 4 + (spec.normalize === "softmax" ? 1 : 0) + spec.inputs.length < maxStorageBuffers;
}

/**
 * A paged KV cache (docs/language.md § 10): `forward`'s pageTable, pageSize and numPages, checked as
 * the TypeScript kernel checks them. k is [NUM_PAGES, H_KV, PAGE, D], v [NUM_PAGES, H_KV, PAGE, DV],
 * the table [B, KV_LEN / PAGE] (KV_LEN: the padded length, a multiple of PAGE); key kv of batch row
 * b is row kv % PAGE of page pageTable[b, kv / PAGE]. Every page a row reads (those of its keys
 * below its kv_len) must be a page of k (E0413); the other entries are never read. The table goes
 * to the GPU after the per-row lengths, in their buffer (binding 6), so paging costs no binding;
 * the shader's `attn_kv_row` (shaderHeader) clamps the table index and the page id into range too.
 */
export interface PageOptions {
  /** int32 [B, KV_LEN / pageSize]: the page of k and v holding each row's keys, page by page */
  pageTable?: Int32Array;
  /** keys per page (PAGE), any integer >= 1 dividing KV_LEN */
  pageSize?: number;
  /** pages in k and v (NUM_PAGES): k is [NUM_PAGES, H_KV, PAGE, D] */
  numPages?: number;
}

/** The page size and count of a paged call (E0404 unless both are positive integers and a table
 * is given), or undefined for a dense k and v (none of the three options given). */
export function pageShape(opts: PageOptions, fail: (msg: string, code?: string) => never): { size: number; numPages: number } | undefined {
  const { pageTable, pageSize, numPages } = opts;
  if (pageTable === undefined && pageSize === undefined && numPages === undefined) return undefined;
  const positive = (x: unknown) => typeof x === "number" && Number.isInteger(x) && x >= 1 && x <= 2 ** 28;
  if (!(pageTable instanceof Int32Array) || !positive(pageSize) || !positive(numPages))
    fail(`a paged KV cache needs an Int32Array pageTable, a pageSize and a numPages (integers in [1, 2^28]), got ${pageTable instanceof Int32Array ? "a table" : "no Int32Array table"}, pageSize ${pageSize}, numPages ${numPages}`, "E0404");
  return { size: pageSize!, numPages: numPages! };
}

/** The checked table of a paged call: [B, KV_LEN / size] entries (E0404), every page a row reads a
 * page of k (E0413); returns the table's row length MAX_PAGES. */
export function checkPageTable(
  table: Int32Array,
  shape: { size: number; numPages: number },
  B: number,
  KV_LEN: number,
  kvLens: Int32Array | undefined,
  fail: (msg: string, code?: string) => never,
): number {
  const { size, numPages } = shape;
  if (KV_LEN % size !== 0 || table.length !== B * (KV_LEN / size))
    fail(`a page table needs pageSize (${size}) dividing KV_LEN (${KV_LEN}) and B x KV_LEN / pageSize = ${B} x ${KV_LEN / size} entries, got ${table.length}`, "E0404");
  const maxPages = KV_LEN / size;
  for (let b = 0; b < B; b++) {
    const used = Math.ceil((kvLens === undefined ? KV_LEN : kvLens[b]!) / size);
    for (let p = 0; p < used; p++) {
      const id = table[b * maxPages + p]!;
      if (id < 0 || id >= numPages) fail(`pageTable[${b}, ${p}] = ${id} is not a page of k (NUM_PAGES = ${numPages})`, "E0413");
    }
  }
  return maxPages;
}

export function shaderHeader(D: number, DV: number, t: TilePlanChoice, qkv: QkvStorage = "f32", rowLengths = false, tileNote = ""): string {
  const qd4 = Math.ceil(Math.ceil(D / 4) / t.split);
  const od4 = Math.ceil(Math.ceil(DV / 4) / t.split);
  const elem = qkv === "f32" ? "f32" : qkv === "f16" ? "f16" : "u32";
  const read = (x: string) =>
    qkv === "f32" ? `${x}buf[i]` : qkv === "f16" ? `f32(${x}buf[i])` : `unpack2x16float(${x}buf[i >> 1u])[i & 1u]`;
  return [
    ...(qkv === "f16" ? ["enable f16;"] : []),
    ...(t.split > 1 ? ["enable subgroups;"] : []),
    `// head dims D=${D} DV=${DV}; tile: ${tileNote || `${t.blockQ} query rows x ${t.blockKV} keys, ${t.keysPerStep} keys per step, ${t.split} invocation(s) per row`}, ${t.workgroupBytes} bytes of workgroup storage`,
    `const D: u32 = ${D}u;`,
    `const DV: u32 = ${DV}u;`,
    `const SPLIT: u32 = ${t.split}u;`,
    `const QD4: u32 = ${qd4}u;`,
    `const OD4: u32 = ${od4}u;`,
    `const D4: u32 = ${qd4 * t.split}u;`,
    `const DV4: u32 = ${od4 * t.split}u;`,
    `const BQ: u32 = ${t.blockQ}u;`,
    `const WG: u32 = ${t.blockQ * t.split}u;`,
    `const BKV: u32 = ${t.blockKV}u;`,
    `const G: u32 = ${t.keysPerStep}u;`,
    t.split > 1
      ? "fn attn_split_sum(x: f32) -> f32 { return x + subgroupShuffleXor(x, 1u); }"
      : "fn attn_split_sum(x: f32) -> f32 { return x; }",
    "// batch row b's lengths (the program's Q_LEN, KV_LEN): its own where the call gave them, else the tensors'",
    ...(rowLengths
      ? [
          "@group(0) @binding(6) var<storage, read> row_lens: array<i32>; // q_lens[B], kv_lens[B], then a page table [B, MAX_PAGES]",
          "fn attn_row_lens(b: u32) -> vec2<i32> {",
          "  var n = vec2<i32>(u.Q_LEN, u.KV_LEN);",
          "  if ((u.row_lens & 1u) != 0u) { n.x = row_lens[b]; }",
          "  if ((u.row_lens & 2u) != 0u) { n.y = row_lens[u32(u.B) + b]; }",
          "  return n;",
          "}",
        ]
      : ["fn attn_row_lens(b: u32) -> vec2<i32> { return vec2<i32>(u.Q_LEN, u.KV_LEN); } // no storage buffer to spare for them"]),
    "// the row of k and v holding key kv of batch row b, key/value head kvh: [B, H_KV, KV_LEN, *], or with",
    "// a page table (flag bit 2) [NUM_PAGES, H_KV, PAGE, *], in page page_table[b, kv / PAGE] at slot kv % PAGE",
    ...(rowLengths
      ? [
          "fn attn_kv_row(b: u32, kvh: u32, kv: u32) -> u32 {",
          "  if ((u.row_lens & 4u) == 0u) { return (b * u32(u.H_KV) + kvh) * u32(u.KV_LEN) + kv; }",
          "  let page = u32(max(u.page_size, 1i));",
          "  // the table entry and the page id clamped into range (the host has checked the ids a row reads)",
          "  let at = min(b * u32(u.max_pages) + kv / page, u32(u.B) * u32(u.max_pages) - 1u);",
          "  let id = u32(clamp(row_lens[2u * u32(u.B) + at], 0i, max(u.num_pages - 1i, 0i)));",
          "  return (id * u32(u.H_KV) + kvh) * page + kv % page;",
          "}",
        ]
      : ["fn attn_kv_row(b: u32, kvh: u32, kv: u32) -> u32 { return (b * u32(u.H_KV) + kvh) * u32(u.KV_LEN) + kv; } // dense only"]),
    `// q, k, v: ${qkv === "f32" ? "float32" : qkv === "f16" ? "float16 (shader-f16)" : "float16, two per u32 word"}`,
    ...["q", "k", "v"].flatMap((x, i) => [
      `@group(0) @binding(${i + 1}) var<storage, read> ${x}buf: array<${elem}>;`,
      `fn ${x}_at(i: u32) -> f32 { return ${read(x)}; }`,
    ]),
    "",
  ].join("\n");
}

/**
 * float32 values to float16 bits (round to nearest even; overflow to ±inf; NaN stays NaN; numbers
 * that are not float32 are rounded to float32 first, as a Float32Array would hold them), padded
 * to an even length so the array fills whole 4-byte words: what a `dtype: "f16"` kernel reads.
 */
export function float16Bits(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length + (values.length & 1));
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < values.length; i++) {
    f[0] = values[i]!;
    const x = u[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    const e = exp - 112;
    let h: number;
    if (exp === 0xff) h = 0x7c00 | (mant ? 0x200 : 0);
    else if (e >= 0x1f) h = 0x7c00;
    else if (e <= 0) {
      if (e < -10) h = 0;
      else {
        mant |= 0x800000;
        const shift = 14 - e;
        h = mant >>> shift;
        const rem = mant & ((1 << shift) - 1);
        const half = 1 << (shift - 1);
        if (rem > half || (rem === half && h & 1)) h++;
      }
    } else {
      h = (e << 10) | (mant >>> 13);
      const rem = mant & 0x1fff;
      if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
    }
    out[i] = sign | h;
  }
  return out;
}

export interface Sizes {
  B: number; H: number; H_KV: number; Q_LEN: number; KV_LEN: number; D: number; DV?: number;
}

export interface Kernel {
  readonly name: string;
  readonly headDim: number;
  readonly valueDim: number;
  readonly tile: TilePlanChoice;
  /** how the q, k, v buffers are read */
  readonly qkv: QkvStorage;
  /** the WGSL source the pipeline was built from */
  readonly code: string;
  /** the WGSL source of the GQA-packed forward (skeleton-packed.ts); null when it is never used */
  readonly packedCode: string | null;
  /** the run-time facts the tile classifier uses (checked on the GPU by every forward) */
  readonly facts: SpecFact[];
  /** whether forward takes per-row lengths (false only where the kernel uses every storage buffer
   * the device allows: see rowLengthsFit) */
  readonly rowLengths: boolean;
  /** whether forward takes a paged KV cache (pageTable, pageSize, numPages): it shares the per-row
   * lengths' buffer, so exactly when `rowLengths` */
  readonly pagedKv: boolean;
  forward(tensors: Tensors, sizes: Sizes, opts?: ForwardOptions): void;
  /** whether each fact holds for these tensors (what forward would find), read back from the GPU */
  checkFacts(tensors: Tensors, sizes: Sizes, opts?: PageOptions): Promise<boolean[]>;
  /** modules compiled with --backward: the gradients of Σ o · dO (host-backward.ts) */
  backward?: BackwardFn;
  /** the key/value splits (split-KV) forward chooses for these sizes: 1 means none (kvSplitsFor) */
  kvSplits(sizes: Sizes): number;
  /** whether forward packs the query heads of each GQA group into its tiles for these sizes (packGqaFor) */
  packGqa(sizes: Sizes): boolean;
}

/**
 * The buffers of a call: the attention's own q, k, v, o (and lse for softmax), and the program's
 * inputs under `inputs`, by their names in the program. The inputs have a namespace of their own, so
 * that an input may be called `o`, `lse` or anything else the language accepts.
 */
export interface Tensors {
  q: GPUBuffer;
  k: GPUBuffer;
  v: GPUBuffer;
  o: GPUBuffer;
  lse?: GPUBuffer;
  inputs?: Record<string, GPUBuffer>;
}

export interface ForwardOptions extends PageOptions {
  /** softmax scale (default 1/sqrt(D)) */
  scale?: number;
  /** record into this encoder instead of submitting (the uniforms are written to the queue at
   * call time, so record at most one forward per submit unless sizes and scale are the same) */
  encoder?: GPUCommandEncoder;
  /** GPU timestamps of the compute pass (needs the `timestamp-query` feature) */
  timestampWrites?: GPUComputePassTimestampWrites;
  /** per-row lengths (docs/language.md § 10): B values each in [0, Q_LEN] / [0, KV_LEN] of the
   * (padded) tensors; batch row b's Q_LEN and KV_LEN are then its own, keys past them do not exist
   * and its rows past them are o = 0, lse = -inf. Written to the GPU at call time, as the uniforms */
  qLens?: Int32Array;
  kvLens?: Int32Array;
  /** split-KV (softmax): the number of splits of the key tiles (default: the kernel's choice,
   * `kernel.kvSplits(sizes)`); each split writes partial o and lse, merged by a second pass */
  kvSplits?: number;
  /** GQA packing (skeleton-packed.ts): "auto" (default) packs as `kernel.packGqa(sizes)` says;
   * true and false force it (true needs a kernel built with its packed pipeline) */
  packGqa?: boolean | "auto";
}

/**
 * Runs `make` (shader modules and pipelines) inside error scopes: an error in one of its `shaders`
 * or a failed pipeline creation is an internal compiler error (E0901), thrown through `fail`.
 */
export async function withPipelineErrors<T>(
  device: GPUDevice,
  fail: (msg: string) => never,
  make: () => { value: T; shaders: { module: GPUShaderModule; code: string }[] },
): Promise<T> {
  device.pushErrorScope("validation");
  device.pushErrorScope("internal");
  const made = make();
  const internal = await device.popErrorScope();
  const validation = await device.popErrorScope();
  for (const { module, code } of made.shaders) {
    const lines = code.split("\n");
    for (const m of (await module.getCompilationInfo()).messages) {
      if (m.type !== "error") continue;
      fail(`error[E0901]: internal compiler error: WGSL compile error at shader line ${m.lineNum}:${m.linePos}: ${m.message}\n  ${lines[m.lineNum - 1] ?? ""}`);
    }
  }
  const err = validation ?? internal;
  if (err) fail(`error[E0901]: internal compiler error: pipeline creation failed: ${err.message}`);
  return made.value;
}

/**
 * The kernel of `spec` on `device`. `extras` are functions of other files, passed in, not imported,
 * because the emitted module holds this function's source text and defines them beside it: a spec
 * compiled with --backward needs `createBackwardWith` (host-backward.ts); split-KV (softmax) needs
 * `mergePass` (merge.ts; without it every forward walks all keys in one workgroup per tile).
 */
export async function createKernelWith(
  spec: KernelSpec, device: GPUDevice, options: KernelOptions = {},
  extras: { createBackwardWith?: typeof createBackwardWith; mergePass?: typeof mergePass } = {},
): Promise<Kernel> {
  const makeBackward = extras.createBackwardWith;
  // an error code where the TypeScript kernel's AttnKernelError has one (E0404, E0412), as `code`
  const fail = (msg: string, code?: string): never => {
    throw Object.assign(new Error(`attnc kernel '${spec.name}': ${code ? `error[${code}]: ` : ""}${msg}`), code ? { code } : {});
  };
  const D = spec.headDim ?? options.headDim ?? fail("headDim is required (compiled without --head-dim)");
  if (spec.headDim !== null && options.headDim !== undefined && options.headDim !== spec.headDim)
    fail(`compiled for head dim ${spec.headDim}, asked for ${options.headDim}`);
  const DV = options.valueDim ?? D;
  if (!(Number.isInteger(D) && D >= 1 && Number.isInteger(DV) && DV >= 1)) fail(`bad head dims D=${D} DV=${DV}`);
  const tile = chooseTilePlan(device.limits, D, DV, {
    blockQ: options.blockQ ?? spec.blockQ,
    blockKV: options.blockKV ?? spec.blockKV,
    keysPerStep: options.keysPerStep ?? spec.keysPerStep,
    split: options.split,
  }, device.features.has("subgroups"));
  const dtype = options.dtype ?? "f32";
  if (dtype !== "f32" && dtype !== "f16") fail(`dtype must be "f32" or "f16", got ${String(dtype)}`);
  const qkv = qkvStorage(dtype, device.features.has("shader-f16"), options.shaderF16);
  const softmax = spec.normalize === "softmax";
  const facts = spec.facts ?? [];
  const nStorage = 4 + (softmax ? 1 : 0) + spec.inputs.length;
  if (nStorage > device.limits.maxStorageBuffersPerShaderStage)
    fail(`needs ${nStorage} storage buffers; the device allows ${device.limits.maxStorageBuffersPerShaderStage}`);
  const rowLengths = rowLengthsFit(spec, device.limits.maxStorageBuffersPerShaderStage);
  const code = shaderHeader(D, DV, tile, qkv, rowLengths) + spec.body;
  // the GQA-packed forward (skeleton-packed.ts): the same header and bindings, another main; its
  // pipeline is built here with packGqa: true, else on the first forward that packs (a shader
  // compile costs seconds on some devices, and most calls of a kernel are prefill or decode only)
  const packedCode = spec.packed && options.packGqa !== false ? shaderHeader(D, DV, tile, qkv, rowLengths) + spec.packed : null;
  const packedNow = packedCode !== null && options.packGqa === true;
  const made = await withPipelineErrors(device, fail, () => {
    const module = device.createShaderModule({ code, label: `attnc ${spec.name}` });
    const packedModule = packedNow ? device.createShaderModule({ code: packedCode!, label: `attnc ${spec.name} (GQA packed)` }) : null;
    const entries: GPUBindGroupLayoutEntry[] = [{ binding: 0, visibility: 4, buffer: { type: "uniform" } }];
    for (let i = 1; i <= 5; i++) {
      if (i === 5 && !softmax) continue;
      entries.push({ binding: i, visibility: 4, buffer: { type: i >= 4 ? "storage" : "read-only-storage" } });
    }
    if (rowLengths) entries.push({ binding: 6, visibility: 4, buffer: { type: "read-only-storage" } });
    spec.inputs.forEach((_, i) => entries.push({ binding: 7 + i, visibility: 4, buffer: { type: "read-only-storage" } }));
    // one small pipeline per fact: counts the positions where the tensor decreases along the dim
    // into violations[i] with atomicAdd; grid-stride over the whole tensor
    const factPipes = facts.map((f, i) => {
      const decl = spec.inputs.find((t) => t.name === f.tensor);
      // the classifier makes facts of i32 tensors only (compiler/analysis/linearize.ts)
      if (!decl || decl.dtype !== "i32") return fail(`run-time fact on '${f.tensor}', which is not an i32 input`);
      const fcode = [
        `// attnc: run-time fact '${f.var}': ${f.tensor} is nondecreasing along dim ${f.dim}`,
        "struct FactUniforms { total: u32, stride: u32, size: u32, pad: u32 }",
        "@group(0) @binding(0) var<uniform> fu: FactUniforms;",
        "@group(0) @binding(1) var<storage, read> t: array<i32>;",
        "@group(0) @binding(2) var<storage, read_write> violations: array<atomic<u32>>;",
        "@compute @workgroup_size(256)",
        "fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {",
        "  for (var i = gid.x; i < fu.total; i += nwg.x * 256u) {",
        `    if ((i / fu.stride) % fu.size + 1u < fu.size && t[i] > t[i + fu.stride]) { atomicAdd(&violations[${i}], 1u); }`,
        "  }",
        "}",
      ].join("\n");
      const fl = device.createBindGroupLayout({ entries: [
        { binding: 0, visibility: 4, buffer: { type: "uniform" } },
        { binding: 1, visibility: 4, buffer: { type: "read-only-storage" } },
        { binding: 2, visibility: 4, buffer: { type: "storage" } },
      ] });
      const pipe = device.createComputePipeline({
        layout: device.createPipelineLayout({ bindGroupLayouts: [fl] }),
        compute: { module: device.createShaderModule({ code: fcode, label: `attnc ${spec.name} fact ${f.var}` }), entryPoint: "main" },
      });
      return { f, decl, layout: fl, pipe, uniform: device.createBuffer({ size: 16, usage: 0x40 | 0x08 }) };
    });
    const layout = device.createBindGroupLayout({ entries });
    const pipeline = device.createComputePipeline({
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: "main" },
    });
    const packedPipeline = packedModule
      ? device.createComputePipeline({ layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }), compute: { module: packedModule, entryPoint: "main" } })
      : null;
    const shaders = [{ module, code }, ...(packedModule ? [{ module: packedModule, code: packedCode! }] : [])];
    return { value: { pipeline, packedPipeline, factPipes, layout }, shaders };
  });
  const { pipeline, factPipes, layout } = made;
  let packedPipeline = made.packedPipeline;
  /** the packed pipeline, built on first use unless createKernel built it (an error in its shader is
   * then a WebGPU validation error of that forward; attnc's tests compile it for every example) */
  const packedPipe = (): GPUComputePipeline =>
    (packedPipeline ??= device.createComputePipeline({
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module: device.createShaderModule({ code: packedCode!, label: `attnc ${spec.name} (GQA packed)` }), entryPoint: "main" },
    }));

  // uniforms: sizes and constants (48 bytes), the per-row lengths' flags (4, padded to 16), then
  // the fact violation counts (16 bytes per 4 facts)
  const uniform = device.createBuffer({ size: 64 + 16 * Math.ceil(facts.length / 4), usage: 0x40 | 0x08 }); // UNIFORM | COPY_DST
  const violations = facts.length ? device.createBuffer({ size: 4 * facts.length, usage: 0x80 | 0x08 | 0x04 }) : null; // STORAGE | COPY_DST | COPY_SRC
  // the per-row lengths of a call (q_lens at 0, kv_lens at B): bound on every call, read by the
  // shader only where the uniforms' flags say the call gave them
  let lensBuf = rowLengths ? device.createBuffer({ size: 16, usage: 0x80 | 0x08 }) : null; // STORAGE | COPY_DST
  /** a dim's value: a literal, a size, or a derived dim (docs/language.md § 10) computed exactly, NaN
   * where an intermediate leaves int32 (the same rules as compiler/ir/dims.ts) */
  const dimOf = (d: KernelDim, z: Record<string, number>): number => {
    if (typeof d === "number") return d;
    if (typeof d === "string") return z[d]!;
    const ck = (x: number) => (x >= -2147483648 && x <= 2147483647 ? x : NaN);
    const ev = (e: KernelDimExpr): number => {
      if (e.op === "const") return e.value!;
      if (e.op === "size") return z[e.name!]!;
      const a = ev(e.a!), b = e.b ? ev(e.b) : 0;
      if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
      switch (e.op) {
        case "neg": return ck(-a);
        case "add": return ck(a + b);
        case "sub": return ck(a - b);
        case "mul": return ck(a * b);
        case "div": return b === 0 ? 0 : ck(Math.floor(a / b));
        case "mod": return b === 0 ? a : ck(a - b * Math.floor(a / b));
        case "cdiv": return b === 0 ? 0 : ck(-Math.floor(-a / b));
        case "min": return Math.min(a, b);
        default: return Math.max(a, b);
      }
    };
    return ev(d.expr);
  };
  const sizeOf = (dims: KernelDim[], z: Record<string, number>) =>
    dims.reduce<number>((p, d) => p * dimOf(d, z), 1);

  /** the per-row lengths' buffer with the call's lengths (q_lens[B], kv_lens[B]) and page table
   * ([B, maxPages]) written, where given */
  function lensBinding(B: number, qLens?: Int32Array, kvLens?: Int32Array, table?: Int32Array, maxPages = 0): GPUBuffer {
    if (qLens || kvLens || table) {
      // grown by replacing it: the old one stays valid for a call recorded but not yet submitted
      const size = 4 * B * (2 + maxPages);
      if (lensBuf!.size < size) lensBuf = device.createBuffer({ size, usage: 0x80 | 0x08 });
      if (qLens) device.queue.writeBuffer(lensBuf!, 0, qLens.buffer, qLens.byteOffset, qLens.byteLength);
      if (kvLens) device.queue.writeBuffer(lensBuf!, 4 * B, kvLens.buffer, kvLens.byteOffset, kvLens.byteLength);
      if (table && table.length) device.queue.writeBuffer(lensBuf!, 8 * B, table.buffer, table.byteOffset, table.byteLength);
    }
    return lensBuf!;
  }

  /** a binding of the first `bytes` of `buf` (at least 4: WebGPU cannot bind an empty range) */
  const bound = (buf: GPUBuffer, bytes: number): GPUBufferBinding => ({ buffer: buf, offset: 0, size: Math.max(4, Math.min(bytes, buf.size)) });

  /** validates sizes and buffers (throws before anything is queued): the attention's own buffers
   * `own` (default: the forward's) and the inputs; the sizes, buffers and bytes to bind. With
   * `pages` k and v are pages [NUM_PAGES, H_KV, PAGE, *] */
  function validate(tensors: Tensors, sizes: Sizes, pages?: { size: number; numPages: number }, own: string[] = ["q", "k", "v", "o", ...(softmax ? ["lse"] : [])]) {
    const z: Record<string, number> = { ...sizes, DV: sizes.DV ?? DV } as unknown as Record<string, number>;
    for (const k of ["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D", "DV"]) {
      const x = z[k];
      // at most MAX_SIZE = 2^28 (compiler/ir/limits.ts): the tile classes are proved for sizes up to it
      if (!(typeof x === "number" && Number.isInteger(x) && x >= (k === "Q_LEN" || k === "KV_LEN" ? 0 : 1) && x <= 2 ** 28))
        fail(`size ${k} must be a ${k.endsWith("LEN") ? "non-negative" : "positive"} integer of at most 2^28, got ${x}`);
    }
    if (z.D !== D) fail(`compiled for D=${D}, called with D=${z.D}`);
    if (z.DV !== DV) fail(`compiled for DV=${DV}, called with DV=${z.DV}`);
    if (z.H! % z.H_KV! !== 0) fail(`H=${z.H} is not a multiple of H_KV=${z.H_KV}`);
    const kvRows = pages ? pages.numPages * z.H_KV! * pages.size : z.B! * z.H_KV! * z.KV_LEN!;
    const count: Record<string, number> = {
      q: z.B! * z.H! * z.Q_LEN! * D, k: kvRows * D, v: kvRows * DV,
      o: z.B! * z.H! * z.Q_LEN! * DV, lse: z.B! * z.H! * z.Q_LEN!, dO: z.B! * z.H! * z.Q_LEN! * DV,
    };
    for (const t of spec.inputs)
      for (const d of t.dims) {
        if (typeof d !== "object") continue;
        const x = dimOf(d, z);
        if (!(x >= 1)) fail(`input ${t.name}: dimension ${d.text} is ${Number.isNaN(x) ? "beyond int32" : x} for these sizes; it must be an int32 value of at least 1`);
      }
    const need: [string, number][] = own.map((name) => [name, count[name]!]);
    const fixed = need.length;
    for (const t of spec.inputs) need.push([`inputs.${t.name}`, sizeOf(t.dims, z)]);
    const mine = tensors as unknown as Record<string, GPUBuffer | undefined>;
    const bufs = need.map(([name], i) => (i < fixed ? mine[name] : tensors.inputs?.[spec.inputs[i - fixed]!.name]));
    const maxBinding = device.limits.maxStorageBufferBindingSize;
    // bytes bound per buffer: f16 q, k, v take 2 bytes an element, rounded up to a 4-byte word
    const bytes = need.map(([name, n]) => (qkv !== "f32" && (name === "q" || name === "k" || name === "v") ? Math.ceil(n / 2) * 4 : n * 4));
    need.forEach(([name, n], i) => {
      const buf = bufs[i];
      const what = qkv !== "f32" && (name === "q" || name === "k" || name === "v") ? "float16" : "4-byte";
      if (!buf || typeof buf.size !== "number")
        fail(`missing buffer '${name}'${i >= fixed && tensors.inputs === undefined ? " (the program's inputs go under 'inputs': { q, k, v, o, ..., inputs: { NAME: buffer } })" : ""}`);
      if (buf!.size < bytes[i]!) fail(`buffer '${name}' has ${buf!.size} bytes; ${n} ${what} elements (${bytes[i]} bytes) are needed`);
      if (Math.max(bytes[i]!, 4) > maxBinding) fail(`buffer '${name}' needs ${bytes[i]} bytes bound; the device allows ${maxBinding}`);
      if ((buf!.usage & 0x80) === 0) fail(`buffer '${name}' lacks STORAGE usage`);
    });
    return { z, need, bufs: bufs as GPUBuffer[], bytes };
  }

  /** per-row lengths checked as the TypeScript kernel checks them: an Int32Array of B values (E0404),
   * each in [0, max], the tensors' length (E0412) */
  function lengthsOf(name: string, lens: Int32Array | undefined, B: number, max: number, fits = rowLengths): Int32Array | undefined {
    if (lens === undefined) return undefined;
    if (!(lens instanceof Int32Array) || lens.length !== B) fail(`${name} must be an Int32Array of B = ${B} lengths`, "E0404");
    if (!fits)
      fail(`${name}: no storage buffer is left for per-row lengths (the kernel uses all ${device.limits.maxStorageBuffersPerShaderStage} the device allows; request more in requiredLimits)`);
    for (let b = 0; b < B; b++)
      if (lens[b]! < 0 || lens[b]! > max) fail(`${name}[${b}] = ${lens[b]} is outside [0, ${max}] (the tensors' length)`, "E0412");
    return lens;
  }

  /** records the fact passes: clear the violation counts, count each fact's violations */
  function recordFacts(enc: GPUCommandEncoder, bufs: GPUBuffer[], z: Record<string, number>, need: [string, number][], bytes: number[], dst: GPUBuffer = uniform): void {
    if (!violations) return;
    enc.clearBuffer(violations);
    for (const fp of factPipes) {
      const at = need.findIndex(([name]) => name === `inputs.${fp.f.tensor}`);
      const total = need[at]![1];
      if (total === 0) continue;
      const dims = fp.decl.dims.map((d) => dimOf(d, z));
      const stride = dims.slice(fp.f.dim + 1).reduce((p, d) => p * d, 1);
      device.queue.writeBuffer(fp.uniform, 0, new Uint32Array([total, stride, dims[fp.f.dim]!, 0]));
      const group = device.createBindGroup({ layout: fp.layout, entries: [
        { binding: 0, resource: { buffer: fp.uniform } },
        { binding: 1, resource: bound(bufs[at]!, bytes[at]!) },
        { binding: 2, resource: { buffer: violations } },
      ] });
      const pass = enc.beginComputePass();
      pass.setPipeline(fp.pipe);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(Math.min(Math.ceil(total / 256), 4096));
      pass.end();
    }
    enc.copyBufferToBuffer(violations, 0, dst, 64, 4 * facts.length);
  }

  async function checkFacts(tensors: Tensors, sizes: Sizes, opts: PageOptions = {}): Promise<boolean[]> {
    const { z, need, bufs, bytes } = validate(tensors, sizes, pageShape(opts, fail));
    if (!violations) return [];
    const enc = device.createCommandEncoder({ label: `attnc ${spec.name} facts` });
    recordFacts(enc, bufs, z, need, bytes);
    const rb = device.createBuffer({ size: violations.size, usage: 0x01 | 0x08 }); // MAP_READ | COPY_DST
    enc.copyBufferToBuffer(violations, 0, rb, 0, violations.size);
    device.queue.submit([enc.finish()]);
    await rb.mapAsync(1);
    const counts = Array.from(new Uint32Array(rb.getMappedRange().slice(0)));
    rb.unmap();
    rb.destroy();
    return counts.map((c) => c === 0);
  }

  function forward(tensors: Tensors, sizes: Sizes, opts: ForwardOptions = {}): void {
    const pages = pageShape(opts, fail);
    if (pages && !rowLengths)
      fail(`pageTable: no storage buffer is left for a page table (the kernel uses all ${device.limits.maxStorageBuffersPerShaderStage} the device allows; request more in requiredLimits)`);
    const { z, need, bufs, bytes } = validate(tensors, sizes, pages);
    const pack = opts.packGqa ?? "auto";
    if (pack !== "auto" && typeof pack !== "boolean") fail(`packGqa must be true, false or "auto", got ${String(pack)}`);
    if (pack === true && !packedCode) fail("packGqa: this kernel was built without its GQA-packed pipeline (createKernel's packGqa: false, or a spec without it)");
    const packed = pack === "auto" ? packGqa(z as unknown as Sizes) : pack;
    // the plan's query tiles along x and heads along y: per (query tile, h), or packed per (tile of
    // the group's H / H_KV * Q_LEN rows, kvh)
    const groups = queryTiles(z as unknown as Sizes, packed);
    const heads = packed ? z.H_KV! : z.H!;
    const maxGroups = device.limits.maxComputeWorkgroupsPerDimension;
    if (groups > maxGroups || heads > maxGroups || z.B! > maxGroups) fail(`dispatch (${groups}, ${heads}, ${z.B}) exceeds ${maxGroups} workgroups per dimension`);
    const scale = opts.scale ?? 1 / Math.sqrt(D);
    if (!Number.isFinite(scale)) fail(`scale must be finite, got ${scale}`);
    const qLens = lengthsOf("qLens", opts.qLens, z.B!, z.Q_LEN!);
    const kvLens = lengthsOf("kvLens", opts.kvLens, z.B!, z.KV_LEN!);
    const maxPages = pages ? checkPageTable(opts.pageTable!, pages, z.B!, z.KV_LEN!, kvLens, fail) : 0;
    if (4 * z.B! * (2 + maxPages) > device.limits.maxStorageBufferBindingSize)
      fail(`the per-row lengths and page table need ${4 * z.B! * (2 + maxPages)} bytes bound; the device allows ${device.limits.maxStorageBufferBindingSize}`);
    const rows = z.B! * z.H! * z.Q_LEN!;
    const splits = opts.kvSplits ?? splitsFor(z as unknown as Sizes, packed); // (the kernel's own choice fits the device)
    if (!(Number.isInteger(splits) && splits >= 1 && splits <= 1024)) fail(`kvSplits must be an integer in [1, 1024], got ${splits}`);
    if (splits > 1 && !softmax) fail("kvSplits > 1 needs a softmax program (sigmoid and none outputs have no lse to merge them by)");
    if (splits > 1 && !extras.mergePass) fail("kvSplits > 1 needs the merge (createKernelWith's extras.mergePass)");
    if (!splitsFit(splits, z as unknown as Sizes, groups)) fail(`kvSplits ${splits}: ${groups * splits} workgroups along x and ${splits * rows * DV * 4} bytes of partial outputs exceed the device's limits`);
    if (groups === 0 || z.B === 0) return;
    const u = new ArrayBuffer(64);
    new Int32Array(u, 0, 8).set([z.B!, z.H!, z.H_KV!, z.Q_LEN!, z.KV_LEN!, D, DV, z.H! / z.H_KV!]);
    new Float32Array(u, 32, 4).set([scale, -Infinity, Infinity, NaN]);
    new Uint32Array(u, 48, 1).set([(qLens ? 1 : 0) | (kvLens ? 2 : 0) | (pages ? 4 : 0)]);
    new Int32Array(u, 52, 3).set(pages ? [pages.size, maxPages, pages.numPages] : [0, 0, 0]);
    device.queue.writeBuffer(uniform, 0, u);
    if (lensBuf) lensBinding(z.B!, qLens, kvLens, pages ? opts.pageTable : undefined, maxPages);
    const bind: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: uniform } }];
    if (lensBuf) bind.push({ binding: 6, resource: { buffer: lensBuf } });
    // with split-KV the attention pass writes partial o and lse [splits, B, H, Q_LEN, *] into the
    // kernel's own buffers (grown by replacing them), merged into o and lse by a second pass
    const parts = splits > 1 ? splitBuffers(splits * rows * DV * 4, splits * rows * 4) : null;
    need.forEach((_, i) => {
      const binding = i < 4 ? i + 1 : softmax && i === 4 ? 5 : 7 + i - (softmax ? 5 : 4);
      const resource = parts && binding === 4 ? parts.o : parts && binding === 5 ? parts.lse : bound(bufs[i]!, bytes[i]!);
      bind.push({ binding, resource });
    });
    const group = device.createBindGroup({ layout, entries: bind });
    const enc = opts.encoder ?? device.createCommandEncoder({ label: `attnc ${spec.name}` });
    recordFacts(enc, bufs, z, need, bytes);
    const pass = enc.beginComputePass(opts.timestampWrites ? { timestampWrites: opts.timestampWrites } : {});
    pass.setPipeline(packed ? packedPipe() : pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(groups * splits, heads, z.B!);
    pass.end();
    if (parts) {
      splitMerge ??= extras.mergePass!(device);
      splitMerge.record(enc, splits, rows, DV, parts, { o: bound(bufs[3]!, bytes[3]!), lse: bound(bufs[4]!, bytes[4]!) });
    }
    if (!opts.encoder) device.queue.submit([enc.finish()]);
  }

  // ---- split-KV: the partial outputs and their merge (merge.ts's pass, built on first use: its
  // shader is fixed text, tested on its own by tests/wgsl/merge.test.ts) ----
  let splitMerge: ReturnType<typeof mergePass> | null = null;
  let partO: GPUBuffer | null = null;
  let partLse: GPUBuffer | null = null;
  function splitBuffers(oBytes: number, lseBytes: number): { o: GPUBufferBinding; lse: GPUBufferBinding } {
    if (!partO || partO.size < oBytes) partO = device.createBuffer({ size: Math.max(16, oBytes), usage: 0x80 });
    if (!partLse || partLse.size < lseBytes) partLse = device.createBuffer({ size: Math.max(16, lseBytes), usage: 0x80 });
    return { o: { buffer: partO, offset: 0, size: Math.max(4, oBytes) }, lse: { buffer: partLse, offset: 0, size: Math.max(4, lseBytes) } };
  }
  /** whether forward packs GQA groups for these sizes by itself (packGqaFor; never without the pipeline) */
  function packGqa(sizes: Sizes): boolean {
    return packedCode !== null && packGqaFor(sizes, tile.blockQ);
  }
  /** the query tiles along x of a plan: ceil(Q_LEN / BQ), or packed ceil(H / H_KV * Q_LEN / BQ) */
  function queryTiles(sizes: Sizes, packed: boolean): number {
    return Math.ceil(((packed ? sizes.H / sizes.H_KV : 1) * sizes.Q_LEN) / tile.blockQ);
  }
  /** the key/value splits forward chooses for these sizes (1: none); see kvSplitsFor */
  function kvSplits(sizes: Sizes): number {
    return splitsFor(sizes, packGqa(sizes));
  }
  /** the splits of a plan, packed or not: its workgroups are query tiles x heads (H, or H_KV packed) x B */
  function splitsFor(sizes: Sizes, packed: boolean): number {
    if (!softmax || !extras.mergePass) return 1;
    const tiles = queryTiles(sizes, packed);
    let n = kvSplitsFor(tiles * (packed ? sizes.H_KV : sizes.H) * sizes.B, Math.ceil(sizes.KV_LEN / tile.blockKV));
    while (n > 1 && !splitsFit(n, sizes, tiles)) n--;
    return n;
  }

  /** whether n splits fit the device: the dispatch along x (`tiles` query tiles), and the partial outputs in one binding */
  function splitsFit(n: number, sizes: Sizes, tiles: number): boolean {
    return tiles * n <= device.limits.maxComputeWorkgroupsPerDimension &&
      n * sizes.B * sizes.H * sizes.Q_LEN * DV * 4 <= device.limits.maxStorageBufferBindingSize;
  }
  if (spec.backward && !makeBackward) fail("compiled with --backward: createKernelWith needs extras.createBackwardWith (host-backward.ts)");
  const backward = spec.backward
    ? await makeBackward!(spec, device, {
        D, DV, qkv, tile, backwardTile: options.backwardTile, fail, validate: (t, z, own) => validate(t, z, undefined, own), lengthsOf, recordFacts, lensBinding, bound,
        header: (t, rl, note) => shaderHeader(D, DV, t, qkv, rl, note),
        pipelines: (make) => withPipelineErrors(device, fail, make),
      })
    : undefined;
  return { name: spec.name, headDim: D, valueDim: DV, tile, qkv, code, packedCode, facts, rowLengths, pagedKv: rowLengths, forward, checkFacts, kvSplits, packGqa, ...(backward ? { backward } : {}) };
}
