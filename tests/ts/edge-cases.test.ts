/**
 * The TypeScript reference kernel on the numeric edge cases of docs/language.md § 9
 * (tests/oracle/edge-cases.ts): NaN exactly where the float64 oracle has NaN (compare.ts), o = 0
 * and lse = -inf for rows with nothing visible, masked keys (NaN/inf in k, and in v: the reference
 * reads v only under the mask) without effect, and v near float32's maximum without overflow —
 * within 1e-5 of the oracle, under several tile plans.
 */
import { describe, expect, it } from "vitest";
import { EDGE_CASES } from "../oracle/edge-cases.js";
import { oracle } from "../oracle/oracle.js";
import { lowerSource } from "../../compiler/pipeline.js";
import { tsVsOracle } from "../helpers.js";

const TILES = [{ blockQ: 16, blockKV: 32 }, { blockQ: 5, blockKV: 7 }, { blockQ: 64, blockKV: 64 }];

describe("TypeScript backend: numeric edge cases vs the float64 oracle", () => {
  for (const c of EDGE_CASES) {
    it(c.id, async () => {
      const sizes = { ...c.shape, D: 16, DV: 8 };
      const data = c.make(sizes);
      for (const tile of TILES) {
        const r = await tsVsOracle(c.source, `${c.id}.attn`, data, sizes, { tile });
        const where = `${c.id} tile ${JSON.stringify(tile)}: ${r.worst}`;
        expect(r.maxRelO, where).toBeLessThanOrEqual(1e-5);
        expect(r.maxRelLse, where).toBeLessThanOrEqual(1e-5);
      }
    });
  }

  it("the cases test what they say: NaN rows, empty rows and finite rows where expected", () => {
    const rows = (id: string) => {
      const c = EDGE_CASES.find((x) => x.id === id)!;
      const sizes = { ...c.shape, D: 16, DV: 8 };
      const [ir] = lowerSource(c.source, `${id}.attn`);
      const ref = oracle(ir!, c.make(sizes), sizes);
      const n = sizes.B * sizes.H * sizes.Q_LEN;
      const kind = Array.from({ length: n }, (_, r) => {
        const o = ref.o.subarray(r * sizes.DV, (r + 1) * sizes.DV);
        const lse = ref.lse ? ref.lse[r]! : 0;
        if (o.every(Number.isNaN) && (ref.lse === null || Number.isNaN(lse))) return "nan";
        if (o.every((x) => x === 0) && lse === -Infinity) return "empty";
        return o.every(Number.isFinite) && Number.isFinite(lse) ? "finite" : "other";
      });
      return { kind, sizes, ref };
    };
    const count = (k: string[], x: string) => k.filter((y) => y === x).length;
    // nan-score: every row NaN but row 5 (nothing visible) of each head
    expect(count(rows("nan-score").kind, "nan")).toBe(2 * 39);
    expect(count(rows("nan-score").kind, "empty")).toBe(2);
    expect(count(rows("inf-score").kind, "nan")).toBe(80);
    // inf-at-key0: rows 0..15 of every (b, h) NaN, 16..39 finite
    expect(count(rows("inf-at-key0").kind, "nan")).toBe(8 * 16);
    expect(count(rows("inf-at-key0").kind, "finite")).toBe(8 * 24);
    expect(count(rows("softcap-inf").kind, "nan")).toBe(80);
    // sigmoid: rows 0..2 finite (sigmoid(+inf) = 1), 3..39 NaN
    expect(count(rows("sigmoid-inf-nan").kind, "finite")).toBe(6);
    expect(count(rows("sigmoid-inf-nan").kind, "nan")).toBe(74);
    // none: head 0 rows 0..2 finite (key 1's -inf is weight zero), 3..39 NaN; head 1 every row sees key 0 (+inf)
    const none = rows("none-inf-nan");
    expect(count(none.kind.slice(0, 40), "finite")).toBe(3);
    expect(count(none.kind.slice(0, 40), "nan")).toBe(37);
    expect(count(none.kind.slice(40), "other")).toBe(40);
    expect(none.ref.o.subarray(40 * 8).every((x) => Number.isNaN(x) || Math.abs(x) === Infinity)).toBe(true);
    expect(count(rows("nan-q").kind, "nan")).toBe(3);
    expect(count(rows("nan-q").kind, "finite")).toBe(320 - 3);
    const t = rows("nan-tensor").kind;
    expect(count(t, "empty")).toBe(3);
    expect(count(t, "nan")).toBe(40 - 12 + 40 - 30);
    expect(count(rows("masked-nan-k").kind, "finite")).toBeGreaterThanOrEqual(8 * 36);
    expect(count(rows("masked-nan-kv").kind, "finite")).toBeGreaterThanOrEqual(8 * 36);
    // overflow: every output finite and about 3e38
    const ov = rows("overflow-v");
    expect(count(ov.kind, "finite")).toBe(80);
    expect(Math.min(...ov.ref.o)).toBeGreaterThan(2.9e38);
    expect(count(rows("overflow-v-bf16").kind, "finite")).toBe(320);
  });
});
