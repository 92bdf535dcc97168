/**
 * Every example compiles for the wgsl target without a shader compile error and matches the
 * float64 oracle on Dawn (lavapipe here) within 1e-4, with the default tile plan on WebGPU's
 * default limits and with a small tile plan (many tiles, so empty/full/partial classes all occur).
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readdirSync } from "node:fs";
import { openDawn, type DawnGpu } from "../../backends/wgsl/dawn.js";
import { runWgsl } from "../../backends/wgsl/run.js";
import { check, irOf, planOf, randomData, readExample, rng, TOL } from "./helpers.js";

const examples = readdirSync(new URL("../../examples/", import.meta.url)).filter((f) => f.endsWith(".attn")).sort();

let gpu: DawnGpu;
beforeAll(async () => {
  gpu = await openDawn({ limits: "default" });
}, 30_000);
afterAll(() => gpu?.device.destroy());

describe("wgsl: examples on Dawn", () => {
  it("has examples", () => expect(examples.length).toBeGreaterThanOrEqual(15));
  examples.forEach((file, idx) => {
    it(file, async () => {
      const ir = irOf(readExample(file), file);
      const r = rng(1000 + idx);
      const shapes = [
        { B: 2, H: 4, H_KV: 2, Q_LEN: 150, KV_LEN: 203, D: 16, DV: 16, tile: { blockQ: 64, blockKV: 64 } },
        { B: 1, H: 2, H_KV: 1, Q_LEN: 97, KV_LEN: 61, D: 12, DV: 20, tile: { blockQ: 16, blockKV: 8 } },
      ];
      for (const { tile, ...sizes } of shapes) {
        const data = randomData(ir, sizes, r);
        const out = await runWgsl(planOf(ir, tile), data, { gpu });
        const e = check(ir, data, out.o, out.lse);
        expect(e.maxRelO, `${file} ${JSON.stringify(sizes)} tile ${JSON.stringify(out.kernel.tile)}: ${e.worst}`).toBeLessThanOrEqual(TOL);
        expect(e.maxRelLse, e.worst).toBeLessThanOrEqual(TOL);
      }
    });
  });
});
