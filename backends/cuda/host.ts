/**
 * Host-side and interface text of a generated CUDA kernel: the `Params` struct, the clamped
 * tensor-read helpers, the `extern "C"` entry point with its shape checks, and the header.
 *
 * Contract: `attnc_<name>_forward` checks every argument before launching and returns a nonzero
 * `ATTNC_ERR_*` code without touching the GPU when one is bad (null pointers, non-positive sizes,
 * H % H_KV != 0, unsupported head dim, misaligned pointers, unknown dtype, sizes beyond the grid).
 * o and lse are float32 (may be null: not written; lse never written for sigmoid and none).
 * `scale == 0` means the default 1/sqrt(D). Every tensor read clamps each index into its dim.
 */
import type { DimSpec, InputDecl } from "../../compiler/ir/program.js";
import { dimIdent, dimText, exprDims, type DimExpr } from "../../compiler/ir/dims.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import { MAX_SIZE } from "../../compiler/ir/limits.js";
import { inputPtr, intLiteral, loadFn, ptrFn } from "./rules.js";
import type { Sm90Config, TileConfig } from "./config.js";
import { backwardHeaderDoc } from "./backward.js";
import { mergeHeaderDoc } from "./merge.js";
import { DECODE_HOST, decodeCases } from "./decode.js";
import { PAGE_HELPERS, PAGE_LOAD, PAGE_SIZE_CHECKS, PAGES_STRUCT, RUN_PAGE_CHECK, SET_PAGES } from "./paged.js";

export const ERROR_CODES: [string, number, string][] = [
  ["ATTNC_OK", 0, "success; the kernel was launched"],
  ["ATTNC_ERR_NULL_POINTER", 1, "q, k, v, o or a declared tensor is null"],
  ["ATTNC_ERR_SIZE", 2, `a size is not positive, B or H exceeds 65535, or a size exceeds ${MAX_SIZE} (2^28)`],
  ["ATTNC_ERR_GQA", 3, "H is not a multiple of H_KV"],
  ["ATTNC_ERR_HEAD_DIM", 4, "D is not a head dimension this kernel was generated for"],
  ["ATTNC_ERR_ALIGNMENT", 5, "q, k, v, o not 16-byte aligned, or lse / a tensor not 4-byte aligned"],
  ["ATTNC_ERR_DTYPE", 6, "dtype is neither ATTNC_DTYPE_BF16 nor ATTNC_DTYPE_F16"],
  ["ATTNC_ERR_CUDA", 7, "a CUDA call failed (setting shared memory, or the launch); see cudaGetLastError"],
  ["ATTNC_ERR_PAGE", 8, "a page id a row reads (a page below its kv_len) is outside [0, NUM_PAGES)"],
];

/** The C element type of a declared tensor. */
export const ctype = (d: Pick<InputDecl, "dtype">) => (d.dtype === "i32" ? "int" : "float");

/** A forward entry point: `attnc_NAME_forward`; `varlen`: `attnc_NAME_forward_varlen`, which also
 * takes per-row lengths; `paged`: `attnc_NAME_forward_paged`, which also takes a page table. */
export function prototype(name: string, inputs: InputDecl[], variant: "" | "varlen" | "paged" = ""): string {
  const tensors = inputs.map((d) => `const ${ctype(d)}* ${inputPtr(d)}, `).join("");
  const lens = variant === "" ? "" : `const int* q_lens, const int* kv_lens,${variant === "paged" ? "\n    const int* page_table, int page_size, int num_pages," : ""} `;
  return (
    `int attnc_${name}_forward${variant ? `_${variant}` : ""}(const void* q, const void* k, const void* v, float* o, float* lse,\n` +
    `    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,\n` +
    `    ${tensors}${lens}cudaStream_t stream)`
  );
}

/** The input dtypes a file is instantiated for: both, or the one `--dtype` named. */
export type CudaDtypes = "both" | "bf16" | "f16";
const DT_TYPE = { bf16: "__nv_bfloat16", f16: "__half" } as const;
const DT_CODE = { bf16: "ATTNC_DTYPE_BF16", f16: "ATTNC_DTYPE_F16" } as const;

/** The entry point's dtype check (true: reject with ATTNC_ERR_DTYPE). */
export function dtypeRejected(dtypes: CudaDtypes): string {
  return dtypes === "both" ? "dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16" : `dtype != ${DT_CODE[dtypes]}`;
}

