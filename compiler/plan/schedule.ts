/**
 * The scheduler: decides, for the mask and the score, which subexpressions are computed once per
 * head, once per query row, or per element, and which per-element values are shared.
 *
 * Contract (what every backend can rely on):
 * - A value at level `head` reads only b, h and the sizes; at `row` also q; `elem` reads kv or s.
 * - Hoisting never evaluates a tensor read where the language would not, unless the read is
 *   provably in bounds (`readInBounds`): mask values are evaluated for every in-range (q, kv)
 *   anyway, so their always-evaluated reads may move to the row or head; score values with other
 *   reads stay inside the mask guard unless the mask is `true`.
 *   Nodes reached only through a lazy operand (`select` branches, right side of `&&`/`||`) are
 *   never made temporaries: they stay inline where the language evaluates them.
 * - `values` lists hoisted values (levels head and row) in dependency order; `maskTemps` and
 *   `scoreTemps` list the per-element shared values of each root separately (the score must not
 *   rely on the mask's temporaries: full tiles skip the mask).
 */
import { constValue, freeVars, tensorName, topo, varName, type Node } from "../ir/node.js";
import type { InputDecl } from "../ir/program.js";

export type Level = "head" | "row" | "elem";

export interface ScheduledValue {
  /** the name every backend uses for this temporary */
  name: string;
  node: Node;
  level: Level;
}

export interface Schedule {
  /** hoisted values, levels head then row, each in dependency order */
  values: ScheduledValue[];
  /** per-element temporaries of the mask / the score, in dependency order */
  maskTemps: ScheduledValue[];
  scoreTemps: ScheduledValue[];
}

export function levelOf(n: Node): Level {
  const fv = freeVars(n);
  if (fv.has("kv") || fv.has("s")) return "elem";
  if (fv.has("q")) return "row";
  return "head";
}

/** The index variable that ranges exactly over each size (so `t[h]` with dim H is in bounds). */
const RANGE_OF: Record<string, string> = { b: "B", h: "H", q: "Q_LEN", kv: "KV_LEN" };

/** A read provably in bounds: each index is a literal inside a literal dim, or the index
 * variable of that dim's size (`slopes[h]` with `slopes: f32[H]`, `doc[b, q]` with [B, Q_LEN]). */
export function readInBounds(n: Node, inputs: readonly InputDecl[]): boolean {
  const decl = inputs.find((i) => i.name === tensorName(n));
  if (!decl) return false;
  return n.args.every((a, i) => {
    const d = decl.dims[i]!;
    const c = constValue(a);
    if (typeof c === "number") return d.kind === "const" && c >= 0 && c < d.value;
    const v = varName(a);
    return v !== undefined && d.kind === "size" && RANGE_OF[v] === d.name;
  });
}

const hasRiskyLoad = (n: Node, inputs: readonly InputDecl[]) =>
  topo([n]).some((m) => m.op === "load" && !readInBounds(m, inputs));
const isLeaf = (n: Node) => n.op === "const" || n.op === "var";

/** Nodes evaluated whenever `root` is (not only under a lazy operand), and use counts among them. */
export function strictNodes(root: Node): { strict: Set<Node>; uses: Map<Node, number> } {
  const strict = new Set<Node>();
  const uses = new Map<Node, number>();
  const visit = (n: Node) => {
    uses.set(n, (uses.get(n) ?? 0) + 1);
    if (strict.has(n)) return;
    strict.add(n);
    const lazyFrom = n.op === "select" ? 1 : n.op === "and" || n.op === "or" ? 1 : n.args.length;
    n.args.forEach((a, i) => {
      if (i < lazyFrom) visit(a);
    });
  };
  visit(root);
  return { strict, uses };
}

/**
 * `speculativeReads`: the target clamps every tensor index (GPU backends), so a read can never
 * fail and may be hoisted out of the mask guard.
 */
export function schedule(
  mask: Node,
  score: Node,
  maskIsTrue: boolean,
  inputs: readonly InputDecl[],
  speculativeReads = false,
): Schedule {
  const hoisted = new Map<Node, Level>();
  const consider = (root: Node, readsAllowed: boolean) => {
    const { strict } = strictNodes(root);
    for (const n of topo([root])) {
      if (isLeaf(n) || !strict.has(n)) continue;
      const lvl = levelOf(n);
      if (lvl === "elem") continue;
      if (!readsAllowed && hasRiskyLoad(n, inputs)) continue;
      hoisted.set(n, lvl);
    }
  };
  consider(mask, true);
  consider(score, maskIsTrue || speculativeReads);
  // keep only values some non-hoisted (or root) node uses: the maximal hoisted subtrees,
  // plus shared hoisted subtrees (used by two or more hoisted values)
  const usedBy = new Map<Node, number>();
  for (const n of topo([mask, score])) for (const a of n.args) usedBy.set(a, (usedBy.get(a) ?? 0) + 1);
  const needed = new Set<Node>();
  for (const n of topo([mask, score])) {
    if (hoisted.has(n)) continue;
    for (const a of n.args) if (hoisted.has(a)) needed.add(a);
  }
  for (const r of [mask, score]) if (hoisted.has(r)) needed.add(r);
  for (const [n] of hoisted) if ((usedBy.get(n) ?? 0) > 1) needed.add(n);
  const values: ScheduledValue[] = [];
  for (const lvl of ["head", "row"] as const) {
    for (const n of topo([mask, score])) {
      if (needed.has(n) && hoisted.get(n) === lvl) values.push({ name: `t${lvl[0]}${n.id}`, node: n, level: lvl });
    }
  }
  const temps = (root: Node, prefix: string): ScheduledValue[] => {
    const { strict, uses } = strictNodes(root);
    const out: ScheduledValue[] = [];
    for (const n of topo([root])) {
      if (isLeaf(n) || hoisted.has(n) || !strict.has(n) || n === root) continue;
      if ((uses.get(n) ?? 0) > 1) out.push({ name: `${prefix}${n.id}`, node: n, level: "elem" });
    }
    return out;
  };
  return { values, maskTemps: maskIsTrue ? [] : temps(mask, "tm"), scoreTemps: temps(score, "ts") };
}
