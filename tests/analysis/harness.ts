/**
 * Brute-force checker for the tile classifier: evaluates the mask on every entry of every tile
 * (through compiler/analysis/jit.ts, itself checked against the IR interpreter in jit.test.ts) and
 * compares with the classifier IR evaluated per tile.
 *
 * `checkCase(c, mode)` returns null when fine, else a message: mode "sound" checks
 * EMPTY => no visible entry, FULL => no hidden entry, and the kv range; "exact" also checks that
 * no tile called PARTIAL is really empty or full; "claimed" is "exact" where the classifier says it
 * is provably exact (`exact.any && exact.all`), else "sound". `tightRange` also requires a kvRange
 * equal (clamped to [0, KV_LEN)) to the hull of the visible keys of each query tile's rows.
 */
import type { Tensor } from "../../compiler/ir/interp.js";
import type { Node } from "../../compiler/ir/node.js";
import type { InputDecl, Sizes } from "../../compiler/ir/program.js";
import { printNode } from "../../compiler/ir/printer.js";
import { classifyMask } from "../../compiler/analysis/classify.js";
import { computeFacts } from "../../compiler/analysis/facts.js";
import { jit } from "../../compiler/analysis/jit.js";

/** the sizes of a mask-only case (no v, so no DV) */
export type SizesNoDv = Omit<Sizes, "DV">;

export interface Case {
  mask: Node;
  inputs: InputDecl[];
  sizes: SizesNoDv;
  tensors: Record<string, Tensor>;
  bq: number;
  bkv: number;
}

export function checkCase(c: Case, mode: "sound" | "exact" | "claimed", tightRange = false): string | null {
  const cls = classifyMask(c.mask, c.inputs);
  if (mode === "claimed") mode = cls.exact.any && cls.exact.all ? "exact" : "sound";
  const facts = computeFacts(cls.facts, c.tensors);
  const { Q_LEN, KV_LEN } = c.sizes;
  const grid = new Uint8Array(Q_LEN * KV_LEN);
  const where = () => `mask ${printNode(c.mask)}\nsizes ${JSON.stringify(c.sizes)} tile ${c.bq}x${c.bkv} facts ${JSON.stringify(facts)}`;
  for (let b = 0; b < c.sizes.B; b++)
    for (let h = 0; h < c.sizes.H; h++) {
      const fixed = { ...c.sizes, ...facts, b, h };
      const m = jit([c.mask], { args: ["q", "kv"], fixed, tensors: c.tensors });
      for (let q = 0; q < Q_LEN; q++) for (let kv = 0; kv < KV_LEN; kv++) grid[q * KV_LEN + kv] = m(q, kv) ? 1 : 0;
      const k = jit([cls.classify.anyVisible, cls.classify.allVisible], {
        args: ["qlo", "qhi", "kvlo", "kvhi"],
        fixed,
        tensors: c.tensors,
      });
      const range = cls.kvRange ? jit([cls.kvRange.lo, cls.kvRange.hi], { args: ["qlo", "qhi"], fixed, tensors: c.tensors }) : null;
      for (let q0 = 0; q0 < Q_LEN; q0 += c.bq) {
        const q1 = Math.min(q0 + c.bq, Q_LEN) - 1;
        const [lo, hi] = range ? (range(q0, q1) as number[]) : [0, KV_LEN - 1];
        if (tightRange) {
          if (!range) return `no kvRange\n${where()}`;
          let vlo = Infinity, vhi = -Infinity;
          for (let q = q0; q <= q1; q++)
            for (let kv = 0; kv < KV_LEN; kv++) if (grid[q * KV_LEN + kv]) [vlo, vhi] = [Math.min(vlo, kv), Math.max(vhi, kv)];
          const [clo, chi] = [Math.max(lo!, 0), Math.min(hi!, KV_LEN - 1)];
          if (vlo <= vhi && (clo !== vlo || chi !== vhi)) return `kvRange [${lo}, ${hi}] is not the hull [${vlo}, ${vhi}] of rows [${q0}, ${q1}]\n${where()}`;
        }
        for (let kv0 = 0; kv0 < KV_LEN; kv0 += c.bkv) {
          const kv1 = Math.min(kv0 + c.bkv, KV_LEN) - 1;
          let vis = 0;
          for (let q = q0; q <= q1; q++)
            for (let kv = kv0; kv <= kv1; kv++)
              if (grid[q * KV_LEN + kv]) {
                vis++;
                if (kv < lo! || kv > hi!) return `b=${b} h=${h} visible (${q}, ${kv}) outside kvRange [${lo}, ${hi}]\n${where()}`;
              }
          const [any, all] = k(q0, q1, kv0, kv1) as boolean[];
          const bad = tileVerdict({ q0, q1, kv0, kv1 }, `b=${b} h=${h}`, vis, any!, all!, mode);
          if (bad) return `${bad}\n${where()}`;
        }
      }
    }
  return null;
}

