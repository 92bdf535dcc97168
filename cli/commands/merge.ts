/**
 * `attnc merge DIR... --out DIR [--json]`: merges partial results of the same queries over disjoint
 * key sets — each DIR holding the o.npy and lse.npy of one `attnc run` — into the softmax over
 * their union (docs/language.md § 9, "Merging"), written as o.npy and lse.npy, atomically.
 */
import * as path from "node:path";
import { mergePartials } from "../../backends/ts/merge.js";
import { AttncError, diag } from "../../dsl/diagnostics.js";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { withDiagnostics, writeFilesAtomic } from "../io.js";
import { encodeNpy, readNpy, type NpyArray } from "../npy.js";

const shapeText = (s: number[]) => `(${s.join(", ")})`;

export const mergeCommand: Command = {
  name: "merge",
  summary: "merge partial results (o.npy, lse.npy) over disjoint key sets into one",
  usage: "attnc merge DIR... --out DIR [--json]   (each DIR: o.npy [B, H, Q_LEN, DV] and lse.npy [B, H, Q_LEN] of one softmax run)",
  async run(argv, io) {
    const a = parseArgs(argv, { out: { value: true, alias: "-o" }, json: {} });
    const dirs = a.positional;
    const outDir = a.get("out");
    if (dirs.length === 0) throw new UsageError("merge takes one or more folders of partial results");
    if (!outDir) throw new UsageError("merge needs --out DIR");
    const json = a.has("json");
    return withDiagnostics(io, json, {}, async () => {
      const parts: { o: NpyArray; lse: NpyArray; dir: string }[] = dirs.map((d) => ({ o: readNpy(path.join(d, "o.npy")), lse: readNpy(path.join(d, "lse.npy")), dir: d }));
      const [first] = parts;
      const shape = first!.o.shape;
      for (const p of parts) {
        const problems: string[] = [];
        if (p.o.dtype !== "f32" || p.lse.dtype !== "f32") problems.push("o.npy and lse.npy must hold floats");
        if (p.o.shape.length !== 4) problems.push(`o.npy has shape ${shapeText(p.o.shape)}; it must be (B, H, Q_LEN, DV)`);
        else if (p.o.shape.some((x, i) => x !== shape[i])) problems.push(`o.npy has shape ${shapeText(p.o.shape)}, ${first!.dir}/o.npy ${shapeText(shape)}: partials of the same queries have the same shape`);
        else if (p.lse.shape.length !== 3 || p.lse.shape.some((x, i) => x !== shape[i])) problems.push(`lse.npy has shape ${shapeText(p.lse.shape)}; o.npy's (B, H, Q_LEN) is ${shapeText(shape.slice(0, 3))}`);
        if (problems.length) throw new AttncError(problems.map((m) => diag("E0404", `${p.dir}: ${m}`)));
      }
      const [B, H, Q_LEN, DV] = shape as [number, number, number, number];
      const merged = mergePartials(parts.map((p) => ({ o: p.o.data, lse: p.lse.data })), B * H * Q_LEN, DV);
      const written = writeFilesAtomic(outDir, [
        { path: "o.npy", contents: encodeNpy(merged.o, [B, H, Q_LEN, DV]) },
        { path: "lse.npy", contents: encodeNpy(merged.lse, [B, H, Q_LEN]) },
      ]);
      if (json) io.out(`${JSON.stringify({ written, partials: dirs.length })}\n`);
      else for (const w of written) io.out(`wrote ${w}\n`);
      return 0;
    });
  },
};
