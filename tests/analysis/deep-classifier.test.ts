/**
 * Regression (found by the soundness property at 1535 runs): for this mask the classifier's
 * case splits build a formula thousands of nodes deep before its size is checked, and the
 * recursive `topo` overflowed the stack. `topo` is iterative now; the classifier falls back to a
 * smaller normal form, which must still be sound (brute force over every tile).
 *   mask: min(q / -2, 0 - (kv < q ? h : kv)) == (kv - s[b, q]) % 2 + q
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { mk, topo, type Node } from "../../compiler/ir/node.js";
import { checkCase, type Case } from "./harness.js";

interface J { op: string; type: string; args: J[]; attr: unknown }

test("a classifier built thousands of nodes deep is measured without overflowing, and is sound", () => {
  const raw = JSON.parse(readFileSync(new URL("./fixtures/deep-classifier.json", import.meta.url), "utf8"));
  const build = (j: J): Node => mk(j.op as Node["op"], j.type as Node["type"], j.args.map(build), j.attr as Node["attr"]);
  const tensors = Object.fromEntries(Object.entries(raw.tensors as Record<string, { data: number[]; dims: number[] }>).map(([k, t]) => [k, { data: Int32Array.from(t.data), dims: t.dims }]));
  const c: Case = { ...raw, mask: build(raw.mask), tensors };
  expect(checkCase(c, "claimed")).toBeNull();
  for (const [Q, KV, bq, bkv] of [[40, 37, 4, 5], [9, 70, 3, 16]]) {
    const sizes = { ...c.sizes, Q_LEN: Q, KV_LEN: KV, H: 3 };
    const s = Int32Array.from({ length: Q }, (_, i) => ((i * 7919) % 13) - 6);
    expect(checkCase({ ...c, sizes, bq, bkv, tensors: { ...tensors, s: { data: s, dims: [1, Q] } } }, "sound")).toBeNull();
  }
  // and topo itself copes with a chain far deeper than the JS stack
  let chain: Node = mk("var", "int", [], { name: "q" });
  for (let i = 0; i < 200_000; i++) chain = mk("neg", "int", [chain]);
  expect(topo([chain]).length).toBe(200_001);
});
