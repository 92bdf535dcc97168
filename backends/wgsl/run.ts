/// <reference types="@webgpu/types" />
/**
 * Runs a compiled WGSL kernel on host arrays: upload, `forward`, read back. Used by
 * `attnc run --target wgsl` (through Dawn) and by the tests.
 *
 * Contract: `runWgsl` returns o (and lse for softmax) as Float32Arrays (with `dtype: "f16"`, from
 * q, k, v rounded to float16 to nearest even), computed by the same
 * host code the emitted module contains (host-runtime.ts), with `data.lens` as the per-row lengths
 * and `data.pages` as a paged KV cache (k, v pages);
 * a kernel error (invalid sizes, buffers or lengths, shader compile error) throws before anything
 * is dispatched. `runWgslSource` compiles one attention block of a source file for the wgsl
 * target, runs it on Dawn and names the adapter in `note`.
 */
import { AttncError, diag, type Code } from "../../dsl/diagnostics.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import { buildPlan } from "../../compiler/plan/build.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import type { RunData, RunOptions, RunResult } from "../index.js";
import { createKernelWith, float16Bits, type ForwardOptions, type Kernel, type KernelOptions, type Tensors } from "./host-runtime.js";
import { openDawn, type DawnGpu, type DawnOptions } from "./dawn.js";
import { createBackwardWith } from "./host-backward.js";
import { mergePass } from "./merge.js";
import { specOf, wgslDefaultTile } from "./spec.js";

const STORAGE = 0x80, COPY_SRC = 0x04, COPY_DST = 0x08, MAP_READ = 0x01;

export interface WgslRunOptions extends Omit<KernelOptions, "packGqa"> {
  scale?: number;
  /** dO (float32, the shape of o): also run the backward (a plan with grad) and return the gradients */
  dO?: Float32Array;
  /** split-KV splits of the forward (default: the kernel's choice) */
  kvSplits?: number;
  /** GQA packing of the forward (default "auto": the kernel's choice) */
  packGqa?: boolean | "auto";
  /** a kernel built before (of the same plan and options) to run instead of building one */
  kernel?: Kernel;
  /** a device to use (default: a new Dawn device) */
  gpu?: DawnGpu;
  dawn?: DawnOptions;
}

function upload(device: GPUDevice, data: Float32Array | Int32Array | Uint16Array): GPUBuffer {
  const buf = device.createBuffer({ size: Math.max(4, data.byteLength), usage: STORAGE | COPY_DST });
  if (data.byteLength) device.queue.writeBuffer(buf, 0, data.buffer, data.byteOffset, data.byteLength);
  return buf;
}

async function readBack(device: GPUDevice, src: GPUBuffer, n: number): Promise<Float32Array> {
  const bytes = Math.max(4, n * 4);
  const rb = device.createBuffer({ size: bytes, usage: MAP_READ | COPY_DST });
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(src, 0, rb, 0, bytes);
  device.queue.submit([enc.finish()]);
  await rb.mapAsync(1);
  const out = new Float32Array(rb.getMappedRange().slice(0, n * 4));
  rb.unmap();
  rb.destroy();
  return out;
}

/** The backward on the forward's buffers: dO uploaded, the gradients read back. */
async function runBackward(
  device: GPUDevice, kernel: Kernel, plan: KernelPlan, data: RunData, bufs: Tensors, dO: Float32Array, scratch: GPUBuffer[], opts: ForwardOptions,
): Promise<NonNullable<RunResult["grads"]>> {
  const sz = data.sizes;
  const grad = (n: number) => {
    const b = device.createBuffer({ size: Math.max(4, n * 4), usage: STORAGE | COPY_SRC | COPY_DST });
    scratch.push(b);
    return b;
  };
  const dOBuf = upload(device, dO);
  scratch.push(dOBuf);
  const nQ = sz.B * sz.H * sz.Q_LEN * sz.D;
  const nK = sz.B * sz.H_KV * sz.KV_LEN * sz.D;
  const nV = sz.B * sz.H_KV * sz.KV_LEN * sz.DV;
  const floats = plan.inputs.filter((d) => d.dtype === "f32");
  const inputs: Record<string, GPUBuffer> = Object.create(null);
  for (const d of floats) inputs[d.name] = grad(data.tensors[d.name]?.length ?? 0);
  const grads = { dq: grad(nQ), dk: grad(nK), dv: grad(nV), inputs };
  device.pushErrorScope("validation");
  // (a page table is refused by the kernel: E0409)
  kernel.backward!({ ...bufs, dO: dOBuf }, grads, sz, { ...opts, qLens: data.lens?.q, kvLens: data.lens?.kv });
  const err = await device.popErrorScope();
  if (err) throw new AttncError([diag("E0901", `WebGPU validation error in backward: ${err.message}`)]);
  const dTensors: Record<string, Float32Array> = {};
  for (const d of floats) dTensors[d.name] = await readBack(device, inputs[d.name]!, data.tensors[d.name]?.length ?? 0);
  return { dq: await readBack(device, grads.dq, nQ), dk: await readBack(device, grads.dk, nK), dv: await readBack(device, grads.dv, nV), dTensors };
}

