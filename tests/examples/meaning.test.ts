/**
 * Each example means what its header says: the lowered mask (and score, where the example has
 * one) is evaluated by the IR interpreter on every (b, h, q, kv) of small shapes, with small
 * param overrides, and compared with a reference written independently in JavaScript from the
 * published definition — NATTEN's own window-start routine, Swin's roll + region mask,
 * PowerAttention's bit test, and so on — rather than from the example's own formula. An example
 * with a sink has its sink logit checked per row the same way, and one without has none; its
 * normalizer is the case's.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { lowerSource } from "../../compiler/pipeline.js";
import { evalNode } from "../../compiler/ir/interp.js";
import { CASES, type Vars } from "./cases.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples");

describe.each(CASES.map((c) => [c.file, JSON.stringify(c.params ?? {}), c] as const))("examples/%s.attn %s", (file, _p, c) => {
  test("mask and score match the reference", () => {
    const source = readFileSync(join(dir, `${file}.attn`), "utf8");
    const [ir] = lowerSource(source, `examples/${file}.attn`, { params: c.params ?? {} });
    const base = { B: 2, H: 4, H_KV: 2, Q_LEN: 24, KV_LEN: 24, D: 8, ...c.sizes };
    const z0: Vars = { b: 0, h: 0, q: 0, kv: 0, ...base };
    const tensors = c.inputs?.(z0) ?? {};
    const flat = Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, Array.from(t.data)]));
    const bad: string[] = [];
    let visible = 0;
    for (let b = 0; b < base.B; b++)
      for (let h = 0; h < base.H; h++)
        for (let q = 0; q < base.Q_LEN; q++)
          for (let kv = 0; kv < base.KV_LEN; kv++) {
            const z: Vars = { ...base, b, h, q, kv };
            const got = evalNode(ir!.mask, { vars: { ...z }, tensors }) as boolean;
            const want = c.mask(z, flat);
            if (got !== want && bad.length < 5) bad.push(`mask at b=${b} h=${h} q=${q} kv=${kv}: got ${got}, want ${want}`);
            if (!got || !c.score) continue;
            visible++;
            const s = ((q * 7 + kv * 3 + h) % 11) / 4 - 1.2;
            const l = evalNode(ir!.score, { vars: { ...z, s }, tensors }) as number;
            const ref = c.score({ ...z, s }, flat);
            if (!(l === ref || Math.abs(l - ref) <= 1e-9 * Math.max(1, Math.abs(ref))) && bad.length < 5) {
              bad.push(`score at b=${b} h=${h} q=${q} kv=${kv}: got ${l}, want ${ref}`);
            }
          }
    expect(ir!.sink !== undefined, "the example has a sink exactly when its case does").toBe(c.sink !== undefined);
    expect(ir!.normalize, "the example's normalizer").toBe(c.normalize ?? "softmax");
    if (c.sink && ir!.sink) {
      for (let b = 0; b < base.B; b++)
        for (let h = 0; h < base.H; h++)
          for (let q = 0; q < base.Q_LEN; q++) {
            const z: Vars = { ...base, b, h, q, kv: 0 };
            const got = evalNode(ir!.sink, { vars: { ...z }, tensors }) as number;
            const want = c.sink(z, flat);
            if (got !== want && bad.length < 5) bad.push(`sink at b=${b} h=${h} q=${q}: got ${got}, want ${want}`);
          }
    }
    expect(bad).toEqual([]);
    if (c.score) expect(visible).toBeGreaterThan(0);
  });
});
