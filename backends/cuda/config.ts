/**
 * The CUDA tile plan: per head dimension, how many warps a CTA has, how many m16 row tiles each
 * warp owns, keys per tile and cp.async pipeline depth. Changing it never changes results (the
 * kernel handles any lengths); it is printed as overridable macros (`-DATTNC_D128_WARPS=4`, `_ROW_TILES`, `_BLOCK_KV`, `_STAGES`, `_MIN_CTAS`, `_Q_IN_SMEM`)
 * so a harness can sweep it without regenerating code.
 *
 * Contract: warps * 16 * rowTilesPerWarp query rows per CTA; blockKV a multiple of 16; every
 * config keeps the accumulators in registers with no spills at D <= 128 (tests/cuda checks it).
 */
import { AttncError, diag } from "../../dsl/diagnostics.js";

export interface TileConfig {
  headDim: number;
  warps: number;
  rowTilesPerWarp: number;
  blockKV: number;
  stages: number;
  /** CTAs per SM that the register allocation must allow (__launch_bounds__'s second argument) */
  minCtas: number;
  /** re-read Q fragments from shared memory (frees registers for costly masks and scores) */
  qInSmem: boolean;
}

/** head dims instantiated when the plan fixes none */
export const SUPPORTED_HEAD_DIMS = [64, 128] as const;
/** head dims available with `--head-dim N` (the skeleton's swizzle needs whole 128-byte rows) */
export const ON_REQUEST_HEAD_DIMS = [192, 256] as const;
/** Large head dims: 64 query rows, Q re-read from shared memory, 32 keys per tile (accumulators of
 * D / 2 registers per thread; 96 KiB of shared memory at D = 256). */
const LARGE: Record<number, TileConfig> = {
  192: { headDim: 192, warps: 4, rowTilesPerWarp: 1, blockKV: 32, stages: 2, minCtas: 1, qInSmem: true },
  256: { headDim: 256, warps: 4, rowTilesPerWarp: 1, blockKV: 32, stages: 2, minCtas: 1, qInSmem: true },
};

/** Measured on the H100 (bench/results/): the fastest plans for cheap masks and scores. At D = 128,
 * 4 warps x 32 query rows with Q re-read from shared memory and 32 keys per tile (FlashAttention-2's
 * 128 x 32 shape), which keeps S small enough to stay spill-free. */
const FAST: Record<number, TileConfig> = {
  64: { headDim: 64, warps: 4, rowTilesPerWarp: 2, blockKV: 64, stages: 2, minCtas: 1, qInSmem: false },
  128: { headDim: 128, warps: 4, rowTilesPerWarp: 2, blockKV: 32, stages: 2, minCtas: 1, qInSmem: true },
};
/** 64-row query tiles, for classifiers that read tensors (document masks). */
const FINE: Record<number, TileConfig> = {
  64: { headDim: 64, warps: 4, rowTilesPerWarp: 1, blockKV: 64, stages: 2, minCtas: 1, qInSmem: false },
  128: { headDim: 128, warps: 4, rowTilesPerWarp: 1, blockKV: 64, stages: 2, minCtas: 1, qInSmem: false },
};
/** For costly masks/scores (many ops, tensor reads): fewer live registers, so no spills. */
const LIGHT: Record<number, TileConfig> = {
  64: { headDim: 64, warps: 4, rowTilesPerWarp: 1, blockKV: 64, stages: 2, minCtas: 1, qInSmem: true },
  128: { headDim: 128, warps: 4, rowTilesPerWarp: 1, blockKV: 64, stages: 2, minCtas: 1, qInSmem: true },
};

/**
 * The sm_90a (wgmma) plan per head dim: warpgroups of 64 query rows per CTA, keys per tile and
 * cp.async stages. Printed as `ATTNC_SM90_D<dim>_*` macros. Head dims without an entry use the
 * sm_80 kernel on every GPU.
 */
