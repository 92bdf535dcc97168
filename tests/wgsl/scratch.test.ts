import { describe, it, expect, beforeAll } from "vitest";
import { openDawn, type DawnGpu } from "../../backends/wgsl/dawn.js";
import { runWgsl } from "../../backends/wgsl/run.js";
import { irOf, planOf, randomData, rng, check, readExample } from "./helpers.js";

let gpu: DawnGpu;
beforeAll(async () => { gpu = await openDawn(); });

describe("scratch", () => {
  it("causal", async () => {
    const ir = irOf(readExample("causal.attn"));
    const plan = planOf(ir);
    const sizes = { B: 1, H: 2, H_KV: 1, Q_LEN: 70, KV_LEN: 100, D: 16, DV: 16 };
    const data = randomData(ir, sizes, rng(1));
    const r = await runWgsl(plan, data, { gpu });
    console.log(r.note, r.kernel.tile);
    const e = check(ir, data, r.o, r.lse);
    console.log(e);
    expect(e.maxRelO).toBeLessThan(1e-4);
  });
});
