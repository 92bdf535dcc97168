/**
 * The WGSL flash-attention skeleton: the plan's printed expressions (emit.ts) go into its holes.
 *
 * Contract of the shader (this body + `shaderHeader` of host-runtime.ts, which fixes D, DV, the
 * tile plan and `attn_split_sum`):
 * - q, k, v (bindings 1-3) are declared by the header with their readers `q_at`, `k_at`, `v_at`
 *   (index -> f32): f32 buffers, or f16 buffers read as `array<f16>` (`shader-f16`) or as
 *   `array<u32>` unpacked with `unpack2x16float` (any device). Arithmetic is f32 either way.
 * - per-row lengths (docs/language.md § 10): the program's Q_LEN and KV_LEN are locals of `main`,
 *   the batch row's own lengths from `attn_row_lens(b)` (defined by the header: read from binding 6
 *   where the call gave them, else the tensors'); `u.Q_LEN`, `u.KV_LEN` are the tensors' (padded)
 *   lengths, used for every stride, address and index clamp. The row's lengths bound the tiles
 *   walked and the keys in range; rows past the row's Q_LEN are written as o = 0, lse = -inf.
 * - paged KV cache (docs/language.md § 10): k and v rows are addressed through `attn_kv_row(b,
 *   kvh, kv)` (defined by the header): dense [B, H_KV, KV_LEN, *], or, where the call gave a page
 *   table, [NUM_PAGES, H_KV, PAGE, *] with key kv in page page_table[b, kv / PAGE] at slot
 *   kv % PAGE (the table and the page id clamped into range).
 * - split-KV (the host's choice, softmax only): with S splits the dispatch is S times wider along x
 *   and each split walks its share (a contiguous 1/S) of the key tiles, writing partial o and lse
 *   [S, B, H, Q_LEN, *] that the host merges by their lse (merge.ts); S = 1 writes o and lse directly.
 * - dispatch (ceil(Q_LEN / BQ), H, B) workgroups (the tensors' Q_LEN) of WG = BQ * SPLIT
 *   invocations; invocations lid = SPLIT * r + part of workgroup (x, h, b) own query row
 *   q = x*BQ + r, each holding its part (QD4 / OD4 vec4s) of the q row and of the output row in
 *   registers. With SPLIT = 2 (large head dims, `subgroups` present) the two halves of a score are
 *   added with `subgroupShuffleXor` (`attn_split_sum`, defined by the header).
 * - key tiles of BKV rows: K and V staged in workgroup memory (vec4 rows of D4 / DV4); a tile whose
 *   classifier says `!anyVisible` is skipped (never loaded); on a tile that is `allVisible` and
 *   has BKV in-range keys the mask is never evaluated (`full`, uniform per tile); other tiles
 *   evaluate the mask on in-range keys only.
 *   With a closed-form key range only the tiles meeting [lo, hi] are visited.
 * - online softmax in f32 (running max m, weights exp(L - m) * 2^-32, sum l, rescale only when
 *   the max grows), processed G keys at a time; the elementwise normalizations sum weight(L) v
 *   (`elementwiseWeight`: sigmoid(L), or L for `none`). lse = m + (log(l) + 32 ln 2)
 *   (natural log); a row with no visible key (or only L = -inf) writes o = 0, lse = -inf, one with
 *   a visible NaN or +inf score NaN (docs/language.md § 9).
 * - a sink (softmax only: a per-row logit with no value row) joins the row after its keys, in the
 *   first split only (its partial then carries it into the merge): a new max rescales l and o, then
 *   l += exp(sink - m) * 2^-32; a NaN or +inf sink makes l NaN (the row's outputs NaN), -inf adds nothing.
 * - run-time facts of the classifier (e.g. "doc ids are sorted") are counted by the host's fact
 *   passes before the dispatch (host-runtime.ts), copied into `u.facts` on the GPU: a fact holds
 *   when its violation count is 0; the classifier then uses its exact form.
 * - memory safety: q/k/v rows are clamped into range, user tensor reads clamp every index.
 */
import type { EmittedKernel, Printed, Stmt } from "../shared/emit-types.js";
import type { InputDecl, Normalize } from "../../compiler/ir/program.js";
import { dimExpr, PRELUDE, wgslRules } from "./rules.js";

/**
 * The weight of a visible entry's score `L` (a WGSL expression, evaluated twice for `none`) under an
 * elementwise normalizer: sigmoid(L), or L itself for `none`, where -inf is weight zero as a masked
 * key (tested on the bits: WGSL lets an implementation assume floats are finite).
 */
