/**
 * Every example, compiled for the wgsl target:
 * - its shader passes Tint (Dawn's WGSL compiler) with no error at the default tile plan
 *   (BQ 128, BKV 32 clipped to the limits, 4 keys per step), on WebGPU's default limits and on the adapter's,
 *   and so does its GQA-packed forward (skeleton-packed.ts; default limits at D = 64, the adapter's at 128;
 *   Tint only: its pipeline is built on first use);
 * - it runs on Dawn (lavapipe here) and matches the float64 oracle within 1e-4, under one of
 *   several tile plans (rotating by example, so full/partial/empty tile classes, several steps per
 *   tile and ragged last tiles all occur) and shapes with Q_LEN != KV_LEN, GQA and D != DV.
 */
import { describe, it, expect } from "vitest";
import { readdirSync } from "node:fs";
import { createKernelWith } from "../../backends/wgsl/host-runtime.js";
import { specOf } from "../../backends/wgsl/spec.js";
import { runWgsl } from "../../backends/wgsl/run.js";
import { check, irOf, planOf, readExample, TOL, useDawn } from "./helpers.js";
import { exampleTensors, SMALL_PARAMS, SMALL_SIZES } from "../analysis/example-data.js";
import type { RunData } from "../../backends/index.js";
import type { AttnIR, Sizes } from "../../compiler/ir/program.js";
import { genData } from "../arbitraries/data.js";

const examples = readdirSync(new URL("../../examples/", import.meta.url)).filter((f) => f.endsWith(".attn")).sort();

// keysPerStep stays at 1-2 here: lavapipe's LLVM takes seconds per shader at 4 (the default) and
// more; the default plan is compiled by Tint for every example and run in property.test.ts
const PLANS = [
  { blockQ: 16, blockKV: 16, extra: { keysPerStep: 1 } },
  { blockQ: 32, blockKV: 32, extra: { keysPerStep: 2 } },
  { blockQ: 64, blockKV: 40, extra: { keysPerStep: 1 } },
  { blockQ: 8, blockKV: 24, extra: { keysPerStep: 2 } },
];
const DVS = [16, 24, 8];

/** Small params and valid inputs (sorted document ids, in-range lengths) from the analysis tests. */
function exampleData(ir: AttnIR, idx: number): RunData {
  const sizes: Sizes = { ...SMALL_SIZES, DV: DVS[idx % DVS.length]! };
  const base = genData(idx + 1, sizes, [], 1);
  const tensors: RunData["tensors"] = {};
  for (const [name, t] of Object.entries(exampleTensors(ir.inputs, sizes, idx + 1)))
    tensors[name] = t.data instanceof Int32Array ? t.data : Float32Array.from(t.data);
  return { ...base, tensors, sizes };
}

const dawn = useDawn({ defaultLimits: true });

describe("wgsl: examples", () => {
  it("has at least 15 examples", () => expect(examples.length).toBeGreaterThanOrEqual(15));

  it("every example's shader compiles without error (default and adapter limits, D = 64 and 128)", async () => {
    for (const file of examples) {
      const spec = specOf(planOf(irOf(readExample(file), file)));
      for (const g of [dawn.gpuDefault, dawn.gpu]) {
        for (const headDim of [64, 128]) {
          const k = await createKernelWith(spec, g.device, { headDim });
          expect(k.code).toContain("fn main");
          if ((g === dawn.gpuDefault) !== (headDim === 64)) continue; // the packed shader: two of the four
          const packed = g.device.createShaderModule({ code: k.packedCode! });
          const errors = (await packed.getCompilationInfo()).messages.filter((m) => m.type === "error");
          expect(errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`), `${file} (GQA packed)`).toEqual([]);
        }
      }
    }
  });

  examples.forEach((file, idx) => {
    it(`${file} matches the oracle`, async () => {
      const ir = irOf(readExample(file), file, SMALL_PARAMS[file.replace(/\.attn$/, "")] ?? {});
      const tile = PLANS[idx % PLANS.length]!;
      const data = exampleData(ir, idx);
      const sizes = data.sizes;
      const out = await runWgsl(planOf(ir, tile), data, { gpu: idx % 2 ? dawn.gpu : dawn.gpuDefault });
      const e = check(ir, data, out.o, out.lse);
      const where = `${file} ${JSON.stringify(sizes)} tile ${JSON.stringify(out.kernel.tile)}: ${e.worst}`;
      expect(e.maxRelO, where).toBeLessThanOrEqual(TOL);
      expect(e.maxRelLse, where).toBeLessThanOrEqual(TOL);
    });
  });
});
