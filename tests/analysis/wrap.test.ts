/**
 * 32-bit wrap and huge sizes (issue #11, item 1). The mask's int arithmetic wraps, as documented;
 * the tile classes and key ranges must hold anyway, for every size up to MAX_SIZE:
 * - the three masks, whose arithmetic overflows, are classified soundly (brute force over
 *   every tile) and report the sub-expressions that may wrap;
 * - random masks with wrapping constants at sizes up to MAX_SIZE, on sampled tiles (no grid);
 * - the value ranges themselves: every wrapped value an IR node takes lies in its range.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as ir from "../../compiler/ir/builder.js";
import { evalNode } from "../../compiler/ir/interp.js";
import type { Node } from "../../compiler/ir/node.js";
import { MAX_SIZE } from "../../compiler/ir/limits.js";
import { classifyMask } from "../../compiler/analysis/classify.js";
import { Ranges, varRange } from "../../compiler/analysis/range.js";
import { printNode } from "../../compiler/ir/printer.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { checkCase, checkTiles, type TileBox } from "./harness.js";
import { makeArbMask, WIDE } from "./arb.js";

const maskOf = (src: string): Node => optimize(lowerSource(`attention a {\n${src}\n}`, "wrap.attn")[0]!).mask;
const square = (n: number) => ({ B: 1, H: 1, H_KV: 1, Q_LEN: n, KV_LEN: n, D: 16 });

describe("the issue's overflowing masks", () => {
  const cases: [string, number][] = [
    ["mask q * 1073741824 >= 0", 70],
    ["mask (q - kv) * 3000000 >= 0", 760],
    ["mask kv + 2147483600 > 2147483600 - q", 96],
  ];
  for (const [src, n] of cases)
    test(src, () => {
      const mask = maskOf(src);
      for (const [bq, bkv] of [[16, 16], [64, 32], [7, 5]] as const)
        expect(checkCase({ mask, inputs: [], sizes: square(n), tensors: {}, bq, bkv }, "claimed")).toBeNull();
      const cls = classifyMask(mask, []);
      expect(cls.wraps.length).toBeGreaterThan(0);
      expect(cls.exact.any && cls.exact.all).toBe(false);
    });

  test("arithmetic that wraps only in between is still exact: (q + 2147483647) - 2147483647 >= kv", () => {
    const mask = maskOf("mask (q + 2147483647) - 2147483647 >= kv");
    const cls = classifyMask(mask, []);
    expect(cls.wraps).toEqual([]);
    expect(cls.exact).toEqual({ any: true, all: true });
    expect(checkCase({ mask, inputs: [], sizes: square(50), tensors: {}, bq: 8, bkv: 8 }, "exact")).toBeNull();
  });
});

/** Sizes near MAX_SIZE and tiles at random places, the ends included. */
const arbHuge = fc
  .record({
    Q: fc.oneof(fc.integer({ min: 1, max: MAX_SIZE }), fc.integer({ min: MAX_SIZE - 40, max: MAX_SIZE })),
    KV: fc.oneof(fc.integer({ min: 1, max: MAX_SIZE }), fc.integer({ min: MAX_SIZE - 40, max: MAX_SIZE })),
    H: fc.integer({ min: 1, max: 2 }),
    tiles: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
  })
  .map(({ Q, KV, H, tiles }) => {
    const at = (u: number, n: number, w: number, end: boolean) => {
      const lo = end ? Math.max(0, n - w) : Math.min(Math.floor(u * n), n - 1);
      return [lo, Math.min(lo + w, n) - 1] as const;
    };
    const boxes: TileBox[] = tiles.map(([u, v, wq, wk, end]) => {
      const [q0, q1] = at(u, Q, wq, end);
      const [kv0, kv1] = at(v, KV, wk, end && u < 0.5);
      return { q0, q1, kv0, kv1 };
    });
    return { sizes: { B: 1, H, H_KV: 1, Q_LEN: Q, KV_LEN: KV, D: 16 }, boxes };
  });

test("classifier is sound at sizes up to MAX_SIZE (sampled tiles)", () => {
  fc.assert(
    fc.property(makeArbMask(false), arbHuge, (mask, { sizes, boxes }) => {
      const err = checkTiles(mask, sizes, boxes);
      if (err) throw new Error(err);
    }),
    { numRuns: Number(process.env.ATTNC_RUNS ?? 300) },
  );
}, 120_000);

