// attnc: sliding_window (softmax) — generated CUDA C++, do not edit.
// Build: nvcc -O3 -std=c++17 -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a -c sliding_window.cu
// Entry point and error codes: sliding_window.h. Tile plans: ATTNC_D<dim>_* macros below.
#include <cuda_runtime.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
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

namespace attnc_sliding_window {

// ---- integer semantics of attnc (32-bit wrapping, floor division, x/0 == 0, x%0 == x) ----
__device__ __forceinline__ int attnc_iadd(int a, int b) { return (int)((unsigned)a + (unsigned)b); }
__device__ __forceinline__ int attnc_isub(int a, int b) { return (int)((unsigned)a - (unsigned)b); }
__device__ __forceinline__ int attnc_imul(int a, int b) { return (int)((unsigned)a * (unsigned)b); }
__device__ __forceinline__ int attnc_ineg(int a) { return (int)(0u - (unsigned)a); }
__device__ __forceinline__ int attnc_iabs(int a) { return a < 0 ? attnc_ineg(a) : a; }
__device__ __forceinline__ int attnc_idiv(int a, int b) {
  if (b == 0) return 0;
  if (b == -1) return attnc_ineg(a);  // INT_MIN / -1 wraps to INT_MIN
  const int q = a / b, r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q;
}
__device__ __forceinline__ int attnc_imod(int a, int b) {
  if (b == 0) return a;
  if (b == -1) return 0;
  const int r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}
// truncates toward zero, saturates to the int range, NaN -> 0 (cvt.rzi.s32.f32)
__device__ __forceinline__ int attnc_ftoi(float x) { return __float2int_rz(x); }

// ---- special functions ----
// tanh.approx.f32: max relative error about 2^-11, well inside the bf16/fp16 budgets.
__device__ __forceinline__ float attnc_tanh(float x) {
#ifdef ATTNC_PRECISE_TANH
  return tanhf(x);
#else
  float y;
  asm("tanh.approx.f32 %0, %1;" : "=f"(y) : "f"(x));
  return y;
#endif
}
__device__ __forceinline__ float attnc_sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }
// 2^x with ex2.approx (flushes subnormals; 2^-inf == +0): the softmax exponent.
__device__ __forceinline__ float attnc_exp2(float x) {
  float y;
  asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x));
  return y;
}

// ---- tensor-core and copy instructions (sm_80+) ----
__device__ __forceinline__ unsigned attnc_smem_addr(const void* ptr) {
  return static_cast<unsigned>(__cvta_generic_to_shared(ptr));
}
// 16-byte global -> shared copy; src_bytes == 0 fills the destination with zeros.
__device__ __forceinline__ void attnc_cp_async16(unsigned dst, const void* src, int src_bytes) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(src), "r"(src_bytes));
}
__device__ __forceinline__ void attnc_cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }
template <int N>
__device__ __forceinline__ void attnc_cp_async_wait() { asm volatile("cp.async.wait_group %0;\n" ::"n"(N)); }

__device__ __forceinline__ void attnc_ldmatrix_x4(unsigned (&r)[4], unsigned addr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]) : "r"(addr));
}
__device__ __forceinline__ void attnc_ldmatrix_x4_trans(unsigned (&r)[4], unsigned addr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]) : "r"(addr));
}

