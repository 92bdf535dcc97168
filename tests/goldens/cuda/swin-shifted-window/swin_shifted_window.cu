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
  int B, H, H_KV, Q_LEN, KV_LEN, D;  // Q_LEN, KV_LEN: the tensors' (padded) lengths
  float scale;
  const float* in_bias;  // f32[H, 169]
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
  int tr7230;
  int tr10924;
  int tr7241;
  int tr10928;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr7230 = attnc_idiv(q, 56);
  const int tr10924 = attnc_idiv(attnc_isub(tr7230, 3), 7);
  const int tr7241 = attnc_imod(q, 56);
  const int tr10928 = attnc_idiv(attnc_isub(tr7241, 3), 7);
  return RowCtx{tr7230, tr10924, tr7241, tr10928};
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
  const int tr10924 = rc.tr10924;
  const int tr10928 = rc.tr10928;
  return ((tr10924 == attnc_idiv(attnc_isub(attnc_idiv(kv, 56), 3), 7)) && (tr10928 == attnc_idiv(attnc_isub(attnc_imod(kv, 56), 3), 7)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  const int tr7230 = rc.tr7230;
  const int tr7241 = rc.tr7241;
  return (s + attnc_load_bias(p, h, attnc_iadd(attnc_imul(attnc_isub(attnc_iadd(attnc_isub(tr7230, attnc_idiv(kv, 56)), 7), 1), 13), attnc_isub(attnc_iadd(attnc_isub(tr7241, attnc_imod(kv, 56)), 7), 1))));
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca10962 = attnc_idiv(attnc_iadd(kvhi, 4), 7);
  const int tca10953 = attnc_idiv(attnc_isub(2, qlo), 7);
  const int tca10964 = attnc_idiv(attnc_iadd(tca10962, tca10953), 8);
  const int tca10955 = attnc_idiv(attnc_iadd(qhi, 4), 7);
  const int tca10960 = attnc_idiv(attnc_isub(2, kvlo), 7);
  const int tca10967 = attnc_idiv(attnc_iadd(tca10955, tca10960), 8);
  const int tca10987 = attnc_iadd(tca10964, tca10967);
  const int tca10959 = attnc_idiv(tca10955, 8);
  const int tca11042 = attnc_iadd(tca10987, tca10959);
  const int tca10958 = attnc_idiv(tca10953, 8);
  const int tca11068 = attnc_iadd(tca10987, tca10958);
  const int tca7286 = attnc_idiv(qhi, 56);
  const int tca10998 = attnc_iadd(tca10964, tca10959);
  const int tca11000 = attnc_idiv(attnc_iadd(tca10998, 4), 7);
  const int tca11059 = attnc_iadd(tca10967, tca10958);
  const int tca11061 = attnc_idiv(attnc_iadd(tca11059, 3), 7);
  const int tca11111 = attnc_iadd(tca11000, tca11061);
  const int tca10994 = attnc_idiv(attnc_iadd(tca10964, 6), 7);
  const int tca11494 = attnc_iadd(tca11111, tca10994);
  const int tca11030 = attnc_idiv(attnc_iadd(tca10967, 6), 7);
  const int tca7281 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tca11045 = attnc_iadd(tca10967, tca7281);
  const int tca11047 = attnc_idiv(attnc_iadd(tca11045, 2), 7);
  const int tca11103 = attnc_iadd(tca11000, tca11047);
  const int tca11443 = attnc_iadd(tca11103, tca10994);
  const int tca11337 = attnc_iadd(tca11000, tca10994);
  const int tca11349 = attnc_iadd(tca11337, tca11030);
  const int tca10968 = attnc_idiv(tca10960, 8);
  const int tca11013 = attnc_idiv(attnc_iadd(tca10968, 3), 7);
  const int tca7271 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tca11002 = attnc_idiv(attnc_iadd(tca7271, 2), 7);
  const int tca10997 = attnc_idiv(attnc_iadd(attnc_iadd(tca10964, tca7286), 4), 7);
  const int tca11109 = attnc_iadd(tca10997, tca11061);
  const int tca11492 = attnc_iadd(tca11109, tca10994);
  const int tca11101 = attnc_iadd(tca10997, tca11047);
  const int tca11441 = attnc_iadd(tca11101, tca10994);
  const int tca11334 = attnc_iadd(tca10997, tca10994);
  const int tca11346 = attnc_iadd(tca11334, tca11030);
  const int tca11475 = attnc_iadd(tca11061, tca10994);
  const int tca11496 = attnc_iadd(tca11475, tca11030);
  const int tca10965 = attnc_idiv(tca10962, 8);
  const int tca10992 = attnc_idiv(attnc_iadd(tca10965, 4), 7);
  const bool tca11514 = (((((((((((0 <= attnc_iadd(attnc_iadd(tca11042, tca10958), 1)) && (0 <= attnc_iadd(attnc_iadd(tca11068, tca7286), 1))) && (0 <= attnc_iadd(tca11494, tca11030))) && (0 <= attnc_iadd(tca11443, tca11030))) && (0 <= attnc_iadd(tca11349, tca11013))) && (0 <= attnc_iadd(tca11349, tca11002))) && (0 <= attnc_iadd(tca11492, tca11030))) && (0 <= attnc_iadd(tca11441, tca11030))) && (0 <= attnc_iadd(tca11346, tca11013))) && (0 <= attnc_iadd(tca11346, tca11002))) && (0 <= attnc_iadd(tca11496, tca10992)));
  const int tca7272 = attnc_idiv(kvhi, 56);
  const int tca10990 = attnc_idiv(attnc_iadd(tca7272, 4), 7);
  const int tca11424 = attnc_iadd(tca11047, tca10994);
  const int tca11445 = attnc_iadd(tca11424, tca11030);
  const int tca11095 = attnc_iadd(tca10994, tca11030);
  const int tca11343 = attnc_iadd(tca11095, tca10992);
  const int tca11052 = attnc_iadd(tca10987, tca7281);
  const int tca11020 = attnc_iadd(tca10964, tca10968);
  const bool tca11525 = (((((((((((tca11514 && (0 <= attnc_iadd(tca11496, tca10990))) && (0 <= attnc_iadd(tca11445, tca10992))) && (0 <= attnc_iadd(tca11445, tca10990))) && (0 <= attnc_iadd(tca11343, tca11013))) && (0 <= attnc_iadd(tca11343, tca11002))) && (0 <= attnc_iadd(attnc_iadd(tca11095, tca11013), tca10990))) && (0 <= attnc_iadd(attnc_iadd(tca11095, tca11002), tca10990))) && (0 <= attnc_iadd(tca11042, tca7281))) && (0 <= attnc_iadd(tca11052, tca7286))) && (0 <= attnc_iadd(attnc_iadd(tca10998, tca10968), 1))) && (0 <= attnc_iadd(attnc_iadd(tca11020, tca7286), 1)));
  const int tca11034 = attnc_iadd(tca10967, tca10965);
  const int tca11044 = attnc_idiv(attnc_iadd(tca11042, 4), 7);
  const int tca11464 = attnc_iadd(tca11044, tca11061);
  const int tca11413 = attnc_iadd(tca11044, tca11047);
  const int tca11326 = attnc_iadd(tca11044, tca10994);
  const int tca11070 = attnc_idiv(attnc_iadd(tca11068, 3), 7);
  const int tca11279 = attnc_iadd(tca11070, tca11000);
  const int tca11277 = attnc_iadd(tca11070, tca10997);
  const int tca11281 = attnc_iadd(tca11070, tca11030);
  const bool tca11535 = ((((((((((tca11525 && (0 <= attnc_iadd(attnc_iadd(tca11034, tca10958), 1))) && (0 <= attnc_iadd(attnc_iadd(tca11059, tca7272), 1))) && (0 <= attnc_iadd(tca11464, tca10994))) && (0 <= attnc_iadd(tca11413, tca10994))) && (0 <= attnc_iadd(tca11326, tca11013))) && (0 <= attnc_iadd(tca11326, tca11002))) && (0 <= attnc_iadd(tca11279, tca11030))) && (0 <= attnc_iadd(tca11277, tca11030))) && (0 <= attnc_iadd(tca11281, tca10992))) && (0 <= attnc_iadd(tca11281, tca10990)));
  const int tca11054 = attnc_idiv(attnc_iadd(tca11052, 2), 7);
  const int tca11250 = attnc_iadd(tca11054, tca11000);
  const int tca11248 = attnc_iadd(tca11054, tca10997);
  const int tca11252 = attnc_iadd(tca11054, tca11030);
  const int tca11041 = attnc_idiv(attnc_iadd(attnc_iadd(tca10987, tca7286), 4), 7);
  const int tca11462 = attnc_iadd(tca11041, tca11061);
  const int tca11411 = attnc_iadd(tca11041, tca11047);
  const int tca11323 = attnc_iadd(tca11041, tca10994);
  const int tca11022 = attnc_idiv(attnc_iadd(tca11020, 3), 7);
  const int tca11221 = attnc_iadd(tca11000, tca11022);
  const int tca11005 = attnc_iadd(tca10964, tca7271);
  const int tca11007 = attnc_idiv(attnc_iadd(tca11005, 2), 7);
  const int tca11192 = attnc_iadd(tca11000, tca11007);
  const bool tca11546 = (((((((((((tca11535 && (0 <= attnc_iadd(tca11250, tca11030))) && (0 <= attnc_iadd(tca11248, tca11030))) && (0 <= attnc_iadd(tca11252, tca10992))) && (0 <= attnc_iadd(tca11252, tca10990))) && (0 <= attnc_iadd(tca11462, tca10994))) && (0 <= attnc_iadd(tca11411, tca10994))) && (0 <= attnc_iadd(tca11323, tca11013))) && (0 <= attnc_iadd(tca11323, tca11002))) && (0 <= attnc_iadd(tca11221, tca11030))) && (0 <= attnc_iadd(tca11192, tca11030))) && (0 <= tca11494));
  const int tca11142 = attnc_iadd(tca11000, tca11030);
  const int tca10980 = attnc_idiv(attnc_iadd(tca10958, 3), 7);
  const int tca10976 = attnc_idiv(attnc_iadd(tca7281, 2), 7);
  const int tca11219 = attnc_iadd(tca11022, tca10997);
  const int tca11223 = attnc_iadd(tca11022, tca11030);
  const bool tca11557 = (((((((((((tca11546 && (0 <= attnc_iadd(tca11111, tca11030))) && (0 <= tca11443)) && (0 <= attnc_iadd(tca11103, tca11030))) && (0 <= attnc_iadd(tca11337, tca11013))) && (0 <= attnc_iadd(tca11337, tca11002))) && (0 <= attnc_iadd(tca11142, tca11013))) && (0 <= attnc_iadd(tca11142, tca10980))) && (0 <= attnc_iadd(tca11142, tca11002))) && (0 <= attnc_iadd(tca11142, tca10976))) && (0 <= attnc_iadd(tca11219, tca11030))) && (0 <= attnc_iadd(tca11223, tca10992)));
  const int tca11190 = attnc_iadd(tca11007, tca10997);
  const int tca11194 = attnc_iadd(tca11007, tca11030);
  const int tca11139 = attnc_iadd(tca10997, tca11030);
  const int tca11036 = attnc_idiv(attnc_iadd(tca11034, 4), 7);
  const int tca11460 = attnc_iadd(tca11036, tca11061);
  const int tca11409 = attnc_iadd(tca11036, tca11047);
  const int tca11320 = attnc_iadd(tca11036, tca10994);
  const int tca11033 = attnc_idiv(attnc_iadd(attnc_iadd(tca10967, tca7272), 4), 7);
  const int tca11458 = attnc_iadd(tca11061, tca11033);
  const int tca10974 = attnc_idiv(attnc_iadd(tca10959, 4), 7);
  const bool tca11578 = ((((((((((((0 <= attnc_iadd(tca11139, tca11013)) && (0 <= attnc_iadd(tca11139, tca10980))) && (0 <= attnc_iadd(tca11139, tca11002))) && (0 <= attnc_iadd(tca11139, tca10976))) && (0 <= attnc_iadd(tca11460, tca10994))) && (0 <= attnc_iadd(tca11409, tca10994))) && (0 <= attnc_iadd(tca11320, tca11013))) && (0 <= attnc_iadd(tca11320, tca11002))) && (0 <= attnc_iadd(tca11458, tca10994))) && (0 <= attnc_iadd(tca11475, tca10992))) && (0 <= attnc_iadd(tca11475, tca10974))) && (0 <= attnc_iadd(tca11475, tca10990)));
  const int tca10972 = attnc_idiv(attnc_iadd(tca7286, 4), 7);
  const int tca11466 = attnc_iadd(tca11061, tca11030);
  const int tca11407 = attnc_iadd(tca11047, tca11033);
  const int tca11415 = attnc_iadd(tca11047, tca11030);
  const int tca11317 = attnc_iadd(tca11033, tca10994);
  const bool tca11589 = (((((((((((tca11578 && (0 <= attnc_iadd(tca11475, tca10972))) && (0 <= attnc_iadd(tca11466, tca10992))) && (0 <= attnc_iadd(tca11466, tca10990))) && (0 <= attnc_iadd(tca11407, tca10994))) && (0 <= attnc_iadd(tca11424, tca10992))) && (0 <= attnc_iadd(tca11424, tca10974))) && (0 <= attnc_iadd(tca11424, tca10990))) && (0 <= attnc_iadd(tca11424, tca10972))) && (0 <= attnc_iadd(tca11415, tca10992))) && (0 <= attnc_iadd(tca11415, tca10990))) && (0 <= attnc_iadd(tca11317, tca11013)));
  const int tca11331 = attnc_iadd(tca10994, tca10992);
  const int tca11314 = attnc_iadd(tca10994, tca10974);
  const int tca11373 = attnc_iadd(tca10994, tca11013);
  const int tca11311 = attnc_iadd(tca10994, tca11002);
  const int tca11136 = attnc_iadd(tca11030, tca10992);
  const bool tca11600 = (((((((((((tca11589 && (0 <= attnc_iadd(tca11317, tca11002))) && (0 <= attnc_iadd(tca11331, tca11013))) && (0 <= attnc_iadd(tca11331, tca11002))) && (0 <= attnc_iadd(tca11314, tca11013))) && (0 <= attnc_iadd(tca11314, tca11002))) && (0 <= attnc_iadd(tca11373, tca10990))) && (0 <= attnc_iadd(tca11373, tca10972))) && (0 <= attnc_iadd(tca11311, tca10990))) && (0 <= attnc_iadd(tca11311, tca10972))) && (0 <= attnc_iadd(tca11136, tca11013))) && (0 <= attnc_iadd(tca11136, tca10980)));
  const bool tca11611 = (((((((((((tca11600 && (0 <= attnc_iadd(tca11136, tca11002))) && (0 <= attnc_iadd(tca11136, tca10976))) && (0 <= attnc_iadd(attnc_iadd(tca11030, tca11013), tca10990))) && (0 <= attnc_iadd(attnc_iadd(tca11030, tca10980), tca10990))) && (0 <= attnc_iadd(attnc_iadd(tca11030, tca11002), tca10990))) && (0 <= attnc_iadd(attnc_iadd(tca11030, tca10976), tca10990))) && (0 <= attnc_iadd(tca10987, 6))) && (0 <= attnc_iadd(tca10998, tca7271))) && (0 <= attnc_iadd(tca11005, tca7286))) && (0 <= attnc_iadd(tca11034, tca7281))) && (0 <= attnc_iadd(tca11045, tca7272)));
  const bool tca11621 = ((((((((((tca11611 && (0 <= attnc_iadd(attnc_iadd(tca10965, tca10968), 1))) && (0 <= attnc_iadd(attnc_iadd(tca10959, tca10958), 1))) && (0 <= attnc_iadd(attnc_iadd(tca10968, tca7272), 1))) && (0 <= attnc_iadd(attnc_iadd(tca10958, tca7286), 1))) && (0 <= attnc_iadd(tca11044, tca11070))) && (0 <= attnc_iadd(tca11044, tca11054))) && (0 <= attnc_iadd(tca11044, tca11022))) && (0 <= attnc_iadd(tca11044, tca11007))) && (0 <= tca11464)) && (0 <= tca11413));
  const bool tca11724 = (((((((((((tca11557 && (0 <= attnc_iadd(tca11223, tca10990))) && (0 <= attnc_iadd(tca11190, tca11030))) && (0 <= attnc_iadd(tca11194, tca10992))) && (0 <= attnc_iadd(tca11194, tca10990))) && (0 <= tca11492)) && (0 <= attnc_iadd(tca11109, tca11030))) && (0 <= tca11441)) && (0 <= attnc_iadd(tca11101, tca11030))) && (0 <= attnc_iadd(tca11334, tca11013))) && (0 <= attnc_iadd(tca11334, tca11002))) && (((((((((tca11621 && (0 <= attnc_iadd(tca11044, tca11013))) && (0 <= attnc_iadd(tca11044, tca10980))) && (0 <= attnc_iadd(tca11044, tca11002))) && (0 <= attnc_iadd(tca11044, tca10976))) && (0 <= attnc_iadd(tca11070, tca11041))) && (0 <= tca11279)) && (0 <= tca11277)) && (0 <= attnc_iadd(tca11070, tca11036))) && (0 <= attnc_iadd(tca11070, tca11033))));
  const bool tca11641 = ((((((((((((0 <= attnc_iadd(tca11070, tca10992)) && (0 <= attnc_iadd(tca11070, tca10974))) && (0 <= attnc_iadd(tca11070, tca10990))) && (0 <= attnc_iadd(tca11070, tca10972))) && (0 <= attnc_iadd(tca11054, tca11041))) && (0 <= tca11250)) && (0 <= tca11248)) && (0 <= attnc_iadd(tca11054, tca11036))) && (0 <= attnc_iadd(tca11054, tca11033))) && (0 <= attnc_iadd(tca11054, tca10992))) && (0 <= attnc_iadd(tca11054, tca10974))) && (0 <= attnc_iadd(tca11054, tca10990)));
  const bool tca11652 = (((((((((((tca11641 && (0 <= attnc_iadd(tca11054, tca10972))) && (0 <= attnc_iadd(tca11041, tca11022))) && (0 <= attnc_iadd(tca11041, tca11007))) && (0 <= tca11462)) && (0 <= tca11411)) && (0 <= attnc_iadd(tca11041, tca11013))) && (0 <= attnc_iadd(tca11041, tca10980))) && (0 <= attnc_iadd(tca11041, tca11002))) && (0 <= attnc_iadd(tca11041, tca10976))) && (0 <= tca11221)) && (0 <= tca11192));
  const bool tca11664 = ((((((((((((tca11652 && (0 <= tca11111)) && (0 <= tca11103)) && (0 <= attnc_iadd(tca11000, tca11013))) && (0 <= attnc_iadd(tca11000, tca10980))) && (0 <= attnc_iadd(tca11000, tca11002))) && (0 <= attnc_iadd(tca11000, tca10976))) && (0 <= tca11219)) && (0 <= attnc_iadd(tca11022, tca11036))) && (0 <= attnc_iadd(tca11022, tca11033))) && (0 <= attnc_iadd(tca11022, tca10992))) && (0 <= attnc_iadd(tca11022, tca10974))) && (0 <= attnc_iadd(tca11022, tca10990)));
  const bool tca11675 = (((((((((((tca11664 && (0 <= attnc_iadd(tca11022, tca10972))) && (0 <= tca11190)) && (0 <= attnc_iadd(tca11007, tca11036))) && (0 <= attnc_iadd(tca11007, tca11033))) && (0 <= attnc_iadd(tca11007, tca10992))) && (0 <= attnc_iadd(tca11007, tca10974))) && (0 <= attnc_iadd(tca11007, tca10990))) && (0 <= attnc_iadd(tca11007, tca10972))) && (0 <= tca11109)) && (0 <= tca11101)) && (0 <= attnc_iadd(tca10997, tca11013)));
  const bool tca11686 = (((((((((((tca11675 && (0 <= attnc_iadd(tca10997, tca10980))) && (0 <= attnc_iadd(tca10997, tca11002))) && (0 <= attnc_iadd(tca10997, tca10976))) && (0 <= tca11460)) && (0 <= tca11409)) && (0 <= attnc_iadd(tca11036, tca11013))) && (0 <= attnc_iadd(tca11036, tca10980))) && (0 <= attnc_iadd(tca11036, tca11002))) && (0 <= attnc_iadd(tca11036, tca10976))) && (0 <= tca11458)) && (0 <= attnc_iadd(tca11061, tca10992)));
  const bool tca11704 = ((((((((((((0 <= attnc_iadd(tca11047, tca10972)) && (0 <= attnc_iadd(tca11033, tca11013))) && (0 <= attnc_iadd(tca11033, tca10980))) && (0 <= attnc_iadd(tca11033, tca11002))) && (0 <= attnc_iadd(tca11033, tca10976))) && (0 <= tca11095)) && (0 <= tca10987)) && (0 <= attnc_iadd(tca10992, tca11013))) && (0 <= attnc_iadd(tca10992, tca10980))) && (0 <= attnc_iadd(tca10992, tca11002))) && (0 <= attnc_iadd(tca10992, tca10976))) && (0 <= attnc_iadd(tca10974, tca11013)));
  const bool tca11715 = (((((((((((tca11704 && (0 <= attnc_iadd(tca10974, tca10980))) && (0 <= attnc_iadd(tca10974, tca11002))) && (0 <= attnc_iadd(tca10974, tca10976))) && (0 <= attnc_iadd(tca11013, tca10990))) && (0 <= attnc_iadd(tca11013, tca10972))) && (0 <= attnc_iadd(tca10980, tca10990))) && (0 <= attnc_iadd(tca10980, tca10972))) && (0 <= attnc_iadd(tca11002, tca10990))) && (0 <= attnc_iadd(tca11002, tca10972))) && (0 <= attnc_iadd(tca10976, tca10990))) && (0 <= attnc_iadd(tca10976, tca10972)));
  return (tca11724 && ((((((((tca11686 && (0 <= attnc_iadd(tca11061, tca10974))) && (0 <= attnc_iadd(tca11061, tca10990))) && (0 <= attnc_iadd(tca11061, tca10972))) && (0 <= tca11407)) && (0 <= attnc_iadd(tca11047, tca10992))) && (0 <= attnc_iadd(tca11047, tca10974))) && (0 <= attnc_iadd(tca11047, tca10990))) && ((((((((tca11715 && (0 <= attnc_iadd(tca10962, tca10960))) && (0 <= attnc_iadd(tca10955, tca10953))) && (0 <= attnc_iadd(tca10965, tca7271))) && (0 <= attnc_iadd(tca10959, tca7281))) && (0 <= attnc_iadd(tca7271, tca7272))) && (0 <= attnc_iadd(tca7281, tca7286))) && (0 <= tca10994)) && (0 <= tca11030))));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf7271 = attnc_idiv(attnc_isub(55, kvlo), 56);
  const int tcf11002 = attnc_idiv(attnc_iadd(tcf7271, 2), 7);
  const int tcf7272 = attnc_idiv(kvhi, 56);
  const int tcf10990 = attnc_idiv(attnc_iadd(tcf7272, 4), 7);
  const int tcf7281 = attnc_idiv(attnc_isub(55, qlo), 56);
  const int tcf10976 = attnc_idiv(attnc_iadd(tcf7281, 2), 7);
  const int tcf7286 = attnc_idiv(qhi, 56);
  const int tcf10972 = attnc_idiv(attnc_iadd(tcf7286, 4), 7);
  const bool tcf7298 = (0 <= attnc_iadd(tcf7271, tcf7272));
  const bool tcf7381 = (0 <= attnc_iadd(tcf7281, tcf7286));
  const bool tcf11730 = ((((0 <= attnc_iadd(tcf11002, tcf10990)) && (0 <= attnc_iadd(tcf10976, tcf10972))) && tcf7298) && tcf7381);
  const int tcf10962 = attnc_idiv(attnc_iadd(kvhi, 4), 7);
  const int tcf10965 = attnc_idiv(tcf10962, 8);
  const int tcf10960 = attnc_idiv(attnc_isub(2, kvlo), 7);
  const int tcf10968 = attnc_idiv(tcf10960, 8);
  const bool tcf11019 = (0 <= attnc_iadd(attnc_iadd(tcf10965, tcf10968), 1));
  const int tcf10955 = attnc_idiv(attnc_iadd(qhi, 4), 7);
  const int tcf10959 = attnc_idiv(tcf10955, 8);
  const int tcf10953 = attnc_idiv(attnc_isub(2, qlo), 7);
  const int tcf10958 = attnc_idiv(tcf10953, 8);
  const bool tcf10986 = (0 <= attnc_iadd(attnc_iadd(tcf10959, tcf10958), 1));
  const bool tcf11016 = (0 <= attnc_iadd(attnc_iadd(tcf10968, tcf7272), 1));
  const bool tcf10983 = (0 <= attnc_iadd(attnc_iadd(tcf10958, tcf7286), 1));
  const int tcf11736 = attnc_imul(8, tcf7286);
  const int tcf11743 = attnc_imul(8, tcf10959);
  const int tcf11739 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf10962, tcf10953), tcf11736), 7), 8);
  const int tcf11747 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf10962, tcf11743), tcf10953), 7), 8);
  const int tcf11735 = attnc_idiv(attnc_iadd(tcf10962, 7), 8);
  const bool tcf10970 = (0 <= attnc_iadd(tcf10962, tcf10960));
  const bool tcf10957 = (0 <= attnc_iadd(tcf10955, tcf10953));
  const bool tcf11004 = (0 <= attnc_iadd(tcf10965, tcf7271));
  const bool tcf10978 = (0 <= attnc_iadd(tcf10959, tcf7281));
  const bool tcf11775 = (((((((((((((tcf11019 && tcf10986) && tcf11016) && tcf10983) && (0 <= attnc_iadd(attnc_iadd(tcf10953, tcf11736), 7))) && (0 <= attnc_iadd(attnc_iadd(tcf11743, tcf10953), 7))) && (0 <= attnc_iadd(tcf11739, tcf10968))) && (0 <= attnc_iadd(tcf11747, tcf10968))) && (0 <= attnc_iadd(tcf11735, tcf10968))) && tcf10970) && tcf10957) && tcf11004) && tcf10978) && tcf7298);
  const int tcf11787 = attnc_iadd(tcf10955, attnc_imul(8, tcf10958));
  const int tcf11790 = attnc_idiv(attnc_iadd(attnc_iadd(tcf11787, tcf10960), 7), 8);
  const int tcf11781 = attnc_idiv(attnc_iadd(tcf10960, 7), 8);
  const bool tcf11817 = ((((((((((((0 <= attnc_iadd(tcf11787, 7)) && tcf11019) && tcf10986) && tcf11016) && tcf10983) && (0 <= attnc_iadd(tcf11790, tcf10965))) && (0 <= attnc_iadd(tcf11790, tcf7272))) && (0 <= attnc_iadd(tcf11781, tcf10965))) && (0 <= attnc_iadd(tcf11781, tcf7272))) && tcf10970) && tcf10957) && tcf11004);
  const int tcf11782 = attnc_imul(8, tcf7281);
  const int tcf11785 = attnc_idiv(attnc_iadd(attnc_iadd(attnc_iadd(tcf10955, tcf10960), tcf11782), 7), 8);
  return (!((((tcf11730 && (0 < attnc_iadd(tcf10976, tcf10990))) || (tcf11730 && (0 < attnc_iadd(tcf11002, tcf10972)))) || ((((tcf11775 && tcf7381) && (0 < attnc_iadd(tcf11739, tcf7271))) && (0 < attnc_iadd(tcf11747, tcf7271))) && (0 < attnc_iadd(tcf11735, tcf7271)))) || ((((((tcf11817 && tcf10978) && tcf7298) && tcf7381) && (0 < attnc_iadd(tcf11785, tcf10965))) && (0 < attnc_iadd(tcf11785, tcf7272))) && (0 < attnc_iadd(tcf10955, tcf11782)))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl10953 = attnc_idiv(attnc_isub(2, qlo), 7);
    const int tkl11828 = attnc_imul(7, tkl10953);
    const int tkl8639 = attnc_imul(56, attnc_idiv(attnc_isub(55, qlo), 56));
    const int tkl11883 = attnc_imul(56, attnc_idiv(tkl10953, 8));
    lo = max(max(max(max(max(max(max(max(max(0, attnc_isub(0, attnc_iadd(tkl11828, 340))), attnc_isub(0, attnc_iadd(tkl8639, 336))), attnc_isub(0, attnc_iadd(tkl8639, 340))), attnc_isub(0, attnc_iadd(tkl11883, 392))), attnc_isub(0, attnc_iadd(tkl11883, 396))), attnc_isub(0, attnc_iadd(tkl11828, 395))), attnc_isub(0, attnc_iadd(tkl11828, 399))), attnc_isub(0, attnc_iadd(tkl11828, 398))), attnc_isub(0, attnc_iadd(tkl11828, 402)));
  }
  {
    const int tkh10955 = attnc_idiv(attnc_iadd(qhi, 4), 7);
    const int tkh11833 = attnc_imul(7, tkh10955);
    const int tkh8563 = attnc_imul(56, attnc_idiv(qhi, 56));
    const int tkh11839 = attnc_imul(56, attnc_idiv(tkh10955, 8));
    hi = min(min(min(min(min(min(min(min(min(attnc_isub(attnc_kv_len(p, b), 1), attnc_iadd(tkh11833, 338)), attnc_iadd(tkh8563, 391)), attnc_iadd(tkh11839, 391)), attnc_iadd(tkh11833, 393)), attnc_iadd(tkh11833, 397)), attnc_iadd(tkh8563, 394)), attnc_iadd(tkh11839, 394)), attnc_iadd(tkh11833, 396)), attnc_iadd(tkh11833, 400));
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

}  // namespace attnc_swin_shifted_window

extern "C" int attnc_swin_shifted_window_forward_varlen(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_bias, const int* q_lens, const int* kv_lens, cudaStream_t stream) {
  using namespace attnc_swin_shifted_window;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o || !in_bias) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (!generated_head_dim(D)) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4) || misaligned(in_bias, 4) || misaligned(q_lens, 4) || misaligned(kv_lens, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale, in_bias};
  p.q_lens = q_lens;
  p.kv_lens = kv_lens;
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
  const int rc = dtype == ATTNC_DTYPE_BF16 ? dispatch<__nv_bfloat16>(p, stream) : dispatch<__half>(p, stream);
  return rc;
}

