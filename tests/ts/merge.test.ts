/**
 * Merging partial results (backends/ts/merge.ts, `attnc merge`; issue #13): the TypeScript kernel run
 * on K disjoint key sets of a program (the program with `mask kv % K == r`, or with key ranges),
 * merged, equals the float64 oracle of the whole program within 1e-5 (compare.ts), NaN rows and rows
 * with nothing visible included; `attnc merge` on `attnc run` folders does the same and rejects
 * partials of different shapes. A program's sink joins the first partial only (language.md § 9,
 * "Sinks": each partial with it would count it again).
 */
import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lowerSource } from "../../compiler/pipeline.js";
import { mergePartials, runTs } from "../../index.js";
import { encodeNpy, parseNpy } from "../../cli/npy.js";
import { genProgram } from "../arbitraries/program.js";
import { genData, magnitudeArb, shapeArb } from "../arbitraries/data.js";
import { oracle } from "../oracle/oracle.js";
import { compareToOracle } from "../oracle/compare.js";
import { EDGE_CASES } from "../oracle/edge-cases.js";
import type { Sizes } from "../../compiler/ir/program.js";
import type { Data } from "../arbitraries/data.js";
import { cli, tmp } from "../cli/helpers.js";

const RUNS = Number(process.env.ATTNC_PROPERTY_RUNS ?? 120);

const run = (source: string, data: Data, sizes: Sizes) => runTs(source, "m.attn", { ...data, sizes });

/**
 * The bound on o's error (relative to its mass, compare.ts): the kernel's 1e-5, plus what the
 * partials' float32 lse costs: each lse_i is rounded by up to 2^-24 |lse_i|, which scales its
 * weight exp(lse_i - lse) by as much, so o moves by up to 2 · 2^-24 · max |lse_i| of its mass
 * (FlashAttention's split-KV merge has the same limit). lse itself stays within 1e-5.
 */
function oBound(parts: { lse: Float32Array | null }[]): number {
  let most = 0;
  for (const p of parts) for (const x of p.lse!) if (Number.isFinite(x)) most = Math.max(most, Math.abs(x));
  return 1e-5 + 2 * 2 ** -24 * most;
}

/** the program with one more mask line (the key set of a partial), and without its sink unless `sink` */
const restricted = (source: string, mask: string, sink = true) =>
  (sink ? source : source.replace(/^\s*sink .*$/m, "")).replace(/\}\s*$/, `  mask ${mask}\n}\n`);

async function mergedVsOracle(source: string, data: Data, sizes: Sizes, masks: string[]) {
  const [ir] = lowerSource(source, "m.attn");
  const parts = [];
  for (const [i, m] of masks.entries()) parts.push(await run(restricted(source, m, i === 0), data, sizes));
  const merged = mergePartials(parts.map((p) => ({ o: p.o, lse: p.lse! })), sizes.B * sizes.H * sizes.Q_LEN, sizes.DV);
  return { ...compareToOracle(oracle(ir!, data, sizes), merged.o, merged.lse), bound: oBound(parts) };
}