// Per-element-type operations: packing two floats and the m16n8k16 MMA (fp32 accumulate).
template <typename T> struct attnc_dtype;
template <> struct attnc_dtype<__nv_bfloat16> {
  static __device__ __forceinline__ unsigned pack(float lo, float hi) {
    __nv_bfloat162 v = __floats2bfloat162_rn(lo, hi);
    return *reinterpret_cast<unsigned*>(&v);
  }
  static __device__ __forceinline__ void mma(float (&c)[4], const unsigned (&a)[4], unsigned b0, unsigned b1) {
    asm("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};\n"
        : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
  }
};
template <> struct attnc_dtype<__half> {
  static __device__ __forceinline__ unsigned pack(float lo, float hi) {
    __half2 v = __floats2half2_rn(lo, hi);
    return *reinterpret_cast<unsigned*>(&v);
  }
  static __device__ __forceinline__ void mma(float (&c)[4], const unsigned (&a)[4], unsigned b0, unsigned b1) {
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};\n"
        : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
  }
};

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
constexpr bool kMaskIsCheap = true;  // unroll the mask loop (few ops)
constexpr bool kClassifierIsCheap = true;  // classify key tiles one by one (else 32 at a time)
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
};
__device__ __forceinline__ RowCtx row_ctx(const Params& p, const HeadCtx& hc, int b, int h, int q) {
  return RowCtx{};
}

// the mask, on every in-range (q, kv) of a partial tile
__device__ __forceinline__ bool mask(const Params& p, const HeadCtx& hc, const RowCtx& rc, int b, int h, int q, int kv) {
  return ((kv <= q) && (attnc_isub(q, kv) < 1024));
}

// the score L, where the mask holds; s = scale * dot(q, k)
__device__ __forceinline__ float score(const Params& p, const HeadCtx& hc, const RowCtx& rc, int b, int h, int q, int kv, float s) {
  return s;
}

// tile classes over the inclusive box [qlo, qhi] x [kvlo, kvhi] (sound: see the kernel plan)
__device__ __forceinline__ bool any_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  return ((kvlo <= qhi) && (qlo <= attnc_iadd(kvhi, 1023)));
}

__device__ __forceinline__ bool all_visible(const Params& p, int b, int h, int qlo, int qhi, int kvlo, int kvhi) {
  return (!((qlo < kvhi) || (attnc_iadd(kvlo, 1023) < qhi)));
}

// closed-form key range of the query tile [qlo, qhi]: every visible kv lies in [lo, hi]
__device__ __forceinline__ void kv_range(const Params& p, int b, int h, int qlo, int qhi, int& lo, int& hi) {
  {
    lo = max(0, attnc_isub(qlo, 1023));
  }
  {
    hi = min(attnc_isub(p.KV_LEN, 1), qhi);
  }
}

#ifndef ATTNC_LAZY_RESCALE  // rescale the O accumulator only when a row maximum of the warp moved
#define ATTNC_LAZY_RESCALE 0   // (measured slower on the H100: the vote breaks MMA/ALU overlap)
#endif
#ifndef ATTNC_BALLOT_SCAN  // skip runs of empty key tiles 32 at a time (warp ballot)
#define ATTNC_BALLOT_SCAN 1
#endif
#ifndef ATTNC_FOLD_SCALE  // for score == s, fold scale * log2(e) into the exponent's FFMA: 1 on, 0 off,
#define ATTNC_FOLD_SCALE 1  // 2: on unless a warp holds 32 rows at D >= 128
#endif
#ifndef ATTNC_LOAD_UNROLL  // cp.async copies of a tile issued together (0: all, the default); smaller values
#define ATTNC_LOAD_UNROLL 0  // save registers; with the other rolled knobs, 15-20% slower on the H100
#endif
#ifndef ATTNC_INLINE_CHEAP_MASK  // 1: evaluate a cheap mask after S instead of into bits before it
#define ATTNC_INLINE_CHEAP_MASK 0  // (keeps no mask bits live across Q.K^T; not faster on the H100)
#endif
#ifndef ATTNC_QS_QK_UNROLL  // with Q in shared memory: k16 steps of Q.K^T unrolled together (0: all, the
#define ATTNC_QS_QK_UNROLL 0  // default; 1: a rolled loop, fewer hoisted addresses and registers)
#endif

