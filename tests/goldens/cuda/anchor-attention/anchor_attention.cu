// attnc: anchor_attention (softmax) — generated CUDA C++, do not edit.
// Build: nvcc -O3 -std=c++17 -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a -gencode=arch=compute_80,code=compute_80 -c anchor_attention.cu
// Entry point and error codes: anchor_attention.h. Tile plans: ATTNC_D<dim>_* macros below.
#include <cuda_runtime.h>
#include <cuda.h>  // CUtensorMap (TMA maps of the warp-specialized kernel; no -lcuda needed)
#include <cudaTypedefs.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <atomic>
#include <cstdint>
#include <cstdlib>  // getenv (ATTNC_DECODE_SPLITS)
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
#define ATTNC_ERR_PAGE 8  /* a page id a row reads (a page below its kv_len) is outside [0, NUM_PAGES) */
#define ATTNC_DTYPE_BF16 0
#define ATTNC_DTYPE_F16 1
#endif

namespace attnc_anchor_attention {

// <prelude: _shared.cu>

struct Params {
  const void* q;
  const void* k;
  const void* v;
  float* o;
  float* lse;
  int B, H, H_KV, Q_LEN, KV_LEN, D;  // Q_LEN, KV_LEN: the tensors' (padded) lengths
  float scale;
  const int* in_doc;  // i32[B, Q_LEN]
  const int* fact_violations;  // per run-time fact: 0 when it holds (set by the host)
  const int* q_lens;  // per-row lengths (docs/language.md § 10): B values each, or null
  const int* kv_lens;
};
// whether the program's code (mask, score, tile classes, key range) reads Q_LEN
constexpr bool kHolesReadQLen = true;

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
// A paged KV cache (paged.ts): the forward kernels that load K and V by cp.async take it beside Params
struct Pages {
  const int* table;  // int32 [B, max_pages] page ids, or null (k, v dense)
  int size, max_pages, num;  // PAGE, MAX_PAGES = KV_LEN / PAGE, NUM_PAGES (k, v: [NUM_PAGES, H_KV, PAGE, D])
  unsigned magic;  // kv / PAGE = (umulhi(kv, magic) + kv) >> shift (attnc_page_div)
  int shift;
};
// Paged KV: key kv / PAGE (kv >= 0), by a multiply-high with the host's constants (page_divisor)
__device__ __forceinline__ int attnc_page_div(const Pages& pg, int kv) {
  return (int)((__umulhi((unsigned)kv, pg.magic) + (unsigned)kv) >> pg.shift);
}
// The row of k and v (rows of D elements; fewer than 2^31, the entry point checks) that holds key kv of
// batch row b in KV head kvh: row kv % PAGE of page table[b, kv / PAGE], the page id clamped into
// [0, NUM_PAGES) (the entry point has checked the ids a row reads; the clamp keeps any other table inside
// k and v). kv must be below KV_LEN.
__device__ __forceinline__ int attnc_page_row(const Params& p, const Pages& pg, int b, int kvh, int kv) {
  const int slot = attnc_page_div(pg, kv);
  const int id = min(max(__ldg(pg.table + (int64_t)b * pg.max_pages + slot), 0), pg.num - 1);
  return (id * p.H_KV + kvh) * pg.size + (kv - slot * pg.size);
}
// Paged KV: the keys of a tile from their pages into the K tile at sk (k_on) and the V tile at sv (v_on),
// 16-byte chunk c of key r at smem(s, r, c); keys past kv_len zero-filled. The CTA's NTHREADS threads call
// it alike. Warp w copies the tile's keys [w * KW, w * KW + KW): lane l finds the row of its key l, and a
// copy takes its key's row from that lane
template <typename T, int HD, int BN, int NTHREADS, typename S, typename Smem>
__device__ __forceinline__ void attnc_load_pages(const Params& p, const Pages& pg, int b, int kvh, int kv_len, int tile,
                                                 S sk, S sv, bool k_on, bool v_on, Smem smem) {
  constexpr int CH = HD / 8, KW = BN / (NTHREADS / 32), ITS = BN * CH / NTHREADS;  // keys per warp, copies per thread
  static_assert(KW <= 32 && KW * CH == 32 * ITS, "paged load: a warp's keys");
  const int lane = threadIdx.x & 31, w = threadIdx.x >> 5, kv0 = tile * BN + w * KW;
  const int lane_row = lane < KW && kv0 + lane < kv_len ? attnc_page_row(p, pg, b, kvh, kv0 + lane) : 0;
#pragma unroll
  for (int it = 0; it < ITS; ++it) {
    const int i = (w * ITS + it) * 32 + lane, r = i / CH, c = i % CH;  // chunk c of the tile's key r
    const int row = __shfl_sync(0xffffffffu, lane_row, r - w * KW);
    const bool ok = tile * BN + r < kv_len;
    const int64_t at = ok ? (int64_t)row * HD + c * 8 : 0;
    if (k_on) attnc_cp_async16(smem(sk, r, c), static_cast<const T*>(p.k) + at, ok ? 16 : 0);
    if (v_on) attnc_cp_async16(smem(sv, r, c), static_cast<const T*>(p.v) + at, ok ? 16 : 0);
  }
}

__device__ __forceinline__ const int* attnc_ptr_doc(const Params& p, int i0, int i1) {
  return p.in_doc + (((int64_t)min(max(i0, 0), p.B - 1)) * p.Q_LEN + min(max(i1, 0), p.Q_LEN - 1));
}
__device__ __forceinline__ int attnc_load_doc(const Params& p, int i0, int i1) {
  return __ldg(attnc_ptr_doc(p, i0, i1));
}

// ---- the plan, printed: what the mask and score are, and which tiles can be skipped ----
constexpr bool kMaskIsTrue = false;
constexpr bool kMaskIsCheap = true;  // unroll the mask loop (few ops)
constexpr bool kClassifierIsCheap = false;  // classify key tiles where needed (else a chunk at a time, one per thread)
constexpr bool kScoreIsS = true;
constexpr bool kElementwise = false;  // each entry weighs its value by weight(L) alone: no row max, sum or lse
constexpr bool kUnitWeights = true;  // every weight lies in [0, 1] (fp16 P may be scaled up)
constexpr bool kHasKvRange = true;
constexpr bool kHasSink = false;  // a per-row logit joins the softmax's denominator (epilogue)

// values computed once per (b, h)
struct HeadCtx {
};
__device__ __forceinline__ HeadCtx head_ctx(const Params& p, int b, int h) {
  return HeadCtx{};
}

// values computed once per query row
struct RowCtx {
  int tr28;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr28 = attnc_load_doc(p, b, q);
  return RowCtx{tr28};
}

// reads computed once per key column (the same for every query row): staged per tile in shared
// memory by the sm_90a kernel, else read where used
constexpr int kNumCols = 1;
struct ColCtx {
  int tcol29;
};
__device__ __forceinline__ ColCtx col_ctx(const Params& p, const HeadCtx& hc, int b, int h, int kv) {
  const int tcol29 = attnc_load_doc(p, b, kv);
  return ColCtx{tcol29};
}
__device__ __forceinline__ const void* col_src(const Params& p, const HeadCtx& hc, int b, int h, int kv, int j) {
  const int tcol29 = attnc_load_doc(p, b, kv);
  const void* tcol29_src = attnc_ptr_doc(p, b, kv);
  return j == 0 ? tcol29_src : nullptr;
}
__device__ __forceinline__ ColCtx col_staged(const unsigned* s, int stride, int i) {
  return ColCtx{(int)s[0 * stride + i]};
}

// the mask, on every in-range (q, kv) of a partial tile
__device__ __forceinline__ bool mask(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv) {
  const int tr28 = rc.tr28;
  const int tcol29 = cc.tcol29;
  return (((tr28 == tcol29) && (kv <= q)) || (kv == 0));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  return s;
}

// the weight P of a visible entry with score L, and dP/dL from P: unused (normalize softmax: the online softmax weighs each row)
__device__ __forceinline__ float weight(float L) { return L; }
__device__ __forceinline__ float weight_dl(float P) { return 0.f; }

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const bool sorted_doc_1 = p.fact_violations[0] == 0;  // doc is nondecreasing along dim 1
  const int tca37 = max(min(b, attnc_isub(p.B, 1)), 0);
  const int tca39 = attnc_isub(attnc_q_len(p, b), 1);
  const int tca49 = attnc_load_doc(p, tca37, max(min(kvlo, tca39), 0));
  const int tca52 = attnc_load_doc(p, tca37, max(min(kvhi, tca39), 0));
  const int tca45 = attnc_load_doc(p, tca37, max(min(qhi, tca39), 0));
  const int tca42 = attnc_load_doc(p, tca37, max(min(qlo, tca39), 0));
  const bool tca18 = (kvlo <= qhi);
  const bool tca62 = (kvlo <= 0);
  return (sorted_doc_1 ? ((((((tca49 <= tca52) && (tca49 <= tca45)) && (tca42 <= tca52)) && (tca42 <= tca45)) && tca18) || tca62) : (tca18 || tca62));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const bool sorted_doc_1 = p.fact_violations[0] == 0;  // doc is nondecreasing along dim 1
  const int tcf37 = max(min(b, attnc_isub(p.B, 1)), 0);
  const int tcf39 = attnc_isub(attnc_q_len(p, b), 1);
  const int tcf49 = attnc_load_doc(p, tcf37, max(min(kvlo, tcf39), 0));
  const int tcf52 = attnc_load_doc(p, tcf37, max(min(kvhi, tcf39), 0));
  const int tcf42 = attnc_load_doc(p, tcf37, max(min(qlo, tcf39), 0));
  const int tcf45 = attnc_load_doc(p, tcf37, max(min(qhi, tcf39), 0));
  const bool tcf64 = (0 < kvhi);
  const bool tcf67 = (((tcf49 <= tcf52) && (tcf42 <= tcf45)) && tcf64);
  const bool tcf71 = (tcf64 && (qlo < kvhi));
  return (sorted_doc_1 ? (!(((tcf67 && (tcf42 < tcf52)) || (tcf67 && (tcf49 < tcf45))) || tcf71)) : (!(tcf64 || tcf71)));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    lo = 0;
  }
  {
    const int tkh24 = attnc_isub(attnc_kv_len(p, b), 1);
    hi = max(min(tkh24, qhi), min(0, tkh24));
  }
}
// the sink logit of row q (natural-log units, as the score): it joins the row's sum in the epilogue
__device__ __forceinline__ float sink_logit(const Params& p, int b, int h, int q) {
  return -INFINITY;  // no sink
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
// ---- the decode kernel (skeleton-decode.ts): Q_LEN <= 16, GQA-packed rows, split-KV ----
// One CTA = 16 packed rows (query head kvh * G + pr / Q_LEN, row pr % Q_LEN) of one (b, kv head), and
// part split of their visible key tiles; NW warps share the rows and divide each tile's BN = NW * BNW
// keys. With splits > 1 each CTA writes its partial (o, lse) into o_part / lse_part for merge_kernel.
template <typename T, int HD, int NW, int BNW, int STAGES>
__global__ void __launch_bounds__(NW * 32, 1) decode_kernel(const Params p, const Pages pg, float* const o_part, float* const lse_part, const int splits) {
  constexpr int MT = 1;              // one m16 tile of packed rows
  constexpr int BM = 16;
  constexpr int BN = NW * BNW;       // keys per tile (the CTA's), BNW per warp
  constexpr int NT = BNW / 8;        // n8 tiles of S per warp
  constexpr int KD = HD / 16;        // k16 steps of Q.K^T
  constexpr int ND = HD / 8;         // n8 tiles of O
  constexpr int CH = HD / 8;         // 16-byte chunks per row
  constexpr int NTHREADS = NW * 32;
  constexpr float kLog2e = 1.4426950408889634f;
  // P's scale: as the sm_80 kernel's (kPShift there)
  constexpr bool kHalf = std::is_same<T, __half>::value;
  constexpr float kPShift = kHalf ? 15.f : -32.f;
  constexpr float kPScale = kHalf ? 32768.f : 1.f;
  static_assert(BNW % 16 == 0 && BN <= 128 && HD % 16 == 0 && (BN * CH) % NTHREADS == 0 && (BM * CH) % NTHREADS == 0, "decode tile plan");
  using DT = attnc_dtype<T>;

  extern __shared__ __align__(128) unsigned char smem_raw[];
  T* const sQ = reinterpret_cast<T*>(smem_raw);
  T* const sK = sQ + BM * HD;
  T* const sV = sK + STAGES * BN * HD;
  auto swz = [](int row, int chunk) { return row * HD + ((chunk ^ (row & 7)) << 3); };

  const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
  const int b = blockIdx.z, kvh = blockIdx.y, split = blockIdx.x % splits;
  const int plo = (blockIdx.x / splits) * BM;      // this CTA's first packed row
  const int grp = p.H / p.H_KV;                    // query heads per kv head
  const int n_rows = grp * p.Q_LEN;                // packed rows of the group (the tensors' Q_LEN)
  const int kv_len = attnc_kv_len(p, b);
  const int q_len = attnc_q_len(p, b);
  const T* const gK = static_cast<const T*>(p.k) + ((int64_t)b * p.H_KV + kvh) * p.KV_LEN * HD;
  const T* const gV = static_cast<const T*>(p.v) + ((int64_t)b * p.H_KV + kvh) * p.KV_LEN * HD;

  // this thread's two rows (slots hh = 0, 1: packed rows plo + lane / 4 + 8 hh): query row, head, HeadCtx
  const int row0 = plo + (lane >> 2);
  int rq[MT][2], rh[MT][2];
  HeadCtx rhc[MT][2];
#pragma unroll
  for (int hh = 0; hh < 2; ++hh) {
    const int pr = row0 + 8 * hh;
    const bool ok = pr < n_rows;
    rh[0][hh] = kvh * grp + (ok ? pr / p.Q_LEN : 0);
    rq[0][hh] = ok ? pr % p.Q_LEN : p.Q_LEN;  // a padding slot: never visible, never written
    rhc[0][hh] = head_ctx(p, b, rh[0][hh]);
  }

  // ---- the key tiles: per head of the CTA, its rows [qlo, qhi] (as ROW_LENGTHS clips them: the
  // padded length unless the program reads Q_LEN), combined over the heads (see the contract) ----
  const int q_end = kHolesReadQLen ? q_len : p.Q_LEN;
  const int hg_first = plo / p.Q_LEN, hg_last = (min(plo + BM, n_rows) - 1) / p.Q_LEN;
  auto for_heads = [&](auto&& f) {
    for (int hg = hg_first; hg <= hg_last; ++hg) {
      const int qlo = max(plo - hg * p.Q_LEN, 0), qhi = min(plo + BM - 1 - hg * p.Q_LEN, q_end - 1);
      if (qlo <= qhi && qlo < q_len) f(kvh * grp + hg, qlo, qhi);  // (rows all past q_len compute nothing)
    }
  };
  int lo_all = kv_len, hi_all = -1;  // the hull of the heads' key ranges (none: empty)
  for_heads([&](int h, int qlo, int qhi) {
    int lo = 0, hi = kv_len - 1;
    if constexpr (kHasKvRange) {
      kv_range(p, b, h, qlo, qhi, lo, hi);
      lo = max(lo, 0);
      hi = min(hi, kv_len - 1);
    }
    if (lo <= hi) {
      lo_all = min(lo_all, lo);
      hi_all = max(hi_all, hi);
    }
  });
  int t_begin = 0, t_end = 0;
  if (lo_all <= hi_all) {  // this split's contiguous part of [lo_all / BN, hi_all / BN]
    const int first = lo_all / BN, n = hi_all / BN + 1 - first, per = (n + splits - 1) / splits;
    t_begin = first + min(split * per, n);
    t_end = first + min(split * per + per, n);
  }
  auto visible = [&](int t) {
    bool any = false;
    for_heads([&](int h, int qlo, int qhi) { any = any || any_visible(p, b, h, qlo, qhi, t * BN, min(t * BN + BN, kv_len) - 1); });
    return any;
  };
  auto tile_full = [&](int t) {  // visible everywhere for every head, and inside the keys: the mask is skipped
    const int kvlo = t * BN;
    if (kvlo + BN > kv_len) return false;
    bool all = true;
    if constexpr (!kMaskIsTrue) for_heads([&](int h, int qlo, int qhi) { all = all && all_visible(p, b, h, qlo, qhi, kvlo, kvlo + BN - 1); });
    return all;
  };
  constexpr bool kChunkFull = false;
  auto next_full = [](int) { return false; };
  auto next_tile = [&](int t) -> int {  // the first visible tile >= t (t_end if none)
    if constexpr (!kMaskIsTrue) while (t < t_end && !visible(t)) ++t;
    return t;
  };

  auto load_kv = [&](int tile, int stage) {
    T* const sk = sK + stage * BN * HD;
    T* const sv = sV + stage * BN * HD;
    // one kernel for both layouts (a run-time branch: this kernel has registers to spare, and one
    // instantiation instead of two keeps the build time down)
    if (pg.table == nullptr) {
#pragma unroll
      for (int it = 0; it < BN * CH / NTHREADS; ++it) {
        const int i = it * NTHREADS + tid, r = i / CH, c = i % CH;
        const bool ok = tile * BN + r < kv_len;
        const int64_t at = (int64_t)(ok ? tile * BN + r : 0) * HD + c * 8;
        attnc_cp_async16(attnc_smem_addr(sk + swz(r, c)), gK + at, ok ? 16 : 0);
        attnc_cp_async16(attnc_smem_addr(sv + swz(r, c)), gV + at, ok ? 16 : 0);
      }
    } else {  // k and v in pages (paged.ts)
      attnc_load_pages<T, HD, BN, NTHREADS>(p, pg, b, kvh, kv_len, tile, sk, sv, true, true,
                                            [&](T* s, int r, int c) { return attnc_smem_addr(s + swz(r, c)); });
    }
  };
  // the 16 packed rows of Q (rows of several heads; a padding slot zero-filled), joining the first group
#pragma unroll
  for (int it = 0; it < (BM * CH + NTHREADS - 1) / NTHREADS; ++it) {
    const int i = it * NTHREADS + tid, r = i / CH, c = i % CH;
    if (i < BM * CH) {
      const int pr = plo + r;
      const bool ok = pr < n_rows;
      const int h = kvh * grp + (ok ? pr / p.Q_LEN : 0), q = ok ? pr % p.Q_LEN : 0;
      const T* src = static_cast<const T*>(p.q) + (((int64_t)b * p.H + h) * p.Q_LEN + q) * HD + c * 8;
      attnc_cp_async16(attnc_smem_addr(sQ + swz(r, c)), src, ok ? 16 : 0);
    }
  }

  constexpr bool kInlineCheapMask = ATTNC_INLINE_CHEAP_MASK;
  constexpr int kColSlots = 1;  // (key-column reads are not staged here)
  RowCtx rc[MT][2];
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) rc[mt][hh] = row_ctx(p, rhc[mt][hh], b, rh[mt][hh], rq[mt][hh]);

  float acc[MT][ND][4];
  float row_m[MT][2], row_l[MT][2];  // running max (log2 units) and this thread's part of the sum (of P, scaled by 2^kPShift)
#pragma unroll
  for (int mt = 0; mt < MT; ++mt) {
#pragma unroll
    for (int nd = 0; nd < ND; ++nd)
#pragma unroll
      for (int e = 0; e < 4; ++e) acc[mt][nd][e] = 0.f;
    row_m[mt][0] = row_m[mt][1] = -INFINITY;
    row_l[mt][0] = row_l[mt][1] = 0.f;
  }
  // kFold: the score is s, so sc keeps raw dot products and scale * log2(e) is folded into exp2's FFMA
  constexpr bool kFold = (ATTNC_FOLD_SCALE == 1 || (ATTNC_FOLD_SCALE == 2 && !(MT >= 2 && HD >= 128))) && kScoreIsS && !kElementwise;
  const float sl2 = p.scale * kLog2e;
  const bool neg_scale = kFold && sl2 < 0.f;  // then the row maximum of the scores is the minimum of sc
  const float hidden = kElementwise ? 0.f : (neg_scale ? INFINITY : -INFINITY);

  // The pipeline: every step loads the next visible key tile; from step STAGES - 1 on, each also
  // computes the tile loaded STAGES - 1 steps before (queue: the tiles in flight, oldest first, as
  // tile * 2 + full when the chunk classifies full tiles; else full is found when the tile is computed).
  int queue[STAGES];
#pragma unroll
  for (int i = 0; i < STAGES; ++i) queue[i] = t_end * 2;
  int t_cand = t_begin, stage_load = 0, stage = 0;
  for (int step = 0;; ++step) {
    const int t_load = t_cand < t_end ? next_tile(t_cand) : t_end;
    t_cand = t_load + 1;
    queue[STAGES - 1] = t_load * 2 + (kChunkFull && t_load < t_end && next_full(t_load) ? 1 : 0);
    if (t_load < t_end) load_kv(t_load, stage_load);
    attnc_cp_async_commit();
    stage_load = stage_load + 1 == STAGES ? 0 : stage_load + 1;
    const int t = queue[0] >> 1;
    const bool full_bit = queue[0] & 1;
#pragma unroll
    for (int i = 0; i + 1 < STAGES; ++i) queue[i] = queue[i + 1];
    if (step < STAGES - 1) continue;  // still filling the pipeline
    if (t >= t_end) break;
    const int kvlo = t * BN;
    const bool full = kChunkFull ? full_bit : tile_full(t);
    const int col_slot = (step - (STAGES - 1)) % kColSlots;  // where this tile's key-column reads were staged
    (void)col_slot;
    (void)kvlo;  // the tile's first key: each warp takes its own BNW keys of the tile below
    attnc_cp_async_wait<STAGES - 1>();
    __syncthreads();
    {
      const int kvlo = t * BN + warp * BNW;  // this warp's keys of the tile: [kvlo, kvlo + BNW)
      const T* const sKs = sK + stage * BN * HD + warp * BNW * HD;
      const T* const sVs = sV + stage * BN * HD + warp * BNW * HD;
    // the mask of a partial tile. A cheap mask is evaluated where it is used, after S; a costly
    // one before S is live, in a rolled loop, into one bit per element of this thread
    // (bit 4 * nt + e), to keep registers free
    constexpr bool kMaskBits = !((kMaskIsTrue || kMaskIsCheap) && kInlineCheapMask);
    unsigned long long vis[kMaskBits ? MT : 1];
    if (kMaskBits && !full) {
#pragma unroll
      for (int mt = 0; mt < MT; ++mt) {
        unsigned long long bits = 0;
        // one bit per row hh and this thread's key j; with key-column reads, both rows of a key
        // together (the reads once per key)
        auto key_of = [&](int j) { return kvlo + (j >> 1) * 8 + ((lane & 3) << 1) + (j & 1); };
        auto mask_bit = [&](int hh, int j, const ColCtx& cc) {
          const int q = rq[mt][hh];
          const int kv = key_of(j);
          const bool v = q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, rhc[mt][hh], rc[mt][hh], cc, b, rh[mt][hh], q, kv));
          bits |= (unsigned long long)v << ((j >> 1) * 4 + 2 * hh + (j & 1));
        };
        auto key_bits = [&](int j) {
          mask_bit(0, j, col_ctx(p, rhc[mt][0], b, rh[mt][0], key_of(j)));
          mask_bit(1, j, col_ctx(p, rhc[mt][1], b, rh[mt][1], key_of(j)));
        };
        if constexpr (kNumCols > 0 && kMaskIsCheap) {
#pragma unroll
          for (int j = 0; j < 2 * NT; ++j) key_bits(j);
        } else if constexpr (kNumCols > 0) {
#pragma unroll 1
          for (int j = 0; j < 2 * NT; ++j) key_bits(j);
        } else {
#pragma unroll
          for (int hh = 0; hh < 2; ++hh) {
            if constexpr (kMaskIsCheap) {
#pragma unroll
              for (int j = 0; j < 2 * NT; ++j) mask_bit(hh, j, ColCtx{});
            } else {
#pragma unroll 1
              for (int j = 0; j < 2 * NT; ++j) mask_bit(hh, j, ColCtx{});
            }
          }
        }
        vis[mt] = bits;
      }
    }

      // S = Q K^T (fp32) over this warp's keys
      float sc[MT][NT][4];
#pragma unroll
      for (int nt = 0; nt < NT; ++nt)
#pragma unroll
        for (int e = 0; e < 4; ++e) sc[0][nt][e] = 0.f;
#pragma unroll
      for (int kk = 0; kk < KD; ++kk) {
        unsigned qa[4];
        attnc_ldmatrix_x4(qa, attnc_smem_addr(sQ + swz(lane & 15, kk * 2 + (lane >> 4))));
#pragma unroll
        for (int np = 0; np < NT / 2; ++np) {
          unsigned kb[4];
          attnc_ldmatrix_x4(kb, attnc_smem_addr(sKs + swz(np * 16 + (lane & 7) + ((lane >> 4) << 3), kk * 2 + ((lane >> 3) & 1))));
          DT::mma(sc[0][2 * np], qa, kb[0], kb[1]);
          DT::mma(sc[0][2 * np + 1], qa, kb[2], kb[3]);
        }
      }

    // score and mask: sc becomes log2-unit logits (softmax) or weights (elementwise: sigmoid, none)
#pragma unroll
    for (int mt = 0; mt < MT; ++mt)
#pragma unroll
      for (int nt = 0; nt < NT; ++nt)
#pragma unroll
        for (int e = 0; e < 4; ++e) {
          const int q = rq[mt][(e >> 1)];
          const int kv = kvlo + nt * 8 + ((lane & 3) << 1) + (e & 1);
          float x = sc[mt][nt][e];
          if constexpr (!kFold) {
            if constexpr (kScoreIsS && !kElementwise) {
              x *= sl2;  // scale * log2(e) in one multiply
            } else {
              x *= p.scale;
              if constexpr (!kScoreIsS) x = score(p, rhc[mt][e >> 1], rc[mt][e >> 1], col_ctx(p, rhc[mt][e >> 1], b, rh[mt][e >> 1], kv), b, rh[mt][e >> 1], q, kv, x);
              if constexpr (kElementwise) x = weight(x) * kPScale;
              else x *= kLog2e;
            }
          }
          if constexpr (kMaskBits) {
            if (!full && !((vis[mt] >> (4 * nt + e)) & 1)) x = hidden;
          } else if (!full && !(q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, rhc[mt][e >> 1], rc[mt][e >> 1], col_ctx(p, rhc[mt][e >> 1], b, rh[mt][e >> 1], kv), b, rh[mt][e >> 1], q, kv)))) {
            x = hidden;
          }
          sc[mt][nt][e] = x;
        }

    if constexpr (!kElementwise) {  // online softmax (row max in log2 units)
      // row_m is the row's running max m (log2 units) and P = 2^(x - m + kPShift): the shift keeps
      // the sums finite (see kPShift). While |m| < 2^20 it is folded into the row's reference point
      // r = m - kPShift at no cost per element (the FFMA or FADD of x), and r's rounding moves P's
      // bound by at most 2^(1/8). Beyond 2^20 that rounding reaches whole powers of two (fp16 P
      // overflowed, bf16 sums of v near float32's maximum overflowed), so where a warp holds such a
      // row, that row's logits are first rewritten as their exact offsets from m (<= 0) and its
      // reference is -kPShift. Scores that large are rare: the common path pays one vote per row.
      float alpha[MT][2];
      bool rescale = false;
#pragma unroll
      for (int mt = 0; mt < MT; ++mt)
#pragma unroll
        for (int hh = 0; hh < 2; ++hh) {
          float mx;
          if (!neg_scale) {
            mx = -INFINITY;
#pragma unroll
            for (int nt = 0; nt < NT; ++nt) mx = fmaxf(mx, fmaxf(sc[mt][nt][2 * hh], sc[mt][nt][2 * hh + 1]));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
          } else {
            mx = INFINITY;
#pragma unroll
            for (int nt = 0; nt < NT; ++nt) mx = fminf(mx, fminf(sc[mt][nt][2 * hh], sc[mt][nt][2 * hh + 1]));
            mx = fminf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
            mx = fminf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
          }
          if constexpr (kFold) mx = __fmul_rn(mx, sl2);  // the rounded logit: >= each element's, also rounded
          const float m_old = row_m[mt][hh];
          const float m = fmaxf(m_old, mx);
          rescale |= m != m_old;
          row_m[mt][hh] = m;
          if (__any_sync(0xffffffffu, attnc_huge_max(m_old) || attnc_huge_max(m))) {  // rare
            alpha[mt][hh] = m == m_old ? 1.f : attnc_exp2(attnc_ref_exp(m_old, m, kPShift));
            if (attnc_huge_max(m)) {
#pragma unroll
              for (int nt = 0; nt < NT; ++nt)
#pragma unroll
                for (int e = 0; e < 2; ++e) {
                  float& x = sc[mt][nt][2 * hh + e];
                  // where kFold the loop below computes 2^(x * sl2 - r): the offset times 1 / sl2 (a
                  // relative error of 2^-23 in it; x * sl2 keeps its sign, so P stays <= 2^kPShift)
                  x = kFold ? (__fmul_rn(x, sl2) - m) * __frcp_rn(sl2) : x - m;
                }
            }
          } else {
            alpha[mt][hh] = m == m_old ? 1.f : attnc_exp2((m_old - kPShift) - ((m == -INFINITY ? 0.f : m) - kPShift));
          }
          // r: the reference point; 0 - kPShift for a row with nothing visible yet (every P is 0) and
          // for a huge row (its logits are now offsets from its max)
          const float r = (fabsf(m) < 0x1p20f ? m : 0.f) - kPShift;
          float sum = 0.f;
#pragma unroll
          for (int nt = 0; nt < NT; ++nt)
#pragma unroll
            for (int e = 0; e < 2; ++e) {
              const float xe = sc[mt][nt][2 * hh + e];
              // a NaN score gives NaN here, and so does +inf (a huge row: its offset inf - inf is NaN):
              // the row's l becomes NaN
              const float pe = attnc_exp2(kFold ? fmaf(xe, sl2, -r) : xe - r);
              sc[mt][nt][2 * hh + e] = pe;
              sum += pe;
            }
          row_l[mt][hh] = row_l[mt][hh] * alpha[mt][hh] + sum;
        }
      if (!ATTNC_LAZY_RESCALE || __any_sync(0xffffffffu, rescale)) {  // the running max moved in this warp
#pragma unroll
        for (int mt = 0; mt < MT; ++mt)
#pragma unroll
          for (int nd = 0; nd < ND; ++nd)
#pragma unroll
            for (int e = 0; e < 4; ++e) acc[mt][nd][e] *= alpha[mt][e >> 1];
      }
    }

      // O += P V over this warp's keys
