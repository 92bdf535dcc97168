/**
 * Builds the data set with which the GPU harness checks every example (and random programs from
 * the foundation's arbitraries) against the float64 oracle: per case, the generated kernel, the
 * run-time tensors, and the oracle's o, lse and mass (the error scale of tests/oracle/compare.ts).
 *
 * q, k, v are not stored: they are `hashValue(i, seed)`, multiples of 1/64 in [-255/64, 255/64],
 * exact in bf16 and fp16, recomputed identically on the GPU machine (check_examples.py), so the
 * oracle runs on exactly the rounded inputs. The numeric edge cases of docs/language.md § 9
 * (tests/oracle/edge-cases.ts: NaN/+inf scores, NaN in q and tensors, NaN/inf in k of masked keys,
 * v near float32's maximum) store q, k, v as bfloat16 bits (`qkv: "stored"`; every such value is
 * exact in bf16, and in each of the case's `dtypes`, the only ones it is checked in) and their mass as
 * bfloat16 bits rounded up (it is NaN in NaN rows and beyond fp16's range with large v).
 * Usage: node <built gen-oracle.js> OUTDIR
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";
import { renderRunner } from "../../backends/cuda/runner.js";
import { lowerSource } from "../../compiler/pipeline.js";
import type { Sizes } from "../../compiler/ir/program.js";
import { CASES, type Vars } from "../../tests/examples/cases.js";
import { oracle } from "../../tests/oracle/oracle.js";
import { oracleBackward } from "../../tests/oracle/backward.js";
import { genProgram } from "../../tests/arbitraries/program.js";
import { genData } from "../../tests/arbitraries/data.js";
import { EDGE_CASES } from "../../tests/oracle/edge-cases.js";
import { paginate } from "../../tests/arbitraries/pages.js";
import { Rng } from "../../tests/arbitraries/rng.js";

export function hashValue(i: number, seed: number): number {
  let h = (Math.imul(i, 2654435761 | 0) + seed) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x45d9f3b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return ((h % 511) - 255) / 64;
}

const hashed = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => hashValue(i, seed));
const f32 = (a: ArrayLike<number>) => Buffer.from(Float32Array.from(a).buffer);
const i32 = (a: ArrayLike<number>) => Buffer.from(Int32Array.from(a).buffer);
/** bfloat16 bits of values exact in bfloat16 (throws on any other) */
function bf16(a: Float32Array): Buffer {
  const bits = new Uint32Array(a.buffer, a.byteOffset, a.length);
  if (bits.some((b) => (b & 0xffff) !== 0 && (b & 0x7f800000) !== 0x7f800000)) throw new Error("a value is not exact in bfloat16");
  return Buffer.from(Uint16Array.from(bits, (b) => ((b & 0x7f800000) === 0x7f800000 && b & 0x7fffff ? 0x7fc0 : b >>> 16)).buffer);
}
/** bfloat16 bits of a mass (>= 0 or NaN), rounded up (an error scale: never below the value) */
function bf16Up(a: ArrayLike<number>): Buffer {
  const bits = new Uint32Array(Float32Array.from(a).buffer);
  return Buffer.from(Uint16Array.from(bits, (b) => (b & 0x7fffffff) > 0x7f800000 ? 0x7fc0 : (b >>> 16) + ((b & 0xffff) !== 0 ? 1 : 0)).buffer);
}
/** float16 bits of x rounded up in magnitude (the mass is only an error scale; never rounded to 0) */
function f16(a: ArrayLike<number>): Buffer {
  const out = new Uint16Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = Math.min(Math.abs(a[i]!), 65504);
    if (x < 2 ** -14) { out[i] = Math.min(0x3ff, Math.ceil(x / 2 ** -24)); continue; }
    const e = Math.floor(Math.log2(x));
    const m = Math.min(1024, Math.ceil((x / 2 ** e - 1) * 1024));
    out[i] = m === 1024 ? ((e + 16) << 10) : ((e + 15) << 10) | m;
  }
  return Buffer.from(out.buffer);
}

const out = process.argv[2] ?? ".cache/cuda-oracle";
const RUNNER_CASES = new Set(["case01-causal", "case07-document-causal", "paged-causal-bottom-right-decode-p16"]);
mkdirSync(out, { recursive: true });
const manifest: object[] = [];