extern "C" int attnc_swin_shifted_window_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_bias, cudaStream_t stream) {
  return attnc_swin_shifted_window_forward_varlen(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, in_bias, nullptr, nullptr, stream);
}

extern "C" int attnc_swin_shifted_window_skeleton(int D) {
  using namespace attnc_swin_shifted_window;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if (((D == 64 && sm90_plan_available(ATTNC_SM90_D64_PRODUCER)) || (D == 128 && sm90_plan_available(ATTNC_SM90_D128_PRODUCER))) && sm90_available()) return 90;
#endif
  return 80;
}

extern "C" int attnc_swin_shifted_window_merge(const float* o_parts, const float* lse_parts, int n_parts, int64_t rows, int dv,
    float* o, float* lse, cudaStream_t stream) {
  using namespace attnc_swin_shifted_window;
  if (!o_parts || !lse_parts || !o || !lse) return ATTNC_ERR_NULL_POINTER;
  if (n_parts < 1 || rows < 0 || dv < 1 || rows > (int64_t)8 * 0x7fffffff) return ATTNC_ERR_SIZE;
  if ((reinterpret_cast<uintptr_t>(o_parts) | reinterpret_cast<uintptr_t>(lse_parts) | reinterpret_cast<uintptr_t>(o) |
       reinterpret_cast<uintptr_t>(lse)) % 4 != 0) return ATTNC_ERR_ALIGNMENT;
  if (rows == 0) return ATTNC_OK;
  return launch_checked(reinterpret_cast<const void*>(merge_kernel), dim3((unsigned)((rows + 7) / 8)), 256, 0, stream,
                        o_parts, lse_parts, n_parts, rows, dv, o, lse);
}