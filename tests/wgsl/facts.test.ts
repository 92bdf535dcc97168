/**
 * Run-time facts on the GPU: the document mask's classifier is exact when the doc ids are sorted
 * (fact `sorted_doc_1`), which the host checks before every dispatch with a small counting pass.
 * - `checkFacts` reports the fact for sorted ids, and not for ids unsorted in any batch row;
 * - one kernel reports unsorted, sorted, unsorted in turn (the counts are cleared per call: a stale
 *   "sorted" would skip visible tiles), and results match the oracle either way;
 * - with sorted ids a key tile of another document is never loaded: NaN in its v rows does not
 *   reach the rows of query tiles that lie in later documents (0 · NaN would, if it were visited).
 */
import { describe, expect, it } from "vitest";
import { createKernelWith } from "../../backends/wgsl/host-runtime.js";
import { specOf } from "../../backends/wgsl/spec.js";
import { runWgsl } from "../../backends/wgsl/run.js";
import { genData } from "../arbitraries/data.js";
import { check, irOf, planOf, readExample, TOL, useDawn } from "./helpers.js";
import { oracle } from "../oracle/oracle.js";

const dawn = useDawn();

const shape = { B: 2, H: 2, H_KV: 1, Q_LEN: 200, KV_LEN: 200, D: 16, DV: 8 };
const tile = { blockQ: 32, blockKV: 16, extra: { keysPerStep: 2 } };
const ir = irOf(readExample("document-causal.attn"), "document-causal.attn");
const sorted = Int32Array.from({ length: 2 * 200 }, (_, i) => Math.floor((i % 200) / (i < 200 ? 64 : 45)));
const unsorted = Int32Array.from(sorted, (x, i) => (i === 200 + 150 ? 0 : x)); // batch row 1 dips once

function upload(a: Float32Array | Int32Array): GPUBuffer {
  const b = dawn.gpu.device.createBuffer({ size: Math.max(4, a.byteLength), usage: 0x80 | 0x08 });
  dawn.gpu.device.queue.writeBuffer(b, 0, a.buffer, a.byteOffset, a.byteLength);
  return b;
}

describe("run-time facts on the GPU (wgsl)", () => {
  it("checkFacts sees sorted and unsorted doc ids", async () => {
    const plan = planOf(ir, tile);
    expect(plan.facts.map((f) => f.var)).toEqual(["sorted_doc_1"]);
    const kernel = await createKernelWith(specOf(plan), dawn.gpu.device, { headDim: 16, valueDim: 8 });
    const data = genData(3, shape, [], 1);
    const inputs = { doc: upload(unsorted) };
    const bufs = { q: upload(data.q), k: upload(data.k), v: upload(data.v), o: upload(new Float32Array(2 * 2 * 200 * 8)), lse: upload(new Float32Array(2 * 2 * 200)), inputs };
    // one kernel, unsorted then sorted: the counts are cleared before every check (and forward)
    expect(await kernel.checkFacts(bufs, shape)).toEqual([false]);
    inputs.doc = upload(sorted);
    expect(await kernel.checkFacts(bufs, shape)).toEqual([true]);
    inputs.doc = upload(unsorted);
    expect(await kernel.checkFacts(bufs, shape)).toEqual([false]);
    for (const b of [bufs.q, bufs.k, bufs.v, bufs.o, bufs.lse, inputs.doc]) b.destroy();
  });

  it("matches the oracle with sorted ids, then unsorted ids, then sorted again", async () => {
    const plan = planOf(ir, tile);
    const base = genData(4, shape, [], 1);
    for (const doc of [sorted, unsorted, sorted]) {
      const data = { ...base, tensors: { doc }, sizes: shape };
      const out = await runWgsl(plan, data, { gpu: dawn.gpu });
      const e = check(ir, data, out.o, out.lse);
      expect(e.maxRelO, e.worst).toBeLessThanOrEqual(TOL);
      expect(e.maxRelLse, e.worst).toBeLessThanOrEqual(TOL);
    }
  });

  it("never loads a key tile of an earlier document when the ids are sorted", async () => {
    const base = genData(5, shape, [], 1);
    const v = Float32Array.from(base.v);
    for (let b = 0; b < 2; b++) for (let j = 0; j < 32; j++) for (let c = 0; c < 8; c++) v[(b * 200 + j) * 8 + c] = Number.NaN; // keys 0..31: doc 0
    const data = { ...base, v, tensors: { doc: sorted }, sizes: shape };
    const out = await runWgsl(planOf(ir, tile), data, { gpu: dawn.gpu });
    // rows of documents >= 1 whose query tile starts at 64 or later: finite and right
    for (let b = 0; b < 2; b++)
      for (let h = 0; h < 2; h++)
        for (let i = 64; i < 200; i++)
          for (let c = 0; c < 8; c++) expect(Number.isNaN(out.o[((b * 2 + h) * 200 + i) * 8 + c]!), `b${b} h${h} q${i}`).toBe(false);
    // and right (rows of tiles that do load doc 0's keys get 0 · NaN: v must be finite, as the docs say)
    const ref = oracle(ir, data, shape);
    for (let r = 0; r < 4; r++)
      for (let i = 64; i < 200; i++)
        for (let c = 0; c < 8; c++) {
          const at = (r * 200 + i) * 8 + c;
          expect(Math.abs(out.o[at]! - ref.o[at]!) / ref.mass[at]!).toBeLessThanOrEqual(TOL);
        }
  });
});
