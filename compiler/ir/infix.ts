/**
 * An IR expression in the language's own infix notation, for messages (`attnc analyze` names the
 * mask sub-expressions it could not prove free of 32-bit wrap).
 *
 * Contract: `infix(n, max)` is at most about `max` characters: a longer operand is cut to `…`.
 * Operators print as in the language (`/` and `%` are the int floor division and modulo, `?:`
 * is select); every operand that is not a leaf, call or read is parenthesized, so the text parses
 * back to the same tree. Iterative over the DAG (no recursion on user-sized input).
 */
import { topo, type Node } from "./node.js";

const INFIX: Partial<Record<Node["op"], string>> = {
  add: "+", sub: "-", mul: "*", div: "/", idiv: "/", imod: "%",
  lt: "<", le: "<=", eq: "==", ne: "!=", and: "&&", or: "||",
  band: "&", bor: "|", bxor: "^", shl: "<<", shr: ">>",
};
const CALL: Partial<Record<Node["op"], string>> = {
  abs: "abs", min: "min", max: "max", exp: "exp", log: "log", sqrt: "sqrt", tanh: "tanh",
  sigmoid: "sigmoid", pow: "pow", floor: "floor", itof: "float", ftoi: "int", ilog2: "ilog2",
};

function literal(n: Node): string {
  const v = (n.attr as { value: number | boolean }).value;
  if (typeof v === "boolean" || n.type === "int") return String(v);
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

export function infix(root: Node, max = 120): string {
  const text = new Map<Node, string>();
  const atomic = new Set<Node>();
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max)}…` : s);
  const arg = (n: Node) => (atomic.has(n) ? text.get(n)! : `(${text.get(n)!})`);
  for (const n of topo([root])) {
    const a = n.args;
    let s: string;
    let leaf = true;
    if (n.op === "const") s = literal(n);
    else if (n.op === "var") s = (n.attr as { name: string }).name;
    else if (n.op === "load") s = `${(n.attr as { tensor: string }).tensor}[${a.map((x) => text.get(x)!).join(", ")}]`;
    else if (CALL[n.op]) s = `${CALL[n.op]}(${a.map((x) => text.get(x)!).join(", ")})`;
    else if (INFIX[n.op]) {
      s = `${arg(a[0]!)} ${INFIX[n.op]} ${arg(a[1]!)}`;
      leaf = false;
    } else if (n.op === "neg" || n.op === "not") {
      s = `${n.op === "neg" ? "-" : "!"}${arg(a[0]!)}`;
      leaf = false;
    } else {
      // select
      s = `${arg(a[0]!)} ? ${arg(a[1]!)} : ${arg(a[2]!)}`;
      leaf = false;
    }
    text.set(n, cut(s));
    if (leaf && !s.startsWith("-")) atomic.add(n);
  }
  return text.get(root)!;
}
