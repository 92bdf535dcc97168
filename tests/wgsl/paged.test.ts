/**
 * A paged KV cache on the WGSL target (docs/language.md § 10; issue #13), on Dawn (lavapipe here):
 * - the kernel on pages (k, v scattered into shuffled pages, rows sharing a prefix's pages, garbage
 *   ids past a row's kv_len, NaN in pages no row reads: tests/arbitraries/pages.ts) gives the same
 *   kernel's outputs on the dense k and v, bit for bit, and those match the float64 oracle; decode
 *   (bottom-right causal), document masks and ALiBi with its slopes tensor, pages of 16, 64 and 5
 *   keys, B = 3 rows of different kv_lens, GQA, f32 and f16 q, k, v;
 * - a page id a row reads that is not a page of k is E0413 (the TypeScript kernel's message) before
 *   anything is dispatched; ids only past a row's length are never read and are no error; shapes
 *   and missing options are E0404;
 * - the shader's page lookup (`attn_kv_row`) clamps the table index and the page id into range
 *   whatever the table holds (run directly on garbage tables, bypassing the host's check);
 * - `attnc run --target wgsl` and the library's run() take page_table.npy / data.pages and agree
 *   with the TypeScript target; a backward with a page table is E0409.
 */
import { writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AttncError } from "../../dsl/diagnostics.js";
import { createKernelWith, float16Bits, shaderHeader, type ForwardOptions, type Kernel } from "../../backends/wgsl/host-runtime.js";
import { specOf } from "../../backends/wgsl/spec.js";
import { compileWgsl } from "../../backends/wgsl/index.js";
import { runWgslSource } from "../../backends/wgsl/run.js";
import type { RunData } from "../../backends/index.js";
import type { Sizes } from "../../compiler/ir/program.js";
import { run } from "../../index.js";
import { genData } from "../arbitraries/data.js";
import { paginate } from "../arbitraries/pages.js";
import { Rng } from "../arbitraries/rng.js";
import { encodeNpy, parseNpy } from "../../cli/npy.js";
import { cli, tmp } from "../cli/helpers.js";
import { kernelErrorCode } from "../helpers.js";
import { check, gpuRead, gpuUpload, irOf, planOf, readExample, roundedToF16, TOL, useDawn } from "./helpers.js";

const dawn = useDawn();

const STORAGE = 0x80, COPY_SRC = 0x04, COPY_DST = 0x08, MAP_READ = 0x01;
const tile = { blockQ: 8, blockKV: 16, extra: { keysPerStep: 2 } };

/** one forward of a built kernel on host arrays (o and lse start as 7s: a dispatch that never ran shows) */
async function forward(kernel: Kernel, s: Sizes, q: Float32Array, k: Float32Array, v: Float32Array, tensors: Record<string, Float32Array | Int32Array>, opts: ForwardOptions) {
  const { device } = dawn.gpu;
  const qkv = (a: Float32Array) => gpuUpload(device, kernel.qkv === "f32" ? a : float16Bits(a));
  const nO = s.B * s.H * s.Q_LEN * s.DV, nL = s.B * s.H * s.Q_LEN;
  const inputs = Object.fromEntries(Object.entries(tensors).map(([n, t]) => [n, gpuUpload(device, t)]));
  const bufs = { q: qkv(q), k: qkv(k), v: qkv(v), o: gpuUpload(device, new Float32Array(nO).fill(7)), lse: gpuUpload(device, new Float32Array(nL).fill(7)), inputs };
  try {
    kernel.forward(bufs, s, opts);
    return { o: await gpuRead(device, bufs.o, nO), lse: await gpuRead(device, bufs.lse, nL) };
  } finally {
    for (const b of [bufs.q, bufs.k, bufs.v, bufs.o, bufs.lse, ...Object.values(inputs)]) b.destroy();
  }
}

const DECODE = "attention decode {\n  mask kv <= q + (KV_LEN - Q_LEN)\n}";

