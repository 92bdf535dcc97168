import { dimValues } from "../../compiler/ir/dims.js";
/**
 * The findings directory: one folder per signature (`slug(signature)`), written once, holding
 * everything needed to reproduce it without the fuzzer's seed:
 *
 *   finding.json   signature, kind, stage, message, case id and seed, the command to replay it
 *   case.json      the (minimized) case, replayable with `node scripts/fuzz.mjs --replay case.json`
 *   program.attn   the minimized program;  original.attn  the program as generated
 *   README.txt     what failed, in words, with the attnc command line where there is one
 *   inputs/        q.npy, k.npy, v.npy and the declared tensors, when the finding is about an input
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Case } from "./case.js";
import { slug, type Finding } from "./finding.js";
import { genData, npy, type DataSpec } from "./inputs.js";
import type { InputDecl } from "../../compiler/ir/program.js";

export interface Saved {
  dir: string;
  signature: string;
}

function writeInputs(dir: string, spec: DataSpec, inputs: InputDecl[]): void {
  fs.mkdirSync(dir, { recursive: true });
  const data = genData(spec, inputs);
  const s = spec.sizes;
  fs.writeFileSync(path.join(dir, "q.npy"), npy(data.q, [s.B, s.H, s.Q_LEN, s.D]));
  fs.writeFileSync(path.join(dir, "k.npy"), npy(data.k, [s.B, s.H_KV, s.KV_LEN, s.D]));
  fs.writeFileSync(path.join(dir, "v.npy"), npy(data.v, [s.B, s.H_KV, s.KV_LEN, s.DV]));
  for (const d of inputs) fs.writeFileSync(path.join(dir, `${d.name}.npy`), npy(data.tensors[d.name]!, dimValues(d, s)));
}

export function saveFinding(root: string, f: Finding, original: Case, minimized: Case, inputs: InputDecl[] | null, note: string): Saved {
  const dir = path.join(root, slug(f.signature));
  fs.mkdirSync(dir, { recursive: true });
  const caseFile = path.join(dir, "case.json");
  fs.writeFileSync(caseFile, `${JSON.stringify(minimized, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "program.attn"), minimized.source);
  fs.writeFileSync(path.join(dir, "original.attn"), original.source);
  const spec = minimized.replay?.spec as DataSpec | undefined;
  if (spec && inputs) {
    try {
      writeInputs(path.join(dir, "inputs"), spec, inputs);
    } catch {
      // inputs of a program that no longer lowers: case.json still replays it
    }
  }
  const params = Object.entries(minimized.overrides).map(([k, v]) => ` --param ${JSON.stringify(`${k}=${v}`)}`).join("");
  const replayCmd = `node scripts/fuzz.mjs --replay ${caseFile}`;
  const argv = f.replay?.argv as string[] | undefined;
  const program = path.join(dir, "program.attn");
  const quote = (a: string) => (/^[\w./=:,-]+$/.test(a) ? a : JSON.stringify(a));
  let cli: string | null = null;
  if (argv && ["check", "plan", "subprocess", "run"].includes(f.stage)) {
    const args = argv.filter((a, i) => a !== "--param" && argv[i - 1] !== "--param").map((a, i, xs) =>
      a.endsWith("prog.attn") ? program : xs[i - 1] === "--inputs" ? path.join(dir, "inputs") : xs[i - 1] === "--out" ? "/tmp/attnc-fuzz-out" : a);
    cli = `node dist/cli/main.js ${args.map(quote).join(" ")}${params}`;
  }
  fs.writeFileSync(
    path.join(dir, "finding.json"),
    `${JSON.stringify({ signature: f.signature, kind: f.kind, stage: f.stage, caseId: original.id, seed: original.seed, origin: original.origin, replay: replayCmd, cli, note, message: f.message }, null, 2)}\n`,
  );
  fs.writeFileSync(
    path.join(dir, "README.txt"),
    [
      `signature: ${f.signature}`,
      `kind: ${f.kind}   stage: ${f.stage}   case ${original.id} (${original.origin})   ${note}`,
      "",
      "program (minimized, program.attn):",
      minimized.source.length > 4000 ? `${minimized.source.slice(0, 4000)}\n[... ${minimized.source.length - 4000} more characters]` : minimized.source,
      Object.keys(minimized.overrides).length ? `overrides:${params}` : "",
      `replay: ${replayCmd}`,
      cli ? `attnc: ${cli}` : "",
      "",
      "what failed:",
      f.message,
      "",
    ].join("\n"),
  );
  return { dir, signature: f.signature };
}
