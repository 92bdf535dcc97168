/**
 * Placeholder: replaced by the real scheduler (which subexpressions are computed per head, per
 * query row, per element). See kernel-plan.ts.
 */
import type { Node } from "../ir/node.js";

export type Level = "head" | "row" | "elem";

export interface ScheduledValue {
  /** name used by every backend for this temporary: `t<id>` */
  name: string;
  node: Node;
  level: Level;
}

export interface Schedule {
  values: ScheduledValue[];
}
