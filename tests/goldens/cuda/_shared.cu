// ---- prelude ----
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
// min/max as language § 6 (JavaScript's Math.min/max): a NaN operand gives NaN (fminf/fmaxf return
// the other operand), and min(0.0f, -0.0f) == -0.0f, max(0.0f, -0.0f) == 0.0f
__device__ __forceinline__ float attnc_fmin(float a, float b) {
  if (isnan(a) || isnan(b)) return __int_as_float(0x7fc00000);
  return a == b ? __int_as_float(__float_as_int(a) | __float_as_int(b)) : fminf(a, b);
}
__device__ __forceinline__ float attnc_fmax(float a, float b) {
  if (isnan(a) || isnan(b)) return __int_as_float(0x7fc00000);
  return a == b ? __int_as_float(__float_as_int(a) & __float_as_int(b)) : fmaxf(a, b);
}
__device__ __forceinline__ float attnc_sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }
// 2^x with ex2.approx (flushes subnormals; 2^-inf == +0): the softmax exponent.
__device__ __forceinline__ float attnc_exp2(float x) {
  float y;
  asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x));
  return y;
}

// The online softmax's reference points (log2 units; skeleton-parts.ts): a row's max m is "huge" at
// |m| >= 2^20 (+inf included), where m - kPShift no longer rounds to within 2^-4 of itself and the
// shift is applied as a product instead. E(m) = the exponent offset P's of that row are taken
// against, so the rescale of the running sums from max m_old to m_new is 2^(E(m_old) - E(m_new)).
__device__ __forceinline__ bool attnc_huge_max(float m) { return fabsf(m) >= 0x1p20f && m != -INFINITY; }
__device__ __forceinline__ float attnc_ref_exp(float m_old, float m_new, float shift) {
  if (m_old == -INFINITY) return -INFINITY;  // nothing summed yet
  const bool ho = attnc_huge_max(m_old), hn = attnc_huge_max(m_new);
  if (ho == hn) return ho ? m_old - m_new : (m_old - shift) - (m_new - shift);
  return ho ? (m_old - (m_new - shift)) - shift : ((m_old - shift) - m_new) + shift;
}

