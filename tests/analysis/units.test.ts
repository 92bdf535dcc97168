/** Small units of the classifier: interval sets, entailment, the bitmap font, facts, printed classifier IR. */
import { test, expect } from "vitest";
import fc from "fast-check";
import { complementIvs, normalizeIvs } from "../../compiler/analysis/sets.js";
import { entailed } from "../../compiler/analysis/entail.js";
import { linAdd, linConst, linTerm, linScale } from "../../compiler/analysis/lin.js";
import { computeFacts } from "../../compiler/analysis/facts.js";
import { classifyMask } from "../../compiler/analysis/classify.js";
import { Raster } from "../../compiler/analysis/raster.js";
import { printRoots } from "../../compiler/ir/printer.js";
import * as ir from "../../compiler/ir/builder.js";
import type { Iv } from "../../compiler/analysis/formula.js";

const inSet = (ivs: Iv[], x: number) => ivs.some(([a, b]) => a <= x && x <= b);

test("interval sets: normalize and complement keep membership", () => {
  const iv = fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 0, max: 8 })).map(([a, w]) => [a, a + w] as Iv);
  fc.assert(
    fc.property(fc.array(iv, { maxLength: 6 }), (ivs) => {
      const n = normalizeIvs(ivs.map((x) => [...x] as Iv));
      const c = complementIvs(n);
      for (let x = -40; x <= 40; x++) {
        expect(inSet(n, x)).toBe(inSet(ivs, x));
        expect(inSet(c, x)).toBe(!inSet(ivs, x));
      }
    }),
  );
  expect(complementIvs([])).toEqual([[-Infinity, Infinity]]);
  expect(complementIvs([[-Infinity, 3]])).toEqual([[4, Infinity]]);
});

test("entailment from the tile facts", () => {
  const t = (n: string) => linTerm(ir.v(n));
  // qlo - qhi <= 0
  expect(entailed(linAdd(t("qlo"), linScale(t("qhi"), -1)))).toBe(true);
  // qhi - Q_LEN + 1 <= 0
  expect(entailed(linAdd(linAdd(t("qhi"), linScale(t("Q_LEN"), -1)), linConst(1)))).toBe(true);
  // qhi - Q_LEN + 2 <= 0 is not implied
  expect(entailed(linAdd(linAdd(t("qhi"), linScale(t("Q_LEN"), -1)), linConst(2)))).toBe(false);
  // kvlo - qhi <= 0 is not implied (different chains)
  expect(entailed(linAdd(t("kvlo"), linScale(t("qhi"), -1)))).toBe(false);
  // -h <= 0, h - H + 1 <= 0
  expect(entailed(linScale(t("h"), -1))).toBe(true);
  expect(entailed(linAdd(linAdd(t("h"), linScale(t("H"), -1)), linConst(1)))).toBe(true);
  expect(entailed(linAdd(t("w"), linConst(-1)))).toBe(false);
});

test("the bitmap font has every printable ASCII glyph", () => {
  const r = new Raster(600, 10);
  const all = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
  expect(r.text(all, 0, 0, [0, 0, 0], 1)).toBe(95 * 6);
  expect(r.data.some((x, i) => i % 4 === 0 && x === 0)).toBe(true);
});

test("facts: nondecreasing along a dim, per row", () => {
  const facts = [{ var: "s", kind: "nondecreasing" as const, tensor: "doc", dim: 1 }];
  expect(computeFacts(facts, { doc: { data: [0, 0, 1, 1, 1, 2], dims: [2, 3] } })).toEqual({ s: true });
  expect(computeFacts(facts, { doc: { data: [0, 0, 1, 0, 1, 2], dims: [2, 3] } })).toEqual({ s: true });
  expect(computeFacts(facts, { doc: { data: [0, 2, 1, 5, 1, 2], dims: [2, 3] } })).toEqual({ s: false });
  expect(computeFacts(facts, {})).toEqual({ s: false });
});

test("printed classifier IR of causal and sliding-window masks", () => {
  const q = ir.v("q"), kv = ir.v("kv");
  const show = (m: ReturnType<typeof ir.le>) => {
    const c = classifyMask(m, []);
    return printRoots([["any", c.classify.anyVisible], ["all", c.classify.allVisible], ["lo", c.kvRange!.lo], ["hi", c.kvRange!.hi]]);
  };
  expect(show(ir.le(kv, q))).toBe(
    ["any = le(kvlo, qhi) : bool", "all = not(lt(qlo, kvhi)) : bool", "lo = 0 : int", "hi = min(sub(KV_LEN, 1), qhi) : int"].join("\n"),
  );
  expect(show(ir.and(ir.le(kv, q), ir.lt(ir.sub(q, kv), ir.cInt(1024))))).toBe(
    [
      "any = and(le(kvlo, qhi), le(qlo, add(kvhi, 1023))) : bool",
      "all = not(or(lt(qlo, kvhi), lt(add(kvlo, 1023), qhi))) : bool",
      "lo = max(0, sub(qlo, 1023)) : int",
      "hi = min(sub(KV_LEN, 1), qhi) : int",
    ].join("\n"),
  );
});

test("viz colours: causal 8 x 8 with 4 x 4 tiles", async () => {
  const { renderMask } = await import("../../compiler/analysis/viz.js");
  const q = ir.v("q"), kv = ir.v("kv");
  const p = renderMask({
    mask: ir.le(kv, q), inputs: [], sizes: { B: 1, H: 1, H_KV: 1, Q_LEN: 8, KV_LEN: 8, D: 8 }, tile: { bq: 4, bkv: 4 },
    tensors: {}, b: 0, h: 0, title: "causal",
  });
  const px = (qq: number, k: number) => [...p.cells.data.subarray((qq * 8 + k) * 4, (qq * 8 + k) * 4 + 3)];
  expect(p.blk).toBe(1);
  expect(px(0, 7)).toEqual([246, 246, 246]); // EMPTY tile
  expect(px(7, 0)).toEqual([46, 125, 50]); // visible, FULL tile
  expect(px(1, 0)).toEqual([31, 78, 153]); // visible, PARTIAL tile
  expect(px(0, 1)).toEqual([253, 224, 181]); // hidden, PARTIAL tile
  expect(p.stats.tiles).toEqual({ empty: 1, full: 1, partial: 2 });
  expect(p.stats.visible).toBe(36);
});
