// attnc: tc_llava_frame_causal (softmax) — generated CUDA C++, do not edit.
// Build: nvcc -O3 -std=c++17 -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a -gencode=arch=compute_80,code=compute_80 -c tc_llava_frame_causal.cu
// Entry point and error codes: tc_llava_frame_causal.h. Tile plans: ATTNC_D<dim>_* macros below.
#include <cuda_runtime.h>
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

namespace attnc_tc_llava_frame_causal {

// <prelude: _shared.cu>

struct Params {
  const void* q;
  const void* k;
  const void* v;
  float* o;
  float* lse;
  int B, H, H_KV, Q_LEN, KV_LEN, D;
  float scale;
  const int* frame;  // i32[B, Q_LEN]
  const int* fact_violations;  // per run-time fact: 0 when it holds (set by the host)
};

__device__ __forceinline__ const int* attnc_ptr_frame(const Params& p, int i0, int i1) {
  return p.frame + (((int64_t)min(max(i0, 0), p.B - 1)) * p.Q_LEN + min(max(i1, 0), p.Q_LEN - 1));
}
__device__ __forceinline__ int attnc_load_frame(const Params& p, int i0, int i1) {
  return __ldg(attnc_ptr_frame(p, i0, i1));
}

// ---- the plan, printed: what the mask and score are, and which tiles can be skipped ----
constexpr bool kMaskIsTrue = false;
constexpr bool kMaskIsCheap = true;  // unroll the mask loop (few ops)
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
  int tr16653;
  bool tr16654;
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  const int tr16653 = attnc_load_frame(p, b, q);
  const bool tr16654 = (0 <= tr16653);
  return RowCtx{tr16653, tr16654};
}

// reads computed once per key column (the same for every query row): staged per tile in shared
// memory by the sm_90a kernel, else read where used
constexpr int kNumCols = 1;
struct ColCtx {
  int tcol16655;
};
__device__ __forceinline__ ColCtx col_ctx(const Params& p, const HeadCtx& hc, int b, int h, int kv) {
  const int tcol16655 = attnc_load_frame(p, b, kv);
  return ColCtx{tcol16655};
}
__device__ __forceinline__ const void* col_src(const Params& p, const HeadCtx& hc, int b, int h, int kv, int j) {
  const int tcol16655 = attnc_load_frame(p, b, kv);
  const void* tcol16655_src = attnc_ptr_frame(p, b, kv);
  return j == 0 ? tcol16655_src : nullptr;
}
__device__ __forceinline__ ColCtx col_staged(const unsigned* s, int stride, int i) {
  return ColCtx{(int)s[0 * stride + i]};
}

// the mask, on every in-range (q, kv) of a partial tile
__device__ __forceinline__ bool mask(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv) {
  const int tr16653 = rc.tr16653;
  const bool tr16654 = rc.tr16654;
  const int tcol16655 = cc.tcol16655;
  return ((kv <= q) || (tr16654 && (tr16653 == tcol16655)));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s) {
  return s;
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const bool sorted_frame_1 = p.fact_violations[0] == 0;  // frame is nondecreasing along dim 1
  const int tca35 = max(min(b, attnc_isub(p.B, 1)), 0);
  const int tca37 = attnc_isub(p.Q_LEN, 1);
  const int tca16662 = attnc_load_frame(p, tca35, max(min(kvhi, tca37), 0));
  const int tca16660 = attnc_load_frame(p, tca35, max(min(qhi, tca37), 0));
  const int tca16661 = attnc_load_frame(p, tca35, max(min(kvlo, tca37), 0));
  const int tca16659 = attnc_load_frame(p, tca35, max(min(qlo, tca37), 0));
  return (sorted_frame_1 ? (((((((0 <= tca16662) && (0 <= tca16660)) && (tca16661 <= tca16662)) && (tca16661 <= tca16660)) && (tca16659 <= tca16662)) && (tca16659 <= tca16660)) || (kvlo <= qhi)) : true);
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  const bool sorted_frame_1 = p.fact_violations[0] == 0;  // frame is nondecreasing along dim 1
  const int tcf35 = max(min(b, attnc_isub(p.B, 1)), 0);
  const int tcf37 = attnc_isub(p.Q_LEN, 1);
  const int tcf16659 = attnc_load_frame(p, tcf35, max(min(qlo, tcf37), 0));
  const int tcf16660 = attnc_load_frame(p, tcf35, max(min(qhi, tcf37), 0));
  const bool tcf16666 = (tcf16659 <= tcf16660);
  const bool tcf19 = (qlo < kvhi);
  const int tcf16661 = attnc_load_frame(p, tcf35, max(min(kvlo, tcf37), 0));
  const int tcf16662 = attnc_load_frame(p, tcf35, max(min(kvhi, tcf37), 0));
  const bool tcf16679 = ((tcf16661 <= tcf16662) && tcf16666);
  return (sorted_frame_1 ? (!((((tcf16666 && (tcf16659 < 0)) && tcf19) || ((tcf16679 && (tcf16659 < tcf16662)) && tcf19)) || ((tcf16679 && (tcf16661 < tcf16660)) && tcf19))) : (!tcf19));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    lo = 0;
  }
  {
    const int tkh23 = attnc_isub(p.KV_LEN, 1);
    hi = max(tkh23, min(tkh23, qhi));
  }
}