// ---- tensor-core and copy instructions (sm_80+) ----
__device__ __forceinline__ unsigned attnc_smem_addr(const void* ptr) {
  return static_cast<unsigned>(__cvta_generic_to_shared(ptr));
}
// 16-byte global -> shared copy; src_bytes == 0 fills the destination with zeros.
__device__ __forceinline__ void attnc_cp_async16(unsigned dst, const void* src, int src_bytes) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(src), "r"(src_bytes));
}
// a 4-byte copy (through L1: key-column reads are re-read by neighbouring CTAs); src 4-byte aligned
__device__ __forceinline__ void attnc_cp_async4(unsigned dst, const void* src) {
  asm volatile("cp.async.ca.shared.global [%0], [%1], 4;\n" ::"r"(dst), "l"(src));
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

// ---- skeleton (sm_80+) ----
#ifndef ATTNC_LAZY_RESCALE  // rescale the O accumulator only when a row maximum of the warp moved
#define ATTNC_LAZY_RESCALE 0   // (measured slower on the H100: the vote breaks MMA/ALU overlap)
#endif
#ifndef ATTNC_CLASSIFY_CHUNK  // 1: a costly tile classifier runs for a chunk of tiles at once (one per
#define ATTNC_CLASSIFY_CHUNK 1  // thread) into shared-memory bitmasks; 0: tile by tile, as the walk needs them
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
// (frees HD / 4 registers per row tile, for costly masks and scores). PAGED: k and v are the pages of pg (paged.ts)
template <typename T, int HD, int NW, int MT, int BN, int STAGES, int MIN_CTAS, bool QS, bool PAGED>
__global__ void __launch_bounds__(NW * 32, MIN_CTAS) forward_kernel(const Params p, const Pages pg) {
  constexpr int BM = NW * 16 * MT;   // query rows per CTA
  constexpr int NT = BN / 8;         // n8 tiles of S per row tile
  constexpr int KD = HD / 16;        // k16 steps of Q.K^T
  constexpr int ND = HD / 8;         // n8 tiles of O per row tile
  constexpr int CH = HD / 8;         // 16-byte chunks per row
  constexpr int NTHREADS = NW * 32;
  constexpr float kLog2e = 1.4426950408889634f;
  // P = 2^(x - max + kPShift) (o and lse are unchanged: l scales alike). fp16 has 5 exponent bits:
  // P is scaled by 2^15 (max 32768 < 65504) before it is rounded to fp16, so small weights stay
  // normal numbers; v is fp16 too (|v| <= 65504), so acc <= 2^28 keys * 2^15 * 2^16 cannot overflow.
  // bf16 v reaches float32's maximum: P <= 2^-32 keeps l <= KV_LEN * 2^-32 <= 2^-4 (sizes are at
  // most 2^28) and |acc| <= l * max|v| finite (bf16 has float32's exponent range, so such P stay
  // normal; weights below 2^-94 of the largest flush to zero, as ex2.approx.ftz flushes below 2^-126).
  // Elementwise weights in [0, 1] (sigmoid) are scaled by kPScale = 2^15 for fp16 alike; unbounded ones
  // (normalize none: P = L) are rounded to fp16 as they are (|L| > 65504 becomes inf)
  constexpr bool kHalf = std::is_same<T, __half>::value;
  constexpr float kPShift = kHalf ? 15.f : -32.f;
  constexpr float kPScale = kHalf && kUnitWeights ? 32768.f : 1.f;
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
  const int kv_len = attnc_kv_len(p, b);  // the batch row's KV_LEN (one register: cheaper than reading it again)
  // per-row lengths: a query tile past its batch row's q_len, or a row without keys, computes nothing
  if (qlo >= attnc_q_len(p, b) || (kv_len == 0 && !kHasSink)) {  // (a sink still joins rows without keys)
    attnc_empty_rows(p, b, h, qlo, BM, HD);
    return;
  }
  // rows past q_len are computed as the padding rows past Q_LEN are, and written as o = 0 (epilogue),
  // with the tile classes of the padded length unless the program reads Q_LEN (then the row's)
  const int qhi = min(qlo + BM, kHolesReadQLen ? attnc_q_len(p, b) : p.Q_LEN) - 1;
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
    if constexpr (!PAGED) {
      load_rows(sK + stage * BN * HD, gK, tile * BN, kv_len, std::integral_constant<int, BN>{});
      load_rows(sV + stage * BN * HD, gV, tile * BN, kv_len, std::integral_constant<int, BN>{});
    } else {  // k and v in pages (paged.ts)
      attnc_load_pages<T, HD, BN, NTHREADS>(p, pg, b, kvh, kv_len, tile, sK + stage * BN * HD, sV + stage * BN * HD, true, true,
                                            [&](T* s, int r, int c) { return attnc_smem_addr(s + swz(r, c)); });
    }
  };

  // (classifying full tiles in chunks spilled registers here for large classifiers)
  constexpr bool kSkeletonChunkFull = false;
  constexpr bool kInlineCheapMask = ATTNC_INLINE_CHEAP_MASK;
  // ---- the key tiles this query tile visits: [t_begin, t_end), filtered by any_visible ----
  const int n_tiles = (kv_len + BN - 1) / BN;
  int t_begin = 0, t_end = n_tiles;
  if constexpr (kHasKvRange) {
    int lo, hi;
    kv_range(p, b, h, qlo, qhi, lo, hi);
    lo = max(lo, 0);
    hi = min(hi, kv_len - 1);
    t_begin = lo <= hi ? lo / BN : 0;
    t_end = lo <= hi ? hi / BN + 1 : 0;
  }
  auto visible = [&](int t) { return any_visible(p, b, h, qlo, qhi, t * BN, min(t * BN + BN, kv_len) - 1); };
  auto tile_full = [&](int t) {  // visible everywhere and inside the keys: the mask is skipped
    const int kvlo = t * BN;
    return kvlo + BN <= kv_len && (kMaskIsTrue || all_visible(p, b, h, qlo, qhi, kvlo, kvlo + BN - 1));
  };
  // A costly classifier (tensor reads, many ops) is evaluated for NTHREADS tiles at once, one tile
  // per thread, into shared bitmasks (visible, full) of the chunk [cls_base, cls_base + NTHREADS) that
  // the walk then reads: one round of loads per chunk instead of dependent rounds per tile. A cheap
  // one is evaluated where it is needed.
  constexpr bool kChunked = !kMaskIsTrue && !kClassifierIsCheap && ATTNC_CLASSIFY_CHUNK;
  constexpr bool kChunkFull = kChunked && kSkeletonChunkFull;  // the full bits too (the skeleton decides)
  __shared__ unsigned cls_vis[kChunked ? NTHREADS / 32 : 1], cls_full[kChunkFull ? NTHREADS / 32 : 1];
  int cls_base = -NTHREADS;  // no chunk yet (every thread holds the same value)
  auto classify_chunk = [&](int base) {
    const int t = base + tid;
    const unsigned vb = __ballot_sync(0xffffffffu, t < t_end && visible(t));
    const unsigned fb = kChunkFull ? __ballot_sync(0xffffffffu, t < t_end && tile_full(t)) & vb : 0u;
    __syncthreads();  // every thread is done with the previous chunk
    if (lane == 0) {
      cls_vis[tid >> 5] = vb;
      cls_full[tid >> 5] = fb;
    }
    __syncthreads();
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
          if (t >= cls_base + NTHREADS) classify_chunk(t);
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

  load_rows(sQ, gQ, qlo, p.Q_LEN, std::integral_constant<int, BM>{});  // joins the first cp.async group

  const HeadCtx hc = head_ctx(p, b, h);
  auto col_at = [&](int kv, int, int) { return col_ctx(p, hc, b, h, kv); };  // key-column reads, where used
  constexpr int kColSlots = 1;
  const int row0 = qlo + warp * 16 * MT + (lane >> 2);  // this thread's rows: row0 + 16 * mt + 8 * half
  RowCtx rc[MT][2];
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) rc[mt][hh] = row_ctx(p, hc, b, h, row0 + 16 * mt + 8 * hh);

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
  constexpr bool kQRegs = !QS;
  unsigned qf[kQRegs ? MT : 1][kQRegs ? KD : 1][4];  // Q fragments, loaded once (kQRegs)
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
    const bool first = step == STAGES - 1;

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
          const bool v = q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, hc, rc[mt][hh], cc, b, h, q, kv));
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

    // score and mask: sc becomes log2-unit logits (softmax) or weights (elementwise: sigmoid, none)
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
            if constexpr (kScoreIsS && !kElementwise) {
              x *= sl2;  // scale * log2(e) in one multiply
            } else {
              x *= p.scale;
              if constexpr (!kScoreIsS) x = score(p, hc, rc[mt][e >> 1], col_at(kv, kvlo, col_slot), b, h, q, kv, x);
              if constexpr (kElementwise) x = weight(x) * kPScale;
              else x *= kLog2e;
            }
          }
          if constexpr (kMaskBits) {
            if (!full && !((vis[mt] >> (4 * nt + e)) & 1)) x = hidden;
          } else if (!full && !(q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, hc, rc[mt][e >> 1], col_at(kv, kvlo, col_slot), b, h, q, kv)))) {
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

  // ---- epilogue: o = acc / l, lse = ln(sum exp L). l is 0 for a row with nothing visible (or only
  // -inf scores): o = 0, lse = -inf; NaN after a NaN or +inf score: o and lse NaN (docs/language.md § 9) ----
  float* const gO = p.o + ((int64_t)b * p.H + h) * p.Q_LEN * HD;  // o is float32: no rounding of the result
  // this thread's two columns of n8 tile nd of row q, and row q's lse
  auto o_at = [&](int q, int nd) { return reinterpret_cast<float2*>(gO + (int64_t)q * HD + nd * 8 + ((lane & 3) << 1)); };
  auto lse_at = [&](int q) -> float& { return p.lse[((int64_t)b * p.H + h) * p.Q_LEN + q]; };
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) {
      float l = row_l[mt][hh];
      l += __shfl_xor_sync(0xffffffffu, l, 1);
      l += __shfl_xor_sync(0xffffffffu, l, 2);
      const int q = row0 + 16 * mt + 8 * hh;
      if (q >= p.Q_LEN) continue;
      float m = row_m[mt][hh];
      float o_scale = 1.f;  // the rescale of acc when the sink is the row's new max
      if constexpr (kHasSink && !kElementwise) {
        // the sink: one more logit of the row (log2 units), with no value row: it joins m and l, never
        // acc. As the new max it rescales l and acc by 2^(E(m) - E(s2)), the reference points' change
        // exactly as the online softmax takes it (attnc_ref_exp; 0 when nothing was summed, m = -inf).
        // Its P is 2^(s2 - E(m)): NaN for a NaN sink and for +inf (then m = +inf: inf - inf), which
        // makes the row NaN; -inf adds nothing
        const float s2 = sink_logit(p, b, h, q) * kLog2e;
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
        *o_at(q, nd) = make_float2(acc[mt][nd][2 * hh] * inv, acc[mt][nd][2 * hh + 1] * inv);
      }
      if (!kElementwise && p.lse != nullptr && (lane & 3) == 0) {
        // log2(sum) = m - kPShift + log2(l), with m - kPShift rounded as the row's P were taken against
        const float lse2 = attnc_huge_max(m) ? m + (__log2f(l) - kPShift) : (m - kPShift) + __log2f(l);
        lse_at(q) = l == 0.f ? -INFINITY : lse2 * 0.6931471805599453f;
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
        const int q = row0 + 16 * mt + 8 * hh;
        if (q < q_end || q >= p.Q_LEN) continue;
#pragma unroll
        for (int nd = 0; nd < ND; ++nd) *o_at(q, nd) = make_float2(0.f, 0.f);
        if (!kElementwise && p.lse != nullptr && (lane & 3) == 0) lse_at(q) = -INFINITY;
      }
  }
}

