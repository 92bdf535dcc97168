/**
 * The backward's printed parts of a generated CUDA file (plans with `grad`): the per-entry holes
 * `grad_score` / `grad_sites`, the sink's per-row holes `grad_sink_logit` / `grad_sink_sites`, the
 * gradient arguments `BwdArgs`, the launches of the skeleton-bwd.ts kernels and the `extern "C"`
 * entry point `attnc_<name>_backward`.
 *
 * Contract: the entry point checks every argument as the forward's does (ATTNC_ERR_* without
 * touching the GPU), then on `stream`: zeroes the tensor gradients, computes Δ (softmax; with a sink
 * that reads f32 tensors, also their gradients -exp(S - lse)·Δ·dS/dread, per row), runs the
 * key-major pass (dk, dv, tensor gradients) and the query-major pass (dq; zero-filled when the score
 * does not depend on s). dq, dk, dv are deterministic; a tensor gradient is summed with atomicAdd.
 * Inputs are the forward's: q, k, v and dO in the kernel dtype, o and lse float32 as the forward
 * wrote them (o and lse unused, may be null, for sigmoid and none). Head dims: those of the forward up to 128.
 */
import type { DimSpec, InputDecl } from "../../compiler/ir/program.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import type { EmittedKernel, EmittedGrad, Stmt } from "../shared/emit-types.js";
import type { TileConfig } from "./config.js";
import { clampedOffset, ctype, dimProduct, renderDimChecks, setDimFields, dtypeDispatch, dtypeRejected, renderFactChecks, SIZE_CHECKS, type CudaDtypes } from "./host.js";
import { cudaRules, inputPtr } from "./rules.js";

/** Head dims the backward is generated for (the accumulators of dK and dV need HD registers). */
export const BACKWARD_HEAD_DIMS = [64, 128];
/**
 * The backward's tiles per head dim: keys per key-major CTA x query rows per step (bn x bm), and
 * query rows per query-major CTA x keys per tile (qm x qn). Chosen for no spills under
 * __launch_bounds__(128) on the examples (softcap's dq pass spilled 8 bytes at D = 64 with qn = 64).
 */
const TILES: Record<number, { bn: number; bm: number; qm: number; qn: number }> = {
  64: { bn: 64, bm: 64, qm: 64, qn: 32 },
  128: { bn: 64, bm: 32, qm: 64, qn: 64 },
};

export const gradPtr = (d: Pick<InputDecl, "name">): string => `d_${d.name}`;
const gradOffFn = (d: Pick<InputDecl, "name">): string => `attnc_grad_off_${d.name}`;
/** BwdArgs' fields of a tensor gradient: its element count and its offset in the CTA's shared copy (-1: none) */
const gradCount = (d: Pick<InputDecl, "name">): string => `n_${d.name}`;
const gradSmem = (d: Pick<InputDecl, "name">): string => `sg_${d.name}`;

const floatInputs = (plan: KernelPlan) => plan.inputs.filter((d) => d.dtype === "f32");

/** The backward's prototype (the header declares it, the file defines it). */
export function backwardPrototype(name: string, inputs: InputDecl[], varlen = false): string {
  const tensors = inputs.map((d) => `const ${ctype(d)}* ${inputPtr(d)}, `).join("");
  const grads = inputs.filter((d) => d.dtype === "f32").map((d) => `float* ${gradPtr(d)}, `).join("");
  return (
    `int attnc_${name}_backward${varlen ? "_varlen" : ""}(const void* q, const void* k, const void* v, const float* o, const float* lse, const void* dO,\n` +
    `    float* dq, float* dk, float* dv, int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,\n` +
    `    ${tensors}${grads}${varlen ? "const int* q_lens, const int* kv_lens, " : ""}cudaStream_t stream)`
  );
}

/** The header's lines for the backward. */
export function backwardHeaderDoc(plan: KernelPlan, name: string): string[] {
  return [
    `/* Backward: dO [B, H, Q_LEN, D] in the kernel dtype; o and lse as the forward wrote them (unused for sigmoid and none);`,
    ` * dq [B, H, Q_LEN, D], dk and dv [B, H_KV, KV_LEN, D] float32, every element written.`,
    ...floatInputs(plan).map((d) => ` * ${gradPtr(d)}: the gradient of ${d.name}, float32, its shape (zeroed, then summed with atomicAdd).`),
    ` * Head dims ${BACKWARD_HEAD_DIMS.join(", ")} (others: ATTNC_ERR_HEAD_DIM). */`,
    `${backwardPrototype(name, plan.inputs, true)};`,
    `/* The backward of attnc_${name}_forward_varlen: q_lens, kv_lens as there (either may be NULL); entries`,
    ` * past a row's lengths have no gradient: dq rows past q_lens[b] and dk, dv rows past kv_lens[b] are 0. */`,
    `${backwardPrototype(name, plan.inputs)};`,
  ];
}

