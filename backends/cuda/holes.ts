/**
 * Turns the printed plan (an `EmittedKernel` in CUDA spelling) into the device functions every
 * CUDA skeleton calls: `HeadCtx head_ctx`, `RowCtx row_ctx`, the key-column reads (`ColCtx`
 * `col_ctx`, `col_src`, `col_staged`, `kNumCols`), `mask`, `score`, `any_visible`, `all_visible`,
 * `kv_range`, `sink_logit` (a stub returning -inf without a sink), the elementwise normalizer's
 * `weight` and `weight_dl` (stubs for softmax) and the flags `kMaskIsTrue kScoreIsS kElementwise
 * kUnitWeights kHasKvRange kHasSink`.
 *
 * Contract: per-head and per-row temporaries are computed once (in `head_ctx` / `row_ctx`) and
 * carried in small structs; the per-element functions unpack them into locals named as the
 * emitter named them (`t<id>`), so the printed expressions compile unchanged. A `ColCtx` holds the
 * schedule's per-key-column reads of one key: read where used (`col_ctx`) or from a tile staged in
 * shared memory (`col_src` gives the address of read j at key kv for the copy, `col_staged` reads
 * entry i of a stage laid out as kNumCols rows of `stride` words). Functions are
 * `__device__ __forceinline__`; unused fields vanish after inlining.
 */
import { topo } from "../../compiler/ir/node.js";
import type { Normalize } from "../../compiler/ir/program.js";
import { isElementwise } from "../../compiler/ir/program.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import type { EmittedKernel, Printed, Stmt } from "../shared/emit-types.js";
import { cType, cudaRules } from "./rules.js";
import { renderGradHoles } from "./backward.js";

const I = "  ";

function fields(stmts: Stmt[]): string {
  if (stmts.length === 0) return "";
  return stmts.map((s) => `${I}${cType(s.type)} ${s.name};`).join("\n") + "\n";
}

/** `const T tN = from.tN;` for the fields that `uses` (the code that follows) mentions. */
function unpack(stmts: Stmt[], from: string, uses: string[]): string[] {
  const text = uses.join("\n");
  return stmts
    .filter((s) => new RegExp(`\\b${s.name}\\b`).test(text))
    .map((s) => `const ${cType(s.type)} ${s.name} = ${from}.${s.name};`);
}

function body(lines: string[]): string {
  return lines.map((l) => `${I}${l}`).join("\n");
}

function printedBody(pr: Printed): string[] {
  return [...pr.pre.map((s) => cudaRules.declare(s)), `return ${pr.expr};`];
}

/** Binds the run-time facts (checked by the host before the launch) that `code` reads. */
function withFacts(plan: KernelPlan, code: string[]): string[] {
  const text = code.join("\n");
  const binds = plan.facts
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => new RegExp(`\\b${f.var}\\b`).test(text))
    .map(({ f, i }) => `const bool ${f.var} = p.fact_violations[${i}] == 0;  // ${f.tensor} is ${f.kind} along dim ${f.dim}`);
  return [...binds, ...code];
}

/** Is this IR the bare variable `s` (the score needs no code)? */
export function scoreIsS(plan: KernelPlan): boolean {
  const n = plan.score;
  return n.op === "var" && (n.attr as { name: string }).name === "s";
}

/** A mask of few ops (no integer division) is evaluated fully unrolled; others in a rolled loop. */
export function maskIsCheap(plan: KernelPlan): boolean {
  const nodes = topo([plan.mask]);
  return nodes.length <= MASK_UNROLL_MAX_NODES && !nodes.some((n) => n.op === "idiv" || n.op === "imod");
}
const MASK_UNROLL_MAX_NODES = 12;

/** Does the tile classifier read tensors (a document mask's ids)? */
export function classifierReadsTensors(plan: KernelPlan): boolean {
  return topo([plan.classify.anyVisible, plan.classify.allVisible]).some((n) => n.op === "load");
}

/** A tile classifier that reads tensors or is large is evaluated a chunk of tiles at a time, one tile per thread. */
export function classifierIsCheap(plan: KernelPlan): boolean {
  const nodes = topo([plan.classify.anyVisible]);
  return nodes.length <= 24 && !nodes.some((n) => n.op === "load");
}

