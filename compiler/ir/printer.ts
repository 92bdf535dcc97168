/**
 * The IR's text form, used by `--emit ir` and by the before/after tests of every pass.
 *
 * Format: one expression per root, written as `op(args)` with literals, variables and tensor reads
 * inline (`3`, `1.5f`, `q`, `doc[b, q]`); an interior node used more than once is printed once as
 * `%N = ...` (N counts from 0 in print order) and referred to as `%N` afterwards.
 */
import { topo, type Node } from "./node.js";
import type { AttnIR } from "./program.js";
import { dimText } from "./dims.js";

function literal(n: Node): string {
  const v = (n.attr as { value: number | boolean }).value;
  if (typeof v === "boolean") return String(v);
  if (n.type === "int") return String(v);
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  const s = String(v);
  return /[.e]/.test(s) ? `${s}f` : `${s}.0f`;
}

/** Prints several named roots sharing one numbering of common subexpressions. */
export function printRoots(roots: [string, Node][]): string {
  const uses = new Map<Node, number>();
  for (const n of topo(roots.map((r) => r[1]))) for (const a of n.args) uses.set(a, (uses.get(a) ?? 0) + 1);
  const names = new Map<Node, string>();
  const lines: string[] = [];
  const isLeaf = (n: Node) => n.op === "const" || n.op === "var";
  const expr = (n: Node): string => {
    const named = names.get(n);
    if (named) return named;
    switch (n.op) {
      case "const": return literal(n);
      case "var": return (n.attr as { name: string }).name;
      case "load": return `${(n.attr as { tensor: string }).tensor}[${n.args.map(ref).join(", ")}]`;
      default: return `${n.op}(${n.args.map(ref).join(", ")})`;
    }
  };
  const ref = (n: Node): string => {
    const named = names.get(n);
    if (named) return named;
    const text = expr(n);
    if (!isLeaf(n) && (uses.get(n) ?? 0) > 1) {
      const name = `%${names.size}`;
      lines.push(`${name} = ${text} : ${n.type}`);
      names.set(n, name);
      return name;
    }
    return text;
  };
  for (const [label, root] of roots) lines.push(`${label} = ${ref(root)} : ${root.type}`);
  return lines.join("\n");
}

export function printNode(n: Node): string {
  return printRoots([["root", n]]);
}

/** The whole program: header, declarations and the mask and score (and the sink, when there is one). */
export function printProgram(ir: AttnIR): string {
  const head = [`attention ${ir.name} (normalize ${ir.normalize})`];
  for (const p of ir.params) head.push(`param ${p.name}: ${p.type} = ${p.value}`);
  for (const i of ir.inputs) {
    const dims = i.dims.map(dimText);
    head.push(`input ${i.name}: ${i.dtype}[${dims.join(", ")}]`);
  }
  const roots: [string, Node][] = [["mask", ir.mask], ["score", ir.score], ...(ir.sink ? [["sink", ir.sink] as [string, Node]] : [])];
  return `${head.join("\n")}\n${printRoots(roots)}\n`;
}