/** `call<T>(args)` for the run-time dtype, over the instantiated dtypes only. */
export function dtypeDispatch(dtypes: CudaDtypes, call: string, args: string): string {
  if (dtypes === "both") return `dtype == ATTNC_DTYPE_BF16 ? ${call}<__nv_bfloat16>(${args}) : ${call}<__half>(${args})`;
  return `${call}<${DT_TYPE[dtypes]}>(${args})  /* --dtype ${dtypes}: the only dtype instantiated */`;
}

export function codesBlock(): string {
  const lines = ERROR_CODES.map(([n, v, why]) => `#define ${n} ${v}  /* ${why} */`);
  return [
    "#ifndef ATTNC_OK",
    ...lines,
    "#define ATTNC_DTYPE_BF16 0",
    "#define ATTNC_DTYPE_F16 1",
    "#endif",
  ].join("\n");
}

export function renderHeader(plan: KernelPlan, name: string, dims: number[], dtypes: CudaDtypes = "both"): string {
  const doc = [
    `/* attnc: ${plan.name} (${plan.normalize}), head dims ${dims.join(", ")}; generated, do not edit.`,
    ` * q: [B, H, Q_LEN, D], k: [B, H_KV, KV_LEN, D], v: [B, H_KV, KV_LEN, D] (${dtypes === "both" ? "bf16 or fp16" : `${dtypes === "bf16" ? "bf16" : "fp16"} only: generated with --dtype ${dtypes}`}, contiguous)`,
    ` * o: [B, H, Q_LEN, D] float32; lse: [B, H, Q_LEN] float32 (natural log) or NULL.`,
    ...plan.inputs.map((d) => ` * ${inputPtr(d)}: the input ${d.name}, ${d.dtype}[${d.dims.map(dimText).join(", ")}]`),
    ` * scale == 0 selects 1/sqrt(D). Returns ATTNC_OK or an ATTNC_ERR_* code (nothing launched). */`,
  ];
  return [
    `#pragma once`,
    `#include <cuda_runtime.h>`,
    `#include <stdint.h>`,
    ...doc,
    codesBlock(),
    `#ifdef __cplusplus\nextern "C" {\n#endif`,
    `${prototype(name, plan.inputs)};`,
    `/* Per-row lengths (docs/language.md § 10): q_lens, kv_lens are device arrays of B int32 lengths (either`,
    ` * may be NULL: every row has the tensors' length), Q_LEN and KV_LEN the padded lengths of the tensors.`,
    ` * Batch row b then has Q_LEN q_lens[b] and KV_LEN kv_lens[b] (clamped into [0, Q_LEN] / [0, KV_LEN]);`,
    ` * its rows past q_lens[b] are o = 0, lse = -inf. attnc_${name}_forward is this with both NULL. */`,
    `${prototype(name, plan.inputs, "varlen")};`,
    `/* Paged KV (docs/language.md § 10): page_table is a device array int32 [B, KV_LEN / page_size] (NULL:`,
    ` * k and v dense; page_size and num_pages are then not read), k and v [num_pages, H_KV, page_size, D],`,
    ` * KV_LEN the padded length (a multiple of page_size). Key kv of batch row b is row kv % page_size of`,
    ` * page page_table[b, kv / page_size]. The ids a row reads (the pages below its kv_len) are checked on`,
    ` * the GPU, and the call waits for that check: ATTNC_ERR_PAGE when one is outside [0, num_pages)`,
    ` * (ATTNC_CHECK_PAGES=0 at build time, or graph capture, skips it; the kernels clamp every id), and`,
    ` * for any table in a build with ATTNC_PAGED=0. attnc_${name}_forward_varlen is this with page_table NULL. */`,
    `${prototype(name, plan.inputs, "paged")};`,
    `/* Which kernel the entry point runs for head dim D on the current device: 90 (sm_90a, wgmma),`,
    ` * 80 (sm_80, mma.sync), or 0 (D not generated). */`,
    `int attnc_${name}_skeleton(int D);`,
    ...(plan.normalize === "softmax" ? mergeHeaderDoc(name) : []),
    ...(plan.grad ? backwardHeaderDoc(plan, name) : []),
    `#ifdef __cplusplus\n}\n#endif`,
    "",
  ].join("\n");
}

/** A tensor dim as C++ over the entry point's `Params p` (Q_LEN, KV_LEN: the tensors' lengths, padded
 * where there are per-row lengths). */
export function dimExpr(d: DimSpec): string {
  return d.kind === "const" ? intLiteral(d.value) : d.kind === "size" ? `p.${d.name}` : `p.${dimIdent(d)}`;
}

/** A derived dim as int64 C++ over the entry point's size arguments, every op through the checking
 * lambdas of `renderDimChecks` (exact: no intermediate wraps in 64 bits; dim_ck flags one beyond int32). */
