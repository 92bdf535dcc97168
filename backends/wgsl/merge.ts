/// <reference types="@webgpu/types" />
/**
 * The lse merge on WebGPU (issue #13; docs/language.md § 9, "Merging"): `createMerge(device)` in
 * every softmax program's host module builds a kernel that combines N partial results (o_i, lse_i)
 * of the same query rows over disjoint key sets into the softmax over their union, per row:
 *
 *     lse = log Σ_i exp(lse_i)          o = Σ_i exp(lse_i - lse) · o_i
 *
 * with the special values of backends/ts/merge.ts (`mergePartials`): a partial with lse_i = -inf saw
 * nothing of the row and adds nothing (whatever its o holds), a row no partial saw is o = 0,
 * lse = -inf, and a NaN or +inf lse_i makes the row NaN (o and lse). The kernel does not depend on
 * the program; sigmoid and none programs have no lse and no merge.
 *
 * Contract: `merge(parts, out, { rows, DV })` takes each partial as its own pair of buffers (o_i
 * [rows, DV], lse_i [rows], float32: what `forward` writes, with COPY_SRC usage), copies them into
 * two stacked buffers of the merge's own ([N, rows, DV] and [N, rows]: WebGPU's default of 8
 * storage buffers per stage could bind only 3 partials directly) and runs one pass, one invocation
 * per output element, in float32 (within a few float32 roundings of the float64 reference,
 * relative to the row's mass; the weights are normalized before they multiply o, so o_i near
 * float32's maximum do not overflow the sum). Everything is checked before anything is recorded; `out`
 * may be a partial's own buffers (the partials are copied first). Sizes go in a uniform buffer of
 * each call's own, so any number of merges may be recorded into one encoder.
 *
 * Like host-runtime.ts's functions these three are self-contained (no imports, no module-level values,
 * usage flags as numbers): host-module.ts copies their source text into the emitted module.
 */

export interface MergePart {
  /** [rows, DV] float32 */
  o: GPUBuffer;
  /** [rows] float32 (natural log) */
  lse: GPUBuffer;
}

export interface Merge {
  /** the WGSL source of the merge pass */
  readonly code: string;
  /** merges `parts` into `out` (throws, recording nothing, on a bad size or buffer) */
  merge(parts: MergePart[], out: MergePart, sizes: { rows: number; DV: number }, opts?: { encoder?: GPUCommandEncoder }): void;
}

/** The merge pass: one invocation per element (r, c) of o, grid-stride over rows * DV. */
export function mergeShaderSource(): string {
  return `// attnc: the lse merge of N partial results (docs/language.md § 9, "Merging"); generated, do not edit.
struct MergeUniforms { n: u32, rows: u32, dv: u32, neg_inf: f32, nan: f32 }
@group(0) @binding(0) var<uniform> mu: MergeUniforms;
@group(0) @binding(1) var<storage, read> o_parts: array<f32>;   // [n, rows, dv]
@group(0) @binding(2) var<storage, read> lse_parts: array<f32>; // [n, rows]
@group(0) @binding(3) var<storage, read_write> o: array<f32>;   // [rows, dv]
@group(0) @binding(4) var<storage, read_write> lse: array<f32>; // [rows]

// special values by their bits (a shader compiler may assume floats are finite in comparisons)
fn is_nan_or_pos_inf(x: f32) -> bool { let b = bitcast<u32>(x); return (b & 0x7fffffffu) > 0x7f800000u || b == 0x7f800000u; }
fn is_neg_inf(x: f32) -> bool { return bitcast<u32>(x) == 0xff800000u; }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let total_elems = mu.rows * mu.dv;
  for (var e = gid.x; e < total_elems; e += nwg.x * 64u) {
    let r = e / mu.dv;
    let c = e % mu.dv;
    // the largest lse; a NaN or +inf one (that partial's row had a NaN or +inf score) makes the row NaN
    var m = mu.neg_inf;
    var bad = false;
    for (var i = 0u; i < mu.n; i++) {
      let x = lse_parts[i * mu.rows + r];
      if (is_nan_or_pos_inf(x)) { bad = true; } else if (!is_neg_inf(x)) { m = max(m, x); }
    }
    if (bad || is_neg_inf(m)) { // a NaN row, or a row no partial saw: o = 0, lse = -inf
      o[e] = select(0.0f, mu.nan, bad);
      if (c == 0u) { lse[r] = select(mu.neg_inf, mu.nan, bad); }
      continue;
    }
    var total = 0.0f; // >= 1: the largest partial's weight is exp(0)
    for (var i = 0u; i < mu.n; i++) {
      let x = lse_parts[i * mu.rows + r];
      if (!is_neg_inf(x)) { total = total + exp(x - m); }
    }
    // a convex combination (weights exp(lse_i - lse) summing to 1): no overflow where |o_i| is finite
    var acc = 0.0f;
    for (var i = 0u; i < mu.n; i++) {
      let x = lse_parts[i * mu.rows + r];
      if (is_neg_inf(x)) { continue; } // saw nothing of the row: adds nothing, whatever its o holds
      acc = acc + (exp(x - m) / total) * o_parts[(i * mu.rows + r) * mu.dv + c];
    }
    o[e] = acc;
    if (c == 0u) { lse[r] = m + log(total); }
  }
}
`;
}

/** Stacked partials or a result: float32 bindings o and lse. */
export interface MergeBindings {
  o: GPUBufferBinding;
  lse: GPUBufferBinding;
}

/**
 * The merge pass on `device` (created synchronously: a creation error lands in the caller's error
 * scope) and `record`, which records one pass of `n` stacked partials (o [n, rows, DV], lse
 * [n, rows]) into `out`, with a uniform buffer of its own (any number of passes per encoder). Used by
 * `createMergeWith` and by split-KV forwards (host-runtime.ts).
 */
