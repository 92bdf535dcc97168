/**
 * Every example's generated CUDA compiles with nvcc for sm_80 and sm_90a, with no local memory
 * (stack frame 0, no spills) in any kernel at D <= 128, the paged-KV instantiations included (each
 * example for one input dtype, bf16 and fp16 in turn). Skipped, with a visible message, when
 * nvcc is not on PATH. Two parallel nvcc workers (CI has 2 cores); the time is printed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderRunner } from "../../backends/cuda/runner.js";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";
import { nvcc, nvccAvailable, parseResourceUsage, pool, type NvccResult } from "./nvcc.js";
import { cudaCases } from "./sources.js";

const HAVE_NVCC = nvccAvailable();
/** a forward kernel's instantiation for a paged KV cache (its last template argument, PAGED, true) */
const PAGED = /Lb1EEEvNS_6ParamsENS_5PagesE$/;
/** the input dtype example i is compiled for (both, over the examples) */
const DTYPE_OF = (i: number) => (i % 2 === 0 ? "bf16" : "f16") as "bf16" | "f16";
if (!HAVE_NVCC) console.warn("tests/cuda: nvcc is not on PATH — skipping the CUDA compile checks (goldens still run)");

describe.skipIf(!HAVE_NVCC)("nvcc compiles every example (sm_80 + sm_90a)", () => {
  const cases = cudaCases();
  const dir = mkdtempSync(join(tmpdir(), "attnc-cuda-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let results: NvccResult[] = [];

  // (144 s for 42 examples on an idle 2-core machine, bench/results/build-time-2026-12-07.md; much
  // longer on a loaded one: the timeout only catches a hang)
  it("compiles", { timeout: 1_500_000 }, async () => {
    // one input dtype per example, bf16 and fp16 in turn (the dtypes' kernels differ in types only: ptxas gave
    // both the same registers on every example checked; one keeps the build as long as before paged KV doubled
    // the forward kernels)
    const jobs = cases.map((c, i) => {
      for (const f of compileCuda(c.plan, { dtype: DTYPE_OF(i) }).files) writeFileSync(join(dir, f.path), f.contents);
      return () => nvcc(join(dir, c.files[0]!.path), join(dir, `${c.plan.name}.o`), ["sm_80", "sm_90a"]);
    });
    const t0 = Date.now();
    results = await pool(jobs, 2);
    const total = (Date.now() - t0) / 1000;
    const slowest = [...results].sort((a, b) => b.seconds - a.seconds)[0];
    console.log(`tests/cuda: nvcc compiled ${results.length} kernels for sm_80 + sm_90a in ${total.toFixed(1)} s with 2 workers (slowest ${slowest?.file.replace(/^.*\//, "")} ${slowest?.seconds.toFixed(1)} s)`);
    for (const r of results) expect(r.ok, `${r.file}:\n${r.output.slice(-3000)}`).toBe(true);
  });

  it("uses no local memory: stack frame 0 and no spills, for the head dims and dtypes", () => {
    expect(results.length).toBe(cases.length);
    results.forEach((r, i) => {
      const fns = parseResourceUsage(r.output);
      const kernels = fns.filter((f) => f.name.includes("forward_kernelI"));
      expect(kernels.every((f) => f.name.includes(DTYPE_OF(i) === "bf16" ? "nv_bfloat16" : "6__half")), `${r.file}: one dtype`).toBe(true);
      // 2 head dims x 2 archs, each dense and paged (k and v in pages)
      expect(kernels.length, `${r.file}: resource usage not found`).toBe(8);
      expect(kernels.filter((f) => PAGED.test(f.name)).length, `${r.file}: paged sm_80 kernels`).toBe(4);
      // the wgmma kernel: a body only in the sm_90a build (2 head dims), empty for sm_80; a paged one
      // beside each but the warp-specialized (a paged call runs the sm_80 kernel there)
      const hopper = fns.filter((f) => f.name.includes("forward_kernel_sm90"));
      const bodies = hopper.filter((f) => f.arch === "sm_90a" && f.registers > 100);
      expect(bodies.filter((f) => !PAGED.test(f.name)).length, `${r.file}: sm_90a wgmma kernels`).toBe(2);
      expect(bodies.filter((f) => PAGED.test(f.name)).length, `${r.file}: paged sm_90a wgmma kernels`).toBe(bodies.filter((f) => !f.name.includes("sm90ws") && !PAGED.test(f.name)).length);
      expect(hopper.filter((f) => f.arch === "sm_80").every((f) => f.registers <= 16), `${r.file}: empty sm_80 stubs`).toBe(true);
      expect(hopper.filter((f) => f.arch === "sm_80").length, `${r.file}: sm_80 stubs`).toBe(hopper.length - bodies.length);
      // the decode kernel (softmax programs): 2 head dims x 2 archs, one instantiation for dense and paged
      const decode = fns.filter((f) => f.name.includes("decode_kernelI"));
      expect(decode.length, `${r.file}: decode kernels`).toBe(cases[i]!.plan.normalize === "softmax" ? 4 : 0);
      for (const f of fns) {
        expect([f.stackFrame, f.spillStores, f.spillLoads], `${r.file} ${f.arch} ${f.name}`).toEqual([0, 0, 0]);
        expect(f.registers).toBeLessThanOrEqual(255);
      }
    });
  });

  it("compiles the on-request head dims 192 and 256 (three examples; spills allowed above 128)", { timeout: 600_000 }, async () => {
    const picks = ["causal", "alibi", "document_causal"].map((n) => cases.find((c) => c.plan.name === n)!);
    const jobs = picks.flatMap((c) =>
      [192, 256].map((d) => () => {
        const files = compileCuda(cudaPlans(readFileSync(c.file, "utf8"), c.file, { headDim: d })[0]!, { dtype: "bf16" }).files;
        const path = join(dir, `d${d}-${files[0]!.path}`);
        writeFileSync(path, files[0]!.contents);
        return nvcc(path, `${path}.o`, ["sm_80", "sm_90a"]);
      }),
    );
    const rs = await pool(jobs, 2);
    for (const r of rs) {
      expect(r.ok, `${r.file}:\n${r.output.slice(-3000)}`).toBe(true);
      const kernels = parseResourceUsage(r.output).filter((f) => f.name.includes("forward_kernelI"));
      expect(kernels.length, r.file).toBe(4); // 2 archs, one head dim and dtype, dense and paged (no sm_90a plan: the sm_80 kernel runs)
      expect(parseResourceUsage(r.output).filter((f) => f.name.includes("decode_kernelI")).length, r.file).toBe(2); // 2 archs
    }
  });

  it("compiles the non-default code shapes of the skeleton (build-time knobs)", { timeout: 600_000 }, async () => {
    // rolled copies and Q.K^T steps, the cheap mask after S, scale folding off and automatic,
    // tile-by-tile classification, other sm_90a tile plans and grid orders
    const knobs = [
      ["ATTNC_LOAD_UNROLL=1", "ATTNC_QS_QK_UNROLL=1", "ATTNC_INLINE_CHEAP_MASK=1", "ATTNC_FOLD_SCALE=0", "ATTNC_SM90_D64_WARPGROUPS=2", "ATTNC_SM90_D128_WARPGROUPS=2", "ATTNC_SM90_D128_MIN_CTAS=1"],
      ["ATTNC_LOAD_UNROLL=2", "ATTNC_QS_QK_UNROLL=2", "ATTNC_FOLD_SCALE=2", "ATTNC_LAZY_RESCALE=1", "ATTNC_CLASSIFY_CHUNK=0", "ATTNC_SM90_D64_BLOCK_KV=128", "ATTNC_SM90_D128_STAGES=3"],
      // the grid order flipped, and P V overlapped where key-column reads are staged (one slot more)
      ["ATTNC_SM90_D64_HEADS_INNER=1", "ATTNC_SM90_D128_HEADS_INNER=0", "ATTNC_SM90_D128_OVERLAP_PV=1", "ATTNC_SM90_D128_WARPGROUPS=1", "ATTNC_SM90_D128_MIN_CTAS=1", "ATTNC_SM90_D128_PRODUCER=0"],
      // the warp-specialized kernel (a producer warp, two consumer warpgroups): WS_KNOBS
      ["ATTNC_SM90_D64_PRODUCER=1", "ATTNC_SM90_D64_WARPGROUPS=2", "ATTNC_SM90_D64_STAGES=3", "ATTNC_SM90_D64_OVERLAP_PV=0", "ATTNC_SM90_D128_PRODUCER=1", "ATTNC_SM90_D128_WARPGROUPS=2", "ATTNC_SM90_D128_BLOCK_KV=64", "ATTNC_SM90_D128_STAGES=3", "ATTNC_SM90_D128_OVERLAP_PV=0", "ATTNC_SM90_D128_MIN_CTAS=1"],
    ];
    const WS_KNOBS = knobs.length - 1; // the set that makes every example's sm_90a kernel the warp-specialized one
    const picks = ["causal", "full", "document_causal"].map((n) => cases.find((c) => c.plan.name === n)!);
    // (the prefill kernels' knobs: the decode kernel is left out, ATTNC_DECODE=0, to keep the build short)
    const jobs = picks.flatMap((c) => knobs.map((k, i) => () => nvcc(join(dir, c.files[0]!.path), join(dir, `knobs${i}-${c.plan.name}.o`), ["sm_90a"], [...k, "ATTNC_DECODE=0"])));
    for (const c of picks) for (const f of compileCuda(c.plan, { dtype: "bf16" }).files) writeFileSync(join(dir, f.path), f.contents);
    const rs = await pool(jobs, 2);
    rs.forEach((r, j) => {
      expect(r.ok, `${r.file}:\n${r.output.slice(-3000)}`).toBe(true);
      const fns = parseResourceUsage(r.output);
      expect(fns.filter((f) => f.name.includes("forward_kernelI")).length, r.file).toBe(4); // 2 head dims, dense and paged
      const sm90 = fns.filter((f) => f.name.includes("forward_kernel_sm90"));
      expect(sm90.filter((f) => !PAGED.test(f.name)).length, r.file).toBe(2);
      expect(sm90.filter((f) => PAGED.test(f.name)).length, r.file).toBe(sm90.filter((f) => !f.name.includes("sm90ws")).length / 2);
      if (j % knobs.length === WS_KNOBS) {
        // the warp-specialized kernel, with no local memory at these plans
        const ws = fns.filter((f) => f.name.includes("forward_kernel_sm90ws"));
        expect(ws.length, r.file).toBe(2);
        for (const f of ws) expect([f.stackFrame, f.spillStores, f.spillLoads], `${r.file} ${f.name}`).toEqual([0, 0, 0]);
      }
    });
  });

  it("rejects P V overlap in the warp-specialized kernel at compile time (it would deadlock)", { timeout: 300_000 }, async () => {
    const c = cases.find((x) => x.plan.name === "document_causal")!; // its D = 128 plan is warp-specialized
    for (const f of c.files) writeFileSync(join(dir, f.path), f.contents);
    const r = await nvcc(join(dir, c.files[0]!.path), join(dir, "ws-overlap.o"), ["sm_90a"], ["ATTNC_SM90_D128_OVERLAP_PV=1"]);
    expect(r.ok).toBe(false);
    expect(r.output).toContain("set OVERLAP_PV=0");
  });

  it("builds the `attnc run` host runner", { timeout: 300_000 }, async () => {
    const c = cases.find((x) => x.plan.inputs.length > 0)!;
    const runner = join(dir, "runner.cu");
    writeFileSync(runner, renderRunner(c.plan, c.files[0]!.path));
    const r = await nvcc(runner, join(dir, "runner.o"), ["sm_80"]);
    expect(r.ok, r.output.slice(-3000)).toBe(true);
  });
});
