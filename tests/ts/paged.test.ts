/**
 * A paged KV cache (docs/language.md § 10; issue #13): k and v as pages [NUM_PAGES, H_KV, PAGE, *]
 * and a page table [B, KV_LEN / PAGE]. The TypeScript kernel on pages equals, bit for bit, the
 * kernel on the dense k and v the table describes (gathered here), and the float64 oracle of those;
 * with per-row lengths, permuted pages, pages shared between rows (a common prefix) and garbage ids
 * in pages no row reads. A page id a row reads that is not a page of k is E0413, never a read
 * outside k; `attnc run` takes page_table.npy.
 */
import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy, parseNpy } from "../../cli/npy.js";
import { oracle } from "../oracle/oracle.js";
import { compareToOracle } from "../oracle/compare.js";
import { genProgram } from "../arbitraries/program.js";
import { genData, shapeArb, tileArb } from "../arbitraries/data.js";
import { Rng } from "../arbitraries/rng.js";
import { paginate } from "../arbitraries/pages.js";
import type { Sizes } from "../../compiler/ir/program.js";
import type { TilePlan } from "../../compiler/plan/kernel-plan.js";
import { cli, tmp } from "../cli/helpers.js";
import { kernelErrorCode, tsKernel } from "../helpers.js";

const RUNS = Number(process.env.ATTNC_PROPERTY_RUNS ?? 120);

const kernel = (source: string, tile?: Partial<TilePlan>) => tsKernel(source, "pg.attn", { tile });

const code = kernelErrorCode;

describe("paged KV cache", () => {
  it("pages give the dense kernel's outputs bit for bit, and the oracle's: random programs, pages, lengths", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), shapeArb, tileArb, fc.constantFrom(1, 2, 3, 8, 16), async (seed, shape0, tile, size) => {
        const s: Sizes = { ...shape0, KV_LEN: Math.ceil(shape0.KV_LEN / size) * size };
        const prog = genProgram(seed);
        const data = genData(seed, s, prog.tensors, 1);
        const rng = new Rng(seed ^ 0x9a9e);
        const kvLens = rng.chance(0.5) ? Int32Array.from({ length: s.B }, () => rng.int(0, s.KV_LEN)) : undefined;
        const pg = paginate(rng, s, size, data.k as Float32Array, data.v as Float32Array, kvLens);
        const { ir, mod } = await kernel(prog.source, tile);
        let dense;
        try {
          dense = mod.forward(data.q, pg.dense.k, pg.dense.v, data.tensors, s, { kvLens });
        } catch (e) {
          if ((e as { code?: string }).code === "E0407") return; // a read out of bounds: no defined result
          throw e;
        }
        const got = mod.forward(data.q, pg.k, pg.v, data.tensors, s, { kvLens, pageTable: pg.table, pageSize: size });
        const where = `${prog.source}\nshape ${JSON.stringify(s)} page ${size} table ${[...pg.table]} lens ${kvLens && [...kvLens]}`;
        expect([...got.o], where).toEqual([...dense.o]);
        if (dense.lse) expect([...got.lse!], where).toEqual([...dense.lse]);
        const e = compareToOracle(oracle(ir, { ...data, k: pg.dense.k, v: pg.dense.v }, s, undefined, false, { kv: kvLens }), got.o, got.lse);
        expect(e.maxRelO, `${where}: ${e.worst}`).toBeLessThanOrEqual(1e-5);
        expect(e.maxRelLse, `${where}: ${e.worst}`).toBeLessThanOrEqual(1e-5);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 60_000 + RUNS * 2_000);

  it("a page id a row reads must be a page of k (E0413); ids past kv_len are never read; shapes are E0404", async () => {
    const { mod } = await kernel("attention decode {\n  mask kv <= q + (KV_LEN - Q_LEN)\n}");
    const s: Sizes = { B: 2, H: 2, H_KV: 1, Q_LEN: 1, KV_LEN: 8, D: 2, DV: 2 };
    const q = new Float32Array(8), k = new Float32Array(3 * 4 * 2), v = new Float32Array(3 * 4 * 2); // 3 pages of 4
    const opts = (table: number[], kvLens?: number[]) => ({ pageTable: Int32Array.from(table), pageSize: 4, ...(kvLens ? { kvLens: Int32Array.from(kvLens) } : {}) });
    expect(code(() => mod.forward(q, k, v, {}, s, opts([0, 1, 2, 0])))).toBe("none");
    expect(code(() => mod.forward(q, k, v, {}, s, opts([0, 3, 2, 0])))).toBe("E0413");
    expect(code(() => mod.forward(q, k, v, {}, s, opts([0, -1, 2, 0])))).toBe("E0413");
    expect(code(() => mod.forward(q, k, v, {}, s, opts([0, -1, 2, 99], [4, 3])))).toBe("none"); // unread pages
    expect(code(() => mod.forward(q, k, v, {}, s, opts([0, 1, 2])))).toBe("E0404"); // table of 3 for B x 2
    expect(code(() => mod.forward(q, k, v.subarray(1), {}, s, opts([0, 1, 2, 0])))).toBe("E0404");
    expect(code(() => mod.forward(q, k, v, {}, { ...s, KV_LEN: 6 }, opts([0, 1, 2, 0])))).toBe("E0404"); // 4 does not divide 6
  });
});

