/**
 * The mask picture: `renderMask` (what `attnc viz` computes: one (b, h) slice, cells coloured by
 * visibility and by the class of their tile — FULL, PARTIAL, EMPTY) drawn on a canvas, with the
 * tile grid and the counts `attnc analyze` prints for the slice.
 */
import { renderMask, type Picture } from "../compiler/analysis/viz.js";
import type { AttnIR, Sizes } from "../compiler/ir/program.js";
import type { Tensor } from "../compiler/ir/interp.js";
import { dimsOf, randomTensors } from "./data.js";

/** The longest Q_LEN / KV_LEN the page draws: PARTIAL tiles evaluate the mask per entry, in the page's thread. */
export const MAX_MASK_LEN = 8192;

export interface MaskRequest {
  ir: AttnIR;
  /** B, H, H_KV from the run's sizes; Q_LEN, KV_LEN the picture's */
  sizes: Omit<Sizes, "DV">;
  tile: { bq: number; bkv: number };
  b: number;
  h: number;
  seed: number;
}

/** Renders the picture (throws AttncError for a mask that reads out of bounds). */
export function maskPicture(r: MaskRequest): Picture {
  const random = randomTensors(r.ir, r.sizes, r.seed);
  const tensors: Record<string, Tensor> = Object.create(null);
  for (const d of r.ir.inputs) tensors[d.name] = { data: random[d.name]!, dims: dimsOf(d, r.sizes) };
  return renderMask({
    mask: r.ir.mask, inputs: r.ir.inputs, sizes: r.sizes, tile: r.tile, tensors, b: r.b, h: r.h,
    title: r.ir.name, maxCells: 512,
  });
}

/** Draws the cells scaled to screen pixels, then the tile boundaries where tiles are >= 6 pixels. */
export function drawPicture(canvas: HTMLCanvasElement, p: Picture): void {
  const w = p.cells.width * p.px, h = p.cells.height * p.px;
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d")!;
  const cells = document.createElement("canvas");
  cells.width = p.cells.width;
  cells.height = p.cells.height;
  cells.getContext("2d")!.putImageData(new ImageData(new Uint8ClampedArray(p.cells.data), p.cells.width, p.cells.height), 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cells, 0, 0, w, h);
  ctx.fillStyle = "rgb(150,150,150)";
  const tq = (p.tile.bq / p.blk) * p.px, tkv = (p.tile.bkv / p.blk) * p.px;
  if (tkv >= 6) for (let x = tkv; x < w; x += tkv) ctx.fillRect(Math.round(x), 0, 1, h);
  if (tq >= 6) for (let y = tq; y < h; y += tq) ctx.fillRect(0, Math.round(y), w, 1);
}

/** The slice's numbers, as `attnc viz` writes them under the picture. */
export function pictureStats(p: Picture): string {
  const s = p.stats;
  const area = p.qLen * p.kvLen;
  return `tiles: ${s.tiles.empty} empty, ${s.tiles.full} full, ${s.tiles.partial} partial   density ${(s.visible / area).toFixed(4)}   work ${((100 * s.visitedArea) / area).toFixed(1)}% of dense`;
}
