/**
 * Per-row lengths on the WGSL target (docs/language.md § 10; issue #13), on Dawn (lavapipe here):
 * - random programs, shapes, tile plans and lengths (0, 1, the padded length, anything between;
 *   only q, only kv, both: tests/arbitraries/lengths.ts) match the float64 oracle with the same
 *   lengths, within the tolerance of property.test.ts (helpers.ts `checkScaled`);
 * - keys past kv_len and rows past q_len are never used: NaN in k, v and q there changes no bit of
 *   the output, and those rows are o = 0, lse = -inf;
 * - forward refuses lengths out of range (E0412) or of the wrong count or type (E0404) before
 *   dispatching, and a kernel with no storage buffer to spare for them says so;
 * - `attnc run --target wgsl` reads q_lens.npy / kv_lens.npy and agrees with `--target ts`.
 */
import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AttncError } from "../../dsl/diagnostics.js";
import { createKernelWith, type ForwardOptions } from "../../backends/wgsl/host-runtime.js";
import { specOf } from "../../backends/wgsl/spec.js";
import { runWgsl, runWgslSource } from "../../backends/wgsl/run.js";
import type { RunData } from "../../backends/index.js";
import { genProgram } from "../arbitraries/program.js";
import { genData, shapeArb } from "../arbitraries/data.js";
import { genLens, shownLens } from "../arbitraries/lengths.js";
import { Rng } from "../arbitraries/rng.js";
import { encodeNpy, parseNpy } from "../../cli/npy.js";
import { cli, tmp } from "../cli/helpers.js";
import { kernelErrorCode } from "../helpers.js";
import { check, checkScaled, irOf, planOf, readExample, TOL, useDawn } from "./helpers.js";

// a quarter of property.test.ts's runs (each compiles a shader on lavapipe: seconds); the fixed
// cases below cover keys and rows past the lengths on every run
const RUNS = Math.ceil(Number(process.env.ATTNC_WGSL_PROPERTY_RUNS ?? 32) / 4);

const tileArb = fc.record({
  blockQ: fc.integer({ min: 1, max: 64 }),
  blockKV: fc.integer({ min: 1, max: 64 }),
  extra: fc.record({ keysPerStep: fc.constantFrom(1, 2, 4) }),
});

const dawn = useDawn({ defaultLimits: true });

/** whether `e` is the oracle's E0407 (a tensor read out of bounds: no defined result to compare) */
const outOfBounds = (e: unknown) => e instanceof AttncError && e.diagnostics.some((d) => d.code === "E0407");

/** the `code` of what `f` throws, or "none" */
const codeOf = kernelErrorCode;

