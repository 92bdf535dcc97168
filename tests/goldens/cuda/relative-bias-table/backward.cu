// ---- the backward's per-entry values (compiler/grad): L, dL/ds, and the tensor reads' slopes ----
constexpr bool kGradHasDs = true;  // false: the score does not depend on s (dq = dk = 0)
constexpr bool kGradHasSites = true;
struct BwdArgs {
  const void* dO;
  const float* delta;  // [B, H, Q_LEN]: dO_i . o_i (softmax)
  float* dq;
  float* dk;
  float* dv;
  float* d_table;  // the gradient of table
  int64_t n_table;  // its elements
  int sg_table;  // its offset in the CTA's shared copy (floats), or -1: summed in global memory
  int sg_total;  // floats of the shared copy (0: none)
};
// the row-major offset of an element of table (indices clamped, as its reads are)
__device__ __forceinline__ int64_t attnc_grad_off_table(const Params& p, int i0, int i1) {
  return ((int64_t)min(max(i0, 0), p.H - 1)) * 129 + min(max(i1, 0), 129 - 1);
}
// sums one thread's consecutive additions to the same element of a tensor gradient in a register
// and adds the sum into dst (the CTA's shared copy, or global memory) when the element changes
// (a 32-bit element index saves the registers the backward needs; elements past 2^31 - 1 go straight
// to dst)
struct GradAccum {
  float* dst;
  int at = -1;
  float sum = 0.0f;
  __device__ __forceinline__ void flush() {
    if (at >= 0) atomicAdd(dst + at, sum);
    at = -1;
  }
  __device__ __forceinline__ void add(int64_t i, float x) {
    if (i > 2147483647) {
      atomicAdd(dst + i, x);
      return;
    }
    if ((int)i != at) {
      flush();
      at = (int)i;
      sum = 0.0f;
    }
    sum += x;
  }
};
// the tensor gradients' accumulators of one thread, one per site
struct GradAcc {
  GradAccum a0;  // table
};
__device__ __forceinline__ GradAcc grad_acc(const BwdArgs& g, float* sg) {
  GradAcc a;
  a.a0.dst = g.sg_table >= 0 ? sg + g.sg_table : g.d_table;
  return a;
}
__device__ __forceinline__ void grad_flush(GradAcc& a) { a.a0.flush(); }
// adds the CTA's shared copies into the gradients in global memory, once per element
__device__ __forceinline__ void grad_smem_to_global(const BwdArgs& g, const float* sg, int tid, int nthreads) {
  if (g.sg_table >= 0)
    for (int64_t i = tid; i < g.n_table; i += nthreads)
      if (sg[g.sg_table + i] != 0.0f) atomicAdd(g.d_table + i, sg[g.sg_table + i]);  // (NaN != 0)
}
// the score L of a visible entry and dL/ds into ds
__device__ __forceinline__ float grad_score(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s, float& ds) {
  ds = 1.0f;
  return (s + attnc_load_table(p, h, attnc_iadd(min(max(attnc_isub(kv, q), (-64)), 64), 64)));
}
// adds dL * dL/dread into the gradient of each float tensor element the score read
__device__ __forceinline__ void grad_sites(const Params& p, const HeadCtx& hc, const RowCtx& rc, const ColCtx& cc, int b, int h, int q, int kv, float s, float dL, GradAcc& ga) {
  {
    const float slope0 = 1.0f;
    if (slope0 != 0.0f) {
      ga.a0.add(attnc_grad_off_table(p, h, attnc_iadd(min(max(attnc_isub(kv, q), (-64)), 64), 64)), dL * slope0);
    }
  }
}

