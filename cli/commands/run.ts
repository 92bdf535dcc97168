/**
 * `attnc run FILE --inputs DIR --out DIR [--target ts|cuda|wgsl] [--name NAME] [--param K=V]...
 *  [--scale X] [--backward] [--json]`: runs one attention block on .npy inputs and writes o.npy (and
 * lse.npy for softmax) as float32, atomically. With `--backward` it also reads do.npy (dO, the
 * shape of o) and writes dq.npy, dk.npy, dv.npy and d_NAME.npy for every f32 input NAME.
 * q_lens.npy / kv_lens.npy in --inputs, when present, are per-row lengths (docs/language.md § 10).
 */
import { lowerSource } from "../../compiler/pipeline.js";
import { dimValues } from "../../compiler/ir/dims.js";
import { backward, run } from "../../index.js";
import { TARGETS, TARGET_NAMES, type TargetName } from "../../backends/index.js";
import { AttncError, diag } from "../../dsl/diagnostics.js";
import { paramOverrides, parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { checkBackwardNames, checkInputNames, loadGradOutput, loadInputs } from "../inputs.js";
import { printDiagnostics, withDiagnostics, writeFilesAtomic, type OutputFile } from "../io.js";
import { diagnosticToJson, type Diagnostic } from "../../dsl/diagnostics.js";
import { encodeNpy } from "../npy.js";
import { readSource } from "../source.js";

export const runCommand: Command = {
  name: "run",
  summary: "run a .attn program on .npy inputs and write o.npy / lse.npy",
  usage: "attnc run FILE --inputs DIR --out DIR [--target ts|cuda|wgsl] [--name NAME] [--param K=V]... [--scale X] [--dtype bf16|f16 (cuda) | f16 (wgsl)] [--backward] [--json]",
  async run(argv, io) {
    const a = parseArgs(argv, {
      inputs: { value: true }, out: { value: true, alias: "-o" }, target: { value: true }, name: { value: true },
      param: { value: true, repeat: true }, scale: { value: true }, dtype: { value: true }, backward: {}, json: {},
    });
    if (a.positional.length !== 1) throw new UsageError("run takes exactly one FILE");
    const inputs = a.get("inputs");
    const outDir = a.get("out");
    if (!inputs || !outDir) throw new UsageError("run needs --inputs DIR and --out DIR");
    const target = (a.get("target") ?? "ts") as TargetName;
    if (!TARGET_NAMES.includes(target)) throw new UsageError(`unknown target \`${target}\` (ts, cuda, wgsl)`);
    const scaleText = a.get("scale");
    const scale = scaleText === undefined ? undefined : Number(scaleText);
    if (scale !== undefined && !Number.isFinite(scale)) throw new UsageError(`--scale takes a number, got \`${scaleText}\``);
    const dtype = a.get("dtype");
    if (dtype !== undefined && dtype !== "bf16" && dtype !== "f16") throw new UsageError("--dtype takes bf16 or f16");
    if (dtype !== undefined && target === "ts") throw new UsageError("--dtype is for the GPU targets (cuda: bf16|f16, wgsl: f16); the ts target computes from float32 inputs");
    if (dtype === "bf16" && target === "wgsl") throw new UsageError("--dtype bf16 is not available on the wgsl target (WebGPU has no bfloat16); use --dtype f16");
    const file = a.positional[0]!;
    const json = a.has("json");
    const opts = { name: a.get("name"), params: paramOverrides(a.all("param")), scale };
    const sources: Record<string, string> = {};
    return withDiagnostics(io, json, sources, async () => {
      const source = readSource(file, sources);
      const irs = lowerSource(source, file, opts);
      if (irs.length !== 1) {
        throw new AttncError([diag("E0212", `${file} has ${irs.length} attention blocks; choose one with --name (${irs.map((i) => i.name).join(", ")})`)]);
      }
      const withBackward = a.has("backward");
      if (withBackward && !TARGETS[target]?.backward) {
        throw new AttncError([diag("E0409", `--backward is not available on the ${target} target yet (it is on: ${Object.values(TARGETS).filter((t) => t?.backward).map((t) => t!.name).join(", ")})`)]);
      }
      checkInputNames(irs[0]!);
      if (withBackward) checkBackwardNames(irs[0]!);
      const data = loadInputs(inputs, irs[0]!);
      const { B, H, H_KV, Q_LEN, KV_LEN, D, DV } = data.sizes;
      let warnings: Diagnostic[] = [];
      let result: { o: Float32Array; lse: Float32Array | null; note?: string };
      const files: OutputFile[] = [];
      if (withBackward) {
        const dO = loadGradOutput(inputs, irs[0]!, data.sizes);
        const g = await backward(source, file, data, dO, { ...opts, name: irs[0]!.name, target, dtype });
        result = g;
        warnings = g.warnings;
        files.push(
          { path: "dq.npy", contents: encodeNpy(g.dq, [B, H, Q_LEN, D]) },
          { path: "dk.npy", contents: encodeNpy(g.dk, [B, H_KV, KV_LEN, D]) },
          { path: "dv.npy", contents: encodeNpy(g.dv, [B, H_KV, KV_LEN, DV]) },
        );
        for (const decl of irs[0]!.inputs.filter((i) => i.dtype === "f32")) {
          const shape = dimValues(decl, data.sizes);
          files.push({ path: `d_${decl.name}.npy`, contents: encodeNpy(g.dTensors[decl.name]!, shape) });
        }
      } else result = await run(source, file, data, { ...opts, name: irs[0]!.name, target, dtype });
      files.unshift({ path: "o.npy", contents: encodeNpy(result.o, [B, H, Q_LEN, DV]) });
      if (result.lse) files.splice(1, 0, { path: "lse.npy", contents: encodeNpy(result.lse, [B, H, Q_LEN]) });
      const written = writeFilesAtomic(outDir, files);
      if (json) io.out(`${JSON.stringify({ written, target, note: result.note ?? null, warnings: warnings.map(diagnosticToJson) })}\n`);
      else {
        printDiagnostics(io, warnings, false, sources);
        if (result.note) io.out(`${result.note}\n`);
        for (const w of written) io.out(`wrote ${w}\n`);
      }
      return 0;
    });
  },
};
