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
#define ATTNC_ERR_SIZE 2  /* a size is not positive, or B, H exceed 65535 */
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
  int tr9478;
  int tr9480;
  int tr9486;
  int tr9488;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr9478 = min(max(attnc_isub(attnc_idiv(q, 56), 3), 0), attnc_isub(attnc_idiv(p.KV_LEN, 56), 7));
  const int tr9480 = attnc_iadd(tr9478, 7);
  const int tr9486 = min(max(attnc_isub(attnc_imod(q, 56), 3), 0), 49);
  const int tr9488 = attnc_iadd(tr9486, 7);
  return RowCtx{tr9478, tr9480, tr9486, tr9488};
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
  const int tr9478 = rc.tr9478;
  const int tr9480 = rc.tr9480;
  const int tr9486 = rc.tr9486;
  const int tr9488 = rc.tr9488;
  const int tm9454 = attnc_idiv(kv, 56);
  const int tm9465 = attnc_imod(kv, 56);
  return (((tr9478 <= tm9454) && (tm9454 < tr9480)) && ((tr9486 <= tm9465) && (tm9465 < tr9488)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  return s;
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca3077 = attnc_iadd(kvhi, 3);
  const int tca9511 = attnc_idiv(tca3077, 56);
  const int tca9507 = attnc_idiv(attnc_isub(tca3077, qlo), 56);
  const int tca9713 = attnc_iadd(tca9511, tca9507);
  const int tca9342 = attnc_iadd(qhi, 3);
  const int tca9513 = attnc_idiv(attnc_isub(tca9342, kvlo), 56);
  const int tca9727 = attnc_iadd(tca9713, tca9513);
  const int tca9514 = attnc_idiv(attnc_isub(2, kvlo), 56);
  const int tca9516 = attnc_idiv(attnc_isub(5, kvlo), 56);
  const int tca9518 = attnc_idiv(attnc_iadd(kvhi, 6), 56);
  const int tca9717 = attnc_iadd(tca9518, tca9507);
  const int tca9730 = attnc_iadd(tca9717, tca9513);
  const int tca9531 = attnc_iadd(tca9507, tca9513);
  const int tca9496 = attnc_idiv(kvhi, 56);
  const int tca9495 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tca9567 = attnc_iadd(tca9511, tca9513);
  const bool tca9876 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca9727, tca9514), 1)) && (0 <= attnc_iadd(attnc_iadd(tca9727, tca9516), 1))) && (0 <= attnc_iadd(attnc_iadd(tca9730, tca9514), 1))) && (0 <= attnc_iadd(attnc_iadd(tca9730, tca9516), 1))) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca9531, tca9514), tca9496), 1))) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca9531, tca9516), tca9496), 1))) && (0 <= attnc_iadd(tca9727, tca9495))) && (0 <= attnc_iadd(attnc_iadd(tca9713, tca9514), 4))) && (0 <= attnc_iadd(attnc_iadd(tca9713, tca9495), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9713, tca9516), 4))) && (0 <= attnc_iadd(attnc_iadd(tca9567, tca9514), 4)));
  const int tca9509 = attnc_idiv(attnc_isub(2, qlo), 56);
  const bool tca9659 = (0 <= attnc_iadd(attnc_iadd(tca9567, tca9509), 1));
  const int tca9501 = attnc_idiv(attnc_iadd(kvhi, 55), 56);
  const int tca9709 = attnc_iadd(tca9501, tca9507);
  const int tca9724 = attnc_iadd(tca9709, tca9513);
  const int tca9565 = attnc_iadd(tca9501, tca9513);
  const bool tca9887 = (((((((((((tca9876 && tca9659) && (0 <= attnc_iadd(attnc_iadd(tca9567, tca9495), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9567, tca9516), 4))) && (0 <= attnc_iadd(tca9724, tca9514))) && (0 <= attnc_iadd(tca9724, tca9516))) && (0 <= attnc_iadd(attnc_iadd(tca9709, tca9514), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9709, tca9495), 2))) && (0 <= attnc_iadd(attnc_iadd(tca9709, tca9516), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9565, tca9514), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9565, tca9495), 2))) && (0 <= attnc_iadd(attnc_iadd(tca9565, tca9516), 3)));
  const int tca9569 = attnc_iadd(tca9518, tca9513);
  const bool tca9662 = (0 <= attnc_iadd(attnc_iadd(tca9569, tca9509), 1));
  const int tca9517 = attnc_idiv(tca9342, 56);
  const int tca9703 = attnc_iadd(tca9517, tca9507);
  const bool tca9775 = (0 <= attnc_iadd(attnc_iadd(tca9703, tca9514), 1));
  const bool tca9842 = (0 <= attnc_iadd(attnc_iadd(tca9703, tca9516), 1));
  const bool tca9898 = (((((((((((tca9887 && (0 <= attnc_iadd(tca9730, tca9495))) && (0 <= attnc_iadd(attnc_iadd(tca9717, tca9514), 4))) && (0 <= attnc_iadd(attnc_iadd(tca9717, tca9495), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9717, tca9516), 4))) && (0 <= attnc_iadd(attnc_iadd(tca9569, tca9514), 4))) && tca9662) && (0 <= attnc_iadd(attnc_iadd(tca9569, tca9495), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9569, tca9516), 4))) && tca9775) && tca9842) && (0 <= attnc_iadd(attnc_iadd(tca9531, tca9495), tca9496)));
  const int tca9765 = attnc_iadd(tca9507, tca9514);
  const int tca9510 = attnc_idiv(qhi, 56);
  const bool tca9772 = (0 <= attnc_iadd(attnc_iadd(tca9765, tca9510), 1));
  const int tca9695 = attnc_iadd(tca9507, tca9495);
  const int tca9832 = attnc_iadd(tca9507, tca9516);
  const bool tca9839 = (0 <= attnc_iadd(attnc_iadd(tca9832, tca9510), 1));
  const int tca9651 = attnc_iadd(tca9513, tca9509);
  const bool tca9654 = (0 <= attnc_iadd(attnc_iadd(tca9651, tca9496), 1));
  const int tca9503 = attnc_idiv(attnc_isub(52, qlo), 56);
  const bool tca9597 = (0 <= attnc_iadd(tca9567, tca9503));
  const bool tca9908 = ((((((((((tca9898 && (0 <= attnc_iadd(attnc_iadd(tca9765, tca9496), 4))) && tca9772) && (0 <= attnc_iadd(attnc_iadd(tca9695, tca9496), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9832, tca9496), 4))) && tca9839) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca9513, tca9514), tca9496), 4))) && tca9654) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca9513, tca9495), tca9496), 3))) && (0 <= attnc_iadd(attnc_iadd(attnc_iadd(tca9513, tca9516), tca9496), 4))) && tca9597);
  const int tca9505 = attnc_idiv(attnc_isub(55, qlo), 56);
  const bool tca9626 = (0 <= attnc_iadd(tca9567, tca9505));
  const int tca9538 = attnc_iadd(tca9511, tca9514);
  const bool tca9540 = (0 <= attnc_iadd(tca9538, 1));
  const int tca9525 = attnc_iadd(tca9511, tca9495);
  const int tca9549 = attnc_iadd(tca9511, tca9516);
  const bool tca9551 = (0 <= attnc_iadd(tca9549, 1));
  const bool tca9656 = (0 <= attnc_iadd(tca9565, tca9509));
  const int tca9536 = attnc_iadd(tca9501, tca9514);
  const bool tca9921 = (((((((((((((tca9908 && tca9626) && tca9540) && (0 <= attnc_iadd(tca9538, 7))) && (0 <= attnc_iadd(attnc_iadd(tca9511, tca9509), 4))) && (0 <= attnc_iadd(attnc_iadd(tca9511, tca9503), 3))) && (0 <= attnc_iadd(tca9525, 6))) && (0 <= attnc_iadd(attnc_iadd(tca9511, tca9505), 3))) && tca9551) && (0 <= attnc_iadd(tca9549, 7))) && tca9656) && (0 <= attnc_iadd(tca9536, 6))) && (0 <= attnc_iadd(attnc_iadd(tca9501, tca9509), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9501, tca9503), 2)));
  const int tca9523 = attnc_iadd(tca9501, tca9495);
  const int tca9547 = attnc_iadd(tca9501, tca9516);
  const bool tca9599 = (0 <= attnc_iadd(tca9569, tca9503));
  const bool tca9628 = (0 <= attnc_iadd(tca9569, tca9505));
  const int tca9541 = attnc_iadd(tca9518, tca9514);
  const bool tca9543 = (0 <= attnc_iadd(tca9541, 1));
  const int tca9527 = attnc_iadd(tca9518, tca9495);
  const bool tca9932 = (((((((((((tca9921 && (0 <= attnc_iadd(tca9523, 5))) && (0 <= attnc_iadd(attnc_iadd(tca9501, tca9505), 2))) && (0 <= attnc_iadd(tca9547, 6))) && tca9599) && tca9628) && tca9543) && (0 <= attnc_iadd(tca9541, 7))) && (0 <= attnc_iadd(attnc_iadd(tca9518, tca9509), 4))) && (0 <= attnc_iadd(attnc_iadd(tca9518, tca9503), 3))) && (0 <= attnc_iadd(tca9527, 6))) && (0 <= attnc_iadd(attnc_iadd(tca9518, tca9505), 3)));
  const int tca9552 = attnc_iadd(tca9518, tca9516);
  const bool tca9554 = (0 <= attnc_iadd(tca9552, 1));
  const bool tca9705 = (0 <= attnc_iadd(tca9703, tca9495));
  const bool tca9638 = (0 <= attnc_iadd(attnc_iadd(tca9517, tca9509), 1));
  const int tca9671 = attnc_iadd(tca9517, tca9495);
  const int tca9499 = attnc_idiv(attnc_iadd(qhi, 52), 56);
  const int tca9698 = attnc_iadd(tca9499, tca9507);
  const bool tca9769 = (0 <= attnc_iadd(tca9698, tca9514));
  const bool tca9836 = (0 <= attnc_iadd(tca9698, tca9516));
  const bool tca9944 = ((((((((((((tca9932 && tca9554) && (0 <= attnc_iadd(tca9552, 7))) && tca9705) && (0 <= attnc_iadd(attnc_iadd(tca9517, tca9514), 4))) && tca9638) && (0 <= attnc_iadd(tca9671, 3))) && (0 <= attnc_iadd(attnc_iadd(tca9517, tca9516), 4))) && tca9769) && tca9836) && (0 <= attnc_iadd(attnc_iadd(tca9499, tca9514), 3))) && (0 <= attnc_iadd(attnc_iadd(tca9499, tca9495), 2))) && (0 <= attnc_iadd(attnc_iadd(tca9499, tca9516), 3)));
  const bool tca9702 = (0 <= attnc_iadd(tca9695, tca9510));
  const int tca9591 = attnc_iadd(tca9513, tca9503);
  const bool tca9593 = (0 <= attnc_iadd(tca9591, tca9496));
  const int tca9620 = attnc_iadd(tca9513, tca9505);
  const bool tca9622 = (0 <= attnc_iadd(tca9620, tca9496));
  const int tca9533 = attnc_iadd(tca9514, tca9496);
  const bool tca9535 = (0 <= attnc_iadd(tca9533, 1));
  const bool tca9635 = (0 <= attnc_iadd(attnc_iadd(tca9509, tca9510), 1));
  const int tca9521 = attnc_iadd(tca9495, tca9496);
  const bool tca9675 = (0 <= attnc_iadd(tca9521, 6));
  const bool tca9670 = (0 <= attnc_iadd(attnc_iadd(tca9495, tca9510), 3));
  const bool tca9610 = (0 <= attnc_iadd(attnc_iadd(tca9505, tca9496), 3));
  const int tca9544 = attnc_iadd(tca9516, tca9496);
  const bool tca9546 = (0 <= attnc_iadd(tca9544, 1));
  const bool tca9957 = (((((((((((((tca9944 && tca9702) && tca9593) && tca9622) && tca9535) && (0 <= attnc_iadd(tca9533, 7))) && (0 <= attnc_iadd(attnc_iadd(tca9514, tca9510), 4))) && (0 <= attnc_iadd(attnc_iadd(tca9509, tca9496), 4))) && tca9635) && (0 <= attnc_iadd(attnc_iadd(tca9503, tca9496), 3))) && tca9675) && tca9670) && tca9610) && tca9546);
  const bool tca9526 = (0 <= tca9525);
  const bool tca9537 = (0 <= tca9536);
  const bool tca9548 = (0 <= tca9547);
  const bool tca9528 = (0 <= tca9527);
  const bool tca9578 = (0 <= attnc_iadd(tca9517, tca9503));
  const int tca9606 = attnc_iadd(tca9517, tca9505);
  const bool tca9607 = (0 <= tca9606);
  const bool tca9632 = (0 <= attnc_iadd(tca9499, tca9509));
  const bool tca9520 = (0 <= attnc_iadd(tca9507, 3));
  const bool tca9532 = (0 <= tca9531);
  const bool tca9968 = (((((((((((tca9957 && (0 <= attnc_iadd(tca9544, 7))) && (0 <= attnc_iadd(attnc_iadd(tca9516, tca9510), 4))) && tca9526) && tca9537) && tca9548) && tca9528) && tca9578) && tca9607) && tca9632) && tca9520) && tca9532);
  const int tca9457 = attnc_idiv(p.KV_LEN, 56);
  const bool tca9734 = (0 <= attnc_iadd(tca9514, tca9457));
  const bool tca9576 = (0 <= attnc_iadd(tca9503, tca9510));
  const bool tca9522 = (0 <= tca9521);
  const bool tca9605 = (0 <= attnc_iadd(tca9505, tca9510));
  const bool tca9801 = (0 <= attnc_iadd(tca9516, tca9457));
  const bool tca9595 = (0 < attnc_iadd(tca9565, tca9503));
  const bool tca9624 = (0 < attnc_iadd(tca9565, tca9505));
  const bool tca9700 = (0 < attnc_iadd(tca9698, tca9495));
  const bool tca9524 = (0 < tca9523);
  const bool tca9979 = (((((((((((tca9968 && (0 <= attnc_iadd(tca9513, 3))) && tca9734) && tca9576) && tca9522) && tca9605) && tca9801) && (0 < attnc_iadd(tca9724, tca9495))) && tca9595) && tca9624) && tca9700) && tca9524);
  const bool tca9574 = (0 < attnc_iadd(tca9499, tca9503));
  const bool tca9603 = (0 < attnc_iadd(tca9499, tca9505));
  const bool tca9664 = (0 < attnc_iadd(tca9495, tca9457));
  const bool tca9559 = (0 < tca9496);
  const bool tca9568 = (3 < tca9567);
  const bool tca9570 = (3 < tca9569);
  const bool tca9992 = (((((((((((((tca9979 && tca9574) && tca9603) && tca9664) && (0 < tca9511)) && (0 < tca9518)) && tca9559) && (1 < tca9501)) && (2 < attnc_iadd(tca9765, tca9457))) && (2 < attnc_iadd(tca9832, tca9457))) && (2 < attnc_iadd(tca9509, tca9457))) && (3 < attnc_iadd(tca9695, tca9457))) && tca9568) && tca9570);
  const int tca9563 = attnc_iadd(tca9513, tca9496);
  const bool tca9564 = (3 < tca9563);
  const bool tca9601 = (3 < attnc_iadd(tca9505, tca9457));
  const bool tca9558 = (3 < tca9517);
  const bool tca9557 = (3 < tca9510);
  const bool tca9566 = (4 < tca9565);
  const bool tca9556 = (4 < tca9499);
  const bool tca9555 = (7 < tca9457);
  const int tca10026 = attnc_idiv(attnc_iadd(kvhi, 7), 56);
  const int tca10027 = attnc_iadd(tca10026, tca9495);
  const bool tca10028 = (0 < tca10027);
  const bool tca10052 = (0 < tca9606);
  const bool tca10069 = (((((((((((0 <= attnc_iadd(tca10027, 5)) && (0 <= attnc_iadd(attnc_iadd(tca10026, tca9505), 2))) && (0 <= attnc_iadd(tca9671, 2))) && tca9675) && tca9670) && tca9610) && tca9522) && tca9605) && tca10028) && tca10052) && tca9664);
  const bool tca10050 = (4 < tca9517);
  const int tca10019 = attnc_idiv(attnc_isub(3, qlo), 56);
  const int tca10013 = attnc_idiv(attnc_isub(6, kvlo), 56);
  const int tca10014 = attnc_iadd(tca10013, tca9496);
  const bool tca10081 = (0 <= attnc_iadd(tca10019, tca9510));
  const bool tca10015 = (0 <= tca10014);
  const bool tca10101 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca10019, tca9496), 3)) && tca9675) && tca9670) && tca9610) && (0 <= attnc_iadd(tca10014, 6))) && (0 <= attnc_iadd(attnc_iadd(tca10013, tca9510), 3))) && tca10081) && tca9522) && tca9605) && tca10015) && tca9664);
  const bool tca10086 = (0 < attnc_iadd(tca10013, tca9457));
  const int tca10285 = attnc_iadd(tca9703, tca9513);
  const int tca10309 = attnc_iadd(tca9531, tca9509);
  const int tca10281 = attnc_iadd(tca9698, tca9513);
  const bool tca10323 = (((((((((0 <= attnc_iadd(attnc_iadd(tca10285, tca9509), 1)) && (0 <= attnc_iadd(attnc_iadd(tca10309, tca9510), 1))) && tca9659) && tca9662) && (0 <= attnc_iadd(tca10285, tca9503))) && (0 <= attnc_iadd(tca10285, tca9505))) && tca9775) && tca9842) && (0 <= attnc_iadd(tca10281, tca9509)));
  const int tca10295 = attnc_iadd(tca9531, tca9503);
  const bool tca10297 = (0 <= attnc_iadd(tca10295, tca9510));
  const int tca10302 = attnc_iadd(tca9531, tca9505);
  const bool tca10304 = (0 <= attnc_iadd(tca10302, tca9510));
  const bool tca10336 = (((((((((((((tca10323 && tca10297) && tca10304) && tca9772) && tca9839) && tca9654) && tca9597) && tca9626) && tca9540) && tca9551) && tca9656) && tca9599) && tca9628) && tca9543);
  const bool tca10146 = (0 <= attnc_iadd(tca9651, tca9457));
  const bool tca10349 = (((((((((((((tca10336 && tca9554) && tca9705) && tca9638) && tca9769) && tca9836) && tca9702) && tca10146) && tca9593) && tca9622) && tca9535) && tca9635) && tca9546) && tca9526);
  const bool tca10362 = (((((((((((((tca10349 && tca9537) && tca9548) && tca9528) && tca9578) && tca9607) && tca9632) && tca9532) && (0 <= attnc_iadd(tca9513, 2))) && tca9734) && tca9576) && tca9522) && tca9605) && tca9801);
  const int tca10283 = attnc_iadd(tca9531, tca9510);
  const bool tca10257 = (tca9457 <= attnc_iadd(tca9703, 7));
  const bool tca10252 = (tca9457 <= attnc_iadd(tca9698, 6));
  const int tca10253 = attnc_iadd(tca9507, tca9510);
  const bool tca10255 = (tca9457 <= attnc_iadd(tca10253, 7));
  const bool tca10234 = (tca9457 <= attnc_iadd(tca9511, 7));
  const bool tca10373 = (((((((((((tca10362 && (tca9457 <= attnc_iadd(tca10285, 3))) && (tca9457 <= attnc_iadd(tca10281, 2))) && (tca9457 <= attnc_iadd(tca10283, 3))) && (tca9457 <= attnc_iadd(tca9567, 3))) && (tca9457 <= attnc_iadd(tca9565, 2))) && (tca9457 <= attnc_iadd(tca9569, 3))) && tca10257) && tca10252) && tca10255) && (tca9457 <= attnc_iadd(tca9563, 3))) && tca10234);
  const bool tca10232 = (tca9457 <= attnc_iadd(tca9501, 6));
  const bool tca10236 = (tca9457 <= attnc_iadd(tca9518, 7));
  const bool tca10230 = (tca9457 <= attnc_iadd(tca9496, 7));
  const bool tca10114 = (tca9457 <= attnc_iadd(tca9510, 3));
  const bool tca10294 = (0 < attnc_iadd(tca10281, tca9503));
  const bool tca10301 = (0 < attnc_iadd(tca10281, tca9505));
  const bool tca10138 = (0 < attnc_iadd(tca9591, tca9457));
  const bool tca10142 = (0 < attnc_iadd(tca9620, tca9457));
  const bool tca10386 = (((((((((((((tca10373 && tca10232) && tca10236) && (tca9457 <= attnc_iadd(tca9517, 3))) && (tca9457 <= attnc_iadd(tca9499, 2))) && tca10230) && tca10114) && tca10294) && tca10301) && tca9595) && tca9624) && tca9700) && tca10138) && tca10142);
  const bool tca10399 = (((((((((((((tca10386 && tca9524) && tca9574) && tca9603) && tca9664) && (3 < tca10285)) && (3 < tca10283)) && tca9568) && tca9570) && tca9564) && tca9558) && tca9557) && (4 < tca10281)) && tca9566);
  const bool tca10278 = (tca9457 <= attnc_iadd(tca10026, 6));
  const bool tca10690 = ((((((((((((tca9992 && tca9564) && (3 < attnc_iadd(tca9503, tca9457))) && tca9601) && tca9558) && tca9557) && tca9566) && tca9556) && tca9555) || ((((((tca10069 && tca9559) && (1 < tca10026)) && tca9601) && tca9557) && tca10050) && tca9555)) || ((((((tca10101 && tca10086) && tca9559) && (3 < attnc_iadd(tca10019, tca9457))) && tca9601) && tca9557) && tca9555)) || ((tca10399 && (4 < attnc_iadd(tca9513, tca9457))) && tca9556)) || ((((((((((tca9522 && tca9605) && tca10278) && (tca9457 <= attnc_iadd(tca9517, 2))) && tca10230) && tca10114) && tca10028) && tca10052) && tca9664) && tca9557) && tca10050));
  const bool tca10462 = (((((((((((tca10323 && (0 <= attnc_iadd(tca10309, 4))) && (0 <= attnc_iadd(tca10295, 3))) && tca10297) && (0 <= attnc_iadd(tca10302, 3))) && tca10304) && tca9772) && tca9839) && tca9654) && tca9597) && tca9626) && tca9540);
  const bool tca10475 = (((((((((((((tca10462 && tca9551) && tca9656) && tca9599) && tca9628) && tca9543) && tca9554) && tca9705) && tca9638) && tca9769) && tca9836) && (0 <= attnc_iadd(tca9765, 4))) && (0 <= attnc_iadd(tca9695, 3))) && tca9702);
  const bool tca10476 = (tca10475 && (0 <= attnc_iadd(tca9832, 4)));
  const bool tca10487 = (((((((((((tca10476 && (0 <= attnc_iadd(tca9651, 7))) && (0 <= attnc_iadd(tca9591, 6))) && tca9593) && (0 <= attnc_iadd(tca9620, 6))) && tca9622) && tca9535) && tca9635) && tca9546) && tca9526) && tca9537) && tca9548);
  const bool tca10488 = (tca10487 && tca9528);
  const bool tca10438 = (0 <= tca9703);
  const bool tca10437 = (0 <= tca10253);
  const bool tca10178 = (0 <= attnc_iadd(tca9514, 7));
  const bool tca10194 = (0 <= attnc_iadd(tca9509, 4));
  const bool tca10182 = (0 <= attnc_iadd(tca9503, 3));
  const bool tca10176 = (0 <= attnc_iadd(tca9495, 6));
  const bool tca10501 = (((((((((((((tca10488 && tca10438) && tca9578) && tca9607) && tca9632) && tca9520) && tca9532) && tca10437) && tca10178) && tca10194) && tca10182) && tca9576) && tca10176) && tca9522);
  const bool tca10188 = (0 <= attnc_iadd(tca9505, 3));
  const bool tca10180 = (0 <= attnc_iadd(tca9516, 7));
  const bool tca10424 = (0 <= tca9511);
  const bool tca10425 = (0 <= tca9518);
  const bool tca10422 = (0 <= tca9496);
  const bool tca10436 = (0 < tca9698);
  const bool tca10514 = (((((((((((((tca10501 && tca10188) && tca9605) && tca10180) && tca10424) && tca10425) && tca10422) && tca10294) && tca10301) && tca9595) && tca9624) && tca9700) && tca9524) && tca10436);
  const bool tca10423 = (0 < tca9501);
  const bool tca9492 = (6 < tca9457);
  const bool tca10521 = (((tca10176 && tca9522) && tca10188) && tca9605);
  const bool tca10444 = (0 < tca10026);
  const bool tca10527 = ((0 <= attnc_iadd(tca10019, 3)) && tca10081);
  const bool tca10533 = ((((((tca10527 && tca10176) && tca9522) && tca10188) && tca9605) && (0 <= attnc_iadd(tca10013, 6))) && tca10015);
  const bool tca10545 = ((((((((((tca10476 && tca10146) && tca9593) && tca9622) && tca9535) && tca9635) && tca9546) && tca9526) && tca9537) && tca9548) && tca9528);
  const bool tca10558 = (((((((((((((tca10545 && tca10438) && tca9578) && tca9607) && tca9632) && tca9520) && tca9532) && tca10437) && tca9734) && tca10194) && tca10182) && tca9576) && tca9522) && tca10188);
  const bool tca10571 = (((((((((((((tca10558 && tca9605) && tca9801) && tca10424) && tca10425) && tca10422) && tca10294) && tca10301) && tca9595) && tca9624) && tca9700) && tca10138) && tca10142) && tca9524);
  const bool tca10426 = (0 < tca9457);
  const bool tca9493 = (!tca9492);
  const bool tca10695 = (((((tca10690 || ((((((((tca10081 && tca9522) && tca9605) && tca10015) && tca10230) && tca10114) && tca9664) && tca10086) && tca9557)) || ((((tca10514 && tca9574) && tca9603) && tca10423) && tca9492)) || (((((tca10521 && tca10422) && tca10028) && tca10052) && tca10444) && tca9492)) || ((tca10533 && tca10422) && tca9492)) || ((((((((tca10571 && tca10436) && tca9574) && tca9603) && tca9664) && tca10423) && tca10426) && tca9492) && tca9493));
  const bool tca10581 = ((tca9522 && tca10188) && tca9605);
  const bool tca10593 = ((((tca10527 && tca9522) && tca10188) && tca9605) && tca10015);
  const bool tca10614 = (((((((((((((tca10488 && tca9578) && tca9607) && tca9632) && tca9532) && tca10178) && tca10194) && tca10182) && tca9576) && tca10176) && tca9522) && tca10188) && tca9605) && tca10180);
  const bool tca10601 = (tca9457 <= attnc_iadd(tca9507, 10));
  const bool tca10421 = (tca9457 <= 13);
  const bool tca10627 = (((((((((((((tca10614 && tca10257) && tca10252) && tca10255) && tca10234) && tca10232) && tca10236) && tca10601) && tca10230) && tca10421) && tca10294) && tca10301) && tca9595) && tca9624);
  const bool tca10700 = (((((tca10695 || ((((((((tca10581 && tca10422) && tca10028) && tca10052) && tca9664) && tca10444) && tca10426) && tca9492) && tca9493)) || ((((((tca10593 && tca10422) && tca9664) && tca10086) && tca10426) && tca9492) && tca9493)) || ((((((tca10627 && tca9700) && tca9524) && tca9574) && tca9603) && tca9492) && tca9493)) || (((((((tca10521 && tca10278) && tca10230) && tca10421) && tca10028) && tca10052) && tca9492) && tca9493)) || ((((tca10533 && tca10230) && tca10421) && tca9492) && tca9493));
  const bool tca10657 = (((((((((((((tca10545 && tca9578) && tca9607) && tca9632) && tca9532) && tca9734) && tca10194) && tca10182) && tca9576) && tca9522) && tca10188) && tca9605) && tca9801) && tca10257);
  const bool tca10670 = (((((((((((((tca10657 && tca10252) && tca10255) && tca10234) && tca10232) && tca10236) && tca10601) && tca10230) && tca10294) && tca10301) && tca9595) && tca9624) && tca9700) && tca10138);
  return (((tca10700 || ((((((tca10670 && tca10142) && tca9524) && tca9574) && tca9603) && tca9664) && tca9493)) || ((((((tca10581 && tca10278) && tca10230) && tca10028) && tca10052) && tca9664) && tca9493)) || ((((tca10593 && tca10230) && tca9664) && tca10086) && tca9493));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf9495 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tcf9496 = attnc_idiv(kvhi, 56);
  const bool tcf9522 = (0 <= attnc_iadd(tcf9495, tcf9496));
  const int tcf9505 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tcf9510 = attnc_idiv(qhi, 56);
  const bool tcf9605 = (0 <= attnc_iadd(tcf9505, tcf9510));
  const bool tcf10402 = (tcf9522 && tcf9605);
  const int tcf9457 = attnc_idiv(p.KV_LEN, 56);
  const bool tcf9601 = (3 < attnc_iadd(tcf9505, tcf9457));
  const bool tcf9557 = (3 < tcf9510);
  const bool tcf10704 = (7 < attnc_iadd(tcf9495, tcf9457));
  const bool tcf9555 = (7 < tcf9457);
  const bool tcf10711 = (tcf10402 && (tcf9457 <= attnc_iadd(tcf9510, 3)));
  const bool tcf10581 = ((tcf9522 && (0 <= attnc_iadd(tcf9505, 3))) && tcf9605);
  const bool tcf9492 = (6 < tcf9457);
  const bool tcf9493 = (!tcf9492);
  const bool tcf10726 = (tcf9457 <= tcf9496);
  const bool tcf10795 = (((((((((((tcf10402 && (3 < attnc_iadd(tcf9495, tcf9510))) && tcf9601) && tcf9557) && tcf10704) && tcf9555) || ((tcf10711 && tcf9557) && tcf10704)) || ((tcf10581 && (0 < tcf9495)) && tcf9492)) || ((tcf10581 && tcf10704) && tcf9493)) || (((((tcf10402 && tcf9601) && (3 < attnc_iadd(tcf9505, tcf9496))) && tcf9557) && tcf9555) && (7 < tcf9496))) || ((tcf10711 && tcf10726) && tcf9557)) || ((tcf10581 && tcf9492) && (6 < tcf9496)));
  const int tcf9503 = attnc_idiv(attnc_isub(52, qlo), 56);
  const bool tcf9576 = (0 <= attnc_iadd(tcf9503, tcf9510));
  const int tcf10040 = attnc_imul(56, tcf9496);
  const int tcf9499 = attnc_idiv(attnc_iadd(qhi, 52), 56);
  const bool tcf9574 = (0 < attnc_iadd(tcf9499, tcf9503));
  const bool tcf9603 = (0 < attnc_iadd(tcf9499, tcf9505));
  const int tcf10738 = attnc_idiv(attnc_isub(attnc_iadd(attnc_iadd(tcf10040, qhi), 52), kvlo), 56);
  const int tcf10762 = attnc_idiv(attnc_isub(51, qlo), 56);
  const int tcf10002 = attnc_iadd(attnc_imul(56, tcf9495), kvhi);
  const int tcf10765 = attnc_idiv(attnc_isub(attnc_iadd(tcf10002, 52), qlo), 56);
  const bool tcf10799 = ((((tcf10795 || ((tcf10581 && tcf10726) && tcf9493)) || ((((((((tcf9576 && tcf9522) && tcf9605) && (kvlo <= attnc_iadd(tcf10040, 48))) && (kvlo <= attnc_iadd(tcf10040, 51))) && tcf9574) && tcf9603) && (0 < attnc_iadd(tcf10738, tcf9503))) && (0 < attnc_iadd(tcf10738, tcf9505)))) || ((((0 <= attnc_iadd(attnc_idiv(attnc_isub(48, kvlo), 56), tcf9496)) && tcf9522) && tcf9605) && (0 < attnc_iadd(attnc_idiv(attnc_iadd(qhi, 3), 56), tcf9505)))) || (((((((((((0 <= attnc_iadd(tcf10762, tcf9510)) && tcf9576) && tcf9522) && tcf9605) && (0 < attnc_iadd(tcf9499, tcf10762))) && tcf9574) && tcf9603) && (0 < attnc_iadd(tcf10765, tcf9510))) && (1 < attnc_iadd(tcf9499, tcf10765))) && (3 < tcf10002)) && (7 < tcf10002)));
  return (!(tcf10799 || ((((0 <= attnc_iadd(attnc_idiv(attnc_isub(3, qlo), 56), tcf9510)) && tcf9522) && tcf9605) && (0 < attnc_iadd(attnc_idiv(attnc_iadd(kvhi, 49), 56), tcf9495)))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl9457 = attnc_idiv(p.KV_LEN, 56);
    const bool tkl9555 = (7 < tkl9457);
    const int tkl9499 = attnc_idiv(attnc_iadd(qhi, 52), 56);
    const bool tkl9556 = (4 < tkl9499);
    const int tkl9510 = attnc_idiv(qhi, 56);
    const bool tkl9557 = (3 < tkl9510);
    const int tkl10807 = attnc_imul(56, qhi);
    const int tkl10810 = attnc_idiv(attnc_iadd(tkl10807, 168), 3136);
    const int tkl10812 = attnc_idiv(attnc_iadd(tkl10807, 112), 3136);
    const int tkl10815 = attnc_idiv(attnc_iadd(tkl10807, 336), 3136);
    const int tkl9503 = attnc_idiv(attnc_isub(52, qlo), 56);
    const bool tkl9574 = (0 < attnc_iadd(tkl9499, tkl9503));
    const bool tkl9576 = (0 <= attnc_iadd(tkl9503, tkl9510));
    const int tkl9505 = attnc_idiv(attnc_isub(55, qlo), 56);
    const int tkl9600 = attnc_iadd(tkl9505, tkl9457);
    const bool tkl9601 = (3 < tkl9600);
    const bool tkl9603 = (0 < attnc_iadd(tkl9499, tkl9505));
    const bool tkl11346 = (((((((((((((tkl9555 && tkl9556) && tkl9557) && (3 < tkl10810)) && (3 < tkl10812)) && (3 < tkl10815)) && (3 < attnc_iadd(tkl9503, tkl9457))) && tkl9574) && tkl9576) && (0 <= attnc_iadd(tkl10810, tkl9503))) && (0 <= attnc_iadd(tkl10812, tkl9503))) && (0 <= attnc_iadd(tkl10815, tkl9503))) && tkl9601) && tkl9603);
    const int tkl9604 = attnc_iadd(tkl9505, tkl9510);
    const bool tkl9605 = (0 <= tkl9604);
    const int tkl10802 = attnc_imul(56, qlo);
    const int tkl10806 = attnc_idiv(attnc_isub(112, tkl10802), 3136);
    const int tkl10818 = attnc_idiv(attnc_isub(280, tkl10802), 3136);
    const bool tkl11358 = ((((((((((((tkl11346 && tkl9605) && (0 <= attnc_iadd(tkl10810, tkl9505))) && (0 <= attnc_iadd(tkl10812, tkl9505))) && (0 <= attnc_iadd(tkl10815, tkl9505))) && (2 < attnc_iadd(tkl10806, tkl9457))) && (0 <= attnc_iadd(tkl9499, tkl10806))) && (0 <= attnc_iadd(attnc_iadd(tkl10806, tkl9510), 1))) && (0 <= attnc_iadd(attnc_iadd(tkl10810, tkl10806), 1))) && (0 <= attnc_iadd(attnc_iadd(tkl10812, tkl10806), 1))) && (0 <= attnc_iadd(attnc_iadd(tkl10815, tkl10806), 1))) && (2 < attnc_iadd(tkl10818, tkl9457))) && (0 <= attnc_iadd(tkl9499, tkl10818)));
    const int tkl10159 = attnc_imul(56, tkl9457);
    const bool tkl10866 = (0 < tkl10159);
    const int tkl10867 = attnc_imul(56, tkl9499);
    const int tkl10871 = attnc_imul(56, tkl9510);
    const bool tkl10874 = (0 <= attnc_iadd(tkl10871, 223));
    const int tkl10875 = attnc_imul(56, tkl10810);
    const int tkl10878 = attnc_imul(56, tkl10812);
    const int tkl10881 = attnc_imul(56, tkl10815);
    const bool tkl11368 = ((((((((((tkl11358 && (0 <= attnc_iadd(attnc_iadd(tkl10818, tkl9510), 1))) && (0 <= attnc_iadd(attnc_iadd(tkl10810, tkl10818), 1))) && (0 <= attnc_iadd(attnc_iadd(tkl10812, tkl10818), 1))) && (0 <= attnc_iadd(attnc_iadd(tkl10815, tkl10818), 1))) && tkl10866) && (0 <= attnc_iadd(tkl10867, 167))) && tkl10874) && (0 <= attnc_iadd(tkl10875, 223))) && (0 <= attnc_iadd(tkl10878, 223))) && (0 <= attnc_iadd(tkl10881, 223)));
    const bool tkl10884 = (0 <= attnc_iadd(tkl10159, 2));
    const bool tkl10898 = (qlo <= attnc_iadd(p.KV_LEN, 170));
    const bool tkl10900 = (qlo <= attnc_iadd(tkl10159, 170));
    const bool tkl10903 = (qlo <= attnc_iadd(tkl10867, 338));
    const bool tkl10905 = (qlo <= attnc_iadd(tkl10871, 394));
    const bool tkl11380 = ((((((((((((tkl11368 && tkl10884) && (0 <= attnc_iadd(tkl10867, 170))) && (0 <= attnc_iadd(tkl10871, 226))) && (0 <= attnc_iadd(tkl10875, 226))) && (0 <= attnc_iadd(tkl10878, 226))) && (0 <= attnc_iadd(tkl10881, 226))) && tkl10898) && tkl10900) && tkl10903) && tkl10905) && (qlo <= attnc_iadd(tkl10875, 394))) && (qlo <= attnc_iadd(tkl10878, 394)));
    const bool tkl10914 = (qlo <= attnc_iadd(tkl10159, 173));
    const bool tkl10917 = (qlo <= attnc_iadd(tkl10867, 341));
    const bool tkl10920 = (qlo <= attnc_iadd(tkl10871, 397));
    const bool tkl10927 = (56 < p.KV_LEN);
    const bool tkl10928 = (56 < tkl10159);
    const bool tkl10932 = (0 <= attnc_iadd(tkl10871, 167));
    const bool tkl11391 = (((((((((((tkl11380 && (qlo <= attnc_iadd(tkl10881, 394))) && tkl10914) && tkl10917) && tkl10920) && (qlo <= attnc_iadd(tkl10875, 397))) && (qlo <= attnc_iadd(tkl10878, 397))) && (qlo <= attnc_iadd(tkl10881, 397))) && tkl10927) && tkl10928) && (0 <= attnc_iadd(tkl10867, 111))) && tkl10932);
    const bool tkl10940 = (53 < tkl10159);
    const bool tkl10943 = (0 <= attnc_iadd(tkl10867, 114));
    const bool tkl10945 = (0 <= attnc_iadd(tkl10871, 170));
    const bool tkl10947 = (0 <= attnc_iadd(tkl10875, 170));
    const bool tkl10949 = (0 <= attnc_iadd(tkl10878, 170));
    const bool tkl10951 = (0 <= attnc_iadd(tkl10881, 170));
    const bool tkl11402 = (((((((((((tkl11391 && (0 <= attnc_iadd(tkl10875, 167))) && (0 <= attnc_iadd(tkl10878, 167))) && (0 <= attnc_iadd(tkl10881, 167))) && tkl10940) && tkl10943) && tkl10945) && tkl10947) && tkl10949) && tkl10951) && (57 < p.KV_LEN)) && (57 < tkl10159));
    const bool tkl11413 = (((((((((((tkl11402 && (0 <= attnc_iadd(tkl10867, 110))) && (0 <= attnc_iadd(tkl10871, 166))) && (0 <= attnc_iadd(tkl10875, 166))) && (0 <= attnc_iadd(tkl10878, 166))) && (0 <= attnc_iadd(tkl10881, 166))) && (54 < tkl10159)) && (0 <= attnc_iadd(tkl10867, 113))) && (0 <= attnc_iadd(tkl10871, 169))) && (0 <= attnc_iadd(tkl10875, 169))) && (0 <= attnc_iadd(tkl10878, 169))) && (0 <= attnc_iadd(tkl10881, 169)));
    const bool tkl11425 = ((((((((((((tkl11413 && (53 < p.KV_LEN)) && tkl10940) && tkl10943) && tkl10945) && tkl10947) && tkl10949) && tkl10951) && (50 < tkl10159)) && (0 <= attnc_iadd(tkl10867, 117))) && (0 <= attnc_iadd(tkl10871, 173))) && (0 <= attnc_iadd(tkl10875, 173))) && (0 <= attnc_iadd(tkl10878, 173)));
    const int tkl10995 = attnc_imul(56, tkl9503);
    const int tkl10996 = attnc_iadd(tkl10995, p.KV_LEN);
    const int tkl10999 = attnc_iadd(tkl10995, qhi);
    const bool tkl11002 = (0 <= attnc_iadd(tkl10999, 339));
    const int tkl11003 = attnc_iadd(tkl10995, tkl10159);
    const int tkl11006 = attnc_iadd(tkl10867, tkl10995);
    const int tkl11010 = attnc_iadd(tkl10995, tkl10871);
    const int tkl11013 = attnc_iadd(tkl10875, tkl10995);
    const int tkl11016 = attnc_iadd(tkl10878, tkl10995);
    const int tkl11019 = attnc_iadd(tkl10881, tkl10995);
    const bool tkl11023 = (0 <= attnc_iadd(tkl11003, 170));
    const bool tkl11025 = (0 <= attnc_iadd(tkl11006, 338));
    const bool tkl11436 = (((((((((((tkl11425 && (0 <= attnc_iadd(tkl10881, 173))) && (0 <= attnc_iadd(tkl10996, 167))) && tkl11002) && (0 <= attnc_iadd(tkl11003, 167))) && (0 <= attnc_iadd(tkl11006, 335))) && (0 <= attnc_iadd(tkl11010, 391))) && (0 <= attnc_iadd(tkl11013, 391))) && (0 <= attnc_iadd(tkl11016, 391))) && (0 <= attnc_iadd(tkl11019, 391))) && tkl11023) && tkl11025);
    const bool tkl11027 = (0 <= attnc_iadd(tkl11010, 394));
    const bool tkl11029 = (0 <= attnc_iadd(tkl11013, 394));
    const bool tkl11031 = (0 <= attnc_iadd(tkl11016, 394));
    const bool tkl11033 = (0 <= attnc_iadd(tkl11019, 394));
    const bool tkl11037 = (0 <= attnc_iadd(tkl10999, 338));
    const bool tkl11449 = (((((((((((((tkl11436 && tkl11027) && tkl11029) && tkl11031) && tkl11033) && (0 <= attnc_iadd(tkl10996, 166))) && tkl11037) && (0 <= attnc_iadd(tkl11003, 166))) && (0 <= attnc_iadd(tkl11006, 334))) && (0 <= attnc_iadd(tkl11010, 390))) && (0 <= attnc_iadd(tkl11013, 390))) && (0 <= attnc_iadd(tkl11016, 390))) && (0 <= attnc_iadd(tkl11019, 390))) && (0 <= attnc_iadd(tkl11003, 169)));
    const bool tkl11069 = (0 <= attnc_iadd(tkl10999, 342));
    const bool tkl11460 = (((((((((((tkl11449 && (0 <= attnc_iadd(tkl11006, 337))) && (0 <= attnc_iadd(tkl11010, 393))) && (0 <= attnc_iadd(tkl11013, 393))) && (0 <= attnc_iadd(tkl11016, 393))) && (0 <= attnc_iadd(tkl11019, 393))) && (0 <= attnc_iadd(tkl10996, 170))) && tkl11069) && tkl11023) && tkl11025) && tkl11027) && tkl11029);
    const int tkl11082 = attnc_imul(56, tkl9505);
    const int tkl11083 = attnc_iadd(tkl11082, p.KV_LEN);
    const bool tkl11085 = (0 <= attnc_iadd(tkl11083, 167));
    const int tkl11086 = attnc_iadd(tkl11082, qhi);
    const bool tkl11088 = (0 <= attnc_iadd(tkl11086, 339));
    const int tkl11089 = attnc_iadd(tkl11082, tkl10159);
    const bool tkl11091 = (0 <= attnc_iadd(tkl11089, 167));
    const int tkl11092 = attnc_iadd(tkl10867, tkl11082);
    const int tkl11095 = attnc_iadd(tkl11082, tkl10871);
    const bool tkl11097 = (0 <= attnc_iadd(tkl11095, 391));
    const bool tkl11473 = (((((((((((((tkl11460 && tkl11031) && tkl11033) && (0 <= attnc_iadd(tkl11003, 173))) && (0 <= attnc_iadd(tkl11006, 341))) && (0 <= attnc_iadd(tkl11010, 397))) && (0 <= attnc_iadd(tkl11013, 397))) && (0 <= attnc_iadd(tkl11016, 397))) && (0 <= attnc_iadd(tkl11019, 397))) && tkl11085) && tkl11088) && tkl11091) && (0 <= attnc_iadd(tkl11092, 335))) && tkl11097);
    const int tkl11098 = attnc_iadd(tkl10875, tkl11082);
    const int tkl11101 = attnc_iadd(tkl10878, tkl11082);
    const int tkl11104 = attnc_iadd(tkl10881, tkl11082);
    const bool tkl11108 = (0 <= attnc_iadd(tkl11089, 170));
    const bool tkl11110 = (0 <= attnc_iadd(tkl11092, 338));
    const bool tkl11112 = (0 <= attnc_iadd(tkl11095, 394));
    const bool tkl11114 = (0 <= attnc_iadd(tkl11098, 394));
    const bool tkl11116 = (0 <= attnc_iadd(tkl11101, 394));
    const bool tkl11118 = (0 <= attnc_iadd(tkl11104, 394));
    const bool tkl11122 = (0 <= attnc_iadd(tkl11086, 338));
    const bool tkl11484 = (((((((((((tkl11473 && (0 <= attnc_iadd(tkl11098, 391))) && (0 <= attnc_iadd(tkl11101, 391))) && (0 <= attnc_iadd(tkl11104, 391))) && tkl11108) && tkl11110) && tkl11112) && tkl11114) && tkl11116) && tkl11118) && (0 <= attnc_iadd(tkl11083, 166))) && tkl11122);
    const bool tkl11495 = (((((((((((tkl11484 && (0 <= attnc_iadd(tkl11089, 166))) && (0 <= attnc_iadd(tkl11092, 334))) && (0 <= attnc_iadd(tkl11095, 390))) && (0 <= attnc_iadd(tkl11098, 390))) && (0 <= attnc_iadd(tkl11101, 390))) && (0 <= attnc_iadd(tkl11104, 390))) && (0 <= attnc_iadd(tkl11089, 169))) && (0 <= attnc_iadd(tkl11092, 337))) && (0 <= attnc_iadd(tkl11095, 393))) && (0 <= attnc_iadd(tkl11098, 393))) && (0 <= attnc_iadd(tkl11101, 393)));
    const bool tkl11150 = (0 <= attnc_iadd(tkl11086, 342));
    const bool tkl11506 = (((((((((((tkl11495 && (0 <= attnc_iadd(tkl11104, 393))) && (0 <= attnc_iadd(tkl11083, 170))) && tkl11150) && tkl11108) && tkl11110) && tkl11112) && tkl11114) && tkl11116) && tkl11118) && (0 <= attnc_iadd(tkl11089, 173))) && (0 <= attnc_iadd(tkl11092, 341)));
    const int tkl11163 = attnc_imul(56, tkl10806);
    const int tkl11164 = attnc_iadd(tkl11163, p.KV_LEN);
    const int tkl11167 = attnc_iadd(tkl11163, qhi);
    const int tkl11170 = attnc_iadd(tkl11163, tkl10159);
    const int tkl11173 = attnc_iadd(tkl10867, tkl11163);
    const int tkl11176 = attnc_iadd(tkl11163, tkl10871);
    const int tkl11180 = attnc_iadd(tkl10875, tkl11163);
    const int tkl11183 = attnc_iadd(tkl10878, tkl11163);
    const bool tkl11517 = (((((((((((tkl11506 && (0 <= attnc_iadd(tkl11095, 397))) && (0 <= attnc_iadd(tkl11098, 397))) && (0 <= attnc_iadd(tkl11101, 397))) && (0 <= attnc_iadd(tkl11104, 397))) && (0 <= attnc_iadd(tkl11164, 223))) && (0 <= attnc_iadd(tkl11167, 395))) && (0 <= attnc_iadd(tkl11170, 223))) && (0 <= attnc_iadd(tkl11173, 391))) && (0 <= attnc_iadd(tkl11176, 447))) && (0 <= attnc_iadd(tkl11180, 447))) && (0 <= attnc_iadd(tkl11183, 447)));
    const int tkl11186 = attnc_iadd(tkl10881, tkl11163);
    const bool tkl11190 = (0 <= attnc_iadd(tkl11170, 226));
    const bool tkl11192 = (0 <= attnc_iadd(tkl11173, 394));
    const bool tkl11195 = (0 <= attnc_iadd(tkl11176, 450));
    const bool tkl11197 = (0 <= attnc_iadd(tkl11180, 450));
    const bool tkl11199 = (0 <= attnc_iadd(tkl11183, 450));
    const bool tkl11201 = (0 <= attnc_iadd(tkl11186, 450));
    const bool tkl11528 = (((((((((((tkl11517 && (0 <= attnc_iadd(tkl11186, 447))) && tkl11190) && tkl11192) && tkl11195) && tkl11197) && tkl11199) && tkl11201) && (0 <= attnc_iadd(tkl11164, 222))) && (0 <= attnc_iadd(tkl11167, 394))) && (0 <= attnc_iadd(tkl11170, 222))) && (0 <= attnc_iadd(tkl11173, 390)));
    const bool tkl11539 = (((((((((((tkl11528 && (0 <= attnc_iadd(tkl11176, 446))) && (0 <= attnc_iadd(tkl11180, 446))) && (0 <= attnc_iadd(tkl11183, 446))) && (0 <= attnc_iadd(tkl11186, 446))) && (0 <= attnc_iadd(tkl11170, 225))) && (0 <= attnc_iadd(tkl11173, 393))) && (0 <= attnc_iadd(tkl11176, 449))) && (0 <= attnc_iadd(tkl11180, 449))) && (0 <= attnc_iadd(tkl11183, 449))) && (0 <= attnc_iadd(tkl11186, 449))) && (0 <= attnc_iadd(tkl11164, 226)));
    const bool tkl11550 = (((((((((((tkl11539 && (0 <= attnc_iadd(tkl11167, 398))) && tkl11190) && tkl11192) && tkl11195) && tkl11197) && tkl11199) && tkl11201) && (0 <= attnc_iadd(tkl11170, 229))) && (0 <= attnc_iadd(tkl11173, 397))) && (0 <= attnc_iadd(tkl11176, 453))) && (0 <= attnc_iadd(tkl11180, 453)));
    const int tkl11253 = attnc_imul(56, tkl10818);
    const int tkl11254 = attnc_iadd(tkl11253, p.KV_LEN);
    const int tkl11257 = attnc_iadd(tkl11253, qhi);
    const int tkl11260 = attnc_iadd(tkl11253, tkl10159);
    const int tkl11263 = attnc_iadd(tkl10867, tkl11253);
    const int tkl11266 = attnc_iadd(tkl11253, tkl10871);
    const int tkl11269 = attnc_iadd(tkl10875, tkl11253);
    const int tkl11272 = attnc_iadd(tkl10878, tkl11253);
    const int tkl11275 = attnc_iadd(tkl10881, tkl11253);
    const bool tkl11279 = (0 <= attnc_iadd(tkl11260, 226));
    const bool tkl11561 = (((((((((((tkl11550 && (0 <= attnc_iadd(tkl11183, 453))) && (0 <= attnc_iadd(tkl11186, 453))) && (0 <= attnc_iadd(tkl11254, 223))) && (0 <= attnc_iadd(tkl11257, 395))) && (0 <= attnc_iadd(tkl11260, 223))) && (0 <= attnc_iadd(tkl11263, 391))) && (0 <= attnc_iadd(tkl11266, 447))) && (0 <= attnc_iadd(tkl11269, 447))) && (0 <= attnc_iadd(tkl11272, 447))) && (0 <= attnc_iadd(tkl11275, 447))) && tkl11279);
    const bool tkl11281 = (0 <= attnc_iadd(tkl11263, 394));
    const bool tkl11283 = (0 <= attnc_iadd(tkl11266, 450));
    const bool tkl11285 = (0 <= attnc_iadd(tkl11269, 450));
    const bool tkl11287 = (0 <= attnc_iadd(tkl11272, 450));
    const bool tkl11289 = (0 <= attnc_iadd(tkl11275, 450));
    const bool tkl11574 = (((((((((((((tkl11561 && tkl11281) && tkl11283) && tkl11285) && tkl11287) && tkl11289) && (0 <= attnc_iadd(tkl11254, 222))) && (0 <= attnc_iadd(tkl11257, 394))) && (0 <= attnc_iadd(tkl11260, 222))) && (0 <= attnc_iadd(tkl11263, 390))) && (0 <= attnc_iadd(tkl11266, 446))) && (0 <= attnc_iadd(tkl11269, 446))) && (0 <= attnc_iadd(tkl11272, 446))) && (0 <= attnc_iadd(tkl11275, 446)));
    const bool tkl11585 = (((((((((((tkl11574 && (0 <= attnc_iadd(tkl11260, 225))) && (0 <= attnc_iadd(tkl11263, 393))) && (0 <= attnc_iadd(tkl11266, 449))) && (0 <= attnc_iadd(tkl11269, 449))) && (0 <= attnc_iadd(tkl11272, 449))) && (0 <= attnc_iadd(tkl11275, 449))) && (0 <= attnc_iadd(tkl11254, 226))) && (0 <= attnc_iadd(tkl11257, 398))) && tkl11279) && tkl11281) && tkl11283);
    const int tkl11595 = attnc_isub(qlo, 171);
    const int tkl11603 = attnc_isub(0, attnc_iadd(tkl11082, 168));
    const int tkl11634 = max(max(max(max(max(max(max(max(max(max(max(max(max(0, tkl11595), 56), 57), 53), attnc_isub(0, attnc_iadd(tkl10995, 168))), attnc_isub(0, attnc_iadd(tkl10995, 167))), attnc_isub(0, attnc_iadd(tkl10995, 171))), tkl11603), attnc_isub(0, attnc_iadd(tkl11082, 167))), attnc_isub(0, attnc_iadd(tkl11082, 171))), attnc_isub(0, attnc_iadd(tkl11163, 224))), attnc_isub(0, attnc_iadd(tkl11163, 223))), attnc_isub(0, attnc_iadd(tkl11163, 227)));
    const int tkl9517 = attnc_idiv(attnc_iadd(qhi, 3), 56);
    const bool tkl10050 = (4 < tkl9517);
    const int tkl9606 = attnc_iadd(tkl9517, tkl9505);
    const bool tkl10052 = (0 < tkl9606);
    const bool tkl10108 = (1 < tkl9457);
    const bool tkl11655 = (0 <= attnc_iadd(tkl9510, 2));
    const bool tkl10140 = (0 <= attnc_iadd(tkl9600, 2));
    const bool tkl11659 = (0 <= attnc_iadd(tkl9604, 6));
    const int tkl11660 = attnc_imul(56, tkl9517);
    const bool tkl11698 = (((((((((((((tkl9555 && tkl10050) && tkl9557) && tkl9601) && tkl10052) && tkl9605) && tkl10108) && (0 <= attnc_iadd(tkl9517, 1))) && tkl11655) && tkl10140) && (0 <= attnc_iadd(tkl9606, 5))) && tkl11659) && tkl10866) && (0 <= attnc_iadd(tkl11660, 167)));
    const bool tkl11665 = (105 < tkl10159);
    const bool tkl11671 = (0 <= attnc_iadd(tkl10871, 118));
    const bool tkl11677 = (0 <= attnc_iadd(tkl11089, 118));
    const int tkl11678 = attnc_iadd(tkl11660, tkl11082);
    const bool tkl11683 = (0 <= attnc_iadd(tkl11095, 342));
    const bool tkl11711 = (((((((((((((tkl11698 && tkl10874) && (105 < p.KV_LEN)) && tkl11665) && (0 <= attnc_iadd(tkl11660, 62))) && tkl11671) && tkl10927) && tkl10928) && (0 <= attnc_iadd(tkl11660, 111))) && tkl10932) && (0 <= attnc_iadd(tkl11083, 118))) && tkl11677) && (0 <= attnc_iadd(tkl11678, 286))) && tkl11683);
    const int tkl10019 = attnc_idiv(attnc_isub(3, qlo), 56);
    const int tkl10078 = attnc_iadd(tkl10019, tkl9457);
    const int tkl10080 = attnc_iadd(tkl10019, tkl9510);
    const bool tkl10081 = (0 <= tkl10080);
    const bool tkl11726 = (49 < tkl10159);
    const bool tkl11756 = (((((((((((((tkl9555 && tkl9557) && (3 < tkl10078)) && tkl10081) && tkl9601) && tkl9605) && tkl10108) && tkl11655) && (0 <= attnc_iadd(tkl10078, 2))) && (0 <= attnc_iadd(tkl10080, 6))) && tkl10140) && tkl11659) && tkl11726) && (0 <= attnc_iadd(tkl10871, 174)));
    const int tkl11730 = attnc_imul(56, tkl10019);
    const int tkl11734 = attnc_iadd(tkl11730, tkl10159);
    const int tkl11737 = attnc_iadd(tkl11730, tkl10871);
    const bool tkl11769 = (((((((((((((tkl11756 && tkl10866) && tkl10874) && tkl10927) && tkl11665) && tkl11671) && tkl10928) && tkl10932) && (0 <= attnc_iadd(attnc_iadd(tkl11730, p.KV_LEN), 167))) && (0 <= attnc_iadd(tkl11734, 118))) && (0 <= attnc_iadd(tkl11737, 342))) && (0 <= attnc_iadd(tkl11734, 167))) && (0 <= attnc_iadd(tkl11737, 391))) && tkl11085);
    const bool tkl10114 = (tkl9457 <= attnc_iadd(tkl9510, 3));
    const int tkl11807 = attnc_imul(3136, tkl9499);
    const bool tkl11809 = (tkl10802 <= attnc_iadd(tkl11807, 112));
    const int tkl11810 = attnc_imul(3136, tkl9510);
    const bool tkl11813 = (tkl10802 <= attnc_iadd(tkl11810, 3248));
    const bool tkl11815 = (tkl10802 <= attnc_iadd(tkl11807, 280));
    const bool tkl11818 = (tkl10802 <= attnc_iadd(tkl11810, 3416));
    const bool tkl11941 = ((((((((((((tkl9556 && tkl9557) && (tkl9457 <= attnc_iadd(tkl9499, 2))) && tkl10114) && tkl9574) && tkl9576) && tkl9603) && tkl9605) && tkl11809) && tkl11813) && tkl11815) && tkl11818) && (12375 < tkl10807));
    const int tkl11825 = attnc_iadd(tkl11807, tkl10807);
    const int tkl11829 = attnc_iadd(tkl11810, tkl10807);
    const int tkl11832 = attnc_imul(3136, tkl9457);
    const int tkl11842 = attnc_iadd(tkl11832, tkl10802);
    const int tkl11848 = attnc_imul(3136, tkl9503);
    const int tkl11849 = attnc_iadd(tkl11848, tkl10807);
    const bool tkl11851 = (0 <= attnc_iadd(tkl11849, 168));
    const bool tkl11853 = (0 <= attnc_iadd(tkl11849, 112));
    const bool tkl11855 = (0 <= attnc_iadd(tkl11849, 336));
    const bool tkl11953 = ((((((((((((tkl11941 && (12431 < tkl10807)) && (12207 < tkl10807)) && (attnc_iadd(tkl10802, 15343) < tkl11825)) && (attnc_iadd(tkl10802, 12207) < tkl11829)) && (tkl11832 <= attnc_iadd(tkl10807, 9576))) && (tkl11832 <= attnc_iadd(tkl10807, 9520))) && (tkl11832 <= attnc_iadd(tkl10807, 9744))) && (tkl11842 <= attnc_iadd(tkl11825, 6608))) && (tkl11842 <= attnc_iadd(tkl11829, 9744))) && tkl11851) && tkl11853) && tkl11855);
    const int tkl11859 = attnc_iadd(tkl10802, 2799);
    const bool tkl11860 = (tkl11859 < attnc_iadd(attnc_iadd(tkl11807, tkl11848), tkl10807));
    const bool tkl11864 = (tkl10802 <= attnc_iadd(attnc_iadd(attnc_iadd(tkl11848, tkl11810), tkl10807), 336));
    const int tkl11865 = attnc_imul(3136, tkl9505);
    const int tkl11866 = attnc_iadd(tkl11865, tkl10807);
    const bool tkl11868 = (0 <= attnc_iadd(tkl11866, 168));
    const bool tkl11870 = (0 <= attnc_iadd(tkl11866, 112));
    const bool tkl11872 = (0 <= attnc_iadd(tkl11866, 336));
    const bool tkl11875 = (tkl11859 < attnc_iadd(attnc_iadd(tkl11807, tkl11865), tkl10807));
    const bool tkl11879 = (tkl10802 <= attnc_iadd(attnc_iadd(attnc_iadd(tkl11865, tkl11810), tkl10807), 336));
    const int tkl11882 = attnc_iadd(tkl11003, qhi);
    const bool tkl11883 = (52 < tkl11882);
    const int tkl11884 = attnc_iadd(tkl11089, qhi);
    const bool tkl11885 = (52 < tkl11884);
    const bool tkl11887 = (tkl10159 <= attnc_iadd(p.KV_LEN, 391));
    const bool tkl11966 = (((((((((((((tkl11953 && tkl11860) && tkl11864) && tkl11868) && tkl11870) && tkl11872) && tkl11875) && tkl11879) && tkl10866) && tkl10884) && (276 < attnc_iadd(tkl10159, qhi))) && tkl11883) && tkl11885) && tkl11887);
    const bool tkl11892 = (tkl10159 <= attnc_iadd(p.KV_LEN, 390));
    const bool tkl11897 = (tkl10159 <= attnc_iadd(p.KV_LEN, 394));
    const bool tkl11977 = (((((((((((tkl11966 && (tkl10159 <= attnc_iadd(qhi, 507))) && tkl11002) && tkl11088) && tkl11892) && (tkl10159 <= attnc_iadd(qhi, 506))) && tkl11037) && tkl11122) && tkl11897) && (tkl10159 <= attnc_iadd(qhi, 510))) && tkl11069) && tkl11150);
    const int tkl10271 = attnc_iadd(tkl10159, qlo);
    const int tkl11901 = attnc_iadd(tkl10867, p.KV_LEN);
    const bool tkl11903 = (tkl10271 <= attnc_iadd(tkl11901, 338));
    const int tkl11904 = attnc_iadd(tkl10867, qhi);
    const int tkl11910 = attnc_iadd(tkl11006, qhi);
    const bool tkl11912 = (qlo <= attnc_iadd(tkl11910, 286));
    const int tkl11913 = attnc_iadd(tkl11092, qhi);
    const bool tkl11915 = (qlo <= attnc_iadd(tkl11913, 286));
    const int tkl11916 = attnc_iadd(tkl10871, p.KV_LEN);
    const bool tkl11918 = (tkl10271 <= attnc_iadd(tkl11916, 394));
    const int tkl11919 = attnc_iadd(tkl10871, qhi);
    const int tkl11924 = attnc_iadd(tkl11010, qhi);
    const bool tkl11926 = (qlo <= attnc_iadd(tkl11924, 342));
    const bool tkl11990 = (((((((((((((tkl11977 && tkl11903) && tkl10903) && tkl10917) && (qlo <= attnc_iadd(tkl11904, 62))) && (tkl10271 <= attnc_iadd(tkl11904, 454))) && tkl11912) && tkl11915) && tkl11918) && tkl10905) && tkl10920) && (qlo <= attnc_iadd(tkl11919, 118))) && (tkl10271 <= attnc_iadd(tkl11919, 510))) && tkl11926);
    const int tkl11927 = attnc_iadd(tkl11095, qhi);
    const bool tkl11929 = (qlo <= attnc_iadd(tkl11927, 342));
    const int tkl11993 = attnc_isub(tkl10159, 392);
    const int tkl12000 = max(0, tkl11993);
    const int tkl12002 = max(max(tkl12000, attnc_isub(tkl10159, 391)), attnc_isub(tkl10159, 395));
    const int tkl11997 = attnc_isub(tkl10271, attnc_iadd(tkl10867, 339));
    const int tkl11999 = attnc_isub(tkl10271, attnc_iadd(tkl10871, 395));
    const int tkl12471 = min(min(min(((((((((((tkl11585 && tkl11285) && tkl11287) && tkl11289) && (0 <= attnc_iadd(tkl11260, 229))) && (0 <= attnc_iadd(tkl11263, 397))) && (0 <= attnc_iadd(tkl11266, 453))) && (0 <= attnc_iadd(tkl11269, 453))) && (0 <= attnc_iadd(tkl11272, 453))) && (0 <= attnc_iadd(tkl11275, 453))) ? max(max(max(tkl11634, attnc_isub(0, attnc_iadd(tkl11253, 224))), attnc_isub(0, attnc_iadd(tkl11253, 223))), attnc_isub(0, attnc_iadd(tkl11253, 227))) : p.KV_LEN), (((((tkl11711 && tkl11085) && tkl11091) && (0 <= attnc_iadd(tkl11678, 335))) && tkl11097) ? max(max(105, attnc_isub(0, attnc_iadd(tkl11082, 119))), tkl11603) : p.KV_LEN)), (((((tkl11769 && tkl11677) && tkl11683) && tkl11091) && tkl11097) ? max(max(56, attnc_isub(0, attnc_iadd(tkl11730, 168))), tkl11603) : p.KV_LEN)), ((tkl11990 && tkl11929) ? max(max(tkl12002, tkl11997), tkl11999) : p.KV_LEN));
    const bool tkl12017 = (tkl10159 <= attnc_iadd(p.KV_LEN, 342));
    const int tkl12029 = max(max(0, attnc_isub(tkl10159, 343)), tkl11993);
    const bool tkl9492 = (6 < tkl9457);
    const bool tkl10182 = (0 <= attnc_iadd(tkl9503, 3));
    const bool tkl10188 = (0 <= attnc_iadd(tkl9505, 3));
    const bool tkl12041 = (tkl10802 <= 12656);
    const bool tkl12043 = (tkl10802 <= 12824);
    const bool tkl12072 = (((((((((((((tkl9492 && tkl10182) && tkl9574) && tkl9576) && tkl10188) && tkl9603) && tkl9605) && tkl12041) && tkl11809) && tkl11813) && tkl12043) && tkl11815) && tkl11818) && tkl11851);
    const bool tkl12045 = (tkl10802 <= attnc_iadd(tkl11849, 9744));
    const bool tkl12047 = (tkl10802 <= attnc_iadd(tkl11866, 9744));
    const bool tkl12085 = (((((((((((((tkl12072 && tkl11853) && tkl11855) && tkl12045) && tkl11860) && tkl11864) && tkl11868) && tkl11870) && tkl11872) && tkl12047) && tkl11875) && tkl11879) && tkl11002) && tkl11088);
    const bool tkl9349 = (1 < p.KV_LEN);
    const bool tkl12049 = (qlo <= 562);
    const bool tkl12051 = (qlo <= 565);
    const bool tkl12053 = (qlo <= attnc_iadd(tkl10999, 510));
    const bool tkl12055 = (qlo <= attnc_iadd(tkl11086, 510));
    const int tkl12056 = attnc_iadd(qlo, 53);
    const bool tkl12057 = (tkl12056 < tkl11901);
    const bool tkl12098 = (((((((((((((tkl12085 && tkl9349) && tkl11037) && tkl11122) && tkl11069) && tkl11150) && tkl10898) && tkl12049) && tkl12051) && tkl12053) && tkl12055) && tkl12057) && tkl10903) && tkl10917);
    const bool tkl12059 = (qlo <= attnc_iadd(tkl11916, 2));
    const int tkl12112 = max(max(max(1, tkl11595), attnc_isub(tkl12056, tkl10867)), attnc_isub(qlo, attnc_iadd(tkl10871, 3)));
    const int tkl12474 = min(min(min(tkl12471, (((((((((tkl10050 && tkl9557) && (tkl9457 <= attnc_iadd(tkl9517, 2))) && tkl10114) && tkl10052) && tkl9605) && tkl10866) && tkl12017) && tkl11887) ? tkl12029 : p.KV_LEN)), (((((((tkl9557 && tkl10114) && tkl10081) && tkl9605) && tkl11726) && tkl10866) && tkl11887) ? tkl12000 : p.KV_LEN)), ((((((((tkl12098 && tkl11912) && tkl11915) && tkl12059) && tkl10905) && tkl10920) && tkl11926) && tkl11929) ? tkl12112 : p.KV_LEN));
    const bool tkl12117 = (49 < p.KV_LEN);
    const bool tkl10226 = (0 <= attnc_iadd(tkl10019, 3));
    const bool tkl9493 = (!tkl9492);
    const bool tkl12164 = (tkl9492 && tkl9493);
    const bool tkl10426 = (0 < tkl9457);
    const bool tkl12177 = (((((((((((((tkl12164 && tkl10182) && tkl9574) && tkl9576) && tkl10188) && tkl9603) && tkl9605) && tkl10426) && tkl12041) && tkl11809) && tkl11813) && tkl12043) && tkl11815) && tkl11818);
    const bool tkl12190 = (((((((((((((tkl12177 && tkl11851) && tkl11853) && tkl11855) && tkl12045) && tkl11860) && tkl11864) && tkl11868) && tkl11870) && tkl11872) && tkl12047) && tkl11875) && tkl11879) && tkl10866);
    const bool tkl12203 = (((((((((((((tkl12190 && tkl10884) && tkl11883) && tkl11885) && tkl9349) && (1 < tkl10159)) && (0 <= attnc_iadd(tkl10159, 1))) && (53 < tkl11882)) && (53 < tkl11884)) && tkl10884) && (0 <= attnc_iadd(tkl10159, 5))) && (49 < tkl11882)) && (49 < tkl11884)) && tkl10898);
    const int tkl12141 = attnc_iadd(tkl10867, tkl10159);
    const int tkl12147 = attnc_iadd(qlo, 105);
    const int tkl12152 = attnc_iadd(tkl10159, tkl10871);
    const int tkl12159 = attnc_iadd(qlo, 49);
    const bool tkl12216 = (((((((((((((tkl12203 && tkl10900) && tkl10914) && (qlo <= attnc_iadd(tkl11882, 118))) && (qlo <= attnc_iadd(tkl11884, 118))) && tkl12057) && (tkl12056 < tkl12141)) && (attnc_iadd(qlo, 50) < tkl12141)) && (tkl12147 < attnc_iadd(attnc_iadd(tkl11006, tkl10159), qhi))) && (tkl12147 < attnc_iadd(attnc_iadd(tkl11092, tkl10159), qhi))) && tkl12059) && (qlo <= attnc_iadd(tkl12152, 2))) && (qlo <= attnc_iadd(tkl12152, 5))) && (tkl12159 < attnc_iadd(attnc_iadd(tkl11003, tkl10871), qhi)));
    const bool tkl12288 = (tkl9493 && tkl9492);
    const bool tkl10421 = (tkl9457 <= 13);
    const bool tkl12301 = (((((((((((((tkl12288 && tkl10182) && tkl9574) && tkl9576) && tkl10188) && tkl9603) && tkl9605) && tkl10421) && tkl12041) && tkl11809) && tkl11813) && tkl12043) && tkl11815) && tkl11818);
    const bool tkl12314 = (((((((((((((tkl12301 && tkl11851) && tkl11853) && tkl11855) && tkl12045) && tkl11860) && tkl11864) && tkl11868) && tkl11870) && tkl11872) && tkl12047) && tkl11875) && tkl11879) && tkl11002);
    const bool tkl12235 = (tkl10159 <= 783);
    const bool tkl12237 = (tkl10159 <= 786);
    const bool tkl12327 = (((((((((((((tkl12314 && tkl11088) && tkl11887) && tkl12235) && tkl12237) && (tkl10159 <= attnc_iadd(tkl10999, 731))) && (tkl10159 <= attnc_iadd(tkl11086, 731))) && tkl11892) && (tkl10159 <= 782)) && (tkl10159 <= 785)) && (tkl10159 <= attnc_iadd(tkl10999, 730))) && (tkl10159 <= attnc_iadd(tkl11086, 730))) && tkl11897) && tkl12237);
    const bool tkl12260 = (tkl10271 <= attnc_iadd(p.KV_LEN, 562));
    const bool tkl12339 = ((((((((((((tkl12327 && (tkl10159 <= 789)) && (tkl10159 <= attnc_iadd(tkl10999, 734))) && (tkl10159 <= attnc_iadd(tkl11086, 734))) && tkl12260) && (tkl10271 <= 954)) && (tkl10271 <= 957)) && (tkl10271 <= attnc_iadd(tkl10999, 902))) && (tkl10271 <= attnc_iadd(tkl11086, 902))) && tkl11903) && (tkl10271 <= attnc_iadd(tkl10867, 730))) && (tkl10271 <= attnc_iadd(tkl10867, 733))) && (tkl10271 <= attnc_iadd(tkl11910, 678)));
    const int tkl12350 = max(max(max(tkl12002, attnc_isub(tkl10271, 563)), tkl11997), tkl11999);
    const bool tkl12351 = (tkl10159 <= 734);
    const int tkl12482 = min(min(min(min(min(min(min(min(tkl12474, (((((tkl9492 && tkl10188) && tkl10052) && tkl9605) && tkl12117) ? 49 : p.KV_LEN)), (((((tkl9492 && tkl10226) && tkl10081) && tkl10188) && tkl9605) ? 0 : p.KV_LEN)), ((tkl12216 && (tkl12159 < attnc_iadd(attnc_iadd(tkl11089, tkl10871), qhi))) ? tkl12112 : p.KV_LEN)), ((((((((tkl12164 && tkl10188) && tkl10052) && tkl9605) && tkl10426) && tkl10866) && tkl12117) && tkl11726) ? 49 : p.KV_LEN)), ((((((((tkl12164 && tkl10226) && tkl10081) && tkl10188) && tkl9605) && tkl10426) && tkl11726) && tkl10866) ? 0 : p.KV_LEN)), (((((((tkl12339 && (tkl10271 <= attnc_iadd(tkl11913, 678))) && tkl11918) && (tkl10271 <= attnc_iadd(tkl10871, 786))) && (tkl10271 <= attnc_iadd(tkl10871, 789))) && (tkl10271 <= attnc_iadd(tkl11924, 734))) && (tkl10271 <= attnc_iadd(tkl11927, 734))) ? tkl12350 : p.KV_LEN)), (((((((((tkl12288 && tkl10188) && tkl10052) && tkl9605) && tkl10421) && tkl12017) && tkl12351) && tkl11887) && tkl12235) ? tkl12029 : p.KV_LEN)), (((((((((tkl12288 && tkl10226) && tkl10081) && tkl10188) && tkl9605) && tkl10421) && tkl11887) && tkl12351) && tkl12235) ? tkl12000 : p.KV_LEN));
    const bool tkl12380 = (((((((((((((tkl9493 && tkl10182) && tkl9574) && tkl9576) && tkl10188) && tkl9603) && tkl9605) && tkl12041) && tkl11809) && tkl11813) && tkl12043) && tkl11815) && tkl11818) && tkl11851);
    const bool tkl12393 = (((((((((((((tkl12380 && tkl11853) && tkl11855) && tkl12045) && tkl11860) && tkl11864) && tkl11868) && tkl11870) && tkl11872) && tkl12047) && tkl11875) && tkl11879) && tkl10866) && tkl10884);
    const bool tkl12406 = (((((((((((((tkl12393 && tkl11883) && tkl11885) && tkl11887) && tkl11002) && tkl11088) && tkl11892) && tkl11037) && tkl11122) && tkl11897) && tkl11069) && tkl11150) && tkl12260) && tkl12049);
    const bool tkl12419 = (((((((((((((tkl12406 && tkl12051) && tkl12053) && tkl12055) && tkl11903) && tkl10903) && tkl10917) && tkl11912) && tkl11915) && tkl11918) && tkl10905) && tkl10920) && tkl11926) && tkl11929);
    lo = min(min(min(tkl12482, (tkl12419 ? tkl12350 : p.KV_LEN)), (((((((tkl9493 && tkl10188) && tkl10052) && tkl9605) && tkl10866) && tkl12017) && tkl11887) ? tkl12029 : p.KV_LEN)), ((((((((tkl9493 && tkl10226) && tkl10081) && tkl10188) && tkl9605) && tkl11726) && tkl10866) && tkl11887) ? tkl12000 : p.KV_LEN));
  }
  {
    const int tkh9457 = attnc_idiv(p.KV_LEN, 56);
    const bool tkh9555 = (7 < tkh9457);
    const int tkh9499 = attnc_idiv(attnc_iadd(qhi, 52), 56);
    const bool tkh9556 = (4 < tkh9499);
    const int tkh9510 = attnc_idiv(qhi, 56);
    const bool tkh9557 = (3 < tkh9510);
    const int tkh10807 = attnc_imul(56, qhi);
    const int tkh10810 = attnc_idiv(attnc_iadd(tkh10807, 168), 3136);
    const int tkh10812 = attnc_idiv(attnc_iadd(tkh10807, 112), 3136);
    const int tkh10815 = attnc_idiv(attnc_iadd(tkh10807, 336), 3136);
    const int tkh9503 = attnc_idiv(attnc_isub(52, qlo), 56);
    const bool tkh9574 = (0 < attnc_iadd(tkh9499, tkh9503));
    const bool tkh9576 = (0 <= attnc_iadd(tkh9503, tkh9510));
    const int tkh9505 = attnc_idiv(attnc_isub(55, qlo), 56);
    const int tkh9600 = attnc_iadd(tkh9505, tkh9457);
    const bool tkh9601 = (3 < tkh9600);
    const bool tkh9603 = (0 < attnc_iadd(tkh9499, tkh9505));
    const bool tkh11346 = (((((((((((((tkh9555 && tkh9556) && tkh9557) && (3 < tkh10810)) && (3 < tkh10812)) && (3 < tkh10815)) && (3 < attnc_iadd(tkh9503, tkh9457))) && tkh9574) && tkh9576) && (0 <= attnc_iadd(tkh10810, tkh9503))) && (0 <= attnc_iadd(tkh10812, tkh9503))) && (0 <= attnc_iadd(tkh10815, tkh9503))) && tkh9601) && tkh9603);
    const int tkh9604 = attnc_iadd(tkh9505, tkh9510);
    const bool tkh9605 = (0 <= tkh9604);
    const int tkh10802 = attnc_imul(56, qlo);
    const int tkh10806 = attnc_idiv(attnc_isub(112, tkh10802), 3136);
    const int tkh10818 = attnc_idiv(attnc_isub(280, tkh10802), 3136);
    const bool tkh11358 = ((((((((((((tkh11346 && tkh9605) && (0 <= attnc_iadd(tkh10810, tkh9505))) && (0 <= attnc_iadd(tkh10812, tkh9505))) && (0 <= attnc_iadd(tkh10815, tkh9505))) && (2 < attnc_iadd(tkh10806, tkh9457))) && (0 <= attnc_iadd(tkh9499, tkh10806))) && (0 <= attnc_iadd(attnc_iadd(tkh10806, tkh9510), 1))) && (0 <= attnc_iadd(attnc_iadd(tkh10810, tkh10806), 1))) && (0 <= attnc_iadd(attnc_iadd(tkh10812, tkh10806), 1))) && (0 <= attnc_iadd(attnc_iadd(tkh10815, tkh10806), 1))) && (2 < attnc_iadd(tkh10818, tkh9457))) && (0 <= attnc_iadd(tkh9499, tkh10818)));
    const int tkh10159 = attnc_imul(56, tkh9457);
    const bool tkh10866 = (0 < tkh10159);
    const int tkh10867 = attnc_imul(56, tkh9499);
    const int tkh10869 = attnc_iadd(tkh10867, 167);
    const int tkh10871 = attnc_imul(56, tkh9510);
    const int tkh10873 = attnc_iadd(tkh10871, 223);
    const bool tkh10874 = (0 <= tkh10873);
    const int tkh10875 = attnc_imul(56, tkh10810);
    const int tkh10876 = attnc_iadd(tkh10875, 223);
    const int tkh10878 = attnc_imul(56, tkh10812);
    const int tkh10879 = attnc_iadd(tkh10878, 223);
    const int tkh10881 = attnc_imul(56, tkh10815);
    const int tkh10882 = attnc_iadd(tkh10881, 223);
    const bool tkh11368 = ((((((((((tkh11358 && (0 <= attnc_iadd(attnc_iadd(tkh10818, tkh9510), 1))) && (0 <= attnc_iadd(attnc_iadd(tkh10810, tkh10818), 1))) && (0 <= attnc_iadd(attnc_iadd(tkh10812, tkh10818), 1))) && (0 <= attnc_iadd(attnc_iadd(tkh10815, tkh10818), 1))) && tkh10866) && (0 <= tkh10869)) && tkh10874) && (0 <= tkh10876)) && (0 <= tkh10879)) && (0 <= tkh10882));
    const int tkh10165 = attnc_iadd(tkh10159, 2);
    const bool tkh10884 = (0 <= tkh10165);
    const int tkh10886 = attnc_iadd(tkh10867, 170);
    const int tkh10889 = attnc_iadd(tkh10871, 226);
    const int tkh10891 = attnc_iadd(tkh10875, 226);
    const int tkh10893 = attnc_iadd(tkh10878, 226);
    const int tkh10895 = attnc_iadd(tkh10881, 226);
    const bool tkh10898 = (qlo <= attnc_iadd(p.KV_LEN, 170));
    const bool tkh10900 = (qlo <= attnc_iadd(tkh10159, 170));
    const bool tkh10903 = (qlo <= attnc_iadd(tkh10867, 338));
    const bool tkh10905 = (qlo <= attnc_iadd(tkh10871, 394));
    const bool tkh11381 = (((((((((((((tkh11368 && tkh10884) && (0 <= tkh10886)) && (0 <= tkh10889)) && (0 <= tkh10891)) && (0 <= tkh10893)) && (0 <= tkh10895)) && tkh10898) && tkh10900) && tkh10903) && tkh10905) && (qlo <= attnc_iadd(tkh10875, 394))) && (qlo <= attnc_iadd(tkh10878, 394))) && (qlo <= attnc_iadd(tkh10881, 394)));
    const bool tkh10914 = (qlo <= attnc_iadd(tkh10159, 173));
    const bool tkh10917 = (qlo <= attnc_iadd(tkh10867, 341));
    const bool tkh10920 = (qlo <= attnc_iadd(tkh10871, 397));
    const bool tkh10927 = (56 < p.KV_LEN);
    const bool tkh10928 = (56 < tkh10159);
    const bool tkh10932 = (0 <= attnc_iadd(tkh10871, 167));
    const bool tkh11394 = (((((((((((((tkh11381 && tkh10914) && tkh10917) && tkh10920) && (qlo <= attnc_iadd(tkh10875, 397))) && (qlo <= attnc_iadd(tkh10878, 397))) && (qlo <= attnc_iadd(tkh10881, 397))) && tkh10927) && tkh10928) && (0 <= attnc_iadd(tkh10867, 111))) && tkh10932) && (0 <= attnc_iadd(tkh10875, 167))) && (0 <= attnc_iadd(tkh10878, 167))) && (0 <= attnc_iadd(tkh10881, 167)));
    const bool tkh10940 = (53 < tkh10159);
    const bool tkh10943 = (0 <= attnc_iadd(tkh10867, 114));
    const bool tkh10945 = (0 <= attnc_iadd(tkh10871, 170));
    const bool tkh10947 = (0 <= attnc_iadd(tkh10875, 170));
    const bool tkh10949 = (0 <= attnc_iadd(tkh10878, 170));
    const bool tkh10951 = (0 <= attnc_iadd(tkh10881, 170));
    const bool tkh11407 = (((((((((((((tkh11394 && tkh10940) && tkh10943) && tkh10945) && tkh10947) && tkh10949) && tkh10951) && (57 < p.KV_LEN)) && (57 < tkh10159)) && (0 <= attnc_iadd(tkh10867, 110))) && (0 <= attnc_iadd(tkh10871, 166))) && (0 <= attnc_iadd(tkh10875, 166))) && (0 <= attnc_iadd(tkh10878, 166))) && (0 <= attnc_iadd(tkh10881, 166)));
    const bool tkh11419 = ((((((((((((tkh11407 && (54 < tkh10159)) && (0 <= attnc_iadd(tkh10867, 113))) && (0 <= attnc_iadd(tkh10871, 169))) && (0 <= attnc_iadd(tkh10875, 169))) && (0 <= attnc_iadd(tkh10878, 169))) && (0 <= attnc_iadd(tkh10881, 169))) && (53 < p.KV_LEN)) && tkh10940) && tkh10943) && tkh10945) && tkh10947) && tkh10949);
    const int tkh10995 = attnc_imul(56, tkh9503);
    const int tkh10996 = attnc_iadd(tkh10995, p.KV_LEN);
    const int tkh10999 = attnc_iadd(tkh10995, qhi);
    const int tkh11001 = attnc_iadd(tkh10999, 339);
    const bool tkh11002 = (0 <= tkh11001);
    const int tkh11003 = attnc_iadd(tkh10995, tkh10159);
    const int tkh11006 = attnc_iadd(tkh10867, tkh10995);
    const int tkh11010 = attnc_iadd(tkh10995, tkh10871);
    const int tkh11013 = attnc_iadd(tkh10875, tkh10995);
    const bool tkh11432 = (((((((((((((tkh11419 && tkh10951) && (50 < tkh10159)) && (0 <= attnc_iadd(tkh10867, 117))) && (0 <= attnc_iadd(tkh10871, 173))) && (0 <= attnc_iadd(tkh10875, 173))) && (0 <= attnc_iadd(tkh10878, 173))) && (0 <= attnc_iadd(tkh10881, 173))) && (0 <= attnc_iadd(tkh10996, 167))) && tkh11002) && (0 <= attnc_iadd(tkh11003, 167))) && (0 <= attnc_iadd(tkh11006, 335))) && (0 <= attnc_iadd(tkh11010, 391))) && (0 <= attnc_iadd(tkh11013, 391)));
    const int tkh11016 = attnc_iadd(tkh10878, tkh10995);
    const int tkh11019 = attnc_iadd(tkh10881, tkh10995);
    const bool tkh11023 = (0 <= attnc_iadd(tkh11003, 170));
    const bool tkh11025 = (0 <= attnc_iadd(tkh11006, 338));
    const bool tkh11027 = (0 <= attnc_iadd(tkh11010, 394));
    const bool tkh11029 = (0 <= attnc_iadd(tkh11013, 394));
    const bool tkh11031 = (0 <= attnc_iadd(tkh11016, 394));
    const bool tkh11033 = (0 <= attnc_iadd(tkh11019, 394));
    const bool tkh11037 = (0 <= attnc_iadd(tkh10999, 338));
    const bool tkh11443 = (((((((((((tkh11432 && (0 <= attnc_iadd(tkh11016, 391))) && (0 <= attnc_iadd(tkh11019, 391))) && tkh11023) && tkh11025) && tkh11027) && tkh11029) && tkh11031) && tkh11033) && (0 <= attnc_iadd(tkh10996, 166))) && tkh11037) && (0 <= attnc_iadd(tkh11003, 166)));
    const bool tkh11454 = (((((((((((tkh11443 && (0 <= attnc_iadd(tkh11006, 334))) && (0 <= attnc_iadd(tkh11010, 390))) && (0 <= attnc_iadd(tkh11013, 390))) && (0 <= attnc_iadd(tkh11016, 390))) && (0 <= attnc_iadd(tkh11019, 390))) && (0 <= attnc_iadd(tkh11003, 169))) && (0 <= attnc_iadd(tkh11006, 337))) && (0 <= attnc_iadd(tkh11010, 393))) && (0 <= attnc_iadd(tkh11013, 393))) && (0 <= attnc_iadd(tkh11016, 393))) && (0 <= attnc_iadd(tkh11019, 393)));
    const bool tkh11069 = (0 <= attnc_iadd(tkh10999, 342));
    const bool tkh11465 = (((((((((((tkh11454 && (0 <= attnc_iadd(tkh10996, 170))) && tkh11069) && tkh11023) && tkh11025) && tkh11027) && tkh11029) && tkh11031) && tkh11033) && (0 <= attnc_iadd(tkh11003, 173))) && (0 <= attnc_iadd(tkh11006, 341))) && (0 <= attnc_iadd(tkh11010, 397)));
    const int tkh11082 = attnc_imul(56, tkh9505);
    const int tkh11083 = attnc_iadd(tkh11082, p.KV_LEN);
    const bool tkh11085 = (0 <= attnc_iadd(tkh11083, 167));
    const int tkh11086 = attnc_iadd(tkh11082, qhi);
    const int tkh11087 = attnc_iadd(tkh11086, 339);
    const bool tkh11088 = (0 <= tkh11087);
    const int tkh11089 = attnc_iadd(tkh11082, tkh10159);
    const bool tkh11091 = (0 <= attnc_iadd(tkh11089, 167));
    const int tkh11092 = attnc_iadd(tkh10867, tkh11082);
    const int tkh11095 = attnc_iadd(tkh11082, tkh10871);
    const bool tkh11097 = (0 <= attnc_iadd(tkh11095, 391));
    const int tkh11098 = attnc_iadd(tkh10875, tkh11082);
    const int tkh11101 = attnc_iadd(tkh10878, tkh11082);
    const int tkh11104 = attnc_iadd(tkh10881, tkh11082);
    const bool tkh11476 = (((((((((((tkh11465 && (0 <= attnc_iadd(tkh11013, 397))) && (0 <= attnc_iadd(tkh11016, 397))) && (0 <= attnc_iadd(tkh11019, 397))) && tkh11085) && tkh11088) && tkh11091) && (0 <= attnc_iadd(tkh11092, 335))) && tkh11097) && (0 <= attnc_iadd(tkh11098, 391))) && (0 <= attnc_iadd(tkh11101, 391))) && (0 <= attnc_iadd(tkh11104, 391)));
    const bool tkh11108 = (0 <= attnc_iadd(tkh11089, 170));
    const bool tkh11110 = (0 <= attnc_iadd(tkh11092, 338));
    const bool tkh11112 = (0 <= attnc_iadd(tkh11095, 394));
    const bool tkh11114 = (0 <= attnc_iadd(tkh11098, 394));
    const bool tkh11116 = (0 <= attnc_iadd(tkh11101, 394));
    const bool tkh11118 = (0 <= attnc_iadd(tkh11104, 394));
    const bool tkh11122 = (0 <= attnc_iadd(tkh11086, 338));
    const bool tkh11489 = (((((((((((((tkh11476 && tkh11108) && tkh11110) && tkh11112) && tkh11114) && tkh11116) && tkh11118) && (0 <= attnc_iadd(tkh11083, 166))) && tkh11122) && (0 <= attnc_iadd(tkh11089, 166))) && (0 <= attnc_iadd(tkh11092, 334))) && (0 <= attnc_iadd(tkh11095, 390))) && (0 <= attnc_iadd(tkh11098, 390))) && (0 <= attnc_iadd(tkh11101, 390)));
    const bool tkh11150 = (0 <= attnc_iadd(tkh11086, 342));
    const bool tkh11500 = (((((((((((tkh11489 && (0 <= attnc_iadd(tkh11104, 390))) && (0 <= attnc_iadd(tkh11089, 169))) && (0 <= attnc_iadd(tkh11092, 337))) && (0 <= attnc_iadd(tkh11095, 393))) && (0 <= attnc_iadd(tkh11098, 393))) && (0 <= attnc_iadd(tkh11101, 393))) && (0 <= attnc_iadd(tkh11104, 393))) && (0 <= attnc_iadd(tkh11083, 170))) && tkh11150) && tkh11108) && tkh11110);
    const int tkh11163 = attnc_imul(56, tkh10806);
    const int tkh11164 = attnc_iadd(tkh11163, p.KV_LEN);
    const int tkh11167 = attnc_iadd(tkh11163, qhi);
    const int tkh11170 = attnc_iadd(tkh11163, tkh10159);
    const bool tkh11513 = (((((((((((((tkh11500 && tkh11112) && tkh11114) && tkh11116) && tkh11118) && (0 <= attnc_iadd(tkh11089, 173))) && (0 <= attnc_iadd(tkh11092, 341))) && (0 <= attnc_iadd(tkh11095, 397))) && (0 <= attnc_iadd(tkh11098, 397))) && (0 <= attnc_iadd(tkh11101, 397))) && (0 <= attnc_iadd(tkh11104, 397))) && (0 <= attnc_iadd(tkh11164, 223))) && (0 <= attnc_iadd(tkh11167, 395))) && (0 <= attnc_iadd(tkh11170, 223)));
    const int tkh11173 = attnc_iadd(tkh10867, tkh11163);
    const int tkh11176 = attnc_iadd(tkh11163, tkh10871);
    const int tkh11180 = attnc_iadd(tkh10875, tkh11163);
    const int tkh11183 = attnc_iadd(tkh10878, tkh11163);
    const int tkh11186 = attnc_iadd(tkh10881, tkh11163);
    const bool tkh11190 = (0 <= attnc_iadd(tkh11170, 226));
    const bool tkh11192 = (0 <= attnc_iadd(tkh11173, 394));
    const bool tkh11195 = (0 <= attnc_iadd(tkh11176, 450));
    const bool tkh11197 = (0 <= attnc_iadd(tkh11180, 450));
    const bool tkh11199 = (0 <= attnc_iadd(tkh11183, 450));
    const bool tkh11201 = (0 <= attnc_iadd(tkh11186, 450));
    const bool tkh11524 = (((((((((((tkh11513 && (0 <= attnc_iadd(tkh11173, 391))) && (0 <= attnc_iadd(tkh11176, 447))) && (0 <= attnc_iadd(tkh11180, 447))) && (0 <= attnc_iadd(tkh11183, 447))) && (0 <= attnc_iadd(tkh11186, 447))) && tkh11190) && tkh11192) && tkh11195) && tkh11197) && tkh11199) && tkh11201);
    const bool tkh11535 = (((((((((((tkh11524 && (0 <= attnc_iadd(tkh11164, 222))) && (0 <= attnc_iadd(tkh11167, 394))) && (0 <= attnc_iadd(tkh11170, 222))) && (0 <= attnc_iadd(tkh11173, 390))) && (0 <= attnc_iadd(tkh11176, 446))) && (0 <= attnc_iadd(tkh11180, 446))) && (0 <= attnc_iadd(tkh11183, 446))) && (0 <= attnc_iadd(tkh11186, 446))) && (0 <= attnc_iadd(tkh11170, 225))) && (0 <= attnc_iadd(tkh11173, 393))) && (0 <= attnc_iadd(tkh11176, 449)));
    const bool tkh11546 = (((((((((((tkh11535 && (0 <= attnc_iadd(tkh11180, 449))) && (0 <= attnc_iadd(tkh11183, 449))) && (0 <= attnc_iadd(tkh11186, 449))) && (0 <= attnc_iadd(tkh11164, 226))) && (0 <= attnc_iadd(tkh11167, 398))) && tkh11190) && tkh11192) && tkh11195) && tkh11197) && tkh11199) && tkh11201);
    const int tkh11253 = attnc_imul(56, tkh10818);
    const int tkh11254 = attnc_iadd(tkh11253, p.KV_LEN);
    const int tkh11257 = attnc_iadd(tkh11253, qhi);
    const int tkh11260 = attnc_iadd(tkh11253, tkh10159);
    const int tkh11263 = attnc_iadd(tkh10867, tkh11253);
    const int tkh11266 = attnc_iadd(tkh11253, tkh10871);
    const bool tkh11557 = (((((((((((tkh11546 && (0 <= attnc_iadd(tkh11170, 229))) && (0 <= attnc_iadd(tkh11173, 397))) && (0 <= attnc_iadd(tkh11176, 453))) && (0 <= attnc_iadd(tkh11180, 453))) && (0 <= attnc_iadd(tkh11183, 453))) && (0 <= attnc_iadd(tkh11186, 453))) && (0 <= attnc_iadd(tkh11254, 223))) && (0 <= attnc_iadd(tkh11257, 395))) && (0 <= attnc_iadd(tkh11260, 223))) && (0 <= attnc_iadd(tkh11263, 391))) && (0 <= attnc_iadd(tkh11266, 447)));
    const int tkh11269 = attnc_iadd(tkh10875, tkh11253);
    const int tkh11272 = attnc_iadd(tkh10878, tkh11253);
    const int tkh11275 = attnc_iadd(tkh10881, tkh11253);
    const bool tkh11279 = (0 <= attnc_iadd(tkh11260, 226));
    const bool tkh11281 = (0 <= attnc_iadd(tkh11263, 394));
    const bool tkh11283 = (0 <= attnc_iadd(tkh11266, 450));
    const bool tkh11285 = (0 <= attnc_iadd(tkh11269, 450));
    const bool tkh11287 = (0 <= attnc_iadd(tkh11272, 450));
    const bool tkh11289 = (0 <= attnc_iadd(tkh11275, 450));
    const bool tkh11568 = (((((((((((tkh11557 && (0 <= attnc_iadd(tkh11269, 447))) && (0 <= attnc_iadd(tkh11272, 447))) && (0 <= attnc_iadd(tkh11275, 447))) && tkh11279) && tkh11281) && tkh11283) && tkh11285) && tkh11287) && tkh11289) && (0 <= attnc_iadd(tkh11254, 222))) && (0 <= attnc_iadd(tkh11257, 394)));
    const bool tkh11579 = (((((((((((tkh11568 && (0 <= attnc_iadd(tkh11260, 222))) && (0 <= attnc_iadd(tkh11263, 390))) && (0 <= attnc_iadd(tkh11266, 446))) && (0 <= attnc_iadd(tkh11269, 446))) && (0 <= attnc_iadd(tkh11272, 446))) && (0 <= attnc_iadd(tkh11275, 446))) && (0 <= attnc_iadd(tkh11260, 225))) && (0 <= attnc_iadd(tkh11263, 393))) && (0 <= attnc_iadd(tkh11266, 449))) && (0 <= attnc_iadd(tkh11269, 449))) && (0 <= attnc_iadd(tkh11272, 449)));
    const bool tkh11590 = (((((((((((tkh11579 && (0 <= attnc_iadd(tkh11275, 449))) && (0 <= attnc_iadd(tkh11254, 226))) && (0 <= attnc_iadd(tkh11257, 398))) && tkh11279) && tkh11281) && tkh11283) && tkh11285) && tkh11287) && tkh11289) && (0 <= attnc_iadd(tkh11260, 229))) && (0 <= attnc_iadd(tkh11263, 397)));
    const int tkh23 = attnc_isub(p.KV_LEN, 1);
    const int tkh11638 = attnc_isub(tkh10159, 1);
    const int tkh11650 = min(min(min(min(min(min(min(min(min(min(min(min(tkh23, attnc_iadd(qhi, 171)), tkh11638), tkh10869), tkh10873), tkh10876), tkh10879), tkh10882), tkh10165), tkh10886), tkh10889), tkh10891), tkh10893);
    const int tkh9517 = attnc_idiv(attnc_iadd(qhi, 3), 56);
    const bool tkh10050 = (4 < tkh9517);
    const int tkh9606 = attnc_iadd(tkh9517, tkh9505);
    const bool tkh10052 = (0 < tkh9606);
    const bool tkh10108 = (1 < tkh9457);
    const bool tkh11655 = (0 <= attnc_iadd(tkh9510, 2));
    const bool tkh10140 = (0 <= attnc_iadd(tkh9600, 2));
    const bool tkh11659 = (0 <= attnc_iadd(tkh9604, 6));
    const int tkh11660 = attnc_imul(56, tkh9517);
    const int tkh11661 = attnc_iadd(tkh11660, 167);
    const bool tkh11698 = (((((((((((((tkh9555 && tkh10050) && tkh9557) && tkh9601) && tkh10052) && tkh9605) && tkh10108) && (0 <= attnc_iadd(tkh9517, 1))) && tkh11655) && tkh10140) && (0 <= attnc_iadd(tkh9606, 5))) && tkh11659) && tkh10866) && (0 <= tkh11661));
    const bool tkh11665 = (105 < tkh10159);
    const bool tkh11671 = (0 <= attnc_iadd(tkh10871, 118));
    const bool tkh11677 = (0 <= attnc_iadd(tkh11089, 118));
    const int tkh11678 = attnc_iadd(tkh11660, tkh11082);
    const bool tkh11683 = (0 <= attnc_iadd(tkh11095, 342));
    const bool tkh11711 = (((((((((((((tkh11698 && tkh10874) && (105 < p.KV_LEN)) && tkh11665) && (0 <= attnc_iadd(tkh11660, 62))) && tkh11671) && tkh10927) && tkh10928) && (0 <= attnc_iadd(tkh11660, 111))) && tkh10932) && (0 <= attnc_iadd(tkh11083, 118))) && tkh11677) && (0 <= attnc_iadd(tkh11678, 286))) && tkh11683);
    const int tkh11721 = min(tkh23, tkh11638);
    const int tkh10019 = attnc_idiv(attnc_isub(3, qlo), 56);
    const int tkh10078 = attnc_iadd(tkh10019, tkh9457);
    const int tkh10080 = attnc_iadd(tkh10019, tkh9510);
    const bool tkh10081 = (0 <= tkh10080);
    const bool tkh11726 = (49 < tkh10159);
    const int tkh11728 = attnc_iadd(tkh10871, 174);
    const bool tkh11756 = (((((((((((((tkh9555 && tkh9557) && (3 < tkh10078)) && tkh10081) && tkh9601) && tkh9605) && tkh10108) && tkh11655) && (0 <= attnc_iadd(tkh10078, 2))) && (0 <= attnc_iadd(tkh10080, 6))) && tkh10140) && tkh11659) && tkh11726) && (0 <= tkh11728));
    const int tkh11730 = attnc_imul(56, tkh10019);
    const int tkh11734 = attnc_iadd(tkh11730, tkh10159);
    const int tkh11737 = attnc_iadd(tkh11730, tkh10871);
    const bool tkh11769 = (((((((((((((tkh11756 && tkh10866) && tkh10874) && tkh10927) && tkh11665) && tkh11671) && tkh10928) && tkh10932) && (0 <= attnc_iadd(attnc_iadd(tkh11730, p.KV_LEN), 167))) && (0 <= attnc_iadd(tkh11734, 118))) && (0 <= attnc_iadd(tkh11737, 342))) && (0 <= attnc_iadd(tkh11734, 167))) && (0 <= attnc_iadd(tkh11737, 391))) && tkh11085);
    const int tkh11779 = min(tkh23, attnc_isub(tkh10159, 50));
    const bool tkh10114 = (tkh9457 <= attnc_iadd(tkh9510, 3));
    const int tkh11807 = attnc_imul(3136, tkh9499);
    const bool tkh11809 = (tkh10802 <= attnc_iadd(tkh11807, 112));
    const int tkh11810 = attnc_imul(3136, tkh9510);
    const bool tkh11813 = (tkh10802 <= attnc_iadd(tkh11810, 3248));
    const bool tkh11815 = (tkh10802 <= attnc_iadd(tkh11807, 280));
    const bool tkh11818 = (tkh10802 <= attnc_iadd(tkh11810, 3416));
    const bool tkh11941 = ((((((((((((tkh9556 && tkh9557) && (tkh9457 <= attnc_iadd(tkh9499, 2))) && tkh10114) && tkh9574) && tkh9576) && tkh9603) && tkh9605) && tkh11809) && tkh11813) && tkh11815) && tkh11818) && (12375 < tkh10807));
    const int tkh11825 = attnc_iadd(tkh11807, tkh10807);
    const int tkh11829 = attnc_iadd(tkh11810, tkh10807);
    const int tkh11832 = attnc_imul(3136, tkh9457);
    const int tkh11842 = attnc_iadd(tkh11832, tkh10802);
    const int tkh11848 = attnc_imul(3136, tkh9503);
    const int tkh11849 = attnc_iadd(tkh11848, tkh10807);
    const bool tkh11851 = (0 <= attnc_iadd(tkh11849, 168));
    const bool tkh11853 = (0 <= attnc_iadd(tkh11849, 112));
    const bool tkh11855 = (0 <= attnc_iadd(tkh11849, 336));
    const bool tkh11953 = ((((((((((((tkh11941 && (12431 < tkh10807)) && (12207 < tkh10807)) && (attnc_iadd(tkh10802, 15343) < tkh11825)) && (attnc_iadd(tkh10802, 12207) < tkh11829)) && (tkh11832 <= attnc_iadd(tkh10807, 9576))) && (tkh11832 <= attnc_iadd(tkh10807, 9520))) && (tkh11832 <= attnc_iadd(tkh10807, 9744))) && (tkh11842 <= attnc_iadd(tkh11825, 6608))) && (tkh11842 <= attnc_iadd(tkh11829, 9744))) && tkh11851) && tkh11853) && tkh11855);
    const int tkh11859 = attnc_iadd(tkh10802, 2799);
    const bool tkh11860 = (tkh11859 < attnc_iadd(attnc_iadd(tkh11807, tkh11848), tkh10807));
    const bool tkh11864 = (tkh10802 <= attnc_iadd(attnc_iadd(attnc_iadd(tkh11848, tkh11810), tkh10807), 336));
    const int tkh11865 = attnc_imul(3136, tkh9505);
    const int tkh11866 = attnc_iadd(tkh11865, tkh10807);
    const bool tkh11868 = (0 <= attnc_iadd(tkh11866, 168));
    const bool tkh11870 = (0 <= attnc_iadd(tkh11866, 112));
    const bool tkh11872 = (0 <= attnc_iadd(tkh11866, 336));
    const bool tkh11875 = (tkh11859 < attnc_iadd(attnc_iadd(tkh11807, tkh11865), tkh10807));
    const bool tkh11879 = (tkh10802 <= attnc_iadd(attnc_iadd(attnc_iadd(tkh11865, tkh11810), tkh10807), 336));
    const int tkh10161 = attnc_iadd(tkh10159, qhi);
    const int tkh11882 = attnc_iadd(tkh11003, qhi);
    const bool tkh11883 = (52 < tkh11882);
    const int tkh11884 = attnc_iadd(tkh11089, qhi);
    const bool tkh11885 = (52 < tkh11884);
    const bool tkh11887 = (tkh10159 <= attnc_iadd(p.KV_LEN, 391));
    const bool tkh11966 = (((((((((((((tkh11953 && tkh11860) && tkh11864) && tkh11868) && tkh11870) && tkh11872) && tkh11875) && tkh11879) && tkh10866) && tkh10884) && (276 < tkh10161)) && tkh11883) && tkh11885) && tkh11887);
    const bool tkh11892 = (tkh10159 <= attnc_iadd(p.KV_LEN, 390));
    const bool tkh11897 = (tkh10159 <= attnc_iadd(p.KV_LEN, 394));
    const bool tkh11977 = (((((((((((tkh11966 && (tkh10159 <= attnc_iadd(qhi, 507))) && tkh11002) && tkh11088) && tkh11892) && (tkh10159 <= attnc_iadd(qhi, 506))) && tkh11037) && tkh11122) && tkh11897) && (tkh10159 <= attnc_iadd(qhi, 510))) && tkh11069) && tkh11150);
    const int tkh10271 = attnc_iadd(tkh10159, qlo);
    const int tkh11901 = attnc_iadd(tkh10867, p.KV_LEN);
    const bool tkh11903 = (tkh10271 <= attnc_iadd(tkh11901, 338));
    const int tkh11904 = attnc_iadd(tkh10867, qhi);
    const int tkh11910 = attnc_iadd(tkh11006, qhi);
    const bool tkh11912 = (qlo <= attnc_iadd(tkh11910, 286));
    const int tkh11913 = attnc_iadd(tkh11092, qhi);
    const bool tkh11915 = (qlo <= attnc_iadd(tkh11913, 286));
    const int tkh11916 = attnc_iadd(tkh10871, p.KV_LEN);
    const bool tkh11918 = (tkh10271 <= attnc_iadd(tkh11916, 394));
    const int tkh11919 = attnc_iadd(tkh10871, qhi);
    const int tkh11924 = attnc_iadd(tkh11010, qhi);
    const bool tkh11926 = (qlo <= attnc_iadd(tkh11924, 342));
    const bool tkh11990 = (((((((((((((tkh11977 && tkh11903) && tkh10903) && tkh10917) && (qlo <= attnc_iadd(tkh11904, 62))) && (tkh10271 <= attnc_iadd(tkh11904, 454))) && tkh11912) && tkh11915) && tkh11918) && tkh10905) && tkh10920) && (qlo <= attnc_iadd(tkh11919, 118))) && (tkh10271 <= attnc_iadd(tkh11919, 510))) && tkh11926);
    const int tkh11927 = attnc_iadd(tkh11095, qhi);
    const bool tkh11929 = (qlo <= attnc_iadd(tkh11927, 342));
    const int tkh12011 = min(tkh11721, tkh10165);
    const int tkh12009 = attnc_isub(tkh11882, 53);
    const int tkh12010 = attnc_isub(tkh11884, 53);
    const bool tkh12017 = (tkh10159 <= attnc_iadd(p.KV_LEN, 342));
    const int tkh12036 = min(tkh11779, tkh11638);
    const bool tkh9492 = (6 < tkh9457);
    const bool tkh10182 = (0 <= attnc_iadd(tkh9503, 3));
    const bool tkh10188 = (0 <= attnc_iadd(tkh9505, 3));
    const bool tkh12041 = (tkh10802 <= 12656);
    const bool tkh12043 = (tkh10802 <= 12824);
    const bool tkh12072 = (((((((((((((tkh9492 && tkh10182) && tkh9574) && tkh9576) && tkh10188) && tkh9603) && tkh9605) && tkh12041) && tkh11809) && tkh11813) && tkh12043) && tkh11815) && tkh11818) && tkh11851);
    const bool tkh12045 = (tkh10802 <= attnc_iadd(tkh11849, 9744));
    const bool tkh12047 = (tkh10802 <= attnc_iadd(tkh11866, 9744));
    const bool tkh12085 = (((((((((((((tkh12072 && tkh11853) && tkh11855) && tkh12045) && tkh11860) && tkh11864) && tkh11868) && tkh11870) && tkh11872) && tkh12047) && tkh11875) && tkh11879) && tkh11002) && tkh11088);
    const bool tkh9349 = (1 < p.KV_LEN);
    const bool tkh12049 = (qlo <= 562);
    const bool tkh12051 = (qlo <= 565);
    const bool tkh12053 = (qlo <= attnc_iadd(tkh10999, 510));
    const bool tkh12055 = (qlo <= attnc_iadd(tkh11086, 510));
    const int tkh12056 = attnc_iadd(qlo, 53);
    const bool tkh12057 = (tkh12056 < tkh11901);
    const bool tkh12098 = (((((((((((((tkh12085 && tkh9349) && tkh11037) && tkh11122) && tkh11069) && tkh11150) && tkh10898) && tkh12049) && tkh12051) && tkh12053) && tkh12055) && tkh12057) && tkh10903) && tkh10917);
    const bool tkh12059 = (qlo <= attnc_iadd(tkh11916, 2));
    const int tkh12113 = min(tkh23, 391);
    const int tkh12116 = min(min(min(tkh12113, 394), tkh11001), tkh11087);
    const int tkh12491 = max(max(max(max(max(max((((((tkh11590 && (0 <= attnc_iadd(tkh11266, 453))) && (0 <= attnc_iadd(tkh11269, 453))) && (0 <= attnc_iadd(tkh11272, 453))) && (0 <= attnc_iadd(tkh11275, 453))) ? min(tkh11650, tkh10895) : (-1)), (((((tkh11711 && tkh11085) && tkh11091) && (0 <= attnc_iadd(tkh11678, 335))) && tkh11097) ? min(min(tkh11721, tkh11661), tkh10873) : (-1))), (((((tkh11769 && tkh11677) && tkh11683) && tkh11091) && tkh11097) ? min(min(min(tkh11779, tkh11728), tkh11638), tkh10873) : (-1))), ((tkh11990 && tkh11929) ? min(min(min(min(tkh12011, attnc_isub(tkh10161, 277)), attnc_iadd(qhi, 115)), tkh12009), tkh12010) : (-1))), (((((((((tkh10050 && tkh9557) && (tkh9457 <= attnc_iadd(tkh9517, 2))) && tkh10114) && tkh10052) && tkh9605) && tkh10866) && tkh12017) && tkh11887) ? tkh11721 : (-1))), (((((((tkh9557 && tkh10114) && tkh10081) && tkh9605) && tkh11726) && tkh10866) && tkh11887) ? tkh12036 : (-1))), ((((((((tkh12098 && tkh11912) && tkh11915) && tkh12059) && tkh10905) && tkh10920) && tkh11926) && tkh11929) ? tkh12116 : (-1)));
    const bool tkh12117 = (49 < p.KV_LEN);
    const bool tkh10226 = (0 <= attnc_iadd(tkh10019, 3));
    const int tkh12127 = min(min(tkh23, 342), 391);
    const bool tkh9493 = (!tkh9492);
    const bool tkh12164 = (tkh9492 && tkh9493);
    const bool tkh10426 = (0 < tkh9457);
    const bool tkh12177 = (((((((((((((tkh12164 && tkh10182) && tkh9574) && tkh9576) && tkh10188) && tkh9603) && tkh9605) && tkh10426) && tkh12041) && tkh11809) && tkh11813) && tkh12043) && tkh11815) && tkh11818);
    const bool tkh12190 = (((((((((((((tkh12177 && tkh11851) && tkh11853) && tkh11855) && tkh12045) && tkh11860) && tkh11864) && tkh11868) && tkh11870) && tkh11872) && tkh12047) && tkh11875) && tkh11879) && tkh10866);
    const bool tkh12203 = (((((((((((((tkh12190 && tkh10884) && tkh11883) && tkh11885) && tkh9349) && (1 < tkh10159)) && (0 <= attnc_iadd(tkh10159, 1))) && (53 < tkh11882)) && (53 < tkh11884)) && tkh10884) && (0 <= attnc_iadd(tkh10159, 5))) && (49 < tkh11882)) && (49 < tkh11884)) && tkh10898);
    const int tkh12141 = attnc_iadd(tkh10867, tkh10159);
    const int tkh12147 = attnc_iadd(qlo, 105);
    const int tkh12152 = attnc_iadd(tkh10159, tkh10871);
    const int tkh12159 = attnc_iadd(qlo, 49);
    const bool tkh12216 = (((((((((((((tkh12203 && tkh10900) && tkh10914) && (qlo <= attnc_iadd(tkh11882, 118))) && (qlo <= attnc_iadd(tkh11884, 118))) && tkh12057) && (tkh12056 < tkh12141)) && (attnc_iadd(qlo, 50) < tkh12141)) && (tkh12147 < attnc_iadd(attnc_iadd(tkh11006, tkh10159), qhi))) && (tkh12147 < attnc_iadd(attnc_iadd(tkh11092, tkh10159), qhi))) && tkh12059) && (qlo <= attnc_iadd(tkh12152, 2))) && (qlo <= attnc_iadd(tkh12152, 5))) && (tkh12159 < attnc_iadd(attnc_iadd(tkh11003, tkh10871), qhi)));
    const int tkh12219 = min(min(tkh12011, tkh12009), tkh12010);
    const bool tkh12288 = (tkh9493 && tkh9492);
    const bool tkh10421 = (tkh9457 <= 13);
    const bool tkh12301 = (((((((((((((tkh12288 && tkh10182) && tkh9574) && tkh9576) && tkh10188) && tkh9603) && tkh9605) && tkh10421) && tkh12041) && tkh11809) && tkh11813) && tkh12043) && tkh11815) && tkh11818);
    const bool tkh12314 = (((((((((((((tkh12301 && tkh11851) && tkh11853) && tkh11855) && tkh12045) && tkh11860) && tkh11864) && tkh11868) && tkh11870) && tkh11872) && tkh12047) && tkh11875) && tkh11879) && tkh11002);
    const bool tkh12235 = (tkh10159 <= 783);
    const bool tkh12237 = (tkh10159 <= 786);
    const bool tkh12327 = (((((((((((((tkh12314 && tkh11088) && tkh11887) && tkh12235) && tkh12237) && (tkh10159 <= attnc_iadd(tkh10999, 731))) && (tkh10159 <= attnc_iadd(tkh11086, 731))) && tkh11892) && (tkh10159 <= 782)) && (tkh10159 <= 785)) && (tkh10159 <= attnc_iadd(tkh10999, 730))) && (tkh10159 <= attnc_iadd(tkh11086, 730))) && tkh11897) && tkh12237);
    const bool tkh12260 = (tkh10271 <= attnc_iadd(p.KV_LEN, 562));
    const bool tkh12339 = ((((((((((((tkh12327 && (tkh10159 <= 789)) && (tkh10159 <= attnc_iadd(tkh10999, 734))) && (tkh10159 <= attnc_iadd(tkh11086, 734))) && tkh12260) && (tkh10271 <= 954)) && (tkh10271 <= 957)) && (tkh10271 <= attnc_iadd(tkh10999, 902))) && (tkh10271 <= attnc_iadd(tkh11086, 902))) && tkh11903) && (tkh10271 <= attnc_iadd(tkh10867, 730))) && (tkh10271 <= attnc_iadd(tkh10867, 733))) && (tkh10271 <= attnc_iadd(tkh11910, 678)));
    const bool tkh12351 = (tkh10159 <= 734);
    const int tkh12499 = max(max(max(max(max(max(max(max(tkh12491, (((((tkh9492 && tkh10188) && tkh10052) && tkh9605) && tkh12117) ? tkh12113 : (-1))), (((((tkh9492 && tkh10226) && tkh10081) && tkh10188) && tkh9605) ? tkh12127 : (-1))), ((tkh12216 && (tkh12159 < attnc_iadd(attnc_iadd(tkh11089, tkh10871), qhi))) ? tkh12219 : (-1))), ((((((((tkh12164 && tkh10188) && tkh10052) && tkh9605) && tkh10426) && tkh10866) && tkh12117) && tkh11726) ? tkh11721 : (-1))), ((((((((tkh12164 && tkh10226) && tkh10081) && tkh10188) && tkh9605) && tkh10426) && tkh11726) && tkh10866) ? tkh12036 : (-1))), (((((((tkh12339 && (tkh10271 <= attnc_iadd(tkh11913, 678))) && tkh11918) && (tkh10271 <= attnc_iadd(tkh10871, 786))) && (tkh10271 <= attnc_iadd(tkh10871, 789))) && (tkh10271 <= attnc_iadd(tkh11924, 734))) && (tkh10271 <= attnc_iadd(tkh11927, 734))) ? tkh12116 : (-1))), (((((((((tkh12288 && tkh10188) && tkh10052) && tkh9605) && tkh10421) && tkh12017) && tkh12351) && tkh11887) && tkh12235) ? tkh12113 : (-1))), (((((((((tkh12288 && tkh10226) && tkh10081) && tkh10188) && tkh9605) && tkh10421) && tkh11887) && tkh12351) && tkh12235) ? tkh12127 : (-1)));
    const bool tkh12380 = (((((((((((((tkh9493 && tkh10182) && tkh9574) && tkh9576) && tkh10188) && tkh9603) && tkh9605) && tkh12041) && tkh11809) && tkh11813) && tkh12043) && tkh11815) && tkh11818) && tkh11851);
    const bool tkh12393 = (((((((((((((tkh12380 && tkh11853) && tkh11855) && tkh12045) && tkh11860) && tkh11864) && tkh11868) && tkh11870) && tkh11872) && tkh12047) && tkh11875) && tkh11879) && tkh10866) && tkh10884);
    const bool tkh12406 = (((((((((((((tkh12393 && tkh11883) && tkh11885) && tkh11887) && tkh11002) && tkh11088) && tkh11892) && tkh11037) && tkh11122) && tkh11897) && tkh11069) && tkh11150) && tkh12260) && tkh12049);
    const bool tkh12419 = (((((((((((((tkh12406 && tkh12051) && tkh12053) && tkh12055) && tkh11903) && tkh10903) && tkh10917) && tkh11912) && tkh11915) && tkh11918) && tkh10905) && tkh10920) && tkh11926) && tkh11929);
    hi = max(max(max(tkh12499, (tkh12419 ? tkh12219 : (-1))), (((((((tkh9493 && tkh10188) && tkh10052) && tkh9605) && tkh10866) && tkh12017) && tkh11887) ? tkh11721 : (-1))), ((((((((tkh9493 && tkh10226) && tkh10081) && tkh10188) && tkh9605) && tkh11726) && tkh10866) && tkh11887) ? tkh12036 : (-1)));
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