// One CTA = BM query rows of one (b, h); NW warps, each owning MT m16 row tiles.
// QS: re-read Q fragments from shared memory at every tile instead of holding them in registers
// (frees HD / 4 registers per row tile, for costly masks and scores)
template <typename T, int HD, int NW, int MT, int BN, int STAGES, int MIN_CTAS, bool QS>
__global__ void __launch_bounds__(NW * 32, MIN_CTAS) forward_kernel(const Params p) {
  constexpr int BM = NW * 16 * MT;   // query rows per CTA
  constexpr int NT = BN / 8;         // n8 tiles of S per row tile
  constexpr int KD = HD / 16;        // k16 steps of Q.K^T
  constexpr int ND = HD / 8;         // n8 tiles of O per row tile
  constexpr int CH = HD / 8;         // 16-byte chunks per row
  constexpr int NTHREADS = NW * 32;
  constexpr float kLog2e = 1.4426950408889634f;
  // fp16 has 5 exponent bits: P is scaled by 2^15 (max 32768 < 65504) before it is rounded to
  // fp16, so small weights stay normal numbers (o and lse are unchanged: l scales alike)
  constexpr bool kHalf = std::is_same<T, __half>::value;
  constexpr float kPShift = kHalf ? 15.f : 0.f;
  constexpr float kPScale = kHalf ? 32768.f : 1.f;
  static_assert(BN % 16 == 0 && BN <= 128 && HD % 16 == 0 && (BN * CH) % NTHREADS == 0 && (BM * CH) % NTHREADS == 0, "tile plan");
  using DT = attnc_dtype<T>;

  extern __shared__ __align__(128) unsigned char smem_raw[];
  T* const sQ = reinterpret_cast<T*>(smem_raw);
  T* const sK = sQ + BM * HD;
  T* const sV = sK + STAGES * BN * HD;
  // row-major tiles with the 16-byte chunks of each row XOR-swizzled by (row % 8): conflict-free ldmatrix
  auto swz = [](int row, int chunk) { return row * HD + ((chunk ^ (row & 7)) << 3); };

  const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
  const int b = blockIdx.z, h = blockIdx.y;
  const int qlo = (gridDim.x - 1 - blockIdx.x) * BM;  // heaviest (last) query tiles first
  const int qhi = min(qlo + BM, p.Q_LEN) - 1;
  const int kvh = h / (p.H / p.H_KV);
  const T* const gQ = static_cast<const T*>(p.q) + ((int64_t)b * p.H + h) * p.Q_LEN * HD;
  const T* const gK = static_cast<const T*>(p.k) + ((int64_t)b * p.H_KV + kvh) * p.KV_LEN * HD;
  const T* const gV = static_cast<const T*>(p.v) + ((int64_t)b * p.H_KV + kvh) * p.KV_LEN * HD;

  // copies ROWS rows starting at row0 of g (rows >= nrows are zero-filled) into swizzled s
  auto load_rows = [&](T* s, const T* g, int row0, int nrows, auto rows_tag) {
    constexpr int ROWS = decltype(rows_tag)::value;
#if ATTNC_LOAD_UNROLL == 0
#pragma unroll
#else
    constexpr int kLoadUnroll = ATTNC_LOAD_UNROLL;
#pragma unroll kLoadUnroll
#endif
    for (int it = 0; it < ROWS * CH / NTHREADS; ++it) {
      const int i = it * NTHREADS + tid, r = i / CH, c = i % CH;
      const bool ok = row0 + r < nrows;
      const T* src = g + (int64_t)(ok ? row0 + r : 0) * HD + c * 8;
      attnc_cp_async16(attnc_smem_addr(s + swz(r, c)), src, ok ? 16 : 0);
    }
  };
  auto load_kv = [&](int tile, int stage) {
    load_rows(sK + stage * BN * HD, gK, tile * BN, p.KV_LEN, std::integral_constant<int, BN>{});
    load_rows(sV + stage * BN * HD, gV, tile * BN, p.KV_LEN, std::integral_constant<int, BN>{});
  };

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
  // the first visible tile >= t. A cheap classifier tests tiles one by one; else each lane
  // classifies one of 32 candidates and a ballot picks the first (long runs of empty tiles cost
  // one step per 32). Either way the classifier appears once in the code.
  auto next_tile = [&](int t) -> int {
    if constexpr (kMaskIsTrue) {
      return t;
    } else if constexpr (kClassifierIsCheap || !ATTNC_BALLOT_SCAN) {
      while (t < t_end && !visible(t)) ++t;
      return t;
    } else {
      for (; t < t_end; t += 32) {
        const unsigned found = __ballot_sync(0xffffffffu, t + lane < t_end && visible(t + lane));
        if (found) return t + __ffs(found) - 1;
      }
      return t_end;
    }
  };

  load_rows(sQ, gQ, qlo, p.Q_LEN, std::integral_constant<int, BM>{});  // joins the first cp.async group

  const HeadCtx hc = head_ctx(p, b, h);
  const int row0 = qlo + warp * 16 * MT + (lane >> 2);  // this thread's rows: row0 + 16 * mt + 8 * half
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
  constexpr bool kQRegs = !QS;
  unsigned qf[kQRegs ? MT : 1][kQRegs ? KD : 1][4];  // Q fragments, loaded once (kQRegs)
  // kFold: the score is s, so sc keeps raw dot products and scale * log2(e) is folded into exp2's FFMA
  constexpr bool kFold = (ATTNC_FOLD_SCALE == 1 || (ATTNC_FOLD_SCALE == 2 && !(MT >= 2 && HD >= 128))) && kScoreIsS && !kSigmoid;
  const float sl2 = p.scale * kLog2e;
  const bool neg_scale = kFold && sl2 < 0.f;  // then the row maximum of the scores is the minimum of sc
  const float hidden = kSigmoid ? 0.f : (neg_scale ? INFINITY : -INFINITY);

  // The pipeline: every step loads the next visible key tile; from step STAGES - 1 on, each also
  // computes the tile loaded STAGES - 1 steps before (queue: the tiles in flight, oldest first).
  int queue[STAGES];
#pragma unroll
  for (int i = 0; i < STAGES; ++i) queue[i] = t_end;
  int t_cand = t_begin, stage_load = 0, stage = 0;
  for (int step = 0;; ++step) {
    const int t_load = t_cand < t_end ? next_tile(t_cand) : t_end;
    t_cand = t_load + 1;
    queue[STAGES - 1] = t_load;
    if (t_load < t_end) load_kv(t_load, stage_load);
    attnc_cp_async_commit();
    stage_load = stage_load + 1 == STAGES ? 0 : stage_load + 1;
    const int t = queue[0];
#pragma unroll
    for (int i = 0; i + 1 < STAGES; ++i) queue[i] = queue[i + 1];
    if (step < STAGES - 1) continue;  // still filling the pipeline
    if (t >= t_end) break;
    const bool first = step == STAGES - 1;
    const int kvlo = t * BN;
    const bool full = kvlo + BN <= p.KV_LEN && (kMaskIsTrue || all_visible(p, b, h, qlo, qhi, kvlo, kvlo + BN - 1));

    // the mask of a partial tile. A cheap mask is evaluated where it is used, after S; a costly
    // one before S is live, in a rolled loop, into one bit per element of this thread
    // (bit 4 * nt + e), to keep registers free
    constexpr bool kMaskBits = !((kMaskIsTrue || kMaskIsCheap) && ATTNC_INLINE_CHEAP_MASK);
    unsigned long long vis[kMaskBits ? MT : 1];
    if (kMaskBits && !full) {
      auto mask_bit = [&](int mt, int hh, int j) -> unsigned long long {
        const int q = row0 + 16 * mt + 8 * hh;
        const int kv = kvlo + (j >> 1) * 8 + ((lane & 3) << 1) + (j & 1);
        const bool v = q < p.Q_LEN && kv < p.KV_LEN && (kMaskIsTrue || mask(p, hc, rc[mt][hh], b, h, q, kv));
        return (unsigned long long)v << ((j >> 1) * 4 + 2 * hh + (j & 1));
      };
#pragma unroll
      for (int mt = 0; mt < MT; ++mt) {
        unsigned long long bits = 0;
#pragma unroll
        for (int hh = 0; hh < 2; ++hh) {
          if constexpr (kMaskIsCheap) {
#pragma unroll
            for (int j = 0; j < 2 * NT; ++j) bits |= mask_bit(mt, hh, j);
          } else {
#pragma unroll 1
            for (int j = 0; j < 2 * NT; ++j) bits |= mask_bit(mt, hh, j);
          }
        }
        vis[mt] = bits;
      }
    }
    attnc_cp_async_wait<STAGES - 1>();
    __syncthreads();
    auto load_q = [&](unsigned (&f)[4], int mt, int kk) {
      attnc_ldmatrix_x4(f, attnc_smem_addr(sQ + swz(warp * 16 * MT + mt * 16 + (lane & 15), kk * 2 + (lane >> 4))));
    };
    if constexpr (kQRegs) {
      if (first) {
#pragma unroll
        for (int mt = 0; mt < MT; ++mt)
#pragma unroll
          for (int kk = 0; kk < KD; ++kk) load_q(qf[mt][kk], mt, kk);
      }
    }
    const T* const sKs = sK + stage * BN * HD;
    const T* const sVs = sV + stage * BN * HD;

    // S = Q K^T (fp32)
    float sc[MT][NT][4];
#pragma unroll
    for (int mt = 0; mt < MT; ++mt)
#pragma unroll
      for (int nt = 0; nt < NT; ++nt)
#pragma unroll
        for (int e = 0; e < 4; ++e) sc[mt][nt][e] = 0.f;
#if ATTNC_QS_QK_UNROLL == 0
#pragma unroll
#else
    constexpr int kQkUnroll = kQRegs ? KD : ATTNC_QS_QK_UNROLL;  // Q fragments in registers need static indices
#pragma unroll kQkUnroll
#endif
    for (int kk = 0; kk < KD; ++kk) {
      unsigned qs[kQRegs ? 1 : MT][4];
      if constexpr (!kQRegs) {
#pragma unroll
        for (int mt = 0; mt < MT; ++mt) load_q(qs[mt], mt, kk);
      }
#pragma unroll
      for (int np = 0; np < NT / 2; ++np) {
        unsigned kb[4];
        attnc_ldmatrix_x4(kb, attnc_smem_addr(sKs + swz(np * 16 + (lane & 7) + ((lane >> 4) << 3), kk * 2 + ((lane >> 3) & 1))));
#pragma unroll
        for (int mt = 0; mt < MT; ++mt) {
          const unsigned (&a)[4] = kQRegs ? qf[kQRegs ? mt : 0][kQRegs ? kk : 0] : qs[kQRegs ? 0 : mt];
          DT::mma(sc[mt][2 * np], a, kb[0], kb[1]);
          DT::mma(sc[mt][2 * np + 1], a, kb[2], kb[3]);
        }
      }
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
              if constexpr (!kScoreIsS) x = score(p, hc, rc[mt][e >> 1], b, h, q, kv, x);
              if constexpr (kSigmoid) x = attnc_sigmoid(x) * kPScale;
              else x *= kLog2e;
            }
          }
          if constexpr (kMaskBits) {
            if (!full && !((vis[mt] >> (4 * nt + e)) & 1)) x = hidden;
          } else if (!full && !(q < p.Q_LEN && kv < p.KV_LEN && (kMaskIsTrue || mask(p, hc, rc[mt][e >> 1], b, h, q, kv)))) {
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

    // O += P V: the S accumulator layout is the A-operand layout of the next MMA
#pragma unroll
    for (int kk = 0; kk < BN / 16; ++kk) {
      unsigned pa[MT][4];
#pragma unroll
      for (int mt = 0; mt < MT; ++mt) {
        pa[mt][0] = DT::pack(sc[mt][2 * kk][0], sc[mt][2 * kk][1]);
        pa[mt][1] = DT::pack(sc[mt][2 * kk][2], sc[mt][2 * kk][3]);
        pa[mt][2] = DT::pack(sc[mt][2 * kk + 1][0], sc[mt][2 * kk + 1][1]);
        pa[mt][3] = DT::pack(sc[mt][2 * kk + 1][2], sc[mt][2 * kk + 1][3]);
      }
#pragma unroll
      for (int np = 0; np < HD / 16; ++np) {
        unsigned vb[4];
        attnc_ldmatrix_x4_trans(vb, attnc_smem_addr(sVs + swz(kk * 16 + (lane & 7) + (((lane >> 3) & 1) << 3), np * 2 + (lane >> 4))));
#pragma unroll
        for (int mt = 0; mt < MT; ++mt) {
          DT::mma(acc[mt][2 * np], pa[mt], vb[0], vb[1]);
          DT::mma(acc[mt][2 * np + 1], pa[mt], vb[2], vb[3]);
        }
      }
    }
    __syncthreads();  // this stage is overwritten by a later load
    stage = stage + 1 == STAGES ? 0 : stage + 1;
  }
  attnc_cp_async_wait<0>();

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


// tile plan per head dim (override with -DATTNC_D<dim>_<FIELD>=N): warps per CTA, m16 row tiles per
// warp (query rows per CTA = 16 * WARPS * ROW_TILES), keys per tile, cp.async pipeline stages,
// CTAs per SM the register allocation must allow (__launch_bounds__), Q fragments re-read from smem
#ifndef ATTNC_D64_WARPS
#define ATTNC_D64_WARPS 4
#endif
#ifndef ATTNC_D64_ROW_TILES
#define ATTNC_D64_ROW_TILES 2
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

template <typename T, int HD, int NW, int MT, int BN, int STAGES, int MIN_CTAS, bool QS>
static int launch(const Params& p, cudaStream_t stream) {
  constexpr int BM = NW * 16 * MT;
  const size_t smem = (size_t)(BM + 2 * STAGES * BN) * HD * sizeof(T);
  auto kernel = forward_kernel<T, HD, NW, MT, BN, STAGES, MIN_CTAS, QS>;
  if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess)
    return ATTNC_ERR_CUDA;
  const dim3 grid((p.Q_LEN + BM - 1) / BM, p.H, p.B);
  kernel<<<grid, NW * 32, smem, stream>>>(p);
  return cudaGetLastError() == cudaSuccess ? ATTNC_OK : ATTNC_ERR_CUDA;
}

