/**
 * Pass `simplify`: algebraic identities written as a rule table (see ir/rewrite.ts). Every rule
 * holds for all values, including inf, NaN and -0.0 for floats (so `x * 0 -> 0` is an int-only rule,
 * and `x + 0.0 -> x` is not a rule: -0.0 + 0.0 is +0.0),
 * and never introduces a tensor read. After it: no int `x + 0` (nor float `x + -0.0`, `x - 0.0`), `x * 1`, double negation, literal
 * conditions, `select(c, a, a)`, or boolean ops with a literal operand remain; int comparisons
 * with a literal on the left are turned around, and `not` of an int comparison is flipped.
 */
import { cBool, cInt } from "../ir/builder.js";
import { constValue, mk, type Node } from "../ir/node.js";
import type { AttnIR } from "../ir/program.js";
import { rewriteFix, ruleTable, type Rule } from "../ir/rewrite.js";
import type { PassContext } from "./index.js";
import { mapSink } from "./fold-constants.js";

const isC = (n: Node, v: number | boolean) => n.op === "const" && constValue(n) === v;
/**
 * `x + z == x` and `x - z == x` for every x: any int zero; for floats only `x + (-0.0)` and
 * `x - 0.0` (IEEE: `-0.0 + 0.0 == +0.0`, `-0.0 - -0.0 == +0.0`, and `1.0 / x` tells the zeros apart).
 */
const isIdentityZero = (z: Node, op: "add" | "sub") =>
  z.op === "const" && (z.type === "int" ? constValue(z) === 0 : Object.is(constValue(z), op === "add" ? -0 : 0));
const isLit = (n: Node) => n.op === "const";
const [A, B] = [0, 1];

export const simplifyRules: Rule[] = [
  {
    name: "add-zero",
    ops: ["add"],
    rewrite: (n) => (isIdentityZero(n.args[B]!, "add") ? n.args[A]! : isIdentityZero(n.args[A]!, "add") ? n.args[B]! : null),
  },
  {
    name: "add-literal-last",
    ops: ["add", "mul", "min", "max"],
    rewrite: (n) => (isLit(n.args[A]!) && !isLit(n.args[B]!) ? mk(n.op, n.type, [n.args[B]!, n.args[A]!]) : null),
  },
  { name: "sub-zero", ops: ["sub"], rewrite: (n) => (isIdentityZero(n.args[B]!, "sub") ? n.args[A]! : null) },
  {
    name: "sub-self-int",
    ops: ["sub"],
    rewrite: (n) => (n.type === "int" && n.args[A] === n.args[B] ? cInt(0) : null),
  },
  {
    name: "mul-one",
    ops: ["mul"],
    rewrite: (n) => (isC(n.args[B]!, 1) ? n.args[A]! : isC(n.args[A]!, 1) ? n.args[B]! : null),
  },
  {
    name: "mul-zero-int",
    ops: ["mul"],
    rewrite: (n) => (n.type === "int" && (isC(n.args[A]!, 0) || isC(n.args[B]!, 0)) ? cInt(0) : null),
  },
  { name: "idiv-one", ops: ["idiv"], rewrite: (n) => (isC(n.args[B]!, 1) ? n.args[A]! : null) },
  { name: "div-one", ops: ["div"], rewrite: (n) => (isC(n.args[B]!, 1) ? n.args[A]! : null) },
  { name: "imod-one", ops: ["imod"], rewrite: (n) => (isC(n.args[B]!, 1) ? cInt(0) : null) },
  { name: "neg-neg", ops: ["neg"], rewrite: (n) => (n.args[A]!.op === "neg" ? n.args[A]!.args[0]! : null) },
  { name: "not-not", ops: ["not"], rewrite: (n) => (n.args[A]!.op === "not" ? n.args[A]!.args[0]! : null) },
  {
    name: "not-int-compare",
    ops: ["not"],
    rewrite: (n) => {
      const c = n.args[A]!;
      if (c.args[0]?.type !== "int") return null;
      if (c.op === "lt") return mk("le", "bool", [c.args[1]!, c.args[0]!]);
      if (c.op === "le") return mk("lt", "bool", [c.args[1]!, c.args[0]!]);
      if (c.op === "eq") return mk("ne", "bool", [c.args[0]!, c.args[1]!]);
      if (c.op === "ne") return mk("eq", "bool", [c.args[0]!, c.args[1]!]);
      return null;
    },
  },
  { name: "min-self", ops: ["min", "max"], rewrite: (n) => (n.args[A] === n.args[B] ? n.args[A]! : null) },
  {
    name: "compare-self-int",
    ops: ["lt", "le", "eq", "ne"],
    rewrite: (n) =>
      n.args[A] === n.args[B] && n.args[A]!.type !== "float" ? cBool(n.op === "le" || n.op === "eq") : null,
  },
  {
    name: "and-literal",
    ops: ["and"],
    rewrite: (n) => {
      const [x, y] = n.args as [Node, Node];
      if (isC(x, true)) return y;
      if (isC(y, true)) return x;
      if (isC(x, false)) return cBool(false); // y is not evaluated (lazy)
      if (x === y) return x;
      return null;
    },
  },
  {
    name: "or-literal",
    ops: ["or"],
    rewrite: (n) => {
      const [x, y] = n.args as [Node, Node];
      if (isC(x, false)) return y;
      if (isC(y, false)) return x;
      if (isC(x, true)) return cBool(true);
      if (x === y) return x;
      return null;
    },
  },
  {
    name: "select-literal",
    ops: ["select"],
    rewrite: (n) => {
      const [c, a, b] = n.args as [Node, Node, Node];
      if (isC(c, true)) return a;
      if (isC(c, false)) return b;
      if (a === b) return a;
      if (c.op === "not") return mk("select", n.type, [c.args[0]!, b, a]);
      if (n.type === "bool" && isC(a, true) && isC(b, false)) return c;
      return null;
    },
  },
];

const table = ruleTable(simplifyRules);

export const simplify = (root: Node): Node => rewriteFix(root, table);

export function simplifyPass(ir: AttnIR, _ctx: PassContext): AttnIR {
  // (a sink that simplifies to -inf is gone, as after fold-constants)
  return mapSink({ ...ir, mask: simplify(ir.mask), score: simplify(ir.score) }, simplify);
}
