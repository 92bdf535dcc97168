/// <reference types="@webgpu/types" />
/**
 * The host side of the WGSL backward (`kernel.backward`, for modules compiled with --backward):
 * tile plans, pipelines and the passes of skeleton-bwd.ts.
 *
 * Contract (self-contained as host-runtime.ts: `host-module.ts` copies these functions' source
 * text into the emitted module; they use only their arguments, each other and host-runtime's
 * copied functions, passed in `ctx`):
 * - `backwardTilePlan` picks the key-major pass's tile: KEYS keys per workgroup (one invocation
 *   each; default 64, clipped to the device) and ROWS query rows staged per step (default 32,
 *   clipped to what fits in workgroup storage: (ceil(D/4) + ceil(DV/4) + 1) * 16 bytes a row). The
 *   dq pass uses the forward's tile plan with one invocation per row.
 * - `createBackwardWith` builds the pipelines (prep, dq unless dq = 0, dkdv, and sink where the sink
 *   reads f32 tensors) when the device
 *   has the storage buffers they bind; `backward(tensors, grads, sizes, opts)` then validates every
 *   buffer (the forward's q, k, v, inputs, o and lse for softmax, dO; the gradients' sizes and
 *   STORAGE | COPY_DST usage) and the per-row lengths before touching the queue, and records: the
 *   run-time facts, the prep pass, the dq pass (or a clear of dq), the dkdv pass, the sink pass, then copies of
 *   dk, dv and the tensor gradients from the kernel's scratch buffers (grown as calls need).
 *   Scratch and uniforms are shared by the calls of one kernel: record at most one backward per
 *   submit unless sizes and scale are the same, as for forward.
 */
import type { ForwardOptions, KernelSpec, QkvStorage, Sizes, Tensors, TilePlanChoice } from "./host-runtime.js";

/** The buffers a backward reads: the forward's inputs and outputs, and dO (float32, the shape of o). */
export interface BackwardTensors extends Tensors {
  dO: GPUBuffer;
}

/** The buffers a backward writes (float32, STORAGE | COPY_DST): dq, dk, dv, and d_NAME for every f32 input under `inputs`. */
export interface Gradients {
  dq: GPUBuffer;
  dk: GPUBuffer;
  dv: GPUBuffer;
  inputs?: Record<string, GPUBuffer>;
}

export interface BackwardTileOptions {
  /** keys per workgroup of the key-major pass (default 64) */
  keys?: number;
  /** query rows staged per step of the key-major pass (default 32) */
  rows?: number;
}

export function backwardTilePlan(
  limits: { maxComputeWorkgroupStorageSize: number; maxComputeInvocationsPerWorkgroup: number; maxComputeWorkgroupSizeX: number },
  D: number,
  DV: number,
  prefer: BackwardTileOptions = {},
): TilePlanChoice {
  const rowBytes = (Math.ceil(D / 4) + Math.ceil(DV / 4) + 1) * 16;
  const maxInv = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  const keys = Math.max(1, Math.min(prefer.keys ?? 64, maxInv));
  const fit = Math.floor(limits.maxComputeWorkgroupStorageSize / rowBytes);
  if (fit < 1) throw new Error(`attnc: head dims D=${D}, DV=${DV} need ${rowBytes} bytes of workgroup storage per query row in the backward; the device allows ${limits.maxComputeWorkgroupStorageSize}`);
  const rows = Math.max(1, Math.min(prefer.rows ?? 32, fit));
  // as a TilePlanChoice for shaderHeader: blockQ is KEYS, blockKV is ROWS (skeleton-bwd.ts names them)
  return { blockQ: keys, blockKV: rows, keysPerStep: 1, split: 1, workgroupBytes: rows * rowBytes };
}

/** The storage buffers the key-major pass binds (q, k, v, aux, dk|dv, the inputs, tgrad), without
 * the per-row lengths (one more where the device allows it). */
export function backwardStorage(spec: { inputs: unknown[]; backward?: { tensorGrads: boolean } }): number {
  return 5 + spec.inputs.length + (spec.backward?.tensorGrads ? 1 : 0);
}

