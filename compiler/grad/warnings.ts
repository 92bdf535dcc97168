/**
 * The warnings of a backward (`--backward`): a gradient that is identically zero because the
 * program's derivative does not reach it, said at compile time rather than returned as zeros
 * silently (docs/language.md § 9, "Gradients").
 *
 * - W0501 at the score: the score depends on `s` only through `floor`, `int()`, comparisons or
 *   conditions, or not at all: dq and dk are zero.
 * - W0502 at an f32 input's name: the score never reads it through a differentiable operation
 *   (it is read only by the mask, in an index, a comparison, `floor` or `int()`, or not at all):
 *   its gradient is zero.
 */
import type { Attention } from "../../dsl/ast.js";
import { warning, type Diagnostic } from "../../dsl/diagnostics.js";
import { freeVars, tensorName, topo } from "../ir/node.js";
import type { AttnIR } from "../ir/program.js";
import type { ScoreGrad } from "./grad.js";

export function gradWarnings(attn: Attention, ir: AttnIR, grad: ScoreGrad): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (grad.ds === null) {
    const score = attn.items.find((i) => i.kind === "score");
    const reads = freeVars(ir.score).has("s");
    out.push(
      warning(
        "W0501",
        `the score of \`${attn.name}\` does not depend on \`s\` differentiably: dq and dk are zero`,
        score?.span ?? attn.nameSpan,
        [reads ? "it reads `s` only through `floor`, `int()`, comparisons or conditions, whose derivative is 0" : "it does not read `s`"],
      ),
    );
  }
  const readBy = (root: typeof ir.mask, name: string) => topo([root]).some((n) => n.op === "load" && tensorName(n) === name);
  for (const name of grad.zeroTensors) {
    const decl = attn.items.find((i) => i.kind === "input" && i.name === name);
    const where = readBy(ir.score, name) || (ir.sink !== undefined && readBy(ir.sink, name))
      ? `the score${ir.sink ? " and the sink" : ""} read${ir.sink ? "" : "s"} it only in indices, comparisons, conditions, \`floor\` or \`int()\`, whose derivative is 0`
      : readBy(ir.mask, name)
        ? "only the mask reads it, and the mask has no derivative"
        : "the program does not read it";
    out.push(warning("W0502", `\`${name}\` gets a zero gradient (d_${name} is all zeros)`, decl && "nameSpan" in decl ? decl.nameSpan : attn.nameSpan, [where]));
  }
  return out;
}