export function elementwiseWeight(normalize: Normalize, L: string): string {
  return normalize === "none" ? `select(${L}, 0.0f, bitcast<u32>(${L}) == 0xff800000u)` : `attn_sigmoid(${L})`;
}

export interface SkeletonInput {
  name: string;
  normalize: Normalize;
  inputs: InputDecl[];
  maskIsTrue: boolean;
  /** names of the classifier's run-time fact variables (read from `u.facts`: see below) */
  facts: string[];
  emitted: EmittedKernel;
}

/**
 * Binding numbers: 0 uniforms, 1 q, 2 k, 3 v, 4 o, 5 lse, 6 the per-row lengths (when the device
 * has a storage buffer to spare for them: host-runtime.ts `rowLengthsFit`), 7.. the inputs in
 * declaration order.
 */
export const FIRST_INPUT_BINDING = 7;

export const ind = (s: string, n: number) =>
  s.split("\n").map((l) => (l.length ? " ".repeat(n) + l : l)).join("\n");
export const stmts = (ss: Stmt[]) => ss.map((s) => wgslRules.declare(s)).join("\n");
export const pre = (p: Printed) => stmts(p.pre);

/** The parameters `i0: i32, ...` of an element of a tensor and its row-major offset (u32; every index clamped into range). */
export function elementOffset(decl: InputDecl): { params: string; flat: string } {
  const params = decl.dims.map((_, i) => `i${i}: i32`).join(", ");
  let flat = "0u";
  decl.dims.forEach((d, i) => {
    const dim = dimExpr(d);
    const idx = `attn_clamp_index(i${i}, ${dim})`;
    flat = i === 0 ? idx : `(${flat}) * u32(max(${dim}, 0i)) + ${idx}`;
  });
  return { params, flat };
}

function loadFn(decl: InputDecl, binding: number): string {
  const ty = decl.dtype === "i32" ? "i32" : "f32";
  const { params, flat } = elementOffset(decl);
  return [
    `@group(0) @binding(${binding}) var<storage, read> in_${decl.name}: array<${ty}>;`,
    `fn ld_${decl.name}(${params}) -> ${ty} { return in_${decl.name}[${flat}]; }`,
  ].join("\n");
}

/** `vis`: whether the entry (q, kv) is visible: every in-range key of a `full` tile, else the mask on in-range keys. */
export function visibility(x: SkeletonInput): string {
  const e = x.emitted;
  return x.maskIsTrue
    ? `let vis = full || kv < KV_LEN;`
    : `var vis = full;
if (!full && kv < KV_LEN) {
${ind(pre(e.mask), 2)}
  vis = ${e.mask.expr};
}`;
}

/**
 * The closed-form key range of the query tile [qlo, qhi] as `lo`, `hi` (clipped to [0, KV_LEN - 1];
 * hi < lo: no key), then `use`; empty when the plan has no key range.
 */
export function kvRangeBlock(e: EmittedKernel, use: string): string {
  if (!e.kvRange) return "";
  return `{
${ind(pre(e.kvRange.lo), 2)}
${ind(pre(e.kvRange.hi), 2)}
  let lo = max(${e.kvRange.lo.expr}, 0i);
  let hi = min(${e.kvRange.hi.expr}, KV_LEN - 1i);
${ind(use, 2)}
}`;
}

/**
 * The tile classes of the tile [qlo, qhi] x [kvlo, kvhi] of `keys` keys (a constant): `continue`
 * when no entry is visible, else `full`: the tile has `keys` in-range keys and every entry is
 * visible (the mask is then not evaluated). Uniform per workgroup.
 */
export function tileClasses(e: EmittedKernel, keys: string): string {
  return `var any_visible = false;
{
${ind(pre(e.anyVisible), 2)}
  any_visible = ${e.anyVisible.expr};
}
if (!any_visible) { continue; }
var full = false;
if (kvlo + i32(${keys}) <= KV_LEN) {
${ind(pre(e.allVisible), 2)}
  full = ${e.allVisible.expr};
}`;
}