describe("wgsl: per-row lengths", () => {
  it("random programs, shapes, lengths and tile plans match the oracle with the same lengths", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), shapeArb, tileArb, fc.constantFrom(1, 4), async (seed, shape, tile, mag) => {
        const prog = genProgram(seed);
        const ir = irOf(prog.source, "gen.attn");
        const lens = genLens(seed, shape);
        const data: RunData = { ...genData(seed, shape, prog.tensors, mag), sizes: shape, lens };
        const out = await runWgsl(planOf(ir, tile), data, { gpu: dawn.gpu });
        let e;
        try {
          e = checkScaled(ir, data, out.o, out.lse);
        } catch (err) {
          if (outOfBounds(err)) return;
          throw err;
        }
        const where = `${prog.source}\nshape ${JSON.stringify(shape)} tile ${JSON.stringify(out.kernel.tile)} lens ${shownLens(lens)} magnitude ${mag}\nworst: ${e.worst}`;
        expect(e.maxRelO, where).toBeLessThanOrEqual(e.tolO);
        expect(e.maxRelLse, where).toBeLessThanOrEqual(e.tolLse);
      }),
      { numRuns: RUNS },
    );
  }, 120_000 + RUNS * 15_000); // ~3 s a run alone; generous for a loaded 2-core machine

  it("NaN in k and v past kv_len and in q past q_len changes nothing; those rows are o = 0, lse = -inf", async () => {
    const s = { B: 3, H: 4, H_KV: 2, Q_LEN: 20, KV_LEN: 40, D: 8, DV: 8 };
    const lens = { q: Int32Array.of(1, 13, 0), kv: Int32Array.of(17, 40, 5) };
    const base = genData(21, s, [], 1);
    const poisoned = { q: base.q.slice(), k: base.k.slice(), v: base.v.slice() };
    for (let b = 0; b < s.B; b++) {
      for (let h = 0; h < s.H_KV; h++)
        for (let j = lens.kv[b]!; j < s.KV_LEN; j++) {
          const row = (b * s.H_KV + h) * s.KV_LEN + j;
          poisoned.k.fill(Number.NaN, row * s.D, (row + 1) * s.D);
          poisoned.v.fill(Number.NaN, row * s.DV, (row + 1) * s.DV);
        }
      for (let h = 0; h < s.H; h++)
        for (let i = lens.q[b]!; i < s.Q_LEN; i++) poisoned.q.fill(Number.NaN, ((b * s.H + h) * s.Q_LEN + i) * s.D, ((b * s.H + h) * s.Q_LEN + i + 1) * s.D);
    }
    // bottom-right causal (a decode batch), no mask (every in-range key tile full), sigmoid; a
    // ragged last key tile (kv_len 17) and a query tile half past q_len 13
    const tile = { blockQ: 8, blockKV: 16, extra: { keysPerStep: 2 } };
    for (const src of [
      "attention decode {\n  mask kv <= q + (KV_LEN - Q_LEN)\n}",
      "attention full {\n  normalize softmax\n}",
      "attention sig {\n  normalize sigmoid\n  mask kv <= q + (KV_LEN - Q_LEN)\n}",
    ]) {
      const ir = irOf(src);
      const clean: RunData = { ...base, sizes: s, lens };
      const want = await runWgsl(planOf(ir, tile), clean, { gpu: dawn.gpu });
      const e = check(ir, clean, want.o, want.lse);
      expect(e.maxRelO, `${src}: ${e.worst}`).toBeLessThanOrEqual(TOL);
      expect(e.maxRelLse, `${src}: ${e.worst}`).toBeLessThanOrEqual(TOL);
      const got = await runWgsl(planOf(ir, tile), { ...clean, ...poisoned }, { gpu: dawn.gpu });
      expect([...got.o], src).toEqual([...want.o]);
      if (want.lse) expect([...got.lse!], src).toEqual([...want.lse]);
      for (let b = 0; b < s.B; b++)
        for (let h = 0; h < s.H; h++)
          for (let i = lens.q[b]!; i < s.Q_LEN; i++) {
            const row = (b * s.H + h) * s.Q_LEN + i;
            if (want.lse) expect(want.lse[row], `${src} b ${b} h ${h} q ${i}`).toBe(-Infinity);
            expect([...want.o.subarray(row * s.DV, (row + 1) * s.DV)], `${src} b ${b} h ${h} q ${i}`).toEqual(new Array(s.DV).fill(0));
          }
    }
  }, 60_000);

  it("lengths out of range are E0412, of the wrong count or type E0404, before anything is dispatched", async () => {
    const ir = irOf("attention a {\n  mask kv <= q + (KV_LEN - Q_LEN)\n}");
    const s = { B: 2, H: 1, H_KV: 1, Q_LEN: 3, KV_LEN: 5, D: 4 };
    const { device } = dawn.gpu;
    const kernel = await createKernelWith(specOf(planOf(ir)), device, { headDim: 4 });
    expect(kernel.rowLengths).toBe(true);
    const buf = (n: number) => device.createBuffer({ size: n * 4, usage: 0x80 | 0x08 }); // STORAGE | COPY_DST
    const t = { q: buf(24), k: buf(40), v: buf(40), o: buf(24), lse: buf(6) };
    const call = (opts: ForwardOptions) => () => kernel.forward(t, s, opts);
    expect(codeOf(call({ kvLens: Int32Array.of(5, 6) }))).toBe("E0412");
    expect(call({ kvLens: Int32Array.of(5, 6) })).toThrow(/error\[E0412\]: kvLens\[1\] = 6 is outside \[0, 5\] \(the tensors' length\)/);
    expect(codeOf(call({ qLens: Int32Array.of(-1, 0) }))).toBe("E0412");
    expect(codeOf(call({ qLens: Int32Array.of(1) }))).toBe("E0404");
    expect(codeOf(call({ qLens: [1, 1] as unknown as Int32Array }))).toBe("E0404");
    expect(codeOf(call({ qLens: Int32Array.of(0, 3), kvLens: Int32Array.of(5, 0) }))).toBe("none");
    await device.queue.onSubmittedWorkDone();
    // through runWgslSource (attnc run's entry): the code is kept
    const data: RunData = { ...genData(1, { ...s, DV: 4 }, [], 1), tensors: {}, sizes: { ...s, DV: 4 }, lens: { kv: Int32Array.of(5, 6) } };
    const err = await runWgslSource("attention a {\n}", "a.attn", data, {}).catch((x: unknown) => x);
    expect((err as AttncError).diagnostics.map((d) => d.code)).toEqual(["E0412"]);
    expect((err as AttncError).diagnostics[0]!.message).not.toContain("error[E0412]"); // the code printed once
  }, 60_000);

  it("a kernel using every storage buffer the device allows takes no lengths, and says so", async () => {
    // blindsight-head-masks: q, k, v, o, lse and 3 inputs = WebGPU's default 8 storage buffers
    const spec = specOf(planOf(irOf(readExample("blindsight-head-masks.attn"))));
    const full = await createKernelWith(spec, dawn.gpuDefault.device, { headDim: 8 });
    expect(full.rowLengths).toBe(false);
    expect(full.code).not.toContain("@binding(6)");
    const s = { B: 1, H: 1, H_KV: 1, Q_LEN: 1, KV_LEN: 1, D: 8 };
    const b = dawn.gpuDefault.device.createBuffer({ size: 64, usage: 0x80 });
    const t = { q: b, k: b, v: b, o: b, lse: b, inputs: Object.fromEntries(spec.inputs.map((i) => [i.name, b])) };
    expect(() => full.forward(t, s, { qLens: Int32Array.of(1) })).toThrow(/no storage buffer is left for per-row lengths/);
    expect((await createKernelWith(spec, dawn.gpu.device, { headDim: 8 })).rowLengths).toBe(true);
  });
});