// <skeleton: _shared.cu>

// <sm_90a skeleton: _shared.cu>

// ---- mbarriers (shared-memory barriers with phases) for the warp-specialized kernel ----
__device__ __forceinline__ void attnc_mbar_init(unsigned bar, unsigned count) {
  asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;\n" ::"r"(bar), "r"(count) : "memory");
}
// arrives with release semantics: this thread's earlier writes are visible to whoever waits on the phase
__device__ __forceinline__ void attnc_mbar_arrive(unsigned bar) {
  asm volatile("mbarrier.arrive.release.cta.shared::cta.b64 _, [%0];\n" ::"r"(bar) : "memory");
}
// a 16-byte copy with no zero-fill
__device__ __forceinline__ void attnc_cp_async16_all(unsigned dst, const void* src) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16;\n" ::"r"(dst), "l"(src));
}
// arrives (without raising the expected count) once all of this thread's earlier cp.async copies have landed
__device__ __forceinline__ void attnc_cp_async_mbar_arrive(unsigned bar) {
  asm volatile("cp.async.mbarrier.arrive.noinc.shared::cta.b64 [%0];\n" ::"r"(bar) : "memory");
}
// waits (acquire) until the phase of the given parity has completed
__device__ __forceinline__ void attnc_mbar_wait(unsigned bar, unsigned parity) {
  unsigned done = 0;
  do {
    asm volatile("{\n.reg .pred p;\nmbarrier.try_wait.parity.acquire.cta.shared::cta.b64 p, [%1], %2;\nselp.u32 %0, 1, 0, p;\n}\n"
                 : "=r"(done)
                 : "r"(bar), "r"(parity)
                 : "memory");
  } while (!done);
}
// the 128 threads of one warpgroup (named barrier 1 + wg; 0 is __syncthreads)
__device__ __forceinline__ void attnc_wg_sync(int wg) { asm volatile("bar.sync %0, 128;\n" ::"r"(1 + wg) : "memory"); }

