/// <reference types="@webgpu/types" />
/**
 * "Run on WebGPU": the program compiled to WGSL in the page (compileWgsl: the shader and the host
 * module `NAME.js` that `attnc compile --target wgsl` writes), the host module imported from a blob
 * URL, its `createKernel(device)` built on `navigator.gpu`, and one forward on the page's inputs.
 */
import { buildPlan } from "../compiler/plan/build.js";
import type { AttnIR, Sizes } from "../compiler/ir/program.js";
import { compileWgsl, wgslDefaultTile } from "../backends/wgsl/index.js";
import type { RunInputs } from "./data.js";

const STORAGE = 0x80, COPY_SRC = 0x04, COPY_DST = 0x08, MAP_READ = 0x01;

/** The emitted host module's kernel, as far as the page uses it (its NAME.d.ts has the rest). */
interface HostKernel {
  readonly code: string;
  readonly tile: { blockQ: number; blockKV: number; keysPerStep: number; split: number };
  forward(tensors: Record<string, unknown>, sizes: Sizes, opts?: { scale?: number }): void;
}
interface HostModule {
  createKernel(device: GPUDevice, options: { headDim: number; valueDim: number; keysPerStep?: number }): Promise<HostKernel>;
}

export interface GpuOptions {
  /** keys per online-softmax step (the host module's option; default 4). Software adapters
   * (SwiftShader, lavapipe) compile a shader unrolled 4 times slowly: 1 or 2 compile faster */
  keysPerStep?: number;
  /** forwards timed after the first (default 3) */
  timedRuns?: number;
  /** told what is happening, for a status line */
  onStage?: (what: string) => void;
}

/** Why the page cannot run kernels, or null when `navigator.gpu` is there. */
export function webgpuMissing(): string | null {
  if (!("gpu" in navigator) || !navigator.gpu) {
    return window.isSecureContext
      ? "WebGPU is not available in this browser (navigator.gpu is missing)."
      : "WebGPU is not available: the page is not a secure context (serve it from http://localhost or https://).";
  }
  return null;
}

let devicePromise: Promise<{ device: GPUDevice; adapter: string }> | null = null;

/** The page's device (requested once, with WebGPU's default limits; requested again after a loss). */
export function gpuDevice(): Promise<{ device: GPUDevice; adapter: string }> {
  devicePromise ??= (async () => {
    const missing = webgpuMissing();
    if (missing) throw new Error(missing);
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) throw new Error("WebGPU is present but gave no adapter (navigator.gpu.requestAdapter() returned null): the GPU may be blocklisted or disabled.");
    const device = await adapter.requestDevice();
    void device.lost.then(() => (devicePromise = null));
    const i = adapter.info;
    const name = [i.vendor, i.architecture, i.description].filter((x) => x).join(" ") || "unnamed adapter";
    return { device, adapter: name };
  })();
  devicePromise.catch(() => (devicePromise = null));
  return devicePromise;
}

export interface GpuRun {
  o: Float32Array;
  lse: Float32Array | null;
  adapter: string;
  /** WGSL source the pipeline was built from */
  code: string;
  tile: HostKernel["tile"];
  /** milliseconds: WGSL generation, createKernel (shader and pipelines), first forward to results read, median of later forwards */
  ms: { compile: number; createKernel: number; firstForward: number; forward: number };
}

async function readBack(device: GPUDevice, src: GPUBuffer, n: number): Promise<Float32Array> {
  const bytes = Math.max(4, n * 4);
  const rb = device.createBuffer({ size: bytes, usage: MAP_READ | COPY_DST });
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(src, 0, rb, 0, bytes);
  device.queue.submit([enc.finish()]);
  await rb.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(rb.getMappedRange().slice(0, n * 4));
  rb.unmap();
  rb.destroy();
  return out;
}

/** Compiles `ir` for the wgsl target with its default plan (as `attnc run --target wgsl`) and runs one forward. */
export async function runOnGpu(ir: AttnIR, s: Sizes, data: RunInputs, opts: GpuOptions = {}): Promise<GpuRun> {
  const stage = opts.onStage ?? (() => {});
  const timedRuns = opts.timedRuns ?? 3;
  stage("requesting the WebGPU device…");
  const { device, adapter } = await gpuDevice();
  stage("generating WGSL…");
  let t = performance.now();
  const plan = buildPlan(ir, { tile: wgslDefaultTile(null), headDim: null, speculativeReads: true });
  const js = compileWgsl(plan).files.find((f) => f.path === `${plan.name}.js`)!.contents;
  const compile = performance.now() - t;
  const url = URL.createObjectURL(new Blob([js], { type: "text/javascript" }));
  let mod: HostModule;
  try {
    mod = (await import(/* @vite-ignore */ url)) as HostModule;
  } finally {
    URL.revokeObjectURL(url);
  }
  stage(`building the pipeline on ${adapter} (createKernel: the driver compiles the shader; slow on software adapters)…`);
  t = performance.now();
  const kernel = await mod.createKernel(device, { headDim: s.D, valueDim: s.DV, keysPerStep: opts.keysPerStep });
  const createKernel = performance.now() - t;
  const made: GPUBuffer[] = [];
  const buffer = (size: number, usage: number) => {
    const b = device.createBuffer({ size: Math.max(4, size), usage });
    made.push(b);
    return b;
  };
  const upload = (a: Float32Array | Int32Array) => {
    const b = buffer(a.byteLength, STORAGE | COPY_DST);
    if (a.byteLength) device.queue.writeBuffer(b, 0, a.buffer, a.byteOffset, a.byteLength);
    return b;
  };
  try {
    const nO = s.B * s.H * s.Q_LEN * s.DV, nL = s.B * s.H * s.Q_LEN;
    const inputs: Record<string, GPUBuffer> = Object.create(null);
    for (const d of ir.inputs) inputs[d.name] = upload(data.tensors[d.name]!);
    const softmax = ir.normalize === "softmax";
    const bufs = {
      q: upload(data.q), k: upload(data.k), v: upload(data.v), inputs,
      o: buffer(nO * 4, STORAGE | COPY_SRC), ...(softmax ? { lse: buffer(nL * 4, STORAGE | COPY_SRC) } : {}),
    };
    stage("running the forward…");
    device.pushErrorScope("validation");
    t = performance.now();
    kernel.forward(bufs, s);
    const o = await readBack(device, bufs.o, nO);
    const lse = softmax ? await readBack(device, bufs.lse!, nL) : null;
    const firstForward = performance.now() - t;
    const err = await device.popErrorScope();
    if (err) throw new Error(`WebGPU validation error in forward: ${err.message}`);
    const times: number[] = [];
    for (let i = 0; i < timedRuns; i++) {
      t = performance.now();
      kernel.forward(bufs, s);
      await device.queue.onSubmittedWorkDone();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const forward = times.length ? times[times.length >> 1]! : firstForward;
    return { o, lse, adapter, code: kernel.code, tile: kernel.tile, ms: { compile, createKernel, firstForward, forward } };
  } finally {
    for (const b of made) b.destroy();
  }
}
