/**
 * The shared emitter: prints a kernel plan's expressions (hoisted values, mask, score, tile
 * classifier, key range) in one backend's language, as the strings its skeleton's holes take.
 * See emit-types.ts for the contract of the result.
 *
 * Every printed value is bounded in nesting: a subexpression deeper than the language's
 * `maxExprDepth` (default 12 IR levels), or used twice, becomes a temporary declared before its
 * use — when it may be evaluated there (`speculable`: it reads no tensor the language might not
 * read, or the target clamps every read). Compilers have recursion limits (Tint rejects deep
 * expressions; prettier and nvcc slow down), and tile classifiers are long `&&`/`||` chains.
 */
import type { Node } from "../../compiler/ir/node.js";
import type { InputDecl } from "../../compiler/ir/program.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import { speculable, useCounts, type ScheduledValue } from "../../compiler/plan/schedule.js";
import { topo } from "../../compiler/ir/node.js";
import { printExpr } from "./cprinter.js";
import type { EmittedKernel, LangRules, Printed, Stmt } from "./emit-types.js";

export type { EmittedGrad, EmittedKernel, EmittedSite, LangRules, Printed, Stmt } from "./emit-types.js";

export const DEFAULT_MAX_EXPR_DEPTH = 12;

interface Ctx {
  rules: LangRules;
  inputs: Map<string, InputDecl>;
  allReadsSafe: boolean;
  maxDepth: number;
}

const isLeaf = (n: Node) => n.op === "const" || n.op === "var";

/**
 * Prints `root` (names in `names` are printed as themselves; new temporaries are added to it):
 * shared or too-deep speculable subexpressions become temporaries `prefix<id>`.
 */
export function printBounded(root: Node, prefix: string, names: Map<Node, string>, c: Ctx): Printed {
  const p = printMany([root], prefix, names, c);
  return { pre: p.pre, expr: p.exprs[0]! };
}

/**
 * Prints several roots that are all evaluated at the same point, sharing their temporaries: a
 * subexpression used twice anywhere among them, or too deep, becomes one temporary when it may be
 * evaluated there (it is speculable in some root: every root is evaluated unconditionally).
 */
export function printMany(roots: readonly Node[], prefix: string, names: Map<Node, string>, c: Ctx): { pre: Stmt[]; exprs: string[] } {
  const ok = new Set<Node>();
  for (const r of roots) for (const n of speculable(r, [...c.inputs.values()], { allReadsSafe: c.allReadsSafe, strictReadsSafe: true })) ok.add(n);
  const useCount = useCounts(roots);
  const pre: Stmt[] = [];
  const depth = new Map<Node, number>();
  for (const n of topo(roots)) {
    if (isLeaf(n) || names.has(n)) {
      depth.set(n, 0);
      continue;
    }
    const d = 1 + Math.max(0, ...n.args.map((a) => depth.get(a) ?? 0));
    // a root is named when another root uses it or is the same node (ds and a site's derivative may be)
    const asRoot = roots.filter((r) => r === n).length;
    const uses = (useCount.get(n) ?? 0) + Math.max(0, asRoot - 1);
    if (ok.has(n) && (asRoot > 0 ? uses > 0 : uses > 1 || d > c.maxDepth)) {
      const name = `${prefix}${n.id}`;
      pre.push({ name, type: n.type, expr: printExpr(n, c.rules, names, c.inputs) });
      names.set(n, name);
      depth.set(n, 0);
    } else depth.set(n, d);
  }
  return { pre, exprs: roots.map((r) => printExpr(r, c.rules, names, c.inputs)) };
}

/** Declarations of scheduled values, each printed bounded, in order; each value is then named. */
function declare(values: ScheduledValue[], names: Map<Node, string>, c: Ctx): Stmt[] {
  const out: Stmt[] = [];
  for (const v of values) {
    const p = printBounded(v.node, `${v.name}_`, names, c);
    out.push(...p.pre, { name: v.name, type: v.node.type, expr: p.expr });
    names.set(v.node, v.name);
  }
  return out;
}

export function emitKernel(plan: KernelPlan, rules: LangRules): EmittedKernel {
  const c: Ctx = {
    rules,
    inputs: new Map(plan.inputs.map((i) => [i.name, i])),
    allReadsSafe: plan.speculativeReads,
    maxDepth: rules.maxExprDepth ?? DEFAULT_MAX_EXPR_DEPTH,
  };
  const names = new Map<Node, string>();
  const head = declare(plan.schedule.values.filter((v) => v.level === "head"), names, c);
  const row = declare(plan.schedule.values.filter((v) => v.level === "row"), names, c);
  // the column reads' own index temporaries stay inside their declarations (a backend provides the
  // reads by name, not their temporaries): declared against a copy, then only the reads are named
  const col = rules.columnValues ? declare(plan.schedule.columns, new Map(names), c) : [];
  if (rules.columnValues) for (const v of plan.schedule.columns) names.set(v.node, v.name);
  const perEntry = (root: Node, temps: ScheduledValue[], prefix: string): Printed => {
    const local = new Map(names);
    const pre = declare(temps, local, c);
    const p = printBounded(root, prefix, local, c);
    return { pre: [...pre, ...p.pre], expr: p.expr };
  };
  const perTile = (root: Node, prefix: string) => printBounded(root, prefix, new Map(), c);
  const out: EmittedKernel = {
    head,
    row,
    col,
    mask: perEntry(plan.mask, plan.schedule.maskTemps, "tmd"),
    score: perEntry(plan.score, plan.schedule.scoreTemps, "tsd"),
    anyVisible: perTile(plan.classify.anyVisible, "tca"),
    allVisible: perTile(plan.classify.allVisible, "tcf"),
  };
  if (plan.kvRange) out.kvRange = { lo: perTile(plan.kvRange.lo, "tkl"), hi: perTile(plan.kvRange.hi, "tkh") };
  if (plan.sink) out.sink = printBounded(plan.sink, "tsk", new Map(), c);
  if (plan.grad) {
    const g = plan.grad;
    const local = new Map(names);
    const roots = [plan.score, ...(g.ds ? [g.ds] : []), ...g.sites.map((x) => x.d)];
    const p = printMany(roots, "tg", local, c);
    const siteExprs = p.exprs.slice(g.ds ? 2 : 1);
    out.grad = {
      pre: p.pre,
      score: p.exprs[0]!,
      ds: g.ds ? p.exprs[1]! : null,
      sites: g.sites.map((x, i) => ({ tensor: x.tensor, d: siteExprs[i]!, idx: printMany(x.load.args, `ti${i}_`, new Map(local), c) })),
    };
    if (plan.sink && g.sink) {
      // the sink's value and slopes, printed together (their own names: only b h q and the sizes)
      const own = new Map<Node, string>();
      const k = printMany([plan.sink, ...g.sink.sites.map((x) => x.d)], "tgk", own, c);
      out.grad.sink = {
        pre: k.pre,
        value: k.exprs[0]!,
        sites: g.sink.sites.map((x, i) => ({ tensor: x.tensor, d: k.exprs[i + 1]!, idx: printMany(x.load.args, `tik${i}_`, new Map(own), c) })),
      };
    }
  }
  return out;
}
