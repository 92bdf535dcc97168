/**
 * Pass `fuse-mask-score`: moves the conditions under which the score is `-inf` into the mask,
 * so the tile classifier sees them and full tiles skip them.
 *
 * `score select(c, x, -inf)` becomes `mask M && c`, `score x` (and `select(c, -inf, x)` becomes
 * `M && !c`), repeatedly, when `c` does not read the score `s`. It preserves meaning for every
 * normalization: an entry whose score is -inf has weight exp(-inf) = sigmoid(-inf) = 0, and 0 by
 * definition under `normalize none` (docs/language.md § 9), exactly as a masked one; and since `&&`
 * is lazy, `c` is still evaluated only where `M` holds.
 */
import { and, not } from "../ir/builder.js";
import { constValue, freeVars, type Node } from "../ir/node.js";
import type { AttnIR } from "../ir/program.js";
import type { PassContext } from "./index.js";

/** `-inf`, as a literal or as the negation of `inf` (as written in source, before folding) */
const isNegInf = (n: Node): boolean =>
  (n.op === "const" && constValue(n) === -Infinity) ||
  (n.op === "neg" && n.args[0]!.op === "const" && constValue(n.args[0]!) === Infinity);

export function fuseMaskScorePass(ir: AttnIR, _ctx: PassContext): AttnIR {
  let { mask, score } = ir;
  for (;;) {
    if (score.op !== "select") break;
    const [c, a, b] = score.args as [Node, Node, Node];
    if (freeVars(c).has("s")) break;
    if (isNegInf(b)) {
      mask = and(mask, c);
      score = a;
    } else if (isNegInf(a)) {
      mask = and(mask, not(c));
      score = b;
    } else break;
  }
  return { ...ir, mask, score };
}