/** What createKernelWith shares with the backward (its closures over the kernel's device and spec). */
export interface BackwardCtx {
  D: number;
  DV: number;
  qkv: QkvStorage;
  /** the forward's tile plan (the dq pass walks its tiles) */
  tile: TilePlanChoice;
  backwardTile?: BackwardTileOptions;
  fail: (msg: string, code?: string) => never;
  header: (tile: TilePlanChoice, rowLengths: boolean, note: string) => string;
  pipelines: <T>(make: () => { value: T; shaders: { module: GPUShaderModule; code: string }[] }) => Promise<T>;
  validate: (tensors: Tensors, sizes: Sizes, own: string[]) => { z: Record<string, number>; need: [string, number][]; bufs: GPUBuffer[]; bytes: number[] };
  lengthsOf: (name: string, lens: Int32Array | undefined, B: number, max: number, fits: boolean) => Int32Array | undefined;
  recordFacts: (enc: GPUCommandEncoder, bufs: GPUBuffer[], z: Record<string, number>, need: [string, number][], bytes: number[], dst: GPUBuffer) => void;
  /** binds the row lengths of a call (binding 6) and writes them; null when the call gave none */
  lensBinding: (B: number, qLens?: Int32Array, kvLens?: Int32Array) => GPUBuffer;
  bound: (buf: GPUBuffer, bytes: number) => GPUBufferBinding;
}

export type BackwardFn = (tensors: BackwardTensors, grads: Gradients, sizes: Sizes, opts?: ForwardOptions) => void;

