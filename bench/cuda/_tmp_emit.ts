import { readFileSync, readdirSync } from "node:fs";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { buildPlan } from "../../compiler/plan/build.js";
import { emitKernel } from "../../backends/shared/emit.js";
import { cudaRules } from "../../backends/cuda/rules.js";
for (const f of process.argv.slice(2)) {
  const src = readFileSync(f, "utf8");
  for (const ir of lowerSource(src, f)) {
    const plan = buildPlan(optimize(ir), { tile: { blockQ: 128, blockKV: 64 }, headDim: null, speculativeReads: true });
    console.log("=====", f, plan.name, JSON.stringify(plan.facts));
    console.log(JSON.stringify(emitKernel(plan, cudaRules), null, 1));
  }
}