/** `edge`: q, k, v given (stored as bfloat16, with the mass), checked only in `dtypes`; `lens`: per-row
 * lengths (ID.q_lens.bin, ID.kv_lens.bin; the varlen entry point); `pages`: a paged KV cache (ID.page_table.bin,
 * and k, v stored as the pages; edge's k and v are the dense ones they hold, for the oracle; the paged entry
 * point), and `expectRc`: the error code the call must return instead */
function emit(
  id: string, source: string, file: string, params: Record<string, string>, sizes: Sizes, tensors: Record<string, ArrayLike<number>>,
  edge?: { q: Float32Array; k: Float32Array; v: Float32Array; dtypes: string[]; noBackward?: boolean },
  lens?: { q: Int32Array; kv: Int32Array },
  pages?: { table: Int32Array; size: number; k: Float32Array; v: Float32Array; expectRc?: number },
) {
  const [ir] = lowerSource(source, file, { params });
  // the backward (head dims up to 128) on finite inputs of moderate size: NaN or inf in q, k or v
  // reaches other entries' gradients through the tensor cores' 0 · x (as v does o), and v near
  // float32's maximum overflows dP = dO · v
  const finite = (a: ArrayLike<number>) => Array.prototype.every.call(a, (x: number) => Math.abs(x) <= 4);
  // (per-row length cases: NaN only in the padding, which no gradient reads; no backward with pages)
  const withBackward = sizes.D <= 128 && !pages && (!edge || (!edge.noBackward && (lens !== undefined || (finite(edge.q) && finite(edge.k) && finite(edge.v)))));
  // head dims 64 and 128 are instantiated by default; the larger ones only with --head-dim
  const plan = cudaPlans(source, file, { params, headDim: sizes.D > 128 ? sizes.D : undefined, backward: withBackward })[0]!;
  const [cu] = compileCuda(plan).files;
  writeFileSync(`${out}/${id}.cu`, cu!.contents);
  // the `attnc run --target cuda` host program, checked end to end on two cases
  if (RUNNER_CASES.has(id)) writeFileSync(`${out}/${id}.runner.cu`, renderRunner(plan, `${id}.cu`));
  const seed = manifest.length * 7 + 1;
  const data = edge ?? {
    q: hashed(sizes.B * sizes.H * sizes.Q_LEN * sizes.D, seed),
    k: hashed(sizes.B * sizes.H_KV * sizes.KV_LEN * sizes.D, seed + 1),
    v: hashed(sizes.B * sizes.H_KV * sizes.KV_LEN * sizes.DV, seed + 2),
  };
  const ref = oracle(ir!, { ...data, tensors }, sizes, undefined, false, lens);
  if (lens) for (const t of ["q_lens", "kv_lens"] as const) writeFileSync(`${out}/${id}.${t}.bin`, i32(lens[t === "q_lens" ? "q" : "kv"]));
  for (const d of plan.inputs) writeFileSync(`${out}/${id}.${d.name}.bin`, d.dtype === "i32" ? i32(tensors[d.name]!) : f32(tensors[d.name]!));
  if (edge) for (const t of ["q", "k", "v"] as const) writeFileSync(`${out}/${id}.${t}.bin`, bf16(pages && t !== "q" ? pages[t] : edge[t]));
  if (pages) writeFileSync(`${out}/${id}.page_table.bin`, i32(pages.table));
  writeFileSync(`${out}/${id}.o.bin`, f32(ref.o));
  writeFileSync(`${out}/${id}.mass.bin`, edge ? bf16Up(ref.mass) : f16(ref.mass));
  if (ref.lse) writeFileSync(`${out}/${id}.lse.bin`, f32(ref.lse));
  let backward: object | undefined;
  if (withBackward) {
    // dO hashed from seed + 3 (exact in bf16 and fp16); the oracle's gradients and their masses
    const dO = hashed(sizes.B * sizes.H * sizes.Q_LEN * sizes.DV, seed + 3);
    const g = oracleBackward(ir!, { ...data, tensors }, dO, sizes, undefined, lens);
    const grads: [string, Float64Array, Float64Array][] = [
      ["dq", g.dq, g.mass.dq], ["dk", g.dk, g.mass.dk], ["dv", g.dv, g.mass.dv],
      ...Object.keys(g.dTensors).map((n): [string, Float64Array, Float64Array] => [`d_${n}`, g.dTensors[n]!, g.mass.dTensors[n]!]),
    ];
    for (const [n, ref, mass] of grads) {
      writeFileSync(`${out}/${id}.${n}.bin`, f32(ref));
      writeFileSync(`${out}/${id}.${n}.mass.bin`, f32(mass));
    }
    backward = { fn: `attnc_${cu!.path.replace(/\.cu$/, "")}_backward`, grads: Object.keys(g.dTensors) };
  }
  manifest.push({
    id, file, params, fn: `attnc_${cu!.path.replace(/\.cu$/, "")}_forward`, sizes, seed, normalize: plan.normalize,
    tensors: plan.inputs.map((d) => ({ name: d.name, dtype: d.dtype })),
    ...(edge ? { qkv: "stored", dtypes: edge.dtypes } : {}),
    ...(lens ? { lens: true } : {}),
    ...(pages ? { pages: { size: pages.size, num: pages.k.length / (sizes.H_KV * pages.size * sizes.D) } } : {}),
    ...(pages?.expectRc !== undefined ? { expect_rc: pages.expectRc } : {}),
    ...(backward ? { backward } : {}),
  });
}

