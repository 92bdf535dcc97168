/**
 * The IR verifier: runs after every pass in tests (and in `compile` when `verify: true`).
 *
 * It checks that every node's type follows its op's rule, argument counts match `OPS`, variables
 * are known built-ins with the right type, tensor reads name declared inputs with the right rank
 * and int indices, and the program's mask is bool and its score float; a sink is float and reads
 * neither `s` nor `kv`, and only a softmax program has one.
 */
import { OPS, topo, type Node, type Type } from "./node.js";
import type { AttnIR, InputDecl } from "./program.js";

const INT_VARS = new Set(["b", "h", "q", "kv", "B", "H", "H_KV", "Q_LEN", "KV_LEN", "D", "qlo", "qhi", "kvlo", "kvhi"]);

export class VerifyError extends Error {}

function fail(n: Node, msg: string): never {
  throw new VerifyError(`IR verifier: ${msg} (node #${n.id} ${n.op}:${n.type})`);
}

function checkNode(n: Node, inputs: Map<string, InputDecl>, extraVars: Map<string, Type>): void {
  const arity = OPS[n.op];
  if (arity >= 0 && n.args.length !== arity) fail(n, `expected ${arity} args, got ${n.args.length}`);
  const t = (i: number) => n.args[i]!.type;
  const same = () => n.args.every((a) => a.type === n.type);
  const numeric = n.type === "int" || n.type === "float";
  switch (n.op) {
    case "const": {
      const v = (n.attr as { value: unknown }).value;
      if (n.type === "bool" ? typeof v !== "boolean" : typeof v !== "number") fail(n, "literal of the wrong kind");
      if (n.type === "int" && (v as number) !== ((v as number) | 0)) fail(n, "int literal out of range");
      return;
    }
    case "var": {
      const name = (n.attr as { name: string }).name;
      const want = name === "s" ? "float" : INT_VARS.has(name) ? "int" : extraVars.get(name);
      if (want === undefined) fail(n, `unknown variable ${name}`);
      if (want !== n.type) fail(n, `variable ${name} must be ${want}`);
      return;
    }
    case "load": {
      const name = (n.attr as { tensor: string }).tensor;
      const d = inputs.get(name);
      if (!d) fail(n, `read of undeclared tensor ${name}`);
      if (d.dims.length !== n.args.length) fail(n, `${name} has rank ${d.dims.length}`);
      if (n.args.some((a) => a.type !== "int")) fail(n, "tensor index must be int");
      if (n.type !== (d.dtype === "i32" ? "int" : "float")) fail(n, `read of ${name} has the wrong type`);
      return;
    }
    case "add": case "sub": case "mul": case "min": case "max": case "neg": case "abs":
      if (!numeric || !same()) fail(n, "numeric op needs operands of its own type");
      return;
    case "div":
      if (n.type !== "float" || !same()) fail(n, "div is float");
      return;
    case "idiv": case "imod": case "band": case "bor": case "bxor": case "shl": case "shr": case "ilog2":
      if (n.type !== "int" || !same()) fail(n, `${n.op} is int`);
      return;
    case "lt": case "le":
      if (n.type !== "bool" || t(0) !== t(1) || t(0) === "bool") fail(n, "ordered comparison of numbers");
      return;
    case "eq": case "ne":
      if (n.type !== "bool" || t(0) !== t(1)) fail(n, "comparison of mixed types");
      return;
    case "and": case "or": case "not":
      if (n.type !== "bool" || !same()) fail(n, "logical op on bools");
      return;
    case "select":
      if (t(0) !== "bool" || t(1) !== n.type || t(2) !== n.type) fail(n, "select(bool, T, T): T");
      return;
    case "exp": case "log": case "sqrt": case "tanh": case "sigmoid": case "pow": case "floor":
      if (n.type !== "float" || !same()) fail(n, "float function");
      return;
    case "itof":
      if (n.type !== "float" || t(0) !== "int") fail(n, "itof: int -> float");
      return;
    case "ftoi":
      if (n.type !== "int" || t(0) !== "float") fail(n, "ftoi: float -> int");
      return;
  }
}

/** Verifies the expressions `roots` against declarations; `extraVars` admits run-time facts. */
export function verifyNodes(roots: Node[], inputs: InputDecl[], extraVars = new Map<string, Type>()): void {
  const decl = new Map(inputs.map((i) => [i.name, i]));
  for (const n of topo(roots)) checkNode(n, decl, extraVars);
}

export function verifyProgram(ir: AttnIR): void {
  if (ir.mask.type !== "bool") throw new VerifyError("IR verifier: mask must be bool");
  if (ir.score.type !== "float") throw new VerifyError("IR verifier: score must be float");
  verifyNodes([ir.mask, ir.score, ...(ir.sink ? [ir.sink] : [])], ir.inputs);
  const reads = (r: Node, name: string) => topo([r]).some((n) => n.op === "var" && (n.attr as { name: string }).name === name);
  if (reads(ir.mask, "s")) throw new VerifyError("IR verifier: the mask reads the score s");
  if (ir.sink) {
    if (ir.sink.type !== "float") throw new VerifyError("IR verifier: sink must be float");
    if (ir.normalize !== "softmax") throw new VerifyError("IR verifier: a sink needs softmax");
    if (reads(ir.sink, "s") || reads(ir.sink, "kv")) throw new VerifyError("IR verifier: the sink reads s or kv");
  }
}
