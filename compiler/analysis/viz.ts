/**
 * `attnc viz` as a library: a picture of one (batch, head) slice of a mask — visible entries,
 * the tile grid coloured by class, labelled axes (kv across, q down) and a legend — as SVG text
 * or PNG bytes.
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
import { Raster, type RGB, textWidth } from "./raster.js";

export interface VizInput extends AnalyzeInput {
  b: number;
  h: number;
  title: string;
  maxCells?: number;
}

/** Colours: [hidden, visible] per class. */
const COLORS: Record<number, [RGB, RGB]> = {
  [EMPTY]: [[246, 246, 246], [246, 246, 246]],
  [1]: [[253, 224, 181], [31, 78, 153]],
  [FULL]: [[200, 235, 200], [46, 125, 50]],
};
const GRID: RGB = [150, 150, 150];
const INK: RGB = [20, 20, 20];

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

function niceStep(len: number): number {
  const raw = len / 6;
  const p = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  for (const k of [1, 2, 5, 10]) if (k * p >= raw) return k * p;
  return 10 * p;
}

interface Layout {
  W: number;
  H: number;
  x0: number;
  y0: number;
  w: number;
  h: number;
  legend: { color: RGB; label: string }[];
  stats: string;
}

function layout(p: Picture): Layout {
  const w = p.cells.width * p.px, h = p.cells.height * p.px;
  const x0 = 80, y0 = 84;
  const s = p.stats;
  const area = p.qLen * p.kvLen;
  const stats = `tiles: ${s.tiles.empty} empty, ${s.tiles.full} full, ${s.tiles.partial} partial   density ${(s.visible / area).toFixed(4)}   work ${((100 * s.visitedArea) / area).toFixed(1)}% of dense`;
  const legend = [
    { color: COLORS[FULL]![1], label: "visible, FULL tile (mask skipped)" },
    { color: COLORS[1]![1], label: "visible, PARTIAL tile (mask evaluated)" },
    { color: COLORS[1]![0], label: "hidden, PARTIAL tile" },
    { color: COLORS[EMPTY]![0], label: "EMPTY tile (never loaded)" },
  ];
  const textW = Math.max(textWidth(p.title), textWidth(p.sub), textWidth(stats), 340);
  const W = Math.max(x0 + w + 24, textW + 24);
  const H = y0 + h + 24 + 22 * (legend.length + 1) + 10;
  return { W, H, x0, y0, w, h, legend, stats };
}

function ticks(len: number): number[] {
  const st = niceStep(len);
  const out: number[] = [];
  for (let t = 0; t < len; t += st) out.push(t);
  return out;
}

export function pictureToPng(p: Picture): Uint8Array {
  const L = layout(p);
  const r = new Raster(L.W, L.H);
  r.text(p.title, 12, 8, INK);
  r.text(p.sub, 12, 28, INK);
  const big = new Raster(L.w, L.h);
  for (let j = 0; j < p.cells.height; j++)
    for (let i = 0; i < p.cells.width; i++) {
      const o = (j * p.cells.width + i) * 4;
      big.fill(i * p.px, j * p.px, p.px, p.px, [p.cells.data[o]!, p.cells.data[o + 1]!, p.cells.data[o + 2]!]);
    }
  r.blit(big, L.x0, L.y0);
  gridLines(p, (x, y, w, h) => r.fill(L.x0 + x, L.y0 + y, w, h, GRID));
  r.fill(L.x0 - 1, L.y0 - 1, L.w + 2, 1, INK);
  r.fill(L.x0 - 1, L.y0 + L.h, L.w + 2, 1, INK);
  r.fill(L.x0 - 1, L.y0 - 1, 1, L.h + 2, INK);
  r.fill(L.x0 + L.w, L.y0 - 1, 1, L.h + 2, INK);
  r.text("kv ->", L.x0, 50, INK);
  for (const t of ticks(p.kvLen)) {
    const x = L.x0 + (t / p.blk) * p.px;
    r.fill(x, L.y0 - 5, 1, 4, INK);
    r.text(String(t), x, L.y0 - 18, INK, 1);
  }
  r.text("q", 16, L.y0 + 20, INK);
  r.text("|", 16, L.y0 + 36, INK);
  r.text("v", 16, L.y0 + 48, INK);
  for (const t of ticks(p.qLen)) {
    const y = L.y0 + (t / p.blk) * p.px;
    r.fill(L.x0 - 5, y, 4, 1, INK);
    r.text(String(t), L.x0 - 8 - textWidth(String(t), 1), y - 3, INK, 1);
  }
  let y = L.y0 + L.h + 16;
  r.text(L.stats, 12, y, INK);
  for (const it of L.legend) {
    y += 22;
    r.fill(12, y, 16, 16, INK);
    r.fill(13, y + 1, 14, 14, it.color);
    r.text(it.label, 36, y + 2, INK);
  }
  return r.encodePng();
}

