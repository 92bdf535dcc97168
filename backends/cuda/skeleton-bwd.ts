/**
 * The sm_80+ backward skeleton: FlashAttention-2's backward (recompute P from the forward's lse,
 * mma.sync m16n8k16 with fp32 accumulation, ldmatrix, cp.async) in two atomic-free passes, so dq,
 * dk and dv are deterministic:
 *
 * - `bwd_delta_kernel`: Δ_i = Σ_c dO[i, c] · o[i, c] per query row (softmax only); with a sink that
 *   reads f32 tensors, also dloss/dS = -exp(S - lse_i) · Δ_i times dS/dread into their gradients
 *   (kDeltaRows consecutive rows per warp, summed per thread while the element stays the same);
 * - `bwd_dkdv_kernel`, key-major: one CTA per BN keys of one (b, KV head), looping over the query
 *   heads of its GQA group and the query tiles that may see the keys: S^T = K Q^T, dP^T = V dO^T,
 *   P = exp(L - lse) (or weight(L): sigmoid(L), L), dL = P (dP - Δ) (or weight_dl(P) dP: P (1 - P) dP,
 *   dP), dS = scale · dL · dL/ds;
 *   dV += P^T dO, dK += dS^T Q in registers, written once; the score's tensor gradients get
 *   dL · dL/dread per visible entry, summed per thread while the element stays the same, then per
 *   CTA in shared memory when the gradients fit (else in global memory), then added to global
 *   memory once per element and CTA (atomicAdd: the only non-deterministic sum);
 * - `bwd_dq_kernel`, query-major as the forward (the same tile walk): S = Q K^T, dP = dO V^T, dS as
 *   above, dQ += dS K.
 *
 * Both passes prefetch their next tile (cp.async into a second buffer) while computing the current one.
 * The second pass recomputes S and dP (7 MMAs per entry instead of FA2's 5) instead of adding dQ
 * with atomics. Contract: the text refers to the holes of holes.ts and backward.ts (`grad_score`,
 * `grad_sites`, `GradAcc`, `grad_acc`, `grad_flush`, `grad_smem_to_global`, `BwdArgs`, the flags
 * `kGradHasDs kGradHasSites`) and the forward's helpers
 * (`tileWalk`). A key tile / query tile pair is visited only if `any_visible` holds for it and it
 * meets the query tile's `kv_range`: exactly the entries the forward sees, every entry once per
 * pass. Entries that are masked, out of range, or have L = -inf contribute nothing; out-of-range
 * rows of Q/dO/K/V are zero-filled by cp.async, so no read leaves the tensors.
 */
import { tileWalk } from "./skeleton-parts.js";

/** Shared by both passes: row-major swizzled tiles and their cp.async loads. */
const TILE_IO = String.raw`  // row-major tiles with the 16-byte chunks of each row XOR-swizzled by (row % 8): conflict-free ldmatrix
  auto swz = [](int row, int chunk) { return row * HD + ((chunk ^ (row & 7)) << 3); };
  // copies ROWS rows starting at row0 of g (rows >= nrows are zero-filled) into swizzled s
  auto load_rows = [&](T* s, const T* g, int row0, int nrows, auto rows_tag) {
    constexpr int ROWS = decltype(rows_tag)::value;
#pragma unroll
    for (int it = 0; it < (ROWS * CH + NTHREADS - 1) / NTHREADS; ++it) {
      const int i = it * NTHREADS + tid, r = i / CH, c = i % CH;
      if (i >= ROWS * CH) break;
      const bool ok = row0 + r < nrows;
      const T* src = g + (int64_t)(ok ? row0 + r : 0) * HD + c * 8;
      attnc_cp_async16(attnc_smem_addr(s + swz(r, c)), src, ok ? 16 : 0);
    }
  };`;

/**
 * The value of one entry: `dse` (dS = scale · dL · dL/ds) and `pe` (P), with the tensor gradients
 * added when `sites` (the key-major pass). `x`: scale · q·k; `dpv`: dO_i · v_j; `lse`, `delta`: the row's.
 */
