/**
 * The CUDA backward's generated text (`--backward`): the skeleton and one example's printed
 * backward as goldens, the entry point's contract (declared alike in .cu and .h, argument checks
 * before any launch, gradients of the f32 tensors only), E0406 for head dims it lacks, and — where
 * nvcc is on PATH — that the backward of examples covering every code path compiles for sm_80 and
 * sm_90a with no local memory. Numerics are checked on the GPU (bench/cuda/check_examples.py).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";
import { SKELETON_BWD } from "../../backends/cuda/skeleton-bwd.js";
import { backwardPrototype } from "../../backends/cuda/backward.js";
import { compile } from "../../index.js";
import { AttncError } from "../../dsl/diagnostics.js";
import { expectGolden } from "../golden.js";
import { nvcc, nvccAvailable, parseResourceUsage, pool } from "./nvcc.js";

const files = (src: string, opts: { headDim?: number } = {}) => compileCuda(cudaPlans(src, "a.attn", { ...opts, backward: true })[0]!).files;
const example = (stem: string) => readFileSync(`examples/${stem}.attn`, "utf8");
/** the printed backward of a file: its holes (up to grad_sites' end) and its launch / entry point (the file's last namespace) */
function backwardParts(cu: string): string {
  const start = cu.indexOf("// ---- the backward's per-entry values");
  const end = cu.indexOf("\n}\n", cu.indexOf("void grad_sites(")) + 3;
  return `${cu.slice(start, end)}\n// ...\n${cu.slice(cu.lastIndexOf("\nnamespace attnc_") + 1)}`;
}

