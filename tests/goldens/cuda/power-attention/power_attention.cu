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
#define ATTNC_ERR_SIZE 2  /* a size is not positive, or B, H exceed 65535 */
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
  int tr258;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr258 = attnc_idiv(q, 64);
  return RowCtx{tr258};
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
  const int tr258 = rc.tr258;
  const int tm12503 = attnc_isub(tr258, attnc_idiv(kv, 64));
  const bool tmd12533 = (((((((((((((tm12503 == 1) || (tm12503 == 2)) || (tm12503 == 4)) || (tm12503 == 8)) || (tm12503 == 16)) || (tm12503 == 32)) || (tm12503 == 64)) || (tm12503 == 128)) || (tm12503 == 256)) || (tm12503 == 512)) || (tm12503 == 1024)) || (tm12503 == 2048)) || (tm12503 == 4096));
  const bool tmd12568 = ((((((((((((tmd12533 || (tm12503 == 8192)) || (tm12503 == 16384)) || (tm12503 == 32768)) || (tm12503 == 65536)) || (tm12503 == 131072)) || (tm12503 == 262144)) || (tm12503 == 524288)) || (tm12503 == 1048576)) || (tm12503 == 2097152)) || (tm12503 == 4194304)) || (tm12503 == 8388608)) || (tm12503 == 16777216));
  return ((kv <= q) && ((tm12503 < 1) || ((((((tmd12568 || (tm12503 == 33554432)) || (tm12503 == 67108864)) || (tm12503 == 134217728)) || (tm12503 == 268435456)) || (tm12503 == 536870912)) || (tm12503 == 1073741824))));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  return s;
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca267 = attnc_idiv(attnc_isub(63, kvlo), 64);
  const int tca268 = attnc_idiv(kvhi, 64);
  const int tca271 = attnc_iadd(tca267, tca268);
  const int tca263 = attnc_idiv(qhi, 64);
  const int tca269 = attnc_iadd(tca267, tca263);
  const int tca262 = attnc_idiv(attnc_isub(63, qlo), 64);
  const int tca275 = attnc_iadd(tca262, tca268);
  const int tca264 = attnc_iadd(tca262, tca263);
  const bool tca272 = (0 <= tca271);
  const bool tca270 = (0 <= tca269);
  const bool tca265 = (0 <= tca264);
  const bool tca12591 = (0 <= attnc_iadd(attnc_imul(64, tca267), qhi));
  const bool tca18 = (kvlo <= qhi);
  const bool tca13101 = (((((((((((0 <= attnc_iadd(tca271, 2)) && (0 <= attnc_iadd(tca269, 2))) && (0 <= attnc_iadd(tca275, 2))) && (0 <= attnc_iadd(tca264, 2))) && tca272) && tca270) && tca265) && tca12591) && tca18) || ((((((((((0 <= attnc_iadd(tca271, 4)) && (0 <= attnc_iadd(tca269, 4))) && (0 <= attnc_iadd(tca275, 4))) && (0 <= attnc_iadd(tca264, 4))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (3 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 8)) && (0 <= attnc_iadd(tca269, 8))) && (0 <= attnc_iadd(tca275, 8))) && (0 <= attnc_iadd(tca264, 8))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (7 < tca269)));
  const bool tca13103 = ((tca13101 || ((((((((((0 <= attnc_iadd(tca271, 16)) && (0 <= attnc_iadd(tca269, 16))) && (0 <= attnc_iadd(tca275, 16))) && (0 <= attnc_iadd(tca264, 16))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (15 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 32)) && (0 <= attnc_iadd(tca269, 32))) && (0 <= attnc_iadd(tca275, 32))) && (0 <= attnc_iadd(tca264, 32))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (31 < tca269)));
  const bool tca13105 = ((tca13103 || ((((((((((0 <= attnc_iadd(tca271, 64)) && (0 <= attnc_iadd(tca269, 64))) && (0 <= attnc_iadd(tca275, 64))) && (0 <= attnc_iadd(tca264, 64))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (63 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 128)) && (0 <= attnc_iadd(tca269, 128))) && (0 <= attnc_iadd(tca275, 128))) && (0 <= attnc_iadd(tca264, 128))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (127 < tca269)));
  const bool tca13107 = ((tca13105 || ((((((((((0 <= attnc_iadd(tca271, 256)) && (0 <= attnc_iadd(tca269, 256))) && (0 <= attnc_iadd(tca275, 256))) && (0 <= attnc_iadd(tca264, 256))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (255 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 512)) && (0 <= attnc_iadd(tca269, 512))) && (0 <= attnc_iadd(tca275, 512))) && (0 <= attnc_iadd(tca264, 512))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (511 < tca269)));
  const bool tca13109 = ((tca13107 || ((((((((((0 <= attnc_iadd(tca271, 1024)) && (0 <= attnc_iadd(tca269, 1024))) && (0 <= attnc_iadd(tca275, 1024))) && (0 <= attnc_iadd(tca264, 1024))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (1023 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 2048)) && (0 <= attnc_iadd(tca269, 2048))) && (0 <= attnc_iadd(tca275, 2048))) && (0 <= attnc_iadd(tca264, 2048))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (2047 < tca269)));
  const bool tca13111 = ((tca13109 || ((((((((((0 <= attnc_iadd(tca271, 4096)) && (0 <= attnc_iadd(tca269, 4096))) && (0 <= attnc_iadd(tca275, 4096))) && (0 <= attnc_iadd(tca264, 4096))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (4095 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 8192)) && (0 <= attnc_iadd(tca269, 8192))) && (0 <= attnc_iadd(tca275, 8192))) && (0 <= attnc_iadd(tca264, 8192))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (8191 < tca269)));
  const bool tca13113 = ((tca13111 || ((((((((((0 <= attnc_iadd(tca271, 16384)) && (0 <= attnc_iadd(tca269, 16384))) && (0 <= attnc_iadd(tca275, 16384))) && (0 <= attnc_iadd(tca264, 16384))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (16383 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 32768)) && (0 <= attnc_iadd(tca269, 32768))) && (0 <= attnc_iadd(tca275, 32768))) && (0 <= attnc_iadd(tca264, 32768))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (32767 < tca269)));
  const bool tca13115 = ((tca13113 || ((((((((((0 <= attnc_iadd(tca271, 65536)) && (0 <= attnc_iadd(tca269, 65536))) && (0 <= attnc_iadd(tca275, 65536))) && (0 <= attnc_iadd(tca264, 65536))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (65535 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 131072)) && (0 <= attnc_iadd(tca269, 131072))) && (0 <= attnc_iadd(tca275, 131072))) && (0 <= attnc_iadd(tca264, 131072))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (131071 < tca269)));
  const bool tca13117 = ((tca13115 || ((((((((((0 <= attnc_iadd(tca271, 262144)) && (0 <= attnc_iadd(tca269, 262144))) && (0 <= attnc_iadd(tca275, 262144))) && (0 <= attnc_iadd(tca264, 262144))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (262143 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 524288)) && (0 <= attnc_iadd(tca269, 524288))) && (0 <= attnc_iadd(tca275, 524288))) && (0 <= attnc_iadd(tca264, 524288))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (524287 < tca269)));
  const bool tca13119 = ((tca13117 || ((((((((((0 <= attnc_iadd(tca271, 1048576)) && (0 <= attnc_iadd(tca269, 1048576))) && (0 <= attnc_iadd(tca275, 1048576))) && (0 <= attnc_iadd(tca264, 1048576))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (1048575 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 2097152)) && (0 <= attnc_iadd(tca269, 2097152))) && (0 <= attnc_iadd(tca275, 2097152))) && (0 <= attnc_iadd(tca264, 2097152))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (2097151 < tca269)));
  const bool tca13121 = ((tca13119 || ((((((((((0 <= attnc_iadd(tca271, 4194304)) && (0 <= attnc_iadd(tca269, 4194304))) && (0 <= attnc_iadd(tca275, 4194304))) && (0 <= attnc_iadd(tca264, 4194304))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (4194303 < tca269))) || ((((((((((0 <= attnc_iadd(tca271, 8388608)) && (0 <= attnc_iadd(tca269, 8388608))) && (0 <= attnc_iadd(tca275, 8388608))) && (0 <= attnc_iadd(tca264, 8388608))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (8388607 < tca269)));
  const bool tca13123 = ((tca13121 || ((((((((((0 <= attnc_iadd(tca271, 16777216)) && (0 <= attnc_iadd(tca269, 16777216))) && (0 <= attnc_iadd(tca275, 16777216))) && (0 <= attnc_iadd(tca264, 16777216))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (16777215 < tca269))) || ((((((((0 <= attnc_iadd(tca271, 33554432)) && (0 <= attnc_iadd(tca275, 33554432))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (33554431 < tca269)));
  return ((((tca13123 || ((((((((0 <= attnc_iadd(tca271, 67108864)) && (0 <= attnc_iadd(tca275, 67108864))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (67108863 < tca269))) || ((((((((0 <= attnc_iadd(tca271, 134217728)) && (0 <= attnc_iadd(tca275, 134217728))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (134217727 < tca269))) || ((((((((0 <= attnc_iadd(tca271, 268435456)) && (0 <= attnc_iadd(tca275, 268435456))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (268435455 < tca269))) || ((((((((0 <= attnc_iadd(tca271, 536870912)) && (0 <= attnc_iadd(tca275, 536870912))) && tca272) && tca270) && tca265) && tca12591) && tca18) && (536870911 < tca269)));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf262 = attnc_idiv(attnc_isub(63, qlo), 64);
  const int tcf268 = attnc_idiv(kvhi, 64);
  const int tcf275 = attnc_iadd(tcf262, tcf268);
  const int tcf267 = attnc_idiv(attnc_isub(63, kvlo), 64);
  const bool tcf272 = (0 <= attnc_iadd(tcf267, tcf268));
  const int tcf263 = attnc_idiv(qhi, 64);
  const int tcf264 = attnc_iadd(tcf262, tcf263);
  const bool tcf265 = (0 <= tcf264);
  const int tcf269 = attnc_iadd(tcf267, tcf263);
  const bool tcf13406 = (((((((((qlo < kvhi) || ((((0 <= attnc_iadd(tcf275, 3)) && tcf272) && tcf265) && (2 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 7)) && (0 <= attnc_iadd(tcf264, 2))) && tcf272) && tcf265) && (4 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 15)) && (0 <= attnc_iadd(tcf264, 6))) && tcf272) && tcf265) && (8 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 31)) && (0 <= attnc_iadd(tcf264, 14))) && tcf272) && tcf265) && (16 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 63)) && (0 <= attnc_iadd(tcf264, 30))) && tcf272) && tcf265) && (32 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 127)) && (0 <= attnc_iadd(tcf264, 62))) && tcf272) && tcf265) && (64 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 255)) && (0 <= attnc_iadd(tcf264, 126))) && tcf272) && tcf265) && (128 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 511)) && (0 <= attnc_iadd(tcf264, 254))) && tcf272) && tcf265) && (256 < tcf269)));
  const bool tcf13413 = (((((((tcf13406 || (((((0 <= attnc_iadd(tcf275, 1023)) && (0 <= attnc_iadd(tcf264, 510))) && tcf272) && tcf265) && (512 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 2047)) && (0 <= attnc_iadd(tcf264, 1022))) && tcf272) && tcf265) && (1024 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 4095)) && (0 <= attnc_iadd(tcf264, 2046))) && tcf272) && tcf265) && (2048 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 8191)) && (0 <= attnc_iadd(tcf264, 4094))) && tcf272) && tcf265) && (4096 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 16383)) && (0 <= attnc_iadd(tcf264, 8190))) && tcf272) && tcf265) && (8192 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 32767)) && (0 <= attnc_iadd(tcf264, 16382))) && tcf272) && tcf265) && (16384 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 65535)) && (0 <= attnc_iadd(tcf264, 32766))) && tcf272) && tcf265) && (32768 < tcf269)));
  const bool tcf13420 = (((((((tcf13413 || (((((0 <= attnc_iadd(tcf275, 131071)) && (0 <= attnc_iadd(tcf264, 65534))) && tcf272) && tcf265) && (65536 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 262143)) && (0 <= attnc_iadd(tcf264, 131070))) && tcf272) && tcf265) && (131072 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 524287)) && (0 <= attnc_iadd(tcf264, 262142))) && tcf272) && tcf265) && (262144 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 1048575)) && (0 <= attnc_iadd(tcf264, 524286))) && tcf272) && tcf265) && (524288 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 2097151)) && (0 <= attnc_iadd(tcf264, 1048574))) && tcf272) && tcf265) && (1048576 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 4194303)) && (0 <= attnc_iadd(tcf264, 2097150))) && tcf272) && tcf265) && (2097152 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 8388607)) && (0 <= attnc_iadd(tcf264, 4194302))) && tcf272) && tcf265) && (4194304 < tcf269)));
  return (!((((((tcf13420 || (((((0 <= attnc_iadd(tcf275, 16777215)) && (0 <= attnc_iadd(tcf264, 8388606))) && tcf272) && tcf265) && (8388608 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 33554431)) && (0 <= attnc_iadd(tcf264, 16777214))) && tcf272) && tcf265) && (16777216 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 67108863)) && (0 <= attnc_iadd(tcf264, 33554430))) && tcf272) && tcf265) && (33554432 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 134217727)) && (0 <= attnc_iadd(tcf264, 67108862))) && tcf272) && tcf265) && (67108864 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 268435455)) && (0 <= attnc_iadd(tcf264, 134217726))) && tcf272) && tcf265) && (134217728 < tcf269))) || (((((0 <= attnc_iadd(tcf275, 536870911)) && (0 <= attnc_iadd(tcf264, 268435454))) && tcf272) && tcf265) && (268435456 < tcf269))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl262 = attnc_idiv(attnc_isub(63, qlo), 64);
    const int tkl263 = attnc_idiv(qhi, 64);
    const int tkl280 = attnc_imul(64, tkl263);
    const bool tkl283 = ((0 <= attnc_iadd(tkl262, tkl263)) && (0 <= attnc_iadd(tkl280, 63)));
    const int tkl13428 = attnc_imul(64, tkl262);
    const int tkl13429 = attnc_iadd(tkl13428, p.KV_LEN);
    const int tkl13432 = attnc_iadd(tkl13428, qhi);
    const int tkl13435 = attnc_iadd(tkl13428, tkl280);
    const bool tkl13456 = (0 <= attnc_iadd(tkl13435, 63));
    const int tkl13959 = min(min(min(min(min(min(((((tkl283 && (0 <= attnc_iadd(tkl13429, 127))) && (0 <= attnc_iadd(tkl13432, 128))) && (0 <= attnc_iadd(tkl13435, 191))) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 128))) : p.KV_LEN), ((((((tkl283 && (192 < tkl280)) && (0 <= attnc_iadd(tkl13429, 255))) && (0 <= attnc_iadd(tkl13432, 256))) && (0 <= attnc_iadd(tkl13435, 319))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 256))) : p.KV_LEN)), ((((((tkl283 && (448 < tkl280)) && (0 <= attnc_iadd(tkl13429, 511))) && (0 <= attnc_iadd(tkl13432, 512))) && (0 <= attnc_iadd(tkl13435, 575))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 512))) : p.KV_LEN)), ((((((tkl283 && (960 < tkl280)) && (0 <= attnc_iadd(tkl13429, 1023))) && (0 <= attnc_iadd(tkl13432, 1024))) && (0 <= attnc_iadd(tkl13435, 1087))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 1024))) : p.KV_LEN)), ((((((tkl283 && (1984 < tkl280)) && (0 <= attnc_iadd(tkl13429, 2047))) && (0 <= attnc_iadd(tkl13432, 2048))) && (0 <= attnc_iadd(tkl13435, 2111))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 2048))) : p.KV_LEN)), ((((((tkl283 && (4032 < tkl280)) && (0 <= attnc_iadd(tkl13429, 4095))) && (0 <= attnc_iadd(tkl13432, 4096))) && (0 <= attnc_iadd(tkl13435, 4159))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 4096))) : p.KV_LEN)), ((((((tkl283 && (8128 < tkl280)) && (0 <= attnc_iadd(tkl13429, 8191))) && (0 <= attnc_iadd(tkl13432, 8192))) && (0 <= attnc_iadd(tkl13435, 8255))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 8192))) : p.KV_LEN));
    const int tkl13965 = min(min(min(min(min(min(tkl13959, ((((((tkl283 && (16320 < tkl280)) && (0 <= attnc_iadd(tkl13429, 16383))) && (0 <= attnc_iadd(tkl13432, 16384))) && (0 <= attnc_iadd(tkl13435, 16447))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 16384))) : p.KV_LEN)), ((((((tkl283 && (32704 < tkl280)) && (0 <= attnc_iadd(tkl13429, 32767))) && (0 <= attnc_iadd(tkl13432, 32768))) && (0 <= attnc_iadd(tkl13435, 32831))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 32768))) : p.KV_LEN)), ((((((tkl283 && (65472 < tkl280)) && (0 <= attnc_iadd(tkl13429, 65535))) && (0 <= attnc_iadd(tkl13432, 65536))) && (0 <= attnc_iadd(tkl13435, 65599))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 65536))) : p.KV_LEN)), ((((((tkl283 && (131008 < tkl280)) && (0 <= attnc_iadd(tkl13429, 131071))) && (0 <= attnc_iadd(tkl13432, 131072))) && (0 <= attnc_iadd(tkl13435, 131135))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 131072))) : p.KV_LEN)), ((((((tkl283 && (262080 < tkl280)) && (0 <= attnc_iadd(tkl13429, 262143))) && (0 <= attnc_iadd(tkl13432, 262144))) && (0 <= attnc_iadd(tkl13435, 262207))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 262144))) : p.KV_LEN)), ((((((tkl283 && (524224 < tkl280)) && (0 <= attnc_iadd(tkl13429, 524287))) && (0 <= attnc_iadd(tkl13432, 524288))) && (0 <= attnc_iadd(tkl13435, 524351))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 524288))) : p.KV_LEN));
    const int tkl13971 = min(min(min(min(min(min(tkl13965, ((((((tkl283 && (1048512 < tkl280)) && (0 <= attnc_iadd(tkl13429, 1048575))) && (0 <= attnc_iadd(tkl13432, 1048576))) && (0 <= attnc_iadd(tkl13435, 1048639))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 1048576))) : p.KV_LEN)), ((((((tkl283 && (2097088 < tkl280)) && (0 <= attnc_iadd(tkl13429, 2097151))) && (0 <= attnc_iadd(tkl13432, 2097152))) && (0 <= attnc_iadd(tkl13435, 2097215))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 2097152))) : p.KV_LEN)), ((((((tkl283 && (4194240 < tkl280)) && (0 <= attnc_iadd(tkl13429, 4194303))) && (0 <= attnc_iadd(tkl13432, 4194304))) && (0 <= attnc_iadd(tkl13435, 4194367))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 4194304))) : p.KV_LEN)), ((((((tkl283 && (8388544 < tkl280)) && (0 <= attnc_iadd(tkl13429, 8388607))) && (0 <= attnc_iadd(tkl13432, 8388608))) && (0 <= attnc_iadd(tkl13435, 8388671))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 8388608))) : p.KV_LEN)), ((((((tkl283 && (16777152 < tkl280)) && (0 <= attnc_iadd(tkl13429, 16777215))) && (0 <= attnc_iadd(tkl13432, 16777216))) && (0 <= attnc_iadd(tkl13435, 16777279))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 16777216))) : p.KV_LEN)), ((((((tkl283 && (33554368 < tkl280)) && (0 <= attnc_iadd(tkl13429, 33554431))) && (0 <= attnc_iadd(tkl13432, 33554432))) && (0 <= attnc_iadd(tkl13435, 33554495))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 33554432))) : p.KV_LEN));
    const int tkl13928 = (tkl283 ? 0 : p.KV_LEN);
    const int tkl13977 = min(min(min(min(min(min(tkl13971, ((((((tkl283 && (67108800 < tkl280)) && (0 <= attnc_iadd(tkl13429, 67108863))) && (0 <= attnc_iadd(tkl13432, 67108864))) && (0 <= attnc_iadd(tkl13435, 67108927))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 67108864))) : p.KV_LEN)), ((((((tkl283 && (134217664 < tkl280)) && (0 <= attnc_iadd(tkl13429, 134217727))) && (0 <= attnc_iadd(tkl13432, 134217728))) && (0 <= attnc_iadd(tkl13435, 134217791))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 134217728))) : p.KV_LEN)), ((((((tkl283 && (268435392 < tkl280)) && (0 <= attnc_iadd(tkl13429, 268435455))) && (0 <= attnc_iadd(tkl13432, 268435456))) && (0 <= attnc_iadd(tkl13435, 268435519))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 268435456))) : p.KV_LEN)), ((((((tkl283 && (536870848 < tkl280)) && (0 <= attnc_iadd(tkl13429, 536870911))) && (0 <= attnc_iadd(tkl13432, 536870912))) && (0 <= attnc_iadd(tkl13435, 536870975))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 536870912))) : p.KV_LEN)), (((((tkl283 && (1073741760 < tkl280)) && (0 <= attnc_iadd(tkl13429, 1073741823))) && (0 <= attnc_iadd(tkl13432, 1073741824))) && tkl13456) ? max(0, attnc_isub(0, attnc_iadd(tkl13428, 1073741824))) : p.KV_LEN)), tkl13928);
    lo = min(min(min(min(min(tkl13977, tkl13928), tkl13928), tkl13928), tkl13928), tkl13928);
  }
  {
    const int tkh262 = attnc_idiv(attnc_isub(63, qlo), 64);
    const int tkh263 = attnc_idiv(qhi, 64);
    const int tkh280 = attnc_imul(64, tkh263);
    const int tkh281 = attnc_iadd(tkh280, 63);
    const bool tkh283 = ((0 <= attnc_iadd(tkh262, tkh263)) && (0 <= tkh281));
    const int tkh13428 = attnc_imul(64, tkh262);
    const int tkh13429 = attnc_iadd(tkh13428, p.KV_LEN);
    const int tkh13432 = attnc_iadd(tkh13428, qhi);
    const int tkh13435 = attnc_iadd(tkh13428, tkh280);
    const int tkh13445 = min(min(attnc_isub(p.KV_LEN, 1), qhi), tkh281);
    const bool tkh13456 = (0 <= attnc_iadd(tkh13435, 63));
    const int tkh13988 = max(max(max(max(max(max(((((tkh283 && (0 <= attnc_iadd(tkh13429, 127))) && (0 <= attnc_iadd(tkh13432, 128))) && (0 <= attnc_iadd(tkh13435, 191))) ? tkh13445 : (-1)), ((((((tkh283 && (192 < tkh280)) && (0 <= attnc_iadd(tkh13429, 255))) && (0 <= attnc_iadd(tkh13432, 256))) && (0 <= attnc_iadd(tkh13435, 319))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 193)) : (-1))), ((((((tkh283 && (448 < tkh280)) && (0 <= attnc_iadd(tkh13429, 511))) && (0 <= attnc_iadd(tkh13432, 512))) && (0 <= attnc_iadd(tkh13435, 575))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 449)) : (-1))), ((((((tkh283 && (960 < tkh280)) && (0 <= attnc_iadd(tkh13429, 1023))) && (0 <= attnc_iadd(tkh13432, 1024))) && (0 <= attnc_iadd(tkh13435, 1087))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 961)) : (-1))), ((((((tkh283 && (1984 < tkh280)) && (0 <= attnc_iadd(tkh13429, 2047))) && (0 <= attnc_iadd(tkh13432, 2048))) && (0 <= attnc_iadd(tkh13435, 2111))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 1985)) : (-1))), ((((((tkh283 && (4032 < tkh280)) && (0 <= attnc_iadd(tkh13429, 4095))) && (0 <= attnc_iadd(tkh13432, 4096))) && (0 <= attnc_iadd(tkh13435, 4159))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 4033)) : (-1))), ((((((tkh283 && (8128 < tkh280)) && (0 <= attnc_iadd(tkh13429, 8191))) && (0 <= attnc_iadd(tkh13432, 8192))) && (0 <= attnc_iadd(tkh13435, 8255))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 8129)) : (-1)));
    const int tkh13994 = max(max(max(max(max(max(tkh13988, ((((((tkh283 && (16320 < tkh280)) && (0 <= attnc_iadd(tkh13429, 16383))) && (0 <= attnc_iadd(tkh13432, 16384))) && (0 <= attnc_iadd(tkh13435, 16447))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 16321)) : (-1))), ((((((tkh283 && (32704 < tkh280)) && (0 <= attnc_iadd(tkh13429, 32767))) && (0 <= attnc_iadd(tkh13432, 32768))) && (0 <= attnc_iadd(tkh13435, 32831))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 32705)) : (-1))), ((((((tkh283 && (65472 < tkh280)) && (0 <= attnc_iadd(tkh13429, 65535))) && (0 <= attnc_iadd(tkh13432, 65536))) && (0 <= attnc_iadd(tkh13435, 65599))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 65473)) : (-1))), ((((((tkh283 && (131008 < tkh280)) && (0 <= attnc_iadd(tkh13429, 131071))) && (0 <= attnc_iadd(tkh13432, 131072))) && (0 <= attnc_iadd(tkh13435, 131135))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 131009)) : (-1))), ((((((tkh283 && (262080 < tkh280)) && (0 <= attnc_iadd(tkh13429, 262143))) && (0 <= attnc_iadd(tkh13432, 262144))) && (0 <= attnc_iadd(tkh13435, 262207))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 262081)) : (-1))), ((((((tkh283 && (524224 < tkh280)) && (0 <= attnc_iadd(tkh13429, 524287))) && (0 <= attnc_iadd(tkh13432, 524288))) && (0 <= attnc_iadd(tkh13435, 524351))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 524225)) : (-1)));
    const int tkh14000 = max(max(max(max(max(max(tkh13994, ((((((tkh283 && (1048512 < tkh280)) && (0 <= attnc_iadd(tkh13429, 1048575))) && (0 <= attnc_iadd(tkh13432, 1048576))) && (0 <= attnc_iadd(tkh13435, 1048639))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 1048513)) : (-1))), ((((((tkh283 && (2097088 < tkh280)) && (0 <= attnc_iadd(tkh13429, 2097151))) && (0 <= attnc_iadd(tkh13432, 2097152))) && (0 <= attnc_iadd(tkh13435, 2097215))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 2097089)) : (-1))), ((((((tkh283 && (4194240 < tkh280)) && (0 <= attnc_iadd(tkh13429, 4194303))) && (0 <= attnc_iadd(tkh13432, 4194304))) && (0 <= attnc_iadd(tkh13435, 4194367))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 4194241)) : (-1))), ((((((tkh283 && (8388544 < tkh280)) && (0 <= attnc_iadd(tkh13429, 8388607))) && (0 <= attnc_iadd(tkh13432, 8388608))) && (0 <= attnc_iadd(tkh13435, 8388671))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 8388545)) : (-1))), ((((((tkh283 && (16777152 < tkh280)) && (0 <= attnc_iadd(tkh13429, 16777215))) && (0 <= attnc_iadd(tkh13432, 16777216))) && (0 <= attnc_iadd(tkh13435, 16777279))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 16777153)) : (-1))), ((((((tkh283 && (33554368 < tkh280)) && (0 <= attnc_iadd(tkh13429, 33554431))) && (0 <= attnc_iadd(tkh13432, 33554432))) && (0 <= attnc_iadd(tkh13435, 33554495))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 33554369)) : (-1)));
    const int tkh13953 = (tkh283 ? tkh13445 : (-1));
    const int tkh14006 = max(max(max(max(max(max(tkh14000, ((((((tkh283 && (67108800 < tkh280)) && (0 <= attnc_iadd(tkh13429, 67108863))) && (0 <= attnc_iadd(tkh13432, 67108864))) && (0 <= attnc_iadd(tkh13435, 67108927))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 67108801)) : (-1))), ((((((tkh283 && (134217664 < tkh280)) && (0 <= attnc_iadd(tkh13429, 134217727))) && (0 <= attnc_iadd(tkh13432, 134217728))) && (0 <= attnc_iadd(tkh13435, 134217791))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 134217665)) : (-1))), ((((((tkh283 && (268435392 < tkh280)) && (0 <= attnc_iadd(tkh13429, 268435455))) && (0 <= attnc_iadd(tkh13432, 268435456))) && (0 <= attnc_iadd(tkh13435, 268435519))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 268435393)) : (-1))), ((((((tkh283 && (536870848 < tkh280)) && (0 <= attnc_iadd(tkh13429, 536870911))) && (0 <= attnc_iadd(tkh13432, 536870912))) && (0 <= attnc_iadd(tkh13435, 536870975))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 536870849)) : (-1))), (((((tkh283 && (1073741760 < tkh280)) && (0 <= attnc_iadd(tkh13429, 1073741823))) && (0 <= attnc_iadd(tkh13432, 1073741824))) && tkh13456) ? min(tkh13445, attnc_isub(tkh280, 1073741761)) : (-1))), tkh13953);
    hi = max(max(max(max(max(tkh14006, tkh13953), tkh13953), tkh13953), tkh13953), tkh13953);
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

}  // namespace attnc_power_attention

extern "C" int attnc_power_attention_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    cudaStream_t stream) {
  using namespace attnc_power_attention;
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

extern "C" int attnc_power_attention_skeleton(int D) {
  using namespace attnc_power_attention;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if (((D == 64 && sm90_plan_available(ATTNC_SM90_D64_PRODUCER)) || (D == 128 && sm90_plan_available(ATTNC_SM90_D128_PRODUCER))) && sm90_available()) return 90;
#endif
  return 80;
}
