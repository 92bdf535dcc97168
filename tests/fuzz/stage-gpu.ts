/**
 * The GPU targets' generated code compiles: WGSL (the host module's `.d.ts` type-checks, its `.js`
 * parses, the shader builds a pipeline in Dawn — lavapipe here — and runs: one block against the
 * float64 oracle, within 1e-4 or 10x the input's own float32 sensitivity, as
 * tests/wgsl/property.test.ts; a mismatch where float32 arithmetic leaves the float32 range
 * (f32range.ts) is documented and only counted) and CUDA (nvcc compiles the `.cu` for sm_90a,
 * host code included; PTX only, so ptxas's register allocation, the slow part, is skipped; sm_80
 * is left to tests/cuda, which compiles every example for it: a second architecture doubles the
 * device compile).
 *
 * Contract: a target that is not available here (no `webgpu` adapter, no nvcc) is counted, not
 * reported. Each error is one finding named by its first error message, normalized.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { compile } from "../../index.js";
import { typecheck } from "./typecheck.js";
import { normalize } from "./finding.js";
import { thrown, type Ctx } from "./case.js";
import { genData, genSpec, type DataSpec } from "./inputs.js";
import { cause, reference } from "./stage-ts.js";
import { compareRun, hugeInputs, sensitivity } from "./numeric.js";
import { leavesF32 } from "./f32range.js";
import type { DawnGpu } from "../../backends/wgsl/dawn.js";

let dawn: Promise<DawnGpu | null> | null = null;

async function openGpu(): Promise<DawnGpu | null> {
  const { openDawn } = await import("../../backends/wgsl/dawn.js");
  try {
    return await openDawn();
  } catch {
    return null;
  }
}

export async function wgslStage(ctx: Ctx): Promise<void> {
  let kernels;
  try {
    kernels = await compile(ctx.c.source, ctx.file, { target: "wgsl", params: ctx.c.overrides });
  } catch (e) {
    return thrown(ctx, e, "compile (wgsl)");
  }
  const dir = ctx.dir("wgsl");
  for (const k of kernels) {
    const dts = k.files.find((f) => f.path.endsWith(".d.ts"))!;
    // checked as a .ts file: tsc skips declaration files with skipLibCheck
    const errors = typecheck({ [path.join(ctx.env.root, ".fuzz-virtual", dts.path.replace(/\.d\.ts$/, ".dts.ts"))]: dts.contents }, { dom: true });
    if (errors.length) {
      ctx.add({ kind: "dts", signature: `dts:${/^TS\d+/.exec(errors[0]!)?.[0]}`, message: errors.slice(0, 5).join("\n") });
      return;
    }
    const js = k.files.find((f) => f.path.endsWith(".js"))!;
    const jsFile = path.join(dir, `${k.name.slice(0, 100)}.mjs`);
    fs.writeFileSync(jsFile, js.contents);
    const chk = spawnSync(process.execPath, ["--check", jsFile], { encoding: "utf8" });
    if (chk.status !== 0) {
      ctx.add({ kind: "wgsl-host", signature: `wgsl-host:${normalize(chk.stderr.split("\n").find((l) => /Error/.test(l)) ?? "syntax")}`, message: chk.stderr.slice(0, 3000) });
      return;
    }
  }
  dawn ??= openGpu();
  const gpu = await dawn;
  if (!gpu) return ctx.count("wgsl-unavailable");
  const { runWgsl } = await import("../../backends/wgsl/run.js");
  // every block validates; one runs against the oracle (small sizes, keysPerStep 1..2: lavapipe
  // compiles those fastest)
  const spec = (ctx.c.replay?.spec as DataSpec | undefined) ?? genSpec(ctx.rng);
  const block = (ctx.c.replay?.block as number | undefined) ?? ctx.rng.int(0, kernels.length - 1);
  for (const [i, k] of kernels.entries()) {
    const sizes = i === block ? spec.sizes : { ...spec.sizes, Q_LEN: 1, KV_LEN: 1 };
    const data = genData({ ...spec, sizes }, ctx.lowered[i]!.inputs);
    ctx.count("wgsl-validated");
    let out;
    try {
      out = await runWgsl(k.plan, { ...data, sizes }, { gpu, blockQ: spec.tile.blockQ, blockKV: spec.tile.blockKV, keysPerStep: ctx.rng.pick([1, 2]) });
    } catch (e) {
      const msg = (e as Error).message ?? String(e);
      const first = /(?:error:|compile error[^:]*:\d+:\d+:|failed:)\s*([^\n]*)/.exec(msg)?.[1] ?? msg.split("\n")[0]!;
      ctx.add({ kind: "wgsl", signature: `wgsl:${normalize(first)}`, message: `D=${sizes.D} DV=${sizes.DV}\n${msg.slice(0, 4000)}`, replay: { stage: "wgsl", spec, block } });
      return;
    }
    if (i !== block) continue;
    const ref = reference(ctx.lowered[i]!, data, spec);
    if (!ref) return ctx.count("oracle-skipped");
    const v = compareRun(ref, out.o, out.lse, { tol: 1e-4, sensitivity: () => sensitivity(ctx.lowered[i]!, data, spec, ref), flushSubnormals: true, huge: hugeInputs(data), gpuNonFiniteV: !data.v.every(Number.isFinite) });
    ctx.count("wgsl-oracle-compared");
    // float32 arithmetic beyond 3.4e38 where the float64 oracle stays finite: documented
    // (docs/language.md § 5 floats are float32, § 9 "Overflow"), not a bug
    if (v && leavesF32(ctx.lowered[i]!, data, sizes)) return ctx.count("wgsl-f32-range");
    if (v) {
      ctx.add({
        kind: "wgsl-oracle",
        signature: `wgsl-oracle:${v.detail.startsWith("mismatch") ? `${v.detail}-${cause(ctx, i, spec)}` : v.detail}`,
        message: `WGSL kernel on ${gpu.description}: max relative error o ${v.maxRelO.toExponential(2)}, lse ${v.maxRelLse.toExponential(2)} (tolerance ${v.tol.toExponential(1)})\nworst: ${v.worst}\nsizes ${JSON.stringify(spec.sizes)} tile ${JSON.stringify(out.kernel.tile)} data ${spec.mode}`,
        replay: { stage: "wgsl", spec, block },
      });
    }
  }
}

let nvccOk: boolean | null = null;

export async function cudaStage(ctx: Ctx): Promise<void> {
  nvccOk ??= spawnSync("nvcc", ["--version"], { encoding: "utf8" }).status === 0;
  if (!nvccOk) return ctx.count("cuda-unavailable");
  let kernels;
  try {
    // with the backward: its printed derivatives (grad_score, grad_sites) are compiled too
    kernels = await compile(ctx.c.source, ctx.file, { target: "cuda", params: ctx.c.overrides, backward: true });
  } catch (e) {
    return thrown(ctx, e, "compile (cuda)");
  }
  const dir = ctx.dir("cuda");
  for (const k of kernels) {
    for (const f of k.files) fs.writeFileSync(path.join(dir, f.path), f.contents);
    const cu = k.files.find((f) => f.path.endsWith(".cu"))!;
    ctx.env.stage("cuda:nvcc", 600_000);
    const r = spawnSync("nvcc", ["-std=c++17", "-gencode=arch=compute_90a,code=compute_90a", "-c", "-o", path.join(dir, "k.o"), path.join(dir, cu.path)], { encoding: "utf8", timeout: 590_000 });
    ctx.count("nvcc-compiled");
    if (r.status !== 0) {
      const out = `${r.stdout}\n${r.stderr}`;
      const first = /error:?\s*([^\n]*)/.exec(out)?.[1] ?? `exit ${r.status} ${r.signal ?? ""}`;
      ctx.add({ kind: "nvcc", signature: `nvcc:${normalize(first)}`, message: out.slice(0, 4000), replay: { stage: "cuda" } });
      return;
    }
  }
}
