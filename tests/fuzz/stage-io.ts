import { dimValue } from "../../compiler/ir/dims.js";
/**
 * Inputs and outputs on disk. `npyStage`: `attnc run` with one malformed `.npy` (header tricks,
 * wrong dtypes, truncation, inconsistent or zero sizes; now and then a FIFO or /dev/zero) must
 * exit 1 with E0403/E0404/E0405/E0408 — never accept a file a strict reader rejects, and size
 * errors carry the documented E0408. `fsStage`: `attnc compile --out` into a trap (an existing
 * file, a broken symlink, /dev/null, a planted symlink at the temporary name, a directory where
 * the manifest goes) exits 0 or 1 with a coded diagnostic, never writes through a symlink, and
 * leaves no partial output when it fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { genData, genSpec, malformedNpy, npy, strictNpyProblem, type DataSpec } from "./inputs.js";
import { writeInputs } from "./stage-ts.js";
import { cliInProcess, judge, show } from "./cli.js";
import type { Ctx } from "./case.js";

const INPUT_CODES = ["E0403", "E0404", "E0405", "E0408"];

export async function npyStage(ctx: Ctx): Promise<void> {
  const spec: DataSpec = (ctx.c.replay?.spec as DataSpec | undefined) ?? genSpec(ctx.rng);
  const ir = ctx.lowered[0]!;
  const data = genData(spec, ir.inputs);
  const dir = ctx.dir("npy-in");
  writeInputs(dir, ir, data, spec);
  const s = spec.sizes;
  const files = ["q", "k", "v", ...ir.inputs.map((d) => d.name)];
  const target = (ctx.c.replay?.file as string | undefined) ?? ctx.rng.pick(files);
  const arr = target === "q" ? data.q : target === "k" ? data.k : target === "v" ? data.v : data.tensors[target]!;
  const shape = target === "q" ? [s.B, s.H, s.Q_LEN, s.D] : target === "k" ? [s.B, s.H_KV, s.KV_LEN, s.D] : target === "v" ? [s.B, s.H_KV, s.KV_LEN, s.DV]
    : ir.inputs.find((d) => d.name === target)!.dims.map((x) => dimValue(x, s));
  const file = path.join(dir, `${target}.npy`);
  const mode = (ctx.c.replay?.mode as string | undefined) ?? (ctx.rng.chance(0.04) ? "trap" : ctx.rng.chance(0.3) ? "sizes" : "malformed");
  let what: string;
  let sizeError = false;
  if (mode === "trap") {
    fs.rmSync(file);
    what = (ctx.c.replay?.what as string | undefined) ?? ctx.rng.pick(["/dev/zero", "fifo", "directory", "/dev/null"]);
    if (what === "fifo") spawnSync("mkfifo", [file]);
    else if (what === "directory") fs.mkdirSync(file);
    else fs.symlinkSync(what, file);
  } else if (mode === "sizes") {
    // well-formed files whose sizes are invalid: E0408 by docs/language.md § 10 and § 13
    const bad = (ctx.c.replay?.what as string | undefined) ?? ctx.rng.pick(["zero-length", "H not a multiple of H_KV", "k head dim", "v length", "batch"]);
    what = bad;
    sizeError = true;
    if (bad === "zero-length") fs.writeFileSync(path.join(dir, "q.npy"), npy(new Float32Array(0), [s.B, s.H, 0, s.D]));
    else if (bad === "H not a multiple of H_KV") fs.writeFileSync(path.join(dir, "k.npy"), npy(new Float32Array(s.B * (s.H + 1) * s.KV_LEN * s.D), [s.B, s.H + 1, s.KV_LEN, s.D]));
    else if (bad === "k head dim") fs.writeFileSync(path.join(dir, "k.npy"), npy(new Float32Array(s.B * s.H_KV * s.KV_LEN * (s.D + 1)), [s.B, s.H_KV, s.KV_LEN, s.D + 1]));
    else if (bad === "v length") fs.writeFileSync(path.join(dir, "v.npy"), npy(new Float32Array(s.B * s.H_KV * (s.KV_LEN + 1) * s.DV), [s.B, s.H_KV, s.KV_LEN + 1, s.DV]));
    else fs.writeFileSync(path.join(dir, "v.npy"), npy(new Float32Array((s.B + 1) * s.H_KV * s.KV_LEN * s.DV), [s.B + 1, s.H_KV, s.KV_LEN, s.DV]));
  } else {
    const m = malformedNpy(ctx.rng, arr, shape, ctx.c.replay?.what as string | undefined);
    what = m.what;
    fs.writeFileSync(file, m.bytes);
  }
  const out = path.join(ctx.env.scratch, "npy-out");
  const r = await cliInProcess(["run", ctx.file, "--inputs", dir, "--out", out, "--name", ir.name, ...ctx.paramArgs]);
  const replay = { stage: "npy", spec, file: target, mode, what };
  ctx.count("npy-runs");
  ctx.findings.push(...judge(r, "npy", replay));
  const codes = [...new Set([...r.err.matchAll(/E0\d{3}/g)].map((m) => m[0]))];
  const malformed = mode === "malformed" ? strictNpyProblem(new Uint8Array(fs.readFileSync(file))) : mode === "trap" && what !== "/dev/null" ? what : null;
  if (r.code === 0 && (malformed || sizeError || what === "/dev/null")) {
    ctx.add({ kind: "npy", signature: `npy:accepted:${mode === "malformed" ? what : mode === "sizes" ? `bad sizes (${what})` : what}`, message: `${target}.npy: ${what} (${malformed ?? "invalid"})\n${show(r)}`, replay });
  } else if (r.code === 1 && !codes.includes("E0901") && codes.some((c) => !INPUT_CODES.includes(c) && c !== "E0407")) {
    ctx.add({ kind: "npy", signature: `npy:unexpected code:${codes.join(",")}`, message: show(r), replay });
  } else if (r.code === 1 && sizeError && !codes.includes("E0408")) {
    ctx.add({ kind: "npy", signature: `npy:size error is ${codes.join(",")}, documented E0408`, message: `${what}\n${show(r)}`, replay });
  }
}

const TRAPS = ["existing file", "broken symlink", "/dev/null", "planted temp symlink", "manifest is a directory"] as const;

/** the files under `dir` (names), or [] */
const list = (dir: string) => {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
};

