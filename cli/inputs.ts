/**
 * Loads the inputs of `attnc run` from a directory of .npy files: q, k, v and one file per
 * declared `input`, and derives the sizes from their shapes. Floats of any width numpy writes are
 * read as float32 and integers (bool included) as int32 (cli/npy.ts converts, and refuses values
 * that do not fit). Errors name the file, its shape and
 * what was expected: E0404 for a file whose dtype or rank is not what q, k, v (docs/language.md
 * §10) or its declaration need, E0408 for sizes that do not fit together or are out of range
 * (< 1 or > MAX_SIZE, H not a multiple of H_KV), E0403 / E0405 for missing or unusable files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AttncError, diag, type Diagnostic } from "../dsl/diagnostics.js";
import { dimProblem, dimText, dimValues } from "../compiler/ir/dims.js";
import type { AttnIR, Sizes } from "../compiler/ir/program.js";
import { MAX_SIZE } from "../compiler/ir/limits.js";
import { readNpy, type NpyArray } from "./npy.js";

export interface LoadedInputs {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  tensors: Record<string, Float32Array | Int32Array>;
  sizes: Sizes;
  /** per-row lengths from q_lens.npy, kv_lens.npy when present */
  lens?: { q?: Int32Array; kv?: Int32Array };
  /** a paged KV cache: page_table.npy, when present (k.npy, v.npy are then pages) */
  pages?: { table: Int32Array; size: number };
}

/** The files `attnc run` reads for itself besides q, k, v: per-row lengths (docs/language.md § 10). */
export const LENGTH_FILES = { q: "q_lens", kv: "kv_lens" } as const;
/** The page table of a paged KV cache (docs/language.md § 10). */
export const PAGE_TABLE_FILE = "page_table";

const need = (dir: string, name: string): NpyArray => readNpy(path.join(dir, `${name}.npy`));

const shapeText = (s: (number | string)[]) => `(${s.join(", ")})`;

/**
 * The backward's dO: `do.npy`, float32, the shape of o (B, H, Q_LEN, DV). An input named `do` would
 * be read from the same file: E0411 before anything is read.
 */
export function loadGradOutput(dir: string, ir: AttnIR, sizes: Sizes): Float32Array {
  const { B, H, Q_LEN, DV } = sizes;
  const t = need(dir, "do");
  const errors: Diagnostic[] = [];
  if (t.dtype !== "f32") errors.push(diag("E0404", `do.npy (dO, the gradient of o) must hold floats (float32, float64 or float16), got ${t.stored}`));
  if (t.shape.length !== 4 || t.shape.some((x, i) => x !== [B, H, Q_LEN, DV][i])) {
    errors.push(diag("E0404", `do.npy (dO, the gradient of o) has shape ${shapeText(t.shape)}; it must be o's, (B, H, Q_LEN, DV) = (${B}, ${H}, ${Q_LEN}, ${DV})`));
  }
  if (errors.length) throw new AttncError(errors);
  return t.data as Float32Array;
}

/**
 * E0411 when an input of the program is named like a file `attnc run` reads itself: `q_lens` or
 * `kv_lens` (per-row lengths), and `do` with `--backward` (dO).
 */
export function checkInputNames(ir: AttnIR): void {
  for (const name of [...Object.values(LENGTH_FILES), PAGE_TABLE_FILE]) {
    if (ir.inputs.some((i) => i.name === name)) {
      const what = name === PAGE_TABLE_FILE ? "the page table of a paged KV cache" : "per-row lengths";
      throw new AttncError([diag("E0411", `input \`${name}\` of \`${ir.name}\` would be read from ${name}.npy, which \`attnc run\` reads as ${what}; rename the input`)]);
    }
  }
}

/** E0411 when an input of the program is named `do` (its file would be the backward's do.npy). */
export function checkBackwardNames(ir: AttnIR): void {
  if (ir.inputs.some((i) => i.name === "do")) {
    throw new AttncError([diag("E0411", `input \`do\` of \`${ir.name}\` would be read from do.npy, which \`--backward\` reads as dO (the gradient of o); rename the input`)]);
  }
}

