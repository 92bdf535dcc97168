/**
 * The runtime helpers every generated TypeScript kernel contains (printed verbatim at the top of
 * the module), and the code that validates sizes and buffers at the start of `forward`.
 * Their int semantics are those of compiler/ir/semantics.ts (tested against it).
 */
import { dimExprJS, dimIdent, dimText, exprDims } from "../../compiler/ir/dims.js";
import type { InputDecl } from "../../compiler/ir/program.js";
import { MAX_SIZE } from "../../compiler/ir/limits.js";

export const RUNTIME_HELPERS = `
/**
 * An error of a kernel call: bad sizes or buffers (E0408, E0404), a per-row length out of range
 * (E0412), a page id out of range (E0413) or a tensor read out of bounds (E0407).
 */
export class AttnKernelError extends Error {
  constructor(public readonly code: string, message: string) {
    super(message);
    this.name = "AttnKernelError";
  }
}

/** Floor division of 32-bit ints; x / 0 == 0. */
function idiv(a: number, b: number): number {
  return b === 0 ? 0 : Math.floor(a / b) | 0;
}

/** Floor modulo of 32-bit ints; x % 0 == x. */
function imod(a: number, b: number): number {
  return b === 0 ? a : (a - b * Math.floor(a / b)) | 0;
}

/** Float to int: truncate toward zero, saturate to the int32 range, NaN -> 0. */
function ftoi(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x >= 2147483647) return 2147483647;
  if (x <= -2147483648) return -2147483648;
  return Math.trunc(x);
}

/** Whether a row-major tensor is nondecreasing along \`dim\` (for every index of the other dims). */
function nondecreasing(data: ArrayLike<number>, dims: number[], dim: number): boolean {
  const inner = dims.slice(dim + 1).reduce((a, b) => a * b, 1);
  const n = dims[dim]!;
  const outer = dims.slice(0, dim).reduce((a, b) => a * b, 1);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++)
      for (let j = 1; j < n; j++) {
        const at = (o * n + j) * inner + i;
        if (data[at]! < data[at - inner]!) return false;
      }
  return true;
}

/**
 * The per-row lengths \`lens\` (options.qLens / kvLens) checked against the batch and the tensors'
 * length \`max\`: an Int32Array of B values in [0, max], or undefined (every row has length max).
 */
function rowLengths(name: string, lens: Int32Array | undefined, B: number, max: number): Int32Array | undefined {
  if (lens === undefined) return undefined;
  if (!(lens instanceof Int32Array) || lens.length !== B)
    throw new AttnKernelError("E0404", \`\${name} must be an Int32Array of B = \${B} lengths\`);
  for (let b = 0; b < B; b++)
    if (lens[b]! < 0 || lens[b]! > max)
      throw new AttnKernelError("E0412", \`\${name}[\${b}] = \${lens[b]} is outside [0, \${max}] (the tensors' length)\`);
  return lens;
}

/** A paged KV cache: row b's key kv is row kv % size of page table[b * maxPages + kv / size] of k and v. */
interface Pages {
  table: Int32Array;
  size: number;
  maxPages: number;
}

/**
 * The page layout of k and v (options.pageTable, options.pageSize), checked: k is [NUM_PAGES, H_KV,
 * PAGE, D] and v [NUM_PAGES, H_KV, PAGE, DV], the table [B, KV_LEN / PAGE] (E0404 otherwise), and
 * every page a row reads (those of its keys below its kv_len) a page of k (E0413); undefined for a
 * dense k and v.
 */
function pageLayout(
  options: { pageTable?: Int32Array; pageSize?: number },
  sizes: { B: number; H_KV: number; D: number; DV: number; KV_LEN: number },
  k: ArrayLike<number>,
  v: ArrayLike<number>,
  kvLens: Int32Array | undefined,
): Pages | undefined {
  const { pageTable: table, pageSize: size } = options;
  if (table === undefined && size === undefined) return undefined;
  const { B, H_KV, D, DV, KV_LEN } = sizes;
  if (!(table instanceof Int32Array) || !Number.isInteger(size) || size! < 1 || KV_LEN % size! !== 0 || table.length !== B * (KV_LEN / size!))
    throw new AttnKernelError("E0404", \`a page table needs pageSize dividing KV_LEN (\${KV_LEN}) and an Int32Array pageTable of B x KV_LEN / pageSize entries\`);
  const row = H_KV * size! * D;
  const numPages = k.length / row;
  if (!Number.isInteger(numPages) || numPages < 1 || v.length !== numPages * H_KV * size! * DV)
    throw new AttnKernelError("E0404", \`paged k and v must be [NUM_PAGES, H_KV, PAGE, D] and [NUM_PAGES, H_KV, PAGE, DV] (PAGE = \${size}), got \${k.length} and \${v.length} elements\`);
  const maxPages = KV_LEN / size!;
  for (let b = 0; b < B; b++) {
    const used = Math.ceil((kvLens === undefined ? KV_LEN : kvLens[b]!) / size!);
    for (let p = 0; p < used; p++) {
      const id = table[b * maxPages + p]!;
      if (id < 0 || id >= numPages)
        throw new AttnKernelError("E0413", \`pageTable[\${b}, \${p}] = \${id} is not a page of k (NUM_PAGES = \${numPages})\`);
    }
  }
  return { table, size: size!, maxPages };
}

/** The backward takes no page table (E0409): a paged KV cache is for inference. */
function noPageTable(pages: Pages | undefined): void {
  if (pages !== undefined) throw new AttnKernelError("E0409", "the backward does not take a page table (paged KV caches are for inference)");
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
`;

