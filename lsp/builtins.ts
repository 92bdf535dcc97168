/**
 * What hover says about the language's built-in names: the rows of docs/language.md's tables of
 * built-in variables (§ 7) and functions (§ 6), cell for cell. tests/lsp/builtins.test.ts checks
 * that every row here is a row there and that every built-in of the compiler (dsl/ast.ts) has one,
 * so the two cannot drift apart.
 */
import { FUNCTIONS, SCORE_VAR } from "../dsl/ast.js";
import { BUILTIN_VARS } from "../dsl/names.js";

/** A row of a docs table: the names it covers (first cell) and its other cells. */
export interface DocRow {
  /** the first cell, as in the docs: `` `q` ``, `` `min(a, b)`, `max(a, b)` `` */
  head: string;
  cells: string[];
}

/** § 7, "Built-in variables": name | type | meaning. */
export const VARIABLE_ROWS: DocRow[] = [
  { head: "`b`", cells: ["int", "batch index, `0 <= b < B`"] },
  { head: "`h`", cells: ["int", "query head, `0 <= h < H`"] },
  { head: "`q`", cells: ["int", "query position, `0 <= q < Q_LEN`"] },
  { head: "`kv`", cells: ["int", "key/value position, `0 <= kv < KV_LEN`"] },
  { head: "`s`", cells: ["float", "the scaled score `scale * dot(q[b,h,q,:], k[b,h_kv,kv,:])`; score only (E0307 elsewhere)"] },
  { head: "`B` `H` `H_KV` `Q_LEN` `KV_LEN` `D`", cells: ["int", "the run-time sizes ([§ 10](#10-sizes-and-shapes))"] },
  { head: "`kvh`", cells: ["int", "the key/value head of query head `h`: `h / (H / H_KV)` (§ 9; v2)"] },
];

/** § 6, "Functions": function | arguments | result. */
export const FUNCTION_ROWS: DocRow[] = [
  { head: "`abs(x)`", cells: ["int or float", "same type (`abs(-2147483648)` wraps to itself)"] },
  { head: "`min(a, b)`, `max(a, b)`", cells: ["numbers", "int if both int, else float; a NaN operand gives NaN, and `-0.0 < 0.0` (`min(0.0, -0.0) == -0.0`), as JavaScript's `Math.min`/`Math.max` — every backend, although CUDA's `fminf` and WGSL's `min` would return the other operand"] },
  { head: "`clamp(x, lo, hi)`", cells: ["numbers", "`min(max(x, lo), hi)`; int if all int. If `lo > hi` the result is `hi`."] },
  { head: "`exp(x)` `log(x)` `sqrt(x)` `tanh(x)` `sigmoid(x)`", cells: ["number (int converted)", "float; `log` is the natural log, `log(0) == -inf`, `log` and `sqrt` of a negative are NaN"] },
  { head: "`pow(x, y)`", cells: ["numbers", "float, `x` to the power `y`"] },
  { head: "`floor(x)`", cells: ["number", "float, rounded toward −∞ (use `int(floor(x))` for an int)"] },
  { head: "`int(x)`", cells: ["number", "int, see [§ 3](#3-types-and-conversions)"] },
  { head: "`float(x)`", cells: ["number", "float"] },
  { head: "`ilog2(x)`", cells: ["int", "int: `floor(log2 x)` for `x >= 1` (`ilog2(1) == 0`, `ilog2(1024) == 10`, `ilog2(2147483647) == 30`); **`-1` for `x <= 0`** (v2)"] },
  { head: "`cdiv(a, b)`", cells: ["ints", "int: the ceiling of `a / b` (`cdiv(7, 2) == 4`, `cdiv(-7, 2) == -3`, `cdiv(8, 2) == 4`, `cdiv(7, -2) == -3`); `cdiv(a, 0) == 0` like `a / 0`; wraps only as `/` does (`cdiv(-2147483648, -1)`) (v2)"] },
];

/** `inf` is in no table: § 3 lists it among the float literals. */
const INF_DOC = "the float +infinity (a float literal; `-inf` is its negation)";

/** The names a row's head covers: `min(a, b)` covers `min`. */
export const rowNames = (row: DocRow): string[] => [...row.head.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);

/** Markdown of the docs without its links into the docs (a hover has no such anchors). */
const unlink = (md: string) => md.replace(/\[([^\]]*)\]\(#[^)]*\)/g, "$1");

function rowFor(rows: DocRow[], name: string): DocRow | undefined {
  return rows.find((r) => rowNames(r).includes(name));
}

/** Hover markdown for a built-in variable (`q`, `s`, `Q_LEN`, `inf`), or undefined. */
export function variableDoc(name: string): string | undefined {
  const type = BUILTIN_VARS.get(name);
  if (type === undefined) return undefined;
  const code = "```attn\n" + `${name}: ${type}` + "\n```";
  if (name === "inf") return `${code}\n\n${INF_DOC}`;
  const row = rowFor(VARIABLE_ROWS, name);
  const what = name === SCORE_VAR ? "the score variable" : row && rowNames(row).length > 1 ? "size symbol" : "built-in index variable";
  return `${code}\n\n${what}: ${unlink(row?.cells[1] ?? "")}`;
}

/** Hover markdown for a built-in function (`exp`, `min`), or undefined. */
export function functionDoc(name: string): string | undefined {
  const arity = FUNCTIONS.get(name);
  if (arity === undefined) return undefined;
  const row = rowFor(FUNCTION_ROWS, name);
  const sig = row ? row.head.match(new RegExp("`(" + name + "\\([^`]*\\))`"))?.[1] : undefined;
  const code = "```attn\n" + (sig ?? `${name}(${arity} arguments)`) + "\n```";
  if (!row) return `${code}\n\nbuilt-in function`;
  return `${code}\n\nbuilt-in function. Arguments: ${unlink(row.cells[0]!)}. Result: ${unlink(row.cells[1]!)}`;
}
