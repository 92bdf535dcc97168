// attnc: relu2_attention (none) — generated CUDA C++, do not edit.
// Build: nvcc -O3 -std=c++17 -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a -gencode=arch=compute_80,code=compute_80 -c relu2_attention.cu
// Entry point and error codes: relu2_attention.h. Tile plans: ATTNC_D<dim>_* macros below.
#include <cuda_runtime.h>
#include <cuda.h>  // CUtensorMap (TMA maps of the warp-specialized kernel; no -lcuda needed)
#include <cudaTypedefs.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <atomic>
#include <cstdint>
#include <cstdlib>  // getenv (ATTNC_DECODE_SPLITS)
#include <type_traits>

#ifndef ATTNC_OK
#define ATTNC_OK 0  /* success; the kernel was launched */
#define ATTNC_ERR_NULL_POINTER 1  /* q, k, v, o or a declared tensor is null */
#define ATTNC_ERR_SIZE 2  /* a size is not positive, B or H exceeds 65535, or a size exceeds 268435456 (2^28) */
#define ATTNC_ERR_GQA 3  /* H is not a multiple of H_KV */
#define ATTNC_ERR_HEAD_DIM 4  /* D is not a head dimension this kernel was generated for */
#define ATTNC_ERR_ALIGNMENT 5  /* q, k, v, o not 16-byte aligned, or lse / a tensor not 4-byte aligned */
#define ATTNC_ERR_DTYPE 6  /* dtype is neither ATTNC_DTYPE_BF16 nor ATTNC_DTYPE_F16 */
#define ATTNC_ERR_CUDA 7  /* a CUDA call failed (setting shared memory, or the launch); see cudaGetLastError */
#define ATTNC_ERR_PAGE 8  /* a page id a row reads (a page below its kv_len) is outside [0, NUM_PAGES) */
#define ATTNC_DTYPE_BF16 0
#define ATTNC_DTYPE_F16 1
#endif

namespace attnc_relu2_attention {

// <prelude: _shared.cu>

struct Params {
  const void* q;
  const void* k;
  const void* v;
  float* o;
  float* lse;
  int B, H, H_KV, Q_LEN, KV_LEN, D;  // Q_LEN, KV_LEN: the tensors' (padded) lengths
  float scale;
  const float* in_rel;  // f32[H, 129]
  const int* q_lens;  // per-row lengths (docs/language.md § 10): B values each, or null
  const int* kv_lens;
};
// whether the program's code (mask, score, tile classes, key range) reads Q_LEN
constexpr bool kHolesReadQLen = false;

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
}
// A paged KV cache (paged.ts): the forward kernels that load K and V by cp.async take it beside Params
struct Pages {
  const int* table;  // int32 [B, max_pages] page ids, or null (k, v dense)
  int size, max_pages, num;  // PAGE, MAX_PAGES = KV_LEN / PAGE, NUM_PAGES (k, v: [NUM_PAGES, H_KV, PAGE, D])
  unsigned magic;  // kv / PAGE = (umulhi(kv, magic) + kv) >> shift (attnc_page_div)
  int shift;
};
// Paged KV: key kv / PAGE (kv >= 0), by a multiply-high with the host's constants (page_divisor)
__device__ __forceinline__ int attnc_page_div(const Pages& pg, int kv) {
  return (int)((__umulhi((unsigned)kv, pg.magic) + (unsigned)kv) >> pg.shift);
}
// The row of k and v (rows of D elements; fewer than 2^31, the entry point checks) that holds key kv of
// batch row b in KV head kvh: row kv % PAGE of page table[b, kv / PAGE], the page id clamped into
// [0, NUM_PAGES) (the entry point has checked the ids a row reads; the clamp keeps any other table inside
// k and v). kv must be below KV_LEN.
__device__ __forceinline__ int attnc_page_row(const Params& p, const Pages& pg, int b, int kvh, int kv) {
  const int slot = attnc_page_div(pg, kv);
  const int id = min(max(__ldg(pg.table + (int64_t)b * pg.max_pages + slot), 0), pg.num - 1);
  return (id * p.H_KV + kvh) * pg.size + (kv - slot * pg.size);
}
// Paged KV: the keys of a tile from their pages into the K tile at sk (k_on) and the V tile at sv (v_on),
// 16-byte chunk c of key r at smem(s, r, c); keys past kv_len zero-filled. The CTA's NTHREADS threads call
// it alike. Warp w copies the tile's keys [w * KW, w * KW + KW): lane l finds the row of its key l, and a
// copy takes its key's row from that lane
template <typename T, int HD, int BN, int NTHREADS, typename S, typename Smem>
__device__ __forceinline__ void attnc_load_pages(const Params& p, const Pages& pg, int b, int kvh, int kv_len, int tile,
                                                 S sk, S sv, bool k_on, bool v_on, Smem smem) {
  constexpr int CH = HD / 8, KW = BN / (NTHREADS / 32), ITS = BN * CH / NTHREADS;  // keys per warp, copies per thread
  static_assert(KW <= 32 && KW * CH == 32 * ITS, "paged load: a warp's keys");
  const int lane = threadIdx.x & 31, w = threadIdx.x >> 5, kv0 = tile * BN + w * KW;
  const int lane_row = lane < KW && kv0 + lane < kv_len ? attnc_page_row(p, pg, b, kvh, kv0 + lane) : 0;
#pragma unroll
  for (int it = 0; it < ITS; ++it) {
    const int i = (w * ITS + it) * 32 + lane, r = i / CH, c = i % CH;  // chunk c of the tile's key r
    const int row = __shfl_sync(0xffffffffu, lane_row, r - w * KW);
    const bool ok = tile * BN + r < kv_len;
    const int64_t at = ok ? (int64_t)row * HD + c * 8 : 0;
    if (k_on) attnc_cp_async16(smem(sk, r, c), static_cast<const T*>(p.k) + at, ok ? 16 : 0);
    if (v_on) attnc_cp_async16(smem(sv, r, c), static_cast<const T*>(p.v) + at, ok ? 16 : 0);
  }
}

