// attnc: swin_window_bias (softmax) — generated CUDA C++, do not edit.
// Build: nvcc -O3 -std=c++17 -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a -gencode=arch=compute_80,code=compute_80 -c swin_window_bias.cu
// Entry point and error codes: swin_window_bias.h. Tile plans: ATTNC_D<dim>_* macros below.
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

namespace attnc_swin_window_bias {

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
  int tr15663;
  int tr9466;
  int tr15666;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr9455 = attnc_idiv(q, 56);
  const int tr15663 = attnc_idiv(tr9455, 7);
  const int tr9466 = attnc_imod(q, 56);
  const int tr15666 = attnc_idiv(tr9466, 7);
  return RowCtx{tr9455, tr15663, tr9466, tr15666};
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
  const int tr15663 = rc.tr15663;
  const int tr15666 = rc.tr15666;
  return ((tr15663 == attnc_idiv(attnc_idiv(kv, 56), 7)) && (tr15666 == attnc_idiv(attnc_imod(kv, 56), 7)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  const int tr9455 = rc.tr9455;
  const int tr9466 = rc.tr9466;
  return (s + attnc_load_bias(p, h, attnc_iadd(attnc_imul(attnc_isub(attnc_iadd(attnc_isub(tr9455, attnc_idiv(kv, 56)), 7), 1), 13), attnc_isub(attnc_iadd(attnc_isub(tr9466, attnc_imod(kv, 56)), 7), 1))));
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca15678 = attnc_idiv(attnc_isub(6, kvlo), 7);
  const int tca15672 = attnc_idiv(qhi, 7);
  const int tca15684 = attnc_idiv(attnc_iadd(tca15678, tca15672), 8);
  const int tca15671 = attnc_idiv(attnc_isub(6, qlo), 7);
  const int tca15676 = attnc_idiv(attnc_iadd(tca15671, 7), 8);
  const int tca15760 = attnc_iadd(tca15684, tca15676);
  const int tca15762 = attnc_idiv(attnc_iadd(tca15760, 6), 7);
  const int tca15735 = attnc_idiv(attnc_iadd(tca15684, 6), 7);
  const int tca16159 = attnc_iadd(tca15762, tca15735);
  const int tca15679 = attnc_idiv(kvhi, 7);
  const int tca15681 = attnc_idiv(attnc_iadd(tca15671, tca15679), 8);
  const int tca15706 = attnc_idiv(attnc_iadd(tca15681, 6), 7);
  const int tca16189 = attnc_iadd(tca16159, tca15706);
  const int tca15677 = attnc_idiv(tca15672, 8);
  const int tca15709 = attnc_iadd(tca15681, tca15677);
  const int tca15710 = attnc_idiv(tca15709, 7);
  const int tca9510 = attnc_idiv(qhi, 56);
  const int tca15708 = attnc_idiv(attnc_iadd(tca15681, tca9510), 7);
  const int tca15682 = attnc_idiv(tca15679, 8);
  const int tca15704 = attnc_idiv(tca15682, 7);
  const int tca9496 = attnc_idiv(kvhi, 56);
  const int tca15703 = attnc_idiv(tca9496, 7);
  const int tca9505 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tca15746 = attnc_iadd(tca15684, tca9505);
  const int tca15748 = attnc_idiv(attnc_iadd(tca15746, 6), 7);
  const int tca16108 = attnc_iadd(tca15748, tca15735);
  const int tca16138 = attnc_iadd(tca16108, tca15706);
  const int tca15686 = attnc_idiv(attnc_iadd(tca15678, 7), 8);
  const int tca15722 = attnc_idiv(attnc_iadd(tca15686, 6), 7);
  const int tca16057 = attnc_iadd(tca15722, tca15735);
  const int tca16087 = attnc_iadd(tca16057, tca15706);
  const bool tca16208 = ((((((((((((0 <= attnc_iadd(tca16189, tca15710)) && (0 <= attnc_iadd(tca16189, tca15708))) && (0 <= attnc_iadd(tca16189, tca15704))) && (0 <= attnc_iadd(tca16189, tca15703))) && (0 <= attnc_iadd(tca16138, tca15710))) && (0 <= attnc_iadd(tca16138, tca15708))) && (0 <= attnc_iadd(tca16138, tca15704))) && (0 <= attnc_iadd(tca16138, tca15703))) && (0 <= attnc_iadd(tca16087, tca15710))) && (0 <= attnc_iadd(tca16087, tca15708))) && (0 <= attnc_iadd(tca16087, tca15704))) && (0 <= attnc_iadd(tca16087, tca15703)));
  const int tca15792 = attnc_iadd(tca15735, tca15706);
  const int tca9495 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tca15711 = attnc_idiv(attnc_iadd(tca9495, 6), 7);
  const int tca16034 = attnc_iadd(tca15792, tca15711);
  const int tca15767 = attnc_iadd(tca15760, tca15681);
  const int tca15701 = attnc_iadd(tca15684, tca15681);
  const int tca15744 = attnc_iadd(tca15701, tca15677);
  const int tca15753 = attnc_iadd(tca15701, tca9505);
  const int tca15769 = attnc_idiv(attnc_iadd(tca15767, 6), 7);
  const int tca15977 = attnc_iadd(tca15769, tca15735);
  const bool tca16218 = ((((((((((tca16208 && (0 <= attnc_iadd(attnc_iadd(tca15792, tca15710), tca15711))) && (0 <= attnc_iadd(attnc_iadd(tca15792, tca15708), tca15711))) && (0 <= attnc_iadd(tca16034, tca15704))) && (0 <= attnc_iadd(tca16034, tca15703))) && (0 <= attnc_iadd(tca15767, tca15677))) && (0 <= attnc_iadd(tca15767, tca9510))) && (0 <= attnc_iadd(tca15744, tca9505))) && (0 <= attnc_iadd(tca15753, tca9510))) && (0 <= attnc_iadd(tca15977, tca15710))) && (0 <= attnc_iadd(tca15977, tca15708)));
  const int tca15755 = attnc_idiv(attnc_iadd(tca15753, 6), 7);
  const int tca15948 = attnc_iadd(tca15755, tca15735);
  const int tca15727 = attnc_iadd(tca15686, tca15681);
  const int tca15729 = attnc_idiv(attnc_iadd(tca15727, 6), 7);
  const int tca15919 = attnc_iadd(tca15729, tca15735);
  const int tca15745 = attnc_idiv(tca15744, 7);
  const int tca16157 = attnc_iadd(tca15762, tca15745);
  const bool tca16229 = (((((((((((tca16218 && (0 <= attnc_iadd(tca15977, tca15704))) && (0 <= attnc_iadd(tca15977, tca15703))) && (0 <= attnc_iadd(tca15948, tca15710))) && (0 <= attnc_iadd(tca15948, tca15708))) && (0 <= attnc_iadd(tca15948, tca15704))) && (0 <= attnc_iadd(tca15948, tca15703))) && (0 <= attnc_iadd(tca15919, tca15710))) && (0 <= attnc_iadd(tca15919, tca15708))) && (0 <= attnc_iadd(tca15919, tca15704))) && (0 <= attnc_iadd(tca15919, tca15703))) && (0 <= attnc_iadd(tca16157, tca15706)));
  const int tca15743 = attnc_idiv(attnc_iadd(tca15701, tca9510), 7);
  const int tca16155 = attnc_iadd(tca15762, tca15743);
  const int tca15738 = attnc_iadd(tca15684, tca15682);
  const int tca15739 = attnc_idiv(tca15738, 7);
  const int tca16153 = attnc_iadd(tca15762, tca15739);
  const int tca15737 = attnc_idiv(attnc_iadd(tca15684, tca9496), 7);
  const int tca16151 = attnc_iadd(tca15762, tca15737);
  const int tca16168 = attnc_iadd(tca15762, tca15706);
  const int tca15690 = attnc_idiv(tca15677, 7);
  const bool tca16240 = (((((((((((tca16229 && (0 <= attnc_iadd(tca16155, tca15706))) && (0 <= attnc_iadd(tca16159, tca15710))) && (0 <= attnc_iadd(tca16159, tca15708))) && (0 <= attnc_iadd(tca16159, tca15704))) && (0 <= attnc_iadd(tca16159, tca15703))) && (0 <= attnc_iadd(tca16153, tca15706))) && (0 <= attnc_iadd(tca16151, tca15706))) && (0 <= attnc_iadd(tca16168, tca15710))) && (0 <= attnc_iadd(tca16168, tca15708))) && (0 <= attnc_iadd(tca16168, tca15704))) && (0 <= attnc_iadd(tca16168, tca15690)));
  const int tca15689 = attnc_idiv(tca9510, 7);
  const int tca16106 = attnc_iadd(tca15745, tca15748);
  const int tca16055 = attnc_iadd(tca15745, tca15722);
  const int tca16104 = attnc_iadd(tca15743, tca15748);
  const int tca16053 = attnc_iadd(tca15743, tca15722);
  const bool tca16251 = (((((((((((tca16240 && (0 <= attnc_iadd(tca16168, tca15703))) && (0 <= attnc_iadd(tca16168, tca15689))) && (0 <= attnc_iadd(tca16106, tca15706))) && (0 <= attnc_iadd(tca16055, tca15706))) && (0 <= attnc_iadd(attnc_iadd(tca15745, tca15706), tca15711))) && (0 <= attnc_iadd(tca16104, tca15706))) && (0 <= attnc_iadd(tca16053, tca15706))) && (0 <= attnc_iadd(attnc_iadd(tca15743, tca15706), tca15711))) && (0 <= attnc_iadd(tca16108, tca15710))) && (0 <= attnc_iadd(tca16108, tca15708))) && (0 <= attnc_iadd(tca16108, tca15704)));
  const int tca16102 = attnc_iadd(tca15748, tca15739);
  const int tca16100 = attnc_iadd(tca15748, tca15737);
  const int tca16117 = attnc_iadd(tca15748, tca15706);
  const int tca15714 = attnc_iadd(tca15681, tca9495);
  const int tca15716 = attnc_idiv(attnc_iadd(tca15714, 6), 7);
  const int tca15890 = attnc_iadd(tca15716, tca15735);
  const bool tca16262 = (((((((((((tca16251 && (0 <= attnc_iadd(tca16108, tca15703))) && (0 <= attnc_iadd(tca16102, tca15706))) && (0 <= attnc_iadd(tca16100, tca15706))) && (0 <= attnc_iadd(tca16117, tca15710))) && (0 <= attnc_iadd(tca16117, tca15708))) && (0 <= attnc_iadd(tca16117, tca15704))) && (0 <= attnc_iadd(tca16117, tca15690))) && (0 <= attnc_iadd(tca16117, tca15703))) && (0 <= attnc_iadd(tca16117, tca15689))) && (0 <= attnc_iadd(tca15890, tca15710))) && (0 <= attnc_iadd(tca15890, tca15708)));
  const int tca16051 = attnc_iadd(tca15722, tca15739);
  const int tca16049 = attnc_iadd(tca15722, tca15737);
  const int tca16066 = attnc_iadd(tca15722, tca15706);
  const bool tca16273 = (((((((((((tca16262 && (0 <= attnc_iadd(tca15890, tca15704))) && (0 <= attnc_iadd(tca15890, tca15703))) && (0 <= attnc_iadd(tca16057, tca15710))) && (0 <= attnc_iadd(tca16057, tca15708))) && (0 <= attnc_iadd(tca16057, tca15704))) && (0 <= attnc_iadd(tca16057, tca15703))) && (0 <= attnc_iadd(tca16051, tca15706))) && (0 <= attnc_iadd(tca16049, tca15706))) && (0 <= attnc_iadd(tca16066, tca15710))) && (0 <= attnc_iadd(tca16066, tca15708))) && (0 <= attnc_iadd(tca16066, tca15704)));
  const int tca15696 = attnc_idiv(attnc_iadd(tca15676, 6), 7);
  const int tca15861 = attnc_iadd(tca15735, tca15696);
  const int tca15838 = attnc_iadd(tca15735, tca15710);
  const int tca15692 = attnc_idiv(attnc_iadd(tca9505, 6), 7);
  const int tca15835 = attnc_iadd(tca15735, tca15708);
  const bool tca16284 = (((((((((((tca16273 && (0 <= attnc_iadd(tca16066, tca15690))) && (0 <= attnc_iadd(tca16066, tca15703))) && (0 <= attnc_iadd(tca16066, tca15689))) && (0 <= attnc_iadd(tca15861, tca15710))) && (0 <= attnc_iadd(tca15861, tca15708))) && (0 <= attnc_iadd(tca15861, tca15704))) && (0 <= attnc_iadd(tca15861, tca15703))) && (0 <= attnc_iadd(tca15838, tca15711))) && (0 <= attnc_iadd(tca15838, tca15692))) && (0 <= attnc_iadd(tca15835, tca15711))) && (0 <= attnc_iadd(tca15835, tca15692)));
  const int tca15998 = attnc_iadd(tca15735, tca15711);
  const int tca15830 = attnc_iadd(tca15735, tca15692);
  const int tca16007 = attnc_iadd(tca15706, tca15711);
  const bool tca16295 = (((((((((((tca16284 && (0 <= attnc_iadd(tca15998, tca15704))) && (0 <= attnc_iadd(tca15998, tca15703))) && (0 <= attnc_iadd(tca15830, tca15704))) && (0 <= attnc_iadd(tca15830, tca15703))) && (0 <= attnc_iadd(attnc_iadd(tca15739, tca15706), tca15711))) && (0 <= attnc_iadd(attnc_iadd(tca15737, tca15706), tca15711))) && (0 <= attnc_iadd(attnc_iadd(tca15706, tca15710), tca15711))) && (0 <= attnc_iadd(attnc_iadd(tca15706, tca15708), tca15711))) && (0 <= attnc_iadd(tca16007, tca15704))) && (0 <= attnc_iadd(tca16007, tca15690))) && (0 <= attnc_iadd(tca16007, tca15703)));
  const bool tca16306 = (((((((((((tca16295 && (0 <= attnc_iadd(tca16007, tca15689))) && (0 <= attnc_iadd(tca15727, tca15677))) && (0 <= attnc_iadd(tca15727, tca9510))) && (0 <= attnc_iadd(tca15760, tca15682))) && (0 <= attnc_iadd(tca15760, tca9496))) && (0 <= attnc_iadd(tca15701, 6))) && (0 <= attnc_iadd(tca15738, tca9505))) && (0 <= attnc_iadd(tca15746, tca9496))) && (0 <= attnc_iadd(tca15709, tca9495))) && (0 <= attnc_iadd(tca15714, tca9510))) && (0 <= attnc_iadd(tca15769, tca15745)));
  const bool tca16317 = (((((((((((tca16306 && (0 <= attnc_iadd(tca15769, tca15743))) && (0 <= attnc_iadd(tca15769, tca15739))) && (0 <= attnc_iadd(tca15769, tca15737))) && (0 <= attnc_iadd(tca15769, tca15710))) && (0 <= attnc_iadd(tca15769, tca15708))) && (0 <= attnc_iadd(tca15769, tca15704))) && (0 <= attnc_iadd(tca15769, tca15690))) && (0 <= attnc_iadd(tca15769, tca15703))) && (0 <= attnc_iadd(tca15769, tca15689))) && (0 <= attnc_iadd(tca15755, tca15745))) && (0 <= attnc_iadd(tca15755, tca15743)));
  const bool tca16328 = (((((((((((tca16317 && (0 <= attnc_iadd(tca15755, tca15739))) && (0 <= attnc_iadd(tca15755, tca15737))) && (0 <= attnc_iadd(tca15755, tca15710))) && (0 <= attnc_iadd(tca15755, tca15708))) && (0 <= attnc_iadd(tca15755, tca15704))) && (0 <= attnc_iadd(tca15755, tca15690))) && (0 <= attnc_iadd(tca15755, tca15703))) && (0 <= attnc_iadd(tca15755, tca15689))) && (0 <= attnc_iadd(tca15729, tca15745))) && (0 <= attnc_iadd(tca15729, tca15743))) && (0 <= attnc_iadd(tca15729, tca15739)));
  const bool tca16339 = (((((((((((tca16328 && (0 <= attnc_iadd(tca15729, tca15737))) && (0 <= attnc_iadd(tca15729, tca15710))) && (0 <= attnc_iadd(tca15729, tca15708))) && (0 <= attnc_iadd(tca15729, tca15704))) && (0 <= attnc_iadd(tca15729, tca15690))) && (0 <= attnc_iadd(tca15729, tca15703))) && (0 <= attnc_iadd(tca15729, tca15689))) && (0 <= tca16157)) && (0 <= tca16155)) && (0 <= tca16153)) && (0 <= tca16151));
  const bool tca16350 = (((((((((((tca16339 && (0 <= attnc_iadd(tca15762, tca15710))) && (0 <= attnc_iadd(tca15762, tca15708))) && (0 <= attnc_iadd(tca15762, tca15704))) && (0 <= attnc_iadd(tca15762, tca15690))) && (0 <= attnc_iadd(tca15762, tca15703))) && (0 <= attnc_iadd(tca15762, tca15689))) && (0 <= tca16106)) && (0 <= attnc_iadd(tca15745, tca15716))) && (0 <= tca16055)) && (0 <= attnc_iadd(tca15745, tca15696))) && (0 <= attnc_iadd(tca15745, tca15711)));
  const bool tca16361 = (((((((((((tca16350 && (0 <= attnc_iadd(tca15745, tca15692))) && (0 <= tca16104)) && (0 <= attnc_iadd(tca15743, tca15716))) && (0 <= tca16053)) && (0 <= attnc_iadd(tca15743, tca15696))) && (0 <= attnc_iadd(tca15743, tca15711))) && (0 <= attnc_iadd(tca15743, tca15692))) && (0 <= tca16102)) && (0 <= tca16100)) && (0 <= attnc_iadd(tca15748, tca15710))) && (0 <= attnc_iadd(tca15748, tca15708)));
  const bool tca16372 = (((((((((((tca16361 && (0 <= attnc_iadd(tca15748, tca15704))) && (0 <= attnc_iadd(tca15748, tca15690))) && (0 <= attnc_iadd(tca15748, tca15703))) && (0 <= attnc_iadd(tca15748, tca15689))) && (0 <= attnc_iadd(tca15716, tca15739))) && (0 <= attnc_iadd(tca15716, tca15737))) && (0 <= attnc_iadd(tca15716, tca15710))) && (0 <= attnc_iadd(tca15716, tca15708))) && (0 <= attnc_iadd(tca15716, tca15704))) && (0 <= attnc_iadd(tca15716, tca15690))) && (0 <= attnc_iadd(tca15716, tca15703)));
  const bool tca16383 = (((((((((((tca16372 && (0 <= attnc_iadd(tca15716, tca15689))) && (0 <= tca16051)) && (0 <= tca16049)) && (0 <= attnc_iadd(tca15722, tca15710))) && (0 <= attnc_iadd(tca15722, tca15708))) && (0 <= attnc_iadd(tca15722, tca15704))) && (0 <= attnc_iadd(tca15722, tca15690))) && (0 <= attnc_iadd(tca15722, tca15703))) && (0 <= attnc_iadd(tca15722, tca15689))) && (0 <= tca15792)) && (0 <= attnc_iadd(tca15739, tca15696)));
  const bool tca16394 = (((((((((((tca16383 && (0 <= attnc_iadd(tca15739, tca15711))) && (0 <= attnc_iadd(tca15739, tca15692))) && (0 <= attnc_iadd(tca15737, tca15696))) && (0 <= attnc_iadd(tca15737, tca15711))) && (0 <= attnc_iadd(tca15737, tca15692))) && (0 <= attnc_iadd(tca15696, tca15710))) && (0 <= attnc_iadd(tca15696, tca15708))) && (0 <= attnc_iadd(tca15696, tca15704))) && (0 <= attnc_iadd(tca15696, tca15690))) && (0 <= attnc_iadd(tca15696, tca15703))) && (0 <= attnc_iadd(tca15696, tca15689)));
  const bool tca16405 = (((((((((((tca16394 && (0 <= attnc_iadd(tca15710, tca15711))) && (0 <= attnc_iadd(tca15710, tca15692))) && (0 <= attnc_iadd(tca15708, tca15711))) && (0 <= attnc_iadd(tca15708, tca15692))) && (0 <= attnc_iadd(tca15711, tca15704))) && (0 <= attnc_iadd(tca15711, tca15690))) && (0 <= attnc_iadd(tca15711, tca15703))) && (0 <= attnc_iadd(tca15711, tca15689))) && (0 <= attnc_iadd(tca15692, tca15704))) && (0 <= attnc_iadd(tca15692, tca15690))) && (0 <= attnc_iadd(tca15692, tca15703)));
  const bool tca16416 = (((((((((((tca16405 && (0 <= attnc_iadd(tca15692, tca15689))) && (0 <= attnc_iadd(tca15686, tca15682))) && (0 <= attnc_iadd(tca15686, tca9496))) && (0 <= tca15701)) && (0 <= attnc_iadd(tca15676, tca15677))) && (0 <= attnc_iadd(tca15676, tca9510))) && (0 <= attnc_iadd(tca15682, tca9495))) && (0 <= attnc_iadd(tca15677, tca9505))) && (0 <= attnc_iadd(tca9495, tca9496))) && (0 <= attnc_iadd(tca9505, tca9510))) && (0 <= attnc_iadd(tca15678, tca15679)));
  return (((tca16416 && (0 <= attnc_iadd(tca15671, tca15672))) && (0 <= tca15735)) && (0 <= tca15706));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf9495 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tcf15711 = attnc_idiv(attnc_iadd(tcf9495, 6), 7);
  const int tcf9496 = attnc_idiv(kvhi, 56);
  const int tcf15703 = attnc_idiv(tcf9496, 7);
  const int tcf9505 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tcf15692 = attnc_idiv(attnc_iadd(tcf9505, 6), 7);
  const int tcf9510 = attnc_idiv(qhi, 56);
  const int tcf15689 = attnc_idiv(tcf9510, 7);
  const bool tcf9522 = (0 <= attnc_iadd(tcf9495, tcf9496));
  const bool tcf9605 = (0 <= attnc_iadd(tcf9505, tcf9510));
  const bool tcf16423 = ((((0 <= attnc_iadd(tcf15711, tcf15703)) && (0 <= attnc_iadd(tcf15692, tcf15689))) && tcf9522) && tcf9605);
  const int tcf15671 = attnc_idiv(attnc_isub(6, qlo), 7);
  const int tcf15133 = attnc_imul(8, tcf9510);
  const int tcf15672 = attnc_idiv(qhi, 7);
  const int tcf15677 = attnc_idiv(tcf15672, 8);
  const int tcf16436 = attnc_iadd(attnc_imul(8, tcf15677), tcf15671);
  const int tcf15678 = attnc_idiv(attnc_isub(6, kvlo), 7);
  const int tcf15686 = attnc_idiv(attnc_iadd(tcf15678, 7), 8);
  const int tcf15679 = attnc_idiv(kvhi, 7);
  const int tcf15682 = attnc_idiv(tcf15679, 8);
  const bool tcf15726 = (0 <= attnc_iadd(tcf15686, tcf15682));
  const bool tcf15724 = (0 <= attnc_iadd(tcf15686, tcf9496));
  const int tcf15676 = attnc_idiv(attnc_iadd(tcf15671, 7), 8);
  const bool tcf15700 = (0 <= attnc_iadd(tcf15676, tcf15677));
  const bool tcf15698 = (0 <= attnc_iadd(tcf15676, tcf9510));
  const bool tcf15713 = (0 <= attnc_iadd(tcf15682, tcf9495));
  const bool tcf15694 = (0 <= attnc_iadd(tcf15677, tcf9505));
  const bool tcf15688 = (0 <= attnc_iadd(tcf15678, tcf15679));
  const bool tcf16463 = (((((((((((0 <= attnc_iadd(attnc_iadd(tcf15671, tcf15133), 6)) && (0 <= attnc_iadd(tcf16436, 6))) && tcf15726) && tcf15724) && tcf15700) && tcf15698) && tcf15713) && tcf15694) && tcf9522) && tcf9605) && tcf15688);
  const bool tcf15674 = (0 <= attnc_iadd(tcf15671, tcf15672));
  const int tcf16431 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf15671, tcf15679), tcf15133), 7), 8);
  const int tcf16439 = attnc_idiv(attnc_iadd(attnc_iadd(tcf16436, tcf15679), 7), 8);
  const int tcf16428 = attnc_idiv(attnc_iadd(tcf15679, 7), 8);
  const int tcf16472 = attnc_idiv(attnc_iadd(tcf15678, 6), 8);
  const bool tcf16508 = ((((((((((((0 <= attnc_iadd(tcf16472, tcf15682)) && (0 <= attnc_iadd(tcf16472, tcf9496))) && tcf15726) && tcf15724) && tcf15700) && tcf15698) && tcf15713) && tcf15694) && tcf9522) && tcf9605) && tcf15688) && tcf15674);
  const int tcf16477 = attnc_imul(8, tcf15676);
  const int tcf16481 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf16477, tcf15678), tcf15672), 7), 8);
  const int tcf15179 = attnc_imul(8, tcf9505);
  const int tcf16476 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf15179, tcf15678), tcf15672), 7), 8);
  return (!((((tcf16423 && (0 < attnc_iadd(tcf15692, tcf15703))) || (tcf16423 && (0 < attnc_iadd(tcf15711, tcf15689)))) || (((((((tcf16463 && tcf15674) && (0 < attnc_iadd(tcf16431, tcf15686))) && (0 < attnc_iadd(tcf16431, tcf9495))) && (0 < attnc_iadd(tcf16439, tcf15686))) && (0 < attnc_iadd(tcf16439, tcf9495))) && (0 < attnc_iadd(tcf15686, tcf16428))) && (0 < attnc_iadd(tcf16428, tcf9495)))) || ((((((tcf16508 && (0 < attnc_iadd(tcf16481, tcf15682))) && (0 < attnc_iadd(tcf16481, tcf9496))) && (0 < attnc_iadd(tcf16476, tcf15682))) && (0 < attnc_iadd(tcf16476, tcf9496))) && (0 < attnc_iadd(tcf16477, tcf15672))) && (0 < attnc_iadd(tcf15179, tcf15672)))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl15671 = attnc_idiv(attnc_isub(6, qlo), 7);
    lo = max(max(max(max(0, attnc_isub(0, attnc_iadd(attnc_imul(7, tkl15671), 336))), attnc_isub(0, attnc_iadd(attnc_imul(56, attnc_idiv(attnc_isub(55, qlo), 56)), 336))), attnc_isub(0, attnc_iadd(attnc_imul(56, attnc_idiv(attnc_iadd(tkl15671, 7), 8)), 336))), attnc_isub(0, attnc_iadd(attnc_imul(56, attnc_idiv(attnc_iadd(attnc_imul(392, tkl15671), 3080), 3136)), 336)));
  }
  {
    const int tkh15672 = attnc_idiv(qhi, 7);
    hi = min(min(min(min(attnc_isub(p.KV_LEN, 1), attnc_iadd(attnc_imul(7, tkh15672), 342)), attnc_iadd(attnc_imul(56, attnc_idiv(qhi, 56)), 391)), attnc_iadd(attnc_imul(56, attnc_idiv(tkh15672, 8)), 391)), attnc_iadd(attnc_imul(56, attnc_idiv(attnc_iadd(attnc_imul(392, tkh15672), 336), 3136)), 391));
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

}  // namespace attnc_swin_window_bias

extern "C" int attnc_swin_window_bias_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_bias, cudaStream_t stream) {
  using namespace attnc_swin_window_bias;
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

extern "C" int attnc_swin_window_bias_skeleton(int D) {
  using namespace attnc_swin_window_bias;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if (((D == 64 && sm90_plan_available(ATTNC_SM90_D64_PRODUCER)) || (D == 128 && sm90_plan_available(ATTNC_SM90_D128_PRODUCER))) && sm90_available()) return 90;
#endif
  return 80;
}
