/**
 * The fixed device code every generated CUDA kernel starts with: the IR's integer semantics
 * (compiler/ir/node.ts header), the fast special functions, and thin wrappers over the sm_80+
 * instructions the skeletons use (mma.sync m16n8k16, ldmatrix, cp.async).
 *
 * Contract: pure text, identical for every kernel; everything is `__device__ __forceinline__`
 * (inline: unused helpers cost nothing and raise no warning) inside the kernel's namespace, so
 * several generated kernels link together.
 */
export const PRELUDE = String.raw`// ---- integer semantics of attnc (32-bit wrapping, floor division, x/0 == 0, x%0 == x) ----
__device__ __forceinline__ int attnc_iadd(int a, int b) { return (int)((unsigned)a + (unsigned)b); }
__device__ __forceinline__ int attnc_isub(int a, int b) { return (int)((unsigned)a - (unsigned)b); }
__device__ __forceinline__ int attnc_imul(int a, int b) { return (int)((unsigned)a * (unsigned)b); }
__device__ __forceinline__ int attnc_ineg(int a) { return (int)(0u - (unsigned)a); }
__device__ __forceinline__ int attnc_iabs(int a) { return a < 0 ? attnc_ineg(a) : a; }
__device__ __forceinline__ int attnc_idiv(int a, int b) {
  if (b == 0) return 0;
  if (b == -1) return attnc_ineg(a);  // INT_MIN / -1 wraps to INT_MIN
  const int q = a / b, r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q;
}
__device__ __forceinline__ int attnc_imod(int a, int b) {
  if (b == 0) return a;
  if (b == -1) return 0;
  const int r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}
// truncates toward zero, saturates to the int range, NaN -> 0 (cvt.rzi.s32.f32)
__device__ __forceinline__ int attnc_ftoi(float x) { return __float2int_rz(x); }

// ---- special functions ----
// tanh.approx.f32: max relative error about 2^-11, well inside the bf16/fp16 budgets.
__device__ __forceinline__ float attnc_tanh(float x) {
#ifdef ATTNC_PRECISE_TANH
  return tanhf(x);
#else
  float y;
  asm("tanh.approx.f32 %0, %1;" : "=f"(y) : "f"(x));
  return y;
#endif
}
// min/max as language § 6 (JavaScript's Math.min/max): a NaN operand gives NaN (fminf/fmaxf return
// the other operand), and min(0.0f, -0.0f) == -0.0f, max(0.0f, -0.0f) == 0.0f
__device__ __forceinline__ float attnc_fmin(float a, float b) {
  if (isnan(a) || isnan(b)) return __int_as_float(0x7fc00000);
  return a == b ? __int_as_float(__float_as_int(a) | __float_as_int(b)) : fminf(a, b);
}
__device__ __forceinline__ float attnc_fmax(float a, float b) {
  if (isnan(a) || isnan(b)) return __int_as_float(0x7fc00000);
  return a == b ? __int_as_float(__float_as_int(a) & __float_as_int(b)) : fmaxf(a, b);
}
__device__ __forceinline__ float attnc_sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }
// 2^x with ex2.approx (flushes subnormals; 2^-inf == +0): the softmax exponent.
__device__ __forceinline__ float attnc_exp2(float x) {
  float y;
  asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x));
  return y;
}

// The online softmax's reference points (log2 units; skeleton-parts.ts): a row's max m is "huge" at
// |m| >= 2^20 (+inf included), where m - kPShift no longer rounds to within 2^-4 of itself and the
// shift is applied as a product instead. E(m) = the exponent offset P's of that row are taken
// against, so the rescale of the running sums from max m_old to m_new is 2^(E(m_old) - E(m_new)).
__device__ __forceinline__ bool attnc_huge_max(float m) { return fabsf(m) >= 0x1p20f && m != -INFINITY; }
__device__ __forceinline__ float attnc_ref_exp(float m_old, float m_new, float shift) {
  if (m_old == -INFINITY) return -INFINITY;  // nothing summed yet
  const bool ho = attnc_huge_max(m_old), hn = attnc_huge_max(m_new);
  if (ho == hn) return ho ? m_old - m_new : (m_old - shift) - (m_new - shift);
  return ho ? (m_old - (m_new - shift)) - shift : ((m_old - shift) - m_new) + shift;
}

// ---- tensor-core and copy instructions (sm_80+) ----
__device__ __forceinline__ unsigned attnc_smem_addr(const void* ptr) {
  return static_cast<unsigned>(__cvta_generic_to_shared(ptr));
}
// 16-byte global -> shared copy; src_bytes == 0 fills the destination with zeros.
__device__ __forceinline__ void attnc_cp_async16(unsigned dst, const void* src, int src_bytes) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(src), "r"(src_bytes));
}
// a 4-byte copy (through L1: key-column reads are re-read by neighbouring CTAs); src 4-byte aligned
__device__ __forceinline__ void attnc_cp_async4(unsigned dst, const void* src) {
  asm volatile("cp.async.ca.shared.global [%0], [%1], 4;\n" ::"r"(dst), "l"(src));
}
__device__ __forceinline__ void attnc_cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }
template <int N>
__device__ __forceinline__ void attnc_cp_async_wait() { asm volatile("cp.async.wait_group %0;\n" ::"n"(N)); }

__device__ __forceinline__ void attnc_ldmatrix_x4(unsigned (&r)[4], unsigned addr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]) : "r"(addr));
}
__device__ __forceinline__ void attnc_ldmatrix_x4_trans(unsigned (&r)[4], unsigned addr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]) : "r"(addr));
}

// Per-element-type operations: packing two floats and the m16n8k16 MMA (fp32 accumulate).
template <typename T> struct attnc_dtype;
template <> struct attnc_dtype<__nv_bfloat16> {
  static __device__ __forceinline__ unsigned pack(float lo, float hi) {
    __nv_bfloat162 v = __floats2bfloat162_rn(lo, hi);
    return *reinterpret_cast<unsigned*>(&v);
  }
  static __device__ __forceinline__ void mma(float (&c)[4], const unsigned (&a)[4], unsigned b0, unsigned b1) {
    asm("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};\n"
        : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
  }
};
template <> struct attnc_dtype<__half> {
  static __device__ __forceinline__ unsigned pack(float lo, float hi) {
    __half2 v = __floats2half2_rn(lo, hi);
    return *reinterpret_cast<unsigned*>(&v);
  }
  static __device__ __forceinline__ void mma(float (&c)[4], const unsigned (&a)[4], unsigned b0, unsigned b1) {
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};\n"
        : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
  }
};
`;
