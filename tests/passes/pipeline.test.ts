import { dimValues } from "../../compiler/ir/dims.js";
/**
 * The whole pipeline on every example and on random programs: the verifier runs after every pass,
 * and no pass changes the meaning (mask and score agree with the lowered program on random
 * points, evaluated by the IR interpreter).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lowerSource } from "../../compiler/pipeline.js";
import { PASSES } from "../../compiler/passes/index.js";
import { verifyProgram } from "../../compiler/ir/verify.js";
import { evalNode } from "../../compiler/ir/interp.js";
import type { AttnIR } from "../../compiler/ir/program.js";
import { printProgram } from "../../compiler/ir/printer.js";
import { genProgram } from "../arbitraries/program.js";
import { Rng } from "../arbitraries/rng.js";

function samePoints(a: AttnIR, b: AttnIR, seed: number): void {
  const rng = new Rng(seed);
  const sizes = { B: 2, H: 4, H_KV: 2, Q_LEN: 40, KV_LEN: 33, D: 8 };
  const tensors: Record<string, { data: number[]; dims: number[] }> = {};
  for (const i of a.inputs) {
    const dims = dimValues(i, sizes);
    const n = dims.reduce((x, y) => x * y, 1);
    tensors[i.name] = { dims, data: Array.from({ length: n }, () => (i.dtype === "i32" ? rng.int(-3, 40) : rng.normal())) };
  }
  for (let t = 0; t < 200; t++) {
    const vars = { ...sizes, b: rng.int(0, 1), h: rng.int(0, 3), q: rng.int(0, 39), kv: rng.int(0, 32), s: rng.normal() * 5 };
    const env = { vars, tensors };
    // the meaning of an entry: its score where visible, -inf where hidden (a hidden entry and
    // an entry scored -inf weigh the same, which is what fuse-mask-score relies on)
    const effective = (ir: AttnIR): number => ((evalNode(ir.mask, env) as boolean) ? (evalNode(ir.score, env) as number) : -Infinity);
    let ea: number;
    try {
      ea = effective(a);
    } catch {
      continue; // an out-of-bounds read in the original: the optimized program may drop it
    }
    const eb = effective(b);
    const same = Object.is(ea, eb) || Math.abs(ea - eb) <= 1e-12 * Math.max(1, Math.abs(ea));
    expect(same, `entry at ${JSON.stringify(vars)}: ${ea} became ${eb}`).toBe(true);
  }
}

function runAll(ir: AttnIR, seed: number): void {
  let cur = ir;
  verifyProgram(cur);
  for (const p of PASSES) {
    const next = p.run(cur, { verify: true });
    verifyProgram(next);
    try {
      samePoints(cur, next, seed);
    } catch (e) {
      throw new Error(`pass ${p.name} changed the meaning of\n${printProgram(cur)}\n-> ${printProgram(next)}\n${(e as Error).message}`);
    }
    cur = next;
  }
}

describe("pipeline", () => {
  it("every example: verifier after every pass, meaning preserved", () => {
    for (const f of readdirSync("examples").filter((x) => x.endsWith(".attn"))) {
      const src = readFileSync(`examples/${f}`, "utf8");
      for (const ir of lowerSource(src, f)) runAll(ir, f.length);
    }
  });

  it("random programs: verifier after every pass, meaning preserved", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const p = genProgram(seed * 7919);
      for (const ir of lowerSource(p.source, "gen.attn")) runAll(ir, seed);
    }
  });
});
