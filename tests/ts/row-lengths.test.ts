/**
 * Per-row lengths (docs/language.md § 10; issue #13): `qLens[b]`, `kvLens[b]` make batch row b a
 * problem of its own lengths inside tensors padded to Q_LEN, KV_LEN.
 * - The oracle's definition is checked against slicing: for programs without tensors, row b of the
 *   padded oracle equals the oracle of row b's sliced q, k, v (B = 1, its own lengths), padded
 *   rows are o = 0, lse = -inf.
 * - The TypeScript kernel (forward and backward, several tile plans) equals the oracle with the
 *   same lengths on random programs (tensors included), lengths 0, 1, the padded length and
 *   anything between.
 * - `attnc run` reads q_lens.npy / kv_lens.npy; out-of-range lengths are E0412, a wrong shape
 *   E0404, an input named like the files E0411.
 */
import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy, parseNpy } from "../../cli/npy.js";
import { lowerSource } from "../../compiler/pipeline.js";
import { oracle } from "../oracle/oracle.js";
import { oracleBackward } from "../oracle/backward.js";
import { compareToOracle } from "../oracle/compare.js";
import { gradError } from "../oracle/compare-grad.js";
import { genProgram } from "../arbitraries/program.js";
import { genData, magnitudeArb, shapeArb, tileArb } from "../arbitraries/data.js";
import { genLens, shownLens as shown } from "../arbitraries/lengths.js";
import { Rng } from "../arbitraries/rng.js";
import type { Sizes } from "../../compiler/ir/program.js";
import type { TilePlan } from "../../compiler/plan/kernel-plan.js";
import type { Data } from "../arbitraries/data.js";
import { cli, tmp } from "../cli/helpers.js";
import { kernelErrorCode, tsKernel } from "../helpers.js";

const RUNS = Number(process.env.ATTNC_PROPERTY_RUNS ?? 120);

/** Rows [b] of a [B, heads, len, width] tensor, the first `keep` of `len` positions */
function slice(x: ArrayLike<number>, b: number, heads: number, len: number, width: number, keep: number): Float32Array {
  const out = new Float32Array(heads * keep * width);
  for (let h = 0; h < heads; h++)
    for (let i = 0; i < keep; i++)
      for (let c = 0; c < width; c++) out[(h * keep + i) * width + c] = x[((b * heads + h) * len + i) * width + c]!;
  return out;
}

const kernel = (source: string, tile?: Partial<TilePlan>, backward = false) => tsKernel(source, "rl.attn", { tile, backward });