describe("wgsl: paged KV cache", () => {
  // KV_LEN 320: a multiple of every page size; B = 3 rows of different kv_lens; GQA (H 4, H_KV 2)
  const cases: { name: string; source: string; s: Sizes; qLens?: Int32Array; tensors: (s: Sizes, rng: Rng) => Record<string, Float32Array | Int32Array> }[] = [
    { name: "decode", source: DECODE, s: { B: 3, H: 4, H_KV: 2, Q_LEN: 3, KV_LEN: 320, D: 8, DV: 8 }, qLens: Int32Array.of(1, 3, 2), tensors: () => ({}) },
    {
      name: "document-causal",
      source: readExample("document-causal.attn"),
      s: { B: 3, H: 4, H_KV: 2, Q_LEN: 320, KV_LEN: 320, D: 8, DV: 4 },
      // sorted ids, documents of 50, 7 and 300 tokens
      tensors: (s) => ({ doc: Int32Array.from({ length: s.B * s.Q_LEN }, (_, i) => Math.floor((i % s.Q_LEN) / [50, 7, 300][Math.floor(i / s.Q_LEN)]!)) }),
    },
    {
      name: "alibi",
      source: readExample("alibi.attn"),
      s: { B: 3, H: 4, H_KV: 2, Q_LEN: 40, KV_LEN: 320, D: 8, DV: 8 },
      tensors: (s) => ({ slopes: Float32Array.from({ length: s.H }, (_, h) => 2 ** (-8 * (h + 1) / s.H)) }),
    },
  ];
  for (const c of cases) {
    it(`${c.name}: pages of 16, 64 and 5 keys give the dense result bit for bit; it matches the oracle`, async () => {
      const ir = irOf(c.source);
      const kernel = await createKernelWith(specOf(planOf(ir, tile)), dawn.gpu.device, { headDim: c.s.D, valueDim: c.s.DV });
      expect(kernel.pagedKv).toBe(true);
      const rng = new Rng(c.name.length);
      const data = genData(c.name.length, c.s, [], 1);
      const tensors = c.tensors(c.s, rng);
      const kvLens = Int32Array.of(c.s.KV_LEN, 1 + rng.int(0, 90), 150 + rng.int(0, 100)); // full, short, between
      for (const size of [16, 64, 5]) {
        const pg = paginate(rng, c.s, size, data.k, data.v, kvLens);
        const numPages = pg.k.length / (c.s.H_KV * size * c.s.D);
        const lens = { kvLens, qLens: c.qLens };
        const dense = await forward(kernel, c.s, data.q, pg.dense.k, pg.dense.v, tensors, lens);
        const paged = await forward(kernel, c.s, data.q, pg.k, pg.v, tensors, { ...lens, pageTable: pg.table, pageSize: size, numPages });
        const where = `${c.name} page ${size} table ${[...pg.table]}`;
        expect([...paged.o], where).toEqual([...dense.o]);
        expect([...paged.lse], where).toEqual([...dense.lse]);
        const rd: RunData = { q: data.q, k: pg.dense.k, v: pg.dense.v, tensors, sizes: c.s, lens: { kv: kvLens, q: c.qLens } };
        const e = check(ir, rd, paged.o, paged.lse);
        expect(e.maxRelO, `${where}: ${e.worst}`).toBeLessThanOrEqual(TOL);
        expect(e.maxRelLse, `${where}: ${e.worst}`).toBeLessThanOrEqual(TOL);
      }
    }, 120_000);
  }

  it("float16 q, k, v on pages (the u32-pair reader) give the dense f16 result bit for bit", async () => {
    const s = { B: 3, H: 2, H_KV: 1, Q_LEN: 2, KV_LEN: 35, D: 6, DV: 5 };
    const ir = irOf(DECODE);
    const kernel = await createKernelWith(specOf(planOf(ir, tile)), dawn.gpu.device, { headDim: 6, valueDim: 5, dtype: "f16", shaderF16: false });
    expect(kernel.qkv).toBe("f16-packed");
    const data = genData(3, s, [], 1);
    const kvLens = Int32Array.of(35, 8, 20);
    const pg = paginate(new Rng(3), s, 7, data.k, data.v, kvLens);
    const dense = await forward(kernel, s, data.q, pg.dense.k, pg.dense.v, {}, { kvLens });
    const paged = await forward(kernel, s, data.q, pg.k, pg.v, {}, { kvLens, pageTable: pg.table, pageSize: 7, numPages: pg.k.length / (7 * 6) });
    expect([...paged.o]).toEqual([...dense.o]);
    expect([...paged.lse]).toEqual([...dense.lse]);
    const rd: RunData = { q: roundedToF16(data.q), k: roundedToF16(pg.dense.k), v: roundedToF16(pg.dense.v), tensors: {}, sizes: s, lens: { kv: kvLens } };
    const e = check(ir, rd, paged.o, paged.lse);
    expect(e.maxRelO, e.worst).toBeLessThanOrEqual(TOL);
  }, 60_000);

  it("a page id a row reads outside [0, NUM_PAGES) is E0413 before anything is dispatched; ids past kv_len are not read", async () => {
    const s = { B: 2, H: 2, H_KV: 1, Q_LEN: 1, KV_LEN: 8, D: 4, DV: 4 };
    // through the emitted host module (NAME.js: host-runtime.ts's functions as text)
    const js = compileWgsl(planOf(irOf(DECODE), tile)).files.find((f) => f.path.endsWith(".js"))!.contents;
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`)) as { createKernel(d: GPUDevice, o: object): Promise<Kernel> };
    const kernel = await mod.createKernel(dawn.gpu.device, { headDim: 4 });
    const q = new Float32Array(2 * 2 * 4).fill(0.5), k = Float32Array.from({ length: 3 * 4 * 4 }, (_, i) => i % 5), v = k.slice(); // 3 pages of 4
    const call = (table: number[], kvLens?: number[], more: ForwardOptions = {}) =>
      forward(kernel, s, q, k, v, {}, { pageTable: Int32Array.from(table), pageSize: 4, numPages: 3, ...(kvLens ? { kvLens: Int32Array.from(kvLens) } : {}), ...more });
    const codeOf = async (p: Promise<unknown>) => p.then(() => "none", (e: { code?: string }) => e.code ?? String(e));
    expect(await codeOf(call([0, 1, 2, 0]))).toBe("none");
    expect(await codeOf(call([0, 3, 2, 0]))).toBe("E0413");
    await expect(call([0, 3, 2, 0])).rejects.toThrow(/error\[E0413\]: pageTable\[0, 1\] = 3 is not a page of k \(NUM_PAGES = 3\)/);
    expect(await codeOf(call([0, -1, 2, 0]))).toBe("E0413");
    expect(await codeOf(call([0, 1, 2, 2 ** 31 - 1], [8, 5]))).toBe("E0413"); // row 1 reads key 4: page 1 of its table
    // unread entries (past each row's kv_len) may hold anything: -1, 99, the largest int
    const ok = await call([0, -1, 2, 99], [4, 3]);
    expect(ok.o.some((x) => x === 7)).toBe(false);
    const same = await call([0, 1, 2, 0], [4, 3]);
    expect([...ok.o]).toEqual([...same.o]);
    expect(await codeOf(call([-5, 2 ** 31 - 1, -1, 1 << 30], [0, 0]))).toBe("none"); // rows with no key read no page
    // o and lse keep their 7s: nothing ran when the table was refused
    const buf = (n: number) => dawn.gpu.device.createBuffer({ size: n * 4, usage: STORAGE | COPY_DST | COPY_SRC });
    const o = buf(16);
    dawn.gpu.device.queue.writeBuffer(o, 0, new Float32Array(16).fill(7));
    const t = { q: buf(16), k: buf(48), v: buf(48), o, lse: buf(4) };
    expect(kernelErrorCode(() => kernel.forward(t, s, { pageTable: Int32Array.of(0, 1, 2, 3), pageSize: 4, numPages: 3 }))).toBe("E0413");
    expect([...(await gpuRead(dawn.gpu.device, o, 16))]).toEqual(new Array(16).fill(7));
    // shapes and options: E0404 (the table's length, a page size not dividing KV_LEN, a missing option)
    const f = (opts: ForwardOptions, sizes: Sizes = s) => kernelErrorCode(() => kernel.forward(t, sizes, opts));
    expect(f({ pageTable: Int32Array.of(0, 1, 2), pageSize: 4, numPages: 3 })).toBe("E0404");
    expect(f({ pageTable: Int32Array.of(0, 1, 2, 0), pageSize: 3, numPages: 3 })).toBe("E0404");
    expect(f({ pageTable: Int32Array.of(0, 1, 2, 0), pageSize: 4 })).toBe("E0404");
    expect(f({ pageTable: [0, 1, 2, 0] as unknown as Int32Array, pageSize: 4, numPages: 3 })).toBe("E0404");
    expect(f({ pageSize: 4, numPages: 3 })).toBe("E0404");
    // k too small for numPages pages: a buffer error naming k
    expect(() => kernel.forward(t, s, { pageTable: Int32Array.of(0, 1, 2, 0), pageSize: 4, numPages: 4 })).toThrow(/buffer 'k' has 192 bytes/);
    for (const b of Object.values(t)) b.destroy();
  }, 60_000);

  it("the shader's page lookup stays inside the table and k whatever the table holds", async () => {
    // attn_kv_row of the header, run directly on garbage tables (the host's E0413 check bypassed)
    const { device } = dawn.gpu;
    const body = specOf(planOf(irOf(DECODE), tile)).body;
    const uniforms = body.slice(body.indexOf("struct Uniforms"), body.indexOf("@group(0) @binding(4)"));
    const header = shaderHeader(4, 4, { blockQ: 1, blockKV: 1, keysPerStep: 1, split: 1, workgroupBytes: 0 }, "f32", true);
    const code = `${header}${uniforms}
@group(0) @binding(4) var<storage, read_write> rows: array<u32>;
@compute @workgroup_size(1)
fn main() {
  for (var b = 0u; b < u32(u.B); b++) {
    for (var kv = 0u; kv < u32(u.KV_LEN); kv++) { rows[b * u32(u.KV_LEN) + kv] = attn_kv_row(b, 1u, kv); }
  }
}`;
    const pipe = device.createComputePipeline({ layout: "auto", compute: { module: device.createShaderModule({ code }), entryPoint: "main" } });
    const B = 2, KV_LEN = 12, PAGE = 4, MAX_PAGES = 3, NUM_PAGES = 5, H_KV = 2;
    const table = [-1, 5, 2 ** 31 - 1, 3, -(2 ** 31), 4];
    const u = new ArrayBuffer(64);
    new Int32Array(u, 0, 8).set([B, 2, H_KV, 1, KV_LEN, 4, 4, 1]);
    new Uint32Array(u, 48, 1).set([4]);
    new Int32Array(u, 52, 3).set([PAGE, MAX_PAGES, NUM_PAGES]);
    const ub = device.createBuffer({ size: 64, usage: 0x40 | COPY_DST });
    device.queue.writeBuffer(ub, 0, u);
    const lens = gpuUpload(device, Int32Array.from([KV_LEN, KV_LEN, KV_LEN, KV_LEN, ...table]));
    const out = device.createBuffer({ size: B * KV_LEN * 4, usage: STORAGE | COPY_SRC });
    const group = device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [
      { binding: 0, resource: { buffer: ub } }, { binding: 6, resource: { buffer: lens } }, { binding: 4, resource: { buffer: out } },
    ] });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipe);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(1);
    pass.end();
    device.queue.submit([enc.finish()]);
    const rows = new Uint32Array((await gpuRead(device, out, B * KV_LEN)).buffer);
    const clampId = (id: number) => Math.min(Math.max(id, 0), NUM_PAGES - 1);
    const want = Array.from({ length: B * KV_LEN }, (_, i) => {
      const b = Math.floor(i / KV_LEN), kv = i % KV_LEN;
      return (clampId(table[b * MAX_PAGES + Math.floor(kv / PAGE)]!) * H_KV + 1) * PAGE + (kv % PAGE);
    });
    expect([...rows]).toEqual(want);
    expect(Math.max(...rows)).toBeLessThan(NUM_PAGES * H_KV * PAGE);
    for (const b of [ub, lens, out]) b.destroy();
  });
});

describe("attnc run --target wgsl with page_table.npy; library run()", () => {
  it("agrees with --target ts on pages; E0413 through run(); a backward with pages is E0409", async () => {
    const s: Sizes = { B: 3, H: 2, H_KV: 1, Q_LEN: 2, KV_LEN: 12, D: 4, DV: 4 };
    const dir = tmp();
    const rng = new Rng(12);
    const data = genData(12, s, [], 1);
    const kvLens = Int32Array.of(12, 3, 7);
    const pg = paginate(rng, s, 4, data.k, data.v, kvLens);
    const numPages = pg.k.length / (s.H_KV * 4 * s.D);
    writeFileSync(join(dir, "q.npy"), encodeNpy(data.q, [s.B, s.H, s.Q_LEN, s.D]));
    writeFileSync(join(dir, "k.npy"), encodeNpy(pg.k, [numPages, s.H_KV, 4, s.D]));
    writeFileSync(join(dir, "v.npy"), encodeNpy(pg.v, [numPages, s.H_KV, 4, s.DV]));
    writeFileSync(join(dir, "page_table.npy"), encodeNpy(pg.table, [s.B, 3]));
    writeFileSync(join(dir, "kv_lens.npy"), encodeNpy(kvLens, [s.B]));
    writeFileSync(join(dir, "p.attn"), DECODE + "\n");
    const outs: Record<string, { o: Float32Array; lse: Float32Array }> = {};
    for (const target of ["ts", "wgsl"]) {
      const out = join(dir, target);
      const res = await cli("run", join(dir, "p.attn"), "--target", target, "--inputs", dir, "--out", out);
      expect(res.code, res.err).toBe(0);
      const read = (f: string) => parseNpy(readFileSync(join(out, f)), f).data as Float32Array;
      outs[target] = { o: read("o.npy"), lse: read("lse.npy") };
    }
    const { ts, wgsl } = outs as Record<"ts" | "wgsl", { o: Float32Array; lse: Float32Array }>;
    for (let i = 0; i < ts.o.length; i++) expect(Math.abs(wgsl.o[i]! - ts.o[i]!), `o[${i}]`).toBeLessThanOrEqual(TOL * (1 + Math.abs(ts.o[i]!)));
    for (let i = 0; i < ts.lse.length; i++) expect(Math.abs(wgsl.lse[i]! - ts.lse[i]!), `lse[${i}]`).toBeLessThanOrEqual(TOL * (1 + Math.abs(ts.lse[i]!)));

    // the library's run() reaches the kernel's own check (the CLI checks page_table.npy itself)
    const bad: RunData = { q: data.q, k: pg.k, v: pg.v, tensors: {}, sizes: s, lens: { kv: kvLens }, pages: { table: pg.table.map((x, i) => (i === 7 ? numPages : x)), size: 4 } };
    const err = await run(DECODE, "p.attn", bad, { target: "wgsl" }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(AttncError);
    expect((err as AttncError).diagnostics.map((d) => d.code)).toEqual(["E0413"]);
    expect((err as AttncError).diagnostics[0]!.message).toBe(`attnc kernel 'decode': pageTable[2, 1] = ${numPages} is not a page of k (NUM_PAGES = ${numPages})`);
    const good = { ...bad, pages: { table: pg.table, size: 4 } };
    const back = await runWgslSource(DECODE, "p.attn", good, { dO: new Float32Array(s.B * s.H * s.Q_LEN * s.DV) }).catch((x: unknown) => x);
    expect((back as AttncError).diagnostics.map((d) => d.code)).toEqual(["E0409"]);
  }, 60_000);
});
