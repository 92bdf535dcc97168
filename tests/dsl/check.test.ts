/**
 * Checker behaviour beyond one-code-per-file: scopes, every independent error reported once,
 * notes (did you mean, why a def cannot see a param, where `s` came from), and valid programs
 * that must stay valid.
 */
import { describe, expect, it } from "vitest";
import { parse, check, type Diagnostic } from "../../dsl/index.js";

function diagnose(source: string): Diagnostic[] {
  const r = parse(source, "t.attn");
  expect(r.diagnostics).toEqual([]);
  return check(r.module!);
}
const codes = (source: string) => diagnose(source).map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`);
const notes = (source: string) => diagnose(source).flatMap((d) => d.notes ?? []);

describe("valid programs", () => {
  const valid: [string, string][] = [
    ["lets see earlier lets, params and inputs declared anywhere", "attention t { let a = q - kv let a2 = a * w score s + float(a2) + tab[h] param w: int = 2 input tab: f32[H] }"],
    ["masks and scores see every let, before or after them", "attention t { mask near score s let near = q - kv < 4 }"],
    ["defs may use later defs", "def a = later && q > 0\ndef later = kv >= 0\nattention t { mask a }"],
    ["`s` through a let and a def, used only by the score", "def soft(x: float) = 30 * tanh(x / 30)\nattention t { let c = soft(s) score c - s }"],
    ["bool equality and ternaries of bools", "attention t { param g: bool = true mask (q > kv) == g ? true : kv == 0 }"],
    ["int params as dims, size symbols, floor modulo on floats", "attention t { param n: int = 8 input tab: i32[B, H_KV, n, 3] score s % 2.5 + float(tab[b, h, q % n, 0]) }"],
    ["a def param may take an int where float is declared", "def f(x: float, y: bool) = y ? x : 0.0\nattention t { score f(q, true) }"],
    ["int(...) and float(...) convert, -inf is a float", "attention t { score q > kv ? -inf : float(int(s)) }"],
    ["unused lets may use s", "attention t { let unused = s * 2 mask q >= kv }"],
  ];
  for (const [what, src] of valid) it(what, () => expect(codes(src)).toEqual([]));
});

describe("errors", () => {
  it("reports every independent error once, in source order", () => {
    const src = [
      "attention t {",                         // 1
      "  mask foo > 1 && bar",                 // 2
      "  score s + baz + exp(true, 1)",        // 3
      "}",
    ].join("\n");
    expect(codes(src)).toEqual(["E0201@2:8", "E0201@2:19", "E0201@3:13", "E0204@3:19"]);
  });

  it("a def cannot see a block's names, and says why", () => {
    const src = "def near = q - kv < w\nattention t { param w: int = 4 mask near }";
    expect(codes(src)).toEqual(["E0201@1:21"]);
    expect(notes(src).join("\n")).toMatch(/`w` is a param of attention `t`; a def only sees/);
  });

  it("a def cannot read a block's tensor either", () => {
    const src = "def bias = slopes[h] * 2.0\nattention t { input slopes: f32[H] score s + bias }";
    expect(codes(src)).toEqual(["E0201@1:12"]);
    expect(notes(src).join("\n")).toMatch(/`slopes` is a tensor of attention `t`.*\n.*read the tensor in the block/);
  });

  it("suggests close names", () => {
    expect(notes("attention t { param window: int = 4 mask q - kv < windo }")).toContain("did you mean `window`?");
    expect(notes("attention t { score s * KV_len }")).toContain("did you mean `KV_LEN`?");
    expect(notes("attention t { score sigmoid(s) + tnh(s) }")).toContain("did you mean `tanh`?");
    expect(notes("attention t { score s normalize sigmod }")).toContain("did you mean `sigmoid`?");
    expect(notes("attention t { score s normalize nonw }")).toContain("did you mean `none`?");
    expect(notes("attention t { normalize relu }")).toContain("the modes are `softmax`, `sigmoid` and `none`");
    expect(codes("attention t { score max(s, 0.0) normalize none }")).toEqual([]);
  });

  it("follows `s` through lets and defs into masks and tensor indices", () => {
    expect(codes("def big = s > 1.0\nattention t { mask big }")).toEqual(["E0307@2:20"]);
    expect(notes("def big = s > 1.0\nattention t { mask big }")[0]).toMatch(/def `big` uses the score variable `s` \(at 1:11\)/);
    expect(codes("def gt(x: float) = x > 0.0\nattention t { mask gt(s) }")).toEqual(["E0307@2:23"]);
    expect(codes("attention t { input tab: f32[KV_LEN] let j = int(s) score tab[j] }")).toEqual(["E0307@1:63"]);
  });

  it("lets only see earlier lets", () => {
    expect(codes("attention t { let a = z let z = 1 let c = c }")).toEqual(["E0201@1:23", "E0201@1:43"]);
  });

  it("finds recursion, direct or through several defs, once per cycle", () => {
    expect(codes("def f = f\nattention t { mask f }")).toEqual(["E0205@1:5"]);
    expect(codes("def a = e\ndef e = c\ndef c = a\nattention t { mask a && c }")).toEqual(["E0205@1:5"]);
    expect(codes("def g(n: int) = g(n - 1) > 0\nattention t { mask g(1) }")).toEqual(["E0205@1:5"]);
  });

  it("checks arity and argument types of defs and built-ins", () => {
    expect(codes("def w(n: int) = q - kv < n\nattention t { mask w(1, 2) || w() }")).toEqual(["E0204@2:20", "E0204@2:31"]);
    expect(codes("def c = q >= kv\nattention t { mask c() }")).toEqual(["E0216@2:20"]);
    expect(codes("attention t { score exp + max(1) + s(2) }")).toEqual(["E0216@1:21", "E0204@1:27", "E0216@1:36"]);
    expect(codes("attention t { score min(s, true) }")).toEqual(["E0301@1:28"]);
  });

  it("rejects duplicates and names that shadow built-ins or defs", () => {
    expect(codes("def a = true\ndef a = false\nattention t { let a = 1 param b: int = 1 let exp = 2 input k: f32[H] }\nattention t {}"))
      .toEqual(["E0202@2:5", "E0202@3:19", "E0213@3:31", "E0213@3:46", "E0213@3:60", "E0202@4:11"]);
    expect(codes("def f(x: int, x: int, kv: int) = true\nattention t { mask f(1, 2, 3) }")).toEqual(["E0202@1:15", "E0213@1:23"]);
  });

  it("types every operator", () => {
    const src = "attention t { score (q > 1) + 1 mask 1 == true mask !1 mask q && true score -(q > 1) mask q ? true : false }";
    expect(diagnose(src).map((d) => d.code)).toEqual(["E0301", "E0301", "E0301", "E0301", "E0208", "E0301", "E0305"]);
  });

  it("validates tensor dims", () => {
    expect(codes("attention t { param f: float = 1.0 let l = 2 input a: f32[0, f, l, q, N, D] }"))
      .toEqual(["E0215@1:59", "E0215@1:62", "E0215@1:65", "E0215@1:68", "E0201@1:71"]);
  });
});
