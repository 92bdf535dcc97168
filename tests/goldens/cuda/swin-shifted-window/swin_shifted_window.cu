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
#define ATTNC_ERR_SIZE 2  /* a size is not positive, B or H exceeds 65535, or a size exceeds 268435456 (2^28) */
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
  int tr7189;
  int tr10731;
  int tr7200;
  int tr10735;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr7189 = attnc_idiv(q, 56);
  const int tr10731 = attnc_idiv(attnc_isub(tr7189, 3), 7);
  const int tr7200 = attnc_imod(q, 56);
  const int tr10735 = attnc_idiv(attnc_isub(tr7200, 3), 7);
  return RowCtx{tr7189, tr10731, tr7200, tr10735};
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
  const int tr10731 = rc.tr10731;
  const int tr10735 = rc.tr10735;
  return ((tr10731 == attnc_idiv(attnc_isub(attnc_idiv(kv, 56), 3), 7)) && (tr10735 == attnc_idiv(attnc_isub(attnc_imod(kv, 56), 3), 7)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  const int tr7189 = rc.tr7189;
  const int tr7200 = rc.tr7200;
  return (s + attnc_load_bias(p, h, attnc_iadd(attnc_imul(attnc_isub(attnc_iadd(attnc_isub(tr7189, attnc_idiv(kv, 56)), 7), 1), 13), attnc_isub(attnc_iadd(attnc_isub(tr7200, attnc_imod(kv, 56)), 7), 1))));
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca10769 = attnc_idiv(attnc_iadd(kvhi, 4), 7);
  const int tca10760 = attnc_idiv(attnc_isub(2, qlo), 7);
  const int tca10771 = attnc_idiv(attnc_iadd(tca10769, tca10760), 8);
  const int tca10762 = attnc_idiv(attnc_iadd(qhi, 4), 7);
  const int tca10767 = attnc_idiv(attnc_isub(2, kvlo), 7);
  const int tca10774 = attnc_idiv(attnc_iadd(tca10762, tca10767), 8);
  const int tca10794 = attnc_iadd(tca10771, tca10774);
  const int tca10766 = attnc_idiv(tca10762, 8);
  const int tca10849 = attnc_iadd(tca10794, tca10766);
  const int tca10765 = attnc_idiv(tca10760, 8);
  const int tca10875 = attnc_iadd(tca10794, tca10765);
  const int tca7245 = attnc_idiv(qhi, 56);
  const int tca10805 = attnc_iadd(tca10771, tca10766);
  const int tca10807 = attnc_idiv(attnc_iadd(tca10805, 4), 7);
  const int tca10866 = attnc_iadd(tca10774, tca10765);
  const int tca10868 = attnc_idiv(attnc_iadd(tca10866, 3), 7);
  const int tca10918 = attnc_iadd(tca10807, tca10868);
  const int tca10801 = attnc_idiv(attnc_iadd(tca10771, 6), 7);
  const int tca11301 = attnc_iadd(tca10918, tca10801);
  const int tca10837 = attnc_idiv(attnc_iadd(tca10774, 6), 7);
  const int tca7240 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tca10852 = attnc_iadd(tca10774, tca7240);
  const int tca10854 = attnc_idiv(attnc_iadd(tca10852, 2), 7);
  const int tca10910 = attnc_iadd(tca10807, tca10854);
  const int tca11250 = attnc_iadd(tca10910, tca10801);
  const int tca11144 = attnc_iadd(tca10807, tca10801);
  const int tca11156 = attnc_iadd(tca11144, tca10837);
  const int tca10775 = attnc_idiv(tca10767, 8);
  const int tca10820 = attnc_idiv(attnc_iadd(tca10775, 3), 7);
  const int tca7230 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tca10809 = attnc_idiv(attnc_iadd(tca7230, 2), 7);
  const int tca10804 = attnc_idiv(attnc_iadd(attnc_iadd(tca10771, tca7245), 4), 7);
  const int tca10916 = attnc_iadd(tca10804, tca10868);
  const int tca11299 = attnc_iadd(tca10916, tca10801);
  const int tca10908 = attnc_iadd(tca10804, tca10854);
  const int tca11248 = attnc_iadd(tca10908, tca10801);
  const int tca11141 = attnc_iadd(tca10804, tca10801);
  const int tca11153 = attnc_iadd(tca11141, tca10837);
  const int tca11282 = attnc_iadd(tca10868, tca10801);
  const int tca11303 = attnc_iadd(tca11282, tca10837);
  const int tca10772 = attnc_idiv(tca10769, 8);
  const int tca10799 = attnc_idiv(attnc_iadd(tca10772, 4), 7);
  const int tca7231 = attnc_idiv(kvhi, 56);
  const int tca10797 = attnc_idiv(attnc_iadd(tca7231, 4), 7);
  const int tca11231 = attnc_iadd(tca10854, tca10801);
  const int tca11252 = attnc_iadd(tca11231, tca10837);
  const int tca10902 = attnc_iadd(tca10801, tca10837);
  const int tca11150 = attnc_iadd(tca10902, tca10799);
  const int tca10859 = attnc_iadd(tca10794, tca7240);
  const int tca10827 = attnc_iadd(tca10771, tca10775);
  const int tca10841 = attnc_iadd(tca10774, tca10772);
  const int tca10851 = attnc_idiv(attnc_iadd(tca10849, 4), 7);
  const int tca11271 = attnc_iadd(tca10851, tca10868);
  const int tca11220 = attnc_iadd(tca10851, tca10854);
  const int tca11133 = attnc_iadd(tca10851, tca10801);
  const int tca10877 = attnc_idiv(attnc_iadd(tca10875, 3), 7);
  const int tca11086 = attnc_iadd(tca10877, tca10807);
  const int tca11084 = attnc_iadd(tca10877, tca10804);
  const int tca11088 = attnc_iadd(tca10877, tca10837);
  const int tca10861 = attnc_idiv(attnc_iadd(tca10859, 2), 7);
  const int tca11057 = attnc_iadd(tca10861, tca10807);
  const int tca11055 = attnc_iadd(tca10861, tca10804);
  const int tca11059 = attnc_iadd(tca10861, tca10837);
  const int tca10848 = attnc_idiv(attnc_iadd(attnc_iadd(tca10794, tca7245), 4), 7);
  const int tca11269 = attnc_iadd(tca10848, tca10868);
  const int tca11218 = attnc_iadd(tca10848, tca10854);
  const int tca11130 = attnc_iadd(tca10848, tca10801);
  const int tca10829 = attnc_idiv(attnc_iadd(tca10827, 3), 7);
  const int tca11028 = attnc_iadd(tca10807, tca10829);
  const int tca10812 = attnc_iadd(tca10771, tca7230);
  const int tca10814 = attnc_idiv(attnc_iadd(tca10812, 2), 7);
  const int tca10999 = attnc_iadd(tca10807, tca10814);
  const int tca10949 = attnc_iadd(tca10807, tca10837);
  const int tca10787 = attnc_idiv(attnc_iadd(tca10765, 3), 7);
  const int tca10783 = attnc_idiv(attnc_iadd(tca7240, 2), 7);
  const int tca11026 = attnc_iadd(tca10829, tca10804);
  const int tca11030 = attnc_iadd(tca10829, tca10837);
  const int tca10997 = attnc_iadd(tca10814, tca10804);
  const int tca11001 = attnc_iadd(tca10814, tca10837);
  const int tca10946 = attnc_iadd(tca10804, tca10837);
  const int tca10843 = attnc_idiv(attnc_iadd(tca10841, 4), 7);
  const int tca11267 = attnc_iadd(tca10843, tca10868);
  const int tca11216 = attnc_iadd(tca10843, tca10854);
  const int tca11127 = attnc_iadd(tca10843, tca10801);
  const int tca10840 = attnc_idiv(attnc_iadd(attnc_iadd(tca10774, tca7231), 4), 7);
  const int tca11265 = attnc_iadd(tca10868, tca10840);
  const int tca10781 = attnc_idiv(attnc_iadd(tca10766, 4), 7);
  const int tca10779 = attnc_idiv(attnc_iadd(tca7245, 4), 7);
  const int tca11273 = attnc_iadd(tca10868, tca10837);
  const int tca11214 = attnc_iadd(tca10854, tca10840);
  const int tca11222 = attnc_iadd(tca10854, tca10837);
  const int tca11124 = attnc_iadd(tca10840, tca10801);
  const int tca11138 = attnc_iadd(tca10801, tca10799);
  const int tca11121 = attnc_iadd(tca10801, tca10781);
  const int tca11180 = attnc_iadd(tca10801, tca10820);
  const int tca11118 = attnc_iadd(tca10801, tca10809);
  const int tca10943 = attnc_iadd(tca10837, tca10799);
  return (((((((((0 <= attnc_iadd(attnc_iadd(tca10849, tca10765), 1)) && (0 <= attnc_iadd(attnc_iadd(tca10875, tca7245), 1))) && ((0 <= attnc_iadd(tca11301, tca10837)) && (0 <= attnc_iadd(tca11250, tca10837)))) && (((0 <= attnc_iadd(tca11156, tca10820)) && (0 <= attnc_iadd(tca11156, tca10809))) && ((0 <= attnc_iadd(tca11299, tca10837)) && (0 <= attnc_iadd(tca11248, tca10837))))) && ((((0 <= attnc_iadd(tca11153, tca10820)) && (0 <= attnc_iadd(tca11153, tca10809))) && ((0 <= attnc_iadd(tca11303, tca10799)) && (0 <= attnc_iadd(tca11303, tca10797)))) && (((0 <= attnc_iadd(tca11252, tca10799)) && (0 <= attnc_iadd(tca11252, tca10797))) && ((0 <= attnc_iadd(tca11150, tca10820)) && (0 <= attnc_iadd(tca11150, tca10809)))))) && (((((0 <= attnc_iadd(attnc_iadd(tca10902, tca10820), tca10797)) && (0 <= attnc_iadd(attnc_iadd(tca10902, tca10809), tca10797))) && ((0 <= attnc_iadd(tca10849, tca7240)) && (0 <= attnc_iadd(tca10859, tca7245)))) && (((0 <= attnc_iadd(attnc_iadd(tca10805, tca10775), 1)) && (0 <= attnc_iadd(attnc_iadd(tca10827, tca7245), 1))) && ((0 <= attnc_iadd(attnc_iadd(tca10841, tca10765), 1)) && (0 <= attnc_iadd(attnc_iadd(tca10866, tca7231), 1))))) && ((((0 <= attnc_iadd(tca11271, tca10801)) && (0 <= attnc_iadd(tca11220, tca10801))) && ((0 <= attnc_iadd(tca11133, tca10820)) && (0 <= attnc_iadd(tca11133, tca10809)))) && (((0 <= attnc_iadd(tca11086, tca10837)) && (0 <= attnc_iadd(tca11084, tca10837))) && ((0 <= attnc_iadd(tca11088, tca10799)) && (0 <= attnc_iadd(tca11088, tca10797))))))) && ((((((0 <= attnc_iadd(tca11057, tca10837)) && (0 <= attnc_iadd(tca11055, tca10837))) && ((0 <= attnc_iadd(tca11059, tca10799)) && (0 <= attnc_iadd(tca11059, tca10797)))) && (((0 <= attnc_iadd(tca11269, tca10801)) && (0 <= attnc_iadd(tca11218, tca10801))) && ((0 <= attnc_iadd(tca11130, tca10820)) && (0 <= attnc_iadd(tca11130, tca10809))))) && ((((0 <= attnc_iadd(tca11028, tca10837)) && (0 <= attnc_iadd(tca10999, tca10837))) && ((0 <= tca11301) && (0 <= attnc_iadd(tca10918, tca10837)))) && (((0 <= tca11250) && (0 <= attnc_iadd(tca10910, tca10837))) && ((0 <= attnc_iadd(tca11144, tca10820)) && (0 <= attnc_iadd(tca11144, tca10809)))))) && (((((0 <= attnc_iadd(tca10949, tca10820)) && (0 <= attnc_iadd(tca10949, tca10787))) && ((0 <= attnc_iadd(tca10949, tca10809)) && (0 <= attnc_iadd(tca10949, tca10783)))) && (((0 <= attnc_iadd(tca11026, tca10837)) && (0 <= attnc_iadd(tca11030, tca10799))) && ((0 <= attnc_iadd(tca11030, tca10797)) && (0 <= attnc_iadd(tca10997, tca10837))))) && ((((0 <= attnc_iadd(tca11001, tca10799)) && (0 <= attnc_iadd(tca11001, tca10797))) && ((0 <= tca11299) && (0 <= attnc_iadd(tca10916, tca10837)))) && (((0 <= tca11248) && (0 <= attnc_iadd(tca10908, tca10837))) && ((0 <= attnc_iadd(tca11141, tca10820)) && (0 <= attnc_iadd(tca11141, tca10809)))))))) && (((((((0 <= attnc_iadd(tca10946, tca10820)) && (0 <= attnc_iadd(tca10946, tca10787))) && ((0 <= attnc_iadd(tca10946, tca10809)) && (0 <= attnc_iadd(tca10946, tca10783)))) && (((0 <= attnc_iadd(tca11267, tca10801)) && (0 <= attnc_iadd(tca11216, tca10801))) && ((0 <= attnc_iadd(tca11127, tca10820)) && (0 <= attnc_iadd(tca11127, tca10809))))) && ((((0 <= attnc_iadd(tca11265, tca10801)) && (0 <= attnc_iadd(tca11282, tca10799))) && ((0 <= attnc_iadd(tca11282, tca10781)) && (0 <= attnc_iadd(tca11282, tca10797)))) && (((0 <= attnc_iadd(tca11282, tca10779)) && (0 <= attnc_iadd(tca11273, tca10799))) && ((0 <= attnc_iadd(tca11273, tca10797)) && (0 <= attnc_iadd(tca11214, tca10801)))))) && (((((0 <= attnc_iadd(tca11231, tca10799)) && (0 <= attnc_iadd(tca11231, tca10781))) && ((0 <= attnc_iadd(tca11231, tca10797)) && (0 <= attnc_iadd(tca11231, tca10779)))) && (((0 <= attnc_iadd(tca11222, tca10799)) && (0 <= attnc_iadd(tca11222, tca10797))) && ((0 <= attnc_iadd(tca11124, tca10820)) && (0 <= attnc_iadd(tca11124, tca10809))))) && ((((0 <= attnc_iadd(tca11138, tca10820)) && (0 <= attnc_iadd(tca11138, tca10809))) && ((0 <= attnc_iadd(tca11121, tca10820)) && (0 <= attnc_iadd(tca11121, tca10809)))) && (((0 <= attnc_iadd(tca11180, tca10797)) && (0 <= attnc_iadd(tca11180, tca10779))) && ((0 <= attnc_iadd(tca11118, tca10797)) && (0 <= attnc_iadd(tca11118, tca10779))))))) && ((((((0 <= attnc_iadd(tca10943, tca10820)) && (0 <= attnc_iadd(tca10943, tca10787))) && ((0 <= attnc_iadd(tca10943, tca10809)) && (0 <= attnc_iadd(tca10943, tca10783)))) && (((0 <= attnc_iadd(attnc_iadd(tca10837, tca10820), tca10797)) && (0 <= attnc_iadd(attnc_iadd(tca10837, tca10787), tca10797))) && ((0 <= attnc_iadd(attnc_iadd(tca10837, tca10809), tca10797)) && (0 <= attnc_iadd(attnc_iadd(tca10837, tca10783), tca10797))))) && ((((0 <= attnc_iadd(tca10794, 6)) && (0 <= attnc_iadd(tca10805, tca7230))) && ((0 <= attnc_iadd(tca10812, tca7245)) && (0 <= attnc_iadd(tca10841, tca7240)))) && (((0 <= attnc_iadd(tca10852, tca7231)) && (0 <= attnc_iadd(attnc_iadd(tca10772, tca10775), 1))) && ((0 <= attnc_iadd(attnc_iadd(tca10766, tca10765), 1)) && (0 <= attnc_iadd(attnc_iadd(tca10775, tca7231), 1)))))) && (((((0 <= attnc_iadd(attnc_iadd(tca10765, tca7245), 1)) && (0 <= attnc_iadd(tca10851, tca10877))) && ((0 <= attnc_iadd(tca10851, tca10861)) && (0 <= attnc_iadd(tca10851, tca10829)))) && (((0 <= attnc_iadd(tca10851, tca10814)) && (0 <= tca11271)) && ((0 <= tca11220) && (0 <= attnc_iadd(tca10851, tca10820))))) && ((((0 <= attnc_iadd(tca10851, tca10787)) && (0 <= attnc_iadd(tca10851, tca10809))) && ((0 <= attnc_iadd(tca10851, tca10783)) && (0 <= attnc_iadd(tca10877, tca10848)))) && (((0 <= tca11086) && (0 <= tca11084)) && ((0 <= attnc_iadd(tca10877, tca10843)) && (0 <= attnc_iadd(tca10877, tca10840))))))))) && ((((((((0 <= attnc_iadd(tca10877, tca10799)) && (0 <= attnc_iadd(tca10877, tca10781))) && ((0 <= attnc_iadd(tca10877, tca10797)) && (0 <= attnc_iadd(tca10877, tca10779)))) && (((0 <= attnc_iadd(tca10861, tca10848)) && (0 <= tca11057)) && ((0 <= tca11055) && (0 <= attnc_iadd(tca10861, tca10843))))) && ((((0 <= attnc_iadd(tca10861, tca10840)) && (0 <= attnc_iadd(tca10861, tca10799))) && ((0 <= attnc_iadd(tca10861, tca10781)) && (0 <= attnc_iadd(tca10861, tca10797)))) && (((0 <= attnc_iadd(tca10861, tca10779)) && (0 <= attnc_iadd(tca10848, tca10829))) && ((0 <= attnc_iadd(tca10848, tca10814)) && (0 <= tca11269))))) && (((((0 <= tca11218) && (0 <= attnc_iadd(tca10848, tca10820))) && ((0 <= attnc_iadd(tca10848, tca10787)) && (0 <= attnc_iadd(tca10848, tca10809)))) && (((0 <= attnc_iadd(tca10848, tca10783)) && (0 <= tca11028)) && ((0 <= tca10999) && (0 <= tca10918)))) && ((((0 <= tca10910) && (0 <= attnc_iadd(tca10807, tca10820))) && ((0 <= attnc_iadd(tca10807, tca10787)) && (0 <= attnc_iadd(tca10807, tca10809)))) && (((0 <= attnc_iadd(tca10807, tca10783)) && (0 <= tca11026)) && ((0 <= attnc_iadd(tca10829, tca10843)) && (0 <= attnc_iadd(tca10829, tca10840))))))) && ((((((0 <= attnc_iadd(tca10829, tca10799)) && (0 <= attnc_iadd(tca10829, tca10781))) && ((0 <= attnc_iadd(tca10829, tca10797)) && (0 <= attnc_iadd(tca10829, tca10779)))) && (((0 <= tca10997) && (0 <= attnc_iadd(tca10814, tca10843))) && ((0 <= attnc_iadd(tca10814, tca10840)) && (0 <= attnc_iadd(tca10814, tca10799))))) && ((((0 <= attnc_iadd(tca10814, tca10781)) && (0 <= attnc_iadd(tca10814, tca10797))) && ((0 <= attnc_iadd(tca10814, tca10779)) && (0 <= tca10916))) && (((0 <= tca10908) && (0 <= attnc_iadd(tca10804, tca10820))) && ((0 <= attnc_iadd(tca10804, tca10787)) && (0 <= attnc_iadd(tca10804, tca10809)))))) && (((((0 <= attnc_iadd(tca10804, tca10783)) && (0 <= tca11267)) && ((0 <= tca11216) && (0 <= attnc_iadd(tca10843, tca10820)))) && (((0 <= attnc_iadd(tca10843, tca10787)) && (0 <= attnc_iadd(tca10843, tca10809))) && ((0 <= attnc_iadd(tca10843, tca10783)) && (0 <= tca11265)))) && ((((0 <= attnc_iadd(tca10868, tca10799)) && (0 <= attnc_iadd(tca10868, tca10781))) && ((0 <= attnc_iadd(tca10868, tca10797)) && (0 <= attnc_iadd(tca10868, tca10779)))) && (((0 <= tca11214) && (0 <= attnc_iadd(tca10854, tca10799))) && ((0 <= attnc_iadd(tca10854, tca10781)) && (0 <= attnc_iadd(tca10854, tca10797)))))))) && ((((((0 <= attnc_iadd(tca10854, tca10779)) && (0 <= attnc_iadd(tca10840, tca10820))) && ((0 <= attnc_iadd(tca10840, tca10787)) && (0 <= attnc_iadd(tca10840, tca10809)))) && (((0 <= attnc_iadd(tca10840, tca10783)) && (0 <= tca10902)) && ((0 <= tca10794) && (0 <= attnc_iadd(tca10799, tca10820))))) && ((((0 <= attnc_iadd(tca10799, tca10787)) && (0 <= attnc_iadd(tca10799, tca10809))) && ((0 <= attnc_iadd(tca10799, tca10783)) && (0 <= attnc_iadd(tca10781, tca10820)))) && (((0 <= attnc_iadd(tca10781, tca10787)) && (0 <= attnc_iadd(tca10781, tca10809))) && ((0 <= attnc_iadd(tca10781, tca10783)) && (0 <= attnc_iadd(tca10820, tca10797)))))) && (((((0 <= attnc_iadd(tca10820, tca10779)) && (0 <= attnc_iadd(tca10787, tca10797))) && ((0 <= attnc_iadd(tca10787, tca10779)) && (0 <= attnc_iadd(tca10809, tca10797)))) && (((0 <= attnc_iadd(tca10809, tca10779)) && (0 <= attnc_iadd(tca10783, tca10797))) && ((0 <= attnc_iadd(tca10783, tca10779)) && (0 <= attnc_iadd(tca10769, tca10767))))) && ((((0 <= attnc_iadd(tca10762, tca10760)) && (0 <= attnc_iadd(tca10772, tca7230))) && ((0 <= attnc_iadd(tca10766, tca7240)) && (0 <= attnc_iadd(tca7230, tca7231)))) && (((0 <= attnc_iadd(tca7240, tca7245)) && (0 <= tca10801)) && (0 <= tca10837)))))));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf7230 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tcf10809 = attnc_idiv(attnc_iadd(tcf7230, 2), 7);
  const int tcf7231 = attnc_idiv(kvhi, 56);
  const int tcf10797 = attnc_idiv(attnc_iadd(tcf7231, 4), 7);
  const int tcf7240 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tcf10783 = attnc_idiv(attnc_iadd(tcf7240, 2), 7);
  const int tcf7245 = attnc_idiv(qhi, 56);
  const int tcf10779 = attnc_idiv(attnc_iadd(tcf7245, 4), 7);
  const bool tcf7257 = (0 <= attnc_iadd(tcf7230, tcf7231));
  const bool tcf7340 = (0 <= attnc_iadd(tcf7240, tcf7245));
  const bool tcf11536 = (((0 <= attnc_iadd(tcf10809, tcf10797)) && (0 <= attnc_iadd(tcf10783, tcf10779))) && (tcf7257 && tcf7340));
  const int tcf10769 = attnc_idiv(attnc_iadd(kvhi, 4), 7);
  const int tcf10772 = attnc_idiv(tcf10769, 8);
  const int tcf10767 = attnc_idiv(attnc_isub(2, kvlo), 7);
  const int tcf10775 = attnc_idiv(tcf10767, 8);
  const bool tcf10826 = (0 <= attnc_iadd(attnc_iadd(tcf10772, tcf10775), 1));
  const int tcf10762 = attnc_idiv(attnc_iadd(qhi, 4), 7);
  const int tcf10766 = attnc_idiv(tcf10762, 8);
  const int tcf10760 = attnc_idiv(attnc_isub(2, qlo), 7);
  const int tcf10765 = attnc_idiv(tcf10760, 8);
  const bool tcf10793 = (0 <= attnc_iadd(attnc_iadd(tcf10766, tcf10765), 1));
  const bool tcf10823 = (0 <= attnc_iadd(attnc_iadd(tcf10775, tcf7231), 1));
  const bool tcf10790 = (0 <= attnc_iadd(attnc_iadd(tcf10765, tcf7245), 1));
  const int tcf11542 = attnc_imul(8, tcf7245);
  const int tcf11549 = attnc_imul(8, tcf10766);
  const int tcf11545 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf10769, tcf10760), tcf11542), 7), 8);
  const int tcf11553 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf10769, tcf11549), tcf10760), 7), 8);
  const int tcf11541 = attnc_idiv(attnc_iadd(tcf10769, 7), 8);
  const bool tcf10777 = (0 <= attnc_iadd(tcf10769, tcf10767));
  const bool tcf11420 = ((0 <= attnc_iadd(tcf10762, tcf10760)) && (0 <= attnc_iadd(tcf10772, tcf7230)));
  const bool tcf11421 = ((0 <= attnc_iadd(tcf10766, tcf7240)) && tcf7257);
  const int tcf11591 = attnc_iadd(tcf10762, attnc_imul(8, tcf10765));
  const int tcf11594 = attnc_idiv(attnc_iadd(attnc_iadd(tcf11591, tcf10767), 7), 8);
  const int tcf11585 = attnc_idiv(attnc_iadd(tcf10767, 7), 8);
  const int tcf11586 = attnc_imul(8, tcf7240);
  const int tcf11589 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf10762, tcf10767), tcf11586), 7), 8);
  return (!(((tcf11536 && (0 < attnc_iadd(tcf10783, tcf10797))) || (tcf11536 && (0 < attnc_iadd(tcf10809, tcf10779)))) || ((((((tcf10826 && tcf10793) && (tcf10823 && tcf10790)) && (((0 <= attnc_iadd(attnc_iadd(tcf10760, tcf11542), 7)) && (0 <= attnc_iadd(attnc_iadd(tcf11549, tcf10760), 7))) && ((0 <= attnc_iadd(tcf11545, tcf10775)) && (0 <= attnc_iadd(tcf11553, tcf10775))))) && ((((0 <= attnc_iadd(tcf11541, tcf10775)) && tcf10777) && tcf11420) && (tcf11421 && (tcf7340 && (0 < attnc_iadd(tcf11545, tcf7230)))))) && ((0 < attnc_iadd(tcf11553, tcf7230)) && (0 < attnc_iadd(tcf11541, tcf7230)))) || ((((((0 <= attnc_iadd(tcf11591, 7)) && tcf10826) && (tcf10793 && tcf10823)) && ((tcf10790 && (0 <= attnc_iadd(tcf11594, tcf10772))) && ((0 <= attnc_iadd(tcf11594, tcf7231)) && (0 <= attnc_iadd(tcf11585, tcf10772))))) && ((((0 <= attnc_iadd(tcf11585, tcf7231)) && tcf10777) && tcf11420) && (tcf11421 && (tcf7340 && (0 < attnc_iadd(tcf11589, tcf10772)))))) && ((0 < attnc_iadd(tcf11589, tcf7231)) && (0 < attnc_iadd(tcf10762, tcf11586)))))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl10760 = attnc_idiv(attnc_isub(2, qlo), 7);
    const int tkl11629 = attnc_imul(7, tkl10760);
    const int tkl8539 = attnc_imul(56, attnc_idiv(attnc_isub(55, qlo), 56));
    const int tkl11684 = attnc_imul(56, attnc_idiv(tkl10760, 8));
    lo = max(max(max(max(0, attnc_isub(0, attnc_iadd(tkl11629, 340))), max(attnc_isub(0, attnc_iadd(tkl8539, 336)), attnc_isub(0, attnc_iadd(tkl8539, 340)))), max(max(attnc_isub(0, attnc_iadd(tkl11684, 392)), attnc_isub(0, attnc_iadd(tkl11684, 396))), max(attnc_isub(0, attnc_iadd(tkl11629, 395)), attnc_isub(0, attnc_iadd(tkl11629, 399))))), max(attnc_isub(0, attnc_iadd(tkl11629, 398)), attnc_isub(0, attnc_iadd(tkl11629, 402))));
  }
  {
    const int tkh10762 = attnc_idiv(attnc_iadd(qhi, 4), 7);
    const int tkh11634 = attnc_imul(7, tkh10762);
    const int tkh8463 = attnc_imul(56, attnc_idiv(qhi, 56));
    const int tkh11640 = attnc_imul(56, attnc_idiv(tkh10762, 8));
    hi = min(min(min(min(attnc_isub(p.KV_LEN, 1), attnc_iadd(tkh11634, 338)), min(attnc_iadd(tkh8463, 391), attnc_iadd(tkh11640, 391))), min(min(attnc_iadd(tkh11634, 393), attnc_iadd(tkh11634, 397)), min(attnc_iadd(tkh8463, 394), attnc_iadd(tkh11640, 394)))), min(attnc_iadd(tkh11634, 396), attnc_iadd(tkh11634, 400)));
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
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
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
