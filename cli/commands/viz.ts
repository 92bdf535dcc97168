/**
 * `attnc viz FILE --q-len N --kv-len M [--head H] [--batch-index B] [--tile 128x64] [--param K=V]...
 *  [--inputs DIR] [--name NAME] [--heads H] [--batch B] -o out.svg|out.png`: draws one slice of
 * the mask (visible entries) with the tile grid coloured by class, axes and a legend. The format
 * follows the extension of -o; the file is written atomically. See docs/analyze.md.
 */
import * as path from "node:path";
import { AttncError, diag } from "../../dsl/diagnostics.js";
import { renderMask } from "../../compiler/analysis/viz.js";
import { pictureToPng, pictureToSvg } from "../../compiler/analysis/viz-image.js";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { withDiagnostics, writeFilesAtomic } from "../io.js";
import { readSource } from "../source.js";
import { ANALYSIS_FLAGS, analysisJobs } from "./_analysis.js";

function index(name: string, v: string | undefined): number {
  if (v === undefined) return 0;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} takes a non-negative integer, got \`${v}\``);
  return Number(v);
}

export const vizCommand: Command = {
  name: "viz",
  summary: "draw a mask with its tile classes (SVG or PNG)",
  usage:
    "attnc viz FILE --q-len N --kv-len M [--head H] [--batch-index B] [--tile 128x64] [--param K=V]... [--inputs DIR] [--name NAME] [--heads H] [--batch B] -o out.svg|out.png",
  async run(argv, io) {
    const a = parseArgs(argv, { ...ANALYSIS_FLAGS, head: { value: true }, "batch-index": { value: true }, out: { value: true, alias: "-o" } });
    if (a.positional.length !== 1) throw new UsageError("viz takes exactly one FILE");
    const out = a.get("out");
    if (!out) throw new UsageError("viz needs -o out.svg or -o out.png");
    const ext = path.extname(out).toLowerCase();
    if (ext !== ".svg" && ext !== ".png") throw new UsageError("-o must end in .svg or .png");
    const file = a.positional[0]!;
    const h = index("head", a.get("head"));
    const b = index("batch-index", a.get("batch-index"));
    const sources: Record<string, string> = {};
    return withDiagnostics(io, false, sources, async () => {
      const jobs = analysisJobs(file, readSource(file, sources), a, "one");
      if (jobs.length !== 1) {
        throw new AttncError([diag("E0212", `${file} has ${jobs.length} attention blocks; choose one with --name (${jobs.map((j) => j.ir.name).join(", ")})`)]);
      }
      const job = jobs[0]!;
      if (h >= job.sizes.H) throw new UsageError(`--head ${h} is out of range: H = ${job.sizes.H} (set --heads)`);
      if (b >= job.sizes.B) throw new UsageError(`--batch-index ${b} is out of range: B = ${job.sizes.B}`);
      const pic = renderMask({
        mask: job.ir.mask, inputs: job.ir.inputs, sizes: job.sizes, tile: job.tile, tensors: job.tensors,
        b, h, title: `${job.ir.name} (${path.basename(file)})`,
      });
      const contents = ext === ".svg" ? pictureToSvg(pic) : pictureToPng(pic);
      const written = writeFilesAtomic(path.dirname(out) || ".", [{ path: path.basename(out), contents }]);
      for (const n of job.notes) io.out(`note: ${n}\n`);
      io.out(`wrote ${written.join(", ")}\n`);
      return 0;
    });
  },
};