function dimExprC(e: DimExpr): string {
  switch (e.op) {
    case "const": return `${e.value}LL`;
    case "size": return `(long long)${e.name}`;
    case "neg": return `dim_ck(-${dimExprC(e.a)})`;
    case "add": return `dim_ck(${dimExprC(e.a)} + ${dimExprC(e.b)})`;
    case "sub": return `dim_ck(${dimExprC(e.a)} - ${dimExprC(e.b)})`;
    case "mul": return `dim_ck(${dimExprC(e.a)} * ${dimExprC(e.b)})`;
    default: return `dim_${e.op}(${dimExprC(e.a)}, ${dimExprC(e.b)})`;
  }
}

const DIM_LAMBDAS: Record<string, string> = {
  div: "const auto dim_div = [&](long long a, long long b) -> long long { if (b == 0) return 0; long long t = a / b; if (a % b != 0 && ((a < 0) != (b < 0))) t--; return dim_ck(t); };",
  mod: "const auto dim_mod = [&](long long a, long long b) -> long long { if (b == 0) return a; long long r = a % b; if (r != 0 && ((r < 0) != (b < 0))) r += b; return dim_ck(r); };",
  cdiv: "const auto dim_cdiv = [&](long long a, long long b) -> long long { if (b == 0) return 0; long long t = a / b; if (a % b != 0 && ((a < 0) == (b < 0))) t++; return dim_ck(t); };",
  min: "const auto dim_min = [](long long a, long long b) -> long long { return a < b ? a : b; };",
  max: "const auto dim_max = [](long long a, long long b) -> long long { return a > b ? a : b; };",
};

/** The derived dims' values, checked (ATTNC_ERR_SIZE when one leaves int32 or is below 1), as host
 * locals `dim_...` before `Params p` (empty without derived dims). */
export function renderDimChecks(inputs: InputDecl[]): string {
  const ds = exprDims(inputs);
  if (ds.length === 0) return "";
  const used = new Set<string>();
  const walk = (e: DimExpr): void => {
    if (e.op === "const" || e.op === "size") return;
    used.add(e.op);
    walk(e.a);
    if ("b" in e) walk(e.b);
  };
  ds.forEach((d) => walk(d.expr));
  return [
    "  // derived input dims (docs/language.md § 10): exact, every intermediate an int32 value, the result at least 1",
    "  bool dims_ok = true;",
    "  const auto dim_ck = [&](long long x) -> long long { if (x < -2147483648LL || x > 2147483647LL) { dims_ok = false; return 0; } return x; };  // 0: no later op can overflow int64",
    ...Object.entries(DIM_LAMBDAS).filter(([op]) => used.has(op)).map(([, l]) => `  ${l}`),
    ...ds.map((d) => `  const long long ${dimIdent(d)} = ${dimExprC(d.expr)};  // ${d.text}`),
    `  if (!dims_ok${ds.map((d) => ` || ${dimIdent(d)} < 1`).join("")}) return ATTNC_ERR_SIZE;`,
    "",
  ].join("\n");
}

/** The Params fields of derived dims, set after the aggregate initializer. */
export const setDimFields = (inputs: InputDecl[]): string => exprDims(inputs).map((d) => `  p.${dimIdent(d)} = (int)${dimIdent(d)};\n`).join("");

/** A tensor's parameters `int i0, int i1, ...` and its row-major offset over them as int64_t C++,
 * every index clamped into its dim (a clamped read never leaves the tensor). */
export function clampedOffset(d: Pick<InputDecl, "dims">): { args: string; off: string } {
  let off = "";
  d.dims.forEach((dim, i) => {
    const idx = `min(max(i${i}, 0), ${dimExpr(dim)} - 1)`;
    off = i === 0 ? `(int64_t)${idx}` : `(${off}) * ${dimExpr(dim)} + ${idx}`;
  });
  return { args: d.dims.map((_, i) => `int i${i}`).join(", "), off };
}

/** The size checks both entry points make first (ATTNC_ERR_SIZE, ATTNC_ERR_GQA). */
export const SIZE_CHECKS = `  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (Q_LEN > ${MAX_SIZE} || KV_LEN > ${MAX_SIZE} || H_KV > ${MAX_SIZE} || D > ${MAX_SIZE}) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
  if (H % H_KV != 0) return ATTNC_ERR_GQA;`;