describe("attnc run with page_table.npy", () => {
  const src = "attention decode {\n  mask kv <= q + (KV_LEN - Q_LEN)\n}\n";
  function folder(table: number[][], kvLens?: number[]) {
    const dir = tmp();
    const rng = new Rng(4);
    const r = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    // B 2, H 2, H_KV 1, Q_LEN 1, D 4; 3 pages of 4 keys
    writeFileSync(join(dir, "q.npy"), encodeNpy(r(2 * 2 * 1 * 4), [2, 2, 1, 4]));
    writeFileSync(join(dir, "k.npy"), encodeNpy(r(3 * 1 * 4 * 4), [3, 1, 4, 4]));
    writeFileSync(join(dir, "v.npy"), encodeNpy(r(3 * 1 * 4 * 4), [3, 1, 4, 4]));
    writeFileSync(join(dir, "page_table.npy"), encodeNpy(Int32Array.from(table.flat()), [table.length, table[0]!.length]));
    if (kvLens) writeFileSync(join(dir, "kv_lens.npy"), encodeNpy(Int32Array.from(kvLens), [kvLens.length]));
    writeFileSync(join(dir, "p.attn"), src);
    return dir;
  }

  it("runs on pages: KV_LEN is the table's columns times the page size", async () => {
    const dir = folder([[2, 0], [1, 1]], [7, 4]);
    const out = join(dir, "out");
    const r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", out);
    expect(r.code, r.err).toBe(0);
    const o = parseNpy(readFileSync(join(out, "o.npy")), "o.npy");
    expect(o.shape).toEqual([2, 2, 1, 4]);
    // row 1 (kv_len 4) reads page 1 only: its output is the softmax over page 1's 4 keys
    const k = parseNpy(readFileSync(join(dir, "k.npy")), "k.npy").data as Float32Array;
    expect(Number.isFinite((o.data as Float32Array)[8]!)).toBe(true);
    expect(k.length).toBe(48);
  });

  it("E0413 for a page that is not in k.npy, E0404 for a table of the wrong shape; the cuda target takes pages", async () => {
    let dir = folder([[2, 3], [1, 1]]);
    let r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0413.*row 0, page 1 is 3, not a page of k\.npy \(NUM_PAGES = 3\)/);
    dir = folder([[2, 0, 1]]);
    r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0404.*page_table\.npy must hold integers of shape \(B, MAX_PAGES\) with B = 2/);
    // the cuda target takes pages too (tests/cuda/run.test.ts): here, without a GPU, it stops only for that
    dir = folder([[2, 0], [1, 1]]);
    r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", join(dir, "out"), "--target", "cuda");
    if (r.code !== 0) expect(r.err).toMatch(/E0409.*the cuda target cannot run here/);
  });
});