// every example at D 64 or 128 (alternating); a few again at the on-request head dims 192 and 256
const LARGE: Record<string, number> = { causal: 256, alibi: 256, "document-causal": 256, "neighborhood-2d": 256, "sigmoid-attention": 256, "sliding-window": 192, softcap: 192 };
[...CASES.map((c, i) => ({ c, i, D: i % 2 === 0 ? 64 : 128 })), ...CASES.flatMap((c, i) => (LARGE[c.file] ? [{ c, i, D: LARGE[c.file]! }] : []))].forEach(({ c, i, D }) => {
  const file = `examples/${c.file}.attn`;
  const base = c.sizes?.Q_LEN ? {} : { Q_LEN: 130, KV_LEN: 130 };
  const z: Vars = { b: 0, h: 0, q: 0, kv: 0, B: 2, H: 4, H_KV: 2, Q_LEN: 24, KV_LEN: 24, D, ...c.sizes, ...base };
  const sizes: Sizes = { B: z.B, H: z.H, H_KV: z.H_KV, Q_LEN: z.Q_LEN, KV_LEN: z.KV_LEN, D, DV: D };
  const params = Object.fromEntries(Object.entries(c.params ?? {}).map(([k, v]) => [k, String(v)]));
  const tensors = Object.fromEntries(Object.entries(c.inputs?.(z) ?? {}).map(([k, t]) => [k, t.data]));
  emit(`case${String(i).padStart(2, "0")}-${c.file}${D > 128 ? `-d${D}` : ""}`, readFileSync(file, "utf8"), file, params, sizes, tensors);
});

for (let seed = 1; seed <= 16; seed++) {
  const g = genProgram(seed);
  const sizes: Sizes = { B: 2, H: 4, H_KV: 2, Q_LEN: 40 + 11 * seed, KV_LEN: 170 - 7 * seed, D: seed % 2 ? 64 : 128, DV: seed % 2 ? 64 : 128 };
  const data = genData(seed, sizes, g.tensors, 1);
  emit(`random${String(seed).padStart(2, "0")}`, g.source, `random-${seed}.attn`, {}, sizes, data.tensors);
}
// a CUDA fixture for paths the examples do not reach: key-column reads with an index temporary, a
// read indexed by another read, and a float column in the score (both head dims)
for (const D of [64, 128]) {
  const file = "tests/cuda/fixtures/column-reads.attn";
  const sizes: Sizes = { B: 2, H: 4, H_KV: 2, Q_LEN: 150, KV_LEN: 150, D, DV: D };
  const rows = (len: number, f: (i: number, b: number) => number) => Array.from({ length: sizes.B * len }, (_, i) => f(i % len, Math.floor(i / len)));
  emit(`fixture-column-reads-d${D}`, readFileSync(file, "utf8"), file, {}, sizes, {
    doc: rows(sizes.Q_LEN, (i, b) => Math.floor(i / (37 + b))),
    perm: rows(sizes.KV_LEN, (i) => (i * 7 + 3) % sizes.KV_LEN),
    tab: Array.from({ length: sizes.B * sizes.KV_LEN * sizes.KV_LEN }, (_, i) => (hashValue(i, 5) > -3 ? 1 : 0)),
    w: rows(sizes.KV_LEN, (i, b) => hashValue(i + 1000 * b, 9) / 4),
  });
}
// the numeric edge cases: at their own shape (40 keys, one key tile) with D = 128, and at 200 keys (several
// tiles: NaN rows must stay NaN through rescales, masked NaN keys inside a later partial tile) with D = 64
for (const c of EDGE_CASES.filter((x) => x.dtypes.length > 0)) {
  for (const [D, len] of [[128, c.shape.Q_LEN], [64, 200]] as const) {
    const sizes: Sizes = { ...c.shape, Q_LEN: len, KV_LEN: len, D, DV: D };
    const d = c.make(sizes);
    emit(`edge-${c.id}-d${D}`, c.source, `${c.id}.attn`, {}, sizes, d.tensors, { q: d.q, k: d.k, v: d.v, dtypes: c.dtypes, noBackward: c.gpuBackwardLimit });
  }
}
/** q, k or v ([B, heads, len, width]) hashed from seed s, NaN at positions past keep[b] (the row's
 * length; none: every position kept), which no kernel may read into a result */