// ...
namespace attnc_relative_bias_table {

// BN x BM: keys per CTA x query rows per step of the key-major pass; QM x QN: query rows per CTA x
// keys per tile of the query-major pass
template <typename T, int HD, int BN, int BM, int QM, int QN>
static int bwd_launch(const Params& p, const BwdArgs& g, cudaStream_t stream) {
  if (!kElementwise) {
    const int64_t rows = (int64_t)p.B * p.H * p.Q_LEN;
    const int64_t per_block = 8 * kDeltaRows;  // 8 warps, kDeltaRows rows each
    const int rc = launch_checked(reinterpret_cast<const void*>(bwd_delta_kernel<T, HD>), dim3((unsigned)((rows + per_block - 1) / per_block)), 256, 0, stream, p, static_cast<const T*>(g.dO), const_cast<float*>(g.delta), g);
    if (rc != ATTNC_OK) return rc;
  }
  {
    // K, V; Q, dO, lse, Δ twice; the tensor gradients' shared copy. The attribute is the largest this
    // kernel can ask for (a call-dependent value would race with another thread's launch)
    constexpr size_t kTiles = (size_t)(2 * BN + 4 * BM) * HD * sizeof(T) + 4 * BM * sizeof(float) + (kAtomicDq ? (size_t)BN * (BM + 8) * sizeof(T) : 0);
    constexpr size_t kMaxSmem = kTiles + (kGradHasSites ? kGradSmemFloats * sizeof(float) : 0);
    static_assert(kMaxSmem <= 99 * 1024, "the key-major pass must fit the smallest sm_8x opt-in shared memory (99 KiB)");
    const size_t smem = kTiles + (size_t)g.sg_total * sizeof(float);
    auto kernel = bwd_dkdv_kernel<T, HD, BN, BM>;
    if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)kMaxSmem) != cudaSuccess) return ATTNC_ERR_CUDA;
    // dq = 0 where no query-major pass writes it: the score has no s, or the key-major pass adds dq
    // with atomics (kAtomicDq), from zero
    if ((kAtomicDq || !kGradHasDs) && cudaMemsetAsync(g.dq, 0, (size_t)p.B * p.H * p.Q_LEN * HD * sizeof(float), stream) != cudaSuccess) return ATTNC_ERR_CUDA;
    const int rc = launch_checked(reinterpret_cast<const void*>(kernel), dim3((p.KV_LEN + BN - 1) / BN, p.H_KV, p.B), BN / 16 * 32, smem, stream, p, g);
    if (rc != ATTNC_OK) return rc;
  }
  if constexpr (kAtomicDq || !kGradHasDs) {  // dq is done
    return ATTNC_OK;
  } else {
    constexpr size_t smem = (size_t)(2 * QM + 4 * QN) * HD * sizeof(T);  // Q, dO; K, V twice
    static_assert(smem <= 99 * 1024, "the query-major pass must fit the smallest sm_8x opt-in shared memory (99 KiB)");
    auto kernel = bwd_dq_kernel<T, HD, QM, QN>;
    if (cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess) return ATTNC_ERR_CUDA;
    return launch_checked(reinterpret_cast<const void*>(kernel), dim3((p.Q_LEN + QM - 1) / QM, p.H, p.B), QM / 16 * 32, smem, stream, p, g);
  }
}

template <typename T>
static int bwd_dispatch(const Params& p, const BwdArgs& g, cudaStream_t stream) {
  switch (p.D) {
    case 64: return bwd_launch<T, 64, 64, 64, 64, 32>(p, g, stream);
    case 128: return bwd_launch<T, 128, 64, 32, 64, 64>(p, g, stream);
    default: return ATTNC_ERR_HEAD_DIM;
  }
}

}  // namespace attnc_relative_bias_table

