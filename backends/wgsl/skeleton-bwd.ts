/**
 * The WGSL backward: FlashAttention-2's backward (recompute P from the forward's lse) as three
 * compute shaders with no float atomics in dq, dk, dv, so those are deterministic:
 *
 * - `prep` (one invocation per query row): packs each row's dO and (lse, Δ), with
 *   Δ_i = Σ_c dO[i, c] · o[i, c] (softmax), into one buffer `aux` (ROW4 = DV4 + 1 vec4s per row), so
 *   the two gradient passes read one binding instead of three;
 * - `dq` (query-major, only when the score depends on s): the forward's walk — the same tile
 *   plan, key range and tile classes, K and V staged per key tile — one invocation per query
 *   row holding q, dO and its dq accumulator: dS = scale · dL · dL/ds, dq += dS · k;
 * - `dkdv` (key-major): one invocation per key of a workgroup's KEYS keys of one (b, KV head),
 *   holding k, v and its dk, dv accumulators, over every query head of the GQA group and every
 *   query tile of ROWS rows that may see the keys (the tile's key range and tile classes, as the
 *   forward evaluates them, decide): Q and the packed dO rows staged per query tile;
 *   dv += P · dO, dk += dS · q; the score's tensor gradients get dL · dL/dread per visible entry,
 *   summed per invocation while the element stays the same and added into a float32 buffer with a
 *   compare-exchange loop (WGSL has no float atomics; the only non-deterministic sum);
 * - `sink` (query-major, programs whose sink reads f32 tensors differentiably): one invocation per
 *   query row adds dloss/dS · dS/dread into the tensor gradients, dloss/dS = -exp(S - lse) · Δ (the
 *   sink has no value row; its effect on dq, dk, dv is already in the forward's lse).
 *
 * Per visible entry with L != -inf: P = exp(L - lse) (NaN in a NaN row), sigmoid(L) or L (none);
 * dL = P (dO·v - Δ), P (1 - P) dO·v or dO·v. Masked entries, out-of-range keys and rows (the batch row's
 * own lengths, docs/language.md § 10) and L = -inf contribute nothing, so every gradient element is
 * written (0 where nothing reaches it). Bindings: 0 uniforms, 1-3 q, k, v (the header's readers),
 * 4 aux, 5 dq or dk|dv (one buffer: dk then dv), 6 per-row lengths (header), 7.. the inputs, then the
 * tensor gradients (`tgrad`, when the score has differentiable tensor reads).
 */
import type { EmittedGrad } from "../shared/emit-types.js";
import { PRELUDE } from "./rules.js";
import {
  elementOffset, elementwiseWeight, FIRST_INPUT_BINDING, ind, inputDecls, kvRangeBlock, LOADERS, STAGE_KV, stmts, tileClasses, uniformsDecl,
  visibility, type SkeletonInput,
} from "./skeleton.js";

export interface BackwardBodies {
  /** packs dO and (lse, Δ) per query row (no header: it reads no q, k, v) */
  prep: string;
  /** dq (after the shader header); null when the score does not depend on s (dq = 0) */
  dq: string | null;
  /** dk, dv and the tensor gradients (after the shader header) */
  dkdv: string;
  /** the sink's tensor gradients (after the shader header); null without a sink that reads f32 tensors */
  sink: string | null;
  /** whether the passes bind `tgrad` (the score or the sink reads some f32 tensor differentiably) */
  tensorGrads: boolean;
}

const g = (x: SkeletonInput): EmittedGrad => {
  if (!x.emitted.grad) throw new Error("internal: a WGSL backward needs a plan with grad");
  return x.emitted.grad;
};