// ---- skeletons (sm_90a: wgmma; warp-specialized) ----
#ifndef ATTNC_SM90_INLINE_CHEAP_MASK  // 1: a cheap mask is evaluated after S, not into bits while S is computed;
#define ATTNC_SM90_INLINE_CHEAP_MASK 2    // 0: into bits; 2: inline only where P V overlaps the next S (the bits'
#endif                                    // registers would spill there; elsewhere the bits were faster)
#if defined(__CUDA_ARCH__) && defined(__CUDA_ARCH_FEAT_SM90_ALL)
#define ATTNC_SM90_DEVICE 1  // this pass compiles for sm_90a: wgmma is available
#else
#define ATTNC_SM90_DEVICE 0
#endif
// Never launched. Its static shared memory exists only in the sm_90a build, so the host can tell,
// without synchronizing (cudaFuncGetAttributes), whether the module loaded on a device has the
// wgmma kernel.
__global__ void attnc_sm90_probe(int* out) {
#if ATTNC_SM90_DEVICE
  __shared__ int mark[8];
  mark[threadIdx.x & 7] = (int)threadIdx.x;
  __syncthreads();
  if (out != nullptr) out[threadIdx.x] = mark[(threadIdx.x + 1) & 7];
#endif
}

// whether a tile's P V overlaps the next tile's S (the plan asks for it; it needs exactly 2 stages)
__host__ __device__ constexpr bool sm90_overlaps(bool overlap, int stages) { return overlap && stages == 2; }

// The key-column reads (holes: kNumCols, col_src, col_staged) are staged per tile in shared memory,
// kSlots x kNumCols x BN words, loaded with K into slot step % kSlots. Without overlap, the barrier
// that ends each step separates a slot's last read from the next load into it. Where P V overlaps
// the next S there is no such barrier between a tile's score/mask reads and the next step's load,
// so there is one slot more than stages (the barrier after the next step's cp.async wait then
// separates them; compute-sanitizer racecheck finds the race with two slots).
template <int BN, int STAGES, bool OVERLAP>
struct sm90_cols {
  static constexpr int kSlots = sm90_overlaps(OVERLAP, STAGES) ? STAGES + 1 : STAGES;
  static constexpr int kWords = kNumCols > 0 ? kSlots * kNumCols * BN : 1;
};

// shared-memory matrix descriptor of a 128-byte-swizzled operand (addresses and offsets in bytes)
__device__ __forceinline__ uint64_t attnc_wgmma_desc(unsigned addr, unsigned lbo, unsigned sbo) {
  return (uint64_t)((addr & 0x3FFFF) >> 4) | ((uint64_t)((lbo & 0x3FFFF) >> 4) << 16) |
         ((uint64_t)((sbo & 0x3FFFF) >> 4) << 32) | (1ull << 62);
}
__device__ __forceinline__ void attnc_wgmma_fence() { asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory"); }
__device__ __forceinline__ void attnc_wgmma_commit() { asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory"); }
template <int N>
__device__ __forceinline__ void attnc_wgmma_wait() { asm volatile("wgmma.wait_group.sync.aligned %0;\n" ::"n"(N) : "memory"); }
// makes cp.async's writes to shared memory visible to the tensor cores' (async proxy) reads
__device__ __forceinline__ void attnc_fence_proxy_async() { asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory"); }
// pins accumulator registers in place: no read or write of them moves across an async MMA's issue or wait
template <int N>
__device__ __forceinline__ void attnc_reg_fence(float (&r)[N]) {
#pragma unroll
  for (int i = 0; i < N; ++i) asm volatile("" : "+f"(r[i])::"memory");
}
template <int N>
__device__ __forceinline__ void attnc_reg_fence(unsigned (&r)[N]) {
#pragma unroll
  for (int i = 0; i < N; ++i) asm volatile("" : "+r"(r[i])::"memory");
}

// ---- warpgroup MMA (sm_90a): D[64 x N] (+)= A[64 x 16] B[16 x N], fp32 accumulators ----
// (a width without a wrapper below is a tile-plan error, reported at compile time)
template <typename T, int N> struct attnc_wgmma {
  static_assert(N < 0, "no wgmma wrapper for this width: an ATTNC_SM90_D<dim>_BLOCK_KV must be one of 48, 64, 96, 128");
};
template <> struct attnc_wgmma<__nv_bfloat16, 48> {
  // A and B from shared memory, both K-major (S = Q K^T)
  static __device__ __forceinline__ void ss(float (&d)[24], uint64_t a, uint64_t b, int accumulate) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %26, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n48k16.f32.bf16.bf16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23}, %24, %25, p, 1, 1, 0, 0;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23])
                 : "l"(a), "l"(b), "r"(accumulate));
  }
  // A from registers (the m16n8k16 A-fragment layout per warp), B from shared memory MN-major (O += P V)
  static __device__ __forceinline__ void rs(float (&d)[24], const unsigned (&a)[4], uint64_t b) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %29, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n48k16.f32.bf16.bf16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23}, {%24, %25, %26, %27}, %28, p, 1, 1, 1;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b), "r"(1));
  }
};
template <> struct attnc_wgmma<__half, 48> {
  // A and B from shared memory, both K-major (S = Q K^T)
  static __device__ __forceinline__ void ss(float (&d)[24], uint64_t a, uint64_t b, int accumulate) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %26, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n48k16.f32.f16.f16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23}, %24, %25, p, 1, 1, 0, 0;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23])
                 : "l"(a), "l"(b), "r"(accumulate));
  }
  // A from registers (the m16n8k16 A-fragment layout per warp), B from shared memory MN-major (O += P V)
  static __device__ __forceinline__ void rs(float (&d)[24], const unsigned (&a)[4], uint64_t b) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %29, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n48k16.f32.f16.f16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23}, {%24, %25, %26, %27}, %28, p, 1, 1, 1;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b), "r"(1));
  }
};
template <> struct attnc_wgmma<__nv_bfloat16, 64> {
  // A and B from shared memory, both K-major (S = Q K^T)
  static __device__ __forceinline__ void ss(float (&d)[32], uint64_t a, uint64_t b, int accumulate) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %34, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31}, %32, %33, p, 1, 1, 0, 0;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31])
                 : "l"(a), "l"(b), "r"(accumulate));
  }
  // A from registers (the m16n8k16 A-fragment layout per warp), B from shared memory MN-major (O += P V)
  static __device__ __forceinline__ void rs(float (&d)[32], const unsigned (&a)[4], uint64_t b) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %37, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31}, {%32, %33, %34, %35}, %36, p, 1, 1, 1;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b), "r"(1));
  }
};
template <> struct attnc_wgmma<__half, 64> {
  // A and B from shared memory, both K-major (S = Q K^T)
  static __device__ __forceinline__ void ss(float (&d)[32], uint64_t a, uint64_t b, int accumulate) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %34, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31}, %32, %33, p, 1, 1, 0, 0;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31])
                 : "l"(a), "l"(b), "r"(accumulate));
  }
  // A from registers (the m16n8k16 A-fragment layout per warp), B from shared memory MN-major (O += P V)
  static __device__ __forceinline__ void rs(float (&d)[32], const unsigned (&a)[4], uint64_t b) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %37, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31}, {%32, %33, %34, %35}, %36, p, 1, 1, 1;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b), "r"(1));
  }
};
template <> struct attnc_wgmma<__nv_bfloat16, 96> {
  // A and B from shared memory, both K-major (S = Q K^T)
  static __device__ __forceinline__ void ss(float (&d)[48], uint64_t a, uint64_t b, int accumulate) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %50, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n96k16.f32.bf16.bf16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47}, %48, %49, p, 1, 1, 0, 0;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47])
                 : "l"(a), "l"(b), "r"(accumulate));
  }
  // A from registers (the m16n8k16 A-fragment layout per warp), B from shared memory MN-major (O += P V)
  static __device__ __forceinline__ void rs(float (&d)[48], const unsigned (&a)[4], uint64_t b) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %53, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n96k16.f32.bf16.bf16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47}, {%48, %49, %50, %51}, %52, p, 1, 1, 1;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b), "r"(1));
  }
};
template <> struct attnc_wgmma<__half, 96> {
  // A and B from shared memory, both K-major (S = Q K^T)
  static __device__ __forceinline__ void ss(float (&d)[48], uint64_t a, uint64_t b, int accumulate) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %50, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n96k16.f32.f16.f16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47}, %48, %49, p, 1, 1, 0, 0;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47])
                 : "l"(a), "l"(b), "r"(accumulate));
  }
  // A from registers (the m16n8k16 A-fragment layout per warp), B from shared memory MN-major (O += P V)
  static __device__ __forceinline__ void rs(float (&d)[48], const unsigned (&a)[4], uint64_t b) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %53, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n96k16.f32.f16.f16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47}, {%48, %49, %50, %51}, %52, p, 1, 1, 1;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b), "r"(1));
  }
};
template <> struct attnc_wgmma<__nv_bfloat16, 128> {
  // A and B from shared memory, both K-major (S = Q K^T)
  static __device__ __forceinline__ void ss(float (&d)[64], uint64_t a, uint64_t b, int accumulate) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %66, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63}, %64, %65, p, 1, 1, 0, 0;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47]), "+f"(d[48]), "+f"(d[49]), "+f"(d[50]), "+f"(d[51]), "+f"(d[52]), "+f"(d[53]), "+f"(d[54]), "+f"(d[55]), "+f"(d[56]), "+f"(d[57]), "+f"(d[58]), "+f"(d[59]), "+f"(d[60]), "+f"(d[61]), "+f"(d[62]), "+f"(d[63])
                 : "l"(a), "l"(b), "r"(accumulate));
  }
  // A from registers (the m16n8k16 A-fragment layout per warp), B from shared memory MN-major (O += P V)
  static __device__ __forceinline__ void rs(float (&d)[64], const unsigned (&a)[4], uint64_t b) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %69, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63}, {%64, %65, %66, %67}, %68, p, 1, 1, 1;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47]), "+f"(d[48]), "+f"(d[49]), "+f"(d[50]), "+f"(d[51]), "+f"(d[52]), "+f"(d[53]), "+f"(d[54]), "+f"(d[55]), "+f"(d[56]), "+f"(d[57]), "+f"(d[58]), "+f"(d[59]), "+f"(d[60]), "+f"(d[61]), "+f"(d[62]), "+f"(d[63])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b), "r"(1));
  }
};
template <> struct attnc_wgmma<__half, 128> {
  // A and B from shared memory, both K-major (S = Q K^T)
  static __device__ __forceinline__ void ss(float (&d)[64], uint64_t a, uint64_t b, int accumulate) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %66, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63}, %64, %65, p, 1, 1, 0, 0;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47]), "+f"(d[48]), "+f"(d[49]), "+f"(d[50]), "+f"(d[51]), "+f"(d[52]), "+f"(d[53]), "+f"(d[54]), "+f"(d[55]), "+f"(d[56]), "+f"(d[57]), "+f"(d[58]), "+f"(d[59]), "+f"(d[60]), "+f"(d[61]), "+f"(d[62]), "+f"(d[63])
                 : "l"(a), "l"(b), "r"(accumulate));
  }
  // A from registers (the m16n8k16 A-fragment layout per warp), B from shared memory MN-major (O += P V)
  static __device__ __forceinline__ void rs(float (&d)[64], const unsigned (&a)[4], uint64_t b) {
    asm volatile("{\n.reg .pred p;\nsetp.ne.b32 p, %69, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16 {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63}, {%64, %65, %66, %67}, %68, p, 1, 1, 1;\n}\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]), "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]), "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]), "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]), "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]), "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]), "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]), "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47]), "+f"(d[48]), "+f"(d[49]), "+f"(d[50]), "+f"(d[51]), "+f"(d[52]), "+f"(d[53]), "+f"(d[54]), "+f"(d[55]), "+f"(d[56]), "+f"(d[57]), "+f"(d[58]), "+f"(d[59]), "+f"(d[60]), "+f"(d[61]), "+f"(d[62]), "+f"(d[63])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b), "r"(1));
  }
};

