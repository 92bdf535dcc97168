/**
 * Exactness of the tile classifier for the named patterns (tests/analysis/patterns.ts): with random
 * parameters, lengths (Q_LEN != KV_LEN where the pattern allows), tile shapes and heads, the
 * classes equal the brute-force classes exactly, and the document patterns are exact when the
 * doc ids are sorted (and still sound when they are not). For the closed-form patterns the kv range
 * of every query tile is exactly the hull of its visible keys.
 */
import { describe, test } from "vitest";
import fc from "fast-check";
import type { Tensor } from "../../compiler/ir/interp.js";
import { checkCase } from "./harness.js";
import { PATTERNS } from "./patterns.js";
import { arbSizes, arbTile, ints } from "./arb.js";

function docTensor(B: number, n: number, seed: number, docs: number, sorted: boolean): Tensor {
  const data = ints(B * n, seed, 0, docs - 1);
  if (sorted) for (let r = 0; r < B; r++) data.subarray(r * n, (r + 1) * n).sort();
  return { data, dims: [B, n] };
}

describe("classifier is exact for the named patterns", () => {
  for (const p of PATTERNS) {
    test(p.name, () => {
      fc.assert(
        fc.property(p.params, arbSizes, arbTile, fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 12 }), fc.boolean(),
          (params, sizes0, tile, seed, docs, sorted) => {
            const sizes = p.square ? { ...sizes0, KV_LEN: sizes0.Q_LEN } : sizes0;
            const tensors: Record<string, Tensor> = p.inputs ? { doc: docTensor(sizes.B, sizes.Q_LEN, seed, docs, sorted) } : {};
            const mode = p.inputs && !sorted ? "sound" : "exact";
            const err = checkCase({ mask: p.mask(params), inputs: p.inputs ?? [], sizes, tensors, ...tile }, mode, p.tightRange);
            if (err) throw new Error(`${p.name} params ${JSON.stringify(params)}: ${err}`);
          }),
        { numRuns: Number(process.env.ATTNC_RUNS ?? 150) },
      );
    }, 120_000);
  }
});
