/**
 * Built-in names of the language and "did you mean" suggestions.
 *
 * Contract: `BUILTIN_VARS` maps every built-in variable to its type (`s` is the score variable,
 * `inf` the float +infinity); `RESERVED` is every name a declaration may not take (built-in
 * variables and function names, E0213); `suggest` returns the closest candidate or undefined.
 */
import { FUNCTIONS, INDEX_VARS, SCORE_VAR, SIZE_VARS, type TypeName } from "./ast.js";

export const BUILTIN_VARS: ReadonlyMap<string, TypeName> = new Map<string, TypeName>([
  ...INDEX_VARS.map((n) => [n, "int"] as [string, TypeName]),
  ...SIZE_VARS.map((n) => [n, "int"] as [string, TypeName]),
  [SCORE_VAR, "float"],
  ["inf", "float"],
]);

export const RESERVED: ReadonlySet<string> = new Set([...BUILTIN_VARS.keys(), ...Object.keys(FUNCTIONS)]);

/** What a reserved name is, for messages: "the built-in variable `q`", "the function `exp`". */
export function describeReserved(name: string): string {
  if (name === SCORE_VAR) return "the score variable `s`";
  if (name === "inf") return "the constant `inf`";
  if ((SIZE_VARS as readonly string[]).includes(name)) return `the size symbol \`${name}\``;
  if (BUILTIN_VARS.has(name)) return `the built-in index variable \`${name}\``;
  return `the built-in function \`${name}\``;
}

/** Levenshtein distance (small strings only). */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The candidate closest to `name`, if it is close enough to be a likely typo. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const limit = name.length <= 2 ? 1 : name.length <= 5 ? 2 : 3;
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 0.5 : distance(name, c);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit && best !== undefined && !(name.length === 1 && best.length === 1) ? best : undefined;
}

/** `["did you mean `x`?"]`, or no note. */
export function didYouMean(name: string, candidates: Iterable<string>): string[] {
  const s = suggest(name, candidates);
  return s === undefined ? [] : [`did you mean \`${s}\`?`];
}