test("regressions found by the property above: literals beyond int32 in printed bounds", () => {
  const big = (KV: number) => ({ B: 1, H: 1, H_KV: 1, Q_LEN: MAX_SIZE - 40, KV_LEN: KV, D: 16 });
  const cases: [string, number, TileBox[]][] = [
    // floor(q / -2^31): was divided by the negated divisor 2^31, printed as -2^31
    ["mask q / (-2147483647 - 1) < kv", 1, [{ q0: 2, q1: 2, kv0: 0, kv1: 0 }]],
    // kv <= 2^31 from -kv >= -2^31: the projected bound's literal wrapped to -2^31 (kv range empty)
    ["mask (-kv < -2147483647 - 1) == (h < q)", 1, [{ q0: 0, q1: 0, kv0: 0, kv1: 0 }]],
    // an FM coefficient 2^32 - 97 was the divisor of a normalized bound, printed as -97
    ["mask kv * -2 < kv % -2 / 2147483600", 51, [{ q0: MAX_SIZE - 41, q1: MAX_SIZE - 41, kv0: 50, kv1: 50 }, { q0: 0, q1: 0, kv0: 0, kv1: 0 }]],
    ["mask min(max(min(max(1073741824, q), q), kv / 2147483647 + kv), q / 0) < q * 0", 1, [{ q0: 0, q1: 0, kv0: 0, kv1: 0 }]],
  ];
  for (const [src, KV, tiles] of cases) {
    expect(checkTiles(maskOf(src), big(KV), tiles), src).toBeNull();
    expect(checkCase({ mask: maskOf(src), inputs: [], sizes: { ...big(KV), Q_LEN: 9, KV_LEN: Math.min(KV, 9), H: 2 }, tensors: {}, bq: 2, bkv: 3 }, "sound"), src).toBeNull();
  }
});

test("the classic masks stay exact at the largest sizes (sampled tiles)", () => {
  const tiles: TileBox[] = [
    { q0: MAX_SIZE - 64, q1: MAX_SIZE - 1, kv0: MAX_SIZE - 64, kv1: MAX_SIZE - 1 },
    { q0: 0, q1: 63, kv0: MAX_SIZE - 64, kv1: MAX_SIZE - 1 },
  ];
  for (const src of ["mask kv <= q", "mask kv <= q && q - kv < 1024", "mask kv <= q + (KV_LEN - Q_LEN)"]) {
    const mask = maskOf(src);
    const cls = classifyMask(mask, []);
    expect(cls.exact, src).toEqual({ any: true, all: true });
    expect(checkTiles(mask, square(MAX_SIZE), tiles), src).toBeNull();
  }
});

describe("value ranges", () => {
  const q = ir.v("q"), kv = ir.v("kv"), h = ir.v("h");
  const leaf = fc.oneof(fc.constantFrom(q, kv, h, ir.v("Q_LEN"), ir.v("KV_LEN")), fc.integer({ min: -9, max: 9 }).map(ir.cInt), fc.constantFrom(...WIDE).map(ir.cInt));
  const arbInt: fc.Arbitrary<Node> = fc.letrec<{ e: Node }>((tie) => {
    const e = tie("e") as fc.Arbitrary<Node>;
    return {
      e: fc.oneof(
        { depthSize: "small", maxDepth: 5 },
        { weight: 4, arbitrary: leaf },
        fc.tuple(e, e).map(([x, y]) => ir.add(x, y)),
        fc.tuple(e, e).map(([x, y]) => ir.sub(x, y)),
        fc.tuple(e, e).map(([x, y]) => ir.mul(x, y)),
        fc.tuple(e, e).map(([x, y]) => ir.divide(x, y)),
        fc.tuple(e, e).map(([x, y]) => ir.modulo(x, y)),
        fc.tuple(e, e).map(([x, y]) => ir.min(x, y)),
        fc.tuple(e, e).map(([x, y]) => ir.max(x, y)),
        e.map(ir.neg),
        e.map(ir.abs),
        fc.tuple(e, e, e).map(([c, x, y]) => ir.select(ir.lt(c, ir.cInt(0)), x, y)),
      ),
    };
  }).e;
  /** a value of a variable within its documented bounds, often at an end */
  const value = (name: string) => {
    const r = varRange(name);
    return fc.oneof(fc.constantFrom(r.lo, r.hi, r.hi - 1), fc.integer({ min: r.lo, max: r.hi }));
  };

  test("every wrapped value lies in Ranges.of", () => {
    fc.assert(
      fc.property(arbInt, value("q"), value("kv"), value("h"), value("Q_LEN"), value("KV_LEN"), (n, qv, kvv, hv, Q, KV) => {
        const ranges = new Ranges();
        const x = evalNode(n, { vars: { q: qv, kv: kvv, h: hv, Q_LEN: Q, KV_LEN: KV }, tensors: {} }) as number;
        const r = ranges.of(n);
        if (x < r.lo || x > r.hi) throw new Error(`${printNode(n)} = ${x} outside [${r.lo}, ${r.hi}]`);
      }),
      { numRuns: 3000 },
    );
  });
});
