// A functional emulator of the CUDA the generated kernels use, for host C++ (tests/cuda/emu.test.ts).
//
// It runs a generated .cu file's entry point on the CPU, without a GPU: each CUDA thread is a fiber
// (ucontext), the CTAs of a launch run one after another, and a CTA's fibers are switched only at
// collectives — warp shuffles, votes, ldmatrix and mma.sync (all 32 lanes of a warp exchange their
// operands), __syncthreads (every live thread of the CTA) — so every interleaving the kernels may rely
// on is the one the hardware guarantees, and no more. It is an extra check for machines without a GPU
// (CI), not a substitute for the GPU runs (bench/cuda/check_examples.py): timing, memory ordering beyond
// the barriers, and the exact rounding of the tensor cores' sums and of ex2.approx are not modelled.
//
// What it checks besides the outputs (the test compares them with the float64 oracle):
// - a collective reached by only part of a warp (divergence, a lane that returned) or by lanes at
//   different kinds of collective: a deadlock or a mismatch, reported and fatal;
// - cp.async copies land only when their group is waited for (cp.async.wait_group), so a tile read
//   before its wait (and the barrier after it) reads the 0xFF bytes (bf16/fp16 NaN) dynamic shared
//   memory starts with, as does any shared memory never written;
// - global reads and writes out of their buffers: the test builds with AddressSanitizer (the fibers'
//   stack switches are announced to it).
#pragma once
#include <ucontext.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
extern "C" void __sanitizer_start_switch_fiber(void** fake_stack_save, const void* bottom, size_t size);
extern "C" void __sanitizer_finish_switch_fiber(void* fake_stack_save, const void** bottom_old, size_t* size_old);
#define EMU_ASAN 1
#else
#define EMU_ASAN 0
#endif

// ---- CUDA's keywords and types, for the host ----
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __noinline__ __attribute__((noinline))
#define __restrict__ __restrict
#define __launch_bounds__(...)
#define __shared__ static
#define __align__(n) alignas(n)

struct dim3 {
  unsigned x, y, z;
  dim3(unsigned x_ = 1, unsigned y_ = 1, unsigned z_ = 1) : x(x_), y(y_), z(z_) {}
};
struct float2 {
  float x, y;
};
inline float2 make_float2(float x, float y) { return {x, y}; }
using std::isnan;
using std::isinf;
struct emu_uint3 {
  unsigned x, y, z;
};
// the running fiber's indices (one fiber runs at a time; the scheduler sets them before it resumes one)
inline emu_uint3 threadIdx, blockIdx;
inline dim3 blockDim, gridDim;

// ---- bf16 and fp16 as 16-bit patterns ----
namespace emu {
inline float from_bf16(uint16_t h);
inline float from_f16(uint16_t h);
}  // namespace emu
struct __nv_bfloat16 {
  uint16_t bits;
  explicit operator float() const { return emu::from_bf16(bits); }
};
struct __half {
  uint16_t bits;
  explicit operator float() const { return emu::from_f16(bits); }
};
struct __nv_bfloat162 {
  __nv_bfloat16 x, y;
};
struct __half2 {
  __half x, y;
};
namespace emu {
inline uint32_t f2u(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
inline float u2f(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
inline uint16_t to_bf16(float f) {  // round to nearest even; NaN stays NaN
  const uint32_t u = f2u(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 0x40);
  return (uint16_t)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}
inline float from_bf16(uint16_t h) { return u2f((uint32_t)h << 16); }
inline float from_f16(uint16_t h) {
  const uint32_t s = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
  if (e == 0x1f) return u2f(s | 0x7f800000u | (m << 13));
  if (e == 0) return (s ? -1.f : 1.f) * std::ldexp((float)m, -24);
  return u2f(s | ((e + 112) << 23) | (m << 13));
}
inline uint16_t to_f16(float f) {  // round to nearest even, overflow to inf, NaN stays NaN
  const uint32_t u = f2u(f), s = (u >> 16) & 0x8000u;
  const float a = std::fabs(f);
  if (std::isnan(f)) return (uint16_t)(s | 0x7e00u);
  if (a >= 65520.f) return (uint16_t)(s | 0x7c00u);
  if (a < 0x1p-14f) return (uint16_t)(s | (uint32_t)std::nearbyint(a * 0x1p24f));  // subnormal (or 0), ties to even
  const uint32_t au = f2u(a);
  uint32_t e = (au >> 23) - 112, m = au & 0x7fffffu;
  uint32_t r = (e << 10) | (m >> 13);
  const uint32_t rest = m & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (r & 1u))) ++r;
  return (uint16_t)(s | r);
}
}  // namespace emu
inline __nv_bfloat162 __floats2bfloat162_rn(float a, float b) { return {{emu::to_bf16(a)}, {emu::to_bf16(b)}}; }
inline __half2 __floats2half2_rn(float a, float b) { return {{emu::to_f16(a)}, {emu::to_f16(b)}}; }

