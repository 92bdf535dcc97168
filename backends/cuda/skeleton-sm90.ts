/**
 * The sm_90a kernel skeleton (Hopper): warpgroup MMA (`wgmma.mma_async`, m64nNk16, fp32
 * accumulation) with Q and K read by the tensor cores straight from 128-byte-swizzled shared
 * memory, P fed from registers, V read transposed from shared memory; K/V tiles arrive through the
 * same cp.async multi-stage pipeline as the sm_80 skeleton (key by key from their pages with a page
 * table: paged.ts). Each warpgroup owns 64 query rows.
 *
 * Contract: same holes and results as skeleton-sm80.ts (it shares the tile walk, the mask bits,
 * score + mask + online softmax and the epilogue through skeleton-parts.ts). Only the sm_90a
 * compilation contains its body (`ATTNC_SM90_DEVICE`); the host launches it only when the module
 * loaded on the current device was built for sm_90a (`attnc_sm90_probe`), else the sm_80 kernel.
 * The mask of a partial tile is evaluated while the tensor cores compute S.
 *
 * Shared-memory layout: a tile of ROWS rows x HD columns is stored as HD / 64 panels of ROWS x 64
 * elements (128 bytes per row); in each panel the 16-byte chunk c of row r sits at chunk
 * c ^ (r % 8) (the wgmma 128-byte swizzle), and panels start on 1024-byte boundaries.
 */
import { EPILOGUE, FOLD, MASK_BITS, pipeline, ROW_LENGTHS, ROW_STATE, SOFTMAX, TILE_WALK } from "./skeleton-parts.js";

/** wgmma wrappers for the accumulator widths N the kernels use (S: BN keys; O: HD columns). */
export function wgmmaWrappers(widths: number[]): string {
  const ns = [...new Set(widths)].sort((a, b) => a - b);
  const out: string[] = [
    `// ---- warpgroup MMA (sm_90a): D[64 x N] (+)= A[64 x 16] B[16 x N], fp32 accumulators ----`,
    `// (a width without a wrapper below is a tile-plan error, reported at compile time)`,
    `template <typename T, int N> struct attnc_wgmma {`,
    `  static_assert(N < 0, "no wgmma wrapper for this width: an ATTNC_SM90_D<dim>_BLOCK_KV must be one of ${ns.join(", ")}");`,
    `};`,
  ];
  const types: [string, string][] = [
    ["__nv_bfloat16", "bf16"],
    ["__half", "f16"],
  ];
  for (const n of ns) {
    const regs = n / 2;
    const d = Array.from({ length: regs }, (_, i) => `%${i}`).join(", ");
    const outs = Array.from({ length: regs }, (_, i) => `"+f"(d[${i}])`).join(", ");
    for (const [t, ptx] of types) {
      const instr = `wgmma.mma_async.sync.aligned.m64n${n}k16.f32.${ptx}.${ptx}`;
      out.push(`template <> struct attnc_wgmma<${t}, ${n}> {`);
      out.push(`  // A and B from shared memory, both K-major (S = Q K^T)`);
      out.push(`  static __device__ __forceinline__ void ss(float (&d)[${regs}], uint64_t a, uint64_t b, int accumulate) {`);
      out.push(`    asm volatile("{\\n.reg .pred p;\\nsetp.ne.b32 p, %${regs + 2}, 0;\\n"`);
      out.push(`                 "${instr} {${d}}, %${regs}, %${regs + 1}, p, 1, 1, 0, 0;\\n}\\n"`);
      out.push(`                 : ${outs}`);
      out.push(`                 : "l"(a), "l"(b), "r"(accumulate));`);
      out.push(`  }`);
      out.push(`  // A from registers (the m16n8k16 A-fragment layout per warp), B from shared memory MN-major (O += P V)`);
      out.push(`  static __device__ __forceinline__ void rs(float (&d)[${regs}], const unsigned (&a)[4], uint64_t b) {`);
      out.push(`    asm volatile("{\\n.reg .pred p;\\nsetp.ne.b32 p, %${regs + 5}, 0;\\n"`);
      out.push(`                 "${instr} {${d}}, {%${regs}, %${regs + 1}, %${regs + 2}, %${regs + 3}}, %${regs + 4}, p, 1, 1, 1;\\n}\\n"`);
      out.push(`                 : ${outs}`);
      out.push(`                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b), "r"(1));`);
      out.push(`  }`);
      out.push(`};`);
    }
  }
  return out.join("\n");
}

export const SM90_HELPERS = String.raw`#ifndef ATTNC_SM90_INLINE_CHEAP_MASK  // 1: a cheap mask is evaluated after S, not into bits while S is computed;
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
`;

/** The sm_90a skeletons' common pieces (this one and skeleton-sm90ws.ts), at this skeleton's indent:
 * tile constants and wgmma types, the shared-memory tiles, the work item of a CTA, and the two MMAs of a
 * key tile (they use sQ, wg, sKs / sVs, sc, pa, accf as both skeletons name them). */
export const SM90_TILE = String.raw`  constexpr int MT = 1;              // one m16 row tile per warp (wgmma's m64 = 4 warps x 16 rows)
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
  using WO = attnc_wgmma<T, HD>;`;
