// attnc: neighborhood_2d (softmax) — generated CUDA C++, do not edit.
// Build: nvcc -O3 -std=c++17 -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a -gencode=arch=compute_80,code=compute_80 -c neighborhood_2d.cu
// Entry point and error codes: neighborhood_2d.h. Tile plans: ATTNC_D<dim>_* macros below.
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

namespace attnc_neighborhood_2d {

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

// values computed once per (b, h)
struct HeadCtx {
};
__device__ __forceinline__ HeadCtx head_ctx(const Params& p, int b, int h) {
  return HeadCtx{};
}

// values computed once per query row
struct RowCtx {
  int tr7286;
  int tr7288;
  int tr7294;
  int tr7296;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr7286 = min(max(attnc_isub(attnc_idiv(q, 56), 3), 0), attnc_isub(attnc_idiv(attnc_kv_len(p, b), 56), 7));
  const int tr7288 = attnc_iadd(tr7286, 7);
  const int tr7294 = min(max(attnc_isub(attnc_imod(q, 56), 3), 0), 49);
  const int tr7296 = attnc_iadd(tr7294, 7);
  return RowCtx{tr7286, tr7288, tr7294, tr7296};
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
  const int tr7286 = rc.tr7286;
  const int tr7288 = rc.tr7288;
  const int tr7294 = rc.tr7294;
  const int tr7296 = rc.tr7296;
  const int tm7262 = attnc_idiv(kv, 56);
  const int tm7273 = attnc_imod(kv, 56);
  return (((tr7286 <= tm7262) && (tm7262 < tr7288)) && ((tr7294 <= tm7273) && (tm7273 < tr7296)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  return s;
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca2996 = attnc_iadd(kvhi, 3);
  const int tca7320 = attnc_idiv(tca2996, 56);
  const int tca7316 = attnc_idiv(attnc_isub(tca2996, qlo), 56);
  const int tca7522 = attnc_iadd(tca7320, tca7316);
  const int tca7150 = attnc_iadd(qhi, 3);
  const int tca7322 = attnc_idiv(attnc_isub(tca7150, kvlo), 56);
  const int tca7536 = attnc_iadd(tca7522, tca7322);
  const int tca7323 = attnc_idiv(attnc_isub(2, kvlo), 56);
  const int tca7325 = attnc_idiv(attnc_isub(5, kvlo), 56);
  const int tca7327 = attnc_idiv(attnc_iadd(kvhi, 6), 56);
  const int tca7526 = attnc_iadd(tca7327, tca7316);
  const int tca7539 = attnc_iadd(tca7526, tca7322);
  const int tca7340 = attnc_iadd(tca7316, tca7322);
  const int tca7305 = attnc_idiv(kvhi, 56);
  const int tca7304 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tca7376 = attnc_iadd(tca7320, tca7322);
  const bool tca7685 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca7536, tca7323), 1)) && (0 <= attnc_iadd(attnc_iadd(tca7536, tca7325), 1))) && (0 <= attnc_iadd(attnc_iadd(tca7539, tca7323), 1))) && (0 <= attnc_iadd(attnc_iadd(tca7539, tca7325), 1))) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7340, tca7323), tca7305), 1))) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7340, tca7325), tca7305), 1))) && (0 <= attnc_iadd(tca7536, tca7304))) && (0 <= attnc_iadd(attnc_iadd(tca7522, tca7323), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7522, tca7304), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7522, tca7325), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7376, tca7323), 4)));
  const int tca7318 = attnc_idiv(attnc_isub(2, qlo), 56);
  const bool tca7468 = (0 <= attnc_iadd(attnc_iadd(tca7376, tca7318), 1));
  const int tca7310 = attnc_idiv(attnc_iadd(kvhi, 55), 56);
  const int tca7518 = attnc_iadd(tca7310, tca7316);
  const int tca7533 = attnc_iadd(tca7518, tca7322);
  const int tca7374 = attnc_iadd(tca7310, tca7322);
  const bool tca7696 = (((((((((((tca7685 && tca7468) && (0 <= attnc_iadd(attnc_iadd(tca7376, tca7304), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7376, tca7325), 4))) && (0 <= attnc_iadd(tca7533, tca7323))) && (0 <= attnc_iadd(tca7533, tca7325))) && (0 <= attnc_iadd(attnc_iadd(tca7518, tca7323), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7518, tca7304), 2))) && (0 <= attnc_iadd(attnc_iadd(tca7518, tca7325), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7374, tca7323), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7374, tca7304), 2))) && (0 <= attnc_iadd(attnc_iadd(tca7374, tca7325), 3)));
  const int tca7378 = attnc_iadd(tca7327, tca7322);
  const bool tca7471 = (0 <= attnc_iadd(attnc_iadd(tca7378, tca7318), 1));
  const int tca7326 = attnc_idiv(tca7150, 56);
  const int tca7512 = attnc_iadd(tca7326, tca7316);
  const bool tca7584 = (0 <= attnc_iadd(attnc_iadd(tca7512, tca7323), 1));
  const bool tca7651 = (0 <= attnc_iadd(attnc_iadd(tca7512, tca7325), 1));
  const bool tca7707 = (((((((((((tca7696 && (0 <= attnc_iadd(tca7539, tca7304))) && (0 <= attnc_iadd(attnc_iadd(tca7526, tca7323), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7526, tca7304), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7526, tca7325), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7378, tca7323), 4))) && tca7471) && (0 <= attnc_iadd(attnc_iadd(tca7378, tca7304), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7378, tca7325), 4))) && tca7584) && tca7651) && (0 <= attnc_iadd(attnc_iadd(tca7340, tca7304), tca7305)));
  const int tca7574 = attnc_iadd(tca7316, tca7323);
  const int tca7319 = attnc_idiv(qhi, 56);
  const bool tca7581 = (0 <= attnc_iadd(attnc_iadd(tca7574, tca7319), 1));
  const int tca7504 = attnc_iadd(tca7316, tca7304);
  const int tca7641 = attnc_iadd(tca7316, tca7325);
  const bool tca7648 = (0 <= attnc_iadd(attnc_iadd(tca7641, tca7319), 1));
  const int tca7460 = attnc_iadd(tca7322, tca7318);
  const bool tca7463 = (0 <= attnc_iadd(attnc_iadd(tca7460, tca7305), 1));
  const int tca7312 = attnc_idiv(attnc_isub(52, qlo), 56);
  const bool tca7406 = (0 <= attnc_iadd(tca7376, tca7312));
  const bool tca7717 = ((((((((((tca7707 && (0 <= attnc_iadd(attnc_iadd(tca7574, tca7305), 4))) && tca7581) && (0 <= attnc_iadd(attnc_iadd(tca7504, tca7305), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7641, tca7305), 4))) && tca7648) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7322, tca7323), tca7305), 4))) && tca7463) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7322, tca7304), tca7305), 3))) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7322, tca7325), tca7305), 4))) && tca7406);
  const int tca7314 = attnc_idiv(attnc_isub(55, qlo), 56);
  const bool tca7435 = (0 <= attnc_iadd(tca7376, tca7314));
  const int tca7347 = attnc_iadd(tca7320, tca7323);
  const bool tca7349 = (0 <= attnc_iadd(tca7347, 1));
  const int tca7334 = attnc_iadd(tca7320, tca7304);
  const int tca7358 = attnc_iadd(tca7320, tca7325);
  const bool tca7360 = (0 <= attnc_iadd(tca7358, 1));
  const bool tca7465 = (0 <= attnc_iadd(tca7374, tca7318));
  const int tca7345 = attnc_iadd(tca7310, tca7323);
  const bool tca7730 = (((((((((((((tca7717 && tca7435) && tca7349) && (0 <= attnc_iadd(tca7347, 7))) && (0 <= attnc_iadd(attnc_iadd(tca7320, tca7318), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7320, tca7312), 3))) && (0 <= attnc_iadd(tca7334, 6))) && (0 <= attnc_iadd(attnc_iadd(tca7320, tca7314), 3))) && tca7360) && (0 <= attnc_iadd(tca7358, 7))) && tca7465) && (0 <= attnc_iadd(tca7345, 6))) && (0 <= attnc_iadd(attnc_iadd(tca7310, tca7318), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7310, tca7312), 2)));
  const int tca7332 = attnc_iadd(tca7310, tca7304);
  const int tca7356 = attnc_iadd(tca7310, tca7325);
  const bool tca7408 = (0 <= attnc_iadd(tca7378, tca7312));
  const bool tca7437 = (0 <= attnc_iadd(tca7378, tca7314));
  const int tca7350 = attnc_iadd(tca7327, tca7323);
  const bool tca7352 = (0 <= attnc_iadd(tca7350, 1));
  const int tca7336 = attnc_iadd(tca7327, tca7304);
  const int tca7361 = attnc_iadd(tca7327, tca7325);
  const bool tca7363 = (0 <= attnc_iadd(tca7361, 1));
  const bool tca7514 = (0 <= attnc_iadd(tca7512, tca7304));
  const bool tca7447 = (0 <= attnc_iadd(attnc_iadd(tca7326, tca7318), 1));
  const int tca7480 = attnc_iadd(tca7326, tca7304);
  const int tca7308 = attnc_idiv(attnc_iadd(qhi, 52), 56);
  const int tca7507 = attnc_iadd(tca7308, tca7316);
  const bool tca7578 = (0 <= attnc_iadd(tca7507, tca7323));
  const bool tca7748 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca7327, tca7312), 3)) && (0 <= attnc_iadd(tca7336, 6))) && (0 <= attnc_iadd(attnc_iadd(tca7327, tca7314), 3))) && tca7363) && (0 <= attnc_iadd(tca7361, 7))) && tca7514) && (0 <= attnc_iadd(attnc_iadd(tca7326, tca7323), 4))) && tca7447) && (0 <= attnc_iadd(tca7480, 3))) && (0 <= attnc_iadd(attnc_iadd(tca7326, tca7325), 4))) && tca7578);
  const bool tca7645 = (0 <= attnc_iadd(tca7507, tca7325));
  const bool tca7511 = (0 <= attnc_iadd(tca7504, tca7319));
  const int tca7400 = attnc_iadd(tca7322, tca7312);
  const bool tca7402 = (0 <= attnc_iadd(tca7400, tca7305));
  const int tca7429 = attnc_iadd(tca7322, tca7314);
  const bool tca7431 = (0 <= attnc_iadd(tca7429, tca7305));
  const int tca7342 = attnc_iadd(tca7323, tca7305);
  const bool tca7344 = (0 <= attnc_iadd(tca7342, 1));
  const bool tca7759 = (((((((((((tca7748 && tca7645) && (0 <= attnc_iadd(attnc_iadd(tca7308, tca7323), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7308, tca7304), 2))) && (0 <= attnc_iadd(attnc_iadd(tca7308, tca7325), 3))) && tca7511) && tca7402) && tca7431) && tca7344) && (0 <= attnc_iadd(tca7342, 7))) && (0 <= attnc_iadd(attnc_iadd(tca7323, tca7319), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7318, tca7305), 4)));
  const bool tca7444 = (0 <= attnc_iadd(attnc_iadd(tca7318, tca7319), 1));
  const int tca7330 = attnc_iadd(tca7304, tca7305);
  const bool tca7484 = (0 <= attnc_iadd(tca7330, 6));
  const bool tca7479 = (0 <= attnc_iadd(attnc_iadd(tca7304, tca7319), 3));
  const bool tca7419 = (0 <= attnc_iadd(attnc_iadd(tca7314, tca7305), 3));
  const int tca7353 = attnc_iadd(tca7325, tca7305);
  const bool tca7355 = (0 <= attnc_iadd(tca7353, 1));
  const bool tca7335 = (0 <= tca7334);
  const bool tca7346 = (0 <= tca7345);
  const bool tca7357 = (0 <= tca7356);
  const bool tca7770 = (((((((((((tca7759 && tca7444) && (0 <= attnc_iadd(attnc_iadd(tca7312, tca7305), 3))) && tca7484) && tca7479) && tca7419) && tca7355) && (0 <= attnc_iadd(tca7353, 7))) && (0 <= attnc_iadd(attnc_iadd(tca7325, tca7319), 4))) && tca7335) && tca7346) && tca7357);
  const bool tca7337 = (0 <= tca7336);
  const bool tca7387 = (0 <= attnc_iadd(tca7326, tca7312));
  const int tca7415 = attnc_iadd(tca7326, tca7314);
  const bool tca7416 = (0 <= tca7415);
  const bool tca7441 = (0 <= attnc_iadd(tca7308, tca7318));
  const bool tca7329 = (0 <= attnc_iadd(tca7316, 3));
  const bool tca7341 = (0 <= tca7340);
  const int tca7265 = attnc_idiv(attnc_kv_len(p, b), 56);
  const bool tca7543 = (0 <= attnc_iadd(tca7323, tca7265));
  const bool tca7385 = (0 <= attnc_iadd(tca7312, tca7319));
  const bool tca7331 = (0 <= tca7330);
  const bool tca7414 = (0 <= attnc_iadd(tca7314, tca7319));
  const bool tca7610 = (0 <= attnc_iadd(tca7325, tca7265));
  const bool tca7783 = (((((((((((((tca7770 && tca7337) && tca7387) && tca7416) && tca7441) && tca7329) && tca7341) && (0 <= attnc_iadd(tca7322, 3))) && tca7543) && tca7385) && tca7331) && tca7414) && tca7610) && (0 < attnc_iadd(tca7533, tca7304)));
  const bool tca7404 = (0 < attnc_iadd(tca7374, tca7312));
  const bool tca7433 = (0 < attnc_iadd(tca7374, tca7314));
  const bool tca7509 = (0 < attnc_iadd(tca7507, tca7304));
  const bool tca7333 = (0 < tca7332);
  const bool tca7383 = (0 < attnc_iadd(tca7308, tca7312));
  const bool tca7412 = (0 < attnc_iadd(tca7308, tca7314));
  const bool tca7473 = (0 < attnc_iadd(tca7304, tca7265));
  const bool tca7368 = (0 < tca7305);
  const bool tca7796 = (((((((((((((tca7783 && tca7404) && tca7433) && tca7509) && tca7333) && tca7383) && tca7412) && tca7473) && (0 < tca7320)) && (0 < tca7327)) && tca7368) && (1 < tca7310)) && (2 < attnc_iadd(tca7574, tca7265))) && (2 < attnc_iadd(tca7641, tca7265)));
  const bool tca7377 = (3 < tca7376);
  const bool tca7379 = (3 < tca7378);
  const int tca7372 = attnc_iadd(tca7322, tca7305);
  const bool tca7373 = (3 < tca7372);
  const bool tca7410 = (3 < attnc_iadd(tca7314, tca7265));
  const bool tca7367 = (3 < tca7326);
  const bool tca7366 = (3 < tca7319);
  const bool tca7375 = (4 < tca7374);
  const bool tca7365 = (4 < tca7308);
  const bool tca7364 = (7 < tca7265);
  const int tca7835 = attnc_idiv(attnc_iadd(kvhi, 7), 56);
  const int tca7836 = attnc_iadd(tca7835, tca7304);
  const bool tca7837 = (0 < tca7836);
  const bool tca7861 = (0 < tca7415);
  const bool tca7878 = (((((((((((0 <= attnc_iadd(tca7836, 5)) && (0 <= attnc_iadd(attnc_iadd(tca7835, tca7314), 2))) && (0 <= attnc_iadd(tca7480, 2))) && tca7484) && tca7479) && tca7419) && tca7331) && tca7414) && tca7837) && tca7861) && tca7473);
  const bool tca7859 = (4 < tca7326);
  const bool tca8477 = (((((((((((tca7730 && (0 <= attnc_iadd(tca7332, 5))) && (0 <= attnc_iadd(attnc_iadd(tca7310, tca7314), 2))) && (0 <= attnc_iadd(tca7356, 6))) && tca7408) && tca7437) && tca7352) && (0 <= attnc_iadd(tca7350, 7))) && (0 <= attnc_iadd(attnc_iadd(tca7327, tca7318), 4))) && (((((tca7796 && (2 < attnc_iadd(tca7318, tca7265))) && (3 < attnc_iadd(tca7504, tca7265))) && tca7377) && tca7379) && tca7373)) && (((((((3 < attnc_iadd(tca7312, tca7265)) && tca7410) && tca7367) && tca7366) && tca7375) && tca7365) && tca7364)) || ((((((tca7878 && tca7368) && (1 < tca7835)) && tca7410) && tca7366) && tca7859) && tca7364));
  const int tca7828 = attnc_idiv(attnc_isub(3, qlo), 56);
  const int tca7822 = attnc_idiv(attnc_isub(6, kvlo), 56);
  const int tca7823 = attnc_iadd(tca7822, tca7305);
  const bool tca7890 = (0 <= attnc_iadd(tca7828, tca7319));
  const bool tca7824 = (0 <= tca7823);
  const bool tca7910 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca7828, tca7305), 3)) && tca7484) && tca7479) && tca7419) && (0 <= attnc_iadd(tca7823, 6))) && (0 <= attnc_iadd(attnc_iadd(tca7822, tca7319), 3))) && tca7890) && tca7331) && tca7414) && tca7824) && tca7473);
  const bool tca7895 = (0 < attnc_iadd(tca7822, tca7265));
  const int tca8094 = attnc_iadd(tca7512, tca7322);
  const int tca8118 = attnc_iadd(tca7340, tca7318);
  const int tca8090 = attnc_iadd(tca7507, tca7322);
  const bool tca8132 = (((((((((0 <= attnc_iadd(attnc_iadd(tca8094, tca7318), 1)) && (0 <= attnc_iadd(attnc_iadd(tca8118, tca7319), 1))) && tca7468) && tca7471) && (0 <= attnc_iadd(tca8094, tca7312))) && (0 <= attnc_iadd(tca8094, tca7314))) && tca7584) && tca7651) && (0 <= attnc_iadd(tca8090, tca7318)));
  const int tca8104 = attnc_iadd(tca7340, tca7312);
  const bool tca8106 = (0 <= attnc_iadd(tca8104, tca7319));
  const int tca8111 = attnc_iadd(tca7340, tca7314);
  const bool tca8113 = (0 <= attnc_iadd(tca8111, tca7319));
  const bool tca8145 = (((((((((((((tca8132 && tca8106) && tca8113) && tca7581) && tca7648) && tca7463) && tca7406) && tca7435) && tca7349) && tca7360) && tca7465) && tca7408) && tca7437) && tca7352);
  const bool tca7955 = (0 <= attnc_iadd(tca7460, tca7265));
  const bool tca8158 = (((((((((((((tca8145 && tca7363) && tca7514) && tca7447) && tca7578) && tca7645) && tca7511) && tca7955) && tca7402) && tca7431) && tca7344) && tca7444) && tca7355) && tca7335);
  const bool tca8171 = (((((((((((((tca8158 && tca7346) && tca7357) && tca7337) && tca7387) && tca7416) && tca7441) && tca7341) && (0 <= attnc_iadd(tca7322, 2))) && tca7543) && tca7385) && tca7331) && tca7414) && tca7610);
  const int tca8092 = attnc_iadd(tca7340, tca7319);
  const bool tca8066 = (tca7265 <= attnc_iadd(tca7512, 7));
  const bool tca8061 = (tca7265 <= attnc_iadd(tca7507, 6));
  const int tca8062 = attnc_iadd(tca7316, tca7319);
  const bool tca8064 = (tca7265 <= attnc_iadd(tca8062, 7));
  const bool tca8043 = (tca7265 <= attnc_iadd(tca7320, 7));
  const bool tca8182 = (((((((((((tca8171 && (tca7265 <= attnc_iadd(tca8094, 3))) && (tca7265 <= attnc_iadd(tca8090, 2))) && (tca7265 <= attnc_iadd(tca8092, 3))) && (tca7265 <= attnc_iadd(tca7376, 3))) && (tca7265 <= attnc_iadd(tca7374, 2))) && (tca7265 <= attnc_iadd(tca7378, 3))) && tca8066) && tca8061) && tca8064) && (tca7265 <= attnc_iadd(tca7372, 3))) && tca8043);
  const bool tca8041 = (tca7265 <= attnc_iadd(tca7310, 6));
  const bool tca8045 = (tca7265 <= attnc_iadd(tca7327, 7));
  const bool tca8039 = (tca7265 <= attnc_iadd(tca7305, 7));
  const bool tca7923 = (tca7265 <= attnc_iadd(tca7319, 3));
  const bool tca8103 = (0 < attnc_iadd(tca8090, tca7312));
  const bool tca8110 = (0 < attnc_iadd(tca8090, tca7314));
  const bool tca7947 = (0 < attnc_iadd(tca7400, tca7265));
  const bool tca7951 = (0 < attnc_iadd(tca7429, tca7265));
  const bool tca8200 = (((((((((((((tca7923 && tca8103) && tca8110) && tca7404) && tca7433) && tca7509) && tca7947) && tca7951) && tca7333) && tca7383) && tca7412) && tca7473) && (3 < tca8094)) && (3 < tca8092));
  const bool tca8087 = (tca7265 <= attnc_iadd(tca7835, 6));
  const bool tca8481 = ((((tca8477 || ((((((tca7910 && tca7895) && tca7368) && (3 < attnc_iadd(tca7828, tca7265))) && tca7410) && tca7366) && tca7364)) || ((((((tca8182 && tca8041) && tca8045) && (tca7265 <= attnc_iadd(tca7326, 3))) && (tca7265 <= attnc_iadd(tca7308, 2))) && tca8039) && (((((((((tca8200 && tca7377) && tca7379) && tca7373) && tca7367) && tca7366) && (4 < tca8090)) && tca7375) && (4 < attnc_iadd(tca7322, tca7265))) && tca7365))) || ((((((((((tca7331 && tca7414) && tca8087) && (tca7265 <= attnc_iadd(tca7326, 2))) && tca8039) && tca7923) && tca7837) && tca7861) && tca7473) && tca7366) && tca7859)) || ((((((((tca7890 && tca7331) && tca7414) && tca7824) && tca8039) && tca7923) && tca7473) && tca7895) && tca7366));
  const bool tca8264 = (((((((((((tca8132 && (0 <= attnc_iadd(tca8118, 4))) && (0 <= attnc_iadd(tca8104, 3))) && tca8106) && (0 <= attnc_iadd(tca8111, 3))) && tca8113) && tca7581) && tca7648) && tca7463) && tca7406) && tca7435) && tca7349);
  const bool tca8277 = (((((((((((((tca8264 && tca7360) && tca7465) && tca7408) && tca7437) && tca7352) && tca7363) && tca7514) && tca7447) && tca7578) && tca7645) && (0 <= attnc_iadd(tca7574, 4))) && (0 <= attnc_iadd(tca7504, 3))) && tca7511);
  const bool tca8278 = (tca8277 && (0 <= attnc_iadd(tca7641, 4)));
  const bool tca8289 = (((((((((((tca8278 && (0 <= attnc_iadd(tca7460, 7))) && (0 <= attnc_iadd(tca7400, 6))) && tca7402) && (0 <= attnc_iadd(tca7429, 6))) && tca7431) && tca7344) && tca7444) && tca7355) && tca7335) && tca7346) && tca7357);
  const bool tca8290 = (tca8289 && tca7337);
  const bool tca8241 = (0 <= tca7512);
  const bool tca8240 = (0 <= tca8062);
  const bool tca7987 = (0 <= attnc_iadd(tca7323, 7));
  const bool tca8003 = (0 <= attnc_iadd(tca7318, 4));
  const bool tca7991 = (0 <= attnc_iadd(tca7312, 3));
  const bool tca7985 = (0 <= attnc_iadd(tca7304, 6));
  const bool tca8303 = (((((((((((((tca8290 && tca8241) && tca7387) && tca7416) && tca7441) && tca7329) && tca7341) && tca8240) && tca7987) && tca8003) && tca7991) && tca7385) && tca7985) && tca7331);
  const bool tca7997 = (0 <= attnc_iadd(tca7314, 3));
  const bool tca7989 = (0 <= attnc_iadd(tca7325, 7));
  const bool tca7300 = (0 <= attnc_isub(tca7265, 7));
  const bool tca8239 = (0 < tca7507);
  const bool tca8231 = (0 < tca7310);
  const bool tca8321 = ((((tca7985 && tca7331) && tca7997) && tca7414) && tca7300);
  const bool tca8247 = (0 < tca7835);
  const bool tca8325 = ((0 <= attnc_iadd(tca7828, 3)) && tca7890);
  const bool tca8332 = (((((((tca8325 && tca7985) && tca7331) && tca7997) && tca7414) && (0 <= attnc_iadd(tca7822, 6))) && tca7824) && tca7300);
  const bool tca8342 = ((((((((((tca8278 && tca7955) && tca7402) && tca7431) && tca7344) && tca7444) && tca7355) && tca7335) && tca7346) && tca7357) && tca7337);
  const bool tca8355 = (((((((((((((tca8342 && tca8241) && tca7387) && tca7416) && tca7441) && tca7329) && tca7341) && tca8240) && tca7543) && tca8003) && tca7991) && tca7385) && tca7331) && tca7997);
  const bool tca8232 = (0 < tca7265);
  const bool tca7301 = (!tca7300);
  const bool tca8375 = ((tca7331 && tca7997) && tca7414);
  const bool tca8485 = ((((((((((tca8303 && tca7997) && tca7414) && tca7989) && tca7300) && tca8103) && ((((((((tca8110 && tca7404) && tca7433) && tca7509) && tca7333) && tca8239) && tca7383) && tca7412) && tca8231)) || (((tca8321 && tca7837) && tca7861) && tca8247)) || tca8332) || ((((((((tca8355 && tca7414) && tca7610) && tca7300) && tca8103) && tca8110) && tca7404) && tca7433) && ((((((((((tca7509 && tca7947) && tca7951) && tca7333) && tca8239) && tca7383) && tca7412) && tca7473) && tca8231) && tca8232) && tca7301))) || (((((((tca8375 && tca7300) && tca7837) && tca7861) && tca7473) && tca8247) && tca8232) && tca7301));
  const bool tca8386 = ((((tca8325 && tca7331) && tca7997) && tca7414) && tca7824);
  const bool tca8406 = (((((((((((((tca8290 && tca7387) && tca7416) && tca7441) && tca7341) && tca7987) && tca8003) && tca7991) && tca7385) && tca7985) && tca7331) && tca7997) && tca7414) && tca7989);
  const bool tca8393 = (tca7265 <= attnc_iadd(tca7316, 10));
  const bool tca8230 = (tca7265 <= 13);
  const bool tca8424 = (((((((((((((tca8041 && tca8045) && tca8393) && tca8039) && tca8230) && tca8103) && tca8110) && tca7404) && tca7433) && tca7509) && tca7333) && tca7383) && tca7412) && tca7301);
  const bool tca8447 = (((((((((((((tca8342 && tca7387) && tca7416) && tca7441) && tca7341) && tca7543) && tca8003) && tca7991) && tca7385) && tca7331) && tca7997) && tca7414) && tca7610) && tca8066);
  const bool tca8489 = ((((((((tca8321 && tca8087) && tca8039) && tca8230) && tca7837) && tca7861) && tca7301) || (((tca8332 && tca8039) && tca8230) && tca7301)) || ((((((((tca8447 && tca8061) && tca8064) && tca8043) && tca8041) && tca8045) && tca8393) && tca8039) && (((((((((((tca8103 && tca8110) && tca7404) && tca7433) && tca7509) && tca7947) && tca7951) && tca7333) && tca7383) && tca7412) && tca7473) && tca7301)));
  return ((tca8481 || ((tca8485 || (((((tca8386 && tca7300) && tca7473) && tca7895) && tca8232) && tca7301)) || ((((((tca8406 && tca7300) && tca8066) && tca8061) && tca8064) && tca8043) && tca8424))) || ((tca8489 || ((((((tca8375 && tca8087) && tca8039) && tca7837) && tca7861) && tca7473) && tca7301)) || ((((tca8386 && tca8039) && tca7473) && tca7895) && tca7301)));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf7304 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tcf7305 = attnc_idiv(kvhi, 56);
  const bool tcf7331 = (0 <= attnc_iadd(tcf7304, tcf7305));
  const int tcf7314 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tcf7319 = attnc_idiv(qhi, 56);
  const bool tcf7414 = (0 <= attnc_iadd(tcf7314, tcf7319));
  const bool tcf8211 = (tcf7331 && tcf7414);
  const int tcf7265 = attnc_idiv(attnc_kv_len(p, b), 56);
  const bool tcf7410 = (3 < attnc_iadd(tcf7314, tcf7265));
  const bool tcf7366 = (3 < tcf7319);
  const bool tcf8494 = (7 < attnc_iadd(tcf7304, tcf7265));
  const bool tcf7364 = (7 < tcf7265);
  const bool tcf8501 = (tcf8211 && (tcf7265 <= attnc_iadd(tcf7319, 3)));
  const bool tcf8375 = ((tcf7331 && (0 <= attnc_iadd(tcf7314, 3))) && tcf7414);
  const bool tcf7300 = (0 <= attnc_isub(tcf7265, 7));
  const bool tcf7301 = (!tcf7300);
  const bool tcf8513 = (tcf7265 <= tcf7305);
  const bool tcf8581 = (((((((((((tcf8211 && (3 < attnc_iadd(tcf7304, tcf7319))) && tcf7410) && tcf7366) && tcf8494) && tcf7364) || ((tcf8501 && tcf7366) && tcf8494)) || ((tcf8375 && tcf8494) && tcf7301)) || (((((tcf8211 && tcf7410) && (3 < attnc_iadd(tcf7314, tcf7305))) && tcf7366) && tcf7364) && (7 < tcf7305))) || ((tcf8501 && tcf8513) && tcf7366)) || ((tcf8375 && tcf7300) && (6 < tcf7305))) || ((tcf8375 && tcf8513) && tcf7301));
  const int tcf7312 = attnc_idiv(attnc_isub(52, qlo), 56);
  const bool tcf7385 = (0 <= attnc_iadd(tcf7312, tcf7319));
  const int tcf7849 = attnc_imul(56, tcf7305);
  const int tcf7308 = attnc_idiv(attnc_iadd(qhi, 52), 56);
  const bool tcf7383 = (0 < attnc_iadd(tcf7308, tcf7312));
  const bool tcf7412 = (0 < attnc_iadd(tcf7308, tcf7314));
  const int tcf8524 = attnc_idiv(attnc_isub(attnc_iadd(attnc_iadd(tcf7849, qhi), 52), kvlo), 56);
  const int tcf8548 = attnc_idiv(attnc_isub(51, qlo), 56);
  const int tcf7811 = attnc_iadd(attnc_imul(56, tcf7304), kvhi);
  const int tcf8551 = attnc_idiv(attnc_isub(attnc_iadd(tcf7811, 52), qlo), 56);
  const bool tcf8584 = (((tcf8581 || ((((((((tcf7385 && tcf7331) && tcf7414) && (kvlo <= attnc_iadd(tcf7849, 48))) && (kvlo <= attnc_iadd(tcf7849, 51))) && tcf7383) && tcf7412) && (0 < attnc_iadd(tcf8524, tcf7312))) && (0 < attnc_iadd(tcf8524, tcf7314)))) || ((((0 <= attnc_iadd(attnc_idiv(attnc_isub(48, kvlo), 56), tcf7305)) && tcf7331) && tcf7414) && (0 < attnc_iadd(attnc_idiv(attnc_iadd(qhi, 3), 56), tcf7314)))) || (((((((((((0 <= attnc_iadd(tcf8548, tcf7319)) && tcf7385) && tcf7331) && tcf7414) && (0 < attnc_iadd(tcf7308, tcf8548))) && tcf7383) && tcf7412) && (0 < attnc_iadd(tcf8551, tcf7319))) && (1 < attnc_iadd(tcf7308, tcf8551))) && (3 < tcf7811)) && (7 < tcf7811)));
  return (!(tcf8584 || ((((0 <= attnc_iadd(attnc_idiv(attnc_isub(3, qlo), 56), tcf7319)) && tcf7331) && tcf7414) && (0 < attnc_iadd(attnc_idiv(attnc_iadd(kvhi, 49), 56), tcf7304)))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl7265 = attnc_idiv(attnc_kv_len(p, b), 56);
    const bool tkl7364 = (7 < tkl7265);
    const int tkl7308 = attnc_idiv(attnc_iadd(qhi, 52), 56);
    const bool tkl7365 = (4 < tkl7308);
    const int tkl7319 = attnc_idiv(qhi, 56);
    const bool tkl7366 = (3 < tkl7319);
    const int tkl7312 = attnc_idiv(attnc_isub(52, qlo), 56);
    const bool tkl7383 = (0 < attnc_iadd(tkl7308, tkl7312));
    const bool tkl7385 = (0 <= attnc_iadd(tkl7312, tkl7319));
    const int tkl7314 = attnc_idiv(attnc_isub(55, qlo), 56);
    const int tkl7409 = attnc_iadd(tkl7314, tkl7265);
    const bool tkl7410 = (3 < tkl7409);
    const bool tkl7412 = (0 < attnc_iadd(tkl7308, tkl7314));
    const int tkl7413 = attnc_iadd(tkl7314, tkl7319);
    const bool tkl7414 = (0 <= tkl7413);
    const int tkl7968 = attnc_imul(56, tkl7265);
    const int tkl8587 = attnc_isub(tkl7968, 1);
    const bool tkl8588 = (0 <= tkl8587);
    const int tkl8589 = attnc_isub(qlo, 171);
    const int tkl24 = attnc_isub(attnc_kv_len(p, b), 1);
    const bool tkl8590 = (tkl8589 <= tkl24);
    const bool tkl8591 = (tkl8589 <= tkl8587);
    const int tkl8592 = attnc_imul(56, tkl7308);
    const int tkl8594 = attnc_iadd(tkl8592, 167);
    const int tkl8596 = attnc_imul(56, tkl7319);
    const int tkl8598 = attnc_iadd(tkl8596, 223);
    const bool tkl8770 = (((((((((((((tkl7364 && tkl7365) && tkl7366) && (3 < attnc_iadd(tkl7312, tkl7265))) && tkl7383) && tkl7385) && tkl7410) && tkl7412) && tkl7414) && tkl8588) && tkl8590) && tkl8591) && (tkl8589 <= tkl8594)) && (tkl8589 <= tkl8598));
    const int tkl7974 = attnc_iadd(tkl7968, 2);
    const bool tkl8600 = (tkl8589 <= tkl7974);
    const int tkl8602 = attnc_iadd(tkl8592, 170);
    const int tkl8605 = attnc_iadd(tkl8596, 226);
    const bool tkl8607 = (55 < tkl24);
    const bool tkl8608 = (55 < tkl8587);
    const int tkl8616 = attnc_imul(56, tkl7312);
    const int tkl8619 = attnc_isub(0, attnc_iadd(tkl8616, 168));
    const int tkl7839 = attnc_iadd(qhi, 171);
    const int tkl8625 = attnc_iadd(qhi, 226);
    const int tkl8628 = attnc_iadd(qhi, 225);
    const int tkl8631 = attnc_iadd(qhi, 229);
    const int tkl8637 = attnc_iadd(qhi, 228);
    const bool tkl8793 = (((((((((((((52 < tkl7974) && (tkl8619 <= tkl24)) && (tkl8619 <= tkl7839)) && (tkl8619 <= tkl8587)) && (tkl8619 <= tkl8594)) && (tkl8619 <= tkl8598)) && (tkl8619 <= tkl8625)) && (tkl8619 <= tkl8628)) && (tkl8619 <= tkl8631)) && (tkl8619 <= tkl7974)) && (tkl8619 <= tkl8602)) && (tkl8619 <= tkl8605)) && (tkl8619 <= tkl8637));
    const int tkl8640 = attnc_iadd(qhi, 232);
    const int tkl8643 = attnc_isub(0, attnc_iadd(tkl8616, 167));
    const bool tkl8805 = ((((((((((((tkl8793 && (tkl8619 <= tkl8640)) && (tkl8643 <= tkl24)) && (tkl8643 <= tkl7839)) && (tkl8643 <= tkl8587)) && (tkl8643 <= tkl8594)) && (tkl8643 <= tkl8598)) && (tkl8643 <= tkl8625)) && (tkl8643 <= tkl8628)) && (tkl8643 <= tkl8631)) && (tkl8643 <= tkl7974)) && (tkl8643 <= tkl8602)) && (tkl8643 <= tkl8605));
    const int tkl8658 = attnc_isub(0, attnc_iadd(tkl8616, 171));
    const bool tkl8817 = ((((((((((((tkl8805 && (tkl8643 <= tkl8637)) && (tkl8643 <= tkl8640)) && (tkl8658 <= tkl24)) && (tkl8658 <= tkl7839)) && (tkl8658 <= tkl8587)) && (tkl8658 <= tkl8594)) && (tkl8658 <= tkl8598)) && (tkl8658 <= tkl8625)) && (tkl8658 <= tkl8628)) && (tkl8658 <= tkl8631)) && (tkl8658 <= tkl7974)) && (tkl8658 <= tkl8602));
    const int tkl8672 = attnc_imul(56, tkl7314);
    const int tkl8674 = attnc_isub(0, attnc_iadd(tkl8672, 168));
    const bool tkl8675 = (tkl8674 <= tkl24);
    const bool tkl8677 = (tkl8674 <= tkl8587);
    const bool tkl8679 = (tkl8674 <= tkl8598);
    const bool tkl8829 = ((((((((((((tkl8817 && (tkl8658 <= tkl8605)) && (tkl8658 <= tkl8637)) && (tkl8658 <= tkl8640)) && tkl8675) && (tkl8674 <= tkl7839)) && tkl8677) && (tkl8674 <= tkl8594)) && tkl8679) && (tkl8674 <= tkl8625)) && (tkl8674 <= tkl8628)) && (tkl8674 <= tkl8631)) && (tkl8674 <= tkl7974));
    const int tkl8689 = attnc_isub(0, attnc_iadd(tkl8672, 167));
    const int tkl8704 = attnc_isub(0, attnc_iadd(tkl8672, 171));
    const bool tkl8847 = (((((((((((((tkl8689 <= tkl8587) && (tkl8689 <= tkl8594)) && (tkl8689 <= tkl8598)) && (tkl8689 <= tkl8625)) && (tkl8689 <= tkl8628)) && (tkl8689 <= tkl8631)) && (tkl8689 <= tkl7974)) && (tkl8689 <= tkl8602)) && (tkl8689 <= tkl8605)) && (tkl8689 <= tkl8637)) && (tkl8689 <= tkl8640)) && (tkl8704 <= tkl24)) && (tkl8704 <= tkl7839));
    const int tkl8718 = attnc_isub(qlo, 226);
    const bool tkl8859 = ((((((((((((tkl8847 && (tkl8704 <= tkl8587)) && (tkl8704 <= tkl8594)) && (tkl8704 <= tkl8598)) && (tkl8704 <= tkl8625)) && (tkl8704 <= tkl8628)) && (tkl8704 <= tkl8631)) && (tkl8704 <= tkl7974)) && (tkl8704 <= tkl8602)) && (tkl8704 <= tkl8605)) && (tkl8704 <= tkl8637)) && (tkl8704 <= tkl8640)) && (tkl8718 <= tkl24));
    const int tkl8726 = attnc_isub(qlo, 225);
    const bool tkl8871 = ((((((((((((tkl8859 && (tkl8718 <= tkl8587)) && (tkl8718 <= tkl8594)) && (tkl8718 <= tkl8598)) && (tkl8718 <= tkl7974)) && (tkl8718 <= tkl8602)) && (tkl8718 <= tkl8605)) && (tkl8726 <= tkl24)) && (tkl8726 <= tkl8587)) && (tkl8726 <= tkl8594)) && (tkl8726 <= tkl8598)) && (tkl8726 <= tkl7974)) && (tkl8726 <= tkl8602));
    const int tkl8734 = attnc_isub(qlo, 229);
    const int tkl8742 = attnc_isub(qlo, 228);
    const int tkl8750 = attnc_isub(qlo, 232);
    const bool tkl8892 = (((((((((((((tkl8742 <= tkl8587) && (tkl8742 <= tkl8594)) && (tkl8742 <= tkl8598)) && (tkl8742 <= tkl7974)) && (tkl8742 <= tkl8602)) && (tkl8742 <= tkl8605)) && (tkl8750 <= tkl24)) && (tkl8750 <= tkl8587)) && (tkl8750 <= tkl8594)) && (tkl8750 <= tkl8598)) && (tkl8750 <= tkl7974)) && (tkl8750 <= tkl8602)) && (tkl8750 <= tkl8605));
    const bool tkl8895 = (((((((((((((tkl8770 && tkl8600) && (tkl8589 <= tkl8602)) && (tkl8589 <= tkl8605)) && tkl8607) && tkl8608) && (55 < tkl7974)) && (56 < tkl24)) && (56 < tkl8587)) && (56 < tkl7974)) && (52 < tkl24)) && (52 < tkl8587)) && ((((((tkl8829 && (tkl8674 <= tkl8602)) && (tkl8674 <= tkl8605)) && (tkl8674 <= tkl8637)) && (tkl8674 <= tkl8640)) && (tkl8689 <= tkl24)) && (tkl8689 <= tkl7839))) && ((((((((((tkl8871 && (tkl8726 <= tkl8605)) && (tkl8734 <= tkl24)) && (tkl8734 <= tkl8587)) && (tkl8734 <= tkl8594)) && (tkl8734 <= tkl8598)) && (tkl8734 <= tkl7974)) && (tkl8734 <= tkl8602)) && (tkl8734 <= tkl8605)) && (tkl8742 <= tkl24)) && tkl8892));
    const int tkl8910 = max(max(max(max(max(max(max(max(max(max(max(max(max(0, tkl8589), 56), 57), 53), tkl8619), tkl8643), tkl8658), tkl8674), tkl8689), tkl8704), tkl8718), tkl8726), tkl8734);
    const int tkl7326 = attnc_idiv(attnc_iadd(qhi, 3), 56);
    const bool tkl7859 = (4 < tkl7326);
    const int tkl7415 = attnc_iadd(tkl7326, tkl7314);
    const bool tkl7861 = (0 < tkl7415);
    const bool tkl7917 = (1 < tkl7265);
    const bool tkl7949 = (0 <= attnc_iadd(tkl7409, 2));
    const bool tkl8928 = (0 <= attnc_iadd(tkl7413, 6));
    const bool tkl8954 = (((((((((((((tkl7364 && tkl7859) && tkl7366) && tkl7410) && tkl7861) && tkl7414) && tkl7917) && tkl7949) && (0 <= attnc_iadd(tkl7415, 5))) && tkl8928) && tkl8588) && (104 < tkl24)) && (104 < tkl8587)) && tkl8607);
    const int tkl8934 = attnc_isub(0, attnc_iadd(tkl8672, 119));
    const int tkl8938 = attnc_iadd(attnc_imul(56, tkl7326), 167);
    const int tkl7828 = attnc_idiv(attnc_isub(3, qlo), 56);
    const int tkl7887 = attnc_iadd(tkl7828, tkl7265);
    const int tkl7889 = attnc_iadd(tkl7828, tkl7319);
    const bool tkl7890 = (0 <= tkl7889);
    const int tkl8973 = attnc_isub(tkl7968, 50);
    const bool tkl8974 = (0 <= tkl8973);
    const bool tkl9000 = (((((((((((((tkl7364 && tkl7366) && (3 < tkl7887)) && tkl7890) && tkl7410) && tkl7414) && tkl7917) && (0 <= attnc_iadd(tkl7887, 2))) && (0 <= attnc_iadd(tkl7889, 6))) && tkl7949) && tkl8928) && tkl8974) && tkl8588) && tkl8607);
    const int tkl8978 = attnc_isub(0, attnc_iadd(attnc_imul(56, tkl7828), 168));
    const int tkl8982 = attnc_iadd(tkl8596, 174);
    const bool tkl9012 = ((((((((((((tkl9000 && (55 < tkl8973)) && tkl8608) && (tkl8978 <= tkl24)) && (tkl8978 <= tkl8973)) && (tkl8978 <= tkl8982)) && (tkl8978 <= tkl8587)) && (tkl8978 <= tkl8598)) && tkl8675) && (tkl8674 <= tkl8973)) && (tkl8674 <= tkl8982)) && tkl8677) && tkl8679);
    const bool tkl7923 = (tkl7265 <= attnc_iadd(tkl7319, 3));
    const int tkl9020 = attnc_isub(attnc_iadd(tkl7968, qhi), 277);
    const int tkl9024 = attnc_isub(attnc_iadd(attnc_iadd(tkl8616, tkl7968), qhi), 53);
    const bool tkl9025 = (0 <= tkl9024);
    const int tkl9028 = attnc_isub(attnc_iadd(attnc_iadd(tkl8672, tkl7968), qhi), 53);
    const bool tkl9029 = (0 <= tkl9028);
    const int tkl9031 = attnc_isub(tkl7968, 392);
    const bool tkl9032 = (tkl9031 <= tkl24);
    const bool tkl9078 = ((((((((((((tkl7365 && tkl7366) && (tkl7265 <= attnc_iadd(tkl7308, 2))) && tkl7923) && tkl7383) && tkl7385) && tkl7412) && tkl7414) && tkl8588) && (0 <= tkl9020)) && tkl9025) && tkl9029) && tkl9032);
    const int tkl9034 = attnc_iadd(qhi, 115);
    const bool tkl9036 = (tkl9031 <= tkl9024);
    const bool tkl9037 = (tkl9031 <= tkl9028);
    const int tkl9038 = attnc_isub(tkl7968, 391);
    const bool tkl9039 = (tkl9038 <= tkl24);
    const bool tkl9041 = (tkl9038 <= tkl9024);
    const bool tkl9042 = (tkl9038 <= tkl9028);
    const int tkl9043 = attnc_isub(tkl7968, 395);
    const bool tkl9044 = (tkl9043 <= tkl24);
    const bool tkl9046 = (tkl9043 <= tkl9024);
    const bool tkl9047 = (tkl9043 <= tkl9028);
    const int tkl8080 = attnc_iadd(tkl7968, qlo);
    const int tkl9050 = attnc_isub(tkl8080, attnc_iadd(tkl8592, 339));
    const bool tkl9051 = (tkl9050 <= tkl24);
    const bool tkl9090 = ((((((((((((tkl9078 && (tkl9031 <= tkl9034)) && tkl9036) && tkl9037) && tkl9039) && (tkl9038 <= tkl9034)) && tkl9041) && tkl9042) && tkl9044) && (tkl9043 <= tkl9034)) && tkl9046) && tkl9047) && tkl9051);
    const bool tkl9052 = (tkl9050 <= tkl8587);
    const bool tkl9053 = (tkl9050 <= tkl7974);
    const bool tkl9056 = (tkl9050 <= tkl9024);
    const bool tkl9057 = (tkl9050 <= tkl9028);
    const int tkl9059 = attnc_isub(tkl8080, attnc_iadd(tkl8596, 395));
    const bool tkl9060 = (tkl9059 <= tkl24);
    const bool tkl9061 = (tkl9059 <= tkl8587);
    const bool tkl9062 = (tkl9059 <= tkl7974);
    const bool tkl9065 = (tkl9059 <= tkl9024);
    const bool tkl9066 = (tkl9059 <= tkl9028);
    const bool tkl9103 = (((((((((((((tkl9090 && tkl9052) && tkl9053) && (tkl9050 <= tkl9020)) && (tkl9050 <= tkl9034)) && tkl9056) && tkl9057) && tkl9060) && tkl9061) && tkl9062) && (tkl9059 <= tkl9020)) && (tkl9059 <= tkl9034)) && tkl9065) && tkl9066);
    const int tkl9104 = max(0, tkl9031);
    const int tkl9106 = max(max(tkl9104, tkl9038), tkl9043);
    const int tkl9451 = min(min(min((tkl8895 ? max(max(tkl8910, tkl8742), tkl8750) : attnc_kv_len(p, b)), ((((((((((tkl8954 && tkl8608) && (tkl8934 <= tkl24)) && (tkl8934 <= tkl8587)) && (tkl8934 <= tkl8938)) && (tkl8934 <= tkl8598)) && tkl8675) && tkl8677) && (tkl8674 <= tkl8938)) && tkl8679) ? max(max(105, tkl8934), tkl8674) : attnc_kv_len(p, b))), (tkl9012 ? max(max(56, tkl8978), tkl8674) : attnc_kv_len(p, b))), (tkl9103 ? max(max(tkl9106, tkl9050), tkl9059) : attnc_kv_len(p, b)));
    const int tkl9115 = attnc_isub(tkl7968, 343);
    const bool tkl9116 = (tkl9115 <= tkl24);
    const int tkl9126 = max(max(0, tkl9115), tkl9031);
    const bool tkl7300 = (0 <= attnc_isub(tkl7265, 7));
    const bool tkl7991 = (0 <= attnc_iadd(tkl7312, 3));
    const bool tkl7997 = (0 <= attnc_iadd(tkl7314, 3));
    const int tkl9135 = attnc_iadd(attnc_iadd(tkl8616, qhi), 339);
    const bool tkl9136 = (0 <= tkl9135);
    const int tkl9138 = attnc_iadd(attnc_iadd(tkl8672, qhi), 339);
    const bool tkl9139 = (0 <= tkl9138);
    const bool tkl7221 = (0 < tkl24);
    const bool tkl9175 = (((((((((((((tkl7300 && tkl7991) && tkl7383) && tkl7385) && tkl7997) && tkl7412) && tkl7414) && tkl9136) && tkl9139) && tkl7221) && (0 < tkl9135)) && (0 < tkl9138)) && ((-3) <= tkl9135)) && ((-3) <= tkl9138));
    const int tkl9150 = attnc_isub(attnc_iadd(qlo, 52), tkl8592);
    const bool tkl9151 = (tkl9150 < tkl24);
    const int tkl9157 = attnc_isub(qlo, attnc_iadd(tkl8596, 3));
    const bool tkl9158 = (tkl9157 <= tkl24);
    const bool tkl9188 = (((((((((((((tkl9175 && tkl8590) && (tkl8589 <= 391)) && (tkl8589 <= 394)) && (tkl8589 <= tkl9135)) && (tkl8589 <= tkl9138)) && tkl9151) && (tkl9150 < 391)) && (tkl9150 < 394)) && (tkl9150 < tkl9135)) && (tkl9150 < tkl9138)) && tkl9158) && (tkl9157 <= 391)) && (tkl9157 <= 394));
    const int tkl9195 = max(max(max(1, tkl8589), attnc_isub(attnc_iadd(qlo, 53), tkl8592)), tkl9157);
    const int tkl9454 = min(min(min(tkl9451, (((((((((tkl7859 && tkl7366) && (tkl7265 <= attnc_iadd(tkl7326, 2))) && tkl7923) && tkl7861) && tkl7414) && tkl8588) && tkl9116) && tkl9032) ? tkl9126 : attnc_kv_len(p, b))), (((((((tkl7366 && tkl7923) && tkl7890) && tkl7414) && tkl8974) && tkl8588) && tkl9032) ? tkl9104 : attnc_kv_len(p, b))), (((tkl9188 && (tkl9157 <= tkl9135)) && (tkl9157 <= tkl9138)) ? tkl9195 : attnc_kv_len(p, b)));
    const bool tkl9200 = (48 < tkl24);
    const bool tkl8035 = (0 <= attnc_iadd(tkl7828, 3));
    const bool tkl7301 = (!tkl7300);
    const bool tkl9226 = (tkl7300 && tkl7301);
    const bool tkl8232 = (0 < tkl7265);
    const bool tkl9239 = (((((((((((((tkl9226 && tkl7991) && tkl7383) && tkl7385) && tkl7997) && tkl7412) && tkl7414) && tkl8232) && tkl8588) && tkl9025) && tkl9029) && tkl7221) && (0 < tkl8587)) && (0 < tkl9024));
    const bool tkl9251 = ((((((((((((tkl9239 && (0 < tkl9028)) && ((-3) <= tkl9024)) && ((-3) <= tkl9028)) && tkl8590) && tkl8591) && tkl8600) && (tkl8589 <= tkl9024)) && (tkl8589 <= tkl9028)) && tkl9151) && (tkl9150 < tkl8587)) && (tkl9150 < tkl7974)) && (tkl9150 < tkl9024));
    const bool tkl9302 = (tkl7301 && tkl7300);
    const bool tkl8230 = (tkl7265 <= 13);
    const bool tkl9275 = (tkl9031 <= 391);
    const bool tkl9315 = (((((((((((((tkl9302 && tkl7991) && tkl7383) && tkl7385) && tkl7997) && tkl7412) && tkl7414) && tkl8230) && tkl9136) && tkl9139) && tkl9032) && tkl9275) && (tkl9031 <= 394)) && (tkl9031 <= tkl9135));
    const int tkl9288 = attnc_isub(tkl8080, 563);
    const bool tkl9289 = (tkl9288 <= tkl24);
    const bool tkl9327 = ((((((((((((tkl9315 && (tkl9031 <= tkl9138)) && tkl9039) && (tkl9038 <= 391)) && (tkl9038 <= 394)) && (tkl9038 <= tkl9135)) && (tkl9038 <= tkl9138)) && tkl9044) && (tkl9043 <= 391)) && (tkl9043 <= 394)) && (tkl9043 <= tkl9135)) && (tkl9043 <= tkl9138)) && tkl9289);
    const bool tkl9339 = ((((((((((((tkl9327 && (tkl9288 <= 391)) && (tkl9288 <= 394)) && (tkl9288 <= tkl9135)) && (tkl9288 <= tkl9138)) && tkl9051) && (tkl9050 <= 391)) && (tkl9050 <= 394)) && (tkl9050 <= tkl9135)) && (tkl9050 <= tkl9138)) && tkl9060) && (tkl9059 <= 391)) && (tkl9059 <= 394));
    const int tkl9344 = max(max(max(tkl9106, tkl9288), tkl9050), tkl9059);
    const int tkl9461 = min(min(min(min(min(min(min(tkl9454, (((((tkl7300 && tkl7997) && tkl7861) && tkl7414) && tkl9200) ? 49 : attnc_kv_len(p, b))), (((((tkl7300 && tkl8035) && tkl7890) && tkl7997) && tkl7414) ? 0 : attnc_kv_len(p, b))), (((((((tkl9251 && (tkl9150 < tkl9028)) && tkl9158) && (tkl9157 <= tkl8587)) && (tkl9157 <= tkl7974)) && (tkl9157 <= tkl9024)) && (tkl9157 <= tkl9028)) ? tkl9195 : attnc_kv_len(p, b))), ((((((((tkl9226 && tkl7997) && tkl7861) && tkl7414) && tkl8232) && tkl8588) && tkl9200) && (48 < tkl8587)) ? 49 : attnc_kv_len(p, b))), ((((((((tkl9226 && tkl8035) && tkl7890) && tkl7997) && tkl7414) && tkl8232) && tkl8974) && tkl8588) ? 0 : attnc_kv_len(p, b))), (((tkl9339 && (tkl9059 <= tkl9135)) && (tkl9059 <= tkl9138)) ? tkl9344 : attnc_kv_len(p, b))), (((((((((tkl9302 && tkl7997) && tkl7861) && tkl7414) && tkl8230) && tkl9116) && (tkl9115 <= 391)) && tkl9032) && tkl9275) ? tkl9126 : attnc_kv_len(p, b)));
    const bool tkl9379 = (((((((((((((tkl7301 && tkl7991) && tkl7383) && tkl7385) && tkl7997) && tkl7412) && tkl7414) && tkl8588) && tkl9025) && tkl9029) && tkl9032) && tkl9036) && tkl9037) && tkl9039);
    const bool tkl9392 = (((((((((((((tkl9379 && tkl9041) && tkl9042) && tkl9044) && tkl9046) && tkl9047) && tkl9289) && (tkl9288 <= tkl8587)) && (tkl9288 <= tkl7974)) && (tkl9288 <= tkl9024)) && (tkl9288 <= tkl9028)) && tkl9051) && tkl9052) && tkl9053);
    lo = min(min(min(min(tkl9461, (((((((((tkl9302 && tkl8035) && tkl7890) && tkl7997) && tkl7414) && tkl8230) && tkl9032) && (tkl9031 <= 342)) && tkl9275) ? tkl9104 : attnc_kv_len(p, b))), ((((((((tkl9392 && tkl9056) && tkl9057) && tkl9060) && tkl9061) && tkl9062) && tkl9065) && tkl9066) ? tkl9344 : attnc_kv_len(p, b))), (((((((tkl7301 && tkl7997) && tkl7861) && tkl7414) && tkl8588) && tkl9116) && tkl9032) ? tkl9126 : attnc_kv_len(p, b))), ((((((((tkl7301 && tkl8035) && tkl7890) && tkl7997) && tkl7414) && tkl8974) && tkl8588) && tkl9032) ? tkl9104 : attnc_kv_len(p, b)));
  }
  {
    const int tkh7265 = attnc_idiv(attnc_kv_len(p, b), 56);
    const bool tkh7364 = (7 < tkh7265);
    const int tkh7308 = attnc_idiv(attnc_iadd(qhi, 52), 56);
    const bool tkh7365 = (4 < tkh7308);
    const int tkh7319 = attnc_idiv(qhi, 56);
    const bool tkh7366 = (3 < tkh7319);
    const int tkh7312 = attnc_idiv(attnc_isub(52, qlo), 56);
    const bool tkh7383 = (0 < attnc_iadd(tkh7308, tkh7312));
    const bool tkh7385 = (0 <= attnc_iadd(tkh7312, tkh7319));
    const int tkh7314 = attnc_idiv(attnc_isub(55, qlo), 56);
    const int tkh7409 = attnc_iadd(tkh7314, tkh7265);
    const bool tkh7410 = (3 < tkh7409);
    const bool tkh7412 = (0 < attnc_iadd(tkh7308, tkh7314));
    const int tkh7413 = attnc_iadd(tkh7314, tkh7319);
    const bool tkh7414 = (0 <= tkh7413);
    const int tkh7968 = attnc_imul(56, tkh7265);
    const int tkh8587 = attnc_isub(tkh7968, 1);
    const bool tkh8588 = (0 <= tkh8587);
    const int tkh8589 = attnc_isub(qlo, 171);
    const int tkh24 = attnc_isub(attnc_kv_len(p, b), 1);
    const bool tkh8590 = (tkh8589 <= tkh24);
    const bool tkh8591 = (tkh8589 <= tkh8587);
    const int tkh8592 = attnc_imul(56, tkh7308);
    const int tkh8594 = attnc_iadd(tkh8592, 167);
    const int tkh8596 = attnc_imul(56, tkh7319);
    const int tkh8598 = attnc_iadd(tkh8596, 223);
    const bool tkh8770 = (((((((((((((tkh7364 && tkh7365) && tkh7366) && (3 < attnc_iadd(tkh7312, tkh7265))) && tkh7383) && tkh7385) && tkh7410) && tkh7412) && tkh7414) && tkh8588) && tkh8590) && tkh8591) && (tkh8589 <= tkh8594)) && (tkh8589 <= tkh8598));
    const int tkh7974 = attnc_iadd(tkh7968, 2);
    const bool tkh8600 = (tkh8589 <= tkh7974);
    const int tkh8602 = attnc_iadd(tkh8592, 170);
    const int tkh8605 = attnc_iadd(tkh8596, 226);
    const bool tkh8607 = (55 < tkh24);
    const bool tkh8608 = (55 < tkh8587);
    const int tkh8616 = attnc_imul(56, tkh7312);
    const int tkh8619 = attnc_isub(0, attnc_iadd(tkh8616, 168));
    const int tkh7839 = attnc_iadd(qhi, 171);
    const int tkh8625 = attnc_iadd(qhi, 226);
    const int tkh8628 = attnc_iadd(qhi, 225);
    const int tkh8631 = attnc_iadd(qhi, 229);
    const int tkh8637 = attnc_iadd(qhi, 228);
    const bool tkh8793 = (((((((((((((52 < tkh7974) && (tkh8619 <= tkh24)) && (tkh8619 <= tkh7839)) && (tkh8619 <= tkh8587)) && (tkh8619 <= tkh8594)) && (tkh8619 <= tkh8598)) && (tkh8619 <= tkh8625)) && (tkh8619 <= tkh8628)) && (tkh8619 <= tkh8631)) && (tkh8619 <= tkh7974)) && (tkh8619 <= tkh8602)) && (tkh8619 <= tkh8605)) && (tkh8619 <= tkh8637));
    const int tkh8640 = attnc_iadd(qhi, 232);
    const int tkh8643 = attnc_isub(0, attnc_iadd(tkh8616, 167));
    const bool tkh8805 = ((((((((((((tkh8793 && (tkh8619 <= tkh8640)) && (tkh8643 <= tkh24)) && (tkh8643 <= tkh7839)) && (tkh8643 <= tkh8587)) && (tkh8643 <= tkh8594)) && (tkh8643 <= tkh8598)) && (tkh8643 <= tkh8625)) && (tkh8643 <= tkh8628)) && (tkh8643 <= tkh8631)) && (tkh8643 <= tkh7974)) && (tkh8643 <= tkh8602)) && (tkh8643 <= tkh8605));
    const int tkh8658 = attnc_isub(0, attnc_iadd(tkh8616, 171));
    const bool tkh8817 = ((((((((((((tkh8805 && (tkh8643 <= tkh8637)) && (tkh8643 <= tkh8640)) && (tkh8658 <= tkh24)) && (tkh8658 <= tkh7839)) && (tkh8658 <= tkh8587)) && (tkh8658 <= tkh8594)) && (tkh8658 <= tkh8598)) && (tkh8658 <= tkh8625)) && (tkh8658 <= tkh8628)) && (tkh8658 <= tkh8631)) && (tkh8658 <= tkh7974)) && (tkh8658 <= tkh8602));
    const int tkh8672 = attnc_imul(56, tkh7314);
    const int tkh8674 = attnc_isub(0, attnc_iadd(tkh8672, 168));
    const bool tkh8675 = (tkh8674 <= tkh24);
    const bool tkh8677 = (tkh8674 <= tkh8587);
    const bool tkh8679 = (tkh8674 <= tkh8598);
    const bool tkh8829 = ((((((((((((tkh8817 && (tkh8658 <= tkh8605)) && (tkh8658 <= tkh8637)) && (tkh8658 <= tkh8640)) && tkh8675) && (tkh8674 <= tkh7839)) && tkh8677) && (tkh8674 <= tkh8594)) && tkh8679) && (tkh8674 <= tkh8625)) && (tkh8674 <= tkh8628)) && (tkh8674 <= tkh8631)) && (tkh8674 <= tkh7974));
    const int tkh8689 = attnc_isub(0, attnc_iadd(tkh8672, 167));
    const int tkh8704 = attnc_isub(0, attnc_iadd(tkh8672, 171));
    const bool tkh8847 = (((((((((((((tkh8689 <= tkh8587) && (tkh8689 <= tkh8594)) && (tkh8689 <= tkh8598)) && (tkh8689 <= tkh8625)) && (tkh8689 <= tkh8628)) && (tkh8689 <= tkh8631)) && (tkh8689 <= tkh7974)) && (tkh8689 <= tkh8602)) && (tkh8689 <= tkh8605)) && (tkh8689 <= tkh8637)) && (tkh8689 <= tkh8640)) && (tkh8704 <= tkh24)) && (tkh8704 <= tkh7839));
    const int tkh8718 = attnc_isub(qlo, 226);
    const bool tkh8859 = ((((((((((((tkh8847 && (tkh8704 <= tkh8587)) && (tkh8704 <= tkh8594)) && (tkh8704 <= tkh8598)) && (tkh8704 <= tkh8625)) && (tkh8704 <= tkh8628)) && (tkh8704 <= tkh8631)) && (tkh8704 <= tkh7974)) && (tkh8704 <= tkh8602)) && (tkh8704 <= tkh8605)) && (tkh8704 <= tkh8637)) && (tkh8704 <= tkh8640)) && (tkh8718 <= tkh24));
    const int tkh8726 = attnc_isub(qlo, 225);
    const bool tkh8871 = ((((((((((((tkh8859 && (tkh8718 <= tkh8587)) && (tkh8718 <= tkh8594)) && (tkh8718 <= tkh8598)) && (tkh8718 <= tkh7974)) && (tkh8718 <= tkh8602)) && (tkh8718 <= tkh8605)) && (tkh8726 <= tkh24)) && (tkh8726 <= tkh8587)) && (tkh8726 <= tkh8594)) && (tkh8726 <= tkh8598)) && (tkh8726 <= tkh7974)) && (tkh8726 <= tkh8602));
    const int tkh8734 = attnc_isub(qlo, 229);
    const int tkh8742 = attnc_isub(qlo, 228);
    const int tkh8750 = attnc_isub(qlo, 232);
    const bool tkh8892 = (((((((((((((tkh8742 <= tkh8587) && (tkh8742 <= tkh8594)) && (tkh8742 <= tkh8598)) && (tkh8742 <= tkh7974)) && (tkh8742 <= tkh8602)) && (tkh8742 <= tkh8605)) && (tkh8750 <= tkh24)) && (tkh8750 <= tkh8587)) && (tkh8750 <= tkh8594)) && (tkh8750 <= tkh8598)) && (tkh8750 <= tkh7974)) && (tkh8750 <= tkh8602)) && (tkh8750 <= tkh8605));
    const bool tkh8895 = (((((((((((((tkh8770 && tkh8600) && (tkh8589 <= tkh8602)) && (tkh8589 <= tkh8605)) && tkh8607) && tkh8608) && (55 < tkh7974)) && (56 < tkh24)) && (56 < tkh8587)) && (56 < tkh7974)) && (52 < tkh24)) && (52 < tkh8587)) && ((((((tkh8829 && (tkh8674 <= tkh8602)) && (tkh8674 <= tkh8605)) && (tkh8674 <= tkh8637)) && (tkh8674 <= tkh8640)) && (tkh8689 <= tkh24)) && (tkh8689 <= tkh7839))) && ((((((((((tkh8871 && (tkh8726 <= tkh8605)) && (tkh8734 <= tkh24)) && (tkh8734 <= tkh8587)) && (tkh8734 <= tkh8594)) && (tkh8734 <= tkh8598)) && (tkh8734 <= tkh7974)) && (tkh8734 <= tkh8602)) && (tkh8734 <= tkh8605)) && (tkh8742 <= tkh24)) && tkh8892));
    const int tkh9431 = (tkh8895 ? min(min(min(min(min(min(min(min(min(min(min(min(tkh24, tkh7839), tkh8587), tkh8594), tkh8598), tkh8625), tkh8628), tkh8631), tkh7974), tkh8602), tkh8605), tkh8637), tkh8640) : (-1));
    const int tkh7326 = attnc_idiv(attnc_iadd(qhi, 3), 56);
    const bool tkh7859 = (4 < tkh7326);
    const int tkh7415 = attnc_iadd(tkh7326, tkh7314);
    const bool tkh7861 = (0 < tkh7415);
    const bool tkh7917 = (1 < tkh7265);
    const bool tkh7949 = (0 <= attnc_iadd(tkh7409, 2));
    const bool tkh8928 = (0 <= attnc_iadd(tkh7413, 6));
    const bool tkh8954 = (((((((((((((tkh7364 && tkh7859) && tkh7366) && tkh7410) && tkh7861) && tkh7414) && tkh7917) && tkh7949) && (0 <= attnc_iadd(tkh7415, 5))) && tkh8928) && tkh8588) && (104 < tkh24)) && (104 < tkh8587)) && tkh8607);
    const int tkh8934 = attnc_isub(0, attnc_iadd(tkh8672, 119));
    const int tkh8938 = attnc_iadd(attnc_imul(56, tkh7326), 167);
    const int tkh8967 = min(tkh24, tkh8587);
    const int tkh7828 = attnc_idiv(attnc_isub(3, qlo), 56);
    const int tkh7887 = attnc_iadd(tkh7828, tkh7265);
    const int tkh7889 = attnc_iadd(tkh7828, tkh7319);
    const bool tkh7890 = (0 <= tkh7889);
    const int tkh8973 = attnc_isub(tkh7968, 50);
    const bool tkh8974 = (0 <= tkh8973);
    const bool tkh9000 = (((((((((((((tkh7364 && tkh7366) && (3 < tkh7887)) && tkh7890) && tkh7410) && tkh7414) && tkh7917) && (0 <= attnc_iadd(tkh7887, 2))) && (0 <= attnc_iadd(tkh7889, 6))) && tkh7949) && tkh8928) && tkh8974) && tkh8588) && tkh8607);
    const int tkh8978 = attnc_isub(0, attnc_iadd(attnc_imul(56, tkh7828), 168));
    const int tkh8982 = attnc_iadd(tkh8596, 174);
    const bool tkh9012 = ((((((((((((tkh9000 && (55 < tkh8973)) && tkh8608) && (tkh8978 <= tkh24)) && (tkh8978 <= tkh8973)) && (tkh8978 <= tkh8982)) && (tkh8978 <= tkh8587)) && (tkh8978 <= tkh8598)) && tkh8675) && (tkh8674 <= tkh8973)) && (tkh8674 <= tkh8982)) && tkh8677) && tkh8679);
    const int tkh9015 = min(tkh24, tkh8973);
    const bool tkh7923 = (tkh7265 <= attnc_iadd(tkh7319, 3));
    const int tkh9020 = attnc_isub(attnc_iadd(tkh7968, qhi), 277);
    const int tkh9024 = attnc_isub(attnc_iadd(attnc_iadd(tkh8616, tkh7968), qhi), 53);
    const bool tkh9025 = (0 <= tkh9024);
    const int tkh9028 = attnc_isub(attnc_iadd(attnc_iadd(tkh8672, tkh7968), qhi), 53);
    const bool tkh9029 = (0 <= tkh9028);
    const int tkh9031 = attnc_isub(tkh7968, 392);
    const bool tkh9032 = (tkh9031 <= tkh24);
    const bool tkh9078 = ((((((((((((tkh7365 && tkh7366) && (tkh7265 <= attnc_iadd(tkh7308, 2))) && tkh7923) && tkh7383) && tkh7385) && tkh7412) && tkh7414) && tkh8588) && (0 <= tkh9020)) && tkh9025) && tkh9029) && tkh9032);
    const int tkh9034 = attnc_iadd(qhi, 115);
    const bool tkh9036 = (tkh9031 <= tkh9024);
    const bool tkh9037 = (tkh9031 <= tkh9028);
    const int tkh9038 = attnc_isub(tkh7968, 391);
    const bool tkh9039 = (tkh9038 <= tkh24);
    const bool tkh9041 = (tkh9038 <= tkh9024);
    const bool tkh9042 = (tkh9038 <= tkh9028);
    const int tkh9043 = attnc_isub(tkh7968, 395);
    const bool tkh9044 = (tkh9043 <= tkh24);
    const bool tkh9046 = (tkh9043 <= tkh9024);
    const bool tkh9047 = (tkh9043 <= tkh9028);
    const int tkh8080 = attnc_iadd(tkh7968, qlo);
    const int tkh9050 = attnc_isub(tkh8080, attnc_iadd(tkh8592, 339));
    const bool tkh9051 = (tkh9050 <= tkh24);
    const bool tkh9090 = ((((((((((((tkh9078 && (tkh9031 <= tkh9034)) && tkh9036) && tkh9037) && tkh9039) && (tkh9038 <= tkh9034)) && tkh9041) && tkh9042) && tkh9044) && (tkh9043 <= tkh9034)) && tkh9046) && tkh9047) && tkh9051);
    const bool tkh9052 = (tkh9050 <= tkh8587);
    const bool tkh9053 = (tkh9050 <= tkh7974);
    const bool tkh9056 = (tkh9050 <= tkh9024);
    const bool tkh9057 = (tkh9050 <= tkh9028);
    const int tkh9059 = attnc_isub(tkh8080, attnc_iadd(tkh8596, 395));
    const bool tkh9060 = (tkh9059 <= tkh24);
    const bool tkh9061 = (tkh9059 <= tkh8587);
    const bool tkh9062 = (tkh9059 <= tkh7974);
    const bool tkh9065 = (tkh9059 <= tkh9024);
    const bool tkh9066 = (tkh9059 <= tkh9028);
    const bool tkh9103 = (((((((((((((tkh9090 && tkh9052) && tkh9053) && (tkh9050 <= tkh9020)) && (tkh9050 <= tkh9034)) && tkh9056) && tkh9057) && tkh9060) && tkh9061) && tkh9062) && (tkh9059 <= tkh9020)) && (tkh9059 <= tkh9034)) && tkh9065) && tkh9066);
    const int tkh9109 = min(tkh8967, tkh7974);
    const int tkh9468 = max(max(max(tkh9431, ((((((((((tkh8954 && tkh8608) && (tkh8934 <= tkh24)) && (tkh8934 <= tkh8587)) && (tkh8934 <= tkh8938)) && (tkh8934 <= tkh8598)) && tkh8675) && tkh8677) && (tkh8674 <= tkh8938)) && tkh8679) ? min(min(tkh8967, tkh8938), tkh8598) : (-1))), (tkh9012 ? min(min(min(tkh9015, tkh8982), tkh8587), tkh8598) : (-1))), (tkh9103 ? min(min(min(min(tkh9109, tkh9020), tkh9034), tkh9024), tkh9028) : (-1)));
    const int tkh9115 = attnc_isub(tkh7968, 343);
    const bool tkh9116 = (tkh9115 <= tkh24);
    const int tkh9133 = min(tkh9015, tkh8587);
    const bool tkh7300 = (0 <= attnc_isub(tkh7265, 7));
    const bool tkh7991 = (0 <= attnc_iadd(tkh7312, 3));
    const bool tkh7997 = (0 <= attnc_iadd(tkh7314, 3));
    const int tkh9135 = attnc_iadd(attnc_iadd(tkh8616, qhi), 339);
    const bool tkh9136 = (0 <= tkh9135);
    const int tkh9138 = attnc_iadd(attnc_iadd(tkh8672, qhi), 339);
    const bool tkh9139 = (0 <= tkh9138);
    const bool tkh7221 = (0 < tkh24);
    const bool tkh9175 = (((((((((((((tkh7300 && tkh7991) && tkh7383) && tkh7385) && tkh7997) && tkh7412) && tkh7414) && tkh9136) && tkh9139) && tkh7221) && (0 < tkh9135)) && (0 < tkh9138)) && ((-3) <= tkh9135)) && ((-3) <= tkh9138));
    const int tkh9150 = attnc_isub(attnc_iadd(qlo, 52), tkh8592);
    const bool tkh9151 = (tkh9150 < tkh24);
    const int tkh9157 = attnc_isub(qlo, attnc_iadd(tkh8596, 3));
    const bool tkh9158 = (tkh9157 <= tkh24);
    const bool tkh9188 = (((((((((((((tkh9175 && tkh8590) && (tkh8589 <= 391)) && (tkh8589 <= 394)) && (tkh8589 <= tkh9135)) && (tkh8589 <= tkh9138)) && tkh9151) && (tkh9150 < 391)) && (tkh9150 < 394)) && (tkh9150 < tkh9135)) && (tkh9150 < tkh9138)) && tkh9158) && (tkh9157 <= 391)) && (tkh9157 <= 394));
    const int tkh9196 = min(tkh24, 391);
    const int tkh9199 = min(min(min(tkh9196, 394), tkh9135), tkh9138);
    const int tkh9471 = max(max(max(tkh9468, (((((((((tkh7859 && tkh7366) && (tkh7265 <= attnc_iadd(tkh7326, 2))) && tkh7923) && tkh7861) && tkh7414) && tkh8588) && tkh9116) && tkh9032) ? tkh8967 : (-1))), (((((((tkh7366 && tkh7923) && tkh7890) && tkh7414) && tkh8974) && tkh8588) && tkh9032) ? tkh9133 : (-1))), (((tkh9188 && (tkh9157 <= tkh9135)) && (tkh9157 <= tkh9138)) ? tkh9199 : (-1)));
    const bool tkh9200 = (48 < tkh24);
    const bool tkh8035 = (0 <= attnc_iadd(tkh7828, 3));
    const int tkh9210 = min(min(tkh24, 342), 391);
    const bool tkh7301 = (!tkh7300);
    const bool tkh9226 = (tkh7300 && tkh7301);
    const bool tkh8232 = (0 < tkh7265);
    const bool tkh9239 = (((((((((((((tkh9226 && tkh7991) && tkh7383) && tkh7385) && tkh7997) && tkh7412) && tkh7414) && tkh8232) && tkh8588) && tkh9025) && tkh9029) && tkh7221) && (0 < tkh8587)) && (0 < tkh9024));
    const bool tkh9251 = ((((((((((((tkh9239 && (0 < tkh9028)) && ((-3) <= tkh9024)) && ((-3) <= tkh9028)) && tkh8590) && tkh8591) && tkh8600) && (tkh8589 <= tkh9024)) && (tkh8589 <= tkh9028)) && tkh9151) && (tkh9150 < tkh8587)) && (tkh9150 < tkh7974)) && (tkh9150 < tkh9024));
    const int tkh9259 = min(min(tkh9109, tkh9024), tkh9028);
    const bool tkh9302 = (tkh7301 && tkh7300);
    const bool tkh8230 = (tkh7265 <= 13);
    const bool tkh9275 = (tkh9031 <= 391);
    const bool tkh9315 = (((((((((((((tkh9302 && tkh7991) && tkh7383) && tkh7385) && tkh7997) && tkh7412) && tkh7414) && tkh8230) && tkh9136) && tkh9139) && tkh9032) && tkh9275) && (tkh9031 <= 394)) && (tkh9031 <= tkh9135));
    const int tkh9288 = attnc_isub(tkh8080, 563);
    const bool tkh9289 = (tkh9288 <= tkh24);
    const bool tkh9327 = ((((((((((((tkh9315 && (tkh9031 <= tkh9138)) && tkh9039) && (tkh9038 <= 391)) && (tkh9038 <= 394)) && (tkh9038 <= tkh9135)) && (tkh9038 <= tkh9138)) && tkh9044) && (tkh9043 <= 391)) && (tkh9043 <= 394)) && (tkh9043 <= tkh9135)) && (tkh9043 <= tkh9138)) && tkh9289);
    const bool tkh9339 = ((((((((((((tkh9327 && (tkh9288 <= 391)) && (tkh9288 <= 394)) && (tkh9288 <= tkh9135)) && (tkh9288 <= tkh9138)) && tkh9051) && (tkh9050 <= 391)) && (tkh9050 <= 394)) && (tkh9050 <= tkh9135)) && (tkh9050 <= tkh9138)) && tkh9060) && (tkh9059 <= 391)) && (tkh9059 <= 394));
    const int tkh9478 = max(max(max(max(max(max(max(tkh9471, (((((tkh7300 && tkh7997) && tkh7861) && tkh7414) && tkh9200) ? tkh9196 : (-1))), (((((tkh7300 && tkh8035) && tkh7890) && tkh7997) && tkh7414) ? tkh9210 : (-1))), (((((((tkh9251 && (tkh9150 < tkh9028)) && tkh9158) && (tkh9157 <= tkh8587)) && (tkh9157 <= tkh7974)) && (tkh9157 <= tkh9024)) && (tkh9157 <= tkh9028)) ? tkh9259 : (-1))), ((((((((tkh9226 && tkh7997) && tkh7861) && tkh7414) && tkh8232) && tkh8588) && tkh9200) && (48 < tkh8587)) ? tkh8967 : (-1))), ((((((((tkh9226 && tkh8035) && tkh7890) && tkh7997) && tkh7414) && tkh8232) && tkh8974) && tkh8588) ? tkh9133 : (-1))), (((tkh9339 && (tkh9059 <= tkh9135)) && (tkh9059 <= tkh9138)) ? tkh9199 : (-1))), (((((((((tkh9302 && tkh7997) && tkh7861) && tkh7414) && tkh8230) && tkh9116) && (tkh9115 <= 391)) && tkh9032) && tkh9275) ? tkh9196 : (-1)));
    const bool tkh9379 = (((((((((((((tkh7301 && tkh7991) && tkh7383) && tkh7385) && tkh7997) && tkh7412) && tkh7414) && tkh8588) && tkh9025) && tkh9029) && tkh9032) && tkh9036) && tkh9037) && tkh9039);
    const bool tkh9392 = (((((((((((((tkh9379 && tkh9041) && tkh9042) && tkh9044) && tkh9046) && tkh9047) && tkh9289) && (tkh9288 <= tkh8587)) && (tkh9288 <= tkh7974)) && (tkh9288 <= tkh9024)) && (tkh9288 <= tkh9028)) && tkh9051) && tkh9052) && tkh9053);
    hi = max(max(max(max(tkh9478, (((((((((tkh9302 && tkh8035) && tkh7890) && tkh7997) && tkh7414) && tkh8230) && tkh9032) && (tkh9031 <= 342)) && tkh9275) ? tkh9210 : (-1))), ((((((((tkh9392 && tkh9056) && tkh9057) && tkh9060) && tkh9061) && tkh9062) && tkh9065) && tkh9066) ? tkh9259 : (-1))), (((((((tkh7301 && tkh7997) && tkh7861) && tkh7414) && tkh8588) && tkh9116) && tkh9032) ? tkh8967 : (-1))), ((((((((tkh7301 && tkh8035) && tkh7890) && tkh7997) && tkh7414) && tkh8974) && tkh8588) && tkh9032) ? tkh9133 : (-1)));
  }
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

}  // namespace attnc_neighborhood_2d

