/** The error measure (compare.ts) requires non-finite outputs exactly where the oracle has them. */
import { describe, expect, it } from "vitest";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { compareToOracle } from "./compare.js";
import { oracle, type OracleOut } from "./oracle.js";

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

  it("0 · inf of an underflowed weight: the oracle's NaN or the exact sum's infinity, nothing else", () => {
    // one row, keys 0..3 with scores 300 kv: key 0's weight exp(-900) underflows to 0 in float64
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

  it("the float32 evaluation of the oracle: every float rounded, so an ill-conditioned score moves by float32's error", () => {
    // the fuzzer's sensitivity (tests/fuzz/numeric.ts) allows 10x this movement: 3.4e38 % float(q) is
    // a - b * floor(a / b), off by up to ulp(3.4e38) = 2^104 in float32 (lavapipe gave -2^103 for q = 11)
    const ir = optimize(lowerSource("attention a { score 3.4e38 % float(q) }", "a.attn")[0]!);
    const sizes = { B: 1, H: 1, H_KV: 1, Q_LEN: 12, KV_LEN: 1, D: 1, DV: 1 };
    const data = { q: new Array(12).fill(1), k: [1], v: [1], tensors: {} };
    const exact = oracle(ir, data, sizes), f32 = oracle(ir, data, sizes, undefined, true);
    expect(Math.abs(exact.lse![11]!)).toBeLessThan(1e24);
    expect(Math.abs(f32.lse![11]! - exact.lse![11]!)).toBeGreaterThan(1e30);
    // a well-conditioned score moves by float32 rounding only
    const ir2 = optimize(lowerSource("attention a { score s * 3.0 + float(q) / 7.0 }", "a.attn")[0]!);
    const e2 = oracle(ir2, data, sizes), f2 = oracle(ir2, data, sizes, undefined, true);
    expect(compareToOracle(e2, f2.o, f2.lse).maxRelLse).toBeLessThan(2e-7);
  });

  it("finite values keep the relative measure", () => {
    expect(compareToOracle(ref([3e38], [100], [3e38]), [3.0003e38], [100.1]).maxRelO).toBeCloseTo(1e-4, 8);
    expect(compareToOracle(ref([3e38], [100], [3e38]), [3e38], [100.1]).maxRelLse).toBeCloseTo(1e-3, 8);
  });
});
