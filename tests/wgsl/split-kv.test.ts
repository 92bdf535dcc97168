/**
 * Split-KV on WGSL (issue #13, decode): the forward splits the key tiles over S workgroups per query
 * tile, each writing partial o and lse, merged by their lse (merge.ts's pass). Checked against the
 * float64 oracle and against the unsplit kernel, with S forced (2, 3, 7: splits that hold no visible
 * key, splits past a batch row's kv_len, a ragged last split) on decode-style programs (bottom-right
 * causal with per-row lengths, GQA), a sliding window (most splits empty), a document mask with a
 * run-time fact, a tensor read, a paged KV cache, a sink (joined by one split only; a row with
 * kv_len 0 keeps it) and the numeric edge cases (NaN rows, v = 3e38, special sinks);
 * and the plan the kernel picks by itself: split for a decode call over long keys, none for prefill.
 */
import { describe, expect, it } from "vitest";
import { runWgsl } from "../../backends/wgsl/run.js";
import { createKernelWith, kvSplitsFor } from "../../backends/wgsl/host-runtime.js";
import { specOf } from "../../backends/wgsl/spec.js";
import { mergePass } from "../../backends/wgsl/merge.js";
import { compileWgsl } from "../../backends/wgsl/index.js";
import { EDGE_CASES } from "../oracle/edge-cases.js";
import { genData } from "../arbitraries/data.js";
import { paginate } from "../arbitraries/pages.js";
import { Rng } from "../arbitraries/rng.js";
import { check, gpuRead, gpuUpload, irOf, planOf, TOL, useDawn } from "./helpers.js";
import type { RunData } from "../../backends/index.js";
import type { Sizes } from "../../compiler/ir/program.js";

const dawn = useDawn();
const TILE = { blockQ: 8, blockKV: 8, extra: { keysPerStep: 2 } };

/** o and lse with `splits` forced, against the oracle and (bit for bit where it can be) against S = 1 */
async function splitVsOracle(src: string, data: RunData, splits: number[]) {
  const ir = irOf(src);
  const plan = planOf(ir, TILE);
  const one = await runWgsl(plan, data, { gpu: dawn.gpu, kvSplits: 1 });
  for (const kvSplits of splits) {
    const out = await runWgsl(plan, data, { gpu: dawn.gpu, kvSplits });
    expect(out.note).toMatch(new RegExp(`keys split ${kvSplits} ways`));
    const e = check(ir, data, out.o, out.lse);
    expect(e.maxRelO, `${src} S=${kvSplits}: ${e.worst}`).toBeLessThanOrEqual(TOL);
    expect(e.maxRelLse, `${src} S=${kvSplits}: ${e.worst}`).toBeLessThanOrEqual(TOL);
    // the same special values as the unsplit kernel (NaN rows, empty rows' o = 0 and lse = -inf)
    out.lse!.forEach((x, i) => {
      if (!Number.isFinite(one.lse![i]!)) expect(x, `lse[${i}]`).toBe(one.lse![i]);
    });
  }
}

