/**
 * Hover and go to definition on a text (lsp/index.ts, no server process): each kind of name —
 * def, def parameter, param, input, let, built-in variable and function — from its uses and its
 * declaration; and the same on a program with a syntax error elsewhere (recovered items).
 */
import { describe, expect, it } from "vitest";
import { definition, hover } from "../../lsp/index.js";
import { GOOD, at } from "./programs.js";

const hoverText = (text: string, needle: string, n = 0, delta = 0) => {
  const h = hover(text, "a.attn", at(text, needle, n, delta));
  return h === null ? null : (h.contents as { value: string }).value;
};
const defAt = (text: string, needle: string, n = 0, delta = 0) => definition(text, "a.attn", "file:///a.attn", at(text, needle, n, delta));

describe("hover", () => {
  it("says what each kind of name is", () => {
    expect(hoverText(GOOD, "causal &&")).toBe("```attn\ndef causal: bool\n```\n\n= `kv <= q`");
    expect(hoverText(GOOD, "window(w)")).toBe("```attn\ndef window(w: int): bool\n```\n\n= `q - kv < w`");
    expect(hoverText(GOOD, "w: int)")).toBe("```attn\nw: int\n```\n\nparameter of def `window`");
    expect(hoverText(GOOD, "w)")).toBe("```attn\nparam w: int = 1024\n```\n\nparam of attention `swa_alibi`: a compile-time constant (`--param w=V` overrides it)");
    expect(hoverText(GOOD, "cap)")).toMatch(/^```attn\nparam cap: float = 30\.0\n```/);
    expect(hoverText(GOOD, "slopes[h]")).toBe("```attn\ninput slopes: f32[H]\n```\n\ninput of attention `swa_alibi`: a tensor given at run time (`slopes.npy`); `slopes[…]` reads one index and is a float");
    expect(hoverText(GOOD, "doc[b, q]")).toMatch(/^```attn\ninput doc: i32\[B, Q_LEN\]\n```\n\n.*reads 2 indices and is an int$/);
    expect(hoverText(GOOD, "dist\n")).toBe("```attn\nlet dist: float\n```\n\nlet of attention `swa_alibi` = `float(q - kv)`");
    expect(hoverText(GOOD, "attention swa_alibi", 0, 12)).toBe("```attn\nattention swa_alibi\n```\n\nattention block: params `w`, `cap`; inputs `slopes`, `doc`; lets `dist`");
  });

  it("gives the built-ins their line of docs/language.md", () => {
    expect(hoverText(GOOD, "kv <= q")).toBe("```attn\nkv: int\n```\n\nbuilt-in index variable: key/value position, `0 <= kv < KV_LEN`");
    expect(hoverText(GOOD, "s / cap")).toMatch(/^```attn\ns: float\n```\n\nthe score variable: the scaled score /);
    expect(hoverText(GOOD, "Q_LEN")).toBe("```attn\nQ_LEN: int\n```\n\nsize symbol: the run-time sizes (§ 10)");
    expect(hoverText(GOOD, "tanh")).toBe("```attn\ntanh(x)\n```\n\nbuilt-in function. Arguments: number (int converted). Result: float; `log` is the natural log, `log(0) == -inf`, `log` and `sqrt` of a negative are NaN");
    expect(hoverText(GOOD, "float(q")).toMatch(/^```attn\nfloat\(x\)\n```/);
  });

  it("works at a name's last character and just after it; nothing on literals and operators", () => {
    expect(hoverText(GOOD, "dist\n", 0, 3)).toMatch(/^```attn\nlet dist/);
    expect(hoverText(GOOD, "dist\n", 0, 4)).toMatch(/^```attn\nlet dist/);
    expect(hoverText(GOOD, "1024")).toBeNull();
    expect(hoverText(GOOD, "&&", 0, 1)).toBeNull();
    expect(hoverText(GOOD, "# sliding")).toBeNull();
  });

  it("a name in parentheses: the name's range, not the parentheses'", () => {
    const text = "attention a {\n  let x = 1\n  mask ((kv)) <= ( # x\n x)\n}\n";
    expect(hover(text, "a.attn", at(text, "(kv"))).toBeNull();
    expect(hover(text, "a.attn", at(text, "kv)"))!.range).toEqual({ start: at(text, "kv)"), end: at(text, "kv)", 0, 2) });
    expect(hover(text, "a.attn", at(text, "x)"))!.range).toEqual({ start: at(text, "x)"), end: at(text, "x)", 0, 1) });
  });

  it("has the name's range", () => {
    expect(hover(GOOD, "a.attn", at(GOOD, "slopes[h]", 0, 2))!.range).toEqual({ start: at(GOOD, "slopes[h]"), end: at(GOOD, "slopes[h]", 0, 6) });
  });
});

