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
 *
 * Invalid programs and inputs throw `AttncError` carrying diagnostics with stable codes.
 */
import { AttncError, diag } from "./dsl/diagnostics.js";
import type { AttnIR } from "./compiler/ir/program.js";
import type { KernelPlan, TilePlan } from "./compiler/plan/kernel-plan.js";
import { buildPlan } from "./compiler/plan/build.js";
import { lowerSource, optimize, type LowerOptions } from "./compiler/pipeline.js";
import { manifestOf, type Manifest } from "./compiler/plan/manifest.js";
import { TARGETS, type GeneratedFile, type RunData, type TargetName } from "./backends/index.js";
import { loadTsKernel } from "./backends/ts/load.js";

export { parse } from "./dsl/parser.js";
export { check } from "./dsl/check.js";
export { AttncError, formatDiagnostic, diagnosticToJson, type Diagnostic } from "./dsl/diagnostics.js";
export { lowerSource, optimize, frontEnd } from "./compiler/pipeline.js";
export { printProgram } from "./compiler/ir/printer.js";
export { PASS_NAMES } from "./compiler/passes/index.js";
export type { AttnIR, Sizes } from "./compiler/ir/program.js";
export type { KernelPlan, TilePlan } from "./compiler/plan/kernel-plan.js";
export { TARGET_NAMES, type TargetName, type GeneratedFile, type RunData } from "./backends/index.js";

export interface CompileOptions extends LowerOptions {
  target?: TargetName;
  /** fix the head dimension at compile time */
  headDim?: number;
  /** override the target's tile plan (never changes results) */
  tile?: Partial<TilePlan>;
}

export function targetOf(name: TargetName) {
  const t = Object.hasOwn(TARGETS, name) ? TARGETS[name] : undefined; // not `constructor`
  if (!t) throw new AttncError([diag("E0409", `target \`${name}\` is not available in this build of attnc`)]);
  return t;
}

export function planFor(ir: AttnIR, target: TargetName, opts: { headDim?: number; tile?: Partial<TilePlan> } = {}): KernelPlan {
  const t = targetOf(target);
  const headDim = opts.headDim ?? null;
  const plan = buildPlan(ir, {
    tile: { ...t.defaultTile(headDim), ...opts.tile },
    headDim,
    speculativeReads: t.speculativeReads,
  });
  return t.tileOf ? { ...plan, tile: t.tileOf(plan) } : plan;
}

export interface CompiledKernel {
  name: string;
  plan: KernelPlan;
  files: GeneratedFile[];
  manifest: Manifest;
}

export async function compile(source: string, file: string, opts: CompileOptions = {}): Promise<CompiledKernel[]> {
  const target = opts.target ?? "ts";
  const t = targetOf(target);
  const out: CompiledKernel[] = [];
  for (const lowered of lowerSource(source, file, opts)) {
    const plan = planFor(optimize(lowered), target, opts);
    const files = await t.generate(plan);
    out.push({ name: plan.name, plan, files, manifest: manifestOf(plan, target, file, files) });
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
  try {
    const r = mod.forward(data.q, data.k, data.v, data.tensors, data.sizes, { scale: opts.scale });
    return { ...r, plan: kernel!.plan };
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string };
    if (err.name === "AttnKernelError") throw new AttncError([diag((err.code ?? "E0404") as "E0404", err.message ?? "kernel error")]);
    throw e;
  }
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
  if (target === "ts") return runTs(source, file, data, opts);
  const t = targetOf(target);
  if (!t.run) throw new AttncError([diag("E0409", `target \`${target}\` cannot run programs`)]);
  return t.run(source, file, data, opts);
}
