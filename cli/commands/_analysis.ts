/**
 * Shared front half of `attnc analyze` and `attnc viz` (not a command): flags, lowering and
 * optimizing the program, sizes, the tile shape and the tensors the mask reads (from
 * `--inputs DIR`, one `NAME.npy` per declared input, checked against the declaration).
 *
 * Sizes: Q_LEN / KV_LEN from the flags; B, H, H_KV from `--batch` / `--heads`, else from the
 * shapes of the given tensors, else 1 (H = 8 when the mask reads h and nothing fixes H); D = 64.
 * A flag that is not a positive integer is a usage error; a size above MAX_SIZE (2^28), from a
 * flag or a shape, is E0408, as are more tiles than `MAX_ANALYZED_TILES` to classify.
 */
import * as path from "node:path";
import { AttncError, diag } from "../../dsl/diagnostics.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { dimProblem, dimValues } from "../../compiler/ir/dims.js";
import type { AttnIR, Sizes } from "../../compiler/ir/program.js";
import type { Tensor } from "../../compiler/ir/interp.js";
import { freeVars, tensorName, topo } from "../../compiler/ir/node.js";
import { MAX_SIZE } from "../../compiler/ir/limits.js";
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

/**
 * The most tiles one command classifies (over all the (b, h) slices it analyses): 2^28, a few
 * tens of seconds and one byte per tile of a slice. Beyond it analyze and viz stop with E0408.
 */
export const MAX_ANALYZED_TILES = 2 ** 28;

/** A size from a flag: not a positive integer is a usage error, one above MAX_SIZE E0408. */
function sizeFlag(a: ParsedArgs, name: string): number | undefined {
  const n = positiveInt(name, a.get(name));
  if (n !== undefined && n > MAX_SIZE) throw new AttncError([diag("E0408", `--${name} ${n} is above the largest size, 2^28 = ${MAX_SIZE}`)]);
  return n;
}

/**
 * Lowers FILE and prepares one job per attention block. `slices`: whether every (b, h) slice the
 * mask distinguishes is analysed (analyze) or one (viz), for the tile budget.
 */
export function analysisJobs(file: string, source: string, a: ParsedArgs, slices: "all" | "one"): AnalysisJob[] {
  const qLen = sizeFlag(a, "q-len");
  const kvLen = sizeFlag(a, "kv-len");
  if (qLen === undefined || kvLen === undefined) throw new UsageError("needs --q-len N and --kv-len M");
  const tile = parseTile(a.get("tile"));
  const irs = lowerSource(source, file, { name: a.get("name"), params: paramOverrides(a.all("param")) }).map((x) => optimize(x));
  const jobs = irs.map((ir) => job(ir, qLen, kvLen, tile, a));
  for (const j of jobs) checkTileBudget(j, slices);
  return jobs;
}

function checkTileBudget(j: AnalysisJob, slices: "all" | "one"): void {
  const { B, H, Q_LEN, KV_LEN } = j.sizes;
  const fv = freeVars(j.ir.mask);
  const perSlice = Math.ceil(Q_LEN / j.tile.bq) * Math.ceil(KV_LEN / j.tile.bkv);
  const n = slices === "one" ? 1 : (fv.has("b") ? B : 1) * (fv.has("h") ? H : 1);
  if (perSlice * n <= MAX_ANALYZED_TILES) return;
  const what = n > 1 ? `${perSlice} tiles per slice x ${n} (b, h) slices` : `${perSlice} tiles`;
  throw new AttncError([
    diag("E0408", `Q_LEN=${Q_LEN} x KV_LEN=${KV_LEN} with tile ${j.tile.bq}x${j.tile.bkv} is ${what}; attnc classifies at most 2^28 = ${MAX_ANALYZED_TILES}`, undefined, [
      "use a larger --tile or shorter lengths",
    ]),
  ]);
}

function job(ir: AttnIR, Q_LEN: number, KV_LEN: number, tile: AnalysisJob["tile"], a: ParsedArgs): AnalysisJob {
  const notes: string[] = [];
  const read = new Set(topo([ir.mask]).map(tensorName).filter((n): n is string => n !== undefined));
  const dir = a.get("inputs");
  if (read.size > 0 && dir === undefined) {
    const names = [...read].map((n) => `${n}.npy`).join(", ");
    throw new AttncError([diag("E0403", `the mask of \`${ir.name}\` reads ${[...read].join(", ")}: give --inputs DIR with ${names}`)]);
  }
  const given: Record<string, number | undefined> = { B: sizeFlag(a, "batch"), H: sizeFlag(a, "heads") };
  const arrays = new Map<string, ReturnType<typeof readNpy>>();
  for (const d of ir.inputs) {
    if (!read.has(d.name)) continue;
    const f = path.join(dir!, `${d.name}.npy`);
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
  for (const [name, x] of Object.entries({ B, H, H_KV: sizes.H_KV })) {
    if (x < 1 || x > MAX_SIZE) throw new AttncError([diag("E0408", `size ${name} is ${x} (from the shape of an input); every size must be between 1 and 2^28`)]);
  }
  const tensors: Record<string, Tensor> = Object.create(null); // by input name: `__proto__` is a name like any other
  for (const d of ir.inputs) {
    const arr = arrays.get(d.name);
    if (!arr) continue;
    const bad = dimProblem([d], sizes);
    if (bad !== null) throw new AttncError([diag("E0408", bad)]);
    const want = dimValues(d, sizes);
    if (arr.shape.some((x, i) => x !== want[i])) {
      throw new AttncError([diag("E0404", `${d.name}.npy has shape (${arr.shape.join(", ")}); with these sizes the declaration needs (${want.join(", ")})`)]);
    }
    tensors[d.name] = { data: arr.data, dims: arr.shape };
  }
  return { ir, sizes, tile, tensors, notes };
}