/** Tile boundaries (in picture pixels), when tiles are at least 6 pixels wide. */
function gridLines(p: Picture, line: (x: number, y: number, w: number, h: number) => void): void {
  const w = p.cells.width * p.px, h = p.cells.height * p.px;
  const tq = (p.tile.bq / p.blk) * p.px, tkv = (p.tile.bkv / p.blk) * p.px;
  if (tkv >= 6) for (let x = tkv; x < w; x += tkv) line(Math.round(x), 0, 1, h);
  if (tq >= 6) for (let y = tq; y < h; y += tq) line(0, Math.round(y), w, 1);
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const rgb = (c: RGB) => `rgb(${c[0]},${c[1]},${c[2]})`;

export function pictureToSvg(p: Picture): string {
  const L = layout(p);
  const png = Buffer.from(p.cells.encodePng()).toString("base64");
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${L.W}" height="${L.H}" viewBox="0 0 ${L.W} ${L.H}" font-family="monospace" font-size="13">`);
  out.push(`<rect width="${L.W}" height="${L.H}" fill="white"/>`);
  out.push(`<text x="12" y="20" font-weight="bold">${esc(p.title)}</text>`, `<text x="12" y="40">${esc(p.sub)}</text>`);
  out.push(`<image x="${L.x0}" y="${L.y0}" width="${L.w}" height="${L.h}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${png}"/>`);
  const d: string[] = [];
  gridLines(p, (x, y, w, h) => d.push(w === 1 ? `M${L.x0 + x + 0.5},${L.y0}v${h}` : `M${L.x0},${L.y0 + y + 0.5}h${w}`));
  if (d.length) out.push(`<path d="${d.join("")}" stroke="${rgb(GRID)}" stroke-width="1"/>`);
  out.push(`<rect x="${L.x0 - 0.5}" y="${L.y0 - 0.5}" width="${L.w + 1}" height="${L.h + 1}" fill="none" stroke="black"/>`);
  out.push(`<text x="${L.x0}" y="60">kv →</text>`);
  for (const t of ticks(p.kvLen)) {
    const x = L.x0 + (t / p.blk) * p.px;
    out.push(`<path d="M${x},${L.y0 - 5}v4" stroke="black"/><text x="${x}" y="${L.y0 - 8}" font-size="10">${t}</text>`);
  }
  out.push(`<text transform="translate(16,${L.y0 + 10}) rotate(90)">q →</text>`);
  for (const t of ticks(p.qLen)) {
    const y = L.y0 + (t / p.blk) * p.px;
    out.push(`<path d="M${L.x0 - 5},${y}h4" stroke="black"/><text x="${L.x0 - 8}" y="${y + 4}" font-size="10" text-anchor="end">${t}</text>`);
  }
  let y = L.y0 + L.h + 28;
  out.push(`<text x="12" y="${y}">${esc(L.stats)}</text>`);
  for (const it of L.legend) {
    y += 22;
    out.push(`<rect x="12" y="${y - 12}" width="16" height="16" fill="${rgb(it.color)}" stroke="black"/><text x="36" y="${y + 1}">${esc(it.label)}</text>`);
  }
  out.push("</svg>");
  return out.join("\n") + "\n";
}
