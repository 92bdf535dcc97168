/**
 * The sm_80+ kernel skeleton: a FlashAttention-2-class forward kernel (mma.sync m16n8k16 with
 * fp32 accumulation, ldmatrix, a cp.async multi-stage K/V pipeline, online softmax in fp32
 * registers with exp2 and log2(e) folded into the scale).
 *
 * Contract: the text refers only to the holes that holes.ts defines in the same namespace
 * (`Params`, `HeadCtx head_ctx`, `RowCtx row_ctx`, `mask`, `score`, `any_visible`,
 * `all_visible`, `kv_range` and the constexpr flags `kMaskIsTrue kMaskIsCheap kClassifierIsCheap
 * kScoreIsS kElementwise kUnitWeights kHasKvRange`, the elementwise normalizer's `weight`),
 * so a second skeleton (e.g. Hopper wgmma) can reuse the same holes. Tiles of BM query rows x BN
 * keys: a key tile is visited only if `any_visible` holds for it (and it meets `kv_range` when the
 * plan has one); a tile that is `all_visible` and entirely in range skips the mask; the others
 * evaluate the mask on every in-range element and treat out-of-range elements as hidden.
 * Out-of-range rows of Q/K/V are zero-filled by cp.async, so no read leaves the tensors. With a page
 * table (paged.ts: the PAGED instantiation) the K/V tiles are loaded key by key from their pages.
 */
import { EPILOGUE, FOLD, MASK_BITS, pipeline, ROW_LENGTHS, ROW_STATE, SOFTMAX, TILE_WALK } from "./skeleton-parts.js";

export const SKELETON_SM80 = String.raw`#ifndef ATTNC_LAZY_RESCALE  // rescale the O accumulator only when a row maximum of the warp moved
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
${ROW_LENGTHS}
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
${TILE_WALK}

  load_rows(sQ, gQ, qlo, p.Q_LEN, std::integral_constant<int, BM>{});  // joins the first cp.async group

  const HeadCtx hc = head_ctx(p, b, h);
  auto col_at = [&](int kv, int, int) { return col_ctx(p, hc, b, h, kv); };  // key-column reads, where used
  constexpr int kColSlots = 1;
  const int row0 = qlo + warp * 16 * MT + (lane >> 2);  // this thread's rows: row0 + 16 * mt + 8 * half
${ROW_STATE}
  constexpr bool kQRegs = !QS;
  unsigned qf[kQRegs ? MT : 1][kQRegs ? KD : 1][4];  // Q fragments, loaded once (kQRegs)
${FOLD}

${pipeline("load_kv(t_load, stage_load)")}
    const bool first = step == STAGES - 1;

${MASK_BITS}
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

${SOFTMAX}

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

${EPILOGUE}
}
`;
