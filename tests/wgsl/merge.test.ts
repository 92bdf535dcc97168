/**
 * The lse merge on WebGPU (backends/wgsl/merge.ts, `createMerge` of a softmax program's host module;
 * issue #13), on Dawn (lavapipe here):
 * - on random partials with every special value (lse -inf with garbage o, NaN, +inf; all parts
 *   -inf) it gives `mergePartials` (backends/ts/merge.ts, float64) within float32 rounding, NaN and
 *   -inf exactly where it has them;
 * - the WGSL kernel run on K disjoint key sets of a program (`mask kv % K == r`, and two key ranges)
 *   and merged on the GPU equals the float64 oracle of the whole program (the bound of
 *   tests/ts/merge.test.ts with the WGSL kernel's 1e-4), edge cases with NaN rows, empty rows and
 *   v = 3e38 included;
 * - through the emitted module: out may be a partial's own buffers; bad arguments throw before
 *   anything is recorded; sigmoid programs have no createMerge.
 */
import { describe, expect, it } from "vitest";
import { createMergeWith, type Merge } from "../../backends/wgsl/merge.js";
import { compileWgsl } from "../../backends/wgsl/index.js";
import { runWgsl } from "../../backends/wgsl/run.js";
import { mergePartials } from "../../backends/ts/merge.js";
import type { Sizes } from "../../compiler/ir/program.js";
import type { RunData } from "../../backends/index.js";
import { genData } from "../arbitraries/data.js";
import { Rng } from "../arbitraries/rng.js";
import { EDGE_CASES } from "../oracle/edge-cases.js";
import { oracle } from "../oracle/oracle.js";
import { compareToOracle } from "../oracle/compare.js";
import { gpuRead, gpuUpload, irOf, planOf, readExample, TOL, useDawn } from "./helpers.js";

const dawn = useDawn();
const STORAGE = 0x80, COPY_SRC = 0x04, COPY_DST = 0x08, MAP_READ = 0x01;

/** merges host partials on the GPU: uploads them, merges into fresh buffers, reads back */
async function gpuMerge(merge: Merge, parts: { o: Float32Array; lse: Float32Array }[], rows: number, DV: number) {
  const { device } = dawn.gpu;
  const bufs = parts.map((p) => ({ o: gpuUpload(device, p.o), lse: gpuUpload(device, p.lse) }));
  const out = { o: gpuUpload(device, new Float32Array(rows * DV).fill(7)), lse: gpuUpload(device, new Float32Array(rows).fill(7)) };
  merge.merge(bufs, out, { rows, DV });
  const r = { o: await gpuRead(device, out.o, rows * DV), lse: await gpuRead(device, out.lse, rows) };
  for (const b of [...bufs.flatMap((p) => [p.o, p.lse]), out.o, out.lse]) b.destroy();
  return r;
}

/** got vs mergePartials: NaN and ±inf exactly, else within float32 rounding of the row's mass */
function expectClose(got: { o: Float32Array; lse: Float32Array }, want: { o: Float32Array; lse: Float32Array }, parts: { o: Float32Array }[], DV: number, where: string) {
  for (let r = 0; r < want.lse.length; r++) {
    const w = want.lse[r]!, g = got.lse[r]!;
    if (!Number.isFinite(w)) expect(g, `${where} lse[${r}]`).toBe(w);
    else expect(Math.abs(g - w), `${where} lse[${r}] = ${g}, want ${w}`).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(w)));
    let mass = 0;
    for (const p of parts) for (let c = 0; c < DV; c++) if (Number.isFinite(p.o[r * DV + c]!)) mass = Math.max(mass, Math.abs(p.o[r * DV + c]!));
    for (let c = 0; c < DV; c++) {
      const i = r * DV + c;
      if (!Number.isFinite(want.o[i]!)) expect(got.o[i], `${where} o[${i}]`).toBe(want.o[i]);
      else expect(Math.abs(got.o[i]! - want.o[i]!), `${where} o[${i}] = ${got.o[i]}, want ${want.o[i]}`).toBeLessThanOrEqual(1e-6 * mass);
    }
  }
}

