/**
 * Random per-row lengths (docs/language.md § 10) for a shape: only q lengths, only kv lengths or
 * both, each batch row's 0, 1 or the padded length often and anything between otherwise.
 */
import type { Sizes } from "../../compiler/ir/program.js";
import type { RowLens } from "../oracle/oracle.js";
import { Rng } from "./rng.js";

export interface Lens extends RowLens {
  q?: Int32Array;
  kv?: Int32Array;
}

/** B lengths in [0, max]: 0, 1 and max often, anything between otherwise */
function lengths(rng: Rng, B: number, max: number): Int32Array {
  return Int32Array.from({ length: B }, () => {
    const pick = rng.int(0, 5);
    return pick === 0 ? 0 : pick === 1 ? Math.min(1, max) : pick === 2 ? max : rng.int(0, max);
  });
}

/** One of: only q lengths, only kv lengths, both */
export function genLens(seed: number, s: Sizes): Lens {
  const rng = new Rng(seed ^ 0x5eed);
  const which = rng.int(0, 2);
  return {
    ...(which !== 1 ? { q: lengths(rng, s.B, s.Q_LEN) } : {}),
    ...(which !== 0 ? { kv: lengths(rng, s.B, s.KV_LEN) } : {}),
  };
}

/** lengths as text for a failure message */
export const shownLens = (l: Lens) => JSON.stringify({ q: l.q && [...l.q], kv: l.kv && [...l.kv] });