#pragma unroll
      for (int kk = 0; kk < BNW / 16; ++kk) {
        unsigned pa[4];
        pa[0] = DT::pack(sc[0][2 * kk][0], sc[0][2 * kk][1]);
        pa[1] = DT::pack(sc[0][2 * kk][2], sc[0][2 * kk][3]);
        pa[2] = DT::pack(sc[0][2 * kk + 1][0], sc[0][2 * kk + 1][1]);
        pa[3] = DT::pack(sc[0][2 * kk + 1][2], sc[0][2 * kk + 1][3]);
#pragma unroll
        for (int np = 0; np < HD / 16; ++np) {
          unsigned vb[4];
          attnc_ldmatrix_x4_trans(vb, attnc_smem_addr(sVs + swz(kk * 16 + (lane & 7) + (((lane >> 3) & 1) << 3), np * 2 + (lane >> 4))));
          DT::mma(acc[0][2 * np], pa, vb[0], vb[1]);
          DT::mma(acc[0][2 * np + 1], pa, vb[2], vb[3]);
        }
      }
    }
    __syncthreads();  // this stage is overwritten by a later load
    stage = stage + 1 == STAGES ? 0 : stage + 1;
  }
  attnc_cp_async_wait<0>();
  __syncthreads();  // the tiles' shared memory is reused below

  // ---- the warps' states combined into warp 0's: every warp holds the same rows in the same layout,
  // so warp w's element i of this lane pairs with warp 0's. Each state's P were taken against its own
  // reference point E(m_w) (attnc_ref_exp: as the online softmax rescales, huge rows included) ----
  if constexpr (NW > 1) {
    constexpr int kWords = 4 + ND * 4;  // row_m[2], row_l[2], acc
    float* const xs = reinterpret_cast<float*>(smem_raw);
    static_assert((NW - 1) * kWords * 32 * 4 <= (BM + 2 * STAGES * BN) * HD * (int)sizeof(T), "decode: the warps' states fit the tiles' shared memory");
    auto slot = [&](int w, int i) -> float& { return xs[((w - 1) * kWords + i) * 32 + lane]; };
    if (warp > 0) {
#pragma unroll
      for (int hh = 0; hh < 2; ++hh) {
        slot(warp, hh) = row_m[0][hh];
        slot(warp, 2 + hh) = row_l[0][hh];
      }
#pragma unroll
      for (int nd = 0; nd < ND; ++nd)
#pragma unroll
        for (int e = 0; e < 4; ++e) slot(warp, 4 + nd * 4 + e) = acc[0][nd][e];
    }
    __syncthreads();
    if (warp > 0) return;
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) {
      float m = row_m[0][hh];
#pragma unroll
      for (int w = 1; w < NW; ++w) m = fmaxf(m, slot(w, hh));
      // the rescale of state w to the combined max (1 where it is the max: also for m = +inf)
      auto factor = [&](float mw) { return mw == m ? 1.f : attnc_exp2(attnc_ref_exp(mw, m, kPShift)); };
      const float f0 = factor(row_m[0][hh]);
      float l = row_l[0][hh] * f0;
#pragma unroll
      for (int nd = 0; nd < ND; ++nd)
#pragma unroll
        for (int e = 0; e < 2; ++e) acc[0][nd][2 * hh + e] *= f0;
#pragma unroll
      for (int w = 1; w < NW; ++w) {
        const float f = factor(slot(w, hh));
        l += slot(w, 2 + hh) * f;
#pragma unroll
        for (int nd = 0; nd < ND; ++nd)
#pragma unroll
          for (int e = 0; e < 2; ++e) acc[0][nd][2 * hh + e] += slot(w, 4 + nd * 4 + 2 * hh + e) * f;
      }
      row_m[0][hh] = m;
      row_l[0][hh] = l;
    }
  }

  // ---- epilogue: o = acc / l, lse = ln(sum exp L). l is 0 for a row with nothing visible (or only
  // -inf scores): o = 0, lse = -inf; NaN after a NaN or +inf score: o and lse NaN (docs/language.md § 9) ----
  // a split's partial results (o_part, lse_part: [splits, B, H, Q_LEN, (HD)]), or o and lse themselves
  // when there is one split; o is float32 either way
  float* const o_base = splits == 1 ? p.o : o_part + (int64_t)split * p.B * p.H * p.Q_LEN * HD;
  float* const lse_base = splits == 1 ? p.lse : lse_part + (int64_t)split * p.B * p.H * p.Q_LEN;
  auto o_at = [&](int h, int q, int nd) {
    return reinterpret_cast<float2*>(o_base + (((int64_t)b * p.H + h) * p.Q_LEN + q) * HD + nd * 8 + ((lane & 3) << 1));
  };
  auto lse_at = [&](int h, int q) -> float& { return lse_base[((int64_t)b * p.H + h) * p.Q_LEN + q]; };
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) {
      float l = row_l[mt][hh];
      l += __shfl_xor_sync(0xffffffffu, l, 1);
      l += __shfl_xor_sync(0xffffffffu, l, 2);
      const int q = rq[mt][hh];
      if (q >= p.Q_LEN) continue;
      float m = row_m[mt][hh];
      float o_scale = 1.f;  // the rescale of acc when the sink is the row's new max
      if constexpr (kHasSink && !kElementwise) {
        // the sink: one more logit of the row (log2 units), with no value row: it joins m and l, never
        // acc. As the new max it rescales l and acc by 2^(E(m) - E(s2)), the reference points' change
        // exactly as the online softmax takes it (attnc_ref_exp; 0 when nothing was summed, m = -inf).
        // Its P is 2^(s2 - E(m)): NaN for a NaN sink and for +inf (then m = +inf: inf - inf), which
        // makes the row NaN; -inf adds nothing
        const float s2 = !(split == 0) ? -INFINITY : sink_logit(p, b, rh[mt][hh], q) * kLog2e;
        if (s2 > m) {
          o_scale = attnc_exp2(attnc_ref_exp(m, s2, kPShift));
          l *= o_scale;
          m = s2;
        }
        if (s2 != -INFINITY) l += attnc_exp2(attnc_huge_max(m) ? (s2 - m) + kPShift : s2 - (m - kPShift));
      }
      const float inv = kElementwise ? 1.f / kPScale : (l == 0.f ? 0.f : o_scale / l);
#pragma unroll
      for (int nd = 0; nd < ND; ++nd) {
        *o_at(rh[mt][hh], q, nd) = make_float2(acc[mt][nd][2 * hh] * inv, acc[mt][nd][2 * hh + 1] * inv);
      }
      if (!kElementwise && lse_base != nullptr && (lane & 3) == 0) {
        // log2(sum) = m - kPShift + log2(l), with m - kPShift rounded as the row's P were taken against
        const float lse2 = attnc_huge_max(m) ? m + (__log2f(l) - kPShift) : (m - kPShift) + __log2f(l);
        lse_at(rh[mt][hh], q) = l == 0.f ? -INFINITY : lse2 * 0.6931471805599453f;
      }
    }
  // rows past the batch row's q_len (per-row lengths): o = 0, lse = -inf over what this thread just wrote
  // there (q_len read again here: held from the start it would cost a register through the main loop)
  if (p.q_lens != nullptr) {
    const int q_end = attnc_q_len_again(p, b);
#pragma unroll
    for (int mt = 0; mt < MT; ++mt)
#pragma unroll
      for (int hh = 0; hh < 2; ++hh) {
        const int q = rq[mt][hh];
        if (q < q_end || q >= p.Q_LEN) continue;
#pragma unroll
        for (int nd = 0; nd < ND; ++nd) *o_at(rh[mt][hh], q, nd) = make_float2(0.f, 0.f);
        if (!kElementwise && lse_base != nullptr && (lane & 3) == 0) lse_at(rh[mt][hh], q) = -INFINITY;
      }
  }
}

