/**
 * Shared front half of `attnc analyze` and `attnc viz` (not a command): flags, lowering and
 * optimizing the program, sizes, the tile shape and the tensors the mask reads (from
 * `--inputs DIR`, one `NAME.npy` per declared input, checked against the declaration).
 *
 * Sizes: Q_LEN / KV_LEN from the flags; B, H, H_KV from `--batch` / `--heads`, else from the
 * shapes of the given tensors, else 1 (H = 8 when the mask reads h and nothing fixes H); D = 64.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AttncError, diag } from "../../dsl/diagnostics.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import type { AttnIR, Sizes } from "../../compiler/ir/program.js";
import type { Tensor } from "../../compiler/ir/interp.js";
import { freeVars, tensorName, topo } from "../../compiler/ir/node.js";
import { paramOverrides, positiveInt, UsageError, type FlagSpec, type ParsedArgs } from "../args.js";
import { readNpy } from "../npy.js";

export const ANALYSIS_FLAGS: Record<string, FlagSpec> = {
  "q-len": { value: true },
  "kv-len": { value: true },
  tile: { value: true },
  param: { value: true, repeat: true },
  inputs: { value: true },
  name: { value: true },
  heads: { value: true },
  batch: { value: true },
};

export interface AnalysisJob {
  ir: AttnIR;
  sizes: Omit<Sizes, "DV">;
  tile: { bq: number; bkv: number };
  tensors: Record<string, Tensor>;
  notes: string[];
}

export function parseTile(text: string | undefined): { bq: number; bkv: number } {
  if (text === undefined) return { bq: 128, bkv: 64 };
  const m = /^(\d+)x(\d+)$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--tile takes ROWSxKEYS, e.g. 128x64, got \`${text}\``);
  return { bq: Number(m[1]), bkv: Number(m[2]) };
}

/** Lowers FILE and prepares one job per attention block. */
export function analysisJobs(file: string, source: string, a: ParsedArgs): AnalysisJob[] {
  const qLen = positiveInt("q-len", a.get("q-len"));
  const kvLen = positiveInt("kv-len", a.get("kv-len"));
  if (qLen === undefined || kvLen === undefined) throw new UsageError("needs --q-len N and --kv-len M");
  const tile = parseTile(a.get("tile"));
  const irs = lowerSource(source, file, { name: a.get("name"), params: paramOverrides(a.all("param")) }).map((x) => optimize(x));
  return irs.map((ir) => job(ir, qLen, kvLen, tile, a));
}

function job(ir: AttnIR, Q_LEN: number, KV_LEN: number, tile: AnalysisJob["tile"], a: ParsedArgs): AnalysisJob {
  const notes: string[] = [];
  const read = new Set(topo([ir.mask]).map(tensorName).filter((n): n is string => n !== undefined));
  const dir = a.get("inputs");
  if (read.size > 0 && dir === undefined) {
    const names = [...read].map((n) => `${n}.npy`).join(", ");
    throw new AttncError([diag("E0403", `the mask of \`${ir.name}\` reads ${[...read].join(", ")}: give --inputs DIR with ${names}`)]);
  }
  const given: Record<string, number | undefined> = { B: positiveInt("batch", a.get("batch")), H: positiveInt("heads", a.get("heads")) };
  const arrays = new Map<string, ReturnType<typeof readNpy>>();
  for (const d of ir.inputs) {
    if (!read.has(d.name)) continue;
    const f = path.join(dir!, `${d.name}.npy`);
    if (!fs.existsSync(f)) throw new AttncError([diag("E0403", `missing input file ${f}`)]);
    const arr = readNpy(f);
    if (arr.dtype !== d.dtype) throw new AttncError([diag("E0404", `${f} must be ${d.dtype === "i32" ? "int32" : "float32"} as declared`)]);
    if (arr.shape.length !== d.dims.length) throw new AttncError([diag("E0404", `${f} has ${arr.shape.length} dims; the declaration has ${d.dims.length}`)]);
    d.dims.forEach((dim, i) => {
      if (dim.kind === "size" && (dim.name === "B" || dim.name === "H" || dim.name === "H_KV") && given[dim.name] === undefined) given[dim.name] = arr.shape[i];
    });
    arrays.set(d.name, arr);
  }
  const fv = freeVars(ir.mask);
  const B = given.B ?? 1;
  let H = given.H;
  if (H === undefined) {
    H = fv.has("h") ? 8 : 1;
    if (fv.has("h")) notes.push("the mask depends on h; H = 8 (set it with --heads)");
  }
  const sizes = { B, H, H_KV: given.H_KV ?? H, Q_LEN, KV_LEN, D: 64 };
  const tensors: Record<string, Tensor> = Object.create(null); // by input name: `__proto__` is a name like any other
  for (const d of ir.inputs) {
    const arr = arrays.get(d.name);
    if (!arr) continue;
    const want = d.dims.map((x) => (x.kind === "const" ? x.value : sizes[x.name]));
    if (arr.shape.some((x, i) => x !== want[i])) {
      throw new AttncError([diag("E0404", `${d.name}.npy has shape (${arr.shape.join(", ")}); with these sizes the declaration needs (${want.join(", ")})`)]);
    }
    tensors[d.name] = { data: arr.data, dims: arr.shape };
  }
  return { ir, sizes, tile, tensors, notes };
}