// One CTA = NWG warpgroups x 64 query rows of one (b, h); K/V tiles of BN keys in STAGES buffers;
// MIN_CTAS CTAs per SM must fit the register allocation; OVERLAP: see kOverlapPV; HEADS_INNER: see the work item;
// PAGED: k and v are the pages of pg (paged.ts).
template <typename T, int HD, int NWG, int BN, int STAGES, int MIN_CTAS, bool OVERLAP, bool HEADS_INNER, bool PAGED>
__global__ void __launch_bounds__(NWG * 128, MIN_CTAS) forward_kernel_sm90(const Params p, const Pages pg) {
#if ATTNC_SM90_DEVICE
  constexpr int MT = 1;              // one m16 row tile per warp (wgmma's m64 = 4 warps x 16 rows)
  constexpr int BM = NWG * 64;       // query rows per CTA
  constexpr int NT = BN / 8;         // n8 tiles of S
  constexpr int KD = HD / 16;        // k16 steps of Q.K^T
  constexpr int ND = HD / 8;         // n8 tiles of O
  constexpr int CH = HD / 8;         // 16-byte chunks per row
  constexpr float kLog2e = 1.4426950408889634f;
  constexpr bool kHalf = std::is_same<T, __half>::value;
  constexpr float kPShift = kHalf ? 15.f : -32.f;  // fp16 P scaled by 2^15, bf16 by 2^-32 (see the sm_80 skeleton)
  constexpr float kPScale = kHalf && kUnitWeights ? 32768.f : 1.f;  // fp16 elementwise P in [0, 1] scaled by 2^15, as on sm_80
  using DT = attnc_dtype<T>;
  using WS = attnc_wgmma<T, BN>;
  using WO = attnc_wgmma<T, HD>;
  constexpr int NTHREADS = NWG * 128;
  static_assert(65536 / (NWG * 128 * MIN_CTAS) >= 128, "sm_90a tile plan: WARPGROUPS x MIN_CTAS leaves fewer than 128 registers per thread");
  static_assert(BN % 16 == 0 && BN <= 128 && HD % 64 == 0 && HD <= 256 && (BN * CH) % NTHREADS == 0 && (BM * CH) % NTHREADS == 0, "tile plan");

  extern __shared__ __align__(128) unsigned char smem_raw[];
  const unsigned sQ = (attnc_smem_addr(smem_raw) + 1023u) & ~1023u;  // swizzle atoms need 1024-byte alignment
  const unsigned sK = sQ + BM * HD * (unsigned)sizeof(T);
  const unsigned sV = sK + STAGES * BN * HD * (unsigned)sizeof(T);
  // byte offset of 16-byte chunk c of row r in a tile of ROWS rows (64-column panels, 128-byte swizzle)
  auto swz = [](int rows, int r, int c) -> unsigned { return (unsigned)((c >> 3) * rows * 128 + r * 128 + (((c & 7) ^ (r & 7)) << 4)); };

  const int tid = threadIdx.x, wg = tid >> 7, warp = (tid >> 5) & 3, lane = tid & 31;
  // the work item: query tile (heaviest, i.e. last, first), head, batch row. HEADS_INNER with a linear
  // grid: per batch row, the same query tile of every head, then the next (see Sm90Config.headsInner)
  // (as consts of blockIdx where the grid is not linear, so they need no registers)
  const bool linear = HEADS_INNER && gridDim.y == 1 && gridDim.z == 1;
  const int h = linear ? (int)(blockIdx.x % (unsigned)p.H) : (int)blockIdx.y;
  const int n_qt = (p.Q_LEN + BM - 1) / BM;
  const int b = linear ? (int)(blockIdx.x / (unsigned)p.H) / n_qt : (int)blockIdx.z;
  const int qlo = linear ? (n_qt - 1 - (int)(blockIdx.x / (unsigned)p.H) % n_qt) * BM : (gridDim.x - 1 - blockIdx.x) * BM;
  const int kv_len = attnc_kv_len(p, b);  // the batch row's KV_LEN (one register: cheaper than reading it again)
  // per-row lengths: a query tile past its batch row's q_len, or a row without keys, computes nothing
  if (qlo >= attnc_q_len(p, b) || (kv_len == 0 && !kHasSink)) {  // (a sink still joins rows without keys)
    attnc_empty_rows(p, b, h, qlo, BM, HD);
    return;
  }
  // rows past q_len are computed as the padding rows past Q_LEN are, and written as o = 0 (epilogue),
  // with the tile classes of the padded length unless the program reads Q_LEN (then the row's)
  const int qhi = min(qlo + BM, kHolesReadQLen ? attnc_q_len(p, b) : p.Q_LEN) - 1;
  const int kvh = h / (p.H / p.H_KV);
  const T* const gQ = static_cast<const T*>(p.q) + ((int64_t)b * p.H + h) * p.Q_LEN * HD;
  const T* const gK = static_cast<const T*>(p.k) + ((int64_t)b * p.H_KV + kvh) * p.KV_LEN * HD;
  const T* const gV = static_cast<const T*>(p.v) + ((int64_t)b * p.H_KV + kvh) * p.KV_LEN * HD;

  // copies ROWS rows starting at row0 of g (rows >= nrows are zero-filled) into the tile at s
  auto load_rows = [&](unsigned s, const T* g, int row0, int nrows, auto rows_tag) {
    constexpr int ROWS = decltype(rows_tag)::value;
#pragma unroll
    for (int it = 0; it < ROWS * CH / NTHREADS; ++it) {
      const int i = it * NTHREADS + tid, r = i / CH, c = i % CH;
      const bool ok = row0 + r < nrows;
      const T* src = g + (int64_t)(ok ? row0 + r : 0) * HD + c * 8;
      attnc_cp_async16(s + swz(ROWS, r, c), src, ok ? 16 : 0);
    }
  };
  // (PAGED: k and v in pages, paged.ts)
  auto load_k = [&](int tile, int stage) {
    const unsigned s = sK + stage * BN * HD * (unsigned)sizeof(T);
    if constexpr (!PAGED) load_rows(s, gK, tile * BN, kv_len, std::integral_constant<int, BN>{});
    else attnc_load_pages<T, HD, BN, NTHREADS>(p, pg, b, kvh, kv_len, tile, s, s, true, false, [&](unsigned t, int r, int c) { return t + swz(BN, r, c); });
  };
  auto load_v = [&](int tile, int stage) {
    const unsigned s = sV + stage * BN * HD * (unsigned)sizeof(T);
    if constexpr (!PAGED) load_rows(s, gV, tile * BN, kv_len, std::integral_constant<int, BN>{});
    else attnc_load_pages<T, HD, BN, NTHREADS>(p, pg, b, kvh, kv_len, tile, s, s, false, true, [&](unsigned t, int r, int c) { return t + swz(BN, r, c); });
  };
  auto load_kv = [&](int tile, int stage) {
    if constexpr (!PAGED) {
      load_k(tile, stage);
      load_v(tile, stage);
    } else {  // one table read per key for both
      attnc_load_pages<T, HD, BN, NTHREADS>(p, pg, b, kvh, kv_len, tile, sK + stage * BN * HD * (unsigned)sizeof(T), sV + stage * BN * HD * (unsigned)sizeof(T),
                                            true, true, [&](unsigned t, int r, int c) { return t + swz(BN, r, c); });
    }
  };
  // kOverlapPV: a tile's P V runs on the tensor cores while the next tile's S is issued and its mask
  // computed; so the next tile's V is loaded only once that P V has finished reading its stage (K at
  // the top of the step, V after the S wait). Two stages: the stage a load overwrites is the one the
  // previous step computed.
  constexpr bool kOverlapPV = sm90_overlaps(OVERLAP, STAGES);

  constexpr bool kSkeletonChunkFull = true;  // full tiles found in the classifier's chunks (measured faster)
  constexpr bool kInlineCheapMask = ATTNC_SM90_INLINE_CHEAP_MASK == 1 || (ATTNC_SM90_INLINE_CHEAP_MASK == 2 && kOverlapPV);
  // ---- the key tiles this query tile visits: [t_begin, t_end), filtered by any_visible ----
  const int n_tiles = (kv_len + BN - 1) / BN;
  int t_begin = 0, t_end = n_tiles;
  if constexpr (kHasKvRange) {
    int lo, hi;
    kv_range(p, b, h, qlo, qhi, lo, hi);
    lo = max(lo, 0);
    hi = min(hi, kv_len - 1);
    t_begin = lo <= hi ? lo / BN : 0;
    t_end = lo <= hi ? hi / BN + 1 : 0;
  }
  auto visible = [&](int t) { return any_visible(p, b, h, qlo, qhi, t * BN, min(t * BN + BN, kv_len) - 1); };
  auto tile_full = [&](int t) {  // visible everywhere and inside the keys: the mask is skipped
    const int kvlo = t * BN;
    return kvlo + BN <= kv_len && (kMaskIsTrue || all_visible(p, b, h, qlo, qhi, kvlo, kvlo + BN - 1));
  };
  // A costly classifier (tensor reads, many ops) is evaluated for NTHREADS tiles at once, one tile
  // per thread, into shared bitmasks (visible, full) of the chunk [cls_base, cls_base + NTHREADS) that
  // the walk then reads: one round of loads per chunk instead of dependent rounds per tile. A cheap
  // one is evaluated where it is needed.
  constexpr bool kChunked = !kMaskIsTrue && !kClassifierIsCheap && ATTNC_CLASSIFY_CHUNK;
  constexpr bool kChunkFull = kChunked && kSkeletonChunkFull;  // the full bits too (the skeleton decides)
  __shared__ unsigned cls_vis[kChunked ? NTHREADS / 32 : 1], cls_full[kChunkFull ? NTHREADS / 32 : 1];
  int cls_base = -NTHREADS;  // no chunk yet (every thread holds the same value)
  auto classify_chunk = [&](int base) {
    const int t = base + tid;
    const unsigned vb = __ballot_sync(0xffffffffu, t < t_end && visible(t));
    const unsigned fb = kChunkFull ? __ballot_sync(0xffffffffu, t < t_end && tile_full(t)) & vb : 0u;
    __syncthreads();  // every thread is done with the previous chunk
    if (lane == 0) {
      cls_vis[tid >> 5] = vb;
      cls_full[tid >> 5] = fb;
    }
    __syncthreads();
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
          if (t >= cls_base + NTHREADS) classify_chunk(t);
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

  load_rows(sQ, gQ, qlo, p.Q_LEN, std::integral_constant<int, BM>{});  // joins the first cp.async group

  const HeadCtx hc = head_ctx(p, b, h);
  // the key-column reads of a tile, copied into shared memory with its K (one read per key, not one
  // per key and row; see sm90_cols)
  using Cols = sm90_cols<BN, STAGES, OVERLAP>;
  constexpr int kColSlots = Cols::kSlots;
  __shared__ unsigned s_col[Cols::kWords];
  auto load_cols = [&](int tile, int slot) {
    if constexpr (kNumCols > 0) {
#pragma unroll
      for (int j = 0; j < kNumCols; ++j)
#pragma unroll
        for (int it = 0; it < (BN + NTHREADS - 1) / NTHREADS; ++it) {
          const int c = it * NTHREADS + tid;
          if (c < BN) attnc_cp_async4(attnc_smem_addr(&s_col[(slot * kNumCols + j) * BN + c]), col_src(p, hc, b, h, tile * BN + c, j));
        }
    }
  };
  auto col_at = [&](int kv, int kvlo, int slot) -> ColCtx { return col_staged(&s_col[slot * kNumCols * BN], BN, kv - kvlo); };
  const int row0 = qlo + wg * 64 + warp * 16 + (lane >> 2);  // this thread's rows: row0 and row0 + 8
  RowCtx rc[MT][2];
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) rc[mt][hh] = row_ctx(p, hc, b, h, row0 + 16 * mt + 8 * hh);

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
  float (&accf)[HD / 2] = reinterpret_cast<float (&)[HD / 2]>(acc);
  unsigned pa[BN / 16][4];  // P as wgmma A fragments: read by the tensor cores until the P V wait
  unsigned (&paf)[BN / 4] = reinterpret_cast<unsigned (&)[BN / 4]>(pa);

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
    if (t_load < t_end) { load_cols(t_load, step % kColSlots); kOverlapPV && step >= STAGES - 1 ? load_k(t_load, stage_load) : load_kv(t_load, stage_load); };
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

    attnc_cp_async_wait<STAGES - 1>();  // K and V of tile t (kOverlapPV: all but this step's K)
    attnc_fence_proxy_async();
    __syncthreads();
    const unsigned sKs = sK + stage * BN * HD * (unsigned)sizeof(T);
    const unsigned sVs = sV + stage * BN * HD * (unsigned)sizeof(T);

    // S = Q K^T (fp32), issued to the tensor cores; the mask bits are computed meanwhile
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
          const bool v = q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, hc, rc[mt][hh], cc, b, h, q, kv));
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
    attnc_wgmma_wait<0>();  // S, and with kOverlapPV the previous tile's P V
    attnc_reg_fence(scf);
    if constexpr (kOverlapPV) {
      attnc_reg_fence(accf);
      attnc_reg_fence(paf);
      __syncthreads();  // every warpgroup is done with the previous tile's V stage: load the next V there
      if (t_load < t_end) load_v(t_load, stage_load ^ 1);
      attnc_cp_async_commit();
    }

    // score and mask: sc becomes log2-unit logits (softmax) or weights (elementwise: sigmoid, none)
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
            if constexpr (kScoreIsS && !kElementwise) {
              x *= sl2;  // scale * log2(e) in one multiply
            } else {
              x *= p.scale;
              if constexpr (!kScoreIsS) x = score(p, hc, rc[mt][e >> 1], col_at(kv, kvlo, col_slot), b, h, q, kv, x);
              if constexpr (kElementwise) x = weight(x) * kPScale;
              else x *= kLog2e;
            }
          }
          if constexpr (kMaskBits) {
            if (!full && !((vis[mt] >> (4 * nt + e)) & 1)) x = hidden;
          } else if (!full && !(q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, hc, rc[mt][e >> 1], col_at(kv, kvlo, col_slot), b, h, q, kv)))) {
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

    // O += P V: the S accumulator layout is the register A-operand layout of wgmma
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
    for (int kk = 0; kk < BN / 16; ++kk) {
      // V rows kk*16.. (keys: the K dim), 64-column panels (N dim) BN * 128 bytes apart
      WO::rs(accf, pa[kk], attnc_wgmma_desc(sVs + kk * 16 * 128, BN * 128, 1024));
    }
    attnc_wgmma_commit();
    if constexpr (!kOverlapPV) {
      attnc_wgmma_wait<0>();
      attnc_reg_fence(accf);
      __syncthreads();  // this stage is overwritten by a later load
    }
    stage = stage + 1 == STAGES ? 0 : stage + 1;
  }
  attnc_wgmma_wait<0>();
  attnc_reg_fence(accf);
  attnc_cp_async_wait<0>();

  // ---- epilogue: o = acc / l, lse = ln(sum exp L). l is 0 for a row with nothing visible (or only
  // -inf scores): o = 0, lse = -inf; NaN after a NaN or +inf score: o and lse NaN (docs/language.md § 9) ----
  float* const gO = p.o + ((int64_t)b * p.H + h) * p.Q_LEN * HD;  // o is float32: no rounding of the result
  // this thread's two columns of n8 tile nd of row q, and row q's lse
  auto o_at = [&](int q, int nd) { return reinterpret_cast<float2*>(gO + (int64_t)q * HD + nd * 8 + ((lane & 3) << 1)); };
  auto lse_at = [&](int q) -> float& { return p.lse[((int64_t)b * p.H + h) * p.Q_LEN + q]; };
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) {
      float l = row_l[mt][hh];
      l += __shfl_xor_sync(0xffffffffu, l, 1);
      l += __shfl_xor_sync(0xffffffffu, l, 2);
      const int q = row0 + 16 * mt + 8 * hh;
      if (q >= p.Q_LEN) continue;
      float m = row_m[mt][hh];
      float o_scale = 1.f;  // the rescale of acc when the sink is the row's new max
      if constexpr (kHasSink && !kElementwise) {
        // the sink: one more logit of the row (log2 units), with no value row: it joins m and l, never
        // acc. As the new max it rescales l and acc by 2^(E(m) - E(s2)), the reference points' change
        // exactly as the online softmax takes it (attnc_ref_exp; 0 when nothing was summed, m = -inf).
        // Its P is 2^(s2 - E(m)): NaN for a NaN sink and for +inf (then m = +inf: inf - inf), which
        // makes the row NaN; -inf adds nothing
        const float s2 = sink_logit(p, b, h, q) * kLog2e;
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
        *o_at(q, nd) = make_float2(acc[mt][nd][2 * hh] * inv, acc[mt][nd][2 * hh + 1] * inv);
      }
      if (!kElementwise && p.lse != nullptr && (lane & 3) == 0) {
        // log2(sum) = m - kPShift + log2(l), with m - kPShift rounded as the row's P were taken against
        const float lse2 = attnc_huge_max(m) ? m + (__log2f(l) - kPShift) : (m - kPShift) + __log2f(l);
        lse_at(q) = l == 0.f ? -INFINITY : lse2 * 0.6931471805599453f;
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
        const int q = row0 + 16 * mt + 8 * hh;
        if (q < q_end || q >= p.Q_LEN) continue;
#pragma unroll
        for (int nd = 0; nd < ND; ++nd) *o_at(q, nd) = make_float2(0.f, 0.f);
        if (!kElementwise && p.lse != nullptr && (lane & 3) == 0) lse_at(q) = -INFINITY;
      }
  }