const I = "  ";
const decls = (ss: Stmt[]) => ss.map((s) => cudaRules.declare(s));

/**
 * `grad_score` (L and dL/ds of one visible entry) and `grad_sites` (adds dL · dL/dread into each
 * tensor gradient the score reads, where the slope is not 0), through `withCtx`, which unpacks
 * the hoisted per-head / per-row / per-column values the printed code names.
 */
export function renderGradHoles(plan: KernelPlan, em: EmittedKernel, withCtx: (code: string[]) => string[]): string {
  const g = em.grad as EmittedGrad;
  const sig = "const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s";
  const grads = floatInputs(plan);
  const offs = grads.map((d) => {
    const { args, off } = clampedOffset(d);
    return `// the row-major offset of an element of ${d.name} (indices clamped, as its reads are)\n__device__ __forceinline__ int64_t ${gradOffFn(d)}(const Params& p, ${args}) {\n${I}return ${off};\n}`;
  });
  // one accumulator per site, writing into its tensor's gradient (shared copy or global memory)
  const accs = g.sites.map((site, i) => ({ name: `a${i}`, decl: grads.find((d) => d.name === site.tensor)! }));
  const scoreCode = [...decls(g.pre), `ds = ${g.ds ?? "0.0f"};`, `return ${g.score};`];
  const siteCode = [
    ...decls(g.pre),
    ...g.sites.flatMap((site, i) => {
      const decl = grads.find((d) => d.name === site.tensor)!;
      return [
        `{`,
        `${I}const float slope${i} = ${site.d};`,
        `${I}if (slope${i} != 0.0f) {`,
        ...decls(site.idx.pre).map((l) => `${I}${I}${l}`),
        `${I}${I}ga.a${i}.add(${gradOffFn(decl)}(p, ${site.idx.exprs.join(", ")}), dL * slope${i});`,
        `${I}}`,
        `}`,
      ];
    }),
  ];
  const body = (lines: string[]) => lines.map((l) => `${I}${l}`).join("\n");
  // the sink's per-row value and slopes (their own temporaries: only p, b, h, q in scope)
  const sink = g.sink;
  const sinkSites = sink?.sites ?? [];
  const sinkAccs = sinkSites.map((site, i) => ({ name: `k${i}`, decl: grads.find((d) => d.name === site.tensor)! }));
  const sinkSig = "const Params& p, int b, int h, int q";
  const sinkSiteCode = [
    ...decls(sink?.pre ?? []),
    ...sinkSites.flatMap((site, i) => [
      `{`,
      `${I}const float slope${i} = ${site.d};`,
      `${I}if (slope${i} != 0.0f) {`,
      ...decls(site.idx.pre).map((l) => `${I}${I}${l}`),
      `${I}${I}sa.k${i}.add(${gradOffFn(sinkAccs[i]!.decl)}(p, ${site.idx.exprs.join(", ")}), dS * slope${i});`,
      `${I}}`,
      `}`,
    ]),
  ];
  const sinkHoles = [
    `// ---- the sink's gradient (per query row): dloss/dS = -exp(S - lse) * delta, times dS/dread ----`,
    `constexpr bool kSinkHasSites = ${sinkSites.length > 0};  // the sink reads some f32 tensor differentiably`,
    `constexpr int kDeltaRows = kSinkHasSites ? 16 : 1;  // query rows per warp of bwd_delta_kernel`,
    `// the sink's accumulators of one thread (in global memory), one per site`,
    `struct SinkAcc {`,
    ...sinkAccs.map((a) => `${I}GradAccum ${a.name};  // ${a.decl.name}`),
    `};`,
    `__device__ __forceinline__ SinkAcc sink_acc(const BwdArgs& g) {`,
    `${I}SinkAcc a;`,
    ...sinkAccs.map((a) => `${I}a.${a.name}.dst = g.${gradPtr(a.decl)};`),
    `${I}return a;`,
    `}`,
    `__device__ __forceinline__ void sink_flush(SinkAcc& a) {${sinkAccs.map((a) => ` a.${a.name}.flush();`).join("")} }`,
    `// the sink logit S of row q`,
    `__device__ __forceinline__ float grad_sink_logit(${sinkSig}) {`,
    body(sink ? [...decls(sink.pre), `return ${sink.value};`] : [`return -INFINITY;  // no sink`]),
    `}`,
    `// adds dS * dS/dread into the gradient of each float tensor element the sink reads`,
    `__device__ __forceinline__ void grad_sink_sites(${sinkSig}, float dS, SinkAcc& sa) {`,
    body(sinkSites.length > 0 ? sinkSiteCode : ["(void)p; (void)b; (void)h; (void)q; (void)dS; (void)sa;"]),
    `}`,
  ];
  return [
    `// ---- the backward's per-entry values (compiler/grad): L, dL/ds, and the tensor reads' slopes ----`,
    `constexpr bool kGradHasDs = ${g.ds !== null};  // false: the score does not depend on s (dq = dk = 0)`,
    `constexpr bool kGradHasSites = ${g.sites.length > 0};`,
    `struct BwdArgs {`,
    `${I}const void* dO;`,
    `${I}const float* delta;  // [B, H, Q_LEN]: dO_i . o_i (softmax)`,
    `${I}float* dq;`,
    `${I}float* dk;`,
    `${I}float* dv;`,
    ...grads.map((d) => `${I}float* ${gradPtr(d)};  // the gradient of ${d.name}`),
    ...grads.map((d) => `${I}int64_t ${gradCount(d)};  // its elements`),
    ...grads.map((d) => `${I}int ${gradSmem(d)};  // its offset in the CTA's shared copy (floats), or -1: summed in global memory`),
    `${I}int sg_total;  // floats of the shared copy (0: none)`,
    `};`,
    ...offs,
    `// sums one thread's consecutive additions to the same element of a tensor gradient in a register`,
    `// and adds the sum into dst (the CTA's shared copy, or global memory) when the element changes`,
    `// (a 32-bit element index saves the registers the backward needs; elements past 2^31 - 1 go straight`,
    `// to dst)`,
    `struct GradAccum {`,
    `${I}float* dst;`,
    `${I}int at = -1;`,
    `${I}float sum = 0.0f;`,
    `${I}__device__ __forceinline__ void flush() {`,
    `${I}${I}if (at >= 0) atomicAdd(dst + at, sum);`,
    `${I}${I}at = -1;`,
    `${I}}`,
    `${I}__device__ __forceinline__ void add(int64_t i, float x) {`,
    `${I}${I}if (i > 2147483647) {`,
    `${I}${I}${I}atomicAdd(dst + i, x);`,
    `${I}${I}${I}return;`,
    `${I}${I}}`,
    `${I}${I}if ((int)i != at) {`,
    `${I}${I}${I}flush();`,
    `${I}${I}${I}at = (int)i;`,
    `${I}${I}${I}sum = 0.0f;`,
    `${I}${I}}`,
    `${I}${I}sum += x;`,
    `${I}}`,
    `};`,
    `// the tensor gradients' accumulators of one thread, one per site`,
    `struct GradAcc {`,
    ...accs.map((a) => `${I}GradAccum ${a.name};  // ${a.decl.name}`),
    `};`,
    `__device__ __forceinline__ GradAcc grad_acc(const BwdArgs& g, float* sg) {`,
    `${I}GradAcc a;`,
    ...accs.map((a) => `${I}a.${a.name}.dst = g.${gradSmem(a.decl)} >= 0 ? sg + g.${gradSmem(a.decl)} : g.${gradPtr(a.decl)};`),
    `${I}return a;`,
    `}`,
    `__device__ __forceinline__ void grad_flush(GradAcc& a) {${accs.map((a) => ` a.${a.name}.flush();`).join("")} }`,
    `// adds the CTA's shared copies into the gradients in global memory, once per element`,
    `__device__ __forceinline__ void grad_smem_to_global(const BwdArgs& g, const float* sg, int tid, int nthreads) {`,
    ...grads.flatMap((d) => [
      `${I}if (g.${gradSmem(d)} >= 0)`,
      `${I}${I}for (int64_t i = tid; i < g.${gradCount(d)}; i += nthreads)`,
      `${I}${I}${I}if (sg[g.${gradSmem(d)} + i] != 0.0f) atomicAdd(g.${gradPtr(d)} + i, sg[g.${gradSmem(d)} + i]);  // (NaN != 0)`,
    ]),
    `}`,
    `// the score L of a visible entry and dL/ds into ds`,
    `__device__ __forceinline__ float grad_score(${sig}, float& ds) {`,
    body(withCtx(scoreCode)),
    `}`,
    `// adds dL * dL/dread into the gradient of each float tensor element the score read`,
    `__device__ __forceinline__ void grad_sites(${sig}, float dL, GradAcc& ga) {`,
    body(withCtx(siteCode)),
    `}`,
    ...sinkHoles,
  ].join("\n");
}

