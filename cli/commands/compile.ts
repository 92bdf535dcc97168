/**
 * `attnc compile FILE [--target ts|cuda|wgsl] [--name NAME] [--param K=V]... [--head-dim N]
 *  [--dtype bf16|f16] [--arch sm_80|sm_90a] [--backward] [--js] [--out DIR] [--emit ast|ir|grad|plan [--after PASS]] [--json]`
 *
 * Writes each kernel's files and a `<name>.manifest.json` into DIR (default: the current
 * directory), atomically; with `--emit` prints that stage instead and writes nothing. `--backward`
 * adds the backward (gradients) to the kernel and its manifest; `--emit grad` prints the score's
 * derivatives (compiler/grad); `--js` (TypeScript target) also writes NAME.js and NAME.d.ts;
 * `--dtype` (CUDA target) instantiates the kernels for that input dtype only; `--arch` (CUDA target)
 * builds for that GPU architecture only (sm_80: no Hopper kernels; the banner's nvcc line names it).
 */
import { frontEnd, lowerSource, optimize } from "../../compiler/pipeline.js";
import { printProgram } from "../../compiler/ir/printer.js";
import { PASS_NAMES } from "../../compiler/passes/index.js";
import { compile, planFor } from "../../index.js";
import { CUDA_ARCHS, TARGET_NAMES, type CudaArch, type TargetName } from "../../backends/index.js";
import { paramOverrides, parseArgs, positiveInt, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { printDiagnostics, withDiagnostics, writeFilesAtomic } from "../io.js";
import { diagnosticToJson } from "../../dsl/diagnostics.js";
import { printGrad, scoreGrad } from "../../compiler/grad/grad.js";
import { readSource } from "../source.js";
import { planToJson } from "../plan-json.js";

const STAGES = ["ast", "ir", "grad", "plan"] as const;

export const compileCommand: Command = {
  name: "compile",
  summary: "compile a .attn file to a kernel (TypeScript, CUDA or WGSL) and a manifest",
  usage:
    "attnc compile FILE [--target ts|cuda|wgsl] [--name NAME] [--param K=V]... [--head-dim N] [--dtype bf16|f16 (cuda)] [--arch sm_80|sm_90a (cuda)] [--backward] [--js] [--out DIR]\n" +
    `              [--emit ast|ir|grad|plan] [--after ${["lower", ...PASS_NAMES].join("|")}] [--json]`,
  async run(argv, io) {
    const a = parseArgs(argv, {
      target: { value: true }, name: { value: true }, param: { value: true, repeat: true },
      "head-dim": { value: true }, out: { value: true, alias: "-o" }, emit: { value: true },
      after: { value: true }, backward: {}, js: {}, json: {}, dtype: { value: true }, arch: { value: true },
    });
    if (a.positional.length !== 1) throw new UsageError("compile takes exactly one FILE");
    const file = a.positional[0]!;
    const target = (a.get("target") ?? "ts") as TargetName;
    if (!TARGET_NAMES.includes(target)) throw new UsageError(`unknown target \`${target}\` (ts, cuda, wgsl)`);
    const emit = a.get("emit");
    if (emit !== undefined && !(STAGES as readonly string[]).includes(emit)) throw new UsageError(`--emit takes ast, ir, grad or plan`);
    const after = a.get("after");
    if (after !== undefined && emit !== "ir") throw new UsageError("--after goes with --emit ir");
    if (after !== undefined && after !== "lower" && !PASS_NAMES.includes(after)) {
      throw new UsageError(`unknown pass \`${after}\` (passes: lower, ${PASS_NAMES.join(", ")})`);
    }
    const headDim = positiveInt("head-dim", a.get("head-dim"));
    if (a.has("js") && target !== "ts") throw new UsageError("--js goes with --target ts (it adds NAME.js and NAME.d.ts beside NAME.ts)");
    const dtype = a.get("dtype") as "bf16" | "f16" | undefined;
    if (dtype !== undefined && dtype !== "bf16" && dtype !== "f16") throw new UsageError("--dtype takes bf16 or f16");
    if (dtype !== undefined && target !== "cuda") throw new UsageError("--dtype goes with --target cuda (it instantiates the kernels for that input dtype only)");
    const arch = a.get("arch") as CudaArch | undefined;
    if (arch !== undefined && !(CUDA_ARCHS as readonly string[]).includes(arch)) throw new UsageError(`--arch takes ${CUDA_ARCHS.join(" or ")}`);
    if (arch !== undefined && target !== "cuda") throw new UsageError("--arch goes with --target cuda (the GPU architecture the .cu is built for)");
    const opts = { name: a.get("name"), params: paramOverrides(a.all("param")), headDim, target, backward: a.has("backward"), js: a.has("js"), dtype, arch };
    const json = a.has("json");
    const sources: Record<string, string> = {};
    return withDiagnostics(io, json, sources, async () => {
      const source = readSource(file, sources);
      if (emit === "ast") {
        const mod = frontEnd(source, file);
        io.out(`${JSON.stringify({ defs: mod.defs, attentions: mod.attentions }, null, 2)}\n`);
        return 0;
      }
      if (emit === "ir") {
        for (const ir of lowerSource(source, file, opts)) {
          const shown = after === "lower" ? ir : optimize(ir, { after });
          io.out(printProgram(shown));
        }
        return 0;
      }
      if (emit === "grad") {
        for (const ir of lowerSource(source, file, opts)) io.out(printGrad(ir.name, scoreGrad(optimize(ir))));
        return 0;
      }
      if (emit === "plan") {
        const plans = lowerSource(source, file, opts).map((ir) => planToJson(planFor(optimize(ir), target, opts)));
        io.out(`${JSON.stringify(plans.length === 1 ? plans[0] : plans, null, 2)}\n`);
        return 0;
      }
      const kernels = await compile(source, file, opts);
      const files = kernels.flatMap((k) => [
        ...k.files,
        { path: `${k.name}.manifest.json`, contents: `${JSON.stringify(k.manifest, null, 2)}\n` },
      ]);
      const warnings = kernels.flatMap((k) => k.warnings);
      const written = writeFilesAtomic(a.get("out") ?? ".", files);
      if (json) io.out(`${JSON.stringify({ written, warnings: warnings.map(diagnosticToJson) })}\n`);
      else {
        printDiagnostics(io, warnings, false, sources);
        for (const w of written) io.out(`wrote ${w}\n`);
      }
      return 0;
    });
  },
};
