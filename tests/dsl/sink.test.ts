/**
 * The `sink` item (v2; docs/language.md § 2, § 9): `sink` is a contextual keyword — an item only
 * where an item can start, a name everywhere else — so every v1 program that names a tensor `sink`
 * keeps its meaning; the sink lowers to `AttnIR.sink` (float, over b h q and the sizes), prints in
 * `--emit ir`, folds away when it is the constant -inf, and the checks of dsl/check-sink.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../dsl/parser.js";
import { check } from "../../dsl/check.js";
import { tokenize } from "../../dsl/lexer.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { printProgram } from "../../compiler/ir/printer.js";
import { AttncError, formatDiagnostic } from "../../dsl/diagnostics.js";

const kinds = (src: string) => tokenize(src, "x.attn").tokens.map((t) => (t.tokenType.name === "Sink" ? "SINK" : t.image));
const codes = (src: string) => {
  const r = parse(src, "x.attn");
  return (r.module ? check(r.module) : r.diagnostics).map((d) => d.code);
};

describe("sink: a contextual keyword", () => {
  it("is the item keyword only where an item can start", () => {
    expect(kinds("attention a { sink 1.0 }")).toEqual(["attention", "a", "{", "SINK", "1.0", "}"]);
    expect(kinds("mask q >= kv\n  sink sinks[h]")).toEqual(["mask", "q", ">=", "kv", "SINK", "sinks", "[", "h", "]"]);
    // a tensor named `sink`, read by the sink item itself
    expect(kinds("input sink: f32[H]\n  sink sink[h]")).toEqual(["input", "sink", ":", "f32", "[", "H", "]", "SINK", "sink", "[", "h", "]"]);
    expect(kinds("let x = sink[b, kv] != 0 || (sink[b, q] > 1)")).not.toContain("SINK");
    expect(kinds("def sink(a: int) = a")).not.toContain("SINK");
  });

  it("keeps the meaning of v1 programs that name a tensor `sink` (BlindSight)", () => {
    const src = readFileSync("examples/blindsight-head-masks.attn", "utf8");
    expect(src).toContain("input sink: i32[B, Q_LEN]");
    const [ir] = lowerSource(src, "blindsight.attn");
    expect(ir!.sink).toBeUndefined();
    expect(printProgram(optimize(ir!))).toContain("sink[b, kv]");
  });

  it("lowers to AttnIR.sink, prints in --emit ir, and folds away at -inf", () => {
    const src = "attention g {\n  input sinks: f32[H]\n  param on: bool = true\n  mask kv <= q\n  sink on ? sinks[h] : -inf\n}\n";
    const [on] = lowerSource(src, "g.attn");
    expect(printProgram(optimize(on!))).toMatch(/^sink = sinks\[h\] : float$/m);
    const [off] = lowerSource(src, "g.attn", { params: { on: false } });
    expect(optimize(off!).sink).toBeUndefined();
    // an int sink is converted to float
    const [i] = lowerSource("attention a {\n  sink q - 2\n}\n", "a.attn");
    expect(i!.sink!.type).toBe("float");
  });

  it("its checks: one sink, softmax only, a number, no s and no kv (through lets and defs too)", () => {
    expect(codes("attention a {\n  sink 1.0\n  sink 2.0\n}")).toEqual(["E0218"]);
    expect(codes("attention a {\n  normalize sigmoid\n  sink 1.0\n}")).toEqual(["E0219"]);
    expect(codes("attention a {\n  sink 1.0\n  normalize none\n}")).toEqual(["E0219"]);
    expect(codes("attention a {\n  sink q > 1\n}")).toEqual(["E0309"]);
    expect(codes("attention a {\n  let t = tanh(s)\n  sink t\n}")).toEqual(["E0307"]);
    expect(codes("def far = kv > 10\nattention a {\n  sink far ? 1.0 : 0.0\n}")).toEqual(["E0308"]);
    // a def's parameter named like a def that reads kv is the parameter, not the def
    expect(codes("def kvd = kv\ndef f(kvd: int) = kvd * 2\nattention a {\n  sink float(f(q))\n}")).toEqual([]);
    expect(codes("attention a {\n  input t: f32[H, Q_LEN]\n  sink t[h, q] + float(b + Q_LEN + kvh)\n}")).toEqual([]);
  });

  it("says where kv comes from, at the name that leads there", () => {
    const src = "attention a {\n  let d = q - kv\n  sink float(d)\n}\n";
    let text = "";
    try {
      lowerSource(src, "x.attn");
    } catch (e) {
      text = (e as AttncError).diagnostics.map((d) => formatDiagnostic(d, src)).join("\n");
    }
    expect(text).toBe(
      [
        "x.attn:3:14: error[E0308]: the sink cannot depend on the key position `kv`",
        "3 |   sink float(d)",
        "  |              ^",
        "  = note: let `d` reads `kv`",
        "  = note: the sink is one logit per query row (b, h, q), joining the softmax of all its keys",
      ].join("\n"),
    );
  });
});
