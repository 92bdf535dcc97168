/**
 * Built-in names of the language and "did you mean" suggestions.
 *
 * Contract: `BUILTIN_VARS` maps every built-in variable to its type (`s` is the score variable,
 * `inf` the float +infinity); `RESERVED` is every name a declaration may not take (built-in
 * variables and function names, E0213); `suggest` returns the closest candidate or undefined.
 * Every table here is a `Map`/`Set`: a user's name (`constructor`, `__proto__`) never finds an
 * Object.prototype member.
 *
 * Suggestions cost O(|name| · (2k + 1)) per candidate at most (k ≤ 3, the edit budget; candidates
 * whose length differs by more than k cost O(1)), and one `SuggestBudget` bounds the work of all
 * suggestions of a check: once spent, diagnostics come without "did you mean". So no input — a
 * 100,000-character name, or thousands of unknown names among thousands of declared ones — makes
 * suggestions superlinear in the size of the file.
 */
import { FUNCTIONS, INDEX_VARS, SCORE_VAR, SIZE_VARS, type TypeName } from "./ast.js";

export const BUILTIN_VARS: ReadonlyMap<string, TypeName> = new Map<string, TypeName>([
  ...INDEX_VARS.map((n) => [n, "int"] as [string, TypeName]),
  ...SIZE_VARS.map((n) => [n, "int"] as [string, TypeName]),
  [SCORE_VAR, "float"],
  ["inf", "float"],
  // v2: the key/value head of query head h, h / (H / H_KV)
  ["kvh", "int"],
]);

/** Built-in functions added in language v2: a declaration may still take their names (a def, param,
 * input or let of that name shadows the built-in), so every v1 program keeps compiling and its meaning. */
export const V2_FUNCTIONS: ReadonlySet<string> = new Set(["ilog2", "cdiv"]);
/** Built-in variables added in language v2, free for declarations in the same way. */
export const V2_VARS: ReadonlySet<string> = new Set(["kvh"]);
export const RESERVED: ReadonlySet<string> = new Set([
  ...[...BUILTIN_VARS.keys()].filter((v) => !V2_VARS.has(v)),
  ...[...FUNCTIONS.keys()].filter((f) => !V2_FUNCTIONS.has(f)),
]);

/** What a reserved name is, for messages: "the built-in variable `q`", "the function `exp`". */
export function describeReserved(name: string): string {
  if (name === SCORE_VAR) return "the score variable `s`";
  if (name === "inf") return "the constant `inf`";
  if ((SIZE_VARS as readonly string[]).includes(name)) return `the size symbol \`${name}\``;
  if (BUILTIN_VARS.has(name)) return `the built-in index variable \`${name}\``;
  return `the built-in function \`${name}\``;
}

/**
 * Work left for suggestions (in table cells; each candidate looked at costs at least one).
 * One budget is shared by every suggestion of one `check`.
 */
export interface SuggestBudget { left: number }

/** The work one `check` may spend on suggestions: far above any real file's needs (a few thousand). */
export const SUGGEST_WORK = 2_000_000;

export const suggestBudget = (left = SUGGEST_WORK): SuggestBudget => ({ left });

/**
 * The Levenshtein distance of `a` and `b` when it is at most `k`, else `k + 1`. Only the band
 * |i − j| ≤ k of the table is computed (two rows of 2k + 3 cells), stopping at the first row
 * whose band exceeds `k`: at most (2k + 1) · (min(|a|, |b|) + 1) cells, each counted in
 * `work.left`, and none when the lengths differ by more than `k`.
 */
export function boundedDistance(a: string, b: string, k: number, work: SuggestBudget = suggestBudget(Infinity)): number {
  if (a.length > b.length) [a, b] = [b, a];
  const n = a.length;
  const m = b.length;
  const over = k + 1;
  if (m - n > k) return over;
  const w = 2 * k + 1;
  // Row i keeps D[i][j] for j = i − k + x − 1 at index x (1..w); indices 0 and w + 1 stay `over`.
  let prev = new Array<number>(w + 2).fill(over);
  let cur = new Array<number>(w + 2).fill(over);
  for (let x = 1; x <= w; x++) {
    const j = x - 1 - k;
    if (j >= 0 && j <= m) prev[x] = j;
  }
  work.left -= w;
  for (let i = 1; i <= n; i++) {
    let rowMin = over;
    for (let x = 1; x <= w; x++) {
      const j = i - k + x - 1;
      let d: number;
      if (j < 0 || j > m) d = over;
      else if (j === 0) d = i;
      else d = Math.min(prev[x + 1]! + 1, cur[x - 1]! + 1, prev[x]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1), over);
      cur[x] = d;
      if (d < rowMin) rowMin = d;
    }
    work.left -= w;
    if (rowMin > k) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[m - n + k + 1]!, over);
}

/** The largest edit distance still taken for a typo of `name`. */
const editLimit = (name: string): number => (name.length <= 2 ? 1 : name.length <= 5 ? 2 : 3);

/**
 * The candidate closest to `name`, if it is close enough to be a likely typo: a case-only
 * difference first, then the smallest edit distance within `editLimit`, ties broken by the
 * alphabetically first candidate. Undefined when the budget runs out before every candidate was
 * looked at (a partial search could name a worse candidate than a complete one).
 */
export function suggest(name: string, candidates: Iterable<string>, budget: SuggestBudget = suggestBudget()): string | undefined {
  const limit = editLimit(name);
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (budget.left <= 0) return undefined;
    budget.left--;
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    if (c.length === name.length) budget.left -= c.length; // the case-insensitive comparison
    const d = c.length === name.length && c.toLowerCase() === lower ? 0.5
      : boundedDistance(name, c, Math.min(limit, Math.floor(bestD)), budget);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  if (budget.left < 0) return undefined;
  return bestD <= limit && best !== undefined && !(name.length === 1 && best.length === 1) ? best : undefined;
}

/** `["did you mean `x`?"]`, or no note. */
export function didYouMean(name: string, candidates: Iterable<string>, budget?: SuggestBudget): string[] {
  const s = suggest(name, candidates, budget);
  return s === undefined ? [] : [`did you mean \`${s}\`?`];
}
