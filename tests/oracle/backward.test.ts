/**
 * The backward oracle (backward.ts) against finite differences of the forward oracle itself: for
 * the loss Σ o · dO, central differences in float64 on every element of q, k, v and the float
 * tensors, on programs whose scores are smooth at the sampled points (every op the derivative
 * rules cover: tanh softcap, ALiBi slopes, a bias table, sigmoid, exp/log/sqrt/pow, division,
 * select, min/max, abs), GQA and Q_LEN ≠ KV_LEN, and rows with nothing visible.
 */
import { describe, expect, it } from "vitest";
import { lowerSource } from "../../compiler/pipeline.js";
import { Rng } from "../arbitraries/rng.js";
import { oracle, type AttnData } from "./oracle.js";
import { oracleBackward } from "./backward.js";
import type { Sizes } from "../../compiler/ir/program.js";
import { SMOOTH_PROGRAMS } from "./smooth-programs.js";

function randomData(seed: number, sizes: Sizes, tensors: Record<string, (s: Sizes) => number>): AttnData {
  const rng = new Rng(seed);
  const r = (n: number, sc = 1) => Float64Array.from({ length: n }, () => rng.normal() * sc);
  const t: Record<string, Float64Array> = {};
  for (const [name, n] of Object.entries(tensors)) t[name] = r(n(sizes), 0.7);
  const { B, H, H_KV, Q_LEN, KV_LEN, D, DV } = sizes;
  return { q: r(B * H * Q_LEN * D), k: r(B * H_KV * KV_LEN * D), v: r(B * H_KV * KV_LEN * DV), tensors: t };
}

const relL2 = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
};

describe("backward oracle vs finite differences of the forward oracle", () => {
  const sizes: Sizes = { B: 1, H: 4, H_KV: 2, Q_LEN: 7, KV_LEN: 9, D: 3, DV: 2 };
  for (const [n, p] of SMOOTH_PROGRAMS.entries()) {
    it(p.id, () => {
      const [ir] = lowerSource(p.source, `${p.id}.attn`);
      const data = randomData(100 + n, sizes, p.tensors);
      const dO = (randomData(200 + n, sizes, {}).q as Float64Array).slice(0, sizes.B * sizes.H * sizes.Q_LEN * sizes.DV);
      const loss = (d: AttnData) => {
        const o = oracle(ir!, d, sizes).o;
        let x = 0;
        for (let i = 0; i < o.length; i++) x += o[i]! * dO[i]!;
        return x;
      };
      const g = oracleBackward(ir!, data, dO, sizes);
      const eps = 1e-6;
      const numeric = (arr: Float64Array) =>
        Float64Array.from(arr, (x, i) => {
          arr[i] = x + eps;
          const up = loss(data);
          arr[i] = x - eps;
          const down = loss(data);
          arr[i] = x;
          return (up - down) / (2 * eps);
        });
      const checks: [string, Float64Array, Float64Array][] = [
        ["dq", g.dq, numeric(data.q as Float64Array)],
        ["dk", g.dk, numeric(data.k as Float64Array)],
        ["dv", g.dv, numeric(data.v as Float64Array)],
        ...Object.keys(p.tensors).map((t): [string, Float64Array, Float64Array] => [`d_${t}`, g.dTensors[t]!, numeric(data.tensors[t] as Float64Array)]),
      ];
      for (const [name, analytic, fd] of checks) {
        expect(fd.some((x) => Math.abs(x) > 1e-3), `${p.id} ${name} is not trivially zero`).toBe(true);
        expect(relL2(analytic, fd), `${p.id} ${name}`).toBeLessThan(1e-6);
      }
    });
  }

  it("rows with nothing visible and masked keys get exactly zero gradients", () => {
    const [ir] = lowerSource("attention a { mask q >= 2 && kv < q }", "e.attn");
    const data = randomData(7, sizes, {});
    const dO = new Float64Array(sizes.B * sizes.H * sizes.Q_LEN * sizes.DV).fill(1);
    const g = oracleBackward(ir!, data, dO, sizes);
    // rows 0, 1 see nothing: their dq is 0; keys >= Q_LEN - 1 = 6 are seen by nobody: dk, dv 0
    for (let h = 0; h < sizes.H; h++) for (const i of [0, 1]) for (let d = 0; d < sizes.D; d++) expect(g.dq[(h * sizes.Q_LEN + i) * sizes.D + d]).toBe(0);
    for (let h = 0; h < sizes.H_KV; h++) for (const j of [6, 7, 8]) for (let c = 0; c < sizes.DV; c++) expect(g.dv[(h * sizes.KV_LEN + j) * sizes.DV + c]).toBe(0);
  });
});