function padded(sizes: Sizes, heads: number, len: number, width: number, keep: Int32Array | undefined, s: number): Float32Array {
  return Float32Array.from({ length: sizes.B * heads * len * width }, (_, i) => {
    const b = Math.floor(i / (heads * len * width)), pos = Math.floor(i / width) % len;
    return !keep || pos < keep[b]! ? hashValue(i, s) : Number.NaN;
  });
}
// per-row lengths (docs/language.md § 10): lengths 0, 1, the padded length and between, a decode shape
// (a few query rows, long padded keys) and a prefill one; k and v past each row's kv_len are NaN (keys
// past kv_len must never be read into P V) and q past q_len too. GQA; both head dims
const VARLEN: [string, Sizes, number[], number[]][] = [
  ["decode", { B: 4, H: 8, H_KV: 2, Q_LEN: 4, KV_LEN: 700, D: 128, DV: 128 }, [1, 4, 2, 0], [700, 1, 333, 64]],
  ["prefill", { B: 4, H: 4, H_KV: 2, Q_LEN: 150, KV_LEN: 150, D: 64, DV: 64 }, [150, 1, 0, 77], [150, 17, 5, 0]],
];
// (gpt-oss-sinks: a row with kv_len 0 still has its sink: o = 0, lse = sinks[h])
for (const [file, params] of [["causal-bottom-right", {}], ["causal", {}], ["sliding-window", { window: "37" }], ["softcap", { cap: "5" }], ["alibi", {}], ["document-causal", {}], ["gpt-oss-sinks", { window: "37" }]] as const) {
  for (const [shape, sizes, ql, kl] of VARLEN) {
    if (file === "document-causal" && sizes.Q_LEN < sizes.KV_LEN) continue; // doc[b, kv] is declared [B, Q_LEN]
    const lens = { q: Int32Array.from(ql), kv: Int32Array.from(kl) };
    const seed = 900 + manifest.length;
    const mk = (heads: number, len: number, width: number, keep: Int32Array, s: number) => padded(sizes, heads, len, width, keep, s);
    const qkv = { q: mk(sizes.H, sizes.Q_LEN, sizes.D, lens.q, seed), k: mk(sizes.H_KV, sizes.KV_LEN, sizes.D, lens.kv, seed + 1), v: mk(sizes.H_KV, sizes.KV_LEN, sizes.DV, lens.kv, seed + 2) };
    const tensors: Record<string, ArrayLike<number>> = {};
    if (file === "alibi") tensors.slopes = Array.from({ length: sizes.H }, (_, h) => 2 ** (-8 * (h + 1) / sizes.H));
    if (file === "gpt-oss-sinks") tensors.sinks = Array.from({ length: sizes.H }, (_, h) => [0.5, -2, 3, 1.25][h % 4]!);
    if (file === "document-causal") tensors.doc = Array.from({ length: sizes.B * sizes.Q_LEN }, (_, i) => Math.floor((i % sizes.Q_LEN) / 40));
    emit(`varlen-${file}-${shape}`, readFileSync(`examples/${file}.attn`, "utf8"), `examples/${file}.attn`, params, sizes, tensors,
      { ...qkv, dtypes: ["bf16", "f16"] }, lens);
  }
}
// paged KV (docs/language.md § 10): k and v in pages [NUM_PAGES, H_KV, PAGE, D] as tests/arbitraries/pages.ts
// lays them out (shuffled; row 1 sharing row 0's first pages; ids past a row's kv_len garbage, -1 or 2^30;
// NaN in pages no row reads), with NaN past each row's kv_len in its last page and past q_len in q (never
// read into P V); pages of 16 and 64 keys (32 and 128 once each), GQA, per-row lengths, decode (q_lens 1..4)
// and prefill, both head dims; the document mask's D = 128 plan is the warp-specialized one, whose paged
// calls run the sm_80 kernel. One case without lengths, and one whose table names a page outside k for a
// key a row reads: the entry point returns ATTNC_ERR_PAGE (8) and launches nothing
const PAGED_SHAPES: Record<string, [Sizes, number[] | null, number[] | null]> = {
  decode: [{ B: 4, H: 8, H_KV: 2, Q_LEN: 4, KV_LEN: 768, D: 128, DV: 128 }, [1, 4, 2, 3], [768, 1, 333, 64]],
  prefill: [{ B: 3, H: 4, H_KV: 2, Q_LEN: 192, KV_LEN: 192, D: 64, DV: 64 }, [192, 77, 5], [192, 150, 5]],
  prefill128: [{ B: 3, H: 4, H_KV: 2, Q_LEN: 192, KV_LEN: 192, D: 128, DV: 128 }, [192, 100, 30], [192, 129, 30]],
  dense: [{ B: 2, H: 8, H_KV: 2, Q_LEN: 16, KV_LEN: 768, D: 128, DV: 128 }, null, null],
};
const PAGED: [string, Record<string, string>, keyof typeof PAGED_SHAPES, number, boolean?][] = [
  ["causal-bottom-right", {}, "decode", 16], ["causal-bottom-right", {}, "decode", 64], ["causal-bottom-right", {}, "prefill", 16],
  ["causal-bottom-right", {}, "prefill", 64], ["sliding-window", { window: "37" }, "decode", 16], ["sliding-window", { window: "37" }, "prefill", 64],
  ["alibi", {}, "decode", 64], ["alibi", {}, "prefill", 16], ["softcap", { cap: "5" }, "prefill", 16], ["document-causal", {}, "prefill128", 32],
  ["full", {}, "dense", 128], ["causal-bottom-right", {}, "decode", 16, true],
];
for (const [file, params, shape, size, bad] of PAGED) {
  const [sizes, ql, kl] = PAGED_SHAPES[shape]!;
  const lens = ql && kl ? { q: Int32Array.from(ql), kv: Int32Array.from(kl) } : undefined;
  const seed = 1900 + manifest.length;
  const mk = (heads: number, len: number, width: number, keep: Int32Array | undefined, s: number) => padded(sizes, heads, len, width, keep, s);
  const q = mk(sizes.H, sizes.Q_LEN, sizes.D, lens?.q, seed);
  const pg = paginate(new Rng(seed), sizes, size, mk(sizes.H_KV, sizes.KV_LEN, sizes.D, lens?.kv, seed + 1), mk(sizes.H_KV, sizes.KV_LEN, sizes.DV, lens?.kv, seed + 2), lens?.kv);
  if (bad) pg.table[2 * (sizes.KV_LEN / size) + 3] = pg.k.length / (sizes.H_KV * size * sizes.D); // row 2 (kv_len 333) reads its page 3
  const tensors: Record<string, ArrayLike<number>> = {};
  if (file === "alibi") tensors.slopes = Array.from({ length: sizes.H }, (_, h) => 2 ** (-8 * (h + 1) / sizes.H));
  if (file === "document-causal") tensors.doc = Array.from({ length: sizes.B * sizes.Q_LEN }, (_, i) => Math.floor((i % sizes.Q_LEN) / 40));
  emit(`paged-${file}-${shape}-p${size}${bad ? "-bad-page" : ""}`, readFileSync(`examples/${file}.attn`, "utf8"), `examples/${file}.attn`, params, sizes, tensors,
    { q, k: pg.dense.k, v: pg.dense.v, dtypes: ["bf16", "f16"] }, lens, { table: pg.table, size, k: pg.k, v: pg.v, ...(bad ? { expectRc: 8 } : {}) });
}
// the decode plan (skeleton-decode.ts; every call with Q_LEN <= 16 takes it): GQA ratios 1, 2, 4 and 8;
// a group's packed rows over several row tiles (8 heads x 5 rows: heads split between tiles); ragged key
// lengths over several key tiles; per-row lengths with 0 and 1 (NaN in q, k, v past them). check_examples.py
// runs each decode-* case with forced split counts 1, 2, 3, 7 and 64 (more than its tiles: empty splits)
// and the automatic one. Examples with per-head values (ALiBi's slopes, gpt-oss's sinks: split 0 only),
// key ranges (the hull over a tile's heads) and masks evaluated per row; random programs at decode shapes
const DECODE_SHAPES: [string, Sizes, number[] | null, number[] | null][] = [
  ["q1-g4", { B: 3, H: 8, H_KV: 2, Q_LEN: 1, KV_LEN: 1000, D: 128, DV: 128 }, null, null],
  ["q5-g8", { B: 2, H: 8, H_KV: 1, Q_LEN: 5, KV_LEN: 531, D: 64, DV: 64 }, [5, 3], [531, 200]],
  ["q16-g1", { B: 2, H: 2, H_KV: 2, Q_LEN: 16, KV_LEN: 300, D: 128, DV: 128 }, [16, 0], [300, 7]],
  ["q3-g2", { B: 4, H: 4, H_KV: 2, Q_LEN: 3, KV_LEN: 777, D: 64, DV: 64 }, [3, 1, 0, 2], [777, 1, 500, 0]],
];
const DECODE: [string, Record<string, string>][] = [
  ["causal-bottom-right", {}], ["full", {}], ["causal", {}], ["sliding-window", { window: "37" }], ["softcap", { cap: "5" }],
  ["alibi", {}], ["gpt-oss-sinks", { window: "100" }],
];
DECODE.forEach(([file, params], i) => {
  for (const [shape, sizes, ql, kl] of [DECODE_SHAPES[i % DECODE_SHAPES.length]!, DECODE_SHAPES[(i + 1) % DECODE_SHAPES.length]!]) {
    const lens = ql && kl ? { q: Int32Array.from(ql), kv: Int32Array.from(kl) } : undefined;
    const seed = 2900 + manifest.length;
    const mk = (heads: number, len: number, width: number, keep: Int32Array | undefined, s: number) => padded(sizes, heads, len, width, keep, s);
    const qkv = { q: mk(sizes.H, sizes.Q_LEN, sizes.D, lens?.q, seed), k: mk(sizes.H_KV, sizes.KV_LEN, sizes.D, lens?.kv, seed + 1), v: mk(sizes.H_KV, sizes.KV_LEN, sizes.DV, lens?.kv, seed + 2) };
    const tensors: Record<string, ArrayLike<number>> = {};
    if (file === "alibi") tensors.slopes = Array.from({ length: sizes.H }, (_, h) => 2 ** (-8 * (h + 1) / sizes.H));
    if (file === "gpt-oss-sinks") tensors.sinks = Array.from({ length: sizes.H }, (_, h) => [0.5, -2, 3, 1.25][h % 4]!);
    emit(`decode-${file}-${shape}`, readFileSync(`examples/${file}.attn`, "utf8"), `examples/${file}.attn`, params, sizes, tensors,
      { ...qkv, dtypes: ["bf16", "f16"], noBackward: true }, lens);
  }
});
for (let seed = 1; seed <= 8; seed++) {
  const g = genProgram(seed);
  const [shape, sizes] = DECODE_SHAPES[seed % DECODE_SHAPES.length]!;
  const data = genData(seed, sizes, g.tensors, 1);
  emit(`decode-random${String(seed).padStart(2, "0")}-${shape}`, g.source, `random-${seed}.attn`, {}, sizes, data.tensors);
}
writeFileSync(`${out}/manifest.json`, JSON.stringify(manifest, null, 1));
console.log(`wrote ${manifest.length} cases to ${out}`);
