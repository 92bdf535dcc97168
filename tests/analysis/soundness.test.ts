/**
 * Soundness of the tile classifier on random masks, sizes, tile shapes, heads and tensors:
 * EMPTY tiles have no visible entry, FULL tiles no hidden one, visible keys lie in kvRange; and
 * where the classifier claims to be exact (no approximation made), it is.
 */
import { test, expect } from "vitest";
import fc from "fast-check";
import { arbCase } from "./arb.js";
import { checkCase } from "./harness.js";

test("classifier is sound on random masks", () => {
  fc.assert(
    fc.property(arbCase, (c) => {
      const err = checkCase(c, "claimed");
      if (err) throw new Error(err);
    }),
    { numRuns: Number(process.env.ATTNC_RUNS ?? 400) },
  );
  expect(true).toBe(true);
}, 120_000);
