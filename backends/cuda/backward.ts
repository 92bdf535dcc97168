/**
 * The backward's printed parts of a generated CUDA file (plans with `grad`): the per-entry holes
 * `grad_score` / `grad_sites`, the gradient arguments `BwdArgs`, the launches of the
 * skeleton-bwd.ts kernels and the `extern "C"` entry point `attnc_<name>_backward`.
 *
 * Contract: the entry point checks every argument as the forward's does (ATTNC_ERR_* without
 * touching the GPU), then on `stream`: zeroes the tensor gradients, computes Δ (softmax), runs the
 * key-major pass (dk, dv, tensor gradients) and the query-major pass (dq; zero-filled when the score
 * does not depend on s). dq, dk, dv are deterministic; a tensor gradient is summed with atomicAdd.
 * Inputs are the forward's: q, k, v and dO in the kernel dtype, o and lse float32 as the forward
 * wrote them (o and lse unused, may be null, for sigmoid). Head dims: those of the forward up to 128.
 */
import type { DimSpec, InputDecl } from "../../compiler/ir/program.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import type { EmittedKernel, EmittedGrad, Stmt } from "../shared/emit-types.js";
import { MAX_SIZE } from "../../compiler/ir/limits.js";
import type { TileConfig } from "./config.js";
import { renderFactChecks } from "./host.js";
import { cudaRules, inputPtr, intLiteral } from "./rules.js";

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
const gradPtrFn = (d: Pick<InputDecl, "name">): string => `attnc_grad_ptr_${d.name}`;

const floatInputs = (plan: KernelPlan) => plan.inputs.filter((d) => d.dtype === "f32");

function dimExpr(d: DimSpec): string {
  return d.kind === "const" ? intLiteral(d.value) : `p.${d.name}`;
}

/** The backward's prototype (the header declares it, the file defines it). */
export function backwardPrototype(name: string, inputs: InputDecl[]): string {
  const tensors = inputs.map((d) => `const ${d.dtype === "i32" ? "int" : "float"}* ${inputPtr(d)}, `).join("");
  const grads = inputs.filter((d) => d.dtype === "f32").map((d) => `float* ${gradPtr(d)}, `).join("");
  return (
    `int attnc_${name}_backward(const void* q, const void* k, const void* v, const float* o, const float* lse, const void* dO,\n` +
    `    float* dq, float* dk, float* dv, int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,\n` +
    `    ${tensors}${grads}cudaStream_t stream)`
  );
}

/** The header's lines for the backward. */
export function backwardHeaderDoc(plan: KernelPlan, name: string): string[] {
  return [
    `/* Backward: dO [B, H, Q_LEN, D] in the kernel dtype; o and lse as the forward wrote them (unused for sigmoid);`,
    ` * dq [B, H, Q_LEN, D], dk and dv [B, H_KV, KV_LEN, D] float32, every element written.`,
    ...floatInputs(plan).map((d) => ` * ${gradPtr(d)}: the gradient of ${d.name}, float32, its shape (zeroed, then summed with atomicAdd).`),
    ` * Head dims ${BACKWARD_HEAD_DIMS.join(", ")} (others: ATTNC_ERR_HEAD_DIM). */`,
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
  const ptrs = grads.map((d) => {
    const args = d.dims.map((_, i) => `int i${i}`).join(", ");
    let off = "";
    d.dims.forEach((dim, i) => {
      const idx = `min(max(i${i}, 0), ${dimExpr(dim)} - 1)`;
      off = i === 0 ? `(int64_t)${idx}` : `(${off}) * ${dimExpr(dim)} + ${idx}`;
    });
    return `__device__ __forceinline__ float* ${gradPtrFn(d)}(const Params& p, const BwdArgs& g, ${args}) {\n${I}return g.${gradPtr(d)} + (${off});\n}`;
  });
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
        `${I}${I}atomicAdd(${gradPtrFn(decl)}(p, g, ${site.idx.exprs.join(", ")}), dL * slope${i});`,
        `${I}}`,
        `}`,
      ];
    }),
  ];
  const body = (lines: string[]) => lines.map((l) => `${I}${l}`).join("\n");
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
    `};`,
    ...ptrs,
    `// the score L of a visible entry and dL/ds into ds`,
    `__device__ __forceinline__ float grad_score(${sig}, float& ds) {`,
    body(withCtx(scoreCode)),
    `}`,
    `// adds dL * dL/dread into the gradient of each float tensor element the score read`,
    `__device__ __forceinline__ void grad_sites(${sig}, float dL, const BwdArgs& g) {`,
    body(withCtx(siteCode)),
    `}`,
  ].join("\n");
}

