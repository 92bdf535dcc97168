/**
 * Reverse-mode differentiation of one evaluation of a float IR expression, by a tape: the
 * oracle's own derivative of the score, written independently of the compiler's symbolic
 * differentiation (compiler/grad/derive.ts) so that each checks the other.
 *
 * `evalWithGrad(root, env)` evaluates `root` in float64 exactly as compiler/ir/interp.ts does
 * (lazy `select`/`and`/`or`: only the branch taken is evaluated, and so only it is on the tape),
 * then sweeps the tape backwards from d root = 1. It returns the value, dL/ds, and dL/d(read) for
 * every float tensor read evaluated, with the read's flat offset. Piecewise rules as
 * docs/language.md § 9 states them: `min` / `max` pass the derivative to the operand they take,
 * half to each on a tie; `abs(x)` has slope -1 where `x < 0`, +1 where `x > 0`, 0 at 0; `floor`,
 * `int()` and comparisons have derivative 0.
 */
import { evalNode, readTensor, type Env } from "../../compiler/ir/interp.js";
import { tensorName, varName, type Node } from "../../compiler/ir/node.js";
import { sigmoid } from "../../compiler/ir/semantics.js";

export interface TensorGrad {
  tensor: string;
  offset: number;
  g: number;
  /** the sum over paths of |product of local derivatives| (see `sweep`) */
  gMass: number;
}

export interface GradEval {
  value: number;
  ds: number;
  /** like gMass, for s */
  dsMass: number;
  reads: TensorGrad[];
}

type V = number | boolean;

/** Evaluates with memo, recording every node evaluated after its arguments (the tape). */
function record(root: Node, env: Env): Map<Node, V> {
  const tape = new Map<Node, V>();
  const ev = (n: Node): V => {
    const hit = tape.get(n);
    if (hit !== undefined) return hit;
    let out: V;
    if (n.op === "select") out = ev(n.args[0]!) ? ev(n.args[1]!) : ev(n.args[2]!);
    else if (n.op === "and") out = (ev(n.args[0]!) as boolean) && (ev(n.args[1]!) as boolean);
    else if (n.op === "or") out = (ev(n.args[0]!) as boolean) || (ev(n.args[1]!) as boolean);
    else {
      for (const a of n.args) ev(a);
      out = evalNode(n, env, tape); // the node itself over its arguments' recorded values
    }
    tape.set(n, out);
    return out;
  };
  ev(root);
  return tape;
}

function offsetOf(n: Node, tape: Map<Node, V>, env: Env): number {
  const t = env.tensors[tensorName(n)!]!;
  const idx = n.args.map((a) => tape.get(a) as number);
  readTensor(tensorName(n)!, t, idx); // throws E0407 out of bounds, as the forward did
  let off = 0;
  for (let i = 0; i < idx.length; i++) off = off * t.dims[i]! + idx[i]!;
  return off;
}

export function evalWithGrad(root: Node, env: Env): GradEval {
  const tape = record(root, env);
  const signed = sweep(root, tape, env, false);
  const magnitude = sweep(root, tape, env, true);
  return {
    value: tape.get(root) as number,
    ds: signed.ds,
    dsMass: magnitude.ds,
    reads: signed.reads.map((r, i) => ({ ...r, gMass: magnitude.reads[i]!.g })),
  };
}

/**
 * The backward sweep over the tape from d root = 1. With `absolute`, every contribution is taken
 * by its magnitude: the sum over paths of |product of local derivatives|, the scale against which
 * the signed sum's cancellation is measured (`s / s` has derivative 0 as the difference of 1/s and
 * s/s², whose rounding is noise of that scale).
 */
function sweep(root: Node, tape: Map<Node, V>, env: Env, absolute: boolean): { ds: number; reads: TensorGrad[] } {
  const val = (n: Node) => tape.get(n) as number;
  const adj = new Map<Node, number>([[root, 1]]);
  const add = (n: Node, g: number) => {
    if (n.type === "float") adj.set(n, (adj.get(n) ?? 0) + (absolute ? Math.abs(g) : g));
  };
  /** min / max: the operand taken where they differ, half to each on a tie (or NaN) */
  const tie = (a: Node, b: Node, aWins: boolean, bWins: boolean, g: number) => {
    if (aWins) add(a, g);
    else if (bWins) add(b, g);
    else {
      add(a, g / 2);
      add(b, g / 2);
    }
  };
  let ds = 0;
  const reads: TensorGrad[] = [];
  const order = [...tape.keys()].reverse();
  for (const n of order) {
    const g = adj.get(n);
    if (g === undefined || n.type !== "float") continue;
    const [a, b] = n.args as [Node, Node];
    switch (n.op) {
      case "var": if (varName(n) === "s") ds += g; break;
      case "load": reads.push({ tensor: tensorName(n)!, offset: offsetOf(n, tape, env), g, gMass: 0 }); break;
      case "add": add(a, g); add(b, g); break;
      case "sub": add(a, g); add(b, -g); break;
      case "mul": add(a, g * val(b)); add(b, g * val(a)); break;
      // d(a/b)/db as -(a/b)/b: b * b would underflow to 0 (or overflow) where a/b and 1/b do not
      case "div": add(a, g / val(b)); add(b, (-g * (val(a) / val(b))) / val(b)); break;
      case "neg": add(a, -g); break;
      // at 0 (and NaN) the slope is an exact 0, like a branch not taken: nothing flows into the operand
      // (else abs(sqrt(x)) at x = 0 would get 0 · inf = NaN where the compiler's derivative is 0)
      case "abs": if (val(a) < 0) add(a, -g); else if (val(a) > 0) add(a, g); break;
      case "min": tie(a, b, val(a) < val(b), val(b) < val(a), g); break;
      case "max": tie(a, b, val(a) > val(b), val(b) > val(a), g); break;
      case "select": add(tape.get(a) ? n.args[1]! : n.args[2]!, g); break;
      case "exp": add(a, g * Math.exp(val(a))); break;
      case "log": add(a, g / val(a)); break;
      case "sqrt": add(a, g / (2 * Math.sqrt(val(a)))); break;
      case "tanh": add(a, g * (1 - Math.tanh(val(a)) ** 2)); break;
      case "sigmoid": add(a, g * sigmoid(val(a)) * (1 - sigmoid(val(a)))); break;
      case "pow":
        add(a, g * val(b) * Math.pow(val(a), val(b) - 1));
        add(b, g * Math.pow(val(a), val(b)) * Math.log(val(a)));
        break;
      default: break; // const, floor, itof: derivative 0 (or no float argument)
    }
  }
  return { ds, reads };
}