// One CTA = NWG consumer warpgroups x 64 query rows of one (b, h) + one producer warp; K/V tiles of
// BN keys in STAGES stages; one CTA per SM (MIN_CTAS is not used); OVERLAP: a tile's P V runs while the next tile's S is issued; HEADS_INNER:
// see forward_kernel_sm90.
template <typename T, int HD, int NWG, int BN, int STAGES, int MIN_CTAS, bool OVERLAP, bool HEADS_INNER>
__global__ void __launch_bounds__(NWG * 128 + 32, 1) forward_kernel_sm90ws(const Params p) {
#if ATTNC_SM90_DEVICE
  constexpr int MT = 1;
  constexpr int BM = NWG * 64;
  constexpr int NT = BN / 8;
  constexpr int KD = HD / 16;
  constexpr int ND = HD / 8;
  constexpr int CH = HD / 8;
  constexpr int NTHREADS = 128;  // a consumer warpgroup
  constexpr float kLog2e = 1.4426950408889634f;
  constexpr bool kHalf = std::is_same<T, __half>::value;
  constexpr float kPShift = kHalf ? 15.f : 0.f;
  constexpr float kPScale = kHalf ? 32768.f : 1.f;
  static_assert(STAGES >= 2 && NWG <= 4, "warp-specialized sm_90a plan: at least 2 stages, at most 4 warpgroups (their tile bits)");
  static_assert(BN % 16 == 0 && BN <= 128 && HD % 64 == 0 && HD <= 256 && 32 % CH == 0, "tile plan");
  using DT = attnc_dtype<T>;
  using WS = attnc_wgmma<T, BN>;
  using WO = attnc_wgmma<T, HD>;

  extern __shared__ __align__(128) unsigned char smem_raw[];
  const unsigned sQ = (attnc_smem_addr(smem_raw) + 1023u) & ~1023u;
  const unsigned sK = sQ + BM * HD * (unsigned)sizeof(T);
  const unsigned sV = sK + STAGES * BN * HD * (unsigned)sizeof(T);
  auto swz = [](int rows, int r, int c) -> unsigned { return (unsigned)((c >> 3) * rows * 128 + r * 128 + (((c & 7) ^ (r & 7)) << 4)); };
  __shared__ __align__(8) unsigned long long bar_full[STAGES], bar_empty[STAGES];
  __shared__ int s_meta[STAGES];
  using Cols = sm90_cols<BN, STAGES, false>;  // one slot per stage
  constexpr int kColSlots = Cols::kSlots;
  __shared__ unsigned s_col[Cols::kWords];

  const int tid = threadIdx.x, wg = tid >> 7, warp = (tid >> 5) & 3, lane = tid & 31;
  const bool linear = HEADS_INNER && gridDim.y == 1 && gridDim.z == 1;
  const int h = linear ? (int)(blockIdx.x % (unsigned)p.H) : (int)blockIdx.y;
  const int n_qt = (p.Q_LEN + BM - 1) / BM;
  const int b = linear ? (int)(blockIdx.x / (unsigned)p.H) / n_qt : (int)blockIdx.z;
  const int qlo = linear ? (n_qt - 1 - (int)(blockIdx.x / (unsigned)p.H) % n_qt) * BM : (gridDim.x - 1 - blockIdx.x) * BM;
  const int qhi = min(qlo + BM, p.Q_LEN) - 1;
  const int kvh = h / (p.H / p.H_KV);
  const HeadCtx hc = head_ctx(p, b, h);

  if (tid == 0) {
#pragma unroll
    for (int s = 0; s < STAGES; ++s) {
      attnc_mbar_init(attnc_smem_addr(&bar_full[s]), 33);         // the producer lanes' copies + lane 0
      attnc_mbar_init(attnc_smem_addr(&bar_empty[s]), NWG * 128);  // every consumer thread
    }
    asm volatile("fence.mbarrier_init.release.cluster;\n" ::: "memory");
  }
  __syncthreads();  // the only CTA-wide barrier

  if (wg == NWG) {
    // ======== the producer warp ========
    const T* const gK = static_cast<const T*>(p.k) + ((int64_t)b * p.H_KV + kvh) * p.KV_LEN * HD;
    const T* const gV = static_cast<const T*>(p.v) + ((int64_t)b * p.H_KV + kvh) * p.KV_LEN * HD;
    constexpr bool kSkeletonChunkFull = true;
  // ---- the key tiles this query tile visits: [t_begin, t_end), filtered by any_visible ----
  const int n_tiles = (p.KV_LEN + BN - 1) / BN;
  int t_begin = 0, t_end = n_tiles;
  if constexpr (kHasKvRange) {
    int lo, hi;
    kv_range(p, b, h, qlo, qhi, lo, hi);
    lo = max(lo, 0);
    hi = min(hi, p.KV_LEN - 1);
    t_begin = lo <= hi ? lo / BN : 0;
    t_end = lo <= hi ? hi / BN + 1 : 0;
  }
  auto visible = [&](int t) { return any_visible(p, b, h, qlo, qhi, t * BN, min(t * BN + BN, p.KV_LEN) - 1); };
  auto tile_full = [&](int t) {  // visible everywhere and inside the keys: the mask is skipped
    const int kvlo = t * BN;
    return kvlo + BN <= p.KV_LEN && (kMaskIsTrue || all_visible(p, b, h, qlo, qhi, kvlo, kvlo + BN - 1));
  };
  // A costly classifier (tensor reads, many ops) is evaluated for 32 tiles at once, one tile
  // per thread, into shared bitmasks (visible, full) of the chunk [cls_base, cls_base + 32) that
  // the walk then reads: one round of loads per chunk instead of dependent rounds per tile. A cheap
  // one is evaluated where it is needed.
  constexpr bool kChunked = !kMaskIsTrue && !kClassifierIsCheap && ATTNC_CLASSIFY_CHUNK;
  constexpr bool kChunkFull = kChunked && kSkeletonChunkFull;  // the full bits too (the skeleton decides)
  __shared__ unsigned cls_vis[kChunked ? 32 / 32 : 1], cls_full[kChunkFull ? 32 / 32 : 1];
  int cls_base = -32;  // no chunk yet (every thread holds the same value)
  auto classify_chunk = [&](int base) {
    const int t = base + lane;
    const unsigned vb = __ballot_sync(0xffffffffu, t < t_end && visible(t));
    const unsigned fb = kChunkFull ? __ballot_sync(0xffffffffu, t < t_end && tile_full(t)) & vb : 0u;
    __syncwarp();  // every thread is done with the previous chunk
    if (lane == 0) {
      cls_vis[lane >> 5] = vb;
      cls_full[lane >> 5] = fb;
    }
    __syncwarp();
    cls_base = base;
  };
  // the walk's position in the chunk, in registers: the 32-tile word it is in, the visible tiles of
  // that word not returned yet, and the word's full bits (one shared-memory read per word, not per tile)
  int cls_word = 0;
  unsigned cls_pend = 0u, cls_fw = 0u;
  // the first visible tile >= t (t_end if none); called by every thread of the CTA alike, first with
  // t = t_begin, then each time with the tile it returned + 1
  auto next_tile = [&](int t) -> int {
    if constexpr (kMaskIsTrue) {
      return t;
    } else if constexpr (!kChunked) {
      while (t < t_end && !visible(t)) ++t;
      return t;
    } else {
      if (cls_pend == 0u) {  // the held word is used up: find the next word with a visible tile
        while (t < t_end) {
          if (t >= cls_base + 32) classify_chunk(t);
          const int i = t - cls_base;
          cls_word = i >> 5;
          cls_pend = cls_vis[cls_word] & (0xffffffffu << (i & 31));  // this word's tiles from t on
          if (kChunkFull) cls_fw = cls_full[cls_word];
          if (cls_pend != 0u) break;
          t += 32 - (i & 31);
        }
        if (cls_pend == 0u) return t_end;
      }
      const int k = __ffs(cls_pend) - 1;  // (chunk bits exist only below t_end)
      cls_pend &= cls_pend - 1u;
      return cls_base + (cls_word << 5) + k;
    }
  };
  // whether tile t (just returned by next_tile, so in the word held) is full, when the chunk has the full bits
  auto next_full = [&](int t) -> bool { return (cls_fw >> ((t - cls_base) & 31)) & 1; };
    // this lane's 16-byte chunks of a tile: column chunk lc of rows lr, lr + RS, ... (RS rows per pass
    // of the warp), at fixed offsets from one pointer per tile; only the tile past KV_LEN is predicated
    constexpr int RS = 32 / CH;
    const int lc = lane % CH, lr = lane / CH;
    auto copy_tile = [&](unsigned s, const T* g, int t) {
      const T* const src = g + ((int64_t)t * BN + lr) * HD + lc * 8;
      if (t * BN + BN <= p.KV_LEN) {
#pragma unroll
        for (int it = 0; it < BN / RS; ++it) attnc_cp_async16_all(s + swz(BN, it * RS + lr, lc), src + it * RS * HD);
      } else {
#pragma unroll
        for (int it = 0; it < BN / RS; ++it) {
          const bool ok = t * BN + it * RS + lr < p.KV_LEN;
          attnc_cp_async16(s + swz(BN, it * RS + lr, lc), ok ? src + it * RS * HD : g + lc * 8, ok ? 16 : 0);
        }
      }
    };
    auto load_tile = [&](int t, int s) {
      copy_tile(sK + s * BN * HD * (unsigned)sizeof(T), gK, t);
      copy_tile(sV + s * BN * HD * (unsigned)sizeof(T), gV, t);
      if constexpr (kNumCols > 0) {
#pragma unroll
        for (int j = 0; j < kNumCols; ++j)
#pragma unroll
          for (int it = 0; it < (BN + 31) / 32; ++it) {
            const int c = it * 32 + lane;
            if (c < BN) attnc_cp_async4(attnc_smem_addr(&s_col[(s * kNumCols + j) * BN + c]), col_src(p, hc, b, h, t * BN + c, j));
          }
      }
    };
    // Use n of stage n % STAGES waits for the consumers' release of use n - STAGES. Each lane's
    // copies arrive on the stage's full barrier when they land (cp.async.mbarrier.arrive.noinc), and
    // lane 0 arrives once more after writing the stage's tile number: the producer never waits for
    // its own copies, so every free stage is in flight.
    int t_cand = t_begin, stage = 0;
    for (int n = 0;; ++n) {
      const int t = t_cand < t_end ? next_tile(t_cand) : t_end;
      const bool done = t >= t_end;
      if (n >= STAGES) attnc_mbar_wait(attnc_smem_addr(&bar_empty[stage]), ((n / STAGES) - 1) & 1);
      if (!done) load_tile(t, stage);
      attnc_cp_async_mbar_arrive(attnc_smem_addr(&bar_full[stage]));
      // the tile's classes per warpgroup: lane 2w asks whether warpgroup w's rows see any of it, lane 2w + 1
      // whether they see all of it (the CTA's full bit implies every warpgroup's)
      unsigned wbits = 0u;
      if (!done) {
        const bool cta_full = kChunkFull ? next_full(t) : tile_full(t);
        const int w = lane >> 1, wlo = qlo + 64 * w, whi = min(wlo + 63, p.Q_LEN - 1), kvlo = t * BN, kvhi = min(kvlo + BN, p.KV_LEN) - 1;
        bool bit = false;
        if (w < NWG && wlo <= whi) {
          if ((lane & 1) == 0) bit = cta_full || kMaskIsTrue || any_visible(p, b, h, wlo, whi, kvlo, kvhi);
          else bit = cta_full || (kvlo + BN <= p.KV_LEN && (kMaskIsTrue || all_visible(p, b, h, wlo, whi, kvlo, kvhi)));
        }
        wbits = __ballot_sync(0xffffffffu, bit) & 0xffu;
      }
      if (lane == 0) {
        s_meta[stage] = done ? -1 : 256 * t + (int)wbits;
        attnc_mbar_arrive(attnc_smem_addr(&bar_full[stage]));
      }
      if (done) break;
      stage = stage + 1 == STAGES ? 0 : stage + 1;
      t_cand = t + 1;
    }
  } else {
    // ======== a consumer warpgroup: query rows qlo + 64 * wg ... ========
    const int ctid = tid & 127;
    const T* const gQ = static_cast<const T*>(p.q) + ((int64_t)b * p.H + h) * p.Q_LEN * HD;
    constexpr bool kInlineCheapMask = ATTNC_SM90_INLINE_CHEAP_MASK == 1 || (ATTNC_SM90_INLINE_CHEAP_MASK == 2 && OVERLAP);
#pragma unroll
    for (int it = 0; it < 64 * CH / 128; ++it) {  // this warpgroup's 64 rows of Q
      const int i = it * 128 + ctid, r = wg * 64 + i / CH, c = i % CH;
      const bool ok = qlo + r < p.Q_LEN;
      attnc_cp_async16(sQ + swz(BM, r, c), gQ + (int64_t)(ok ? qlo + r : 0) * HD + c * 8, ok ? 16 : 0);
    }
    attnc_cp_async_commit();
    attnc_cp_async_wait<0>();
    attnc_fence_proxy_async();
    attnc_wg_sync(wg);

    auto col_at = [&](int kv, int kvlo, int slot) -> ColCtx { return col_staged(&s_col[slot * kNumCols * BN], BN, kv - kvlo); };
    // this thread is done with stage s (its reads of the tile word and key columns, and its warpgroup's
    // wgmma reads, have completed): every consumer thread arrives, so each read is ordered before the
    // producer's next write by the thread's own release (compute-sanitizer racecheck checks it so)
    auto release = [&](int s) { attnc_mbar_arrive(attnc_smem_addr(&bar_empty[s])); };
    const int row0 = qlo + wg * 64 + warp * 16 + (lane >> 2);
  RowCtx rc[MT][2];
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) rc[mt][hh] = row_ctx(p, hc, b, h, row0 + 16 * mt + 8 * hh);

  float acc[MT][ND][4];
  float row_m[MT][2], row_l[MT][2];  // running max (log2 units) and this thread's part of the sum
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
  constexpr bool kFold = (ATTNC_FOLD_SCALE == 1 || (ATTNC_FOLD_SCALE == 2 && !(MT >= 2 && HD >= 128))) && kScoreIsS && !kSigmoid;
  const float sl2 = p.scale * kLog2e;
  const bool neg_scale = kFold && sl2 < 0.f;  // then the row maximum of the scores is the minimum of sc
  const float hidden = kSigmoid ? 0.f : (neg_scale ? INFINITY : -INFINITY);
    float (&accf)[HD / 2] = reinterpret_cast<float (&)[HD / 2]>(acc);
    unsigned pa[BN / 16][4];
    unsigned (&paf)[BN / 4] = reinterpret_cast<unsigned (&)[BN / 4]>(pa);

    int stage = 0, prev = -1;
    unsigned phase = 0;
    for (;;) {
      attnc_mbar_wait(attnc_smem_addr(&bar_full[stage]), phase);
      attnc_fence_proxy_async();  // the stage's cp.async writes, before the tensor cores read it
      const int meta = s_meta[stage];
      if (meta < 0) break;
      if (!((meta >> (2 * wg)) & 1)) {  // none of this warpgroup's rows sees the tile
        release(stage);
        if (++stage == STAGES) {
          stage = 0;
          phase ^= 1u;
        }
        continue;
      }
      const int kvlo = (meta >> 8) * BN;
      const bool full = (meta >> (2 * wg + 1)) & 1;
      const int col_slot = stage;
      const unsigned sKs = sK + stage * BN * HD * (unsigned)sizeof(T);
      const unsigned sVs = sV + stage * BN * HD * (unsigned)sizeof(T);

      float sc[MT][NT][4];
      float (&scf)[BN / 2] = reinterpret_cast<float (&)[BN / 2]>(sc);
      attnc_wgmma_fence();
#pragma unroll
      for (int kk = 0; kk < KD; ++kk) {
        const unsigned qa = sQ + (kk >> 2) * BM * 128 + wg * 64 * 128 + (kk & 3) * 32;
        const unsigned kb = sKs + (kk >> 2) * BN * 128 + (kk & 3) * 32;
        WS::ss(scf, attnc_wgmma_desc(qa, 16, 1024), attnc_wgmma_desc(kb, 16, 1024), kk > 0);
      }
      attnc_wgmma_commit();

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
          const int q = row0 + 16 * mt + 8 * hh;
          const int kv = key_of(j);
          const bool v = q < p.Q_LEN && kv < p.KV_LEN && (kMaskIsTrue || mask(p, hc, rc[mt][hh], cc, b, h, q, kv));
          bits |= (unsigned long long)v << ((j >> 1) * 4 + 2 * hh + (j & 1));
        };
        auto key_bits = [&](int j) {
          const ColCtx cc = col_at(key_of(j), kvlo, col_slot);
          mask_bit(0, j, cc);
          mask_bit(1, j, cc);
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
      attnc_wgmma_wait<0>();  // S, and with OVERLAP the previous tile's P V
      attnc_reg_fence(scf);
      if constexpr (OVERLAP) {
        attnc_reg_fence(accf);
        attnc_reg_fence(paf);
        if (prev >= 0) release(prev);
      }

    // score and mask: sc becomes log2-unit logits (softmax) or probabilities (sigmoid)
#pragma unroll
    for (int mt = 0; mt < MT; ++mt)
#pragma unroll
      for (int nt = 0; nt < NT; ++nt)
#pragma unroll
        for (int e = 0; e < 4; ++e) {
          const int q = row0 + 16 * mt + 8 * (e >> 1);
          const int kv = kvlo + nt * 8 + ((lane & 3) << 1) + (e & 1);
          float x = sc[mt][nt][e];
          if constexpr (!kFold) {
            if constexpr (kScoreIsS && !kSigmoid) {
              x *= sl2;  // scale * log2(e) in one multiply
            } else {
              x *= p.scale;
              if constexpr (!kScoreIsS) x = score(p, hc, rc[mt][e >> 1], col_at(kv, kvlo, col_slot), b, h, q, kv, x);
              if constexpr (kSigmoid) x = attnc_sigmoid(x) * kPScale;
              else x *= kLog2e;
            }
          }
          if constexpr (kMaskBits) {
            if (!full && !((vis[mt] >> (4 * nt + e)) & 1)) x = hidden;
          } else if (!full && !(q < p.Q_LEN && kv < p.KV_LEN && (kMaskIsTrue || mask(p, hc, rc[mt][e >> 1], col_at(kv, kvlo, col_slot), b, h, q, kv)))) {
            x = hidden;
          }
          sc[mt][nt][e] = x;
        }

    if constexpr (!kSigmoid) {  // online softmax (row max in log2 units)
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
          if constexpr (kFold) mx *= sl2;
          const float m_old = row_m[mt][hh];
          const float m_new = fmaxf(m_old, mx);
          const float m_safe = m_new == -INFINITY ? 0.f : m_new;  // a row with nothing visible yet
          const float m_use = m_safe - kPShift;                     // P in (0, 2^kPShift]
          alpha[mt][hh] = m_new == m_old ? 1.f : attnc_exp2(m_old - m_safe);
          rescale |= m_new != m_old;
          row_m[mt][hh] = m_new;
          float sum = 0.f;
#pragma unroll
          for (int nt = 0; nt < NT; ++nt)
#pragma unroll
            for (int e = 0; e < 2; ++e) {
              const float xe = sc[mt][nt][2 * hh + e];
              const float pe = attnc_exp2(kFold ? fmaf(xe, sl2, -m_use) : xe - m_use);
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

#pragma unroll
      for (int kk = 0; kk < BN / 16; ++kk) {
        pa[kk][0] = DT::pack(sc[0][2 * kk][0], sc[0][2 * kk][1]);
        pa[kk][1] = DT::pack(sc[0][2 * kk][2], sc[0][2 * kk][3]);
        pa[kk][2] = DT::pack(sc[0][2 * kk + 1][0], sc[0][2 * kk + 1][1]);
        pa[kk][3] = DT::pack(sc[0][2 * kk + 1][2], sc[0][2 * kk + 1][3]);
      }
      attnc_reg_fence(accf);
      attnc_wgmma_fence();
#pragma unroll
      for (int kk = 0; kk < BN / 16; ++kk) WO::rs(accf, pa[kk], attnc_wgmma_desc(sVs + kk * 16 * 128, BN * 128, 1024));
      attnc_wgmma_commit();
      if constexpr (!OVERLAP) {
        attnc_wgmma_wait<0>();
        attnc_reg_fence(accf);
        release(stage);
      } else {
        prev = stage;
      }
      if (++stage == STAGES) {
        stage = 0;
        phase ^= 1u;
      }
    }
    attnc_wgmma_wait<0>();
    attnc_reg_fence(accf);

  // ---- epilogue: o = acc / l (0 for a row with nothing visible), lse = ln(sum exp L) ----
  float* const gO = p.o + ((int64_t)b * p.H + h) * p.Q_LEN * HD;  // o is float32: no rounding of the result
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) {
      float l = row_l[mt][hh];
      l += __shfl_xor_sync(0xffffffffu, l, 1);
      l += __shfl_xor_sync(0xffffffffu, l, 2);
      const int q = row0 + 16 * mt + 8 * hh;
      if (q >= p.Q_LEN) continue;
      const float inv = kSigmoid ? 1.f / kPScale : (l > 0.f ? 1.f / l : 0.f);
#pragma unroll
      for (int nd = 0; nd < ND; ++nd) {
        *reinterpret_cast<float2*>(gO + (int64_t)q * HD + nd * 8 + ((lane & 3) << 1)) =
            make_float2(acc[mt][nd][2 * hh] * inv, acc[mt][nd][2 * hh + 1] * inv);
      }
      if (!kSigmoid && p.lse != nullptr && (lane & 3) == 0) {
        const float m = row_m[mt][hh];
        p.lse[((int64_t)b * p.H + h) * p.Q_LEN + q] = l > 0.f ? (m - kPShift + __log2f(l)) * 0.6931471805599453f : -INFINITY;
      }
    }
  }
#endif  // ATTNC_SM90_DEVICE
}

