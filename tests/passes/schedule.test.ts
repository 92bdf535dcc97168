/** The scheduler hoists per-head and per-row values, but never a read the language might not make. */
import { describe, expect, it } from "vitest";
import { schedule } from "../../compiler/plan/schedule.js";
import { printNode } from "../../compiler/ir/printer.js";
import { constValue } from "../../compiler/ir/node.js";
import { optimize } from "../../compiler/pipeline.js";
import { lowered } from "./util.js";

function sched(body: string, speculative = false) {
  const ir = optimize(lowered(body));
  const s = schedule(ir.mask, ir.score, constValue(ir.mask) === true, ir.inputs, speculative);
  return {
    hoisted: s.values.map((v) => `${v.level} ${printNode(v.node).replace("root = ", "")}`),
    columns: s.columns.map((v) => `${v.level} ${printNode(v.node).replace("root = ", "")}`),
    maskTemps: s.maskTemps.length,
    scoreTemps: s.scoreTemps.length,
  };
}

describe("schedule", () => {
  it("hoists in-bounds reads and per-row arithmetic", () => {
    const r = sched(`input slopes: f32[H]\n mask kv <= q\n score s - slopes[h] * float(q * q - kv)`);
    expect(r.hoisted).toEqual(["head slopes[h] : float", "row mul(q, q) : int"]);
  });

  it("keeps a read that may be out of bounds inside the mask guard (TS checks bounds)", () => {
    const r = sched(`input bias: f32[Q_LEN]\n mask q >= 5\n score s + bias[q - 5]`);
    // the row-level mask and the index arithmetic move out; the read does not
    expect(r.hoisted).toEqual(["row le(5, q) : bool", "row sub(q, 5) : int"]);
    // a target that clamps every index may evaluate it speculatively
    expect(sched(`input bias: f32[Q_LEN]\n mask q >= 5\n score s + bias[q - 5]`, true).hoisted).toEqual([
      "row le(5, q) : bool",
      "row bias[sub(q, 5)] : float",
    ]);
  });

  it("lists the reads of one key column (kv but not q or s) that may be read for every key", () => {
    const doc = `input doc: i32[B, Q_LEN]\n mask doc[b, q] == doc[b, kv] && kv <= q`;
    expect(sched(doc).columns).toEqual(["col doc[b, kv] : int"]);
    expect(sched(doc).hoisted).toEqual(["row doc[b, q] : int"]); // the row value is unchanged
    // a read under a lazy operand that may be out of bounds is not one (unless the target clamps)
    const lazy = `input t: i32[KV_LEN]\n mask kv < 3 || t[kv - 3] > 0`;
    expect(sched(lazy).columns).toEqual([]);
    expect(sched(lazy, true).columns).toEqual(["col t[sub(kv, 3)] : int"]);
    // a read that also depends on q is per element
    expect(sched(`input t: f32[Q_LEN, KV_LEN]\n score s + t[q, kv]`, true).columns).toEqual([]);
  });

  it("never makes a temporary of a lazily evaluated operand", () => {
    const r = sched(`input t: i32[KV_LEN]\n mask kv < 3 || t[kv - 3] == t[kv - 3] + 0 * kv`);
    expect(r.maskTemps).toBe(0);
  });

  it("shares strict per-entry subexpressions", () => {
    const r = sched(`mask (q - kv) * (q - kv) < 9 && (q - kv) >= 0`);
    expect(r.maskTemps).toBe(1);
  });
});