__device__ __forceinline__ const float* attnc_ptr_rel(const Params& p, int i0, int i1) {
  return p.in_rel + (((int64_t)min(max(i0, 0), p.H - 1)) * 129 + min(max(i1, 0), 129 - 1));
}
__device__ __forceinline__ float attnc_load_rel(const Params& p, int i0, int i1) {
  return __ldg(attnc_ptr_rel(p, i0, i1));
}

// ---- the plan, printed: what the mask and score are, and which tiles can be skipped ----
constexpr bool kMaskIsTrue = false;
constexpr bool kMaskIsCheap = true;  // unroll the mask loop (few ops)
constexpr bool kClassifierIsCheap = true;  // classify key tiles where needed (else a chunk at a time, one per thread)
constexpr bool kScoreIsS = false;
constexpr bool kElementwise = true;  // each entry weighs its value by weight(L) alone: no row max, sum or lse
constexpr bool kUnitWeights = false;  // normalize none: the weights are unbounded (fp16 P is not scaled)
constexpr bool kHasKvRange = true;
constexpr bool kHasSink = false;  // a per-row logit joins the softmax's denominator (epilogue)

// values computed once per (b, h)
struct HeadCtx {
  float th10774;
  float th10767;
};
__device__ __forceinline__ HeadCtx head_ctx(const Params& p, int b, int h) {
  const float th10774 = sqrtf(((float)p.D));
  const float th10767 = ((float)attnc_kv_len(p, b));
  return HeadCtx{th10774, th10767};
}

// values computed once per query row
struct RowCtx {
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  return RowCtx{};
}

// reads computed once per key column (the same for every query row): staged per tile in shared
// memory by the sm_90a kernel, else read where used
constexpr int kNumCols = 0;
struct ColCtx {
};
__device__ __forceinline__ ColCtx col_ctx(const Params& p, const HeadCtx& hc, int b, int h, int kv) {
  return ColCtx{};
}
__device__ __forceinline__ const void* col_src(const Params& p, const HeadCtx& hc, int b, int h, int kv, int j) {
  return nullptr;
}
__device__ __forceinline__ ColCtx col_staged(const unsigned* s, int stride, int i) {
  return ColCtx{};
}

// the mask, on every in-range (q, kv) of a partial tile
__device__ __forceinline__ bool mask(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv) {
  return (kv <= q);
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  const float th10774 = hc.th10774;
  const float th10767 = hc.th10767;
  const float ts10784 = attnc_fmax((((s * th10774) / th10767) + attnc_load_rel(p, h, attnc_iadd(min(max(attnc_isub(kv, q), (-64)), 64), 64))), 0.0f);
  return (ts10784 * ts10784);
}