// counts the positions where t is not nondecreasing along a dim (NaN counts as a violation)
template <typename E>
__global__ void fact_nondecreasing(const E* t, int64_t total, int64_t stride, int64_t size, int* violations) {
  for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < total; i += (int64_t)gridDim.x * blockDim.x) {
    const int64_t along = (i / stride) % size;
    if (along + 1 < size && !(t[i] <= t[i + stride])) atomicAdd(violations, 1);
  }
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

// launches with the status of this launch (not an error some earlier call left pending)
static int launch_checked(const void* kernel, dim3 grid, int threads, size_t smem, const Params& p, cudaStream_t stream) {
  void* args[] = {const_cast<Params*>(&p)};
  return cudaLaunchKernel(kernel, grid, dim3(threads), args, smem, stream) == cudaSuccess ? ATTNC_OK : ATTNC_ERR_CUDA;
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
  return launch_checked(reinterpret_cast<const void*>(kernel), grid, NW * 32, smem, p, stream);
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
#define ATTNC_SM90_D128_WARPGROUPS 1
#endif
#ifndef ATTNC_SM90_D128_BLOCK_KV
#define ATTNC_SM90_D128_BLOCK_KV 48
#endif
#ifndef ATTNC_SM90_D128_STAGES
#define ATTNC_SM90_D128_STAGES 2
#endif
#ifndef ATTNC_SM90_D128_MIN_CTAS
#define ATTNC_SM90_D128_MIN_CTAS 3
#endif
#ifndef ATTNC_SM90_D128_OVERLAP_PV
#define ATTNC_SM90_D128_OVERLAP_PV 0
#endif
#ifndef ATTNC_SM90_D128_HEADS_INNER
#define ATTNC_SM90_D128_HEADS_INNER 1
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
  return launch_checked(kernel, grid, NWG * 128 + (PRODUCER ? 32 : 0), smem, p, stream);
}

