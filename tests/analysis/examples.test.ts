/**
 * Every example through the real front end and passes: the classifier is sound on it (brute
 * force over every tile), exact for the examples in EXACT_EXAMPLES, and exact wherever the
 * classifier claims a proof of exactness.
 */
import { describe, test, expect } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { checkCase } from "./harness.js";
import { EXAMPLES_DIR, SMALL_PARAMS, SMALL_SIZES, exampleFiles, exampleTensors } from "./example-data.js";

/** Examples whose masks are among the patterns the classifier must be exact for. */
export const EXACT_EXAMPLES = new Set([
  "causal", "causal-bottom-right", "sliding-window", "streaming-llm-sinks", "prefix-lm", "prefix-lm-per-batch",
  "chunked-causal", "block-causal", "dilated-sliding-window", "s2-attention", "power-attention",
  "neighborhood-1d", "document-causal", "full", "moa-per-head-window", "anchor-attention",
  "gna-strided-1d", "neighborhood-1d-dilated", "neighborhood-2d", "swin-shifted-window", "swin-window-bias",
  "sparse-vdit-multi-diagonal", "alibi", "softcap", "selective-temperature", "top-theta-threshold",
]);

describe("classifier on the examples", () => {
  for (const file of exampleFiles()) {
    const name = file.replace(/\.attn$/, "");
    test(name, () => {
      const src = fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8");
      for (const ir of lowerSource(src, file, { params: SMALL_PARAMS[name] ?? {} }).map((x) => optimize(x))) {
        for (const tile of [{ bq: 16, bkv: 8 }, { bq: 7, bkv: 13 }, { bq: 32, bkv: 32 }, { bq: 1, bkv: 5 }]) {
          const c = { mask: ir.mask, inputs: ir.inputs, sizes: SMALL_SIZES, tensors: exampleTensors(ir.inputs, SMALL_SIZES), ...tile };
          expect(checkCase(c, EXACT_EXAMPLES.has(name) ? "exact" : "claimed")).toBeNull();
        }
      }
    });
  }
});
