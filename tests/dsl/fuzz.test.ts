/**
 * Parser fuzzing: arbitrary text, token soup, and token-level mutations (deletion, insertion,
 * duplication, swap) of valid programs never make `parse` or `check` throw or report an internal
 * error; each input yields a module or at least one diagnostic, and every diagnostic's span lies
 * inside the source.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, check, tokenize, formatDiagnostic, type Diagnostic } from "../../dsl/index.js";

const VALID = [
  `def causal = q >= kv
def window(w: int) = q - kv < w
attention swa_alibi_softcap {
  param w: int = 1024
  param cap: float = 30.0
  input slopes: f32[H]
  mask causal && window(w)
  score cap * tanh(s / cap) - slopes[h] * float(q - kv)
}`,
  `// document mask with a relative bias table
attention doc {
  param n: int = 64
  input doc: i32[B, Q_LEN]
  input bias: f32[H, n]
  let rel = clamp(q - kv + n / 2, 0, n - 1)
  mask doc[b, q] == doc[b, kv] && (q >= kv || kv < 4)
  score s + bias[h, rel] * (q % 2 == 0 ? 1.0 : -0.5)
  normalize sigmoid
}`,
  `def sink(n: int) = kv < n
attention a { param gate: bool = false mask !gate || sink(4) && q / 8 >= kv / 8 score -inf < s ? pow(abs(s), 2.) : exp(.5) }`,
];

const readAll = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".attn")).sort().map((f) => readFileSync(join(dir, f), "utf8"));
const EXAMPLES = readAll(join(import.meta.dirname, "..", "..", "examples"));
const CORPUS = [...VALID, ...EXAMPLES, ...readAll(join(import.meta.dirname, "..", "diagnostics"))];

const TOKENS = ["def", "attention", "param", "input", "let", "mask", "score", "normalize", "true", "false", "int", "float", "bool", "f32", "i32",
  "q", "kv", "s", "h", "inf", "x", "w", "1", "2.5", "1e-3", ".5", "2.", "1e", "99999999999", "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=",
  "&&", "||", "!", "?", ":", "=", ",", "(", ")", "[", "]", "{", "}", "#c\n", "//c\n", "\n", "$", "softmax", "tanh", "clamp"];

function wellFormed(source: string, ds: Diagnostic[]): void {
  for (const d of ds) {
    expect(d.code).not.toBe("E0901");
    if (!d.span) continue;
    expect(d.span.offset).toBeGreaterThanOrEqual(0);
    expect(d.span.endOffset).toBeGreaterThanOrEqual(d.span.offset);
    expect(d.span.endOffset).toBeLessThanOrEqual(source.length);
    expect(d.span.line).toBeGreaterThanOrEqual(1);
    expect(d.span.col).toBeGreaterThanOrEqual(1);
    expect(typeof formatDiagnostic(d, source)).toBe("string");
  }
}

/** parse + check must not throw; a module or ≥ 1 diagnostic; spans inside the source. */
function survives(source: string): void {
  const r = parse(source, "fuzz.attn");
  expect(r.module !== null || r.diagnostics.length > 0).toBe(true);
  expect(r.module === null).toBe(r.diagnostics.length > 0);
  wellFormed(source, r.diagnostics);
  if (r.module) wellFormed(source, check(r.module));
}

/** A program as a list of source pieces: each token with the text before it. */
function pieces(source: string): string[] {
  const toks = tokenize(source, "x").tokens;
  const out: string[] = [];
  let at = 0;
  for (const t of toks) {
    out.push(source.slice(at, t.endOffset! + 1));
    at = t.endOffset! + 1;
  }
  out.push(source.slice(at));
  return out;
}

const mutation = fc.record({
  program: fc.constantFrom(...CORPUS),
  edits: fc.array(
    fc.record({ op: fc.constantFrom("delete", "insert", "duplicate", "swap"), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
    { minLength: 1, maxLength: 4 },
  ),
});

function mutate(source: string, edits: { op: string; at: number; token: string }[]): string {
  const p = pieces(source);
  for (const e of edits) {
    const i = e.at % p.length;
    if (e.op === "delete") p.splice(i, 1);
    else if (e.op === "insert") p.splice(i, 0, ` ${e.token}`);
    else if (e.op === "duplicate") p.splice(i, 0, p[i] ?? "");
    else if (p.length > 1) { const j = (i + 1) % p.length; [p[i], p[j]] = [p[j]!, p[i]!]; }
  }
  return p.join("");
}

describe("parser fuzzing", () => {
  it("the valid corpus (and every example) parses and checks clean", () => {
    for (const v of [...VALID, ...EXAMPLES]) {
      const r = parse(v, "v.attn");
      expect(r.diagnostics).toEqual([]);
      expect(check(r.module!)).toEqual([]);
    }
  });

  it("arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), survives), { numRuns: 1500 });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 100 }), survives), { numRuns: 500 });
  });

  it("token soup", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((ts) => ts.join(" ")), survives), { numRuns: 2000 });
  });

  it("token mutations of valid programs", () => {
    fc.assert(fc.property(mutation, ({ program, edits }) => survives(mutate(program, edits))), { numRuns: 3000 });
  });

  it("pathological nesting yields a diagnostic, not a stack overflow", () => {
    const n = 20000;
    const cases: [string, string][] = [
      [`attention t { score ${"(".repeat(n)}1${")".repeat(n)} }`, "E0104"],
      [`attention t { score ${"-".repeat(n)}1 }`, "E0104"],
      [`attention t { score ${Array(n).fill("1").join(" + ")} }`, "E0104"],
      [`attention t { score ${Array(n).fill("q > 1 ? 1 :").join(" ")} 2 }`, "E0104"],
      [`attention t { score ${"abs(".repeat(n)}1${")".repeat(n)} }`, "E0104"],
      [`attention t { input x: f32[H] score ${"x[".repeat(n)}1${"]".repeat(n)} }`, "E0104"],
      [Array.from({ length: 3000 }, (_, i) => `def d${i} = ${i < 2999 ? `d${i + 1} && ` : ""}q > ${i}`).join("\n") + "\nattention t { mask d0 }", "E0217"],
      [`attention t { let a0 = q ${Array.from({ length: 3000 }, (_, i) => `let a${i + 1} = a${i} + 1`).join(" ")} score s + float(a3000) }`, "E0217"],
    ];
    for (const [src, code] of cases) {
      const r = parse(src, "deep.attn");
      const ds = r.module ? check(r.module) : r.diagnostics;
      expect(ds.map((d) => d.code)).toContain(code);
      wellFormed(src, ds);
    }
  });

  it("mutation is a real edit: the unmutated pieces rebuild the program", () => {
    for (const v of CORPUS) expect(pieces(v).join("")).toBe(v);
  });
});