// the head dims this file was generated for
static bool generated_head_dim(int D) { return D == 64 || D == 128; }

template <typename T>
static int dispatch(const Params& p, cudaStream_t stream) {
#if ATTNC_SM90
  if (sm90_available()) {
    switch (p.D) {
      case 64: return launch_sm90<T, 64, ATTNC_SM90_D64_WARPGROUPS, ATTNC_SM90_D64_BLOCK_KV, ATTNC_SM90_D64_STAGES, ATTNC_SM90_D64_MIN_CTAS, ATTNC_SM90_D64_OVERLAP_PV, ATTNC_SM90_D64_HEADS_INNER, ATTNC_SM90_D64_PRODUCER>(p, stream);
      case 128: return launch_sm90<T, 128, ATTNC_SM90_D128_WARPGROUPS, ATTNC_SM90_D128_BLOCK_KV, ATTNC_SM90_D128_STAGES, ATTNC_SM90_D128_MIN_CTAS, ATTNC_SM90_D128_OVERLAP_PV, ATTNC_SM90_D128_HEADS_INNER, ATTNC_SM90_D128_PRODUCER>(p, stream);
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

}  // namespace attnc_tc_llava_frame_causal

extern "C" int attnc_tc_llava_frame_causal_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const int* frame, cudaStream_t stream) {
  using namespace attnc_tc_llava_frame_causal;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o || !frame) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (!generated_head_dim(D)) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4) || misaligned(frame, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale, frame};
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
  // run-time facts the tile classifier may use: counted on the GPU before the launch
  int* violations = nullptr;
  if (cudaMallocAsync(reinterpret_cast<void**>(&violations), 1 * sizeof(int), stream) != cudaSuccess) return ATTNC_ERR_CUDA;
  cudaMemsetAsync(violations, 0, 1 * sizeof(int), stream);
  {  // frame is nondecreasing along dim 1
    const int64_t total = (int64_t)p.B * (int64_t)p.Q_LEN, stride = (int64_t)1;
    const unsigned blocks = (unsigned)((total + 255) / 256 < 1024 ? (total + 255) / 256 : 1024);
    fact_nondecreasing<<<blocks, 256, 0, stream>>>(p.frame, total, stride, (int64_t)p.Q_LEN, violations + 0);
  }
  p.fact_violations = violations;
  const int rc = dtype == ATTNC_DTYPE_BF16 ? dispatch<__nv_bfloat16>(p, stream) : dispatch<__half>(p, stream);
  if (cudaFreeAsync(violations, stream) != cudaSuccess) return ATTNC_ERR_CUDA;
  return rc;
}

extern "C" int attnc_tc_llava_frame_causal_skeleton(int D) {
  using namespace attnc_tc_llava_frame_causal;
  if (!generated_head_dim(D)) return 0;
#if ATTNC_SM90
  if ((D == 64 || D == 128) && sm90_available()) return 90;
#endif
  return 80;
}
