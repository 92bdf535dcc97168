/**
 * The shared C-like expression printer. It prints an IR expression fully parenthesized in C
 * syntax, asking the language's `LangRules` for literals, variables, tensor reads and any op the
 * language spells differently. Nodes that already have a name (scheduled temporaries) are printed
 * as that name.
 */
import type { Node } from "../../compiler/ir/node.js";
import type { InputDecl } from "../../compiler/ir/program.js";
import type { LangRules } from "./emit-types.js";

const INFIX: Partial<Record<Node["op"], string>> = {
  add: "+", sub: "-", mul: "*", div: "/", lt: "<", le: "<=", eq: "==", ne: "!=", and: "&&", or: "||",
};

/**
 * A constant of magnitude 2^-126..2^126: a divisor for which the GPU languages' fast division is
 * accurate (CUDA `__fdividef` within 2 ulp of `/`; WGSL's `/` within 2.5 ulp, indeterminate for others).
 */
export function isNormalConstant(n: Node): boolean {
  if (n.op !== "const") return false;
  const d = Math.abs(Number((n.attr as { value: number }).value));
  return d >= 2 ** -126 && d <= 2 ** 126;
}

export function printExpr(root: Node, rules: LangRules, names: Map<Node, string>, inputs: Map<string, InputDecl>): string {
  const go = (n: Node): string => {
    const named = names.get(n);
    if (named) return named;
    const args = () => n.args.map(go);
    const special = rules.ops[n.op];
    if (n.op === "const") return rules.literal((n.attr as { value: number | boolean }).value, n.type);
    if (n.op === "var") return rules.varRef((n.attr as { name: string }).name, n.type);
    if (n.op === "load") {
      const t = (n.attr as { tensor: string }).tensor;
      return rules.load(inputs.get(t)!, args());
    }
    if (special) return special(args(), n);
    const infix = INFIX[n.op];
    if (infix) {
      const [a, b] = args();
      return `(${a} ${infix} ${b})`;
    }
    switch (n.op) {
      case "neg": return `(-${args()[0]})`;
      case "not": return `(!${args()[0]})`;
      case "select": {
        const [c, a, b] = args();
        return `(${c} ? ${a} : ${b})`;
      }
      default:
        return `${n.op}(${args().join(", ")})`;
    }
  };
  return go(root);
}