// ---- the fibers, the collectives and the launch ----
namespace emu {
inline void fail(const char* what) {
  std::fprintf(stderr, "EMU FAIL: %s (block %u,%u,%u thread %u)\n", what, blockIdx.x, blockIdx.y, blockIdx.z, threadIdx.x);
  std::exit(70);
}

struct Fiber {
  ucontext_t ctx;
  char* stack = nullptr;
  emu_uint3 tid;
  bool done = false;
  long long wait_gen = -1;  // the generation of the barrier (warp's or block's) it waits for; -1: runnable
  bool wait_block = false;
  // cp.async copies issued and not yet performed: (group, dst offset, src, bytes copied of 16 or 4)
  struct Copy {
    long long group;
    unsigned dst;
    const void* src;
    int size, bytes;
  };
  std::vector<Copy> copies;
  long long committed = 0;  // groups committed
};

struct Warp {
  int arrived = 0;
  long long gen = 0;
  const char* op = nullptr;               // the kind of collective the arrived lanes are at
  alignas(16) unsigned char in[32][96];   // each lane's operands
  alignas(16) unsigned char out[32][32];  // each lane's result (read before the lane's next collective)
};

struct Cta {
  std::vector<Fiber> fibers;
  std::vector<Warp> warps;
  int block_arrived = 0, live = 0;
  long long block_gen = 0;
  std::vector<unsigned char> smem;
  ucontext_t sched;
  int current = -1;
  std::function<void()> body;
  void* fake_stack = nullptr;
};
inline Cta* g_cta = nullptr;
inline size_t g_stack_bytes = 256 * 1024;
// the fibers' stacks, allocated once and reused by every CTA (not zero-filled: a stack needs no zeros)
inline char* stack_of(unsigned t) {
  static std::vector<char*> pool;
  while (pool.size() <= t) pool.push_back(static_cast<char*>(std::malloc(g_stack_bytes)));
  return pool[t];
}
inline const void* g_sched_bottom = nullptr;  // the scheduler's stack (AddressSanitizer's fiber switches)
inline size_t g_sched_size = 0;

inline Fiber& self() { return g_cta->fibers[g_cta->current]; }
inline int lane() { return (int)(threadIdx.x & 31); }
inline Warp& warp() { return g_cta->warps[threadIdx.x >> 5]; }

// back to the scheduler (the running fiber waits or has finished)
inline void yield() {
  Cta& c = *g_cta;
#if EMU_ASAN
  void* fake = nullptr;
  __sanitizer_start_switch_fiber(&fake, g_sched_bottom, g_sched_size);
#endif
  swapcontext(&c.fibers[c.current].ctx, &c.sched);
#if EMU_ASAN
  __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
#endif
}

inline void fiber_main(unsigned idx) {
#if EMU_ASAN
  __sanitizer_finish_switch_fiber(nullptr, &g_sched_bottom, &g_sched_size);
#endif
  (void)idx;
  g_cta->body();
  Cta& c = *g_cta;
  Fiber& f = c.fibers[c.current];
  f.done = true;
  c.live--;
  // a block barrier that only this thread's exit completes
  if (c.block_arrived > 0 && c.block_arrived == c.live) {
    c.block_arrived = 0;
    c.block_gen++;
  }
#if EMU_ASAN
  __sanitizer_start_switch_fiber(nullptr, g_sched_bottom, g_sched_size);
#endif
  setcontext(&c.sched);
}
inline void fiber_entry(unsigned hi, unsigned lo) { fiber_main(lo); (void)hi; }

// A warp collective: every lane stores its operands; the last lane to arrive computes every lane's
// result (f(l): lane l's, from operand<In>(i) of any lane i) and releases the others, which read theirs.
// One phase suffices: the next collective completes only after every lane has arrived there, so after
// each has read this one's result. `op` names the collective (lanes at different ones: divergence).
template <typename In>
inline In operand(int l) {
  In v;
  std::memcpy(&v, warp().in[l], sizeof(In));
  return v;
}
template <typename In, typename F>
inline auto collective(const char* op, const In& mine, F f) {
  using Out = decltype(f(0));
  static_assert(sizeof(In) <= sizeof(Warp::in[0]) && sizeof(Out) <= sizeof(Warp::out[0]), "collective operands");
  Warp& w = warp();
  if (w.arrived == 0) w.op = op;
  else if (std::strcmp(w.op, op) != 0) fail("lanes of a warp at different collectives (divergence)");
  std::memcpy(w.in[lane()], &mine, sizeof(In));
  Fiber& me = self();
  const long long g = w.gen;
  if (++w.arrived == 32) {
    for (int l = 0; l < 32; ++l) {
      const Out r = f(l);
      std::memcpy(w.out[l], &r, sizeof(Out));
    }
    w.arrived = 0;
    w.gen++;
  } else {
    me.wait_gen = g;
    me.wait_block = false;
    yield();
  }
  Out r;
  std::memcpy(&r, w.out[lane()], sizeof(Out));
  return r;
}

inline void syncthreads() {
  Cta& c = *g_cta;
  Fiber& f = self();
  const long long g = c.block_gen;
  if (++c.block_arrived == c.live) {
    c.block_arrived = 0;
    c.block_gen++;
  } else {
    f.wait_gen = g;
    f.wait_block = true;
    yield();
  }
}

// runs body for every thread of every CTA of the grid, CTAs one after another
inline void launch(dim3 grid, dim3 block, size_t smem_bytes, std::function<void()> body) {
  const unsigned n = block.x * block.y * block.z;
  if (block.y != 1 || block.z != 1 || n % 32 != 0) fail("the emulator runs 1-D blocks of whole warps");
  gridDim = grid;
  blockDim = block;
  for (unsigned bz = 0; bz < grid.z; ++bz)
    for (unsigned by = 0; by < grid.y; ++by)
      for (unsigned bx = 0; bx < grid.x; ++bx) {
        Cta c;
        c.body = body;
        c.smem.assign(smem_bytes + 16, 0xff);  // never-written shared memory reads as NaN
        c.fibers.resize(n);
        c.warps.resize(n / 32);
        c.live = (int)n;
        Cta* outer = g_cta;
        g_cta = &c;
        for (unsigned t = 0; t < n; ++t) {
          Fiber& f = c.fibers[t];
          f.tid = {t, 0, 0};
          f.stack = stack_of(t);
          getcontext(&f.ctx);
          f.ctx.uc_stack.ss_sp = f.stack;
          f.ctx.uc_stack.ss_size = g_stack_bytes;
          f.ctx.uc_link = nullptr;
          makecontext(&f.ctx, reinterpret_cast<void (*)()>(&fiber_entry), 2, 0u, t);
        }
        blockIdx = {bx, by, bz};
        // round robin over the runnable fibers until all are done
        for (;;) {
          bool any = false, progress = false;
          for (unsigned t = 0; t < n; ++t) {
            Fiber& f = c.fibers[t];
            if (f.done) continue;
            any = true;
            if (f.wait_gen >= 0) {
              const long long now = f.wait_block ? c.block_gen : c.warps[t >> 5].gen;
              if (now == f.wait_gen) continue;  // its collective has not completed
              f.wait_gen = -1;
            }
            c.current = (int)t;
            threadIdx = f.tid;
            progress = true;
#if EMU_ASAN
            void* fake = nullptr;
            __sanitizer_start_switch_fiber(&fake, f.stack, g_stack_bytes);
#endif
            swapcontext(&c.sched, &f.ctx);
#if EMU_ASAN
            __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
#endif
          }
          if (!any) break;
          if (!progress) fail("deadlock: a collective that not every lane (or live thread) reaches");
        }
        g_cta = outer;
      }
}
inline unsigned char* smem() { return g_cta->smem.data(); }

// cp.async: performed when the thread waits for its group
inline void cp_async(unsigned dst, const void* src, int size, int bytes) {
  Fiber& f = self();
  if (dst + (unsigned)size > g_cta->smem.size() - 16) fail("cp.async into shared memory past the CTA's allocation");
  f.copies.push_back({f.committed, dst, src, size, bytes});
}
inline void cp_commit() { self().committed++; }
inline void cp_wait(int n) {
  Fiber& f = self();
  std::vector<Fiber::Copy> keep;
  for (const auto& c : f.copies) {
    if (c.group < f.committed - n) {
      unsigned char* d = g_cta->smem.data() + c.dst;
      std::memset(d, 0, c.size);
      if (c.bytes > 0) std::memcpy(d, c.src, c.bytes);
    } else {
      keep.push_back(c);
    }
  }
  f.copies.swap(keep);
}
}  // namespace emu

