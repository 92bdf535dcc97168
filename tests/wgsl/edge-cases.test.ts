/**
 * The WGSL kernel on Dawn (lavapipe here) on the numeric edge cases of docs/language.md § 9
 * (tests/oracle/edge-cases.ts): NaN exactly where the float64 oracle has NaN, o = 0 and lse = -inf
 * for rows with nothing visible, masked keys with NaN/inf in k (also re-read as padding past
 * KV_LEN) without effect, and v near float32's maximum without overflow — within 1e-4, under tile
 * plans with several tiles per row, a ragged last tile and several keys per step; the cases whose
 * values are exact in float16 also with f16 q, k, v.
 */
import { describe, expect, it } from "vitest";
import { EDGE_CASES } from "../oracle/edge-cases.js";
import { runWgsl } from "../../backends/wgsl/run.js";
import { check, irOf, planOf, TOL, useDawn } from "./helpers.js";

const PLANS = [
  { blockQ: 16, blockKV: 16, extra: { keysPerStep: 2 } },
  { blockQ: 8, blockKV: 24, extra: { keysPerStep: 1 } },
];

const dawn = useDawn();

describe("wgsl: numeric edge cases vs the float64 oracle", () => {
  for (const c of EDGE_CASES.filter((x) => !x.referenceOnly)) {
    it(c.id, async () => {
      const ir = irOf(c.source, `${c.id}.attn`);
      const sizes = { ...c.shape, D: 16, DV: 8 };
      const data = { ...c.make(sizes), sizes };
      const runs = PLANS.map((tile) => ({ tile, dtype: "f32" as const }));
      if (c.dtypes.includes("f16")) runs.push({ tile: PLANS[0]!, dtype: "f16" as never });
      for (const { tile, dtype } of runs) {
        const out = await runWgsl(planOf(ir, tile), data, { gpu: dawn.gpu, dtype });
        const e = check(ir, data, out.o, out.lse);
        const where = `${c.id} ${dtype} tile ${JSON.stringify(out.kernel.tile)}: ${e.worst}`;
        expect(e.maxRelO, where).toBeLessThanOrEqual(TOL);
        expect(e.maxRelLse, where).toBeLessThanOrEqual(TOL);
      }
    }, 60_000);
  }
});
