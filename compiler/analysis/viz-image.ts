/**
 * `attnc viz`'s image files: a Picture (viz.ts) as PNG bytes (everything in one raster, 5x7 bitmap
 * font, encoded by pngjs) or as SVG text (the cell raster embedded as a PNG image, grid, axes and
 * text as vectors). Node only (pngjs, Buffer); the picture itself is computed in viz.ts.
 */
import { PNG } from "pngjs";
import { LEGEND, type Picture } from "./viz.js";
import { Raster, type RGB, textWidth } from "./raster.js";

const GRID: RGB = [150, 150, 150];
const INK: RGB = [20, 20, 20];

/** A raster as a complete PNG file. */
export function encodePng(r: Raster): Uint8Array {
  const png = new PNG({ width: r.width, height: r.height });
  png.data = Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength);
  return new Uint8Array(PNG.sync.write(png));
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
  const legend = LEGEND;
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
  return encodePng(r);
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
  const png = Buffer.from(encodePng(p.cells)).toString("base64");
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
