/**
 * Language v2 (#15 items 2 and 4): bit operators, `ilog2`, `cdiv`, derived input dims — parsing
 * and precedence, the checker's diagnostics (code and position), the IR semantics of the edge cases
 * (negative operands, shift amounts outside [0, 31], ilog2 of x <= 0, cdiv by 0), constant folding,
 * and derived dims: folded at compile time, evaluated (exactly) by the TypeScript kernel at run time.
 */
import { describe, expect, it } from "vitest";
import { parse, check } from "../../dsl/index.js";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { evalNode } from "../../compiler/ir/interp.js";
import { constValue } from "../../compiler/ir/node.js";
import { dimProblem, dimValue, evalDimExpr } from "../../compiler/ir/dims.js";
import { kernelErrorCode, tsKernel } from "../helpers.js";
import { AttncError } from "../../dsl/diagnostics.js";

function codes(source: string): string[] {
  const r = parse(source, "t.attn");
  if (r.diagnostics.length) return r.diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`);
  return check(r.module!).map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`);
}

/** The value of an int expression of q and kv (the score of a one-block program), by the IR interpreter. */
function value(expr: string, q = 0, kv = 0): number {
  const [ir] = lowerSource(`attention t { score float(${expr}) }`, "t.attn");
  const vars = { q, kv, b: 0, h: 0, s: 0, B: 1, H: 1, H_KV: 1, Q_LEN: 1, KV_LEN: 1, D: 1 };
  return evalNode(ir!.score, { vars, tensors: {} }) as number;
}

/** The folded value of a constant int expression (after the optimizer's passes). */
function folded(expr: string): number | boolean | undefined {
  const [ir] = lowerSource(`attention t { score float(${expr}) }`, "t.attn");
  const opt = optimize(ir!);
  return constValue(opt.score);
}

describe("bit operators: semantics", () => {
  const cases: [string, number][] = [
    ["-1 & 255", 255], ["-8 | 3", -5], ["5 ^ -1", -6], ["12 & 10", 8], ["12 | 10", 14], ["12 ^ 10", 6],
    ["1 << 31", -2147483648], ["3 << 31", -2147483648], ["-3 << 2", -12], ["1 << 32", 1], ["1 << 33", 2], ["1 << -1", -2147483648],
    ["-7 >> 1", -4], ["-1 >> 31", -1], ["-1 >> 35", -1], ["1024 >> 3", 128], ["1024 >> 35", 128], ["(-2147483647 - 1) >> 31", -1], ["7 >> -1", 0],
    ["ilog2(1)", 0], ["ilog2(2)", 1], ["ilog2(3)", 1], ["ilog2(1024)", 10], ["ilog2(1023)", 9], ["ilog2(2147483647)", 30],
    ["ilog2(0)", -1], ["ilog2(-5)", -1], ["ilog2(-2147483647 - 1)", -1],
    ["cdiv(7, 2)", 4], ["cdiv(8, 2)", 4], ["cdiv(-7, 2)", -3], ["cdiv(7, -2)", -3], ["cdiv(-7, -2)", 4], ["cdiv(7, 0)", 0], ["cdiv(0, 5)", 0],
    ["cdiv(-2147483647 - 1, -1)", -2147483648], ["cdiv(2147483647, 2)", 1073741824],
  ];
  for (const [e, want] of cases) {
    it(`${e} == ${want} (interpreter, and folded)`, () => {
      expect(value(e)).toBe(want);
      expect(folded(e)).toBe(want);
    });
  }
  it("non-constant operands agree with the folded constants", () => {
    for (const [q, kv] of [[5, 3], [-9, 2], [2147483647, 31], [-2147483648, 33], [12, -1]] as const) {
      expect(value("q & kv", q, kv)).toBe(q & kv);
      expect(value("q << kv", q, kv)).toBe(q << kv);
      expect(value("q >> kv", q, kv)).toBe(q >> kv);
      expect(value("ilog2(q)", q, kv)).toBe(q > 0 ? Math.floor(Math.log2(q) + 1e-12) : -1);
    }
  });
});