// counts the positions where t is not nondecreasing along a dim (NaN counts as a violation)
template <typename E>
__global__ void fact_nondecreasing(const E* t, int64_t total, int64_t stride, int64_t size, int* violations) {
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < total; i += (int64_t)gridDim.x * blockDim.x) {
    const int64_t along = (i / stride) % size;
    if (along + 1 < size && !(t[i] <= t[i + stride])) atomicAdd(violations, 1);
  }
}

#ifndef ATTNC_PAGED  // 1: the kernels that read a paged KV cache are built (about a third of the build time);
#define ATTNC_PAGED 1   // 0: not built, and a call with a page table returns ATTNC_ERR_PAGE
#endif
#ifndef ATTNC_CHECK_PAGES  // 1: the entry point checks a page table's ids on the GPU and waits for the
#define ATTNC_CHECK_PAGES 1  // answer (a stream synchronization per call); 0: not checked (ids still clamped)
#endif

// The divisor d (1 <= d <= 2^28) as the constants of attnc_page_div: shift = ceil(log2 d),
// magic = 2^32 (2^shift - d) / d + 1 (Granlund and Montgomery; exact for dividends below 2^31)
static void page_divisor(int d, unsigned* magic, int* shift) {
  int s = 0;
  while ((1LL << s) < d) ++s;
  *shift = s;
  *magic = (unsigned)((((1ULL << 32) * ((1ULL << s) - (unsigned long long)d)) / (unsigned long long)d) + 1);
}

