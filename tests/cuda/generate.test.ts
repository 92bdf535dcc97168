/**
 * The CUDA backend's generated text: goldens per example (tests/goldens/cuda/, UPDATE_GOLDENS=1 to
 * accept changes), with the shared prelude and skeleton kept once in _shared.cu so a per-example
 * golden shows only what the example changes; plus the contracts of the printed pieces.
 */
import { describe, expect, it } from "vitest";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";
import { cudaTileOf } from "../../backends/cuda/index.js";
import { ERROR_CODES } from "../../backends/cuda/host.js";
import { PRELUDE } from "../../backends/cuda/prelude.js";
import { floatLiteral, intLiteral } from "../../backends/cuda/rules.js";
import { SKELETON_SM80 } from "../../backends/cuda/skeleton-sm80.js";
import { SKELETON_SM90, SM90_HELPERS, wgmmaWrappers } from "../../backends/cuda/skeleton-sm90.js";
import { SKELETON_SM90WS, SM90WS_HELPERS } from "../../backends/cuda/skeleton-sm90ws.js";
import { AttncError } from "../../dsl/diagnostics.js";
import { expectGolden } from "../golden.js";
import { cudaCases } from "./sources.js";

const cases = cudaCases();

describe("generated CUDA goldens", () => {
  const SM90 = `${SM90_HELPERS}\n${wgmmaWrappers([48, 64, 96, 128])}\n\n${SKELETON_SM90}\n${SM90WS_HELPERS}\n${SKELETON_SM90WS}`;
  it("shared prelude and sm_80 and sm_90a skeletons", () => {
    expectGolden("cuda/_shared.cu", `// ---- prelude ----\n${PRELUDE}\n// ---- skeleton (sm_80+) ----\n${SKELETON_SM80}\n// ---- skeletons (sm_90a: wgmma; warp-specialized) ----\n${SM90}`);
  });
  it.each(cases.map((c) => [`${c.stem}/${c.plan.name}`, c] as const))("%s", (_, c) => {
    for (const f of c.files) {
      expect(f.contents).toContain(f.path.endsWith(".cu") ? PRELUDE : "#pragma once");
      const text = f.contents.replace(PRELUDE, "// <prelude: _shared.cu>\n").replace(SKELETON_SM80, "// <skeleton: _shared.cu>\n").replace(SM90, "// <sm_90a skeleton: _shared.cu>\n");
      if (f.path.endsWith(".cu")) expect(text).toContain("// <sm_90a skeleton: _shared.cu>");
      expectGolden(`cuda/${c.stem}/${f.path}`, text);
    }
  });
});

