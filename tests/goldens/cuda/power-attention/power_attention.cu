// attnc: power_attention (softmax) — generated CUDA C++, do not edit.
// Build: nvcc -O3 -std=c++17 -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a -gencode=arch=compute_80,code=compute_80 -c power_attention.cu
// Entry point and error codes: power_attention.h. Tile plans: ATTNC_D<dim>_* macros below.
#include <cuda_runtime.h>
#include <cuda.h>  // CUtensorMap (TMA maps of the warp-specialized kernel; no -lcuda needed)
#include <cudaTypedefs.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <atomic>
#include <cstdint>
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

namespace attnc_power_attention {

// <prelude: _shared.cu>

struct Params {
  const void* q;
  const void* k;
  const void* v;
  float* o;
  float* lse;
  int B, H, H_KV, Q_LEN, KV_LEN, D;  // Q_LEN, KV_LEN: the tensors' (padded) lengths
  float scale;
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



// ---- the plan, printed: what the mask and score are, and which tiles can be skipped ----
constexpr bool kMaskIsTrue = false;
constexpr bool kMaskIsCheap = false;  // unroll the mask loop (few ops)
constexpr bool kClassifierIsCheap = false;  // classify key tiles where needed (else a chunk at a time, one per thread)
constexpr bool kScoreIsS = true;
constexpr bool kSigmoid = false;
constexpr bool kHasKvRange = true;
constexpr bool kHasSink = false;  // a per-row logit joins the softmax's denominator (epilogue)

// values computed once per (b, h)
struct HeadCtx {
};
__device__ __forceinline__ HeadCtx head_ctx(const Params& p, int b, int h) {
  return HeadCtx{};
}

// values computed once per query row
struct RowCtx {
  int tr207;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr207 = attnc_idiv(q, 64);
  return RowCtx{tr207};
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
  const int tr207 = rc.tr207;
  const int tm9497 = attnc_isub(tr207, attnc_idiv(kv, 64));
  const bool tmd9547 = (((((((((((((tm9497 == 1) || (tm9497 == 2)) || (tm9497 == 4)) || (tm9497 == 8)) || (tm9497 == 16)) || (tm9497 == 32)) || (tm9497 == 64)) || (tm9497 == 128)) || (tm9497 == 256)) || (tm9497 == 512)) || (tm9497 == 1024)) || (tm9497 == 2048)) || (tm9497 == 4096));
  const bool tmd9582 = ((((((((((((tmd9547 || (tm9497 == 8192)) || (tm9497 == 16384)) || (tm9497 == 32768)) || (tm9497 == 65536)) || (tm9497 == 131072)) || (tm9497 == 262144)) || (tm9497 == 524288)) || (tm9497 == 1048576)) || (tm9497 == 2097152)) || (tm9497 == 4194304)) || (tm9497 == 8388608)) || (tm9497 == 16777216));
  return ((kv <= q) && ((tm9497 < 1) || ((((((tmd9582 || (tm9497 == 33554432)) || (tm9497 == 67108864)) || (tm9497 == 134217728)) || (tm9497 == 268435456)) || (tm9497 == 536870912)) || (tm9497 == 1073741824))));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  return s;
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca216 = attnc_idiv(attnc_isub(63, kvlo), 64);
  const int tca217 = attnc_idiv(kvhi, 64);
  const int tca220 = attnc_iadd(tca216, tca217);
  const int tca212 = attnc_idiv(qhi, 64);
  const int tca218 = attnc_iadd(tca216, tca212);
  const int tca211 = attnc_idiv(attnc_isub(63, qlo), 64);
  const int tca224 = attnc_iadd(tca211, tca217);
  const int tca213 = attnc_iadd(tca211, tca212);
  const bool tca221 = (0 <= tca220);
  const bool tca219 = (0 <= tca218);
  const bool tca214 = (0 <= tca213);
  const bool tca781 = (0 <= attnc_iadd(attnc_imul(64, tca216), qhi));
  const bool tca18 = (kvlo <= qhi);
  const bool tca9992 = (((((((((((0 <= attnc_iadd(tca220, 2)) && (0 <= attnc_iadd(tca218, 2))) && (0 <= attnc_iadd(tca224, 2))) && (0 <= attnc_iadd(tca213, 2))) && tca221) && tca219) && tca214) && tca781) && tca18) || ((((((((((0 <= attnc_iadd(tca220, 4)) && (0 <= attnc_iadd(tca218, 4))) && (0 <= attnc_iadd(tca224, 4))) && (0 <= attnc_iadd(tca213, 4))) && tca221) && tca219) && tca214) && tca781) && tca18) && (3 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 8)) && (0 <= attnc_iadd(tca218, 8))) && (0 <= attnc_iadd(tca224, 8))) && (0 <= attnc_iadd(tca213, 8))) && tca221) && tca219) && tca214) && tca781) && tca18) && (7 < tca218)));
  const bool tca9994 = ((tca9992 || ((((((((((0 <= attnc_iadd(tca220, 16)) && (0 <= attnc_iadd(tca218, 16))) && (0 <= attnc_iadd(tca224, 16))) && (0 <= attnc_iadd(tca213, 16))) && tca221) && tca219) && tca214) && tca781) && tca18) && (15 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 32)) && (0 <= attnc_iadd(tca218, 32))) && (0 <= attnc_iadd(tca224, 32))) && (0 <= attnc_iadd(tca213, 32))) && tca221) && tca219) && tca214) && tca781) && tca18) && (31 < tca218)));
  const bool tca9996 = ((tca9994 || ((((((((((0 <= attnc_iadd(tca220, 64)) && (0 <= attnc_iadd(tca218, 64))) && (0 <= attnc_iadd(tca224, 64))) && (0 <= attnc_iadd(tca213, 64))) && tca221) && tca219) && tca214) && tca781) && tca18) && (63 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 128)) && (0 <= attnc_iadd(tca218, 128))) && (0 <= attnc_iadd(tca224, 128))) && (0 <= attnc_iadd(tca213, 128))) && tca221) && tca219) && tca214) && tca781) && tca18) && (127 < tca218)));
  const bool tca9998 = ((tca9996 || ((((((((((0 <= attnc_iadd(tca220, 256)) && (0 <= attnc_iadd(tca218, 256))) && (0 <= attnc_iadd(tca224, 256))) && (0 <= attnc_iadd(tca213, 256))) && tca221) && tca219) && tca214) && tca781) && tca18) && (255 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 512)) && (0 <= attnc_iadd(tca218, 512))) && (0 <= attnc_iadd(tca224, 512))) && (0 <= attnc_iadd(tca213, 512))) && tca221) && tca219) && tca214) && tca781) && tca18) && (511 < tca218)));
  const bool tca10000 = ((tca9998 || ((((((((((0 <= attnc_iadd(tca220, 1024)) && (0 <= attnc_iadd(tca218, 1024))) && (0 <= attnc_iadd(tca224, 1024))) && (0 <= attnc_iadd(tca213, 1024))) && tca221) && tca219) && tca214) && tca781) && tca18) && (1023 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 2048)) && (0 <= attnc_iadd(tca218, 2048))) && (0 <= attnc_iadd(tca224, 2048))) && (0 <= attnc_iadd(tca213, 2048))) && tca221) && tca219) && tca214) && tca781) && tca18) && (2047 < tca218)));
  const bool tca10002 = ((tca10000 || ((((((((((0 <= attnc_iadd(tca220, 4096)) && (0 <= attnc_iadd(tca218, 4096))) && (0 <= attnc_iadd(tca224, 4096))) && (0 <= attnc_iadd(tca213, 4096))) && tca221) && tca219) && tca214) && tca781) && tca18) && (4095 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 8192)) && (0 <= attnc_iadd(tca218, 8192))) && (0 <= attnc_iadd(tca224, 8192))) && (0 <= attnc_iadd(tca213, 8192))) && tca221) && tca219) && tca214) && tca781) && tca18) && (8191 < tca218)));
  const bool tca10004 = ((tca10002 || ((((((((((0 <= attnc_iadd(tca220, 16384)) && (0 <= attnc_iadd(tca218, 16384))) && (0 <= attnc_iadd(tca224, 16384))) && (0 <= attnc_iadd(tca213, 16384))) && tca221) && tca219) && tca214) && tca781) && tca18) && (16383 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 32768)) && (0 <= attnc_iadd(tca218, 32768))) && (0 <= attnc_iadd(tca224, 32768))) && (0 <= attnc_iadd(tca213, 32768))) && tca221) && tca219) && tca214) && tca781) && tca18) && (32767 < tca218)));
  const bool tca10006 = ((tca10004 || ((((((((((0 <= attnc_iadd(tca220, 65536)) && (0 <= attnc_iadd(tca218, 65536))) && (0 <= attnc_iadd(tca224, 65536))) && (0 <= attnc_iadd(tca213, 65536))) && tca221) && tca219) && tca214) && tca781) && tca18) && (65535 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 131072)) && (0 <= attnc_iadd(tca218, 131072))) && (0 <= attnc_iadd(tca224, 131072))) && (0 <= attnc_iadd(tca213, 131072))) && tca221) && tca219) && tca214) && tca781) && tca18) && (131071 < tca218)));
  const bool tca10008 = ((tca10006 || ((((((((((0 <= attnc_iadd(tca220, 262144)) && (0 <= attnc_iadd(tca218, 262144))) && (0 <= attnc_iadd(tca224, 262144))) && (0 <= attnc_iadd(tca213, 262144))) && tca221) && tca219) && tca214) && tca781) && tca18) && (262143 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 524288)) && (0 <= attnc_iadd(tca218, 524288))) && (0 <= attnc_iadd(tca224, 524288))) && (0 <= attnc_iadd(tca213, 524288))) && tca221) && tca219) && tca214) && tca781) && tca18) && (524287 < tca218)));
  return ((tca10008 || ((((((((((0 <= attnc_iadd(tca220, 1048576)) && (0 <= attnc_iadd(tca218, 1048576))) && (0 <= attnc_iadd(tca224, 1048576))) && (0 <= attnc_iadd(tca213, 1048576))) && tca221) && tca219) && tca214) && tca781) && tca18) && (1048575 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 2097152)) && (0 <= attnc_iadd(tca218, 2097152))) && (0 <= attnc_iadd(tca224, 2097152))) && (0 <= attnc_iadd(tca213, 2097152))) && tca221) && tca219) && tca214) && tca781) && tca18) && (2097151 < tca218)));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf211 = attnc_idiv(attnc_isub(63, qlo), 64);
  const int tcf217 = attnc_idiv(kvhi, 64);
  const int tcf224 = attnc_iadd(tcf211, tcf217);
  const int tcf216 = attnc_idiv(attnc_isub(63, kvlo), 64);
  const bool tcf221 = (0 <= attnc_iadd(tcf216, tcf217));
  const int tcf212 = attnc_idiv(qhi, 64);
  const int tcf213 = attnc_iadd(tcf211, tcf212);
  const bool tcf214 = (0 <= tcf213);
  const int tcf218 = attnc_iadd(tcf216, tcf212);
  const bool tcf10218 = (((((((((qlo < kvhi) || ((((0 <= attnc_iadd(tcf224, 3)) && tcf221) && tcf214) && (2 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 7)) && (0 <= attnc_iadd(tcf213, 2))) && tcf221) && tcf214) && (4 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 15)) && (0 <= attnc_iadd(tcf213, 6))) && tcf221) && tcf214) && (8 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 31)) && (0 <= attnc_iadd(tcf213, 14))) && tcf221) && tcf214) && (16 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 63)) && (0 <= attnc_iadd(tcf213, 30))) && tcf221) && tcf214) && (32 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 127)) && (0 <= attnc_iadd(tcf213, 62))) && tcf221) && tcf214) && (64 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 255)) && (0 <= attnc_iadd(tcf213, 126))) && tcf221) && tcf214) && (128 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 511)) && (0 <= attnc_iadd(tcf213, 254))) && tcf221) && tcf214) && (256 < tcf218)));
  const bool tcf10225 = (((((((tcf10218 || (((((0 <= attnc_iadd(tcf224, 1023)) && (0 <= attnc_iadd(tcf213, 510))) && tcf221) && tcf214) && (512 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 2047)) && (0 <= attnc_iadd(tcf213, 1022))) && tcf221) && tcf214) && (1024 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 4095)) && (0 <= attnc_iadd(tcf213, 2046))) && tcf221) && tcf214) && (2048 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 8191)) && (0 <= attnc_iadd(tcf213, 4094))) && tcf221) && tcf214) && (4096 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 16383)) && (0 <= attnc_iadd(tcf213, 8190))) && tcf221) && tcf214) && (8192 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 32767)) && (0 <= attnc_iadd(tcf213, 16382))) && tcf221) && tcf214) && (16384 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 65535)) && (0 <= attnc_iadd(tcf213, 32766))) && tcf221) && tcf214) && (32768 < tcf218)));
  return (!((((((tcf10225 || (((((0 <= attnc_iadd(tcf224, 131071)) && (0 <= attnc_iadd(tcf213, 65534))) && tcf221) && tcf214) && (65536 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 262143)) && (0 <= attnc_iadd(tcf213, 131070))) && tcf221) && tcf214) && (131072 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 524287)) && (0 <= attnc_iadd(tcf213, 262142))) && tcf221) && tcf214) && (262144 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 1048575)) && (0 <= attnc_iadd(tcf213, 524286))) && tcf221) && tcf214) && (524288 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 2097151)) && (0 <= attnc_iadd(tcf213, 1048574))) && tcf221) && tcf214) && (1048576 < tcf218))) || ((((0 <= attnc_iadd(tcf213, 2097150)) && tcf221) && tcf214) && (2097152 < tcf218))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl211 = attnc_idiv(attnc_isub(63, qlo), 64);
    const int tkl212 = attnc_idiv(qhi, 64);
    const bool tkl214 = (0 <= attnc_iadd(tkl211, tkl212));
    const int tkl793 = attnc_imul(64, tkl211);
    const int tkl10234 = attnc_isub(0, attnc_iadd(tkl793, 128));
    const int tkl24 = attnc_isub(attnc_kv_len(p, b), 1);
    const int tkl229 = attnc_imul(64, tkl212);
    const int tkl230 = attnc_iadd(tkl229, 63);
    const int tkl10243 = attnc_isub(tkl229, 193);
    const int tkl10246 = attnc_isub(0, attnc_iadd(tkl793, 256));
    const int tkl10259 = attnc_isub(tkl229, 449);
    const int tkl10262 = attnc_isub(0, attnc_iadd(tkl793, 512));
    const int tkl10275 = attnc_isub(tkl229, 961);
    const int tkl10278 = attnc_isub(0, attnc_iadd(tkl793, 1024));
    const int tkl10291 = attnc_isub(tkl229, 1985);
    const int tkl10294 = attnc_isub(0, attnc_iadd(tkl793, 2048));
    const int tkl10307 = attnc_isub(tkl229, 4033);
    const int tkl10310 = attnc_isub(0, attnc_iadd(tkl793, 4096));
    const int tkl10323 = attnc_isub(tkl229, 8129);
    const int tkl10326 = attnc_isub(0, attnc_iadd(tkl793, 8192));
    const int tkl10639 = min(min(min(min(min(min(((((tkl214 && (tkl10234 <= tkl24)) && (tkl10234 <= qhi)) && (tkl10234 <= tkl230)) ? max(0, tkl10234) : attnc_kv_len(p, b)), ((((((tkl214 && (0 <= tkl10243)) && (tkl10246 <= tkl24)) && (tkl10246 <= qhi)) && (tkl10246 <= tkl230)) && (tkl10246 <= tkl10243)) ? max(0, tkl10246) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10259)) && (tkl10262 <= tkl24)) && (tkl10262 <= qhi)) && (tkl10262 <= tkl230)) && (tkl10262 <= tkl10259)) ? max(0, tkl10262) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10275)) && (tkl10278 <= tkl24)) && (tkl10278 <= qhi)) && (tkl10278 <= tkl230)) && (tkl10278 <= tkl10275)) ? max(0, tkl10278) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10291)) && (tkl10294 <= tkl24)) && (tkl10294 <= qhi)) && (tkl10294 <= tkl230)) && (tkl10294 <= tkl10291)) ? max(0, tkl10294) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10307)) && (tkl10310 <= tkl24)) && (tkl10310 <= qhi)) && (tkl10310 <= tkl230)) && (tkl10310 <= tkl10307)) ? max(0, tkl10310) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10323)) && (tkl10326 <= tkl24)) && (tkl10326 <= qhi)) && (tkl10326 <= tkl230)) && (tkl10326 <= tkl10323)) ? max(0, tkl10326) : attnc_kv_len(p, b)));
    const int tkl10339 = attnc_isub(tkl229, 16321);
    const int tkl10342 = attnc_isub(0, attnc_iadd(tkl793, 16384));
    const int tkl10355 = attnc_isub(tkl229, 32705);
    const int tkl10358 = attnc_isub(0, attnc_iadd(tkl793, 32768));
    const int tkl10371 = attnc_isub(tkl229, 65473);
    const int tkl10374 = attnc_isub(0, attnc_iadd(tkl793, 65536));
    const int tkl10387 = attnc_isub(tkl229, 131009);
    const int tkl10390 = attnc_isub(0, attnc_iadd(tkl793, 131072));
    const int tkl10403 = attnc_isub(tkl229, 262081);
    const int tkl10406 = attnc_isub(0, attnc_iadd(tkl793, 262144));
    const int tkl10419 = attnc_isub(tkl229, 524225);
    const int tkl10422 = attnc_isub(0, attnc_iadd(tkl793, 524288));
    const int tkl10645 = min(min(min(min(min(min(tkl10639, ((((((tkl214 && (0 <= tkl10339)) && (tkl10342 <= tkl24)) && (tkl10342 <= qhi)) && (tkl10342 <= tkl230)) && (tkl10342 <= tkl10339)) ? max(0, tkl10342) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10355)) && (tkl10358 <= tkl24)) && (tkl10358 <= qhi)) && (tkl10358 <= tkl230)) && (tkl10358 <= tkl10355)) ? max(0, tkl10358) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10371)) && (tkl10374 <= tkl24)) && (tkl10374 <= qhi)) && (tkl10374 <= tkl230)) && (tkl10374 <= tkl10371)) ? max(0, tkl10374) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10387)) && (tkl10390 <= tkl24)) && (tkl10390 <= qhi)) && (tkl10390 <= tkl230)) && (tkl10390 <= tkl10387)) ? max(0, tkl10390) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10403)) && (tkl10406 <= tkl24)) && (tkl10406 <= qhi)) && (tkl10406 <= tkl230)) && (tkl10406 <= tkl10403)) ? max(0, tkl10406) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10419)) && (tkl10422 <= tkl24)) && (tkl10422 <= qhi)) && (tkl10422 <= tkl230)) && (tkl10422 <= tkl10419)) ? max(0, tkl10422) : attnc_kv_len(p, b)));
    const int tkl10435 = attnc_isub(tkl229, 1048513);
    const int tkl10438 = attnc_isub(0, attnc_iadd(tkl793, 1048576));
    const int tkl10451 = attnc_isub(tkl229, 2097089);
    const int tkl10454 = attnc_isub(0, attnc_iadd(tkl793, 2097152));
    const int tkl10467 = attnc_isub(tkl229, 4194241);
    const int tkl10470 = attnc_isub(0, attnc_iadd(tkl793, 4194304));
    const int tkl10483 = attnc_isub(tkl229, 8388545);
    const int tkl10486 = attnc_isub(0, attnc_iadd(tkl793, 8388608));
    const int tkl10499 = attnc_isub(tkl229, 16777153);
    const int tkl10502 = attnc_isub(0, attnc_iadd(tkl793, 16777216));
    const int tkl10515 = attnc_isub(tkl229, 33554369);
    const int tkl10518 = attnc_isub(0, attnc_iadd(tkl793, 33554432));
    const int tkl10651 = min(min(min(min(min(min(tkl10645, ((((((tkl214 && (0 <= tkl10435)) && (tkl10438 <= tkl24)) && (tkl10438 <= qhi)) && (tkl10438 <= tkl230)) && (tkl10438 <= tkl10435)) ? max(0, tkl10438) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10451)) && (tkl10454 <= tkl24)) && (tkl10454 <= qhi)) && (tkl10454 <= tkl230)) && (tkl10454 <= tkl10451)) ? max(0, tkl10454) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10467)) && (tkl10470 <= tkl24)) && (tkl10470 <= qhi)) && (tkl10470 <= tkl230)) && (tkl10470 <= tkl10467)) ? max(0, tkl10470) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10483)) && (tkl10486 <= tkl24)) && (tkl10486 <= qhi)) && (tkl10486 <= tkl230)) && (tkl10486 <= tkl10483)) ? max(0, tkl10486) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10499)) && (tkl10502 <= tkl24)) && (tkl10502 <= qhi)) && (tkl10502 <= tkl230)) && (tkl10502 <= tkl10499)) ? max(0, tkl10502) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10515)) && (tkl10518 <= tkl24)) && (tkl10518 <= qhi)) && (tkl10518 <= tkl230)) && (tkl10518 <= tkl10515)) ? max(0, tkl10518) : attnc_kv_len(p, b)));
    const int tkl10531 = attnc_isub(tkl229, 67108801);
    const int tkl10534 = attnc_isub(0, attnc_iadd(tkl793, 67108864));
    const int tkl10547 = attnc_isub(tkl229, 134217665);
    const int tkl10550 = attnc_isub(0, attnc_iadd(tkl793, 134217728));
    const int tkl10611 = (tkl214 ? 0 : attnc_kv_len(p, b));
    const int tkl10657 = min(min(min(min(min(min(tkl10651, ((((((tkl214 && (0 <= tkl10531)) && (tkl10534 <= tkl24)) && (tkl10534 <= qhi)) && (tkl10534 <= tkl230)) && (tkl10534 <= tkl10531)) ? max(0, tkl10534) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10547)) && (tkl10550 <= tkl24)) && (tkl10550 <= qhi)) && (tkl10550 <= tkl230)) && (tkl10550 <= tkl10547)) ? max(0, tkl10550) : attnc_kv_len(p, b))), tkl10611), tkl10611), tkl10611), tkl10611);
    lo = min(tkl10657, tkl10611);
  }
  {
    const int tkh211 = attnc_idiv(attnc_isub(63, qlo), 64);
    const int tkh212 = attnc_idiv(qhi, 64);
    const bool tkh214 = (0 <= attnc_iadd(tkh211, tkh212));
    const int tkh793 = attnc_imul(64, tkh211);
    const int tkh10234 = attnc_isub(0, attnc_iadd(tkh793, 128));
    const int tkh24 = attnc_isub(attnc_kv_len(p, b), 1);
    const int tkh229 = attnc_imul(64, tkh212);
    const int tkh230 = attnc_iadd(tkh229, 63);
    const int tkh802 = min(min(tkh24, qhi), tkh230);
    const int tkh10243 = attnc_isub(tkh229, 193);
    const int tkh10246 = attnc_isub(0, attnc_iadd(tkh793, 256));
    const int tkh10259 = attnc_isub(tkh229, 449);
    const int tkh10262 = attnc_isub(0, attnc_iadd(tkh793, 512));
    const int tkh10275 = attnc_isub(tkh229, 961);
    const int tkh10278 = attnc_isub(0, attnc_iadd(tkh793, 1024));
    const int tkh10291 = attnc_isub(tkh229, 1985);
    const int tkh10294 = attnc_isub(0, attnc_iadd(tkh793, 2048));
    const int tkh10307 = attnc_isub(tkh229, 4033);
    const int tkh10310 = attnc_isub(0, attnc_iadd(tkh793, 4096));
    const int tkh10323 = attnc_isub(tkh229, 8129);
    const int tkh10326 = attnc_isub(0, attnc_iadd(tkh793, 8192));
    const int tkh10664 = max(max(max(max(max(max(((((tkh214 && (tkh10234 <= tkh24)) && (tkh10234 <= qhi)) && (tkh10234 <= tkh230)) ? tkh802 : (-1)), ((((((tkh214 && (0 <= tkh10243)) && (tkh10246 <= tkh24)) && (tkh10246 <= qhi)) && (tkh10246 <= tkh230)) && (tkh10246 <= tkh10243)) ? min(tkh802, tkh10243) : (-1))), ((((((tkh214 && (0 <= tkh10259)) && (tkh10262 <= tkh24)) && (tkh10262 <= qhi)) && (tkh10262 <= tkh230)) && (tkh10262 <= tkh10259)) ? min(tkh802, tkh10259) : (-1))), ((((((tkh214 && (0 <= tkh10275)) && (tkh10278 <= tkh24)) && (tkh10278 <= qhi)) && (tkh10278 <= tkh230)) && (tkh10278 <= tkh10275)) ? min(tkh802, tkh10275) : (-1))), ((((((tkh214 && (0 <= tkh10291)) && (tkh10294 <= tkh24)) && (tkh10294 <= qhi)) && (tkh10294 <= tkh230)) && (tkh10294 <= tkh10291)) ? min(tkh802, tkh10291) : (-1))), ((((((tkh214 && (0 <= tkh10307)) && (tkh10310 <= tkh24)) && (tkh10310 <= qhi)) && (tkh10310 <= tkh230)) && (tkh10310 <= tkh10307)) ? min(tkh802, tkh10307) : (-1))), ((((((tkh214 && (0 <= tkh10323)) && (tkh10326 <= tkh24)) && (tkh10326 <= qhi)) && (tkh10326 <= tkh230)) && (tkh10326 <= tkh10323)) ? min(tkh802, tkh10323) : (-1)));
    const int tkh10339 = attnc_isub(tkh229, 16321);
    const int tkh10342 = attnc_isub(0, attnc_iadd(tkh793, 16384));
    const int tkh10355 = attnc_isub(tkh229, 32705);
    const int tkh10358 = attnc_isub(0, attnc_iadd(tkh793, 32768));
    const int tkh10371 = attnc_isub(tkh229, 65473);
    const int tkh10374 = attnc_isub(0, attnc_iadd(tkh793, 65536));
    const int tkh10387 = attnc_isub(tkh229, 131009);
    const int tkh10390 = attnc_isub(0, attnc_iadd(tkh793, 131072));
    const int tkh10403 = attnc_isub(tkh229, 262081);
    const int tkh10406 = attnc_isub(0, attnc_iadd(tkh793, 262144));
    const int tkh10419 = attnc_isub(tkh229, 524225);
    const int tkh10422 = attnc_isub(0, attnc_iadd(tkh793, 524288));
    const int tkh10670 = max(max(max(max(max(max(tkh10664, ((((((tkh214 && (0 <= tkh10339)) && (tkh10342 <= tkh24)) && (tkh10342 <= qhi)) && (tkh10342 <= tkh230)) && (tkh10342 <= tkh10339)) ? min(tkh802, tkh10339) : (-1))), ((((((tkh214 && (0 <= tkh10355)) && (tkh10358 <= tkh24)) && (tkh10358 <= qhi)) && (tkh10358 <= tkh230)) && (tkh10358 <= tkh10355)) ? min(tkh802, tkh10355) : (-1))), ((((((tkh214 && (0 <= tkh10371)) && (tkh10374 <= tkh24)) && (tkh10374 <= qhi)) && (tkh10374 <= tkh230)) && (tkh10374 <= tkh10371)) ? min(tkh802, tkh10371) : (-1))), ((((((tkh214 && (0 <= tkh10387)) && (tkh10390 <= tkh24)) && (tkh10390 <= qhi)) && (tkh10390 <= tkh230)) && (tkh10390 <= tkh10387)) ? min(tkh802, tkh10387) : (-1))), ((((((tkh214 && (0 <= tkh10403)) && (tkh10406 <= tkh24)) && (tkh10406 <= qhi)) && (tkh10406 <= tkh230)) && (tkh10406 <= tkh10403)) ? min(tkh802, tkh10403) : (-1))), ((((((tkh214 && (0 <= tkh10419)) && (tkh10422 <= tkh24)) && (tkh10422 <= qhi)) && (tkh10422 <= tkh230)) && (tkh10422 <= tkh10419)) ? min(tkh802, tkh10419) : (-1)));
    const int tkh10435 = attnc_isub(tkh229, 1048513);
    const int tkh10438 = attnc_isub(0, attnc_iadd(tkh793, 1048576));
    const int tkh10451 = attnc_isub(tkh229, 2097089);
    const int tkh10454 = attnc_isub(0, attnc_iadd(tkh793, 2097152));
    const int tkh10467 = attnc_isub(tkh229, 4194241);
    const int tkh10470 = attnc_isub(0, attnc_iadd(tkh793, 4194304));
    const int tkh10483 = attnc_isub(tkh229, 8388545);
    const int tkh10486 = attnc_isub(0, attnc_iadd(tkh793, 8388608));
    const int tkh10499 = attnc_isub(tkh229, 16777153);
    const int tkh10502 = attnc_isub(0, attnc_iadd(tkh793, 16777216));
    const int tkh10515 = attnc_isub(tkh229, 33554369);
    const int tkh10518 = attnc_isub(0, attnc_iadd(tkh793, 33554432));
    const int tkh10676 = max(max(max(max(max(max(tkh10670, ((((((tkh214 && (0 <= tkh10435)) && (tkh10438 <= tkh24)) && (tkh10438 <= qhi)) && (tkh10438 <= tkh230)) && (tkh10438 <= tkh10435)) ? min(tkh802, tkh10435) : (-1))), ((((((tkh214 && (0 <= tkh10451)) && (tkh10454 <= tkh24)) && (tkh10454 <= qhi)) && (tkh10454 <= tkh230)) && (tkh10454 <= tkh10451)) ? min(tkh802, tkh10451) : (-1))), ((((((tkh214 && (0 <= tkh10467)) && (tkh10470 <= tkh24)) && (tkh10470 <= qhi)) && (tkh10470 <= tkh230)) && (tkh10470 <= tkh10467)) ? min(tkh802, tkh10467) : (-1))), ((((((tkh214 && (0 <= tkh10483)) && (tkh10486 <= tkh24)) && (tkh10486 <= qhi)) && (tkh10486 <= tkh230)) && (tkh10486 <= tkh10483)) ? min(tkh802, tkh10483) : (-1))), ((((((tkh214 && (0 <= tkh10499)) && (tkh10502 <= tkh24)) && (tkh10502 <= qhi)) && (tkh10502 <= tkh230)) && (tkh10502 <= tkh10499)) ? min(tkh802, tkh10499) : (-1))), ((((((tkh214 && (0 <= tkh10515)) && (tkh10518 <= tkh24)) && (tkh10518 <= qhi)) && (tkh10518 <= tkh230)) && (tkh10518 <= tkh10515)) ? min(tkh802, tkh10515) : (-1)));
    const int tkh10531 = attnc_isub(tkh229, 67108801);
    const int tkh10534 = attnc_isub(0, attnc_iadd(tkh793, 67108864));
    const int tkh10547 = attnc_isub(tkh229, 134217665);
    const int tkh10550 = attnc_isub(0, attnc_iadd(tkh793, 134217728));
    const int tkh10633 = (tkh214 ? tkh802 : (-1));
    const int tkh10682 = max(max(max(max(max(max(tkh10676, ((((((tkh214 && (0 <= tkh10531)) && (tkh10534 <= tkh24)) && (tkh10534 <= qhi)) && (tkh10534 <= tkh230)) && (tkh10534 <= tkh10531)) ? min(tkh802, tkh10531) : (-1))), ((((((tkh214 && (0 <= tkh10547)) && (tkh10550 <= tkh24)) && (tkh10550 <= qhi)) && (tkh10550 <= tkh230)) && (tkh10550 <= tkh10547)) ? min(tkh802, tkh10547) : (-1))), tkh10633), tkh10633), tkh10633), tkh10633);
    hi = max(tkh10682, tkh10633);
  }
}
// the sink logit of row q (natural-log units, as the score): it joins the row's sum in the epilogue
__device__ __forceinline__ float sink_logit(const Params& p, int b, int h, int q) {
  return -INFINITY;  // no sink
}

