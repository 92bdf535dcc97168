/**
 * The CLI end to end (in-process through `main`, plus one run of the built binary): outputs,
 * diagnostics with file:line:col and a caret, --json, exit codes 0/1/2, and atomic output.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { encodeNpy, parseNpy } from "../../cli/npy.js";
import { lowerSource } from "../../compiler/pipeline.js";
import { oracle } from "../oracle/oracle.js";
import { compareToOracle } from "../oracle/compare.js";
import { Rng } from "../arbitraries/rng.js";
import { roundedToF16 } from "../wgsl/helpers.js";
import { cli, tmp } from "./helpers.js";

function writeInputs(dir: string, s: { B: number; H: number; H_KV: number; Q: number; KV: number; D: number; DV: number }, seed = 1) {
  const rng = new Rng(seed);
  const randn = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const data = { q: randn(s.B * s.H * s.Q * s.D), k: randn(s.B * s.H_KV * s.KV * s.D), v: randn(s.B * s.H_KV * s.KV * s.DV) };
  writeFileSync(join(dir, "q.npy"), encodeNpy(data.q, [s.B, s.H, s.Q, s.D]));
  writeFileSync(join(dir, "k.npy"), encodeNpy(data.k, [s.B, s.H_KV, s.KV, s.D]));
  writeFileSync(join(dir, "v.npy"), encodeNpy(data.v, [s.B, s.H_KV, s.KV, s.DV]));
  return data;
}

describe("attnc compile", () => {
  it("writes the kernel and a manifest", async () => {
    const out = tmp();
    const r = await cli("compile", "examples/alibi.attn", "--out", out, "--param", "w=64");
    expect(r.code, r.err).toBe(1); // alibi has no param w
    expect(r.err).toMatch(/error\[E0401\]: unknown param `w`/);
    expect(readdirSync(out)).toEqual([]);
    const ok = await cli("compile", "examples/sliding-window.attn", "--out", out, "--param", "window=64", "--head-dim", "64");
    expect(ok.code, ok.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["sliding_window.manifest.json", "sliding_window.ts"]);
    const m = JSON.parse(readFileSync(join(out, "sliding_window.manifest.json"), "utf8"));
    expect(m.params).toEqual([{ name: "window", type: "int", value: 64 }]);
    expect(m.headDim).toBe(64);
    expect(m.classifier.kvRange).not.toBeNull();
    expect(readFileSync(join(out, "sliding_window.ts"), "utf8")).toMatch(/export function forward/);
  });

  it("prints each stage with --emit", async () => {
    const ir = await cli("compile", "examples/softcap.attn", "--emit", "ir");
    expect(ir.out).toContain("score = mul(tanh(div(s, 50.0f)), 50.0f) : float");
    const lowered = await cli("compile", "examples/softcap.attn", "--emit", "ir", "--after", "lower");
    expect(lowered.code).toBe(0);
    for (const pass of ["fold-constants", "fuse-mask-score", "simplify"]) {
      expect((await cli("compile", "examples/softcap.attn", "--emit", "ir", "--after", pass)).code).toBe(0);
    }
    const ast = await cli("compile", "examples/causal.attn", "--emit", "ast");
    expect(JSON.parse(ast.out).attentions[0].name).toBe("causal");
    const plan = await cli("compile", "examples/causal.attn", "--emit", "plan");
    expect(JSON.parse(plan.out).classify.anyVisible).toBeTypeOf("string");
  });

  it("usage errors exit 2", async () => {
    expect((await cli("compile")).code).toBe(2);
    expect((await cli("compile", "x.attn", "--bogus")).code).toBe(2);
    expect((await cli("compile", "x.attn", "--target", "metal")).code).toBe(2);
    // --dtype is the CUDA target's (bf16 or f16)
    expect((await cli("compile", "examples/causal.attn", "--dtype", "f16")).code).toBe(2);
    expect((await cli("compile", "examples/causal.attn", "--target", "cuda", "--dtype", "fp8")).code).toBe(2);
    expect((await cli("compile", "examples/causal.attn", "--emit", "ir", "--after", "nope")).code).toBe(2);
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("run", "examples/causal.attn")).code).toBe(2);
  });
});

describe("attnc check", () => {
  it("accepts a valid file", async () => {
    const r = await cli("check", "examples/causal.attn");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ok/);
  });

  it("reports file:line:col, the code, the source line and a caret; exit 1", async () => {
    const dir = tmp();
    const f = join(dir, "bad.attn");
    writeFileSync(f, "attention a {\n  mask q >= kvv\n}\n");
    const r = await cli("check", f);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${f}:2:13: error[E0201]`);
    expect(r.err).toContain("2 |   mask q >= kvv");
    expect(r.err).toMatch(/\n {2}\| {13}\^\^\^/);
    const j = await cli("check", f, "--json");
    expect(j.code).toBe(1);
    const d = JSON.parse(j.out).diagnostics[0];
    expect([d.code, d.line, d.column, d.file]).toEqual(["E0201", 2, 13, f]);
  });

  it("a missing file is a diagnostic, not a crash", async () => {
    const r = await cli("check", "/nonexistent/x.attn");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0403/);
  });
});

describe("attnc run", () => {
  it("runs on .npy inputs and matches the oracle", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    const s = { B: 1, H: 4, H_KV: 2, Q: 19, KV: 19, D: 8, DV: 5 };
    const data = writeInputs(dir, s);
    const doc = Int32Array.from({ length: s.Q }, (_, i) => Math.floor(i / 6));
    writeFileSync(join(dir, "doc.npy"), encodeNpy(doc, [1, s.Q]));
    const r = await cli("run", "examples/document-causal.attn", "--inputs", dir, "--out", out);
    expect(r.code, r.err).toBe(0);
    const o = parseNpy(readFileSync(join(out, "o.npy")), "o.npy");
    const lse = parseNpy(readFileSync(join(out, "lse.npy")), "lse.npy");
    expect(o.shape).toEqual([1, 4, 19, 5]);
    expect(lse.shape).toEqual([1, 4, 19]);
    const [ir] = lowerSource(readFileSync("examples/document-causal.attn", "utf8"), "x");
    const sizes = { B: 1, H: 4, H_KV: 2, Q_LEN: 19, KV_LEN: 19, D: 8, DV: 5 };
    const ref = oracle(ir!, { ...data, tensors: { doc } }, sizes);
    const e = compareToOracle(ref, o.data, lse.data);
    expect(e.maxRelO).toBeLessThanOrEqual(1e-5);
    expect(e.maxRelLse).toBeLessThanOrEqual(1e-5);
  });

  it("--target wgsl runs through Dawn, names the adapter, and takes --dtype f16", async () => {
    const dir = tmp();
    const s = { B: 1, H: 2, H_KV: 1, Q: 21, KV: 23, D: 8, DV: 6 };
    const data = writeInputs(dir, s);
    const [ir] = lowerSource(readFileSync("examples/causal.attn", "utf8"), "x");
    const sizes = { B: 1, H: 2, H_KV: 1, Q_LEN: 21, KV_LEN: 23, D: 8, DV: 6 };
    for (const dtype of [null, "f16"]) {
      const out = join(dir, `out-${dtype}`);
      const r = await cli("run", "examples/causal.attn", "--target", "wgsl", "--inputs", dir, "--out", out, ...(dtype ? ["--dtype", dtype] : []));
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^wgsl: ran on \S/);
      if (dtype) expect(r.out).toMatch(/q, k, v rounded to float16/);
      const o = parseNpy(readFileSync(join(out, "o.npy")), "o.npy");
      const lse = parseNpy(readFileSync(join(out, "lse.npy")), "lse.npy");
      const r16 = (a: Float32Array) => (dtype ? roundedToF16(a) : a);
      const ref = oracle(ir!, { q: r16(data.q), k: r16(data.k), v: r16(data.v), tensors: {} }, sizes);
      const e = compareToOracle(ref, o.data, lse.data, { flushSubnormals: true });
      expect(e.maxRelO, e.worst).toBeLessThanOrEqual(1e-4);
      expect(e.maxRelLse, e.worst).toBeLessThanOrEqual(1e-4);
    }
    const bad = await cli("run", "examples/causal.attn", "--target", "wgsl", "--dtype", "bf16", "--inputs", dir, "--out", join(dir, "bad"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/no bfloat16\); use --dtype f16/);
    expect((await cli("run", "examples/causal.attn", "--dtype", "f16", "--inputs", dir, "--out", join(dir, "bad"))).code).toBe(2);
    expect(existsSync(join(dir, "bad"))).toBe(false);
  }, 60_000);

  it("bad shapes, dtypes and missing inputs are clear errors and write nothing", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    writeInputs(dir, { B: 1, H: 3, H_KV: 2, Q: 4, KV: 4, D: 8, DV: 8 });
    let r = await cli("run", "examples/causal.attn", "--inputs", dir, "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0408.*H \(3, from q.npy\) must be a multiple of H_KV \(2, from k.npy\)/);
    writeInputs(dir, { B: 1, H: 2, H_KV: 2, Q: 4, KV: 4, D: 8, DV: 8 });
    r = await cli("run", "examples/alibi.attn", "--inputs", dir, "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0403\]: missing input file .*slopes.npy/);
    writeFileSync(join(dir, "slopes.npy"), encodeNpy(new Int32Array(2), [2]));
    r = await cli("run", "examples/alibi.attn", "--inputs", dir, "--out", out);
    expect(r.err).toMatch(/slopes.npy must be float32 as declared: floats .*got int32/);
    writeFileSync(join(dir, "slopes.npy"), encodeNpy(new Float32Array(3), [3]));
    r = await cli("run", "examples/alibi.attn", "--inputs", dir, "--out", out);
    expect(r.err).toMatch(/slopes.npy has shape \(3\); the declaration needs \(H=2\)/);
    writeFileSync(join(dir, "slopes.npy"), Buffer.from("not numpy"));
    r = await cli("run", "examples/alibi.attn", "--inputs", dir, "--out", out);
    expect(r.err).toMatch(/E0405/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it("a tensor read out of bounds is a run-time error naming the tensor; no partial output", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    writeInputs(dir, { B: 1, H: 2, H_KV: 2, Q: 4, KV: 9, D: 8, DV: 8 });
    writeFileSync(join(dir, "doc.npy"), encodeNpy(new Int32Array(4), [1, 4]));
    const r = await cli("run", "examples/document-causal.attn", "--inputs", dir, "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0407.*doc\[0, 4\] \(shape \[1, 4\]\)/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe("the built binary", () => {
  it("runs as `node dist/cli/main.js` with exit codes", () => {
    if (!existsSync("dist/cli/main.js")) throw new Error("dist/ is missing: the test command builds it first (npm run build)");
    const ok = spawnSync(process.execPath, ["dist/cli/main.js", "check", "examples/causal.attn"], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    const bad = spawnSync(process.execPath, ["dist/cli/main.js", "check", "tests/diagnostics/E0201.attn"], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/tests\/diagnostics\/E0201.attn:\d+:\d+: error\[E0201\]/);
    const usage = spawnSync(process.execPath, ["dist/cli/main.js", "compile"], { encoding: "utf8" });
    expect(usage.status).toBe(2);
  });
});
