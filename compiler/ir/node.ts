/**
 * The IR: one small immutable, hash-consed expression node.
 *
 * Contract: nodes are only made through `mk` (or the helpers in builder.ts), which interns them,
 * so structurally equal nodes are the same object: equality is `===` and common subexpressions are
 * shared for free. A node's `type` is fixed by its op and arguments (see `verify`).
 *
 * Integer semantics (every backend): 32-bit two's-complement, wrapping on overflow; `idiv`/`imod`
 * are floor division and modulo; division by zero gives `x / 0 == 0` and `x % 0 == x` (so
 * `x == (x / y) * y + x % y` always holds). `ftoi` truncates toward zero and saturates to the
 * int range; NaN converts to 0. Shifts mask their amount to 5 bits (`x << 33 == x << 1`), `>>` is
 * arithmetic, `ilog2(x) == -1` for `x <= 0`.
 */

export type Type = "int" | "float" | "bool";

/** Every op, with its argument count (-1: variadic) and result-type rule documented in verify.ts. */
export const OPS = {
  /** literal: attr.value (number or boolean); type given. */
  const: 0,
  /** variable: attr.name; the index vars b h q kv, the score s, the sizes B H H_KV Q_LEN KV_LEN D,
   * and, inside tile classifiers, the tile bounds qlo qhi kvlo kvhi (inclusive). */
  var: 0,
  /** tensor read: attr.tensor; args are int indices; type from the tensor's dtype. */
  load: -1,
  add: 2, sub: 2, mul: 2,
  /** float division */
  div: 2,
  /** int floor division / floor modulo (see header) */
  idiv: 2, imod: 2,
  neg: 1, abs: 1, min: 2, max: 2,
  lt: 2, le: 2, eq: 2, ne: 2,
  and: 2, or: 2, not: 1,
  /** select(cond, a, b): a if cond else b */
  select: 3,
  exp: 1, log: 1, sqrt: 1, tanh: 1, sigmoid: 1, pow: 2, floor: 1,
  /** int -> float */
  itof: 1,
  /** float -> int (truncate toward zero, saturating; NaN -> 0) */
  ftoi: 1,
  /** int bitwise and / or / xor of the two's-complement bits */
  band: 2, bor: 2, bxor: 2,
  /** int shifts: the amount is masked to its low 5 bits (`b & 31`, as JavaScript and Java);
   * `shl` shifts the bits left (wrapping), `shr` is the arithmetic (sign-extending) right shift */
  shl: 2, shr: 2,
  /** int floor(log2 x) for x >= 1; -1 for x <= 0 */
  ilog2: 1,
} as const;

export type Op = keyof typeof OPS;

export interface Node {
  readonly op: Op;
  readonly type: Type;
  readonly args: readonly Node[];
  readonly attr: Attr;
  /** Unique id, in creation order (so a node's args always have smaller ids). */
  readonly id: number;
}

export type Attr =
  | null
  | { readonly value: number | boolean }
  | { readonly name: string }
  | { readonly tensor: string };

const table = new Map<string, Node>();
let nextId = 0;

function attrKey(attr: Attr): string {
  if (attr === null) return "";
  if ("value" in attr) {
    const v = attr.value;
    // distinguish -0 from 0 and keep NaN/inf printable
    return typeof v === "number" && Object.is(v, -0) ? "v:-0" : `v:${String(v)}`;
  }
  if ("name" in attr) return `n:${attr.name}`;
  return `t:${attr.tensor}`;
}

/** Creates (or finds) the unique node with this op, type, attr and args. */
export function mk(op: Op, type: Type, args: readonly Node[] = [], attr: Attr = null): Node {
  const key = `${op}|${type}|${attrKey(attr)}|${args.map((a) => a.id).join(",")}`;
  const found = table.get(key);
  if (found) return found;
  const node: Node = Object.freeze({ op, type, args: Object.freeze([...args]), attr, id: nextId++ });
  table.set(key, node);
  return node;
}

export function constValue(n: Node): number | boolean | undefined {
  return n.op === "const" ? (n.attr as { value: number | boolean }).value : undefined;
}

export function varName(n: Node): string | undefined {
  return n.op === "var" ? (n.attr as { name: string }).name : undefined;
}

export function tensorName(n: Node): string | undefined {
  return n.op === "load" ? (n.attr as { tensor: string }).tensor : undefined;
}

/**
 * All nodes reachable from `roots`, each once, arguments before users (a topological order).
 * Iterative, so a graph of any depth works (the tile classifier can build chains thousands deep
 * before it checks their size).
 */
export function topo(roots: readonly Node[]): Node[] {
  const seen = new Set<Node>();
  const out: Node[] = [];
  const stack: [Node, number][] = [];
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push([r, 0]);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [n, i] = top;
      if (i < n.args.length) {
        top[1] = i + 1;
        const a = n.args[i]!;
        if (!seen.has(a)) {
          seen.add(a);
          stack.push([a, 0]);
        }
      } else {
        stack.pop();
        out.push(n);
      }
    }
  }
  return out;
}

/** The set of variable names a node depends on. */
export function freeVars(n: Node): Set<string> {
  const s = new Set<string>();
  for (const m of topo([n])) {
    const v = varName(m);
    if (v !== undefined) s.add(v);
  }
  return s;
}

/** Rebuilds `root` bottom-up, replacing each node by `f(node with rebuilt args)`. Memoized by identity. */
export function rewriteBottomUp(root: Node, f: (n: Node) => Node, memo = new Map<Node, Node>()): Node {
  const go = (n: Node): Node => {
    const hit = memo.get(n);
    if (hit) return hit;
    const args = n.args.map(go);
    const rebuilt = args.every((a, i) => a === n.args[i]) ? n : mk(n.op, n.type, args, n.attr);
    const out = f(rebuilt);
    memo.set(n, out);
    return out;
  };
  return go(root);
}