export function renderParams(inputs: InputDecl[], nFacts: number, holesReadQLen = true): string {
  const tensorFields = inputs.map((d) => `  const ${ctype(d)}* ${inputPtr(d)};  // ${d.dtype}[${d.dims.map(dimText).join(", ")}]\n`).join("");
  return (
    `struct Params {\n` +
    `  const void* q;\n  const void* k;\n  const void* v;\n  float* o;\n  float* lse;\n` +
    `  int B, H, H_KV, Q_LEN, KV_LEN, D;  // Q_LEN, KV_LEN: the tensors' (padded) lengths\n  float scale;\n${tensorFields}` +
    (nFacts > 0 ? `  const int* fact_violations;  // per run-time fact: 0 when it holds (set by the host)\n` : "") +
    `  const int* q_lens;  // per-row lengths (docs/language.md § 10): B values each, or null\n  const int* kv_lens;\n` +
    exprDims(inputs).map((d) => `  int ${dimIdent(d)};  // the derived dim ${d.text} (set by the host after its checks)\n`).join("") +
    `};\n` +
    `// whether the program's code (mask, score, tile classes, key range) reads Q_LEN\n` +
    `constexpr bool kHolesReadQLen = ${holesReadQLen};\n` +
    ROW_HELPERS +
    PAGES_STRUCT +
    "\n" +
    PAGE_HELPERS +
    "\n" +
    PAGE_LOAD
  );
}

/** The entry points set the Params fields of per-row lengths after the aggregate initializer. */
const SET_ROW_FIELDS = `  p.q_lens = q_lens;
  p.kv_lens = kv_lens;`;

/**
 * Per-row lengths in the kernels. Params keeps the padded lengths (the tensors' strides and dims, and
 * the kernel-wide bounds: read from the constant bank, they cost no register); the batch row's own are
 * read where they are used: by the program's code (the printed Q_LEN and KV_LEN are attnc_q_len(p, b)
 * and attnc_kv_len(p, b)), and by the skeletons (the key tiles walked, the keys loaded and visible, the
 * rows written). The tightest plans have no register to spare for holding them through the main loop.
 */
const ROW_HELPERS = String.raw`
// Batch row b's lengths, clamped into the padded ones (a bad length never leads outside the tensors)
__device__ __forceinline__ int attnc_q_len(const Params& p, int b) {
  return p.q_lens != nullptr ? min(max(__ldg(p.q_lens + b), 0), p.Q_LEN) : p.Q_LEN;
}
__device__ __forceinline__ int attnc_kv_len(const Params& p, int b) {
  return p.kv_lens != nullptr ? min(max(__ldg(p.kv_lens + b), 0), p.KV_LEN) : p.KV_LEN;
}
// q_len read again (__ldcg: not merged with the first read across the main loop's barriers into a
// register held through it), for the epilogue
__device__ __forceinline__ int attnc_q_len_again(const Params& p, int b) {
  return p.q_lens != nullptr ? min(max(__ldcg(p.q_lens + b), 0), p.Q_LEN) : p.Q_LEN;
}
// A query tile with nothing to compute (past its row's q_len, or kv_len 0): o = 0 and lse = -inf for its
// rows within the padded length, written by the whole CTA (out of line: the kernels' register
// allocation does not see it)
__device__ __noinline__ void attnc_empty_rows_at(float* o, float* lse, int64_t row, int n, int width) {
  for (int i = threadIdx.x; i < n * width; i += blockDim.x) o[row * width + i] = 0.f;
  if (lse != nullptr)
    for (int i = threadIdx.x; i < n; i += blockDim.x) lse[row + i] = -INFINITY;
}
__device__ __forceinline__ void attnc_empty_rows(const Params& p, int b, int h, int qlo, int rows, int width) {
  attnc_empty_rows_at(p.o, p.lse, ((int64_t)b * p.H + h) * p.Q_LEN + qlo, min(rows, p.Q_LEN - qlo), width);
}`;

/** Two helpers per declared tensor: the row-major address with every index clamped into its dim, and the read of it. */
export function renderLoads(inputs: InputDecl[]): string {
  return inputs
    .map((d) => {
      const { args, off } = clampedOffset(d);
      return (
        `__device__ __forceinline__ const ${ctype(d)}* ${ptrFn(d)}(const Params& p, ${args}) {\n` +
        `  return p.${inputPtr(d)} + (${off});\n}\n` +
        `__device__ __forceinline__ ${ctype(d)} ${loadFn(d)}(const Params& p, ${args}) {\n` +
        `  return __ldg(${ptrFn(d)}(p, ${d.dims.map((_, i) => `i${i}`).join(", ")}));\n}`
      );
    })
    .join("\n");
}

