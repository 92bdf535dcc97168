/**
 * Text fragments shared by the CUDA skeletons (sm_80 mma.sync and sm_90a wgmma): the walk over
 * visible key tiles, the per-row state, the K/V pipeline's step logic, the mask bits of a partial
 * tile, score + mask + online softmax on the S accumulators, and the epilogue.
 *
 * Contract: both skeletons hold S and O in the m16n8 accumulator layout (`sc[MT][NT][4]`,
 * `acc[MT][ND][4]`: element e of n8 tile nt is row `row0 + 16 * mt + 8 * (e >> 1)`, column
 * `nt * 8 + 2 * (lane & 3) + (e & 1)`), which is also wgmma's m64 layout per warp (MT = 1). A
 * fragment uses only names its skeleton defines before it: `p b h qlo qhi tid lane row0 MT NT ND HD BN
 * STAGES NTHREADS kPShift kPScale kLog2e kSkeletonChunkFull kInlineCheapMask kColSlots`, `col_at(kv, kvlo,
 * slot)` (the key-column reads of key kv, in the tile at kvlo, staged in slot step % kColSlots) and the
 * holes of holes.ts.
 */
/** How a fragment names the query row of its row slot (mt, hh) and that row's head: the prefill
 * skeletons hold rows of one head (`h`, `hc`), row `row0 + 16 * mt + 8 * hh`; the decode skeleton holds
 * GQA-packed rows of several heads in per-row arrays. `col`: the key-column reads of key kv for that
 * row; `sharedCols`: both rows of a thread read the same columns (one head), so they are read once. */
export interface RowNames {
  q: (mt: string, hh: string) => string;
  h: (mt: string, hh: string) => string;
  hc: (mt: string, hh: string) => string;
  col: (kv: string, mt: string, hh: string) => string;
  sharedCols: boolean;
}
/** Where a fragment writes row q's outputs: `decl` defines what `o` (this thread's two columns of n8
 * tile nd, a float2 lvalue) and `lse` (an lvalue) use; `lseOn` whether lse is written; `sinkOn`
 * whether the sink joins here (the decode kernel adds it in one split only). */
export interface OutNames {
  decl: string;
  o: (q: string, nd: string, mt: string, hh: string) => string;
  lse: (q: string, mt: string, hh: string) => string;
  lseOn: string;
  sinkOn: string;
}
export const ONE_HEAD_ROWS: RowNames = {
  q: (mt, hh) => `row0 + 16 * ${mt} + 8 * ${hh}`,
  h: () => "h",
  hc: () => "hc",
  col: (kv) => `col_at(${kv}, kvlo, col_slot)`,
  sharedCols: true,
};
export const ONE_HEAD_OUT: OutNames = {
  decl: `  float* const gO = p.o + ((int64_t)b * p.H + h) * p.Q_LEN * HD;  // o is float32: no rounding of the result
  // this thread's two columns of n8 tile nd of row q, and row q's lse
  auto o_at = [&](int q, int nd) { return reinterpret_cast<float2*>(gO + (int64_t)q * HD + nd * 8 + ((lane & 3) << 1)); };
  auto lse_at = [&](int q) -> float& { return p.lse[((int64_t)b * p.H + h) * p.Q_LEN + q]; };`,
  o: (q, nd) => `*o_at(${q}, ${nd})`,
  lse: (q) => `lse_at(${q})`,
  lseOn: "p.lse != nullptr",
  sinkOn: "",
};

/** The walk over visible key tiles, run by `threads` threads (`id`: this thread's index among them,
 * `sync`: their barrier); every thread of them calls next_tile alike. `kvLen`: the batch row's KV_LEN
 * as C++ (per-row lengths; the backward takes none: `p.KV_LEN`). */
