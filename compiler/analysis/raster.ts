/**
 * A minimal RGBA raster for `attnc viz`'s PNG output: filled rectangles, text in the classic 5x7
 * bitmap font (ASCII 32..126, column bytes, bit 0 = top row); viz-image.ts encodes it as PNG.
 * Contract: drawing clips to the image.
 */
const FONT_HEX =
  "0000000000 00005f0000 0007000700 147f147f14 242a7f2a12 2313086462 3649552250 0005030000 001c224100 0041221c00 " +
  "14083e0814 08083e0808 0050300000 0808080808 0060600000 2010080402 3e5149453e 00427f4000 4261514946 2141454b31 " +
  "1814127f10 2745454539 3c4a494930 0171090503 3649494936 064949291e 0036360000 0056360000 0814224100 1414141414 " +
  "0041221408 0201510906 324979413e 7e1111117e 7f49494936 3e41414122 7f4141221c 7f49494941 7f09090101 3e41415132 " +
  "7f0808087f 00417f4100 2040413f01 7f08142241 7f40404040 7f0204027f 7f0408107f 3e4141413e 7f09090906 3e4151215e " +
  "7f09192946 4649494931 01017f0101 3f4040403f 1f2040201f 7f2018207f 6314081463 0304780403 6151494543 007f414100 " +
  "0204081020 0041417f00 0402010204 4040404040 0001020400 2054545478 7f48444438 3844444420 384444487f 3854545418 " +
  "087e090102 081454543c 7f08040478 00447d4000 2040443d00 007f102844 00417f4000 7c04180478 7c08040478 3844444438 " +
  "7c14141408 081414187c 7c08040408 4854545420 043f444020 3c4040207c 1c2040201c 3c4030403c 4428102844 0c5050503c " +
  "4464544c44 0008364100 00007f0000 0041360800 1008081008";

const GLYPHS: number[][] = FONT_HEX.split(" ").map((h) => [0, 2, 4, 6, 8].map((i) => parseInt(h.slice(i, i + 2), 16)));

export type RGB = [number, number, number];

export class Raster {
  readonly data: Uint8Array;
  constructor(readonly width: number, readonly height: number, bg: RGB = [255, 255, 255]) {
    this.data = new Uint8Array(width * height * 4);
    this.fill(0, 0, width, height, bg);
  }

  fill(x: number, y: number, w: number, h: number, c: RGB): void {
    const x0 = Math.max(0, Math.floor(x)), y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w)), y1 = Math.min(this.height, Math.floor(y + h));
    for (let j = y0; j < y1; j++)
      for (let i = x0; i < x1; i++) {
        const o = (j * this.width + i) * 4;
        this.data[o] = c[0];
        this.data[o + 1] = c[1];
        this.data[o + 2] = c[2];
        this.data[o + 3] = 255;
      }
  }

  /** Copies another raster at (x, y). */
  blit(src: Raster, x: number, y: number): void {
    for (let j = 0; j < src.height; j++) {
      const ty = y + j;
      if (ty < 0 || ty >= this.height) continue;
      for (let i = 0; i < src.width; i++) {
        const tx = x + i;
        if (tx < 0 || tx >= this.width) continue;
        const s = (j * src.width + i) * 4, t = (ty * this.width + tx) * 4;
        for (let k = 0; k < 4; k++) this.data[t + k] = src.data[s + k]!;
      }
    }
  }

  /** Text at (x, y) = top-left, each font pixel drawn as `scale` x `scale`; returns the width. */
  text(s: string, x: number, y: number, c: RGB, scale = 2): number {
    let cx = x;
    for (const ch of s) {
      const code = ch.charCodeAt(0);
      const g = GLYPHS[code >= 32 && code <= 126 ? code - 32 : 31]!;
      for (let col = 0; col < 5; col++)
        for (let row = 0; row < 7; row++) if ((g[col]! >> row) & 1) this.fill(cx + col * scale, y + row * scale, scale, scale, c);
      cx += 6 * scale;
    }
    return cx - x;
  }

}

export const textWidth = (s: string, scale = 2): number => s.length * 6 * scale;
