/**
 * attnc's library API: the same stages as the CLI, as functions.
 *
 *   parse(source, file)            → { module, diagnostics }      (dsl)
 *   check(module)                  → diagnostics                  (dsl)
 *   lowerSource(source, file, o)   → AttnIR[]                     (compiler)
 *   optimize(ir, o)                → AttnIR                       (compiler passes)
 *   planFor(ir, target, o)         → KernelPlan                   (compiler plan)
 *   compile(source, file, o)       → kernels with files and a manifest
 *   runTs(source, file, data, o)   → { o, lse } through the TypeScript backend
 *   backward(source, file, data, dO, opts) → { o, lse, dq, dk, dv, dTensors, warnings }
 *   mergePartials(parts, rows, dv) → { o, lse } of partial results over disjoint key sets
 *   analyzeTiles / renderMask       → what `attnc analyze` / `attnc viz` compute (tile classes, pictures)
 *   parseNpy / readNpy / encodeNpy  → the .npy reader (float64, int64, ... converted) and writer
 *
 * Invalid programs and inputs throw `AttncError` carrying diagnostics with stable codes.
 */
import { AttncError, diag } from "./dsl/diagnostics.js";
import type { AttnIR } from "./compiler/ir/program.js";
import type { KernelPlan, TilePlan } from "./compiler/plan/kernel-plan.js";
import { buildPlan } from "./compiler/plan/build.js";
import { checkedFrontEnd, optimize, selectAttentions, type LowerOptions } from "./compiler/pipeline.js";
import { lowerAttention } from "./compiler/lower.js";
import { gradWarnings } from "./compiler/grad/warnings.js";
import type { Diagnostic } from "./dsl/diagnostics.js";
import { manifestOf, type Manifest } from "./compiler/plan/manifest.js";
import { TARGETS, TARGET_NAMES, type CudaArch, type GeneratedFile, type RunData, type Target, type TargetName } from "./backends/index.js";
import { loadTsKernel, type Gradients, type KernelOptions, type TsKernel } from "./backends/ts/load.js";

export { parse } from "./dsl/parser.js";
export { check } from "./dsl/check.js";
export { AttncError, formatDiagnostic, diagnosticToJson, type Diagnostic } from "./dsl/diagnostics.js";
export { lowerSource, optimize, frontEnd } from "./compiler/pipeline.js";
export { printProgram } from "./compiler/ir/printer.js";
export { PASS_NAMES } from "./compiler/passes/index.js";
export type { AttnIR, Sizes } from "./compiler/ir/program.js";
export type { KernelPlan, TilePlan } from "./compiler/plan/kernel-plan.js";
export { CUDA_ARCHS, TARGET_NAMES, type CudaArch, type TargetName, type GeneratedFile, type RunData, type RowLengths } from "./backends/index.js";
export { mergePartials, type Partial } from "./backends/ts/merge.js";
export { analyzeTiles, type Analysis, type AnalyzeInput } from "./compiler/analysis/analyze.js";
export { renderMask, type Picture, type VizInput } from "./compiler/analysis/viz.js";
export { pictureToPng, pictureToSvg } from "./compiler/analysis/viz-image.js";
export { parseNpy, readNpy, encodeNpy, type NpyArray } from "./cli/npy.js";

export interface CompileOptions extends LowerOptions {
  target?: TargetName;
  /** fix the head dimension at compile time */
  headDim?: number;
  /** override the target's tile plan (never changes results) */
  tile?: Partial<TilePlan>;
  /** also generate the backward (gradients; every target) */
  backward?: boolean;
  /** TypeScript target: also write NAME.js and NAME.d.ts */
  js?: boolean;
  /** CUDA target: instantiate the kernels for this input dtype only (default: bf16 and fp16) */
  dtype?: "bf16" | "f16";
  /** CUDA target: build for this architecture only (default: sm_80 and sm_90a) */
  arch?: CudaArch;
}

