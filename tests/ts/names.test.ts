/**
 * Names that are keywords, built-ins or generated names of some target (issue #11, item 8): a
 * program whose attention block and input are called so gives a TypeScript module that
 * type-checks under strict tsc and computes exactly what the same program with plain names
 * computes. Also: all such names as inputs of one program, a 200-character attention name, and
 * comparisons of literal types (`mask 3 != (q <= kv ? -1 : 64)`: TS2367 when printed as is).
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../index.js";
import { loadTsKernel } from "../../backends/ts/load.js";
import { genData } from "../arbitraries/data.js";
import { allNamesProgram, DERIVED_NAMES, ISSUE_NAMES, namedProgram } from "../arbitraries/names.js";
import { typeCheck } from "../typecheck.js";

/** The issue's names, JavaScript's own property names and the module's own names. */
const NAMES = [...ISSUE_NAMES, "__proto__", "constructor", "toString", "hasOwnProperty", "forward", "tensors", "in"];
const LONG = `attention_${"x".repeat(190)}`;

const shape = { B: 2, H: 2, H_KV: 1, Q_LEN: 37, KV_LEN: 37, D: 8, DV: 8 };
const base = genData(11, shape, [], 1);
const doc = Int32Array.from({ length: shape.B * shape.Q_LEN }, (_, i) => Math.floor((i % shape.Q_LEN) / 9));

async function tsModule(source: string): Promise<{ name: string; path: string; code: string }> {
  const [k] = await compile(source, "names.attn", { target: "ts" });
  return { name: k!.name, path: k!.files[0]!.path, code: k!.files[0]!.contents };
}

/** Runs a module with its inputs by name (in an object without a prototype, so `__proto__` is a plain key). */
async function run(code: string, inputs: [string, Float32Array | Int32Array][]) {
  const tensors: Record<string, Float32Array | Int32Array> = Object.create(null);
  for (const [n, t] of inputs) tensors[n] = t;
  return (await loadTsKernel(code)).forward(base.q, base.k, base.v, tensors, shape);
}

describe("TS: reserved and generated names", () => {
  it("each name as the attention and the input: same result as plain names, and the modules type-check", async () => {
    const modules: Record<string, string> = {};
    const ref = await tsModule(namedProgram("plain", "doc"));
    const want = await run(ref.code, [["doc", doc]]);
    for (const [i, n] of NAMES.entries()) {
      const m = await tsModule(namedProgram(n, n));
      expect([m.name, m.path]).toEqual([n, `${n}.ts`]);
      modules[`name${i}.ts`] = m.code;
      const got = await run(m.code, [[n, doc]]);
      expect(got.o, n).toEqual(want.o);
      expect(got.lse, n).toEqual(want.lse);
    }
    // all of them as inputs of one program, with names made by other schemes' prefixes and
    // suffixes (`x`, `in_x`, `rd_x`, `x_data`, ...), and a 200-character attention name
    const all = await tsModule(allNamesProgram(LONG, [...NAMES, ...DERIVED_NAMES]));
    expect(all.path).toBe(`${LONG}.ts`);
    modules["all.ts"] = all.code;
    const f32 = Float32Array.from({ length: shape.H }, (_, h) => h - 0.5);
    expect((await run(all.code, [...NAMES, ...DERIVED_NAMES].map((n, j) => [n, j === 0 ? doc : f32]))).o.some((x) => x !== 0)).toBe(true);
    expect(typeCheck(modules)).toEqual([]);
  });

  it("the backward: every name as an f32 input gets its own gradient key (`__proto__` too), and the module type-checks", async () => {
    // the backward's own names, and names made from its prefixes (gd_NAME, go_NAME)
    const bwNames = ["gd_x", "go_x", "slope0", "slopeS", "dS", "dL", "dp", "p", "delta", "rowLse", "rowSum", "Gradients", "backward", "dq", "dk", "dv", "dO", "dTensors"];
    const names = [...new Set([...NAMES, ...DERIVED_NAMES, ...bwNames])];
    // sigmoid: under softmax a per-head constant term has gradient Σ_j dL = 0 (rounding noise only)
    const source = allNamesProgram("grads", names).replace(/\n}\n$/, "\n  normalize sigmoid\n}\n");
    const [k] = await compile(source, "names.attn", { target: "ts", backward: true });
    const code = k!.files[0]!.contents;
    expect(typeCheck({ "grads.ts": code })).toEqual([]);
    const tensors: Record<string, Float32Array | Int32Array> = Object.create(null);
    const f32 = Float32Array.from({ length: shape.H }, (_, h) => h - 0.5);
    names.forEach((n, j) => (tensors[n] = j === 0 ? doc : f32));
    const dO = Float32Array.from({ length: shape.B * shape.H * shape.Q_LEN * shape.DV }, (_, i) => Math.sin(i));
    const g = (await loadTsKernel(code)).backward!(base.q, base.k, base.v, dO, tensors, shape);
    const want = names.slice(1);
    expect(Object.keys(g.dTensors).sort()).toEqual([...want].sort());
    expect(Object.getPrototypeOf(g.dTensors)).toBe(Object.prototype);
    // every f32 input enters the score as ±0.01 * NAME[h]: its gradient is ±0.01 Σ dL over the head's entries
    const first = g.dTensors[want[0]!]!;
    expect(Array.from(first).every((x) => Math.abs(x) > 1e-3), `${Array.from(first)}`).toBe(true);
    for (const [i, n] of want.entries()) {
      expect(Object.hasOwn(g.dTensors, n), n).toBe(true);
      expect(Array.from(g.dTensors[n]!).map((x) => x * (i % 2 ? -1 : 1)), n).toEqual(Array.from(first));
    }
  });

  it("comparisons of literal types type-check (TS2367) and keep their meaning", async () => {
    const sources = [
      "attention a { mask 3 != (q <= kv ? -1 : 64) }",
      "attention b { mask (q < kv ? 1 : 2) == (kv < h ? 3 : 4) }",
      "attention c { let x = q <= kv ? 1 : 2\n  mask x == 1 }",
      "attention d { mask (q < kv ? true : false) == (kv < 3 ? true : true) }",
      "attention e { mask !(q < kv ? true : true) == false }",
      "attention f { score (kv <= q ? 1.0 : 2.0) == -2.0 ? s : s * 0.5 }",
      // a comparison with NaN (TS2845 when printed as `=== NaN`; found by the fuzzer)
      "attention h { mask kv / 4 == (0.0 / 0.0) || kv <= q }",
      // a temporary narrowed through an aliased condition (found by the fuzzer)
      "attention g {\n  input sink: i32[B, Q_LEN]\n  input mode: i32[H]\n  let m = mode[h]\n  mask m == 0\n  mask m == 0 || (m == 2 && sink[b, kv] != 0)\n}",
    ];
    const modules: Record<string, string> = {};
    for (const [i, src] of sources.entries()) modules[`cmp${i}.ts`] = (await tsModule(src)).code;
    expect(modules["cmp0.ts"]).toContain("(3 as number) !== (q <= kv ? -1 : 64)");
    expect(typeCheck(modules)).toEqual([]);
    // `mask 3 != (q <= kv ? -1 : 64)` holds everywhere: the same as no mask
    const none = await run((await tsModule("attention n { }")).code, []);
    expect((await run(modules["cmp0.ts"]!, [])).o).toEqual(none.o);
  });
});
