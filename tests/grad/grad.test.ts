/**
 * Stage `grad` (compiler/grad): the symbolic derivatives of the score, printed, and checked against
 * the oracle's independent tape differentiation (tests/oracle/tape.ts) on random programs of the
 * whole language at random entries: dL/ds and, per tensor element, the sum of dL/d(read) over the
 * score's reads of it must agree (to float64 rounding), and the derivatives must read tensors only
 * where the score does (no E0407 where the score evaluates).
 */
import { describe, expect, it } from "vitest";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { scoreGrad } from "../../compiler/grad/grad.js";
import { printRoots } from "../../compiler/ir/printer.js";
import { evalNode, readTensor, type Env } from "../../compiler/ir/interp.js";
import { tensorName } from "../../compiler/ir/node.js";
import { evalWithGrad } from "../oracle/tape.js";
import { genProgram } from "../arbitraries/program.js";
import { genData, dimsOf } from "../arbitraries/data.js";
import { Rng } from "../arbitraries/rng.js";

const gradOf = (src: string) => scoreGrad(optimize(lowerSource(src, "g.attn")[0]!));
const printed = (src: string) => {
  const g = gradOf(src);
  return printRoots([["ds", g.ds ?? lowerSource("attention z {}", "z.attn")[0]!.mask], ...g.sites.map((s, i): [string, typeof s.d] => [`d${i}:${s.tensor}`, s.d])]);
};

/** one entry (b = h = q = kv = 0, every size 1) at score variable s, with the tensor t = [tv] */
const envAt = (s: number, tv: number): Env => ({ vars: { s, h: 0, B: 1, H: 1, H_KV: 1, Q_LEN: 1, KV_LEN: 1, D: 1, b: 0, q: 0, kv: 0 }, tensors: { t: { data: [tv], dims: [1] } } });

describe("grad: printed derivatives", () => {
  it("softcap: d(cap tanh(s / cap)) / ds = (1 - tanh^2) / cap * cap (float products are not reassociated)", () => {
    expect(printed("attention a { param cap: float = 30.0\n score cap * tanh(s / cap) }")).toBe(
      "%0 = tanh(div(s, 30.0f)) : float\nds = mul(mul(sub(1.0f, mul(%0, %0)), 0.03333333333333333f), 30.0f) : float",
    );
  });

  it("ALiBi: ds = 1 and the slope's derivative is the distance", () => {
    const g = gradOf("attention a { input slopes: f32[H]\n mask q >= kv\n score s - slopes[h] * float(q - kv) }");
    expect(printRoots([["ds", g.ds!], ["d", g.sites[0]!.d]])).toBe("ds = 1.0f : float\nd = neg(itof(sub(q, kv))) : float");
    expect(g.sites.map((s) => s.tensor)).toEqual(["slopes"]);
    expect(g.zeroTensors).toEqual([]);
  });

  it("select keeps the branch's derivative under its condition; min/max pass it to the operand taken, half each on a tie", () => {
    const g = gradOf("attention a { input t: f32[KV_LEN]\n score kv == 0 ? log(s) : max(s, t[kv]) }");
    expect(printRoots([["ds", g.ds!]])).toBe(
      "%0 = t[kv] : float\nds = select(eq(kv, 0), div(1.0f, s), select(lt(%0, s), 1.0f, select(lt(s, %0), 0.0f, 0.5f))) : float",
    );
  });

  it("ties of min/max do not depend on the operands' order (the simplifier reorders literals last)", () => {
    for (const [a, b] of [["max(0.0, s)", "max(s, 0.0)"], ["min(0.0, s) + s", "min(s, 0.0) + s"], ["abs(s)", "abs(s)"]]) {
      const at0 = (src: string) => {
        const ir = optimize(lowerSource(`attention a { score ${src} }`, "g.attn")[0]!);
        const env: Env = { vars: { s: 0, h: 0, B: 1, H: 1, H_KV: 1, Q_LEN: 1, KV_LEN: 1, D: 1, b: 0, q: 0, kv: 0 }, tensors: {} };
        const unopt = lowerSource(`attention a { score ${src} }`, "g.attn")[0]!;
        return { sym: evalNode(scoreGrad(ir).ds!, env), tape: evalWithGrad(unopt.score, env).ds };
      };
      expect(at0(a), a).toEqual(at0(b));
      expect(at0(a).sym, a).toBe(at0(a).tape);
    }
    expect(evalNode(gradOf("attention a { score max(0.0, s) }").ds!, { vars: { s: 0 }, tensors: {} })).toBe(0.5);
    expect(evalNode(gradOf("attention a { score abs(s) }").ds!, { vars: { s: 0 }, tensors: {} })).toBe(0);
  });

  it("a branch not taken is an exact 0 whatever factors lie further out (no 0 * inf = NaN)", () => {
    // at s = 1 the max takes 0.0, so sqrt's derivative 1 / (2 sqrt(0)) = inf multiplies nothing (found by
    // the backward property test: forward mode had built select(c, 0, -1) / (2 sqrt(...)) = 0 / 0)
    // the review of this change: a branch not taken inside a sum, a difference or a quotient
    // (`max(0, -s) + max(0, s - 1)`, `-1 / max(0, -s)`, `1 - max(s, 1)`) still made NaN
    const src = `attention a { input t: f32[H]
 score sqrt(abs(max(0.0, -s))) + log(max(t[h], s) + 1.0) + sqrt(max(0.0, -s) + max(0.0, s - 5.0)) + exp(-1.0 / max(0.0, -s)) + sqrt(5.0 - max(s, 1.0)) }`;
    const ir = optimize(lowerSource(src, "g.attn")[0]!);
    const g = scoreGrad(ir);
    // points with no tie of a min/max (a tie at a kink of sqrt is a genuine infinity)
    for (const [s, tv] of [[3, 1], [0.5, 1.5], [-4, 1], [3, 4]] as const) {
      const env: Env = envAt(s, tv);
      const tape = evalWithGrad(ir.score, env);
      expect(evalNode(g.ds!, env), `ds at s = ${s}`).toBe(tape.ds);
      expect(Number.isNaN(tape.ds)).toBe(false);
      expect(evalNode(g.sites[0]!.d, env), `d t at s = ${s}`).toBe(tape.reads.reduce((a, r) => a + r.g, 0));
    }
  });

  it("the tape agrees at abs's kink under an infinite slope, and at tiny divisors (fuzzer findings)", () => {
    // abs(sqrt(t)) at t = 0: abs's slope there is an exact 0, so sqrt's infinite slope multiplies nothing
    // (the tape made 0 · inf = NaN); s / s at s = 1e-170: the tape's -a / (b b) underflowed b b to 0
    const at = (src: string, s: number, tv: number) => {
      const ir = optimize(lowerSource(src, "g.attn")[0]!);
      const g = scoreGrad(ir);
      const env: Env = envAt(s, tv);
      return { g, env, tape: evalWithGrad(ir.score, env) };
    };
    for (const tv of [0, -1, Number.NaN]) {
      const { g, env, tape } = at("attention a { input t: f32[H]\n score s + abs(sqrt(t[h])) }", 1, tv);
      const sum = tape.reads.reduce((x, r) => x + r.g, 0);
      expect(sum, `tape d t at t = ${tv}`).toBe(0);
      expect(evalNode(g.sites[0]!.d, env), `compiler d t at t = ${tv}`).toBe(0);
    }
    const { g, env, tape } = at("attention a { normalize sigmoid\n score s / s }", 1e-170, 0);
    expect(tape.ds).toBe(0);
    expect(evalNode(g.ds!, env)).toBe(0);
  });

  it("no derivative through floor, int(), comparisons or the mask: null and zero tensors", () => {
    const g = gradOf(`attention a {
  input gate: f32[KV_LEN]
  input w: f32[H]
  input ids: i32[H]
  mask gate[kv] > 0.0
  score floor(s) + float(int(w[h] * 4.0)) + float(ids[h])
}`);
    expect(g.ds).toBeNull();
    expect(g.sites).toEqual([]);
    expect(g.zeroTensors).toEqual(["gate", "w"]);
  });
});

