/**
 * Is `lin <= 0` implied by the facts every tile satisfies? Used to drop trivially true conditions
 * from the classifier IR (a false "no" only keeps a redundant condition; a "yes" must be right).
 *
 * Facts, as chains `0 <= x_1 <= ... <= x_m <= N` with `top = N + 1 >= 1`:
 * `qlo <= qhi` under `Q_LEN`, `kvlo <= kvhi` under `KV_LEN`, `b` under `B`, `h` under `H`, and the
 * sizes `H_KV`, `D` (>= 1). The minimum of a linear function over a chain is at a vertex
 * (the first j variables 0, the rest N): it is `c_top` if every vertex's slope in N is >= 0,
 * otherwise unbounded. Chains are independent, so the minima add up.
 */
import { varName, type Node } from "../ir/node.js";
import type { Lin } from "./lin.js";

const CHAINS: { vars: string[]; top: string }[] = [
  { vars: ["qlo", "qhi"], top: "Q_LEN" },
  { vars: ["kvlo", "kvhi"], top: "KV_LEN" },
  { vars: ["b"], top: "B" },
  { vars: ["h"], top: "H" },
  { vars: [], top: "H_KV" },
  { vars: [], top: "D" },
];

export function entailed(lin: Lin): boolean {
  // need -lin >= 0
  const coef = new Map<string, number>();
  for (const [t, c] of lin.terms) {
    const name = varName(t as Node);
    if (name === undefined) return false;
    coef.set(name, -c);
  }
  let min = -lin.k;
  const used = new Set<string>();
  for (const ch of CHAINS) {
    const cs = ch.vars.map((n) => coef.get(n) ?? 0);
    const cTop = coef.get(ch.top) ?? 0;
    ch.vars.forEach((n) => used.add(n));
    used.add(ch.top);
    let suffix = 0;
    for (let j = cs.length; j >= 0; j--) {
      if (j < cs.length) suffix += cs[j]!;
      if (suffix + cTop < 0) return false;
    }
    min += cTop;
  }
  for (const n of coef.keys()) if (!used.has(n)) return false;
  return min >= 0;
}