describe("per-row lengths", () => {
  it("the oracle with lengths is the oracle of each batch row sliced to its lengths", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), shapeArb, (seed, shape) => {
        const prog = genProgram(seed);
        // a tensor's padded layout does not slice row by row, and a sliced row is b = 0 of B = 1
        if (prog.tensors.length > 0 || /\b[bB]\b/.test(prog.source)) return;
        const data = genData(seed, shape, prog.tensors, 1);
        const lens = genLens(seed, shape);
        const [ir] = lowerSource(prog.source, "rl.attn");
        const whole = oracle(ir!, data, shape, undefined, false, lens);
        const { B, H, H_KV, Q_LEN, KV_LEN, D, DV } = shape;
        for (let b = 0; b < B; b++) {
          const ql = lens.q ? lens.q[b]! : Q_LEN;
          const kl = lens.kv ? lens.kv[b]! : KV_LEN;
          // (a row with kv length 0 still exists: a sink makes its lse the sink's value, § 9)
          const one = ql > 0
            ? oracle(ir!, { q: slice(data.q, b, H, Q_LEN, D, ql), k: slice(data.k, b, H_KV, KV_LEN, D, kl), v: slice(data.v, b, H_KV, KV_LEN, DV, kl), tensors: {} }, { ...shape, B: 1, Q_LEN: ql, KV_LEN: kl })
            : null;
          for (let h = 0; h < H; h++)
            for (let i = 0; i < Q_LEN; i++) {
              const row = (b * H + h) * Q_LEN + i;
              const where = `${prog.source}\nlens ${shown(lens)} b ${b} h ${h} q ${i}`;
              if (one === null || i >= ql) {
                if (whole.lse) expect(whole.lse[row], where).toBe(-Infinity);
                for (let c = 0; c < DV; c++) expect(whole.o[row * DV + c], where).toBe(0);
                continue;
              }
              const r1 = h * ql + i;
              if (whole.lse) expect(Object.is(whole.lse[row], one.lse![r1]) || whole.lse[row] === one.lse![r1], where).toBe(true);
              for (let c = 0; c < DV; c++) expect(whole.o[row * DV + c], where).toBe(one.o[r1 * DV + c]);
            }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("the TypeScript forward equals the oracle: random programs, lengths and tile plans", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), shapeArb, tileArb, magnitudeArb, async (seed, shape, tile, mag) => {
        const prog = genProgram(seed);
        const data = genData(seed, shape, prog.tensors, mag);
        const lens = genLens(seed, shape);
        const { ir, mod } = await kernel(prog.source, tile);
        let ref;
        try {
          ref = oracle(ir, data, shape, undefined, false, lens);
        } catch {
          return; // a read out of bounds in the oracle too (E0407 in the kernel): no defined result
        }
        let got;
        try {
          got = mod.forward(data.q, data.k, data.v, data.tensors, shape, { qLens: lens.q, kvLens: lens.kv });
        } catch (e) {
          if ((e as { code?: string }).code === "E0407") return; // as documented: a read out of bounds
          throw e;
        }
        const e = compareToOracle(ref, got.o, got.lse);
        const where = `${prog.source}\nshape ${JSON.stringify(shape)} tile ${JSON.stringify(tile)} lens ${shown(lens)}: ${e.worst}`;
        expect(e.maxRelO, where).toBeLessThanOrEqual(1e-5);
        expect(e.maxRelLse, where).toBeLessThanOrEqual(1e-5);
      }),
      { numRuns: RUNS },
    );
  }, 60_000 + RUNS * 2_000);

  it("the TypeScript backward equals the backward oracle with lengths; padded entries get 0", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), shapeArb, tileArb, async (seed, shape, tile) => {
        const prog = genProgram(seed);
        const data = genData(seed, shape, prog.tensors, 1);
        const lens = genLens(seed, shape);
        const { ir, mod } = await kernel(prog.source, tile, true);
        const opts = { qLens: lens.q, kvLens: lens.kv };
        let got;
        const rng = new Rng(seed);
        const dO = Float32Array.from({ length: shape.B * shape.H * shape.Q_LEN * shape.DV }, () => rng.normal());
        try {
          got = mod.backward!(data.q, data.k, data.v, dO, data.tensors, shape, opts);
        } catch (e) {
          if ((e as { code?: string }).code === "E0407") return;
          throw e;
        }
        const ref = oracleBackward(ir, data, dO, shape, undefined, lens);
        const e = gradError(ref, got);
        expect(e.worst, `${prog.source}\nshape ${JSON.stringify(shape)} lens ${shown(lens)}\n${e.report}`).toBeLessThanOrEqual(1e-4);
        // entries past a row's lengths get exactly nothing
        const { B, H, H_KV, Q_LEN, KV_LEN, D } = shape;
        for (let b = 0; b < B; b++) {
          const ql = lens.q ? lens.q[b]! : Q_LEN;
          const kl = lens.kv ? lens.kv[b]! : KV_LEN;
          for (let h = 0; h < H; h++) for (let i = ql; i < Q_LEN; i++) for (let d = 0; d < D; d++) expect(got.dq[((b * H + h) * Q_LEN + i) * D + d]).toBe(0);
          for (let h = 0; h < H_KV; h++) for (let j = kl; j < KV_LEN; j++) for (let d = 0; d < D; d++) expect(got.dk[((b * H_KV + h) * KV_LEN + j) * D + d]).toBe(0);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }, 60_000 + RUNS * 2_000);

  it("the kernel refuses lengths out of range (E0412) and of the wrong count (E0404)", async () => {
    const { mod } = await kernel("attention a {\n  mask kv <= q + (KV_LEN - Q_LEN)\n}");
    const s: Sizes = { B: 2, H: 1, H_KV: 1, Q_LEN: 3, KV_LEN: 5, D: 2, DV: 2 };
    const q = new Float32Array(12), k = new Float32Array(20), v = new Float32Array(20);
    const code = kernelErrorCode;
    expect(code(() => mod.forward(q, k, v, {}, s, { kvLens: Int32Array.of(5, 6) }))).toBe("E0412");
    expect(code(() => mod.forward(q, k, v, {}, s, { qLens: Int32Array.of(-1, 0) }))).toBe("E0412");
    expect(code(() => mod.forward(q, k, v, {}, s, { qLens: Int32Array.of(1) }))).toBe("E0404");
    expect(code(() => mod.forward(q, k, v, {}, s, { qLens: Int32Array.of(0, 3), kvLens: Int32Array.of(5, 0) }))).toBe("none");
  });

  it("bottom-right causal decodes per row: the last query of each row sees exactly its kv_len keys", async () => {
    const { ir, mod } = await kernel("attention decode {\n  mask kv <= q + (KV_LEN - Q_LEN)\n}");
    const s: Sizes = { B: 3, H: 4, H_KV: 2, Q_LEN: 2, KV_LEN: 40, D: 8, DV: 8 };
    const rng = new Rng(3);
    const r = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const data: Data = { q: r(3 * 4 * 2 * 8), k: r(3 * 2 * 40 * 8), v: r(3 * 2 * 40 * 8), tensors: {} };
    const lens = { q: Int32Array.of(1, 2, 0), kv: Int32Array.of(17, 40, 5) };
    const got = mod.forward(data.q, data.k, data.v, {}, s, { qLens: lens.q, kvLens: lens.kv });
    const e = compareToOracle(oracle(ir, data, s, undefined, false, lens), got.o, got.lse);
    expect(e.maxRelO).toBeLessThanOrEqual(1e-5);
    // row 0 (q_len 1, kv_len 17): its one query is the newest token and sees keys 0..16; a key past
    // kv_len changed to NaN changes nothing
    const k2 = data.k.slice();
    k2[((0 * 2 + 0) * 40 + 17) * 8] = Number.NaN;
    const again = mod.forward(data.q, k2, data.v, {}, s, { qLens: lens.q, kvLens: lens.kv });
    expect([...again.o]).toEqual([...got.o]);
    expect(got.lse![(0 * 4 + 0) * 2 + 1]).toBe(-Infinity); // past q_len
    expect(got.lse![(2 * 4 + 3) * 2 + 0]).toBe(-Infinity); // q_len 0
  });
});

