// Times attnc's WGSL kernels through Dawn on whatever adapter is found (the H100 via NVIDIA's Vulkan
// driver on the GPU machine): full, causal and sliding-window (1024, causal) attention at
// B = 1..4, H = 16, S = 4096, D = 64 and 128; GPU timestamps (median of REPS) when the adapter offers
// `timestamp-query`, wall clock otherwise. TFLOP/s count only unmasked work: 4 * B * H * D * pairs.
// Usage (GPU machine): . .gpu-kit/device-setup.sh && node bench/wgsl/bench.mjs .cache/wgsl-bench $OUT
// Env: SWEEP=1 tries tile plans on full B=4 per head dim first and uses the best; FMA_TFLOPS (default 64);
// DS, BS: head dims and batch sizes (default 64,128 and 1,2,4); REPS (default 10); S (default 4096).
import { pathToFileURL } from "node:url";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [kernels = ".cache/wgsl-bench", outDir = "."] = process.argv.slice(2);
const FMA = Number(process.env.FMA_TFLOPS ?? 64);
const REPS = Number(process.env.REPS ?? 10);
const H = 16, S = Number(process.env.S ?? 4096);
// DTYPE=f16: q, k, v as float16 buffers (createKernel's dtype "f16"; shader-f16 or the u32 fallback)
const DTYPE = process.env.DTYPE ?? "f32";
const { create } = await import(process.env.WEBGPU_INDEX ? pathToFileURL(process.env.WEBGPU_INDEX).href : "webgpu");
// keep the instance referenced: dawn.node crashes when it is garbage-collected under a live device
const gpu = (globalThis.attncDawnInstance = create([]));
const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
if (!adapter) { console.log("no adapter"); process.exit(1); }
const L = adapter.limits;
const names = ["maxComputeWorkgroupStorageSize", "maxComputeInvocationsPerWorkgroup", "maxComputeWorkgroupSizeX", "maxStorageBufferBindingSize", "maxBufferSize", "maxStorageBuffersPerShaderStage"];
const requiredLimits = Object.fromEntries(names.map((n) => [n, L[n]]));
const ts = adapter.features.has("timestamp-query");
const features = ["timestamp-query", "subgroups", "shader-f16"].filter((f) => adapter.features.has(f));
const device = await adapter.requestDevice({ requiredLimits, requiredFeatures: features });
device.onuncapturederror = (e) => console.log("uncaptured:", e.error.message);
const info = adapter.info;
const adapterName = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`.replace(/\s+/g, " ");
const log = [];
const say = (s) => { console.log(s); log.push(s); };
say(`adapter: ${adapterName}; timestamps: ${ts}; wg storage ${L.maxComputeWorkgroupStorageSize}, invocations ${L.maxComputeInvocationsPerWorkgroup}`);

const mods = {};
for (const v of ["full", "causal", "sliding_window"]) mods[v] = await import(pathToFileURL(join(kernels, `${v}.js`)).href);
const pairs = { full: (n) => n * n, causal: (n) => (n * (n + 1)) / 2, sliding_window: (n) => { let t = 0; for (let q = 0; q < n; q++) t += Math.min(q + 1, 1024); return t; } };

function rand(n, seed) { const a = new Float32Array(n); let x = seed >>> 0 || 1; for (let i = 0; i < n; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; a[i] = x / 4294967296 - 0.5; } return a; }
function buffer(data, usage = 0x80 | 0x08 | 0x04) { const b = device.createBuffer({ size: Math.max(4, data.byteLength), usage }); device.queue.writeBuffer(b, 0, data); return b; }
const half = (h) => { const s = h & 0x8000 ? -1 : 1, e = (h >>> 10) & 0x1f, m = h & 0x3ff; return e === 0x1f ? (m ? NaN : s * Infinity) : e === 0 ? s * m * 2 ** -24 : s * (1 + m / 1024) * 2 ** (e - 15); };
/** the input as the kernel sees it (rounded to float16 with DTYPE=f16) and its buffer */
function input(a) {
  if (DTYPE !== "f16") return { vals: a, buf: buffer(a) };
  const bits = mods.full.float16Bits(a);
  return { vals: Float32Array.from({ length: a.length }, (_, i) => half(bits[i])), buf: buffer(bits) };
}
async function read(b, n) { const rb = device.createBuffer({ size: n * 4, usage: 0x01 | 0x08 }); const e = device.createCommandEncoder(); e.copyBufferToBuffer(b, 0, rb, 0, n * 4); device.queue.submit([e.finish()]); await rb.mapAsync(1); const o = new Float32Array(rb.getMappedRange().slice(0)); rb.unmap(); rb.destroy(); return o; }

// correctness on this adapter first: causal attention, small, against float64 in JS
for (const D of [64, 128]) {
  const B = 1, Hs = 2, N = 300;
  const [qi, ki, vi] = [1, 2, 3].map((seed) => input(rand(B * Hs * N * D, seed)));
  const [q, k, v] = [qi.vals, ki.vals, vi.vals];
  const bufs = { q: qi.buf, k: ki.buf, v: vi.buf, o: buffer(new Float32Array(B * Hs * N * D)), lse: buffer(new Float32Array(B * Hs * N)) };
  const kern = await mods.causal.createKernel(device, { headDim: D, dtype: DTYPE });
  kern.forward(bufs, { B, H: Hs, H_KV: Hs, Q_LEN: N, KV_LEN: N, D });
  const o = await read(bufs.o, B * Hs * N * D);
  let err = 0;
  for (let h = 0; h < Hs; h++) for (let i = 0; i < N; i++) {
    const base = h * N * D; const w = []; let m = -Infinity;
    for (let j = 0; j <= i; j++) { let s = 0; for (let d = 0; d < D; d++) s += q[base + i * D + d] * k[base + j * D + d]; s /= Math.sqrt(D); w.push(s); m = Math.max(m, s); }
    let l = 0; for (let j = 0; j <= i; j++) { w[j] = Math.exp(w[j] - m); l += w[j]; }
    for (let d = 0; d < D; d++) { let acc = 0, mass = 0; for (let j = 0; j <= i; j++) { acc += w[j] * v[base + j * D + d]; mass += w[j] * Math.abs(v[base + j * D + d]); } err = Math.max(err, Math.abs(acc / l - o[base + i * D + d]) / (mass / l)); }
  }
  say(`check: causal B=1 H=2 S=300 D=${D} q/k/v ${kern.qkv} (tile ${JSON.stringify(kern.tile)}) vs float64: max rel error ${err.toExponential(2)} ${err <= 1e-4 ? "ok" : "FAIL"}`);
  for (const b of Object.values(bufs)) b.destroy();
}

const qs = ts ? device.createQuerySet({ type: "timestamp", count: 2 * REPS }) : null;
const qbuf = ts ? device.createBuffer({ size: 16 * REPS, usage: 0x200 | 0x04 }) : null; // QUERY_RESOLVE | COPY_SRC
async function time(kern, bufs, sizes) {
  kern.forward(bufs, sizes); // warm-up (and pipeline compile)
  await device.queue.onSubmittedWorkDone();
  const t0 = performance.now();
  for (let r = 0; r < REPS; r++) {
    const enc = device.createCommandEncoder();
    kern.forward(bufs, sizes, { encoder: enc, timestampWrites: ts ? { querySet: qs, beginningOfPassWriteIndex: 2 * r, endOfPassWriteIndex: 2 * r + 1 } : undefined });
    if (ts && r === REPS - 1) enc.resolveQuerySet(qs, 0, 2 * REPS, qbuf, 0);
    device.queue.submit([enc.finish()]);
  }
  await device.queue.onSubmittedWorkDone();
  const wall = (performance.now() - t0) / REPS;
  if (!ts) return { ms: wall, wall };
  const rb = device.createBuffer({ size: 16 * REPS, usage: 0x01 | 0x08 });
  const e = device.createCommandEncoder(); e.copyBufferToBuffer(qbuf, 0, rb, 0, 16 * REPS); device.queue.submit([e.finish()]);
  await rb.mapAsync(1); const t = new BigInt64Array(rb.getMappedRange().slice(0)); rb.unmap(); rb.destroy();
  const d = []; for (let r = 0; r < REPS; r++) d.push(Number(t[2 * r + 1] - t[2 * r]) / 1e6);
  d.sort((a, b) => a - b);
  return { ms: d[Math.floor(REPS / 2)], wall };
}

const cache = new Map();
function tensors(B, D) {
  const key = `${B}x${D}`;
  if (!cache.has(key)) {
    for (const [k, v] of cache) { for (const b of Object.values(v)) b.destroy(); cache.delete(k); }
    const n = B * H * S * D;
    cache.set(key, { q: input(rand(n, 11)).buf, k: input(rand(n, 12)).buf, v: input(rand(n, 13)).buf, o: buffer(new Float32Array(n)), lse: buffer(new Float32Array(B * H * S)) });
  }
  return cache.get(key);
}

// best plan per head dim: SWEEP=1 tries the plans below on full attention at B=4 (split = invocations per row)
const best = { 64: {}, 128: {} };
const SWEEPS = {
  64: [{ blockQ: 128, blockKV: 32, keysPerStep: 4, split: 1 }, { blockQ: 64, blockKV: 32, keysPerStep: 4, split: 2 }, { blockQ: 128, blockKV: 32, keysPerStep: 4, split: 2 }, { blockQ: 256, blockKV: 64, keysPerStep: 4, split: 1 }],
  128: [{ blockQ: 128, blockKV: 32, keysPerStep: 4, split: 1 }, { blockQ: 64, blockKV: 32, keysPerStep: 4, split: 2 }, { blockQ: 128, blockKV: 32, keysPerStep: 4, split: 2 }, { blockQ: 128, blockKV: 16, keysPerStep: 4, split: 2 }, { blockQ: 64, blockKV: 16, keysPerStep: 4, split: 2 }, { blockQ: 128, blockKV: 32, keysPerStep: 8, split: 2 }, { blockQ: 256, blockKV: 16, keysPerStep: 4, split: 2 }],
};
if (process.env.SWEEP === "1") {
  for (const D of [64, 128]) {
    const B = 4, sizes = { B, H, H_KV: H, Q_LEN: S, KV_LEN: S, D };
    let bestT = Infinity;
    for (const plan of SWEEPS[D]) {
      const kern = await mods.full.createKernel(device, { headDim: D, dtype: DTYPE, ...plan });
      const r = await time(kern, tensors(B, D), sizes);
      const tf = (4 * B * H * D * pairs.full(S)) / (r.ms * 1e9);
      say(`sweep full D=${D} B=${B} ${JSON.stringify(kern.tile)}: ${r.ms.toFixed(2)} ms ${tf.toFixed(1)} TFLOP/s`);
      if (r.ms < bestT) { bestT = r.ms; best[D] = plan; }
    }
    say(`sweep best D=${D}: ${JSON.stringify(best[D])}`);
  }
}

const rows = [];
const DS = (process.env.DS ?? "64,128").split(",").map(Number);
const BS = (process.env.BS ?? "1,2,4").split(",").map(Number);
for (const D of DS) for (const B of BS) for (const v of ["full", "causal", "sliding_window"]) {
  const sizes = { B, H, H_KV: H, Q_LEN: S, KV_LEN: S, D };
  const kern = await mods[v].createKernel(device, { headDim: D, dtype: DTYPE, ...best[D] });
  const r = await time(kern, tensors(B, D), sizes);
  const tf = (4 * B * H * D * pairs[v](S)) / (r.ms * 1e9);
  const row = { variant: v, B, H, S, D, qkv: kern.qkv, tile: kern.tile, ms: r.ms, wall_ms: r.wall, tflops: tf, fraction: tf / FMA };
  rows.push(row);
  say(`${v.padEnd(15)} D=${D} B=${B}: ${r.ms.toFixed(2)} ms (wall ${r.wall.toFixed(2)})  ${tf.toFixed(1)} TFLOP/s  ${(100 * tf / FMA).toFixed(1)}% of FMA  tile ${kern.tile.blockQ}x${kern.tile.blockKV}/${kern.tile.keysPerStep} split ${kern.tile.split}`);
}
const suffix = DTYPE === "f32" ? "" : `-${DTYPE}`;
writeFileSync(join(outDir, `wgsl-bench${suffix}.json`), JSON.stringify({ adapter: adapterName, timestamps: ts, fmaCeiling: FMA, reps: REPS, best, rows }, null, 2));
writeFileSync(join(outDir, `wgsl-bench${suffix}.log`), log.join("\n") + "\n");
process.exit(0);