export function renderLaunch(name: string, plan: KernelPlan, configs: TileConfig[], hopper: Sm90Config[] = [], dtypes: CudaDtypes = "both"): string {
  const decode = plan.normalize === "softmax";  // the decode plan (decode.ts): softmax programs only
  const ptrs = plan.inputs.map(inputPtr);
  const cases = configs
    .map((c) => {
      const m = (f: string) => `ATTNC_D${c.headDim}_${f}`;
      return `    case ${c.headDim}: return launch<T, ${c.headDim}, ${m("WARPS")}, ${m("ROW_TILES")}, ${m("BLOCK_KV")}, ${m("STAGES")}, ${m("MIN_CTAS")}, ${m("Q_IN_SMEM")}>(p, pg, stream);`;
    })
    .join("\n");
  const sm90Cases = hopper
    .map((c) => {
      const m = (f: string) => `ATTNC_SM90_D${c.headDim}_${f}`;
      return `      case ${c.headDim}: {
        const int rc = launch_sm90<T, ${c.headDim}, ${m("WARPGROUPS")}, ${m("BLOCK_KV")}, ${m("STAGES")}, ${m("MIN_CTAS")}, ${m("OVERLAP_PV")}, ${m("HEADS_INNER")}, ${m("PRODUCER")}>(p, pg, stream);
        if (rc != kSm90Unavailable) return rc;
        break;  // no TMA maps on this driver: the sm_80 kernel below
      }`;
    })
    .join("\n");
  const cfgMacros = configs
    .map((c) => macroDefaults(`ATTNC_D${c.headDim}_`, [["WARPS", c.warps], ["ROW_TILES", c.rowTilesPerWarp], ["BLOCK_KV", c.blockKV], ["STAGES", c.stages], ["MIN_CTAS", c.minCtas], ["Q_IN_SMEM", c.qInSmem]]))
    .join("\n");
  return `// tile plan per head dim (override with -DATTNC_D<dim>_<FIELD>=N): warps per CTA, m16 row tiles per
// warp (query rows per CTA = 16 * WARPS * ROW_TILES), keys per tile, cp.async pipeline stages,
// CTAs per SM the register allocation must allow (__launch_bounds__), Q fragments re-read from smem
${cfgMacros}

// launches with the status of this launch (not an error some earlier call left pending); args: the
// kernel's parameters, Params first
template <typename... A>
static int launch_checked(const void* kernel, dim3 grid, int threads, size_t smem, cudaStream_t stream, const A&... args) {
  void* ptrs[] = {const_cast<A*>(&args)...};
  return cudaLaunchKernel(kernel, grid, dim3(threads), ptrs, smem, stream) == cudaSuccess ? ATTNC_OK : ATTNC_ERR_CUDA;
}

template <typename T, int HD, int NW, int MT, int BN, int STAGES, int MIN_CTAS, bool QS, bool PAGED>
static int launch_plan(const Params& p, const Pages& pg, cudaStream_t stream) {
  constexpr int BM = NW * 16 * MT;
  constexpr size_t smem = (size_t)(BM + 2 * STAGES * BN) * HD * sizeof(T);
  static_assert(smem <= 227 * 1024, "tile plan needs more shared memory than a CTA can have");
  auto kernel = forward_kernel<T, HD, NW, MT, BN, STAGES, MIN_CTAS, QS, PAGED>;
  if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess)
    return ATTNC_ERR_CUDA;
  const dim3 grid((p.Q_LEN + BM - 1) / BM, p.H, p.B);
  return launch_checked(reinterpret_cast<const void*>(kernel), grid, NW * 32, smem, stream, p, pg);
}

// a paged KV cache (paged.ts): the kernel that loads keys from their pages, with one m16 row tile per warp
// at D >= 128 (its loads left no register to spare for two; serving calls have few query rows anyway)
template <typename T, int HD, int NW, int MT, int BN, int STAGES, int MIN_CTAS, bool QS>
static int launch(const Params& p, const Pages& pg, cudaStream_t stream) {
#if ATTNC_PAGED
  if (pg.table != nullptr) return launch_plan<T, HD, NW, HD >= 128 ? 1 : MT, BN, STAGES, MIN_CTAS, QS, true>(p, pg, stream);
#endif
  return launch_plan<T, HD, NW, MT, BN, STAGES, MIN_CTAS, QS, false>(p, pg, stream);
}
${decode ? `\n${DECODE_HOST}` : ""}
${hopper.length > 0 ? renderSm90Launch(hopper) : ""}
// the head dims this file was generated for
static bool generated_head_dim(int D) { return ${configs.map((c) => `D == ${c.headDim}`).join(" || ")}; }

template <typename T>
static int dispatch(const Params& p, const Pages& pg, cudaStream_t stream) {${decode ? decodeCases(configs) : ""}${hopper.length > 0 ? `
#if ATTNC_SM90
  if (sm90_available()) {
    switch (p.D) {
${sm90Cases}
      default: break;
    }
  }
#endif` : ""}
  switch (p.D) {
${cases}
    default: return ATTNC_ERR_HEAD_DIM;
  }
}

}  // namespace attnc_${name}

