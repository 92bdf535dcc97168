/**
 * The scheduler: decides, for the mask and the score, which subexpressions are computed once per
 * head, once per query row, or per element, and which per-element values are shared.
 *
 * Contract (what every backend can rely on):
 * - A value at level `head` reads only b, h and the sizes; at `row` also q; `col` kv but not q
 *   (only in `columns`, below); `elem` reads kv and q, or s.
 * - `columns` are the tensor reads that depend on kv but not on q or s (`doc[b, kv]`): one value
 *   per key column, the same for every query row. A backend may read each once per key of a tile
 *   (CUDA stages them in shared memory next to K); one that does not simply prints them inline.
 *   Only reads that `speculable` allows are columns (with `speculativeReads`, every one: the
 *   target clamps indices, so it may also read them for keys past KV_LEN). They never change
 *   `values`, `maskTemps` or `scoreTemps`.
 * - Hoisting and temporaries never evaluate a tensor read where the language would not, unless
 *   the read is provably in bounds (`readInBounds`) or the target clamps every index: mask values
 *   are evaluated for every in-range (q, kv) anyway, so their always-evaluated reads may move to
 *   the row or head; score values with other reads stay inside the mask guard unless the mask is
 *   `true`. Under a lazy operand (`select` branches, right side of `&&`/`||`) only nodes without
 *   such reads are shared or hoisted (see `speculable`).
 * - `values` lists hoisted values (levels head and row) in dependency order; `maskTemps` and
 *   `scoreTemps` list the per-element shared values of each root separately (the score must not
 *   rely on the mask's temporaries: full tiles skip the mask).
 */
import { constValue, freeVars, tensorName, topo, varName, type Node } from "../ir/node.js";
import type { InputDecl } from "../ir/program.js";

export type Level = "head" | "row" | "col" | "elem";

export interface ScheduledValue {
  /** the name every backend uses for this temporary */
  name: string;
  node: Node;
  level: Level;
}

export interface Schedule {
  /** hoisted values, levels head then row, each in dependency order */
  values: ScheduledValue[];
  /** per-key-column tensor reads (level col) of the mask and the score, in dependency order */
  columns: ScheduledValue[];
  /** per-element temporaries of the mask / the score, in dependency order */
  maskTemps: ScheduledValue[];
  scoreTemps: ScheduledValue[];
}

export function levelOf(n: Node): Level {
  const fv = freeVars(n);
  if (fv.has("s") || (fv.has("kv") && fv.has("q"))) return "elem";
  if (fv.has("kv")) return "col";
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

const isLeaf = (n: Node) => n.op === "const" || n.op === "var";

/** Nodes evaluated whenever `root` is (not only under a lazy operand). */
export function strictNodes(root: Node): Set<Node> {
  const strict = new Set<Node>([root]);
  const stack = [root]; // iterative: classifier and mask DAGs may be thousands of nodes deep
  while (stack.length) {
    const n = stack.pop()!;
    const lazyFrom = n.op === "select" || n.op === "and" || n.op === "or" ? 1 : n.args.length;
    for (let i = 0; i < lazyFrom; i++) {
      const a = n.args[i]!;
      if (!strict.has(a)) {
        strict.add(a);
        stack.push(a);
      }
    }
  }
  return strict;
}

/** Nodes whose subtree contains a read not provably in bounds. */
function riskyNodes(root: Node, inputs: readonly InputDecl[]): Set<Node> {
  const risky = new Set<Node>();
  for (const n of topo([root])) {
    if ((n.op === "load" && !readInBounds(n, inputs)) || n.args.some((a) => risky.has(a))) risky.add(n);
  }
  return risky;
}

/**
 * The nodes of `root` that may be evaluated whenever `root` is, even if the language would
 * evaluate them only under a lazy operand: a node with no risky read can never fail (int division
 * by zero is defined; float ops give inf/NaN that are then unused), and a strict node is evaluated
 * anyway. `allReadsSafe`: the target clamps every index. `strictReadsSafe`: strict nodes with
 * risky reads may be evaluated in this context (false when moving a score value out of the guard).
 */
export function speculable(
  root: Node,
  inputs: readonly InputDecl[],
  opts: { allReadsSafe: boolean; strictReadsSafe: boolean },
): Set<Node> {
  const all = topo([root]);
  if (opts.allReadsSafe) return new Set(all);
  const risky = riskyNodes(root, inputs);
  const strict = opts.strictReadsSafe ? strictNodes(root) : new Set<Node>();
  return new Set(all.filter((n) => !risky.has(n) || strict.has(n)));
}

/** How many parents each node has in the DAG under `roots`. */
export function useCounts(roots: readonly Node[]): Map<Node, number> {
  const uses = new Map<Node, number>();
  for (const n of topo(roots)) for (const a of n.args) uses.set(a, (uses.get(a) ?? 0) + 1);
  return uses;
}

export function schedule(
  mask: Node,
  score: Node,
  maskIsTrue: boolean,
  inputs: readonly InputDecl[],
  speculativeReads = false,
): Schedule {
  const hoisted = new Map<Node, Level>();
  const columnReads = new Set<Node>();
  const consider = (root: Node, strictReadsSafe: boolean) => {
    const ok = speculable(root, inputs, { allReadsSafe: speculativeReads, strictReadsSafe });
    for (const n of topo([root])) {
      if (isLeaf(n) || !ok.has(n)) continue;
      const lvl = levelOf(n);
      if (lvl === "head" || lvl === "row") hoisted.set(n, lvl);
      else if (lvl === "col" && n.op === "load") columnReads.add(n);
    }
  };
  consider(mask, true);
  consider(score, maskIsTrue);
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
  const temps = (root: Node, prefix: string): ScheduledValue[] =>
    sharedTemps(root, prefix, inputs, speculativeReads, (n) => hoisted.has(n));
  const columns = topo([mask, score])
    .filter((n) => columnReads.has(n))
    .map((n): ScheduledValue => ({ name: `tcol${n.id}`, node: n, level: "col" }));
  return { values, columns, maskTemps: maskIsTrue ? [] : temps(mask, "tm"), scoreTemps: temps(score, "ts") };
}

/**
 * The per-entry temporaries of `root`: interior nodes used more than once that may be evaluated
 * whenever `root` is (see `speculable`) and that `skip` does not name, in dependency order.
 * (How deep a printed expression may nest is a printing matter: backends/shared/emit.ts.)
 */
export function sharedTemps(
  root: Node,
  prefix: string,
  inputs: readonly InputDecl[],
  allReadsSafe: boolean,
  skip: (n: Node) => boolean = () => false,
): ScheduledValue[] {
  const ok = speculable(root, inputs, { allReadsSafe, strictReadsSafe: true });
  const uses = useCounts([root]);
  const out: ScheduledValue[] = [];
  for (const n of topo([root])) {
    if (isLeaf(n) || n === root || skip(n) || !ok.has(n)) continue;
    if ((uses.get(n) ?? 0) > 1) out.push({ name: `${prefix}${n.id}`, node: n, level: "elem" });
  }
  return out;
}
