// attnc: swin_shifted_window (softmax) — generated CUDA C++, do not edit.
// Build: nvcc -O3 -std=c++17 -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a -gencode=arch=compute_80,code=compute_80 -c swin_shifted_window.cu
// Entry point and error codes: swin_shifted_window.h. Tile plans: ATTNC_D<dim>_* macros below.
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
#define ATTNC_ERR_SIZE 2  /* a size is not positive, or B, H exceed 65535 */
#define ATTNC_ERR_GQA 3  /* H is not a multiple of H_KV */
#define ATTNC_ERR_HEAD_DIM 4  /* D is not a head dimension this kernel was generated for */
#define ATTNC_ERR_ALIGNMENT 5  /* q, k, v, o not 16-byte aligned, or lse / a tensor not 4-byte aligned */
#define ATTNC_ERR_DTYPE 6  /* dtype is neither ATTNC_DTYPE_BF16 nor ATTNC_DTYPE_F16 */
#define ATTNC_ERR_CUDA 7  /* a CUDA call failed (setting shared memory, or the launch); see cudaGetLastError */
#define ATTNC_DTYPE_BF16 0
#define ATTNC_DTYPE_F16 1
#endif

namespace attnc_swin_shifted_window {

// <prelude: _shared.cu>

struct Params {
  const void* q;
  const void* k;
  const void* v;
  float* o;
  float* lse;
  int B, H, H_KV, Q_LEN, KV_LEN, D;
  float scale;
  const float* in_bias;  // f32[H, 169]
};

__device__ __forceinline__ const float* attnc_ptr_bias(const Params& p, int i0, int i1) {
  return p.in_bias + (((int64_t)min(max(i0, 0), p.H - 1)) * 169 + min(max(i1, 0), 169 - 1));
}
__device__ __forceinline__ float attnc_load_bias(const Params& p, int i0, int i1) {
  return __ldg(attnc_ptr_bias(p, i0, i1));
}

// ---- the plan, printed: what the mask and score are, and which tiles can be skipped ----
constexpr bool kMaskIsTrue = false;
constexpr bool kMaskIsCheap = false;  // unroll the mask loop (few ops)
constexpr bool kClassifierIsCheap = false;  // classify key tiles where needed (else a chunk at a time, one per thread)
constexpr bool kScoreIsS = false;
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
  int tr9455;
  int tr14321;
  int tr9466;
  int tr14325;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr9455 = attnc_idiv(q, 56);
  const int tr14321 = attnc_idiv(attnc_isub(tr9455, 3), 7);
  const int tr9466 = attnc_imod(q, 56);
  const int tr14325 = attnc_idiv(attnc_isub(tr9466, 3), 7);
  return RowCtx{tr9455, tr14321, tr9466, tr14325};
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
  const int tr14321 = rc.tr14321;
  const int tr14325 = rc.tr14325;
  return ((tr14321 == attnc_idiv(attnc_isub(attnc_idiv(kv, 56), 3), 7)) && (tr14325 == attnc_idiv(attnc_isub(attnc_imod(kv, 56), 3), 7)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  const int tr9455 = rc.tr9455;
  const int tr9466 = rc.tr9466;
  return (s + attnc_load_bias(p, h, attnc_iadd(attnc_imul(attnc_isub(attnc_iadd(attnc_isub(tr9455, attnc_idiv(kv, 56)), 7), 1), 13), attnc_isub(attnc_iadd(attnc_isub(tr9466, attnc_imod(kv, 56)), 7), 1))));
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca14359 = attnc_idiv(attnc_iadd(kvhi, 4), 7);
  const int tca14350 = attnc_idiv(attnc_isub(2, qlo), 7);
  const int tca14361 = attnc_idiv(attnc_iadd(tca14359, tca14350), 8);
  const int tca14352 = attnc_idiv(attnc_iadd(qhi, 4), 7);
  const int tca14357 = attnc_idiv(attnc_isub(2, kvlo), 7);
  const int tca14364 = attnc_idiv(attnc_iadd(tca14352, tca14357), 8);
  const int tca14384 = attnc_iadd(tca14361, tca14364);
  const int tca14356 = attnc_idiv(tca14352, 8);
  const int tca14439 = attnc_iadd(tca14384, tca14356);
  const int tca14355 = attnc_idiv(tca14350, 8);
  const int tca14465 = attnc_iadd(tca14384, tca14355);
  const int tca9510 = attnc_idiv(qhi, 56);
  const int tca14395 = attnc_iadd(tca14361, tca14356);
  const int tca14397 = attnc_idiv(attnc_iadd(tca14395, 4), 7);
  const int tca14456 = attnc_iadd(tca14364, tca14355);
  const int tca14458 = attnc_idiv(attnc_iadd(tca14456, 3), 7);
  const int tca14508 = attnc_iadd(tca14397, tca14458);
  const int tca14391 = attnc_idiv(attnc_iadd(tca14361, 6), 7);
  const int tca14891 = attnc_iadd(tca14508, tca14391);
  const int tca14427 = attnc_idiv(attnc_iadd(tca14364, 6), 7);
  const int tca9505 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tca14442 = attnc_iadd(tca14364, tca9505);
  const int tca14444 = attnc_idiv(attnc_iadd(tca14442, 2), 7);
  const int tca14500 = attnc_iadd(tca14397, tca14444);
  const int tca14840 = attnc_iadd(tca14500, tca14391);
  const int tca14734 = attnc_iadd(tca14397, tca14391);
  const int tca14746 = attnc_iadd(tca14734, tca14427);
  const int tca14365 = attnc_idiv(tca14357, 8);
  const int tca14410 = attnc_idiv(attnc_iadd(tca14365, 3), 7);
  const int tca9495 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tca14399 = attnc_idiv(attnc_iadd(tca9495, 2), 7);
  const int tca14394 = attnc_idiv(attnc_iadd(attnc_iadd(tca14361, tca9510), 4), 7);
  const int tca14506 = attnc_iadd(tca14394, tca14458);
  const int tca14889 = attnc_iadd(tca14506, tca14391);
  const int tca14498 = attnc_iadd(tca14394, tca14444);
  const int tca14838 = attnc_iadd(tca14498, tca14391);
  const int tca14731 = attnc_iadd(tca14394, tca14391);
  const int tca14743 = attnc_iadd(tca14731, tca14427);
  const int tca14872 = attnc_iadd(tca14458, tca14391);
  const int tca14893 = attnc_iadd(tca14872, tca14427);
  const int tca14362 = attnc_idiv(tca14359, 8);
  const int tca14389 = attnc_idiv(attnc_iadd(tca14362, 4), 7);
  const bool tca14911 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca14439, tca14355), 1)) && (0 <= attnc_iadd(attnc_iadd(tca14465, tca9510), 1))) && (0 <= attnc_iadd(tca14891, tca14427))) && (0 <= attnc_iadd(tca14840, tca14427))) && (0 <= attnc_iadd(tca14746, tca14410))) && (0 <= attnc_iadd(tca14746, tca14399))) && (0 <= attnc_iadd(tca14889, tca14427))) && (0 <= attnc_iadd(tca14838, tca14427))) && (0 <= attnc_iadd(tca14743, tca14410))) && (0 <= attnc_iadd(tca14743, tca14399))) && (0 <= attnc_iadd(tca14893, tca14389)));
  const int tca9496 = attnc_idiv(kvhi, 56);
  const int tca14387 = attnc_idiv(attnc_iadd(tca9496, 4), 7);
  const int tca14821 = attnc_iadd(tca14444, tca14391);
  const int tca14842 = attnc_iadd(tca14821, tca14427);
  const int tca14492 = attnc_iadd(tca14391, tca14427);
  const int tca14740 = attnc_iadd(tca14492, tca14389);
  const int tca14449 = attnc_iadd(tca14384, tca9505);
  const int tca14417 = attnc_iadd(tca14361, tca14365);
  const bool tca14922 = (((((((((((tca14911 && (0 <= attnc_iadd(tca14893, tca14387))) && (0 <= attnc_iadd(tca14842, tca14389))) && (0 <= attnc_iadd(tca14842, tca14387))) && (0 <= attnc_iadd(tca14740, tca14410))) && (0 <= attnc_iadd(tca14740, tca14399))) && (0 <= attnc_iadd(attnc_iadd(tca14492, tca14410), tca14387))) && (0 <= attnc_iadd(attnc_iadd(tca14492, tca14399), tca14387))) && (0 <= attnc_iadd(tca14439, tca9505))) && (0 <= attnc_iadd(tca14449, tca9510))) && (0 <= attnc_iadd(attnc_iadd(tca14395, tca14365), 1))) && (0 <= attnc_iadd(attnc_iadd(tca14417, tca9510), 1)));
  const int tca14431 = attnc_iadd(tca14364, tca14362);
  const int tca14441 = attnc_idiv(attnc_iadd(tca14439, 4), 7);
  const int tca14861 = attnc_iadd(tca14441, tca14458);
  const int tca14810 = attnc_iadd(tca14441, tca14444);
  const int tca14723 = attnc_iadd(tca14441, tca14391);
  const int tca14467 = attnc_idiv(attnc_iadd(tca14465, 3), 7);
  const int tca14676 = attnc_iadd(tca14467, tca14397);
  const int tca14674 = attnc_iadd(tca14467, tca14394);
  const int tca14678 = attnc_iadd(tca14467, tca14427);
  const bool tca14932 = ((((((((((tca14922 && (0 <= attnc_iadd(attnc_iadd(tca14431, tca14355), 1))) && (0 <= attnc_iadd(attnc_iadd(tca14456, tca9496), 1))) && (0 <= attnc_iadd(tca14861, tca14391))) && (0 <= attnc_iadd(tca14810, tca14391))) && (0 <= attnc_iadd(tca14723, tca14410))) && (0 <= attnc_iadd(tca14723, tca14399))) && (0 <= attnc_iadd(tca14676, tca14427))) && (0 <= attnc_iadd(tca14674, tca14427))) && (0 <= attnc_iadd(tca14678, tca14389))) && (0 <= attnc_iadd(tca14678, tca14387)));
  const int tca14451 = attnc_idiv(attnc_iadd(tca14449, 2), 7);
  const int tca14647 = attnc_iadd(tca14451, tca14397);
  const int tca14645 = attnc_iadd(tca14451, tca14394);
  const int tca14649 = attnc_iadd(tca14451, tca14427);
  const int tca14438 = attnc_idiv(attnc_iadd(attnc_iadd(tca14384, tca9510), 4), 7);
  const int tca14859 = attnc_iadd(tca14438, tca14458);
  const int tca14808 = attnc_iadd(tca14438, tca14444);
  const int tca14720 = attnc_iadd(tca14438, tca14391);
  const int tca14419 = attnc_idiv(attnc_iadd(tca14417, 3), 7);
  const int tca14618 = attnc_iadd(tca14397, tca14419);
  const int tca14402 = attnc_iadd(tca14361, tca9495);
  const int tca14404 = attnc_idiv(attnc_iadd(tca14402, 2), 7);
  const int tca14589 = attnc_iadd(tca14397, tca14404);
  const bool tca14943 = (((((((((((tca14932 && (0 <= attnc_iadd(tca14647, tca14427))) && (0 <= attnc_iadd(tca14645, tca14427))) && (0 <= attnc_iadd(tca14649, tca14389))) && (0 <= attnc_iadd(tca14649, tca14387))) && (0 <= attnc_iadd(tca14859, tca14391))) && (0 <= attnc_iadd(tca14808, tca14391))) && (0 <= attnc_iadd(tca14720, tca14410))) && (0 <= attnc_iadd(tca14720, tca14399))) && (0 <= attnc_iadd(tca14618, tca14427))) && (0 <= attnc_iadd(tca14589, tca14427))) && (0 <= tca14891));
  const int tca14539 = attnc_iadd(tca14397, tca14427);
  const int tca14377 = attnc_idiv(attnc_iadd(tca14355, 3), 7);
  const int tca14373 = attnc_idiv(attnc_iadd(tca9505, 2), 7);
  const int tca14616 = attnc_iadd(tca14419, tca14394);
  const int tca14620 = attnc_iadd(tca14419, tca14427);
  const bool tca14954 = (((((((((((tca14943 && (0 <= attnc_iadd(tca14508, tca14427))) && (0 <= tca14840)) && (0 <= attnc_iadd(tca14500, tca14427))) && (0 <= attnc_iadd(tca14734, tca14410))) && (0 <= attnc_iadd(tca14734, tca14399))) && (0 <= attnc_iadd(tca14539, tca14410))) && (0 <= attnc_iadd(tca14539, tca14377))) && (0 <= attnc_iadd(tca14539, tca14399))) && (0 <= attnc_iadd(tca14539, tca14373))) && (0 <= attnc_iadd(tca14616, tca14427))) && (0 <= attnc_iadd(tca14620, tca14389)));
  const int tca14587 = attnc_iadd(tca14404, tca14394);
  const int tca14591 = attnc_iadd(tca14404, tca14427);
  const int tca14536 = attnc_iadd(tca14394, tca14427);
  const bool tca14965 = (((((((((((tca14954 && (0 <= attnc_iadd(tca14620, tca14387))) && (0 <= attnc_iadd(tca14587, tca14427))) && (0 <= attnc_iadd(tca14591, tca14389))) && (0 <= attnc_iadd(tca14591, tca14387))) && (0 <= tca14889)) && (0 <= attnc_iadd(tca14506, tca14427))) && (0 <= tca14838)) && (0 <= attnc_iadd(tca14498, tca14427))) && (0 <= attnc_iadd(tca14731, tca14410))) && (0 <= attnc_iadd(tca14731, tca14399))) && (0 <= attnc_iadd(tca14536, tca14410)));
  const int tca14433 = attnc_idiv(attnc_iadd(tca14431, 4), 7);
  const int tca14857 = attnc_iadd(tca14433, tca14458);
  const int tca14806 = attnc_iadd(tca14433, tca14444);
  const int tca14717 = attnc_iadd(tca14433, tca14391);
  const int tca14430 = attnc_idiv(attnc_iadd(attnc_iadd(tca14364, tca9496), 4), 7);
  const int tca14855 = attnc_iadd(tca14458, tca14430);
  const int tca14371 = attnc_idiv(attnc_iadd(tca14356, 4), 7);
  const bool tca14976 = (((((((((((tca14965 && (0 <= attnc_iadd(tca14536, tca14377))) && (0 <= attnc_iadd(tca14536, tca14399))) && (0 <= attnc_iadd(tca14536, tca14373))) && (0 <= attnc_iadd(tca14857, tca14391))) && (0 <= attnc_iadd(tca14806, tca14391))) && (0 <= attnc_iadd(tca14717, tca14410))) && (0 <= attnc_iadd(tca14717, tca14399))) && (0 <= attnc_iadd(tca14855, tca14391))) && (0 <= attnc_iadd(tca14872, tca14389))) && (0 <= attnc_iadd(tca14872, tca14371))) && (0 <= attnc_iadd(tca14872, tca14387)));
  const int tca14369 = attnc_idiv(attnc_iadd(tca9510, 4), 7);
  const int tca14863 = attnc_iadd(tca14458, tca14427);
  const int tca14804 = attnc_iadd(tca14444, tca14430);
  const int tca14812 = attnc_iadd(tca14444, tca14427);
  const int tca14714 = attnc_iadd(tca14430, tca14391);
  const bool tca14987 = (((((((((((tca14976 && (0 <= attnc_iadd(tca14872, tca14369))) && (0 <= attnc_iadd(tca14863, tca14389))) && (0 <= attnc_iadd(tca14863, tca14387))) && (0 <= attnc_iadd(tca14804, tca14391))) && (0 <= attnc_iadd(tca14821, tca14389))) && (0 <= attnc_iadd(tca14821, tca14371))) && (0 <= attnc_iadd(tca14821, tca14387))) && (0 <= attnc_iadd(tca14821, tca14369))) && (0 <= attnc_iadd(tca14812, tca14389))) && (0 <= attnc_iadd(tca14812, tca14387))) && (0 <= attnc_iadd(tca14714, tca14410)));
  const int tca14728 = attnc_iadd(tca14391, tca14389);
  const int tca14711 = attnc_iadd(tca14391, tca14371);
  const int tca14770 = attnc_iadd(tca14391, tca14410);
  const int tca14708 = attnc_iadd(tca14391, tca14399);
  const int tca14533 = attnc_iadd(tca14427, tca14389);
  const bool tca14998 = (((((((((((tca14987 && (0 <= attnc_iadd(tca14714, tca14399))) && (0 <= attnc_iadd(tca14728, tca14410))) && (0 <= attnc_iadd(tca14728, tca14399))) && (0 <= attnc_iadd(tca14711, tca14410))) && (0 <= attnc_iadd(tca14711, tca14399))) && (0 <= attnc_iadd(tca14770, tca14387))) && (0 <= attnc_iadd(tca14770, tca14369))) && (0 <= attnc_iadd(tca14708, tca14387))) && (0 <= attnc_iadd(tca14708, tca14369))) && (0 <= attnc_iadd(tca14533, tca14410))) && (0 <= attnc_iadd(tca14533, tca14377)));
  const bool tca15009 = (((((((((((tca14998 && (0 <= attnc_iadd(tca14533, tca14399))) && (0 <= attnc_iadd(tca14533, tca14373))) && (0 <= attnc_iadd(attnc_iadd(tca14427, tca14410), tca14387))) && (0 <= attnc_iadd(attnc_iadd(tca14427, tca14377), tca14387))) && (0 <= attnc_iadd(attnc_iadd(tca14427, tca14399), tca14387))) && (0 <= attnc_iadd(attnc_iadd(tca14427, tca14373), tca14387))) && (0 <= attnc_iadd(tca14384, 6))) && (0 <= attnc_iadd(tca14395, tca9495))) && (0 <= attnc_iadd(tca14402, tca9510))) && (0 <= attnc_iadd(tca14431, tca9505))) && (0 <= attnc_iadd(tca14442, tca9496)));
  const bool tca15019 = ((((((((((tca15009 && (0 <= attnc_iadd(attnc_iadd(tca14362, tca14365), 1))) && (0 <= attnc_iadd(attnc_iadd(tca14356, tca14355), 1))) && (0 <= attnc_iadd(attnc_iadd(tca14365, tca9496), 1))) && (0 <= attnc_iadd(attnc_iadd(tca14355, tca9510), 1))) && (0 <= attnc_iadd(tca14441, tca14467))) && (0 <= attnc_iadd(tca14441, tca14451))) && (0 <= attnc_iadd(tca14441, tca14419))) && (0 <= attnc_iadd(tca14441, tca14404))) && (0 <= tca14861)) && (0 <= tca14810));
  const bool tca15030 = (((((((((((tca15019 && (0 <= attnc_iadd(tca14441, tca14410))) && (0 <= attnc_iadd(tca14441, tca14377))) && (0 <= attnc_iadd(tca14441, tca14399))) && (0 <= attnc_iadd(tca14441, tca14373))) && (0 <= attnc_iadd(tca14467, tca14438))) && (0 <= tca14676)) && (0 <= tca14674)) && (0 <= attnc_iadd(tca14467, tca14433))) && (0 <= attnc_iadd(tca14467, tca14430))) && (0 <= attnc_iadd(tca14467, tca14389))) && (0 <= attnc_iadd(tca14467, tca14371)));
  const bool tca15041 = (((((((((((tca15030 && (0 <= attnc_iadd(tca14467, tca14387))) && (0 <= attnc_iadd(tca14467, tca14369))) && (0 <= attnc_iadd(tca14451, tca14438))) && (0 <= tca14647)) && (0 <= tca14645)) && (0 <= attnc_iadd(tca14451, tca14433))) && (0 <= attnc_iadd(tca14451, tca14430))) && (0 <= attnc_iadd(tca14451, tca14389))) && (0 <= attnc_iadd(tca14451, tca14371))) && (0 <= attnc_iadd(tca14451, tca14387))) && (0 <= attnc_iadd(tca14451, tca14369)));
  const bool tca15052 = (((((((((((tca15041 && (0 <= attnc_iadd(tca14438, tca14419))) && (0 <= attnc_iadd(tca14438, tca14404))) && (0 <= tca14859)) && (0 <= tca14808)) && (0 <= attnc_iadd(tca14438, tca14410))) && (0 <= attnc_iadd(tca14438, tca14377))) && (0 <= attnc_iadd(tca14438, tca14399))) && (0 <= attnc_iadd(tca14438, tca14373))) && (0 <= tca14618)) && (0 <= tca14589)) && (0 <= tca14508));
  const bool tca15064 = ((((((((((((tca15052 && (0 <= tca14500)) && (0 <= attnc_iadd(tca14397, tca14410))) && (0 <= attnc_iadd(tca14397, tca14377))) && (0 <= attnc_iadd(tca14397, tca14399))) && (0 <= attnc_iadd(tca14397, tca14373))) && (0 <= tca14616)) && (0 <= attnc_iadd(tca14419, tca14433))) && (0 <= attnc_iadd(tca14419, tca14430))) && (0 <= attnc_iadd(tca14419, tca14389))) && (0 <= attnc_iadd(tca14419, tca14371))) && (0 <= attnc_iadd(tca14419, tca14387))) && (0 <= attnc_iadd(tca14419, tca14369)));
  const bool tca15076 = ((((((((((((tca15064 && (0 <= tca14587)) && (0 <= attnc_iadd(tca14404, tca14433))) && (0 <= attnc_iadd(tca14404, tca14430))) && (0 <= attnc_iadd(tca14404, tca14389))) && (0 <= attnc_iadd(tca14404, tca14371))) && (0 <= attnc_iadd(tca14404, tca14387))) && (0 <= attnc_iadd(tca14404, tca14369))) && (0 <= tca14506)) && (0 <= tca14498)) && (0 <= attnc_iadd(tca14394, tca14410))) && (0 <= attnc_iadd(tca14394, tca14377))) && (0 <= attnc_iadd(tca14394, tca14399)));
  const bool tca15087 = (((((((((((tca15076 && (0 <= attnc_iadd(tca14394, tca14373))) && (0 <= tca14857)) && (0 <= tca14806)) && (0 <= attnc_iadd(tca14433, tca14410))) && (0 <= attnc_iadd(tca14433, tca14377))) && (0 <= attnc_iadd(tca14433, tca14399))) && (0 <= attnc_iadd(tca14433, tca14373))) && (0 <= tca14855)) && (0 <= attnc_iadd(tca14458, tca14389))) && (0 <= attnc_iadd(tca14458, tca14371))) && (0 <= attnc_iadd(tca14458, tca14387)));
  const bool tca15098 = (((((((((((tca15087 && (0 <= attnc_iadd(tca14458, tca14369))) && (0 <= tca14804)) && (0 <= attnc_iadd(tca14444, tca14389))) && (0 <= attnc_iadd(tca14444, tca14371))) && (0 <= attnc_iadd(tca14444, tca14387))) && (0 <= attnc_iadd(tca14444, tca14369))) && (0 <= attnc_iadd(tca14430, tca14410))) && (0 <= attnc_iadd(tca14430, tca14377))) && (0 <= attnc_iadd(tca14430, tca14399))) && (0 <= attnc_iadd(tca14430, tca14373))) && (0 <= tca14492));
  const bool tca15110 = ((((((((((((tca15098 && (0 <= tca14384)) && (0 <= attnc_iadd(tca14389, tca14410))) && (0 <= attnc_iadd(tca14389, tca14377))) && (0 <= attnc_iadd(tca14389, tca14399))) && (0 <= attnc_iadd(tca14389, tca14373))) && (0 <= attnc_iadd(tca14371, tca14410))) && (0 <= attnc_iadd(tca14371, tca14377))) && (0 <= attnc_iadd(tca14371, tca14399))) && (0 <= attnc_iadd(tca14371, tca14373))) && (0 <= attnc_iadd(tca14410, tca14387))) && (0 <= attnc_iadd(tca14410, tca14369))) && (0 <= attnc_iadd(tca14377, tca14387)));
  const bool tca15121 = (((((((((((tca15110 && (0 <= attnc_iadd(tca14377, tca14369))) && (0 <= attnc_iadd(tca14399, tca14387))) && (0 <= attnc_iadd(tca14399, tca14369))) && (0 <= attnc_iadd(tca14373, tca14387))) && (0 <= attnc_iadd(tca14373, tca14369))) && (0 <= attnc_iadd(tca14359, tca14357))) && (0 <= attnc_iadd(tca14352, tca14350))) && (0 <= attnc_iadd(tca14362, tca9495))) && (0 <= attnc_iadd(tca14356, tca9505))) && (0 <= attnc_iadd(tca9495, tca9496))) && (0 <= attnc_iadd(tca9505, tca9510)));
  return ((tca15121 && (0 <= tca14391)) && (0 <= tca14427));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf9495 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tcf14399 = attnc_idiv(attnc_iadd(tcf9495, 2), 7);
  const int tcf9496 = attnc_idiv(kvhi, 56);
  const int tcf14387 = attnc_idiv(attnc_iadd(tcf9496, 4), 7);
  const int tcf9505 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tcf14373 = attnc_idiv(attnc_iadd(tcf9505, 2), 7);
  const int tcf9510 = attnc_idiv(qhi, 56);
  const int tcf14369 = attnc_idiv(attnc_iadd(tcf9510, 4), 7);
  const bool tcf9522 = (0 <= attnc_iadd(tcf9495, tcf9496));
  const bool tcf9605 = (0 <= attnc_iadd(tcf9505, tcf9510));
  const bool tcf15127 = ((((0 <= attnc_iadd(tcf14399, tcf14387)) && (0 <= attnc_iadd(tcf14373, tcf14369))) && tcf9522) && tcf9605);
  const int tcf14359 = attnc_idiv(attnc_iadd(kvhi, 4), 7);
  const int tcf14362 = attnc_idiv(tcf14359, 8);
  const int tcf14357 = attnc_idiv(attnc_isub(2, kvlo), 7);
  const int tcf14365 = attnc_idiv(tcf14357, 8);
  const bool tcf14416 = (0 <= attnc_iadd(attnc_iadd(tcf14362, tcf14365), 1));
  const int tcf14352 = attnc_idiv(attnc_iadd(qhi, 4), 7);
  const int tcf14356 = attnc_idiv(tcf14352, 8);
  const int tcf14350 = attnc_idiv(attnc_isub(2, qlo), 7);
  const int tcf14355 = attnc_idiv(tcf14350, 8);
  const bool tcf14383 = (0 <= attnc_iadd(attnc_iadd(tcf14356, tcf14355), 1));
  const bool tcf14413 = (0 <= attnc_iadd(attnc_iadd(tcf14365, tcf9496), 1));
  const bool tcf14380 = (0 <= attnc_iadd(attnc_iadd(tcf14355, tcf9510), 1));
  const int tcf15133 = attnc_imul(8, tcf9510);
  const int tcf15140 = attnc_imul(8, tcf14356);
  const int tcf15136 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf14359, tcf14350), tcf15133), 7), 8);
  const int tcf15144 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf14359, tcf15140), tcf14350), 7), 8);
  const int tcf15132 = attnc_idiv(attnc_iadd(tcf14359, 7), 8);
  const bool tcf14367 = (0 <= attnc_iadd(tcf14359, tcf14357));
  const bool tcf14354 = (0 <= attnc_iadd(tcf14352, tcf14350));
  const bool tcf14401 = (0 <= attnc_iadd(tcf14362, tcf9495));
  const bool tcf14375 = (0 <= attnc_iadd(tcf14356, tcf9505));
  const bool tcf15172 = (((((((((((((tcf14416 && tcf14383) && tcf14413) && tcf14380) && (0 <= attnc_iadd(attnc_iadd(tcf14350, tcf15133), 7))) && (0 <= attnc_iadd(attnc_iadd(tcf15140, tcf14350), 7))) && (0 <= attnc_iadd(tcf15136, tcf14365))) && (0 <= attnc_iadd(tcf15144, tcf14365))) && (0 <= attnc_iadd(tcf15132, tcf14365))) && tcf14367) && tcf14354) && tcf14401) && tcf14375) && tcf9522);
  const int tcf15184 = attnc_iadd(tcf14352, attnc_imul(8, tcf14355));
  const int tcf15187 = attnc_idiv(attnc_iadd(attnc_iadd(tcf15184, tcf14357), 7), 8);
  const int tcf15178 = attnc_idiv(attnc_iadd(tcf14357, 7), 8);
  const bool tcf15214 = ((((((((((((0 <= attnc_iadd(tcf15184, 7)) && tcf14416) && tcf14383) && tcf14413) && tcf14380) && (0 <= attnc_iadd(tcf15187, tcf14362))) && (0 <= attnc_iadd(tcf15187, tcf9496))) && (0 <= attnc_iadd(tcf15178, tcf14362))) && (0 <= attnc_iadd(tcf15178, tcf9496))) && tcf14367) && tcf14354) && tcf14401);
  const int tcf15179 = attnc_imul(8, tcf9505);
  const int tcf15182 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf14352, tcf14357), tcf15179), 7), 8);
  return (!((((tcf15127 && (0 < attnc_iadd(tcf14373, tcf14387))) || (tcf15127 && (0 < attnc_iadd(tcf14399, tcf14369)))) || ((((tcf15172 && tcf9605) && (0 < attnc_iadd(tcf15136, tcf9495))) && (0 < attnc_iadd(tcf15144, tcf9495))) && (0 < attnc_iadd(tcf15132, tcf9495)))) || ((((((tcf15214 && tcf14375) && tcf9522) && tcf9605) && (0 < attnc_iadd(tcf15182, tcf14362))) && (0 < attnc_iadd(tcf15182, tcf9496))) && (0 < attnc_iadd(tcf14352, tcf15179)))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl14350 = attnc_idiv(attnc_isub(2, qlo), 7);
    const int tkl11082 = attnc_imul(56, attnc_idiv(attnc_isub(55, qlo), 56));
    const int tkl15366 = attnc_imul(56, attnc_idiv(tkl14350, 8));
    const int tkl15225 = attnc_imul(392, tkl14350);
    const int tkl15415 = attnc_imul(56, attnc_idiv(attnc_iadd(tkl15225, 168), 3136));
    const int tkl15462 = attnc_imul(56, attnc_idiv(attnc_iadd(tkl15225, 336), 3136));
    lo = max(max(max(max(max(max(max(max(max(0, attnc_isub(0, attnc_iadd(attnc_imul(7, tkl14350), 340))), attnc_isub(0, attnc_iadd(tkl11082, 336))), attnc_isub(0, attnc_iadd(tkl11082, 340))), attnc_isub(0, attnc_iadd(tkl15366, 392))), attnc_isub(0, attnc_iadd(tkl15366, 396))), attnc_isub(0, attnc_iadd(tkl15415, 392))), attnc_isub(0, attnc_iadd(tkl15415, 396))), attnc_isub(0, attnc_iadd(tkl15462, 392))), attnc_isub(0, attnc_iadd(tkl15462, 396)));
  }
  {
    const int tkh14352 = attnc_idiv(attnc_iadd(qhi, 4), 7);
    const int tkh10871 = attnc_imul(56, attnc_idiv(qhi, 56));
    const int tkh15277 = attnc_imul(56, attnc_idiv(tkh14352, 8));
    const int tkh15228 = attnc_imul(392, tkh14352);
    const int tkh15280 = attnc_imul(56, attnc_idiv(attnc_iadd(tkh15228, 112), 3136));
    const int tkh15283 = attnc_imul(56, attnc_idiv(attnc_iadd(tkh15228, 336), 3136));
    hi = min(min(min(min(min(min(min(min(min(attnc_isub(p.KV_LEN, 1), attnc_iadd(attnc_imul(7, tkh14352), 338)), attnc_iadd(tkh10871, 391)), attnc_iadd(tkh15277, 391)), attnc_iadd(tkh15280, 391)), attnc_iadd(tkh15283, 391)), attnc_iadd(tkh10871, 394)), attnc_iadd(tkh15277, 394)), attnc_iadd(tkh15280, 394)), attnc_iadd(tkh15283, 394));
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

}  // namespace attnc_swin_shifted_window

extern "C" int attnc_swin_shifted_window_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_bias, cudaStream_t stream) {
  using namespace attnc_swin_shifted_window;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o || !in_bias) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (!generated_head_dim(D)) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4) || misaligned(in_bias, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale, in_bias};
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
  const int rc = dtype == ATTNC_DTYPE_BF16 ? dispatch<__nv_bfloat16>(p, stream) : dispatch<__half>(p, stream);
  return rc;
}

extern "C" int attnc_swin_shifted_window_skeleton(int D) {
  using namespace attnc_swin_shifted_window;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if (((D == 64 && sm90_plan_available(ATTNC_SM90_D64_PRODUCER)) || (D == 128 && sm90_plan_available(ATTNC_SM90_D128_PRODUCER))) && sm90_available()) return 90;
#endif
  return 80;
}