export const SM90_SMEM = String.raw`  extern __shared__ __align__(128) unsigned char smem_raw[];
  const unsigned sQ = (attnc_smem_addr(smem_raw) + 1023u) & ~1023u;  // swizzle atoms need 1024-byte alignment
  const unsigned sK = sQ + BM * HD * (unsigned)sizeof(T);
  const unsigned sV = sK + STAGES * BN * HD * (unsigned)sizeof(T);
  // byte offset of 16-byte chunk c of row r in a tile of ROWS rows (64-column panels, 128-byte swizzle)
  auto swz = [](int rows, int r, int c) -> unsigned { return (unsigned)((c >> 3) * rows * 128 + r * 128 + (((c & 7) ^ (r & 7)) << 4)); };`;
export const SM90_WORK_ITEM = String.raw`  const int tid = threadIdx.x, wg = tid >> 7, warp = (tid >> 5) & 3, lane = tid & 31;
  // the work item: query tile (heaviest, i.e. last, first), head, batch row. HEADS_INNER with a linear
  // grid: per batch row, the same query tile of every head, then the next (see Sm90Config.headsInner)
  // (as consts of blockIdx where the grid is not linear, so they need no registers)
  const bool linear = HEADS_INNER && gridDim.y == 1 && gridDim.z == 1;
  const int h = linear ? (int)(blockIdx.x % (unsigned)p.H) : (int)blockIdx.y;
  const int n_qt = (p.Q_LEN + BM - 1) / BM;
  const int b = linear ? (int)(blockIdx.x / (unsigned)p.H) / n_qt : (int)blockIdx.z;
  const int qlo = linear ? (n_qt - 1 - (int)(blockIdx.x / (unsigned)p.H) % n_qt) * BM : (gridDim.x - 1 - blockIdx.x) * BM;
${ROW_LENGTHS}
  const int kvh = h / (p.H / p.H_KV);`;
export const SM90_QK = String.raw`    // S = Q K^T (fp32), issued to the tensor cores; the mask bits are computed meanwhile
    float sc[MT][NT][4];
    float (&scf)[BN / 2] = reinterpret_cast<float (&)[BN / 2]>(sc);
    attnc_wgmma_fence();
#pragma unroll
    for (int kk = 0; kk < KD; ++kk) {
      const unsigned qa = sQ + (kk >> 2) * BM * 128 + wg * 64 * 128 + (kk & 3) * 32;
      const unsigned kb = sKs + (kk >> 2) * BN * 128 + (kk & 3) * 32;
      WS::ss(scf, attnc_wgmma_desc(qa, 16, 1024), attnc_wgmma_desc(kb, 16, 1024), kk > 0);
    }
    attnc_wgmma_commit();`;
export const SM90_PV = String.raw`    // O += P V: the S accumulator layout is the register A-operand layout of wgmma
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
    attnc_wgmma_commit();`;

export const SKELETON_SM90 = String.raw`// One CTA = NWG warpgroups x 64 query rows of one (b, h); K/V tiles of BN keys in STAGES buffers;
// MIN_CTAS CTAs per SM must fit the register allocation; OVERLAP: see kOverlapPV; HEADS_INNER: see the work item;
// PAGED: k and v are the pages of pg (paged.ts).
template <typename T, int HD, int NWG, int BN, int STAGES, int MIN_CTAS, bool OVERLAP, bool HEADS_INNER, bool PAGED>
__global__ void __launch_bounds__(NWG * 128, MIN_CTAS) forward_kernel_sm90(const Params p, const Pages pg) {
#if ATTNC_SM90_DEVICE
${SM90_TILE}
  constexpr int NTHREADS = NWG * 128;
  static_assert(65536 / (NWG * 128 * MIN_CTAS) >= 128, "sm_90a tile plan: WARPGROUPS x MIN_CTAS leaves fewer than 128 registers per thread");
  static_assert(BN % 16 == 0 && BN <= 128 && HD % 64 == 0 && HD <= 256 && (BN * CH) % NTHREADS == 0 && (BM * CH) % NTHREADS == 0, "tile plan");

${SM90_SMEM}

${SM90_WORK_ITEM}
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
${TILE_WALK}

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
${ROW_STATE}
${FOLD}
  float (&accf)[HD / 2] = reinterpret_cast<float (&)[HD / 2]>(acc);
  unsigned pa[BN / 16][4];  // P as wgmma A fragments: read by the tensor cores until the P V wait
  unsigned (&paf)[BN / 4] = reinterpret_cast<unsigned (&)[BN / 4]>(pa);

${pipeline("{ load_cols(t_load, step % kColSlots); kOverlapPV && step >= STAGES - 1 ? load_k(t_load, stage_load) : load_kv(t_load, stage_load); }")}

    attnc_cp_async_wait<STAGES - 1>();  // K and V of tile t (kOverlapPV: all but this step's K)
    attnc_fence_proxy_async();
    __syncthreads();
    const unsigned sKs = sK + stage * BN * HD * (unsigned)sizeof(T);
    const unsigned sVs = sV + stage * BN * HD * (unsigned)sizeof(T);

${SM90_QK}

${MASK_BITS}
    attnc_wgmma_wait<0>();  // S, and with kOverlapPV the previous tile's P V
    attnc_reg_fence(scf);
    if constexpr (kOverlapPV) {
      attnc_reg_fence(accf);
      attnc_reg_fence(paf);
      __syncthreads();  // every warpgroup is done with the previous tile's V stage: load the next V there
      if (t_load < t_end) load_v(t_load, stage_load ^ 1);
      attnc_cp_async_commit();
    }

${SOFTMAX}

${SM90_PV}
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

${EPILOGUE}
#endif  // ATTNC_SM90_DEVICE
}
`;