// counts (into *bad) the page ids the rows read (the pages below each row's kv_len) that are outside [0, NUM_PAGES)
__global__ void page_ids_check(const Params p, const Pages pg, int* bad) {
  const int64_t n = (int64_t)p.B * pg.max_pages;
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x) {
    const int b = (int)(i / pg.max_pages), slot = (int)(i % pg.max_pages);
    const int id = pg.table[i];
    if ((int64_t)slot * pg.size < attnc_kv_len(p, b) && (id < 0 || id >= pg.num)) atomicAdd(bad, 1);
  }
}

// ATTNC_ERR_PAGE when a row reads a page id outside [0, NUM_PAGES): checked on the GPU and waited for
// (skipped under graph capture, where nothing can be waited for); ATTNC_ERR_CUDA when a call fails
static int check_pages(const Params& p, const Pages& pg, cudaStream_t stream) {
  cudaStreamCaptureStatus capture = cudaStreamCaptureStatusNone;
  if (cudaStreamIsCapturing(stream, &capture) != cudaSuccess) return ATTNC_ERR_CUDA;
  if (capture != cudaStreamCaptureStatusNone) return ATTNC_OK;
  int* bad = nullptr;
  if (cudaMallocAsync(reinterpret_cast<void**>(&bad), sizeof(int), stream) != cudaSuccess) return ATTNC_ERR_CUDA;
  int found = 0;
  const int64_t n = (int64_t)p.B * pg.max_pages;
  bool ok = cudaMemsetAsync(bad, 0, sizeof(int), stream) == cudaSuccess;
  if (ok) {
    page_ids_check<<<(unsigned)((n + 255) / 256 < 1024 ? (n + 255) / 256 : 1024), 256, 0, stream>>>(p, pg, bad);
    ok = cudaGetLastError() == cudaSuccess;
  }
  ok = ok && cudaMemcpyAsync(&found, bad, sizeof(int), cudaMemcpyDeviceToHost, stream) == cudaSuccess;
  ok = cudaFreeAsync(bad, stream) == cudaSuccess && ok;
  ok = ok && cudaStreamSynchronize(stream) == cudaSuccess;
  if (!ok) return ATTNC_ERR_CUDA;
  return found == 0 ? ATTNC_OK : ATTNC_ERR_PAGE;
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
#define ATTNC_D64_Q_IN_SMEM 0
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
#define ATTNC_D128_Q_IN_SMEM 0
#endif

// launches with the status of this launch (not an error some earlier call left pending); args: the
// kernel's parameters, Params first
template <typename... A>
static int launch_checked(const void* kernel, dim3 grid, int threads, size_t smem, cudaStream_t stream, const A&... args) {
  void* ptrs[] = {const_cast<A*>(&args)...};
  return cudaLaunchKernel(kernel, grid, dim3(threads), ptrs, smem, stream) == cudaSuccess ? ATTNC_OK : ATTNC_ERR_CUDA;
}

template <typename T, int HD, int NW, int MT, int BN, int STAGES, int MIN_CTAS, bool QS, bool PAGED>
static int launch_plan(const Params& p, const Pages& pg, cudaStream_t stream) {
  constexpr int BM = NW * 16 * MT;
  constexpr size_t smem = (size_t)(BM + 2 * STAGES * BN) * HD * sizeof(T);
  static_assert(smem <= 227 * 1024, "tile plan needs more shared memory than a CTA can have");
  auto kernel = forward_kernel<T, HD, NW, MT, BN, STAGES, MIN_CTAS, QS, PAGED>;
  if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess)
    return ATTNC_ERR_CUDA;
  const dim3 grid((p.Q_LEN + BM - 1) / BM, p.H, p.B);
  return launch_checked(reinterpret_cast<const void*>(kernel), grid, NW * 32, smem, stream, p, pg);
}

