/**
 * Host side of the decode plan (skeleton-decode.ts): which calls take it, how many splits, the
 * partial buffers and the merge. Printed inside the file's namespace, before `dispatch`.
 *
 * Contract: `launch_decode<T, HD, ...>(p, pg, stream)` is called by dispatch for softmax programs
 * when Q_LEN <= ATTNC_DECODE_MAX_Q (16) and returns an ATTNC_* code. With one split the kernel writes
 * o and lse itself; with more it writes partials into a stream-ordered allocation (cudaMallocAsync:
 * allowed under graph capture) that merge_kernel (merge.ts) combines into o and lse, then frees.
 * The split count comes from the sizes and the device's SM count, never from the data, so a call's
 * result does not depend on timing; `ATTNC_DECODE_SPLITS=N` in the environment forces N (tests).
 */
import type { TileConfig } from "./config.js";

/** Per head dim: warps, keys per warp, stages (D <= 128: 3 stages of 64 keys, 2 CTAs per SM fit). */
export function decodePlan(headDim: number): { warps: number; keysPerWarp: number; stages: number } {
  return { warps: 4, keysPerWarp: 16, stages: headDim <= 128 ? 3 : 2 };
}

export const DECODE_HOST = String.raw`#ifndef ATTNC_DECODE  // 1: calls with Q_LEN <= ATTNC_DECODE_MAX_Q run the decode kernel (GQA-packed rows,
#define ATTNC_DECODE 1  // split-KV; skeleton-decode.ts); 0: the prefill kernels run every call
#endif
#ifndef ATTNC_DECODE_MAX_Q
#define ATTNC_DECODE_MAX_Q 16
#endif

// The number of splits of a decode call: enough CTAs for about two waves of the device's SMs, at least
// 4 key tiles per split, at most 128 splits; ATTNC_DECODE_SPLITS=N in the environment forces N (>= 1).
static int decode_splits(int64_t ctas, int n_tiles) {
  if (const char* env = getenv("ATTNC_DECODE_SPLITS")) {
    const int n = atoi(env);
    if (n >= 1) return n < 1024 ? n : 1024;
  }
  int dev = 0, sms = 0;
  if (cudaGetDevice(&dev) != cudaSuccess || cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev) != cudaSuccess) {
    (void)cudaGetLastError();
    sms = 1;
  }
  const int64_t want = (2 * (int64_t)sms + ctas - 1) / ctas;
  const int64_t most = n_tiles / 4 > 1 ? n_tiles / 4 : 1;
  const int64_t s = want < most ? want : most;
  return (int)(s < 1 ? 1 : s > 128 ? 128 : s);
}

template <typename T, int HD, int NW, int BNW, int STAGES>
static int launch_decode(const Params& p, const Pages& pg, cudaStream_t stream) {
  constexpr int BN = NW * BNW;
  constexpr size_t smem = (size_t)(16 + 2 * STAGES * BN) * HD * sizeof(T);
  static_assert(smem <= 227 * 1024, "decode plan needs more shared memory than a CTA can have");
  const void* kernel = reinterpret_cast<const void*>(decode_kernel<T, HD, NW, BNW, STAGES>);  // dense and paged
  if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess) return ATTNC_ERR_CUDA;
  const int64_t row_tiles = ((int64_t)(p.H / p.H_KV) * p.Q_LEN + 15) / 16;
  const int splits = decode_splits(row_tiles * p.H_KV * p.B, (p.KV_LEN + BN - 1) / BN);
  if (row_tiles * splits > 0x7fffffff) return ATTNC_ERR_SIZE;
  const dim3 grid((unsigned)(row_tiles * splits), p.H_KV, p.B);
  float* const none = nullptr;
  if (splits == 1) return launch_checked(kernel, grid, NW * 32, smem, stream, p, pg, none, none, splits);
  // partials [splits, rows, HD] and [splits, rows], then the merged lse when the caller passed none
  const int64_t rows = (int64_t)p.B * p.H * p.Q_LEN;
  float* ws = nullptr;
  if (cudaMallocAsync(reinterpret_cast<void**>(&ws), (size_t)(splits * (HD + 1) + 1) * rows * sizeof(float), stream) != cudaSuccess) {
    (void)cudaGetLastError();
    return ATTNC_ERR_CUDA;
  }
  float* const o_part = ws;
  float* const lse_part = ws + splits * rows * HD;
  float* const lse_out = p.lse != nullptr ? p.lse : lse_part + splits * rows;
  int rc = launch_checked(kernel, grid, NW * 32, smem, stream, p, pg, o_part, lse_part, splits);
  if (rc == ATTNC_OK)
    rc = launch_checked(reinterpret_cast<const void*>(merge_kernel), dim3((unsigned)((rows + 7) / 8)), 256, 0, stream,
                        (const float*)o_part, (const float*)lse_part, splits, rows, HD, p.o, lse_out);
  if (cudaFreeAsync(ws, stream) != cudaSuccess && rc == ATTNC_OK) rc = ATTNC_ERR_CUDA;
  return rc;
}
`;

/** dispatch's first cases: the decode kernel for the head dims generated. */
export function decodeCases(configs: TileConfig[]): string {
  const cases = configs
    .map((c) => {
      const d = decodePlan(c.headDim);
      return `      case ${c.headDim}: return launch_decode<T, ${c.headDim}, ${d.warps}, ${d.keysPerWarp}, ${d.stages}>(p, pg, stream);`;
    })
    .join("\n");
  return `
#if ATTNC_DECODE
  if (p.Q_LEN <= ATTNC_DECODE_MAX_Q) {  // decode: the cache read once per kv head group (skeleton-decode.ts)
    switch (p.D) {
${cases}
      default: break;
    }
  }
#endif`;
}