describe("bit operators: precedence", () => {
  it("bind tighter than comparisons: d & (d - 1) == 0 is (d & (d - 1)) == 0", () => {
    expect(value("(8 & (8 - 1) == 0) ? 1 : 0")).toBe(1);
    expect(value("(6 & 5 == 4) ? 1 : 0")).toBe(1);
  });
  it("shifts bind looser than +, & looser than shifts, then ^, then |", () => {
    expect(value("1 << 2 + 1")).toBe(8);
    expect(value("1 | 2 ^ 3 & 6")).toBe(1 | (2 ^ (3 & 6)));
    expect(value("6 & 3 << 1")).toBe(6 & (3 << 1));
    expect(value("5 ^ 1 | 8")).toBe((5 ^ 1) | 8);
  });
  it("&& and || are still the logical operators", () => {
    expect(codes("attention t { mask q > 0 && kv > 0 || q == kv }")).toEqual([]);
  });
});

describe("diagnostics", () => {
  it("a bit operator on a float or a bool is E0301 at the operand", () => {
    expect(codes("attention t {\n  score s & 1\n}")).toEqual(["E0301@2:9"]);
    expect(codes("attention t {\n  mask (q > 0) | true\n}")).toEqual(["E0301@2:8", "E0301@2:18"]);
    expect(codes("attention t {\n  mask q << 1.5 > 0\n}")).toEqual(["E0301@2:13"]);
  });
  it("ilog2 / cdiv of a float is E0301; a wrong argument count E0204", () => {
    expect(codes("attention t {\n  mask ilog2(2.0) > q\n}")).toEqual(["E0301@2:14"]);
    expect(codes("attention t {\n  mask cdiv(q, 1.5) > 0\n}")).toEqual(["E0301@2:16"]);
    expect(codes("attention t {\n  mask cdiv(q) > 0\n}")).toEqual(["E0204@2:8"]);
  });
  it("derived dims: only int literals, int params, sizes, + - * / %, cdiv, min, max", () => {
    expect(codes("attention t {\n  param R: int = 2\n  input a: f32[H, 2 * R + 1]\n  input c: i32[B, cdiv(Q_LEN, 64), min(KV_LEN, 8) % 3 - -1]\n}")).toEqual([]);
    expect(codes("attention t {\n  input a: f32[H, Q_LEN + 1.5]\n}")).toEqual(["E0215@2:27"]);
    expect(codes("attention t {\n  input a: f32[H, Q_LEN << 1]\n}")).toEqual(["E0215@2:19"]);
    expect(codes("attention t {\n  input a: f32[H, q + 1]\n}")).toEqual(["E0215@2:19"]);
    expect(codes("attention t {\n  input a: f32[H, ilog2(Q_LEN)]\n}")).toEqual(["E0215@2:19"]);
    expect(codes("attention t {\n  param f: float = 2.0\n  input a: f32[H, Q_LEN * f]\n}")).toEqual(["E0215@3:27"]);
    expect(codes("attention t {\n  input a: f32[H, Q_LNE + 1]\n}")).toEqual(["E0201@2:19"]);
    expect(codes("attention t {\n  input a: f32[H, Q_LEN > 1 ? 2 : 3]\n}")).toEqual(["E0215@2:19"]);
    expect(codes("attention t {\n  input a: f32[H, cdiv(Q_LEN)]\n}")).toEqual(["E0204@2:19"]);
  });
  it("a dim without a size is folded; below 1 or beyond int32 it is E0215 at its span", () => {
    const [ir] = lowerSource("attention t {\n  param R: int = 3\n  input a: f32[H, 2 * R + 1]\n  score s + a[h, 0]\n}", "t.attn");
    expect(ir!.inputs[0]!.dims[1]).toEqual({ kind: "const", value: 7 });
    const err = (src: string, params: Record<string, string> = {}) => {
      try {
        lowerSource(src, "t.attn", { params });
        return "none";
      } catch (e) {
        return (e as AttncError).diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.col}`).join(" ");
      }
    };
    const src = "attention t {\n  param R: int = 3\n  input a: f32[H, 2 * R - 6]\n}";
    expect(err(src)).toBe("E0215@3:19");
    expect(err(src, { R: "4" })).toBe("none");
    expect(err("attention t {\n  input a: f32[65536 * 65536 / 65536]\n}")).toBe("E0215@2:16");
  });
  it("v2 function names stay free for declarations (a v1 program keeps its meaning)", () => {
    const src = "def cdiv(x: int, y: int) = x - y\nattention t {\n  param ilog2: int = 3\n  mask cdiv(q, kv) >= ilog2\n}";
    expect(codes(src)).toEqual([]);
    const [ir] = lowerSource(src, "t.attn");
    const vars = { q: 9, kv: 2, b: 0, h: 0, s: 0, B: 1, H: 1, H_KV: 1, Q_LEN: 1, KV_LEN: 1, D: 1 };
    expect(evalNode(ir!.mask, { vars, tensors: {} })).toBe(true); // 9 - 2 >= 3 (the def), not cdiv(9, 2) = 5 >= 3 either way
    vars.q = 4;
    expect(evalNode(ir!.mask, { vars, tensors: {} })).toBe(false); // 4 - 2 < 3, while the built-in cdiv(4, 2) = 2 < 3 too
    vars.q = 5; vars.kv = 1;
    expect(evalNode(ir!.mask, { vars, tensors: {} })).toBe(true); // 5 - 1 >= 3; the built-in would give cdiv(5, 1) = 5 too
  });
});

describe("derived dims at run time", () => {
  const sizes = { B: 1, H: 2, H_KV: 1, Q_LEN: 130, KV_LEN: 7, D: 4 };
  const src = "attention t {\n  param blk: int = 64\n  input sel: i32[B, cdiv(Q_LEN, blk), KV_LEN - 8 + H * 4]\n  mask sel[b, q / blk, 0] != 0\n}";
  it("exact values, NaN where an intermediate leaves int32", () => {
    const [ir] = lowerSource(src, "t.attn");
    const [, d1, d2] = ir!.inputs[0]!.dims;
    expect(d1!.kind === "expr" && d1!.text).toBe("cdiv(Q_LEN, 64)");
    expect(d2!.kind === "expr" && d2!.text).toBe("KV_LEN - 8 + H * 4");
    expect(dimValue(d1!, sizes)).toBe(3);
    expect(dimValue(d2!, sizes)).toBe(7);
    expect(dimProblem(ir!.inputs, sizes)).toBeNull();
    expect(dimProblem(ir!.inputs, { ...sizes, H: 0 })).toMatch(/is -1 for these sizes/);
    if (d1!.kind === "expr") expect(evalDimExpr({ op: "mul", a: d1!.expr, b: { op: "const", value: 2 ** 30 } }, sizes)).toBeNaN();
  });
  it("the TypeScript kernel checks the tensor against the evaluated dims, and E0408 for a dim < 1", async () => {
    const { mod } = await tsKernel(src, "t.attn");
    const z = { ...sizes, DV: 4 };
    const n = (s: typeof sizes) => s.B * s.H * s.Q_LEN * s.D;
    const qkv = (s: typeof sizes) => [new Float32Array(n(s)), new Float32Array(s.B * s.H_KV * s.KV_LEN * s.D), new Float32Array(s.B * s.H_KV * s.KV_LEN * 4)] as const;
    const [q, k, v] = qkv(sizes);
    expect(kernelErrorCode(() => mod.forward(q, k, v, { sel: new Int32Array(1 * 3 * 7).fill(1) }, z))).toBe("none");
    expect(kernelErrorCode(() => mod.forward(q, k, v, { sel: new Int32Array(1 * 2 * 7).fill(1) }, z))).toBe("E0404");
    const small = { ...sizes, KV_LEN: 1, H: 1 }; // KV_LEN - 8 + H * 4 = -3
    const [q2, k2, v2] = qkv(small);
    expect(kernelErrorCode(() => mod.forward(q2, k2, v2, { sel: new Int32Array(3) }, { ...small, DV: 4 }))).toBe("E0408");
  });
});

describe("kvh (item 10)", () => {
  it("is h / (H / H_KV), and a declared kvh shadows it", () => {
    const [ir] = lowerSource("attention t { score float(kvh) }", "t.attn");
    for (const [h, H, H_KV] of [[0, 8, 2], [3, 8, 2], [4, 8, 2], [7, 8, 2], [5, 6, 6], [5, 6, 1]] as const) {
      const vars = { q: 0, kv: 0, b: 0, h, s: 0, B: 1, H, H_KV, Q_LEN: 1, KV_LEN: 1, D: 1 };
      expect(evalNode(ir!.score, { vars, tensors: {} })).toBe(Math.floor(h / (H / H_KV)));
    }
    const [own] = lowerSource("attention t { param kvh: int = 5 score float(kvh) }", "t.attn");
    expect(constValue(optimize(own!).score)).toBe(5);
  });
});