// a paged KV cache (paged.ts): the kernel that loads keys from their pages, with one m16 row tile per warp
// at D >= 128 (its loads left no register to spare for two; serving calls have few query rows anyway)
template <typename T, int HD, int NW, int MT, int BN, int STAGES, int MIN_CTAS, bool QS>
static int launch(const Params& p, const Pages& pg, cudaStream_t stream) {
#if ATTNC_PAGED
  if (pg.table != nullptr) return launch_plan<T, HD, NW, HD >= 128 ? 1 : MT, BN, STAGES, MIN_CTAS, QS, true>(p, pg, stream);
#endif
  return launch_plan<T, HD, NW, MT, BN, STAGES, MIN_CTAS, QS, false>(p, pg, stream);
}

#ifndef ATTNC_DECODE  // 1: calls with Q_LEN <= ATTNC_DECODE_MAX_Q run the decode kernel (GQA-packed rows,
#define ATTNC_DECODE 1  // split-KV; skeleton-decode.ts); 0: the prefill kernels run every call
#endif
#ifndef ATTNC_DECODE_MAX_Q
#define ATTNC_DECODE_MAX_Q 16
#endif

// The number of splits of a decode call: enough CTAs for about two waves of the device's SMs, at least
// 4 key tiles per split, at most 128 splits; ATTNC_DECODE_SPLITS=N in the environment forces N (>= 1).
static int decode_splits(int64_t ctas, int n_tiles) {
  if (const char* env = getenv("ATTNC_DECODE_SPLITS")) {
    const int n = atoi(env);
    if (n >= 1) return n < 1024 ? n : 1024;
  }
  int dev = 0, sms = 0;
  if (cudaGetDevice(&dev) != cudaSuccess || cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev) != cudaSuccess) {
    (void)cudaGetLastError();
    sms = 1;
  }
  const int64_t want = (2 * (int64_t)sms + ctas - 1) / ctas;
  const int64_t most = n_tiles / 4 > 1 ? n_tiles / 4 : 1;
  const int64_t s = want < most ? want : most;
  return (int)(s < 1 ? 1 : s > 128 ? 128 : s);
}

