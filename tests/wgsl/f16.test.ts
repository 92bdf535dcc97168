/**
 * q, k, v stored as float16 (`dtype: "f16"`): read through `shader-f16` (lavapipe has it) and as
 * u32 pairs with `unpack2x16float` (the fallback for devices without it), arithmetic in f32. Both
 * must match the float64 oracle on the float16-rounded inputs at the f32 bound (1e-4); odd head
 * dims put elements at odd offsets of the u32 words. The host converts with `float16Bits`, which is
 * checked here against every float16 and every midpoint between neighbours.
 */
import { describe, expect, it } from "vitest";
import { runWgsl } from "../../backends/wgsl/run.js";
import { createKernelWith, float16Bits } from "../../backends/wgsl/host-runtime.js";
import { specOf } from "../../backends/wgsl/spec.js";
import { genData } from "../arbitraries/data.js";
import { check, halfValue, irOf, planOf, readExample, roundedToF16, TOL, useDawn } from "./helpers.js";

const dawn = useDawn();

describe("float16Bits", () => {
  it("is exact on every float16 and rounds midpoints to even", () => {
    const f = new Float32Array(1);
    for (let h = 0; h < 0x10000; h++) {
      const x = halfValue(h);
      if (Number.isNaN(x)) {
        expect(float16Bits([x])[0]! & 0x7fff).toBeGreaterThan(0x7c00); // a NaN, not an infinity
        continue;
      }
      expect(float16Bits([x])[0], `half 0x${h.toString(16)}`).toBe(h);
      // the midpoint to the next half up in magnitude (finite ones) rounds to the even of the two
      if ((h & 0x7fff) < 0x7bff) {
        const mid = (x + halfValue(h + 1)) / 2;
        f[0] = mid;
        if (f[0] !== mid) continue; // not a float32 (never happens: halves have 11 significant bits)
        expect(float16Bits([mid])[0], `midpoint above 0x${h.toString(16)}`).toBe(h & 1 ? h + 1 : h);
        const above = mid * (1 + 2 ** -20);
        expect(float16Bits([above])[0]).toBe(h + 1);
      }
    }
    expect(Array.from(float16Bits([65520, -1e6, 2 ** -26, 2 ** -25 * 1.01, 1]))).toEqual([0x7c00, 0xfc00, 0, 1, 0x3c00, 0]);
  });
});

describe("wgsl with float16 q, k, v", () => {
  const cases = [
    { file: "causal.attn", shape: { B: 2, H: 4, H_KV: 2, Q_LEN: 77, KV_LEN: 77, D: 16, DV: 16 } },
    { file: "alibi.attn", shape: { B: 1, H: 4, H_KV: 4, Q_LEN: 50, KV_LEN: 61, D: 5, DV: 3 } },
    { file: "document-causal.attn", shape: { B: 2, H: 2, H_KV: 1, Q_LEN: 90, KV_LEN: 90, D: 33, DV: 7 } },
    { file: "sigmoid-attention.attn", shape: { B: 1, H: 2, H_KV: 1, Q_LEN: 40, KV_LEN: 45, D: 64, DV: 64 } },
  ];
  for (const shaderF16 of [true, false]) {
    for (const c of cases) {
      it(`${c.file} ${JSON.stringify(c.shape)} (${shaderF16 ? "shader-f16" : "u32 pairs"})`, async () => {
        const ir = irOf(readExample(c.file), c.file);
        const data = { ...genData(5, c.shape, ir.inputs.map((t) => ({ name: t.name, dtype: t.dtype, dims: t.dims.map((d) => (d.kind === "const" ? d.value : d.kind === "size" ? d.name : d.text)) as never })), 1), sizes: c.shape };
        if (data.tensors.doc) data.tensors.doc = Int32Array.from(data.tensors.doc, (_, i) => Math.floor((i % c.shape.Q_LEN) / 25));
        const out = await runWgsl(planOf(ir, { blockQ: 32, blockKV: 16, extra: { keysPerStep: 2 } }), data, { gpu: dawn.gpu, dtype: "f16", shaderF16 });
        expect(out.kernel.qkv).toBe(shaderF16 ? "f16" : "f16-packed");
        expect(out.kernel.code.includes("enable f16;")).toBe(shaderF16);
        const rounded = { ...data, q: roundedToF16(data.q), k: roundedToF16(data.k), v: roundedToF16(data.v) };
        const e = check(ir, rounded, out.o, out.lse);
        expect(e.maxRelO, e.worst).toBeLessThanOrEqual(TOL);
        expect(e.maxRelLse, e.worst).toBeLessThanOrEqual(TOL);
        // and the inputs really were rounded: against the unrounded inputs the error is that of f16
        expect(check(ir, data, out.o, out.lse).maxRelO).toBeGreaterThan(TOL);
      }, 60_000);
    }
  }

  it("rejects an f16 buffer that is too short, naming it and the bytes needed, before dispatching", async () => {
    const ir = irOf("attention c { mask kv <= q }");
    const kernel = await createKernelWith(specOf(planOf(ir)), dawn.gpu.device, { headDim: 3, dtype: "f16" });
    const sizes = { B: 1, H: 1, H_KV: 1, Q_LEN: 5, KV_LEN: 5, D: 3 };
    const mk = (bytes: number) => dawn.gpu.device.createBuffer({ size: bytes, usage: 0x80 | 0x08 });
    // 15 f16 elements need 32 bytes (rounded up to a word); 28 is short
    const bufs = { q: mk(32), k: mk(28), v: mk(32), o: mk(60), lse: mk(20) };
    expect(() => kernel.forward(bufs, sizes)).toThrow(/buffer 'k' has 28 bytes; 15 float16 elements \(32 bytes\) are needed/);
    bufs.k = mk(32);
    expect(() => kernel.forward(bufs, sizes)).not.toThrow();
    await expect(createKernelWith(specOf(planOf(ir)), dawn.gpu.device, { headDim: 3, dtype: "bf16" as never })).rejects.toThrow(/dtype must be "f32" or "f16"/);
  });
});