extern "C" ${prototype(name, plan.inputs, "paged")} {
  using namespace attnc_${name};
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o${ptrs.map((n) => ` || !${n}`).join("")}) return ATTNC_ERR_NULL_POINTER;
${SIZE_CHECKS}
${PAGE_SIZE_CHECKS}
${renderDimChecks(plan.inputs)}  if (!generated_head_dim(D)) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4)${ptrs
    .map((n) => ` || misaligned(${n}, 4)`)
    .join("")} || misaligned(q_lens, 4) || misaligned(kv_lens, 4) || misaligned(page_table, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale${ptrs
    .map((n) => `, ${n}`)
    .join("")}};
${SET_ROW_FIELDS}
${SET_PAGES}
${setDimFields(plan.inputs)}  if (${dtypeRejected(dtypes)}) return ATTNC_ERR_DTYPE;
${RUN_PAGE_CHECK}
${renderFactChecks(plan)}  const int rc = ${dtypeDispatch(dtypes, "dispatch", "p, pg, stream")};
${plan.facts.length > 0 ? "  if (cudaFreeAsync(violations, stream) != cudaSuccess) return ATTNC_ERR_CUDA;\n" : ""}  return rc;
}

extern "C" ${prototype(name, plan.inputs, "varlen")} {
  return attnc_${name}_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, ${ptrs.map((n) => `${n}, `).join("")}q_lens, kv_lens, nullptr, 0, 0, stream);
}

extern "C" ${prototype(name, plan.inputs)} {
  return attnc_${name}_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, ${ptrs.map((n) => `${n}, `).join("")}nullptr, nullptr, nullptr, 0, 0, stream);
}

extern "C" int attnc_${name}_skeleton(int D) {
  using namespace attnc_${name};
  if (!generated_head_dim(D)) return 0;${hopper.length > 0 ? `
#if ATTNC_SM90
  if ((${hopper.map((c) => `(D == ${c.headDim} && sm90_plan_available(ATTNC_SM90_D${c.headDim}_PRODUCER))`).join(" || ")}) && sm90_available()) return 90;
#endif` : ""}
  return 80;
}
`;
}

/** Product of dims[from..] as C++ over `p`. */
export function dimProduct(dims: DimSpec[], from: number): string {
  const parts = dims.slice(from).map((d) => `(int64_t)${dimExpr(d)}`);
  return parts.length ? parts.join(" * ") : "(int64_t)1";
}

/** Host code that checks each run-time fact on the GPU (stream-ordered, no sync) into `violations`. */
export function renderFactChecks(plan: KernelPlan): string {
  if (plan.facts.length === 0) return "";
  const n = plan.facts.length;
  const lines = [
    `  // run-time facts the tile classifier may use: counted on the GPU before the launch`,
    `  int* violations = nullptr;`,
    `  if (cudaMallocAsync(reinterpret_cast<void**>(&violations), ${n} * sizeof(int), stream) != cudaSuccess) return ATTNC_ERR_CUDA;`,
    `  // a fact whose count was not computed must not be trusted: any failure here ends the call`,
    `  if (cudaMemsetAsync(violations, 0, ${n} * sizeof(int), stream) != cudaSuccess) {`,
    `    (void)cudaFreeAsync(violations, stream);`,
    `    return ATTNC_ERR_CUDA;`,
    `  }`,
  ];
  plan.facts.forEach((f, i) => {
    const decl = plan.inputs.find((d) => d.name === f.tensor)!;
    lines.push(`  {  // ${f.tensor} is ${f.kind} along dim ${f.dim}`);
    lines.push(`    const int64_t total = ${dimProduct(decl.dims, 0)}, stride = ${dimProduct(decl.dims, f.dim + 1)};`);
    lines.push(`    const unsigned blocks = (unsigned)((total + 255) / 256 < 1024 ? (total + 255) / 256 : 1024);`);
    lines.push(`    fact_nondecreasing<<<blocks, 256, 0, stream>>>(p.${inputPtr(decl)}, total, stride, (int64_t)${dimExpr(decl.dims[f.dim]!)}, violations + ${i});`);
    lines.push(`    if (cudaGetLastError() != cudaSuccess) {`);
    lines.push(`      (void)cudaFreeAsync(violations, stream);`);
    lines.push(`      return ATTNC_ERR_CUDA;`);
    lines.push(`    }`);
    lines.push(`  }`);
  });
  lines.push(`  p.fact_violations = violations;`);
  return lines.join("\n") + "\n";
}

