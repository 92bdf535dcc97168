import { test } from "vitest";
import fc from "fast-check";
import { arbMask, INPUTS } from "./arb.js";
import { classifyMask } from "../../compiler/analysis/classify.js";
import { topo } from "../../compiler/ir/node.js";
test("sizes", () => {
  const sizes: number[] = [];
  let t = Date.now(); let worst = 0;
  for (const m of fc.sample(arbMask, { numRuns: 3000, seed: 1 })) {
    const t0 = Date.now();
    const c = classifyMask(m, INPUTS);
    worst = Math.max(worst, Date.now() - t0);
    sizes.push(topo([c.classify.anyVisible, c.classify.allVisible]).length);
  }
  sizes.sort((a, b) => a - b);
  console.log("n", sizes.length, "median", sizes[sizes.length >> 1], "p99", sizes[Math.floor(sizes.length * 0.99)], "max", sizes[sizes.length - 1], "ms", Date.now() - t, "worst ms", worst);
});
