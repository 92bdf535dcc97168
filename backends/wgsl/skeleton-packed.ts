/**
 * The WGSL forward skeleton with GQA packing (decode: issue #13): one workgroup serves one key/value
 * head and all GROUP = H / H_KV query heads that read it, so each K/V tile is staged once for the
 * group instead of once per query head.
 *
 * Contract (as skeleton.ts's, except for what a workgroup owns):
 * - dispatch (ceil(GROUP * Q_LEN / BQ) * splits, H_KV, B) workgroups (the tensors' Q_LEN, at least 1;
 *   the host never dispatches Q_LEN = 0). Workgroup (x, kvh, b) owns the packed rows
 *   [plo, plo + BQ) of the group's GROUP * Q_LEN rows: packed row R is query head
 *   h = kvh * GROUP + R / Q_LEN, query row q = R % Q_LEN. Rows past GROUP * Q_LEN (the last tile's
 *   padding) compute like any row and write nothing (q >= the tensors' Q_LEN).
 * - soundness: the key range and the tile classes are printed over `h` and the query tile
 *   [qlo, qhi]; a packed tile holds up to GROUP heads, each with its own [qlo, qhi] (clipped to the
 *   batch row's Q_LEN; a head with no row below it takes no part). Both are evaluated for every
 *   such head in a loop whose bounds are uniform (they depend on the workgroup id and the uniforms
 *   only, so the barriers of the tile loop stay in uniform control flow) and combined: the key range
 *   is the hull of the heads' ranges; a tile is skipped only if no head sees an entry of it, and
 *   `full` (mask not evaluated) only if it is full for every head.
 * - per-row values (the program's per-head and per-row statements, e.g. ALiBi's slopes[h]), the
 *   mask and the score are per invocation, over the invocation's own h and q.
 * - split-KV, per-row lengths, paged K/V and run-time facts as in skeleton.ts; o and lse are
 *   written at (split, b, h, q) as there, so the merge pass is the same.
 */
import { ind, keyLoop, kvRangeBlock, moduleScope, pre, STAGE_KV, stmts, writeRow, type SkeletonInput } from "./skeleton.js";

/** `body` run once per query head of the group with rows of this tile below the batch row's Q_LEN,
 * with that head's `h`, `qlo` and `qhi` in scope (they shadow main's per-invocation `h`). Uniform. */
function forEachHead(body: string): string {
  return `for (var hgi = hg_first; hgi <= hg_last; hgi++) {
  let h = kvh * grp + hgi;
  let qlo = max(plo - hgi * qpad, 0i);
  let qhi = min(phi - hgi * qpad, Q_LEN - 1i);
  if (qlo > qhi) { continue; } // this head's rows here are all past the batch row's Q_LEN
${ind(body, 2)}
}`;
}

/** `lo_all`, `hi_all`: the hull of the key ranges of the heads in the tile (hi_all < lo_all: no key). */
function packedRange(x: SkeletonInput): string {
  const e = x.emitted;
  const one = e.kvRange
    ? kvRangeBlock(e, "if (lo <= hi) { lo_all = min(lo_all, lo); hi_all = max(hi_all, hi); }")
    : "lo_all = 0i;\nhi_all = KV_LEN - 1i;";
  return `var lo_all = KV_LEN;
var hi_all = -1i;
${forEachHead(one)}
if (hi_all < lo_all) { kt_end = kt_begin; } else { kt_begin = lo_all / i32(BKV); kt_end = hi_all / i32(BKV) + 1i; }`;
}

/** `any_visible` and `full` of the key tile [kvlo, kvhi] for the whole group; `continue` when empty. */
function packedClasses(x: SkeletonInput): string {
  const e = x.emitted;
  return `var any_visible = false;
var full = kvlo + i32(BKV) <= KV_LEN; // a ragged last tile is never full
${forEachHead(`{
${ind(pre(e.anyVisible), 2)}
  any_visible = any_visible || ${e.anyVisible.expr};
}
if (full) {
${ind(pre(e.allVisible), 2)}
  full = ${e.allVisible.expr};
}`)}
if (!any_visible) { continue; } // no head of the group sees an entry of this tile`;
}

export function packedShaderBody(x: SkeletonInput): string {
  const e = x.emitted;
  return `${moduleScope(x)}
// GQA packing: workgroup (x, kvh, b) serves key/value head kvh and the GROUP query heads sharing it.
// Its invocations own packed rows R = hg * Q_LEN + q (query head h = kvh * GROUP + hg, query row q),
// so every K/V tile staged below serves the whole group.
@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  let b = i32(wid.z);
  let kvh = i32(wid.y);
  let grp = max(u.GROUP, 1i);
  let qpad = max(u.Q_LEN, 1i); // the tensors' Q_LEN: the packing's stride
  let prows = grp * qpad;
  // split-KV: the host dispatches q_tiles x splits workgroups along x; workgroup split * q_tiles + t
  // walks packed tile t over its split's share of the key tiles and writes partial o, lse (merged after)
  let q_tiles = max((u32(prows) + BQ - 1u) / BQ, 1u);
  let splits = max(nwg.x / q_tiles, 1u);
  let split = wid.x / q_tiles;
  // the program's Q_LEN and KV_LEN: the batch row's own lengths (per-row lengths) or the tensors'
  let lens = attn_row_lens(u32(b));
  let Q_LEN = lens.x;
  let KV_LEN = lens.y;
  let plo = i32((wid.x % q_tiles) * BQ); // this tile's packed rows: [plo, phi]
  let phi = min(plo + i32(BQ), prows) - 1i;
  let hg_first = plo / qpad; // the group's heads with rows in this tile: hg_first..hg_last (uniform)
  let hg_last = phi / qpad;
  let part = lid % SPLIT;
  let prow = plo + i32(lid / SPLIT);
  let hg = min(prow / qpad, grp - 1i);
  let h = kvh * grp + hg; // this invocation's query head and row (q >= u.Q_LEN: padding, not written)
  let q = prow - hg * qpad;
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
  var kt_end = 0i;
  { // the tile's key range: the hull of its heads' ranges (none when every row is past Q_LEN)
${ind(packedRange(x), 4)}
  }
  if (splits > 1u) { // this split's share of the tensors' key tiles (the same for every batch row)
    let per = i32((u32((u.KV_LEN + i32(BKV) - 1i) / i32(BKV)) + splits - 1u) / splits);
    kt_begin = max(kt_begin, i32(split) * per);
    kt_end = min(kt_end, i32(split + 1u) * per);
  }
  for (var kt = kt_begin; kt < kt_end; kt++) {
    let kvlo = kt * i32(BKV);
    let kvhi = min(kvlo + i32(BKV), KV_LEN) - 1i;
${ind(packedClasses(x), 4)}
${ind(STAGE_KV, 4)}
${ind(keyLoop(x), 4)}
  }
${ind(writeRow(x), 2)}
}
`;
}