extern "C" int attnc_neighborhood_2d_forward_paged(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* q_lens, const int* kv_lens,
    const int* page_table, int page_size, int num_pages, cudaStream_t stream) {
  using namespace attnc_neighborhood_2d;
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

extern "C" int attnc_neighborhood_2d_forward_varlen(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* q_lens, const int* kv_lens, cudaStream_t stream) {
  return attnc_neighborhood_2d_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, q_lens, kv_lens, nullptr, 0, 0, stream);
}

extern "C" int attnc_neighborhood_2d_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    cudaStream_t stream) {
  return attnc_neighborhood_2d_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, nullptr, nullptr, nullptr, 0, 0, stream);
}

extern "C" int attnc_neighborhood_2d_skeleton(int D) {
  using namespace attnc_neighborhood_2d;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if (((D == 64 && sm90_plan_available(ATTNC_SM90_D64_PRODUCER)) || (D == 128 && sm90_plan_available(ATTNC_SM90_D128_PRODUCER))) && sm90_available()) return 90;
#endif
  return 80;
}

extern "C" int attnc_neighborhood_2d_merge(const float* o_parts, const float* lse_parts, int n_parts, int64_t rows, int dv,
    float* o, float* lse, cudaStream_t stream) {
  using namespace attnc_neighborhood_2d;
  if (!o_parts || !lse_parts || !o || !lse) return ATTNC_ERR_NULL_POINTER;
  if (n_parts < 1 || rows < 0 || dv < 1 || rows > (int64_t)8 * 0x7fffffff) return ATTNC_ERR_SIZE;
  if ((reinterpret_cast<uintptr_t>(o_parts) | reinterpret_cast<uintptr_t>(lse_parts) | reinterpret_cast<uintptr_t>(o) |
       reinterpret_cast<uintptr_t>(lse)) % 4 != 0) return ATTNC_ERR_ALIGNMENT;
  if (rows == 0) return ATTNC_OK;
  return launch_checked(reinterpret_cast<const void*>(merge_kernel), dim3((unsigned)((rows + 7) / 8)), 256, 0, stream,
                        o_parts, lse_parts, n_parts, rows, dv, o, lse);
}