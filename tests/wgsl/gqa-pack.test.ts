/**
 * GQA packing on WGSL (issue #13, decode; backends/wgsl/skeleton-packed.ts): a workgroup serves one
 * key/value head and the GROUP query heads sharing it, its rows the pairs (head, query row).
 * - forced on, against the float64 oracle and bit for bit against the unpacked kernel (same tiles,
 *   same order of keys: packing changes which workgroup computes a row, not how), for GQA ratios
 *   1, 2, 4, 8 and every Q_LEN 1..16 (and two larger ones), with per-row lengths (0 and 1 among
 *   them), on decode masks: bottom-right causal, a sliding window, ALiBi's per-head slopes, a
 *   document mask with its run-time fact, a window whose width depends on the head (tile classes
 *   that differ between the heads of one packed tile: the soundness case) and a sigmoid program;
 * - with a paged KV cache (bit for bit the dense call's) and with split-KV (2, 3, 5 splits);
 * - the plan the kernel picks by itself: packed for decode shapes of GQA, not without GQA nor for
 *   prefill; the emitted host module picks alike;
 * - random programs with GQA decode shapes, packed, against the oracle.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runWgsl } from "../../backends/wgsl/run.js";
import { createKernelWith, packGqaFor, type Kernel } from "../../backends/wgsl/host-runtime.js";
import { specOf } from "../../backends/wgsl/spec.js";
import { mergePass } from "../../backends/wgsl/merge.js";
import { compileWgsl } from "../../backends/wgsl/index.js";
import { genData } from "../arbitraries/data.js";
import { genProgram } from "../arbitraries/program.js";
import { paginate } from "../arbitraries/pages.js";
import { Rng } from "../arbitraries/rng.js";
import { check, checkScaled, gpuRead, gpuUpload, irOf, planOf, TOL, useDawn } from "./helpers.js";
import type { RunData } from "../../backends/index.js";
import type { AttnIR, Sizes } from "../../compiler/ir/program.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";

const dawn = useDawn();
const TILE = { blockQ: 16, blockKV: 8, extra: { keysPerStep: 2 } };
// decode: the query rows are the last Q_LEN positions of the row's keys
const END = "q + KV_LEN - Q_LEN";

const PROGRAMS: { name: string; src: string; tensors?: (s: Sizes) => Record<string, Int32Array | Float32Array> }[] = [
  { name: "causal bottom-right", src: `attention c { mask ${END} >= kv }` },
  { name: "sliding window", src: `attention w { mask ${END} >= kv && ${END} - kv < 12 }` },
  {
    name: "alibi (per-head slopes)",
    src: `attention a {\n  input slopes: f32[H]\n  mask ${END} >= kv\n  score s - slopes[h] * float(${END} - kv)\n}`,
    tensors: (s) => ({ slopes: Float32Array.from({ length: s.H }, (_, h) => 2 ** (-(h + 1) / 2)) }),
  },
  {
    name: "document mask (sorted ids: a run-time fact)",
    src: `attention d {\n  input doc: i32[B, KV_LEN]\n  mask doc[b, min(${END}, KV_LEN - 1)] == doc[b, kv] && kv <= ${END}\n}`,
    tensors: (s) => ({ doc: Int32Array.from({ length: s.B * s.KV_LEN }, (_, i) => Math.floor((i % s.KV_LEN) / 13)) }),
  },
  { name: "per-head window (classes differ by head)", src: `attention p { mask ${END} >= kv && ${END} - kv < 3 + 5 * h }` },
  { name: "sigmoid", src: `attention g {\n  normalize sigmoid\n  mask ${END} >= kv\n  score s - 1.0\n}` },
  {
    // gpt-oss: a per-head sink joins each packed row's softmax (its h is the row's, not the tile's first)
    name: "per-head sink (gpt-oss)",
    src: `attention k {\n  input sinks: f32[H]\n  mask ${END} >= kv && ${END} - kv < 12\n  sink sinks[h]\n}`,
    tensors: (s) => ({ sinks: Float32Array.from({ length: s.H }, (_, h) => (h % 3) - 1.5 + 0.25 * h) }),
  },
];

/** per-row lengths with 0 and 1 among them */
function lensFor(rng: Rng, s: Sizes) {
  const pick = (max: number) => Int32Array.from({ length: s.B }, (_, b) => (b === 0 ? Math.min(1, max) : b === 1 ? 0 : rng.int(0, max)));
  return { q: pick(s.Q_LEN), kv: Int32Array.from(pick(s.KV_LEN), (x, b) => (b === 1 ? s.KV_LEN : x)) };
}