describe("attnc run --target wgsl with q_lens.npy / kv_lens.npy", () => {
  it("agrees with --target ts: o = 0, lse = -inf past the lengths", async () => {
    const s = { B: 3, H: 2, H_KV: 1, Q_LEN: 3, KV_LEN: 9, D: 4 };
    const dir = tmp();
    const rng = new Rng(8);
    const r = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    writeFileSync(join(dir, "q.npy"), encodeNpy(r(s.B * s.H * s.Q_LEN * s.D), [s.B, s.H, s.Q_LEN, s.D]));
    writeFileSync(join(dir, "k.npy"), encodeNpy(r(s.B * s.H_KV * s.KV_LEN * s.D), [s.B, s.H_KV, s.KV_LEN, s.D]));
    writeFileSync(join(dir, "v.npy"), encodeNpy(r(s.B * s.H_KV * s.KV_LEN * s.D), [s.B, s.H_KV, s.KV_LEN, s.D]));
    // row 0's last query sees its 7 keys only with its own Q_LEN = 2 in the mask (the padded 3: 6)
    writeFileSync(join(dir, "q_lens.npy"), encodeNpy(Int32Array.of(2, 3, 0), [3]));
    writeFileSync(join(dir, "kv_lens.npy"), encodeNpy(Int32Array.of(7, 9, 2), [3]));
    writeFileSync(join(dir, "p.attn"), "attention decode {\n  mask kv <= q + (KV_LEN - Q_LEN)\n}\n");
    const outs: Record<string, { o: Float32Array; lse: Float32Array }> = {};
    for (const target of ["ts", "wgsl"]) {
      const out = join(dir, target);
      const res = await cli("run", join(dir, "p.attn"), "--target", target, "--inputs", dir, "--out", out);
      expect(res.code, res.err).toBe(0);
      const read = (f: string) => parseNpy(readFileSync(join(out, f)), f).data as Float32Array;
      outs[target] = { o: read("o.npy"), lse: read("lse.npy") };
    }
    const { ts, wgsl } = outs as Record<"ts" | "wgsl", { o: Float32Array; lse: Float32Array }>;
    expect([...wgsl.lse].map((x) => x === -Infinity)).toEqual([...ts.lse].map((x) => x === -Infinity));
    expect([...wgsl.lse].filter((x) => x === -Infinity)).toHaveLength(2 * (1 + 0 + 3)); // rows past q_lens, per head
    for (let i = 0; i < ts.o.length; i++) expect(Math.abs(wgsl.o[i]! - ts.o[i]!), `o[${i}]`).toBeLessThanOrEqual(TOL * (1 + Math.abs(ts.o[i]!)));
    for (let i = 0; i < ts.lse.length; i++) if (ts.lse[i] !== -Infinity) expect(Math.abs(wgsl.lse[i]! - ts.lse[i]!), `lse[${i}]`).toBeLessThanOrEqual(TOL * (1 + Math.abs(ts.lse[i]!)));
  }, 60_000);
});
