/**
 * The TypeScript backend's backward: the body of `backward(q, k, v, dO, tensors, sizes, options)`
 * for plans with `grad`.
 *
 * FlashAttention-2's backward in reference form, walking the same query tiles, key ranges and
 * tile classes as `forward` (a tile is skipped in backward exactly when it is in forward):
 * - softmax, first pass per query tile: each row's max, sum and Δ_i = Σ_j P_ij (dO_i · v_j)
 *   (= dO_i · o_i), online in float64 as the forward sums. The reference recomputes these instead
 *   of reading the forward's float32 lse: P = exp(L - lse) from a float32 lse is off by up to
 *   |lse| · 2^-24 relative (1e-3 at scores near 2e4), and the reference is exact to float64
 *   rounding at any magnitude. (The GPU backwards read o and lse, as FlashAttention does.)
 * - second pass: per visible entry, P = exp(L - max) / sum (softmax), sigmoid(L) or L (none);
 *   dv += P dO; dL = P (dO·v - Δ) (softmax), P (1 - P) dO·v (sigmoid) or dO·v (none);
 *   dq, dk += scale · dL · dL/ds · k, q; d_NAME[element read] += dL · dL/dread.
 * - with a sink S (a per-row logit with no value row), the first pass adds it to each row's max and
 *   sum, and each row adds dloss/dS = -P_sink Δ_i (P_sink = exp(S - max) / sum) times dS/dread into
 *   the tensor elements the sink reads.
 * Memory: O(tile) scratch; dq, dk, dv and the tensor gradients are accumulated in float64
 * arrays of their own shapes and returned as float32.
 */
import type { Normalize } from "../../compiler/ir/program.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import type { EmittedGrad, EmittedSite, Stmt } from "../shared/emit-types.js";
import type { EmittedKernel } from "../shared/emit.js";
import { tsRules } from "./rules.js";
import { gradAccumulatorFor } from "./runtime.js";

const decls = (ss: Stmt[]) => ss.map((s) => tsRules.declare(s)).join("\n");

/** Adds `dL` times each differentiable tensor read's slope into its element (only where the slope is not 0). */
function siteUpdates(sites: EmittedSite[], dL = "dL"): string {
  return sites
    .map((site, i) => `{
  const slope${i}: number = ${site.d};
  if (slope${i} !== 0) {
    ${decls(site.idx.pre)}
    gd_${site.tensor}[go_${site.tensor}(${site.idx.exprs.join(", ")})] += ${dL} * slope${i};
  }
}`)
    .join("\n");
}

/** `body` for each row of the query tile with its sink logit `S` (and the sink's temporaries) in scope. */
function sinkRows(g: EmittedGrad, body: string): string {
  const k = g.sink!;
  return `for (let i = 0; i < rows; i++) {
  const q = qlo + i;
  ${decls(k.pre)}
  const S: number = ${k.value};
  ${body}
}`;
}

/**
 * The weight `p` of a visible entry with score `L` (not -inf) under an elementwise normalizer, and
 * `dL` from `p` and dp = dO·v (the backward): sigmoid(L) and p (1 - p) dp, or, for `none`, L itself
 * and dp.
 */
export function elementwiseWeight(normalize: Normalize): string {
  return normalize === "none" ? "const p = L; // normalize none: the weight is the score itself" : "const p = sigmoid(L);";
}
export const elementwiseDl = (normalize: Normalize): string => (normalize === "none" ? "dp" : "p * (1 - p) * dp");

/** The sink joins each row's max and sum (rescaling the sums to a new max), before Δ is normalized. */
const SINK_STATS = `if (S > rowMax[i]!) {
  const corr = Math.exp(rowMax[i]! - S);
  rowSum[i] *= corr;
  delta[i] *= corr;
  rowMax[i] = S;
}
if (S !== -Infinity) rowSum[i] += Math.exp(S - rowMax[i]!);`;

/** The pieces of `forward` the backward shares (backends/ts/generate.ts builds them). */
export interface WalkParts {
  /** validation, sizes, readers, facts, scale and tile constants */
  prologue: string;
  /** ktBegin, ktEnd: the key tiles of the query tile's closed-form key range, or all of them */
  range: string;
  /** the walk over batch rows, heads and query tiles (qlo, qhi, rows), `body` per query tile */
  queryTiles(body: string): string;
  /** the walk over the visible key tiles, rows and keys of a query tile, `entry` per visible (q, kv) */
  keyTiles(rowHead: string, entry: string, rowTail?: string): string;
}

/**
 * The softmax statistics of the query tile's rows (rowMax, rowSum, delta; rowSum 0 = nothing
 * visible), with the forward's online rescaling and its special values: a NaN or +inf score makes
 * the row's sum NaN. P is then exp(L - max) / sum, as the forward normalizes (exp(L - lse) would
 * lose log(sum) to rounding where |max| is huge).
 */