export function targetOf(name: TargetName) {
  const t = Object.hasOwn(TARGETS, name) ? TARGETS[name] : undefined; // not `constructor`
  if (!t) throw new AttncError([diag("E0409", `target \`${name}\` is not available in this build of attnc`)]);
  return t;
}

export function planFor(
  ir: AttnIR,
  target: TargetName,
  opts: { headDim?: number; tile?: Partial<TilePlan>; backward?: boolean } = {},
): KernelPlan {
  const t = targetOf(target);
  const headDim = opts.headDim ?? null;
  const plan = buildPlan(ir, {
    tile: { ...t.defaultTile(headDim), ...opts.tile },
    headDim,
    speculativeReads: t.speculativeReads,
    backward: opts.backward,
  });
  return t.tileOf ? { ...plan, tile: t.tileOf(plan) } : plan;
}

export interface CompiledKernel {
  name: string;
  plan: KernelPlan;
  files: GeneratedFile[];
  manifest: Manifest;
  /** warnings: the checker's (W03xx) in this block (and, on the first kernel, those in defs), and
   * with `backward` W0501, W0502 for gradients that are identically zero */
  warnings: Diagnostic[];
}

export async function compile(source: string, file: string, opts: CompileOptions = {}): Promise<CompiledKernel[]> {
  const target = opts.target ?? "ts";
  const t = targetOf(target);
  if (opts.backward && !t.backward) {
    throw new AttncError([diag("E0409", `the backward is not available on the ${target} target yet (it is on: ${TARGET_NAMES.filter((n) => TARGETS[n]?.backward).join(", ")})`)]);
  }
  const { module: mod, warnings: lints } = checkedFrontEnd(source, file);
  const out: CompiledKernel[] = [];
  const inside = (w: Diagnostic, a: { span: { offset: number; endOffset: number } }) => w.span !== undefined && w.span.offset >= a.span.offset && w.span.offset < a.span.endOffset;
  for (const attn of selectAttentions(mod, opts.name)) {
    const ir = optimize(lowerAttention(mod, attn, opts.params ?? {}));
    const plan = planFor(ir, target, opts);
    const files = await t.generate(plan, { js: opts.js, dtype: opts.dtype, arch: opts.arch });
    const own = lints.filter((w) => inside(w, attn) || (out.length === 0 && !mod.attentions.some((a) => inside(w, a))));
    const warnings = [...own, ...(plan.grad ? gradWarnings(attn, ir, plan.grad) : [])];
    out.push({ name: plan.name, plan, files, manifest: manifestOf(plan, target, file, files), warnings });
  }
  return out;
}

/** Compiles one attention block for the TypeScript target and runs it. */
export async function runTs(
  source: string,
  file: string,
  data: RunData,
  opts: CompileOptions & { scale?: number } = {},
): Promise<{ o: Float32Array; lse: Float32Array | null; plan: KernelPlan }> {
  const [kernel] = await compile(source, file, { ...opts, target: "ts" });
  const mod = await loadTsKernel(kernel!.files[0]!.contents);
  const r = kernelCall(() => mod.forward(data.q, data.k, data.v, data.tensors, data.sizes, kernelOptions(data, opts.scale)));
  return { ...r, plan: kernel!.plan };
}

/** A generated TypeScript kernel's options for a call on `data`. */
function kernelOptions(data: RunData, scale: number | undefined): KernelOptions {
  return { scale, qLens: data.lens?.q, kvLens: data.lens?.kv, pageTable: data.pages?.table, pageSize: data.pages?.size };
}

/** Runs a generated TypeScript kernel's function; its AttnKernelError becomes an AttncError. */
function kernelCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string };
    if (err.name === "AttnKernelError") throw new AttncError([diag((err.code ?? "E0404") as "E0404", err.message ?? "kernel error")]);
    throw e;
  }
}

export interface BackwardResult extends Gradients {
  /** the forward's outputs, computed on the way */
  o: Float32Array;
  lse: Float32Array | null;
  /** W0501 / W0502 when a gradient is identically zero */
  warnings: Diagnostic[];
  /** a line for the user from a GPU target (which GPU, dtype) */
  note?: string;
}