const numel = (dims: DimSpec[]) => dimProduct(dims, 0);

/** The launches and the entry point. */
export function renderBackwardLaunch(name: string, plan: KernelPlan, configs: TileConfig[], dtypes: CudaDtypes = "both"): string {
  const dims = configs.map((c) => c.headDim).filter((d) => BACKWARD_HEAD_DIMS.includes(d));
  const ptrs = plan.inputs.map(inputPtr);
  const grads = floatInputs(plan);
  const softmax = plan.normalize === "softmax";
  const cases = dims.map((d) => `    case ${d}: return bwd_launch<T, ${d}, ${[TILES[d]!.bn, TILES[d]!.bm, TILES[d]!.qm, TILES[d]!.qn].join(", ")}>(p, g, stream);`).join("\n");
  return `namespace attnc_${name} {

// BN x BM: keys per CTA x query rows per step of the key-major pass; QM x QN: query rows per CTA x
// keys per tile of the query-major pass
template <typename T, int HD, int BN, int BM, int QM, int QN>
static int bwd_launch(const Params& p, const BwdArgs& g, cudaStream_t stream) {
  if (!kElementwise) {
    const int64_t rows = (int64_t)p.B * p.H * p.Q_LEN;
    const int64_t per_block = 8 * kDeltaRows;  // 8 warps, kDeltaRows rows each
    const int rc = launch_checked(reinterpret_cast<const void*>(bwd_delta_kernel<T, HD>), dim3((unsigned)((rows + per_block - 1) / per_block)), 256, 0, stream, p, static_cast<const T*>(g.dO), const_cast<float*>(g.delta), g);
    if (rc != ATTNC_OK) return rc;
  }
  {
    // K, V; Q, dO, lse, Δ twice; the tensor gradients' shared copy. The attribute is the largest this
    // kernel can ask for (a call-dependent value would race with another thread's launch)
    constexpr size_t kTiles = (size_t)(2 * BN + 4 * BM) * HD * sizeof(T) + 4 * BM * sizeof(float) + (kAtomicDq ? (size_t)BN * (BM + 8) * sizeof(T) : 0);
    constexpr size_t kMaxSmem = kTiles + (kGradHasSites ? kGradSmemFloats * sizeof(float) : 0);
    static_assert(kMaxSmem <= 99 * 1024, "the key-major pass must fit the smallest sm_8x opt-in shared memory (99 KiB)");
    const size_t smem = kTiles + (size_t)g.sg_total * sizeof(float);
    auto kernel = bwd_dkdv_kernel<T, HD, BN, BM>;
    if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)kMaxSmem) != cudaSuccess) return ATTNC_ERR_CUDA;
    // dq = 0 where no query-major pass writes it: the score has no s, or the key-major pass adds dq
    // with atomics (kAtomicDq), from zero
    if ((kAtomicDq || !kGradHasDs) && cudaMemsetAsync(g.dq, 0, (size_t)p.B * p.H * p.Q_LEN * HD * sizeof(float), stream) != cudaSuccess) return ATTNC_ERR_CUDA;
    const int rc = launch_checked(reinterpret_cast<const void*>(kernel), dim3((p.KV_LEN + BN - 1) / BN, p.H_KV, p.B), BN / 16 * 32, smem, stream, p, g);
    if (rc != ATTNC_OK) return rc;
  }
  if constexpr (kAtomicDq || !kGradHasDs) {  // dq is done
    return ATTNC_OK;
  } else {
    constexpr size_t smem = (size_t)(2 * QM + 4 * QN) * HD * sizeof(T);  // Q, dO; K, V twice
    static_assert(smem <= 99 * 1024, "the query-major pass must fit the smallest sm_8x opt-in shared memory (99 KiB)");
    auto kernel = bwd_dq_kernel<T, HD, QM, QN>;
    if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess) return ATTNC_ERR_CUDA;
    return launch_checked(reinterpret_cast<const void*>(kernel), dim3((p.Q_LEN + QM - 1) / QM, p.H, p.B), QM / 16 * 32, smem, stream, p, g);
  }
}

template <typename T>
static int bwd_dispatch(const Params& p, const BwdArgs& g, cudaStream_t stream) {
  switch (p.D) {
${cases}
    default: return ATTNC_ERR_HEAD_DIM;
  }
}

}  // namespace attnc_${name}

extern "C" ${backwardPrototype(name, plan.inputs, true)} {
  using namespace attnc_${name};
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !dO || !dq || !dk || !dv${softmax ? " || !o || !lse" : ""}${[...ptrs, ...grads.map(gradPtr)].map((n) => ` || !${n}`).join("")}) return ATTNC_ERR_NULL_POINTER;
${SIZE_CHECKS}
${renderDimChecks(plan.inputs)}  if (${dims.map((d) => `D != ${d}`).join(" && ") || "true"}) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(dO, 16) || misaligned(dq, 8) || misaligned(dk, 8) ||
      misaligned(dv, 8) || misaligned(o, 4) || misaligned(lse, 4)${[...ptrs, ...grads.map(gradPtr)].map((n) => ` || misaligned(${n}, 4)`).join("")} ||
      misaligned(q_lens, 4) || misaligned(kv_lens, 4)) return ATTNC_ERR_ALIGNMENT;
  if (${dtypeRejected(dtypes)}) return ATTNC_ERR_DTYPE;
  Params p{q, k, v, const_cast<float*>(o), const_cast<float*>(lse), B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale${ptrs.map((n) => `, ${n}`).join("")}};
  p.q_lens = q_lens;  // per-row lengths (or null): the kernels read them through attnc_q_len / attnc_kv_len
  p.kv_lens = kv_lens;
${setDimFields(plan.inputs)}${renderFactChecks(plan)}  // from here on, every failure ends in the cleanup below (the buffers this call allocated are freed)
  int rc = ATTNC_OK;
  float* delta = nullptr;
  do {
${grads.map((d) => `    if (cudaMemsetAsync(${gradPtr(d)}, 0, ${numel(d.dims)} * sizeof(float), stream) != cudaSuccess) { rc = ATTNC_ERR_CUDA; break; }
`).join("")}    ${softmax ? `if (cudaMallocAsync(reinterpret_cast<void**>(&delta), (size_t)B * H * Q_LEN * sizeof(float), stream) != cudaSuccess) { delta = nullptr; rc = ATTNC_ERR_CUDA; break; }` : `// ${plan.normalize}: no Δ`}
    BwdArgs g{dO, delta, dq, dk, dv${grads.map((d) => `, ${gradPtr(d)}`).join("")}};
${grads.map((d) => `    g.${gradCount(d)} = ${numel(d.dims)};
`).join("")}    // the tensor gradients are summed per CTA in shared memory when they fit in kGradSmemFloats floats together
    // (only where the score reads some tensor differentiably: the kernel reserves that memory only then)
    g.sg_total = 0;
${grads.map((d) => `    g.${gradSmem(d)} = -1;
`).join("")}${grads.length > 0 ? `    if (kGradHasSites && ${grads.map((d) => `g.${gradCount(d)}`).join(" + ")} <= kGradSmemFloats) {
${grads.map((d) => `      g.${gradSmem(d)} = g.sg_total;
      g.sg_total += (int)g.${gradCount(d)};
`).join("")}    }
` : ""}    rc = ${dtypeDispatch(dtypes, "bwd_dispatch", "p, g, stream")};
  } while (false);
  if (delta != nullptr && cudaFreeAsync(delta, stream) != cudaSuccess && rc == ATTNC_OK) rc = ATTNC_ERR_CUDA;
${plan.facts.length > 0 ? "  if (cudaFreeAsync(violations, stream) != cudaSuccess && rc == ATTNC_OK) rc = ATTNC_ERR_CUDA;\n" : ""}  return rc;
}

extern "C" ${backwardPrototype(name, plan.inputs)} {
  return attnc_${name}_backward_varlen(q, k, v, o, lse, dO, dq, dk, dv, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, ${[...ptrs, ...grads.map(gradPtr)].map((n) => `${n}, `).join("")}nullptr, nullptr, stream);
}
`;
}
