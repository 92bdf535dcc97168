/**
 * Run-time facts for the tile classifier, computed by a CPU host once per call.
 *
 * Contract: `computeFacts(facts, tensors)` returns `{ [fact.var]: boolean }`, true only when the
 * fact holds for the given tensors (O(size of each tensor)). A missing tensor gives false (the
 * classifier then uses its fact-free, still sound, form).
 * Kind `nondecreasing`: `T[i_0, .., i_dim, ..] <= T[i_0, .., i_dim + 1, ..]` for every index.
 */
import type { RuntimeFact } from "../plan/kernel-plan.js";

export interface FactTensor {
  data: ArrayLike<number>;
  dims: readonly number[];
}

export function isNondecreasing(t: FactTensor, dim: number): boolean {
  const dims = t.dims;
  if (dim < 0 || dim >= dims.length) return false;
  const n = dims[dim]!;
  let inner = 1;
  for (let i = dim + 1; i < dims.length; i++) inner *= dims[i]!;
  let outer = 1;
  for (let i = 0; i < dim; i++) outer *= dims[i]!;
  const d = t.data;
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let j = 1; j < n; j++) {
      const row = base + j * inner;
      for (let i = 0; i < inner; i++) if (d[row + i]! < d[row - inner + i]!) return false;
    }
  }
  return true;
}

export function computeFacts(facts: readonly RuntimeFact[], tensors: Record<string, FactTensor>): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const f of facts) {
    const t = tensors[f.tensor];
    out[f.var] = t !== undefined && f.kind === "nondecreasing" && isNondecreasing(t, f.dim);
  }
  return out;
}
