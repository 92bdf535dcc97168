/**
 * Generates the kernels the GPU harness builds: the six standard variants from examples/ (softcap
 * with cap = 30, as the anchors use) and the test fixtures of tests/cuda/fixtures, through the
 * same pipeline as `attnc compile --target cuda`. Usage: node <built gen.js> [OUTDIR] [--backward]
 * (--backward: with their backward entry points, and the trainable relative-bias table of
 * bench/cuda/bench_backward.py).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";

export const BENCH_SOURCES: { file: string; params?: Record<string, number> }[] = [
  { file: "examples/full.attn" },
  { file: "examples/causal.attn" },
  { file: "examples/sliding-window.attn", params: { window: 1024 } },
  { file: "examples/document-causal.attn" },
  { file: "examples/alibi.attn" },
  { file: "examples/softcap.attn", params: { cap: 30 } },
  { file: "tests/cuda/fixtures/masked-rows.attn" },
  { file: "tests/cuda/fixtures/sigmoid-causal.attn" },
];

const args = process.argv.slice(2);
const backward = args.includes("--backward");
const dir = args.find((a) => !a.startsWith("--")) ?? "bench/cuda/kernels";
mkdirSync(dir, { recursive: true });
for (const { file, params } of [...BENCH_SOURCES, ...(backward ? [{ file: "examples/relative-bias-table.attn" }] : [])]) {
  for (const plan of cudaPlans(readFileSync(file, "utf8"), file, { params, backward })) {
    for (const f of compileCuda(plan).files) writeFileSync(`${dir}/${f.path}`, f.contents);
    console.log(`${file} -> ${dir}/${plan.name}.cu`);
  }
}
