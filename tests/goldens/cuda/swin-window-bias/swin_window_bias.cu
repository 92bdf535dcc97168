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
#define ATTNC_ERR_SIZE 2  /* a size is not positive, B or H exceeds 65535, or a size exceeds 268435456 (2^28) */
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
  int tr7189;
  int tr11872;
  int tr7200;
  int tr11875;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr7189 = attnc_idiv(q, 56);
  const int tr11872 = attnc_idiv(tr7189, 7);
  const int tr7200 = attnc_imod(q, 56);
  const int tr11875 = attnc_idiv(tr7200, 7);
  return RowCtx{tr7189, tr11872, tr7200, tr11875};
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
  const int tr11872 = rc.tr11872;
  const int tr11875 = rc.tr11875;
  return ((tr11872 == attnc_idiv(attnc_idiv(kv, 56), 7)) && (tr11875 == attnc_idiv(attnc_imod(kv, 56), 7)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  const int tr7189 = rc.tr7189;
  const int tr7200 = rc.tr7200;
  return (s + attnc_load_bias(p, h, attnc_iadd(attnc_imul(attnc_isub(attnc_iadd(attnc_isub(tr7189, attnc_idiv(kv, 56)), 7), 1), 13), attnc_isub(attnc_iadd(attnc_isub(tr7200, attnc_imod(kv, 56)), 7), 1))));
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca11887 = attnc_idiv(attnc_isub(6, kvlo), 7);
  const int tca11881 = attnc_idiv(qhi, 7);
  const int tca11893 = attnc_idiv(attnc_iadd(tca11887, tca11881), 8);
  const int tca11880 = attnc_idiv(attnc_isub(6, qlo), 7);
  const int tca11885 = attnc_idiv(attnc_iadd(tca11880, 7), 8);
  const int tca11969 = attnc_iadd(tca11893, tca11885);
  const int tca11971 = attnc_idiv(attnc_iadd(tca11969, 6), 7);
  const int tca11944 = attnc_idiv(attnc_iadd(tca11893, 6), 7);
  const int tca12368 = attnc_iadd(tca11971, tca11944);
  const int tca11888 = attnc_idiv(kvhi, 7);
  const int tca11890 = attnc_idiv(attnc_iadd(tca11880, tca11888), 8);
  const int tca11915 = attnc_idiv(attnc_iadd(tca11890, 6), 7);
  const int tca12398 = attnc_iadd(tca12368, tca11915);
  const int tca11886 = attnc_idiv(tca11881, 8);
  const int tca11918 = attnc_iadd(tca11890, tca11886);
  const int tca11919 = attnc_idiv(tca11918, 7);
  const int tca7245 = attnc_idiv(qhi, 56);
  const int tca11917 = attnc_idiv(attnc_iadd(tca11890, tca7245), 7);
  const int tca11891 = attnc_idiv(tca11888, 8);
  const int tca11913 = attnc_idiv(tca11891, 7);
  const int tca7231 = attnc_idiv(kvhi, 56);
  const int tca11912 = attnc_idiv(tca7231, 7);
  const int tca7240 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tca11955 = attnc_iadd(tca11893, tca7240);
  const int tca11957 = attnc_idiv(attnc_iadd(tca11955, 6), 7);
  const int tca12317 = attnc_iadd(tca11957, tca11944);
  const int tca12347 = attnc_iadd(tca12317, tca11915);
  const int tca11895 = attnc_idiv(attnc_iadd(tca11887, 7), 8);
  const int tca11931 = attnc_idiv(attnc_iadd(tca11895, 6), 7);
  const int tca12266 = attnc_iadd(tca11931, tca11944);
  const int tca12296 = attnc_iadd(tca12266, tca11915);
  const int tca12001 = attnc_iadd(tca11944, tca11915);
  const int tca7230 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tca11920 = attnc_idiv(attnc_iadd(tca7230, 6), 7);
  const int tca12243 = attnc_iadd(tca12001, tca11920);
  const int tca11976 = attnc_iadd(tca11969, tca11890);
  const int tca11910 = attnc_iadd(tca11893, tca11890);
  const int tca11953 = attnc_iadd(tca11910, tca11886);
  const int tca11962 = attnc_iadd(tca11910, tca7240);
  const int tca11978 = attnc_idiv(attnc_iadd(tca11976, 6), 7);
  const int tca12186 = attnc_iadd(tca11978, tca11944);
  const int tca11964 = attnc_idiv(attnc_iadd(tca11962, 6), 7);
  const int tca12157 = attnc_iadd(tca11964, tca11944);
  const int tca11936 = attnc_iadd(tca11895, tca11890);
  const int tca11938 = attnc_idiv(attnc_iadd(tca11936, 6), 7);
  const int tca12128 = attnc_iadd(tca11938, tca11944);
  const int tca11954 = attnc_idiv(tca11953, 7);
  const int tca12366 = attnc_iadd(tca11971, tca11954);
  const int tca11952 = attnc_idiv(attnc_iadd(tca11910, tca7245), 7);
  const int tca12364 = attnc_iadd(tca11971, tca11952);
  const int tca11947 = attnc_iadd(tca11893, tca11891);
  const int tca11948 = attnc_idiv(tca11947, 7);
  const int tca12362 = attnc_iadd(tca11971, tca11948);
  const int tca11946 = attnc_idiv(attnc_iadd(tca11893, tca7231), 7);
  const int tca12360 = attnc_iadd(tca11971, tca11946);
  const int tca12377 = attnc_iadd(tca11971, tca11915);
  const int tca11899 = attnc_idiv(tca11886, 7);
  const int tca11898 = attnc_idiv(tca7245, 7);
  const int tca12315 = attnc_iadd(tca11954, tca11957);
  const int tca12264 = attnc_iadd(tca11954, tca11931);
  const int tca12313 = attnc_iadd(tca11952, tca11957);
  const int tca12262 = attnc_iadd(tca11952, tca11931);
  const int tca12311 = attnc_iadd(tca11957, tca11948);
  const int tca12309 = attnc_iadd(tca11957, tca11946);
  const int tca12326 = attnc_iadd(tca11957, tca11915);
  const int tca11923 = attnc_iadd(tca11890, tca7230);
  const int tca11925 = attnc_idiv(attnc_iadd(tca11923, 6), 7);
  const int tca12099 = attnc_iadd(tca11925, tca11944);
  const int tca12260 = attnc_iadd(tca11931, tca11948);
  const int tca12258 = attnc_iadd(tca11931, tca11946);
  const int tca12275 = attnc_iadd(tca11931, tca11915);
  const int tca11905 = attnc_idiv(attnc_iadd(tca11885, 6), 7);
  const int tca12070 = attnc_iadd(tca11944, tca11905);
  const int tca12047 = attnc_iadd(tca11944, tca11919);
  const int tca11901 = attnc_idiv(attnc_iadd(tca7240, 6), 7);
  const int tca12044 = attnc_iadd(tca11944, tca11917);
  const int tca12207 = attnc_iadd(tca11944, tca11920);
  const int tca12039 = attnc_iadd(tca11944, tca11901);
  const int tca12216 = attnc_iadd(tca11915, tca11920);
  return (((((((((0 <= attnc_iadd(tca12398, tca11919)) && (0 <= attnc_iadd(tca12398, tca11917))) && ((0 <= attnc_iadd(tca12398, tca11913)) && (0 <= attnc_iadd(tca12398, tca11912)))) && (((0 <= attnc_iadd(tca12347, tca11919)) && (0 <= attnc_iadd(tca12347, tca11917))) && ((0 <= attnc_iadd(tca12347, tca11913)) && (0 <= attnc_iadd(tca12347, tca11912))))) && ((((0 <= attnc_iadd(tca12296, tca11919)) && (0 <= attnc_iadd(tca12296, tca11917))) && ((0 <= attnc_iadd(tca12296, tca11913)) && (0 <= attnc_iadd(tca12296, tca11912)))) && (((0 <= attnc_iadd(attnc_iadd(tca12001, tca11919), tca11920)) && (0 <= attnc_iadd(attnc_iadd(tca12001, tca11917), tca11920))) && ((0 <= attnc_iadd(tca12243, tca11913)) && (0 <= attnc_iadd(tca12243, tca11912)))))) && (((((0 <= attnc_iadd(tca11976, tca11886)) && (0 <= attnc_iadd(tca11976, tca7245))) && ((0 <= attnc_iadd(tca11953, tca7240)) && (0 <= attnc_iadd(tca11962, tca7245)))) && (((0 <= attnc_iadd(tca12186, tca11919)) && (0 <= attnc_iadd(tca12186, tca11917))) && ((0 <= attnc_iadd(tca12186, tca11913)) && (0 <= attnc_iadd(tca12186, tca11912))))) && ((((0 <= attnc_iadd(tca12157, tca11919)) && (0 <= attnc_iadd(tca12157, tca11917))) && ((0 <= attnc_iadd(tca12157, tca11913)) && (0 <= attnc_iadd(tca12157, tca11912)))) && (((0 <= attnc_iadd(tca12128, tca11919)) && (0 <= attnc_iadd(tca12128, tca11917))) && ((0 <= attnc_iadd(tca12128, tca11913)) && (0 <= attnc_iadd(tca12128, tca11912))))))) && ((((((0 <= attnc_iadd(tca12366, tca11915)) && (0 <= attnc_iadd(tca12364, tca11915))) && ((0 <= attnc_iadd(tca12368, tca11919)) && (0 <= attnc_iadd(tca12368, tca11917)))) && (((0 <= attnc_iadd(tca12368, tca11913)) && (0 <= attnc_iadd(tca12368, tca11912))) && ((0 <= attnc_iadd(tca12362, tca11915)) && (0 <= attnc_iadd(tca12360, tca11915))))) && ((((0 <= attnc_iadd(tca12377, tca11919)) && (0 <= attnc_iadd(tca12377, tca11917))) && ((0 <= attnc_iadd(tca12377, tca11913)) && (0 <= attnc_iadd(tca12377, tca11899)))) && (((0 <= attnc_iadd(tca12377, tca11912)) && (0 <= attnc_iadd(tca12377, tca11898))) && ((0 <= attnc_iadd(tca12315, tca11915)) && (0 <= attnc_iadd(tca12264, tca11915)))))) && (((((0 <= attnc_iadd(attnc_iadd(tca11954, tca11915), tca11920)) && (0 <= attnc_iadd(tca12313, tca11915))) && ((0 <= attnc_iadd(tca12262, tca11915)) && (0 <= attnc_iadd(attnc_iadd(tca11952, tca11915), tca11920)))) && (((0 <= attnc_iadd(tca12317, tca11919)) && (0 <= attnc_iadd(tca12317, tca11917))) && ((0 <= attnc_iadd(tca12317, tca11913)) && (0 <= attnc_iadd(tca12317, tca11912))))) && ((((0 <= attnc_iadd(tca12311, tca11915)) && (0 <= attnc_iadd(tca12309, tca11915))) && ((0 <= attnc_iadd(tca12326, tca11919)) && (0 <= attnc_iadd(tca12326, tca11917)))) && (((0 <= attnc_iadd(tca12326, tca11913)) && (0 <= attnc_iadd(tca12326, tca11899))) && ((0 <= attnc_iadd(tca12326, tca11912)) && (0 <= attnc_iadd(tca12326, tca11898)))))))) && (((((((0 <= attnc_iadd(tca12099, tca11919)) && (0 <= attnc_iadd(tca12099, tca11917))) && ((0 <= attnc_iadd(tca12099, tca11913)) && (0 <= attnc_iadd(tca12099, tca11912)))) && (((0 <= attnc_iadd(tca12266, tca11919)) && (0 <= attnc_iadd(tca12266, tca11917))) && ((0 <= attnc_iadd(tca12266, tca11913)) && (0 <= attnc_iadd(tca12266, tca11912))))) && ((((0 <= attnc_iadd(tca12260, tca11915)) && (0 <= attnc_iadd(tca12258, tca11915))) && ((0 <= attnc_iadd(tca12275, tca11919)) && (0 <= attnc_iadd(tca12275, tca11917)))) && (((0 <= attnc_iadd(tca12275, tca11913)) && (0 <= attnc_iadd(tca12275, tca11899))) && ((0 <= attnc_iadd(tca12275, tca11912)) && (0 <= attnc_iadd(tca12275, tca11898)))))) && (((((0 <= attnc_iadd(tca12070, tca11919)) && (0 <= attnc_iadd(tca12070, tca11917))) && ((0 <= attnc_iadd(tca12070, tca11913)) && (0 <= attnc_iadd(tca12070, tca11912)))) && (((0 <= attnc_iadd(tca12047, tca11920)) && (0 <= attnc_iadd(tca12047, tca11901))) && ((0 <= attnc_iadd(tca12044, tca11920)) && (0 <= attnc_iadd(tca12044, tca11901))))) && ((((0 <= attnc_iadd(tca12207, tca11913)) && (0 <= attnc_iadd(tca12207, tca11912))) && ((0 <= attnc_iadd(tca12039, tca11913)) && (0 <= attnc_iadd(tca12039, tca11912)))) && (((0 <= attnc_iadd(attnc_iadd(tca11948, tca11915), tca11920)) && (0 <= attnc_iadd(attnc_iadd(tca11946, tca11915), tca11920))) && ((0 <= attnc_iadd(attnc_iadd(tca11915, tca11919), tca11920)) && (0 <= attnc_iadd(attnc_iadd(tca11915, tca11917), tca11920))))))) && ((((((0 <= attnc_iadd(tca12216, tca11913)) && (0 <= attnc_iadd(tca12216, tca11899))) && ((0 <= attnc_iadd(tca12216, tca11912)) && (0 <= attnc_iadd(tca12216, tca11898)))) && (((0 <= attnc_iadd(tca11936, tca11886)) && (0 <= attnc_iadd(tca11936, tca7245))) && ((0 <= attnc_iadd(tca11969, tca11891)) && (0 <= attnc_iadd(tca11969, tca7231))))) && ((((0 <= attnc_iadd(tca11910, 6)) && (0 <= attnc_iadd(tca11947, tca7240))) && ((0 <= attnc_iadd(tca11955, tca7231)) && (0 <= attnc_iadd(tca11918, tca7230)))) && (((0 <= attnc_iadd(tca11923, tca7245)) && (0 <= attnc_iadd(tca11978, tca11954))) && ((0 <= attnc_iadd(tca11978, tca11952)) && (0 <= attnc_iadd(tca11978, tca11948)))))) && (((((0 <= attnc_iadd(tca11978, tca11946)) && (0 <= attnc_iadd(tca11978, tca11919))) && ((0 <= attnc_iadd(tca11978, tca11917)) && (0 <= attnc_iadd(tca11978, tca11913)))) && (((0 <= attnc_iadd(tca11978, tca11899)) && (0 <= attnc_iadd(tca11978, tca11912))) && ((0 <= attnc_iadd(tca11978, tca11898)) && (0 <= attnc_iadd(tca11964, tca11954))))) && ((((0 <= attnc_iadd(tca11964, tca11952)) && (0 <= attnc_iadd(tca11964, tca11948))) && ((0 <= attnc_iadd(tca11964, tca11946)) && (0 <= attnc_iadd(tca11964, tca11919)))) && (((0 <= attnc_iadd(tca11964, tca11917)) && (0 <= attnc_iadd(tca11964, tca11913))) && ((0 <= attnc_iadd(tca11964, tca11899)) && (0 <= attnc_iadd(tca11964, tca11912))))))))) && ((((((((0 <= attnc_iadd(tca11964, tca11898)) && (0 <= attnc_iadd(tca11938, tca11954))) && ((0 <= attnc_iadd(tca11938, tca11952)) && (0 <= attnc_iadd(tca11938, tca11948)))) && (((0 <= attnc_iadd(tca11938, tca11946)) && (0 <= attnc_iadd(tca11938, tca11919))) && ((0 <= attnc_iadd(tca11938, tca11917)) && (0 <= attnc_iadd(tca11938, tca11913))))) && ((((0 <= attnc_iadd(tca11938, tca11899)) && (0 <= attnc_iadd(tca11938, tca11912))) && ((0 <= attnc_iadd(tca11938, tca11898)) && (0 <= tca12366))) && (((0 <= tca12364) && (0 <= tca12362)) && ((0 <= tca12360) && (0 <= attnc_iadd(tca11971, tca11919)))))) && (((((0 <= attnc_iadd(tca11971, tca11917)) && (0 <= attnc_iadd(tca11971, tca11913))) && ((0 <= attnc_iadd(tca11971, tca11899)) && (0 <= attnc_iadd(tca11971, tca11912)))) && (((0 <= attnc_iadd(tca11971, tca11898)) && (0 <= tca12315)) && ((0 <= attnc_iadd(tca11954, tca11925)) && (0 <= tca12264)))) && ((((0 <= attnc_iadd(tca11954, tca11905)) && (0 <= attnc_iadd(tca11954, tca11920))) && ((0 <= attnc_iadd(tca11954, tca11901)) && (0 <= tca12313))) && (((0 <= attnc_iadd(tca11952, tca11925)) && (0 <= tca12262)) && ((0 <= attnc_iadd(tca11952, tca11905)) && (0 <= attnc_iadd(tca11952, tca11920))))))) && ((((((0 <= attnc_iadd(tca11952, tca11901)) && (0 <= tca12311)) && ((0 <= tca12309) && (0 <= attnc_iadd(tca11957, tca11919)))) && (((0 <= attnc_iadd(tca11957, tca11917)) && (0 <= attnc_iadd(tca11957, tca11913))) && ((0 <= attnc_iadd(tca11957, tca11899)) && (0 <= attnc_iadd(tca11957, tca11912))))) && ((((0 <= attnc_iadd(tca11957, tca11898)) && (0 <= attnc_iadd(tca11925, tca11948))) && ((0 <= attnc_iadd(tca11925, tca11946)) && (0 <= attnc_iadd(tca11925, tca11919)))) && (((0 <= attnc_iadd(tca11925, tca11917)) && (0 <= attnc_iadd(tca11925, tca11913))) && ((0 <= attnc_iadd(tca11925, tca11899)) && (0 <= attnc_iadd(tca11925, tca11912)))))) && (((((0 <= attnc_iadd(tca11925, tca11898)) && (0 <= tca12260)) && ((0 <= tca12258) && (0 <= attnc_iadd(tca11931, tca11919)))) && (((0 <= attnc_iadd(tca11931, tca11917)) && (0 <= attnc_iadd(tca11931, tca11913))) && ((0 <= attnc_iadd(tca11931, tca11899)) && (0 <= attnc_iadd(tca11931, tca11912))))) && ((((0 <= attnc_iadd(tca11931, tca11898)) && (0 <= tca12001)) && ((0 <= attnc_iadd(tca11948, tca11905)) && (0 <= attnc_iadd(tca11948, tca11920)))) && (((0 <= attnc_iadd(tca11948, tca11901)) && (0 <= attnc_iadd(tca11946, tca11905))) && ((0 <= attnc_iadd(tca11946, tca11920)) && (0 <= attnc_iadd(tca11946, tca11901)))))))) && ((((((0 <= attnc_iadd(tca11905, tca11919)) && (0 <= attnc_iadd(tca11905, tca11917))) && ((0 <= attnc_iadd(tca11905, tca11913)) && (0 <= attnc_iadd(tca11905, tca11899)))) && (((0 <= attnc_iadd(tca11905, tca11912)) && (0 <= attnc_iadd(tca11905, tca11898))) && ((0 <= attnc_iadd(tca11919, tca11920)) && (0 <= attnc_iadd(tca11919, tca11901))))) && ((((0 <= attnc_iadd(tca11917, tca11920)) && (0 <= attnc_iadd(tca11917, tca11901))) && ((0 <= attnc_iadd(tca11920, tca11913)) && (0 <= attnc_iadd(tca11920, tca11899)))) && (((0 <= attnc_iadd(tca11920, tca11912)) && (0 <= attnc_iadd(tca11920, tca11898))) && ((0 <= attnc_iadd(tca11901, tca11913)) && (0 <= attnc_iadd(tca11901, tca11899)))))) && (((((0 <= attnc_iadd(tca11901, tca11912)) && (0 <= attnc_iadd(tca11901, tca11898))) && ((0 <= attnc_iadd(tca11895, tca11891)) && (0 <= attnc_iadd(tca11895, tca7231)))) && (((0 <= tca11910) && (0 <= attnc_iadd(tca11885, tca11886))) && ((0 <= attnc_iadd(tca11885, tca7245)) && (0 <= attnc_iadd(tca11891, tca7230))))) && ((((0 <= attnc_iadd(tca11886, tca7240)) && (0 <= attnc_iadd(tca7230, tca7231))) && ((0 <= attnc_iadd(tca7240, tca7245)) && (0 <= attnc_iadd(tca11887, tca11888)))) && (((0 <= attnc_iadd(tca11880, tca11881)) && (0 <= tca11944)) && (0 <= tca11915)))))));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf7230 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tcf11920 = attnc_idiv(attnc_iadd(tcf7230, 6), 7);
  const int tcf7231 = attnc_idiv(kvhi, 56);
  const int tcf11912 = attnc_idiv(tcf7231, 7);
  const int tcf7240 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tcf11901 = attnc_idiv(attnc_iadd(tcf7240, 6), 7);
  const int tcf7245 = attnc_idiv(qhi, 56);
  const int tcf11898 = attnc_idiv(tcf7245, 7);
  const bool tcf7655 = ((0 <= attnc_iadd(tcf7230, tcf7231)) && (0 <= attnc_iadd(tcf7240, tcf7245)));
  const bool tcf12631 = (((0 <= attnc_iadd(tcf11920, tcf11912)) && (0 <= attnc_iadd(tcf11901, tcf11898))) && tcf7655);
  const int tcf11880 = attnc_idiv(attnc_isub(6, qlo), 7);
  const int tcf11542 = attnc_imul(8, tcf7245);
  const int tcf11881 = attnc_idiv(qhi, 7);
  const int tcf11886 = attnc_idiv(tcf11881, 8);
  const int tcf12644 = attnc_iadd(attnc_imul(8, tcf11886), tcf11880);
  const int tcf11887 = attnc_idiv(attnc_isub(6, kvlo), 7);
  const int tcf11895 = attnc_idiv(attnc_iadd(tcf11887, 7), 8);
  const int tcf11888 = attnc_idiv(kvhi, 7);
  const int tcf11891 = attnc_idiv(tcf11888, 8);
  const bool tcf12512 = ((0 <= attnc_iadd(tcf11895, tcf11891)) && (0 <= attnc_iadd(tcf11895, tcf7231)));
  const int tcf11885 = attnc_idiv(attnc_iadd(tcf11880, 7), 8);
  const bool tcf12670 = (((0 <= attnc_iadd(tcf11885, tcf11886)) && (0 <= attnc_iadd(tcf11885, tcf7245))) && ((0 <= attnc_iadd(tcf11891, tcf7230)) && (0 <= attnc_iadd(tcf11886, tcf7240))));
  const bool tcf12671 = (tcf7655 && ((0 <= attnc_iadd(tcf11887, tcf11888)) && (0 <= attnc_iadd(tcf11880, tcf11881))));
  const int tcf12639 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf11880, tcf11888), tcf11542), 7), 8);
  const int tcf12647 = attnc_idiv(attnc_iadd(attnc_iadd(tcf12644, tcf11888), 7), 8);
  const int tcf12636 = attnc_idiv(attnc_iadd(tcf11888, 7), 8);
  const int tcf12678 = attnc_idiv(attnc_iadd(tcf11887, 6), 8);
  const int tcf12683 = attnc_imul(8, tcf11885);
  const int tcf12687 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf12683, tcf11887), tcf11881), 7), 8);
  const int tcf11586 = attnc_imul(8, tcf7240);
  const int tcf12682 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf11586, tcf11887), tcf11881), 7), 8);
  return (!(((tcf12631 && (0 < attnc_iadd(tcf11901, tcf11912))) || (tcf12631 && (0 < attnc_iadd(tcf11920, tcf11898)))) || (((((((0 <= attnc_iadd(attnc_iadd(tcf11880, tcf11542), 6)) && (0 <= attnc_iadd(tcf12644, 6))) && tcf12512) && tcf12670) && (tcf12671 && (((0 < attnc_iadd(tcf12639, tcf11895)) && (0 < attnc_iadd(tcf12639, tcf7230))) && ((0 < attnc_iadd(tcf12647, tcf11895)) && (0 < attnc_iadd(tcf12647, tcf7230)))))) && ((0 < attnc_iadd(tcf11895, tcf12636)) && (0 < attnc_iadd(tcf12636, tcf7230)))) || ((((((0 <= attnc_iadd(tcf12678, tcf11891)) && (0 <= attnc_iadd(tcf12678, tcf7231))) && tcf12512) && tcf12670) && (tcf12671 && (((0 < attnc_iadd(tcf12687, tcf11891)) && (0 < attnc_iadd(tcf12687, tcf7231))) && ((0 < attnc_iadd(tcf12682, tcf11891)) && (0 < attnc_iadd(tcf12682, tcf7231)))))) && ((0 < attnc_iadd(tcf12683, tcf11881)) && (0 < attnc_iadd(tcf11586, tcf11881)))))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl11880 = attnc_idiv(attnc_isub(6, qlo), 7);
    const int tkl12718 = attnc_imul(7, tkl11880);
    lo = max(max(max(0, attnc_isub(0, attnc_iadd(tkl12718, 336))), max(attnc_isub(0, attnc_iadd(attnc_imul(56, attnc_idiv(attnc_isub(55, qlo), 56)), 336)), attnc_isub(0, attnc_iadd(attnc_imul(56, attnc_idiv(attnc_iadd(tkl11880, 7), 8)), 336)))), attnc_isub(0, attnc_iadd(tkl12718, 391)));
  }
  {
    const int tkh11881 = attnc_idiv(qhi, 7);
    const int tkh12722 = attnc_imul(7, tkh11881);
    hi = min(min(min(attnc_isub(p.KV_LEN, 1), attnc_iadd(tkh12722, 342)), min(attnc_iadd(attnc_imul(56, attnc_idiv(qhi, 56)), 391), attnc_iadd(attnc_imul(56, attnc_idiv(tkh11881, 8)), 391))), attnc_iadd(tkh12722, 397));
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
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
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