/** The Uniforms struct (binding 0) of every pass: sizes, constants, the lengths' flags, the facts, then `extra` fields. */
export function uniformsDecl(facts: string[], extra: string[] = []): string {
  return `struct Uniforms {
  B: i32, H: i32, H_KV: i32, Q_LEN: i32, KV_LEN: i32, D: i32, DV: i32, GROUP: i32,
  scale: f32, neg_inf: f32, inf: f32, nan: f32,
  row_lens: u32, // given by the call: bit 0 q_lens, bit 1 kv_lens (attn_row_lens), bit 2 a page table (attn_kv_row)
  page_size: i32, max_pages: i32, num_pages: i32, // the paged KV cache's PAGE, MAX_PAGES, NUM_PAGES${facts.length ? `\n  facts: array<vec4<u32>, ${Math.ceil(facts.length / 4)}>, // violations per run-time fact (0: it holds)` : ""}${extra.map((f) => `\n  ${f},`).join("")}
}
@group(0) @binding(0) var<uniform> u: Uniforms;`;
}

/** the program's tensor inputs (bindings 7..) and their clamped readers `ld_NAME` */
export const inputDecls = (inputs: InputDecl[]): string => inputs.map((d, i) => loadFn(d, FIRST_INPUT_BINDING + i)).join("\n");

/** Stages the key tile [kvlo, kvlo + BKV) of K and V rows of (b, kvh) in workgroup memory (Ks, Vs). */
export const STAGE_KV = `workgroupBarrier();
// keys past the batch row's KV_LEN do not exist: a ragged last tile re-reads key KV_LEN - 1
// into its padding and gives it v = 0, so nothing past KV_LEN is read; attn_kv_row is the
// row of k and v holding a key (dense, or in its page)
for (var i = lid; i < BKV * D4; i += WG) {
  let r = i / D4;
  let row = attn_kv_row(u32(b), u32(kvh), u32(min(kvlo + i32(r), KV_LEN - 1i)));
  Ks[i] = ld4_k(row * D, (i % D4) * 4u, D);
}
for (var i = lid; i < BKV * DV4; i += WG) {
  let r = i / DV4;
  let row = attn_kv_row(u32(b), u32(kvh), u32(min(kvlo + i32(r), KV_LEN - 1i)));
  Vs[i] = select(vec4<f32>(0.0f), ld4_v(row * DV, (i % DV4) * 4u, DV), kvlo + i32(r) < KV_LEN);
}
workgroupBarrier();`;

/** The row loaders of q, k and v: 4 elements of a row, zeros past its end. */
export const LOADERS = `// 4 elements of a row of length n starting at base + d (zeros past the row's end)
fn ld4_q(base: u32, d: u32, n: u32) -> vec4<f32> {
  return vec4<f32>(select(0.0f, q_at(base + min(d, n - 1u)), d < n), select(0.0f, q_at(base + min(d + 1u, n - 1u)), d + 1u < n),
                   select(0.0f, q_at(base + min(d + 2u, n - 1u)), d + 2u < n), select(0.0f, q_at(base + min(d + 3u, n - 1u)), d + 3u < n));
}
fn ld4_k(base: u32, d: u32, n: u32) -> vec4<f32> {
  return vec4<f32>(select(0.0f, k_at(base + min(d, n - 1u)), d < n), select(0.0f, k_at(base + min(d + 1u, n - 1u)), d + 1u < n),
                   select(0.0f, k_at(base + min(d + 2u, n - 1u)), d + 2u < n), select(0.0f, k_at(base + min(d + 3u, n - 1u)), d + 3u < n));
}
fn ld4_v(base: u32, d: u32, n: u32) -> vec4<f32> {
  return vec4<f32>(select(0.0f, v_at(base + min(d, n - 1u)), d < n), select(0.0f, v_at(base + min(d + 1u, n - 1u)), d + 1u < n),
                   select(0.0f, v_at(base + min(d + 2u, n - 1u)), d + 2u < n), select(0.0f, v_at(base + min(d + 3u, n - 1u)), d + 3u < n));
}`;

/** The per-key code of a tile: the mask is evaluated unless the tile is `full` (uniform per tile). */
export function keyLoop(x: SkeletonInput): string {
  const e = x.emitted;
  const softmax = x.normalize === "softmax";
  const vis = visibility(x);
  const score = `var L = u.neg_inf;