/** The prep pass: aux[row] = dO row (DV4 vec4s, zero-padded), then (lse, Δ, 0, 0). */
function prepBody(x: SkeletonInput): string {
  const softmax = x.normalize === "softmax";
  return `// attnc: backward of '${x.name}' (${x.normalize}), pass 1: dO${softmax ? " and (lse, Δ = dO · o)" : ""} per query row; generated, do not edit.
struct PrepUniforms { rows: u32, dv: u32, pad0: u32, pad1: u32 }
@group(0) @binding(0) var<uniform> pu: PrepUniforms;
@group(0) @binding(1) var<storage, read> dobuf: array<f32>;
${softmax ? `@group(0) @binding(2) var<storage, read> obuf: array<f32>;
@group(0) @binding(3) var<storage, read> lsebuf: array<f32>;
` : ""}@group(0) @binding(4) var<storage, read_write> aux: array<vec4<f32>>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let dv4 = (pu.dv + 3u) / 4u;
  for (var r = gid.x; r < pu.rows; r += nwg.x * 64u) {
    var delta = 0.0f;
    for (var c = 0u; c < dv4; c++) {
      var x = vec4<f32>(0.0f);
      for (var e = 0u; e < 4u; e++) {
        let d = c * 4u + e;
        if (d < pu.dv) {
          x[e] = dobuf[r * pu.dv + d];${softmax ? "\n          delta = delta + x[e] * obuf[r * pu.dv + d];" : ""}
        }
      }
      aux[r * (dv4 + 1u) + c] = x;
    }
    aux[r * (dv4 + 1u) + dv4] = vec4<f32>(${softmax ? "lsebuf[r], delta" : "0.0f, 0.0f"}, 0.0f, 0.0f);
  }
}
`;
}

/**
 * One visible entry of either pass: with `s` (and q, kv, ...) in scope, `lse` and `delta` the row's,
 * `dp` computed by `dpCode`, defines P and dS (dS only when the score depends on s) and runs `use`.
 */
function entry(x: SkeletonInput, dpCode: string, use: string): string {
  const gr = g(x);
  const softmax = x.normalize === "softmax";
  // NaN is tested on the bits: WGSL lets an implementation assume that floats are never NaN or
  // infinite (lavapipe's != and exp drop a NaN operand), and a NaN row must give NaN gradients
  return `${stmts(gr.pre)}
let L = ${gr.score};
if (bitcast<u32>(L) != 0xff800000u) { // L = -inf: weight zero, adds nothing, as a masked key
  let P = select(${softmax ? "exp(L - lse)" : elementwiseWeight(x.normalize, "L")}, u.nan, attn_is_nan(L)${softmax ? " || attn_is_nan(lse)" : ""}); // NaN in a NaN row
${ind(dpCode, 2)}
  let dL = ${softmax ? "P * (dp - delta)" : x.normalize === "none" ? "dp" : "P * (1.0f - P) * dp"};${gr.ds !== null ? `\n  let ds = ${gr.ds};\n  let dS = select(u.scale * dL * ds, u.nan, attn_is_nan(dL) || attn_is_nan(ds)); // (a compiler may fold NaN * 0 to 0)` : ""}
${ind(use, 2)}
}`;
}

/** the prologue every gradient pass shares: uniforms, bindings, prelude, loaders */
function common(x: SkeletonInput, pass: string, out: string, extra: string[] = []): string {
  return `// attnc: backward of '${x.name}' (${x.normalize}), ${pass}; generated, do not edit.
${uniformsDecl(x.facts, extra)}
@group(0) @binding(4) var<storage, read> aux: array<vec4<f32>>; // per query row: dO (DV4 vec4s), then (lse, Δ, 0, 0)
${out}
${inputDecls(x.inputs)}
${PRELUDE}
const ROW4: u32 = DV4 + 1u;
${LOADERS}
`;
}

const factLets = (x: SkeletonInput) => x.facts.map((f, i) => `let ${f} = u.facts[${i >> 2}][${i & 3}] == 0u;`).join("\n");

function dqBody(x: SkeletonInput): string | null {
  const e = x.emitted;
  if (g(x).ds === null) return null;
  const range = kvRangeBlock(e, "if (hi < lo) { kt_end = 0i; } else { kt_begin = lo / i32(BKV); kt_end = hi / i32(BKV) + 1i; }");
  const body = entry(
    x,
    `var dp = 0.0f;
for (var c = 0u; c < DV4; c++) { dp = dp + dot(dor[c], Vs[j * DV4 + c]); }`,
    `for (var c = 0u; c < D4; c++) { dq[c] = fma(vec4<f32>(dS), Ks[j * D4 + c], dq[c]); }`,
  );
  return `${common(x, "pass 2: dq (query-major, the forward's tile walk)", "@group(0) @binding(5) var<storage, read_write> dqbuf: array<f32>;")}
var<workgroup> Ks: array<vec4<f32>, BKV * D4>;
var<workgroup> Vs: array<vec4<f32>, BKV * DV4>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = i32(wid.z);
  let h = i32(wid.y);
  let lens = attn_row_lens(u32(b));
  let Q_LEN = lens.x;
  let KV_LEN = lens.y;
  let kvh = h / max(u.GROUP, 1i);
  let qlo = i32(wid.x * BQ);
  let qhi = min(qlo + i32(BQ), Q_LEN) - 1i;
  let q = qlo + i32(lid);
  let qc = u32(clamp(q, 0i, u.Q_LEN - 1i));
