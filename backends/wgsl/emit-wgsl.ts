/**
 * The WGSL variant of the shared emitter (backends/shared/emit.ts): the same result
 * (`EmittedKernel`), from the same schedule and the same printer (cprinter.ts with `wgslRules`),
 * but no printed expression nests deeper than `MAX_DEPTH` IR levels.
 *
 * Why: Tint (Dawn's and Chrome's WGSL compiler) rejects deeply nested expressions ("maximum
 * parser recursive depth reached"); classifiers of dilated/neighborhood masks reach that. A node
 * deeper than the limit, or used twice, becomes a `let` temporary `tw<id>` declared in the `pre`
 * statements before its use. Such a temporary may evaluate an operand of `select`, `&&` or `||`
 * that the language would skip: harmless in WGSL, where no expression can trap (tensor reads are
 * clamped, int division is total, floats do not trap), so results are unchanged.
 */
import type { Node } from "../../compiler/ir/node.js";
import type { InputDecl } from "../../compiler/ir/program.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import type { ScheduledValue } from "../../compiler/plan/schedule.js";
import { printExpr } from "../shared/cprinter.js";
import type { EmittedKernel, LangRules, Printed, Stmt } from "../shared/emit-types.js";

export const MAX_DEPTH = 6;

const isLeaf = (n: Node) => n.op === "const" || n.op === "var";

/** Prints `root` with temporaries for deep or shared subtrees (see the header). */
export function printBounded(root: Node, rules: LangRules, names: Map<Node, string>, inputs: Map<string, InputDecl>, prefix = "tw"): Printed {
  const uses = new Map<Node, number>();
  const count = (n: Node) => {
    uses.set(n, (uses.get(n) ?? 0) + 1);
    if (uses.get(n)! > 1 || names.has(n) || isLeaf(n)) return;
    for (const a of n.args) count(a);
  };
  count(root);
  const pre: Stmt[] = [];
  const depth = new Map<Node, number>();
  const visit = (n: Node): number => {
    if (names.has(n) || isLeaf(n)) return 0;
    const known = depth.get(n);
    if (known !== undefined) return known;
    const d = 1 + Math.max(0, ...n.args.map(visit));
    if (n !== root && (d > MAX_DEPTH || (uses.get(n) ?? 0) > 1)) {
      const name = `${prefix}${n.id}`;
      pre.push({ name, type: n.type, expr: printExpr(n, rules, names, inputs) });
      names.set(n, name);
      depth.set(n, 0);
      return 0;
    }
    depth.set(n, d);
    return d;
  };
  visit(root);
  return { pre, expr: printExpr(root, rules, names, inputs) };
}

function stmts(values: ScheduledValue[], rules: LangRules, names: Map<Node, string>, inputs: Map<string, InputDecl>): Stmt[] {
  const out: Stmt[] = [];
  for (const v of values) {
    const p = printBounded(v.node, rules, names, inputs);
    out.push(...p.pre, { name: v.name, type: v.node.type, expr: p.expr });
    names.set(v.node, v.name);
  }
  return out;
}

export function emitBounded(plan: KernelPlan, rules: LangRules): EmittedKernel {
  const inputs = new Map(plan.inputs.map((i) => [i.name, i]));
  const names = new Map<Node, string>();
  const head = stmts(plan.schedule.values.filter((v) => v.level === "head"), rules, names, inputs);
  const row = stmts(plan.schedule.values.filter((v) => v.level === "row"), rules, names, inputs);
  const withTemps = (root: Node, temps: ScheduledValue[]): Printed => {
    const local = new Map(names);
    const pre = stmts(temps, rules, local, inputs);
    const p = printBounded(root, rules, local, inputs);
    return { pre: [...pre, ...p.pre], expr: p.expr };
  };
  const tile = (root: Node, prefix: string) => printBounded(root, rules, new Map(), inputs, prefix);
  const out: EmittedKernel = {
    head,
    row,
    mask: withTemps(plan.mask, plan.schedule.maskTemps),
    score: withTemps(plan.score, plan.schedule.scoreTemps),
    anyVisible: tile(plan.classify.anyVisible, "tca"),
    allVisible: tile(plan.classify.allVisible, "tcf"),
  };
  if (plan.kvRange) out.kvRange = { lo: tile(plan.kvRange.lo, "tkl"), hi: tile(plan.kvRange.hi, "tkh") };
  return out;
}