if (vis) {
${ind(pre(e.score), 2)}
  L = ${e.score.expr};
}`;
  // m is the row's running max; weights are exp(L - m) * 2^-32 (see shaderBody). The scale is a
  // product after exp: folded into the exponent (m + P_SHIFT, or (L - m) - P_SHIFT, which the
  // shader compiler may reassociate) it rounds away once |m| > 2^29, and v near 3e38 then
  // overflowed o (the fuzzer's score near 2.1e9 on lavapipe). A NaN score makes p NaN, a +inf one
  // m +inf and p = exp(inf - inf) NaN: l is then NaN, and the row's outputs too
  const accumulate = softmax
    ? `if (mx > m) {
  let alpha = exp(m - mx);
  l = l * alpha;
  for (var c = 0u; c < OD4; c++) { o[c] = o[c] * alpha; }
  m = mx;
}
let mu = select(m, 0.0f, m == u.neg_inf);
for (var g = 0u; g < G; g++) {
  let p = exp(sv[g] - mu) * P_SCALE;
  l = l + p;
  let vrow = (j0 + g) * DV4 + part * OD4;
  for (var c = 0u; c < OD4; c++) { o[c] = fma(vec4<f32>(p), Vs[vrow + c], o[c]); }
}`
    : `for (var g = 0u; g < G; g++) {
  let p = ${elementwiseWeight(x.normalize, "sv[g]")};
  let vrow = (j0 + g) * DV4 + part * OD4;
  for (var c = 0u; c < OD4; c++) { o[c] = fma(vec4<f32>(p), Vs[vrow + c], o[c]); }
}`;
  return `for (var j0 = 0u; j0 < BKV; j0 += G) {
  var sv: array<f32, G>;
  var mx = u.neg_inf;
  for (var g = 0u; g < G; g++) {
    let j = j0 + g;
    let krow = j * D4 + part * QD4;
    var acc = 0.0f;
    for (var c = 0u; c < QD4; c++) { acc = acc + dot(qr[c], Ks[krow + c]); }
    acc = attn_split_sum(acc);
    let kv = kvlo + i32(j);
    let s = acc * u.scale;
${ind(vis, 4)}
${ind(score, 4)}
    sv[g] = L;
    mx = max(mx, L);
  }
${ind(accumulate, 2)}
}`;
}

/**
 * The sink joining the row (after its keys, before the rows past Q_LEN are cleared): once, in split 0.
 * NaN and +inf are tested on the bits (WGSL lets an implementation assume floats are finite).
 */
function sinkJoin(e: EmittedKernel): string {
  if (!e.sink) return "";
  return `if (split == 0u) { // the sink: one more logit of the row, with no value row (it joins m and l, not o)
${ind(pre(e.sink), 2)}
  let sk = ${e.sink.expr};
  let skb = bitcast<u32>(sk);
  if (attn_is_nan(sk) || skb == 0x7f800000u) {
    l = u.nan; // NaN or +inf: no meaningful softmax, the row's o and lse are NaN
  } else if (skb != 0xff800000u) { // -inf adds nothing
    if (sk > m) { // the sink is the new max: rescale (nothing was summed yet when m = -inf)
      let alpha = select(exp(m - sk), 0.0f, m == u.neg_inf);
      l = l * alpha;
      for (var c = 0u; c < OD4; c++) { o[c] = o[c] * alpha; }
      m = sk;
    }
    l = l + exp(sk - m) * P_SCALE;
  }
}`;
}

/**
 * The end of `main` shared by both skeletons: the sink joins the row (split 0), rows past the batch
 * row's Q_LEN get o = 0 (lse = -inf); rows below the tensors' Q_LEN write o and lse of (split, b, h,
 * q). Reads the locals b, h, q, split, part, m, l, o.
 */
export function writeRow(x: SkeletonInput): string {
  // l is 0 for a row with nothing visible (or only -inf scores), NaN after a NaN or +inf score
  const write = x.normalize === "softmax"
    ? `let inv = select(1.0f / l, 0.0f, l == 0.0f);
if (part == 0u) { lsebuf[orow * u32(u.Q_LEN) + u32(q)] = select(m + (log(l) + P_SHIFT), u.neg_inf, l == 0.0f); }`
    : `let inv = 1.0f;`;
  const sink = sinkJoin(x.emitted);
  return `${sink ? `${sink}\n` : ""}if (q >= Q_LEN) { // past the batch row's length: o = 0 (and lse = -inf, as l = 0)
  l = 0.0f;
  o = array<vec4<f32>, OD4>();
}
if (q < u.Q_LEN) {
  let orow = (split * u32(u.B) + u32(b)) * u32(u.H) + u32(h); // (split, b, h): split 0 without split-KV
${ind(write, 2)}
  let obase = (orow * u32(u.Q_LEN) + u32(q)) * DV;
  for (var c = 0u; c < OD4; c++) {
    let x = o[c] * inv;
    let d0 = (part * OD4 + c) * 4u;
    for (var e = 0u; e < 4u; e++) {
      if (d0 + e < DV) { obuf[obase + d0 + e] = x[e]; }
    }
  }
}`;
}

/** Everything of the shader before `main` (after the host's header): uniforms, outputs, inputs,
 * the prelude, the softmax constants, the K/V tiles in workgroup memory and the row loaders. */
export function moduleScope(x: SkeletonInput): string {
  const softmax = x.normalize === "softmax";
  return `// attnc: flash attention '${x.name}' (${x.normalize}); generated, do not edit.