describe("grad: symbolic derivatives equal the tape's on random programs", () => {
  it("dL/ds and per-element tensor derivatives at random entries", () => {
    let checked = 0;
    let withSites = 0;
    for (let seed = 0; seed < 250; seed++) {
      const p = genProgram(seed);
      const ir = optimize(lowerSource(p.source, `gen-${seed}.attn`)[0]!);
      const g = scoreGrad(ir);
      const rng = new Rng(seed * 7 + 1);
      const sizes = { B: 2, H: 4, H_KV: 2, Q_LEN: 37, KV_LEN: 29, D: 4, DV: 4 };
      const data = genData(seed, sizes, p.tensors, 1);
      const tensors = Object.fromEntries(p.tensors.map((t) => [t.name, { data: data.tensors[t.name]!, dims: dimsOf(t, sizes) }]));
      for (let trial = 0; trial < 12; trial++) {
        const vars = { ...sizes, b: rng.int(0, 1), h: rng.int(0, 3), q: rng.int(0, 36), kv: rng.int(0, 28), s: rng.normal() * 3 };
        const env: Env = { vars, tensors };
        if (!evalNode(ir.mask, env)) continue;
        const tape = evalWithGrad(ir.score, env);
        if (!Number.isFinite(tape.value)) continue;
        const close = (a: number, b: number, what: string) => {
          if (Number.isNaN(a) && Number.isNaN(b)) return;
          expect(Math.abs(a - b), `${what}\n${p.source}\nvars ${JSON.stringify(vars)}: symbolic ${a}, tape ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
        };
        close(g.ds === null ? 0 : (evalNode(g.ds, env) as number), tape.ds, "ds");
        const sym = new Map<string, number>();
        for (const site of g.sites) {
          // as a kernel does: the derivative first (it reads only what the score reads), then, where it
          // is not 0, the element (the read is then one the score evaluated: its index is in bounds)
          const d = evalNode(site.d, env) as number;
          if (d === 0) continue;
          const idx = site.load.args.map((a) => evalNode(a, env) as number);
          const t = tensors[tensorName(site.load)!]!;
          readTensor(site.tensor, t, idx);
          let off = 0;
          idx.forEach((x, i) => (off = off * t.dims[i]! + x));
          const key = `${site.tensor}@${off}`;
          sym.set(key, (sym.get(key) ?? 0) + d);
        }
        const taped = new Map<string, number>();
        for (const r of tape.reads.filter((x) => x.g !== 0)) taped.set(`${r.tensor}@${r.offset}`, (taped.get(`${r.tensor}@${r.offset}`) ?? 0) + r.g);
        for (const key of new Set([...sym.keys(), ...taped.keys()])) close(sym.get(key) ?? 0, taped.get(key) ?? 0, key);
        checked++;
        if (g.sites.length) withSites++;
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(withSites).toBeGreaterThan(50);
  });
});