template <typename T, int HD, int NW, int BNW, int STAGES>
static int launch_decode(const Params& p, const Pages& pg, cudaStream_t stream) {
  constexpr int BN = NW * BNW;
  constexpr size_t smem = (size_t)(16 + 2 * STAGES * BN) * HD * sizeof(T);
  static_assert(smem <= 227 * 1024, "decode plan needs more shared memory than a CTA can have");
  const void* kernel = reinterpret_cast<const void*>(decode_kernel<T, HD, NW, BNW, STAGES>);  // dense and paged
  if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess) return ATTNC_ERR_CUDA;
  const int64_t row_tiles = ((int64_t)(p.H / p.H_KV) * p.Q_LEN + 15) / 16;
  const int splits = decode_splits(row_tiles * p.H_KV * p.B, (p.KV_LEN + BN - 1) / BN);
  if (row_tiles * splits > 0x7fffffff) return ATTNC_ERR_SIZE;
  const dim3 grid((unsigned)(row_tiles * splits), p.H_KV, p.B);
  float* const none = nullptr;
  if (splits == 1) return launch_checked(kernel, grid, NW * 32, smem, stream, p, pg, none, none, splits);
  // partials [splits, rows, HD] and [splits, rows], then the merged lse when the caller passed none
  const int64_t rows = (int64_t)p.B * p.H * p.Q_LEN;
  float* ws = nullptr;
  if (cudaMallocAsync(reinterpret_cast<void**>(&ws), (size_t)(splits * (HD + 1) + 1) * rows * sizeof(float), stream) != cudaSuccess) {
    (void)cudaGetLastError();
    return ATTNC_ERR_CUDA;
  }
  float* const o_part = ws;
  float* const lse_part = ws + splits * rows * HD;
  float* const lse_out = p.lse != nullptr ? p.lse : lse_part + splits * rows;
  int rc = launch_checked(kernel, grid, NW * 32, smem, stream, p, pg, o_part, lse_part, splits);
  if (rc == ATTNC_OK)
    rc = launch_checked(reinterpret_cast<const void*>(merge_kernel), dim3((unsigned)((rows + 7) / 8)), 256, 0, stream,
                        (const float*)o_part, (const float*)lse_part, splits, rows, HD, p.o, lse_out);
  if (cudaFreeAsync(ws, stream) != cudaSuccess && rc == ATTNC_OK) rc = ATTNC_ERR_CUDA;
  return rc;
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
#define ATTNC_SM90_D64_HEADS_INNER 1
#endif
#ifndef ATTNC_SM90_D64_PRODUCER
#define ATTNC_SM90_D64_PRODUCER 0
#endif
#ifndef ATTNC_SM90_D128_WARPGROUPS
#define ATTNC_SM90_D128_WARPGROUPS 2
#endif
#ifndef ATTNC_SM90_D128_BLOCK_KV
#define ATTNC_SM90_D128_BLOCK_KV 96
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
#define ATTNC_SM90_D128_HEADS_INNER 1
#endif
#ifndef ATTNC_SM90_D128_PRODUCER
#define ATTNC_SM90_D128_PRODUCER 1
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
static int launch_sm90(const Params& p, const Pages& pg, cudaStream_t stream) {
  constexpr int BM = NWG * 64;
  constexpr size_t smem = 1024 + (size_t)(BM + 2 * STAGES * BN) * HD * sizeof(T);  // + 1024: alignment of the swizzle atoms
  static_assert(smem + 256 + 4 * sm90_cols<BN, STAGES, OVERLAP && !PRODUCER>::kWords <= 227 * 1024, "sm_90a tile plan needs more shared memory than a CTA can have");  // + its static arrays
  // PRODUCER: the warp-specialized kernel (a producer warp feeds the warpgroups through mbarriers)
  const void* kernel;
  if constexpr (PRODUCER) kernel = reinterpret_cast<const void*>(forward_kernel_sm90ws<T, HD, NWG, BN, STAGES, MIN_CTAS, OVERLAP, HEADS_INNER>);
  else kernel = reinterpret_cast<const void*>(forward_kernel_sm90<T, HD, NWG, BN, STAGES, MIN_CTAS, OVERLAP, HEADS_INNER, false>);
#if ATTNC_PAGED
  // a paged KV cache (paged.ts): the kernel that loads keys from their pages (the warp-specialized one yields below)
  if constexpr (!PRODUCER) {
    if (pg.table != nullptr) kernel = reinterpret_cast<const void*>(forward_kernel_sm90<T, HD, NWG, BN, STAGES, MIN_CTAS, OVERLAP, HEADS_INNER, true>);
  }
#endif
  if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess)
    return ATTNC_ERR_CUDA;
  const int64_t n_qt = (p.Q_LEN + BM - 1) / BM, items = n_qt * p.H * p.B;
  // HEADS_INNER: a linear grid (the kernel reads it so), unless it would not fit one grid dimension
  const dim3 grid = HEADS_INNER && items <= 0x7fffffff ? dim3((unsigned)items) : dim3((unsigned)n_qt, p.H, p.B);
  if constexpr (PRODUCER) {
    // the TMA maps load keys up to the padded KV_LEN of a dense k and v; keys past a row's kv_len must
    // not reach P V (0 * NaN), and a page table is not a tensor map: with kv_lens or pages, the kernels
    // that load keys by cp.async (zero-filling past kv_len, and page by page) run instead
    if (p.kv_lens != nullptr || pg.table != nullptr) return kSm90Unavailable;
    Sm90Maps maps;
    if (!sm90_kv_map<T, HD, BN>(&maps.k, p.k, p) || !sm90_kv_map<T, HD, BN>(&maps.v, p.v, p)) return kSm90Unavailable;
    return launch_checked(kernel, grid, NWG * 128 + 32, smem, stream, p, maps);
  }
  return launch_checked(kernel, grid, NWG * 128, smem, stream, p, pg);
}

