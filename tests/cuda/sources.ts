/**
 * What the CUDA tests compile: every example (default params) and the CUDA test fixtures, each
 * generated through the CLI's pipeline (`cudaPlans` + `compileCuda`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";
import type { GeneratedFile } from "../../backends/index.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";

export interface CudaCase {
  /** examples/<stem>.attn or tests/cuda/fixtures/<stem>.attn */
  file: string;
  stem: string;
  plan: KernelPlan;
  files: GeneratedFile[];
}

export function cudaSourceFiles(): string[] {
  const ex = readdirSync("examples").filter((f) => f.endsWith(".attn")).sort().map((f) => `examples/${f}`);
  const fx = readdirSync("tests/cuda/fixtures").filter((f) => f.endsWith(".attn")).sort().map((f) => `tests/cuda/fixtures/${f}`);
  return [...ex, ...fx];
}

export function cudaCases(): CudaCase[] {
  const out: CudaCase[] = [];
  for (const file of cudaSourceFiles()) {
    const stem = file.replace(/^.*\//, "").replace(/\.attn$/, "");
    for (const plan of cudaPlans(readFileSync(file, "utf8"), file)) out.push({ file, stem, plan, files: compileCuda(plan).files });
  }
  return out;
}