/** The key-column reads: `ColCtx`, and the three ways the skeletons fill it (see the contract). */
function renderColumns(plan: KernelPlan, em: EmittedKernel): string[] {
  const cols = columnStmts(plan, em);
  const direct = [...em.col.map((s) => cudaRules.declare(s)), `return ColCtx{${cols.map((s) => s.name).join(", ")}};`];
  // the address of each read (its index may use another column read's value, which is then read here)
  const addr = (s: Stmt) => {
    if (!/^attnc_load_\w+\(/.test(s.expr)) throw new Error(`internal: key-column value ${s.name} is not a tensor read: ${s.expr}`);
    return `const void* ${s.name}_src = ${s.expr.replace(/^attnc_load_/, "attnc_ptr_")};`;
  };
  const src = [...em.col.map((s) => cudaRules.declare(s)), ...cols.map(addr), `return ${cols.map((s, j) => `j == ${j} ? ${s.name}_src : `).join("")}nullptr;`];
  const word = (s: Stmt, j: number) => (s.type === "float" ? `__uint_as_float(s[${j} * stride + i])` : `(int)s[${j} * stride + i]`);
  return [
    `// reads computed once per key column (the same for every query row): staged per tile in shared`,
    `// memory by the sm_90a kernel, else read where used`,
    `constexpr int kNumCols = ${cols.length};`,
    `struct ColCtx {\n${fields(cols)}};`,
    `__device__ __forceinline__ ColCtx col_ctx(const Params& p, const HeadCtx& hc, int b, int h, int kv) {`,
    body([...unpack(em.head, "hc", direct), ...direct]),
    `}`,
    `__device__ __forceinline__ const void* col_src(const Params& p, const HeadCtx& hc, int b, int h, int kv, int j) {`,
    body([...unpack(em.head, "hc", src), ...src]),
    `}`,
    `__device__ __forceinline__ ColCtx col_staged(const unsigned* s, int stride, int i) {`,
    body([`return ColCtx{${cols.map(word).join(", ")}};`]),
    `}\n`,
  ];
}

/** The declarations of the column reads themselves (em.col also holds their index temporaries). */
function columnStmts(plan: KernelPlan, em: EmittedKernel): Stmt[] {
  return plan.schedule.columns.map((c) => em.col.find((s) => s.name === c.name)!);
}

/**
 * The elementwise normalizer (kElementwise): `weight` is the weight P of a visible entry with score
 * L (sigmoid(L), or L itself for `none`, where -inf is weight zero as a masked key), `weight_dl` is
 * dP/dL from P, for the backward. Stubs for softmax, whose weights are the online softmax's.
 */
function weightHoles(normalize: Normalize): string[] {
  const [what, w, dl] =
    normalize === "sigmoid" ? [" (normalize sigmoid: sigmoid(L)), and dP/dL from P (the backward)", "attnc_sigmoid(L)", "P * (1.f - P)"]
    : normalize === "none" ? [" (normalize none: L itself; -inf is 0, as a masked key), and dP/dL from P (the backward)", "L == -INFINITY ? 0.f : L", "1.f"]
    : [", and dP/dL from P: unused (normalize softmax: the online softmax weighs each row)", "L", "0.f"];
  return [
    `// the weight P of a visible entry with score L${what}`,
    `__device__ __forceinline__ float weight(float L) { return ${w}; }`,
    `__device__ __forceinline__ float weight_dl(float P) { return ${dl}; }\n`,
  ];
}

export function renderHoles(plan: KernelPlan, em: EmittedKernel): string {
  const SIG = "const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv";
  const withCtx = (code: string[]) => {
    const colPart = unpack(columnStmts(plan, em), "cc", code);
    const rowPart = unpack(em.row, "rc", code);
    return [...unpack(em.head, "hc", [...code, ...rowPart]), ...rowPart, ...colPart, ...code];
  };
  const tileSig = "const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi";
  const out: string[] = [];
  out.push(`// ---- the plan, printed: what the mask and score are, and which tiles can be skipped ----`);
  out.push(`constexpr bool kMaskIsTrue = ${plan.maskIsTrue};`);
  out.push(`constexpr bool kMaskIsCheap = ${maskIsCheap(plan)};  // unroll the mask loop (few ops)`);
  out.push(`constexpr bool kClassifierIsCheap = ${classifierIsCheap(plan)};  // classify key tiles where needed (else a chunk at a time, one per thread)`);
  out.push(`constexpr bool kScoreIsS = ${scoreIsS(plan)};`);
  out.push(`constexpr bool kElementwise = ${isElementwise(plan.normalize)};  // each entry weighs its value by weight(L) alone: no row max, sum or lse`);
  out.push(plan.normalize === "none"
    ? `constexpr bool kUnitWeights = false;  // normalize none: the weights are unbounded (fp16 P is not scaled)`
    : `constexpr bool kUnitWeights = true;  // every weight lies in [0, 1] (fp16 P may be scaled up)`);
  out.push(`constexpr bool kHasKvRange = ${em.kvRange !== undefined};`);
  out.push(`constexpr bool kHasSink = ${em.sink !== undefined};  // a per-row logit joins the softmax's denominator (epilogue)`);
  out.push("");
  out.push(`// values computed once per (b, h)`);
  out.push(`struct HeadCtx {\n${fields(em.head)}};`);
  out.push(`__device__ __forceinline__ HeadCtx head_ctx(const Params& p, int b, int h) {`);
  out.push(body([...em.head.map((s) => cudaRules.declare(s)), `return HeadCtx{${em.head.map((s) => s.name).join(", ")}};`]));
  out.push(`}\n`);
  out.push(`// values computed once per query row`);
  out.push(`struct RowCtx {\n${fields(em.row)}};`);
  out.push(`__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {`);
  const rowCode = [...em.row.map((s) => cudaRules.declare(s)), `return RowCtx{${em.row.map((s) => s.name).join(", ")}};`];
  out.push(body([...unpack(em.head, "hc", rowCode), ...rowCode]));
  out.push(`}\n`);
  out.push(...renderColumns(plan, em));
  out.push(`// the mask, on every in-range (q, kv) of a partial tile`);
  out.push(`__device__ __forceinline__ bool mask(${SIG}) {`);
  out.push(body(withCtx(printedBody(em.mask))));
  out.push(`}\n`);
  out.push(`// the score L, where the mask holds; s = scale * dot(q, k)`);
  out.push(`__device__ __forceinline__ float score(${SIG}, float s) {`);
  out.push(body(withCtx(printedBody(em.score))));
  out.push(`}\n`);
  out.push(...weightHoles(plan.normalize));
  out.push(`// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)`);
  out.push(`__device__ __forceinline__ bool any_visible(${tileSig}) {`);
  out.push(body(withFacts(plan, printedBody(em.anyVisible))));
  out.push(`}\n`);
  out.push(`__device__ __forceinline__ bool all_visible(${tileSig}) {`);
  out.push(body(withFacts(plan, printedBody(em.allVisible))));
  out.push(`}\n`);
  out.push(`// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]`);
  out.push(`__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {`);
  if (em.kvRange) {
    const { lo, hi } = em.kvRange;
    const block = (pr: Printed, dst: string) => [`{`, ...printedBody(pr).slice(0, -1).map((l) => `${I}${l}`), `${I}${dst} = ${pr.expr};`, `}`];
    out.push(body(withFacts(plan, [...block(lo, "lo"), ...block(hi, "hi")])));
  } else {
    out.push(body([`lo = 0;`, `hi = p.KV_LEN - 1;`]));
  }
  out.push(`}`);
  out.push(`// the sink logit of row q (natural-log units, as the score): it joins the row's sum in the epilogue`);
  out.push(`__device__ __forceinline__ float sink_logit(const Params& p, int b, int h, int q) {`);
  out.push(body(em.sink ? printedBody(em.sink) : [`return -INFINITY;  // no sink`]));
  out.push(`}`);
  if (em.grad) out.push("", renderGradHoles(plan, em, withCtx));
  return out.join("\n");
}