// the head dims this file was generated for
static bool generated_head_dim(int D) { return D == 64 || D == 128; }

template <typename T>
static int dispatch(const Params& p, const Pages& pg, cudaStream_t stream) {
#if ATTNC_DECODE
  if (p.Q_LEN <= ATTNC_DECODE_MAX_Q) {  // decode: the cache read once per kv head group (skeleton-decode.ts)
    switch (p.D) {
      case 64: return launch_decode<T, 64, 4, 16, 3>(p, pg, stream);
      case 128: return launch_decode<T, 128, 4, 16, 3>(p, pg, stream);
      default: break;
    }
  }
#endif
#if ATTNC_SM90
  if (sm90_available()) {
    switch (p.D) {
      case 64: {
        const int rc = launch_sm90<T, 64, ATTNC_SM90_D64_WARPGROUPS, ATTNC_SM90_D64_BLOCK_KV, ATTNC_SM90_D64_STAGES, ATTNC_SM90_D64_MIN_CTAS, ATTNC_SM90_D64_OVERLAP_PV, ATTNC_SM90_D64_HEADS_INNER, ATTNC_SM90_D64_PRODUCER>(p, pg, stream);
        if (rc != kSm90Unavailable) return rc;
        break;  // no TMA maps on this driver: the sm_80 kernel below
      }
      case 128: {
        const int rc = launch_sm90<T, 128, ATTNC_SM90_D128_WARPGROUPS, ATTNC_SM90_D128_BLOCK_KV, ATTNC_SM90_D128_STAGES, ATTNC_SM90_D128_MIN_CTAS, ATTNC_SM90_D128_OVERLAP_PV, ATTNC_SM90_D128_HEADS_INNER, ATTNC_SM90_D128_PRODUCER>(p, pg, stream);
        if (rc != kSm90Unavailable) return rc;
        break;  // no TMA maps on this driver: the sm_80 kernel below
      }
      default: break;
    }
  }
#endif
  switch (p.D) {
    case 64: return launch<T, 64, ATTNC_D64_WARPS, ATTNC_D64_ROW_TILES, ATTNC_D64_BLOCK_KV, ATTNC_D64_STAGES, ATTNC_D64_MIN_CTAS, ATTNC_D64_Q_IN_SMEM>(p, pg, stream);
    case 128: return launch<T, 128, ATTNC_D128_WARPS, ATTNC_D128_ROW_TILES, ATTNC_D128_BLOCK_KV, ATTNC_D128_STAGES, ATTNC_D128_MIN_CTAS, ATTNC_D128_Q_IN_SMEM>(p, pg, stream);
    default: return ATTNC_ERR_HEAD_DIM;
  }
}

}  // namespace attnc_anchor_attention