// ---- device intrinsics ----
inline void __syncthreads() { emu::syncthreads(); }
template <typename T>
inline T __shfl_xor_sync(unsigned, T v, int m) {
  return emu::collective("shfl_xor", v, [&](int l) { return emu::operand<T>(l ^ m); });
}
template <typename T>
inline T __shfl_sync(unsigned, T v, int src) {
  // (every lane names its own source: lane l's is in its operands)
  struct In {
    T v;
    int src;
  };
  return emu::collective("shfl", In{v, src}, [&](int l) { return emu::operand<In>(emu::operand<In>(l).src & 31).v; });
}
inline unsigned __ballot_sync(unsigned, bool p) {
  return emu::collective("ballot", (int)p, [&](int) {
    unsigned r = 0;
    for (int i = 0; i < 32; ++i) r |= (unsigned)(emu::operand<int>(i) != 0) << i;
    return r;
  });
}
inline bool __any_sync(unsigned m, bool p) { return __ballot_sync(m, p) != 0; }
inline bool __all_sync(unsigned m, bool p) { return __ballot_sync(m, p) == 0xffffffffu; }
template <typename T>
inline T __ldg(const T* p) { return *p; }
template <typename T>
inline T __ldcg(const T* p) { return *p; }
inline int atomicAdd(int* p, int v) {
  const int o = *p;
  *p = o + v;
  return o;
}
inline float atomicAdd(float* p, float v) {
  const float o = *p;
  *p = o + v;
  return o;
}
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __frcp_rn(float a) { return 1.0f / a; }
inline float __log2f(float x) { return std::log2(x); }
inline int __float2int_rz(float x) {
  if (std::isnan(x)) return 0;
  if (x >= 2147483648.f) return 2147483647;
  if (x <= -2147483648.f) return (-2147483647 - 1);
  return (int)x;
}
inline float __int_as_float(int i) { return emu::u2f((uint32_t)i); }
inline int __float_as_int(float f) { return (int)emu::f2u(f); }
inline float __uint_as_float(unsigned u) { return emu::u2f(u); }
inline unsigned __float_as_uint(float f) { return emu::f2u(f); }
inline int __ffs(unsigned x) { return __builtin_ffs((int)x); }
inline int __ffs(int x) { return __builtin_ffs(x); }
inline int __popc(unsigned x) { return __builtin_popcount(x); }
inline unsigned __umulhi(unsigned a, unsigned b) { return (unsigned)(((unsigned long long)a * b) >> 32); }
inline size_t __cvta_generic_to_shared(const void* p) { return (size_t)((const unsigned char*)p - emu::smem()); }
using std::max;
using std::min;
inline long long min(long long a, int b) { return a < b ? a : b; }
inline long long min(int a, long long b) { return a < b ? a : b; }
inline long long max(long long a, int b) { return a > b ? a : b; }
inline long long max(int a, long long b) { return a > b ? a : b; }
inline unsigned min(unsigned a, int b) { return a < (unsigned)b ? a : (unsigned)b; }

