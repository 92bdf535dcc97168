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
  const int tm9450 = attnc_isub(tr207, attnc_idiv(kv, 64));
  const bool tmd9480 = (((((((((((((tm9450 == 1) || (tm9450 == 2)) || (tm9450 == 4)) || (tm9450 == 8)) || (tm9450 == 16)) || (tm9450 == 32)) || (tm9450 == 64)) || (tm9450 == 128)) || (tm9450 == 256)) || (tm9450 == 512)) || (tm9450 == 1024)) || (tm9450 == 2048)) || (tm9450 == 4096));
  const bool tmd9515 = ((((((((((((tmd9480 || (tm9450 == 8192)) || (tm9450 == 16384)) || (tm9450 == 32768)) || (tm9450 == 65536)) || (tm9450 == 131072)) || (tm9450 == 262144)) || (tm9450 == 524288)) || (tm9450 == 1048576)) || (tm9450 == 2097152)) || (tm9450 == 4194304)) || (tm9450 == 8388608)) || (tm9450 == 16777216));
  return ((kv <= q) && ((tm9450 < 1) || ((((((tmd9515 || (tm9450 == 33554432)) || (tm9450 == 67108864)) || (tm9450 == 134217728)) || (tm9450 == 268435456)) || (tm9450 == 536870912)) || (tm9450 == 1073741824))));
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
  const bool tca9538 = (0 <= attnc_iadd(attnc_imul(64, tca216), qhi));
  const bool tca18 = (kvlo <= qhi);
  const bool tca9928 = (((((((((((0 <= attnc_iadd(tca220, 2)) && (0 <= attnc_iadd(tca218, 2))) && (0 <= attnc_iadd(tca224, 2))) && (0 <= attnc_iadd(tca213, 2))) && tca221) && tca219) && tca214) && tca9538) && tca18) || ((((((((((0 <= attnc_iadd(tca220, 4)) && (0 <= attnc_iadd(tca218, 4))) && (0 <= attnc_iadd(tca224, 4))) && (0 <= attnc_iadd(tca213, 4))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (3 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 8)) && (0 <= attnc_iadd(tca218, 8))) && (0 <= attnc_iadd(tca224, 8))) && (0 <= attnc_iadd(tca213, 8))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (7 < tca218)));
  const bool tca9930 = ((tca9928 || ((((((((((0 <= attnc_iadd(tca220, 16)) && (0 <= attnc_iadd(tca218, 16))) && (0 <= attnc_iadd(tca224, 16))) && (0 <= attnc_iadd(tca213, 16))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (15 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 32)) && (0 <= attnc_iadd(tca218, 32))) && (0 <= attnc_iadd(tca224, 32))) && (0 <= attnc_iadd(tca213, 32))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (31 < tca218)));
  const bool tca9932 = ((tca9930 || ((((((((((0 <= attnc_iadd(tca220, 64)) && (0 <= attnc_iadd(tca218, 64))) && (0 <= attnc_iadd(tca224, 64))) && (0 <= attnc_iadd(tca213, 64))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (63 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 128)) && (0 <= attnc_iadd(tca218, 128))) && (0 <= attnc_iadd(tca224, 128))) && (0 <= attnc_iadd(tca213, 128))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (127 < tca218)));
  const bool tca9934 = ((tca9932 || ((((((((((0 <= attnc_iadd(tca220, 256)) && (0 <= attnc_iadd(tca218, 256))) && (0 <= attnc_iadd(tca224, 256))) && (0 <= attnc_iadd(tca213, 256))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (255 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 512)) && (0 <= attnc_iadd(tca218, 512))) && (0 <= attnc_iadd(tca224, 512))) && (0 <= attnc_iadd(tca213, 512))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (511 < tca218)));
  const bool tca9936 = ((tca9934 || ((((((((((0 <= attnc_iadd(tca220, 1024)) && (0 <= attnc_iadd(tca218, 1024))) && (0 <= attnc_iadd(tca224, 1024))) && (0 <= attnc_iadd(tca213, 1024))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (1023 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 2048)) && (0 <= attnc_iadd(tca218, 2048))) && (0 <= attnc_iadd(tca224, 2048))) && (0 <= attnc_iadd(tca213, 2048))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (2047 < tca218)));
  const bool tca9938 = ((tca9936 || ((((((((((0 <= attnc_iadd(tca220, 4096)) && (0 <= attnc_iadd(tca218, 4096))) && (0 <= attnc_iadd(tca224, 4096))) && (0 <= attnc_iadd(tca213, 4096))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (4095 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 8192)) && (0 <= attnc_iadd(tca218, 8192))) && (0 <= attnc_iadd(tca224, 8192))) && (0 <= attnc_iadd(tca213, 8192))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (8191 < tca218)));
  const bool tca9940 = ((tca9938 || ((((((((((0 <= attnc_iadd(tca220, 16384)) && (0 <= attnc_iadd(tca218, 16384))) && (0 <= attnc_iadd(tca224, 16384))) && (0 <= attnc_iadd(tca213, 16384))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (16383 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 32768)) && (0 <= attnc_iadd(tca218, 32768))) && (0 <= attnc_iadd(tca224, 32768))) && (0 <= attnc_iadd(tca213, 32768))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (32767 < tca218)));
  const bool tca9942 = ((tca9940 || ((((((((((0 <= attnc_iadd(tca220, 65536)) && (0 <= attnc_iadd(tca218, 65536))) && (0 <= attnc_iadd(tca224, 65536))) && (0 <= attnc_iadd(tca213, 65536))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (65535 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 131072)) && (0 <= attnc_iadd(tca218, 131072))) && (0 <= attnc_iadd(tca224, 131072))) && (0 <= attnc_iadd(tca213, 131072))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (131071 < tca218)));
  const bool tca9944 = ((tca9942 || ((((((((((0 <= attnc_iadd(tca220, 262144)) && (0 <= attnc_iadd(tca218, 262144))) && (0 <= attnc_iadd(tca224, 262144))) && (0 <= attnc_iadd(tca213, 262144))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (262143 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 524288)) && (0 <= attnc_iadd(tca218, 524288))) && (0 <= attnc_iadd(tca224, 524288))) && (0 <= attnc_iadd(tca213, 524288))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (524287 < tca218)));
  return ((tca9944 || ((((((((((0 <= attnc_iadd(tca220, 1048576)) && (0 <= attnc_iadd(tca218, 1048576))) && (0 <= attnc_iadd(tca224, 1048576))) && (0 <= attnc_iadd(tca213, 1048576))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (1048575 < tca218))) || ((((((((((0 <= attnc_iadd(tca220, 2097152)) && (0 <= attnc_iadd(tca218, 2097152))) && (0 <= attnc_iadd(tca224, 2097152))) && (0 <= attnc_iadd(tca213, 2097152))) && tca221) && tca219) && tca214) && tca9538) && tca18) && (2097151 < tca218)));
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
  const bool tcf10154 = (((((((((qlo < kvhi) || ((((0 <= attnc_iadd(tcf224, 3)) && tcf221) && tcf214) && (2 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 7)) && (0 <= attnc_iadd(tcf213, 2))) && tcf221) && tcf214) && (4 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 15)) && (0 <= attnc_iadd(tcf213, 6))) && tcf221) && tcf214) && (8 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 31)) && (0 <= attnc_iadd(tcf213, 14))) && tcf221) && tcf214) && (16 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 63)) && (0 <= attnc_iadd(tcf213, 30))) && tcf221) && tcf214) && (32 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 127)) && (0 <= attnc_iadd(tcf213, 62))) && tcf221) && tcf214) && (64 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 255)) && (0 <= attnc_iadd(tcf213, 126))) && tcf221) && tcf214) && (128 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 511)) && (0 <= attnc_iadd(tcf213, 254))) && tcf221) && tcf214) && (256 < tcf218)));
  const bool tcf10161 = (((((((tcf10154 || (((((0 <= attnc_iadd(tcf224, 1023)) && (0 <= attnc_iadd(tcf213, 510))) && tcf221) && tcf214) && (512 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 2047)) && (0 <= attnc_iadd(tcf213, 1022))) && tcf221) && tcf214) && (1024 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 4095)) && (0 <= attnc_iadd(tcf213, 2046))) && tcf221) && tcf214) && (2048 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 8191)) && (0 <= attnc_iadd(tcf213, 4094))) && tcf221) && tcf214) && (4096 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 16383)) && (0 <= attnc_iadd(tcf213, 8190))) && tcf221) && tcf214) && (8192 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 32767)) && (0 <= attnc_iadd(tcf213, 16382))) && tcf221) && tcf214) && (16384 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 65535)) && (0 <= attnc_iadd(tcf213, 32766))) && tcf221) && tcf214) && (32768 < tcf218)));
  return (!((((((tcf10161 || (((((0 <= attnc_iadd(tcf224, 131071)) && (0 <= attnc_iadd(tcf213, 65534))) && tcf221) && tcf214) && (65536 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 262143)) && (0 <= attnc_iadd(tcf213, 131070))) && tcf221) && tcf214) && (131072 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 524287)) && (0 <= attnc_iadd(tcf213, 262142))) && tcf221) && tcf214) && (262144 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 1048575)) && (0 <= attnc_iadd(tcf213, 524286))) && tcf221) && tcf214) && (524288 < tcf218))) || (((((0 <= attnc_iadd(tcf224, 2097151)) && (0 <= attnc_iadd(tcf213, 1048574))) && tcf221) && tcf214) && (1048576 < tcf218))) || ((((0 <= attnc_iadd(tcf213, 2097150)) && tcf221) && tcf214) && (2097152 < tcf218))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl211 = attnc_idiv(attnc_isub(63, qlo), 64);
    const int tkl212 = attnc_idiv(qhi, 64);
    const bool tkl214 = (0 <= attnc_iadd(tkl211, tkl212));
    const int tkl10169 = attnc_imul(64, tkl211);
    const int tkl10171 = attnc_isub(0, attnc_iadd(tkl10169, 128));
    const int tkl24 = attnc_isub(attnc_kv_len(p, b), 1);
    const int tkl229 = attnc_imul(64, tkl212);
    const int tkl230 = attnc_iadd(tkl229, 63);
    const int tkl10181 = attnc_isub(tkl229, 193);
    const int tkl10184 = attnc_isub(0, attnc_iadd(tkl10169, 256));
    const int tkl10197 = attnc_isub(tkl229, 449);
    const int tkl10200 = attnc_isub(0, attnc_iadd(tkl10169, 512));
    const int tkl10213 = attnc_isub(tkl229, 961);
    const int tkl10216 = attnc_isub(0, attnc_iadd(tkl10169, 1024));
    const int tkl10229 = attnc_isub(tkl229, 1985);
    const int tkl10232 = attnc_isub(0, attnc_iadd(tkl10169, 2048));
    const int tkl10245 = attnc_isub(tkl229, 4033);
    const int tkl10248 = attnc_isub(0, attnc_iadd(tkl10169, 4096));
    const int tkl10261 = attnc_isub(tkl229, 8129);
    const int tkl10264 = attnc_isub(0, attnc_iadd(tkl10169, 8192));
    const int tkl10577 = min(min(min(min(min(min(((((tkl214 && (tkl10171 <= tkl24)) && (tkl10171 <= qhi)) && (tkl10171 <= tkl230)) ? max(0, tkl10171) : attnc_kv_len(p, b)), ((((((tkl214 && (0 <= tkl10181)) && (tkl10184 <= tkl24)) && (tkl10184 <= qhi)) && (tkl10184 <= tkl230)) && (tkl10184 <= tkl10181)) ? max(0, tkl10184) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10197)) && (tkl10200 <= tkl24)) && (tkl10200 <= qhi)) && (tkl10200 <= tkl230)) && (tkl10200 <= tkl10197)) ? max(0, tkl10200) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10213)) && (tkl10216 <= tkl24)) && (tkl10216 <= qhi)) && (tkl10216 <= tkl230)) && (tkl10216 <= tkl10213)) ? max(0, tkl10216) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10229)) && (tkl10232 <= tkl24)) && (tkl10232 <= qhi)) && (tkl10232 <= tkl230)) && (tkl10232 <= tkl10229)) ? max(0, tkl10232) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10245)) && (tkl10248 <= tkl24)) && (tkl10248 <= qhi)) && (tkl10248 <= tkl230)) && (tkl10248 <= tkl10245)) ? max(0, tkl10248) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10261)) && (tkl10264 <= tkl24)) && (tkl10264 <= qhi)) && (tkl10264 <= tkl230)) && (tkl10264 <= tkl10261)) ? max(0, tkl10264) : attnc_kv_len(p, b)));
    const int tkl10277 = attnc_isub(tkl229, 16321);
    const int tkl10280 = attnc_isub(0, attnc_iadd(tkl10169, 16384));
    const int tkl10293 = attnc_isub(tkl229, 32705);
    const int tkl10296 = attnc_isub(0, attnc_iadd(tkl10169, 32768));
    const int tkl10309 = attnc_isub(tkl229, 65473);
    const int tkl10312 = attnc_isub(0, attnc_iadd(tkl10169, 65536));
    const int tkl10325 = attnc_isub(tkl229, 131009);
    const int tkl10328 = attnc_isub(0, attnc_iadd(tkl10169, 131072));
    const int tkl10341 = attnc_isub(tkl229, 262081);
    const int tkl10344 = attnc_isub(0, attnc_iadd(tkl10169, 262144));
    const int tkl10357 = attnc_isub(tkl229, 524225);
    const int tkl10360 = attnc_isub(0, attnc_iadd(tkl10169, 524288));
    const int tkl10583 = min(min(min(min(min(min(tkl10577, ((((((tkl214 && (0 <= tkl10277)) && (tkl10280 <= tkl24)) && (tkl10280 <= qhi)) && (tkl10280 <= tkl230)) && (tkl10280 <= tkl10277)) ? max(0, tkl10280) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10293)) && (tkl10296 <= tkl24)) && (tkl10296 <= qhi)) && (tkl10296 <= tkl230)) && (tkl10296 <= tkl10293)) ? max(0, tkl10296) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10309)) && (tkl10312 <= tkl24)) && (tkl10312 <= qhi)) && (tkl10312 <= tkl230)) && (tkl10312 <= tkl10309)) ? max(0, tkl10312) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10325)) && (tkl10328 <= tkl24)) && (tkl10328 <= qhi)) && (tkl10328 <= tkl230)) && (tkl10328 <= tkl10325)) ? max(0, tkl10328) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10341)) && (tkl10344 <= tkl24)) && (tkl10344 <= qhi)) && (tkl10344 <= tkl230)) && (tkl10344 <= tkl10341)) ? max(0, tkl10344) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10357)) && (tkl10360 <= tkl24)) && (tkl10360 <= qhi)) && (tkl10360 <= tkl230)) && (tkl10360 <= tkl10357)) ? max(0, tkl10360) : attnc_kv_len(p, b)));
    const int tkl10373 = attnc_isub(tkl229, 1048513);
    const int tkl10376 = attnc_isub(0, attnc_iadd(tkl10169, 1048576));
    const int tkl10389 = attnc_isub(tkl229, 2097089);
    const int tkl10392 = attnc_isub(0, attnc_iadd(tkl10169, 2097152));
    const int tkl10405 = attnc_isub(tkl229, 4194241);
    const int tkl10408 = attnc_isub(0, attnc_iadd(tkl10169, 4194304));
    const int tkl10421 = attnc_isub(tkl229, 8388545);
    const int tkl10424 = attnc_isub(0, attnc_iadd(tkl10169, 8388608));
    const int tkl10437 = attnc_isub(tkl229, 16777153);
    const int tkl10440 = attnc_isub(0, attnc_iadd(tkl10169, 16777216));
    const int tkl10453 = attnc_isub(tkl229, 33554369);
    const int tkl10456 = attnc_isub(0, attnc_iadd(tkl10169, 33554432));
    const int tkl10589 = min(min(min(min(min(min(tkl10583, ((((((tkl214 && (0 <= tkl10373)) && (tkl10376 <= tkl24)) && (tkl10376 <= qhi)) && (tkl10376 <= tkl230)) && (tkl10376 <= tkl10373)) ? max(0, tkl10376) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10389)) && (tkl10392 <= tkl24)) && (tkl10392 <= qhi)) && (tkl10392 <= tkl230)) && (tkl10392 <= tkl10389)) ? max(0, tkl10392) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10405)) && (tkl10408 <= tkl24)) && (tkl10408 <= qhi)) && (tkl10408 <= tkl230)) && (tkl10408 <= tkl10405)) ? max(0, tkl10408) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10421)) && (tkl10424 <= tkl24)) && (tkl10424 <= qhi)) && (tkl10424 <= tkl230)) && (tkl10424 <= tkl10421)) ? max(0, tkl10424) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10437)) && (tkl10440 <= tkl24)) && (tkl10440 <= qhi)) && (tkl10440 <= tkl230)) && (tkl10440 <= tkl10437)) ? max(0, tkl10440) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10453)) && (tkl10456 <= tkl24)) && (tkl10456 <= qhi)) && (tkl10456 <= tkl230)) && (tkl10456 <= tkl10453)) ? max(0, tkl10456) : attnc_kv_len(p, b)));
    const int tkl10469 = attnc_isub(tkl229, 67108801);
    const int tkl10472 = attnc_isub(0, attnc_iadd(tkl10169, 67108864));
    const int tkl10485 = attnc_isub(tkl229, 134217665);
    const int tkl10488 = attnc_isub(0, attnc_iadd(tkl10169, 134217728));
    const int tkl10549 = (tkl214 ? 0 : attnc_kv_len(p, b));
    const int tkl10595 = min(min(min(min(min(min(tkl10589, ((((((tkl214 && (0 <= tkl10469)) && (tkl10472 <= tkl24)) && (tkl10472 <= qhi)) && (tkl10472 <= tkl230)) && (tkl10472 <= tkl10469)) ? max(0, tkl10472) : attnc_kv_len(p, b))), ((((((tkl214 && (0 <= tkl10485)) && (tkl10488 <= tkl24)) && (tkl10488 <= qhi)) && (tkl10488 <= tkl230)) && (tkl10488 <= tkl10485)) ? max(0, tkl10488) : attnc_kv_len(p, b))), tkl10549), tkl10549), tkl10549), tkl10549);
    lo = min(tkl10595, tkl10549);
  }
  {
    const int tkh211 = attnc_idiv(attnc_isub(63, qlo), 64);
    const int tkh212 = attnc_idiv(qhi, 64);
    const bool tkh214 = (0 <= attnc_iadd(tkh211, tkh212));
    const int tkh10169 = attnc_imul(64, tkh211);
    const int tkh10171 = attnc_isub(0, attnc_iadd(tkh10169, 128));
    const int tkh24 = attnc_isub(attnc_kv_len(p, b), 1);
    const int tkh229 = attnc_imul(64, tkh212);
    const int tkh230 = attnc_iadd(tkh229, 63);
    const int tkh10179 = min(min(tkh24, qhi), tkh230);
    const int tkh10181 = attnc_isub(tkh229, 193);
    const int tkh10184 = attnc_isub(0, attnc_iadd(tkh10169, 256));
    const int tkh10197 = attnc_isub(tkh229, 449);
    const int tkh10200 = attnc_isub(0, attnc_iadd(tkh10169, 512));
    const int tkh10213 = attnc_isub(tkh229, 961);
    const int tkh10216 = attnc_isub(0, attnc_iadd(tkh10169, 1024));
    const int tkh10229 = attnc_isub(tkh229, 1985);
    const int tkh10232 = attnc_isub(0, attnc_iadd(tkh10169, 2048));
    const int tkh10245 = attnc_isub(tkh229, 4033);
    const int tkh10248 = attnc_isub(0, attnc_iadd(tkh10169, 4096));
    const int tkh10261 = attnc_isub(tkh229, 8129);
    const int tkh10264 = attnc_isub(0, attnc_iadd(tkh10169, 8192));
    const int tkh10602 = max(max(max(max(max(max(((((tkh214 && (tkh10171 <= tkh24)) && (tkh10171 <= qhi)) && (tkh10171 <= tkh230)) ? tkh10179 : (-1)), ((((((tkh214 && (0 <= tkh10181)) && (tkh10184 <= tkh24)) && (tkh10184 <= qhi)) && (tkh10184 <= tkh230)) && (tkh10184 <= tkh10181)) ? min(tkh10179, tkh10181) : (-1))), ((((((tkh214 && (0 <= tkh10197)) && (tkh10200 <= tkh24)) && (tkh10200 <= qhi)) && (tkh10200 <= tkh230)) && (tkh10200 <= tkh10197)) ? min(tkh10179, tkh10197) : (-1))), ((((((tkh214 && (0 <= tkh10213)) && (tkh10216 <= tkh24)) && (tkh10216 <= qhi)) && (tkh10216 <= tkh230)) && (tkh10216 <= tkh10213)) ? min(tkh10179, tkh10213) : (-1))), ((((((tkh214 && (0 <= tkh10229)) && (tkh10232 <= tkh24)) && (tkh10232 <= qhi)) && (tkh10232 <= tkh230)) && (tkh10232 <= tkh10229)) ? min(tkh10179, tkh10229) : (-1))), ((((((tkh214 && (0 <= tkh10245)) && (tkh10248 <= tkh24)) && (tkh10248 <= qhi)) && (tkh10248 <= tkh230)) && (tkh10248 <= tkh10245)) ? min(tkh10179, tkh10245) : (-1))), ((((((tkh214 && (0 <= tkh10261)) && (tkh10264 <= tkh24)) && (tkh10264 <= qhi)) && (tkh10264 <= tkh230)) && (tkh10264 <= tkh10261)) ? min(tkh10179, tkh10261) : (-1)));
    const int tkh10277 = attnc_isub(tkh229, 16321);
    const int tkh10280 = attnc_isub(0, attnc_iadd(tkh10169, 16384));
    const int tkh10293 = attnc_isub(tkh229, 32705);
    const int tkh10296 = attnc_isub(0, attnc_iadd(tkh10169, 32768));
    const int tkh10309 = attnc_isub(tkh229, 65473);
    const int tkh10312 = attnc_isub(0, attnc_iadd(tkh10169, 65536));
    const int tkh10325 = attnc_isub(tkh229, 131009);
    const int tkh10328 = attnc_isub(0, attnc_iadd(tkh10169, 131072));
    const int tkh10341 = attnc_isub(tkh229, 262081);
    const int tkh10344 = attnc_isub(0, attnc_iadd(tkh10169, 262144));
    const int tkh10357 = attnc_isub(tkh229, 524225);
    const int tkh10360 = attnc_isub(0, attnc_iadd(tkh10169, 524288));
    const int tkh10608 = max(max(max(max(max(max(tkh10602, ((((((tkh214 && (0 <= tkh10277)) && (tkh10280 <= tkh24)) && (tkh10280 <= qhi)) && (tkh10280 <= tkh230)) && (tkh10280 <= tkh10277)) ? min(tkh10179, tkh10277) : (-1))), ((((((tkh214 && (0 <= tkh10293)) && (tkh10296 <= tkh24)) && (tkh10296 <= qhi)) && (tkh10296 <= tkh230)) && (tkh10296 <= tkh10293)) ? min(tkh10179, tkh10293) : (-1))), ((((((tkh214 && (0 <= tkh10309)) && (tkh10312 <= tkh24)) && (tkh10312 <= qhi)) && (tkh10312 <= tkh230)) && (tkh10312 <= tkh10309)) ? min(tkh10179, tkh10309) : (-1))), ((((((tkh214 && (0 <= tkh10325)) && (tkh10328 <= tkh24)) && (tkh10328 <= qhi)) && (tkh10328 <= tkh230)) && (tkh10328 <= tkh10325)) ? min(tkh10179, tkh10325) : (-1))), ((((((tkh214 && (0 <= tkh10341)) && (tkh10344 <= tkh24)) && (tkh10344 <= qhi)) && (tkh10344 <= tkh230)) && (tkh10344 <= tkh10341)) ? min(tkh10179, tkh10341) : (-1))), ((((((tkh214 && (0 <= tkh10357)) && (tkh10360 <= tkh24)) && (tkh10360 <= qhi)) && (tkh10360 <= tkh230)) && (tkh10360 <= tkh10357)) ? min(tkh10179, tkh10357) : (-1)));
    const int tkh10373 = attnc_isub(tkh229, 1048513);
    const int tkh10376 = attnc_isub(0, attnc_iadd(tkh10169, 1048576));
    const int tkh10389 = attnc_isub(tkh229, 2097089);
    const int tkh10392 = attnc_isub(0, attnc_iadd(tkh10169, 2097152));
    const int tkh10405 = attnc_isub(tkh229, 4194241);
    const int tkh10408 = attnc_isub(0, attnc_iadd(tkh10169, 4194304));
    const int tkh10421 = attnc_isub(tkh229, 8388545);
    const int tkh10424 = attnc_isub(0, attnc_iadd(tkh10169, 8388608));
    const int tkh10437 = attnc_isub(tkh229, 16777153);
    const int tkh10440 = attnc_isub(0, attnc_iadd(tkh10169, 16777216));
    const int tkh10453 = attnc_isub(tkh229, 33554369);
    const int tkh10456 = attnc_isub(0, attnc_iadd(tkh10169, 33554432));
    const int tkh10614 = max(max(max(max(max(max(tkh10608, ((((((tkh214 && (0 <= tkh10373)) && (tkh10376 <= tkh24)) && (tkh10376 <= qhi)) && (tkh10376 <= tkh230)) && (tkh10376 <= tkh10373)) ? min(tkh10179, tkh10373) : (-1))), ((((((tkh214 && (0 <= tkh10389)) && (tkh10392 <= tkh24)) && (tkh10392 <= qhi)) && (tkh10392 <= tkh230)) && (tkh10392 <= tkh10389)) ? min(tkh10179, tkh10389) : (-1))), ((((((tkh214 && (0 <= tkh10405)) && (tkh10408 <= tkh24)) && (tkh10408 <= qhi)) && (tkh10408 <= tkh230)) && (tkh10408 <= tkh10405)) ? min(tkh10179, tkh10405) : (-1))), ((((((tkh214 && (0 <= tkh10421)) && (tkh10424 <= tkh24)) && (tkh10424 <= qhi)) && (tkh10424 <= tkh230)) && (tkh10424 <= tkh10421)) ? min(tkh10179, tkh10421) : (-1))), ((((((tkh214 && (0 <= tkh10437)) && (tkh10440 <= tkh24)) && (tkh10440 <= qhi)) && (tkh10440 <= tkh230)) && (tkh10440 <= tkh10437)) ? min(tkh10179, tkh10437) : (-1))), ((((((tkh214 && (0 <= tkh10453)) && (tkh10456 <= tkh24)) && (tkh10456 <= qhi)) && (tkh10456 <= tkh230)) && (tkh10456 <= tkh10453)) ? min(tkh10179, tkh10453) : (-1)));
    const int tkh10469 = attnc_isub(tkh229, 67108801);
    const int tkh10472 = attnc_isub(0, attnc_iadd(tkh10169, 67108864));
    const int tkh10485 = attnc_isub(tkh229, 134217665);
    const int tkh10488 = attnc_isub(0, attnc_iadd(tkh10169, 134217728));
    const int tkh10571 = (tkh214 ? tkh10179 : (-1));
    const int tkh10620 = max(max(max(max(max(max(tkh10614, ((((((tkh214 && (0 <= tkh10469)) && (tkh10472 <= tkh24)) && (tkh10472 <= qhi)) && (tkh10472 <= tkh230)) && (tkh10472 <= tkh10469)) ? min(tkh10179, tkh10469) : (-1))), ((((((tkh214 && (0 <= tkh10485)) && (tkh10488 <= tkh24)) && (tkh10488 <= qhi)) && (tkh10488 <= tkh230)) && (tkh10488 <= tkh10485)) ? min(tkh10179, tkh10485) : (-1))), tkh10571), tkh10571), tkh10571), tkh10571);
    hi = max(tkh10620, tkh10571);
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

}  // namespace attnc_power_attention

extern "C" int attnc_power_attention_forward_varlen(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* q_lens, const int* kv_lens, cudaStream_t stream) {
  using namespace attnc_power_attention;
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

extern "C" int attnc_power_attention_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    cudaStream_t stream) {
  return attnc_power_attention_forward_varlen(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, nullptr, nullptr, stream);
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