/**
 * The tile classifier by brute force (tests/analysis/harness.ts `checkCase`, mode "sound"): for
 * small sizes — and, now and then, lengths up to 1024 where int products wrap — every entry of
 * every tile against the classes and the key range the compiler claims, with tensors of small or
 * int32-extreme values.
 *
 * Contract: an unsound tile is a finding `tiles:unsound EMPTY|FULL|kvRange:wrap|nowrap`, where
 * `wrap` says the mask's int arithmetic leaves the int32 range on the grid (wraps.ts).
 */
import type { Tensor } from "../../compiler/ir/interp.js";
import type { AttnIR, Sizes } from "../../compiler/ir/program.js";
import { AttncError } from "../../dsl/diagnostics.js";
import { jit } from "../../compiler/analysis/jit.js";
import { checkCase } from "../analysis/harness.js";
import { genData, genTileSizes, dimsOf, type DataSpec } from "./inputs.js";
import { wrapsSomewhere } from "./wraps.js";
import { thrown, type Ctx } from "./case.js";

export interface TileCase {
  block: number;
  sizes: Sizes;
  bq: number;
  bkv: number;
  seed: number;
  wideInts: boolean;
}

/** whether the mask itself reads a tensor out of bounds somewhere on the grid */
function readsOutOfBounds(ir: AttnIR, sizes: Omit<Sizes, "DV">, tensors: Record<string, Tensor>): boolean {
  try {
    for (let b = 0; b < sizes.B; b++)
      for (let h = 0; h < sizes.H; h++) {
        const m = jit([ir.mask], { args: ["q", "kv"], fixed: { ...sizes, b, h }, tensors });
        for (let q = 0; q < sizes.Q_LEN; q++) for (let kv = 0; kv < sizes.KV_LEN; kv++) m(q, kv);
      }
  } catch (e) {
    if (e instanceof AttncError && e.diagnostics.every((d) => d.code === "E0407")) return true;
    throw e;
  }
  return false;
}

export function tensorsOf(ir: AttnIR, spec: DataSpec): Record<string, Tensor> {
  const data = genData(spec, ir.inputs);
  return Object.fromEntries(ir.inputs.map((d) => [d.name, { data: data.tensors[d.name]!, dims: dimsOf(d, spec.sizes) }]));
}

/** null when sound, else [signature detail, message] */
export function checkTiles(ir: AttnIR, t: TileCase): [string, string] | null {
  const spec: DataSpec = { sizes: t.sizes, tile: { blockQ: t.bq, blockKV: t.bkv }, seed: t.seed, mode: "normal", wideInts: t.wideInts };
  const tensors = tensorsOf(ir, spec);
  const { DV: _, ...sizes } = t.sizes;
  if (readsOutOfBounds(ir, sizes, tensors)) return null; // the mask has no defined result
  let err: string | null;
  try {
    err = checkCase({ mask: ir.mask, inputs: ir.inputs, sizes, tensors, bq: t.bq, bkv: t.bkv }, "sound");
  } catch (e) {
    if (e instanceof AttncError && e.diagnostics.every((d) => d.code === "E0407")) return ["classifier reads out of bounds", (e as Error).message];
    throw e;
  }
  if (!err) return null;
  const what = /^unsound (EMPTY|FULL)/.exec(err)?.[1] ?? (/outside kvRange/.test(err) ? "kvRange" : "other");
  const box = /q\[(\d+),(\d+)\] kv\[(\d+),(\d+)\]/.exec(err);
  const wraps = wrapsSomewhere(ir.mask, { sizes: t.sizes as unknown as Record<string, number>, tensors, box: box ? [+box[1]!, +box[2]!, +box[3]!, +box[4]!] : undefined });
  return [`unsound ${what}:${wraps ? "wrap" : "nowrap"}`, err];
}

export async function tilesStage(ctx: Ctx): Promise<void> {
  const replay = ctx.c.replay?.stage === "tiles" ? (ctx.c.replay.tile as TileCase) : null;
  const cases: TileCase[] = replay
    ? [replay]
    : ctx.optimized.slice(0, 2).flatMap((_, block) =>
        [0, 1].map(() => ({ block, sizes: genTileSizes(ctx.rng), bq: ctx.rng.int(1, 48), bkv: ctx.rng.int(1, 48), seed: ctx.rng.int(0, 2 ** 31 - 1), wideInts: ctx.rng.chance(0.3) })),
      );
  for (const t of cases) {
    const ir = ctx.optimized[t.block];
    if (!ir) continue;
    ctx.count("tile-cases");
    let r: [string, string] | null;
    try {
      r = checkTiles(ir, t);
    } catch (e) {
      thrown(ctx, e, "tile classifier check");
      return;
    }
    if (r) {
      ctx.add({ kind: "tiles", signature: `tiles:${r[0]}`, message: r[1], replay: { stage: "tiles", tile: t } });
      return;
    }
  }
}