function statsPass(parts: WalkParts, score: { pre: string; expr: string }, g: EmittedGrad): string {
  const entry = `${score.pre}
const L = ${score.expr};
if (L > m) {
  const corr = Math.exp(m - L);
  m = L;
  rowSum[i] *= corr;
  delta[i] *= corr;
}
if (L === -Infinity) continue;
const p = Math.exp(L - m);
let dp = 0;
for (let c = 0; c < DV; c++) dp += dO[outRow + c]! * v[vRow + c]!;
rowSum[i] += p;
delta[i] += p * dp;`;
  return `rowMax.fill(-Infinity);
rowSum.fill(0);
delta.fill(0);
${parts.keyTiles(`const outRow = ((b * H + h) * Q_PAD + q) * DV;\nlet m = rowMax[i]!;`, entry, "rowMax[i] = m;")}
${g.sink ? sinkRows(g, SINK_STATS) : ""}
for (let i = 0; i < rows; i++) delta[i] = rowSum[i] === 0 ? 0 : delta[i]! / rowSum[i]!;`;
}

/** The body of `backward`: `parts` are the pieces it shares with `forward`. */
export function backwardBody(plan: KernelPlan, e: EmittedKernel, parts: WalkParts, score: { pre: string; expr: string }): string {
  const g = e.grad!;
  const softmax = plan.normalize === "softmax";
  const floatInputs = plan.inputs.filter((i) => i.dtype === "f32");
  const checks = `expectLength("dO", dO, B * H * Q_PAD * DV, "[B, H, Q_LEN, DV]");
noPageTable(pages);`;
  const dqdk = g.ds
    ? `const dS = scale * dL * (${g.ds});
for (let d = 0; d < D; d++) {
  dq[qBase + d] += dS * k[kRow + d]!;
  dk[kRow + d] += dS * q_[qBase + d]!;
}`
    : "// the score does not depend on s differentiably: dq and dk get nothing";
  const weight = softmax
    ? `const p = Math.exp(L - rowMax[i]!) / rowSum[i]!; // NaN in a row with a NaN or +inf score: its terms are NaN`
    : elementwiseWeight(plan.normalize);
  const dL = softmax ? "p * (dp - delta[i]!)" : elementwiseDl(plan.normalize);
  const rowHead = `const outRow = ((b * H + h) * Q_PAD + q) * DV;
${softmax ? "if (rowSum[i] === 0) continue; // nothing visible: the row adds nothing" : ""}`;
  const entry = `${decls(g.pre)}
const L = ${g.score};
if (L === -Infinity) continue; // weight zero: adds nothing, as a masked key
${weight}
let dp = 0;
for (let c = 0; c < DV; c++) {
  dp += dO[outRow + c]! * v[vRow + c]!;
  dv[vRow + c] += p * dO[outRow + c]!;
}
const dL = ${dL};
${dqdk}
${siteUpdates(g.sites)}`;
  // the sink's tensor gradients, once per row: dloss/dS = P_sink (0 - Δ) (its value row is zero)
  const sinkGrads = g.sink && g.sink.sites.length > 0
    ? sinkRows(g, `if (S === -Infinity || rowSum[i] === 0) continue; // no sink weight: adds nothing
const dSink = -(Math.exp(S - rowMax[i]!) / rowSum[i]!) * delta[i]!;
${siteUpdates(g.sink.sites, "dSink")}`)
    : "";
  return `${parts.prologue}
${checks}
${floatInputs.map(gradAccumulatorFor).join("\n")}
const dq = new Float64Array(B * H * Q_PAD * D);
const dk = new Float64Array(B * H_KV * KV_PAD * D);
const dv = new Float64Array(B * H_KV * KV_PAD * DV);
// per query tile (softmax): each row's max, sum and Δ_i = Σ_j P_ij dO_i · v_j, in float64
const rowMax = new Float64Array(BLOCK_Q);
const delta = new Float64Array(BLOCK_Q);
const rowSum = new Float64Array(BLOCK_Q);
${parts.queryTiles(`${parts.range}
${softmax ? statsPass(parts, score, g) : ""}
${parts.keyTiles(rowHead, entry)}
${sinkGrads}`)}
return {
  dq: Float32Array.from(dq),
  dk: Float32Array.from(dk),
  dv: Float32Array.from(dv),
  // computed keys: a plain \`"__proto__": x\` in an object literal would set the prototype
  dTensors: { ${floatInputs.map((i) => `[${JSON.stringify(i.name)}]: Float32Array.from(gd_${i.name})`).join(", ")} },
};`;
}
