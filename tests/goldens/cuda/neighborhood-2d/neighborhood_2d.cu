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
  int B, H, H_KV, Q_LEN, KV_LEN, D;
  float scale;
};



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
  int tr7212;
  int tr7214;
  int tr7220;
  int tr7222;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr7212 = min(max(attnc_isub(attnc_idiv(q, 56), 3), 0), attnc_isub(attnc_idiv(p.KV_LEN, 56), 7));
  const int tr7214 = attnc_iadd(tr7212, 7);
  const int tr7220 = min(max(attnc_isub(attnc_imod(q, 56), 3), 0), 49);
  const int tr7222 = attnc_iadd(tr7220, 7);
  return RowCtx{tr7212, tr7214, tr7220, tr7222};
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
  const int tr7212 = rc.tr7212;
  const int tr7214 = rc.tr7214;
  const int tr7220 = rc.tr7220;
  const int tr7222 = rc.tr7222;
  const int tm7188 = attnc_idiv(kv, 56);
  const int tm7199 = attnc_imod(kv, 56);
  return (((tr7212 <= tm7188) && (tm7188 < tr7214)) && ((tr7220 <= tm7199) && (tm7199 < tr7222)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  return s;
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca2931 = attnc_iadd(kvhi, 3);
  const int tca7246 = attnc_idiv(tca2931, 56);
  const int tca7242 = attnc_idiv(attnc_isub(tca2931, qlo), 56);
  const int tca7448 = attnc_iadd(tca7246, tca7242);
  const int tca7077 = attnc_iadd(qhi, 3);
  const int tca7248 = attnc_idiv(attnc_isub(tca7077, kvlo), 56);
  const int tca7462 = attnc_iadd(tca7448, tca7248);
  const int tca7249 = attnc_idiv(attnc_isub(2, kvlo), 56);
  const int tca7251 = attnc_idiv(attnc_isub(5, kvlo), 56);
  const int tca7253 = attnc_idiv(attnc_iadd(kvhi, 6), 56);
  const int tca7452 = attnc_iadd(tca7253, tca7242);
  const int tca7465 = attnc_iadd(tca7452, tca7248);
  const int tca7266 = attnc_iadd(tca7242, tca7248);
  const int tca7231 = attnc_idiv(kvhi, 56);
  const int tca7230 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tca7302 = attnc_iadd(tca7246, tca7248);
  const int tca7244 = attnc_idiv(attnc_isub(2, qlo), 56);
  const bool tca7394 = (0 <= attnc_iadd(attnc_iadd(tca7302, tca7244), 1));
  const int tca7236 = attnc_idiv(attnc_iadd(kvhi, 55), 56);
  const int tca7444 = attnc_iadd(tca7236, tca7242);
  const int tca7459 = attnc_iadd(tca7444, tca7248);
  const int tca7300 = attnc_iadd(tca7236, tca7248);
  const int tca7304 = attnc_iadd(tca7253, tca7248);
  const bool tca7397 = (0 <= attnc_iadd(attnc_iadd(tca7304, tca7244), 1));
  const int tca7252 = attnc_idiv(tca7077, 56);
  const int tca7438 = attnc_iadd(tca7252, tca7242);
  const bool tca7617 = ((0 <= attnc_iadd(attnc_iadd(tca7438, tca7249), 1)) && (0 <= attnc_iadd(attnc_iadd(tca7438, tca7251), 1)));
  const int tca7500 = attnc_iadd(tca7242, tca7249);
  const int tca7245 = attnc_idiv(qhi, 56);
  const bool tca7507 = (0 <= attnc_iadd(attnc_iadd(tca7500, tca7245), 1));
  const int tca7430 = attnc_iadd(tca7242, tca7230);
  const int tca7567 = attnc_iadd(tca7242, tca7251);
  const bool tca7574 = (0 <= attnc_iadd(attnc_iadd(tca7567, tca7245), 1));
  const int tca7386 = attnc_iadd(tca7248, tca7244);
  const bool tca7389 = (0 <= attnc_iadd(attnc_iadd(tca7386, tca7231), 1));
  const int tca7238 = attnc_idiv(attnc_isub(52, qlo), 56);
  const bool tca7332 = (0 <= attnc_iadd(tca7302, tca7238));
  const int tca7240 = attnc_idiv(attnc_isub(55, qlo), 56);
  const bool tca7361 = (0 <= attnc_iadd(tca7302, tca7240));
  const bool tca7623 = (tca7332 && tca7361);
  const int tca7273 = attnc_iadd(tca7246, tca7249);
  const bool tca7275 = (0 <= attnc_iadd(tca7273, 1));
  const int tca7260 = attnc_iadd(tca7246, tca7230);
  const int tca7284 = attnc_iadd(tca7246, tca7251);
  const bool tca7286 = (0 <= attnc_iadd(tca7284, 1));
  const bool tca7391 = (0 <= attnc_iadd(tca7300, tca7244));
  const int tca7271 = attnc_iadd(tca7236, tca7249);
  const int tca7258 = attnc_iadd(tca7236, tca7230);
  const int tca7282 = attnc_iadd(tca7236, tca7251);
  const bool tca7334 = (0 <= attnc_iadd(tca7304, tca7238));
  const bool tca7363 = (0 <= attnc_iadd(tca7304, tca7240));
  const int tca7276 = attnc_iadd(tca7253, tca7249);
  const bool tca7278 = (0 <= attnc_iadd(tca7276, 1));
  const bool tca7632 = (tca7363 && tca7278);
  const int tca7262 = attnc_iadd(tca7253, tca7230);
  const int tca7287 = attnc_iadd(tca7253, tca7251);
  const bool tca7289 = (0 <= attnc_iadd(tca7287, 1));
  const bool tca7440 = (0 <= attnc_iadd(tca7438, tca7230));
  const bool tca7373 = (0 <= attnc_iadd(attnc_iadd(tca7252, tca7244), 1));
  const int tca7406 = attnc_iadd(tca7252, tca7230);
  const int tca7234 = attnc_idiv(attnc_iadd(qhi, 52), 56);
  const int tca7433 = attnc_iadd(tca7234, tca7242);
  const bool tca7504 = (0 <= attnc_iadd(tca7433, tca7249));
  const bool tca7571 = (0 <= attnc_iadd(tca7433, tca7251));
  const bool tca7639 = (tca7504 && tca7571);
  const bool tca7437 = (0 <= attnc_iadd(tca7430, tca7245));
  const int tca7326 = attnc_iadd(tca7248, tca7238);
  const bool tca7328 = (0 <= attnc_iadd(tca7326, tca7231));
  const int tca7355 = attnc_iadd(tca7248, tca7240);
  const bool tca7357 = (0 <= attnc_iadd(tca7355, tca7231));
  const int tca7268 = attnc_iadd(tca7249, tca7231);
  const bool tca7270 = (0 <= attnc_iadd(tca7268, 1));
  const bool tca7370 = (0 <= attnc_iadd(attnc_iadd(tca7244, tca7245), 1));
  const int tca7256 = attnc_iadd(tca7230, tca7231);
  const bool tca7410 = (0 <= attnc_iadd(tca7256, 6));
  const bool tca7405 = (0 <= attnc_iadd(attnc_iadd(tca7230, tca7245), 3));
  const bool tca7345 = (0 <= attnc_iadd(attnc_iadd(tca7240, tca7231), 3));
  const int tca7279 = attnc_iadd(tca7251, tca7231);
  const bool tca7281 = (0 <= attnc_iadd(tca7279, 1));
  const bool tca7649 = ((0 <= tca7260) && (0 <= tca7271));
  const bool tca7650 = ((0 <= tca7282) && (0 <= tca7262));
  const bool tca7313 = (0 <= attnc_iadd(tca7252, tca7238));
  const int tca7341 = attnc_iadd(tca7252, tca7240);
  const bool tca7342 = (0 <= tca7341);
  const bool tca7651 = (tca7313 && tca7342);
  const bool tca7693 = (tca7650 && tca7651);
  const bool tca7367 = (0 <= attnc_iadd(tca7234, tca7244));
  const bool tca7255 = (0 <= attnc_iadd(tca7242, 3));
  const bool tca7267 = (0 <= tca7266);
  const int tca7191 = attnc_idiv(p.KV_LEN, 56);
  const bool tca7469 = (0 <= attnc_iadd(tca7249, tca7191));
  const bool tca7311 = (0 <= attnc_iadd(tca7238, tca7245));
  const bool tca7257 = (0 <= tca7256);
  const bool tca7340 = (0 <= attnc_iadd(tca7240, tca7245));
  const bool tca7655 = (tca7257 && tca7340);
  const bool tca7536 = (0 <= attnc_iadd(tca7251, tca7191));
  const bool tca7330 = (0 < attnc_iadd(tca7300, tca7238));
  const bool tca7359 = (0 < attnc_iadd(tca7300, tca7240));
  const bool tca7657 = (tca7330 && tca7359);
  const bool tca7435 = (0 < attnc_iadd(tca7433, tca7230));
  const bool tca7259 = (0 < tca7258);
  const bool tca7309 = (0 < attnc_iadd(tca7234, tca7238));
  const bool tca7338 = (0 < attnc_iadd(tca7234, tca7240));
  const bool tca7659 = (tca7309 && tca7338);
  const bool tca7399 = (0 < attnc_iadd(tca7230, tca7191));
  const bool tca7294 = (0 < tca7231);
  const bool tca7303 = (3 < tca7302);
  const bool tca7305 = (3 < tca7304);
  const int tca7298 = attnc_iadd(tca7248, tca7231);
  const bool tca7299 = (3 < tca7298);
  const bool tca7336 = (3 < attnc_iadd(tca7240, tca7191));
  const bool tca7293 = (3 < tca7252);
  const bool tca7292 = (3 < tca7245);
  const bool tca7301 = (4 < tca7300);
  const bool tca7291 = (4 < tca7234);
  const bool tca7290 = (7 < tca7191);
  const int tca7761 = attnc_idiv(attnc_iadd(kvhi, 7), 56);
  const int tca7762 = attnc_iadd(tca7761, tca7230);
  const bool tca7797 = (tca7405 && tca7345);
  const bool tca7763 = (0 < tca7762);
  const bool tca7787 = (0 < tca7341);
  const bool tca7798 = (tca7763 && tca7787);
  const bool tca7785 = (4 < tca7252);
  const bool tca8344 = ((((((((((0 <= attnc_iadd(attnc_iadd(tca7462, tca7249), 1)) && (0 <= attnc_iadd(attnc_iadd(tca7462, tca7251), 1))) && ((0 <= attnc_iadd(attnc_iadd(tca7465, tca7249), 1)) && (0 <= attnc_iadd(attnc_iadd(tca7465, tca7251), 1)))) && (((0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7266, tca7249), tca7231), 1)) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7266, tca7251), tca7231), 1))) && ((0 <= attnc_iadd(tca7462, tca7230)) && (0 <= attnc_iadd(attnc_iadd(tca7448, tca7249), 4))))) && ((((0 <= attnc_iadd(attnc_iadd(tca7448, tca7230), 3)) && (0 <= attnc_iadd(attnc_iadd(tca7448, tca7251), 4))) && ((0 <= attnc_iadd(attnc_iadd(tca7302, tca7249), 4)) && tca7394)) && (((0 <= attnc_iadd(attnc_iadd(tca7302, tca7230), 3)) && (0 <= attnc_iadd(attnc_iadd(tca7302, tca7251), 4))) && ((0 <= attnc_iadd(tca7459, tca7249)) && (0 <= attnc_iadd(tca7459, tca7251)))))) && (((((0 <= attnc_iadd(attnc_iadd(tca7444, tca7249), 3)) && (0 <= attnc_iadd(attnc_iadd(tca7444, tca7230), 2))) && ((0 <= attnc_iadd(attnc_iadd(tca7444, tca7251), 3)) && (0 <= attnc_iadd(attnc_iadd(tca7300, tca7249), 3)))) && (((0 <= attnc_iadd(attnc_iadd(tca7300, tca7230), 2)) && (0 <= attnc_iadd(attnc_iadd(tca7300, tca7251), 3))) && ((0 <= attnc_iadd(tca7465, tca7230)) && (0 <= attnc_iadd(attnc_iadd(tca7452, tca7249), 4))))) && ((((0 <= attnc_iadd(attnc_iadd(tca7452, tca7230), 3)) && (0 <= attnc_iadd(attnc_iadd(tca7452, tca7251), 4))) && ((0 <= attnc_iadd(attnc_iadd(tca7304, tca7249), 4)) && tca7397)) && (((0 <= attnc_iadd(attnc_iadd(tca7304, tca7230), 3)) && (0 <= attnc_iadd(attnc_iadd(tca7304, tca7251), 4))) && tca7617)))) && ((((((0 <= attnc_iadd(attnc_iadd(tca7266, tca7230), tca7231)) && (0 <= attnc_iadd(attnc_iadd(tca7500, tca7231), 4))) && (tca7507 && (0 <= attnc_iadd(attnc_iadd(tca7430, tca7231), 3)))) && (((0 <= attnc_iadd(attnc_iadd(tca7567, tca7231), 4)) && tca7574) && ((0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7248, tca7249), tca7231), 4)) && tca7389))) && ((((0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7248, tca7230), tca7231), 3)) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca7248, tca7251), tca7231), 4))) && tca7623) && ((tca7275 && (0 <= attnc_iadd(tca7273, 7))) && ((0 <= attnc_iadd(attnc_iadd(tca7246, tca7244), 4)) && (0 <= attnc_iadd(attnc_iadd(tca7246, tca7238), 3)))))) && (((((0 <= attnc_iadd(tca7260, 6)) && (0 <= attnc_iadd(attnc_iadd(tca7246, tca7240), 3))) && (tca7286 && (0 <= attnc_iadd(tca7284, 7)))) && ((tca7391 && (0 <= attnc_iadd(tca7271, 6))) && ((0 <= attnc_iadd(attnc_iadd(tca7236, tca7244), 3)) && (0 <= attnc_iadd(attnc_iadd(tca7236, tca7238), 2))))) && ((((0 <= attnc_iadd(tca7258, 5)) && (0 <= attnc_iadd(attnc_iadd(tca7236, tca7240), 2))) && ((0 <= attnc_iadd(tca7282, 6)) && tca7334)) && (tca7632 && ((0 <= attnc_iadd(tca7276, 7)) && (0 <= attnc_iadd(attnc_iadd(tca7253, tca7244), 4)))))))) && (((((((0 <= attnc_iadd(attnc_iadd(tca7253, tca7238), 3)) && (0 <= attnc_iadd(tca7262, 6))) && ((0 <= attnc_iadd(attnc_iadd(tca7253, tca7240), 3)) && tca7289)) && (((0 <= attnc_iadd(tca7287, 7)) && tca7440) && ((0 <= attnc_iadd(attnc_iadd(tca7252, tca7249), 4)) && tca7373))) && ((((0 <= attnc_iadd(tca7406, 3)) && (0 <= attnc_iadd(attnc_iadd(tca7252, tca7251), 4))) && tca7639) && (((0 <= attnc_iadd(attnc_iadd(tca7234, tca7249), 3)) && (0 <= attnc_iadd(attnc_iadd(tca7234, tca7230), 2))) && ((0 <= attnc_iadd(attnc_iadd(tca7234, tca7251), 3)) && tca7437)))) && ((((tca7328 && tca7357) && (tca7270 && (0 <= attnc_iadd(tca7268, 7)))) && (((0 <= attnc_iadd(attnc_iadd(tca7249, tca7245), 4)) && (0 <= attnc_iadd(attnc_iadd(tca7244, tca7231), 4))) && (tca7370 && (0 <= attnc_iadd(attnc_iadd(tca7238, tca7231), 3))))) && (((tca7410 && tca7405) && (tca7345 && tca7281)) && (((0 <= attnc_iadd(tca7279, 7)) && (0 <= attnc_iadd(attnc_iadd(tca7251, tca7245), 4))) && tca7649)))) && (((tca7693 && ((tca7367 && tca7255) && (tca7267 && (0 <= attnc_iadd(tca7248, 3))))) && (((tca7469 && tca7311) && tca7655) && ((tca7536 && (0 < attnc_iadd(tca7459, tca7230))) && tca7657))) && ((((tca7435 && tca7259) && tca7659) && ((tca7399 && (0 < tca7246)) && ((0 < tca7253) && tca7294))) && ((((1 < tca7236) && (2 < attnc_iadd(tca7500, tca7191))) && ((2 < attnc_iadd(tca7567, tca7191)) && (2 < attnc_iadd(tca7244, tca7191)))) && (((3 < attnc_iadd(tca7430, tca7191)) && tca7303) && (tca7305 && tca7299))))))) && ((((3 < attnc_iadd(tca7238, tca7191)) && tca7336) && (tca7293 && tca7292)) && ((tca7301 && tca7291) && tca7290))) || ((((((0 <= attnc_iadd(tca7762, 5)) && (0 <= attnc_iadd(attnc_iadd(tca7761, tca7240), 2))) && ((0 <= attnc_iadd(tca7406, 2)) && tca7410)) && (tca7797 && tca7655)) && ((tca7798 && (tca7399 && tca7294)) && (((1 < tca7761) && tca7336) && (tca7292 && tca7785)))) && tca7290));
  const int tca7754 = attnc_idiv(attnc_isub(3, qlo), 56);
  const int tca7748 = attnc_idiv(attnc_isub(6, kvlo), 56);
  const int tca7749 = attnc_iadd(tca7748, tca7231);
  const bool tca7815 = (0 <= attnc_iadd(tca7754, tca7245));
  const bool tca7828 = (tca7815 && tca7257);
  const bool tca7750 = (0 <= tca7749);
  const bool tca7829 = (tca7340 && tca7750);
  const bool tca7820 = (0 < attnc_iadd(tca7748, tca7191));
  const bool tca7830 = (tca7399 && tca7820);
  const int tca8018 = attnc_iadd(tca7438, tca7248);
  const int tca8042 = attnc_iadd(tca7266, tca7244);
  const bool tca8107 = ((((0 <= attnc_iadd(attnc_iadd(tca8018, tca7244), 1)) && (0 <= attnc_iadd(attnc_iadd(tca8042, tca7245), 1))) && (tca7394 && tca7397)) && (((0 <= attnc_iadd(tca8018, tca7238)) && (0 <= attnc_iadd(tca8018, tca7240))) && tca7617));
  const int tca8014 = attnc_iadd(tca7433, tca7248);
  const bool tca8041 = (0 <= attnc_iadd(tca8014, tca7244));
  const int tca8028 = attnc_iadd(tca7266, tca7238);
  const bool tca8030 = (0 <= attnc_iadd(tca8028, tca7245));
  const int tca8035 = attnc_iadd(tca7266, tca7240);
  const bool tca8037 = (0 <= attnc_iadd(tca8035, tca7245));
  const bool tca8060 = ((0 <= attnc_iadd(tca7386, tca7191)) && tca7328);
  const bool tca8061 = (tca7357 && tca7270);
  const bool tca8062 = (tca7370 && tca7281);
  const bool tca8094 = (tca8062 && tca7649);
  const bool tca8111 = (tca8094 && tca7693);
  const bool tca8063 = (tca7367 && tca7267);
  const bool tca8065 = (tca7311 && tca7257);
  const bool tca8066 = (tca7340 && tca7536);
  const int tca8016 = attnc_iadd(tca7266, tca7245);
  const bool tca8070 = ((tca7191 <= attnc_iadd(tca7438, 7)) && (tca7191 <= attnc_iadd(tca7433, 6)));
  const int tca7986 = attnc_iadd(tca7242, tca7245);
  const bool tca7988 = (tca7191 <= attnc_iadd(tca7986, 7));
  const bool tca7967 = (tca7191 <= attnc_iadd(tca7246, 7));
  const bool tca7965 = (tca7191 <= attnc_iadd(tca7236, 6));
  const bool tca7969 = (tca7191 <= attnc_iadd(tca7253, 7));
  const bool tca7963 = (tca7191 <= attnc_iadd(tca7231, 7));
  const bool tca7847 = (tca7191 <= attnc_iadd(tca7245, 3));
  const bool tca8027 = (0 < attnc_iadd(tca8014, tca7238));
  const bool tca8034 = (0 < attnc_iadd(tca8014, tca7240));
  const bool tca8076 = (tca8034 && tca7330);
  const bool tca8077 = (tca7359 && tca7435);
  const bool tca7871 = (0 < attnc_iadd(tca7326, tca7191));
  const bool tca7875 = (0 < attnc_iadd(tca7355, tca7191));
  const bool tca8079 = (tca7259 && tca7309);
  const bool tca8080 = (tca7338 && tca7399);
  const bool tca8011 = (tca7191 <= attnc_iadd(tca7761, 6));
  const bool tca8129 = (tca7963 && tca7847);
  const bool tca8217 = ((tca8107 && (((tca8041 && (0 <= attnc_iadd(tca8042, 4))) && ((0 <= attnc_iadd(tca8028, 3)) && tca8030)) && (((0 <= attnc_iadd(tca8035, 3)) && tca8037) && (tca7507 && tca7574)))) && ((((tca7389 && tca7332) && (tca7361 && tca7275)) && ((tca7286 && tca7391) && (tca7334 && tca7363))) && (((tca7278 && tca7289) && (tca7440 && tca7373)) && (tca7639 && ((0 <= attnc_iadd(tca7500, 4)) && (0 <= attnc_iadd(tca7430, 3)))))));
  const bool tca8176 = (tca7437 && (0 <= attnc_iadd(tca7567, 4)));
  const bool tca8207 = ((tca8176 && ((0 <= attnc_iadd(tca7386, 7)) && (0 <= attnc_iadd(tca7326, 6)))) && ((tca7328 && (0 <= attnc_iadd(tca7355, 6))) && tca8061));
  const bool tca8179 = ((0 <= tca7438) && tca7313);
  const bool tca8180 = (tca7342 && tca7367);
  const bool tca8181 = (tca7255 && tca7267);
  const bool tca8151 = (0 <= tca7986);
  const bool tca7911 = (0 <= attnc_iadd(tca7249, 7));
  const bool tca7927 = (0 <= attnc_iadd(tca7244, 4));
  const bool tca7915 = (0 <= attnc_iadd(tca7238, 3));
  const bool tca8183 = (tca7927 && tca7915);
  const bool tca7909 = (0 <= attnc_iadd(tca7230, 6));
  const bool tca7921 = (0 <= attnc_iadd(tca7240, 3));
  const bool tca8185 = (tca7257 && tca7921);
  const bool tca7913 = (0 <= attnc_iadd(tca7251, 7));
  const bool tca7226 = (0 <= attnc_isub(tca7191, 7));
  const bool tca8150 = (0 < tca7433);
  const bool tca8142 = (0 < tca7236);
  const bool tca8221 = (tca7909 && tca7257);
  const bool tca8222 = (tca7921 && tca7340);
  const bool tca8225 = (tca8221 && tca8222);
  const bool tca8158 = (0 < tca7761);
  const bool tca8228 = ((0 <= attnc_iadd(tca7754, 3)) && tca7815);
  const bool tca8232 = ((tca8228 && tca8221) && (tca8222 && ((0 <= attnc_iadd(tca7748, 6)) && tca7750)));
  const bool tca8252 = ((tca8176 && tca8060) && (tca8061 && tca8062));
  const bool tca8243 = (tca7649 && tca7650);
  const bool tca8248 = ((tca8027 && tca8034) && tca7657);
  const bool tca8249 = ((tca7435 && tca7871) && (tca7875 && tca7259));
  const bool tca8143 = (0 < tca7191);
  const bool tca7227 = (!tca7226);
  const bool tca8272 = (tca8228 && tca8185);
  const bool tca8280 = (tca7915 && tca7311);
  const bool tca8290 = (tca8070 && (tca7988 && tca7967));
  const bool tca8291 = ((tca7965 && tca7969) && ((tca7191 <= attnc_iadd(tca7242, 10)) && tca7963));
  const bool tca8141 = (tca7191 <= 13);
  const bool tca8357 = (((tca8344 || ((((((0 <= attnc_iadd(attnc_iadd(tca7754, tca7231), 3)) && tca7410) && tca7797) && (((0 <= attnc_iadd(tca7749, 6)) && (0 <= attnc_iadd(attnc_iadd(tca7748, tca7245), 3))) && tca7828)) && ((tca7829 && tca7830) && ((tca7294 && (3 < attnc_iadd(tca7754, tca7191))) && (tca7336 && tca7292)))) && tca7290)) || (((((tca8107 && (((tca8041 && tca8030) && (tca8037 && tca7507)) && ((tca7574 && tca7389) && tca7623))) && ((((tca7275 && tca7286) && (tca7391 && tca7334)) && (tca7632 && (tca7289 && tca7440))) && (((tca7373 && tca7504) && (tca7571 && tca7437)) && (tca8060 && tca8061)))) && ((tca8111 && ((tca8063 && ((0 <= attnc_iadd(tca7248, 2)) && tca7469)) && (tca8065 && tca8066))) && (((((tca7191 <= attnc_iadd(tca8018, 3)) && (tca7191 <= attnc_iadd(tca8014, 2))) && ((tca7191 <= attnc_iadd(tca8016, 3)) && (tca7191 <= attnc_iadd(tca7302, 3)))) && (((tca7191 <= attnc_iadd(tca7300, 2)) && (tca7191 <= attnc_iadd(tca7304, 3))) && tca8070)) && (((tca7988 && (tca7191 <= attnc_iadd(tca7298, 3))) && (tca7967 && tca7965)) && ((tca7969 && (tca7191 <= attnc_iadd(tca7252, 3))) && ((tca7191 <= attnc_iadd(tca7234, 2)) && tca7963)))))) && (((((tca7847 && tca8027) && tca8076) && (tca8077 && (tca7871 && tca7875))) && ((tca8079 && tca8080) && (((3 < tca8018) && (3 < tca8016)) && (tca7303 && tca7305)))) && (((tca7299 && tca7293) && (tca7292 && (4 < tca8014))) && ((tca7301 && (4 < attnc_iadd(tca7248, tca7191))) && tca7291)))) || ((((tca7655 && (tca8011 && (tca7191 <= attnc_iadd(tca7252, 2)))) && (tca8129 && tca7798)) && ((tca7399 && tca7292) && tca7785)) || (((tca7828 && tca7829) && (tca8129 && tca7830)) && tca7292)))) || ((((tca8217 && ((tca8207 && (tca8094 && (tca7650 && tca8179))) && (((tca8180 && tca8181) && ((tca8151 && tca7911) && tca8183)) && (((tca7311 && tca7909) && tca8185) && ((tca7340 && tca7913) && (tca7226 && tca8027)))))) && (((tca8076 && tca8077) && ((tca7259 && tca8150) && tca7659)) && tca8142)) || (tca8225 && ((tca7226 && tca7763) && (tca7787 && tca8158)))) || (((((tca8232 && tca7226) || ((tca8217 && ((tca8252 && (tca8243 && (tca8179 && tca8180))) && (((tca8181 && (tca8151 && tca7469)) && (tca8183 && tca8065)) && ((tca8222 && (tca7536 && tca7226)) && tca8248)))) && ((tca8249 && ((tca8150 && tca7309) && tca8080)) && ((tca8142 && tca8143) && tca7227)))) || (((tca8185 && (tca7340 && tca7226)) && (tca7798 && (tca7399 && tca8158))) && (tca8143 && tca7227))) || ((tca8272 && (tca7829 && (tca7226 && tca7399))) && ((tca7820 && tca8143) && tca7227))) || ((tca8217 && ((tca8207 && tca8111) && (((tca8063 && (tca7911 && tca7927)) && (tca8280 && tca8221)) && ((tca8222 && (tca7913 && tca7226)) && tca8290)))) && ((tca8291 && ((tca8141 && tca8027) && tca8076)) && ((tca8077 && tca8079) && (tca7338 && tca7227)))))));
  return (tca8357 || ((((tca8225 && ((tca7226 && tca8011) && (tca7963 && tca8141))) && (tca7798 && tca7227)) || ((tca8232 && ((tca7226 && tca7963) && (tca8141 && tca7227))) || ((tca8217 && ((tca8252 && (tca8243 && (tca7651 && tca8063))) && ((((tca7469 && tca7927) && tca8280) && (tca8185 && tca8066)) && (tca8290 && tca8291)))) && ((tca8248 && tca8249) && (tca7659 && (tca7399 && tca7227)))))) || ((((tca8185 && (tca7340 && tca8011)) && ((tca7963 && tca7763) && (tca7787 && tca7399))) && tca7227) || ((tca8272 && (tca7829 && (tca7963 && tca7399))) && (tca7820 && tca7227)))));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf7230 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tcf7231 = attnc_idiv(kvhi, 56);
  const bool tcf7257 = (0 <= attnc_iadd(tcf7230, tcf7231));
  const int tcf7240 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tcf7245 = attnc_idiv(qhi, 56);
  const bool tcf7340 = (0 <= attnc_iadd(tcf7240, tcf7245));
  const bool tcf7655 = (tcf7257 && tcf7340);
  const int tcf7191 = attnc_idiv(p.KV_LEN, 56);
  const bool tcf7336 = (3 < attnc_iadd(tcf7240, tcf7191));
  const bool tcf7292 = (3 < tcf7245);
  const bool tcf8359 = (7 < attnc_iadd(tcf7230, tcf7191));
  const bool tcf7290 = (7 < tcf7191);
  const bool tcf7847 = (tcf7191 <= attnc_iadd(tcf7245, 3));
  const bool tcf8185 = (tcf7257 && (0 <= attnc_iadd(tcf7240, 3)));
  const bool tcf7226 = (0 <= attnc_isub(tcf7191, 7));
  const bool tcf7227 = (!tcf7226);
  const bool tcf8379 = (tcf7191 <= tcf7231);
  const int tcf7238 = attnc_idiv(attnc_isub(52, qlo), 56);
  const bool tcf7311 = (0 <= attnc_iadd(tcf7238, tcf7245));
  const int tcf7775 = attnc_imul(56, tcf7231);
  const int tcf7234 = attnc_idiv(attnc_iadd(qhi, 52), 56);
  const bool tcf7309 = (0 < attnc_iadd(tcf7234, tcf7238));
  const bool tcf7338 = (0 < attnc_iadd(tcf7234, tcf7240));
  const int tcf8392 = attnc_idiv(attnc_isub(attnc_iadd(attnc_iadd(tcf7775, qhi), 52), kvlo), 56);
  const int tcf8415 = attnc_idiv(attnc_isub(51, qlo), 56);
  const int tcf7737 = attnc_iadd(attnc_imul(56, tcf7230), kvhi);
  const int tcf8418 = attnc_idiv(attnc_isub(attnc_iadd(tcf7737, 52), qlo), 56);
  return (!((((((tcf7655 && ((3 < attnc_iadd(tcf7230, tcf7245)) && tcf7336)) && ((tcf7292 && tcf8359) && tcf7290)) || ((tcf7655 && (tcf7847 && tcf7292)) && tcf8359)) || ((tcf8185 && (tcf7340 && tcf8359)) && tcf7227)) || ((((tcf7655 && (tcf7336 && (3 < attnc_iadd(tcf7240, tcf7231)))) && ((tcf7292 && tcf7290) && (7 < tcf7231))) || ((tcf7655 && (tcf7847 && tcf8379)) && tcf7292)) || (((tcf8185 && (tcf7340 && tcf7226)) && (6 < tcf7231)) || ((tcf8185 && (tcf7340 && tcf8379)) && tcf7227)))) || (((((((tcf7311 && tcf7257) && (tcf7340 && (kvlo <= attnc_iadd(tcf7775, 48)))) && (((kvlo <= attnc_iadd(tcf7775, 51)) && tcf7309) && (tcf7338 && (0 < attnc_iadd(tcf8392, tcf7238))))) && (0 < attnc_iadd(tcf8392, tcf7240))) || (((0 <= attnc_iadd(attnc_idiv(attnc_isub(48, kvlo), 56), tcf7231)) && tcf7257) && (tcf7340 && (0 < attnc_iadd(attnc_idiv(attnc_iadd(qhi, 3), 56), tcf7240))))) || (((((0 <= attnc_iadd(tcf8415, tcf7245)) && tcf7311) && tcf7655) && (((0 < attnc_iadd(tcf7234, tcf8415)) && tcf7309) && (tcf7338 && (0 < attnc_iadd(tcf8418, tcf7245))))) && (((1 < attnc_iadd(tcf7234, tcf8418)) && (3 < tcf7737)) && (7 < tcf7737)))) || (((0 <= attnc_iadd(attnc_idiv(attnc_isub(3, qlo), 56), tcf7245)) && tcf7257) && (tcf7340 && (0 < attnc_iadd(attnc_idiv(attnc_iadd(kvhi, 49), 56), tcf7230)))))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl7191 = attnc_idiv(p.KV_LEN, 56);
    const bool tkl7290 = (7 < tkl7191);
    const int tkl7234 = attnc_idiv(attnc_iadd(qhi, 52), 56);
    const bool tkl7291 = (4 < tkl7234);
    const int tkl7245 = attnc_idiv(qhi, 56);
    const bool tkl7292 = (3 < tkl7245);
    const int tkl7238 = attnc_idiv(attnc_isub(52, qlo), 56);
    const bool tkl7309 = (0 < attnc_iadd(tkl7234, tkl7238));
    const bool tkl7311 = (0 <= attnc_iadd(tkl7238, tkl7245));
    const bool tkl8627 = (tkl7309 && tkl7311);
    const int tkl7240 = attnc_idiv(attnc_isub(55, qlo), 56);
    const int tkl7335 = attnc_iadd(tkl7240, tkl7191);
    const bool tkl7336 = (3 < tkl7335);
    const bool tkl7338 = (0 < attnc_iadd(tkl7234, tkl7240));
    const int tkl7339 = attnc_iadd(tkl7240, tkl7245);
    const bool tkl7340 = (0 <= tkl7339);
    const int tkl7892 = attnc_imul(56, tkl7191);
    const int tkl8454 = attnc_isub(tkl7892, 1);
    const bool tkl8455 = (0 <= tkl8454);
    const int tkl8456 = attnc_isub(qlo, 171);
    const int tkl24 = attnc_isub(p.KV_LEN, 1);
    const bool tkl8457 = (tkl8456 <= tkl24);
    const bool tkl8458 = (tkl8456 <= tkl8454);
    const int tkl8459 = attnc_imul(56, tkl7234);
    const int tkl8461 = attnc_iadd(tkl8459, 167);
    const int tkl8463 = attnc_imul(56, tkl7245);
    const int tkl8465 = attnc_iadd(tkl8463, 223);
    const int tkl7898 = attnc_iadd(tkl7892, 2);
    const bool tkl8467 = (tkl8456 <= tkl7898);
    const int tkl8469 = attnc_iadd(tkl8459, 170);
    const int tkl8472 = attnc_iadd(tkl8463, 226);
    const bool tkl8474 = (55 < tkl24);
    const bool tkl8475 = (55 < tkl8454);
    const int tkl8483 = attnc_imul(56, tkl7238);
    const int tkl8486 = attnc_isub(0, attnc_iadd(tkl8483, 168));
    const int tkl7765 = attnc_iadd(qhi, 171);
    const int tkl8492 = attnc_iadd(qhi, 226);
    const int tkl8495 = attnc_iadd(qhi, 225);
    const int tkl8498 = attnc_iadd(qhi, 229);
    const int tkl8504 = attnc_iadd(qhi, 228);
    const int tkl8507 = attnc_iadd(qhi, 232);
    const int tkl8510 = attnc_isub(0, attnc_iadd(tkl8483, 167));
    const int tkl8525 = attnc_isub(0, attnc_iadd(tkl8483, 171));
    const int tkl8539 = attnc_imul(56, tkl7240);
    const int tkl8541 = attnc_isub(0, attnc_iadd(tkl8539, 168));
    const bool tkl8542 = (tkl8541 <= tkl24);
    const bool tkl8544 = (tkl8541 <= tkl8454);
    const bool tkl8546 = (tkl8541 <= tkl8465);
    const int tkl8556 = attnc_isub(0, attnc_iadd(tkl8539, 167));
    const int tkl8571 = attnc_isub(0, attnc_iadd(tkl8539, 171));
    const int tkl8585 = attnc_isub(qlo, 226);
    const int tkl8593 = attnc_isub(qlo, 225);
    const int tkl8601 = attnc_isub(qlo, 229);
    const int tkl8609 = attnc_isub(qlo, 228);
    const int tkl8617 = attnc_isub(qlo, 232);
    const int tkl7252 = attnc_idiv(attnc_iadd(qhi, 3), 56);
    const bool tkl7785 = (4 < tkl7252);
    const int tkl7341 = attnc_iadd(tkl7252, tkl7240);
    const bool tkl7787 = (0 < tkl7341);
    const bool tkl8810 = (tkl7787 && tkl7340);
    const bool tkl7841 = (1 < tkl7191);
    const bool tkl7873 = (0 <= attnc_iadd(tkl7335, 2));
    const bool tkl8794 = (0 <= attnc_iadd(tkl7339, 6));
    const int tkl8800 = attnc_isub(0, attnc_iadd(tkl8539, 119));
    const int tkl8804 = attnc_iadd(attnc_imul(56, tkl7252), 167);
    const int tkl7754 = attnc_idiv(attnc_isub(3, qlo), 56);
    const int tkl7812 = attnc_iadd(tkl7754, tkl7191);
    const int tkl7814 = attnc_iadd(tkl7754, tkl7245);
    const bool tkl7815 = (0 <= tkl7814);
    const int tkl8840 = attnc_isub(tkl7892, 50);
    const bool tkl8841 = (0 <= tkl8840);
    const bool tkl8868 = (tkl8841 && tkl8455);
    const int tkl8845 = attnc_isub(0, attnc_iadd(attnc_imul(56, tkl7754), 168));
    const int tkl8849 = attnc_iadd(tkl8463, 174);
    const bool tkl7847 = (tkl7191 <= attnc_iadd(tkl7245, 3));
    const bool tkl8936 = (tkl7338 && tkl7340);
    const int tkl8887 = attnc_isub(attnc_iadd(tkl7892, qhi), 277);
    const int tkl8891 = attnc_isub(attnc_iadd(attnc_iadd(tkl8483, tkl7892), qhi), 53);
    const bool tkl8892 = (0 <= tkl8891);
    const int tkl8895 = attnc_isub(attnc_iadd(attnc_iadd(tkl8539, tkl7892), qhi), 53);
    const bool tkl8896 = (0 <= tkl8895);
    const int tkl8898 = attnc_isub(tkl7892, 392);
    const bool tkl8899 = (tkl8898 <= tkl24);
    const bool tkl8937 = (tkl8896 && tkl8899);
    const int tkl8901 = attnc_iadd(qhi, 115);
    const int tkl8905 = attnc_isub(tkl7892, 391);
    const bool tkl8906 = (tkl8905 <= tkl24);
    const bool tkl8953 = (((tkl8898 <= tkl8891) && (tkl8898 <= tkl8895)) && tkl8906);
    const bool tkl8908 = (tkl8905 <= tkl8891);
    const int tkl8910 = attnc_isub(tkl7892, 395);
    const bool tkl8911 = (tkl8910 <= tkl24);
    const bool tkl8940 = ((tkl8905 <= tkl8895) && tkl8911);
    const bool tkl8941 = ((tkl8910 <= tkl8891) && (tkl8910 <= tkl8895));
    const int tkl8004 = attnc_iadd(tkl7892, qlo);
    const int tkl8917 = attnc_isub(tkl8004, attnc_iadd(tkl8459, 339));
    const bool tkl8918 = (tkl8917 <= tkl24);
    const bool tkl8919 = (tkl8917 <= tkl8454);
    const bool tkl8920 = (tkl8917 <= tkl7898);
    const bool tkl8923 = (tkl8917 <= tkl8891);
    const bool tkl8924 = (tkl8917 <= tkl8895);
    const int tkl8926 = attnc_isub(tkl8004, attnc_iadd(tkl8463, 395));
    const bool tkl8927 = (tkl8926 <= tkl24);
    const bool tkl8928 = (tkl8926 <= tkl8454);
    const bool tkl8929 = (tkl8926 <= tkl7898);
    const bool tkl8932 = (tkl8926 <= tkl8891);
    const bool tkl8933 = (tkl8926 <= tkl8895);
    const int tkl8970 = max(0, tkl8898);
    const int tkl8973 = max(tkl8970, max(tkl8905, tkl8910));
    const int tkl9293 = min(min((((((((((tkl7290 && tkl7291) && (tkl7292 && (3 < attnc_iadd(tkl7238, tkl7191)))) && (tkl8627 && (tkl7336 && tkl7338))) && (tkl7340 && tkl8455)) && (tkl8457 && (((tkl8458 && (tkl8456 <= tkl8461)) && (tkl8456 <= tkl8465)) && (tkl8467 && (tkl8456 <= tkl8469))))) && (((((tkl8456 <= tkl8472) && tkl8474) && tkl8475) && (55 < tkl7898)) && (((56 < tkl24) && (56 < tkl8454)) && ((56 < tkl7898) && ((52 < tkl24) && (52 < tkl8454)))))) && ((((52 < tkl7898) && (((tkl8486 <= tkl24) && (tkl8486 <= tkl7765)) && (((tkl8486 <= tkl8454) && (tkl8486 <= tkl8461)) && ((tkl8486 <= tkl8465) && (tkl8486 <= tkl8492))))) && (((((tkl8486 <= tkl8495) && (tkl8486 <= tkl8498)) && ((tkl8486 <= tkl7898) && (tkl8486 <= tkl8469))) && (((tkl8486 <= tkl8472) && (tkl8486 <= tkl8504)) && ((tkl8486 <= tkl8507) && (tkl8510 <= tkl24)))) && ((((tkl8510 <= tkl7765) && (tkl8510 <= tkl8454)) && ((tkl8510 <= tkl8461) && (tkl8510 <= tkl8465))) && (((tkl8510 <= tkl8492) && (tkl8510 <= tkl8495)) && ((tkl8510 <= tkl8498) && (tkl8510 <= tkl7898)))))) && ((((((tkl8510 <= tkl8469) && (tkl8510 <= tkl8472)) && ((tkl8510 <= tkl8504) && (tkl8510 <= tkl8507))) && (((tkl8525 <= tkl24) && (tkl8525 <= tkl7765)) && ((tkl8525 <= tkl8454) && (tkl8525 <= tkl8461)))) && ((((tkl8525 <= tkl8465) && (tkl8525 <= tkl8492)) && ((tkl8525 <= tkl8495) && (tkl8525 <= tkl8498))) && (((tkl8525 <= tkl7898) && (tkl8525 <= tkl8469)) && ((tkl8525 <= tkl8472) && (tkl8525 <= tkl8504))))) && (((((tkl8525 <= tkl8507) && tkl8542) && ((tkl8541 <= tkl7765) && tkl8544)) && (((tkl8541 <= tkl8461) && tkl8546) && ((tkl8541 <= tkl8492) && (tkl8541 <= tkl8495)))) && ((((tkl8541 <= tkl8498) && (tkl8541 <= tkl7898)) && ((tkl8541 <= tkl8469) && (tkl8541 <= tkl8472))) && (((tkl8541 <= tkl8504) && (tkl8541 <= tkl8507)) && ((tkl8556 <= tkl24) && (tkl8556 <= tkl7765)))))))) && ((((((((tkl8556 <= tkl8454) && (tkl8556 <= tkl8461)) && ((tkl8556 <= tkl8465) && (tkl8556 <= tkl8492))) && (((tkl8556 <= tkl8495) && (tkl8556 <= tkl8498)) && ((tkl8556 <= tkl7898) && (tkl8556 <= tkl8469)))) && ((((tkl8556 <= tkl8472) && (tkl8556 <= tkl8504)) && ((tkl8556 <= tkl8507) && (tkl8571 <= tkl24))) && (((tkl8571 <= tkl7765) && (tkl8571 <= tkl8454)) && ((tkl8571 <= tkl8461) && (tkl8571 <= tkl8465))))) && (((((tkl8571 <= tkl8492) && (tkl8571 <= tkl8495)) && ((tkl8571 <= tkl8498) && (tkl8571 <= tkl7898))) && (((tkl8571 <= tkl8469) && (tkl8571 <= tkl8472)) && ((tkl8571 <= tkl8504) && (tkl8571 <= tkl8507)))) && (((tkl8585 <= tkl24) && ((tkl8585 <= tkl8454) && (tkl8585 <= tkl8461))) && (tkl8585 <= tkl8465)))) && ((((((tkl8585 <= tkl7898) && (tkl8585 <= tkl8469)) && (tkl8585 <= tkl8472)) && ((tkl8593 <= tkl24) && (tkl8593 <= tkl8454))) && (((tkl8593 <= tkl8461) && (tkl8593 <= tkl8465)) && ((tkl8593 <= tkl7898) && ((tkl8593 <= tkl8469) && (tkl8593 <= tkl8472))))) && (((tkl8601 <= tkl24) && (((tkl8601 <= tkl8454) && (tkl8601 <= tkl8461)) && (tkl8601 <= tkl8465))) && (((tkl8601 <= tkl7898) && (tkl8601 <= tkl8469)) && ((tkl8601 <= tkl8472) && (tkl8609 <= tkl24)))))) && (((((tkl8609 <= tkl8454) && ((tkl8609 <= tkl8461) && (tkl8609 <= tkl8465))) && (tkl8609 <= tkl7898)) && (((tkl8609 <= tkl8469) && (tkl8609 <= tkl8472)) && ((tkl8617 <= tkl24) && ((tkl8617 <= tkl8454) && (tkl8617 <= tkl8461))))) && ((tkl8617 <= tkl8465) && (((tkl8617 <= tkl7898) && (tkl8617 <= tkl8469)) && (tkl8617 <= tkl8472)))))) ? max(max(max(max(0, tkl8456), 57), max(max(53, tkl8486), max(tkl8510, tkl8525))), max(max(max(tkl8541, tkl8556), max(tkl8571, tkl8585)), max(max(tkl8593, tkl8601), max(tkl8609, tkl8617)))) : p.KV_LEN), ((((((tkl7290 && tkl7785) && (tkl7292 && tkl7336)) && (tkl8810 && (tkl7841 && tkl7873))) && ((((0 <= attnc_iadd(tkl7341, 5)) && tkl8794) && tkl8455) && ((104 < tkl24) && (104 < tkl8454)))) && (((tkl8474 && tkl8475) && ((tkl8800 <= tkl24) && (tkl8800 <= tkl8454))) && ((((tkl8800 <= tkl8804) && (tkl8800 <= tkl8465)) && (tkl8542 && tkl8544)) && ((tkl8541 <= tkl8804) && tkl8546)))) ? max(max(105, max(56, tkl8800)), tkl8541) : p.KV_LEN)), min(((((((tkl7290 && tkl7292) && ((3 < tkl7812) && tkl7815)) && ((tkl7336 && tkl7340) && (tkl7841 && (0 <= attnc_iadd(tkl7812, 2))))) && ((((0 <= attnc_iadd(tkl7814, 6)) && tkl7873) && tkl8794) && tkl8868)) && ((((tkl8474 && (55 < tkl8840)) && tkl8475) && ((tkl8845 <= tkl24) && ((tkl8845 <= tkl8840) && (tkl8845 <= tkl8849)))) && ((((tkl8845 <= tkl8454) && (tkl8845 <= tkl8465)) && (tkl8542 && (tkl8541 <= tkl8840))) && (((tkl8541 <= tkl8849) && tkl8544) && tkl8546)))) ? max(56, max(tkl8845, tkl8541)) : p.KV_LEN), (((((((tkl7291 && tkl7292) && ((tkl7191 <= attnc_iadd(tkl7234, 2)) && tkl7847)) && (tkl8627 && tkl8936)) && ((tkl8455 && (0 <= tkl8887)) && (tkl8892 && tkl8937))) && (((tkl8898 <= tkl8901) && tkl8953) && (((tkl8905 <= tkl8901) && tkl8908) && tkl8940))) && (((((tkl8910 <= tkl8901) && tkl8941) && ((tkl8918 && tkl8919) && (tkl8920 && (tkl8917 <= tkl8887)))) && ((((tkl8917 <= tkl8901) && tkl8923) && (tkl8924 && tkl8927)) && ((tkl8928 && tkl8929) && ((tkl8926 <= tkl8887) && (tkl8926 <= tkl8901))))) && (tkl8932 && tkl8933))) ? max(tkl8973, max(tkl8917, tkl8926)) : p.KV_LEN)));
    const int tkl8981 = attnc_isub(tkl7892, 343);
    const bool tkl8982 = (tkl8981 <= tkl24);
    const int tkl8991 = max(max(0, tkl8981), tkl8898);
    const bool tkl8994 = (tkl8455 && tkl8899);
    const bool tkl7226 = (0 <= attnc_isub(tkl7191, 7));
    const bool tkl9028 = ((0 <= attnc_iadd(tkl7238, 3)) && tkl7309);
    const bool tkl7921 = (0 <= attnc_iadd(tkl7240, 3));
    const bool tkl9041 = ((tkl7311 && tkl7921) && tkl8936);
    const int tkl9000 = attnc_iadd(attnc_iadd(tkl8483, qhi), 339);
    const bool tkl9001 = (0 <= tkl9000);
    const int tkl9003 = attnc_iadd(attnc_iadd(tkl8539, qhi), 339);
    const bool tkl9004 = (0 <= tkl9003);
    const bool tkl7147 = (0 < tkl24);
    const int tkl9015 = attnc_isub(attnc_iadd(qlo, 52), tkl8459);
    const bool tkl9016 = (tkl9015 < tkl24);
    const int tkl9022 = attnc_isub(qlo, attnc_iadd(tkl8463, 3));
    const bool tkl9023 = (tkl9022 <= tkl24);
    const int tkl9060 = max(max(1, max((-3), tkl8456)), max(attnc_isub(attnc_iadd(qlo, 53), tkl8459), tkl9022));
    const bool tkl9066 = (tkl7921 && tkl7787);
    const bool tkl9065 = (48 < tkl24);
    const bool tkl8228 = ((0 <= attnc_iadd(tkl7754, 3)) && tkl7815);
    const bool tkl8222 = (tkl7921 && tkl7340);
    const bool tkl7227 = (!tkl7226);
    const bool tkl9089 = (tkl7226 && tkl7227);
    const bool tkl8143 = (0 < tkl7191);
    const bool tkl9158 = (tkl7227 && tkl7226);
    const bool tkl8141 = (tkl7191 <= 13);
    const bool tkl9131 = (tkl8898 <= 391);
    const bool tkl9160 = (tkl8899 && tkl9131);
    const int tkl9144 = attnc_isub(tkl8004, 563);
    const bool tkl9145 = (tkl9144 <= tkl24);
    const int tkl9196 = max(tkl8973, max(max(tkl9144, tkl8917), tkl8926));
    lo = min(min(min(tkl9293, min(min((((((tkl7785 && tkl7292) && ((tkl7191 <= attnc_iadd(tkl7252, 2)) && tkl7847)) && (tkl8810 && tkl8455)) && (tkl8982 && tkl8899)) ? tkl8991 : p.KV_LEN), ((((tkl7292 && tkl7847) && (tkl7815 && tkl7340)) && (tkl8841 && tkl8994)) ? tkl8970 : p.KV_LEN)), min(((((((tkl7226 && tkl9028) && tkl9041) && (tkl9001 && (tkl9004 && tkl7147))) && ((((0 < tkl9000) && (0 < tkl9003)) && (((-3) <= tkl9000) && (((-3) <= tkl9003) && tkl8457))) && ((((tkl8456 <= 391) && (tkl8456 <= 394)) && ((tkl8456 <= tkl9000) && (tkl8456 <= tkl9003))) && ((tkl9016 && (tkl9015 < 391)) && ((tkl9015 < 394) && (tkl9015 < tkl9000)))))) && ((((tkl9015 < tkl9003) && tkl9023) && ((tkl9022 <= 391) && (tkl9022 <= 394))) && ((tkl9022 <= tkl9000) && (tkl9022 <= tkl9003)))) ? tkl9060 : p.KV_LEN), (((tkl7226 && tkl9066) && (tkl7340 && tkl9065)) ? 49 : p.KV_LEN)))), min(min(min((((tkl7226 && tkl8228) && tkl8222) ? 0 : p.KV_LEN), ((((((tkl9089 && tkl9028) && tkl9041) && ((tkl8143 && tkl8455) && ((tkl8892 && tkl8896) && (tkl7147 && (0 < tkl8454))))) && ((((0 < tkl8891) && (0 < tkl8895)) && (((-3) <= tkl8891) && ((-3) <= tkl8895))) && (((tkl8457 && tkl8458) && (tkl8467 && (tkl8456 <= tkl8891))) && (((tkl8456 <= tkl8895) && tkl9016) && ((tkl9015 < tkl8454) && (tkl9015 < tkl7898)))))) && ((((tkl9015 < tkl8891) && (tkl9015 < tkl8895)) && (tkl9023 && (tkl9022 <= tkl8454))) && (((tkl9022 <= tkl7898) && (tkl9022 <= tkl8891)) && (tkl9022 <= tkl8895)))) ? tkl9060 : p.KV_LEN)), min(((((tkl9089 && tkl9066) && ((tkl7340 && tkl8143) && tkl8455)) && (tkl9065 && (48 < tkl8454))) ? 49 : p.KV_LEN), ((((tkl9089 && tkl8228) && (tkl8222 && tkl8143)) && tkl8868) ? 0 : p.KV_LEN))), min(min(((((((tkl9158 && tkl9028) && tkl9041) && (tkl8141 && ((tkl9001 && tkl9004) && tkl9160))) && (((((tkl8898 <= 394) && (tkl8898 <= tkl9000)) && ((tkl8898 <= tkl9003) && tkl8906)) && (((tkl8905 <= 391) && (tkl8905 <= 394)) && ((tkl8905 <= tkl9000) && (tkl8905 <= tkl9003)))) && (((tkl8911 && (tkl8910 <= 391)) && ((tkl8910 <= 394) && (tkl8910 <= tkl9000))) && (((tkl8910 <= tkl9003) && tkl9145) && ((tkl9144 <= 391) && (tkl9144 <= 394)))))) && (((((tkl9144 <= tkl9000) && (tkl9144 <= tkl9003)) && (tkl8918 && (tkl8917 <= 391))) && (((tkl8917 <= 394) && (tkl8917 <= tkl9000)) && ((tkl8917 <= tkl9003) && tkl8927))) && (((tkl8926 <= 391) && (tkl8926 <= 394)) && ((tkl8926 <= tkl9000) && (tkl8926 <= tkl9003))))) ? tkl9196 : p.KV_LEN), ((((tkl9158 && tkl9066) && (tkl7340 && tkl8141)) && ((tkl8982 && (tkl8981 <= 391)) && tkl9160)) ? tkl8991 : p.KV_LEN)), min(((((tkl9158 && tkl8228) && (tkl8222 && tkl8141)) && ((tkl8899 && (tkl8898 <= 342)) && tkl9131)) ? tkl8970 : p.KV_LEN), ((((((tkl7227 && tkl9028) && tkl9041) && ((tkl8455 && tkl8892) && tkl8937)) && ((tkl8953 && (tkl8908 && tkl8940)) && (tkl8941 && ((tkl9145 && (tkl9144 <= tkl8454)) && ((tkl9144 <= tkl7898) && (tkl9144 <= tkl8891)))))) && (((((tkl9144 <= tkl8895) && tkl8918) && (tkl8919 && tkl8920)) && ((tkl8923 && tkl8924) && (tkl8927 && tkl8928))) && ((tkl8929 && tkl8932) && tkl8933))) ? tkl9196 : p.KV_LEN))))), min(((((tkl7227 && tkl9066) && (tkl7340 && (tkl8455 && tkl8982))) && tkl8899) ? tkl8991 : p.KV_LEN), ((((tkl7227 && tkl8228) && (tkl8222 && tkl8841)) && tkl8994) ? tkl8970 : p.KV_LEN)));
  }
  {
    const int tkh7191 = attnc_idiv(p.KV_LEN, 56);
    const bool tkh7290 = (7 < tkh7191);
    const int tkh7234 = attnc_idiv(attnc_iadd(qhi, 52), 56);
    const bool tkh7291 = (4 < tkh7234);
    const int tkh7245 = attnc_idiv(qhi, 56);
    const bool tkh7292 = (3 < tkh7245);
    const int tkh7238 = attnc_idiv(attnc_isub(52, qlo), 56);
    const bool tkh7309 = (0 < attnc_iadd(tkh7234, tkh7238));
    const bool tkh7311 = (0 <= attnc_iadd(tkh7238, tkh7245));
    const bool tkh8627 = (tkh7309 && tkh7311);
    const int tkh7240 = attnc_idiv(attnc_isub(55, qlo), 56);
    const int tkh7335 = attnc_iadd(tkh7240, tkh7191);
    const bool tkh7336 = (3 < tkh7335);
    const bool tkh7338 = (0 < attnc_iadd(tkh7234, tkh7240));
    const int tkh7339 = attnc_iadd(tkh7240, tkh7245);
    const bool tkh7340 = (0 <= tkh7339);
    const int tkh7892 = attnc_imul(56, tkh7191);
    const int tkh8454 = attnc_isub(tkh7892, 1);
    const bool tkh8455 = (0 <= tkh8454);
    const int tkh8456 = attnc_isub(qlo, 171);
    const int tkh24 = attnc_isub(p.KV_LEN, 1);
    const bool tkh8457 = (tkh8456 <= tkh24);
    const bool tkh8458 = (tkh8456 <= tkh8454);
    const int tkh8459 = attnc_imul(56, tkh7234);
    const int tkh8461 = attnc_iadd(tkh8459, 167);
    const int tkh8463 = attnc_imul(56, tkh7245);
    const int tkh8465 = attnc_iadd(tkh8463, 223);
    const int tkh7898 = attnc_iadd(tkh7892, 2);
    const bool tkh8467 = (tkh8456 <= tkh7898);
    const int tkh8469 = attnc_iadd(tkh8459, 170);
    const int tkh8472 = attnc_iadd(tkh8463, 226);
    const bool tkh8474 = (55 < tkh24);
    const bool tkh8475 = (55 < tkh8454);
    const int tkh8483 = attnc_imul(56, tkh7238);
    const int tkh8486 = attnc_isub(0, attnc_iadd(tkh8483, 168));
    const int tkh7765 = attnc_iadd(qhi, 171);
    const int tkh8492 = attnc_iadd(qhi, 226);
    const int tkh8495 = attnc_iadd(qhi, 225);
    const int tkh8498 = attnc_iadd(qhi, 229);
    const int tkh8504 = attnc_iadd(qhi, 228);
    const int tkh8507 = attnc_iadd(qhi, 232);
    const int tkh8510 = attnc_isub(0, attnc_iadd(tkh8483, 167));
    const int tkh8525 = attnc_isub(0, attnc_iadd(tkh8483, 171));
    const int tkh8539 = attnc_imul(56, tkh7240);
    const int tkh8541 = attnc_isub(0, attnc_iadd(tkh8539, 168));
    const bool tkh8542 = (tkh8541 <= tkh24);
    const bool tkh8544 = (tkh8541 <= tkh8454);
    const bool tkh8546 = (tkh8541 <= tkh8465);
    const int tkh8556 = attnc_isub(0, attnc_iadd(tkh8539, 167));
    const int tkh8571 = attnc_isub(0, attnc_iadd(tkh8539, 171));
    const int tkh8585 = attnc_isub(qlo, 226);
    const int tkh8593 = attnc_isub(qlo, 225);
    const int tkh8601 = attnc_isub(qlo, 229);
    const int tkh8609 = attnc_isub(qlo, 228);
    const int tkh8617 = attnc_isub(qlo, 232);
    const int tkh7252 = attnc_idiv(attnc_iadd(qhi, 3), 56);
    const bool tkh7785 = (4 < tkh7252);
    const int tkh7341 = attnc_iadd(tkh7252, tkh7240);
    const bool tkh7787 = (0 < tkh7341);
    const bool tkh8810 = (tkh7787 && tkh7340);
    const bool tkh7841 = (1 < tkh7191);
    const bool tkh7873 = (0 <= attnc_iadd(tkh7335, 2));
    const bool tkh8794 = (0 <= attnc_iadd(tkh7339, 6));
    const int tkh8800 = attnc_isub(0, attnc_iadd(tkh8539, 119));
    const int tkh8804 = attnc_iadd(attnc_imul(56, tkh7252), 167);
    const int tkh8834 = min(tkh24, tkh8454);
    const int tkh7754 = attnc_idiv(attnc_isub(3, qlo), 56);
    const int tkh7812 = attnc_iadd(tkh7754, tkh7191);
    const int tkh7814 = attnc_iadd(tkh7754, tkh7245);
    const bool tkh7815 = (0 <= tkh7814);
    const int tkh8840 = attnc_isub(tkh7892, 50);
    const bool tkh8841 = (0 <= tkh8840);
    const bool tkh8868 = (tkh8841 && tkh8455);
    const int tkh8845 = attnc_isub(0, attnc_iadd(attnc_imul(56, tkh7754), 168));
    const int tkh8849 = attnc_iadd(tkh8463, 174);
    const int tkh8882 = min(tkh24, tkh8840);
    const bool tkh7847 = (tkh7191 <= attnc_iadd(tkh7245, 3));
    const bool tkh8936 = (tkh7338 && tkh7340);
    const int tkh8887 = attnc_isub(attnc_iadd(tkh7892, qhi), 277);
    const int tkh8891 = attnc_isub(attnc_iadd(attnc_iadd(tkh8483, tkh7892), qhi), 53);
    const bool tkh8892 = (0 <= tkh8891);
    const int tkh8895 = attnc_isub(attnc_iadd(attnc_iadd(tkh8539, tkh7892), qhi), 53);
    const bool tkh8896 = (0 <= tkh8895);
    const int tkh8898 = attnc_isub(tkh7892, 392);
    const bool tkh8899 = (tkh8898 <= tkh24);
    const bool tkh8937 = (tkh8896 && tkh8899);
    const int tkh8901 = attnc_iadd(qhi, 115);
    const int tkh8905 = attnc_isub(tkh7892, 391);
    const bool tkh8906 = (tkh8905 <= tkh24);
    const bool tkh8953 = (((tkh8898 <= tkh8891) && (tkh8898 <= tkh8895)) && tkh8906);
    const bool tkh8908 = (tkh8905 <= tkh8891);
    const int tkh8910 = attnc_isub(tkh7892, 395);
    const bool tkh8911 = (tkh8910 <= tkh24);
    const bool tkh8940 = ((tkh8905 <= tkh8895) && tkh8911);
    const bool tkh8941 = ((tkh8910 <= tkh8891) && (tkh8910 <= tkh8895));
    const int tkh8004 = attnc_iadd(tkh7892, qlo);
    const int tkh8917 = attnc_isub(tkh8004, attnc_iadd(tkh8459, 339));
    const bool tkh8918 = (tkh8917 <= tkh24);
    const bool tkh8919 = (tkh8917 <= tkh8454);
    const bool tkh8920 = (tkh8917 <= tkh7898);
    const bool tkh8923 = (tkh8917 <= tkh8891);
    const bool tkh8924 = (tkh8917 <= tkh8895);
    const int tkh8926 = attnc_isub(tkh8004, attnc_iadd(tkh8463, 395));
    const bool tkh8927 = (tkh8926 <= tkh24);
    const bool tkh8928 = (tkh8926 <= tkh8454);
    const bool tkh8929 = (tkh8926 <= tkh7898);
    const bool tkh8932 = (tkh8926 <= tkh8891);
    const bool tkh8933 = (tkh8926 <= tkh8895);
    const int tkh9310 = max(max((((((((((tkh7290 && tkh7291) && (tkh7292 && (3 < attnc_iadd(tkh7238, tkh7191)))) && (tkh8627 && (tkh7336 && tkh7338))) && (tkh7340 && tkh8455)) && (tkh8457 && (((tkh8458 && (tkh8456 <= tkh8461)) && (tkh8456 <= tkh8465)) && (tkh8467 && (tkh8456 <= tkh8469))))) && (((((tkh8456 <= tkh8472) && tkh8474) && tkh8475) && (55 < tkh7898)) && (((56 < tkh24) && (56 < tkh8454)) && ((56 < tkh7898) && ((52 < tkh24) && (52 < tkh8454)))))) && ((((52 < tkh7898) && (((tkh8486 <= tkh24) && (tkh8486 <= tkh7765)) && (((tkh8486 <= tkh8454) && (tkh8486 <= tkh8461)) && ((tkh8486 <= tkh8465) && (tkh8486 <= tkh8492))))) && (((((tkh8486 <= tkh8495) && (tkh8486 <= tkh8498)) && ((tkh8486 <= tkh7898) && (tkh8486 <= tkh8469))) && (((tkh8486 <= tkh8472) && (tkh8486 <= tkh8504)) && ((tkh8486 <= tkh8507) && (tkh8510 <= tkh24)))) && ((((tkh8510 <= tkh7765) && (tkh8510 <= tkh8454)) && ((tkh8510 <= tkh8461) && (tkh8510 <= tkh8465))) && (((tkh8510 <= tkh8492) && (tkh8510 <= tkh8495)) && ((tkh8510 <= tkh8498) && (tkh8510 <= tkh7898)))))) && ((((((tkh8510 <= tkh8469) && (tkh8510 <= tkh8472)) && ((tkh8510 <= tkh8504) && (tkh8510 <= tkh8507))) && (((tkh8525 <= tkh24) && (tkh8525 <= tkh7765)) && ((tkh8525 <= tkh8454) && (tkh8525 <= tkh8461)))) && ((((tkh8525 <= tkh8465) && (tkh8525 <= tkh8492)) && ((tkh8525 <= tkh8495) && (tkh8525 <= tkh8498))) && (((tkh8525 <= tkh7898) && (tkh8525 <= tkh8469)) && ((tkh8525 <= tkh8472) && (tkh8525 <= tkh8504))))) && (((((tkh8525 <= tkh8507) && tkh8542) && ((tkh8541 <= tkh7765) && tkh8544)) && (((tkh8541 <= tkh8461) && tkh8546) && ((tkh8541 <= tkh8492) && (tkh8541 <= tkh8495)))) && ((((tkh8541 <= tkh8498) && (tkh8541 <= tkh7898)) && ((tkh8541 <= tkh8469) && (tkh8541 <= tkh8472))) && (((tkh8541 <= tkh8504) && (tkh8541 <= tkh8507)) && ((tkh8556 <= tkh24) && (tkh8556 <= tkh7765)))))))) && ((((((((tkh8556 <= tkh8454) && (tkh8556 <= tkh8461)) && ((tkh8556 <= tkh8465) && (tkh8556 <= tkh8492))) && (((tkh8556 <= tkh8495) && (tkh8556 <= tkh8498)) && ((tkh8556 <= tkh7898) && (tkh8556 <= tkh8469)))) && ((((tkh8556 <= tkh8472) && (tkh8556 <= tkh8504)) && ((tkh8556 <= tkh8507) && (tkh8571 <= tkh24))) && (((tkh8571 <= tkh7765) && (tkh8571 <= tkh8454)) && ((tkh8571 <= tkh8461) && (tkh8571 <= tkh8465))))) && (((((tkh8571 <= tkh8492) && (tkh8571 <= tkh8495)) && ((tkh8571 <= tkh8498) && (tkh8571 <= tkh7898))) && (((tkh8571 <= tkh8469) && (tkh8571 <= tkh8472)) && ((tkh8571 <= tkh8504) && (tkh8571 <= tkh8507)))) && (((tkh8585 <= tkh24) && ((tkh8585 <= tkh8454) && (tkh8585 <= tkh8461))) && (tkh8585 <= tkh8465)))) && ((((((tkh8585 <= tkh7898) && (tkh8585 <= tkh8469)) && (tkh8585 <= tkh8472)) && ((tkh8593 <= tkh24) && (tkh8593 <= tkh8454))) && (((tkh8593 <= tkh8461) && (tkh8593 <= tkh8465)) && ((tkh8593 <= tkh7898) && ((tkh8593 <= tkh8469) && (tkh8593 <= tkh8472))))) && (((tkh8601 <= tkh24) && (((tkh8601 <= tkh8454) && (tkh8601 <= tkh8461)) && (tkh8601 <= tkh8465))) && (((tkh8601 <= tkh7898) && (tkh8601 <= tkh8469)) && ((tkh8601 <= tkh8472) && (tkh8609 <= tkh24)))))) && (((((tkh8609 <= tkh8454) && ((tkh8609 <= tkh8461) && (tkh8609 <= tkh8465))) && (tkh8609 <= tkh7898)) && (((tkh8609 <= tkh8469) && (tkh8609 <= tkh8472)) && ((tkh8617 <= tkh24) && ((tkh8617 <= tkh8454) && (tkh8617 <= tkh8461))))) && ((tkh8617 <= tkh8465) && (((tkh8617 <= tkh7898) && (tkh8617 <= tkh8469)) && (tkh8617 <= tkh8472)))))) ? min(min(min(min(tkh24, tkh7765), min(tkh8454, tkh8461)), min(min(tkh8465, tkh8492), min(tkh8495, tkh8498))), min(min(min(tkh7898, tkh8469), min(tkh8472, tkh8504)), tkh8507)) : (-1)), ((((((tkh7290 && tkh7785) && (tkh7292 && tkh7336)) && (tkh8810 && (tkh7841 && tkh7873))) && ((((0 <= attnc_iadd(tkh7341, 5)) && tkh8794) && tkh8455) && ((104 < tkh24) && (104 < tkh8454)))) && (((tkh8474 && tkh8475) && ((tkh8800 <= tkh24) && (tkh8800 <= tkh8454))) && ((((tkh8800 <= tkh8804) && (tkh8800 <= tkh8465)) && (tkh8542 && tkh8544)) && ((tkh8541 <= tkh8804) && tkh8546)))) ? min(tkh8834, min(tkh8804, tkh8465)) : (-1))), max(((((((tkh7290 && tkh7292) && ((3 < tkh7812) && tkh7815)) && ((tkh7336 && tkh7340) && (tkh7841 && (0 <= attnc_iadd(tkh7812, 2))))) && ((((0 <= attnc_iadd(tkh7814, 6)) && tkh7873) && tkh8794) && tkh8868)) && ((((tkh8474 && (55 < tkh8840)) && tkh8475) && ((tkh8845 <= tkh24) && ((tkh8845 <= tkh8840) && (tkh8845 <= tkh8849)))) && ((((tkh8845 <= tkh8454) && (tkh8845 <= tkh8465)) && (tkh8542 && (tkh8541 <= tkh8840))) && (((tkh8541 <= tkh8849) && tkh8544) && tkh8546)))) ? min(min(tkh8882, min(tkh8849, tkh8454)), tkh8465) : (-1)), (((((((tkh7291 && tkh7292) && ((tkh7191 <= attnc_iadd(tkh7234, 2)) && tkh7847)) && (tkh8627 && tkh8936)) && ((tkh8455 && (0 <= tkh8887)) && (tkh8892 && tkh8937))) && (((tkh8898 <= tkh8901) && tkh8953) && (((tkh8905 <= tkh8901) && tkh8908) && tkh8940))) && (((((tkh8910 <= tkh8901) && tkh8941) && ((tkh8918 && tkh8919) && (tkh8920 && (tkh8917 <= tkh8887)))) && ((((tkh8917 <= tkh8901) && tkh8923) && (tkh8924 && tkh8927)) && ((tkh8928 && tkh8929) && ((tkh8926 <= tkh8887) && (tkh8926 <= tkh8901))))) && (tkh8932 && tkh8933))) ? min(min(tkh8834, min(tkh7898, tkh8887)), min(min(tkh8901, tkh8891), tkh8895)) : (-1))));
    const int tkh8981 = attnc_isub(tkh7892, 343);
    const bool tkh8982 = (tkh8981 <= tkh24);
    const bool tkh8994 = (tkh8455 && tkh8899);
    const int tkh8998 = min(tkh8882, tkh8454);
    const bool tkh7226 = (0 <= attnc_isub(tkh7191, 7));
    const bool tkh9028 = ((0 <= attnc_iadd(tkh7238, 3)) && tkh7309);
    const bool tkh7921 = (0 <= attnc_iadd(tkh7240, 3));
    const bool tkh9041 = ((tkh7311 && tkh7921) && tkh8936);
    const int tkh9000 = attnc_iadd(attnc_iadd(tkh8483, qhi), 339);
    const bool tkh9001 = (0 <= tkh9000);
    const int tkh9003 = attnc_iadd(attnc_iadd(tkh8539, qhi), 339);
    const bool tkh9004 = (0 <= tkh9003);
    const bool tkh7147 = (0 < tkh24);
    const int tkh9015 = attnc_isub(attnc_iadd(qlo, 52), tkh8459);
    const bool tkh9016 = (tkh9015 < tkh24);
    const int tkh9022 = attnc_isub(qlo, attnc_iadd(tkh8463, 3));
    const bool tkh9023 = (tkh9022 <= tkh24);
    const int tkh9061 = min(tkh24, 391);
    const int tkh9064 = min(min(tkh9061, min(394, tkh9000)), tkh9003);
    const bool tkh9066 = (tkh7921 && tkh7787);
    const bool tkh9065 = (48 < tkh24);
    const bool tkh8228 = ((0 <= attnc_iadd(tkh7754, 3)) && tkh7815);
    const bool tkh8222 = (tkh7921 && tkh7340);
    const int tkh9073 = min(min(tkh24, 342), 391);
    const bool tkh7227 = (!tkh7226);
    const bool tkh9089 = (tkh7226 && tkh7227);
    const bool tkh8143 = (0 < tkh7191);
    const int tkh9119 = min(min(tkh8834, min(tkh7898, tkh8891)), tkh8895);
    const bool tkh9158 = (tkh7227 && tkh7226);
    const bool tkh8141 = (tkh7191 <= 13);
    const bool tkh9131 = (tkh8898 <= 391);
    const bool tkh9160 = (tkh8899 && tkh9131);
    const int tkh9144 = attnc_isub(tkh8004, 563);
    const bool tkh9145 = (tkh9144 <= tkh24);
    hi = max(max(max(tkh9310, max(max((((((tkh7785 && tkh7292) && ((tkh7191 <= attnc_iadd(tkh7252, 2)) && tkh7847)) && (tkh8810 && tkh8455)) && (tkh8982 && tkh8899)) ? tkh8834 : (-1)), ((((tkh7292 && tkh7847) && (tkh7815 && tkh7340)) && (tkh8841 && tkh8994)) ? tkh8998 : (-1))), max(((((((tkh7226 && tkh9028) && tkh9041) && (tkh9001 && (tkh9004 && tkh7147))) && ((((0 < tkh9000) && (0 < tkh9003)) && (((-3) <= tkh9000) && (((-3) <= tkh9003) && tkh8457))) && ((((tkh8456 <= 391) && (tkh8456 <= 394)) && ((tkh8456 <= tkh9000) && (tkh8456 <= tkh9003))) && ((tkh9016 && (tkh9015 < 391)) && ((tkh9015 < 394) && (tkh9015 < tkh9000)))))) && ((((tkh9015 < tkh9003) && tkh9023) && ((tkh9022 <= 391) && (tkh9022 <= 394))) && ((tkh9022 <= tkh9000) && (tkh9022 <= tkh9003)))) ? tkh9064 : (-1)), (((tkh7226 && tkh9066) && (tkh7340 && tkh9065)) ? tkh9061 : (-1))))), max(max(max((((tkh7226 && tkh8228) && tkh8222) ? tkh9073 : (-1)), ((((((tkh9089 && tkh9028) && tkh9041) && ((tkh8143 && tkh8455) && ((tkh8892 && tkh8896) && (tkh7147 && (0 < tkh8454))))) && ((((0 < tkh8891) && (0 < tkh8895)) && (((-3) <= tkh8891) && ((-3) <= tkh8895))) && (((tkh8457 && tkh8458) && (tkh8467 && (tkh8456 <= tkh8891))) && (((tkh8456 <= tkh8895) && tkh9016) && ((tkh9015 < tkh8454) && (tkh9015 < tkh7898)))))) && ((((tkh9015 < tkh8891) && (tkh9015 < tkh8895)) && (tkh9023 && (tkh9022 <= tkh8454))) && (((tkh9022 <= tkh7898) && (tkh9022 <= tkh8891)) && (tkh9022 <= tkh8895)))) ? tkh9119 : (-1))), max(((((tkh9089 && tkh9066) && ((tkh7340 && tkh8143) && tkh8455)) && (tkh9065 && (48 < tkh8454))) ? tkh8834 : (-1)), ((((tkh9089 && tkh8228) && (tkh8222 && tkh8143)) && tkh8868) ? tkh8998 : (-1)))), max(max(((((((tkh9158 && tkh9028) && tkh9041) && (tkh8141 && ((tkh9001 && tkh9004) && tkh9160))) && (((((tkh8898 <= 394) && (tkh8898 <= tkh9000)) && ((tkh8898 <= tkh9003) && tkh8906)) && (((tkh8905 <= 391) && (tkh8905 <= 394)) && ((tkh8905 <= tkh9000) && (tkh8905 <= tkh9003)))) && (((tkh8911 && (tkh8910 <= 391)) && ((tkh8910 <= 394) && (tkh8910 <= tkh9000))) && (((tkh8910 <= tkh9003) && tkh9145) && ((tkh9144 <= 391) && (tkh9144 <= 394)))))) && (((((tkh9144 <= tkh9000) && (tkh9144 <= tkh9003)) && (tkh8918 && (tkh8917 <= 391))) && (((tkh8917 <= 394) && (tkh8917 <= tkh9000)) && ((tkh8917 <= tkh9003) && tkh8927))) && (((tkh8926 <= 391) && (tkh8926 <= 394)) && ((tkh8926 <= tkh9000) && (tkh8926 <= tkh9003))))) ? tkh9064 : (-1)), ((((tkh9158 && tkh9066) && (tkh7340 && tkh8141)) && ((tkh8982 && (tkh8981 <= 391)) && tkh9160)) ? tkh9061 : (-1))), max(((((tkh9158 && tkh8228) && (tkh8222 && tkh8141)) && ((tkh8899 && (tkh8898 <= 342)) && tkh9131)) ? tkh9073 : (-1)), ((((((tkh7227 && tkh9028) && tkh9041) && ((tkh8455 && tkh8892) && tkh8937)) && ((tkh8953 && (tkh8908 && tkh8940)) && (tkh8941 && ((tkh9145 && (tkh9144 <= tkh8454)) && ((tkh9144 <= tkh7898) && (tkh9144 <= tkh8891)))))) && (((((tkh9144 <= tkh8895) && tkh8918) && (tkh8919 && tkh8920)) && ((tkh8923 && tkh8924) && (tkh8927 && tkh8928))) && ((tkh8929 && tkh8932) && tkh8933))) ? tkh9119 : (-1)))))), max(((((tkh7227 && tkh9066) && (tkh7340 && (tkh8455 && tkh8982))) && tkh8899) ? tkh8834 : (-1)), ((((tkh7227 && tkh8228) && (tkh8222 && tkh8841)) && tkh8994) ? tkh8998 : (-1))));
  }
}

// <skeleton: _shared.cu>

// <sm_90a skeleton: _shared.cu>


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

extern "C" int attnc_neighborhood_2d_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    cudaStream_t stream) {
  using namespace attnc_neighborhood_2d;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (!generated_head_dim(D)) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale};
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
  const int rc = dtype == ATTNC_DTYPE_BF16 ? dispatch<__nv_bfloat16>(p, stream) : dispatch<__half>(p, stream);
  return rc;
}

extern "C" int attnc_neighborhood_2d_skeleton(int D) {
  using namespace attnc_neighborhood_2d;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if (((D == 64 && sm90_plan_available(ATTNC_SM90_D64_PRODUCER)) || (D == 128 && sm90_plan_available(ATTNC_SM90_D128_PRODUCER))) && sm90_available()) return 90;
#endif
  return 80;
}
