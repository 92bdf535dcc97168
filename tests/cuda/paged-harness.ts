/**
 * The device code of backends/cuda/paged.ts as a host C++ program (for tests/cuda/paged.test.ts): CUDA's
 * names defined for the host, a CTA's threads run one after another (twice: __shfl_sync answered from
 * what the first pass recorded; threadIdx.x the thread's index), cp.async a 16-byte copy into a byte array. main() checks kv / PAGE
 * without a division against `/`, and paged tile loads against the pages they name, and prints "ok".
 */
import { PAGE_CHECK, PAGE_HELPERS, PAGE_LOAD, PAGES_STRUCT } from "../../backends/cuda/paged.js";

/** The host C++ harness: paged.ts's device text with CUDA's names defined for the host. */
export function pagedHarness(): string {
  const divisor = PAGE_CHECK.match(/static void page_divisor\([\s\S]*?\n\}\n/)![0];
  return String.raw`#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>
#define __device__
#define __forceinline__ inline
#define __ldg(ptr) (*(ptr))
using std::max;
using std::min;
static unsigned __umulhi(unsigned a, unsigned b) { return (unsigned)(((unsigned long long)a * b) >> 32); }
struct Params {  // the fields paged.ts reads
  const void* k;
  const void* v;
  int H_KV;
};
${PAGES_STRUCT}
${PAGE_HELPERS}
${divisor}
// The threads of a CTA run one after another, twice: the first pass records what each lane gives each
// __shfl_sync (its n-th call), the second answers each call from those records. (Exact where, as in the
// paged load, no value given to a shuffle depends on what an earlier one returned; the second pass checks
// that it gives the same values.)
static struct { int x; } threadIdx;
static int t_call, g_pass;
static std::vector<int> g_given;  // [warp][call][lane]
static int __shfl_sync(unsigned, int v, int src) {
  const size_t at = ((size_t)(threadIdx.x >> 5) * 64 + t_call++) * 32;
  if (g_given.size() < at + 32) g_given.resize(at + 32);
  if (g_pass == 0) {
    g_given[at + (threadIdx.x & 31)] = v;
    return 0;
  }
  if (g_given[at + (threadIdx.x & 31)] != v) std::printf("FAIL a lane gave a shuffle another value in the second pass\n"), std::exit(1);
  return g_given[at + src];
}
static std::vector<unsigned char> g_smem;
static std::vector<int> g_writes;
static void attnc_cp_async16(unsigned dst, const void* src, int bytes) {
  if (bytes == 16) std::memcpy(&g_smem.at(dst), src, 16);
  else std::memset(&g_smem.at(dst), 0, 16);
  g_writes.at(dst / 16)++;
}
${PAGE_LOAD}

static int failures = 0;
#define CHECK(cond, ...) do { if (!(cond)) { if (failures++ < 10) { std::printf("FAIL " __VA_ARGS__); std::printf("\n"); } } } while (0)

struct Load { int b, kvh, kv_len, tile; };

// the paged tile loads (K and V) 'loads' by a CTA of NTHREADS threads, one after another; after each,
// 'check' sees shared memory (the K tile, then the V tile, row-major: kv_smem) and the
// write counts of its 16-byte chunks
template <int BN, int CH, int NTHREADS, class Check>
static void run_loads(const Params& p, const Pages& pg, const std::vector<Load>& loads, Check check) {
  using T = uint16_t;
  constexpr int HD = CH * 8;
  g_smem.assign(2 * BN * HD * 2, 0xAB);
  g_writes.assign(2 * BN * CH, 0);
  auto kv_smem = [&](unsigned s, int r, int c) { return s + (unsigned)(r * CH + c) * 16u; };
  for (const Load& job : loads) {
    for (g_pass = 0; g_pass < 2; ++g_pass) {
      g_smem.assign(g_smem.size(), 0xAB);
      g_writes.assign(g_writes.size(), 0);
      for (int tid = 0; tid < NTHREADS; ++tid) {
        threadIdx.x = tid;
        t_call = 0;
        attnc_load_pages<T, HD, BN, NTHREADS>(p, pg, job.b, job.kvh, job.kv_len, job.tile, 0u, (unsigned)(BN * HD * 2), true, true, kv_smem);
      }
    }
    check(job);
  }
}

// B = 3 rows of 2 KV heads; each row's pages at random places, row 1 sharing row 0's first pages, ids
// past a row's kv_len garbage (-1 or huge; never read), and in 'bad' mode garbage also below kv_len (the
// entry point would refuse it; the loads clamp it into k)
template <int BN, int CH, int NTHREADS>
static void check_config(int page, std::mt19937& rng, bool bad) {
  constexpr int HD = CH * 8, B = 3, H_KV = 2;
  const int max_pages = (3 * BN + 7 + page - 1) / page;  // KV_LEN: several tiles and a partial one
  const int KV_LEN = max_pages * page;
  const int lens[B] = {KV_LEN, (int)(rng() % KV_LEN) + 1, (int)(rng() % (BN + 3))};
  const int num_pages = B * max_pages + 2;
  std::vector<int> free_pages(num_pages), table(B * max_pages);
  for (int i = 0; i < num_pages; ++i) free_pages[i] = i;
  std::shuffle(free_pages.begin(), free_pages.end(), rng);
  const int shared = (int)(rng() % (std::min(lens[0], lens[1]) / page + 1));
  for (int b = 0; b < B; ++b)
    for (int s = 0; s < max_pages; ++s) {
      int& id = table[b * max_pages + s];
      if ((long long)s * page >= lens[b]) id = rng() % 2 ? -1 : (1 << 30);
      else if (b == 1 && s < shared) id = table[s];
      else if (bad && rng() % 5 == 0) id = rng() % 2 ? -7 - (int)(rng() % 100) : num_pages + (int)(rng() % 100);
      else id = free_pages.back(), free_pages.pop_back();
    }
  // pages, exactly as large as NUM_PAGES x H_KV x PAGE x HD (AddressSanitizer sees a read past them)
  std::vector<uint16_t> k((size_t)num_pages * H_KV * page * HD), v(k.size());
  for (size_t i = 0; i < k.size(); ++i) k[i] = (uint16_t)(rng() | 1), v[i] = (uint16_t)(rng() | 1);
  const Params p{k.data(), v.data(), H_KV};
  Pages pg{table.data(), page, max_pages, num_pages, 0u, 0};
  page_divisor(page, &pg.magic, &pg.shift);
  std::vector<Load> loads;
  for (int b = 0; b < B; ++b)
    for (int kvh = 0; kvh < H_KV; ++kvh)
      for (int tile = 0; tile * BN < lens[b]; ++tile) loads.push_back({b, kvh, lens[b], tile});
  run_loads<BN, CH, NTHREADS>(p, pg, loads, [&](const Load& job) {
    for (int i = 0; i < 2 * BN * CH; ++i) CHECK(g_writes[i] == 1, "BN %d CH %d threads %d page %d: chunk %d written %d times", BN, CH, NTHREADS, page, i, g_writes[i]);
    for (int r = 0; r < BN; ++r) {
      const int kv = job.tile * BN + r;
      const int id = kv < job.kv_len ? std::min(std::max(table[job.b * max_pages + kv / page], 0), num_pages - 1) : -1;
      for (int t = 0; t < 2; ++t) {
        const uint16_t* got = reinterpret_cast<const uint16_t*>(g_smem.data()) + (size_t)(t * BN + r) * HD;
        const uint16_t* want = id < 0 ? nullptr : (t == 0 ? k : v).data() + (((size_t)id * H_KV + job.kvh) * page + kv % page) * HD;
        for (int d = 0; d < HD; ++d)
          CHECK(got[d] == (want ? want[d] : 0), "BN %d CH %d threads %d page %d bad %d: row %d head %d key %d (%s) col %d: %d, want %d",
                BN, CH, NTHREADS, page, (int)bad, job.b, job.kvh, kv, t ? "v" : "k", d, got[d], want ? want[d] : 0);
      }
    }
  });
}

int main() {
  // kv / PAGE by multiply-high: every page size to 4096, powers of two and their neighbours to 2^28;
  // dividends 0 .. 70000 and near the multiples, up to 2^28 - 1
  std::vector<int> ds;
  for (int d = 1; d <= 4096; ++d) ds.push_back(d);
  for (int e = 12; e <= 28; ++e) for (int x : {-1, 0, 1}) if ((1 << e) + x <= (1 << 28)) ds.push_back((1 << e) + x);
  std::mt19937 rng(13);
  for (int i = 0; i < 2000; ++i) ds.push_back(1 + (int)(rng() % (1 << 28)));
  for (int d : ds) {
    Pages pg{};
    page_divisor(d, &pg.magic, &pg.shift);
    auto check = [&](long long n) {
      if (n < 0 || n >= (1 << 28)) return;
      CHECK(attnc_page_div(pg, (int)n) == (int)(n / d), "page_div %lld / %d = %d", n, d, attnc_page_div(pg, (int)n));
    };
    for (int n = 0; n < (d <= 64 ? 70000 : 300); ++n) check(n);
    for (long long m : {1LL, 2LL, 3LL, 1000LL, (1LL << 28) / d - 1, (1LL << 28) / d})
      for (int x : {-1, 0, 1}) check(m * d + x);
    for (int i = 0; i < 200; ++i) check(rng() % (1 << 28));
    check((1 << 28) - 1);
  }
  // the tile loads of the plans: (BN, 16-byte chunks per key, threads) of sm_80 (4 warps) and sm_90a
  // (1 or 2 warpgroups) at D = 64, 128, 192, 256
  for (int page : {1, 5, 16, 32, 48, 64, 128}) {
    for (bool bad : {false, true}) {
      check_config<64, 8, 128>(page, rng, bad);
      check_config<32, 16, 128>(page, rng, bad);
      check_config<64, 16, 128>(page, rng, bad);
      check_config<128, 8, 128>(page, rng, bad);
      check_config<128, 16, 256>(page, rng, bad);
      check_config<96, 16, 256>(page, rng, bad);
      check_config<32, 24, 128>(page, rng, bad);
      check_config<32, 32, 128>(page, rng, bad);
    }
  }
  std::printf(failures == 0 ? "ok\n" : "%d failures\n", failures);
  return failures == 0 ? 0 : 1;
}
`;
}