interface EntryIn {
  x: string;
  dpv: string;
  lse: string;
  delta: string;
}
const ENTRY = (sites: boolean, { x, dpv, lse, delta }: EntryIn) => String.raw`          float pe = 0.f, dse = 0.f;
          if (q < q_len && kv < kv_len) {  // the batch row's lengths (the padded ones without per-row lengths)
            const RowCtx rc = row_ctx(p, hc, b, h, q);
            const ColCtx cc = col_ctx(p, hc, b, h, kv);
            if (kMaskIsTrue || full || mask(p, hc, rc, cc, b, h, q, kv)) {
              float dlds;
              const float L = grad_score(p, hc, rc, cc, b, h, q, kv, ${x}, dlds);
              if (L != -INFINITY) {  // weight zero: adds nothing, as a masked key
                pe = kElementwise ? weight(L) : expf(L - ${lse});  // NaN in a NaN row (lse NaN)
                const float dL = kElementwise ? weight_dl(pe) * ${dpv} : pe * (${dpv} - ${delta});
                if constexpr (kGradHasDs) dse = p.scale * dL * dlds;
${sites ? `                if constexpr (kGradHasSites) grad_sites(p, hc, rc, cc, b, h, q, kv, ${x}, dL, ga);\n` : ""}              }
            }
          }`;

