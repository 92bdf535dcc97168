/**
 * The lse merge on the GPU (issue #13; docs/language.md § 9, "Merging"): `attnc_NAME_merge` combines
 * N partial results (o_i, lse_i) of the same query rows over disjoint key sets into the softmax over
 * their union, per row:
 *
 *     lse = log Σ_i exp(lse_i)          o = Σ_i exp(lse_i - lse) · o_i
 *
 * with the special values of backends/ts/merge.ts: a partial with lse_i = -inf saw nothing of the
 * row and adds nothing (whatever its o holds), a row no partial saw is o = 0, lse = -inf, and a NaN
 * (or +inf) lse_i makes the row NaN. It is what split-KV, a shared prefix computed once (cascade
 * attention) and context parallelism need. Emitted for softmax programs only (sigmoid and none have no lse);
 * the kernel does not depend on the program (its name only keeps files apart).
 *
 * Contract: one warp per row, in float32 (the reference sums in float64: the merged o is within
 * a few float32 roundings of it, relative to its mass); partials are [N, rows, DV] and [N, rows]
 * float32, contiguous. The entry point checks its arguments before launching.
 */

/** The kernel, inside the file's namespace. */
export const MERGE_KERNEL = String.raw`// ---- the lse merge of N partial results (attnc_NAME_merge): one warp per row ----
__global__ void __launch_bounds__(256) merge_kernel(const float* __restrict__ o_parts, const float* __restrict__ lse_parts,
                                                    int n_parts, int64_t rows, int dv, float* __restrict__ o, float* __restrict__ lse) {
  const int64_t row = (int64_t)blockIdx.x * 8 + (threadIdx.x >> 5);
  const int lane = threadIdx.x & 31;
  if (row >= rows) return;
  // the largest lse; NaN when a partial's is NaN or +inf (that partial's row had a NaN or +inf score)
  float m = -INFINITY;
  for (int i = 0; i < n_parts; ++i) {
    const float x = lse_parts[(int64_t)i * rows + row];
    m = (x != x || x == INFINITY || m != m) ? NAN : fmaxf(m, x);
  }
  float* const out = o + row * dv;
  if (m != m || m == -INFINITY) {  // a NaN row, or a row no partial saw
    for (int c = lane; c < dv; c += 32) out[c] = m != m ? NAN : 0.f;
    if (lane == 0) lse[row] = m;
    return;
  }
  float total = 0.f;
  for (int i = 0; i < n_parts; ++i) {
    const float x = lse_parts[(int64_t)i * rows + row];
    if (x != -INFINITY) total += expf(x - m);
  }
  const float inv = 1.f / total;  // total >= 1: the largest partial's weight is exp(0)
  for (int c = lane; c < dv; c += 32) {
    float acc = 0.f;
    for (int i = 0; i < n_parts; ++i) {
      const float x = lse_parts[(int64_t)i * rows + row];
      if (x != -INFINITY) acc += expf(x - m) * o_parts[((int64_t)i * rows + row) * dv + c];  // a partial that saw nothing adds nothing
    }
    out[c] = acc * inv;
  }
  if (lane == 0) lse[row] = m + logf(total);
}`;

/** The C prototype of the merge entry point. */
export function mergePrototype(name: string): string {
  return `int attnc_${name}_merge(const float* o_parts, const float* lse_parts, int n_parts, int64_t rows, int dv,\n    float* o, float* lse, cudaStream_t stream)`;
}

/** The header's documentation and prototype of the merge entry point. */
export function mergeHeaderDoc(name: string): string[] {
  return [
    `/* The lse merge (docs/language.md § 9, "Merging"): n_parts partial results of the same rows over`,
    ` * disjoint key sets, o_parts [n_parts, rows, dv] and lse_parts [n_parts, rows] (float32, device), into`,
    ` * o [rows, dv] and lse [rows], the softmax over their union: a partial with lse = -inf adds nothing, a`,
    ` * NaN lse makes the row NaN. rows = B * H * Q_LEN for this program's outputs. Asynchronous on stream. */`,
    `${mergePrototype(name)};`,
  ];
}

/** The entry point (after the namespace), with its argument checks. */
export function renderMergeEntry(name: string): string {
  return `extern "C" ${mergePrototype(name)} {
  using namespace attnc_${name};
  if (!o_parts || !lse_parts || !o || !lse) return ATTNC_ERR_NULL_POINTER;
  if (n_parts < 1 || rows < 0 || dv < 1 || rows > (int64_t)8 * 0x7fffffff) return ATTNC_ERR_SIZE;
  if ((reinterpret_cast<uintptr_t>(o_parts) | reinterpret_cast<uintptr_t>(lse_parts) | reinterpret_cast<uintptr_t>(o) |
       reinterpret_cast<uintptr_t>(lse)) % 4 != 0) return ATTNC_ERR_ALIGNMENT;
  if (rows == 0) return ATTNC_OK;
  return launch_checked(reinterpret_cast<const void*>(merge_kernel), dim3((unsigned)((rows + 7) / 8)), 256, 0, stream,
                        o_parts, lse_parts, n_parts, rows, dv, o, lse);
}`;
}