// the weight P of a visible entry with score L (normalize none: L itself; -inf is 0, as a masked key), and dP/dL from P (the backward)
__device__ __forceinline__ float weight(float L) { return L == -INFINITY ? 0.f : L; }
__device__ __forceinline__ float weight_dl(float P) { return 1.f; }

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  return (kvlo <= qhi);
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  return (!(qlo < kvhi));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    lo = 0;
  }
  {
    hi = min(attnc_isub(attnc_kv_len(p, b), 1), qhi);
  }
}
// the sink logit of row q (natural-log units, as the score): it joins the row's sum in the epilogue
__device__ __forceinline__ float sink_logit(const Params& p, int b, int h, int q) {
  return -INFINITY;  // no sink
}

// <skeleton: _shared.cu>

// <sm_90a skeleton: _shared.cu>


#ifndef ATTNC_PAGED  // 1: the kernels that read a paged KV cache are built (about a third of the build time);
#define ATTNC_PAGED 1   // 0: not built, and a call with a page table returns ATTNC_ERR_PAGE
#endif
#ifndef ATTNC_CHECK_PAGES  // 1: the entry point checks a page table's ids on the GPU and waits for the
#define ATTNC_CHECK_PAGES 1  // answer (a stream synchronization per call); 0: not checked (ids still clamped)
#endif

// The divisor d (1 <= d <= 2^28) as the constants of attnc_page_div: shift = ceil(log2 d),
// magic = 2^32 (2^shift - d) / d + 1 (Granlund and Montgomery; exact for dividends below 2^31)
static void page_divisor(int d, unsigned* magic, int* shift) {
  int s = 0;
  while ((1LL << s) < d) ++s;
  *shift = s;
  *magic = (unsigned)((((1ULL << 32) * ((1ULL << s) - (unsigned long long)d)) / (unsigned long long)d) + 1);
}

// counts (into *bad) the page ids the rows read (the pages below each row's kv_len) that are outside [0, NUM_PAGES)
__global__ void page_ids_check(const Params p, const Pages pg, int* bad) {
  const int64_t n = (int64_t)p.B * pg.max_pages;
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x) {
    const int b = (int)(i / pg.max_pages), slot = (int)(i % pg.max_pages);
    const int id = pg.table[i];
    if ((int64_t)slot * pg.size < attnc_kv_len(p, b) && (id < 0 || id >= pg.num)) atomicAdd(bad, 1);
  }
}

// ATTNC_ERR_PAGE when a row reads a page id outside [0, NUM_PAGES): checked on the GPU and waited for
// (skipped under graph capture, where nothing can be waited for); ATTNC_ERR_CUDA when a call fails
static int check_pages(const Params& p, const Pages& pg, cudaStream_t stream) {
  cudaStreamCaptureStatus capture = cudaStreamCaptureStatusNone;
  if (cudaStreamIsCapturing(stream, &capture) != cudaSuccess) return ATTNC_ERR_CUDA;
  if (capture != cudaStreamCaptureStatusNone) return ATTNC_OK;
  int* bad = nullptr;
  if (cudaMallocAsync(reinterpret_cast<void**>(&bad), sizeof(int), stream) != cudaSuccess) return ATTNC_ERR_CUDA;
  int found = 0;
  const int64_t n = (int64_t)p.B * pg.max_pages;
  bool ok = cudaMemsetAsync(bad, 0, sizeof(int), stream) == cudaSuccess;
  if (ok) {
    page_ids_check<<<(unsigned)((n + 255) / 256 < 1024 ? (n + 255) / 256 : 1024), 256, 0, stream>>>(p, pg, bad);
    ok = cudaGetLastError() == cudaSuccess;
  }
  ok = ok && cudaMemcpyAsync(&found, bad, sizeof(int), cudaMemcpyDeviceToHost, stream) == cudaSuccess;
  ok = cudaFreeAsync(bad, stream) == cudaSuccess && ok;
  ok = ok && cudaStreamSynchronize(stream) == cudaSuccess;
  if (!ok) return ATTNC_ERR_CUDA;
  return found == 0 ? ATTNC_OK : ATTNC_ERR_PAGE;
}

