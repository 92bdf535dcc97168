/**
 * `attnc compile --target cuda --arch sm_80|sm_90a` (issue #14, build time): sm_80 leaves the Hopper
 * kernels out of the file, sm_90a keeps both skeletons (the mma.sync kernels serve the shapes the
 * wgmma kernels do not take), and the banner's nvcc line builds that architecture only; a bad
 * value or a target other than cuda is a usage error. With nvcc on PATH, the sm_80 file compiles
 * for sm_80 to PTX (the quick check of tests/cuda/nvcc.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tmp } from "../cli/helpers.js";
import { nvccAvailable, nvccPtx } from "./nvcc.js";

const EXAMPLE = new URL("../../examples/causal.attn", import.meta.url).pathname;

describe("attnc compile --arch", () => {
  it("sm_80: no Hopper kernels; sm_90a: both skeletons; default: both archs in the banner", async () => {
    const dir = tmp();
    const cu = async (arch?: string) => {
      const out = join(dir, arch ?? "both");
      const r = await cli("compile", EXAMPLE, "--target", "cuda", "--head-dim", "128", "--dtype", "bf16", "--out", out, ...(arch ? ["--arch", arch] : []));
      expect(r.code, r.err).toBe(0);
      return readFileSync(join(out, "causal.cu"), "utf8");
    };
    const sm80 = await cu("sm_80");
    const sm90 = await cu("sm_90a");
    const both = await cu();
    expect(sm80).not.toMatch(/wgmma/);
    expect(sm80).toMatch(/^\/\/ Build \(for sm_80 only: attnc compile --arch sm_80\): nvcc .*-gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_80,code=compute_80 -c causal\.cu$/m);
    expect(sm90).toMatch(/wgmma/);
    expect(sm90).toMatch(/^\/\/ Build \(for sm_90a only: attnc compile --arch sm_90a\): nvcc -O3 -std=c\+\+17 -gencode=arch=compute_90a,code=sm_90a -c causal\.cu$/m);
    expect(both).toMatch(/code=sm_80 -gencode=arch=compute_90a,code=sm_90a/);
    // sm_90a is the default file with its own build line
    expect(sm90.split("\n").slice(2)).toEqual(both.split("\n").slice(2));
    expect(sm80.length).toBeLessThan(sm90.length);
  });

  it("a bad --arch, or --arch without --target cuda: usage errors (exit 2)", async () => {
    const bad = await cli("compile", EXAMPLE, "--target", "cuda", "--arch", "sm_75");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--arch takes sm_80 or sm_90a/);
    const ts = await cli("compile", EXAMPLE, "--arch", "sm_80");
    expect(ts.code).toBe(2);
    expect(ts.err).toMatch(/--arch goes with --target cuda/);
  });

  it.skipIf(!nvccAvailable())("the sm_80 file compiles for sm_80 (PTX)", async () => {
    const dir = tmp();
    const r = await cli("compile", EXAMPLE, "--target", "cuda", "--head-dim", "64", "--dtype", "bf16", "--arch", "sm_80", "--out", dir);
    expect(r.code, r.err).toBe(0);
    const res = await nvccPtx(join(dir, "causal.cu"), join(dir, "causal.ptx"), "sm_80");
    expect(res.ok, res.output).toBe(true);
  }, 300_000);
});
