/**
 * Paged KV on the CUDA target (docs/language.md § 10, issue #13): the `Pages` struct that the kernels
 * reading pages take beside `Params`, the device helpers that find a key's row in its page, the
 * skeletons' paged tile load, and the entry point's check of the page ids.
 *
 * Contract: with `pg.table` null, k and v are dense `[B, H_KV, KV_LEN, D]` and nothing here runs.
 * Otherwise k is `[NUM_PAGES, H_KV, PAGE, D]`, v `[NUM_PAGES, H_KV, PAGE, D]`, the table int32
 * `[B, MAX_PAGES]` with `MAX_PAGES = KV_LEN / PAGE` (KV_LEN: the padded length, a multiple of PAGE),
 * and key kv of batch row b is row kv % PAGE of page `table[b, kv / PAGE]`. Every page id is
 * clamped into [0, NUM_PAGES) where it is read, so no table makes a kernel read outside k or v; the
 * entry point also checks, on the GPU, the ids each row reads (the pages below its kv_len) and
 * returns ATTNC_ERR_PAGE before launching anything else when one is out of range. `Params` itself
 * does not change: the kernels that read no pages (the dense ones, the warp-specialized one, the
 * backward) are compiled as before (a larger Params made ptxas spill in the warp-specialized kernel).
 */

/** The struct of a paged call (after Params and the per-row lengths' helpers; zero for a dense call). */
export const PAGES_STRUCT = String.raw`
// A paged KV cache (paged.ts): the forward kernels that load K and V by cp.async take it beside Params
struct Pages {
  const int* table;  // int32 [B, max_pages] page ids, or null (k, v dense)
  int size, max_pages, num;  // PAGE, MAX_PAGES = KV_LEN / PAGE, NUM_PAGES (k, v: [NUM_PAGES, H_KV, PAGE, D])
  unsigned magic;  // kv / PAGE = (umulhi(kv, magic) + kv) >> shift (attnc_page_div)
  int shift;
};`;

/**
 * The device helpers (after Pages): kv / PAGE without a division
 * (Granlund and Montgomery's multiply-high, with the constants the host computes in
 * `page_divisor`: exact for every kv < 2^31, and kv < KV_LEN <= 2^28), and the row of k and v that
 * holds a key.
 */
export const PAGE_HELPERS = String.raw`// Paged KV: key kv / PAGE (kv >= 0), by a multiply-high with the host's constants (page_divisor)
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
}`;

/**
 * The paged tile load of the cp.async skeletons (sm_80 and sm_90a; after PAGE_HELPERS), a function
 * template that only the PAGED instantiations call (the dense kernels do not see it: even an unused
 * lambda for it inside them changed their register allocation). The BN keys of tile `tile` are
 * copied key by key from their pages (a tile spans BN / PAGE pages when PAGE < BN, so every key finds
 * its own) into the K tile at `sk` when `k_on` and the V tile at `sv` when `v_on`, where `smem(s, r,
 * c)` is the skeleton's shared-memory address of 16-byte chunk c of key r in the tile at s. Each warp
 * copies BN / warps whole keys (the dense load's copies of a warp are as contiguous, 32 chunks at a
 * time): lane l reads the table for the warp's key l once a call (for K and V together when both are
 * on), and each copy takes its key's row from that lane. Keys past kv_len are zero-filled, as the
 * dense load does, so garbage past a row's length in its last page never reaches P V.
 */
export const PAGE_LOAD = String.raw`// Paged KV: the keys of a tile from their pages into the K tile at sk (k_on) and the V tile at sv (v_on),
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
}`;

/**
 * The entry point's check of a paged call's table (inside the file's namespace, after the
 * helpers): a kernel counts the ids rows read that are not pages of k, and the host waits for the
 * count. `ATTNC_CHECK_PAGES=0` at build time leaves the check (and its stream synchronization) out;
 * under CUDA graph capture it is skipped, since nothing can be waited for there. Either way the
 * kernels clamp every id they read into range.
 */
export const PAGE_CHECK = String.raw`#ifndef ATTNC_PAGED  // 1: the kernels that read a paged KV cache are built (about a third of the build time);
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
`;

/** The entry point's size checks of a paged call (after the common ones): PAGE and NUM_PAGES
 * positive, KV_LEN (the padded length) a multiple of PAGE. */
export const PAGE_SIZE_CHECKS = `  if (page_table != nullptr && (page_size <= 0 || num_pages <= 0 || KV_LEN % page_size != 0)) return ATTNC_ERR_SIZE;
  if (page_table != nullptr && (int64_t)num_pages * H_KV * page_size > 0x7fffffff) return ATTNC_ERR_SIZE;  // rows of k: int32
#if !ATTNC_PAGED
  if (page_table != nullptr) return ATTNC_ERR_PAGE;  // built without the paged kernels
#endif`;

/** The entry point's Pages of the call (after Params). */
export const SET_PAGES = `  Pages pg{};  // a paged KV cache, or none (table null)
  if (page_table != nullptr) {
    pg.table = page_table;
    pg.size = page_size;
    pg.max_pages = KV_LEN / page_size;
    pg.num = num_pages;
    page_divisor(page_size, &pg.magic, &pg.shift);
  }`;

/** The check of the page ids, once every argument is known good (the first GPU work of the call). */
export const RUN_PAGE_CHECK = `#if ATTNC_CHECK_PAGES
  if (page_table != nullptr) {
    const int page_rc = check_pages(p, pg, stream);
    if (page_rc != ATTNC_OK) return page_rc;
  }
#endif`;