/** The TypeScript expression for one dim of a declared input, inside `forward`. */
export function dimExpr(d: InputDecl["dims"][number]): string {
  return d.kind === "const" ? String(d.value) : d.kind === "size" ? `sizes.${d.name}` : dimIdent(d);
}

/**
 * One dim of a declared input inside the kernel, where the sizes are locals (`H`, ...): a tensor's
 * dims are the padded lengths `Q_PAD`, `KV_PAD` (the tensors' own) where it names `Q_LEN` or
 * `KV_LEN`, which inside the walk are the batch row's lengths.
 */
export const PADDED: Record<string, string> = { Q_LEN: "Q_PAD", KV_LEN: "KV_PAD" };
const dimLocal = (d: InputDecl["dims"][number]): string =>
  d.kind === "const" ? String(d.value) : d.kind === "size" ? PADDED[d.name] ?? d.name : dimIdent(d);

/**
 * The data `in_NAME` and the bounds-checked reader `rd_NAME(i, j, ...)` of one declared input,
 * defined inside `forward` after the sizes. A user's name reaches the module's code only behind a
 * prefix (`in_`, `rd_`) that nothing else in the module starts with, and only as the last part of
 * an identifier, so it can never collide with a keyword, a built-in or another generated name (as
 * `NAME_data` for `x_data` vs `rd_x` for `rd_x` would); `tensors.NAME` is a property name.
 */
export function readerFor(decl: InputDecl): string {
  const { idx, checks, off, shape, shown } = addressing(decl);
  return `const in_${decl.name} = tensors.${decl.name};
const rd_${decl.name} = (${idx.map((x) => `${x}: number`).join(", ")}): number => {
  if (${checks}) {
    throw new AttnKernelError("E0407", \`tensor read out of bounds: ${decl.name}[${shown}] (shape [${shape}])\`);
  }
  return in_${decl.name}[${off}]!;
};`;
}

/** The row-major offset of an element of a declared input, with its bounds check, as code. */
function addressing(decl: InputDecl) {
  const idx = decl.dims.map((_, i) => `i${i}`);
  const dims = decl.dims.map(dimLocal);
  const checks = idx.map((x, i) => `${x} < 0 || ${x} >= ${dims[i]}`).join(" || ");
  let off = idx[0]!;
  for (let i = 1; i < idx.length; i++) off = `(${off}) * ${dims[i]} + ${idx[i]}`;
  const shape = decl.dims.map((d) => (d.kind === "const" ? String(d.value) : `\${${dimLocal(d)}}`)).join(", ");
  const shown = idx.map((x) => `\${${x}}`).join(", ");
  return { idx, checks, off, shape, shown, size: dims.join(" * ") };
}