// tile plan per head dim (override with -DATTNC_D<dim>_<FIELD>=N): warps per CTA, m16 row tiles per
// warp (query rows per CTA = 16 * WARPS * ROW_TILES), keys per tile, cp.async pipeline stages,
// CTAs per SM the register allocation must allow (__launch_bounds__), Q fragments re-read from smem
#ifndef ATTNC_D64_WARPS
#define ATTNC_D64_WARPS 4
#endif
#ifndef ATTNC_D64_ROW_TILES
#define ATTNC_D64_ROW_TILES 1
#endif
#ifndef ATTNC_D64_BLOCK_KV
#define ATTNC_D64_BLOCK_KV 64
#endif
#ifndef ATTNC_D64_STAGES
#define ATTNC_D64_STAGES 2
#endif
#ifndef ATTNC_D64_MIN_CTAS
#define ATTNC_D64_MIN_CTAS 1
#endif
#ifndef ATTNC_D64_Q_IN_SMEM
#define ATTNC_D64_Q_IN_SMEM 1
#endif
#ifndef ATTNC_D128_WARPS
#define ATTNC_D128_WARPS 4
#endif
#ifndef ATTNC_D128_ROW_TILES
#define ATTNC_D128_ROW_TILES 1
#endif
#ifndef ATTNC_D128_BLOCK_KV
#define ATTNC_D128_BLOCK_KV 64
#endif
#ifndef ATTNC_D128_STAGES
#define ATTNC_D128_STAGES 2
#endif
#ifndef ATTNC_D128_MIN_CTAS
#define ATTNC_D128_MIN_CTAS 1
#endif
#ifndef ATTNC_D128_Q_IN_SMEM
#define ATTNC_D128_Q_IN_SMEM 1
#endif

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

// sm_90a (wgmma) plan per head dim: warpgroups of 64 query rows, keys per tile, cp.async stages,
// CTAs per SM the register allocation must allow, P V overlapped with the next tile's S (2 stages),
// heads innermost in a linear grid (per batch row, every head's heaviest tile first), a producer warp
// (the warp-specialized kernel).
// -DATTNC_SM90=0 keeps the sm_80 kernel on every GPU.
#ifndef ATTNC_SM90
#define ATTNC_SM90 1
#endif
#ifndef ATTNC_SM90_D64_WARPGROUPS
#define ATTNC_SM90_D64_WARPGROUPS 1
#endif
#ifndef ATTNC_SM90_D64_BLOCK_KV
#define ATTNC_SM90_D64_BLOCK_KV 64
#endif
#ifndef ATTNC_SM90_D64_STAGES
#define ATTNC_SM90_D64_STAGES 2
#endif
#ifndef ATTNC_SM90_D64_MIN_CTAS
#define ATTNC_SM90_D64_MIN_CTAS 1
#endif
#ifndef ATTNC_SM90_D64_OVERLAP_PV
#define ATTNC_SM90_D64_OVERLAP_PV 0
#endif
#ifndef ATTNC_SM90_D64_HEADS_INNER
#define ATTNC_SM90_D64_HEADS_INNER 0
#endif
#ifndef ATTNC_SM90_D64_PRODUCER
#define ATTNC_SM90_D64_PRODUCER 0
#endif
#ifndef ATTNC_SM90_D128_WARPGROUPS
#define ATTNC_SM90_D128_WARPGROUPS 1
#endif
#ifndef ATTNC_SM90_D128_BLOCK_KV
#define ATTNC_SM90_D128_BLOCK_KV 64
#endif
#ifndef ATTNC_SM90_D128_STAGES
#define ATTNC_SM90_D128_STAGES 2
#endif
#ifndef ATTNC_SM90_D128_MIN_CTAS
#define ATTNC_SM90_D128_MIN_CTAS 1
#endif
#ifndef ATTNC_SM90_D128_OVERLAP_PV
#define ATTNC_SM90_D128_OVERLAP_PV 0
#endif
#ifndef ATTNC_SM90_D128_HEADS_INNER
#define ATTNC_SM90_D128_HEADS_INNER 0
#endif
#ifndef ATTNC_SM90_D128_PRODUCER
#define ATTNC_SM90_D128_PRODUCER 0
#endif

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

// the head dims this file was generated for
static bool generated_head_dim(int D) { return D == 64 || D == 128; }