template <typename T>
static int dispatch(const Params& p, cudaStream_t stream) {
  switch (p.D) {
    case 64: return launch<T, 64, ATTNC_D64_WARPS, ATTNC_D64_ROW_TILES, ATTNC_D64_BLOCK_KV, ATTNC_D64_STAGES, ATTNC_D64_MIN_CTAS, ATTNC_D64_Q_IN_SMEM>(p, stream);
    case 128: return launch<T, 128, ATTNC_D128_WARPS, ATTNC_D128_ROW_TILES, ATTNC_D128_BLOCK_KV, ATTNC_D128_STAGES, ATTNC_D128_MIN_CTAS, ATTNC_D128_Q_IN_SMEM>(p, stream);
    default: return ATTNC_ERR_HEAD_DIM;
  }
}

}  // namespace attnc_sliding_window

extern "C" int attnc_sliding_window_forward(const void* q, const void* k, const void* v, float* o, float* lse,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    cudaStream_t stream) {
  using namespace attnc_sliding_window;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !o) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (D != 64 && D != 128) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(o, 16) || misaligned(lse, 4)) return ATTNC_ERR_ALIGNMENT;
  Params p{q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale};
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
  const int rc = dtype == ATTNC_DTYPE_BF16 ? dispatch<__nv_bfloat16>(p, stream) : dispatch<__half>(p, stream);
  return rc;
}
