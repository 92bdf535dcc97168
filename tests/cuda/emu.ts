/**
 * Runs a generated CUDA file on the CPU (tests/cuda/emu/emu.h: CUDA threads as fibers, warp collectives
 * and mma.sync emulated): `emuSource` turns the .cu text (built for sm_80 only) into host C++ — the
 * prelude's inline PTX replaced by the emulator's functions, dynamic shared memory and kernel launches
 * routed to it — and appends a driver that calls `attnc_NAME_forward_paged` on tensors read from files.
 * `EmuProgram` builds it once (g++, AddressSanitizer) and runs cases.
 *
 * It checks what a machine without a GPU can: the kernels' indexing, the tile walk, the pipeline's
 * cp.async groups and barriers, the warp collectives, GQA packing, split-KV and the merge, the entry
 * point's host logic, out-of-bounds accesses (ASan), against the float64 oracle. Not the hardware's
 * timing or memory model, nor the exact rounding of the tensor cores and of ex2.approx: the GPU runs
 * (bench/cuda/check_examples.py) stay the judge of those.
 */
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/** [what, pattern, replacement]: each pattern must be found (the prelude or skeleton changed otherwise). */
const REWRITES: [string, RegExp, string][] = [
  ["tanh.approx", /asm\("tanh\.approx\.f32 %0, %1;" : "=f"\(y\) : "f"\(x\)\);/g, "y = std::tanh(x);"],
  ["ex2.approx", /asm\("ex2\.approx\.ftz\.f32 %0, %1;" : "=f"\(y\) : "f"\(x\)\);/g, "y = emu::exp2_ftz(x);"],
  ["cp.async 16", /asm volatile\("cp\.async\.cg\.shared\.global \[%0\], \[%1\], 16, %2;\\n" ::"r"\(dst\), "l"\(src\), "r"\(src_bytes\)\);/g, "emu::cp_async(dst, src, 16, src_bytes);"],
  ["cp.async 4", /asm volatile\("cp\.async\.ca\.shared\.global \[%0\], \[%1\], 4;\\n" ::"r"\(dst\), "l"\(src\)\);/g, "emu::cp_async(dst, src, 4, 4);"],
  ["commit_group", /asm volatile\("cp\.async\.commit_group;\\n" ::\);/g, "emu::cp_commit();"],
  ["wait_group", /asm volatile\("cp\.async\.wait_group %0;\\n" ::"n"\(N\)\);/g, "emu::cp_wait(N);"],
  ["ldmatrix", /asm volatile\("ldmatrix\.sync\.aligned\.m8n8\.x4\.shared\.b16[^;]*;\\n"\s*: "=r"\(r\[0\]\), "=r"\(r\[1\]\), "=r"\(r\[2\]\), "=r"\(r\[3\]\) : "r"\(addr\)\);/g,
    "{ const emu::Ld4 x = emu::ldmatrix_x4(addr, false); for (int i = 0; i < 4; ++i) r[i] = x.r[i]; }"],
  ["ldmatrix.trans", /asm volatile\("ldmatrix\.sync\.aligned\.m8n8\.x4\.trans\.shared\.b16[^;]*;\\n"\s*: "=r"\(r\[0\]\), "=r"\(r\[1\]\), "=r"\(r\[2\]\), "=r"\(r\[3\]\) : "r"\(addr\)\);/g,
    "{ const emu::Ld4 x = emu::ldmatrix_x4(addr, true); for (int i = 0; i < 4; ++i) r[i] = x.r[i]; }"],
  ["mma bf16", /asm\("mma\.sync\.aligned\.m16n8k16\.row\.col\.f32\.bf16\.bf16\.f32[\s\S]*?\);\n/g, "emu::mma<true>(c, a, b0, b1);\n"],
  ["mma f16", /asm\("mma\.sync\.aligned\.m16n8k16\.row\.col\.f32\.f16\.f16\.f32[\s\S]*?\);\n/g, "emu::mma<false>(c, a, b0, b1);\n"],
  ["dynamic shared memory", /extern __shared__ __align__\(128\) unsigned char smem_raw\[\];/g, "unsigned char* const smem_raw = emu::smem();"],
  ["launch_checked", /void\* ptrs\[\] = \{const_cast<A\*>\(&args\)\.\.\.\};\n\s*return cudaLaunchKernel\(kernel, grid, dim3\(threads\), ptrs, smem, stream\) == cudaSuccess \? ATTNC_OK : ATTNC_ERR_CUDA;/g,
    "(void)stream;\n  using F = void (*)(A...);\n  const F f = reinterpret_cast<F>(const_cast<void*>(kernel));\n  emu::launch(grid, dim3(threads), smem, [&] { f(args...); });\n  return ATTNC_OK;"],
];

/** Host C++ from a generated .cu (built for sm_80: no wgmma/TMA kernels) and the entry point's name. */
export function emuSource(cu: string, name: string): string {
  let s = cu;
  if (/wgmma|cp\.async\.bulk/.test(s)) throw new Error("emu: the file has sm_90a kernels (compile it with arch sm_80)");
  s = s.replace(/#include <cuda_runtime\.h>\n|#include <cuda_bf16\.h>\n|#include <cuda_fp16\.h>\n/g, "");
  s = `#define ATTNC_PRECISE_TANH 1\n#include "${join(HERE, "emu", "emu.h")}"\n${s}`;
  for (const [what, re, by] of REWRITES) {
    const before = s;
    s = s.replace(re, by);
    if (s === before && !(what === "cp.async 4" || what === "mma f16" || what === "mma bf16")) throw new Error(`emu: ${what} not found in the generated file`);
  }
  // K<<<grid, block, smem, stream>>>(args); -> emu::launch(grid, block, smem, [&] { K(args); });
  s = s.replace(/^(\s*)(\w+)<<<(.+?), (.+?), (.+?), (\w+)>>>\((.*)\);$/gm, (_m, ind, k, g, b, sm, _st, args) => `${ind}emu::launch(dim3(${g}), dim3(${b}), ${sm}, [&] { ${k}(${args}); });`);
  if (/\basm\b/.test(s.replace(/\/\/.*$/gm, ""))) throw new Error("emu: inline PTX left in the generated file");
  return `${s}\n${driver(name)}`;
}

/** main(): reads DIR/case.txt and the tensors, calls the paged entry point (table and lengths optional), writes o and
 * lse; with `bwd` in case.txt then the varlen backward on dO.bin, and writes dq, dk, dv and the tensors' gradients. */
function driver(name: string): string {
  return String.raw`
#include <string>
static std::vector<unsigned char> emu_read(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) { std::fprintf(stderr, "emu: cannot read %s\n", path.c_str()); std::exit(2); }
  std::fseek(f, 0, SEEK_END);
  const long n = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  std::vector<unsigned char> b((size_t)n);
  if (n > 0 && std::fread(b.data(), 1, (size_t)n, f) != (size_t)n) std::exit(2);
  std::fclose(f);
  return b;
}
// a buffer of exactly its file's size (AddressSanitizer sees any access past it)
static void* emu_buffer(const std::string& path) {
  const auto b = emu_read(path);
  void* p = std::malloc(b.size() ? b.size() : 1);
  std::memcpy(p, b.data(), b.size());
  return p;
}
int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const std::string dir = argv[1];
  int B, H, H_KV, Q_LEN, KV_LEN, D, dtype, n_tensors, lens, page_size, num_pages, sms, bwd;
  FILE* f = std::fopen((dir + "/case.txt").c_str(), "r");
  if (!f || std::fscanf(f, "%d %d %d %d %d %d %d %d %d %d %d %d %d", &B, &H, &H_KV, &Q_LEN, &KV_LEN, &D, &dtype, &n_tensors, &lens, &page_size, &num_pages, &sms, &bwd) != 13) return 2;
  std::fclose(f);
  g_emu_sms = sms;
  void* q = emu_buffer(dir + "/q.bin");
  void* k = emu_buffer(dir + "/k.bin");
  void* v = emu_buffer(dir + "/v.bin");
  const size_t rows = (size_t)B * H * Q_LEN;
  float* o = static_cast<float*>(std::malloc(rows * D * sizeof(float)));
  float* lse = static_cast<float*>(std::malloc(rows * sizeof(float)));
  for (size_t i = 0; i < rows * D; ++i) o[i] = -1.0e37f;  // a finite sentinel: an unwritten output fails
  for (size_t i = 0; i < rows; ++i) lse[i] = -1.0e37f;
  std::vector<void*> t(8, nullptr);
  for (int i = 0; i < n_tensors; ++i) t[i] = emu_buffer(dir + "/t" + std::to_string(i) + ".bin");
  const int* q_lens = lens ? static_cast<const int*>(emu_buffer(dir + "/q_lens.bin")) : nullptr;
  const int* kv_lens = lens ? static_cast<const int*>(emu_buffer(dir + "/kv_lens.bin")) : nullptr;
  const int* table = page_size > 0 ? static_cast<const int*>(emu_buffer(dir + "/page_table.bin")) : nullptr;
  const int rc = emu_call(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, dtype, t.data(), q_lens, kv_lens, table, page_size, num_pages);
  FILE* out = std::fopen((dir + "/o.bin").c_str(), "wb");
  std::fwrite(o, sizeof(float), rows * D, out);
  std::fclose(out);
  out = std::fopen((dir + "/lse.bin").c_str(), "wb");
  std::fwrite(lse, sizeof(float), rows, out);
  std::fclose(out);
  std::printf("rc=%d\n", rc);
  if (bwd) {
    void* dO = emu_buffer(dir + "/dO.bin");
    const size_t kv_rows = (size_t)B * H_KV * KV_LEN;
    std::vector<float> dq(rows * D, -1.0e37f), dk(kv_rows * D, -1.0e37f), dv(kv_rows * D, -1.0e37f);
    std::vector<std::vector<float>> grads(n_tensors);
    std::vector<void*> g(8, nullptr);
    for (int i = 0; i < n_tensors; ++i) {
      grads[i].assign(emu_read(dir + "/t" + std::to_string(i) + ".bin").size() / 4, -1.0e37f);
      g[i] = grads[i].data();
    }
    const int brc = emu_bwd(q, k, v, o, lse, dO, dq.data(), dk.data(), dv.data(), B, H, H_KV, Q_LEN, KV_LEN, D, dtype, t.data(), g.data(), q_lens, kv_lens);
    std::printf("bwd_rc=%d\n", brc);
    auto put = [&](const std::string& name, const std::vector<float>& a) {
      FILE* w = std::fopen((dir + "/" + name).c_str(), "wb");
      std::fwrite(a.data(), sizeof(float), a.size(), w);
      std::fclose(w);
    };
    put("dq.bin", dq);
    put("dk.bin", dk);
    put("dv.bin", dv);
    for (int i = 0; i < n_tensors; ++i) put("g" + std::to_string(i) + ".bin", grads[i]);
  }
  return 0;
}
`.replace("emu_call(", `emu_call_${name}(`).replace("emu_bwd(", `emu_bwd_${name}(`);
}

/** The calls with the program's declared tensors in order (their pointers from t[i]; the float tensors'
 * gradients from g[i]); `backward`: the file has the backward entry points (else emu_bwd returns -1). */
function callShim(name: string, tensorTypes: ("int" | "float")[], backward: boolean): string {
  const ts = tensorTypes.map((ty, i) => `static_cast<const ${ty}*>(t[${i}]), `).join("");
  const gs = tensorTypes.map((ty, i) => (ty === "float" ? `static_cast<float*>(g[${i}]), ` : "")).join("");
  const bwd = backward
    ? `return attnc_${name}_backward_varlen(q, k, v, o, lse, dO, dq, dk, dv, B, H, H_KV, Q_LEN, KV_LEN, D, 0.0f, dtype, ${ts}${gs}q_lens, kv_lens, nullptr);`
    : "(void)q; (void)k; (void)v; (void)o; (void)lse; (void)dO; (void)dq; (void)dk; (void)dv; (void)B; (void)H; (void)H_KV; (void)Q_LEN; (void)KV_LEN; (void)D; (void)dtype; (void)q_lens; (void)kv_lens;\n  return -1;";
  return `static int emu_bwd_${name}(const void* q, const void* k, const void* v, const float* o, const float* lse, const void* dO, float* dq, float* dk, float* dv,
    int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, int dtype, void** t, void** g, const int* q_lens, const int* kv_lens) {
  (void)t;
  (void)g;
  ${bwd}
}
static int emu_call_${name}(const void* q, const void* k, const void* v, float* o, float* lse, int B, int H, int H_KV, int Q_LEN, int KV_LEN, int D, int dtype,
    void** t, const int* q_lens, const int* kv_lens, const int* table, int page_size, int num_pages) {
  (void)t;
  return attnc_${name}_forward_paged(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, 0.0f, dtype, ${ts}q_lens, kv_lens, table, page_size, num_pages, nullptr);
}
`;
}

export const HAVE_GXX = spawnSync("g++", ["--version"]).status === 0;

export interface EmuCase {
  sizes: { B: number; H: number; H_KV: number; Q_LEN: number; KV_LEN: number; D: number };
  dtype: "bf16" | "f16";
  /** q, k, v as 16-bit patterns of dtype (k, v: the pages when paged) */
  q: Uint16Array;
  k: Uint16Array;
  v: Uint16Array;
  tensors: (Int32Array | Float32Array)[];
  lens?: { q: Int32Array; kv: Int32Array };
  pages?: { table: Int32Array; size: number; num: number };
  /** dO (16-bit patterns): then the backward runs after the forward */
  dO?: Uint16Array;
  /** ATTNC_DECODE_SPLITS (undefined: the entry point's choice) */
  splits?: number;
  sms?: number;
}

/** A generated .cu built once (`build`, asynchronous: several build at once) as an emulated host program;
 * `run` calls its paged entry point. */
export class EmuProgram {
  readonly exe: string;
  private readonly src: string;
  constructor(readonly dir: string, cu: string, readonly name: string, tensorTypes: ("int" | "float")[]) {
    mkdirSync(dir, { recursive: true });
    const src = join(dir, `${name}.emu.cpp`);
    const text = emuSource(cu, name);
    // the call shim goes after the entry point, before main
    const at = text.lastIndexOf("\n#include <string>");
    writeFileSync(src, text.slice(0, at) + "\n" + callShim(name, tensorTypes, /_backward_varlen\(/.test(cu)) + text.slice(at));
    this.exe = join(dir, `${name}.emu`);
    this.src = src;
  }

  async build(): Promise<void> {
    await promisify(execFile)("g++", ["-std=c++17", "-O1", "-g0", "-fsanitize=address,undefined", "-fno-sanitize-recover=undefined", "-fno-sanitize=vptr",
      "-Wno-unknown-pragmas", "-Wno-attributes", "-o", this.exe, this.src], { maxBuffer: 1 << 24 });
  }

  run(c: EmuCase, caseDir: string): { rc: number; o: Float32Array; lse: Float32Array; bwd?: { rc: number; dq: Float32Array; dk: Float32Array; dv: Float32Array; grads: Float32Array[] } } {
    mkdirSync(caseDir, { recursive: true });
    const z = c.sizes;
    const w = (f: string, a: ArrayBufferView) => writeFileSync(join(caseDir, f), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    w("q.bin", c.q);
    w("k.bin", c.k);
    w("v.bin", c.v);
    c.tensors.forEach((t, i) => w(`t${i}.bin`, t));
    if (c.lens) {
      w("q_lens.bin", c.lens.q);
      w("kv_lens.bin", c.lens.kv);
    }
    if (c.pages) w("page_table.bin", c.pages.table);
    if (c.dO) w("dO.bin", c.dO);
    writeFileSync(join(caseDir, "case.txt"), [z.B, z.H, z.H_KV, z.Q_LEN, z.KV_LEN, z.D, c.dtype === "bf16" ? 0 : 1, c.tensors.length, c.lens ? 1 : 0,
      c.pages?.size ?? 0, c.pages?.num ?? 0, c.sms ?? 132, c.dO ? 1 : 0].join(" "));
    const env = { ...process.env, ASAN_OPTIONS: "detect_leaks=0", ...(c.splits !== undefined ? { ATTNC_DECODE_SPLITS: String(c.splits) } : {}) };
    if (c.splits === undefined) delete env.ATTNC_DECODE_SPLITS;
    const r = spawnSync(this.exe, [caseDir], { env, encoding: "utf8", maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`emulated run failed (status ${r.status}):\n${(r.stderr ?? "").slice(0, 4000)}`);
    const rc = Number(/rc=(-?\d+)/.exec(r.stdout)![1]);
    const rd = (f: string) => new Float32Array(new Uint8Array(readFileSync(join(caseDir, f))).buffer);
    if (!c.dO) return { rc, o: rd("o.bin"), lse: rd("lse.bin") };
    const bwd = {
      rc: Number(/bwd_rc=(-?\d+)/.exec(r.stdout)![1]), dq: rd("dq.bin"), dk: rd("dk.bin"), dv: rd("dv.bin"),
      grads: c.tensors.map((_, i) => (existsSync(join(caseDir, `g${i}.bin`)) ? rd(`g${i}.bin`) : new Float32Array())),
    };
    return { rc, o: rd("o.bin"), lse: rd("lse.bin"), bwd };
  }
}
