/**
 * Golden `attnc analyze` figures for every example at small lengths with fixed small params and
 * deterministic inputs (tests/analysis/example-data.ts): tests/goldens/analyze.txt.
 * UPDATE_GOLDENS=1 rewrites it (then review the diff).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "vitest";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { analyzeTiles } from "../../compiler/analysis/analyze.js";
import { analysisText } from "../../cli/commands/analyze.js";
import { expectGolden } from "../golden.js";
import { EXAMPLES_DIR, SMALL_PARAMS, SMALL_SIZES, SMALL_TILE, exampleFiles, exampleTensors } from "../analysis/example-data.js";

it("attnc analyze figures of every example", () => {
  const out: string[] = [
    `# attnc analyze of every example: Q_LEN=KV_LEN=${SMALL_SIZES.Q_LEN}, B=${SMALL_SIZES.B}, H=${SMALL_SIZES.H}, tile ${SMALL_TILE.bq}x${SMALL_TILE.bkv}`,
    "# params: tests/analysis/example-data.ts SMALL_PARAMS; inputs: exampleTensors (seeded)",
    "",
  ];
  for (const f of exampleFiles()) {
    const name = f.replace(/\.attn$/, "");
    const file = `examples/${f}`;
    const params = SMALL_PARAMS[name] ?? {};
    for (const ir of lowerSource(readFileSync(join(EXAMPLES_DIR, f), "utf8"), file, { params }).map((x) => optimize(x))) {
      const tensors = exampleTensors(ir.inputs, SMALL_SIZES);
      const r = analyzeTiles({ mask: ir.mask, inputs: ir.inputs, sizes: SMALL_SIZES, tile: SMALL_TILE, tensors });
      const p = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(" ");
      out.push(`## ${name}${p ? ` (${p})` : ""}`);
      out.push(analysisText(file, { ir, sizes: SMALL_SIZES, tile: SMALL_TILE, tensors, notes: [] }, r));
    }
  }
  expectGolden("analyze.txt", out.join("\n"));
});