/** Device code of the fact checks (only emitted when the plan has facts). */
export function renderFactKernels(plan: KernelPlan): string {
  if (plan.facts.length === 0) return "";
  return `// counts the positions where t is not nondecreasing along a dim (NaN counts as a violation)
template <typename E>
__global__ void fact_nondecreasing(const E* t, int64_t total, int64_t stride, int64_t size, int* violations) {
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < total; i += (int64_t)gridDim.x * blockDim.x) {
    const int64_t along = (i / stride) % size;
    if (along + 1 < size && !(t[i] <= t[i + stride])) atomicAdd(violations, 1);
  }
}
`;
}

/** A tile plan as overridable macros: `#ifndef PREFIX<FIELD>` / `#define PREFIX<FIELD> value` (booleans as 0 / 1). */
function macroDefaults(prefix: string, fields: [string, number | boolean][]): string {
  return fields.map(([f, v]) => `#ifndef ${prefix}${f}\n#define ${prefix}${f} ${Number(v)}\n#endif`).join("\n");
}

/** The sm_90a plan macros, the launch of the wgmma kernel, and the check that the module loaded on
 * the current device has its body (built for sm_90a). */
function renderSm90Launch(hopper: Sm90Config[]): string {
  const macros = hopper
    .map((c) => macroDefaults(`ATTNC_SM90_D${c.headDim}_`, [["WARPGROUPS", c.warpgroups], ["BLOCK_KV", c.blockKV], ["STAGES", c.stages], ["MIN_CTAS", c.minCtas], ["OVERLAP_PV", c.overlapPV], ["HEADS_INNER", c.headsInner], ["PRODUCER", c.producer]]))
    .join("\n");
  return `// sm_90a (wgmma) plan per head dim: warpgroups of 64 query rows, keys per tile, cp.async stages,
// CTAs per SM the register allocation must allow, P V overlapped with the next tile's S (2 stages),
// heads innermost in a linear grid (per batch row, every head's heaviest tile first), a producer warp
// (the warp-specialized kernel).
// -DATTNC_SM90=0 keeps the sm_80 kernel on every GPU.
#ifndef ATTNC_SM90
#define ATTNC_SM90 1
#endif
${macros}

// Whether the current device runs the sm_90a build of this file (compute capability 9.x and a module
// compiled with code=sm_90a): asked once per device, without synchronizing (safe in stream capture);
// a failed query is not remembered.
static bool sm90_available() {
  static std::atomic<int> known[64];  // 0: not known yet, 1: yes, 2: no
  int dev = 0;
  if (cudaGetDevice(&dev) != cudaSuccess || dev < 0 || dev >= 64) return false;
  const int k = known[dev].load(std::memory_order_relaxed);
  if (k != 0) return k == 1;
  int major = 0;
  if (cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, dev) != cudaSuccess) return false;
  cudaFuncAttributes a{};
  if (major == 9 && cudaFuncGetAttributes(&a, attnc_sm90_probe) != cudaSuccess) {
    (void)cudaGetLastError();  // this query's own error: not the caller's to see
    return false;
  }
  const bool yes = a.sharedSizeBytes > 0;  // stays 0 unless the probe was asked about (major == 9)
  known[dev].store(yes ? 1 : 2, std::memory_order_relaxed);
  return yes;
}

// cuTensorMapEncodeTiled from the driver, through the runtime (no -lcuda); asked once
static PFN_cuTensorMapEncodeTiled_v12000 tensor_map_encoder() {
  static PFN_cuTensorMapEncodeTiled_v12000 fn = [] {
    void* f = nullptr;
    cudaDriverEntryPointQueryResult q{};
#if CUDART_VERSION >= 12050
    const cudaError_t e = cudaGetDriverEntryPointByVersion("cuTensorMapEncodeTiled", &f, 12000, cudaEnableDefault, &q);
#else
    const cudaError_t e = cudaGetDriverEntryPoint("cuTensorMapEncodeTiled", &f, cudaEnableDefault, &q);
#endif
    if (e != cudaSuccess) (void)cudaGetLastError();  // this query's own error: not the caller's to see
    return reinterpret_cast<PFN_cuTensorMapEncodeTiled_v12000>(e == cudaSuccess && q == cudaDriverEntryPointSuccess ? f : nullptr);
  }();
  return fn;
}

// launch_sm90's answer when the plan cannot run here (the warp-specialized kernel without TMA maps):
// dispatch then runs the sm_80 kernel, which needs none
constexpr int kSm90Unavailable = -1;
// whether a plan's kernel can run on this driver (the warp-specialized one needs cuTensorMapEncodeTiled)
static bool sm90_plan_available(bool producer) { return !producer || tensor_map_encoder() != nullptr; }

// the TMA map of K or V ([B, H_KV, KV_LEN, HD]) as (HD, KV_LEN, B * H_KV), box (64, BN, 1), 128-byte
// swizzle (the wgmma tile layout), rows past KV_LEN zero-filled
template <typename T, int HD, int BN>
static bool sm90_kv_map(CUtensorMap* m, const void* base, const Params& p) {
  const auto encode = tensor_map_encoder();
  if (encode == nullptr) return false;
  const cuuint64_t dims[3] = {(cuuint64_t)HD, (cuuint64_t)p.KV_LEN, (cuuint64_t)p.B * p.H_KV};
  const cuuint64_t strides[2] = {(cuuint64_t)HD * sizeof(T), (cuuint64_t)p.KV_LEN * HD * sizeof(T)};
  const cuuint32_t box[3] = {64, (cuuint32_t)BN, 1}, elem[3] = {1, 1, 1};
  const CUtensorMapDataType dt = std::is_same<T, __half>::value ? CU_TENSOR_MAP_DATA_TYPE_FLOAT16 : CU_TENSOR_MAP_DATA_TYPE_BFLOAT16;
  return encode(m, dt, 3, const_cast<void*>(base), dims, strides, box, elem, CU_TENSOR_MAP_INTERLEAVE_NONE, CU_TENSOR_MAP_SWIZZLE_128B,
                CU_TENSOR_MAP_L2_PROMOTION_L2_256B, CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE) == CUDA_SUCCESS;
}

template <typename T, int HD, int NWG, int BN, int STAGES, int MIN_CTAS, bool OVERLAP, bool HEADS_INNER, bool PRODUCER>
static int launch_sm90(const Params& p, const Pages& pg, cudaStream_t stream) {
  constexpr int BM = NWG * 64;
  constexpr size_t smem = 1024 + (size_t)(BM + 2 * STAGES * BN) * HD * sizeof(T);  // + 1024: alignment of the swizzle atoms
  static_assert(smem + 256 + 4 * sm90_cols<BN, STAGES, OVERLAP && !PRODUCER>::kWords <= 227 * 1024, "sm_90a tile plan needs more shared memory than a CTA can have");  // + its static arrays
  // PRODUCER: the warp-specialized kernel (a producer warp feeds the warpgroups through mbarriers)
  const void* kernel;
  if constexpr (PRODUCER) kernel = reinterpret_cast<const void*>(forward_kernel_sm90ws<T, HD, NWG, BN, STAGES, MIN_CTAS, OVERLAP, HEADS_INNER>);
  else kernel = reinterpret_cast<const void*>(forward_kernel_sm90<T, HD, NWG, BN, STAGES, MIN_CTAS, OVERLAP, HEADS_INNER, false>);
#if ATTNC_PAGED
  // a paged KV cache (paged.ts): the kernel that loads keys from their pages (the warp-specialized one yields below)
  if constexpr (!PRODUCER) {
    if (pg.table != nullptr) kernel = reinterpret_cast<const void*>(forward_kernel_sm90<T, HD, NWG, BN, STAGES, MIN_CTAS, OVERLAP, HEADS_INNER, true>);
  }
#endif
  if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess)
    return ATTNC_ERR_CUDA;
  const int64_t n_qt = (p.Q_LEN + BM - 1) / BM, items = n_qt * p.H * p.B;
  // HEADS_INNER: a linear grid (the kernel reads it so), unless it would not fit one grid dimension
  const dim3 grid = HEADS_INNER && items <= 0x7fffffff ? dim3((unsigned)items) : dim3((unsigned)n_qt, p.H, p.B);
  if constexpr (PRODUCER) {
    // the TMA maps load keys up to the padded KV_LEN of a dense k and v; keys past a row's kv_len must
    // not reach P V (0 * NaN), and a page table is not a tensor map: with kv_lens or pages, the kernels
    // that load keys by cp.async (zero-filling past kv_len, and page by page) run instead
    if (p.kv_lens != nullptr || pg.table != nullptr) return kSm90Unavailable;
    Sm90Maps maps;
    if (!sm90_kv_map<T, HD, BN>(&maps.k, p.k, p) || !sm90_kv_map<T, HD, BN>(&maps.v, p.v, p)) return kSm90Unavailable;
    return launch_checked(kernel, grid, NWG * 128 + 32, smem, stream, p, maps);
  }
  return launch_checked(kernel, grid, NWG * 128, smem, stream, p, pg);
}
`;
}