describe("attnc run with q_lens.npy / kv_lens.npy", () => {
  const src = "attention decode {\n  mask kv <= q + (KV_LEN - Q_LEN)\n}\n";
  const s = { B: 2, H: 2, H_KV: 1, Q_LEN: 3, KV_LEN: 9, D: 4 };
  function folder(lens: Record<string, ArrayLike<number>>, source = src) {
    const dir = tmp();
    const rng = new Rng(8);
    const r = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    writeFileSync(join(dir, "q.npy"), encodeNpy(r(s.B * s.H * s.Q_LEN * s.D), [s.B, s.H, s.Q_LEN, s.D]));
    writeFileSync(join(dir, "k.npy"), encodeNpy(r(s.B * s.H_KV * s.KV_LEN * s.D), [s.B, s.H_KV, s.KV_LEN, s.D]));
    writeFileSync(join(dir, "v.npy"), encodeNpy(r(s.B * s.H_KV * s.KV_LEN * s.D), [s.B, s.H_KV, s.KV_LEN, s.D]));
    for (const [name, x] of Object.entries(lens)) writeFileSync(join(dir, `${name}.npy`), encodeNpy(Int32Array.from(x), [x.length]));
    writeFileSync(join(dir, "p.attn"), source);
    return dir;
  }

  it("reads the lengths and writes o = 0, lse = -inf past them", async () => {
    const dir = folder({ q_lens: [1, 3], kv_lens: [4, 9] });
    const out = join(dir, "out");
    const r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", out);
    expect(r.code, r.err).toBe(0);
    const lse = parseNpy(readFileSync(join(out, "lse.npy")), "lse.npy").data as Float32Array;
    expect(lse[1]).toBe(-Infinity); // b 0, h 0, q 1 >= q_len 1
    expect(Number.isFinite(lse[0]!)).toBe(true);
    expect(lse.slice(6).every(Number.isFinite)).toBe(true); // b 1: every row
  });

  it("E0412 for a length out of range, E0404 for a wrong shape, E0411 for an input named q_lens", async () => {
    let dir = folder({ kv_lens: [4, 10] });
    let r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0412.*kv_lens\.npy: row 1 has length 10, outside \[0, KV_LEN = 9\]/);
    dir = folder({ q_lens: [1, 1, 1] });
    r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0404.*q_lens\.npy must hold integers of shape \(B,\) = \(2,\)/);
    dir = folder({}, "attention a {\n  input q_lens: i32[B]\n  mask q < q_lens[b]\n}\n");
    r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0411.*input `q_lens`/);
  });
});