export function tileWalk(threads = "NTHREADS", id = "tid", sync = "__syncthreads()", kvLen = "kv_len"): string {
  return String.raw`  // ---- the key tiles this query tile visits: [t_begin, t_end), filtered by any_visible ----
  const int n_tiles = (${kvLen} + BN - 1) / BN;
  int t_begin = 0, t_end = n_tiles;
  if constexpr (kHasKvRange) {
    int lo, hi;
    kv_range(p, b, h, qlo, qhi, lo, hi);
    lo = max(lo, 0);
    hi = min(hi, ${kvLen} - 1);
    t_begin = lo <= hi ? lo / BN : 0;
    t_end = lo <= hi ? hi / BN + 1 : 0;
  }
  auto visible = [&](int t) { return any_visible(p, b, h, qlo, qhi, t * BN, min(t * BN + BN, ${kvLen}) - 1); };
  auto tile_full = [&](int t) {  // visible everywhere and inside the keys: the mask is skipped
    const int kvlo = t * BN;
    return kvlo + BN <= ${kvLen} && (kMaskIsTrue || all_visible(p, b, h, qlo, qhi, kvlo, kvlo + BN - 1));
  };
  // A costly classifier (tensor reads, many ops) is evaluated for ${threads} tiles at once, one tile
  // per thread, into shared bitmasks (visible, full) of the chunk [cls_base, cls_base + ${threads}) that
  // the walk then reads: one round of loads per chunk instead of dependent rounds per tile. A cheap
  // one is evaluated where it is needed.
  constexpr bool kChunked = !kMaskIsTrue && !kClassifierIsCheap && ATTNC_CLASSIFY_CHUNK;
  constexpr bool kChunkFull = kChunked && kSkeletonChunkFull;  // the full bits too (the skeleton decides)
  __shared__ unsigned cls_vis[kChunked ? ${threads} / 32 : 1], cls_full[kChunkFull ? ${threads} / 32 : 1];
  int cls_base = -${threads};  // no chunk yet (every thread holds the same value)
  auto classify_chunk = [&](int base) {
    const int t = base + ${id};
    const unsigned vb = __ballot_sync(0xffffffffu, t < t_end && visible(t));
    const unsigned fb = kChunkFull ? __ballot_sync(0xffffffffu, t < t_end && tile_full(t)) & vb : 0u;
    ${sync};  // every thread is done with the previous chunk
    if (lane == 0) {
      cls_vis[${id} >> 5] = vb;
      cls_full[${id} >> 5] = fb;
    }
    ${sync};
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
          if (t >= cls_base + ${threads}) classify_chunk(t);
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
  auto next_full = [&](int t) -> bool { return (cls_fw >> ((t - cls_base) & 31)) & 1; };`;
}

export const TILE_WALK = tileWalk();

/** Per-row lengths at the top of a forward kernel, once b, h and qlo are known (host.ts ROW_HELPERS):
 * the row's kv_len, the early exit of a tile with nothing to compute, and the tile's last row qhi. */
export const ROW_LENGTHS = String.raw`  const int kv_len = attnc_kv_len(p, b);  // the batch row's KV_LEN (one register: cheaper than reading it again)
  // per-row lengths: a query tile past its batch row's q_len, or a row without keys, computes nothing
  if (qlo >= attnc_q_len(p, b) || (kv_len == 0 && !kHasSink)) {  // (a sink still joins rows without keys)
    attnc_empty_rows(p, b, h, qlo, BM, HD);
    return;
  }
  // rows past q_len are computed as the padding rows past Q_LEN are, and written as o = 0 (epilogue),
  // with the tile classes of the padded length unless the program reads Q_LEN (then the row's)
  const int qhi = min(qlo + BM, kHolesReadQLen ? attnc_q_len(p, b) : p.Q_LEN) - 1;`;

export function rowState(r: RowNames): string {
  return String.raw`  RowCtx rc[MT][2];
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) rc[mt][hh] = row_ctx(p, ${r.hc("mt", "hh")}, b, ${r.h("mt", "hh")}, ${r.q("mt", "hh")});

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
  }`;
}
export const ROW_STATE = rowState(ONE_HEAD_ROWS);

export const FOLD = String.raw`  // kFold: the score is s, so sc keeps raw dot products and scale * log2(e) is folded into exp2's FFMA
  constexpr bool kFold = (ATTNC_FOLD_SCALE == 1 || (ATTNC_FOLD_SCALE == 2 && !(MT >= 2 && HD >= 128))) && kScoreIsS && !kElementwise;
  const float sl2 = p.scale * kLog2e;
  const bool neg_scale = kFold && sl2 < 0.f;  // then the row maximum of the scores is the minimum of sc
  const float hidden = kElementwise ? 0.f : (neg_scale ? INFINITY : -INFINITY);`;

/** `load`: the statement that starts loading tile t_load into stage stage_load. */
export function pipeline(load: string): string {
  return String.raw`  // The pipeline: every step loads the next visible key tile; from step STAGES - 1 on, each also
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
    if (t_load < t_end) ${load};
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
    const int col_slot = (step - (STAGES - 1)) % kColSlots;  // where this tile's key-column reads were staged`;
}

export function maskBits(r: RowNames): string {
  const keyBits = r.sharedCols
    ? `          const ColCtx cc = ${r.col("key_of(j)", "mt", "0")};
          mask_bit(0, j, cc);
          mask_bit(1, j, cc);`
    : `          mask_bit(0, j, ${r.col("key_of(j)", "mt", "0")});
          mask_bit(1, j, ${r.col("key_of(j)", "mt", "1")});`;
  return String.raw`    // the mask of a partial tile. A cheap mask is evaluated where it is used, after S; a costly
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
          const int q = ${r.q("mt", "hh")};
          const int kv = key_of(j);
          const bool v = q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, ${r.hc("mt", "hh")}, rc[mt][hh], cc, b, ${r.h("mt", "hh")}, q, kv));
          bits |= (unsigned long long)v << ((j >> 1) * 4 + 2 * hh + (j & 1));
        };
        auto key_bits = [&](int j) {
${keyBits}
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
    }`;
}
export const MASK_BITS = maskBits(ONE_HEAD_ROWS);