describe("go to definition", () => {
  const loc = (needle: string, n = 0, len = needle.length) => ({
    uri: "file:///a.attn",
    range: { start: at(GOOD, needle, n), end: at(GOOD, needle, n, len) },
  });

  it("goes from a use to the declaration's name", () => {
    expect(defAt(GOOD, "causal &&")).toEqual(loc("causal"));
    expect(defAt(GOOD, "window(w)")).toEqual(loc("window(w: int)", 0, 6));
    expect(defAt(GOOD, "w)")).toEqual(loc("w: int =", 0, 1)); // the block's param, not the def's parameter
    expect(defAt(GOOD, "< w\n", 0, 2)).toEqual(loc("w: int)", 0, 1)); // inside the def: its parameter
    expect(defAt(GOOD, "slopes[h]")).toEqual(loc("slopes: f32", 0, 6));
    expect(defAt(GOOD, "doc[b, kv]")).toEqual(loc("doc: i32", 0, 3));
    expect(defAt(GOOD, "dist\n")).toEqual(loc("dist =", 0, 4));
    expect(defAt(GOOD, "cap)")).toEqual(loc("cap: float", 0, 3));
  });

  it("from a declaration to itself; none for built-ins, literals and unknown names", () => {
    expect(defAt(GOOD, "dist =")).toEqual(loc("dist =", 0, 4));
    expect(defAt(GOOD, "tanh")).toBeNull();
    expect(defAt(GOOD, "kv <= q")).toBeNull();
    expect(defAt(GOOD, "1024")).toBeNull();
    expect(defAt("attention a { mask q >= kvv }", "kvv")).toBeNull();
  });

  it("a dimension that names a param goes to the param", () => {
    const text = "attention a {\n  param n: int = 4\n  input t: f32[H, n]\n  score s + t[h, 0]\n}\n";
    expect(defAt(text, "n]")).toEqual({ uri: "file:///a.attn", range: { start: at(text, "n: int"), end: at(text, "n: int", 0, 1) } });
  });
});

describe("a program with a syntax error", () => {
  const BROKEN = GOOD.replace("let dist = float(q - kv)", "let dist = float(q - )");

  it("still has hover and definitions for the items that parse", () => {
    expect(hoverText(BROKEN, "causal &&")).toMatch(/^```attn\ndef causal: bool/);
    expect(hoverText(BROKEN, "slopes[h]")).toMatch(/^```attn\ninput slopes: f32\[H\]/);
    expect(defAt(BROKEN, "window(w)")).toEqual({ uri: "file:///a.attn", range: { start: at(BROKEN, "window(w: int)"), end: at(BROKEN, "window(w: int)", 0, 6) } });
    expect(defAt(BROKEN, "dist\n")).toBeNull(); // the let did not parse: no declaration to go to
  });

  it("positions count UTF-16 units and any line ending", () => {
    const text = "# π ≈ 3.14 😀\r\nattention a {\r\n  param w: int = 1 # 😀\r  mask q - kv < w\n}\n";
    expect(defAt(text, "w\n")).toEqual({ uri: "file:///a.attn", range: { start: at(text, "w: int"), end: at(text, "w: int", 0, 1) } });
    expect(at(text, "w\n")).toEqual({ line: 3, character: 16 });
  });
});