/** Compiles (once per call) and runs `plan` on `data`. */
export async function runWgsl(plan: KernelPlan, data: RunData, opts: WgslRunOptions = {}): Promise<RunResult & { kernel: Kernel }> {
  const gpu = opts.gpu ?? (await openDawn(opts.dawn));
  const { device } = gpu;
  const sz = data.sizes;
  const kernel = opts.kernel ?? await createKernelWith(specOf(plan), device, {
    headDim: sz.D, valueDim: sz.DV, blockQ: opts.blockQ, blockKV: opts.blockKV, keysPerStep: opts.keysPerStep, split: opts.split,
    dtype: opts.dtype, shaderF16: opts.shaderF16, backwardTile: opts.backwardTile,
  }, { createBackwardWith, mergePass });
  const qkv = (a: Float32Array) => upload(device, kernel.qkv === "f32" ? a : float16Bits(a));
  const softmax = plan.normalize === "softmax";
  const nO = sz.B * sz.H * sz.Q_LEN * sz.DV;
  const nL = sz.B * sz.H * sz.Q_LEN;
  // the program's inputs by name in an object of their own (no prototype: any name is a plain key)
  const inputs: Record<string, GPUBuffer> = Object.create(null);
  for (const d of plan.inputs) {
    const t = Object.hasOwn(data.tensors, d.name) ? data.tensors[d.name] : undefined;
    if (t) inputs[d.name] = upload(device, t); // (a missing one is reported by forward)
  }
  const bufs: Tensors = {
    q: qkv(data.q), k: qkv(data.k), v: qkv(data.v), inputs,
    o: device.createBuffer({ size: Math.max(4, nO * 4), usage: STORAGE | COPY_SRC }),
    lse: softmax ? device.createBuffer({ size: Math.max(4, nL * 4), usage: STORAGE | COPY_SRC }) : undefined,
  };
  const scratch: GPUBuffer[] = []; // the backward's buffers, destroyed with the forward's
  try {
    device.pushErrorScope("validation");
    // a paged KV cache: k holds NUM_PAGES pages of [H_KV, PAGE, D]
    const pages = data.pages && { pageTable: data.pages.table, pageSize: data.pages.size, numPages: data.k.length / (sz.H_KV * data.pages.size * sz.D) };
    const packed = opts.packGqa === undefined || opts.packGqa === "auto" ? kernel.packGqa(sz) : opts.packGqa;
    const splits = opts.kvSplits ?? kernel.kvSplits(sz);
    kernel.forward(bufs, sz, { scale: opts.scale, qLens: data.lens?.q, kvLens: data.lens?.kv, ...pages, kvSplits: splits, packGqa: packed });
    const err = await device.popErrorScope();
    if (err) throw new AttncError([diag("E0901", `WebGPU validation error in forward: ${err.message}`)]);
    const o = await readBack(device, bufs.o, nO);
    const lse = softmax ? await readBack(device, bufs.lse!, nL) : null;
    const how = kernel.qkv === "f32" ? "" : ` (q, k, v rounded to float16, read ${kernel.qkv === "f16" ? "through shader-f16" : "as u32 pairs"})`;
    const note = `wgsl: ran on ${gpu.description}${how}${packed ? "; GQA query heads packed" : ""}${splits > 1 ? `; keys split ${splits} ways (split-KV)` : ""}`;
    if (!opts.dO) return { o, lse, kernel, note };
    if (!kernel.backward) throw new Error("internal: runWgsl with dO needs a plan with grad");
    return { o, lse, kernel, note, grads: await runBackward(device, kernel, plan, data, bufs, opts.dO, scratch, { scale: opts.scale, ...pages }) };
  } finally {
    for (const b of [bufs.q, bufs.k, bufs.v, bufs.o, bufs.lse, ...Object.values(inputs), ...scratch]) b?.destroy();
    if (!opts.gpu) device.destroy();
  }
}

/** `attnc run --target wgsl`: compile the selected block of `source` and run it through Dawn. */
export async function runWgslSource(source: string, file: string, data: RunData, opts: RunOptions): Promise<RunResult> {
  const [ir] = lowerSource(source, file, { name: opts.name, params: opts.params });
  const plan = buildPlan(optimize(ir!), { tile: wgslDefaultTile(null), headDim: null, speculativeReads: true, backward: opts.dO !== undefined });
  try {
    if (opts.dtype === "bf16") throw new AttncError([diag("E0409", "the wgsl target takes --dtype f16 (WebGPU has no bfloat16)")]);
    const r = await runWgsl(plan, data, { scale: opts.scale, dtype: opts.dtype, dO: opts.dO });
    return { o: r.o, lse: r.lse, note: r.note, ...(r.grads ? { grads: r.grads } : {}) };
  } catch (e) {
    if (e instanceof AttncError) throw e;
    // the kernel's errors with a code of their own (E0404, E0412: per-row lengths, E0413: page ids) keep it
    // (their message's "error[CODE]: " is dropped: the diagnostic prints its code itself)
    const code = (e as { code?: unknown }).code;
    const message = typeof code === "string" ? (e as Error).message.replace(`error[${code}]: `, "") : (e as Error).message;
    throw new AttncError([diag(typeof code === "string" ? (code as Code) : "E0901", message)]);
  }
}