export function loadInputs(dir: string, ir: AttnIR): LoadedInputs {
  const errors: Diagnostic[] = [];
  const fail = (msg: string) => errors.push(diag("E0404", msg));
  const badSize = (msg: string) => errors.push(diag("E0408", msg));
  const q = need(dir, "q");
  const k = need(dir, "k");
  const v = need(dir, "v");
  for (const [n, a] of [["q", q], ["k", k], ["v", v]] as const) {
    if (a.dtype !== "f32") fail(`${n}.npy must hold floats (float32, float64 or float16), got ${a.stored}`);
    if (a.shape.length !== 4) fail(`${n}.npy must have 4 dims, got shape ${shapeText(a.shape)}`);
  }
  if (errors.length) throw new AttncError(errors);
  const [B, H, Q_LEN, D] = q.shape as [number, number, number, number];
  const [Bk, H_KV, kvDim, Dk] = k.shape as [number, number, number, number];
  const [Bv, H_KVv, KV_LENv, DV] = v.shape as [number, number, number, number];
  // a paged KV cache: k, v are [NUM_PAGES, H_KV, PAGE, *] and KV_LEN = PAGE * the table's columns
  const table = present(path.join(dir, `${PAGE_TABLE_FILE}.npy`)) ? need(dir, PAGE_TABLE_FILE) : undefined;
  if (table && (table.dtype !== "i32" || table.shape.length !== 2 || table.shape[0] !== B)) {
    throw new AttncError([diag("E0404", `${PAGE_TABLE_FILE}.npy must hold integers of shape (B, MAX_PAGES) with B = ${B}, got ${table.stored} of shape ${shapeText(table.shape)}`)]);
  }
  const KV_LEN = table ? kvDim * table.shape[1]! : kvDim;
  if (table) {
    if (Bv !== Bk) badSize(`k.npy and v.npy hold ${Bk} and ${Bv} pages`);
    if (H_KVv !== H_KV || KV_LENv !== kvDim) badSize(`v.npy shape ${shapeText(v.shape)} must be (NUM_PAGES, H_KV, PAGE, DV) = (${Bk}, ${H_KV}, ${kvDim}, DV), as k.npy's pages`);
  } else {
    if (Bk !== B || Bv !== B) badSize(`batch sizes differ: q ${B}, k ${Bk}, v ${Bv}`);
    if (H_KVv !== H_KV || KV_LENv !== KV_LEN) badSize(`v.npy shape ${shapeText(v.shape)} must be (B, H_KV, KV_LEN, DV) = (${B}, ${H_KV}, ${KV_LEN}, DV)`);
  }
  if (Dk !== D) badSize(`head dims differ: q.npy has D = ${D}, k.npy has ${Dk}`);
  if (H_KV > 0 && H % H_KV !== 0) badSize(`H (${H}, from q.npy) must be a multiple of H_KV (${H_KV}, from k.npy)`);
  for (const [name, x] of Object.entries({ B, H, Q_LEN, D, H_KV, KV_LEN, DV })) {
    if (x < 1) badSize(`size ${name} is ${x}; every size must be at least 1`);
    else if (x > MAX_SIZE) badSize(`size ${name} is ${x}; every size must be at most 2^28 = ${MAX_SIZE}`);
  }
  if (errors.length) throw new AttncError(errors);
  const sizes: Sizes = { B, H, H_KV, Q_LEN, KV_LEN, D, DV };
  const tensors: Record<string, Float32Array | Int32Array> = Object.create(null); // by input name: `__proto__` is a name like any other
  for (const decl of ir.inputs) {
    const t = need(dir, decl.name);
    const want = dimValues(decl, sizes);
    const wantText = decl.dims.map((d, i) => (d.kind === "const" ? String(d.value) : `${dimText(d)}=${want[i]}`));
    const bad = dimProblem([decl], sizes);
    if (bad !== null) {
      errors.push(diag("E0408", `${bad} (sizes from q.npy and k.npy: B=${B}, H=${H}, H_KV=${H_KV}, Q_LEN=${Q_LEN}, KV_LEN=${KV_LEN}, D=${D})`));
      continue;
    }
    if (t.dtype !== decl.dtype) {
      const want = decl.dtype === "i32" ? "integers (int32, or int8..int64, uint8..uint64, bool within int32)" : "floats (float32, or float64, float16)";
      fail(`${decl.name}.npy must be ${decl.dtype === "i32" ? "int32" : "float32"} as declared: ${want}, got ${t.stored}`);
    }
    if (t.shape.length !== want.length || t.shape.some((x, i) => x !== want[i])) {
      fail(`${decl.name}.npy has shape ${shapeText(t.shape)}; the declaration needs ${shapeText(wantText)}`);
    }
    tensors[decl.name] = t.data;
  }
  if (errors.length) throw new AttncError(errors);
  const lens = loadLengths(dir, sizes);
  const pages = table ? checkPages(table.data as Int32Array, kvDim, Bk, sizes, lens?.kv) : undefined;
  return { q: q.data as Float32Array, k: k.data as Float32Array, v: v.data as Float32Array, tensors, sizes, ...(lens ? { lens } : {}), ...(pages ? { pages } : {}) };
}

