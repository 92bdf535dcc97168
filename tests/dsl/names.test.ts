/**
 * "Did you mean" suggestions (dsl/names.ts): the banded distance is exact within its bound, the
 * work of one suggestion is bounded by the edit budget times the name's length (not the product
 * of the lengths), one check's suggestions share a work budget, and the notes for ordinary typos
 * are those of a full search.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SUGGEST_WORK, boundedDistance, suggest, suggestBudget } from "../../dsl/names.js";
import { parse, check, type Diagnostic } from "../../dsl/index.js";

/** Textbook Levenshtein distance, the reference. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate by a full search, with the same rules as `suggest`. */
function fullSuggest(name: string, candidates: string[]): string | undefined {
  const limit = name.length <= 2 ? 1 : name.length <= 5 ? 2 : 3;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 0.5 : levenshtein(name, c);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) [best, bestD] = [c, d];
  }
  return bestD <= limit && best !== undefined && !(name.length === 1 && best.length === 1) ? best : undefined;
}

function diagnose(source: string): Diagnostic[] {
  const r = parse(source, "t.attn");
  expect(r.diagnostics).toEqual([]);
  return check(r.module!);
}

/** CPU seconds (user + system) of `f`: not wall time, so other processes' load barely moves it. */
function cpuSeconds(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1e6;
}

const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "A", "_"), maxLength: 9 });

describe("boundedDistance", () => {
  it("is the Levenshtein distance when it is at most k, else k + 1", () => {
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, k) => {
      const d = levenshtein(a, b);
      expect(boundedDistance(a, b, k)).toBe(d <= k ? d : k + 1);
    }), { numRuns: 3000 });
  });

  it("computes only the band: (2k + 1) cells a row, none when the lengths differ by more than k", () => {
    const n = 100_000;
    const a = "x".repeat(n);
    const b = `${"x".repeat(n - 1)}y`;
    const work = suggestBudget(Infinity);
    work.left = 0;
    expect(boundedDistance(a, b, 3, work)).toBe(1);
    expect(-work.left).toBeLessThanOrEqual(7 * (n + 1));
    work.left = 0;
    expect(boundedDistance(a, "x".repeat(n + 4), 3, work)).toBe(4);
    expect(work.left).toBe(0);
    work.left = 0;
    expect(boundedDistance(a, "y".repeat(n), 3, work)).toBe(4); // stops after the first rows
    expect(-work.left).toBeLessThanOrEqual(7 * 5);
  });
});

describe("suggest", () => {
  it("names what a full search names", () => {
    const pool = ["window", "windows", "KV_LEN", "Q_LEN", "kv", "q", "h", "b", "slopes", "slope", "tanh", "sigmoid", "Abc", "abc", "abd", "ab"];
    fc.assert(fc.property(fc.oneof(word, fc.constantFrom(...pool)), fc.subarray(pool), (name, cands) => {
      expect(suggest(name, cands)).toBe(fullSuggest(name, cands));
    }), { numRuns: 3000 });
  });

  it("a 100,000-character typo among many long candidates: found, in bounded work", () => {
    const n = 100_000;
    const declared = "a".repeat(n);
    const typo = `${"a".repeat(n - 1)}b`;
    // 40 candidates of the same length the old quadratic distance would each spend 10^10 steps on
    const others = Array.from({ length: 40 }, (_, i) => `${String.fromCharCode(99 + (i % 20))}${"a".repeat(n - 1)}`.slice(0, n - (i % 3)));
    const budget = suggestBudget(1e12);
    expect(suggest(typo, [...others, declared], budget) === declared).toBe(true);
    // each candidate: one unit, a case-insensitive comparison (n) and a band of 7 cells a row
    expect(1e12 - budget.left).toBeLessThanOrEqual(41 * (1 + n + 7 * (n + 1)));
  });

  it("gives up, with no suggestion, when the budget is spent, and reads no candidate after", () => {
    let read = 0;
    function* many() {
      for (let i = 0; i < 1000; i++) { read++; yield `name${i}`; }
    }
    const budget = suggestBudget(50);
    expect(suggest("name999x", many(), budget)).toBeUndefined();
    expect(read).toBeLessThanOrEqual(51);
    expect(suggest("name1x", ["name1"], budget)).toBeUndefined();
    expect(suggest("name1x", ["name1"])).toBe("name1");
  });
});

describe("suggestions in a check", () => {
  it("a 100,000-character name with a typo: the note, in well under a second of CPU", () => {
    const n = 100_000;
    const src = `attention t {\n  let ${"a".repeat(n)} = q - kv\n  mask ${"a".repeat(n - 1)}b >= 0\n}\n`;
    let ds: Diagnostic[] = [];
    // the quadratic distance took 30 s here; the banded one a few ms
    expect(cpuSeconds(() => { ds = diagnose(src); })).toBeLessThan(3);
    expect(ds.map((d) => d.code)).toEqual(["E0201"]);
    expect(ds[0]!.notes?.length === 1 && ds[0]!.notes[0] === `did you mean \`${"a".repeat(n)}\`?`).toBe(true);
  });

  it("thousands of unknown names among thousands of lets, defs and params: linear", () => {
    const n = 3000;
    const decls = Array.from({ length: n }, (_, i) => `  let v${i} = 1\n  param p${i}: int = 1\n  input x${i}: f32[z${i}]\n`).join("");
    const uses = Array.from({ length: n }, (_, i) => `  mask w${i} > f${i}(0)\n`).join("");
    const defs = Array.from({ length: n }, (_, i) => `def g${i}(x: int) = x\ndef d${i} = 1\n`).join("");
    const src = `${defs}attention t {\n${decls}${uses}}\n`;
    let ds: Diagnostic[] = [];
    // each unknown name compared with every declared one took ~20 s here; the shared budget ~0.1 s
    expect(cpuSeconds(() => { ds = diagnose(src); })).toBeLessThan(4);
    expect(ds.filter((d) => d.code === "E0201").length).toBe(2 * n); // z_i and w_i
    expect(ds.filter((d) => d.code === "E0203").length).toBe(n);
    // the first ones still get their note; the budget bounds the rest
    expect(ds[0]!.notes?.[0]).toMatch(/did you mean `p0`\?/);
    const noted = ds.filter((d) => d.notes?.some((x) => x.startsWith("did you mean"))).length;
    expect(noted).toBeGreaterThan(10);
    expect(SUGGEST_WORK).toBeLessThan(10_000_000);
  });
});
