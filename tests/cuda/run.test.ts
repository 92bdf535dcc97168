/**
 * `attnc run --target cuda` without the means to run: a clear E0409 (never a crash, never a
 * half-built cache entry). Where a GPU exists these tests are skipped (the GPU harness covers it).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { archFlags, runCuda } from "../../backends/cuda/run.js";
import { AttncError } from "../../dsl/diagnostics.js";

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