extern "C" int attnc_relative_bias_table_backward_varlen(const void* q, const void* k, const void* v, const float* o, const float* lse, const void* dO,
    float* dq, float* dk, float* dv, int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_table, float* d_table, const int* q_lens, const int* kv_lens, cudaStream_t stream) {
  using namespace attnc_relative_bias_table;
  const auto misaligned = [](const void* ptr, unsigned bytes) { return (reinterpret_cast<uintptr_t>(ptr) % bytes) != 0; };
  if (!q || !k || !v || !dO || !dq || !dk || !dv || !o || !lse || !in_table || !d_table) return ATTNC_ERR_NULL_POINTER;
  if (B <= 0 || H <= 0 || H_KV <= 0 || Q_LEN <= 0 || KV_LEN <= 0 || D <= 0 || B > 65535 || H > 65535) return ATTNC_ERR_SIZE;
  if (Q_LEN > 268435456 || KV_LEN > 268435456 || H_KV > 268435456 || D > 268435456) return ATTNC_ERR_SIZE; // MAX_SIZE: tile classes are proved up to it
  if (H % H_KV != 0) return ATTNC_ERR_GQA;
  if (D != 64 && D != 128) return ATTNC_ERR_HEAD_DIM;
  if (misaligned(q, 16) || misaligned(k, 16) || misaligned(v, 16) || misaligned(dO, 16) || misaligned(dq, 8) || misaligned(dk, 8) ||
      misaligned(dv, 8) || misaligned(o, 4) || misaligned(lse, 4) || misaligned(in_table, 4) || misaligned(d_table, 4) ||
      misaligned(q_lens, 4) || misaligned(kv_lens, 4)) return ATTNC_ERR_ALIGNMENT;
  if (dtype != ATTNC_DTYPE_BF16 && dtype != ATTNC_DTYPE_F16) return ATTNC_ERR_DTYPE;
  Params p{q, k, v, const_cast<float*>(o), const_cast<float*>(lse), B, H, H_KV, Q_LEN, KV_LEN, D, scale == 0.0f ? 1.0f / sqrtf((float)D) : scale, in_table};
  p.q_lens = q_lens;  // per-row lengths (or null): the kernels read them through attnc_q_len / attnc_kv_len
  p.kv_lens = kv_lens;
  // from here on, every failure ends in the cleanup below (the buffers this call allocated are freed)
  int rc = ATTNC_OK;
  float* delta = nullptr;
  do {
    if (cudaMemsetAsync(d_table, 0, (int64_t)p.H * (int64_t)129 * sizeof(float), stream) != cudaSuccess) { rc = ATTNC_ERR_CUDA; break; }
    if (cudaMallocAsync(reinterpret_cast<void**>(&delta), (size_t)B * H * Q_LEN * sizeof(float), stream) != cudaSuccess) { delta = nullptr; rc = ATTNC_ERR_CUDA; break; }
    BwdArgs g{dO, delta, dq, dk, dv, d_table};
    g.n_table = (int64_t)p.H * (int64_t)129;
    // the tensor gradients are summed per CTA in shared memory when they fit in kGradSmemFloats floats together
    // (only where the score reads some tensor differentiably: the kernel reserves that memory only then)
    g.sg_total = 0;
    g.sg_table = -1;
    if (kGradHasSites && g.n_table <= kGradSmemFloats) {
      g.sg_table = g.sg_total;
      g.sg_total += (int)g.n_table;
    }
    rc = dtype == ATTNC_DTYPE_BF16 ? bwd_dispatch<__nv_bfloat16>(p, g, stream) : bwd_dispatch<__half>(p, g, stream);
  } while (false);
  if (delta != nullptr && cudaFreeAsync(delta, stream) != cudaSuccess && rc == ATTNC_OK) rc = ATTNC_ERR_CUDA;
  return rc;
}

extern "C" int attnc_relative_bias_table_backward(const void* q, const void* k, const void* v, const float* o, const float* lse, const void* dO,
    float* dq, float* dk, float* dv, int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, float scale, int dtype,
    const float* in_table, float* d_table, cudaStream_t stream) {
  return attnc_relative_bias_table_backward_varlen(q, k, v, o, lse, dO, dq, dk, dv, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, in_table, d_table, nullptr, nullptr, stream);
}
