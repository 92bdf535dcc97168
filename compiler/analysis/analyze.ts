/**
 * `attnc analyze` as a library: tile classes, exact mask density and the kernel's share of work,
 * per (batch, head) slice, for given lengths and tile shape.
 *
 * Contract:
 * - Classes come from the classifier IR (classify.ts) evaluated once per tile (O(tiles)), after
 *   the closed-form kv range when the plan has one: a tile outside it is EMPTY, as in the kernels.
 * - `visible` is an exact count: FULL tiles count their area, EMPTY tiles 0, and the entries of
 *   PARTIAL tiles are evaluated one by one. The same pass counts `misclassified`: tiles called
 *   PARTIAL that are really empty or full (0 whenever the classifier is exact for the mask).
 * - `workShare` = Σ area of visited (non-EMPTY) tiles / (Q_LEN × KV_LEN): the kernel's work versus
 *   dense attention; `maskShare` the same for PARTIAL tiles only (where the mask is evaluated).
 * - Slices: every b only when the mask reads b, every h only when it reads h (others give the same
 *   numbers); `sizes` supplies B and H. Tensors the mask reads must be given.
 * - `wraps` and `fallback` say where the classifier is coarse on purpose (to stay sound or within
 *   its budget): the CLI prints them as notes.
 */
import type { Tensor } from "../ir/interp.js";
import { infix } from "../ir/infix.js";
import { freeVars, type Node } from "../ir/node.js";
import type { InputDecl, Sizes } from "../ir/program.js";
import { classifyMask, type Classification } from "./classify.js";
import { computeFacts } from "./facts.js";
import { jit } from "./jit.js";

export const EMPTY = 0, PARTIAL = 1, FULL = 2;

export interface TileCounts {
  empty: number;
  full: number;
  partial: number;
}

export interface SliceStats {
  b: number;
  h: number;
  tiles: TileCounts;
  visible: number;
  visitedArea: number;
  maskedArea: number;
  misclassified: number;
}

export interface Analysis {
  sizes: Omit<Sizes, "DV">;
  tile: { bq: number; bkv: number };
  tiles: TileCounts;
  density: number;
  workShare: number;
  maskShare: number;
  misclassified: number;
  slices: SliceStats[];
  byBatch: boolean;
  byHead: boolean;
  facts: Record<string, boolean>;
  hasKvRange: boolean;
  classifierExact: { any: boolean; all: boolean };
  /** mask sub-expressions (infix text) the classifier could not prove free of 32-bit wrap */
  wraps: string[];
  /** why the classifier fell back to a coarser form or to every tile PARTIAL (classify.ts) */
  fallback: string | null;
  /** why the closed-form key range was dropped (its size), or null */
  rangeDropped: string | null;
}

export interface AnalyzeInput {
  mask: Node;
  inputs: InputDecl[];
  sizes: Omit<Sizes, "DV">;
  tile: { bq: number; bkv: number };
  tensors: Record<string, Tensor>;
  /** a precomputed classification of `mask` (else computed here) */
  classification?: Classification;
}

/** One slice's tile grid: classes (row-major, q tiles x kv tiles) and, optionally, counts. */
export interface SliceGrid {
  nq: number;
  nkv: number;
  classes: Uint8Array;
  stats: SliceStats;
}

export function sliceGrid(inp: AnalyzeInput, cls: Classification, facts: Record<string, boolean>, b: number, h: number, count = true): SliceGrid {
  const { Q_LEN, KV_LEN } = inp.sizes;
  const { bq, bkv } = inp.tile;
  const fixed = { ...inp.sizes, ...facts, b, h };
  const k = jit([cls.classify.anyVisible, cls.classify.allVisible], { args: ["qlo", "qhi", "kvlo", "kvhi"], fixed, tensors: inp.tensors });
  const range = cls.kvRange ? jit([cls.kvRange.lo, cls.kvRange.hi], { args: ["qlo", "qhi"], fixed, tensors: inp.tensors }) : null;
  const m = count ? jit([inp.mask], { args: ["q", "kv"], fixed, tensors: inp.tensors }) : null;
  const nq = Math.ceil(Q_LEN / bq), nkv = Math.ceil(KV_LEN / bkv);
  const classes = new Uint8Array(nq * nkv);
  const st: SliceStats = { b, h, tiles: { empty: 0, full: 0, partial: 0 }, visible: 0, visitedArea: 0, maskedArea: 0, misclassified: 0 };
  for (let i = 0; i < nq; i++) {
    const q0 = i * bq, q1 = Math.min(q0 + bq, Q_LEN) - 1;
    let jlo = 0, jhi = nkv - 1;
    if (range) {
      const [lo, hi] = range(q0, q1) as number[];
      jlo = Math.max(0, Math.floor(Math.max(lo!, 0) / bkv));
      jhi = hi! < 0 ? -1 : Math.min(nkv - 1, Math.floor(hi! / bkv));
    }
    for (let j = 0; j < nkv; j++) {
      const kv0 = j * bkv, kv1 = Math.min(kv0 + bkv, KV_LEN) - 1;
      const area = (q1 - q0 + 1) * (kv1 - kv0 + 1);
      let c = EMPTY;
      if (j >= jlo && j <= jhi) {
        const [any, all] = k(q0, q1, kv0, kv1) as boolean[];
        c = all ? FULL : any ? PARTIAL : EMPTY;
      }
      classes[i * nkv + j] = c;
      if (c === EMPTY) st.tiles.empty++;
      else if (c === FULL) {
        st.tiles.full++;
        st.visible += area;
        st.visitedArea += area;
      } else {
        st.tiles.partial++;
        st.visitedArea += area;
        st.maskedArea += area;
        if (m) {
          let n = 0;
          for (let q = q0; q <= q1; q++) for (let kv = kv0; kv <= kv1; kv++) if (m(q, kv)) n++;
          st.visible += n;
          if (n === 0 || n === area) st.misclassified++;
        }
      }
    }
  }
  return { nq, nkv, classes, stats: st };
}

export function analyzeTiles(inp: AnalyzeInput): Analysis {
  const cls = inp.classification ?? classifyMask(inp.mask, inp.inputs);
  const facts = computeFacts(cls.facts, inp.tensors);
  const fv = freeVars(inp.mask);
  const byBatch = fv.has("b"), byHead = fv.has("h");
  const slices: SliceStats[] = [];
  for (let b = 0; b < (byBatch ? inp.sizes.B : 1); b++)
    for (let h = 0; h < (byHead ? inp.sizes.H : 1); h++) slices.push(sliceGrid(inp, cls, facts, b, h).stats);
  const tiles = { empty: 0, full: 0, partial: 0 };
  let visible = 0, visited = 0, masked = 0, mis = 0;
  for (const s of slices) {
    tiles.empty += s.tiles.empty;
    tiles.full += s.tiles.full;
    tiles.partial += s.tiles.partial;
    visible += s.visible;
    visited += s.visitedArea;
    masked += s.maskedArea;
    mis += s.misclassified;
  }
  const denom = slices.length * inp.sizes.Q_LEN * inp.sizes.KV_LEN;
  return {
    sizes: inp.sizes,
    tile: inp.tile,
    tiles,
    density: visible / denom,
    workShare: visited / denom,
    maskShare: masked / denom,
    misclassified: mis,
    slices,
    byBatch,
    byHead,
    facts,
    hasKvRange: cls.kvRange !== undefined,
    classifierExact: cls.exact,
    wraps: cls.wraps.map((n) => infix(n)),
    fallback: cls.fallback ?? null,
    rangeDropped: cls.rangeDropped ?? null,
  };
}