${ind(factLets(x), 2)}
${ind(stmts(e.head), 2)}
${ind(stmts(e.row), 2)}
  let row = (u32(b) * u32(u.H) + u32(h)) * u32(u.Q_LEN) + qc;
  var qr: array<vec4<f32>, D4>;
  for (var c = 0u; c < D4; c++) { qr[c] = ld4_q(row * D, c * 4u, D); }
  var dor: array<vec4<f32>, DV4>;
  for (var c = 0u; c < DV4; c++) { dor[c] = aux[row * ROW4 + c]; }
  let lse = aux[row * ROW4 + DV4].x;
  let delta = aux[row * ROW4 + DV4].y;
  var dq: array<vec4<f32>, D4>;
  var kt_begin = 0i;
  var kt_end = (KV_LEN + i32(BKV) - 1i) / i32(BKV);
${ind(range, 2)}
  if (qlo >= Q_LEN) { kt_end = kt_begin; } // every row of the tile is past the batch row's length
  for (var kt = kt_begin; kt < kt_end; kt++) {
    let kvlo = kt * i32(BKV);
    let kvhi = min(kvlo + i32(BKV), KV_LEN) - 1i;
${ind(tileClasses(e, "BKV"), 4)}
${ind(STAGE_KV, 4)}
    if (q < Q_LEN) {
      for (var j = 0u; j < BKV; j++) {
        let kv = kvlo + i32(j);
${ind(visibility(x), 8)}
        if (vis) {
          var acc = 0.0f;
          for (var c = 0u; c < D4; c++) { acc = acc + dot(qr[c], Ks[j * D4 + c]); }
          let s = acc * u.scale;
${ind(body, 10)}
        }
      }
    }
  }
  if (q < u.Q_LEN) { // every row is written: 0 past the batch row's length
    for (var c = 0u; c < D4; c++) {
      for (var e = 0u; e < 4u; e++) {
        if (c * 4u + e < D) { dqbuf[row * D + c * 4u + e] = dq[c][e]; }
      }
    }
  }
}
`;
}

/** whether the backward binds `tgrad`: the score or the sink reads some f32 tensor differentiably */
const hasTensorGrads = (x: SkeletonInput): boolean => g(x).sites.length > 0 || (g(x).sink?.sites.length ?? 0) > 0;

/** the uniforms' extra field of the gradient passes: where each f32 input's gradient starts in tgrad */
function gbaseField(x: SkeletonInput): string[] {
  const n = x.inputs.filter((d) => d.dtype === "f32").length;
  return hasTensorGrads(x) ? [`gbase: array<vec4<u32>, ${Math.ceil(n / 4)}>, // where each f32 input's gradient starts in tgrad`] : [];
}

/** `tgrad` (after the inputs' bindings), its float addition and the f32 inputs' element offsets `go_NAME` */
function tgradDecls(x: SkeletonInput): string {
  const tensors = x.inputs.filter((d) => d.dtype === "f32");
  return `@group(0) @binding(${FIRST_INPUT_BINDING + x.inputs.length}) var<storage, read_write> tgrad: array<atomic<u32>>; // the f32 inputs' gradients (float32 bits), at u.gbase
const NONE: u32 = 0xffffffffu;
// tgrad[i] += x: float32 addition by compare-exchange (WGSL has no float atomics)
fn attn_grad_add(i: u32, x: f32) {
  var old = atomicLoad(&tgrad[i]);
  loop {
    let r = atomicCompareExchangeWeak(&tgrad[i], old, bitcast<u32>(bitcast<f32>(old) + x));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}
${tensors.map((d) => { const o = elementOffset(d); return `fn go_${d.name}(${o.params}) -> u32 { return ${o.flat}; }`; }).join("\n")}`;
}

