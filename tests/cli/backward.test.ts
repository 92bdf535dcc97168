/**
 * `--backward` from the CLI (issue #12's pinned contract): `attnc run --backward` reads do.npy and
 * writes dq.npy, dk.npy, dv.npy and d_NAME.npy for every f32 input besides o.npy and lse.npy, equal
 * to the float64 backward oracle; zero gradients are warned about (W0501, W0502) and the command
 * still succeeds; bad dO, an input named `do` and targets without a backward are errors that write
 * nothing. `attnc compile --backward` adds the backward to the module and the manifest, and
 * `--emit grad` prints the score's derivatives.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy, parseNpy } from "../../cli/npy.js";
import { lowerSource } from "../../compiler/pipeline.js";
import { oracleBackward } from "../oracle/backward.js";
import { gradError } from "../oracle/compare-grad.js";
import { Rng } from "../arbitraries/rng.js";
import { cli, tmp } from "./helpers.js";

const PROGRAM = `# ALiBi with trainable slopes, a learnable bias table, and a gate read only by the mask
attention trainable {
  input slopes: f32[H]
  input table: f32[H, 9]
  input gate: f32[KV_LEN]
  mask q + KV_LEN - Q_LEN >= kv && gate[kv] > -1.0
  score 20.0 * tanh((s - slopes[h] * float(q - kv) + table[h, clamp(q - kv, 0, 8)]) / 20.0)
}
`;
const S = { B: 2, H: 4, H_KV: 2, Q_LEN: 13, KV_LEN: 17, D: 8, DV: 5 };

function setUp(withDo = true) {
  const dir = tmp();
  const rng = new Rng(5);
  const r = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const data = {
    q: r(S.B * S.H * S.Q_LEN * S.D), k: r(S.B * S.H_KV * S.KV_LEN * S.D), v: r(S.B * S.H_KV * S.KV_LEN * S.DV),
    tensors: { slopes: r(S.H), table: r(S.H * 9), gate: r(S.KV_LEN) },
  };
  const dO = r(S.B * S.H * S.Q_LEN * S.DV);
  writeFileSync(join(dir, "p.attn"), PROGRAM);
  writeFileSync(join(dir, "q.npy"), encodeNpy(data.q, [S.B, S.H, S.Q_LEN, S.D]));
  writeFileSync(join(dir, "k.npy"), encodeNpy(data.k, [S.B, S.H_KV, S.KV_LEN, S.D]));
  writeFileSync(join(dir, "v.npy"), encodeNpy(data.v, [S.B, S.H_KV, S.KV_LEN, S.DV]));
  writeFileSync(join(dir, "slopes.npy"), encodeNpy(data.tensors.slopes, [S.H]));
  writeFileSync(join(dir, "table.npy"), encodeNpy(data.tensors.table, [S.H, 9]));
  writeFileSync(join(dir, "gate.npy"), encodeNpy(data.tensors.gate, [S.KV_LEN]));
  if (withDo) writeFileSync(join(dir, "do.npy"), encodeNpy(dO, [S.B, S.H, S.Q_LEN, S.DV]));
  return { dir, data, dO };
}

const read = (dir: string, name: string) => parseNpy(readFileSync(join(dir, `${name}.npy`)), name);

describe("attnc run --backward", () => {
  it("writes o, lse, dq, dk, dv and d_NAME for every f32 input, equal to the oracle; warns about the zero gradient", async () => {
    const { dir, data, dO } = setUp();
    const out = join(dir, "out");
    const r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", out, "--backward");
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["d_gate.npy", "d_slopes.npy", "d_table.npy", "dk.npy", "dq.npy", "dv.npy", "lse.npy", "o.npy"]);
    expect(r.err).toMatch(/p\.attn:5:9: warning\[W0502\]: `gate` gets a zero gradient/);
    expect(read(out, "dq").shape).toEqual([S.B, S.H, S.Q_LEN, S.D]);
    expect(read(out, "dk").shape).toEqual([S.B, S.H_KV, S.KV_LEN, S.D]);
    expect(read(out, "dv").shape).toEqual([S.B, S.H_KV, S.KV_LEN, S.DV]);
    expect(read(out, "d_table").shape).toEqual([S.H, 9]);
    const [ir] = lowerSource(PROGRAM, "p.attn");
    const ref = oracleBackward(ir!, data, dO, S);
    const got = {
      dq: read(out, "dq").data, dk: read(out, "dk").data, dv: read(out, "dv").data,
      dTensors: { slopes: read(out, "d_slopes").data, table: read(out, "d_table").data, gate: read(out, "d_gate").data },
    };
    const e = gradError(ref, got);
    expect(e.worst, e.report).toBeLessThanOrEqual(1e-4);
    expect(Array.from(got.dTensors.gate).every((x) => x === 0)).toBe(true);
    expect(Array.from(got.dTensors.slopes).some((x) => Math.abs(x) > 1e-3)).toBe(true);
  });

  it("--target wgsl (Dawn) writes the same files, equal to the oracle", async () => {
    const { dir, data, dO } = setUp();
    const out = join(dir, "wout");
    const r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", out, "--backward", "--target", "wgsl");
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["d_gate.npy", "d_slopes.npy", "d_table.npy", "dk.npy", "dq.npy", "dv.npy", "lse.npy", "o.npy"]);
    const [ir] = lowerSource(PROGRAM, "p.attn");
    const got = {
      dq: read(out, "dq").data, dk: read(out, "dk").data, dv: read(out, "dv").data,
      dTensors: { slopes: read(out, "d_slopes").data, table: read(out, "d_table").data, gate: read(out, "d_gate").data },
    };
    const e = gradError(oracleBackward(ir!, data, dO, S), got);
    expect(e.worst, e.report).toBeLessThanOrEqual(1e-4);
  }, 120_000);

  it("--json carries the warnings", async () => {
    const { dir } = setUp();
    const r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", join(dir, "o2"), "--backward", "--json");
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.warnings.map((w: { code: string }) => w.code)).toEqual(["W0502"]);
    expect(j.written).toHaveLength(8);
  });

  it("a missing or misshapen do.npy, an input named `do`: errors, nothing written", async () => {
    const { dir } = setUp(false);
    const out = join(dir, "out");
    let r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", out, "--backward");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0403.*do\.npy/);
    writeFileSync(join(dir, "do.npy"), encodeNpy(new Float32Array(S.B * S.H * S.Q_LEN * S.D), [S.B, S.H, S.Q_LEN, S.D]));
    r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", out, "--backward");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0404.*do\.npy.*\(2, 4, 13, 5\)/);
    writeFileSync(join(dir, "do.attn"), "attention a {\n  input do: f32[H]\n  score s + do[h]\n}\n");
    r = await cli("run", join(dir, "do.attn"), "--inputs", dir, "--out", out, "--backward");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0411.*input `do`/);
    expect(existsSync(out)).toBe(false);
  });
});

const HAVE_GPU = spawnSync("nvidia-smi", ["-L"], { encoding: "utf8" }).status === 0;
describe.skipIf(HAVE_GPU)("attnc run --target cuda --backward without a GPU", () => {
  it("is E0409 (no nvcc or no GPU) and writes nothing", async () => {
    const { dir } = setUp();
    const out = join(dir, "out");
    const r = await cli("run", join(dir, "p.attn"), "--inputs", dir, "--out", out, "--backward", "--target", "cuda");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0409.*the cuda target cannot run here/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("attnc compile --backward", () => {
  it("adds `backward` to the TypeScript module and the manifest lists the gradients", async () => {
    const { dir } = setUp();
    const out = join(dir, "k");
    const r = await cli("compile", join(dir, "p.attn"), "--backward", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/W0502/);
    expect(readFileSync(join(out, "trainable.ts"), "utf8")).toMatch(/export function backward\(/);
    const m = JSON.parse(readFileSync(join(out, "trainable.manifest.json"), "utf8"));
    expect(m.backward.outputs.tensors.map((t: { output: string }) => t.output)).toEqual(["d_slopes", "d_table", "d_gate"]);
    expect(m.backward.outputs.dk).toEqual(["B", "H_KV", "KV_LEN", "D"]);
    expect(m.backward.derivatives.sites).toHaveLength(2);
    // without --backward: neither
    const plain = join(dir, "plain");
    expect((await cli("compile", join(dir, "p.attn"), "--out", plain)).err).toBe("");
    expect(readFileSync(join(plain, "trainable.ts"), "utf8")).not.toMatch(/function backward/);
    expect(JSON.parse(readFileSync(join(plain, "trainable.manifest.json"), "utf8")).backward).toBeUndefined();
  });

  it("--emit grad prints the derivatives; CUDA writes its backward entry point, WGSL its host module's backward", async () => {
    const { dir } = setUp();
    const r = await cli("compile", join(dir, "p.attn"), "--emit", "grad");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^grad trainable\nsite d0: d score \/ d slopes\[h\]\nsite d1: d score \/ d table\[h, min\(max\(sub\(q, kv\), 0\), 8\)\]/);
    expect(r.out).toMatch(/zero gradient: gate/);
    const c = await cli("compile", join(dir, "p.attn"), "--backward", "--target", "cuda", "--out", join(dir, "cu"));
    expect(c.code, c.err).toBe(0);
    expect(readFileSync(join(dir, "cu", "trainable.h"), "utf8")).toMatch(/int attnc_trainable_backward\(.*\n.*\n.*float\* d_slopes, float\* d_table, float\* d_gate, cudaStream_t stream\);/);
    expect(JSON.parse(readFileSync(join(dir, "cu", "trainable.manifest.json"), "utf8")).backward.outputs.tensors).toHaveLength(3);
    const w = await cli("compile", join(dir, "p.attn"), "--backward", "--target", "wgsl", "--out", join(dir, "wg"));
    expect(w.code, w.err).toBe(0);
    expect(readFileSync(join(dir, "wg", "trainable.js"), "utf8")).toMatch(/function createBackwardWith\(/);
    expect(readFileSync(join(dir, "wg", "trainable.d.ts"), "utf8")).toMatch(/backward\(tensors: BackwardTensors, grads: Gradients/);
    expect(readdirSync(join(dir, "wg")).sort()).toEqual(["trainable.dkdv.wgsl", "trainable.dq.wgsl", "trainable.js", "trainable.d.ts", "trainable.manifest.json", "trainable.packed.wgsl", "trainable.prep.wgsl", "trainable.wgsl"].sort());
  });
});