export const SKELETON_BWD = String.raw`// ================= backward (dq, dk, dv and the score's tensor gradients) =================

#ifndef ATTNC_BWD_ATOMIC_DQ    // 1: the key-major pass also adds dS K into dq with float atomics (FlashAttention-2's
#define ATTNC_BWD_ATOMIC_DQ 0  // form: no query-major pass, but dq is not bit-reproducible); 0: two atomic-free passes
#endif
constexpr bool kAtomicDq = ATTNC_BWD_ATOMIC_DQ && kGradHasDs;
// the most floats of tensor gradients the key-major pass sums in shared memory (beside its tiles and,
// with kAtomicDq, dS^T: within the 99 KiB every sm_8x can opt into); larger ones go to global memory
constexpr int kGradSmemFloats = kAtomicDq ? 6144 : 8192;

// Δ_i = Σ_c dO[i, c] · o[i, c] (float32): one warp per kDeltaRows consecutive query rows. With a sink
// that reads f32 tensors, lane 0 also adds dloss/dS = -exp(S - lse_i) · Δ_i (the sink has no value
// row) times dS/dread into their gradients (NaN in a NaN row; S = -inf and rows past q_len add nothing)
template <typename T, int HD>
__global__ void bwd_delta_kernel(const Params p, const T* dO, float* delta, const BwdArgs g) {
  const int64_t rows = (int64_t)p.B * p.H * p.Q_LEN;
  const int64_t first = ((int64_t)blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32) * kDeltaRows;
  const int lane = threadIdx.x & 31;
  SinkAcc sa = sink_acc(g);
  for (int r = 0; r < kDeltaRows; ++r) {
    const int64_t row = first + r;
    if (row >= rows) break;
    float acc = 0.f;
#pragma unroll
    for (int c = lane; c < HD; c += 32) acc += static_cast<float>(dO[row * HD + c]) * p.o[row * HD + c];
#pragma unroll
    for (int m = 16; m > 0; m >>= 1) acc += __shfl_xor_sync(0xffffffffu, acc, m);
    if (lane == 0) delta[row] = acc;
    if constexpr (kSinkHasSites) {
      if (lane == 0) {
        const int q = (int)(row % p.Q_LEN), h = (int)((row / p.Q_LEN) % p.H), b = (int)(row / ((int64_t)p.Q_LEN * p.H));
        // a row past the batch row's q_len (per-row lengths) is padding: no sink, whatever its dO and lse hold
        const float S = q < attnc_q_len(p, b) ? grad_sink_logit(p, b, h, q) : -INFINITY;
        if (S != -INFINITY) grad_sink_sites(p, b, h, q, -expf(S - p.lse[row]) * acc, sa);
      }
    }
  }
  if constexpr (kSinkHasSites) {
    if (lane == 0) sink_flush(sa);
  }
}

// Key-major pass: one CTA = BN keys of one (b, KV head); BN / 16 warps, each owning 16 keys (the rows
// of S^T); every query head of the group and every query tile of BM rows that may see the keys.
template <typename T, int HD, int BN, int BM>
__global__ void __launch_bounds__(BN / 16 * 32, 1) bwd_dkdv_kernel(const Params p, const BwdArgs g) {
  constexpr int NW = BN / 16, NTHREADS = NW * 32;
  constexpr int NT = BM / 8;   // n8 tiles of S^T (query columns) per warp
  constexpr int KD = HD / 16;  // k16 steps of K Q^T and V dO^T
  constexpr int ND = HD / 8;   // n8 tiles of dK, dV per warp
  constexpr int CH = HD / 8;   // 16-byte chunks per row
  static_assert(BN % 16 == 0 && BM % 16 == 0 && HD % 64 == 0, "tile plan");
  using DT = attnc_dtype<T>;

  extern __shared__ __align__(128) unsigned char smem_raw[];
  T* const sK = reinterpret_cast<T*>(smem_raw);
  T* const sV = sK + BN * HD;
  T* const sQ0 = sV + BN * HD;  // two buffers each of Q, dO, lse and Δ: the next query tile loads while this one computes
  T* const sO0 = sQ0 + 2 * BM * HD;  // dO
  float* const sLse0 = reinterpret_cast<float*>(sO0 + 2 * BM * HD);
  float* const sDelta0 = sLse0 + 2 * BM;
  T* const sdS = reinterpret_cast<T*>(sDelta0 + 2 * BM);  // kAtomicDq: the step's dS^T [BN, BM + 8] for dQ = dS K
  float* const sGrad = reinterpret_cast<float*>(sdS + (kAtomicDq ? BN * (BM + 8) : 0));  // this CTA's part of the small tensor gradients (g.sg_total floats)

  const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
  const int b = blockIdx.z, kvh = blockIdx.y;
  const int q_len = attnc_q_len(p, b), kv_len = attnc_kv_len(p, b);  // the batch row's (per-row lengths)
  const int kvlo = blockIdx.x * BN, kvhi = min(kvlo + BN, kv_len) - 1;
  const int group = p.H / p.H_KV;
${TILE_IO}

  const int64_t kv_off = ((int64_t)b * p.H_KV + kvh) * p.KV_LEN;
  // keys past the row's kv_len are zero-filled (NaN in a cache's padding never reaches an MMA)
  load_rows(sK, static_cast<const T*>(p.k) + kv_off * HD, kvlo, kv_len, std::integral_constant<int, BN>{});
  load_rows(sV, static_cast<const T*>(p.v) + kv_off * HD, kvlo, kv_len, std::integral_constant<int, BN>{});
  attnc_cp_async_commit();

  float dk[ND][4], dv[ND][4];
#pragma unroll
  for (int nd = 0; nd < ND; ++nd)
#pragma unroll
    for (int e = 0; e < 4; ++e) dk[nd][e] = dv[nd][e] = 0.f;
  const int key0 = kvlo + warp * 16 + (lane >> 2);  // this thread's keys: key0 + 8 * (e >> 1)
  const int n_qt = (q_len + BM - 1) / BM;  // the query tiles holding rows below q_len
  for (int i = tid; i < g.sg_total; i += NTHREADS) sGrad[i] = 0.f;  // (made visible by the loop's first barrier)
  GradAcc ga = grad_acc(g, sGrad);

  // the (query head, query tile) pairs at positions pos = hg * n_qt + qt, in order; a pair is visited
  // only where the forward's tile classes and key range say some entry may be visible
  const int n_pos = kvlo < kv_len ? group * n_qt : 0;  // keys all past kv_len: no pair (dk = dv = 0)
  auto visible = [&](int pos) {
    if constexpr (kMaskIsTrue) {
      return true;
    } else {
      const int h = kvh * group + pos / n_qt, qlo = (pos % n_qt) * BM, qhi = min(qlo + BM, q_len) - 1;
      if constexpr (kHasKvRange) {
        int lo, hi;
        kv_range(p, b, h, qlo, qhi, lo, hi);
        if (max(lo, kvlo) > min(hi, kvhi)) return false;
      }
      return any_visible(p, b, h, qlo, qhi, kvlo, kvhi);
    }
  };
  auto next_pos = [&](int pos) {
    while (pos < n_pos && !visible(pos)) ++pos;
    return pos;
  };
  // starts loading pair pos into buffer buf: Q, dO, lse and Δ by cp.async (one commit group; a plain
  // load would stall the loading warp, and with it the CTA at the next barrier, for a global round trip)
  auto load_pair = [&](int pos, int buf) {
    const int qlo = (pos % n_qt) * BM;
    const int64_t q_off = ((int64_t)b * p.H + kvh * group + pos / n_qt) * p.Q_LEN;
    load_rows(sQ0 + buf * BM * HD, static_cast<const T*>(p.q) + q_off * HD, qlo, q_len, std::integral_constant<int, BM>{});
    load_rows(sO0 + buf * BM * HD, static_cast<const T*>(g.dO) + q_off * HD, qlo, q_len, std::integral_constant<int, BM>{});
    for (int i = tid; i < BM; i += NTHREADS) {
      if (!kElementwise && qlo + i < q_len) {
        attnc_cp_async4(attnc_smem_addr(&sLse0[buf * BM + i]), &p.lse[q_off + qlo + i]);
        attnc_cp_async4(attnc_smem_addr(&sDelta0[buf * BM + i]), &g.delta[q_off + qlo + i]);
      } else {
        sLse0[buf * BM + i] = sDelta0[buf * BM + i] = 0.f;
      }
    }
  };
  int pos = next_pos(0), buf = 0;
  if (pos < n_pos) load_pair(pos, 0);
  attnc_cp_async_commit();
  while (pos < n_pos) {
    const int next = next_pos(pos + 1);
    if (next < n_pos) load_pair(next, buf ^ 1);  // the other buffer: every warp left it at the last barrier
    attnc_cp_async_commit();
    attnc_cp_async_wait<1>();  // everything but the group just committed: K, V and this pair's Q, dO
    __syncthreads();
    const int h = kvh * group + pos / n_qt;
    const int qlo = (pos % n_qt) * BM, qhi = min(qlo + BM, q_len) - 1;
    const HeadCtx hc = head_ctx(p, b, h);
    const bool full = kMaskIsTrue || all_visible(p, b, h, qlo, qhi, kvlo, kvhi);
    const T* const sQ = sQ0 + buf * BM * HD;
    const T* const sO = sO0 + buf * BM * HD;
    const float* const sLse = sLse0 + buf * BM;
    const float* const sDelta = sDelta0 + buf * BM;
    {

      // S^T = K Q^T and dP^T = V dO^T (fp32)
      float st[NT][4], dpt[NT][4];
#pragma unroll
      for (int nt = 0; nt < NT; ++nt)
#pragma unroll
        for (int e = 0; e < 4; ++e) st[nt][e] = dpt[nt][e] = 0.f;
#pragma unroll
      for (int kk = 0; kk < KD; ++kk) {
        unsigned ka[4], va[4];
        attnc_ldmatrix_x4(ka, attnc_smem_addr(sK + swz(warp * 16 + (lane & 15), kk * 2 + (lane >> 4))));
        attnc_ldmatrix_x4(va, attnc_smem_addr(sV + swz(warp * 16 + (lane & 15), kk * 2 + (lane >> 4))));
#pragma unroll
        for (int np = 0; np < NT / 2; ++np) {
          unsigned qb[4], ob[4];
          const int r = np * 16 + (lane & 7) + ((lane >> 4) << 3), c = kk * 2 + ((lane >> 3) & 1);
          attnc_ldmatrix_x4(qb, attnc_smem_addr(sQ + swz(r, c)));
          attnc_ldmatrix_x4(ob, attnc_smem_addr(sO + swz(r, c)));
          DT::mma(st[2 * np], ka, qb[0], qb[1]);
          DT::mma(st[2 * np + 1], ka, qb[2], qb[3]);
          DT::mma(dpt[2 * np], va, ob[0], ob[1]);
          DT::mma(dpt[2 * np + 1], va, ob[2], ob[3]);
        }
      }

      // per entry: st becomes P^T, dpt becomes dS^T (row half hh outermost: the key stays the same
      // through the inner loops, so a gradient element indexed by the key stays in its accumulator)
#pragma unroll
      for (int hh = 0; hh < 2; ++hh)
#pragma unroll
      for (int nt = 0; nt < NT; ++nt)
#pragma unroll
        for (int e1 = 0; e1 < 2; ++e1) {
          const int e = 2 * hh + e1;
          const int kv = key0 + 8 * hh;
          const int i = nt * 8 + ((lane & 3) << 1) + (e & 1), q = qlo + i;
${ENTRY(true, { x: "st[nt][e] * p.scale", dpv: "dpt[nt][e]", lse: "sLse[i]", delta: "sDelta[i]" })}
          st[nt][e] = pe;
          dpt[nt][e] = dse;
        }

      // dV += P^T dO, dK += dS^T Q: the S^T accumulator layout is the A-operand layout
#pragma unroll
      for (int kk = 0; kk < BM / 16; ++kk) {
        unsigned pa[4], sa[4];
        pa[0] = DT::pack(st[2 * kk][0], st[2 * kk][1]);
        pa[1] = DT::pack(st[2 * kk][2], st[2 * kk][3]);
        pa[2] = DT::pack(st[2 * kk + 1][0], st[2 * kk + 1][1]);
        pa[3] = DT::pack(st[2 * kk + 1][2], st[2 * kk + 1][3]);
        sa[0] = DT::pack(dpt[2 * kk][0], dpt[2 * kk][1]);
        sa[1] = DT::pack(dpt[2 * kk][2], dpt[2 * kk][3]);
        sa[2] = DT::pack(dpt[2 * kk + 1][0], dpt[2 * kk + 1][1]);
        sa[3] = DT::pack(dpt[2 * kk + 1][2], dpt[2 * kk + 1][3]);
#pragma unroll
        for (int np = 0; np < HD / 16; ++np) {
          const int r = kk * 16 + (lane & 7) + (((lane >> 3) & 1) << 3), c = np * 2 + (lane >> 4);
          unsigned ob[4];
          attnc_ldmatrix_x4_trans(ob, attnc_smem_addr(sO + swz(r, c)));
          DT::mma(dv[2 * np], pa, ob[0], ob[1]);
          DT::mma(dv[2 * np + 1], pa, ob[2], ob[3]);
          if constexpr (kGradHasDs) {
            unsigned qb[4];
            attnc_ldmatrix_x4_trans(qb, attnc_smem_addr(sQ + swz(r, c)));
            DT::mma(dk[2 * np], sa, qb[0], qb[1]);
            DT::mma(dk[2 * np + 1], sa, qb[2], qb[3]);
          }
        }
      }
      if constexpr (kAtomicDq) {
        // dQ += dS K for this query tile, added into dq (float32, zeroed by the host) with atomics: the
        // warps' dS^T rows go to shared memory (rows of BM + 8 elements: the padding spreads ldmatrix's
        // rows over the banks), then warp w computes the BM rows x HD / NW columns [w HD / NW,
        // (w + 1) HD / NW) over the BN keys, reading dS as the A operand by ldmatrix.trans
        constexpr int WC = HD / NW;  // dq columns per warp
        constexpr int DSW = BM + 8;  // a dS^T row in shared memory (elements)
#pragma unroll
        for (int nt = 0; nt < NT; ++nt)
#pragma unroll
          for (int hh = 0; hh < 2; ++hh) {
            const int kl = warp * 16 + (lane >> 2) + 8 * hh, ql = nt * 8 + ((lane & 3) << 1);
            *reinterpret_cast<unsigned*>(sdS + kl * DSW + ql) = DT::pack(dpt[nt][2 * hh], dpt[nt][2 * hh + 1]);
          }
        __syncthreads();
        float acc[BM / 16][WC / 8][4];
#pragma unroll
        for (int mt = 0; mt < BM / 16; ++mt)
#pragma unroll
          for (int nt = 0; nt < WC / 8; ++nt)
#pragma unroll
            for (int e = 0; e < 4; ++e) acc[mt][nt][e] = 0.f;
#pragma unroll
        for (int kk = 0; kk < BN / 16; ++kk)
#pragma unroll
          for (int mt = 0; mt < BM / 16; ++mt) {
            unsigned a[4];  // dS rows mt*16.., keys kk*16..: matrix j = lane / 8 at keys + 8 (j / 2), queries + 8 (j % 2)
            attnc_ldmatrix_x4_trans(a, attnc_smem_addr(sdS + (kk * 16 + ((lane >> 4) << 3) + (lane & 7)) * DSW + mt * 16 + (((lane >> 3) & 1) << 3)));
#pragma unroll
            for (int np = 0; np < WC / 16; ++np) {
              unsigned kb[4];
              attnc_ldmatrix_x4_trans(kb, attnc_smem_addr(sK + swz(kk * 16 + (lane & 7) + (((lane >> 3) & 1) << 3), warp * WC / 8 + np * 2 + (lane >> 4))));
              DT::mma(acc[mt][2 * np], a, kb[0], kb[1]);
              DT::mma(acc[mt][2 * np + 1], a, kb[2], kb[3]);
            }
          }
        const int64_t q_off = ((int64_t)b * p.H + h) * p.Q_LEN;
#pragma unroll
        for (int mt = 0; mt < BM / 16; ++mt)
#pragma unroll
          for (int e2 = 0; e2 < 2; ++e2) {
            const int q = qlo + mt * 16 + (lane >> 2) + 8 * e2;
            if (q >= q_len) continue;
#pragma unroll
            for (int nt = 0; nt < WC / 8; ++nt) {
              float* const at = g.dq + (q_off + q) * HD + warp * WC + nt * 8 + ((lane & 3) << 1);
              atomicAdd(at, acc[mt][nt][2 * e2]);
              atomicAdd(at + 1, acc[mt][nt][2 * e2 + 1]);
            }
          }
      }
    }
    __syncthreads();  // every warp is done with this buffer (and sdS) before the next iteration loads into it
    pos = next;
    buf ^= 1;
  }
  attnc_cp_async_wait<0>();  // (a CTA whose keys no query sees never waited for its K, V)
  if constexpr (kGradHasSites) {  // the tensor gradients: registers -> shared (or global) -> global
    grad_flush(ga);
    __syncthreads();
    grad_smem_to_global(g, sGrad, tid, NTHREADS);
  }

  // every key of the tile is written (0 where no query sees it): dk and dv need no clearing
#pragma unroll
  for (int hh = 0; hh < 2; ++hh) {
    const int kv = key0 + 8 * hh;
    if (kv >= p.KV_LEN) continue;
#pragma unroll
    for (int nd = 0; nd < ND; ++nd) {
      const int64_t at = (kv_off + kv) * HD + nd * 8 + ((lane & 3) << 1);
      *reinterpret_cast<float2*>(g.dk + at) = make_float2(dk[nd][2 * hh], dk[nd][2 * hh + 1]);
      *reinterpret_cast<float2*>(g.dv + at) = make_float2(dv[nd][2 * hh], dv[nd][2 * hh + 1]);
    }
  }
}

// Query-major pass (only when the score depends on s): one CTA = BM query rows of one (b, h), the
// forward's walk over visible key tiles; dQ += dS K.
template <typename T, int HD, int BM, int BN>
__global__ void __launch_bounds__(BM / 16 * 32, 1) bwd_dq_kernel(const Params p, const BwdArgs g) {
  constexpr int NW = BM / 16, NTHREADS = NW * 32;
  constexpr int NT = BN / 8;   // n8 tiles of S per warp
  constexpr int KD = HD / 16;  // k16 steps of Q K^T and dO V^T
  constexpr int ND = HD / 8;   // n8 tiles of dQ per warp
  constexpr int CH = HD / 8;
  static_assert(BM % 16 == 0 && BN % 16 == 0 && BN <= 128 && HD % 64 == 0, "tile plan");
  using DT = attnc_dtype<T>;

  extern __shared__ __align__(128) unsigned char smem_raw[];
  T* const sQ = reinterpret_cast<T*>(smem_raw);
  T* const sO = sQ + BM * HD;  // dO
  T* const sK0 = sO + BM * HD;  // two buffers each of K and V: the next key tile loads while this one computes
  T* const sV0 = sK0 + 2 * BN * HD;

  const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
  const int b = blockIdx.z, h = blockIdx.y;
  const int qlo = (gridDim.x - 1 - blockIdx.x) * BM;  // heaviest (last) query tiles first
  const int q_len = attnc_q_len(p, b), kv_len = attnc_kv_len(p, b);  // the batch row's (per-row lengths)
  // a tile past q_len (or a row without keys) visits no key tile and writes dq = 0; its qhi stays a
  // row of the padded tensors, so the classifier reads nothing outside them
  const bool no_rows = qlo >= q_len || kv_len == 0;
  const int qhi = no_rows ? qlo : min(qlo + BM, q_len) - 1;
  const int kvh = h / (p.H / p.H_KV);
  const int64_t q_off = ((int64_t)b * p.H + h) * p.Q_LEN;
  const int64_t kv_off = ((int64_t)b * p.H_KV + kvh) * p.KV_LEN;
  const T* const gK = static_cast<const T*>(p.k) + kv_off * HD;
  const T* const gV = static_cast<const T*>(p.v) + kv_off * HD;
${TILE_IO}
  constexpr bool kSkeletonChunkFull = false;
${tileWalk("NTHREADS", "tid", "__syncthreads()", "kv_len")}
  if (no_rows) t_end = t_begin;

  load_rows(sQ, static_cast<const T*>(p.q) + q_off * HD, qlo, q_len, std::integral_constant<int, BM>{});
  load_rows(sO, static_cast<const T*>(g.dO) + q_off * HD, qlo, q_len, std::integral_constant<int, BM>{});
  attnc_cp_async_commit();

  const HeadCtx hc = head_ctx(p, b, h);
  const int row0 = qlo + warp * 16 + (lane >> 2);  // this thread's rows: row0 + 8 * (e >> 1)
  float lse_r[2], delta_r[2];
#pragma unroll
  for (int hh = 0; hh < 2; ++hh) {
    const int q = row0 + 8 * hh;
    lse_r[hh] = kElementwise || q >= q_len ? 0.f : p.lse[q_off + q];
    delta_r[hh] = kElementwise || q >= q_len ? 0.f : g.delta[q_off + q];
  }
  float dq[ND][4];
#pragma unroll
  for (int nd = 0; nd < ND; ++nd)
#pragma unroll
    for (int e = 0; e < 4; ++e) dq[nd][e] = 0.f;

  auto load_kv = [&](int t, int buf) {
    load_rows(sK0 + buf * BN * HD, gK, t * BN, kv_len, std::integral_constant<int, BN>{});
    load_rows(sV0 + buf * BN * HD, gV, t * BN, kv_len, std::integral_constant<int, BN>{});
  };
  int t = next_tile(t_begin), buf = 0;
  if (t < t_end) load_kv(t, 0);
  attnc_cp_async_commit();
  while (t < t_end) {
    const int next = next_tile(t + 1);
    if (next < t_end) load_kv(next, buf ^ 1);  // the other buffer: every warp left it at the last barrier
    attnc_cp_async_commit();
    attnc_cp_async_wait<1>();  // everything but the group just committed: Q, dO and this tile's K, V
    __syncthreads();
    const int kvlo = t * BN;
    const bool full = tile_full(t);
    const T* const sK = sK0 + buf * BN * HD;
    const T* const sV = sV0 + buf * BN * HD;

    // S = Q K^T and dP = dO V^T (fp32)
    float sc[NT][4], dp[NT][4];
#pragma unroll
    for (int nt = 0; nt < NT; ++nt)
#pragma unroll
      for (int e = 0; e < 4; ++e) sc[nt][e] = dp[nt][e] = 0.f;
#pragma unroll
    for (int kk = 0; kk < KD; ++kk) {
      unsigned qa[4], oa[4];
      attnc_ldmatrix_x4(qa, attnc_smem_addr(sQ + swz(warp * 16 + (lane & 15), kk * 2 + (lane >> 4))));
      attnc_ldmatrix_x4(oa, attnc_smem_addr(sO + swz(warp * 16 + (lane & 15), kk * 2 + (lane >> 4))));
#pragma unroll
      for (int np = 0; np < NT / 2; ++np) {
        unsigned kb[4], vb[4];
        const int r = np * 16 + (lane & 7) + ((lane >> 4) << 3), c = kk * 2 + ((lane >> 3) & 1);
        attnc_ldmatrix_x4(kb, attnc_smem_addr(sK + swz(r, c)));
        attnc_ldmatrix_x4(vb, attnc_smem_addr(sV + swz(r, c)));
        DT::mma(sc[2 * np], qa, kb[0], kb[1]);
        DT::mma(sc[2 * np + 1], qa, kb[2], kb[3]);
        DT::mma(dp[2 * np], oa, vb[0], vb[1]);
        DT::mma(dp[2 * np + 1], oa, vb[2], vb[3]);
      }
    }

    // per entry: sc becomes dS
#pragma unroll
    for (int nt = 0; nt < NT; ++nt)
#pragma unroll
      for (int e = 0; e < 4; ++e) {
        const int q = row0 + 8 * (e >> 1);
        const int kv = kvlo + nt * 8 + ((lane & 3) << 1) + (e & 1);
${ENTRY(false, { x: "sc[nt][e] * p.scale", dpv: "dp[nt][e]", lse: "(e >> 1 ? lse_r[1] : lse_r[0])", delta: "(e >> 1 ? delta_r[1] : delta_r[0])" })}
        (void)pe;
        sc[nt][e] = dse;
      }

    // dQ += dS K: the S accumulator layout is the A-operand layout
#pragma unroll
    for (int kk = 0; kk < BN / 16; ++kk) {
      unsigned sa[4];
      sa[0] = DT::pack(sc[2 * kk][0], sc[2 * kk][1]);
      sa[1] = DT::pack(sc[2 * kk][2], sc[2 * kk][3]);
      sa[2] = DT::pack(sc[2 * kk + 1][0], sc[2 * kk + 1][1]);
      sa[3] = DT::pack(sc[2 * kk + 1][2], sc[2 * kk + 1][3]);
#pragma unroll
      for (int np = 0; np < HD / 16; ++np) {
        unsigned kb[4];
        attnc_ldmatrix_x4_trans(kb, attnc_smem_addr(sK + swz(kk * 16 + (lane & 7) + (((lane >> 3) & 1) << 3), np * 2 + (lane >> 4))));
        DT::mma(dq[2 * np], sa, kb[0], kb[1]);
        DT::mma(dq[2 * np + 1], sa, kb[2], kb[3]);
      }
    }
    __syncthreads();  // every warp is done with this buffer before the next iteration loads into it
    t = next;
    buf ^= 1;
  }
  attnc_cp_async_wait<0>();

#pragma unroll
  for (int hh = 0; hh < 2; ++hh) {
    const int q = row0 + 8 * hh;
    if (q >= p.Q_LEN) continue;
#pragma unroll
    for (int nd = 0; nd < ND; ++nd)
      *reinterpret_cast<float2*>(g.dq + (q_off + q) * HD + nd * 8 + ((lane & 3) << 1)) = make_float2(dq[nd][2 * hh], dq[nd][2 * hh + 1]);
  }
}
`;