template <typename T>
static int dispatch(const Params& p, const Pages& pg, cudaStream_t stream) {
#if ATTNC_SM90
  if (sm90_available()) {
    switch (p.D) {
      case 64: {
        const int rc = launch_sm90<T, 64, ATTNC_SM90_D64_WARPGROUPS, ATTNC_SM90_D64_BLOCK_KV, ATTNC_SM90_D64_STAGES, ATTNC_SM90_D64_MIN_CTAS, ATTNC_SM90_D64_OVERLAP_PV, ATTNC_SM90_D64_HEADS_INNER, ATTNC_SM90_D64_PRODUCER>(p, pg, stream);
        if (rc != kSm90Unavailable) return rc;
        break;  // no TMA maps on this driver: the sm_80 kernel below
      }
      case 128: {
        const int rc = launch_sm90<T, 128, ATTNC_SM90_D128_WARPGROUPS, ATTNC_SM90_D128_BLOCK_KV, ATTNC_SM90_D128_STAGES, ATTNC_SM90_D128_MIN_CTAS, ATTNC_SM90_D128_OVERLAP_PV, ATTNC_SM90_D128_HEADS_INNER, ATTNC_SM90_D128_PRODUCER>(p, pg, stream);
        if (rc != kSm90Unavailable) return rc;
        break;  // no TMA maps on this driver: the sm_80 kernel below
      }
      default: break;
    }
  }
#endif
  switch (p.D) {
    case 64: return launch<T, 64, ATTNC_D64_WARPS, ATTNC_D64_ROW_TILES, ATTNC_D64_BLOCK_KV, ATTNC_D64_STAGES, ATTNC_D64_MIN_CTAS, ATTNC_D64_Q_IN_SMEM>(p, pg, stream);
    case 128: return launch<T, 128, ATTNC_D128_WARPS, ATTNC_D128_ROW_TILES, ATTNC_D128_BLOCK_KV, ATTNC_D128_STAGES, ATTNC_D128_MIN_CTAS, ATTNC_D128_Q_IN_SMEM>(p, pg, stream);
    default: return ATTNC_ERR_HEAD_DIM;
  }
}

}  // namespace attnc_relu2_attention

extern "C" int attnc_relu2_attention_forward_paged(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_rel, const int* q_lens, const int* kv_lens,
    const int* page_table, int page_size, int num_pages, cudaStream_t stream) {
  using namespace attnc_relu2_attention;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o || !in_rel) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (page_table != nullptr && (page_size <= 0 || num_pages <= 0 || KV_LEN % page_size != 0)) return ATTNC_ERR_SIZE;
  if (page_table != nullptr && (int64_t)num_pages * H_KV * page_size > 0x7fffffff) return ATTNC_ERR_SIZE;  // rows of k: int32
#if !ATTNC_PAGED
  if (page_table != nullptr) return ATTNC_ERR_PAGE;  // built without the paged kernels
#endif
  if (!generated_head_dim(D)) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4) || misaligned(in_rel, 4) || misaligned(q_lens, 4) || misaligned(kv_lens, 4) || misaligned(page_table, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale, in_rel};
  p.q_lens = q_lens;
  p.kv_lens = kv_lens;
  Pages pg{};  // a paged KV cache, or none (table null)
  if (page_table != nullptr) {
    pg.table = page_table;
    pg.size = page_size;
    pg.max_pages = KV_LEN / page_size;
    pg.num = num_pages;
    page_divisor(page_size, &pg.magic, &pg.shift);
  }
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
#if ATTNC_CHECK_PAGES
  if (page_table != nullptr) {
    const int page_rc = check_pages(p, pg, stream);
    if (page_rc != ATTNC_OK) return page_rc;
  }
#endif
  const int rc = dtype == ATTNC_DTYPE_BF16 ? dispatch<__nv_bfloat16>(p, pg, stream) : dispatch<__half>(p, pg, stream);
  return rc;
}

extern "C" int attnc_relu2_attention_forward_varlen(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_rel, const int* q_lens, const int* kv_lens, cudaStream_t stream) {
  return attnc_relu2_attention_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, in_rel, q_lens, kv_lens, nullptr, 0, 0, stream);
}

extern "C" int attnc_relu2_attention_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_rel, cudaStream_t stream) {
  return attnc_relu2_attention_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, in_rel, nullptr, nullptr, nullptr, 0, 0, stream);
}

extern "C" int attnc_relu2_attention_skeleton(int D) {
  using namespace attnc_relu2_attention;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if (((D == 64 && sm90_plan_available(ATTNC_SM90_D64_PRODUCER)) || (D == 128 && sm90_plan_available(ATTNC_SM90_D128_PRODUCER))) && sm90_available()) return 90;
#endif
  return 80;
}