// <skeleton: _shared.cu>

// <sm_90a skeleton: _shared.cu>

// ---- the lse merge of N partial results (attnc_NAME_merge): one warp per row ----
__global__ void __launch_bounds__(256) merge_kernel(const float* __restrict__ o_parts, const float* __restrict__ lse_parts,
                                                    int n_parts, int64_t rows, int dv, float* __restrict__ o, float* __restrict__ lse) {
  const int64_t row = (int64_t)blockIdx.x * 8 + (threadIdx.x >> 5);
  const int lane = threadIdx.x & 31;
  if (row >= rows) return;
  // the largest lse; NaN when a partial's is NaN or +inf (that partial's row had a NaN or +inf score)
  float m = -INFINITY;
  for (int i = 0; i < n_parts; ++i) {
    const float x = lse_parts[(int64_t)i * rows + row];
    m = (x != x || x == INFINITY || m != m) ? NAN : fmaxf(m, x);
  }
  float* const out = o + row * dv;
  if (m != m || m == -INFINITY) {  // a NaN row, or a row no partial saw
    for (int c = lane; c < dv; c += 32) out[c] = m != m ? NAN : 0.f;
    if (lane == 0) lse[row] = m;
    return;
  }
  float total = 0.f;
  for (int i = 0; i < n_parts; ++i) {
    const float x = lse_parts[(int64_t)i * rows + row];
    if (x != -INFINITY) total += expf(x - m);
  }
  const float inv = 1.f / total;  // total >= 1: the largest partial's weight is exp(0)
  for (int c = lane; c < dv; c += 32) {
    float acc = 0.f;
    for (int i = 0; i < n_parts; ++i) {
      const float x = lse_parts[(int64_t)i * rows + row];
      if (x != -INFINITY) acc += expf(x - m) * o_parts[((int64_t)i * rows + row) * dv + c];  // a partial that saw nothing adds nothing
    }
    out[c] = acc * inv;
  }
  if (lane == 0) lse[row] = m + logf(total);
}