extern "C" int attnc_anchor_attention_forward_paged(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* in_doc, const int* q_lens, const int* kv_lens,
    const int* page_table, int page_size, int num_pages, cudaStream_t stream) {
  using namespace attnc_anchor_attention;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o || !in_doc) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (page_table != nullptr && (page_size <= 0 || num_pages <= 0 || KV_LEN % page_size != 0)) return ATTNC_ERR_SIZE;
  if (page_table != nullptr && (int64_t)num_pages * H_KV * page_size > 0x7fffffff) return ATTNC_ERR_SIZE;  // rows of k: int32
#if !ATTNC_PAGED
  if (page_table != nullptr) return ATTNC_ERR_PAGE;  // built without the paged kernels
#endif
  if (!generated_head_dim(D)) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4) || misaligned(in_doc, 4) || misaligned(q_lens, 4) || misaligned(kv_lens, 4) || misaligned(page_table, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale, in_doc};
  p.q_lens = q_lens;
  p.kv_lens = kv_lens;
  Pages pg{};  // a paged KV cache, or none (table null)
  if (page_table != nullptr) {
    pg.table = page_table;
    pg.size = page_size;
    pg.max_pages = KV_LEN / page_size;
    pg.num = num_pages;
    page_divisor(page_size, &pg.magic, &pg.shift);
  }
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
#if ATTNC_CHECK_PAGES
  if (page_table != nullptr) {
    const int page_rc = check_pages(p, pg, stream);
    if (page_rc != ATTNC_OK) return page_rc;
  }
#endif
  // run-time facts the tile classifier may use: counted on the GPU before the launch
  int* violations = nullptr;
  if (cudaMallocAsync(reinterpret_cast<void**>(&violations), 1 * sizeof(int), stream) != cudaSuccess) return ATTNC_ERR_CUDA;
  // a fact whose count was not computed must not be trusted: any failure here ends the call
  if (cudaMemsetAsync(violations, 0, 1 * sizeof(int), stream) != cudaSuccess) {
    (void)cudaFreeAsync(violations, stream);
    return ATTNC_ERR_CUDA;
  }
  {  // doc is nondecreasing along dim 1
    const int64_t total = (int64_t)p.B * (int64_t)p.Q_LEN, stride = (int64_t)1;
    const unsigned blocks = (unsigned)((total + 255) / 256 < 1024 ? (total + 255) / 256 : 1024);
    fact_nondecreasing<<<blocks, 256, 0, stream>>>(p.in_doc, total, stride, (int64_t)p.Q_LEN, violations + 0);
    if (cudaGetLastError() != cudaSuccess) {
      (void)cudaFreeAsync(violations, stream);
      return ATTNC_ERR_CUDA;
    }
  }
  p.fact_violations = violations;
  const int rc = dtype == ATTNC_DTYPE_BF16 ? dispatch<__nv_bfloat16>(p, pg, stream) : dispatch<__half>(p, pg, stream);
  if (cudaFreeAsync(violations, stream) != cudaSuccess) return ATTNC_ERR_CUDA;
  return rc;
}

extern "C" int attnc_anchor_attention_forward_varlen(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* in_doc, const int* q_lens, const int* kv_lens, cudaStream_t stream) {
  return attnc_anchor_attention_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, in_doc, q_lens, kv_lens, nullptr, 0, 0, stream);
}

extern "C" int attnc_anchor_attention_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* in_doc, cudaStream_t stream) {
  return attnc_anchor_attention_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, in_doc, nullptr, nullptr, nullptr, 0, 0, stream);
}

extern "C" int attnc_anchor_attention_skeleton(int D) {
  using namespace attnc_anchor_attention;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if (((D == 64 && sm90_plan_available(ATTNC_SM90_D64_PRODUCER)) || (D == 128 && sm90_plan_available(ATTNC_SM90_D128_PRODUCER))) && sm90_available()) return 90;
#endif
  return 80;
}

extern "C" int attnc_anchor_attention_merge(const float* o_parts, const float* lse_parts, int n_parts, int64_t rows, int dv,
    float* o, float* lse, cudaStream_t stream) {
  using namespace attnc_anchor_attention;
  if (!o_parts || !lse_parts || !o || !lse) return ATTNC_ERR_NULL_POINTER;
  if (n_parts < 1 || rows < 0 || dv < 1 || rows > (int64_t)8 * 0x7fffffff) return ATTNC_ERR_SIZE;
  if ((reinterpret_cast<uintptr_t>(o_parts) | reinterpret_cast<uintptr_t>(lse_parts) | reinterpret_cast<uintptr_t>(o) |
       reinterpret_cast<uintptr_t>(lse)) % 4 != 0) return ATTNC_ERR_ALIGNMENT;
  if (rows == 0) return ATTNC_OK;
  return launch_checked(reinterpret_cast<const void*>(merge_kernel), dim3((unsigned)((rows + 7) / 8)), 256, 0, stream,
                        o_parts, lse_parts, n_parts, rows, dv, o, lse);
}