/**
 * Pass `fold-constants`: every op whose arguments are all literals (and that reads no variable
 * or tensor) is replaced by its literal value, computed as the interpreter does (floats in
 * float64, so folding never moves a result away from the oracle's; ints wrap).
 * After it, no node other than a literal has only literal arguments, and a sink that folded to
 * the literal -inf is gone (it adds exp(-inf) = 0 to every denominator: no sink at all).
 */
import { evalNode } from "../ir/interp.js";
import { mk, type Node } from "../ir/node.js";
import type { AttnIR } from "../ir/program.js";
import { rewriteFix, ruleTable, type Rule } from "../ir/rewrite.js";
import { OPS } from "../ir/node.js";
import type { PassContext } from "./index.js";

const foldable = (Object.keys(OPS) as (keyof typeof OPS)[]).filter((o) => o !== "const" && o !== "var" && o !== "load");

export const foldRule: Rule = {
  name: "fold",
  ops: foldable,
  rewrite(n) {
    if (n.args.length === 0 || !n.args.every((a) => a.op === "const")) return null;
    const v = evalNode(n, { vars: {}, tensors: {} });
    return mk("const", n.type, [], { value: v });
  },
};

const table = ruleTable([foldRule]);

export const foldConstants = (root: Node): Node => rewriteFix(root, table);

/** `ir` with its sink rewritten by `f`, and gone when that gives the literal -inf (it adds exp(-inf) = 0). */
export function mapSink(ir: AttnIR, f: (n: Node) => Node): AttnIR {
  const { sink, ...rest } = ir;
  const out = sink ? f(sink) : undefined;
  return out === undefined || (out.op === "const" && (out.attr as { value: number }).value === -Infinity) ? rest : { ...rest, sink: out };
}

export function foldConstantsPass(ir: AttnIR, _ctx: PassContext): AttnIR {
  return mapSink({ ...ir, mask: foldConstants(ir.mask), score: foldConstants(ir.score) }, foldConstants);
}
