/**
 * The C++ text of the small program `attnc run --target cuda` builds next to a generated kernel:
 * it reads raw float32/int32 inputs from a folder, rounds q/k/v to bf16 or fp16, calls the
 * kernel's entry point and writes o and lse (float32); q_lens.bin / kv_lens.bin (int32, B each), when
 * present, are per-row lengths, and page_table.bin (int32, B x KV_LEN / PAGE) a paged KV cache (k.bin
 * and v.bin then hold NUM_PAGES pages of H_KV x PAGE x D). For a plan with `grad`, when the folder
 * holds do.bin (dO, rounded like q), it then calls the backward entry point and writes dq.bin,
 * dk.bin, dv.bin and d_NAME.bin per f32 input (float32).
 *
 * Contract: argv = DIR B H H_KV Q_LEN KV_LEN D SCALE DTYPE [PAGE NUM_PAGES] (the last two with a page
 * table; KV_LEN is then the padded length, PAGE x the table's columns); exit 0 on success, 3 when no CUDA
 * device is usable, 4 on an input-file problem, 5 on a CUDA error, 10 + code when the entry point
 * returns an ATTNC_ERR_* code. Messages go to stderr.
 */
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import { cName } from "./kernel-file.js";
import { inputPtr } from "./rules.js";

export function renderRunner(plan: KernelPlan, kernelFile: string): string {
  const name = cName(plan.name);
  // each input as the entry point's parameter is named (in_NAME): its file in_NAME.bin, host
  // vector h_in_NAME, device copy d_in_NAME (never clashing with q, k, v, o, lse or their names here)
  const tensors = plan.inputs
    .map((d) => {
      const x = inputPtr(d);
      return (
        `  std::vector<${d.dtype === "i32" ? "int" : "float"}> h_${x};\n` +
        `  if (!read_file(dir + "/${x}.bin", h_${x})) return 4;\n` +
        `  void* d_${x} = upload(h_${x}.data(), h_${x}.size() * 4);`
      );
    })
    .join("\n");
  const args = plan.inputs.map((d) => `static_cast<const ${d.dtype === "i32" ? "int" : "float"}*>(d_${inputPtr(d)}), `).join("");
  const grads = plan.inputs.filter((d) => d.dtype === "f32");
  // the gradient of input NAME: device buffer g_in_NAME, file d_NAME.bin
  const backward = plan.grad
    ? `
  std::vector<float> hdo;
  if (FILE* f = std::fopen((dir + "/do.bin").c_str(), "rb")) {
    std::fclose(f);
    if (!read_file(dir + "/do.bin", hdo)) return 4;
    void* d_do = upload_rounded<T>(hdo);
    const size_t n_q = (size_t)B * H * Q_LEN * D, n_kv = (size_t)B * H_KV * KV_LEN * D;
    void* g_q = upload(std::vector<float>(n_q).data(), n_q * 4);
    void* g_k = upload(std::vector<float>(n_kv).data(), n_kv * 4);
    void* g_v = upload(std::vector<float>(n_kv).data(), n_kv * 4);
${grads.map((d) => `    void* g_${inputPtr(d)} = upload(std::vector<float>(h_${inputPtr(d)}.size()).data(), h_${inputPtr(d)}.size() * 4);`).join("\n")}
    const int brc = attnc_${name}_backward_varlen(dq, dk, dv, static_cast<const float*>(d_o), static_cast<const float*>(d_lse), d_do,
        static_cast<float*>(g_q), static_cast<float*>(g_k), static_cast<float*>(g_v), B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype,
        ${args}${grads.map((d) => `static_cast<float*>(g_${inputPtr(d)}), `).join("")}d_q_lens, d_kv_lens, 0);
    if (brc != ATTNC_OK) { std::fprintf(stderr, "attnc_${name}_backward returned error code %d\\n", brc); return 10 + brc; }
    const cudaError_t berr = cudaDeviceSynchronize();
    if (berr != cudaSuccess) { std::fprintf(stderr, "CUDA error: %s\\n", cudaGetErrorString(berr)); return 5; }
    const std::vector<float> gq = download<float>(g_q, n_q), gk = download<float>(g_k, n_kv), gv = download<float>(g_v, n_kv);
    if (!write_file(dir + "/dq.bin", gq.data(), n_q) || !write_file(dir + "/dk.bin", gk.data(), n_kv) || !write_file(dir + "/dv.bin", gv.data(), n_kv)) return 4;
${grads
  .map((d) => `    {
      const std::vector<float> g = download<float>(g_${inputPtr(d)}, h_${inputPtr(d)}.size());
      if (!write_file(dir + "/d_${d.name}.bin", g.data(), g.size())) return 4;
    }`)
  .join("\n")}
  }`
    : "";
  return `// attnc run --target cuda: host runner for ${plan.name} (generated)
#include "${kernelFile}"
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

template <typename E>
static bool read_file(const std::string& path, std::vector<E>& out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) { std::fprintf(stderr, "cannot open %s\\n", path.c_str()); return false; }
  std::fseek(f, 0, SEEK_END);
  const long n = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  out.resize(n / sizeof(E));
  const bool ok = std::fread(out.data(), 1, n, f) == (size_t)n;
  std::fclose(f);
  return ok;
}
static bool write_file(const std::string& path, const float* data, size_t n) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  const bool ok = std::fwrite(data, sizeof(float), n, f) == n;
  return std::fclose(f) == 0 && ok;
}
static void* upload(const void* src, size_t bytes) {
  void* d = nullptr;
  if (cudaMalloc(&d, bytes < 16 ? 16 : bytes) != cudaSuccess) { std::fprintf(stderr, "cudaMalloc failed\\n"); std::exit(5); }
  cudaMemcpy(d, src, bytes, cudaMemcpyHostToDevice);
  return d;
}
template <typename T> static T from_float(float x);
template <> __nv_bfloat16 from_float(float x) { return __float2bfloat16(x); }
template <> __half from_float(float x) { return __float2half(x); }
template <typename T>
static void* upload_rounded(const std::vector<float>& h) {
  std::vector<T> r(h.size());
  for (size_t i = 0; i < h.size(); ++i) r[i] = from_float<T>(h[i]);
  return upload(r.data(), r.size() * sizeof(T));
}
template <typename T>
static std::vector<float> download(const void* d, size_t n) {
  std::vector<T> r(n);
  cudaMemcpy(r.data(), d, n * sizeof(T), cudaMemcpyDeviceToHost);
  std::vector<float> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<float>(r[i]);
  return out;
}

template <typename T>
static int run(int argc, char** argv) {
  const std::string dir = argv[1];
  const int B = std::atoi(argv[2]), H = std::atoi(argv[3]), H_KV = std::atoi(argv[4]);
  const int Q_LEN = std::atoi(argv[5]), KV_LEN = std::atoi(argv[6]), D = std::atoi(argv[7]);
  const float scale = std::strtof(argv[8], nullptr);
  const int dtype = std::atoi(argv[9]);
  std::vector<float> hq, hk, hv;
  if (!read_file(dir + "/q.bin", hq) || !read_file(dir + "/k.bin", hk) || !read_file(dir + "/v.bin", hv)) return 4;
  void* dq = upload_rounded<T>(hq);
  void* dk = upload_rounded<T>(hk);
  void* dv = upload_rounded<T>(hv);
${tensors}
  const size_t n_o = (size_t)B * H * Q_LEN * D, n_lse = (size_t)B * H * Q_LEN;
  void* d_o = upload(std::vector<float>(n_o).data(), n_o * 4);
  void* d_lse = upload(std::vector<float>(n_lse).data(), n_lse * 4);
  // per-row lengths, when given (else null: every row has the tensors' lengths)
  const int* d_q_lens = nullptr;
  const int* d_kv_lens = nullptr;
  std::vector<int> h_lens;
  if (FILE* f = std::fopen((dir + "/q_lens.bin").c_str(), "rb")) {
    std::fclose(f);
    if (!read_file(dir + "/q_lens.bin", h_lens)) return 4;
    d_q_lens = static_cast<const int*>(upload(h_lens.data(), h_lens.size() * 4));
  }
  if (FILE* f = std::fopen((dir + "/kv_lens.bin").c_str(), "rb")) {
    std::fclose(f);
    if (!read_file(dir + "/kv_lens.bin", h_lens)) return 4;
    d_kv_lens = static_cast<const int*>(upload(h_lens.data(), h_lens.size() * 4));
  }
  // a paged KV cache, when given (else null: k and v are dense)
  const int* d_pages = nullptr;
  const int page_size = argc == 12 ? std::atoi(argv[10]) : 0, num_pages = argc == 12 ? std::atoi(argv[11]) : 0;
  if (FILE* f = std::fopen((dir + "/page_table.bin").c_str(), "rb")) {
    std::fclose(f);
    if (argc != 12) { std::fprintf(stderr, "page_table.bin needs the arguments PAGE NUM_PAGES\\n"); return 2; }
    if (!read_file(dir + "/page_table.bin", h_lens)) return 4;
    d_pages = static_cast<const int*>(upload(h_lens.data(), h_lens.size() * 4));
  }
  const int rc = attnc_${name}_forward_paged(dq, dk, dv, static_cast<float*>(d_o), static_cast<float*>(d_lse), B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype,
      ${args}d_q_lens, d_kv_lens, d_pages, page_size, num_pages, 0);
  if (rc != ATTNC_OK) { std::fprintf(stderr, "attnc_${name}_forward returned error code %d\\n", rc); return 10 + rc; }
  const cudaError_t err = cudaDeviceSynchronize();
  if (err != cudaSuccess) { std::fprintf(stderr, "CUDA error: %s\\n", cudaGetErrorString(err)); return 5; }
  const std::vector<float> o = download<float>(d_o, n_o), lse = download<float>(d_lse, n_lse);
  if (!write_file(dir + "/o.bin", o.data(), n_o) || !write_file(dir + "/lse.bin", lse.data(), n_lse)) return 4;${backward}
  return 0;
}

int main(int argc, char** argv) {
  if (argc != 10 && argc != 12) { std::fprintf(stderr, "usage: DIR B H H_KV Q_LEN KV_LEN D SCALE DTYPE [PAGE NUM_PAGES]\\n"); return 2; }
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) { std::fprintf(stderr, "no CUDA device\\n"); return 3; }
  return std::atoi(argv[9]) == ATTNC_DTYPE_F16 ? run<__half>(argc, argv) : run<__nv_bfloat16>(argc, argv);
}
`;
}