describe("CUDA backward: generated text", () => {
  it("skeleton (golden)", () => {
    expectGolden("cuda/_backward.cu", SKELETON_BWD);
  });

  it("relative-bias-table: grad holes, launch and entry point (golden)", () => {
    const [cu] = files(example("relative-bias-table"));
    expect(cu!.contents).toContain(SKELETON_BWD);
    expectGolden("cuda/relative-bias-table/backward.cu", backwardParts(cu!.contents));
  });

  it("declares the backward identically in the .cu and the .h, with a gradient argument per f32 tensor only", () => {
    const src = "attention a {\n  input bias: f32[H, KV_LEN]\n  input doc: i32[B, KV_LEN]\n  mask doc[b, kv] == doc[b, q]\n  score s + bias[h, kv]\n}";
    const [cu, h] = files(src);
    const inputs = cudaPlans(src, "a.attn")[0]!.inputs;
    const proto = backwardPrototype("a", inputs), varlen = backwardPrototype("a", inputs, true);
    expect(proto).toContain("const float* in_bias, const int* in_doc, float* d_bias, cudaStream_t stream");
    expect(varlen).toContain("const float* in_bias, const int* in_doc, float* d_bias, const int* q_lens, const int* kv_lens, cudaStream_t stream");
    expect(proto).not.toContain("d_doc");
    for (const p of [proto, varlen]) {
      expect(h!.contents).toContain(`${p};`);
      expect(cu!.contents).toContain(`extern "C" ${p} {`);
    }
    // the plain entry point is the varlen one without lengths
    expect(cu!.contents).toMatch(/extern "C" int attnc_a_backward\([^)]*\) \{\n  return attnc_a_backward_varlen\([^;]*nullptr, nullptr, stream\);/);
    // every argument is checked before anything is launched or allocated
    const body = cu!.contents.slice(cu!.contents.indexOf(`extern "C" ${varlen}`));
    const firstLaunch = Math.min(...["cudaMallocAsync", "cudaMemsetAsync", "bwd_dispatch<"].map((s) => body.indexOf(s)).filter((i) => i >= 0));
    for (const check of ["ATTNC_ERR_NULL_POINTER", "ATTNC_ERR_SIZE", "ATTNC_ERR_GQA", "ATTNC_ERR_HEAD_DIM", "ATTNC_ERR_ALIGNMENT", "ATTNC_ERR_DTYPE"]) {
      expect(body.indexOf(check), check).toBeGreaterThan(0);
      expect(body.indexOf(check), check).toBeLessThan(firstLaunch);
    }
    expect(body).toContain("!d_bias");
  });

  it("a score that does not depend on s: no dK MMAs, dq zero-filled", () => {
    const [cu] = files("attention a {\n  input bias: f32[H, KV_LEN]\n  mask kv <= q\n  score bias[h, kv]\n}");
    expect(cu!.contents).toContain("constexpr bool kGradHasDs = false;");
    expect(cu!.contents).toContain("constexpr bool kGradHasSites = true;");
  });

  it("sigmoid and none need no o, lse or Δ", () => {
    for (const name of ["sigmoid-attention", "relu-attention"]) {
      const [cu] = files(example(name));
      const body = cu!.contents.slice(cu!.contents.indexOf(`extern "C" int attnc_${name.replace("-", "_")}_backward`));
      expect(body).not.toContain("!o ||");
      expect(body).not.toContain("cudaMallocAsync");
    }
    // none: the weight is L (-inf: 0) with dP/dL = 1, and fp16 P is not scaled (unbounded weights)
    const [none] = files(example("relu-attention"));
    expect(none!.contents).toContain("constexpr bool kElementwise = true;");
    expect(none!.contents).toContain("constexpr bool kUnitWeights = false;");
    expect(none!.contents).toContain("float weight(float L) { return L == -INFINITY ? 0.f : L; }");
    expect(none!.contents).toContain("float weight_dl(float P) { return 1.f; }");
  });

  it("rejects head dims it is not generated for (E0406), and compiles through the library API", async () => {
    let err: unknown;
    try {
      files("attention a { mask kv <= q }", { headDim: 256 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AttncError);
    expect((err as AttncError).diagnostics[0]!.code).toBe("E0406");
    const [k] = await compile("attention a { mask kv <= q }", "a.attn", { target: "cuda", backward: true });
    expect(k!.manifest.backward?.outputs.dq).toEqual(["B", "H", "Q_LEN", "D"]);
    expect(k!.files[0]!.contents).toContain("attnc_a_backward");
  });
});

const HAVE_NVCC = nvccAvailable();
describe.skipIf(!HAVE_NVCC)("nvcc compiles the backward (sm_80 + sm_90a), no local memory", () => {
  const dir = mkdtempSync(join(tmpdir(), "attnc-cuda-bwd-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // a tensor site with a clamp index, sigmoid, key-column reads and a tensor-reading classifier,
  // a float-heavy score, a score with no s
  const sources: [string, string][] = [
    ["relative-bias-table", example("relative-bias-table")],
    ["sigmoid-attention", example("sigmoid-attention")],
    ["column-reads", readFileSync("tests/cuda/fixtures/column-reads.attn", "utf8")],
    ["softcap", example("softcap")],
    ["no-s", "attention no_s {\n  input bias: f32[H, KV_LEN]\n  mask kv <= q\n  score bias[h, kv]\n}"],
  ];
  // and two with dq added by atomics in the key-major pass (ATTNC_BWD_ATOMIC_DQ=1: no query-major pass)
  const atomic = new Set(["relative-bias-table", "softcap"]);
  it("compiles", { timeout: 900_000 }, async () => {
    const jobs = [...sources.map(([stem, src]) => [stem, src, false] as const), ...sources.filter(([stem]) => atomic.has(stem)).map(([stem, src]) => [stem, src, true] as const)].map(([stem, src, atomicDq]) => () => {
      const [cu] = compileCuda(cudaPlans(src, `${stem}.attn`, { backward: true })[0]!).files;
      const path = join(dir, `${stem}.cu`);
      writeFileSync(path, cu!.contents);
      // (without the forward's paged kernels: half the build; nvcc.test.ts and paged.test.ts compile them)
      return nvcc(path, `${path}${atomicDq ? ".atomic-dq" : ""}.o`, ["sm_80", "sm_90a"], ["ATTNC_PAGED=0", ...(atomicDq ? ["ATTNC_BWD_ATOMIC_DQ=1"] : [])]);
    });
    const rs = await pool(jobs, 2);
    rs.forEach((r, i) => {
      expect(r.ok, `${r.file}:\n${r.output.slice(-3000)}`).toBe(true);
      const fns = parseResourceUsage(r.output).filter((f) => f.name.includes("bwd_"));
      // 3 kernels (2 without the query-major pass: when the score has no s, or with dq by atomics) x 2 dtypes x 2 head dims x 2 archs
      expect(fns.length, r.file).toBe(r.file.endsWith("no-s.cu") || i >= sources.length ? 16 : 24);
      for (const f of fns) expect([f.stackFrame, f.spillStores, f.spillLoads], `${r.file} ${f.arch} ${f.name}`).toEqual([0, 0, 0]);
    });
  });
});