/**
 * The forward and the gradients of the loss Σ o · dO (docs/language.md § 9, "Gradients") of one
 * attention block: dq, dk, dv and d_NAME (in `dTensors`) for every f32 input, on the TypeScript
 * target in this process, the WGSL target through Dawn, or the CUDA target on a local GPU (`opts.dtype`).
 */
export async function backward(
  source: string,
  file: string,
  data: RunData,
  dO: Float32Array,
  opts: CompileOptions & { scale?: number; dtype?: "bf16" | "f16" } = {},
): Promise<BackwardResult> {
  const target = opts.target ?? "ts";
  // (the generated TypeScript module refuses a page table itself, with the same words)
  if (data.pages) throw new AttncError([diag("E0409", "the backward does not take a page table (paged KV caches are for inference)")]);
  const [kernel] = await compile(source, file, { ...opts, target, backward: true });
  if (target !== "ts") {
    const t = targetOf(target);
    if (!t.run) throw new AttncError([diag("E0409", `target \`${target}\` cannot run a backward in this build of attnc`)]);
    const r = await t.run(source, file, data, { ...opts, dO });
    if (!r.grads) throw new Error(`internal: the ${target} target ran no backward`);
    return { o: r.o, lse: r.lse, ...r.grads, warnings: kernel!.warnings, note: r.note };
  }
  const mod: TsKernel = await loadTsKernel(kernel!.files[0]!.contents);
  const f = kernelCall(() => mod.forward(data.q, data.k, data.v, data.tensors, data.sizes, kernelOptions(data, opts.scale)));
  const g = kernelCall(() => mod.backward!(data.q, data.k, data.v, dO, data.tensors, data.sizes, kernelOptions(data, opts.scale)));
  return { ...f, ...g, warnings: kernel!.warnings };
}

/**
 * Runs one attention block on the given target: the TypeScript kernel in this process, the WGSL
 * kernel through Dawn, the CUDA kernel through nvcc on a local GPU (E0409 when unavailable).
 */
export async function run(
  source: string,
  file: string,
  data: RunData,
  opts: CompileOptions & { scale?: number; dtype?: "bf16" | "f16" } = {},
): Promise<{ o: Float32Array; lse: Float32Array | null; note?: string }> {
  const target = opts.target ?? "ts";
  const t = targetOf(target);
  checkPagedKv(t, data);
  if (target === "ts") return runTs(source, file, data, opts);
  if (!t.run) throw new AttncError([diag("E0409", `target \`${target}\` cannot run programs`)]);
  checkRowLengths(data); // the GPU kernels clamp lengths into range; a caller's mistake is an error here
  return t.run(source, file, data, opts);
}

/** E0409 when the call has a paged KV cache and the target's kernels cannot read one. */
function checkPagedKv(t: Target, data: RunData): void {
  if (data.pages && !t.pagedKv) {
    throw new AttncError([diag("E0409", `a paged KV cache (page_table.npy) is not available on the ${t.name} target yet (it is on: ${TARGET_NAMES.filter((n) => TARGETS[n]?.pagedKv).join(", ")})`)]);
  }
}

/** Per-row lengths in range: B int32 values in [0, Q_LEN] / [0, KV_LEN] (E0404, E0412). */
function checkRowLengths(data: RunData): void {
  for (const [key, max, name] of [["q", data.sizes.Q_LEN, "Q_LEN"], ["kv", data.sizes.KV_LEN, "KV_LEN"]] as const) {
    const lens = data.lens?.[key];
    if (lens === undefined) continue;
    if (!(lens instanceof Int32Array) || lens.length !== data.sizes.B) {
      throw new AttncError([diag("E0404", `lens.${key} must be an Int32Array of B = ${data.sizes.B} lengths`)]);
    }
    const bad = lens.findIndex((x) => x < 0 || x > max);
    if (bad >= 0) throw new AttncError([diag("E0412", `lens.${key}[${bad}] = ${lens[bad]} is outside [0, ${name} = ${max}]`)]);
  }
}