export interface Sm90Config {
  headDim: number;
  warpgroups: number;
  blockKV: number;
  stages: number;
  minCtas: number;
  /** a tile's P V runs while the next tile's S is issued (measured faster only for the lean D = 128 plan) */
  overlapPV: boolean;
  /** a linear grid, batch rows outermost, then query tiles (last first), then heads: the same tile
   * of every head runs before the next tile, so the heaviest tiles of all heads start first and the
   * SMs stay balanced when the work per tile depends on the data. (Query tiles outermost across batch
   * rows too was 25% slower with two long documents per row: the K/V of every row no longer fits L2.) */
  headsInner: boolean;
  /** the warp-specialized kernel (skeleton-sm90ws.ts): a producer warp copies the K/V tiles (TMA) and
   * hands them to the warpgroups through mbarriers; one CTA per SM, no P V overlap */
  producer: boolean;
}
const SM90_FINE: Record<number, Sm90Config> = {
  64: { headDim: 64, warpgroups: 1, blockKV: 64, stages: 2, minCtas: 1, overlapPV: false, headsInner: false, producer: false },
  128: { headDim: 128, warpgroups: 1, blockKV: 64, stages: 2, minCtas: 1, overlapPV: false, headsInner: false, producer: false },
};
/** Measured on the H100 (bench/results/cuda-2026-11-22c.md): two warpgroups x 128 keys for the lean
 * programs at D = 128 (full, causal); one warpgroup x 64 keys for the others, where finer tiles
 * skip more keys and the mask and score need registers (sliding window, document, softcap), and at
 * D = 64. */
const SM90_LEAN: Record<number, Sm90Config> = {
  64: SM90_FINE[64]!,
  128: { headDim: 128, warpgroups: 2, blockKV: 128, stages: 2, minCtas: 1, overlapPV: true, headsInner: false, producer: false },
};

/** Tile classifiers that read tensors (document masks). At D = 128 the warp-specialized kernel: a
 * producer warp copies K/V by TMA for 2 consumer warpgroups, 96 keys per tile (128 spills in two
 * examples), each warpgroup skipping the tiles its 64 rows do not see. It is at or above Flex for
 * every document count measured: 1.04-1.16, where the one-warpgroup x 48-key plan it replaced ranged
 * from 0.80 (1-2 long documents) to 1.29 (32 short ones) (bench/results/cuda-2026-11-23b.md). The work
 * per query tile depends on the data, so every head's tile runs before the next tile (heaviest
 * first; +10% at S = 16384). */
const SM90_TENSOR_CLASSIFIER: Record<number, Sm90Config> = {
  64: { ...SM90_FINE[64]!, headsInner: true },
  128: { headDim: 128, warpgroups: 2, blockKV: 96, stages: 2, minCtas: 1, overlapPV: false, headsInner: true, producer: true },
};

/** The sm_90a plans for the head dims the sm_80 configs instantiate (those that have one). */
export function sm90Configs(dims: number[], lean: boolean, tensorClassifier = false): Sm90Config[] {
  const table = lean ? SM90_LEAN : tensorClassifier ? SM90_TENSOR_CLASSIFIER : SM90_FINE;
  return dims.map((d) => table[d]).filter((c): c is Sm90Config => c !== undefined);
}

/**
 * The configs to instantiate: the plan's fixed head dim, or every supported one. `costly`: the
 * mask or score is costly (LIGHT plans); `fineTiles`: the tile classifier reads tensors (document
 * masks), where 64-row query tiles skip more keys than 128-row ones (measured: 118 vs 91 TFLOP/s);
 * `lean`: softmax of s with a mask of at most one comparison (compile.ts `isLean`): only
 * then does the 32-rows-per-warp D = 128 plan fit in 255 registers, so other programs get 64-row
 * tiles at D = 128.
 */
export function tileConfigs(headDim: number | null, costly = false, fineTiles = false, lean = true): TileConfig[] {
  const pick = (d: number) => LARGE[d] ?? (costly ? LIGHT : fineTiles || (!lean && d === 128) ? FINE : FAST)[d];
  if (headDim === null) return SUPPORTED_HEAD_DIMS.map((d) => pick(d)!);
  const cfg = pick(headDim);
  if (!cfg) {
    throw new AttncError([
      diag("E0406", `the CUDA backend supports head dims ${[...SUPPORTED_HEAD_DIMS, ...ON_REQUEST_HEAD_DIMS].join(", ")} (${ON_REQUEST_HEAD_DIMS.join(" and ")} with --head-dim), not ${headDim}`),
    ]);
  }
  return [cfg];
}
