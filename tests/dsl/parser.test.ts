/**
 * Parser and checker unit tests: precedence and associativity, spans, comments, literals, the
 * example program of the language reference, and the caret format of diagnostics.
 */
import { describe, expect, it } from "vitest";
import { parse, check, checkModule, formatDiagnostic, type Expr, type Module } from "../../dsl/index.js";

/** Fully parenthesized form of an expression. */
function show(e: Expr): string {
  switch (e.kind) {
    case "int": case "float": return String(e.value);
    case "bool": return String(e.value);
    case "name": return e.name;
    case "unary": return `(${e.op}${show(e.arg)})`;
    case "binary": return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "ternary": return `(${show(e.cond)} ? ${show(e.then)} : ${show(e.else)})`;
    case "call": return `${e.name}(${e.args.map(show).join(", ")})`;
    case "index": return `${e.name}[${e.indices.map(show).join(", ")}]`;
  }
}

function ok(source: string): Module {
  const r = parse(source, "t.attn");
  expect(r.diagnostics.map((d) => formatDiagnostic(d, source))).toEqual([]);
  return r.module!;
}

/** The expression of `score EXPR` in a one-item block. */
function scoreOf(expr: string): Expr {
  const item = ok(`attention t { score ${expr} }`).attentions[0]!.items[0]!;
  if (item.kind !== "score") throw new Error("not a score");
  return item.expr;
}

export const EXAMPLE = `# Sliding-window causal attention with per-head ALiBi slopes and tanh soft-capping.
def causal = q >= kv
def window(w: int) = q - kv < w

attention swa_alibi_softcap {
  param w: int = 1024              # compile-time constant; --param w=512 overrides it
  param cap: float = 30.0
  input slopes: f32[H]             # a tensor given at run time

  mask causal && window(w)
  score cap * tanh(s / cap) - slopes[h] * float(q - kv)
}
`;

describe("precedence and associativity", () => {
  const cases: [string, string][] = [
    ["a - b - c", "((a - b) - c)"],
    ["a / b * c % d", "(((a / b) * c) % d)"],
    ["-3 / 2", "((-3) / 2)"],
    ["- -x", "(-(-x))"],
    ["!a && b", "((!a) && b)"],
    ["a + b * c", "(a + (b * c))"],
    ["a < b == c >= d", "((a < b) == (c >= d))"],
    ["a || b && c", "(a || (b && c))"],
    ["a && b || c && d", "((a && b) || (c && d))"],
    ["c ? x : y ? z : w", "(c ? x : (y ? z : w))"],
    ["a ? b ? c : d : e", "(a ? (b ? c : d) : e)"],
    ["a || b ? 1 : 2", "((a || b) ? 1 : 2)"],
    ["(a + b) * c", "((a + b) * c)"],
    ["f(a, b + 1)[0]".replace("[0]", ""), "f(a, (b + 1))"],
    ["t[h, q - 1] * -inf", "(t[h, (q - 1)] * (-inf))"],
    ["min(1, max(2, 3))", "min(1, max(2, 3))"],
    ["1.5e3 + .5 + 2. + 1e-3", "(((1500 + 0.5) + 2) + 0.001)"],
  ];
  for (const [src, want] of cases) it(src, () => expect(show(scoreOf(src))).toBe(want));

  it("tells int literals from float literals", () => {
    expect(scoreOf("2").kind).toBe("int");
    expect(scoreOf("2.").kind).toBe("float");
    expect(scoreOf("1e3").kind).toBe("float");
    expect(scoreOf("2147483647")).toMatchObject({ kind: "int", value: 2147483647 });
  });
});

describe("spans", () => {
  it("cover each node exactly (half-open offsets, 1-based line and column)", () => {
    const src = "attention t {\n  score  a*(b + c)\n}";
    const e = scoreOf("x");
    expect(e.span).toMatchObject({ offset: 20, endOffset: 21, line: 1, col: 21 });
    const m = ok(src);
    const item = m.attentions[0]!.items[0]!;
    const expr = (item as { expr: Expr }).expr;
    const text = (x: { span: { offset: number; endOffset: number } }) => src.slice(x.span.offset, x.span.endOffset);
    expect(text(item)).toBe("score  a*(b + c)");
    expect(text(expr)).toBe("a*(b + c)");
    expect(expr.span).toMatchObject({ line: 2, col: 10, file: "t.attn" });
    if (expr.kind !== "binary") throw new Error();
    expect(text(expr.right)).toBe("(b + c)");
    expect(m.attentions[0]!.span).toMatchObject({ offset: 0, endOffset: src.length });
  });

  it("give names, calls and reads their own name spans", () => {
    const src = "def f(x: int) = x\nattention t {\n  input tab: f32[H]\n  score f(1) + tab[h]\n}";
    const m = ok(src);
    const score = m.attentions[0]!.items[1]!;
    if (score.kind !== "score" || score.expr.kind !== "binary") throw new Error();
    const { left, right } = score.expr;
    if (left.kind !== "call" || right.kind !== "index") throw new Error();
    expect(src.slice(left.nameSpan.offset, left.nameSpan.endOffset)).toBe("f");
    expect(src.slice(left.span.offset, left.span.endOffset)).toBe("f(1)");
    expect(src.slice(right.nameSpan.offset, right.nameSpan.endOffset)).toBe("tab");
    expect(right.nameSpan).toMatchObject({ line: 4, col: 16 });
    expect(src.slice(m.defs[0]!.span.offset, m.defs[0]!.span.endOffset)).toBe("def f(x: int) = x");
  });
});

