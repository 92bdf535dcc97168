/**
 * Paged KV on the CUDA target (docs/language.md § 10, issue #13), without a GPU:
 * - the entry points: `attnc_NAME_forward_paged` (q_lens, kv_lens, page_table, page_size,
 *   num_pages) declared alike in the .cu and the .h, holding every check; `_forward_varlen` and
 *   `_forward` call it with no table; the page sizes and an unbuilt paged path are argument errors,
 *   the ids are checked on the GPU after every argument check (ATTNC_ERR_PAGE) and waited for;
 *   `attnc run`'s host runner passes page_table.bin;
 * - the kernels: a paged instantiation of the sm_80 and sm_90a (cp.async) skeletons beside the
 *   dense one; the warp-specialized (TMA) kernel yields to the sm_80 one for a page table;
 * - the device code of paged.ts run as host C++ (g++ with AddressSanitizer and UBSan; one std::thread
 *   per CUDA thread, __shfl_sync through a barrier per warp): kv / PAGE without a division is exact,
 *   and the paged tile load copies every key of a tile from its page (pages of 1 to 128 keys, tiles and
 *   thread counts of every plan, keys past kv_len zero-filled, garbage ids clamped into k, no read
 *   outside the table or the pages);
 * - with nvcc: files with pages compile for sm_80 and sm_90a with no local memory in any forward
 *   kernel, dense or paged, and with ATTNC_PAGED=0 without the paged kernels.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";
import { ERROR_CODES } from "../../backends/cuda/host.js";
import { renderRunner } from "../../backends/cuda/runner.js";
import { pagedHarness } from "./paged-harness.js";
import { nvcc, nvccAvailable, nvccPtx, parseResourceUsage, pool } from "./nvcc.js";

const SRC = "attention a {\n  input bias: f32[H, KV_LEN]\n  mask kv <= q + (KV_LEN - Q_LEN)\n  score s + bias[h, kv]\n}";
const [CU, H] = compileCuda(cudaPlans(SRC, "a.attn")[0]!).files.map((f) => f.contents) as [string, string];
const body = (entry: string) => CU.slice(CU.indexOf(`extern "C" int attnc_a_${entry}(`)).split("\n}\n")[0]!;

describe("cuda: paged KV entry points", () => {
  it("declares attnc_NAME_forward_paged alike in the .cu and the .h, after the per-row lengths", () => {
    const proto = H.match(/int attnc_a_forward_paged\([^)]*\)/)![0];
    expect(proto).toContain("const float* in_bias, const int* q_lens, const int* kv_lens,\n    const int* page_table, int page_size, int num_pages, cudaStream_t stream)");
    expect(CU).toContain(`extern "C" ${proto} {`);
    expect(H).toMatch(/page_table is a device array int32 \[B, KV_LEN \/ page_size\]/);
    expect(ERROR_CODES).toContainEqual(["ATTNC_ERR_PAGE", 8, expect.stringContaining("NUM_PAGES")]);
    expect(H).toContain("#define ATTNC_ERR_PAGE 8");
  });

  it("the other forward entry points are the paged one without a table", () => {
    expect(body("forward_varlen")).toMatch(/return attnc_a_forward_paged\(q, k, v, o, lse, B, H, H_KV, Q_LEN, KV_LEN, D, scale, dtype, in_bias, q_lens, kv_lens, nullptr, 0, 0, stream\);$/);
    expect(body("forward")).toMatch(/return attnc_a_forward_paged\([^;]*in_bias, nullptr, nullptr, nullptr, 0, 0, stream\);$/);
  });

  it("checks the page arguments with the others, then the ids on the GPU before the launch", () => {
    const b = body("forward_paged");
    const at = (s: string) => {
      const i = b.indexOf(s);
      expect(i, s).toBeGreaterThan(0);
      return i;
    };
    // page size and count positive, KV_LEN a multiple of the page size, the rows of k within int32
    at("if (page_table != nullptr && (page_size <= 0 || num_pages <= 0 || KV_LEN % page_size != 0)) return ATTNC_ERR_SIZE;");
    at("(int64_t)num_pages * H_KV * page_size > 0x7fffffff) return ATTNC_ERR_SIZE;");
    // a build without the paged kernels refuses a table before anything runs
    expect(b).toMatch(/#if !ATTNC_PAGED\n {2}if \(page_table != nullptr\) return ATTNC_ERR_PAGE;/);
    expect(at("misaligned(page_table, 4)")).toBeLessThan(at("check_pages(p, pg, stream)"));
    expect(at("return ATTNC_ERR_DTYPE;")).toBeLessThan(at("check_pages(p, pg, stream)"));
    expect(at("pg.max_pages = KV_LEN / page_size;")).toBeLessThan(at("check_pages(p, pg, stream)"));
    expect(at("check_pages(p, pg, stream)")).toBeLessThan(at("dispatch<"));
    // the check: a kernel counts the ids rows read outside [0, NUM_PAGES), the host waits for the count
    expect(CU).toContain("if ((int64_t)slot * pg.size < attnc_kv_len(p, b) && (id < 0 || id >= pg.num)) atomicAdd(bad, 1);");
    expect(CU).toMatch(/cudaMemcpyAsync\(&found, bad[^;]*;\n[^\n]*cudaFreeAsync\(bad, stream\)[^\n]*\n[^\n]*cudaStreamSynchronize\(stream\)/);
    expect(CU).toContain("return found == 0 ? ATTNC_OK : ATTNC_ERR_PAGE;");
  });

  it("attnc run's host runner passes page_table.bin with PAGE and NUM_PAGES from its arguments", () => {
    const runner = renderRunner(cudaPlans(SRC, "a.attn")[0]!, "a.cu");
    expect(runner).toContain('if (FILE* f = std::fopen((dir + "/page_table.bin").c_str(), "rb")) {');
    expect(runner).toContain("const int page_size = argc == 12 ? std::atoi(argv[10]) : 0, num_pages = argc == 12 ? std::atoi(argv[11]) : 0;");
    expect(runner).toMatch(/attnc_a_forward_paged\([^;]*d_q_lens, d_kv_lens, d_pages, page_size, num_pages, 0\);/);
  });

  it("instantiates a paged kernel beside the dense one; the warp-specialized kernel yields to the sm_80 one", () => {
    expect(CU).toContain("forward_kernel<T, HD, NW, MT, BN, STAGES, MIN_CTAS, QS, PAGED>");
    expect(CU).toMatch(/if \(pg\.table != nullptr\) return launch_plan<T, HD, NW, HD >= 128 \? 1 : MT, BN, STAGES, MIN_CTAS, QS, true>\(p, pg, stream\)/);
    expect(CU).toContain("forward_kernel_sm90<T, HD, NWG, BN, STAGES, MIN_CTAS, OVERLAP, HEADS_INNER, true>");
    expect(CU).toContain("if (p.kv_lens != nullptr || pg.table != nullptr) return kSm90Unavailable;");
    // the dense load is the one it always was; the paged one only in the paged instantiation, and Params
    // is what it was (the page table travels in a second kernel parameter, Pages)
    expect(CU.match(/if constexpr \(!PAGED\)/g)!.length).toBe(4); // sm_80 load_kv; sm_90a load_k, load_v, load_kv
    expect(CU).toContain("if (pg.table == nullptr) {"); // the decode kernel: one instantiation, a run-time branch
    expect(CU).toContain("forward_kernel(const Params p, const Pages pg)");
    expect(CU).toContain("forward_kernel_sm90(const Params p, const Pages pg)");
    expect(CU.slice(CU.indexOf("struct Params {"), CU.indexOf("};", CU.indexOf("struct Params {")))).not.toMatch(/page/);
  });
});

const HAVE_GXX = spawnSync("g++", ["--version"]).status === 0;

describe.skipIf(!HAVE_GXX)("cuda: paged.ts's device code as host C++", () => {
  it("kv / PAGE is exact, and the paged tile load copies every key from its page (ASan, UBSan)", () => {
    const dir = mkdtempSync(join(tmpdir(), "attnc-paged-"));
    try {
      writeFileSync(join(dir, "t.cpp"), pagedHarness());
      execFileSync("g++", ["-std=c++20", "-O1", "-pthread", "-Wno-unknown-pragmas", "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-o", join(dir, "t"), join(dir, "t.cpp")], { stdio: "pipe" });
      const out = execFileSync(join(dir, "t"), { encoding: "utf8" });
      expect(out.trim()).toBe("ok");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

const HAVE_NVCC = nvccAvailable();

describe.skipIf(!HAVE_NVCC)("cuda: paged kernels compile (nvcc)", () => {
  const dir = mkdtempSync(join(tmpdir(), "attnc-paged-nvcc-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sm_80 + sm_90a: a dense and a paged forward kernel per plan, no local memory in any", { timeout: 900_000 }, async () => {
    // decode (bottom-right causal), a document mask (the warp-specialized plan at D = 128, whose paged
    // calls run the sm_80 kernel) and a tensor-reading score
    const files = ["examples/causal-bottom-right.attn", "examples/document-causal.attn", "examples/alibi.attn"];
    const jobs = files.map((f) => {
      const [cu] = compileCuda(cudaPlans(readFileSync(f, "utf8"), f)[0]!).files;
      writeFileSync(join(dir, cu!.path), cu!.contents);
      return () => nvcc(join(dir, cu!.path), join(dir, `${cu!.path}.o`), ["sm_80", "sm_90a"]);
    });
    for (const r of await pool(jobs, 2)) {
      expect(r.ok, `${r.file}:\n${r.output.slice(-3000)}`).toBe(true);
      const fns = parseResourceUsage(r.output);
      // forward_kernel<..., QS, PAGED>: both for 2 dtypes x 2 head dims x 2 archs
      const sm80 = fns.filter((f) => f.name.includes("forward_kernelI"));
      expect(sm80.filter((f) => /Lb1EEEvNS_6ParamsENS_5PagesE$/.test(f.name)).length, r.file).toBe(8);
      expect(sm80.filter((f) => /Lb0EEEvNS_6ParamsENS_5PagesE$/.test(f.name)).length, r.file).toBe(8);
      for (const f of fns) {
        expect([f.stackFrame, f.spillStores, f.spillLoads], `${r.file} ${f.arch} ${f.name}`).toEqual([0, 0, 0]);
        expect(f.registers).toBeLessThanOrEqual(255);
      }
    }
  });

  it("with ATTNC_PAGED=0 the file compiles without the paged kernels (PTX, sm_90a)", { timeout: 300_000 }, async () => {
    const [cu] = compileCuda(cudaPlans(SRC, "a.attn", { headDim: 128 })[0]!, { dtype: "bf16" }).files;
    const path = join(dir, "unpaged.cu");
    writeFileSync(path, `#define ATTNC_PAGED 0\n${cu!.contents}`);
    const r = await nvccPtx(path, join(dir, "unpaged.ptx"), "sm_90a");
    expect(r.ok, r.output.slice(-3000)).toBe(true);
    const ptx = readFileSync(join(dir, "unpaged.ptx"), "utf8");
    expect(ptx).toMatch(/\.entry _ZN\w*forward_kernelI\w*Lb0EEEvNS_6ParamsENS_5PagesE/);
    expect(ptx).not.toMatch(/\.entry _ZN\w*forward_kernel\w*Lb1EEEvNS_6ParamsENS_5PagesE/);
  });
});
