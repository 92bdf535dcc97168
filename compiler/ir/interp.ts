/**
 * A float64 interpreter of IR expressions: the meaning of the IR, used by the oracle, the tile
 * classifier's tests and `attnc analyze`.
 *
 * Contract: ints follow the rules of compiler/ir/node.ts exactly; floats are computed in float64
 * (the oracle's precision), or rounded to float32 after every operation with `Env.f32` (one
 * evaluation a float32 backend may do: the tests measure with it how much float32 rounding moves an
 * ill-conditioned score); `select`, `and`, `or` evaluate lazily (only the branch taken), and a
 * tensor read out of bounds throws an AttncError E0407 naming the tensor and the index.
 */
import { AttncError, diag } from "../../dsl/diagnostics.js";
import type { Node } from "./node.js";
import * as sem from "./semantics.js";

export interface Tensor {
  data: ArrayLike<number>;
  dims: number[];
}

export interface Env {
  /** ints and floats; bools for run-time facts read by tile classifiers */
  vars: Record<string, number | boolean>;
  tensors: Record<string, Tensor>;
  /** round every float result to float32 */
  f32?: boolean;
}

type V = number | boolean;

export function readTensor(name: string, t: Tensor, idx: number[]): number {
  let off = 0;
  for (let i = 0; i < t.dims.length; i++) {
    const x = idx[i]!;
    if (!(x >= 0 && x < t.dims[i]!)) {
      throw new AttncError([
        diag("E0407", `tensor read out of bounds: ${name}[${idx.join(", ")}] (shape [${t.dims.join(", ")}])`),
      ]);
    }
    off = off * t.dims[i]! + x;
  }
  return t.data[off]!;
}

/** The value of `n` in `env`; values of nodes found in `known` are taken from it (not recomputed). */
export function evalNode(n: Node, env: Env, known?: ReadonlyMap<Node, V>): V {
  const x = evalOp(n, env, known);
  return env.f32 === true && typeof x === "number" && n.type === "float" ? Math.fround(x) : x;
}

function evalOp(n: Node, env: Env, known?: ReadonlyMap<Node, V>): V {
  const hit = known?.get(n);
  if (hit !== undefined) return hit;
  const a = n.args;
  const num = (i: number) => evalNode(a[i]!, env, known) as number;
  const val = (i: number) => evalNode(a[i]!, env, known);
  const int = n.type === "int";
  switch (n.op) {
    case "const":
      return (n.attr as { value: V }).value;
    case "var": {
      const name = (n.attr as { name: string }).name;
      const x = env.vars[name];
      if (x === undefined) throw new Error(`interp: unbound variable ${name}`);
      return x;
    }
    case "load": {
      const name = (n.attr as { tensor: string }).tensor;
      const t = env.tensors[name];
      if (!t) throw new Error(`interp: unbound tensor ${name}`);
      return readTensor(name, t, a.map((_, i) => num(i)));
    }
    case "add": return int ? sem.wrap(num(0) + num(1)) : num(0) + num(1);
    case "sub": return int ? sem.wrap(num(0) - num(1)) : num(0) - num(1);
    case "mul": return int ? Math.imul(num(0), num(1)) : num(0) * num(1);
    case "div": return num(0) / num(1);
    case "idiv": return sem.idiv(num(0), num(1));
    case "imod": return sem.imod(num(0), num(1));
    case "neg": return int ? sem.wrap(-num(0)) : -num(0);
    case "abs": return int ? sem.wrap(Math.abs(num(0))) : Math.abs(num(0));
    case "min": return Math.min(num(0), num(1));
    case "max": return Math.max(num(0), num(1));
    case "lt": return num(0) < num(1);
    case "le": return num(0) <= num(1);
    case "eq": return val(0) === val(1);
    case "ne": return val(0) !== val(1);
    case "and": return (val(0) as boolean) && (val(1) as boolean);
    case "or": return (val(0) as boolean) || (val(1) as boolean);
    case "not": return !(val(0) as boolean);
    case "select": return val(0) ? val(1) : val(2);
    case "exp": return Math.exp(num(0));
    case "log": return Math.log(num(0));
    case "sqrt": return Math.sqrt(num(0));
    case "tanh": return Math.tanh(num(0));
    case "sigmoid": return sem.sigmoid(num(0));
    case "pow": return Math.pow(num(0), num(1));
    case "floor": return Math.floor(num(0));
    case "itof": return num(0);
    case "ftoi": return sem.ftoi(num(0));
    case "band": return num(0) & num(1);
    case "bor": return num(0) | num(1);
    case "bxor": return num(0) ^ num(1);
    case "shl": return sem.shl(num(0), num(1));
    case "shr": return sem.shr(num(0), num(1));
    case "ilog2": return sem.ilog2(num(0));
  }
}