export function softmax(r: RowNames): string {
  const [hc, h, col] = [r.hc("mt", "e >> 1"), r.h("mt", "e >> 1"), r.col("kv", "mt", "e >> 1")];
  return String.raw`    // score and mask: sc becomes log2-unit logits (softmax) or weights (elementwise: sigmoid, none)
#pragma unroll
    for (int mt = 0; mt < MT; ++mt)
#pragma unroll
      for (int nt = 0; nt < NT; ++nt)
#pragma unroll
        for (int e = 0; e < 4; ++e) {
          const int q = ${r.q("mt", "(e >> 1)")};
          const int kv = kvlo + nt * 8 + ((lane & 3) << 1) + (e & 1);
          float x = sc[mt][nt][e];
          if constexpr (!kFold) {
            if constexpr (kScoreIsS && !kElementwise) {
              x *= sl2;  // scale * log2(e) in one multiply
            } else {
              x *= p.scale;
              if constexpr (!kScoreIsS) x = score(p, ${hc}, rc[mt][e >> 1], ${col}, b, ${h}, q, kv, x);
              if constexpr (kElementwise) x = weight(x) * kPScale;
              else x *= kLog2e;
            }
          }
          if constexpr (kMaskBits) {
            if (!full && !((vis[mt] >> (4 * nt + e)) & 1)) x = hidden;
          } else if (!full && !(q < p.Q_LEN && kv < kv_len && (kMaskIsTrue || mask(p, ${hc}, rc[mt][e >> 1], ${col}, b, ${h}, q, kv)))) {
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
    }`;
}
export const SOFTMAX = softmax(ONE_HEAD_ROWS);

export function epilogue(r: RowNames, out: OutNames): string {
  return String.raw`  // ---- epilogue: o = acc / l, lse = ln(sum exp L). l is 0 for a row with nothing visible (or only
  // -inf scores): o = 0, lse = -inf; NaN after a NaN or +inf score: o and lse NaN (docs/language.md § 9) ----
${out.decl}
#pragma unroll
  for (int mt = 0; mt < MT; ++mt)
#pragma unroll
    for (int hh = 0; hh < 2; ++hh) {
      float l = row_l[mt][hh];
      l += __shfl_xor_sync(0xffffffffu, l, 1);
      l += __shfl_xor_sync(0xffffffffu, l, 2);
      const int q = ${r.q("mt", "hh")};
      if (q >= p.Q_LEN) continue;
      float m = row_m[mt][hh];
      float o_scale = 1.f;  // the rescale of acc when the sink is the row's new max
      if constexpr (kHasSink && !kElementwise) {
        // the sink: one more logit of the row (log2 units), with no value row: it joins m and l, never
        // acc. As the new max it rescales l and acc by 2^(E(m) - E(s2)), the reference points' change
        // exactly as the online softmax takes it (attnc_ref_exp; 0 when nothing was summed, m = -inf).
        // Its P is 2^(s2 - E(m)): NaN for a NaN sink and for +inf (then m = +inf: inf - inf), which
        // makes the row NaN; -inf adds nothing
        const float s2 = ${out.sinkOn ? `!(${out.sinkOn}) ? -INFINITY : ` : ""}sink_logit(p, b, ${r.h("mt", "hh")}, q) * kLog2e;
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
        ${out.o("q", "nd", "mt", "hh")} = make_float2(acc[mt][nd][2 * hh] * inv, acc[mt][nd][2 * hh + 1] * inv);
      }
      if (!kElementwise && ${out.lseOn} && (lane & 3) == 0) {
        // log2(sum) = m - kPShift + log2(l), with m - kPShift rounded as the row's P were taken against
        const float lse2 = attnc_huge_max(m) ? m + (__log2f(l) - kPShift) : (m - kPShift) + __log2f(l);
        ${out.lse("q", "mt", "hh")} = l == 0.f ? -INFINITY : lse2 * 0.6931471805599453f;
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
        const int q = ${r.q("mt", "hh")};
        if (q < q_end || q >= p.Q_LEN) continue;
#pragma unroll
        for (int nd = 0; nd < ND; ++nd) ${out.o("q", "nd", "mt", "hh")} = make_float2(0.f, 0.f);
        if (!kElementwise && ${out.lseOn} && (lane & 3) == 0) ${out.lse("q", "mt", "hh")} = -INFINITY;
      }
  }`;
}
export const EPILOGUE = epilogue(ONE_HEAD_ROWS, ONE_HEAD_OUT);


/** A fragment indented by `levels` x 2 more spaces (every non-empty line), to nest it one block deeper. */
export function indent(text: string, levels: number): string {
  const pad = "  ".repeat(levels);
  return text
    .split("\n")
    .map((l) => (l.length > 0 ? pad + l : l))
    .join("\n");
}