// the sm_80 instructions of the prelude (tests/cuda/emu.ts puts these in place of its asm)
namespace emu {
// 2^x as ex2.approx.ftz: subnormal results flushed to zero
inline float exp2_ftz(float x) {
  const float y = std::exp2(x);
  return std::fabs(y) < 0x1p-126f ? 0.f : y;
}
struct LdIn {
  unsigned addr;
};
struct Ld4 {
  unsigned r[4];
};
inline Ld4 ldmatrix_x4(unsigned addr, bool trans) {
  return collective(trans ? "ldmatrix.trans" : "ldmatrix", LdIn{addr}, [&](int L) {
    Ld4 out;
    const unsigned char* s = smem();
    for (int i = 0; i < 4; ++i) {
      if (!trans) {  // row L / 4 of matrix i, its 32-bit word L % 4
        const unsigned a = operand<LdIn>(8 * i + L / 4).addr + 4 * (L % 4);
        std::memcpy(&out.r[i], s + a, 4);
      } else {  // column L / 4, rows 2 (L % 4) and 2 (L % 4) + 1
        uint16_t lo, hi;
        std::memcpy(&lo, s + operand<LdIn>(8 * i + 2 * (L % 4)).addr + 2 * (L / 4), 2);
        std::memcpy(&hi, s + operand<LdIn>(8 * i + 2 * (L % 4) + 1).addr + 2 * (L / 4), 2);
        out.r[i] = (unsigned)lo | ((unsigned)hi << 16);
      }
    }
    return out;
  });
}
struct MmaIn {
  unsigned a[4], b0, b1;
  float c[4];
};
struct MmaOut {
  float d[4];
};
// mma.sync.m16n8k16 row.col, fp32 accumulate: each lane's four outputs from the warp's fragments
template <bool kBf16>
inline void mma(float (&c)[4], const unsigned (&a)[4], unsigned b0, unsigned b1) {
  auto half_of = [](unsigned w, int hi) -> float {
    const uint16_t h = (uint16_t)(hi ? w >> 16 : w & 0xffffu);
    return kBf16 ? from_bf16(h) : from_f16(h);
  };
  const MmaIn mine{{a[0], a[1], a[2], a[3]}, b0, b1, {c[0], c[1], c[2], c[3]}};
  const MmaOut d = collective("mma", mine, [&](int L) {
    const int g = L / 4, t = L % 4;
    auto A = [&](int r, int k) {  // A[r][k] from the lane holding it
      const MmaIn x = operand<MmaIn>((r % 8) * 4 + (k % 8) / 2);
      return half_of(x.a[(r >= 8 ? 1 : 0) + (k >= 8 ? 2 : 0)], k % 2);
    };
    auto B = [&](int k, int n) {
      const MmaIn x = operand<MmaIn>(n * 4 + (k % 8) / 2);
      return half_of(k >= 8 ? x.b1 : x.b0, k % 2);
    };
    MmaOut out;
    const MmaIn own = operand<MmaIn>(L);
    for (int e = 0; e < 4; ++e) {
      const int r = g + (e >= 2 ? 8 : 0), n = 2 * t + (e & 1);
      float s = own.c[e];
      for (int k = 0; k < 16; ++k) s += A(r, k) * B(k, n);
      out.d[e] = s;
    }
    return out;
  });
  for (int e = 0; e < 4; ++e) c[e] = d.d[e];
}
}  // namespace emu