#ifndef ATTNC_PAGED  // 1: the kernels that read a paged KV cache are built (about half the build time);
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

}  // namespace attnc_power_attention

extern "C" int attnc_power_attention_forward_paged(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* q_lens, const int* kv_lens,
    const int* page_table, int page_size, int num_pages, cudaStream_t stream) {
  using namespace attnc_power_attention;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (page_table != nullptr && (page_size <= 0 || num_pages <= 0 || KV_LEN % page_size != 0)) return ATTNC_ERR_SIZE;
  if (page_table != nullptr && (int64_t)num_pages * H_KV * page_size > 0x7fffffff) return ATTNC_ERR_SIZE;  // rows of k: int32
#if !ATTNC_PAGED
  if (page_table != nullptr) return ATTNC_ERR_PAGE;  // built without the paged kernels
#endif
  if (!generated_head_dim(D)) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4) || misaligned(q_lens, 4) || misaligned(kv_lens, 4) || misaligned(page_table, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale};
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

extern "C" int attnc_power_attention_forward_varlen(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* q_lens, const int* kv_lens, cudaStream_t stream) {
  return attnc_power_attention_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, q_lens, kv_lens, nullptr, 0, 0, stream);
}

extern "C" int attnc_power_attention_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    cudaStream_t stream) {
  return attnc_power_attention_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, nullptr, nullptr, nullptr, 0, 0, stream);
}

