/**
 * The checker's help (issue #15): the warning W0310 for an integer division in a float context (the
 * ALiBi trap), notes for the syntax of other languages (`**`, `and` / `or` / `not`, chained
 * comparisons), and `attnc check` reporting warnings with their codes (`--json` too) and checking
 * `--param` overrides (and the dims they make) before run time. Each diagnostic is checked whole:
 * file, line, column, code, the source line and the caret.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../compiler/pipeline.js";
import { AttncError, formatDiagnostic, type Diagnostic } from "../../dsl/diagnostics.js";
import { cli, tmp } from "../cli/helpers.js";

/** Every diagnostic `attnc check` gives `source` (errors, else warnings), formatted with its caret. */
function shown(source: string): string {
  let ds: Diagnostic[];
  try {
    ds = checkSource(source, "x.attn").warnings;
  } catch (e) {
    if (!(e instanceof AttncError)) throw e;
    ds = e.diagnostics;
  }
  return ds.map((d) => formatDiagnostic(d, source)).join("\n");
}

describe("W0310: integer division in a float context", () => {
  it("the ALiBi trap: pow(2, -8 * (h + 1) / H) floors the exponent", () => {
    const src = "attention alibi {\n  mask kv <= q\n  score s - pow(2, -8 * (h + 1) / H) * float(q - kv)\n}\n";
    expect(shown(src)).toBe(
      [
        "x.attn:3:20: warning[W0310]: integer division in a float context: `/` of two ints floors before the conversion to float",
        "3 |   score s - pow(2, -8 * (h + 1) / H) * float(q - kv)",
        "  |                    ^^^^^^^^^^^^^^^^",
        "  = note: both operands are int, so `-8 * (h + 1) / H` rounds toward -inf (`7 / 2 == 3`) and only then becomes a float",
        "  = note: for real division make an operand a float: `float(-8 * (h + 1)) / float(H)`; if the floor is meant, say so: `float(-8 * (h + 1) / H)`",
      ].join("\n"),
    );
  });

  it("through lets, defs, mixed arithmetic, comparisons, ?: branches, float def arguments, an int score or sink", () => {
    const src = [
      "def half(n: int) = n / 2", // an int def: converted where it is used as a float
      "def scaled(x: float) = 2.0 * x",
      "attention a {",
      "  let e = (h + 1) / H",
      "  mask float(q) * 0.5 > kv / 3",
      "  score s * exp(e) + scaled(q / 4) + (q > 2 ? 1.5 : q / 5) + float(half(q)) + half(kv) * 1.0",
      "  sink q / 7",
      "}",
    ].join("\n");
    const codes = shown(src).split("\n").filter((l) => l.startsWith("x.attn:"));
    expect(codes).toEqual([
      "x.attn:1:20: warning[W0310]: integer division in a float context: `/` of two ints floors before the conversion to float",
      "x.attn:4:11: warning[W0310]: integer division in a float context: `/` of two ints floors before the conversion to float",
      "x.attn:5:25: warning[W0310]: integer division in a float context: `/` of two ints floors before the conversion to float",
      "x.attn:6:29: warning[W0310]: integer division in a float context: `/` of two ints floors before the conversion to float",
      "x.attn:6:53: warning[W0310]: integer division in a float context: `/` of two ints floors before the conversion to float",
      "x.attn:7:8: warning[W0310]: integer division in a float context: `/` of two ints floors before the conversion to float",
    ]);
  });

  it("no warning where the floor is meant or no conversion happens", () => {
    const src = [
      "attention a {",
      "  input t: f32[Q_LEN]",
      "  mask q / 64 == kv / 64 && (q - kv) / 2 < 8", // int contexts
      "  score s + float(q / 2) + t[q / 2] + float(q) / 2.0 + q / 2.0 + float(int(s) / 3)", // explicit, an index, real divisions
      "}",
    ].join("\n");
    expect(shown(src)).toBe("");
  });

  it("attnc check prints warnings and succeeds; --json carries them with their code and severity", async () => {
    const f = join(tmp(), "alibi.attn");
    writeFileSync(f, "attention alibi {\n  score s - pow(2, -8 * (h + 1) / H) * float(q - kv)\n}\n");
    const r = await cli("check", f);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${f}:2:20: warning[W0310]: integer division in a float context`);
    expect(r.err).toContain("2 |   score s - pow(2, -8 * (h + 1) / H) * float(q - kv)");
    expect(r.err).toContain("  |                    ^^^^^^^^^^^^^^^^");
    expect(r.out).toBe(`${f}: ok (1 attention block: alibi, 1 warning)\n`);
    const j = await cli("check", f, "--json");
    expect(j.code).toBe(0);
    const out = JSON.parse(j.out);
    expect(out.attentions).toEqual(["alibi"]);
    expect(out.diagnostics.map((d: Record<string, unknown>) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([["W0310", "warning", f, 2, 20]]);
  });
});

describe("notes for the syntax of other languages", () => {
  it("`**` is pow", () => {
    expect(shown("attention a {\n  score s ** 2\n}\n")).toBe(
      [
        "x.attn:2:12: error[E0102]: expected an expression, found `*`",
        "2 |   score s ** 2",
        "  |            ^",
        "  = note: `**` is not an operator of the language: write `pow(x, y)` for x to the power y",
      ].join("\n"),
    );
  });

  it("`and`, `or`, `not` are &&, ||, !", () => {
    expect(shown("attention a {\n  mask q > 0 and kv < 3\n}\n")).toBe(
      [
        "x.attn:2:14: error[E0102]: unexpected `and` after the mask expression",
        "2 |   mask q > 0 and kv < 3",
        "  |              ^^^",
        "  = note: `and` is not an operator here: write `&&`",
      ].join("\n"),
    );
    expect(shown("attention a {\n  mask kv <= q or kv < 4\n}\n")).toContain("  = note: `or` is not an operator here: write `||`");
    expect(shown("attention a {\n  mask not kv > q\n}\n")).toContain("  = note: `not` is not an operator here: write `!`");
    // a name `and` is still a name
    expect(shown("attention a {\n  param and: int = 3\n  mask kv < and\n}\n")).toBe("");
  });

  it("comparisons do not chain", () => {
    expect(shown("attention a {\n  mask 0 <= kv < q\n}\n")).toBe(
      [
        "x.attn:2:8: error[E0301]: `<` needs numbers, found bool",
        "2 |   mask 0 <= kv < q",
        "  |        ^^^^^^^",
        "  = note: comparisons do not chain: `a < b < c` means `(a < b) < c`, a bool compared with a number; write `a < b && b < c`",
      ].join("\n"),
    );
    expect(shown("attention a {\n  mask q == kv == 1\n}\n")).toContain("= note: comparisons do not chain");
  });
});

describe("attnc check --param (and --name): params and the dims they make, before run time", () => {
  const src = "attention rel {\n  param R: int = 4\n  input table: f32[H, 2 * R + 1]\n  score s + table[h, clamp(kv - q, -R, R) + R]\n}\nattention other {\n  param w: int = 8\n  mask q - kv < w\n}\n";
  it("a valid override passes; unknown names, bad values and dims below 1 are errors", async () => {
    const f = join(tmp(), "rel.attn");
    writeFileSync(f, src);
    expect((await cli("check", f, "--name", "rel", "--param", "R=16")).code).toBe(0);
    const unknown = await cli("check", f, "--name", "rel", "--param", "W=3");
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining("error[E0401]: unknown param `W` for attention `rel` (its params: R)")]);
    const bad = await cli("check", f, "--name", "rel", "--param", "R=1.5");
    expect([bad.code, bad.err]).toEqual([1, expect.stringContaining("error[E0402]: invalid value `1.5` for param `R` of type int")]);
    const dim = await cli("check", f, "--name", "rel", "--param", "R=-1", "--json");
    expect(dim.code).toBe(1);
    const d = JSON.parse(dim.out).diagnostics[0];
    expect([d.code, d.line, d.column]).toEqual(["E0215", 3, 23]);
    // without --name the override must fit every block: `other` has no param R
    expect((await cli("check", f, "--param", "R=16")).err).toContain("error[E0401]: unknown param `R` for attention `other`");
  });
});
