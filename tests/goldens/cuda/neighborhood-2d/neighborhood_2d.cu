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
  int tr7253;
  int tr7255;
  int tr7261;
  int tr7263;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr7253 = min(max(attnc_isub(attnc_idiv(q, 56), 3), 0), attnc_isub(attnc_idiv(attnc_kv_len(p, b), 56), 7));
  const int tr7255 = attnc_iadd(tr7253, 7);
  const int tr7261 = min(max(attnc_isub(attnc_imod(q, 56), 3), 0), 49);
  const int tr7263 = attnc_iadd(tr7261, 7);
  return RowCtx{tr7253, tr7255, tr7261, tr7263};
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
  const int tr7253 = rc.tr7253;
  const int tr7255 = rc.tr7255;
  const int tr7261 = rc.tr7261;
  const int tr7263 = rc.tr7263;
  const int tm7229 = attnc_idiv(kv, 56);
  const int tm7240 = attnc_imod(kv, 56);
  return (((tr7253 <= tm7229) && (tm7229 < tr7255)) && ((tr7261 <= tm7240) && (tm7240 < tr7263)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  return s;
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca2963 = attnc_iadd(kvhi, 3);
  const int tca7287 = attnc_idiv(tca2963, 56);
  const int tca7283 = attnc_idiv(attnc_isub(tca2963, qlo), 56);
  const int tca7489 = attnc_iadd(tca7287, tca7283);
  const int tca7117 = attnc_iadd(qhi, 3);
  const int tca7289 = attnc_idiv(attnc_isub(tca7117, kvlo), 56);
  const int tca7503 = attnc_iadd(tca7489, tca7289);
  const int tca7290 = attnc_idiv(attnc_isub(2, kvlo), 56);
  const int tca7292 = attnc_idiv(attnc_isub(5, kvlo), 56);
  const int tca7294 = attnc_idiv(attnc_iadd(kvhi, 6), 56);
  const int tca7493 = attnc_iadd(tca7294, tca7283);
  const int tca7506 = attnc_iadd(tca7493, tca7289);
  const int tca7307 = attnc_iadd(tca7283, tca7289);
  const int tca7272 = attnc_idiv(kvhi, 56);
  const int tca7271 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tca7343 = attnc_iadd(tca7287, tca7289);
  const bool tca7652 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca7503, tca7290), 1)) && (0 <= attnc_iadd(attnc_iadd(tca7503, tca7292), 1))) && (0 <= attnc_iadd(attnc_iadd(tca7506, tca7290), 1))) && (0 <= attnc_iadd(attnc_iadd(tca7506, tca7292), 1))) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7307, tca7290), tca7272), 1))) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7307, tca7292), tca7272), 1))) && (0 <= attnc_iadd(tca7503, tca7271))) && (0 <= attnc_iadd(attnc_iadd(tca7489, tca7290), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7489, tca7271), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7489, tca7292), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7343, tca7290), 4)));
  const int tca7285 = attnc_idiv(attnc_isub(2, qlo), 56);
  const bool tca7435 = (0 <= attnc_iadd(attnc_iadd(tca7343, tca7285), 1));
  const int tca7277 = attnc_idiv(attnc_iadd(kvhi, 55), 56);
  const int tca7485 = attnc_iadd(tca7277, tca7283);
  const int tca7500 = attnc_iadd(tca7485, tca7289);
  const int tca7341 = attnc_iadd(tca7277, tca7289);
  const bool tca7663 = (((((((((((tca7652 && tca7435) && (0 <= attnc_iadd(attnc_iadd(tca7343, tca7271), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7343, tca7292), 4))) && (0 <= attnc_iadd(tca7500, tca7290))) && (0 <= attnc_iadd(tca7500, tca7292))) && (0 <= attnc_iadd(attnc_iadd(tca7485, tca7290), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7485, tca7271), 2))) && (0 <= attnc_iadd(attnc_iadd(tca7485, tca7292), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7341, tca7290), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7341, tca7271), 2))) && (0 <= attnc_iadd(attnc_iadd(tca7341, tca7292), 3)));
  const int tca7345 = attnc_iadd(tca7294, tca7289);
  const bool tca7438 = (0 <= attnc_iadd(attnc_iadd(tca7345, tca7285), 1));
  const int tca7293 = attnc_idiv(tca7117, 56);
  const int tca7479 = attnc_iadd(tca7293, tca7283);
  const bool tca7551 = (0 <= attnc_iadd(attnc_iadd(tca7479, tca7290), 1));
  const bool tca7618 = (0 <= attnc_iadd(attnc_iadd(tca7479, tca7292), 1));
  const bool tca7674 = (((((((((((tca7663 && (0 <= attnc_iadd(tca7506, tca7271))) && (0 <= attnc_iadd(attnc_iadd(tca7493, tca7290), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7493, tca7271), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7493, tca7292), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7345, tca7290), 4))) && tca7438) && (0 <= attnc_iadd(attnc_iadd(tca7345, tca7271), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7345, tca7292), 4))) && tca7551) && tca7618) && (0 <= attnc_iadd(attnc_iadd(tca7307, tca7271), tca7272)));
  const int tca7541 = attnc_iadd(tca7283, tca7290);
  const int tca7286 = attnc_idiv(qhi, 56);
  const bool tca7548 = (0 <= attnc_iadd(attnc_iadd(tca7541, tca7286), 1));
  const int tca7471 = attnc_iadd(tca7283, tca7271);
  const int tca7608 = attnc_iadd(tca7283, tca7292);
  const bool tca7615 = (0 <= attnc_iadd(attnc_iadd(tca7608, tca7286), 1));
  const int tca7427 = attnc_iadd(tca7289, tca7285);
  const bool tca7430 = (0 <= attnc_iadd(attnc_iadd(tca7427, tca7272), 1));
  const int tca7279 = attnc_idiv(attnc_isub(52, qlo), 56);
  const bool tca7373 = (0 <= attnc_iadd(tca7343, tca7279));
  const bool tca7684 = ((((((((((tca7674 && (0 <= attnc_iadd(attnc_iadd(tca7541, tca7272), 4))) && tca7548) && (0 <= attnc_iadd(attnc_iadd(tca7471, tca7272), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7608, tca7272), 4))) && tca7615) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7289, tca7290), tca7272), 4))) && tca7430) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7289, tca7271), tca7272), 3))) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7289, tca7292), tca7272), 4))) && tca7373);
  const int tca7281 = attnc_idiv(attnc_isub(55, qlo), 56);
  const bool tca7402 = (0 <= attnc_iadd(tca7343, tca7281));
  const int tca7314 = attnc_iadd(tca7287, tca7290);
  const bool tca7316 = (0 <= attnc_iadd(tca7314, 1));
  const int tca7301 = attnc_iadd(tca7287, tca7271);
  const int tca7325 = attnc_iadd(tca7287, tca7292);
  const bool tca7327 = (0 <= attnc_iadd(tca7325, 1));
  const bool tca7432 = (0 <= attnc_iadd(tca7341, tca7285));
  const int tca7312 = attnc_iadd(tca7277, tca7290);
  const bool tca7697 = (((((((((((((tca7684 && tca7402) && tca7316) && (0 <= attnc_iadd(tca7314, 7))) && (0 <= attnc_iadd(attnc_iadd(tca7287, tca7285), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7287, tca7279), 3))) && (0 <= attnc_iadd(tca7301, 6))) && (0 <= attnc_iadd(attnc_iadd(tca7287, tca7281), 3))) && tca7327) && (0 <= attnc_iadd(tca7325, 7))) && tca7432) && (0 <= attnc_iadd(tca7312, 6))) && (0 <= attnc_iadd(attnc_iadd(tca7277, tca7285), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7277, tca7279), 2)));
  const int tca7299 = attnc_iadd(tca7277, tca7271);
  const int tca7323 = attnc_iadd(tca7277, tca7292);
  const bool tca7375 = (0 <= attnc_iadd(tca7345, tca7279));
  const bool tca7404 = (0 <= attnc_iadd(tca7345, tca7281));
  const int tca7317 = attnc_iadd(tca7294, tca7290);
  const bool tca7319 = (0 <= attnc_iadd(tca7317, 1));
  const int tca7303 = attnc_iadd(tca7294, tca7271);
  const int tca7328 = attnc_iadd(tca7294, tca7292);
  const bool tca7330 = (0 <= attnc_iadd(tca7328, 1));
  const bool tca7481 = (0 <= attnc_iadd(tca7479, tca7271));
  const bool tca7414 = (0 <= attnc_iadd(attnc_iadd(tca7293, tca7285), 1));
  const int tca7447 = attnc_iadd(tca7293, tca7271);
  const int tca7275 = attnc_idiv(attnc_iadd(qhi, 52), 56);
  const int tca7474 = attnc_iadd(tca7275, tca7283);
  const bool tca7545 = (0 <= attnc_iadd(tca7474, tca7290));
  const bool tca7715 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca7294, tca7279), 3)) && (0 <= attnc_iadd(tca7303, 6))) && (0 <= attnc_iadd(attnc_iadd(tca7294, tca7281), 3))) && tca7330) && (0 <= attnc_iadd(tca7328, 7))) && tca7481) && (0 <= attnc_iadd(attnc_iadd(tca7293, tca7290), 4))) && tca7414) && (0 <= attnc_iadd(tca7447, 3))) && (0 <= attnc_iadd(attnc_iadd(tca7293, tca7292), 4))) && tca7545);
  const bool tca7612 = (0 <= attnc_iadd(tca7474, tca7292));
  const bool tca7478 = (0 <= attnc_iadd(tca7471, tca7286));
  const int tca7367 = attnc_iadd(tca7289, tca7279);
  const bool tca7369 = (0 <= attnc_iadd(tca7367, tca7272));
  const int tca7396 = attnc_iadd(tca7289, tca7281);
  const bool tca7398 = (0 <= attnc_iadd(tca7396, tca7272));
  const int tca7309 = attnc_iadd(tca7290, tca7272);
  const bool tca7311 = (0 <= attnc_iadd(tca7309, 1));
  const bool tca7726 = (((((((((((tca7715 && tca7612) && (0 <= attnc_iadd(attnc_iadd(tca7275, tca7290), 3))) && (0 <= attnc_iadd(attnc_iadd(tca7275, tca7271), 2))) && (0 <= attnc_iadd(attnc_iadd(tca7275, tca7292), 3))) && tca7478) && tca7369) && tca7398) && tca7311) && (0 <= attnc_iadd(tca7309, 7))) && (0 <= attnc_iadd(attnc_iadd(tca7290, tca7286), 4))) && (0 <= attnc_iadd(attnc_iadd(tca7285, tca7272), 4)));
  const bool tca7411 = (0 <= attnc_iadd(attnc_iadd(tca7285, tca7286), 1));
  const int tca7297 = attnc_iadd(tca7271, tca7272);
  const bool tca7451 = (0 <= attnc_iadd(tca7297, 6));
  const bool tca7446 = (0 <= attnc_iadd(attnc_iadd(tca7271, tca7286), 3));
  const bool tca7386 = (0 <= attnc_iadd(attnc_iadd(tca7281, tca7272), 3));
  const int tca7320 = attnc_iadd(tca7292, tca7272);
  const bool tca7322 = (0 <= attnc_iadd(tca7320, 1));
  const bool tca7302 = (0 <= tca7301);
  const bool tca7313 = (0 <= tca7312);
  const bool tca7324 = (0 <= tca7323);
  const bool tca7737 = (((((((((((tca7726 && tca7411) && (0 <= attnc_iadd(attnc_iadd(tca7279, tca7272), 3))) && tca7451) && tca7446) && tca7386) && tca7322) && (0 <= attnc_iadd(tca7320, 7))) && (0 <= attnc_iadd(attnc_iadd(tca7292, tca7286), 4))) && tca7302) && tca7313) && tca7324);
  const bool tca7304 = (0 <= tca7303);
  const bool tca7354 = (0 <= attnc_iadd(tca7293, tca7279));
  const int tca7382 = attnc_iadd(tca7293, tca7281);
  const bool tca7383 = (0 <= tca7382);
  const bool tca7408 = (0 <= attnc_iadd(tca7275, tca7285));
  const bool tca7296 = (0 <= attnc_iadd(tca7283, 3));
  const bool tca7308 = (0 <= tca7307);
  const int tca7232 = attnc_idiv(attnc_kv_len(p, b), 56);
  const bool tca7510 = (0 <= attnc_iadd(tca7290, tca7232));
  const bool tca7352 = (0 <= attnc_iadd(tca7279, tca7286));
  const bool tca7298 = (0 <= tca7297);
  const bool tca7381 = (0 <= attnc_iadd(tca7281, tca7286));
  const bool tca7577 = (0 <= attnc_iadd(tca7292, tca7232));
  const bool tca7750 = (((((((((((((tca7737 && tca7304) && tca7354) && tca7383) && tca7408) && tca7296) && tca7308) && (0 <= attnc_iadd(tca7289, 3))) && tca7510) && tca7352) && tca7298) && tca7381) && tca7577) && (0 < attnc_iadd(tca7500, tca7271)));
  const bool tca7371 = (0 < attnc_iadd(tca7341, tca7279));
  const bool tca7400 = (0 < attnc_iadd(tca7341, tca7281));
  const bool tca7476 = (0 < attnc_iadd(tca7474, tca7271));
  const bool tca7300 = (0 < tca7299);
  const bool tca7350 = (0 < attnc_iadd(tca7275, tca7279));
  const bool tca7379 = (0 < attnc_iadd(tca7275, tca7281));
  const bool tca7440 = (0 < attnc_iadd(tca7271, tca7232));
  const bool tca7335 = (0 < tca7272);
  const bool tca7763 = (((((((((((((tca7750 && tca7371) && tca7400) && tca7476) && tca7300) && tca7350) && tca7379) && tca7440) && (0 < tca7287)) && (0 < tca7294)) && tca7335) && (1 < tca7277)) && (2 < attnc_iadd(tca7541, tca7232))) && (2 < attnc_iadd(tca7608, tca7232)));
  const bool tca7344 = (3 < tca7343);
  const bool tca7346 = (3 < tca7345);
  const int tca7339 = attnc_iadd(tca7289, tca7272);
  const bool tca7340 = (3 < tca7339);
  const bool tca7377 = (3 < attnc_iadd(tca7281, tca7232));
  const bool tca7334 = (3 < tca7293);
  const bool tca7333 = (3 < tca7286);
  const bool tca7342 = (4 < tca7341);
  const bool tca7332 = (4 < tca7275);
  const bool tca7331 = (7 < tca7232);
  const int tca7802 = attnc_idiv(attnc_iadd(kvhi, 7), 56);
  const int tca7803 = attnc_iadd(tca7802, tca7271);
  const bool tca7804 = (0 < tca7803);
  const bool tca7828 = (0 < tca7382);
  const bool tca7845 = (((((((((((0 <= attnc_iadd(tca7803, 5)) && (0 <= attnc_iadd(attnc_iadd(tca7802, tca7281), 2))) && (0 <= attnc_iadd(tca7447, 2))) && tca7451) && tca7446) && tca7386) && tca7298) && tca7381) && tca7804) && tca7828) && tca7440);
  const bool tca7826 = (4 < tca7293);
  const bool tca8444 = (((((((((((tca7697 && (0 <= attnc_iadd(tca7299, 5))) && (0 <= attnc_iadd(attnc_iadd(tca7277, tca7281), 2))) && (0 <= attnc_iadd(tca7323, 6))) && tca7375) && tca7404) && tca7319) && (0 <= attnc_iadd(tca7317, 7))) && (0 <= attnc_iadd(attnc_iadd(tca7294, tca7285), 4))) && (((((tca7763 && (2 < attnc_iadd(tca7285, tca7232))) && (3 < attnc_iadd(tca7471, tca7232))) && tca7344) && tca7346) && tca7340)) && (((((((3 < attnc_iadd(tca7279, tca7232)) && tca7377) && tca7334) && tca7333) && tca7342) && tca7332) && tca7331)) || ((((((tca7845 && tca7335) && (1 < tca7802)) && tca7377) && tca7333) && tca7826) && tca7331));
  const int tca7795 = attnc_idiv(attnc_isub(3, qlo), 56);
  const int tca7789 = attnc_idiv(attnc_isub(6, kvlo), 56);
  const int tca7790 = attnc_iadd(tca7789, tca7272);
  const bool tca7857 = (0 <= attnc_iadd(tca7795, tca7286));
  const bool tca7791 = (0 <= tca7790);
  const bool tca7877 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca7795, tca7272), 3)) && tca7451) && tca7446) && tca7386) && (0 <= attnc_iadd(tca7790, 6))) && (0 <= attnc_iadd(attnc_iadd(tca7789, tca7286), 3))) && tca7857) && tca7298) && tca7381) && tca7791) && tca7440);
  const bool tca7862 = (0 < attnc_iadd(tca7789, tca7232));
  const int tca8061 = attnc_iadd(tca7479, tca7289);
  const int tca8085 = attnc_iadd(tca7307, tca7285);
  const int tca8057 = attnc_iadd(tca7474, tca7289);
  const bool tca8099 = (((((((((0 <= attnc_iadd(attnc_iadd(tca8061, tca7285), 1)) && (0 <= attnc_iadd(attnc_iadd(tca8085, tca7286), 1))) && tca7435) && tca7438) && (0 <= attnc_iadd(tca8061, tca7279))) && (0 <= attnc_iadd(tca8061, tca7281))) && tca7551) && tca7618) && (0 <= attnc_iadd(tca8057, tca7285)));
  const int tca8071 = attnc_iadd(tca7307, tca7279);
  const bool tca8073 = (0 <= attnc_iadd(tca8071, tca7286));
  const int tca8078 = attnc_iadd(tca7307, tca7281);
  const bool tca8080 = (0 <= attnc_iadd(tca8078, tca7286));
  const bool tca8112 = (((((((((((((tca8099 && tca8073) && tca8080) && tca7548) && tca7615) && tca7430) && tca7373) && tca7402) && tca7316) && tca7327) && tca7432) && tca7375) && tca7404) && tca7319);
  const bool tca7922 = (0 <= attnc_iadd(tca7427, tca7232));
  const bool tca8125 = (((((((((((((tca8112 && tca7330) && tca7481) && tca7414) && tca7545) && tca7612) && tca7478) && tca7922) && tca7369) && tca7398) && tca7311) && tca7411) && tca7322) && tca7302);
  const bool tca8138 = (((((((((((((tca8125 && tca7313) && tca7324) && tca7304) && tca7354) && tca7383) && tca7408) && tca7308) && (0 <= attnc_iadd(tca7289, 2))) && tca7510) && tca7352) && tca7298) && tca7381) && tca7577);
  const int tca8059 = attnc_iadd(tca7307, tca7286);
  const bool tca8033 = (tca7232 <= attnc_iadd(tca7479, 7));
  const bool tca8028 = (tca7232 <= attnc_iadd(tca7474, 6));
  const int tca8029 = attnc_iadd(tca7283, tca7286);
  const bool tca8031 = (tca7232 <= attnc_iadd(tca8029, 7));
  const bool tca8010 = (tca7232 <= attnc_iadd(tca7287, 7));
  const bool tca8149 = (((((((((((tca8138 && (tca7232 <= attnc_iadd(tca8061, 3))) && (tca7232 <= attnc_iadd(tca8057, 2))) && (tca7232 <= attnc_iadd(tca8059, 3))) && (tca7232 <= attnc_iadd(tca7343, 3))) && (tca7232 <= attnc_iadd(tca7341, 2))) && (tca7232 <= attnc_iadd(tca7345, 3))) && tca8033) && tca8028) && tca8031) && (tca7232 <= attnc_iadd(tca7339, 3))) && tca8010);
  const bool tca8008 = (tca7232 <= attnc_iadd(tca7277, 6));
  const bool tca8012 = (tca7232 <= attnc_iadd(tca7294, 7));
  const bool tca8006 = (tca7232 <= attnc_iadd(tca7272, 7));
  const bool tca7890 = (tca7232 <= attnc_iadd(tca7286, 3));
  const bool tca8070 = (0 < attnc_iadd(tca8057, tca7279));
  const bool tca8077 = (0 < attnc_iadd(tca8057, tca7281));
  const bool tca7914 = (0 < attnc_iadd(tca7367, tca7232));
  const bool tca7918 = (0 < attnc_iadd(tca7396, tca7232));
  const bool tca8167 = (((((((((((((tca7890 && tca8070) && tca8077) && tca7371) && tca7400) && tca7476) && tca7914) && tca7918) && tca7300) && tca7350) && tca7379) && tca7440) && (3 < tca8061)) && (3 < tca8059));
  const bool tca8054 = (tca7232 <= attnc_iadd(tca7802, 6));
  const bool tca8448 = ((((tca8444 || ((((((tca7877 && tca7862) && tca7335) && (3 < attnc_iadd(tca7795, tca7232))) && tca7377) && tca7333) && tca7331)) || ((((((tca8149 && tca8008) && tca8012) && (tca7232 <= attnc_iadd(tca7293, 3))) && (tca7232 <= attnc_iadd(tca7275, 2))) && tca8006) && (((((((((tca8167 && tca7344) && tca7346) && tca7340) && tca7334) && tca7333) && (4 < tca8057)) && tca7342) && (4 < attnc_iadd(tca7289, tca7232))) && tca7332))) || ((((((((((tca7298 && tca7381) && tca8054) && (tca7232 <= attnc_iadd(tca7293, 2))) && tca8006) && tca7890) && tca7804) && tca7828) && tca7440) && tca7333) && tca7826)) || ((((((((tca7857 && tca7298) && tca7381) && tca7791) && tca8006) && tca7890) && tca7440) && tca7862) && tca7333));
  const bool tca8231 = (((((((((((tca8099 && (0 <= attnc_iadd(tca8085, 4))) && (0 <= attnc_iadd(tca8071, 3))) && tca8073) && (0 <= attnc_iadd(tca8078, 3))) && tca8080) && tca7548) && tca7615) && tca7430) && tca7373) && tca7402) && tca7316);
  const bool tca8244 = (((((((((((((tca8231 && tca7327) && tca7432) && tca7375) && tca7404) && tca7319) && tca7330) && tca7481) && tca7414) && tca7545) && tca7612) && (0 <= attnc_iadd(tca7541, 4))) && (0 <= attnc_iadd(tca7471, 3))) && tca7478);
  const bool tca8245 = (tca8244 && (0 <= attnc_iadd(tca7608, 4)));
  const bool tca8256 = (((((((((((tca8245 && (0 <= attnc_iadd(tca7427, 7))) && (0 <= attnc_iadd(tca7367, 6))) && tca7369) && (0 <= attnc_iadd(tca7396, 6))) && tca7398) && tca7311) && tca7411) && tca7322) && tca7302) && tca7313) && tca7324);
  const bool tca8257 = (tca8256 && tca7304);
  const bool tca8208 = (0 <= tca7479);
  const bool tca8207 = (0 <= tca8029);
  const bool tca7954 = (0 <= attnc_iadd(tca7290, 7));
  const bool tca7970 = (0 <= attnc_iadd(tca7285, 4));
  const bool tca7958 = (0 <= attnc_iadd(tca7279, 3));
  const bool tca7952 = (0 <= attnc_iadd(tca7271, 6));
  const bool tca8270 = (((((((((((((tca8257 && tca8208) && tca7354) && tca7383) && tca7408) && tca7296) && tca7308) && tca8207) && tca7954) && tca7970) && tca7958) && tca7352) && tca7952) && tca7298);
  const bool tca7964 = (0 <= attnc_iadd(tca7281, 3));
  const bool tca7956 = (0 <= attnc_iadd(tca7292, 7));
  const bool tca7267 = (0 <= attnc_isub(tca7232, 7));
  const bool tca8206 = (0 < tca7474);
  const bool tca8198 = (0 < tca7277);
  const bool tca8288 = ((((tca7952 && tca7298) && tca7964) && tca7381) && tca7267);
  const bool tca8214 = (0 < tca7802);
  const bool tca8292 = ((0 <= attnc_iadd(tca7795, 3)) && tca7857);
  const bool tca8299 = (((((((tca8292 && tca7952) && tca7298) && tca7964) && tca7381) && (0 <= attnc_iadd(tca7789, 6))) && tca7791) && tca7267);
  const bool tca8309 = ((((((((((tca8245 && tca7922) && tca7369) && tca7398) && tca7311) && tca7411) && tca7322) && tca7302) && tca7313) && tca7324) && tca7304);
  const bool tca8322 = (((((((((((((tca8309 && tca8208) && tca7354) && tca7383) && tca7408) && tca7296) && tca7308) && tca8207) && tca7510) && tca7970) && tca7958) && tca7352) && tca7298) && tca7964);
  const bool tca8199 = (0 < tca7232);
  const bool tca7268 = (!tca7267);
  const bool tca8342 = ((tca7298 && tca7964) && tca7381);
  const bool tca8452 = ((((((((((tca8270 && tca7964) && tca7381) && tca7956) && tca7267) && tca8070) && ((((((((tca8077 && tca7371) && tca7400) && tca7476) && tca7300) && tca8206) && tca7350) && tca7379) && tca8198)) || (((tca8288 && tca7804) && tca7828) && tca8214)) || tca8299) || ((((((((tca8322 && tca7381) && tca7577) && tca7267) && tca8070) && tca8077) && tca7371) && tca7400) && ((((((((((tca7476 && tca7914) && tca7918) && tca7300) && tca8206) && tca7350) && tca7379) && tca7440) && tca8198) && tca8199) && tca7268))) || (((((((tca8342 && tca7267) && tca7804) && tca7828) && tca7440) && tca8214) && tca8199) && tca7268));
  const bool tca8353 = ((((tca8292 && tca7298) && tca7964) && tca7381) && tca7791);
  const bool tca8373 = (((((((((((((tca8257 && tca7354) && tca7383) && tca7408) && tca7308) && tca7954) && tca7970) && tca7958) && tca7352) && tca7952) && tca7298) && tca7964) && tca7381) && tca7956);
  const bool tca8360 = (tca7232 <= attnc_iadd(tca7283, 10));
  const bool tca8197 = (tca7232 <= 13);
  const bool tca8391 = (((((((((((((tca8008 && tca8012) && tca8360) && tca8006) && tca8197) && tca8070) && tca8077) && tca7371) && tca7400) && tca7476) && tca7300) && tca7350) && tca7379) && tca7268);
  const bool tca8414 = (((((((((((((tca8309 && tca7354) && tca7383) && tca7408) && tca7308) && tca7510) && tca7970) && tca7958) && tca7352) && tca7298) && tca7964) && tca7381) && tca7577) && tca8033);
  const bool tca8456 = ((((((((tca8288 && tca8054) && tca8006) && tca8197) && tca7804) && tca7828) && tca7268) || (((tca8299 && tca8006) && tca8197) && tca7268)) || ((((((((tca8414 && tca8028) && tca8031) && tca8010) && tca8008) && tca8012) && tca8360) && tca8006) && (((((((((((tca8070 && tca8077) && tca7371) && tca7400) && tca7476) && tca7914) && tca7918) && tca7300) && tca7350) && tca7379) && tca7440) && tca7268)));
  return ((tca8448 || ((tca8452 || (((((tca8353 && tca7267) && tca7440) && tca7862) && tca8199) && tca7268)) || ((((((tca8373 && tca7267) && tca8033) && tca8028) && tca8031) && tca8010) && tca8391))) || ((tca8456 || ((((((tca8342 && tca8054) && tca8006) && tca7804) && tca7828) && tca7440) && tca7268)) || ((((tca8353 && tca8006) && tca7440) && tca7862) && tca7268)));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf7271 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tcf7272 = attnc_idiv(kvhi, 56);
  const bool tcf7298 = (0 <= attnc_iadd(tcf7271, tcf7272));
  const int tcf7281 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tcf7286 = attnc_idiv(qhi, 56);
  const bool tcf7381 = (0 <= attnc_iadd(tcf7281, tcf7286));
  const bool tcf8178 = (tcf7298 && tcf7381);
  const int tcf7232 = attnc_idiv(attnc_kv_len(p, b), 56);
  const bool tcf7377 = (3 < attnc_iadd(tcf7281, tcf7232));
  const bool tcf7333 = (3 < tcf7286);
  const bool tcf8461 = (7 < attnc_iadd(tcf7271, tcf7232));
  const bool tcf7331 = (7 < tcf7232);
  const bool tcf8468 = (tcf8178 && (tcf7232 <= attnc_iadd(tcf7286, 3)));
  const bool tcf8342 = ((tcf7298 && (0 <= attnc_iadd(tcf7281, 3))) && tcf7381);
  const bool tcf7267 = (0 <= attnc_isub(tcf7232, 7));
  const bool tcf7268 = (!tcf7267);
  const bool tcf8480 = (tcf7232 <= tcf7272);
  const bool tcf8548 = (((((((((((tcf8178 && (3 < attnc_iadd(tcf7271, tcf7286))) && tcf7377) && tcf7333) && tcf8461) && tcf7331) || ((tcf8468 && tcf7333) && tcf8461)) || ((tcf8342 && tcf8461) && tcf7268)) || (((((tcf8178 && tcf7377) && (3 < attnc_iadd(tcf7281, tcf7272))) && tcf7333) && tcf7331) && (7 < tcf7272))) || ((tcf8468 && tcf8480) && tcf7333)) || ((tcf8342 && tcf7267) && (6 < tcf7272))) || ((tcf8342 && tcf8480) && tcf7268));
  const int tcf7279 = attnc_idiv(attnc_isub(52, qlo), 56);
  const bool tcf7352 = (0 <= attnc_iadd(tcf7279, tcf7286));
  const int tcf7816 = attnc_imul(56, tcf7272);
  const int tcf7275 = attnc_idiv(attnc_iadd(qhi, 52), 56);
  const bool tcf7350 = (0 < attnc_iadd(tcf7275, tcf7279));
  const bool tcf7379 = (0 < attnc_iadd(tcf7275, tcf7281));
  const int tcf8491 = attnc_idiv(attnc_isub(attnc_iadd(attnc_iadd(tcf7816, qhi), 52), kvlo), 56);
  const int tcf8515 = attnc_idiv(attnc_isub(51, qlo), 56);
  const int tcf7778 = attnc_iadd(attnc_imul(56, tcf7271), kvhi);
  const int tcf8518 = attnc_idiv(attnc_isub(attnc_iadd(tcf7778, 52), qlo), 56);
  const bool tcf8551 = (((tcf8548 || ((((((((tcf7352 && tcf7298) && tcf7381) && (kvlo <= attnc_iadd(tcf7816, 48))) && (kvlo <= attnc_iadd(tcf7816, 51))) && tcf7350) && tcf7379) && (0 < attnc_iadd(tcf8491, tcf7279))) && (0 < attnc_iadd(tcf8491, tcf7281)))) || ((((0 <= attnc_iadd(attnc_idiv(attnc_isub(48, kvlo), 56), tcf7272)) && tcf7298) && tcf7381) && (0 < attnc_iadd(attnc_idiv(attnc_iadd(qhi, 3), 56), tcf7281)))) || (((((((((((0 <= attnc_iadd(tcf8515, tcf7286)) && tcf7352) && tcf7298) && tcf7381) && (0 < attnc_iadd(tcf7275, tcf8515))) && tcf7350) && tcf7379) && (0 < attnc_iadd(tcf8518, tcf7286))) && (1 < attnc_iadd(tcf7275, tcf8518))) && (3 < tcf7778)) && (7 < tcf7778)));
  return (!(tcf8551 || ((((0 <= attnc_iadd(attnc_idiv(attnc_isub(3, qlo), 56), tcf7286)) && tcf7298) && tcf7381) && (0 < attnc_iadd(attnc_idiv(attnc_iadd(kvhi, 49), 56), tcf7271)))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl7232 = attnc_idiv(attnc_kv_len(p, b), 56);
    const bool tkl7331 = (7 < tkl7232);
    const int tkl7275 = attnc_idiv(attnc_iadd(qhi, 52), 56);
    const bool tkl7332 = (4 < tkl7275);
    const int tkl7286 = attnc_idiv(qhi, 56);
    const bool tkl7333 = (3 < tkl7286);
    const int tkl7279 = attnc_idiv(attnc_isub(52, qlo), 56);
    const bool tkl7350 = (0 < attnc_iadd(tkl7275, tkl7279));
    const bool tkl7352 = (0 <= attnc_iadd(tkl7279, tkl7286));
    const int tkl7281 = attnc_idiv(attnc_isub(55, qlo), 56);
    const int tkl7376 = attnc_iadd(tkl7281, tkl7232);
    const bool tkl7377 = (3 < tkl7376);
    const bool tkl7379 = (0 < attnc_iadd(tkl7275, tkl7281));
    const int tkl7380 = attnc_iadd(tkl7281, tkl7286);
    const bool tkl7381 = (0 <= tkl7380);
    const int tkl7935 = attnc_imul(56, tkl7232);
    const int tkl8554 = attnc_isub(tkl7935, 1);
    const bool tkl8555 = (0 <= tkl8554);
    const int tkl8556 = attnc_isub(qlo, 171);
    const int tkl24 = attnc_isub(attnc_kv_len(p, b), 1);
    const bool tkl8557 = (tkl8556 <= tkl24);
    const bool tkl8558 = (tkl8556 <= tkl8554);
    const int tkl8559 = attnc_imul(56, tkl7275);
    const int tkl8561 = attnc_iadd(tkl8559, 167);
    const int tkl8563 = attnc_imul(56, tkl7286);
    const int tkl8565 = attnc_iadd(tkl8563, 223);
    const bool tkl8737 = (((((((((((((tkl7331 && tkl7332) && tkl7333) && (3 < attnc_iadd(tkl7279, tkl7232))) && tkl7350) && tkl7352) && tkl7377) && tkl7379) && tkl7381) && tkl8555) && tkl8557) && tkl8558) && (tkl8556 <= tkl8561)) && (tkl8556 <= tkl8565));
    const int tkl7941 = attnc_iadd(tkl7935, 2);
    const bool tkl8567 = (tkl8556 <= tkl7941);
    const int tkl8569 = attnc_iadd(tkl8559, 170);
    const int tkl8572 = attnc_iadd(tkl8563, 226);
    const bool tkl8574 = (55 < tkl24);
    const bool tkl8575 = (55 < tkl8554);
    const int tkl8583 = attnc_imul(56, tkl7279);
    const int tkl8586 = attnc_isub(0, attnc_iadd(tkl8583, 168));
    const int tkl7806 = attnc_iadd(qhi, 171);
    const int tkl8592 = attnc_iadd(qhi, 226);
    const int tkl8595 = attnc_iadd(qhi, 225);
    const int tkl8598 = attnc_iadd(qhi, 229);
    const int tkl8604 = attnc_iadd(qhi, 228);
    const bool tkl8760 = (((((((((((((52 < tkl7941) && (tkl8586 <= tkl24)) && (tkl8586 <= tkl7806)) && (tkl8586 <= tkl8554)) && (tkl8586 <= tkl8561)) && (tkl8586 <= tkl8565)) && (tkl8586 <= tkl8592)) && (tkl8586 <= tkl8595)) && (tkl8586 <= tkl8598)) && (tkl8586 <= tkl7941)) && (tkl8586 <= tkl8569)) && (tkl8586 <= tkl8572)) && (tkl8586 <= tkl8604));
    const int tkl8607 = attnc_iadd(qhi, 232);
    const int tkl8610 = attnc_isub(0, attnc_iadd(tkl8583, 167));
    const bool tkl8772 = ((((((((((((tkl8760 && (tkl8586 <= tkl8607)) && (tkl8610 <= tkl24)) && (tkl8610 <= tkl7806)) && (tkl8610 <= tkl8554)) && (tkl8610 <= tkl8561)) && (tkl8610 <= tkl8565)) && (tkl8610 <= tkl8592)) && (tkl8610 <= tkl8595)) && (tkl8610 <= tkl8598)) && (tkl8610 <= tkl7941)) && (tkl8610 <= tkl8569)) && (tkl8610 <= tkl8572));
    const int tkl8625 = attnc_isub(0, attnc_iadd(tkl8583, 171));
    const bool tkl8784 = ((((((((((((tkl8772 && (tkl8610 <= tkl8604)) && (tkl8610 <= tkl8607)) && (tkl8625 <= tkl24)) && (tkl8625 <= tkl7806)) && (tkl8625 <= tkl8554)) && (tkl8625 <= tkl8561)) && (tkl8625 <= tkl8565)) && (tkl8625 <= tkl8592)) && (tkl8625 <= tkl8595)) && (tkl8625 <= tkl8598)) && (tkl8625 <= tkl7941)) && (tkl8625 <= tkl8569));
    const int tkl8639 = attnc_imul(56, tkl7281);
    const int tkl8641 = attnc_isub(0, attnc_iadd(tkl8639, 168));
    const bool tkl8642 = (tkl8641 <= tkl24);
    const bool tkl8644 = (tkl8641 <= tkl8554);
    const bool tkl8646 = (tkl8641 <= tkl8565);
    const bool tkl8796 = ((((((((((((tkl8784 && (tkl8625 <= tkl8572)) && (tkl8625 <= tkl8604)) && (tkl8625 <= tkl8607)) && tkl8642) && (tkl8641 <= tkl7806)) && tkl8644) && (tkl8641 <= tkl8561)) && tkl8646) && (tkl8641 <= tkl8592)) && (tkl8641 <= tkl8595)) && (tkl8641 <= tkl8598)) && (tkl8641 <= tkl7941));
    const int tkl8656 = attnc_isub(0, attnc_iadd(tkl8639, 167));
    const int tkl8671 = attnc_isub(0, attnc_iadd(tkl8639, 171));
    const bool tkl8814 = (((((((((((((tkl8656 <= tkl8554) && (tkl8656 <= tkl8561)) && (tkl8656 <= tkl8565)) && (tkl8656 <= tkl8592)) && (tkl8656 <= tkl8595)) && (tkl8656 <= tkl8598)) && (tkl8656 <= tkl7941)) && (tkl8656 <= tkl8569)) && (tkl8656 <= tkl8572)) && (tkl8656 <= tkl8604)) && (tkl8656 <= tkl8607)) && (tkl8671 <= tkl24)) && (tkl8671 <= tkl7806));
    const int tkl8685 = attnc_isub(qlo, 226);
    const bool tkl8826 = ((((((((((((tkl8814 && (tkl8671 <= tkl8554)) && (tkl8671 <= tkl8561)) && (tkl8671 <= tkl8565)) && (tkl8671 <= tkl8592)) && (tkl8671 <= tkl8595)) && (tkl8671 <= tkl8598)) && (tkl8671 <= tkl7941)) && (tkl8671 <= tkl8569)) && (tkl8671 <= tkl8572)) && (tkl8671 <= tkl8604)) && (tkl8671 <= tkl8607)) && (tkl8685 <= tkl24));
    const int tkl8693 = attnc_isub(qlo, 225);
    const bool tkl8838 = ((((((((((((tkl8826 && (tkl8685 <= tkl8554)) && (tkl8685 <= tkl8561)) && (tkl8685 <= tkl8565)) && (tkl8685 <= tkl7941)) && (tkl8685 <= tkl8569)) && (tkl8685 <= tkl8572)) && (tkl8693 <= tkl24)) && (tkl8693 <= tkl8554)) && (tkl8693 <= tkl8561)) && (tkl8693 <= tkl8565)) && (tkl8693 <= tkl7941)) && (tkl8693 <= tkl8569));
    const int tkl8701 = attnc_isub(qlo, 229);
    const int tkl8709 = attnc_isub(qlo, 228);
    const int tkl8717 = attnc_isub(qlo, 232);
    const bool tkl8859 = (((((((((((((tkl8709 <= tkl8554) && (tkl8709 <= tkl8561)) && (tkl8709 <= tkl8565)) && (tkl8709 <= tkl7941)) && (tkl8709 <= tkl8569)) && (tkl8709 <= tkl8572)) && (tkl8717 <= tkl24)) && (tkl8717 <= tkl8554)) && (tkl8717 <= tkl8561)) && (tkl8717 <= tkl8565)) && (tkl8717 <= tkl7941)) && (tkl8717 <= tkl8569)) && (tkl8717 <= tkl8572));
    const bool tkl8862 = (((((((((((((tkl8737 && tkl8567) && (tkl8556 <= tkl8569)) && (tkl8556 <= tkl8572)) && tkl8574) && tkl8575) && (55 < tkl7941)) && (56 < tkl24)) && (56 < tkl8554)) && (56 < tkl7941)) && (52 < tkl24)) && (52 < tkl8554)) && ((((((tkl8796 && (tkl8641 <= tkl8569)) && (tkl8641 <= tkl8572)) && (tkl8641 <= tkl8604)) && (tkl8641 <= tkl8607)) && (tkl8656 <= tkl24)) && (tkl8656 <= tkl7806))) && ((((((((((tkl8838 && (tkl8693 <= tkl8572)) && (tkl8701 <= tkl24)) && (tkl8701 <= tkl8554)) && (tkl8701 <= tkl8561)) && (tkl8701 <= tkl8565)) && (tkl8701 <= tkl7941)) && (tkl8701 <= tkl8569)) && (tkl8701 <= tkl8572)) && (tkl8709 <= tkl24)) && tkl8859));
    const int tkl8877 = max(max(max(max(max(max(max(max(max(max(max(max(max(0, tkl8556), 56), 57), 53), tkl8586), tkl8610), tkl8625), tkl8641), tkl8656), tkl8671), tkl8685), tkl8693), tkl8701);
    const int tkl7293 = attnc_idiv(attnc_iadd(qhi, 3), 56);
    const bool tkl7826 = (4 < tkl7293);
    const int tkl7382 = attnc_iadd(tkl7293, tkl7281);
    const bool tkl7828 = (0 < tkl7382);
    const bool tkl7884 = (1 < tkl7232);
    const bool tkl7916 = (0 <= attnc_iadd(tkl7376, 2));
    const bool tkl8895 = (0 <= attnc_iadd(tkl7380, 6));
    const bool tkl8921 = (((((((((((((tkl7331 && tkl7826) && tkl7333) && tkl7377) && tkl7828) && tkl7381) && tkl7884) && tkl7916) && (0 <= attnc_iadd(tkl7382, 5))) && tkl8895) && tkl8555) && (104 < tkl24)) && (104 < tkl8554)) && tkl8574);
    const int tkl8901 = attnc_isub(0, attnc_iadd(tkl8639, 119));
    const int tkl8905 = attnc_iadd(attnc_imul(56, tkl7293), 167);
    const int tkl7795 = attnc_idiv(attnc_isub(3, qlo), 56);
    const int tkl7854 = attnc_iadd(tkl7795, tkl7232);
    const int tkl7856 = attnc_iadd(tkl7795, tkl7286);
    const bool tkl7857 = (0 <= tkl7856);
    const int tkl8940 = attnc_isub(tkl7935, 50);
    const bool tkl8941 = (0 <= tkl8940);
    const bool tkl8967 = (((((((((((((tkl7331 && tkl7333) && (3 < tkl7854)) && tkl7857) && tkl7377) && tkl7381) && tkl7884) && (0 <= attnc_iadd(tkl7854, 2))) && (0 <= attnc_iadd(tkl7856, 6))) && tkl7916) && tkl8895) && tkl8941) && tkl8555) && tkl8574);
    const int tkl8945 = attnc_isub(0, attnc_iadd(attnc_imul(56, tkl7795), 168));
    const int tkl8949 = attnc_iadd(tkl8563, 174);
    const bool tkl8979 = ((((((((((((tkl8967 && (55 < tkl8940)) && tkl8575) && (tkl8945 <= tkl24)) && (tkl8945 <= tkl8940)) && (tkl8945 <= tkl8949)) && (tkl8945 <= tkl8554)) && (tkl8945 <= tkl8565)) && tkl8642) && (tkl8641 <= tkl8940)) && (tkl8641 <= tkl8949)) && tkl8644) && tkl8646);
    const bool tkl7890 = (tkl7232 <= attnc_iadd(tkl7286, 3));
    const int tkl8987 = attnc_isub(attnc_iadd(tkl7935, qhi), 277);
    const int tkl8991 = attnc_isub(attnc_iadd(attnc_iadd(tkl8583, tkl7935), qhi), 53);
    const bool tkl8992 = (0 <= tkl8991);
    const int tkl8995 = attnc_isub(attnc_iadd(attnc_iadd(tkl8639, tkl7935), qhi), 53);
    const bool tkl8996 = (0 <= tkl8995);
    const int tkl8998 = attnc_isub(tkl7935, 392);
    const bool tkl8999 = (tkl8998 <= tkl24);
    const bool tkl9045 = ((((((((((((tkl7332 && tkl7333) && (tkl7232 <= attnc_iadd(tkl7275, 2))) && tkl7890) && tkl7350) && tkl7352) && tkl7379) && tkl7381) && tkl8555) && (0 <= tkl8987)) && tkl8992) && tkl8996) && tkl8999);
    const int tkl9001 = attnc_iadd(qhi, 115);
    const bool tkl9003 = (tkl8998 <= tkl8991);
    const bool tkl9004 = (tkl8998 <= tkl8995);
    const int tkl9005 = attnc_isub(tkl7935, 391);
    const bool tkl9006 = (tkl9005 <= tkl24);
    const bool tkl9008 = (tkl9005 <= tkl8991);
    const bool tkl9009 = (tkl9005 <= tkl8995);
    const int tkl9010 = attnc_isub(tkl7935, 395);
    const bool tkl9011 = (tkl9010 <= tkl24);
    const bool tkl9013 = (tkl9010 <= tkl8991);
    const bool tkl9014 = (tkl9010 <= tkl8995);
    const int tkl8047 = attnc_iadd(tkl7935, qlo);
    const int tkl9017 = attnc_isub(tkl8047, attnc_iadd(tkl8559, 339));
    const bool tkl9018 = (tkl9017 <= tkl24);
    const bool tkl9057 = ((((((((((((tkl9045 && (tkl8998 <= tkl9001)) && tkl9003) && tkl9004) && tkl9006) && (tkl9005 <= tkl9001)) && tkl9008) && tkl9009) && tkl9011) && (tkl9010 <= tkl9001)) && tkl9013) && tkl9014) && tkl9018);
    const bool tkl9019 = (tkl9017 <= tkl8554);
    const bool tkl9020 = (tkl9017 <= tkl7941);
    const bool tkl9023 = (tkl9017 <= tkl8991);
    const bool tkl9024 = (tkl9017 <= tkl8995);
    const int tkl9026 = attnc_isub(tkl8047, attnc_iadd(tkl8563, 395));
    const bool tkl9027 = (tkl9026 <= tkl24);
    const bool tkl9028 = (tkl9026 <= tkl8554);
    const bool tkl9029 = (tkl9026 <= tkl7941);
    const bool tkl9032 = (tkl9026 <= tkl8991);
    const bool tkl9033 = (tkl9026 <= tkl8995);
    const bool tkl9070 = (((((((((((((tkl9057 && tkl9019) && tkl9020) && (tkl9017 <= tkl8987)) && (tkl9017 <= tkl9001)) && tkl9023) && tkl9024) && tkl9027) && tkl9028) && tkl9029) && (tkl9026 <= tkl8987)) && (tkl9026 <= tkl9001)) && tkl9032) && tkl9033);
    const int tkl9071 = max(0, tkl8998);
    const int tkl9073 = max(max(tkl9071, tkl9005), tkl9010);
    const int tkl9418 = min(min(min((tkl8862 ? max(max(tkl8877, tkl8709), tkl8717) : attnc_kv_len(p, b)), ((((((((((tkl8921 && tkl8575) && (tkl8901 <= tkl24)) && (tkl8901 <= tkl8554)) && (tkl8901 <= tkl8905)) && (tkl8901 <= tkl8565)) && tkl8642) && tkl8644) && (tkl8641 <= tkl8905)) && tkl8646) ? max(max(105, tkl8901), tkl8641) : attnc_kv_len(p, b))), (tkl8979 ? max(max(56, tkl8945), tkl8641) : attnc_kv_len(p, b))), (tkl9070 ? max(max(tkl9073, tkl9017), tkl9026) : attnc_kv_len(p, b)));
    const int tkl9082 = attnc_isub(tkl7935, 343);
    const bool tkl9083 = (tkl9082 <= tkl24);
    const int tkl9093 = max(max(0, tkl9082), tkl8998);
    const bool tkl7267 = (0 <= attnc_isub(tkl7232, 7));
    const bool tkl7958 = (0 <= attnc_iadd(tkl7279, 3));
    const bool tkl7964 = (0 <= attnc_iadd(tkl7281, 3));
    const int tkl9102 = attnc_iadd(attnc_iadd(tkl8583, qhi), 339);
    const bool tkl9103 = (0 <= tkl9102);
    const int tkl9105 = attnc_iadd(attnc_iadd(tkl8639, qhi), 339);
    const bool tkl9106 = (0 <= tkl9105);
    const bool tkl7188 = (0 < tkl24);
    const bool tkl9142 = (((((((((((((tkl7267 && tkl7958) && tkl7350) && tkl7352) && tkl7964) && tkl7379) && tkl7381) && tkl9103) && tkl9106) && tkl7188) && (0 < tkl9102)) && (0 < tkl9105)) && ((-3) <= tkl9102)) && ((-3) <= tkl9105));
    const int tkl9117 = attnc_isub(attnc_iadd(qlo, 52), tkl8559);
    const bool tkl9118 = (tkl9117 < tkl24);
    const int tkl9124 = attnc_isub(qlo, attnc_iadd(tkl8563, 3));
    const bool tkl9125 = (tkl9124 <= tkl24);
    const bool tkl9155 = (((((((((((((tkl9142 && tkl8557) && (tkl8556 <= 391)) && (tkl8556 <= 394)) && (tkl8556 <= tkl9102)) && (tkl8556 <= tkl9105)) && tkl9118) && (tkl9117 < 391)) && (tkl9117 < 394)) && (tkl9117 < tkl9102)) && (tkl9117 < tkl9105)) && tkl9125) && (tkl9124 <= 391)) && (tkl9124 <= 394));
    const int tkl9162 = max(max(max(1, tkl8556), attnc_isub(attnc_iadd(qlo, 53), tkl8559)), tkl9124);
    const int tkl9421 = min(min(min(tkl9418, (((((((((tkl7826 && tkl7333) && (tkl7232 <= attnc_iadd(tkl7293, 2))) && tkl7890) && tkl7828) && tkl7381) && tkl8555) && tkl9083) && tkl8999) ? tkl9093 : attnc_kv_len(p, b))), (((((((tkl7333 && tkl7890) && tkl7857) && tkl7381) && tkl8941) && tkl8555) && tkl8999) ? tkl9071 : attnc_kv_len(p, b))), (((tkl9155 && (tkl9124 <= tkl9102)) && (tkl9124 <= tkl9105)) ? tkl9162 : attnc_kv_len(p, b)));
    const bool tkl9167 = (48 < tkl24);
    const bool tkl8002 = (0 <= attnc_iadd(tkl7795, 3));
    const bool tkl7268 = (!tkl7267);
    const bool tkl9193 = (tkl7267 && tkl7268);
    const bool tkl8199 = (0 < tkl7232);
    const bool tkl9206 = (((((((((((((tkl9193 && tkl7958) && tkl7350) && tkl7352) && tkl7964) && tkl7379) && tkl7381) && tkl8199) && tkl8555) && tkl8992) && tkl8996) && tkl7188) && (0 < tkl8554)) && (0 < tkl8991));
    const bool tkl9218 = ((((((((((((tkl9206 && (0 < tkl8995)) && ((-3) <= tkl8991)) && ((-3) <= tkl8995)) && tkl8557) && tkl8558) && tkl8567) && (tkl8556 <= tkl8991)) && (tkl8556 <= tkl8995)) && tkl9118) && (tkl9117 < tkl8554)) && (tkl9117 < tkl7941)) && (tkl9117 < tkl8991));
    const bool tkl9269 = (tkl7268 && tkl7267);
    const bool tkl8197 = (tkl7232 <= 13);
    const bool tkl9242 = (tkl8998 <= 391);
    const bool tkl9282 = (((((((((((((tkl9269 && tkl7958) && tkl7350) && tkl7352) && tkl7964) && tkl7379) && tkl7381) && tkl8197) && tkl9103) && tkl9106) && tkl8999) && tkl9242) && (tkl8998 <= 394)) && (tkl8998 <= tkl9102));
    const int tkl9255 = attnc_isub(tkl8047, 563);
    const bool tkl9256 = (tkl9255 <= tkl24);
    const bool tkl9294 = ((((((((((((tkl9282 && (tkl8998 <= tkl9105)) && tkl9006) && (tkl9005 <= 391)) && (tkl9005 <= 394)) && (tkl9005 <= tkl9102)) && (tkl9005 <= tkl9105)) && tkl9011) && (tkl9010 <= 391)) && (tkl9010 <= 394)) && (tkl9010 <= tkl9102)) && (tkl9010 <= tkl9105)) && tkl9256);
    const bool tkl9306 = ((((((((((((tkl9294 && (tkl9255 <= 391)) && (tkl9255 <= 394)) && (tkl9255 <= tkl9102)) && (tkl9255 <= tkl9105)) && tkl9018) && (tkl9017 <= 391)) && (tkl9017 <= 394)) && (tkl9017 <= tkl9102)) && (tkl9017 <= tkl9105)) && tkl9027) && (tkl9026 <= 391)) && (tkl9026 <= 394));
    const int tkl9311 = max(max(max(tkl9073, tkl9255), tkl9017), tkl9026);
    const int tkl9428 = min(min(min(min(min(min(min(tkl9421, (((((tkl7267 && tkl7964) && tkl7828) && tkl7381) && tkl9167) ? 49 : attnc_kv_len(p, b))), (((((tkl7267 && tkl8002) && tkl7857) && tkl7964) && tkl7381) ? 0 : attnc_kv_len(p, b))), (((((((tkl9218 && (tkl9117 < tkl8995)) && tkl9125) && (tkl9124 <= tkl8554)) && (tkl9124 <= tkl7941)) && (tkl9124 <= tkl8991)) && (tkl9124 <= tkl8995)) ? tkl9162 : attnc_kv_len(p, b))), ((((((((tkl9193 && tkl7964) && tkl7828) && tkl7381) && tkl8199) && tkl8555) && tkl9167) && (48 < tkl8554)) ? 49 : attnc_kv_len(p, b))), ((((((((tkl9193 && tkl8002) && tkl7857) && tkl7964) && tkl7381) && tkl8199) && tkl8941) && tkl8555) ? 0 : attnc_kv_len(p, b))), (((tkl9306 && (tkl9026 <= tkl9102)) && (tkl9026 <= tkl9105)) ? tkl9311 : attnc_kv_len(p, b))), (((((((((tkl9269 && tkl7964) && tkl7828) && tkl7381) && tkl8197) && tkl9083) && (tkl9082 <= 391)) && tkl8999) && tkl9242) ? tkl9093 : attnc_kv_len(p, b)));
    const bool tkl9346 = (((((((((((((tkl7268 && tkl7958) && tkl7350) && tkl7352) && tkl7964) && tkl7379) && tkl7381) && tkl8555) && tkl8992) && tkl8996) && tkl8999) && tkl9003) && tkl9004) && tkl9006);
    const bool tkl9359 = (((((((((((((tkl9346 && tkl9008) && tkl9009) && tkl9011) && tkl9013) && tkl9014) && tkl9256) && (tkl9255 <= tkl8554)) && (tkl9255 <= tkl7941)) && (tkl9255 <= tkl8991)) && (tkl9255 <= tkl8995)) && tkl9018) && tkl9019) && tkl9020);
    lo = min(min(min(min(tkl9428, (((((((((tkl9269 && tkl8002) && tkl7857) && tkl7964) && tkl7381) && tkl8197) && tkl8999) && (tkl8998 <= 342)) && tkl9242) ? tkl9071 : attnc_kv_len(p, b))), ((((((((tkl9359 && tkl9023) && tkl9024) && tkl9027) && tkl9028) && tkl9029) && tkl9032) && tkl9033) ? tkl9311 : attnc_kv_len(p, b))), (((((((tkl7268 && tkl7964) && tkl7828) && tkl7381) && tkl8555) && tkl9083) && tkl8999) ? tkl9093 : attnc_kv_len(p, b))), ((((((((tkl7268 && tkl8002) && tkl7857) && tkl7964) && tkl7381) && tkl8941) && tkl8555) && tkl8999) ? tkl9071 : attnc_kv_len(p, b)));
  }
  {
    const int tkh7232 = attnc_idiv(attnc_kv_len(p, b), 56);
    const bool tkh7331 = (7 < tkh7232);
    const int tkh7275 = attnc_idiv(attnc_iadd(qhi, 52), 56);
    const bool tkh7332 = (4 < tkh7275);
    const int tkh7286 = attnc_idiv(qhi, 56);
    const bool tkh7333 = (3 < tkh7286);
    const int tkh7279 = attnc_idiv(attnc_isub(52, qlo), 56);
    const bool tkh7350 = (0 < attnc_iadd(tkh7275, tkh7279));
    const bool tkh7352 = (0 <= attnc_iadd(tkh7279, tkh7286));
    const int tkh7281 = attnc_idiv(attnc_isub(55, qlo), 56);
    const int tkh7376 = attnc_iadd(tkh7281, tkh7232);
    const bool tkh7377 = (3 < tkh7376);
    const bool tkh7379 = (0 < attnc_iadd(tkh7275, tkh7281));
    const int tkh7380 = attnc_iadd(tkh7281, tkh7286);
    const bool tkh7381 = (0 <= tkh7380);
    const int tkh7935 = attnc_imul(56, tkh7232);
    const int tkh8554 = attnc_isub(tkh7935, 1);
    const bool tkh8555 = (0 <= tkh8554);
    const int tkh8556 = attnc_isub(qlo, 171);
    const int tkh24 = attnc_isub(attnc_kv_len(p, b), 1);
    const bool tkh8557 = (tkh8556 <= tkh24);
    const bool tkh8558 = (tkh8556 <= tkh8554);
    const int tkh8559 = attnc_imul(56, tkh7275);
    const int tkh8561 = attnc_iadd(tkh8559, 167);
    const int tkh8563 = attnc_imul(56, tkh7286);
    const int tkh8565 = attnc_iadd(tkh8563, 223);
    const bool tkh8737 = (((((((((((((tkh7331 && tkh7332) && tkh7333) && (3 < attnc_iadd(tkh7279, tkh7232))) && tkh7350) && tkh7352) && tkh7377) && tkh7379) && tkh7381) && tkh8555) && tkh8557) && tkh8558) && (tkh8556 <= tkh8561)) && (tkh8556 <= tkh8565));
    const int tkh7941 = attnc_iadd(tkh7935, 2);
    const bool tkh8567 = (tkh8556 <= tkh7941);
    const int tkh8569 = attnc_iadd(tkh8559, 170);
    const int tkh8572 = attnc_iadd(tkh8563, 226);
    const bool tkh8574 = (55 < tkh24);
    const bool tkh8575 = (55 < tkh8554);
    const int tkh8583 = attnc_imul(56, tkh7279);
    const int tkh8586 = attnc_isub(0, attnc_iadd(tkh8583, 168));
    const int tkh7806 = attnc_iadd(qhi, 171);
    const int tkh8592 = attnc_iadd(qhi, 226);
    const int tkh8595 = attnc_iadd(qhi, 225);
    const int tkh8598 = attnc_iadd(qhi, 229);
    const int tkh8604 = attnc_iadd(qhi, 228);
    const bool tkh8760 = (((((((((((((52 < tkh7941) && (tkh8586 <= tkh24)) && (tkh8586 <= tkh7806)) && (tkh8586 <= tkh8554)) && (tkh8586 <= tkh8561)) && (tkh8586 <= tkh8565)) && (tkh8586 <= tkh8592)) && (tkh8586 <= tkh8595)) && (tkh8586 <= tkh8598)) && (tkh8586 <= tkh7941)) && (tkh8586 <= tkh8569)) && (tkh8586 <= tkh8572)) && (tkh8586 <= tkh8604));
    const int tkh8607 = attnc_iadd(qhi, 232);
    const int tkh8610 = attnc_isub(0, attnc_iadd(tkh8583, 167));
    const bool tkh8772 = ((((((((((((tkh8760 && (tkh8586 <= tkh8607)) && (tkh8610 <= tkh24)) && (tkh8610 <= tkh7806)) && (tkh8610 <= tkh8554)) && (tkh8610 <= tkh8561)) && (tkh8610 <= tkh8565)) && (tkh8610 <= tkh8592)) && (tkh8610 <= tkh8595)) && (tkh8610 <= tkh8598)) && (tkh8610 <= tkh7941)) && (tkh8610 <= tkh8569)) && (tkh8610 <= tkh8572));
    const int tkh8625 = attnc_isub(0, attnc_iadd(tkh8583, 171));
    const bool tkh8784 = ((((((((((((tkh8772 && (tkh8610 <= tkh8604)) && (tkh8610 <= tkh8607)) && (tkh8625 <= tkh24)) && (tkh8625 <= tkh7806)) && (tkh8625 <= tkh8554)) && (tkh8625 <= tkh8561)) && (tkh8625 <= tkh8565)) && (tkh8625 <= tkh8592)) && (tkh8625 <= tkh8595)) && (tkh8625 <= tkh8598)) && (tkh8625 <= tkh7941)) && (tkh8625 <= tkh8569));
    const int tkh8639 = attnc_imul(56, tkh7281);
    const int tkh8641 = attnc_isub(0, attnc_iadd(tkh8639, 168));
    const bool tkh8642 = (tkh8641 <= tkh24);
    const bool tkh8644 = (tkh8641 <= tkh8554);
    const bool tkh8646 = (tkh8641 <= tkh8565);
    const bool tkh8796 = ((((((((((((tkh8784 && (tkh8625 <= tkh8572)) && (tkh8625 <= tkh8604)) && (tkh8625 <= tkh8607)) && tkh8642) && (tkh8641 <= tkh7806)) && tkh8644) && (tkh8641 <= tkh8561)) && tkh8646) && (tkh8641 <= tkh8592)) && (tkh8641 <= tkh8595)) && (tkh8641 <= tkh8598)) && (tkh8641 <= tkh7941));
    const int tkh8656 = attnc_isub(0, attnc_iadd(tkh8639, 167));
    const int tkh8671 = attnc_isub(0, attnc_iadd(tkh8639, 171));
    const bool tkh8814 = (((((((((((((tkh8656 <= tkh8554) && (tkh8656 <= tkh8561)) && (tkh8656 <= tkh8565)) && (tkh8656 <= tkh8592)) && (tkh8656 <= tkh8595)) && (tkh8656 <= tkh8598)) && (tkh8656 <= tkh7941)) && (tkh8656 <= tkh8569)) && (tkh8656 <= tkh8572)) && (tkh8656 <= tkh8604)) && (tkh8656 <= tkh8607)) && (tkh8671 <= tkh24)) && (tkh8671 <= tkh7806));
    const int tkh8685 = attnc_isub(qlo, 226);
    const bool tkh8826 = ((((((((((((tkh8814 && (tkh8671 <= tkh8554)) && (tkh8671 <= tkh8561)) && (tkh8671 <= tkh8565)) && (tkh8671 <= tkh8592)) && (tkh8671 <= tkh8595)) && (tkh8671 <= tkh8598)) && (tkh8671 <= tkh7941)) && (tkh8671 <= tkh8569)) && (tkh8671 <= tkh8572)) && (tkh8671 <= tkh8604)) && (tkh8671 <= tkh8607)) && (tkh8685 <= tkh24));
    const int tkh8693 = attnc_isub(qlo, 225);
    const bool tkh8838 = ((((((((((((tkh8826 && (tkh8685 <= tkh8554)) && (tkh8685 <= tkh8561)) && (tkh8685 <= tkh8565)) && (tkh8685 <= tkh7941)) && (tkh8685 <= tkh8569)) && (tkh8685 <= tkh8572)) && (tkh8693 <= tkh24)) && (tkh8693 <= tkh8554)) && (tkh8693 <= tkh8561)) && (tkh8693 <= tkh8565)) && (tkh8693 <= tkh7941)) && (tkh8693 <= tkh8569));
    const int tkh8701 = attnc_isub(qlo, 229);
    const int tkh8709 = attnc_isub(qlo, 228);
    const int tkh8717 = attnc_isub(qlo, 232);
    const bool tkh8859 = (((((((((((((tkh8709 <= tkh8554) && (tkh8709 <= tkh8561)) && (tkh8709 <= tkh8565)) && (tkh8709 <= tkh7941)) && (tkh8709 <= tkh8569)) && (tkh8709 <= tkh8572)) && (tkh8717 <= tkh24)) && (tkh8717 <= tkh8554)) && (tkh8717 <= tkh8561)) && (tkh8717 <= tkh8565)) && (tkh8717 <= tkh7941)) && (tkh8717 <= tkh8569)) && (tkh8717 <= tkh8572));
    const bool tkh8862 = (((((((((((((tkh8737 && tkh8567) && (tkh8556 <= tkh8569)) && (tkh8556 <= tkh8572)) && tkh8574) && tkh8575) && (55 < tkh7941)) && (56 < tkh24)) && (56 < tkh8554)) && (56 < tkh7941)) && (52 < tkh24)) && (52 < tkh8554)) && ((((((tkh8796 && (tkh8641 <= tkh8569)) && (tkh8641 <= tkh8572)) && (tkh8641 <= tkh8604)) && (tkh8641 <= tkh8607)) && (tkh8656 <= tkh24)) && (tkh8656 <= tkh7806))) && ((((((((((tkh8838 && (tkh8693 <= tkh8572)) && (tkh8701 <= tkh24)) && (tkh8701 <= tkh8554)) && (tkh8701 <= tkh8561)) && (tkh8701 <= tkh8565)) && (tkh8701 <= tkh7941)) && (tkh8701 <= tkh8569)) && (tkh8701 <= tkh8572)) && (tkh8709 <= tkh24)) && tkh8859));
    const int tkh9398 = (tkh8862 ? min(min(min(min(min(min(min(min(min(min(min(min(tkh24, tkh7806), tkh8554), tkh8561), tkh8565), tkh8592), tkh8595), tkh8598), tkh7941), tkh8569), tkh8572), tkh8604), tkh8607) : (-1));
    const int tkh7293 = attnc_idiv(attnc_iadd(qhi, 3), 56);
    const bool tkh7826 = (4 < tkh7293);
    const int tkh7382 = attnc_iadd(tkh7293, tkh7281);
    const bool tkh7828 = (0 < tkh7382);
    const bool tkh7884 = (1 < tkh7232);
    const bool tkh7916 = (0 <= attnc_iadd(tkh7376, 2));
    const bool tkh8895 = (0 <= attnc_iadd(tkh7380, 6));
    const bool tkh8921 = (((((((((((((tkh7331 && tkh7826) && tkh7333) && tkh7377) && tkh7828) && tkh7381) && tkh7884) && tkh7916) && (0 <= attnc_iadd(tkh7382, 5))) && tkh8895) && tkh8555) && (104 < tkh24)) && (104 < tkh8554)) && tkh8574);
    const int tkh8901 = attnc_isub(0, attnc_iadd(tkh8639, 119));
    const int tkh8905 = attnc_iadd(attnc_imul(56, tkh7293), 167);
    const int tkh8934 = min(tkh24, tkh8554);
    const int tkh7795 = attnc_idiv(attnc_isub(3, qlo), 56);
    const int tkh7854 = attnc_iadd(tkh7795, tkh7232);
    const int tkh7856 = attnc_iadd(tkh7795, tkh7286);
    const bool tkh7857 = (0 <= tkh7856);
    const int tkh8940 = attnc_isub(tkh7935, 50);
    const bool tkh8941 = (0 <= tkh8940);
    const bool tkh8967 = (((((((((((((tkh7331 && tkh7333) && (3 < tkh7854)) && tkh7857) && tkh7377) && tkh7381) && tkh7884) && (0 <= attnc_iadd(tkh7854, 2))) && (0 <= attnc_iadd(tkh7856, 6))) && tkh7916) && tkh8895) && tkh8941) && tkh8555) && tkh8574);
    const int tkh8945 = attnc_isub(0, attnc_iadd(attnc_imul(56, tkh7795), 168));
    const int tkh8949 = attnc_iadd(tkh8563, 174);
    const bool tkh8979 = ((((((((((((tkh8967 && (55 < tkh8940)) && tkh8575) && (tkh8945 <= tkh24)) && (tkh8945 <= tkh8940)) && (tkh8945 <= tkh8949)) && (tkh8945 <= tkh8554)) && (tkh8945 <= tkh8565)) && tkh8642) && (tkh8641 <= tkh8940)) && (tkh8641 <= tkh8949)) && tkh8644) && tkh8646);
    const int tkh8982 = min(tkh24, tkh8940);
    const bool tkh7890 = (tkh7232 <= attnc_iadd(tkh7286, 3));
    const int tkh8987 = attnc_isub(attnc_iadd(tkh7935, qhi), 277);
    const int tkh8991 = attnc_isub(attnc_iadd(attnc_iadd(tkh8583, tkh7935), qhi), 53);
    const bool tkh8992 = (0 <= tkh8991);
    const int tkh8995 = attnc_isub(attnc_iadd(attnc_iadd(tkh8639, tkh7935), qhi), 53);
    const bool tkh8996 = (0 <= tkh8995);
    const int tkh8998 = attnc_isub(tkh7935, 392);
    const bool tkh8999 = (tkh8998 <= tkh24);
    const bool tkh9045 = ((((((((((((tkh7332 && tkh7333) && (tkh7232 <= attnc_iadd(tkh7275, 2))) && tkh7890) && tkh7350) && tkh7352) && tkh7379) && tkh7381) && tkh8555) && (0 <= tkh8987)) && tkh8992) && tkh8996) && tkh8999);
    const int tkh9001 = attnc_iadd(qhi, 115);
    const bool tkh9003 = (tkh8998 <= tkh8991);
    const bool tkh9004 = (tkh8998 <= tkh8995);
    const int tkh9005 = attnc_isub(tkh7935, 391);
    const bool tkh9006 = (tkh9005 <= tkh24);
    const bool tkh9008 = (tkh9005 <= tkh8991);
    const bool tkh9009 = (tkh9005 <= tkh8995);
    const int tkh9010 = attnc_isub(tkh7935, 395);
    const bool tkh9011 = (tkh9010 <= tkh24);
    const bool tkh9013 = (tkh9010 <= tkh8991);
    const bool tkh9014 = (tkh9010 <= tkh8995);
    const int tkh8047 = attnc_iadd(tkh7935, qlo);
    const int tkh9017 = attnc_isub(tkh8047, attnc_iadd(tkh8559, 339));
    const bool tkh9018 = (tkh9017 <= tkh24);
    const bool tkh9057 = ((((((((((((tkh9045 && (tkh8998 <= tkh9001)) && tkh9003) && tkh9004) && tkh9006) && (tkh9005 <= tkh9001)) && tkh9008) && tkh9009) && tkh9011) && (tkh9010 <= tkh9001)) && tkh9013) && tkh9014) && tkh9018);
    const bool tkh9019 = (tkh9017 <= tkh8554);
    const bool tkh9020 = (tkh9017 <= tkh7941);
    const bool tkh9023 = (tkh9017 <= tkh8991);
    const bool tkh9024 = (tkh9017 <= tkh8995);
    const int tkh9026 = attnc_isub(tkh8047, attnc_iadd(tkh8563, 395));
    const bool tkh9027 = (tkh9026 <= tkh24);
    const bool tkh9028 = (tkh9026 <= tkh8554);
    const bool tkh9029 = (tkh9026 <= tkh7941);
    const bool tkh9032 = (tkh9026 <= tkh8991);
    const bool tkh9033 = (tkh9026 <= tkh8995);
    const bool tkh9070 = (((((((((((((tkh9057 && tkh9019) && tkh9020) && (tkh9017 <= tkh8987)) && (tkh9017 <= tkh9001)) && tkh9023) && tkh9024) && tkh9027) && tkh9028) && tkh9029) && (tkh9026 <= tkh8987)) && (tkh9026 <= tkh9001)) && tkh9032) && tkh9033);
    const int tkh9076 = min(tkh8934, tkh7941);
    const int tkh9435 = max(max(max(tkh9398, ((((((((((tkh8921 && tkh8575) && (tkh8901 <= tkh24)) && (tkh8901 <= tkh8554)) && (tkh8901 <= tkh8905)) && (tkh8901 <= tkh8565)) && tkh8642) && tkh8644) && (tkh8641 <= tkh8905)) && tkh8646) ? min(min(tkh8934, tkh8905), tkh8565) : (-1))), (tkh8979 ? min(min(min(tkh8982, tkh8949), tkh8554), tkh8565) : (-1))), (tkh9070 ? min(min(min(min(tkh9076, tkh8987), tkh9001), tkh8991), tkh8995) : (-1)));
    const int tkh9082 = attnc_isub(tkh7935, 343);
    const bool tkh9083 = (tkh9082 <= tkh24);
    const int tkh9100 = min(tkh8982, tkh8554);
    const bool tkh7267 = (0 <= attnc_isub(tkh7232, 7));
    const bool tkh7958 = (0 <= attnc_iadd(tkh7279, 3));
    const bool tkh7964 = (0 <= attnc_iadd(tkh7281, 3));
    const int tkh9102 = attnc_iadd(attnc_iadd(tkh8583, qhi), 339);
    const bool tkh9103 = (0 <= tkh9102);
    const int tkh9105 = attnc_iadd(attnc_iadd(tkh8639, qhi), 339);
    const bool tkh9106 = (0 <= tkh9105);
    const bool tkh7188 = (0 < tkh24);
    const bool tkh9142 = (((((((((((((tkh7267 && tkh7958) && tkh7350) && tkh7352) && tkh7964) && tkh7379) && tkh7381) && tkh9103) && tkh9106) && tkh7188) && (0 < tkh9102)) && (0 < tkh9105)) && ((-3) <= tkh9102)) && ((-3) <= tkh9105));
    const int tkh9117 = attnc_isub(attnc_iadd(qlo, 52), tkh8559);
    const bool tkh9118 = (tkh9117 < tkh24);
    const int tkh9124 = attnc_isub(qlo, attnc_iadd(tkh8563, 3));
    const bool tkh9125 = (tkh9124 <= tkh24);
    const bool tkh9155 = (((((((((((((tkh9142 && tkh8557) && (tkh8556 <= 391)) && (tkh8556 <= 394)) && (tkh8556 <= tkh9102)) && (tkh8556 <= tkh9105)) && tkh9118) && (tkh9117 < 391)) && (tkh9117 < 394)) && (tkh9117 < tkh9102)) && (tkh9117 < tkh9105)) && tkh9125) && (tkh9124 <= 391)) && (tkh9124 <= 394));
    const int tkh9163 = min(tkh24, 391);
    const int tkh9166 = min(min(min(tkh9163, 394), tkh9102), tkh9105);
    const int tkh9438 = max(max(max(tkh9435, (((((((((tkh7826 && tkh7333) && (tkh7232 <= attnc_iadd(tkh7293, 2))) && tkh7890) && tkh7828) && tkh7381) && tkh8555) && tkh9083) && tkh8999) ? tkh8934 : (-1))), (((((((tkh7333 && tkh7890) && tkh7857) && tkh7381) && tkh8941) && tkh8555) && tkh8999) ? tkh9100 : (-1))), (((tkh9155 && (tkh9124 <= tkh9102)) && (tkh9124 <= tkh9105)) ? tkh9166 : (-1)));
    const bool tkh9167 = (48 < tkh24);
    const bool tkh8002 = (0 <= attnc_iadd(tkh7795, 3));
    const int tkh9177 = min(min(tkh24, 342), 391);
    const bool tkh7268 = (!tkh7267);
    const bool tkh9193 = (tkh7267 && tkh7268);
    const bool tkh8199 = (0 < tkh7232);
    const bool tkh9206 = (((((((((((((tkh9193 && tkh7958) && tkh7350) && tkh7352) && tkh7964) && tkh7379) && tkh7381) && tkh8199) && tkh8555) && tkh8992) && tkh8996) && tkh7188) && (0 < tkh8554)) && (0 < tkh8991));
    const bool tkh9218 = ((((((((((((tkh9206 && (0 < tkh8995)) && ((-3) <= tkh8991)) && ((-3) <= tkh8995)) && tkh8557) && tkh8558) && tkh8567) && (tkh8556 <= tkh8991)) && (tkh8556 <= tkh8995)) && tkh9118) && (tkh9117 < tkh8554)) && (tkh9117 < tkh7941)) && (tkh9117 < tkh8991));
    const int tkh9226 = min(min(tkh9076, tkh8991), tkh8995);
    const bool tkh9269 = (tkh7268 && tkh7267);
    const bool tkh8197 = (tkh7232 <= 13);
    const bool tkh9242 = (tkh8998 <= 391);
    const bool tkh9282 = (((((((((((((tkh9269 && tkh7958) && tkh7350) && tkh7352) && tkh7964) && tkh7379) && tkh7381) && tkh8197) && tkh9103) && tkh9106) && tkh8999) && tkh9242) && (tkh8998 <= 394)) && (tkh8998 <= tkh9102));
    const int tkh9255 = attnc_isub(tkh8047, 563);
    const bool tkh9256 = (tkh9255 <= tkh24);
    const bool tkh9294 = ((((((((((((tkh9282 && (tkh8998 <= tkh9105)) && tkh9006) && (tkh9005 <= 391)) && (tkh9005 <= 394)) && (tkh9005 <= tkh9102)) && (tkh9005 <= tkh9105)) && tkh9011) && (tkh9010 <= 391)) && (tkh9010 <= 394)) && (tkh9010 <= tkh9102)) && (tkh9010 <= tkh9105)) && tkh9256);
    const bool tkh9306 = ((((((((((((tkh9294 && (tkh9255 <= 391)) && (tkh9255 <= 394)) && (tkh9255 <= tkh9102)) && (tkh9255 <= tkh9105)) && tkh9018) && (tkh9017 <= 391)) && (tkh9017 <= 394)) && (tkh9017 <= tkh9102)) && (tkh9017 <= tkh9105)) && tkh9027) && (tkh9026 <= 391)) && (tkh9026 <= 394));
    const int tkh9445 = max(max(max(max(max(max(max(tkh9438, (((((tkh7267 && tkh7964) && tkh7828) && tkh7381) && tkh9167) ? tkh9163 : (-1))), (((((tkh7267 && tkh8002) && tkh7857) && tkh7964) && tkh7381) ? tkh9177 : (-1))), (((((((tkh9218 && (tkh9117 < tkh8995)) && tkh9125) && (tkh9124 <= tkh8554)) && (tkh9124 <= tkh7941)) && (tkh9124 <= tkh8991)) && (tkh9124 <= tkh8995)) ? tkh9226 : (-1))), ((((((((tkh9193 && tkh7964) && tkh7828) && tkh7381) && tkh8199) && tkh8555) && tkh9167) && (48 < tkh8554)) ? tkh8934 : (-1))), ((((((((tkh9193 && tkh8002) && tkh7857) && tkh7964) && tkh7381) && tkh8199) && tkh8941) && tkh8555) ? tkh9100 : (-1))), (((tkh9306 && (tkh9026 <= tkh9102)) && (tkh9026 <= tkh9105)) ? tkh9166 : (-1))), (((((((((tkh9269 && tkh7964) && tkh7828) && tkh7381) && tkh8197) && tkh9083) && (tkh9082 <= 391)) && tkh8999) && tkh9242) ? tkh9163 : (-1)));
    const bool tkh9346 = (((((((((((((tkh7268 && tkh7958) && tkh7350) && tkh7352) && tkh7964) && tkh7379) && tkh7381) && tkh8555) && tkh8992) && tkh8996) && tkh8999) && tkh9003) && tkh9004) && tkh9006);
    const bool tkh9359 = (((((((((((((tkh9346 && tkh9008) && tkh9009) && tkh9011) && tkh9013) && tkh9014) && tkh9256) && (tkh9255 <= tkh8554)) && (tkh9255 <= tkh7941)) && (tkh9255 <= tkh8991)) && (tkh9255 <= tkh8995)) && tkh9018) && tkh9019) && tkh9020);
    hi = max(max(max(max(tkh9445, (((((((((tkh9269 && tkh8002) && tkh7857) && tkh7964) && tkh7381) && tkh8197) && tkh8999) && (tkh8998 <= 342)) && tkh9242) ? tkh9177 : (-1))), ((((((((tkh9359 && tkh9023) && tkh9024) && tkh9027) && tkh9028) && tkh9029) && tkh9032) && tkh9033) ? tkh9226 : (-1))), (((((((tkh7268 && tkh7964) && tkh7828) && tkh7381) && tkh8555) && tkh9083) && tkh8999) ? tkh8934 : (-1))), ((((((((tkh7268 && tkh8002) && tkh7857) && tkh7964) && tkh7381) && tkh8941) && tkh8555) && tkh8999) ? tkh9100 : (-1)));
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

template <typename T, int HD, int NW, int MT, int BN, int STAGES, int MIN_CTAS, bool QS>
static int launch(const Params& p, cudaStream_t stream) {
  constexpr int BM = NW * 16 * MT;
  constexpr size_t smem = (size_t)(BM + 2 * STAGES * BN) * HD * sizeof(T);
  static_assert(smem <= 227 * 1024, "tile plan needs more shared memory than a CTA can have");
  auto kernel = forward_kernel<T, HD, NW, MT, BN, STAGES, MIN_CTAS, QS>;
  if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess)
    return ATTNC_ERR_CUDA;
  const dim3 grid((p.Q_LEN + BM - 1) / BM, p.H, p.B);
  return launch_checked(reinterpret_cast<const void*>(kernel), grid, NW * 32, smem, stream, p);
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
static int launch_sm90(const Params& p, cudaStream_t stream) {
  constexpr int BM = NWG * 64;
  constexpr size_t smem = 1024 + (size_t)(BM + 2 * STAGES * BN) * HD * sizeof(T);  // + 1024: alignment of the swizzle atoms
  static_assert(smem + 256 + 4 * sm90_cols<BN, STAGES, OVERLAP && !PRODUCER>::kWords <= 227 * 1024, "sm_90a tile plan needs more shared memory than a CTA can have");  // + its static arrays
  // PRODUCER: the warp-specialized kernel (a producer warp feeds the warpgroups through mbarriers)
  const void* kernel;
  if constexpr (PRODUCER) kernel = reinterpret_cast<const void*>(forward_kernel_sm90ws<T, HD, NWG, BN, STAGES, MIN_CTAS, OVERLAP, HEADS_INNER>);
  else kernel = reinterpret_cast<const void*>(forward_kernel_sm90<T, HD, NWG, BN, STAGES, MIN_CTAS, OVERLAP, HEADS_INNER>);
  if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess)
    return ATTNC_ERR_CUDA;
  const int64_t n_qt = (p.Q_LEN + BM - 1) / BM, items = n_qt * p.H * p.B;
  // HEADS_INNER: a linear grid (the kernel reads it so), unless it would not fit one grid dimension
  const dim3 grid = HEADS_INNER && items <= 0x7fffffff ? dim3((unsigned)items) : dim3((unsigned)n_qt, p.H, p.B);
  if constexpr (PRODUCER) {
    // the TMA maps load keys up to the padded KV_LEN; keys past a row's kv_len must not reach P V
    // (0 * NaN): with kv_lens, the kernels that zero-fill them (cp.async) run instead
    if (p.kv_lens != nullptr) return kSm90Unavailable;
    Sm90Maps maps;
    if (!sm90_kv_map<T, HD, BN>(&maps.k, p.k, p) || !sm90_kv_map<T, HD, BN>(&maps.v, p.v, p)) return kSm90Unavailable;
    return launch_checked(kernel, grid, NWG * 128 + 32, smem, stream, p, maps);
  }
  return launch_checked(kernel, grid, NWG * 128, smem, stream, p);
}

// the head dims this file was generated for
static bool generated_head_dim(int D) { return D == 64 || D == 128; }

template <typename T>
static int dispatch(const Params& p, cudaStream_t stream) {
#if ATTNC_SM90
  if (sm90_available()) {
    switch (p.D) {
      case 64: {
        const int rc = launch_sm90<T, 64, ATTNC_SM90_D64_WARPGROUPS, ATTNC_SM90_D64_BLOCK_KV, ATTNC_SM90_D64_STAGES, ATTNC_SM90_D64_MIN_CTAS, ATTNC_SM90_D64_OVERLAP_PV, ATTNC_SM90_D64_HEADS_INNER, ATTNC_SM90_D64_PRODUCER>(p, stream);
        if (rc != kSm90Unavailable) return rc;
        break;  // no TMA maps on this driver: the sm_80 kernel below
      }
      case 128: {
        const int rc = launch_sm90<T, 128, ATTNC_SM90_D128_WARPGROUPS, ATTNC_SM90_D128_BLOCK_KV, ATTNC_SM90_D128_STAGES, ATTNC_SM90_D128_MIN_CTAS, ATTNC_SM90_D128_OVERLAP_PV, ATTNC_SM90_D128_HEADS_INNER, ATTNC_SM90_D128_PRODUCER>(p, stream);
        if (rc != kSm90Unavailable) return rc;
        break;  // no TMA maps on this driver: the sm_80 kernel below
      }
      default: break;
    }
  }
#endif
  switch (p.D) {
    case 64: return launch<T, 64, ATTNC_D64_WARPS, ATTNC_D64_ROW_TILES, ATTNC_D64_BLOCK_KV, ATTNC_D64_STAGES, ATTNC_D64_MIN_CTAS, ATTNC_D64_Q_IN_SMEM>(p, stream);
    case 128: return launch<T, 128, ATTNC_D128_WARPS, ATTNC_D128_ROW_TILES, ATTNC_D128_BLOCK_KV, ATTNC_D128_STAGES, ATTNC_D128_MIN_CTAS, ATTNC_D128_Q_IN_SMEM>(p, stream);
    default: return ATTNC_ERR_HEAD_DIM;
  }
}

}  // namespace attnc_neighborhood_2d

extern "C" int attnc_neighborhood_2d_forward_varlen(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* q_lens, const int* kv_lens, cudaStream_t stream) {
  using namespace attnc_neighborhood_2d;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (!generated_head_dim(D)) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4) || misaligned(q_lens, 4) || misaligned(kv_lens, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale};
  p.q_lens = q_lens;
  p.kv_lens = kv_lens;
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
  const int rc = dtype == ATTNC_DTYPE_BF16 ? dispatch<__nv_bfloat16>(p, stream) : dispatch<__half>(p, stream);
  return rc;
}

extern "C" int attnc_neighborhood_2d_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    cudaStream_t stream) {
  return attnc_neighborhood_2d_forward_varlen(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, nullptr, nullptr, stream);
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