/** A tile given by its inclusive bounds. */
export interface TileBox {
  q0: number;
  q1: number;
  kv0: number;
  kv1: number;
}

/** What is wrong with the classes `any` / `all` of a tile with `vis` visible entries, or null. */
function tileVerdict(t: TileBox, at: string, vis: number, any: boolean, all: boolean, mode: "sound" | "exact"): string | null {
  const area = (t.q1 - t.q0 + 1) * (t.kv1 - t.kv0 + 1);
  const tile = `${at} tile q[${t.q0},${t.q1}] kv[${t.kv0},${t.kv1}] visible ${vis}/${area} any=${any} all=${all}`;
  if (!any && vis > 0) return `unsound EMPTY: ${tile}`;
  if (all && vis < area) return `unsound FULL: ${tile}`;
  if (mode === "exact" && any && vis === 0) return `inexact (really EMPTY): ${tile}`;
  if (mode === "exact" && !all && vis === area) return `inexact (really FULL): ${tile}`;
  return null;
}

/**
 * The same checks as `checkCase` ("sound", and the kv range) on a few given tiles only, so that
 * sizes up to MAX_SIZE can be checked without a Q_LEN x KV_LEN grid (masks without tensor reads).
 */
export function checkTiles(mask: Node, sizes: SizesNoDv, tiles: TileBox[]): string | null {
  const cls = classifyMask(mask, []);
  const where = () => `mask ${printNode(mask)}\nsizes ${JSON.stringify(sizes)}`;
  for (let b = 0; b < sizes.B; b++)
    for (let h = 0; h < sizes.H; h++) {
      const fixed = { ...sizes, b, h };
      const m = jit([mask], { args: ["q", "kv"], fixed, tensors: {} });
      const k = jit([cls.classify.anyVisible, cls.classify.allVisible], { args: ["qlo", "qhi", "kvlo", "kvhi"], fixed, tensors: {} });
      const range = cls.kvRange ? jit([cls.kvRange.lo, cls.kvRange.hi], { args: ["qlo", "qhi"], fixed, tensors: {} }) : null;
      for (const { q0, q1, kv0, kv1 } of tiles) {
        const [lo, hi] = range ? (range(q0, q1) as number[]) : [0, sizes.KV_LEN - 1];
        let vis = 0;
        for (let q = q0; q <= q1; q++)
          for (let kv = kv0; kv <= kv1; kv++)
            if (m(q, kv)) {
              vis++;
              if (kv < lo! || kv > hi!) return `b=${b} h=${h} visible (${q}, ${kv}) outside kvRange [${lo}, ${hi}]\n${where()}`;
            }
        const [any, all] = k(q0, q1, kv0, kv1) as boolean[];
        const bad = tileVerdict({ q0, q1, kv0, kv1 }, `b=${b} h=${h}`, vis, any!, all!, "sound");
        if (bad) return `${bad}\n${where()}`;
      }
    }
  return null;
}