function dkdvBody(x: SkeletonInput): string {
  const e = x.emitted;
  const gr = g(x);
  const tensors = x.inputs.filter((d) => d.dtype === "f32");
  const tensorGrads = gr.sites.length > 0;
  // one accumulator per site: the element it sums into (NONE: nothing yet) and the sum
  const siteCode = gr.sites
    .map((site, i) => {
      const t = tensors.findIndex((d) => d.name === site.tensor);
      return `{
  let slope${i} = ${site.d};
  if ((bitcast<u32>(slope${i}) & 0x7fffffffu) != 0u) { // not ±0 (a NaN slope is added)
${ind(stmts(site.idx.pre), 4)}
    let at = u.gbase[${t >> 2}][${t & 3}] + go_${site.tensor}(${site.idx.exprs.join(", ")});
    if (at != ga_at${i}) {
      if (ga_at${i} != NONE) { attn_grad_add(ga_at${i}, ga_sum${i}); }
      ga_at${i} = at;
      ga_sum${i} = 0.0f;
    }
    ga_sum${i} = ga_sum${i} + dL * slope${i};
  }
}`;
    })
    .join("\n");
  const use = [
    `for (var c = 0u; c < DV4; c++) { dv[c] = fma(vec4<f32>(P), Os[i * ROW4 + c], dv[c]); }`,
    ...(gr.ds !== null ? [`for (var c = 0u; c < D4; c++) { dk[c] = fma(vec4<f32>(dS), Qs[i * D4 + c], dk[c]); }`] : []),
    ...(tensorGrads ? [siteCode] : []),
  ].join("\n");
  const body = entry(
    x,
    `var dp = 0.0f;
for (var c = 0u; c < DV4; c++) { dp = dp + dot(Os[i * ROW4 + c], vr[c]); }`,
    use,
  );
  const gradDecls = tensorGrads ? tgradDecls(x) : "";
  const extra = gbaseField(x);
  const header = common(x, "pass 3: dk, dv and the tensor gradients (key-major)", "@group(0) @binding(5) var<storage, read_write> dkv: array<f32>; // dk [B, H_KV, KV_LEN, D], then dv [B, H_KV, KV_LEN, DV]", extra);
  return `${header}${gradDecls}
// this pass's tile: KEYS keys per workgroup (one invocation each), ROWS query rows staged per step
const KEYS: u32 = BQ;
const ROWS: u32 = BKV;
var<workgroup> Qs: array<vec4<f32>, ROWS * D4>;
var<workgroup> Os: array<vec4<f32>, ROWS * ROW4>; // dO rows and (lse, Δ), as aux

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = i32(wid.z);
  let kvh = i32(wid.y);
  let lens = attn_row_lens(u32(b));
  let Q_LEN = lens.x;
  let KV_LEN = lens.y;
  let kvlo = i32(wid.x * KEYS);
  let kvhi = min(kvlo + i32(KEYS), KV_LEN) - 1i;
  let kv = kvlo + i32(lid);
  let kvhead = u32(b) * u32(u.H_KV) + u32(kvh);
  let key = kvhead * u32(u.KV_LEN) + u32(clamp(kv, 0i, u.KV_LEN - 1i));
${ind(factLets(x), 2)}
  var kr: array<vec4<f32>, D4>;
  for (var c = 0u; c < D4; c++) { kr[c] = ld4_k(key * D, c * 4u, D); }
  var vr: array<vec4<f32>, DV4>;
  for (var c = 0u; c < DV4; c++) { vr[c] = ld4_v(key * DV, c * 4u, DV); }
  var dk: array<vec4<f32>, D4>;
  var dv: array<vec4<f32>, DV4>;
${gr.sites.map((_, i) => `  var ga_at${i} = NONE;\n  var ga_sum${i} = 0.0f;`).join("\n")}
  let group = max(u.GROUP, 1i);
  // no query tile when no key of the tile exists in this batch row (its dk, dv are written as 0)
  let n_qt = select(0i, (Q_LEN + i32(ROWS) - 1i) / i32(ROWS), kvlo < KV_LEN);
  for (var hg = 0i; hg < group; hg++) {
    let h = kvh * group + hg;
    let qhead = u32(b) * u32(u.H) + u32(h);
${ind(stmts(e.head), 4)}
    for (var qt = 0i; qt < n_qt; qt++) {
      let qlo = qt * i32(ROWS);
      let qhi = min(qlo + i32(ROWS), Q_LEN) - 1i;
${ind(kvRangeBlock(e, "if (max(lo, kvlo) > min(hi, kvhi)) { continue; }"), 6)}
${ind(tileClasses(e, "KEYS"), 6)}
      workgroupBarrier();
      for (var i = lid; i < ROWS * D4; i += WG) {
        let r = qhead * u32(u.Q_LEN) + u32(min(qlo + i32(i / D4), u.Q_LEN - 1i));
        Qs[i] = ld4_q(r * D, (i % D4) * 4u, D);
      }
      for (var i = lid; i < ROWS * ROW4; i += WG) {
        let r = qhead * u32(u.Q_LEN) + u32(min(qlo + i32(i / ROW4), u.Q_LEN - 1i));
        Os[i] = aux[r * ROW4 + i % ROW4];
      }
      workgroupBarrier();
      if (kv < KV_LEN) {
        for (var i = 0u; i < ROWS; i++) {
          let q = qlo + i32(i);
          if (q > qhi) { break; }
${ind(stmts(e.row), 10)}
${ind(visibility(x), 10)}
          if (vis) {
            var acc = 0.0f;
            for (var c = 0u; c < D4; c++) { acc = acc + dot(Qs[i * D4 + c], kr[c]); }
            let s = acc * u.scale;
            let lse = Os[i * ROW4 + DV4].x;
            let delta = Os[i * ROW4 + DV4].y;
${ind(body, 12)}
          }
        }
      }
    }
  }
${gr.sites.map((_, i) => `  if (ga_at${i} != NONE) { attn_grad_add(ga_at${i}, ga_sum${i}); }`).join("\n")}
  if (kv < u.KV_LEN) { // every key is written: 0 past the batch row's length
    for (var c = 0u; c < D4; c++) {
      for (var e = 0u; e < 4u; e++) {
        if (c * 4u + e < D) { dkv[key * D + c * 4u + e] = dk[c][e]; }
      }
    }
    let dvbase = u32(u.B) * u32(u.H_KV) * u32(u.KV_LEN) * D;
    for (var c = 0u; c < DV4; c++) {
      for (var e = 0u; e < 4u; e++) {
        if (c * 4u + e < DV) { dkv[dvbase + key * DV + c * 4u + e] = dv[c][e]; }
      }
    }
  }
}
`;
}

