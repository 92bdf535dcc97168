/** The error measure (compare.ts) requires non-finite outputs exactly where the oracle has them. */
import { describe, expect, it } from "vitest";
import { compareToOracle } from "./compare.js";
import type { OracleOut } from "./oracle.js";

const ref = (o: number[], lse: number[] | null, mass = o.map(() => 1)): OracleOut => ({
  o: Float64Array.from(o),
  lse: lse && Float64Array.from(lse),
  mass: Float64Array.from(mass),
  keyMass: Float64Array.from(mass),
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

  it("finite values keep the relative measure", () => {
    expect(compareToOracle(ref([3e38], [100], [3e38]), [3.0003e38], [100.1]).maxRelO).toBeCloseTo(1e-4, 8);
    expect(compareToOracle(ref([3e38], [100], [3e38]), [3e38], [100.1]).maxRelLse).toBeCloseTo(1e-3, 8);
  });
});
