/**
 * `attnc viz` as a library: a picture of one (batch, head) slice of a mask — visible entries,
 * the tile grid coloured by class, labelled axes (kv across, q down) and a legend. This file
 * computes the picture (`renderMask`: plain data, no Node APIs, so it also runs in a browser:
 * playground/); viz-image.ts draws it as SVG text or PNG bytes.
 *
 * Contract:
 * - Up to `maxCells` (1024) entries per side, one cell per entry; beyond, one cell per s x s block
 *   of entries (s = ceil(max(Q_LEN, KV_LEN) / maxCells)), shaded by the share of visible entries
 *   in the block, and the picture says so. Cells are coloured by the class of the tile holding
 *   their centre. Counting uses the classes: entries are evaluated only in PARTIAL tiles.
 * - The SVG embeds the cell raster as a PNG image and draws grid, axes and text as vectors; the
 *   PNG draws everything into one raster (5x7 bitmap font, raster.ts).
 */
import type { Node } from "../ir/node.js";
import { classifyMask } from "./classify.js";
import { computeFacts } from "./facts.js";
import { jit } from "./jit.js";
import { type AnalyzeInput, sliceGrid, EMPTY, FULL, type SliceStats } from "./analyze.js";
import { Raster, type RGB } from "./raster.js";

export interface VizInput extends AnalyzeInput {
  b: number;
  h: number;
  title: string;
  maxCells?: number;
}

/** Colours: [hidden, visible] per class. */
export const COLORS: Record<number, [RGB, RGB]> = {
  [EMPTY]: [[246, 246, 246], [246, 246, 246]],
  [1]: [[253, 224, 181], [31, 78, 153]],
  [FULL]: [[200, 235, 200], [46, 125, 50]],
};
/** The legend of a picture: what each colour of the cells means. */
export const LEGEND: { color: RGB; label: string }[] = [
  { color: COLORS[FULL]![1], label: "visible, FULL tile (mask skipped)" },
  { color: COLORS[1]![1], label: "visible, PARTIAL tile (mask evaluated)" },
  { color: COLORS[1]![0], label: "hidden, PARTIAL tile" },
  { color: COLORS[EMPTY]![0], label: "EMPTY tile (never loaded)" },
];

export interface Picture {
  title: string;
  sub: string;
  cells: Raster; // one pixel per cell
  px: number; // screen pixels per cell
  blk: number; // entries per cell side
  qLen: number;
  kvLen: number;
  tile: { bq: number; bkv: number };
  stats: SliceStats;
}

export function renderMask(inp: VizInput): Picture {
  const cls = inp.classification ?? classifyMask(inp.mask, inp.inputs);
  const facts = computeFacts(cls.facts, inp.tensors);
  const grid = sliceGrid(inp, cls, facts, inp.b, inp.h, true);
  const { Q_LEN, KV_LEN } = inp.sizes;
  const { bq, bkv } = inp.tile;
  const blk = Math.max(1, Math.ceil(Math.max(Q_LEN, KV_LEN) / (inp.maxCells ?? 1024)));
  const nq = Math.ceil(Q_LEN / blk), nkv = Math.ceil(KV_LEN / blk);
  const fixed = { ...inp.sizes, ...facts, b: inp.b, h: inp.h };
  const m = jit([inp.mask as Node], { args: ["q", "kv"], fixed, tensors: inp.tensors });
  const cells = new Raster(nkv, nq);
  const cls0 = (q: number, kv: number) => grid.classes[Math.floor(q / bq) * grid.nkv + Math.floor(kv / bkv)]!;
  for (let ci = 0; ci < nq; ci++) {
    const q0 = ci * blk, q1 = Math.min(q0 + blk, Q_LEN);
    for (let cj = 0; cj < nkv; cj++) {
      const kv0 = cj * blk, kv1 = Math.min(kv0 + blk, KV_LEN);
      let vis = 0;
      for (let q = q0; q < q1; q++)
        for (let kv = kv0; kv < kv1; ) {
          const end = Math.min(kv1, (Math.floor(kv / bkv) + 1) * bkv);
          const c = cls0(q, kv);
          if (c === FULL) vis += end - kv;
          else if (c !== EMPTY) for (let x = kv; x < end; x++) if (m(q, x)) vis++;
          kv = end;
        }
      const f = vis / ((q1 - q0) * (kv1 - kv0));
      const [hid, shown] = COLORS[cls0(Math.min(Q_LEN - 1, q0 + (blk >> 1)), Math.min(KV_LEN - 1, kv0 + (blk >> 1)))]!;
      cells.fill(cj, ci, 1, 1, [0, 1, 2].map((k) => Math.round(hid[k]! + (shown[k]! - hid[k]!) * f)) as RGB);
    }
  }
  const px = Math.max(1, Math.min(8, Math.floor(640 / Math.max(nq, nkv))));
  const s = grid.stats;
  const sub = `Q_LEN=${Q_LEN} KV_LEN=${KV_LEN}  b=${inp.b} h=${inp.h}  tile ${bq}x${bkv}` + (blk > 1 ? `  (1 px = ${blk}x${blk} entries)` : "");
  return { title: inp.title, sub, cells, px, blk, qLen: Q_LEN, kvLen: KV_LEN, tile: inp.tile, stats: s };
}