#endif  // ATTNC_SM90_DEVICE
}

// ---- mbarriers (shared-memory barriers with phases) for the warp-specialized kernel ----
__device__ __forceinline__ void attnc_mbar_init(unsigned bar, unsigned count) {
  asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;\n" ::"r"(bar), "r"(count) : "memory");
}
// arrives with release semantics: this thread's earlier writes are visible to whoever waits on the phase
__device__ __forceinline__ void attnc_mbar_arrive(unsigned bar) {
  asm volatile("mbarrier.arrive.release.cta.shared::cta.b64 _, [%0];\n" ::"r"(bar) : "memory");
}
// adds bytes to the current phase's expected transaction count (the TMA copies complete them)
__device__ __forceinline__ void attnc_mbar_expect_tx(unsigned bar, unsigned bytes) {
  asm volatile("mbarrier.expect_tx.relaxed.cta.shared::cta.b64 [%0], %1;\n" ::"r"(bar), "r"(bytes) : "memory");
}
// TMA: the box of a 3-D tensor map at (c0, c1, c2) into shared memory at dst, completing on bar
__device__ __forceinline__ void attnc_tma_load3(unsigned dst, const CUtensorMap* map, int c0, int c1, int c2, unsigned bar) {
  asm volatile("cp.async.bulk.tensor.3d.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1, {%2, %3, %4}], [%5];\n"
               ::"r"(dst), "l"(reinterpret_cast<uint64_t>(map)), "r"(c0), "r"(c1), "r"(c2), "r"(bar)
               : "memory");
}
// the TMA maps of K and V: 3-D (HD, KV_LEN, B * H_KV), box (64, BN, 1), 128-byte swizzle
struct Sm90Maps {
  CUtensorMap k, v;
};
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
// BN keys in STAGES stages; one CTA per SM (MIN_CTAS is not used); OVERLAP must be false (P V is not
// overlapped here); HEADS_INNER: see forward_kernel_sm90.
template <typename T, int HD, int NWG, int BN, int STAGES, int MIN_CTAS, bool OVERLAP, bool HEADS_INNER>
__global__ void __launch_bounds__(NWG * 128 + 32, 1) forward_kernel_sm90ws(const Params p, const __grid_constant__ Sm90Maps maps) {
#if ATTNC_SM90_DEVICE
  constexpr int MT = 1;              // one m16 row tile per warp (wgmma's m64 = 4 warps x 16 rows)
  constexpr int BM = NWG * 64;       // query rows per CTA
  constexpr int NT = BN / 8;         // n8 tiles of S
  constexpr int KD = HD / 16;        // k16 steps of Q.K^T
  constexpr int ND = HD / 8;         // n8 tiles of O
  constexpr int CH = HD / 8;         // 16-byte chunks per row
  constexpr float kLog2e = 1.4426950408889634f;
  constexpr bool kHalf = std::is_same<T, __half>::value;
  constexpr float kPShift = kHalf ? 15.f : -32.f;  // fp16 P scaled by 2^15, bf16 by 2^-32 (see the sm_80 skeleton)
  constexpr float kPScale = kHalf && kUnitWeights ? 32768.f : 1.f;  // fp16 elementwise P in [0, 1] scaled by 2^15, as on sm_80
  using DT = attnc_dtype<T>;
  using WS = attnc_wgmma<T, BN>;
  using WO = attnc_wgmma<T, HD>;
  static_assert(STAGES >= 2 && NWG <= 4, "warp-specialized sm_90a plan: at least 2 stages, at most 4 warpgroups (their tile bits)");
  // (with P V overlapped a warpgroup would hold a stage past the tiles it skips: the producer could wait on it forever)
  static_assert(!OVERLAP, "warp-specialized sm_90a plan (PRODUCER=1): P V is not overlapped with the next S here; set OVERLAP_PV=0");
  static_assert(BN % 16 == 0 && BN <= 128 && HD % 64 == 0 && HD <= 256 && 32 % CH == 0, "tile plan");

  extern __shared__ __align__(128) unsigned char smem_raw[];
  const unsigned sQ = (attnc_smem_addr(smem_raw) + 1023u) & ~1023u;  // swizzle atoms need 1024-byte alignment
  const unsigned sK = sQ + BM * HD * (unsigned)sizeof(T);
  const unsigned sV = sK + STAGES * BN * HD * (unsigned)sizeof(T);
  // byte offset of 16-byte chunk c of row r in a tile of ROWS rows (64-column panels, 128-byte swizzle)
  auto swz = [](int rows, int r, int c) -> unsigned { return (unsigned)((c >> 3) * rows * 128 + r * 128 + (((c & 7) ^ (r & 7)) << 4)); };
  __shared__ __align__(8) unsigned long long bar_full[STAGES], bar_empty[STAGES];
  __shared__ int s_meta[STAGES];
  __shared__ unsigned s_col[sm90_cols<BN, STAGES, false>::kWords];  // one slot per stage

  const int tid = threadIdx.x, wg = tid >> 7, warp = (tid >> 5) & 3, lane = tid & 31;
  // the work item: query tile (heaviest, i.e. last, first), head, batch row. HEADS_INNER with a linear
  // grid: per batch row, the same query tile of every head, then the next (see Sm90Config.headsInner)
  // (as consts of blockIdx where the grid is not linear, so they need no registers)
  const bool linear = HEADS_INNER && gridDim.y == 1 && gridDim.z == 1;
  const int h = linear ? (int)(blockIdx.x % (unsigned)p.H) : (int)blockIdx.y;
  const int n_qt = (p.Q_LEN + BM - 1) / BM;
  const int b = linear ? (int)(blockIdx.x / (unsigned)p.H) / n_qt : (int)blockIdx.z;
  const int qlo = linear ? (n_qt - 1 - (int)(blockIdx.x / (unsigned)p.H) % n_qt) * BM : (gridDim.x - 1 - blockIdx.x) * BM;
  const int kv_len = attnc_kv_len(p, b);  // the batch row's KV_LEN (one register: cheaper than reading it again)
  // per-row lengths: a query tile past its batch row's q_len, or a row without keys, computes nothing
  if (qlo >= attnc_q_len(p, b) || (kv_len == 0 && !kHasSink)) {  // (a sink still joins rows without keys)
    attnc_empty_rows(p, b, h, qlo, BM, HD);
    return;
  }
  // rows past q_len are computed as the padding rows past Q_LEN are, and written as o = 0 (epilogue),
  // with the tile classes of the padded length unless the program reads Q_LEN (then the row's)
  const int qhi = min(qlo + BM, kHolesReadQLen ? attnc_q_len(p, b) : p.Q_LEN) - 1;
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
    constexpr bool kSkeletonChunkFull = true;
    // ---- the key tiles this query tile visits: [t_begin, t_end), filtered by any_visible ----
    const int n_tiles = (kv_len + BN - 1) / BN;
    int t_begin = 0, t_end = n_tiles;
    if constexpr (kHasKvRange) {
      int lo, hi;
      kv_range(p, b, h, qlo, qhi, lo, hi);
      lo = max(lo, 0);
      hi = min(hi, kv_len - 1);
      t_begin = lo <= hi ? lo / BN : 0;
      t_end = lo <= hi ? hi / BN + 1 : 0;
    }
    auto visible = [&](int t) { return any_visible(p, b, h, qlo, qhi, t * BN, min(t * BN + BN, kv_len) - 1); };
    auto tile_full = [&](int t) {  // visible everywhere and inside the keys: the mask is skipped
      const int kvlo = t * BN;
      return kvlo + BN <= kv_len && (kMaskIsTrue || all_visible(p, b, h, qlo, qhi, kvlo, kvlo + BN - 1));
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
    // K and V arrive by TMA: one bulk tensor copy per 64-column panel (the map's box is BN keys x 64
    // columns with the 128-byte swizzle of the tiles; keys past KV_LEN are zero-filled), counted in
    // bytes on the stage's full barrier (lane 0 adds the tile's bytes to its expected count first)
    const int kv_row = b * p.H_KV + kvh;
    auto load_tile = [&](int t, int s) {
      if (lane == 0) {
        attnc_mbar_expect_tx(attnc_smem_addr(&bar_full[s]), 2u * BN * HD * (unsigned)sizeof(T));  // before the copies can complete
#pragma unroll
        for (int pc = 0; pc < HD / 64; ++pc) {
          attnc_tma_load3(sK + s * BN * HD * (unsigned)sizeof(T) + pc * BN * 128, &maps.k, pc * 64, t * BN, kv_row, attnc_smem_addr(&bar_full[s]));
          attnc_tma_load3(sV + s * BN * HD * (unsigned)sizeof(T) + pc * BN * 128, &maps.v, pc * 64, t * BN, kv_row, attnc_smem_addr(&bar_full[s]));
        }
      }
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
    // key-column copies arrive on the stage's full barrier when they land
    // (cp.async.mbarrier.arrive.noinc), and lane 0 arrives once more after writing the stage's tile
    // word: the producer never waits for its own copies, so every free stage is in flight.
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
        const int w = lane >> 1, wlo = qlo + 64 * w, whi = min(wlo + 63, p.Q_LEN - 1), kvlo = t * BN, kvhi = min(kvlo + BN, kv_len) - 1;
        bool bit = false;
        if (w < NWG && wlo <= whi) {
          if ((lane & 1) == 0) bit = cta_full || kMaskIsTrue || any_visible(p, b, h, wlo, whi, kvlo, kvhi);
          else bit = cta_full || (kvlo + BN <= kv_len && (kMaskIsTrue || all_visible(p, b, h, wlo, whi, kvlo, kvhi)));
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
    constexpr bool kInlineCheapMask = ATTNC_SM90_INLINE_CHEAP_MASK == 1;
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
    float (&accf)[HD / 2] = reinterpret_cast<float (&)[HD / 2]>(acc);
    unsigned pa[BN / 16][4];

    int stage = 0;
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

      // S = Q K^T (fp32), issued to the tensor cores; the mask bits are computed meanwhile
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
            const bool v = q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, hc, rc[mt][hh], cc, b, h, q, kv));
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
      attnc_wgmma_wait<0>();
      attnc_reg_fence(scf);

      // score and mask: sc becomes log2-unit logits (softmax) or weights (elementwise: sigmoid, none)
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
              if constexpr (kScoreIsS && !kElementwise) {
                x *= sl2;  // scale * log2(e) in one multiply
              } else {
                x *= p.scale;
                if constexpr (!kScoreIsS) x = score(p, hc, rc[mt][e >> 1], col_at(kv, kvlo, col_slot), b, h, q, kv, x);
                if constexpr (kElementwise) x = weight(x) * kPScale;
                else x *= kLog2e;
              }
            }
            if constexpr (kMaskBits) {
              if (!full && !((vis[mt] >> (4 * nt + e)) & 1)) x = hidden;
            } else if (!full && !(q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, hc, rc[mt][e >> 1], col_at(kv, kvlo, col_slot), b, h, q, kv)))) {
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

      // O += P V: the S accumulator layout is the register A-operand layout of wgmma
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
      for (int kk = 0; kk < BN / 16; ++kk) {
        // V rows kk*16.. (keys: the K dim), 64-column panels (N dim) BN * 128 bytes apart
        WO::rs(accf, pa[kk], attnc_wgmma_desc(sVs + kk * 16 * 128, BN * 128, 1024));
      }
      attnc_wgmma_commit();
      attnc_wgmma_wait<0>();
      attnc_reg_fence(accf);
      release(stage);
      if (++stage == STAGES) {
        stage = 0;
        phase ^= 1u;
      }
    }
    attnc_wgmma_wait<0>();
    attnc_reg_fence(accf);

    // ---- epilogue: o = acc / l, lse = ln(sum exp L). l is 0 for a row with nothing visible (or only
    // -inf scores): o = 0, lse = -inf; NaN after a NaN or +inf score: o and lse NaN (docs/language.md § 9) ----
    float* const gO = p.o + ((int64_t)b * p.H + h) * p.Q_LEN * HD;  // o is float32: no rounding of the result
    // this thread's two columns of n8 tile nd of row q, and row q's lse
    auto o_at = [&](int q, int nd) { return reinterpret_cast<float2*>(gO + (int64_t)q * HD + nd * 8 + ((lane & 3) << 1)); };
    auto lse_at = [&](int q) -> float& { return p.lse[((int64_t)b * p.H + h) * p.Q_LEN + q]; };
  #pragma unroll
    for (int mt = 0; mt < MT; ++mt)
  #pragma unroll
      for (int hh = 0; hh < 2; ++hh) {
        float l = row_l[mt][hh];
        l += __shfl_xor_sync(0xffffffffu, l, 1);
        l += __shfl_xor_sync(0xffffffffu, l, 2);
        const int q = row0 + 16 * mt + 8 * hh;
        if (q >= p.Q_LEN) continue;
        float m = row_m[mt][hh];
        float o_scale = 1.f;  // the rescale of acc when the sink is the row's new max
        if constexpr (kHasSink && !kElementwise) {
          // the sink: one more logit of the row (log2 units), with no value row: it joins m and l, never
          // acc. As the new max it rescales l and acc by 2^(E(m) - E(s2)), the reference points' change
          // exactly as the online softmax takes it (attnc_ref_exp; 0 when nothing was summed, m = -inf).
          // Its P is 2^(s2 - E(m)): NaN for a NaN sink and for +inf (then m = +inf: inf - inf), which
          // makes the row NaN; -inf adds nothing
          const float s2 = sink_logit(p, b, h, q) * kLog2e;
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
          *o_at(q, nd) = make_float2(acc[mt][nd][2 * hh] * inv, acc[mt][nd][2 * hh + 1] * inv);
        }
        if (!kElementwise && p.lse != nullptr && (lane & 3) == 0) {
          // log2(sum) = m - kPShift + log2(l), with m - kPShift rounded as the row's P were taken against
          const float lse2 = attnc_huge_max(m) ? m + (__log2f(l) - kPShift) : (m - kPShift) + __log2f(l);
          lse_at(q) = l == 0.f ? -INFINITY : lse2 * 0.6931471805599453f;
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
          const int q = row0 + 16 * mt + 8 * hh;
          if (q < q_end || q >= p.Q_LEN) continue;
  #pragma unroll
          for (int nd = 0; nd < ND; ++nd) *o_at(q, nd) = make_float2(0.f, 0.f);
          if (!kElementwise && p.lse != nullptr && (lane & 3) == 0) lse_at(q) = -INFINITY;
        }
    }
  }
#endif  // ATTNC_SM90_DEVICE
}