describe("wgsl split-KV", () => {
  it("decode: bottom-right causal, per-row lengths, GQA; a tensor read; a sliding window", async () => {
    const s: Sizes = { B: 3, H: 4, H_KV: 2, Q_LEN: 2, KV_LEN: 150, D: 8, DV: 12 };
    const data: RunData = { ...genData(3, s, [{ name: "slopes", dtype: "f32", dims: ["H"] }], 1), sizes: s };
    data.lens = { q: Int32Array.of(2, 1, 2), kv: Int32Array.of(150, 37, 0) };
    await splitVsOracle("attention a {\n  input slopes: f32[H]\n  mask q + KV_LEN - Q_LEN >= kv\n  score s - slopes[h] * float(q - kv)\n}", data, [2, 3, 7]);
    await splitVsOracle("attention w {\n  mask q + KV_LEN - Q_LEN >= kv && q + KV_LEN - Q_LEN - kv < 20\n}", data, [3, 7]);
    // gpt-oss: the sink joins the softmax once (in split 0's partial), also in row 2 with kv_len 0
    await splitVsOracle("attention g {\n  input slopes: f32[H]\n  mask q + KV_LEN - Q_LEN >= kv && q + KV_LEN - Q_LEN - kv < 20\n  sink 4.0 * slopes[h]\n}", data, [2, 3, 7]);
  }, 120_000);

  it("a document mask with its run-time fact; a paged KV cache", async () => {
    const s: Sizes = { B: 2, H: 2, H_KV: 1, Q_LEN: 5, KV_LEN: 96, D: 8, DV: 8 };
    const data: RunData = { ...genData(4, s, [], 1), sizes: s };
    data.tensors.doc = Int32Array.from({ length: 2 * 96 }, (_, i) => Math.floor((i % 96) / 40));
    await splitVsOracle("attention d {\n  input doc: i32[B, KV_LEN]\n  mask doc[b, min(q + 91, KV_LEN - 1)] == doc[b, kv] && kv <= q + 91\n}", data, [2, 5]);
    // paged: the same o and lse as the dense layout of the same keys, split 4 ways
    const kvLens = Int32Array.of(96, 50);
    const pg = paginate(new Rng(6), s, 16, data.k, data.v, kvLens);
    const ir = irOf("attention p {\n  mask q + KV_LEN - Q_LEN >= kv\n}");
    const dense = await runWgsl(planOf(ir, TILE), { ...data, k: pg.dense.k, v: pg.dense.v, lens: { kv: kvLens } }, { gpu: dawn.gpu, kvSplits: 4 });
    const out = await runWgsl(planOf(ir, TILE), { ...data, k: pg.k, v: pg.v, pages: { table: pg.table, size: 16 }, lens: { kv: kvLens } }, { gpu: dawn.gpu, kvSplits: 4 });
    expect(out.o).toEqual(dense.o);
    expect(out.lse).toEqual(dense.lse);
    const e = check(ir, { ...data, k: pg.dense.k, v: pg.dense.v, lens: { kv: kvLens } }, out.o, out.lse);
    expect(e.maxRelO, e.worst).toBeLessThanOrEqual(TOL);
  }, 120_000);

  // NaN rows stay NaN, empty rows o = 0 / lse = -inf, v near float32's maximum does not overflow
  for (const id of ["nan-score", "inf-at-key0", "nan-q", "masked-nan-k", "overflow-v", "div-by-zero", "sink-special"]) {
    it(`edge case ${id}`, async () => {
      const c = EDGE_CASES.find((x) => x.id === id)!;
      const s = { ...c.shape, D: 16, DV: 8 };
      await splitVsOracle(c.source, { ...c.make(s), sizes: s }, [3]);
    }, 60_000);
  }

  it("the kernel's own choice: split for a decode call over long keys, not for prefill; sigmoid never", async () => {
    expect(kvSplitsFor(8, 64)).toBe(16);
    expect(kvSplitsFor(8, 20)).toBe(5); // at least 4 key tiles a split
    expect(kvSplitsFor(128, 1000)).toBe(1);
    expect(kvSplitsFor(1, 7)).toBe(1);
    const kernel = await createKernelWith(specOf(planOf(irOf("attention c { mask kv <= q + KV_LEN - Q_LEN }"))), dawn.gpu.device, { headDim: 64 }, { mergePass });
    expect(kernel.kvSplits({ B: 1, H: 8, H_KV: 8, Q_LEN: 1, KV_LEN: 4096, D: 64 })).toBe(16);
    expect(kernel.kvSplits({ B: 4, H: 32, H_KV: 8, Q_LEN: 4096, KV_LEN: 4096, D: 64 })).toBe(1);
    const sig = await createKernelWith(specOf(planOf(irOf("attention g { normalize sigmoid\n score s }"))), dawn.gpu.device, { headDim: 64 }, { mergePass });
    expect(sig.kvSplits({ B: 1, H: 8, H_KV: 8, Q_LEN: 1, KV_LEN: 4096, D: 64 })).toBe(1);
    // a decode run picks it by itself and still matches the oracle
    const s: Sizes = { B: 1, H: 2, H_KV: 1, Q_LEN: 1, KV_LEN: 600, D: 8, DV: 8 };
    const data: RunData = { ...genData(9, s, [], 1), sizes: s };
    const ir = irOf("attention c { mask kv <= q + KV_LEN - Q_LEN }");
    const out = await runWgsl(planOf(ir), data, { gpu: dawn.gpu });
    expect(out.note).toMatch(/keys split \d+ ways/);
    const e = check(ir, data, out.o, out.lse);
    expect(e.maxRelO, e.worst).toBeLessThanOrEqual(TOL);
    expect(e.maxRelLse, e.worst).toBeLessThanOrEqual(TOL);
    // the emitted host module splits alike and writes the same o
    const js = compileWgsl(planOf(ir)).files.find((f) => f.path.endsWith(".js"))!.contents;
    const mod = await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`);
    const { device } = dawn.gpu;
    const modKernel = await mod.createKernel(device, { headDim: 8 });
    expect(modKernel.kvSplits(s)).toBeGreaterThan(1);
    const up = (a: Float32Array) => gpuUpload(device, a);
    const o = up(new Float32Array(2 * 8)), lse = up(new Float32Array(2));
    modKernel.forward({ q: up(data.q), k: up(data.k), v: up(data.v), o, lse }, s);
    expect(await gpuRead(device, o, 16)).toEqual(out.o);
  }, 120_000);

  it("refuses splits it cannot do: not an integer, a sigmoid program", async () => {
    const s: Sizes = { B: 1, H: 1, H_KV: 1, Q_LEN: 3, KV_LEN: 40, D: 8, DV: 8 };
    const data: RunData = { ...genData(5, s, [], 1), sizes: s };
    await expect(runWgsl(planOf(irOf("attention c { mask kv <= q }"), TILE), data, { gpu: dawn.gpu, kvSplits: 1.5 })).rejects.toThrow(/kvSplits must be an integer/);
    await expect(runWgsl(planOf(irOf("attention g { normalize sigmoid\n score s }"), TILE), data, { gpu: dawn.gpu, kvSplits: 2 })).rejects.toThrow(/needs a softmax program/);
  }, 60_000);
});