extern "C" int attnc_power_attention_skeleton(int D) {
  using namespace attnc_power_attention;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if (((D == 64 && sm90_plan_available(ATTNC_SM90_D64_PRODUCER)) || (D == 128 && sm90_plan_available(ATTNC_SM90_D128_PRODUCER))) && sm90_available()) return 90;
#endif
  return 80;
}

extern "C" int attnc_power_attention_merge(const float* o_parts, const float* lse_parts, int n_parts, int64_t rows, int dv,
    float* o, float* lse, cudaStream_t stream) {
  using namespace attnc_power_attention;
  if (!o_parts || !lse_parts || !o || !lse) return ATTNC_ERR_NULL_POINTER;
  if (n_parts < 1 || rows < 0 || dv < 1 || rows > (int64_t)8 * 0x7fffffff) return ATTNC_ERR_SIZE;
  if ((reinterpret_cast<uintptr_t>(o_parts) | reinterpret_cast<uintptr_t>(lse_parts) | reinterpret_cast<uintptr_t>(o) |
       reinterpret_cast<uintptr_t>(lse)) % 4 != 0) return ATTNC_ERR_ALIGNMENT;
  if (rows == 0) return ATTNC_OK;
  return launch_checked(reinterpret_cast<const void*>(merge_kernel), dim3((unsigned)((rows + 7) / 8)), 256, 0, stream,
                        o_parts, lse_parts, n_parts, rows, dv, o, lse);
}