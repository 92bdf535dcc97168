import { dimValues } from "../../compiler/ir/dims.js";
/**
 * The TypeScript target: the emitted kernel of every block, with its backward (`--backward`),
 * type-checks (strict tsc, in memory), and the kernel's result on random sizes (Q_LEN ≠ KV_LEN,
 * GQA), tile plans and hostile inputs equals the float64 oracle (numeric.ts), its gradients the
 * backward oracle (relative L2 ≤ 1e-4 per gradient, tests/oracle/compare-grad.ts); and `attnc run`
 * on the same inputs as `.npy` files writes an o.npy / lse.npy that equal the oracle too.
 *
 * Contract: a mismatch is named by numeric.ts and, for a finite mismatch, by its cause: the tile
 * classes are unsound for that input (`tiles-wrap`, `tiles-nowrap`), the mask wraps (`wrap`), or
 * neither. A program whose mask or score reads out of bounds (the oracle's E0407) has no defined
 * result and is skipped; the kernel reporting E0407 where the oracle reads in bounds is a finding.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { compile } from "../../index.js";
import { loadTsKernel } from "../../backends/ts/load.js";
import { AttncError } from "../../dsl/diagnostics.js";
import type { AttnIR } from "../../compiler/ir/program.js";
import { oracle, type OracleOut } from "../oracle/oracle.js";
import { oracleBackward } from "../oracle/backward.js";
import { gradError } from "../oracle/compare-grad.js";
import { compareRun, hugeInputs } from "./numeric.js";
import { genData, genSpec, npy, NoInputs, strictNpyProblem, type Data, type DataSpec } from "./inputs.js";
import { checkTiles } from "./stage-tiles.js";
import { wrapsSomewhere } from "./wraps.js";
import { typecheck } from "./typecheck.js";
import { cliInProcess, judge, show } from "./cli.js";
import { tensorsOf } from "./stage-tiles.js";
import { crashSignature } from "./finding.js";
import { thrown, type Ctx } from "./case.js";

/**
 * the oracle's result, or null when the program reads out of bounds on this input, or declares an
 * input named `__proto__` (tests/oracle/oracle.ts keeps tensors in plain objects, where that name
 * sets the prototype: the oracle cannot evaluate such a program)
 */
export function reference(ir: AttnIR, data: Data, spec: DataSpec): OracleOut | null {
  if (ir.inputs.some((d) => d.name === "__proto__")) return null;
  try {
    return oracle(ir, data, spec.sizes);
  } catch (e) {
    if (e instanceof AttncError && e.diagnostics.every((d) => d.code === "E0407")) return null;
    throw e;
  }
}

/** why a finite mismatch happened */
export function cause(ctx: Ctx, block: number, spec: DataSpec): string {
  const ir = ctx.optimized[block]!;
  const t = { block, sizes: spec.sizes, bq: spec.tile.blockQ, bkv: spec.tile.blockKV, seed: spec.seed, wideInts: spec.wideInts };
  const tiles = checkTiles(ir, t);
  if (tiles) return `tiles-${tiles[0].endsWith(":wrap") ? "wrap" : "nowrap"}`;
  return wrapsSomewhere(ir.mask, { sizes: spec.sizes as unknown as Record<string, number>, tensors: tensorsOf(ir, spec) }) ? "wrap" : "no-wrap";
}

function judgeNumbers(ctx: Ctx, block: number, spec: DataSpec, data: Data, ref: OracleOut, o: Float32Array, lse: Float32Array | null, via: string): void {
  const v = compareRun(ref, o, lse, { huge: hugeInputs(data) });
  ctx.count("oracle-compared");
  if (!v) return;
  const detail = v.detail.startsWith("mismatch") ? `${v.detail}-${cause(ctx, block, spec)}` : v.detail;
  ctx.add({
    kind: "oracle",
    signature: `oracle:${detail}`,
    message: `${via}: max relative error o ${v.maxRelO.toExponential(2)}, lse ${v.maxRelLse.toExponential(2)} (tolerance 1e-5)\nworst: ${v.worst}\nsizes ${JSON.stringify(spec.sizes)} tile ${JSON.stringify(spec.tile)} data ${spec.mode}${spec.wideInts ? " (wide ints)" : ""}`,
    replay: { stage: ctx.c.replay?.stage ?? "ts", spec, block },
  });
}

