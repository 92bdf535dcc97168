/**
 * The TextMate grammar of `.attn` (editors/vscode/syntaxes/attn.tmLanguage.json), run by VS Code's
 * own tokenizer (vscode-textmate with the Oniguruma engine): its word lists are the compiler's
 * (keywords, functions, built-in variables, types), every example tokenizes with each token's scope
 * matching what the compiler's lexer makes of it, and comments and numbers are recognized whole.
 */
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";
import { FUNCTIONS, INDEX_VARS, SIZE_VARS } from "../../dsl/ast.js";
import { ITEM_KEYWORDS } from "../../dsl/lexer.js";

const GRAMMAR = "editors/vscode/syntaxes/attn.tmLanguage.json";
let grammar: textmate.IGrammar;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === "source.attn" ? textmate.parseRawGrammar(readFileSync(GRAMMAR, "utf8"), GRAMMAR) : null),
  });
  grammar = (await registry.loadGrammar("source.attn"))!;
});

/** [text, innermost scope] of every token of `text` (one line at a time) */
function tokens(text: string): [string, string][] {
  let stack = textmate.INITIAL;
  const out: [string, string][] = [];
  for (const line of text.split("\n")) {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const s = line.slice(t.startIndex, t.endIndex);
      if (s.trim() !== "") out.push([s.trim(), t.scopes[t.scopes.length - 1]!]);
    }
    stack = r.ruleStack;
  }
  return out;
}
const scopeOf = (text: string, word: string) => tokens(text).find(([s]) => s === word)?.[1];

describe("the .attn TextMate grammar", () => {
  it("knows every keyword, function, built-in variable and type of the compiler", () => {
    const g = readFileSync(GRAMMAR, "utf8");
    // (`sink` is a contextual keyword: a custom pattern; its word is its label's)
    for (const k of ITEM_KEYWORDS) expect(g, `keyword ${k.name}`).toMatch(new RegExp(`\\b${k.PATTERN instanceof RegExp ? k.PATTERN.source : k.LABEL!.replace(/`/g, "")}\\b`));
    for (const f of FUNCTIONS.keys()) expect(scopeOf(`score ${f}(s)`, f), f).toBe("support.function.builtin.attn");
    for (const v of INDEX_VARS) expect(scopeOf(`mask ${v} < 3`, v), v).toBe("variable.language.index.attn");
    for (const v of SIZE_VARS) expect(scopeOf(`mask q < ${v}`, v), v).toBe("variable.language.size.attn");
    expect(scopeOf("score s * 2.0", "s")).toBe("variable.language.score.attn");
    expect(scopeOf("param cap: float = inf", "inf")).toBe("constant.language.infinity.attn");
    for (const t of ["f32", "i32"]) expect(scopeOf(`input x: ${t}[H]`, t)).toBe("support.type.attn");
    for (const t of ["int", "float", "bool"]) expect(scopeOf(`param x: ${t} = 1`, t)).toBe("support.type.attn");
  });

  it("names, numbers, comments and operators", () => {
    expect(tokens("attention sliding_window {")).toEqual([
      ["attention", "keyword.declaration.attention.attn"],
      ["sliding_window", "entity.name.type.attention.attn"],
      ["{", "punctuation.section.block.attn"],
    ]);
    expect(tokens("  let rel = clamp(kv - q, -64, 64)  # distance")).toEqual([
      ["let", "keyword.declaration.attn"],
      ["rel", "variable.other.declaration.attn"],
      ["=", "keyword.operator.assignment.attn"],
      ["clamp", "support.function.builtin.attn"],
      ["(", "punctuation.section.parens.attn"],
      ["kv", "variable.language.index.attn"],
      ["-", "keyword.operator.arithmetic.attn"],
      ["q", "variable.language.index.attn"],
      [",", "punctuation.separator.comma.attn"],
      ["-", "keyword.operator.arithmetic.attn"],
      ["64", "constant.numeric.integer.attn"],
      [",", "punctuation.separator.comma.attn"],
      ["64", "constant.numeric.integer.attn"],
      [")", "punctuation.section.parens.attn"],
      ["# distance", "comment.line.number-sign.attn"],
    ]);
    for (const n of ["1.5", "0.125", ".5", "3.4028234e38", "1e-7", "2.", "1E+3"]) expect(tokens(`score ${n}`)[1], n).toEqual([n, "constant.numeric.float.attn"]);
    expect(tokens("mask q <= kv && !(kv == 0) || q >= 2")
      .filter(([, sc]) => sc.startsWith("keyword.operator"))
      .map(([t]) => t)).toEqual(["<=", "&&", "!", "==", "||", ">="]);
    expect(scopeOf("normalize sigmoid", "sigmoid")).toBe("support.constant.normalizer.attn");
    expect(scopeOf("normalize none", "none")).toBe("support.constant.normalizer.attn");
    // `sink` (v2): the item keyword where an item starts, a name where a v1 program reads a tensor `sink`
    expect(scopeOf("  sink sinks[h]", "sink")).toBe("keyword.other.attn");
    expect(scopeOf("  input sink: i32[B, Q_LEN]", "sink")).toBe("variable.other.declaration.attn");
    expect(scopeOf("  sink sink[h]", "sink")).toBe("keyword.other.attn");
    expect(tokens("  sink sink[h]").map(([t, sc]) => [t, sc])[1]).toEqual(["sink", "variable.other.attn"]);
    expect(scopeOf("    || (head_mode == 2 && sink[b, kv] != 0)", "sink")).toBe("variable.other.attn");
    expect(scopeOf("// a comment", "// a comment")).toBe("comment.line.double-slash.attn");
    expect(scopeOf("def near(d: int) = d < 3", "near")).toBe("entity.name.function.attn");
    // a name that starts like a keyword or built-in is a plain name
    for (const n of ["scores", "input2", "qq", "s_", "inf_x", "maxima"]) expect(scopeOf(`score ${n} + 1.0`, n), n).toBe("variable.other.attn");
  });

  it("tokenizes every example: no token unscoped, and every number the lexer reads is a number here", () => {
    for (const f of readdirSync("examples").filter((x) => x.endsWith(".attn"))) {
      const text = readFileSync(`examples/${f}`, "utf8");
      for (const [t, scope] of tokens(text)) {
        expect(scope, `${f}: \`${t}\``).not.toBe("source.attn");
        if (/^\d/.test(t) && !scope.startsWith("comment")) expect(scope, `${f}: ${t}`).toMatch(/^constant\.numeric\./);
      }
    }
  });
});
