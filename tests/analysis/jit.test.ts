/**
 * compiler/analysis/jit.ts computes exactly what the IR interpreter computes (values and
 * out-of-bounds errors), on random masks and on the classifier IR built from them.
 */
import { test, expect } from "vitest";
import fc from "fast-check";
import { evalNode } from "../../compiler/ir/interp.js";
import { classifyMask } from "../../compiler/analysis/classify.js";
import { jit } from "../../compiler/analysis/jit.js";
import * as ir from "../../compiler/ir/builder.js";
import { arbMask, arbSizes, tensorsFor, INPUTS } from "./arb.js";

const outcome = (f: () => unknown) => {
  try {
    return { v: f() };
  } catch (e) {
    return { err: (e as Error).message };
  }
};

test("jit agrees with evalNode on masks and classifiers", () => {
  fc.assert(
    fc.property(arbMask, arbSizes, fc.integer({ min: 1, max: 1e6 }), fc.boolean(), fc.nat(), fc.nat(), (mask, sizes, seed, sorted, r1, r2) => {
      const tensors = tensorsFor(sizes, seed, sorted);
      const b = r1 % sizes.B, h = r2 % sizes.H;
      const fixed = { ...sizes, b, h };
      const m = jit([mask], { args: ["q", "kv"], fixed, tensors });
      for (let i = 0; i < 20; i++) {
        const q = (r1 + 7 * i) % sizes.Q_LEN, kv = (r2 + 13 * i) % sizes.KV_LEN;
        expect(outcome(() => m(q, kv))).toEqual(outcome(() => evalNode(mask, { vars: { ...fixed, q, kv }, tensors })));
      }
      const c = classifyMask(mask, INPUTS);
      const vars = { ...fixed, qlo: 0, qhi: sizes.Q_LEN - 1, kvlo: 0, kvhi: sizes.KV_LEN - 1, sorted_s_1: sorted, sorted_u_1: sorted };
      const k = jit([c.classify.anyVisible, c.classify.allVisible], { args: [], fixed: vars, tensors });
      // the interpreter's Env types vars as numbers; fact variables are bools
      const env = { vars: vars as unknown as Record<string, number>, tensors };
      expect(k()).toEqual([evalNode(c.classify.anyVisible, env), evalNode(c.classify.allVisible, env)]);
    }),
    { numRuns: 300 },
  );
});

test("jit keeps lazy evaluation of tensor reads and reports out-of-bounds reads", () => {
  const q = ir.v("q");
  const read = ir.load("t", "int", [ir.v("h"), q]);
  const guarded = ir.and(ir.lt(q, ir.cInt(8)), ir.eq(read, ir.cInt(1)));
  const tensors = { t: { data: new Int32Array(8).fill(1), dims: [1, 8] } };
  const f = jit([guarded], { args: ["q"], fixed: { h: 0 }, tensors });
  expect(f(3)).toBe(true);
  expect(f(20)).toBe(false);
  const g = jit([ir.eq(read, ir.cInt(1))], { args: ["q"], fixed: { h: 0 }, tensors });
  expect(() => g(20)).toThrow(/out of bounds: t\[0, 20\]/);
});