export async function tsStage(ctx: Ctx): Promise<void> {
  const spec = (ctx.c.replay?.spec as DataSpec | undefined) ?? genSpec(ctx.rng);
  let kernels;
  try {
    kernels = await compile(ctx.c.source, ctx.file, { target: "ts", params: ctx.c.overrides, tile: spec.tile, backward: true });
  } catch (e) {
    return thrown(ctx, e, "compile (ts)");
  }
  for (const k of kernels) {
    const file = path.join(ctx.env.root, ".fuzz-virtual", k.files[0]!.path);
    const errors = typecheck({ [file]: k.files[0]!.contents });
    ctx.count("tsc-checked");
    if (errors.length) {
      const line = Number(/:(\d+)\)$/.exec(errors[0]!)?.[1] ?? 0);
      const near = k.files[0]!.contents.split("\n").slice(Math.max(0, line - 3), line + 2).join("\n");
      ctx.add({ kind: "tsc", signature: `tsc:${/^TS\d+/.exec(errors[0]!)?.[0]}`, message: `${errors.slice(0, 5).join("\n")}\n--- near line ${line}:\n${near}` });
      return;
    }
  }
  const block = (ctx.c.replay?.block as number | undefined) ?? ctx.rng.int(0, kernels.length - 1);
  const data = genData(spec, ctx.lowered[block]!.inputs);
  const ref = reference(ctx.lowered[block]!, data, spec);
  if (!ref) return ctx.count("oracle-skipped");
  let r;
  try {
    const mod = await loadTsKernel(kernels[block]!.files[0]!.contents);
    r = mod.forward(data.q, data.k, data.v, data.tensors, spec.sizes);
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string; stack?: string };
    if (err.name === "AttnKernelError") {
      ctx.add({ kind: "oracle", signature: `oracle:the kernel throws ${err.code} where the oracle runs`, message: `${err.message}\nsizes ${JSON.stringify(spec.sizes)} tile ${JSON.stringify(spec.tile)}`, replay: { stage: "ts", spec, block } });
    } else {
      ctx.add({ kind: "ts-kernel", signature: `ts-kernel:${crashSignature(err.stack ?? String(e))}`, message: err.stack ?? String(e), replay: { stage: "ts", spec, block } });
    }
    return;
  }
  judgeNumbers(ctx, block, spec, data, ref, r.o, r.lse, "TS kernel (in process)");
  await judgeGradients(ctx, block, spec, data, kernels[block]!.files[0]!.contents);
}

/** The backward of the same kernel on the same data against the backward oracle. */
async function judgeGradients(ctx: Ctx, block: number, spec: DataSpec, data: Data, code: string): Promise<void> {
  const s = spec.sizes;
  const dO = Float32Array.from({ length: s.B * s.H * s.Q_LEN * s.DV }, () => ctx.rng.int(-64, 64) / 16);
  let ref;
  try {
    ref = oracleBackward(ctx.lowered[block]!, data, dO, s);
  } catch (e) {
    return thrown(ctx, e, "backward oracle");
  }
  let g;
  try {
    g = (await loadTsKernel(code)).backward!(data.q, data.k, data.v, dO, data.tensors, s);
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string; stack?: string };
    const signature = err.name === "AttnKernelError" ? `oracle-grad:the backward throws ${err.code} where the oracle runs` : `ts-kernel:backward:${crashSignature(err.stack ?? String(e))}`;
    ctx.add({ kind: err.name === "AttnKernelError" ? "oracle" : "ts-kernel", signature, message: err.stack ?? String(e), replay: { stage: "ts", spec, block } });
    return;
  }
  ctx.count("grad-compared");
  const e = gradError(ref, g);
  if (e.worst <= 1e-4) return;
  ctx.add({
    kind: "oracle",
    signature: `oracle-grad:${Number.isFinite(e.worst) ? "mismatch" : "non-finite"}:${e.worstTensor.startsWith("d_") ? "d_NAME" : e.worstTensor}`,
    message: `TS backward: relative L2 errors ${e.report} (tolerance 1e-4)\nsizes ${JSON.stringify(s)} tile ${JSON.stringify(spec.tile)} data ${spec.mode}${spec.wideInts ? " (wide ints)" : ""}`,
    replay: { stage: "ts", spec, block },
  });
}

/** reads a float32 `.npy` attnc wrote (strictly) */
function readF32(file: string): Float32Array | string {
  const buf = new Uint8Array(fs.readFileSync(file));
  const problem = strictNpyProblem(buf);
  if (problem) return problem;
  const hlen = new DataView(buf.buffer, buf.byteOffset).getUint16(8, true);
  if (!/'<f4'/.test(new TextDecoder().decode(buf.subarray(10, 10 + hlen)))) return "not <f4";
  return new Float32Array(buf.slice(10 + hlen).buffer);
}

/** writes q, k, v and the declared tensors of block `block` as `.npy` files into `dir` */
export function writeInputs(dir: string, ir: AttnIR, data: Data, spec: DataSpec): void {
  if (ir.inputs.some((d) => Buffer.byteLength(`${d.name}.npy`) > 255)) throw new NoInputs("an input's NAME.npy is longer than a file name");
  const s = spec.sizes;
  fs.writeFileSync(path.join(dir, "q.npy"), npy(data.q, [s.B, s.H, s.Q_LEN, s.D]));
  fs.writeFileSync(path.join(dir, "k.npy"), npy(data.k, [s.B, s.H_KV, s.KV_LEN, s.D]));
  fs.writeFileSync(path.join(dir, "v.npy"), npy(data.v, [s.B, s.H_KV, s.KV_LEN, s.DV]));
  for (const d of ir.inputs) {
    const dims = dimValues(d, s);
    fs.writeFileSync(path.join(dir, `${d.name}.npy`), npy(data.tensors[d.name]!, dims));
  }
}

