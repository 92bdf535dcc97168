// Compiles the benchmark variants (full, causal, sliding window 1024) with attnc's WGSL backend
// into self-contained host modules (NAME.js, no imports) that bench.mjs loads on the GPU machine.
// Run here after `npm run build`:  node bench/wgsl/build-kernels.mjs [OUT_DIR]   (default .cache/wgsl-bench)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lowerSource, optimize } from "../../dist/compiler/pipeline.js";
import { buildPlan } from "../../dist/compiler/plan/build.js";
import { compileWgsl, wgslDefaultTile } from "../../dist/backends/wgsl/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const out = process.argv[2] ?? join(root, ".cache/wgsl-bench");
export const VARIANTS = [
  { name: "full", file: "full.attn", params: {} },
  { name: "causal", file: "causal.attn", params: {} },
  { name: "sliding_window", file: "sliding-window.attn", params: { window: 1024 } },
];
mkdirSync(out, { recursive: true });
for (const v of VARIANTS) {
  const [ir] = lowerSource(readFileSync(join(root, "examples", v.file), "utf8"), v.file, { params: v.params });
  const plan = buildPlan(optimize(ir), { tile: wgslDefaultTile(null), headDim: null, speculativeReads: true });
  for (const f of compileWgsl(plan).files) if (f.path.endsWith(".js")) writeFileSync(join(out, `${v.name}.js`), f.contents);
  console.log(`wrote ${join(out, v.name + ".js")} (${plan.name}, kvRange: ${plan.kvRange ? "yes" : "no"})`);
}