/** Product of dims as C++ over `p`. */
const numel = (dims: DimSpec[]) => dims.map((d) => `(int64_t)${dimExpr(d)}`).join(" * ") || "(int64_t)1";

/** The launches and the entry point. */
export function renderBackwardLaunch(name: string, plan: KernelPlan, configs: TileConfig[]): string {
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
  if (!kSigmoid) {
    const int64_t rows = (int64_t)p.B * p.H * p.Q_LEN;
    const int rc = launch_checked(reinterpret_cast<const void*>(bwd_delta_kernel<T, HD>), dim3((unsigned)((rows + 7) / 8)), 256, 0, stream, p, static_cast<const T*>(g.dO), const_cast<float*>(g.delta));
    if (rc != ATTNC_OK) return rc;
  }
  {
    constexpr size_t smem = (size_t)(2 * BN + 2 * BM) * HD * sizeof(T) + 2 * BM * sizeof(float);
    auto kernel = bwd_dkdv_kernel<T, HD, BN, BM>;
    if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess) return ATTNC_ERR_CUDA;
    const int rc = launch_checked(reinterpret_cast<const void*>(kernel), dim3((p.KV_LEN + BN - 1) / BN, p.H_KV, p.B), BN / 16 * 32, smem, stream, p, g);
    if (rc != ATTNC_OK) return rc;
  }
  if constexpr (!kGradHasDs) {  // dq = 0
    return cudaMemsetAsync(g.dq, 0, (size_t)p.B * p.H * p.Q_LEN * HD * sizeof(float), stream) == cudaSuccess ? ATTNC_OK : ATTNC_ERR_CUDA;
  } else {
    constexpr size_t smem = (size_t)(2 * QM + 2 * QN) * HD * sizeof(T);
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

extern "C" ${backwardPrototype(name, plan.inputs)} {
  using namespace attnc_${name};
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !dO || !dq || !dk || !dv${softmax ? " || !o || !lse" : ""}${[...ptrs, ...grads.map(gradPtr)].map((n) => ` || !${n}`).join("")}) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (Q_LEN > ${MAX_SIZE} || KV_LEN > ${MAX_SIZE} || H_KV > ${MAX_SIZE} || D > ${MAX_SIZE}) return ATTNC_ERR_SIZE;
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (${dims.map((d) => `D != ${d}`).join(" && ") || "true"}) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(dO, 16) || misaligned(dq, 8) || misaligned(dk, 8) ||
      misaligned(dv, 8) || misaligned(o, 4) || misaligned(lse, 4)${[...ptrs, ...grads.map(gradPtr)].map((n) => ` || misaligned(${n}, 4)`).join("")}) return ATTNC_ERR_ALIGNMENT;
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
  Params p{q, k, v, const_cast<float*>(o), const_cast<float*>(lse), B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale${ptrs.map((n) => `, ${n}`).join("")}};
${renderFactChecks(plan)}${grads.map((d) => `  if (cudaMemsetAsync(${gradPtr(d)}, 0, ${numel(d.dims)} * sizeof(float), stream) != cudaSuccess) return ATTNC_ERR_CUDA;\n`).join("")}  float* delta = nullptr;
  ${softmax ? `if (cudaMallocAsync(reinterpret_cast<void**>(&delta), (size_t)B * H * Q_LEN * sizeof(float), stream) != cudaSuccess) return ATTNC_ERR_CUDA;` : "// sigmoid: no Δ"}
  const BwdArgs g{dO, delta, dq, dk, dv${grads.map((d) => `, ${gradPtr(d)}`).join("")}};
  const int rc = dtype == ATTNC_DTYPE_BF16 ? bwd_dispatch<__nv_bfloat16>(p, g, stream) : bwd_dispatch<__half>(p, g, stream);
  ${softmax ? "if (cudaFreeAsync(delta, stream) != cudaSuccess) return ATTNC_ERR_CUDA;" : ""}
${plan.facts.length > 0 ? "  if (cudaFreeAsync(violations, stream) != cudaSuccess) return ATTNC_ERR_CUDA;\n" : ""}  return rc;
}
`;
}