describe("merging partial results over disjoint key sets", () => {
  it("random softmax programs split K ways (kv % K, and key ranges) merge to the whole", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), shapeArb, magnitudeArb, fc.integer({ min: 1, max: 4 }), async (seed, shape, mag, K) => {
        const prog = genProgram(seed);
        if (/normalize (sigmoid|none)/.test(prog.source)) return; // merging is for softmax (lse)
        const data = genData(seed, shape, prog.tensors, mag);
        const [ir] = lowerSource(prog.source, "m.attn");
        const whole = oracle(ir!, data, shape);
        const cut = Math.floor(shape.KV_LEN / 2);
        for (const masks of [Array.from({ length: K }, (_, r) => `kv % ${K} == ${r}`), [`kv < ${cut}`, `kv >= ${cut}`]]) {
          const parts = [];
          for (const [i, m] of masks.entries()) parts.push(await run(restricted(prog.source, m, i === 0), data, shape));
          const merged = mergePartials(parts.map((p) => ({ o: p.o, lse: p.lse! })), shape.B * shape.H * shape.Q_LEN, shape.DV);
          const e = compareToOracle(whole, merged.o, merged.lse);
          const where = `${prog.source}\nsplit ${masks.join(" | ")} shape ${JSON.stringify(shape)} magnitude ${mag}: ${e.worst}`;
          expect(e.maxRelO, where).toBeLessThanOrEqual(oBound(parts));
          expect(e.maxRelLse, where).toBeLessThanOrEqual(1e-5);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }, 60_000 + RUNS * 3_000);

  for (const id of ["nan-score", "inf-at-key0", "nan-q", "masked-nan-k", "large-v", "wrap-diff", "sink-special"]) {
    it(`edge case ${id}: NaN rows, empty rows and large values survive the merge`, async () => {
      const c = EDGE_CASES.find((x) => x.id === id)!;
      const sizes = { ...c.shape, D: 16, DV: 8 };
      const e = await mergedVsOracle(c.source, c.make(sizes), sizes, ["kv % 3 == 0", "kv % 3 == 1", "kv % 3 == 2"]);
      expect(e.maxRelO, e.worst).toBeLessThanOrEqual(e.bound);
      expect(e.maxRelLse, e.worst).toBeLessThanOrEqual(1e-5);
    });
  }

  it("the rules of special values, directly", () => {
    const nan = Number.NaN;
    const parts = [
      { o: [1, 2, 0, 0, 5, 6, 7, 8], lse: [0, -Infinity, nan, Math.log(3)] },
      { o: [3, 4, 0, 0, 9, 9, 1, 2], lse: [0, -Infinity, 2, Math.log(1)] },
    ];
    const m = mergePartials(parts, 4, 2);
    expect(Array.from(m.o)).toEqual([2, 3, 0, 0, nan, nan, (3 * 7 + 1) / 4, (3 * 8 + 2) / 4].map(Math.fround));
    expect(Array.from(m.lse)).toEqual([Math.log(2), -Infinity, nan, Math.log(4)].map(Math.fround));
    expect(() => mergePartials([], 1, 1)).toThrow(/at least one/);
    expect(() => mergePartials([{ o: [1], lse: [0, 0] }], 1, 1)).toThrow(/partial 0/);
  });
});

describe("attnc merge", () => {
  it("merges `attnc run` folders into the whole run's result; different shapes are E0404", async () => {
    const dir = tmp();
    const sizes = { B: 1, H: 2, H_KV: 1, Q_LEN: 9, KV_LEN: 13, D: 4, DV: 3 };
    const f = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(k * i + 1));
    const q = f(72, 1), k = f(52, 2), v = f(39, 3);
    writeFileSync(join(dir, "q.npy"), encodeNpy(q, [1, 2, 9, 4]));
    writeFileSync(join(dir, "k.npy"), encodeNpy(k, [1, 1, 13, 4]));
    writeFileSync(join(dir, "v.npy"), encodeNpy(v, [1, 1, 13, 3]));
    const progs = { whole: "attention a { mask q + 4 >= kv }", even: "attention a { mask q + 4 >= kv && kv % 2 == 0 }", odd: "attention a { mask q + 4 >= kv && kv % 2 == 1 }" };
    for (const [n, src] of Object.entries(progs)) {
      writeFileSync(join(dir, `${n}.attn`), src);
      expect((await cli("run", join(dir, `${n}.attn`), "--inputs", dir, "--out", join(dir, n))).code).toBe(0);
    }
    const r = await cli("merge", join(dir, "even"), join(dir, "odd"), "--out", join(dir, "merged"));
    expect(r.code, r.err).toBe(0);
    const read = (d: string, f: string) => Array.from(parseNpy(readFileSync(join(dir, d, f)), f).data);
    const [ir] = lowerSource(progs.whole, "w.attn");
    const ref = oracle(ir!, { q, k, v, tensors: {} }, sizes);
    const e = compareToOracle(ref, read("merged", "o.npy"), read("merged", "lse.npy"));
    expect(e.maxRelO).toBeLessThanOrEqual(1e-5);
    expect(e.maxRelLse).toBeLessThanOrEqual(1e-5);
    writeFileSync(join(dir, "odd", "o.npy"), encodeNpy(new Float32Array(2 * 9), [1, 2, 9]));
    const bad = await cli("merge", join(dir, "even"), join(dir, "odd"), "--out", join(dir, "bad"));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/E0404.*odd: o\.npy has shape \(1, 2, 9\)/);
    expect((await cli("merge", "--out", join(dir, "x"))).code).toBe(2);
  });
});
