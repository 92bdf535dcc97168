/**
 * The warp-specialized sm_90a kernel skeleton: one producer warp walks the visible key tiles and
 * fills a ring of STAGES shared-memory stages: K and V by TMA (one bulk tensor copy per 64-column
 * panel, from maps the host encodes per call; keys past KV_LEN zero-filled), the key-column reads
 * by cp.async from every lane. NWG consumer warpgroups (64 query rows each, all of one query tile)
 * compute S with wgmma, the mask, the online softmax and P V on every tile the producer hands them.
 * Stages are handed over through mbarriers (full: the TMA bytes and every lane's copies landed, and
 * the tile word is written; empty: every consumer thread is done reading), so the warpgroups never
 * wait for each other and the threads that compute issue no copies. More query rows share each K/V
 * tile than in the one-warpgroup plans, without a barrier per tile.
 *
 * Contract: same holes, tile classes and results as skeleton-sm90.ts (it shares the tile walk, the
 * mask bits, score + mask + online softmax and the epilogue through skeleton-parts.ts). A stage
 * carries its tile's number and, per warpgroup, whether any of its 64 rows sees the tile and whether
 * all do (`s_meta`: 256 * tile + bits, -1 after the last tile): a warpgroup skips a tile none of its
 * rows sees and skips the mask of one all its rows see, so the tile classes stay those of 64 rows
 * while the copies serve 64 * NWG.
 * With P V overlapped a stage is released one tile late (after the next tile's S).
 */
import { EPILOGUE, FOLD, indent, MASK_BITS, ROW_STATE, SOFTMAX, tileWalk } from "./skeleton-parts.js";
import { SM90_PV, SM90_QK, SM90_SMEM, SM90_TILE, SM90_WORK_ITEM } from "./skeleton-sm90.js";

export const SM90WS_HELPERS = String.raw`// ---- mbarriers (shared-memory barriers with phases) for the warp-specialized kernel ----
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
`;

export const SKELETON_SM90WS = String.raw`// One CTA = NWG consumer warpgroups x 64 query rows of one (b, h) + one producer warp; K/V tiles of
// BN keys in STAGES stages; one CTA per SM (MIN_CTAS is not used); OVERLAP must be false (P V is not
// overlapped here); HEADS_INNER: see forward_kernel_sm90.
template <typename T, int HD, int NWG, int BN, int STAGES, int MIN_CTAS, bool OVERLAP, bool HEADS_INNER>
__global__ void __launch_bounds__(NWG * 128 + 32, 1) forward_kernel_sm90ws(const Params p, const __grid_constant__ Sm90Maps maps) {
#if ATTNC_SM90_DEVICE
${SM90_TILE}
  static_assert(STAGES >= 2 && NWG <= 4, "warp-specialized sm_90a plan: at least 2 stages, at most 4 warpgroups (their tile bits)");
  // (with P V overlapped a warpgroup would hold a stage past the tiles it skips: the producer could wait on it forever)
  static_assert(!OVERLAP, "warp-specialized sm_90a plan (PRODUCER=1): P V is not overlapped with the next S here; set OVERLAP_PV=0");
  static_assert(BN % 16 == 0 && BN <= 128 && HD % 64 == 0 && HD <= 256 && 32 % CH == 0, "tile plan");

${SM90_SMEM}
  __shared__ __align__(8) unsigned long long bar_full[STAGES], bar_empty[STAGES];
  __shared__ int s_meta[STAGES];
  __shared__ unsigned s_col[sm90_cols<BN, STAGES, false>::kWords];  // one slot per stage

${SM90_WORK_ITEM}
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
${indent(tileWalk("32", "lane", "__syncwarp()"), 1)}
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
${indent(ROW_STATE, 1)}
${indent(FOLD, 1)}
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

${indent(SM90_QK, 1)}

${indent(MASK_BITS, 1)}
      attnc_wgmma_wait<0>();
      attnc_reg_fence(scf);

${indent(SOFTMAX, 1)}

${indent(SM90_PV, 1)}
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

${indent(EPILOGUE, 1)}
  }
#endif  // ATTNC_SM90_DEVICE
}
`;