/**
 * The sink pass: one invocation per query row (of the dq pass's BQ-row workgroups) adds
 * dloss/dS · dS/dread into each tensor element the sink reads; dloss/dS = -exp(S - lse) · Δ, NaN in
 * a NaN row (tested on the bits: WGSL may assume floats are never NaN); S = -inf adds nothing.
 */
function sinkBody(x: SkeletonInput): string | null {
  const k = g(x).sink;
  if (!k || k.sites.length === 0) return null;
  const tensors = x.inputs.filter((d) => d.dtype === "f32");
  const sites = k.sites
    .map((site, i) => {
      const t = tensors.findIndex((d) => d.name === site.tensor);
      return `{
  let slope${i} = ${site.d};
  if ((bitcast<u32>(slope${i}) & 0x7fffffffu) != 0u) { // not ±0 (a NaN slope is added)
${ind(stmts(site.idx.pre), 4)}
    attn_grad_add(u.gbase[${t >> 2}][${t & 3}] + go_${site.tensor}(${site.idx.exprs.join(", ")}), dS * slope${i});
  }
}`;
    })
    .join("\n");
  return `${common(x, "pass 4: the sink's tensor gradients (one invocation per query row)", "", gbaseField(x))}${tgradDecls(x)}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = i32(wid.z);
  let h = i32(wid.y);
  let lens = attn_row_lens(u32(b));
  let Q_LEN = lens.x;
  let KV_LEN = lens.y;
  let q = i32(wid.x * BQ + lid);
  if (q >= Q_LEN) { return; } // past the batch row's length: no row (no barrier follows)
  let row = (u32(b) * u32(u.H) + u32(h)) * u32(u.Q_LEN) + u32(q);
  let lse = aux[row * ROW4 + DV4].x;
  let delta = aux[row * ROW4 + DV4].y;
${ind(stmts(k.pre), 2)}
  let S = ${k.value};
  if (bitcast<u32>(S) != 0xff800000u) { // S = -inf: no sink weight, adds nothing
    let P = select(exp(S - lse), u.nan, attn_is_nan(S) || attn_is_nan(lse)); // NaN in a NaN row
    let dS = select(-P * delta, u.nan, attn_is_nan(P) || attn_is_nan(delta));
${ind(sites, 4)}
  }
}
`;
}

export function backwardBodies(x: SkeletonInput): BackwardBodies {
  return { prep: prepBody(x), dq: dqBody(x), dkdv: dkdvBody(x), sink: sinkBody(x), tensorGrads: hasTensorGrads(x) };
}
