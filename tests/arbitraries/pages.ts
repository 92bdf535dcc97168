/**
 * A paged KV cache for tests (docs/language.md § 10): dense k and v scattered into shuffled pages
 * with a page table, as a server's cache holds them (rows sharing a prefix's pages, garbage ids past
 * a row's kv_len, NaN in pages no row reads). Used by the TypeScript and WGSL paged tests.
 */
import type { Sizes } from "../../compiler/ir/program.js";
import { Rng } from "./rng.js";

export interface Paged {
  k: Float32Array;
  v: Float32Array;
  table: Int32Array;
  size: number;
  /** the dense k and v the pages hold ([B, H_KV, KV_LEN, *]) */
  dense: { k: Float32Array; v: Float32Array };
  kvLens?: Int32Array;
}

/**
 * Pages for a shape whose KV_LEN is a multiple of `size`: each row's pages at random places among
 * NUM_PAGES, row 1 sharing row 0's first pages where both exist (a common prefix), ids past a row's
 * kv_len garbage (-1 or huge). Values from `data`'s dense k, v (shared pages hold row 0's).
 */
export function paginate(rng: Rng, s: Sizes, size: number, k: Float32Array, v: Float32Array, kvLens?: Int32Array): Paged {
  const maxPages = s.KV_LEN / size;
  const used = (b: number) => Math.ceil((kvLens ? kvLens[b]! : s.KV_LEN) / size);
  const shared = s.B > 1 ? Math.min(used(0), used(1), rng.int(0, maxPages)) : 0;
  const numPages = s.B * maxPages - shared + rng.int(0, 3);
  const free = Array.from({ length: numPages }, (_, i) => i);
  for (let i = free.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  const table = new Int32Array(s.B * maxPages);
  for (let b = 0; b < s.B; b++)
    for (let p = 0; p < maxPages; p++) {
      if (p >= used(b)) table[b * maxPages + p] = rng.chance(0.5) ? -1 : 1 << 30; // never read
      else if (b === 1 && p < shared) table[b * maxPages + p] = table[p]!;
      else table[b * maxPages + p] = free.pop()!;
    }
  const pk = new Float32Array(numPages * s.H_KV * size * s.D).fill(Number.NaN); // pages no row reads
  const pv = new Float32Array(numPages * s.H_KV * size * s.DV).fill(Number.NaN);
  const dk = new Float32Array(k.length), dv = new Float32Array(v.length);
  for (let b = 0; b < s.B; b++)
    for (let h = 0; h < s.H_KV; h++)
      for (let kv = 0; kv < s.KV_LEN; kv++) {
        const p = Math.floor(kv / size);
        const src = b === 1 && p < shared ? 0 : b; // a shared page holds row 0's keys
        const from = (src * s.H_KV + h) * s.KV_LEN + kv;
        const to = (b * s.H_KV + h) * s.KV_LEN + kv;
        for (let d = 0; d < s.D; d++) dk[to * s.D + d] = k[from * s.D + d]!;
        for (let d = 0; d < s.DV; d++) dv[to * s.DV + d] = v[from * s.DV + d]!;
        if (p >= used(b)) continue;
        const row = (table[b * maxPages + p]! * s.H_KV + h) * size + (kv % size);
        for (let d = 0; d < s.D; d++) pk[row * s.D + d] = dk[to * s.D + d]!;
        for (let d = 0; d < s.DV; d++) pv[row * s.DV + d] = dv[to * s.DV + d]!;
      }
  return { k: pk, v: pv, table, size, dense: { k: dk, v: dv }, ...(kvLens ? { kvLens } : {}) };
}
