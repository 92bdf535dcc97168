/**
 * The rewrite engine: simplification written as data (tables of rules), applied bottom-up to a
 * fixpoint. A rule is tried on nodes of its ops only; it returns a replacement or null.
 *
 * Contract: a rule must preserve meaning exactly (same value on every environment, and never read
 * a tensor where the original did not), and must keep the node's type.
 */
import { rewriteBottomUp, type Node, type Op } from "./node.js";

export interface Rule {
  name: string;
  ops: readonly Op[];
  rewrite(n: Node): Node | null;
}

export type RuleTable = Map<Op, Rule[]>;

export function ruleTable(rules: readonly Rule[]): RuleTable {
  const t: RuleTable = new Map();
  for (const r of rules) for (const op of r.ops) t.set(op, [...(t.get(op) ?? []), r]);
  return t;
}

/** Applies the rules bottom-up until no rule fires (bounded; rules must terminate). */
export function rewriteFix(root: Node, table: RuleTable, maxRounds = 50): Node {
  const memo = new Map<Node, Node>();
  const step = (n: Node): Node => {
    let cur = n;
    for (let guard = 0; guard < 100; guard++) {
      const rules = table.get(cur.op);
      let next: Node | null = null;
      for (const r of rules ?? []) {
        next = r.rewrite(cur);
        if (next && next !== cur) break;
        next = null;
      }
      if (!next) return cur;
      if (next.type !== cur.type) throw new Error(`rewrite changed a type (${cur.op} -> ${next.op})`);
      // the replacement may itself be rewritable below its root
      cur = rewriteBottomUp(next, step, memo);
    }
    return cur;
  };
  let cur = root;
  for (let i = 0; i < maxRounds; i++) {
    const next = rewriteBottomUp(cur, step, memo);
    if (next === cur) return cur;
    cur = next;
  }
  return cur;
}
