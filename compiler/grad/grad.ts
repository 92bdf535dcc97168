/**
 * Stage `grad`: the derivatives of a program's score that a backward kernel prints, computed from
 * the optimized IR by symbolic differentiation (derive.ts) and simplified by the passes' rules.
 *
 * With `L(i, j)` the score of a visible entry, the backward needs, per entry,
 * - `ds`: dL/ds, which carries dL into dq and dk (s = scale · q·k);
 * - per float tensor read `T[idx]` of the score (a *site*): dL/dT[idx], added into `d_T[idx]`.
 *
 * Contract: each derivative is IR over the same variables as the score (s, b, h, q, kv, the sizes,
 * tensor reads), simplified; it reads tensors only where the score does (the derivative of a
 * `select` branch stays under that branch's condition), so a backend may evaluate it wherever it
 * evaluates the score. `ds` is null when the score does not depend on `s` differentiably (dq and
 * dk are then exactly zero); a site exists for every float read whose derivative is not
 * structurally zero. The mask has no derivative (it is piecewise constant in q and k): masked
 * entries contribute nothing, and a tensor read only by the mask gets a zero gradient.
 *
 * A program with a sink (a per-row logit S of the denominator) also gets `sink.sites`: per float
 * tensor read of S, dS/dread. With the loss Σ o · dO, dloss/dS = -P_sink · Δ per row, where
 * P_sink = exp(S - lse) and Δ = dO · o (the sink has no value row); a backend adds that times each
 * site's slope into the tensor's gradient, once per row.
 */
import { topo, tensorName, type Node } from "../ir/node.js";
import { printRoots } from "../ir/printer.js";
import type { AttnIR } from "../ir/program.js";
import { foldConstants } from "../passes/fold-constants.js";
import { simplify } from "../passes/simplify.js";
import { v } from "../ir/builder.js";
import { derive } from "./derive.js";

export interface GradSite {
  /** the float tensor read of the score; its indices say which element receives the gradient */
  load: Node;
  tensor: string;
  /** d score / d (this read) */
  d: Node;
}

export interface ScoreGrad {
  /** d score / d s; null when the score does not depend on s differentiably */
  ds: Node | null;
  /** the score's differentiable float tensor reads, in evaluation order */
  sites: GradSite[];
  /** the f32 inputs whose gradient is identically zero (never read by the score or the sink, or read
   * only through the mask, indices, comparisons, `floor` or `int()`) */
  zeroTensors: string[];
  /** the sink's differentiable float tensor reads (present when the program has a sink) */
  sink?: { sites: GradSite[] };
}

const tidy = (n: Node): Node => foldConstants(simplify(foldConstants(n)));

/** The differentiable float tensor reads of `root` and its derivative with respect to each. */
function sitesOf(root: Node): GradSite[] {
  const sites: GradSite[] = [];
  for (const n of topo([root])) {
    if (n.op !== "load" || n.type !== "float") continue;
    const d = derive(root, n);
    if (d !== null) sites.push({ load: n, tensor: tensorName(n)!, d: tidy(d) });
  }
  return sites;
}

export function scoreGrad(ir: AttnIR): ScoreGrad {
  const dS = derive(ir.score, v("s", "float"));
  const sites = sitesOf(ir.score);
  const sink = ir.sink ? { sites: sitesOf(ir.sink) } : undefined;
  const reached = new Set([...sites, ...(sink?.sites ?? [])].map((s) => s.tensor));
  const zeroTensors = ir.inputs.filter((i) => i.dtype === "f32" && !reached.has(i.name)).map((i) => i.name);
  return { ds: dS === null ? null : tidy(dS), sites, zeroTensors, ...(sink ? { sink } : {}) };
}

/**
 * The text of `--emit grad`: the score's derivatives in the IR's text form, sharing numbered
 * subexpressions: `ds` (or `ds = 0` when structurally zero), one `d NAME[indices]` per site, the
 * sink's sites (`dsink<i>`), and the tensors whose gradient is zero.
 */
export function printGrad(name: string, g: ScoreGrad): string {
  const roots: [string, Node][] = [];
  if (g.ds) roots.push(["ds", g.ds]);
  g.sites.forEach((s, i) => roots.push([`d${i}`, s.d]));
  g.sink?.sites.forEach((s, i) => roots.push([`dsink${i}`, s.d]));
  const read = (n: Node) => printRoots([["r", n]]).replace(/^r = | : float$/g, "");
  const lines = [`grad ${name}`];
  if (!g.ds) lines.push("ds = 0 (the score does not depend on s differentiably)");
  g.sites.forEach((s, i) => lines.push(`site d${i}: d score / d ${read(s.load)}`));
  g.sink?.sites.forEach((s, i) => lines.push(`site dsink${i}: d sink / d ${read(s.load)} (times -P_sink * delta per row)`));
  if (roots.length) lines.push(printRoots(roots));
  if (g.zeroTensors.length) lines.push(`zero gradient: ${g.zeroTensors.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