// ---- the runtime API the entry points call ----
typedef void* cudaStream_t;
enum cudaError_t { cudaSuccess = 0, cudaErrorMemoryAllocation = 2 };
enum cudaFuncAttribute { cudaFuncAttributeMaxDynamicSharedMemorySize = 8 };
enum cudaDeviceAttr { cudaDevAttrMultiProcessorCount = 16, cudaDevAttrComputeCapabilityMajor = 75 };
enum cudaStreamCaptureStatus { cudaStreamCaptureStatusNone = 0, cudaStreamCaptureStatusActive = 1 };
enum cudaMemcpyKind { cudaMemcpyDeviceToHost = 2 };
inline cudaError_t cudaGetLastError() { return cudaSuccess; }
template <typename K>
inline cudaError_t cudaFuncSetAttribute(K, cudaFuncAttribute, int) { return cudaSuccess; }
inline cudaError_t cudaGetDevice(int* d) { *d = 0; return cudaSuccess; }
inline int g_emu_sms = 132;  // the SM count the entry points see (cudaDevAttrMultiProcessorCount)
inline cudaError_t cudaDeviceGetAttribute(int* v, cudaDeviceAttr a, int) {
  *v = a == cudaDevAttrMultiProcessorCount ? g_emu_sms : 8;  // compute capability 8.x: the sm_80 kernels
  return cudaSuccess;
}
inline cudaError_t cudaMallocAsync(void** p, size_t n, cudaStream_t) {
  *p = std::malloc(n ? n : 1);
  if (*p) std::memset(*p, 0xff, n);  // uninitialized device memory: NaN patterns
  return *p ? cudaSuccess : cudaErrorMemoryAllocation;
}
inline cudaError_t cudaFreeAsync(void* p, cudaStream_t) { std::free(p); return cudaSuccess; }
inline cudaError_t cudaMemsetAsync(void* p, int v, size_t n, cudaStream_t) { std::memset(p, v, n); return cudaSuccess; }
inline cudaError_t cudaMemcpyAsync(void* d, const void* s, size_t n, cudaMemcpyKind, cudaStream_t) { std::memcpy(d, s, n); return cudaSuccess; }
inline cudaError_t cudaStreamSynchronize(cudaStream_t) { return cudaSuccess; }
inline cudaError_t cudaStreamIsCapturing(cudaStream_t, cudaStreamCaptureStatus* s) { *s = cudaStreamCaptureStatusNone; return cudaSuccess; }
// K<<<grid, block, smem, stream>>>(args...) is rewritten to emu_chevron(grid, block, smem, K, args...)
template <typename K, typename... A>
inline void emu_chevron(dim3 grid, dim3 block, size_t smem, cudaStream_t, K kernel, A... args) {
  emu::launch(grid, block, smem, [&] { kernel(args...); });
}