/**
 * The gradient of one f32 input in `backward`: the float64 accumulator `gd_NAME` (the input's
 * shape) and `go_NAME(i, j, ...)`, the offset of an element, bounds-checked like `rd_NAME` (a
 * backward adds into an element only where the score read it, so the check never fails).
 */
export function gradAccumulatorFor(decl: InputDecl): string {
  const { idx, checks, off, shape, shown, size } = addressing(decl);
  return `const gd_${decl.name} = new Float64Array(${size});
const go_${decl.name} = (${idx.map((x) => `${x}: number`).join(", ")}): number => {
  if (${checks}) {
    throw new AttnKernelError("E0407", \`tensor gradient out of bounds: ${decl.name}[${shown}] (shape [${shape}])\`);
  }
  return ${off};
};`;
}

/** The arguments of `nondecreasing` for a run-time fact on a declared input (after its reader). */
export function factArgs(decl: InputDecl): string {
  return `in_${decl.name}, [${decl.dims.map(dimLocal).join(", ")}]`;
}

/** Validation of sizes and buffer lengths at the start of `forward`. */
export function validation(inputs: InputDecl[], headDim: number | null): string {
  const lines = [
    `for (const key of ["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D", "DV"] as const) {
  const x = sizes[key];
  if (!Number.isInteger(x) || x < 1 || x > ${MAX_SIZE}) throw new AttnKernelError("E0408", \`size \${key} must be an integer in [1, ${MAX_SIZE}], got \${x}\`);
}`,
    `if (sizes.H % sizes.H_KV !== 0) throw new AttnKernelError("E0408", \`H (\${sizes.H}) must be a multiple of H_KV (\${sizes.H_KV})\`);`,
  ];
  if (headDim !== null) {
    lines.push(`if (sizes.D !== ${headDim}) throw new AttnKernelError("E0408", \`this kernel was compiled for head dim ${headDim}, got D = \${sizes.D}\`);`);
  }
  // q, k, v are the parameters q_, k, v; the program's inputs are properties of `tensors`
  const check = (name: string, arr: string, expr: string, shape: string) => `expectLength("${name}", ${arr}, ${expr}, "${shape}");`;
  lines.push(`const expectLength = (name: string, arr: ArrayLike<number> | undefined, n: number, shape: string) => {
  if (arr === undefined || arr === null) throw new AttnKernelError("E0404", \`missing tensor \${name} (expected shape \${shape})\`);
  if (arr.length !== n) throw new AttnKernelError("E0404", \`tensor \${name} has \${arr.length} elements; shape \${shape} needs \${n}\`);
};`);
  lines.push(check("q", "q_", "sizes.B * sizes.H * sizes.Q_LEN * sizes.D", "[B, H, Q_LEN, D]"));
  // paged k and v are checked with their page table (pageLayout)
  lines.push(`if (options.pageTable === undefined && options.pageSize === undefined) {
  ${check("k", "k", "sizes.B * sizes.H_KV * sizes.KV_LEN * sizes.D", "[B, H_KV, KV_LEN, D]")}
  ${check("v", "v", "sizes.B * sizes.H_KV * sizes.KV_LEN * sizes.DV", "[B, H_KV, KV_LEN, DV]")}
}`);
  // derived dims (docs/language.md § 10): exact, every intermediate in int32, at least 1
  for (const d of exprDims(inputs)) {
    lines.push(`const ${dimIdent(d)} = ${dimExprJS(d.expr, (n) => `sizes.${n}`)};
if (!(${dimIdent(d)} >= 1)) throw new AttnKernelError("E0408", \`input dimension ${d.text} is \${Number.isNaN(${dimIdent(d)}) ? "beyond int32" : ${dimIdent(d)}} for these sizes; it must be an int32 value of at least 1\`);`);
  }
  for (const i of inputs) {
    const n = i.dims.map(dimExpr).join(" * ");
    const shape = `[${i.dims.map(dimText).join(", ")}]`;
    lines.push(check(i.name, `tensors.${i.name}`, n, shape));
  }
  return lines.join("\n");
}