${uniformsDecl(x.facts)}
@group(0) @binding(4) var<storage, read_write> obuf: array<f32>;
${softmax ? "@group(0) @binding(5) var<storage, read_write> lsebuf: array<f32>;" : ""}
${inputDecls(x.inputs)}
${PRELUDE}
${
    softmax
      ? `// each weight is exp(L - max) * 2^-32: l then stays below KV_LEN * 2^-32 <= 2^-4 (sizes are at
// most 2^28) and |o| below l * max|v|, so the unnormalized output cannot overflow where the result
// is finite; lse = max + (log(l) + P_SHIFT)
const P_SCALE = 2.3283064365386963e-10f; // 2^-32
const P_SHIFT = 22.18070977791825f; // 32 ln 2 = -log(P_SCALE)
`
      : ""
  }var<workgroup> Ks: array<vec4<f32>, BKV * D4>;
var<workgroup> Vs: array<vec4<f32>, BKV * DV4>;

${LOADERS}
`;
}

export function shaderBody(x: SkeletonInput): string {
  const e = x.emitted;
  const range = kvRangeBlock(e, "if (hi < lo) { kt_end = 0i; } else { kt_begin = lo / i32(BKV); kt_end = hi / i32(BKV) + 1i; }");
  return `${moduleScope(x)}
@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  let b = i32(wid.z);
  let h = i32(wid.y);
  // split-KV: the host dispatches q_tiles x splits workgroups along x; workgroup split * q_tiles + t
  // walks query tile t over its split's share of the key tiles and writes partial o, lse (merged after)
  let q_tiles = max((u32(u.Q_LEN) + BQ - 1u) / BQ, 1u);
  let splits = max(nwg.x / q_tiles, 1u);
  let split = wid.x / q_tiles;
  // the program's Q_LEN and KV_LEN: the batch row's own lengths (per-row lengths) or the tensors'
  let lens = attn_row_lens(u32(b));
  let Q_LEN = lens.x;
  let KV_LEN = lens.y;
  let kvh = h / max(u.GROUP, 1i);
  let qlo = i32((wid.x % q_tiles) * BQ);
  let qhi = min(qlo + i32(BQ), Q_LEN) - 1i;
  let part = lid % SPLIT;
  let q = qlo + i32(lid / SPLIT);
  let qc = u32(clamp(q, 0i, u.Q_LEN - 1i));
${x.facts.map((f, i) => `  let ${f} = u.facts[${i >> 2}][${i & 3}] == 0u;`).join("\n")}
${ind(stmts(e.head), 2)}
${ind(stmts(e.row), 2)}
  var qr: array<vec4<f32>, QD4>;
  let qbase = ((u32(b) * u32(u.H) + u32(h)) * u32(u.Q_LEN) + qc) * D;
  for (var c = 0u; c < QD4; c++) { qr[c] = ld4_q(qbase, (part * QD4 + c) * 4u, D); }
  var o: array<vec4<f32>, OD4>;
  var m = u.neg_inf;
  var l = 0.0f;
  var kt_begin = 0i;
  var kt_end = (KV_LEN + i32(BKV) - 1i) / i32(BKV);
${ind(range, 2)}
  if (qlo >= Q_LEN) { kt_end = kt_begin; } // every row of the tile is past the batch row's length
  if (splits > 1u) { // this split's share of the tensors' key tiles (the same for every batch row)
    let per = i32((u32((u.KV_LEN + i32(BKV) - 1i) / i32(BKV)) + splits - 1u) / splits);
    kt_begin = max(kt_begin, i32(split) * per);
    kt_end = min(kt_end, i32(split + 1u) * per);
  }
  for (var kt = kt_begin; kt < kt_end; kt++) {
    let kvlo = kt * i32(BKV);
    let kvhi = min(kvlo + i32(BKV), KV_LEN) - 1i;
${ind(tileClasses(e, "BKV"), 4)}
${ind(STAGE_KV, 4)}
${ind(keyLoop(x), 4)}
  }
${ind(writeRow(x), 2)}
}
`;
}
