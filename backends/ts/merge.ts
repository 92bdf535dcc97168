/**
 * Merging partial attention results (issue #13): given the outputs (o_i, lse_i) of the same queries
 * over N disjoint key sets — split-KV, a shared prefix and a suffix, the shards of context
 * parallelism — the softmax over their union, exactly (docs/language.md § 9, "Merging"):
 *
 *     lse = log Σ_i exp(lse_i)          o = Σ_i exp(lse_i - lse) · o_i
 *
 * per row, in float64, with the forward's special values: a partial whose lse is -inf (it saw no
 * key of the row) contributes nothing; a row every partial saw nothing of is o = 0, lse = -inf; a
 * NaN lse in any partial (a NaN row there: a NaN or +inf score) makes the merged row NaN (o and
 * lse), as one NaN score does in a single call.
 */

export interface Partial {
  /** [rows, DV], row-major */
  o: ArrayLike<number>;
  /** [rows] */
  lse: ArrayLike<number>;
}

/** Merges partials of `rows` rows of `dv` values each (all the same shape). */
export function mergePartials(parts: readonly Partial[], rows: number, dv: number): { o: Float32Array; lse: Float32Array } {
  if (parts.length === 0) throw new RangeError("merge needs at least one partial result");
  for (const [i, p] of parts.entries()) {
    if (p.o.length !== rows * dv || p.lse.length !== rows) {
      throw new RangeError(`partial ${i} has ${p.o.length} o values and ${p.lse.length} lse values; ${rows * dv} and ${rows} are needed`);
    }
  }
  const o = new Float32Array(rows * dv);
  const lse = new Float32Array(rows);
  const acc = new Float64Array(dv);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (const p of parts) {
      const x = p.lse[r]!;
      if (Number.isNaN(x) || x === Infinity) m = Number.NaN;
      else if (x > m) m = x;
    }
    if (Number.isNaN(m)) {
      lse[r] = Number.NaN;
      o.fill(Number.NaN, r * dv, (r + 1) * dv);
      continue;
    }
    if (m === -Infinity) {
      lse[r] = -Infinity; // o stays 0
      continue;
    }
    let total = 0;
    acc.fill(0);
    for (const p of parts) {
      const x = p.lse[r]!;
      if (x === -Infinity) continue; // saw nothing of this row: contributes nothing, whatever its o holds
      const w = Math.exp(x - m);
      total += w;
      for (let c = 0; c < dv; c++) acc[c] += w * p.o[r * dv + c]!;
    }
    lse[r] = m + Math.log(total);
    for (let c = 0; c < dv; c++) o[r * dv + c] = acc[c]! / total;
  }
  return { o, lse };
}