export async function createBackwardWith(spec: KernelSpec, device: GPUDevice, ctx: BackwardCtx): Promise<BackwardFn> {
  const bw = spec.backward!;
  const { D, DV, fail } = ctx;
  const softmax = spec.normalize === "softmax";
  const facts = spec.facts ?? [];
  const floats = spec.inputs.filter((t) => t.dtype === "f32");
  const maxStorage = device.limits.maxStorageBuffersPerShaderStage;
  // the dkdv pass binds q, k, v, aux, dk|dv, the inputs and (tensor gradients) tgrad; + 1 for the lengths
  const nStorage = backwardStorage(spec);
  if (nStorage > maxStorage) {
    const why = `the backward needs ${nStorage} storage buffers; the device allows ${maxStorage} (request more in requiredLimits: maxStorageBuffersPerShaderStage)`;
    return () => fail(why);
  }
  const rowLengths = nStorage + 1 <= maxStorage;
  const dqTile = { ...ctx.tile, keysPerStep: 1, split: 1 };
  const kvTile = backwardTilePlan(device.limits, D, DV, ctx.backwardTile);
  const dqCode = bw.dq === null ? null : ctx.header(dqTile, rowLengths, `${dqTile.blockQ} query rows x ${dqTile.blockKV} keys (dq pass)`) + bw.dq;
  const kvCode = ctx.header(kvTile, rowLengths, `${kvTile.blockQ} keys x ${kvTile.blockKV} query rows staged (dk, dv pass)`) + bw.dkdv;
  const sinkCode = bw.sink ? ctx.header(dqTile, rowLengths, `${dqTile.blockQ} query rows (sink pass)`) + bw.sink : null;
  const entry = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({ binding, visibility: 4, buffer: { type } });
  const gradLayout = (out: boolean) => device.createBindGroupLayout({
    entries: [
      entry(0, "uniform"), entry(1, "read-only-storage"), entry(2, "read-only-storage"), entry(3, "read-only-storage"),
      entry(4, "read-only-storage"), entry(5, "storage"),
      ...(rowLengths ? [entry(6, "read-only-storage")] : []),
      ...spec.inputs.map((_, i) => entry(7 + i, "read-only-storage")),
      ...(out ? [entry(7 + spec.inputs.length, "storage")] : []),
    ],
  });
  const { prep, dq, dkdv, sink } = await ctx.pipelines(() => {
    const pipe = (code: string, label: string, layout: GPUBindGroupLayout) => {
      const module = device.createShaderModule({ code, label: `attnc ${spec.name} ${label}` });
      const pipeline = device.createComputePipeline({ layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }), compute: { module, entryPoint: "main" } });
      return { module, code, pipeline, layout };
    };
    const prepLayout = device.createBindGroupLayout({
      entries: [entry(0, "uniform"), entry(1, "read-only-storage"), ...(softmax ? [entry(2, "read-only-storage"), entry(3, "read-only-storage")] : []), entry(4, "storage")],
    });
    const made = {
      prep: pipe(bw.prep, "backward prep", prepLayout),
      dq: dqCode === null ? null : pipe(dqCode, "backward dq", gradLayout(false)),
      dkdv: pipe(kvCode, "backward dk dv", gradLayout(bw.tensorGrads)),
      sink: sinkCode === null ? null : pipe(sinkCode, "backward sink", gradLayout(true)),
    };
    return { value: made, shaders: [made.prep, made.dkdv, ...(made.dq ? [made.dq] : []), ...(made.sink ? [made.sink] : [])] };
  });

  // uniforms: the forward's layout (64 bytes, the facts' counts), then where each f32 input's
  // gradient starts in tgrad (u32, 16 bytes per 4 inputs)
  const factBytes = 16 * Math.ceil(facts.length / 4);
  const uniform = device.createBuffer({ size: 64 + factBytes + 16 * Math.ceil(floats.length / 4), usage: 0x40 | 0x08 });
  const prepUniform = device.createBuffer({ size: 16, usage: 0x40 | 0x08 });
  const scratch: Record<string, GPUBuffer | null> = { aux: null, dkv: null, tgrad: null };
  const maxBinding = device.limits.maxStorageBufferBindingSize;
  /** the kernel's scratch buffer `name` of at least `bytes` (grown by replacing it) */
  const scratchOf = (name: string, bytes: number): GPUBuffer => {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    if (size > maxBinding) fail(`the backward's ${name} buffer needs ${size} bytes bound; the device allows ${maxBinding}`);
    const cur = scratch[name];
    if (cur && cur.size >= size) return cur;
    const buf = device.createBuffer({ size, usage: 0x80 | 0x08 | 0x04 }); // STORAGE | COPY_DST | COPY_SRC
    scratch[name] = buf;
    return buf;
  };

  return function backward(tensors: BackwardTensors, grads: Gradients, sizes: Sizes, opts: ForwardOptions = {}): void {
    if (opts.pageTable !== undefined || opts.pageSize !== undefined || opts.numPages !== undefined)
      fail("the backward does not take a page table (paged KV caches are for inference)", "E0409");
    const own = ["q", "k", "v", ...(softmax ? ["o", "lse"] : []), "dO"];
    const { z, need, bufs, bytes } = ctx.validate(tensors, sizes, own);
    const at = (name: string) => need.findIndex(([n]) => n === name);
    const bind = (name: string): GPUBufferBinding => ctx.bound(bufs[at(name)]!, bytes[at(name)]!);
    const B = z.B!, H = z.H!, H_KV = z.H_KV!, Q = z.Q_LEN!, KV = z.KV_LEN!;
    // the gradients: float32 of their tensors' shapes, written by the passes or copied (COPY_DST)
    const gradNeed: [string, GPUBuffer | undefined, number][] = [
      ["dq", grads?.dq, B * H * Q * D], ["dk", grads?.dk, B * H_KV * KV * D], ["dv", grads?.dv, B * H_KV * KV * DV],
      ...floats.map((t): [string, GPUBuffer | undefined, number] => [
        `inputs.${t.name}`, grads?.inputs?.[t.name], need[at(`inputs.${t.name}`)]![1],
      ]),
    ];
    for (const [name, buf, n] of gradNeed) {
      if (!buf || typeof buf.size !== "number") fail(`missing gradient buffer '${name}'${name.startsWith("inputs.") && grads?.inputs === undefined ? " (the f32 inputs' gradients go under 'inputs': { dq, dk, dv, inputs: { NAME: buffer } })" : ""}`);
      if (buf!.size < 4 * n) fail(`gradient buffer '${name}' has ${buf!.size} bytes; ${n} float32 elements (${4 * n} bytes) are needed`);
      if ((buf!.usage & 0x88) !== 0x88) fail(`gradient buffer '${name}' needs STORAGE and COPY_DST usage`);
      if (Math.max(4 * n, 4) > maxBinding) fail(`gradient buffer '${name}' needs ${4 * n} bytes bound; the device allows ${maxBinding}`);
    }
    const scale = opts.scale ?? 1 / Math.sqrt(D);
    if (!Number.isFinite(scale)) fail(`scale must be finite, got ${scale}`);
    const qLens = ctx.lengthsOf("qLens", opts.qLens, B, Q, rowLengths);
    const kvLens = ctx.lengthsOf("kvLens", opts.kvLens, B, KV, rowLengths);
    const maxGroups = device.limits.maxComputeWorkgroupsPerDimension;
    const qGroups = Math.ceil(Q / dqTile.blockQ), kvGroups = Math.ceil(KV / kvTile.blockQ);
    if (Math.max(qGroups, kvGroups, H, B) > maxGroups) fail(`dispatch (${Math.max(qGroups, kvGroups)}, ${H}, ${B}) exceeds ${maxGroups} workgroups per dimension`);

    const rows = B * H * Q;
    const row4 = Math.ceil(DV / 4) + 1;
    const aux = scratchOf("aux", rows * row4 * 16);
    const dkv = scratchOf("dkv", B * H_KV * KV * (D + DV) * 4);
    const gbase: number[] = [];
    let gtotal = 0;
    for (const [name, , n] of gradNeed.slice(3)) {
      gbase.push(gtotal);
      gtotal += n;
      if (gtotal > 2 ** 32 - 2) fail(`the tensor gradients (${name}) exceed 2^32 - 2 elements`);
    }
    const tgrad = bw.tensorGrads ? scratchOf("tgrad", gtotal * 4) : null;

    const u = new ArrayBuffer(uniform.size);
    new Int32Array(u, 0, 8).set([B, H, H_KV, Q, KV, D, DV, H / H_KV]);
    new Float32Array(u, 32, 4).set([scale, -Infinity, Infinity, NaN]);
    new Uint32Array(u, 48, 1).set([(qLens ? 1 : 0) | (kvLens ? 2 : 0)]);
    new Uint32Array(u, 64 + factBytes, gbase.length).set(gbase);
    device.queue.writeBuffer(uniform, 0, u);
    device.queue.writeBuffer(prepUniform, 0, new Uint32Array([rows, DV, 0, 0]));
    const lensBuf = rowLengths ? ctx.lensBinding(B, qLens, kvLens) : null;

    const enc = opts.encoder ?? device.createCommandEncoder({ label: `attnc ${spec.name} backward` });
    ctx.recordFacts(enc, bufs, z, need, bytes, uniform);
    if (tgrad) enc.clearBuffer(tgrad, 0, Math.ceil(gtotal / 4) * 16);
    else for (const [, buf, n] of gradNeed.slice(3)) if (n > 0) enc.clearBuffer(buf!, 0, 4 * n);
    const pass = (pipeline: GPUComputePipeline, layout: GPUBindGroupLayout, entries: GPUBindGroupEntry[], x: number, y: number, zz: number) => {
      const p = enc.beginComputePass();
      p.setPipeline(pipeline);
      p.setBindGroup(0, device.createBindGroup({ layout, entries }));
      p.dispatchWorkgroups(x, y, zz);
      p.end();
    };
    const gradEntries = (out: GPUBufferBinding) => [
      { binding: 0, resource: { buffer: uniform } },
      { binding: 1, resource: bind("q") }, { binding: 2, resource: bind("k") }, { binding: 3, resource: bind("v") },
      { binding: 4, resource: { buffer: aux, offset: 0, size: Math.max(16, rows * row4 * 16) } },
      { binding: 5, resource: out },
      ...(lensBuf ? [{ binding: 6, resource: { buffer: lensBuf } }] : []),
      ...spec.inputs.map((t, i) => ({ binding: 7 + i, resource: bind(`inputs.${t.name}`) })),
    ];
    if (rows > 0) {
      pass(prep.pipeline, prep.layout, [
        { binding: 0, resource: { buffer: prepUniform } },
        { binding: 1, resource: bind("dO") },
        ...(softmax ? [{ binding: 2, resource: bind("o") }, { binding: 3, resource: bind("lse") }] : []),
        { binding: 4, resource: { buffer: aux, offset: 0, size: Math.max(16, rows * row4 * 16) } },
      ], Math.min(Math.ceil(rows / 64), 65535), 1, 1);
      if (dq && KV > 0) pass(dq.pipeline, dq.layout, gradEntries(ctx.bound(grads.dq, 4 * rows * D)), qGroups, H, B);
      else enc.clearBuffer(grads.dq, 0, 4 * rows * D);
    }
    const nk = B * H_KV * KV;
    if (nk > 0) {
      pass(dkdv.pipeline, dkdv.layout, [
        ...gradEntries({ buffer: dkv, offset: 0, size: Math.max(16, Math.ceil(nk * (D + DV) / 4) * 16) }),
        ...(tgrad ? [{ binding: 7 + spec.inputs.length, resource: { buffer: tgrad, offset: 0, size: Math.max(16, Math.ceil(gtotal / 4) * 16) } }] : []),
      ], kvGroups, H_KV, B);
      enc.copyBufferToBuffer(dkv, 0, grads.dk, 0, 4 * nk * D);
      enc.copyBufferToBuffer(dkv, 4 * nk * D, grads.dv, 0, 4 * nk * DV);
    }
    // the sink's tensor gradients, per query row (binding 5 is bound to the dk|dv scratch, unread)
    if (sink && tgrad && rows > 0) {
      pass(sink.pipeline, sink.layout, [
        ...gradEntries({ buffer: dkv, offset: 0, size: Math.max(16, Math.ceil(nk * (D + DV) / 4) * 16) }),
        { binding: 7 + spec.inputs.length, resource: { buffer: tgrad, offset: 0, size: Math.max(16, Math.ceil(gtotal / 4) * 16) } },
      ], qGroups, H, B);
    }
    if (tgrad) gradNeed.slice(3).forEach(([, buf, n], i) => { if (n > 0) enc.copyBufferToBuffer(tgrad, 4 * gbase[i]!, buf!, 0, 4 * n); });
    if (!opts.encoder) device.queue.submit([enc.finish()]);
  };
}