describe("wgsl: the lse merge", () => {
  it("random partials with -inf, NaN and +inf lse give mergePartials' result", async () => {
    const merge = await createMergeWith(dawn.gpu.device);
    const rng = new Rng(13);
    for (const [N, rows, DV] of [[1, 5, 3], [2, 40, 8], [3, 17, 5], [5, 70, 1], [9, 33, 16]] as const) {
      const parts = Array.from({ length: N }, () => {
        const lse = Float32Array.from({ length: rows }, () => {
          const pick = rng.int(0, 19);
          return pick === 0 ? Number.NaN : pick === 1 ? Infinity : pick < 6 ? -Infinity : rng.normal() * (rng.chance(0.3) ? 80 : 3);
        });
        // a partial that saw nothing of a row may hold anything in its o (NaN, huge values)
        const o = Float32Array.from({ length: rows * DV }, (_, i) =>
          lse[Math.floor(i / DV)] === -Infinity && rng.chance(0.5) ? (rng.chance(0.5) ? Number.NaN : 3e38) : rng.normal());
        return { o, lse };
      });
      // a row no partial saw, and a row only one partial saw
      for (const p of parts) p.lse[rows - 1] = -Infinity;
      parts.forEach((p, i) => (p.lse[0] = i === N - 1 ? 0.5 : -Infinity));
      const want = mergePartials(parts, rows, DV);
      const got = await gpuMerge(merge, parts, rows, DV);
      expectClose(got, want, parts.map((p) => ({ o: p.o.map((x, i) => (p.lse[Math.floor(i / DV)] === -Infinity ? 0 : x)) })), DV, `N ${N} rows ${rows} DV ${DV}`);
      expect([...got.o.subarray((rows - 1) * DV)]).toEqual(new Array(DV).fill(0));
      expect(got.lse[rows - 1]).toBe(-Infinity);
    }
  }, 60_000);

  it("the rules of special values, directly (the cases of tests/ts/merge.test.ts)", async () => {
    const merge = await createMergeWith(dawn.gpu.device);
    const nan = Number.NaN;
    const parts = [
      { o: Float32Array.of(1, 2, 0, 0, 5, 6, 7, 8), lse: Float32Array.of(0, -Infinity, nan, Math.log(3)) },
      { o: Float32Array.of(3, 4, 0, 0, 9, 9, 1, 2), lse: Float32Array.of(0, -Infinity, 2, Math.log(1)) },
    ];
    const m = await gpuMerge(merge, parts, 4, 2);
    expect([...m.o.subarray(0, 6)]).toEqual([2, 3, 0, 0, nan, nan]);
    expect(m.o[6]).toBeCloseTo((3 * 7 + 1) / 4, 6);
    expect(m.o[7]).toBeCloseTo((3 * 8 + 2) / 4, 6);
    expect(m.lse[0]).toBeCloseTo(Math.log(2), 6);
    expect([m.lse[1], m.lse[2]]).toEqual([-Infinity, nan]);
    expect(m.lse[3]).toBeCloseTo(Math.log(4), 6);
  }, 30_000);

  const programs = [
    { name: "causal", source: readExample("causal.attn"), tensors: () => ({}) },
    { name: "alibi", source: readExample("alibi.attn"), tensors: (s: Sizes) => ({ slopes: Float32Array.from({ length: s.H }, (_, h) => 2 ** (-(h + 1))) }) },
    // v = 3e38 (overflow-v): three partials near float32's maximum merge without overflow
    ...["nan-score", "inf-at-key0", "masked-nan-k", "overflow-v"].map((id) => {
      const c = EDGE_CASES.find((x) => x.id === id)!;
      return { name: id, source: c.source, shape: c.shape, make: c.make };
    }),
  ];
  for (const p of programs) {
    it(`${p.name}: the WGSL kernel on K key sets, merged on the GPU, is the whole program's result`, async () => {
      const merge = await createMergeWith(dawn.gpu.device);
      const s: Sizes = "shape" in p ? { ...p.shape, D: 16, DV: 8 } : { B: 2, H: 2, H_KV: 1, Q_LEN: 24, KV_LEN: 37, D: 8, DV: 8 };
      const data: RunData = "make" in p ? { ...p.make!(s), sizes: s } : { ...genData(5, s, [], 1), tensors: p.tensors!(s), sizes: s };
      const ir = irOf(p.source);
      const whole = oracle(ir, data, s);
      const cut = Math.floor(s.KV_LEN / 2);
      const rows = s.B * s.H * s.Q_LEN;
      const splits = [["kv % 3 == 0", "kv % 3 == 1", "kv % 3 == 2"], ...("make" in p ? [] : [[`kv < ${cut}`, `kv >= ${cut}`]])];
      for (const masks of splits) {
        const parts = [];
        for (const m of masks) {
          const src = p.source.replace(/\}\s*$/, `  mask ${m}\n}\n`);
          const r = await runWgsl(planOf(irOf(src), { blockQ: 8, blockKV: 16, extra: { keysPerStep: 2 } }), data, { gpu: dawn.gpu });
          parts.push({ o: r.o, lse: r.lse! });
        }
        const merged = await gpuMerge(merge, parts, rows, s.DV);
        let most = 0;
        for (const q of parts) for (const x of q.lse) if (Number.isFinite(x)) most = Math.max(most, Math.abs(x));
        const e = compareToOracle(whole, merged.o, merged.lse, { flushSubnormals: true });
        const where = `${p.name} split ${masks.join(" | ")}: ${e.worst}`;
        expect(e.maxRelO, where).toBeLessThanOrEqual(TOL + 2 * 2 ** -24 * most);
        expect(e.maxRelLse, where).toBeLessThanOrEqual(TOL);
      }
    }, 120_000);
  }

  it("the emitted module's createMerge: out may be a partial's buffers; bad arguments throw before recording; none for sigmoid", async () => {
    const { device } = dawn.gpu;
    const js = (src: string) => compileWgsl(planOf(irOf(src))).files.find((f) => f.path.endsWith(".js"))!.contents;
    const load = async (src: string) => (await import(`data:text/javascript;base64,${Buffer.from(js(src)).toString("base64")}`)) as { createMerge?: (d: GPUDevice) => Promise<Merge> };
    expect((await load("attention s {\n  normalize sigmoid\n}")).createMerge).toBeUndefined();
    const merge = await (await load("attention a {\n}")).createMerge!(device);
    const parts = [
      { o: Float32Array.of(1, 2, 3, 4), lse: Float32Array.of(0, Math.log(3)) },
      { o: Float32Array.of(5, 6, 7, 8), lse: Float32Array.of(0, 0) },
    ];
    const bufs = parts.map((p) => ({ o: gpuUpload(device, p.o), lse: gpuUpload(device, p.lse) }));
    merge.merge(bufs, bufs[0]!, { rows: 2, DV: 2 }); // in place, into the first partial
    expect([...(await gpuRead(device, bufs[0]!.o, 4))]).toEqual([3, 4, (3 * 3 + 7) / 4, (3 * 4 + 8) / 4]);
    const lse = await gpuRead(device, bufs[0]!.lse, 2);
    expect(lse[0]).toBeCloseTo(Math.log(2), 6);
    expect(lse[1]).toBeCloseTo(Math.log(4), 6);
    const out = { o: gpuUpload(device, new Float32Array(4).fill(7)), lse: gpuUpload(device, new Float32Array(2).fill(7)) };
    const noCopy = device.createBuffer({ size: 16, usage: STORAGE });
    const refused: [() => void, RegExp][] = [
      [() => merge.merge([], out, { rows: 2, DV: 2 }), /at least one partial/],
      [() => merge.merge(bufs, out, { rows: 3, DV: 2 }), /buffer 'parts\[0\]\.o' has 16 bytes; 6 float32 values/],
      [() => merge.merge(bufs, out, { rows: 2, DV: 0 }), /DV >= 1/],
      [() => merge.merge([bufs[1]!, { o: noCopy, lse: bufs[1]!.lse }], out, { rows: 2, DV: 2 }), /'parts\[1\]\.o' lacks COPY_SRC/],
      [() => merge.merge(bufs, { o: out.o, lse: undefined as unknown as GPUBuffer }, { rows: 2, DV: 2 }), /missing buffer 'out\.lse'/],
    ];
    for (const [f, msg] of refused) expect(f).toThrow(msg);
    expect([...(await gpuRead(device, out.o, 4))]).toEqual([7, 7, 7, 7]); // nothing ran
    for (const b of [...bufs.flatMap((p) => [p.o, p.lse]), out.o, out.lse, noCopy]) b.destroy();
  }, 60_000);
});