/** The pages each row reads (those of its keys below its kv_len) must be pages of k (E0413). */
function checkPages(table: Int32Array, size: number, numPages: number, sizes: Sizes, kvLens: Int32Array | undefined) {
  const maxPages = sizes.KV_LEN / size;
  for (let b = 0; b < sizes.B; b++) {
    const used = Math.ceil((kvLens ? kvLens[b]! : sizes.KV_LEN) / size);
    for (let p = 0; p < used; p++) {
      const id = table[b * maxPages + p]!;
      if (id < 0 || id >= numPages) {
        throw new AttncError([diag("E0413", `${PAGE_TABLE_FILE}.npy: row ${b}, page ${p} is ${id}, not a page of k.npy (NUM_PAGES = ${numPages}); only the pages below a row's kv_len are read`)]);
      }
    }
  }
  return { table, size };
}

/**
 * q_lens.npy and kv_lens.npy, when present: integers of shape (B,), each in [0, Q_LEN] / [0, KV_LEN]
 * (E0404 for the dtype or shape, E0412 for a value out of range).
 */
function loadLengths(dir: string, sizes: Sizes): { q?: Int32Array; kv?: Int32Array } | undefined {
  const out: { q?: Int32Array; kv?: Int32Array } = {};
  for (const [key, name] of Object.entries(LENGTH_FILES) as ["q" | "kv", string][]) {
    const file = path.join(dir, `${name}.npy`);
    if (!present(file)) continue;
    const t = readNpy(file);
    const max = key === "q" ? sizes.Q_LEN : sizes.KV_LEN;
    const lenName = key === "q" ? "Q_LEN" : "KV_LEN";
    if (t.dtype !== "i32" || t.shape.length !== 1 || t.shape[0] !== sizes.B) {
      throw new AttncError([diag("E0404", `${name}.npy must hold integers of shape (B,) = (${sizes.B},), got ${t.stored} of shape ${shapeText(t.shape)}`)]);
    }
    const data = t.data as Int32Array;
    const bad = data.findIndex((x) => x < 0 || x > max);
    if (bad >= 0) {
      throw new AttncError([diag("E0412", `${name}.npy: row ${bad} has length ${data[bad]}, outside [0, ${lenName} = ${max}] (the padded length of the tensors)`)]);
    }
    out[key] = data;
  }
  return out.q || out.kv ? out : undefined;
}

/** Whether a file exists (a broken link counts: reading it then says why it cannot be read). */
const present = (file: string): boolean => fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