describe("generated CUDA contracts", () => {
  it("reports the tile plans the kernels use (manifest, --emit plan)", () => {
    const tile = (src: string, headDim?: number) => cudaTileOf(cudaPlans(src, "a.attn", { headDim })[0]!);
    const causal = tile("attention a { mask kv <= q }");
    expect([causal.blockQ, causal.blockKV]).toEqual([128, 128]); // sm_90a lean plan at D = 128
    expect(causal.extra?.sm90_d128).toContain("2 warpgroup(s) x 64 rows, 128 keys");
    expect(causal.extra?.sm80_d64).toContain("4 warps x 32 rows, 64 keys");
    const window = tile("attention a { mask kv <= q && q - kv < 256 }");
    expect([window.blockQ, window.blockKV]).toEqual([64, 64]);
    const doc = tile("attention a { input doc: i32[B, Q_LEN]\n mask doc[b, q] == doc[b, kv] && kv <= q }");
    expect([doc.blockQ, doc.blockKV]).toEqual([128, 96]); // tensor-reading classifier: the warp-specialized kernel
    expect(doc.extra?.sm90_d128).toContain("warp-specialized");
    expect(causal.extra?.sm90_d128).not.toContain("warp-specialized");
    expect(doc.extra?.sm90_d128).toContain("heads innermost in the grid"); // data-dependent work per tile
    expect(causal.extra?.sm90_d128).not.toContain("heads innermost");
    const big = tile("attention a { mask kv <= q }", 256);
    expect([big.blockQ, big.blockKV]).toEqual([64, 32]); // no sm_90a plan: the sm_80 kernel's
    expect(Object.keys(big.extra ?? {})).toEqual(["sm80_d256"]);
  });
  it("--dtype instantiates one input dtype; both entry points reject the other before anything runs", () => {
    const plan = cudaPlans("attention a {\n  input bias: f32[H, KV_LEN]\n  mask kv <= q\n  score s + bias[h, kv]\n}", "a.attn", { backward: true })[0]!;
    const both = compileCuda(plan).files[0]!.contents;
    expect(both).toContain("dispatch<__half>(p, pg, stream)");
    for (const [dtype, other, code] of [["bf16", "__half", "ATTNC_DTYPE_BF16"], ["f16", "__nv_bfloat16", "ATTNC_DTYPE_F16"]] as const) {
      const [cu, h] = compileCuda(plan, { dtype }).files;
      expect(cu!.contents).not.toContain(`dispatch<${other}>`);
      expect(cu!.contents).not.toContain(`bwd_dispatch<${other}>`);
      // the forward's checks are in the paged entry point, which attnc_a_forward calls with no lengths and no pages
      expect(cu!.contents).toMatch(/extern "C" int attnc_a_forward\([^)]*\) \{\n  return attnc_a_forward_paged\(/);
      for (const entry of ["_forward_paged(", "_backward_varlen("]) {
        const body = cu!.contents.slice(cu!.contents.indexOf(`extern "C" int attnc_a${entry}`));
        const check = body.indexOf(`if (dtype != ${code}) return ATTNC_ERR_DTYPE;`);
        expect(check, `${dtype} ${entry}`).toBeGreaterThan(0);
        expect(check).toBeLessThan(body.search(/cudaMallocAsync|cudaMemsetAsync|dispatch</));
      }
      expect(h!.contents).toContain(`--dtype ${dtype}`);
    }
  });

  it("is deterministic", () => {
    for (const c of cases.slice(0, 5)) expect(compileCuda(c.plan).files).toEqual(c.files);
  });
  it("declares the entry point identically in the .cu and the .h", () => {
    for (const c of cases) {
      const [cu, h] = c.files;
      const protos = h!.contents.match(/int attnc_\w+_forward(_varlen|_paged)?\([^)]*\)/g)!;
      expect(protos.length).toBe(3);
      for (const proto of protos) expect(cu!.contents).toContain(`extern "C" ${proto}`);
      const query = h!.contents.match(/int attnc_\w+_skeleton\(int D\)/)![0];
      expect(cu!.contents).toContain(`extern "C" ${query}`);
      for (const [name, code] of ERROR_CODES) expect(h!.contents).toContain(`#define ${name} ${code}`);
    }
  });
  it("binds every run-time fact the classifier reads", () => {
    const doc = cases.find((c) => c.plan.name === "document_causal")!;
    expect(doc.plan.facts.length).toBeGreaterThan(0);
    for (const f of doc.plan.facts) expect(doc.files[0]!.contents).toContain(`const bool ${f.var} = p.fact_violations[`);
    expect(doc.files[0]!.contents).toContain("fact_nondecreasing<<<");
  });
  it("reads a key-column tensor once per key: staged with K on sm_90a, shared by a thread's rows", () => {
    const doc = cases.find((c) => c.plan.name === "document_causal")!;
    const cu = doc.files[0]!.contents;
    const cols = doc.plan.schedule.columns;
    expect(cols.map((c) => c.level)).toEqual(["col"]);
    expect(cu).toContain("constexpr int kNumCols = 1;");
    expect(cu).toMatch(new RegExp(`const void\\* ${cols[0]!.name}_src = attnc_ptr_doc\\(p, b, kv\\);`));
    // the mask reads the staged value, not the tensor
    const mask = cu.slice(cu.indexOf("__device__ __forceinline__ bool mask("), cu.indexOf("// the score L"));
    expect(mask).toContain(`const int ${cols[0]!.name} = cc.${cols[0]!.name};`);
    expect(mask).not.toContain("attnc_load_doc(p, b, kv)");
    const causal = cases.find((c) => c.plan.name === "causal")!;
    expect(causal.files[0]!.contents).toContain("constexpr int kNumCols = 0;");
    // a column's index temporaries stay in its declarations; a read indexed by another is addressed
    // with that read's value (tests/cuda/fixtures/column-reads.attn; nvcc.test.ts compiles it)
    const fx = cases.find((c) => c.plan.name === "column_reads")!.files[0]!.contents;
    const fxMask = fx.slice(fx.indexOf("__device__ __forceinline__ bool mask("), fx.indexOf("// tile classes"));
    expect(fxMask).not.toMatch(/\btcol\d+_\d+\b/);
    expect(fx).toMatch(/const int (tcol\d+) = attnc_load_perm\(p, b, kv\);[\s\S]*const void\* tcol\d+_src = attnc_ptr_doc\(p, b, \1\);/);
  });
  it("instantiates 64 and 128 by default, 192 and 256 on request, and rejects others with E0406", () => {
    const src = "attention a { mask kv <= q }";
    expect(() => compileCuda(cudaPlans(src, "a.attn", { headDim: 96 })[0]!)).toThrow(AttncError);
    expect(() => cudaPlans(src, "a.attn", { headDim: 96 })).toThrow(/E0406.*64, 128, 192, 256/);
    const [f] = compileCuda(cudaPlans(src, "a.attn", { headDim: 64 })[0]!).files;
    expect(f!.contents).toContain("case 64:");
    expect(f!.contents).not.toContain("case 128:");
    const [all] = compileCuda(cudaPlans(src, "a.attn")[0]!).files;
    expect(all!.contents).toMatch(/case 64:[\s\S]*case 128:/);
    expect(all!.contents).not.toContain("case 256:");
    for (const d of [192, 256]) {
      const [g] = compileCuda(cudaPlans(src, "a.attn", { headDim: d })[0]!).files;
      expect(g!.contents).toContain(`case ${d}:`);
      expect(g!.contents).toContain(`#define ATTNC_D${d}_BLOCK_KV 32`);
    }
  });
  it("prints literals that keep their value and type", () => {
    expect(floatLiteral(1.5)).toBe("1.5f");
    expect(floatLiteral(30)).toBe("30.0f");
    expect(floatLiteral(-0.25)).toBe("(-0.25f)");
    expect(floatLiteral(Infinity)).toBe("INFINITY");
    expect(floatLiteral(-Infinity)).toBe("(-INFINITY)");
    // folded float64 constants beyond float32's range (found by the fuzzer: `Infinity.0f`)
    expect(floatLiteral(2.5 * 3.4028234e38)).toBe("INFINITY");
    expect(floatLiteral(-1e300)).toBe("(-INFINITY)");
    expect(floatLiteral(1e-7)).toBe(`${Math.fround(1e-7)}f`);
    expect(intLiteral(-2147483648)).toBe("(-2147483647 - 1)");
    expect(intLiteral(-3)).toBe("(-3)");
  });
});