describe("items and comments", () => {
  it("parses the example program of the language reference, which checks clean", () => {
    const m = ok(EXAMPLE);
    expect(m.defs.map((d) => [d.name, d.params?.map((p) => `${p.name}:${p.type}`) ?? null])).toEqual([
      ["causal", null], ["window", ["w:int"]],
    ]);
    expect(m.attentions[0]!.items.map((i) => i.kind)).toEqual(["param", "param", "input", "mask", "score"]);
    expect(check(m)).toEqual([]);
  });

  it("needs neither newlines nor separators between items, and skips both comment styles", () => {
    const m = ok("// header\nattention t { param w: int = -3 mask q - kv < w # trailing\n score s normalize sigmoid // end\n}");
    const items = m.attentions[0]!.items;
    expect(items.map((i) => i.kind)).toEqual(["param", "mask", "score", "normalize"]);
    expect(items[0]).toMatchObject({ kind: "param", default: { type: "int", value: -3 } });
    expect(items[3]).toMatchObject({ mode: "sigmoid" });
  });

  it("reads param defaults: negative numbers, inf, bools", () => {
    const m = ok("attention t { param lo: float = -inf param on: bool = true param c: float = 2 }");
    expect(m.attentions[0]!.items.map((i) => (i.kind === "param" ? [i.type, i.default.type, i.default.value] : null))).toEqual([
      ["float", "float", -Infinity], ["bool", "bool", true], ["float", "int", 2],
    ]);
    expect(check(m)).toEqual([]);
  });

  it("handles CRLF line ends, a byte-order mark and a file of comments only", () => {
    const src = "\uFEFF# title\r\nattention t {\r\n  mask foo\r\n}\r\n";
    const ds = check(ok(src));
    expect(ds.map((d) => [d.code, d.span!.line, d.span!.col])).toEqual([["E0201", 3, 8]]);
    expect(formatDiagnostic(ds[0]!, src).split("\n")[1]).toBe("3 |   mask foo");
    expect(check(ok("# nothing here\n// at all")).map((d) => d.code)).toEqual(["E0211"]);
  });

  it("accepts an empty block and several blocks", () => {
    const m = ok("attention full {}\nattention causal { mask q >= kv }");
    expect(m.attentions.map((a) => a.name)).toEqual(["full", "causal"]);
    expect(check(m)).toEqual([]);
  });
});

describe("types", () => {
  const typeOf = (expr: string, decls = "") => {
    const m = ok(`attention t { ${decls} score ${expr} }`);
    const r = checkModule(m);
    expect(r.diagnostics).toEqual([]);
    const item = m.attentions[0]!.items.find((i) => i.kind === "score")!;
    return r.types.get((item as { expr: Expr }).expr);
  };
  it("keeps int arithmetic int and widens mixed arithmetic to float", () => {
    expect(typeOf("q / 2 + kv % 3")).toBe("int");
    expect(typeOf("q / 2.0")).toBe("float");
    expect(typeOf("min(q, kv)")).toBe("int");
    expect(typeOf("clamp(q, 0, 1.5)")).toBe("float");
    expect(typeOf("floor(q)")).toBe("float");
    expect(typeOf("int(s)")).toBe("int");
    expect(typeOf("q > kv ? 1 : 2.5")).toBe("float");
    expect(typeOf("t[h] + 1", "input t: i32[H]")).toBe("int");
  });
  it("never converts float to int implicitly", () => {
    const m = ok("def f(x: int) = x\nattention t { score f(1.5) }");
    expect(check(m).map((d) => d.code)).toEqual(["E0301"]);
    expect(check(ok("def f(x: float) = x\nattention t { score f(1) }"))).toEqual([]);
  });
});

describe("diagnostic format", () => {
  it("prints file:line:col, the source line and a caret under the span", () => {
    const src = "attention t {\n  mask foo > 1\n}";
    const m = ok(src);
    const ds = check(m);
    expect(ds).toHaveLength(1);
    expect(formatDiagnostic(ds[0]!, src)).toBe(
      ["t.attn:2:8: error[E0201]: unknown name `foo`", "2 |   mask foo > 1", "  |        ^^^"].join("\n"));
  });
  it("reports a syntax error at the offending token with what was expected", () => {
    const src = "attention t {\n  score (s + 1\n}";
    const r = parse(src, "t.attn");
    expect(r.module).toBeNull();
    expect(formatDiagnostic(r.diagnostics[0]!, src)).toBe(
      ["t.attn:3:1: error[E0102]: expected `)`, found `}`", "3 | }", "  | ^"].join("\n"));
  });
  it("reports every independent error, each once", () => {
    const src = "attention t {\n  mask q >= kv &&\n  score s * * 2\n  let x = )\n}";
    const r = parse(src, "t.attn");
    expect(r.diagnostics.map((d) => [d.code, d.span!.line])).toEqual([["E0102", 3], ["E0102", 3], ["E0102", 4]]);
  });
});
