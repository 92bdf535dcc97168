/** The error measure (compare.ts) requires non-finite outputs exactly where the oracle has them. */
import { describe, expect, it } from "vitest";
import { compareToOracle } from "./compare.js";
import type { OracleOut } from "./oracle.js";

const ref = (o: number[], lse: number[] | null, mass = o.map(() => 1)): OracleOut => ({
  o: Float64Array.from(o),
  lse: lse && Float64Array.from(lse),
  mass: Float64Array.from(mass),
  keyMass: Float64Array.from(mass),
  altInf: new Int8Array(o.length),
});

describe("compareToOracle on non-finite values", () => {
  it("NaN matches NaN, and nothing else", () => {
    const r = ref([Number.NaN, 1], [Number.NaN]);
    expect(compareToOracle(r, [Number.NaN, 1], [Number.NaN])).toMatchObject({ maxRelO: 0, maxRelLse: 0 });
    expect(compareToOracle(r, [0, 1], [Number.NaN]).maxRelO).toBe(Infinity); // "masked" is not NaN
    expect(compareToOracle(r, [Number.NaN, 1], [-Infinity]).maxRelLse).toBe(Infinity);
    expect(compareToOracle(ref([2], [0]), [Number.NaN], [0]).maxRelO).toBe(Infinity);
    expect(compareToOracle(ref([2], [0]), [2], [Number.NaN]).maxRelLse).toBe(Infinity);
  });

  it("an infinity matches only the same infinity", () => {
    expect(compareToOracle(ref([Infinity], [-Infinity]), [Infinity], [-Infinity])).toMatchObject({ maxRelO: 0, maxRelLse: 0 });
    expect(compareToOracle(ref([Infinity], null), [-Infinity], null).maxRelO).toBe(Infinity);
    expect(compareToOracle(ref([3e38], null, [3e38]), [Infinity], null).maxRelO).toBe(Infinity);
    expect(compareToOracle(ref([3e38], null, [Infinity]), [1e38], null).maxRelO).toBe(Infinity);
    expect(compareToOracle(ref([0], [-Infinity]), [0], [-3e38]).maxRelLse).toBe(Infinity);
    expect(compareToOracle(ref([0], [1]), [0], [Infinity]).maxRelLse).toBe(Infinity);
  });

  it("0 · inf of an underflowed weight: the oracle's NaN or the exact sum's infinity, nothing else", async () => {
    // one row, keys 0..3 with scores 300 kv: key 0's weight exp(-900) underflows to 0 in float64
    const { lowerSource, optimize } = await import("../../compiler/pipeline.js");
    const { oracle } = await import("./oracle.js");
    const ir = optimize(lowerSource("attention a { score 300.0 * float(kv) }", "a.attn")[0]!);
    const sizes = { B: 1, H: 1, H_KV: 1, Q_LEN: 1, KV_LEN: 4, D: 1, DV: 3 };
    // columns: +inf at the underflowed key; +inf there and -inf at a weighted key; NaN at the underflowed key
    const v = [Infinity, Infinity, Number.NaN, 1, 1, 1, 1, -Infinity, 1, 1, 1, 1];
    const r = oracle(ir, { q: [1], k: [1, 1, 1, 1], v, tensors: {} }, sizes);
    expect(Array.from(r.o).map(Number.isNaN)).toEqual([true, true, true]);
    expect(Array.from(r.altInf)).toEqual([1, 0, 0]);
    expect(compareToOracle(r, [Infinity, Number.NaN, Number.NaN], r.lse).maxRelO).toBe(0);
    expect(compareToOracle(r, [Number.NaN, Number.NaN, Number.NaN], r.lse).maxRelO).toBe(0);
    expect(compareToOracle(r, [-Infinity, Number.NaN, Number.NaN], r.lse).maxRelO).toBe(Infinity);
    expect(compareToOracle(r, [1, Number.NaN, Number.NaN], r.lse).maxRelO).toBe(Infinity);
    expect(compareToOracle(r, [Number.NaN, -Infinity, Number.NaN], r.lse).maxRelO).toBe(Infinity);
    expect(compareToOracle(r, [Number.NaN, Number.NaN, Infinity], r.lse).maxRelO).toBe(Infinity);
  });

  it("finite values keep the relative measure", () => {
    expect(compareToOracle(ref([3e38], [100], [3e38]), [3.0003e38], [100.1]).maxRelO).toBeCloseTo(1e-4, 8);
    expect(compareToOracle(ref([3e38], [100], [3e38]), [3e38], [100.1]).maxRelLse).toBeCloseTo(1e-3, 8);
  });
});