/** `attnc run` on .npy files: exit 0 and the oracle's numbers, or a coded diagnostic */
export async function runStage(ctx: Ctx): Promise<void> {
  const spec = (ctx.c.replay?.spec as DataSpec | undefined) ?? genSpec(ctx.rng);
  const block = (ctx.c.replay?.block as number | undefined) ?? ctx.rng.int(0, ctx.lowered.length - 1);
  const ir = ctx.lowered[block]!;
  const data = genData(spec, ir.inputs);
  const inDir = ctx.dir("run-in");
  const outDir = path.join(ctx.env.scratch, "run-out");
  writeInputs(inDir, ir, data, spec);
  // every other run also asks for the backward (do.npy in, dq/dk/dv/d_NAME.npy out); an input
  // named `do` must then be refused (E0411), not read as dO
  const backward = ctx.rng.chance(0.5);
  const s = spec.sizes;
  const dO = Float32Array.from({ length: s.B * s.H * s.Q_LEN * s.DV }, () => ctx.rng.int(-64, 64) / 16);
  if (backward && !ir.inputs.some((d) => d.name === "do")) fs.writeFileSync(path.join(inDir, "do.npy"), npy(dO, [s.B, s.H, s.Q_LEN, s.DV]));
  const r = await cliInProcess(["run", ctx.file, "--inputs", inDir, "--out", outDir, "--name", ir.name, ...ctx.paramArgs, ...(backward ? ["--backward"] : [])]);
  ctx.findings.push(...judge(r, "run", { stage: "run", spec, block }));
  let ref: OracleOut | null;
  try {
    ref = reference(ir, data, spec);
  } catch (e) {
    return thrown(ctx, e, "oracle");
  }
  if (r.code !== 0) {
    const codes = [...new Set([...r.err.matchAll(/E0\d{3}/g)].map((m) => m[0]))];
    if (backward && ir.inputs.some((d) => d.name === "do") && codes.join() === "E0411") return ctx.count("run-backward-do-refused");
    if (!(ref === null && codes.every((c) => c === "E0407")) && !codes.includes("E0901")) {
      ctx.add({ kind: "run", signature: `run:rejects valid inputs:${codes.join(",")}`, message: show(r), replay: { stage: "run", spec, block } });
    }
    return;
  }
  if (!ref) return ctx.count("oracle-skipped");
  const o = readF32(path.join(outDir, "o.npy"));
  const lse = ir.normalize === "softmax" ? readF32(path.join(outDir, "lse.npy")) : null;
  if (typeof o === "string" || typeof lse === "string") {
    ctx.add({ kind: "run", signature: `run:writes a malformed npy:${typeof o === "string" ? o : lse}`, message: show(r), replay: { stage: "run", spec, block } });
    return;
  }
  judgeNumbers(ctx, block, spec, data, ref, o, lse, "attnc run");
  if (backward) judgeGradientFiles(ctx, block, spec, data, dO, outDir, show(r));
}

/** `attnc run --backward`'s gradient files against the backward oracle */
function judgeGradientFiles(ctx: Ctx, block: number, spec: DataSpec, data: Data, dO: Float32Array, outDir: string, shown: string): void {
  const ir = ctx.lowered[block]!;
  const replay = { stage: "run", spec, block };
  if (ir.inputs.some((d) => d.name === "do")) {
    ctx.add({ kind: "run", signature: "run:--backward accepted an input named do", message: shown, replay });
    return;
  }
  const names = ["dq", "dk", "dv", ...ir.inputs.filter((x) => x.dtype === "f32").map((x) => `d_${x.name}`)];
  const got = new Map<string, Float32Array>();
  for (const n of names) {
    const f = readF32(path.join(outDir, `${n}.npy`));
    if (typeof f === "string") {
      ctx.add({ kind: "run", signature: `run:writes a malformed npy:${f}`, message: `${n}.npy\n${shown}`, replay });
      return;
    }
    got.set(n, f);
  }
  const dTensors: Record<string, Float32Array> = Object.create(null);
  for (const n of names.slice(3)) dTensors[n.slice(2)] = got.get(n)!;
  const e = gradError(oracleBackward(ir, data, dO, spec.sizes), { dq: got.get("dq")!, dk: got.get("dk")!, dv: got.get("dv")!, dTensors });
  ctx.count("run-grad-compared");
  if (e.worst <= 1e-4) return;
  ctx.add({
    kind: "oracle",
    signature: `oracle-grad:attnc run --backward:${Number.isFinite(e.worst) ? "mismatch" : "non-finite"}`,
    message: `attnc run --backward: relative L2 errors ${e.report} (tolerance 1e-4)\nsizes ${JSON.stringify(spec.sizes)} data ${spec.mode}\n${shown}`,
    replay,
  });
}