export function mergePass(device: GPUDevice): {
  code: string;
  module: GPUShaderModule;
  record(enc: GPUCommandEncoder, n: number, rows: number, DV: number, parts: MergeBindings, out: MergeBindings): void;
} {
  const code = mergeShaderSource();
  const module = device.createShaderModule({ code, label: "attnc merge" });
  const e = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({ binding, visibility: 4, buffer: { type } });
  const layout = device.createBindGroupLayout({ entries: [e(0, "uniform"), e(1, "read-only-storage"), e(2, "read-only-storage"), e(3, "storage"), e(4, "storage")] });
  const pipeline = device.createComputePipeline({ layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }), compute: { module, entryPoint: "main" } });
  function record(enc: GPUCommandEncoder, n: number, rows: number, DV: number, parts: MergeBindings, out: MergeBindings): void {
    const uniform = device.createBuffer({ size: 32, usage: 0x40, mappedAtCreation: true }); // UNIFORM
    const u = uniform.getMappedRange();
    new Uint32Array(u, 0, 3).set([n, rows, DV]);
    new Float32Array(u, 12, 2).set([-Infinity, NaN]);
    uniform.unmap();
    const group = device.createBindGroup({
      layout,
      entries: [
        { binding: 0, resource: { buffer: uniform } },
        { binding: 1, resource: parts.o }, { binding: 2, resource: parts.lse },
        { binding: 3, resource: out.o }, { binding: 4, resource: out.lse },
      ],
    });
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(Math.min(Math.ceil((rows * DV) / 64), device.limits.maxComputeWorkgroupsPerDimension));
    pass.end();
  }
  return { code, module, record };
}

/** Builds the merge pipeline on `device` (async: a shader error is thrown as E0901, a bug in attnc). */
export async function createMergeWith(device: GPUDevice): Promise<Merge> {
  const fail = (msg: string): never => {
    throw new Error(`attnc merge: ${msg}`);
  };
  device.pushErrorScope("validation");
  const pass = mergePass(device);
  const err = await device.popErrorScope();
  for (const m of (await pass.module.getCompilationInfo()).messages)
    if (m.type === "error") fail(`error[E0901]: internal compiler error: WGSL compile error at merge shader line ${m.lineNum}:${m.linePos}: ${m.message}`);
  if (err) fail(`error[E0901]: internal compiler error: pipeline creation failed: ${err.message}`);
  // the stacked partials, grown by replacing them (an old one stays valid for a merge recorded but not submitted)
  let oStack: GPUBuffer | null = null;
  let lseStack: GPUBuffer | null = null;

  function merge(parts: MergePart[], out: MergePart, sizes: { rows: number; DV: number }, opts: { encoder?: GPUCommandEncoder } = {}): void {
    const { rows, DV } = sizes ?? ({} as { rows: number; DV: number });
    if (!Array.isArray(parts) || parts.length < 1) fail("needs at least one partial result (an array of { o, lse } buffers)");
    if (!(Number.isInteger(rows) && rows >= 0 && Number.isInteger(DV) && DV >= 1)) fail(`sizes must be integers rows >= 0 and DV >= 1, got rows ${rows}, DV ${DV}`);
    const N = parts.length;
    const maxBinding = device.limits.maxStorageBufferBindingSize;
    if (N * rows * DV * 4 > maxBinding) fail(`${N} partials of ${rows} x ${DV} values need ${N * rows * DV * 4} bytes bound; the device allows ${maxBinding}`);
    const check = (buf: GPUBuffer | undefined, name: string, n: number, usage: number, usageName: string) => {
      if (!buf || typeof buf.size !== "number") fail(`missing buffer '${name}'`);
      if (buf!.size < n * 4) fail(`buffer '${name}' has ${buf!.size} bytes; ${n} float32 values (${n * 4} bytes) are needed`);
      if ((buf!.usage & usage) === 0) fail(`buffer '${name}' lacks ${usageName} usage`);
    };
    parts.forEach((p, i) => {
      check(p?.o, `parts[${i}].o`, rows * DV, 0x04, "COPY_SRC");
      check(p?.lse, `parts[${i}].lse`, rows, 0x04, "COPY_SRC");
    });
    check(out?.o, "out.o", rows * DV, 0x80, "STORAGE");
    check(out?.lse, "out.lse", rows, 0x80, "STORAGE");
    if (rows === 0) return;
    const oBytes = rows * DV * 4, lseBytes = rows * 4;
    if (!oStack || oStack.size < N * oBytes) oStack = device.createBuffer({ size: N * oBytes, usage: 0x80 | 0x08 }); // STORAGE | COPY_DST
    if (!lseStack || lseStack.size < N * lseBytes) lseStack = device.createBuffer({ size: N * lseBytes, usage: 0x80 | 0x08 });
    const enc = opts.encoder ?? device.createCommandEncoder({ label: "attnc merge" });
    parts.forEach((p, i) => {
      enc.copyBufferToBuffer(p.o, 0, oStack!, i * oBytes, oBytes);
      enc.copyBufferToBuffer(p.lse, 0, lseStack!, i * lseBytes, lseBytes);
    });
    pass.record(
      enc, N, rows, DV,
      { o: { buffer: oStack!, offset: 0, size: N * oBytes }, lse: { buffer: lseStack!, offset: 0, size: N * lseBytes } },
      { o: { buffer: out.o, offset: 0, size: oBytes }, lse: { buffer: out.lse, offset: 0, size: lseBytes } },
    );
    if (!opts.encoder) device.queue.submit([enc.finish()]);
  }
  return { code: pass.code, merge };
}
