/**
 * `attnc run --target cuda` without the means to run: a clear E0409 (never a crash, never a
 * half-built cache entry). Where a GPU exists these tests are skipped (the GPU harness covers it).
 * A paged KV cache: its shapes are checked before anything is built (E0404), a backward with one is
 * E0409, and the library sends it to the cuda target (which reads pages).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { archFlags, runCuda } from "../../backends/cuda/run.js";
import { AttncError } from "../../dsl/diagnostics.js";
import { backward, run } from "../../index.js";

const HAVE_GPU = spawnSync("nvidia-smi", ["-L"], { encoding: "utf8" }).status === 0;
const src = "attention causal { mask kv <= q }";
const sizes = { B: 1, H: 1, H_KV: 1, Q_LEN: 4, KV_LEN: 4, D: 64, DV: 64 };
const data = { q: new Float32Array(256), k: new Float32Array(256), v: new Float32Array(256), tensors: {}, sizes };

async function code(): Promise<string> {
  try {
    await runCuda(src, "causal.attn", data, {});
  } catch (e) {
    expect(e).toBeInstanceOf(AttncError);
    const d = (e as AttncError).diagnostics[0]!;
    return `${d.code}: ${d.message}`;
  }
  return "no error";
}

describe.skipIf(HAVE_GPU)("attnc run --target cuda without a GPU", () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });
  it("says nvcc is missing when it is not on PATH", async () => {
    process.env.PATH = mkdtempSync(join(tmpdir(), "attnc-empty-path-"));
    expect(await code()).toMatch(/^E0409: .*nvcc is not on PATH/);
  });
  it("says no GPU was found when nvcc is there but no GPU is", async () => {
    if (spawnSync("nvcc", ["--version"]).status !== 0) return;
    expect(await code()).toMatch(/^E0409: .*no CUDA GPU found/);
  });
});

describe("attnc run --target cuda: the build's arch", () => {
  it("builds for sm_90a on compute capability 9.x (the wgmma kernel needs it), natively elsewhere", () => {
    expect(archFlags("9.0")).toEqual(["-gencode=arch=compute_90a,code=sm_90a"]);
    expect(archFlags("8.0")).toEqual(["-arch=native"]);
    expect(archFlags("12.0")).toEqual(["-arch=native"]);
    expect(archFlags(null)).toEqual(["-arch=native"]);
  });
});

describe("attnc run --target cuda: a paged KV cache", () => {
  // B 2, H_KV 1, PAGE 2, D 64: the table [2, KV_LEN / PAGE = 2], k and v 3 pages
  const sizes = { B: 2, H: 1, H_KV: 1, Q_LEN: 1, KV_LEN: 4, D: 64, DV: 64 };
  const paged = (table: number[], pages = 3) => ({
    q: new Float32Array(2 * 64), k: new Float32Array(pages * 2 * 64), v: new Float32Array(pages * 2 * 64), tensors: {}, sizes,
    pages: { table: Int32Array.from(table), size: 2 },
  });
  const codeOf = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      expect(e).toBeInstanceOf(AttncError);
      const d = (e as AttncError).diagnostics[0]!;
      return `${d.code}: ${d.message}`;
    }
    return "no error";
  };
  it("checks the table's and the pages' shapes before building anything (E0404)", async () => {
    expect(await codeOf(() => runCuda(src, "causal.attn", paged([0, 1, 2]), {}))).toMatch(/^E0404: a page table needs a page size dividing KV_LEN \(4\) and B x KV_LEN \/ PAGE/);
    const odd = { ...paged([0, 1, 2, 0]), v: new Float32Array(2 * 2 * 64) };
    expect(await codeOf(() => runCuda(src, "causal.attn", odd, {}))).toMatch(/^E0404: paged k and v must both be \[NUM_PAGES, H_KV, PAGE, D\]/);
    const bad = { ...paged([0, 1, 2, 0]), pages: { table: Int32Array.of(0, 1, 2, 0), size: 3 } };
    expect(await codeOf(() => runCuda(src, "causal.attn", bad, {}))).toMatch(/^E0404/);
  });
  it("the library runs pages on the cuda target (here: E0409 only for the missing GPU); a backward refuses them", async () => {
    const r = await codeOf(() => run(src, "causal.attn", paged([0, 1, 2, 0]), { target: "cuda" }));
    if (!HAVE_GPU) expect(r).toMatch(/^E0409: the cuda target cannot run here/);
    expect(await codeOf(() => backward(src, "causal.attn", paged([0, 1, 2, 0]), new Float32Array(2 * 64), { target: "cuda" }))).toMatch(/^E0409: the backward does not take a page table/);
    expect(await codeOf(() => runCuda(src, "causal.attn", paged([0, 1, 2, 0]), { dO: new Float32Array(2 * 64) }))).toMatch(/^E0409: the backward does not take a page table/);
  });
});
