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
  int tr206;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr206 = attnc_idiv(q, 64);
  return RowCtx{tr206};
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
  const int tr206 = rc.tr206;
  const int tm9318 = attnc_isub(tr206, attnc_idiv(kv, 64));
  const bool tmd9348 = (((((((((((((tm9318 == 1) || (tm9318 == 2)) || (tm9318 == 4)) || (tm9318 == 8)) || (tm9318 == 16)) || (tm9318 == 32)) || (tm9318 == 64)) || (tm9318 == 128)) || (tm9318 == 256)) || (tm9318 == 512)) || (tm9318 == 1024)) || (tm9318 == 2048)) || (tm9318 == 4096));
  const bool tmd9383 = ((((((((((((tmd9348 || (tm9318 == 8192)) || (tm9318 == 16384)) || (tm9318 == 32768)) || (tm9318 == 65536)) || (tm9318 == 131072)) || (tm9318 == 262144)) || (tm9318 == 524288)) || (tm9318 == 1048576)) || (tm9318 == 2097152)) || (tm9318 == 4194304)) || (tm9318 == 8388608)) || (tm9318 == 16777216));
  return ((kv <= q) && ((tm9318 < 1) || ((((((tmd9383 || (tm9318 == 33554432)) || (tm9318 == 67108864)) || (tm9318 == 134217728)) || (tm9318 == 268435456)) || (tm9318 == 536870912)) || (tm9318 == 1073741824))));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  return s;
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tca215 = attnc_idiv(attnc_isub(63, kvlo), 64);
  const int tca216 = attnc_idiv(kvhi, 64);
  const int tca219 = attnc_iadd(tca215, tca216);
  const int tca211 = attnc_idiv(qhi, 64);
  const int tca217 = attnc_iadd(tca215, tca211);
  const int tca210 = attnc_idiv(attnc_isub(63, qlo), 64);
  const int tca223 = attnc_iadd(tca210, tca216);
  const int tca212 = attnc_iadd(tca210, tca211);
  const bool tca9419 = (((0 <= tca219) && (0 <= tca217)) && ((0 <= tca212) && (0 <= attnc_iadd(attnc_imul(64, tca215), qhi))));
  const bool tca18 = (kvlo <= qhi);
  return ((((((((((0 <= attnc_iadd(tca219, 2)) && (0 <= attnc_iadd(tca217, 2))) && ((0 <= attnc_iadd(tca223, 2)) && (0 <= attnc_iadd(tca212, 2)))) && tca9419) && tca18) || (((((0 <= attnc_iadd(tca219, 4)) && (0 <= attnc_iadd(tca217, 4))) && ((0 <= attnc_iadd(tca223, 4)) && (0 <= attnc_iadd(tca212, 4)))) && tca9419) && (tca18 && (3 < tca217)))) || ((((((0 <= attnc_iadd(tca219, 8)) && (0 <= attnc_iadd(tca217, 8))) && ((0 <= attnc_iadd(tca223, 8)) && (0 <= attnc_iadd(tca212, 8)))) && tca9419) && (tca18 && (7 < tca217))) || (((((0 <= attnc_iadd(tca219, 16)) && (0 <= attnc_iadd(tca217, 16))) && ((0 <= attnc_iadd(tca223, 16)) && (0 <= attnc_iadd(tca212, 16)))) && tca9419) && (tca18 && (15 < tca217))))) || (((((((0 <= attnc_iadd(tca219, 32)) && (0 <= attnc_iadd(tca217, 32))) && ((0 <= attnc_iadd(tca223, 32)) && (0 <= attnc_iadd(tca212, 32)))) && tca9419) && (tca18 && (31 < tca217))) || (((((0 <= attnc_iadd(tca219, 64)) && (0 <= attnc_iadd(tca217, 64))) && ((0 <= attnc_iadd(tca223, 64)) && (0 <= attnc_iadd(tca212, 64)))) && tca9419) && (tca18 && (63 < tca217)))) || ((((((0 <= attnc_iadd(tca219, 128)) && (0 <= attnc_iadd(tca217, 128))) && ((0 <= attnc_iadd(tca223, 128)) && (0 <= attnc_iadd(tca212, 128)))) && tca9419) && (tca18 && (127 < tca217))) || (((((0 <= attnc_iadd(tca219, 256)) && (0 <= attnc_iadd(tca217, 256))) && ((0 <= attnc_iadd(tca223, 256)) && (0 <= attnc_iadd(tca212, 256)))) && tca9419) && (tca18 && (255 < tca217)))))) || ((((((((0 <= attnc_iadd(tca219, 512)) && (0 <= attnc_iadd(tca217, 512))) && ((0 <= attnc_iadd(tca223, 512)) && (0 <= attnc_iadd(tca212, 512)))) && tca9419) && (tca18 && (511 < tca217))) || (((((0 <= attnc_iadd(tca219, 1024)) && (0 <= attnc_iadd(tca217, 1024))) && ((0 <= attnc_iadd(tca223, 1024)) && (0 <= attnc_iadd(tca212, 1024)))) && tca9419) && (tca18 && (1023 < tca217)))) || ((((((0 <= attnc_iadd(tca219, 2048)) && (0 <= attnc_iadd(tca217, 2048))) && ((0 <= attnc_iadd(tca223, 2048)) && (0 <= attnc_iadd(tca212, 2048)))) && tca9419) && (tca18 && (2047 < tca217))) || (((((0 <= attnc_iadd(tca219, 4096)) && (0 <= attnc_iadd(tca217, 4096))) && ((0 <= attnc_iadd(tca223, 4096)) && (0 <= attnc_iadd(tca212, 4096)))) && tca9419) && (tca18 && (4095 < tca217))))) || (((((((0 <= attnc_iadd(tca219, 8192)) && (0 <= attnc_iadd(tca217, 8192))) && ((0 <= attnc_iadd(tca223, 8192)) && (0 <= attnc_iadd(tca212, 8192)))) && tca9419) && (tca18 && (8191 < tca217))) || (((((0 <= attnc_iadd(tca219, 16384)) && (0 <= attnc_iadd(tca217, 16384))) && ((0 <= attnc_iadd(tca223, 16384)) && (0 <= attnc_iadd(tca212, 16384)))) && tca9419) && (tca18 && (16383 < tca217)))) || ((((((0 <= attnc_iadd(tca219, 32768)) && (0 <= attnc_iadd(tca217, 32768))) && ((0 <= attnc_iadd(tca223, 32768)) && (0 <= attnc_iadd(tca212, 32768)))) && tca9419) && (tca18 && (32767 < tca217))) || (((((0 <= attnc_iadd(tca219, 65536)) && (0 <= attnc_iadd(tca217, 65536))) && ((0 <= attnc_iadd(tca223, 65536)) && (0 <= attnc_iadd(tca212, 65536)))) && tca9419) && (tca18 && (65535 < tca217))))))) || ((((((((0 <= attnc_iadd(tca219, 131072)) && (0 <= attnc_iadd(tca217, 131072))) && ((0 <= attnc_iadd(tca223, 131072)) && (0 <= attnc_iadd(tca212, 131072)))) && tca9419) && (tca18 && (131071 < tca217))) || (((((0 <= attnc_iadd(tca219, 262144)) && (0 <= attnc_iadd(tca217, 262144))) && ((0 <= attnc_iadd(tca223, 262144)) && (0 <= attnc_iadd(tca212, 262144)))) && tca9419) && (tca18 && (262143 < tca217)))) || ((((((0 <= attnc_iadd(tca219, 524288)) && (0 <= attnc_iadd(tca217, 524288))) && ((0 <= attnc_iadd(tca223, 524288)) && (0 <= attnc_iadd(tca212, 524288)))) && tca9419) && (tca18 && (524287 < tca217))) || (((((0 <= attnc_iadd(tca219, 1048576)) && (0 <= attnc_iadd(tca217, 1048576))) && ((0 <= attnc_iadd(tca223, 1048576)) && (0 <= attnc_iadd(tca212, 1048576)))) && tca9419) && (tca18 && (1048575 < tca217))))) || (((((0 <= attnc_iadd(tca219, 2097152)) && (0 <= attnc_iadd(tca217, 2097152))) && ((0 <= attnc_iadd(tca223, 2097152)) && (0 <= attnc_iadd(tca212, 2097152)))) && tca9419) && (tca18 && (2097151 < tca217)))));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const int tcf210 = attnc_idiv(attnc_isub(63, qlo), 64);
  const int tcf216 = attnc_idiv(kvhi, 64);
  const int tcf223 = attnc_iadd(tcf210, tcf216);
  const int tcf215 = attnc_idiv(attnc_isub(63, kvlo), 64);
  const bool tcf220 = (0 <= attnc_iadd(tcf215, tcf216));
  const int tcf211 = attnc_idiv(qhi, 64);
  const int tcf212 = attnc_iadd(tcf210, tcf211);
  const bool tcf213 = (0 <= tcf212);
  const int tcf217 = attnc_iadd(tcf215, tcf211);
  const bool tcf225 = (tcf220 && tcf213);
  return (!((((((qlo < kvhi) || (((0 <= attnc_iadd(tcf223, 3)) && tcf220) && (tcf213 && (2 < tcf217)))) || (((((0 <= attnc_iadd(tcf223, 7)) && (0 <= attnc_iadd(tcf212, 2))) && tcf225) && (4 < tcf217)) || ((((0 <= attnc_iadd(tcf223, 15)) && (0 <= attnc_iadd(tcf212, 6))) && tcf225) && (8 < tcf217)))) || ((((((0 <= attnc_iadd(tcf223, 31)) && (0 <= attnc_iadd(tcf212, 14))) && tcf225) && (16 < tcf217)) || ((((0 <= attnc_iadd(tcf223, 63)) && (0 <= attnc_iadd(tcf212, 30))) && tcf225) && (32 < tcf217))) || (((((0 <= attnc_iadd(tcf223, 127)) && (0 <= attnc_iadd(tcf212, 62))) && tcf225) && (64 < tcf217)) || ((((0 <= attnc_iadd(tcf223, 255)) && (0 <= attnc_iadd(tcf212, 126))) && tcf225) && (128 < tcf217))))) || (((((((0 <= attnc_iadd(tcf223, 511)) && (0 <= attnc_iadd(tcf212, 254))) && tcf225) && (256 < tcf217)) || ((((0 <= attnc_iadd(tcf223, 1023)) && (0 <= attnc_iadd(tcf212, 510))) && tcf225) && (512 < tcf217))) || (((((0 <= attnc_iadd(tcf223, 2047)) && (0 <= attnc_iadd(tcf212, 1022))) && tcf225) && (1024 < tcf217)) || ((((0 <= attnc_iadd(tcf223, 4095)) && (0 <= attnc_iadd(tcf212, 2046))) && tcf225) && (2048 < tcf217)))) || ((((((0 <= attnc_iadd(tcf223, 8191)) && (0 <= attnc_iadd(tcf212, 4094))) && tcf225) && (4096 < tcf217)) || ((((0 <= attnc_iadd(tcf223, 16383)) && (0 <= attnc_iadd(tcf212, 8190))) && tcf225) && (8192 < tcf217))) || (((((0 <= attnc_iadd(tcf223, 32767)) && (0 <= attnc_iadd(tcf212, 16382))) && tcf225) && (16384 < tcf217)) || ((((0 <= attnc_iadd(tcf223, 65535)) && (0 <= attnc_iadd(tcf212, 32766))) && tcf225) && (32768 < tcf217)))))) || (((((((0 <= attnc_iadd(tcf223, 131071)) && (0 <= attnc_iadd(tcf212, 65534))) && tcf225) && (65536 < tcf217)) || ((((0 <= attnc_iadd(tcf223, 262143)) && (0 <= attnc_iadd(tcf212, 131070))) && tcf225) && (131072 < tcf217))) || (((((0 <= attnc_iadd(tcf223, 524287)) && (0 <= attnc_iadd(tcf212, 262142))) && tcf225) && (262144 < tcf217)) || ((((0 <= attnc_iadd(tcf223, 1048575)) && (0 <= attnc_iadd(tcf212, 524286))) && tcf225) && (524288 < tcf217)))) || (((((0 <= attnc_iadd(tcf223, 2097151)) && (0 <= attnc_iadd(tcf212, 1048574))) && tcf225) && (1048576 < tcf217)) || (((0 <= attnc_iadd(tcf212, 2097150)) && tcf220) && (tcf213 && (2097152 < tcf217)))))));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    const int tkl210 = attnc_idiv(attnc_isub(63, qlo), 64);
    const int tkl211 = attnc_idiv(qhi, 64);
    const bool tkl213 = (0 <= attnc_iadd(tkl210, tkl211));
    const int tkl9957 = attnc_imul(64, tkl210);
    const int tkl9959 = attnc_isub(0, attnc_iadd(tkl9957, 128));
    const int tkl24 = attnc_isub(p.KV_LEN, 1);
    const int tkl228 = attnc_imul(64, tkl211);
    const int tkl229 = attnc_iadd(tkl228, 63);
    const int tkl9969 = attnc_isub(tkl228, 193);
    const int tkl9972 = attnc_isub(0, attnc_iadd(tkl9957, 256));
    const int tkl9986 = attnc_isub(tkl228, 449);
    const int tkl9989 = attnc_isub(0, attnc_iadd(tkl9957, 512));
    const int tkl10003 = attnc_isub(tkl228, 961);
    const int tkl10006 = attnc_isub(0, attnc_iadd(tkl9957, 1024));
    const int tkl10020 = attnc_isub(tkl228, 1985);
    const int tkl10023 = attnc_isub(0, attnc_iadd(tkl9957, 2048));
    const int tkl10037 = attnc_isub(tkl228, 4033);
    const int tkl10040 = attnc_isub(0, attnc_iadd(tkl9957, 4096));
    const int tkl10054 = attnc_isub(tkl228, 8129);
    const int tkl10057 = attnc_isub(0, attnc_iadd(tkl9957, 8192));
    const int tkl10071 = attnc_isub(tkl228, 16321);
    const int tkl10074 = attnc_isub(0, attnc_iadd(tkl9957, 16384));
    const int tkl10088 = attnc_isub(tkl228, 32705);
    const int tkl10091 = attnc_isub(0, attnc_iadd(tkl9957, 32768));
    const int tkl10105 = attnc_isub(tkl228, 65473);
    const int tkl10108 = attnc_isub(0, attnc_iadd(tkl9957, 65536));
    const int tkl10122 = attnc_isub(tkl228, 131009);
    const int tkl10125 = attnc_isub(0, attnc_iadd(tkl9957, 131072));
    const int tkl10139 = attnc_isub(tkl228, 262081);
    const int tkl10142 = attnc_isub(0, attnc_iadd(tkl9957, 262144));
    const int tkl10156 = attnc_isub(tkl228, 524225);
    const int tkl10159 = attnc_isub(0, attnc_iadd(tkl9957, 524288));
    const int tkl10173 = attnc_isub(tkl228, 1048513);
    const int tkl10176 = attnc_isub(0, attnc_iadd(tkl9957, 1048576));
    const int tkl10190 = attnc_isub(tkl228, 2097089);
    const int tkl10193 = attnc_isub(0, attnc_iadd(tkl9957, 2097152));
    const int tkl10207 = attnc_isub(tkl228, 4194241);
    const int tkl10210 = attnc_isub(0, attnc_iadd(tkl9957, 4194304));
    const int tkl10224 = attnc_isub(tkl228, 8388545);
    const int tkl10227 = attnc_isub(0, attnc_iadd(tkl9957, 8388608));
    const int tkl10241 = attnc_isub(tkl228, 16777153);
    const int tkl10244 = attnc_isub(0, attnc_iadd(tkl9957, 16777216));
    const int tkl10258 = attnc_isub(tkl228, 33554369);
    const int tkl10261 = attnc_isub(0, attnc_iadd(tkl9957, 33554432));
    const int tkl10275 = attnc_isub(tkl228, 67108801);
    const int tkl10278 = attnc_isub(0, attnc_iadd(tkl9957, 67108864));
    const int tkl10292 = attnc_isub(tkl228, 134217665);
    const int tkl10295 = attnc_isub(0, attnc_iadd(tkl9957, 134217728));
    const int tkl10361 = (tkl213 ? 0 : p.KV_LEN);
    lo = min(min(min(min(min(((tkl213 && (((tkl9959 <= tkl24) && (tkl9959 <= qhi)) && (tkl9959 <= tkl229))) ? max(0, tkl9959) : p.KV_LEN), (((tkl213 && ((0 <= tkl9969) && ((tkl9972 <= tkl24) && (tkl9972 <= qhi)))) && ((tkl9972 <= tkl229) && (tkl9972 <= tkl9969))) ? max(0, tkl9972) : p.KV_LEN)), min((((tkl213 && ((0 <= tkl9986) && ((tkl9989 <= tkl24) && (tkl9989 <= qhi)))) && ((tkl9989 <= tkl229) && (tkl9989 <= tkl9986))) ? max(0, tkl9989) : p.KV_LEN), (((tkl213 && ((0 <= tkl10003) && ((tkl10006 <= tkl24) && (tkl10006 <= qhi)))) && ((tkl10006 <= tkl229) && (tkl10006 <= tkl10003))) ? max(0, tkl10006) : p.KV_LEN))), min(min((((tkl213 && ((0 <= tkl10020) && ((tkl10023 <= tkl24) && (tkl10023 <= qhi)))) && ((tkl10023 <= tkl229) && (tkl10023 <= tkl10020))) ? max(0, tkl10023) : p.KV_LEN), (((tkl213 && ((0 <= tkl10037) && ((tkl10040 <= tkl24) && (tkl10040 <= qhi)))) && ((tkl10040 <= tkl229) && (tkl10040 <= tkl10037))) ? max(0, tkl10040) : p.KV_LEN)), min((((tkl213 && ((0 <= tkl10054) && ((tkl10057 <= tkl24) && (tkl10057 <= qhi)))) && ((tkl10057 <= tkl229) && (tkl10057 <= tkl10054))) ? max(0, tkl10057) : p.KV_LEN), (((tkl213 && ((0 <= tkl10071) && ((tkl10074 <= tkl24) && (tkl10074 <= qhi)))) && ((tkl10074 <= tkl229) && (tkl10074 <= tkl10071))) ? max(0, tkl10074) : p.KV_LEN)))), min(min(min((((tkl213 && ((0 <= tkl10088) && ((tkl10091 <= tkl24) && (tkl10091 <= qhi)))) && ((tkl10091 <= tkl229) && (tkl10091 <= tkl10088))) ? max(0, tkl10091) : p.KV_LEN), (((tkl213 && ((0 <= tkl10105) && ((tkl10108 <= tkl24) && (tkl10108 <= qhi)))) && ((tkl10108 <= tkl229) && (tkl10108 <= tkl10105))) ? max(0, tkl10108) : p.KV_LEN)), min((((tkl213 && ((0 <= tkl10122) && ((tkl10125 <= tkl24) && (tkl10125 <= qhi)))) && ((tkl10125 <= tkl229) && (tkl10125 <= tkl10122))) ? max(0, tkl10125) : p.KV_LEN), (((tkl213 && ((0 <= tkl10139) && ((tkl10142 <= tkl24) && (tkl10142 <= qhi)))) && ((tkl10142 <= tkl229) && (tkl10142 <= tkl10139))) ? max(0, tkl10142) : p.KV_LEN))), min(min((((tkl213 && ((0 <= tkl10156) && ((tkl10159 <= tkl24) && (tkl10159 <= qhi)))) && ((tkl10159 <= tkl229) && (tkl10159 <= tkl10156))) ? max(0, tkl10159) : p.KV_LEN), (((tkl213 && ((0 <= tkl10173) && ((tkl10176 <= tkl24) && (tkl10176 <= qhi)))) && ((tkl10176 <= tkl229) && (tkl10176 <= tkl10173))) ? max(0, tkl10176) : p.KV_LEN)), min((((tkl213 && ((0 <= tkl10190) && ((tkl10193 <= tkl24) && (tkl10193 <= qhi)))) && ((tkl10193 <= tkl229) && (tkl10193 <= tkl10190))) ? max(0, tkl10193) : p.KV_LEN), (((tkl213 && ((0 <= tkl10207) && ((tkl10210 <= tkl24) && (tkl10210 <= qhi)))) && ((tkl10210 <= tkl229) && (tkl10210 <= tkl10207))) ? max(0, tkl10210) : p.KV_LEN))))), min(min(min(min((((tkl213 && ((0 <= tkl10224) && ((tkl10227 <= tkl24) && (tkl10227 <= qhi)))) && ((tkl10227 <= tkl229) && (tkl10227 <= tkl10224))) ? max(0, tkl10227) : p.KV_LEN), (((tkl213 && ((0 <= tkl10241) && ((tkl10244 <= tkl24) && (tkl10244 <= qhi)))) && ((tkl10244 <= tkl229) && (tkl10244 <= tkl10241))) ? max(0, tkl10244) : p.KV_LEN)), min((((tkl213 && ((0 <= tkl10258) && ((tkl10261 <= tkl24) && (tkl10261 <= qhi)))) && ((tkl10261 <= tkl229) && (tkl10261 <= tkl10258))) ? max(0, tkl10261) : p.KV_LEN), (((tkl213 && ((0 <= tkl10275) && ((tkl10278 <= tkl24) && (tkl10278 <= qhi)))) && ((tkl10278 <= tkl229) && (tkl10278 <= tkl10275))) ? max(0, tkl10278) : p.KV_LEN))), min(min((((tkl213 && ((0 <= tkl10292) && ((tkl10295 <= tkl24) && (tkl10295 <= qhi)))) && ((tkl10295 <= tkl229) && (tkl10295 <= tkl10292))) ? max(0, tkl10295) : p.KV_LEN), tkl10361), tkl10361)), tkl10361));
  }
  {
    const int tkh210 = attnc_idiv(attnc_isub(63, qlo), 64);
    const int tkh211 = attnc_idiv(qhi, 64);
    const bool tkh213 = (0 <= attnc_iadd(tkh210, tkh211));
    const int tkh9957 = attnc_imul(64, tkh210);
    const int tkh9959 = attnc_isub(0, attnc_iadd(tkh9957, 128));
    const int tkh24 = attnc_isub(p.KV_LEN, 1);
    const int tkh228 = attnc_imul(64, tkh211);
    const int tkh229 = attnc_iadd(tkh228, 63);
    const int tkh26 = min(tkh24, qhi);
    const int tkh9967 = min(tkh26, tkh229);
    const int tkh9969 = attnc_isub(tkh228, 193);
    const int tkh9972 = attnc_isub(0, attnc_iadd(tkh9957, 256));
    const int tkh9986 = attnc_isub(tkh228, 449);
    const int tkh9989 = attnc_isub(0, attnc_iadd(tkh9957, 512));
    const int tkh10003 = attnc_isub(tkh228, 961);
    const int tkh10006 = attnc_isub(0, attnc_iadd(tkh9957, 1024));
    const int tkh10020 = attnc_isub(tkh228, 1985);
    const int tkh10023 = attnc_isub(0, attnc_iadd(tkh9957, 2048));
    const int tkh10037 = attnc_isub(tkh228, 4033);
    const int tkh10040 = attnc_isub(0, attnc_iadd(tkh9957, 4096));
    const int tkh10054 = attnc_isub(tkh228, 8129);
    const int tkh10057 = attnc_isub(0, attnc_iadd(tkh9957, 8192));
    const int tkh10071 = attnc_isub(tkh228, 16321);
    const int tkh10074 = attnc_isub(0, attnc_iadd(tkh9957, 16384));
    const int tkh10088 = attnc_isub(tkh228, 32705);
    const int tkh10091 = attnc_isub(0, attnc_iadd(tkh9957, 32768));
    const int tkh10105 = attnc_isub(tkh228, 65473);
    const int tkh10108 = attnc_isub(0, attnc_iadd(tkh9957, 65536));
    const int tkh10122 = attnc_isub(tkh228, 131009);
    const int tkh10125 = attnc_isub(0, attnc_iadd(tkh9957, 131072));
    const int tkh10139 = attnc_isub(tkh228, 262081);
    const int tkh10142 = attnc_isub(0, attnc_iadd(tkh9957, 262144));
    const int tkh10156 = attnc_isub(tkh228, 524225);
    const int tkh10159 = attnc_isub(0, attnc_iadd(tkh9957, 524288));
    const int tkh10173 = attnc_isub(tkh228, 1048513);
    const int tkh10176 = attnc_isub(0, attnc_iadd(tkh9957, 1048576));
    const int tkh10190 = attnc_isub(tkh228, 2097089);
    const int tkh10193 = attnc_isub(0, attnc_iadd(tkh9957, 2097152));
    const int tkh10207 = attnc_isub(tkh228, 4194241);
    const int tkh10210 = attnc_isub(0, attnc_iadd(tkh9957, 4194304));
    const int tkh10224 = attnc_isub(tkh228, 8388545);
    const int tkh10227 = attnc_isub(0, attnc_iadd(tkh9957, 8388608));
    const int tkh10241 = attnc_isub(tkh228, 16777153);
    const int tkh10244 = attnc_isub(0, attnc_iadd(tkh9957, 16777216));
    const int tkh10258 = attnc_isub(tkh228, 33554369);
    const int tkh10261 = attnc_isub(0, attnc_iadd(tkh9957, 33554432));
    const int tkh10275 = attnc_isub(tkh228, 67108801);
    const int tkh10278 = attnc_isub(0, attnc_iadd(tkh9957, 67108864));
    const int tkh10292 = attnc_isub(tkh228, 134217665);
    const int tkh10295 = attnc_isub(0, attnc_iadd(tkh9957, 134217728));
    const int tkh10383 = (tkh213 ? tkh9967 : (-1));
    hi = max(max(max(max(max(((tkh213 && (((tkh9959 <= tkh24) && (tkh9959 <= qhi)) && (tkh9959 <= tkh229))) ? tkh9967 : (-1)), (((tkh213 && ((0 <= tkh9969) && ((tkh9972 <= tkh24) && (tkh9972 <= qhi)))) && ((tkh9972 <= tkh229) && (tkh9972 <= tkh9969))) ? min(tkh26, min(tkh229, tkh9969)) : (-1))), max((((tkh213 && ((0 <= tkh9986) && ((tkh9989 <= tkh24) && (tkh9989 <= qhi)))) && ((tkh9989 <= tkh229) && (tkh9989 <= tkh9986))) ? min(tkh26, min(tkh229, tkh9986)) : (-1)), (((tkh213 && ((0 <= tkh10003) && ((tkh10006 <= tkh24) && (tkh10006 <= qhi)))) && ((tkh10006 <= tkh229) && (tkh10006 <= tkh10003))) ? min(tkh26, min(tkh229, tkh10003)) : (-1)))), max(max((((tkh213 && ((0 <= tkh10020) && ((tkh10023 <= tkh24) && (tkh10023 <= qhi)))) && ((tkh10023 <= tkh229) && (tkh10023 <= tkh10020))) ? min(tkh26, min(tkh229, tkh10020)) : (-1)), (((tkh213 && ((0 <= tkh10037) && ((tkh10040 <= tkh24) && (tkh10040 <= qhi)))) && ((tkh10040 <= tkh229) && (tkh10040 <= tkh10037))) ? min(tkh26, min(tkh229, tkh10037)) : (-1))), max((((tkh213 && ((0 <= tkh10054) && ((tkh10057 <= tkh24) && (tkh10057 <= qhi)))) && ((tkh10057 <= tkh229) && (tkh10057 <= tkh10054))) ? min(tkh26, min(tkh229, tkh10054)) : (-1)), (((tkh213 && ((0 <= tkh10071) && ((tkh10074 <= tkh24) && (tkh10074 <= qhi)))) && ((tkh10074 <= tkh229) && (tkh10074 <= tkh10071))) ? min(tkh26, min(tkh229, tkh10071)) : (-1))))), max(max(max((((tkh213 && ((0 <= tkh10088) && ((tkh10091 <= tkh24) && (tkh10091 <= qhi)))) && ((tkh10091 <= tkh229) && (tkh10091 <= tkh10088))) ? min(tkh26, min(tkh229, tkh10088)) : (-1)), (((tkh213 && ((0 <= tkh10105) && ((tkh10108 <= tkh24) && (tkh10108 <= qhi)))) && ((tkh10108 <= tkh229) && (tkh10108 <= tkh10105))) ? min(tkh26, min(tkh229, tkh10105)) : (-1))), max((((tkh213 && ((0 <= tkh10122) && ((tkh10125 <= tkh24) && (tkh10125 <= qhi)))) && ((tkh10125 <= tkh229) && (tkh10125 <= tkh10122))) ? min(tkh26, min(tkh229, tkh10122)) : (-1)), (((tkh213 && ((0 <= tkh10139) && ((tkh10142 <= tkh24) && (tkh10142 <= qhi)))) && ((tkh10142 <= tkh229) && (tkh10142 <= tkh10139))) ? min(tkh26, min(tkh229, tkh10139)) : (-1)))), max(max((((tkh213 && ((0 <= tkh10156) && ((tkh10159 <= tkh24) && (tkh10159 <= qhi)))) && ((tkh10159 <= tkh229) && (tkh10159 <= tkh10156))) ? min(tkh26, min(tkh229, tkh10156)) : (-1)), (((tkh213 && ((0 <= tkh10173) && ((tkh10176 <= tkh24) && (tkh10176 <= qhi)))) && ((tkh10176 <= tkh229) && (tkh10176 <= tkh10173))) ? min(tkh26, min(tkh229, tkh10173)) : (-1))), max((((tkh213 && ((0 <= tkh10190) && ((tkh10193 <= tkh24) && (tkh10193 <= qhi)))) && ((tkh10193 <= tkh229) && (tkh10193 <= tkh10190))) ? min(tkh26, min(tkh229, tkh10190)) : (-1)), (((tkh213 && ((0 <= tkh10207) && ((tkh10210 <= tkh24) && (tkh10210 <= qhi)))) && ((tkh10210 <= tkh229) && (tkh10210 <= tkh10207))) ? min(tkh26, min(tkh229, tkh10207)) : (-1)))))), max(max(max(max((((tkh213 && ((0 <= tkh10224) && ((tkh10227 <= tkh24) && (tkh10227 <= qhi)))) && ((tkh10227 <= tkh229) && (tkh10227 <= tkh10224))) ? min(tkh26, min(tkh229, tkh10224)) : (-1)), (((tkh213 && ((0 <= tkh10241) && ((tkh10244 <= tkh24) && (tkh10244 <= qhi)))) && ((tkh10244 <= tkh229) && (tkh10244 <= tkh10241))) ? min(tkh26, min(tkh229, tkh10241)) : (-1))), max((((tkh213 && ((0 <= tkh10258) && ((tkh10261 <= tkh24) && (tkh10261 <= qhi)))) && ((tkh10261 <= tkh229) && (tkh10261 <= tkh10258))) ? min(tkh26, min(tkh229, tkh10258)) : (-1)), (((tkh213 && ((0 <= tkh10275) && ((tkh10278 <= tkh24) && (tkh10278 <= qhi)))) && ((tkh10278 <= tkh229) && (tkh10278 <= tkh10275))) ? min(tkh26, min(tkh229, tkh10275)) : (-1)))), max(max((((tkh213 && ((0 <= tkh10292) && ((tkh10295 <= tkh24) && (tkh10295 <= qhi)))) && ((tkh10295 <= tkh229) && (tkh10295 <= tkh10292))) ? min(tkh26, min(tkh229, tkh10292)) : (-1)), tkh10383), tkh10383)), tkh10383));
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
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
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