/** runs `data` packed and unpacked on one kernel: packed = unpacked bit for bit, and both = the oracle */
async function packedVsUnpacked(ir: AttnIR, plan: KernelPlan, kernel: Kernel | undefined, data: RunData, what: string, kvSplits = 1) {
  const packed = await runWgsl(plan, data, { gpu: dawn.gpu, kernel, packGqa: true, kvSplits });
  expect(packed.note).toMatch(/GQA query heads packed/);
  const flat = await runWgsl(plan, data, { gpu: dawn.gpu, kernel: packed.kernel, packGqa: false, kvSplits });
  expect(flat.note).not.toMatch(/packed/);
  const e = check(ir, data, packed.o, packed.lse);
  expect(e.maxRelO, `${what}: ${e.worst}`).toBeLessThanOrEqual(TOL);
  expect(e.maxRelLse, `${what}: ${e.worst}`).toBeLessThanOrEqual(TOL);
  expect(packed.o, what).toEqual(flat.o);
  expect(packed.lse, what).toEqual(flat.lse);
  return packed.kernel;
}

describe("wgsl: GQA packing", () => {
  for (const p of PROGRAMS) {
    it(`${p.name}: GQA 1, 2, 4, 8, Q_LEN 1..16 (and 20, 37), per-row lengths`, async () => {
      const ir = irOf(p.src);
      const plan = planOf(ir, TILE);
      const rng = new Rng(p.name.length);
      let kernel: Kernel | undefined;
      for (const [gi, group] of [1, 2, 4, 8].entries()) {
        const qLens = [1 + gi, 5 + gi, 9 + gi, 13 + gi, ...(gi === 1 ? [20, 37] : [])];
        for (const Q_LEN of qLens) {
          const s: Sizes = { B: 3, H: 2 * group, H_KV: 2, Q_LEN, KV_LEN: 45, D: 8, DV: 8 };
          const data: RunData = { ...genData(rng.int(0, 1e9), s, [], 1), sizes: s };
          Object.assign(data.tensors, p.tensors?.(s) ?? {});
          if (Q_LEN % 2 === 1) data.lens = lensFor(rng, s);
          kernel = await packedVsUnpacked(ir, plan, kernel, data, `${p.src}\nGQA ${group} Q_LEN ${Q_LEN} lens ${data.lens ? `${data.lens.q} / ${data.lens.kv}` : "none"}`);
        }
      }
    }, 240_000);
  }

  it("a paged KV cache: packed = the dense call bit for bit, = the oracle; with split-KV", async () => {
    const s: Sizes = { B: 3, H: 8, H_KV: 2, Q_LEN: 3, KV_LEN: 64, D: 8, DV: 8 };
    const ir = irOf(`attention a {\n  input slopes: f32[H]\n  mask ${END} >= kv && ${END} - kv < 40\n  score s - slopes[h] * float(${END} - kv)\n}`);
    const plan = planOf(ir, TILE);
    const data: RunData = { ...genData(11, s, [], 1), sizes: s };
    data.tensors.slopes = Float32Array.from({ length: s.H }, (_, h) => 2 ** -(h + 1));
    const kvLens = Int32Array.of(64, 1, 37);
    const qLens = Int32Array.of(3, 1, 0);
    const pg = paginate(new Rng(7), s, 16, data.k, data.v, kvLens);
    const dense = { ...data, k: pg.dense.k, v: pg.dense.v, lens: { q: qLens, kv: kvLens } };
    let kernel: Kernel | undefined;
    for (const kvSplits of [1, 3]) {
      kernel = await packedVsUnpacked(ir, plan, kernel, dense, `dense, ${kvSplits} splits`, kvSplits);
      const paged = await runWgsl(plan, { ...dense, k: pg.k, v: pg.v, pages: { table: pg.table, size: 16 } }, { gpu: dawn.gpu, kernel, packGqa: true, kvSplits });
      const flat = await runWgsl(plan, dense, { gpu: dawn.gpu, kernel, packGqa: true, kvSplits });
      expect(paged.o).toEqual(flat.o);
      expect(paged.lse).toEqual(flat.lse);
    }
  }, 120_000);

  it("split-KV: 2, 3, 5 splits packed = unpacked with the same splits, = the oracle", async () => {
    for (const src of [`attention c { mask ${END} >= kv }`, `attention w { mask ${END} >= kv && ${END} - kv < 20 }`, `attention p { mask ${END} >= kv && ${END} - kv < 3 + 30 * h }`]) {
      const ir = irOf(src);
      const plan = planOf(ir, TILE);
      let kernel: Kernel | undefined;
      for (const [i, kvSplits] of [2, 3, 5].entries()) {
        const s: Sizes = { B: 2, H: 2 * [2, 4, 8][i]!, H_KV: 2, Q_LEN: [1, 4, 16][i]!, KV_LEN: 150, D: 8, DV: 12 };
        const data: RunData = { ...genData(20 + i, s, [], 1), sizes: s };
        data.lens = { q: Int32Array.of(s.Q_LEN, 1), kv: Int32Array.of(150, 61) };
        kernel = await packedVsUnpacked(ir, plan, kernel, data, `${src} S=${kvSplits} ${JSON.stringify(s)}`, kvSplits);
      }
    }
  }, 180_000);

  it("float16 q, k, v and rows split over two invocations (subgroups), packed = unpacked", async () => {
    expect(dawn.gpu.features).toContain("subgroups");
    const ir = irOf(`attention a {\n  input slopes: f32[H]\n  mask ${END} >= kv && ${END} - kv < 30\n  score s - slopes[h] * float(${END} - kv)\n}`);
    const plan = planOf(ir, TILE);
    const s: Sizes = { B: 2, H: 8, H_KV: 2, Q_LEN: 3, KV_LEN: 50, D: 12, DV: 9 };
    const data: RunData = { ...genData(31, s, [], 1), sizes: s, lens: { q: Int32Array.of(3, 1), kv: Int32Array.of(50, 17) } };
    data.tensors.slopes = Float32Array.from({ length: s.H }, (_, h) => 2 ** -(h + 1));
    for (const opts of [{ split: 2 }, { dtype: "f16" as const }]) {
      const packed = await runWgsl(plan, data, { gpu: dawn.gpu, packGqa: true, ...opts });
      const flat = await runWgsl(plan, data, { gpu: dawn.gpu, kernel: packed.kernel, packGqa: false, ...opts });
      expect(packed.o, JSON.stringify(opts)).toEqual(flat.o);
      expect(packed.lse, JSON.stringify(opts)).toEqual(flat.lse);
      if (opts.split) {
        expect(packed.kernel.tile.split).toBe(2);
        const e = check(ir, data, packed.o, packed.lse);
        expect(e.maxRelO, e.worst).toBeLessThanOrEqual(TOL);
      } else expect(packed.kernel.qkv).not.toBe("f32");
    }
  }, 120_000);

  it("the plan the kernel picks: packed for GQA decode, not without GQA nor for prefill; the module alike", async () => {
    expect(packGqaFor({ H: 32, H_KV: 8, Q_LEN: 1 }, 128)).toBe(true);
    expect(packGqaFor({ H: 32, H_KV: 8, Q_LEN: 16 }, 128)).toBe(true);
    expect(packGqaFor({ H: 32, H_KV: 8, Q_LEN: 17 }, 128)).toBe(false);
    expect(packGqaFor({ H: 8, H_KV: 8, Q_LEN: 1 }, 128)).toBe(false);
    expect(packGqaFor({ H: 32, H_KV: 8, Q_LEN: 0 }, 128)).toBe(false);
    expect(packGqaFor({ H: 4, H_KV: 2, Q_LEN: 3 }, 4)).toBe(false); // 2 tiles either way
    const ir = irOf(`attention c { mask ${END} >= kv }`);
    const kernel = await createKernelWith(specOf(planOf(ir)), dawn.gpu.device, { headDim: 64 }, { mergePass });
    const decode = { B: 1, H: 32, H_KV: 8, Q_LEN: 1, KV_LEN: 4096, D: 64 };
    expect(kernel.packGqa(decode)).toBe(true);
    expect(kernel.packGqa({ ...decode, Q_LEN: 16 })).toBe(true);
    expect(kernel.packGqa({ ...decode, H_KV: 32 })).toBe(false);
    expect(kernel.packGqa({ ...decode, Q_LEN: 4096 })).toBe(false);
    // split-KV counts the packed plan's workgroups: 8 (one per key/value head), so 16 splits, not 4
    expect(kernel.kvSplits(decode)).toBe(16);
    expect(kernel.kvSplits({ ...decode, H_KV: 32 })).toBe(4);
    const off = await createKernelWith(specOf(planOf(ir)), dawn.gpu.device, { headDim: 64, packGqa: false }, { mergePass });
    expect(off.packGqa(decode)).toBe(false);
    // a decode run packs by itself and matches the oracle
    const s: Sizes = { B: 2, H: 8, H_KV: 2, Q_LEN: 2, KV_LEN: 300, D: 8, DV: 8 };
    const data: RunData = { ...genData(3, s, [], 1), sizes: s, lens: { q: Int32Array.of(2, 1), kv: Int32Array.of(300, 123) } };
    const out = await runWgsl(planOf(ir), data, { gpu: dawn.gpu, keysPerStep: 2 });
    expect(out.note).toMatch(/GQA query heads packed/);
    const e = check(ir, data, out.o, out.lse);
    expect(e.maxRelO, e.worst).toBeLessThanOrEqual(TOL);
    expect(e.maxRelLse, e.worst).toBeLessThanOrEqual(TOL);
    // the emitted host module packs alike, refuses a bad option, and writes the same o
    const js = compileWgsl(planOf(ir)).files.find((f) => f.path.endsWith(".js"))!.contents;
    const mod = await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`);
    const { device } = dawn.gpu;
    const modKernel = await mod.createKernel(device, { headDim: 8, keysPerStep: 2 });
    expect(modKernel.packGqa(s)).toBe(true);
    expect(modKernel.packGqa({ ...s, H_KV: 8 })).toBe(false);
    const o = gpuUpload(device, new Float32Array(2 * 8 * 2 * 8)), lse = gpuUpload(device, new Float32Array(2 * 8 * 2));
    const bufs = { q: gpuUpload(device, data.q), k: gpuUpload(device, data.k), v: gpuUpload(device, data.v), o, lse };
    expect(() => modKernel.forward(bufs, s, { packGqa: "yes" })).toThrow(/packGqa must be/);
    modKernel.forward(bufs, s, { qLens: data.lens!.q, kvLens: data.lens!.kv });
    expect(await gpuRead(device, o, 2 * 8 * 2 * 8)).toEqual(out.o);
  }, 120_000);

  it("random programs on GQA decode shapes, packed, match the oracle", async () => {
    const runs = Math.ceil(Number(process.env.ATTNC_WGSL_PROPERTY_RUNS ?? 32) / 4);
    const shape = fc.record({
      B: fc.integer({ min: 1, max: 2 }), H_KV: fc.integer({ min: 1, max: 2 }), group: fc.constantFrom(1, 2, 4, 8),
      Q_LEN: fc.integer({ min: 1, max: 16 }), KV_LEN: fc.integer({ min: 1, max: 80 }), D: fc.integer({ min: 1, max: 16 }),
    }).map(({ group, ...s }) => ({ ...s, H: s.H_KV * group, DV: s.D }));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), shape, fc.constantFrom(4, 16, 32), async (seed, s, blockQ) => {
        const prog = genProgram(seed);
        const ir = irOf(prog.source, "gen.attn");
        const data = { ...genData(seed, s, prog.tensors, 1), sizes: s };
        const out = await runWgsl(planOf(ir, { blockQ, blockKV: 8, extra: { keysPerStep: 2 } }), data, { gpu: dawn.gpu, packGqa: true });
        const e = checkScaled(ir, data, out.o, out.lse);
        const where = `${prog.source}\nshape ${JSON.stringify(s)} blockQ ${blockQ}\nworst: ${e.worst}`;
        expect(e.maxRelO, where).toBeLessThanOrEqual(e.tolO);
        expect(e.maxRelLse, where).toBeLessThanOrEqual(e.tolLse);
      }),
      { numRuns: runs },
    );
  }, 60_000 + 8 * 8_000);
});
