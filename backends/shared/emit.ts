/**
 * The shared emitter: prints a kernel plan's expressions (hoisted values, mask, score, tile
 * classifier, key range) in one backend's language, as the strings its skeleton's holes take.
 * See emit-types.ts for the contract of the result.
 */
import type { Node } from "../../compiler/ir/node.js";
import type { InputDecl } from "../../compiler/ir/program.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import { sharedTemps, type ScheduledValue } from "../../compiler/plan/schedule.js";
import { printExpr } from "./cprinter.js";
import type { EmittedKernel, LangRules, Printed, Stmt } from "./emit-types.js";

export type { EmittedKernel, LangRules, Printed, Stmt } from "./emit-types.js";

function stmts(values: ScheduledValue[], rules: LangRules, names: Map<Node, string>, inputs: Map<string, InputDecl>): Stmt[] {
  const out: Stmt[] = [];
  for (const v of values) {
    // print before naming, so the value's own expression is not just its name
    out.push({ name: v.name, type: v.node.type, expr: printExpr(v.node, rules, names, inputs) });
    names.set(v.node, v.name);
  }
  return out;
}

/** Prints `root` with temporaries for its shared subexpressions (prefix `prefix`). */
export function printWithTemps(
  root: Node,
  prefix: string,
  rules: LangRules,
  inputs: Map<string, InputDecl>,
  allReadsSafe: boolean,
): Printed {
  const names = new Map<Node, string>();
  const pre = stmts(sharedTemps(root, prefix, [...inputs.values()], allReadsSafe), rules, names, inputs);
  return { pre, expr: printExpr(root, rules, names, inputs) };
}

export function emitKernel(plan: KernelPlan, rules: LangRules): EmittedKernel {
  const inputs = new Map(plan.inputs.map((i) => [i.name, i]));
  const names = new Map<Node, string>();
  const head = stmts(plan.schedule.values.filter((v) => v.level === "head"), rules, names, inputs);
  const row = stmts(plan.schedule.values.filter((v) => v.level === "row"), rules, names, inputs);
  const withTemps = (root: Node, temps: ScheduledValue[]): Printed => {
    const local = new Map(names);
    const pre = stmts(temps, rules, local, inputs);
    return { pre, expr: printExpr(root, rules, local, inputs) };
  };
  const safe = plan.speculativeReads;
  const out: EmittedKernel = {
    head,
    row,
    mask: withTemps(plan.mask, plan.schedule.maskTemps),
    score: withTemps(plan.score, plan.schedule.scoreTemps),
    anyVisible: printWithTemps(plan.classify.anyVisible, "tca", rules, inputs, safe),
    allVisible: printWithTemps(plan.classify.allVisible, "tcf", rules, inputs, safe),
  };
  if (plan.kvRange) {
    out.kvRange = {
      lo: printWithTemps(plan.kvRange.lo, "tkl", rules, inputs, safe),
      hi: printWithTemps(plan.kvRange.hi, "tkh", rules, inputs, safe),
    };
  }
  return out;
}