export async function fsStage(ctx: Ctx): Promise<void> {
  const trap = (ctx.c.replay?.trap as (typeof TRAPS)[number] | undefined) ?? ctx.rng.pick(TRAPS);
  const base = ctx.dir("fs");
  const victim = path.join(base, "victim.txt");
  fs.writeFileSync(victim, "precious\n");
  let out = path.join(base, "out");
  const names = ctx.lowered.map((ir) => ir.name);
  if (trap === "existing file") {
    out = path.join(base, "a-file");
    fs.writeFileSync(out, "x");
  } else if (trap === "broken symlink") {
    out = path.join(base, "dangling");
    fs.symlinkSync(path.join(base, "nowhere", "deeper"), out);
  } else if (trap === "/dev/null") out = "/dev/null";
  else if (trap === "planted temp symlink") {
    fs.mkdirSync(out);
    // the temporary name cli/io.ts uses today (issue #11 item 9); harmless if it changes
    for (const n of names) fs.symlinkSync(victim, path.join(out, `.${n}.ts.${process.pid}.tmp`));
  } else {
    fs.mkdirSync(out);
    for (const n of names) fs.mkdirSync(path.join(out, `${n}.manifest.json`));
  }
  const before = list(out);
  const r = await cliInProcess(["compile", ctx.file, "--out", out, ...ctx.paramArgs]);
  ctx.count("fs-traps");
  const replay = { stage: "fs", trap };
  ctx.findings.push(...judge(r, "fs", replay));
  if (fs.readFileSync(victim, "utf8") !== "precious\n") {
    ctx.add({ kind: "fs", signature: `fs:writes through a symlink (${trap})`, message: `the file the planted symlink points to was overwritten\n${show(r)}`, replay });
  }
  if (trap === "planted temp symlink" || trap === "manifest is a directory") {
    for (const n of names) {
      const k = path.join(out, `${n}.ts`);
      if (fs.existsSync(k) && fs.lstatSync(k).isSymbolicLink()) ctx.add({ kind: "fs", signature: `fs:an output file is a symlink (${trap})`, message: show(r), replay });
    }
  }
  if (r.code !== 0 && trap !== "/dev/null") {
    const left = list(out).filter((f) => !before.includes(f));
    if (left.length) ctx.add({ kind: "fs", signature: `fs:a failed compile leaves files (${trap})`, message: `left behind: ${left.join(", ")}\n${show(r)}`, replay });
  }
  if (trap === "manifest is a directory" && r.code === 0) {
    ctx.add({ kind: "fs", signature: "fs:compile succeeds without writing its manifest", message: show(r), replay });
  }
}
