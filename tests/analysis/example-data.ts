import { dimValues } from "../../compiler/ir/dims.js";
/**
 * Small fixed parameters and deterministic input tensors for analysing every example at small
 * lengths (the golden file, the examples test). Lengths: Q_LEN = KV_LEN = 144 (a 12 x 12 grid
 * for the 2-D examples), B = 2, H = 4.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Tensor } from "../../compiler/ir/interp.js";
import type { InputDecl, Sizes } from "../../compiler/ir/program.js";
import { ints } from "./arb.js";

export const EXAMPLES_DIR = path.join(import.meta.dirname, "../../examples");

export function exampleFiles(): string[] {
  return fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".attn")).sort();
}

export const SMALL_PARAMS: Record<string, Record<string, number>> = {
  "block-causal": { block: 16 },
  "chunked-causal": { chunk: 24 },
  "dilated-sliding-window": { window: 8, dilation: 3 },
  "gna-strided-1d": { kernel_size: 9, stride: 4 },
  "longformer-global": { half_window: 10 },
  "moa-per-head-window": { sinks: 4 },
  "neighborhood-1d-dilated": { kernel_size: 5, dilation: 3 },
  "neighborhood-1d": { kernel_size: 9 },
  "neighborhood-2d": { grid_w: 12, kernel_size: 5 },
  "power-attention": { block: 8, local_blocks: 1 },
  "power-attention-bits": { block: 8, local_blocks: 1 },
  "moba-block-selection": { block: 10 }, // 144 = 14 * 10 + 4: a partial last block, cdiv != floor division
  "prefix-lm": { prefix: 20 },
  "radial-attention": { frame_tokens: 16, window: 8 },
  "radial-attention-bits": { frame_tokens: 16, window: 8 },
  "relative-bias-table": { max_dist: 8 },
  "s2-attention": { local_window: 24, block: 8, num_shards: 4, shard_offset: 1 },
  "sliding-window": { window: 24 },
  "sparse-vdit-multi-diagonal": { frame_tokens: 32, width: 4 },
  "streaming-llm-sinks": { sinks: 4, window: 24 },
  "swin-shifted-window": { grid_w: 12, window: 4, shift: 2 },
  "swin-window-bias": { grid_w: 12, window: 4 },
};

export const SMALL_SIZES: Omit<Sizes, "DV"> = { B: 2, H: 4, H_KV: 2, Q_LEN: 144, KV_LEN: 144, D: 16 };
export const SMALL_TILE = { bq: 16, bkv: 8 };

/** Ids that are sorted along the sequence (document, frame, segment ids). */
const SORTED = new Set(["doc", "frame", "seg"]);

function dimsOf(d: InputDecl, sizes: Omit<Sizes, "DV">): number[] {
  return dimValues(d, sizes);
}

/** Deterministic tensors for an example's inputs, shaped like the declarations. */
export function exampleTensors(inputs: InputDecl[], sizes: Omit<Sizes, "DV">, seed = 7): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  inputs.forEach((d, k) => {
    const dims = dimsOf(d, sizes);
    const n = dims.reduce((a, b) => a * b, 1);
    const s = seed * 101 + k;
    let data: Int32Array | Float64Array;
    if (d.dtype === "f32") data = Float64Array.from(ints(n, s, -1000, 1000), (x) => x / 1000);
    else if (SORTED.has(d.name)) {
      data = ints(n, s, d.name === "doc" ? 0 : -1, 6);
      const len = dims[dims.length - 1]!;
      for (let r = 0; r < n / len; r++) data.subarray(r * len, (r + 1) * len).sort();
    } else if (d.name === "prefix_len") data = ints(n, s, 0, sizes.Q_LEN);
    else if (d.name === "win") data = ints(n, s, 1, 40);
    else if (d.name === "mode") data = ints(n, s, 0, 2);
    else data = Int32Array.from(ints(n, s, 0, 19), (x) => (x === 0 ? 1 : 0)); // sparse 0/1 flags
    out[d.name] = { data, dims };
  });
  return out;
}
