/**
 * The decode skeleton (issue #13): the forward kernel for calls with few query rows (Q_LEN <= 16,
 * an LLM's decode and speculative-decode steps), which read the whole KV cache for a handful of rows.
 * Two things make it fast where the prefill kernels are not (they give each query head its own CTA of
 * 64-128 rows, almost all padding, and walk a long cache in one CTA):
 *
 * - GQA packing (as FlashAttention's and FlashInfer's decode): one CTA serves one (b, kv head) and the
 *   G = H / H_KV query heads that read it, so each K/V tile is read once for the group. Packed row
 *   pr in [0, G * Q_LEN) is query head h = kvh * G + pr / Q_LEN, row q = pr % Q_LEN; a CTA holds 16
 *   packed rows (one m16 tile), and more row tiles run as more CTAs.
 * - split-KV (FlashDecoding): the visible key tiles of a CTA's rows are divided into `splits`
 *   contiguous parts, one CTA each, which write partial (o, lse) that merge_kernel combines
 *   (merge.ts). The host picks the split count from the sizes and the SM count.
 *
 * Inside a CTA the NW warps hold the same 16 rows and divide each tile's BN keys (BNW = 16 each): a
 * warp computes S and P V for its keys with its own running max, sum and O, and the warps' states are
 * combined through shared memory after the walk (the same rescale as the online softmax's). K/V tiles
 * are loaded by all warps through a STAGES-deep cp.async pipeline (the kernel is bound by reading the
 * cache, so it keeps several tiles in flight); Q fragments are re-read from shared memory at each
 * tile (16 rows: cheap; the registers hold O).
 *
 * Contract (as the prefill skeletons', skeleton-parts.ts; what differs):
 * - rows: the fragments run with per-row names (`RowNames`): rq/rh/rhc hold each row slot's query
 *   row, head and HeadCtx; a slot past G * Q_LEN has rq = Q_LEN (never visible, never written).
 * - soundness: key ranges and tile classes are printed over one head and a query interval; a CTA
 *   holds up to 16 heads, each with its own rows [qlo, qhi] (clipped as ROW_LENGTHS clips them). Both
 *   are evaluated per head and combined: the key range is the hull of the heads' ranges; a tile is
 *   walked if any head sees an entry of it, and is full (mask skipped) only if full for every head.
 * - per-row lengths and paged K/V as in the sm_80 kernel (zero-filled loads past kv_len, the same
 *   attnc_load_pages, here behind a run-time branch on pg.table, not a second instantiation); a sink joins the rows in split 0 only (merge.ts then counts it once).
 * - key-column reads are read per row (`col_ctx` with the row's head), not staged.
 * - sigmoid and none programs never take it (no lse to merge): emitted for softmax programs only.
 */
import { epilogue, FOLD, maskBits, pipeline, rowState, softmax, type OutNames, type RowNames } from "./skeleton-parts.js";

const ROWS: RowNames = {
  q: (mt, hh) => `rq[${mt}][${hh}]`,
  h: (mt, hh) => `rh[${mt}][${hh}]`,
  hc: (mt, hh) => `rhc[${mt}][${hh}]`,
  col: (kv, mt, hh) => `col_ctx(p, rhc[${mt}][${hh}], b, rh[${mt}][${hh}], ${kv})`,
  sharedCols: false,
};

const OUT: OutNames = {
  decl: `  // a split's partial results (o_part, lse_part: [splits, B, H, Q_LEN, (HD)]), or o and lse themselves
  // when there is one split; o is float32 either way
  float* const o_base = splits == 1 ? p.o : o_part + (int64_t)split * p.B * p.H * p.Q_LEN * HD;
  float* const lse_base = splits == 1 ? p.lse : lse_part + (int64_t)split * p.B * p.H * p.Q_LEN;
  auto o_at = [&](int h, int q, int nd) {
    return reinterpret_cast<float2*>(o_base + (((int64_t)b * p.H + h) * p.Q_LEN + q) * HD + nd * 8 + ((lane & 3) << 1));
  };
  auto lse_at = [&](int h, int q) -> float& { return lse_base[((int64_t)b * p.H + h) * p.Q_LEN + q]; };`,
  o: (q, nd, mt, hh) => `*o_at(rh[${mt}][${hh}], ${q}, ${nd})`,
  lse: (q, mt, hh) => `lse_at(rh[${mt}][${hh}], ${q})`,
  lseOn: "lse_base != nullptr",
  sinkOn: "split == 0",
};

export const SKELETON_DECODE = String.raw`// ---- the decode kernel (skeleton-decode.ts): Q_LEN <= 16, GQA-packed rows, split-KV ----
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
${rowState(ROWS)}
${FOLD}

${pipeline("load_kv(t_load, stage_load)")}
    (void)col_slot;
    (void)kvlo;  // the tile's first key: each warp takes its own BNW keys of the tile below
    attnc_cp_async_wait<STAGES - 1>();
    __syncthreads();
    {
      const int kvlo = t * BN + warp * BNW;  // this warp's keys of the tile: [kvlo, kvlo + BNW)
      const T* const sKs = sK + stage * BN * HD + warp * BNW * HD;
      const T* const sVs = sV + stage * BN * HD + warp * BNW * HD;
${maskBits(ROWS)}

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

${softmax(ROWS)}

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

${epilogue(ROWS, OUT)}
}
`;
