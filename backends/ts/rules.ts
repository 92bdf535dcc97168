/**
 * TypeScript spelling of IR expressions (the `LangRules` of the shared printer).
 *
 * Floats are JavaScript numbers (float64 arithmetic; the kernel's softmax state is stored in
 * Float32Arrays); ints are kept in 32 bits with `| 0` and `Math.imul`, floor division and modulo
 * and float->int conversion go through the runtime helpers `idiv`, `imod`, `ftoi` that every
 * generated module defines (same rules as compiler/ir/semantics.ts). Tensor reads call `rd_NAME`,
 * which checks bounds and throws an error naming the tensor and the index.
 */
import type { Node, Op } from "../../compiler/ir/node.js";
import type { LangRules } from "../shared/emit-types.js";

export function jsNumber(v: number): string {
  // not the bare `NaN`: strict tsc rejects `x === NaN` (TS2845, "always false"), which is what the
  // language means by `x == 0.0 / 0.0` (found by the fuzzer)
  if (Number.isNaN(v)) return "Number.NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  if (Object.is(v, -0)) return "-0";
  return String(v);
}

/** The arguments whose TypeScript type an op's printed result passes through (`c ? a : b`, `!x`, ...). */
const PASSES_TYPE: Partial<Record<Op, number[]>> = { select: [1, 2], not: [0], and: [0, 1], or: [0, 1], neg: [0], itof: [0] };
const literalMemo = new WeakMap<Node, boolean>();

/**
 * Whether a printed node's TypeScript type may be a literal type (`3`, `-1 | 64`, `true`): a
 * constant, or an op that passes one through (also when it is a `const` temporary, whose type
 * TypeScript infers the same way). Memoized per (immutable) node; no recursion.
 */
function literalTyped(root: Node): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (literalMemo.has(n)) {
      stack.pop();
      continue;
    }
    const via = (PASSES_TYPE[n.op] ?? []).map((i) => n.args[i]!);
    const pending = via.filter((a) => !literalMemo.has(a));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    literalMemo.set(n, n.op === "const" || via.some((a) => literalMemo.get(a)));
    stack.pop();
  }
  return literalMemo.get(root)!;
}

/**
 * `===` / `!==`: strict TypeScript rejects comparing two literal types that do not overlap (TS2367,
 * e.g. `3 !== (q <= kv ? -1 : 64)`), so when both sides may be literal-typed the left one is widened
 * to `number` / `boolean`. A temporary (a bare name) may be literal-typed too: TypeScript narrows a
 * const through an aliased condition (`const c = t === 0; ... c && t === 2` is TS2367; found by the
 * fuzzer on a mutant of blindsight-head-masks).
 */
const IDENT = /^[A-Za-z_$][\w$]*$/;
const equality =
  (op: string) =>
  ([a, b]: string[], n: Node): string => {
    const [x, y] = n.args as [Node, Node];
    const literal = (m: Node, text: string) => literalTyped(m) || IDENT.test(text);
    const left = literal(x, a) && literal(y, b) ? `(${a} as ${x.type === "bool" ? "boolean" : "number"})` : a;
    return `(${left} ${op} ${b})`;
  };

export const tsRules: LangRules = {
  literal: (v) => (typeof v === "boolean" ? String(v) : v < 0 || Object.is(v, -0) ? `(${jsNumber(v)})` : jsNumber(v)),
  varRef: (name) => name,
  load: (decl, idx) => `rd_${decl.name}(${idx.join(", ")})`,
  declare: (s) => `const ${s.name} = ${s.expr};`,
  ops: {
    add: ([a, b], n) => (n.type === "int" ? `((${a} + ${b}) | 0)` : `(${a} + ${b})`),
    sub: ([a, b], n) => (n.type === "int" ? `((${a} - ${b}) | 0)` : `(${a} - ${b})`),
    mul: ([a, b], n) => (n.type === "int" ? `Math.imul(${a}, ${b})` : `(${a} * ${b})`),
    neg: ([a], n) => (n.type === "int" ? `(-${a} | 0)` : `(-${a})`),
    abs: ([a], n) => (n.type === "int" ? `(Math.abs(${a}) | 0)` : `Math.abs(${a})`),
    idiv: ([a, b]) => `idiv(${a}, ${b})`,
    imod: ([a, b]) => `imod(${a}, ${b})`,
    eq: equality("==="),
    ne: equality("!=="),
    min: ([a, b]) => `Math.min(${a}, ${b})`,
    max: ([a, b]) => `Math.max(${a}, ${b})`,
    exp: ([a]) => `Math.exp(${a})`,
    log: ([a]) => `Math.log(${a})`,
    sqrt: ([a]) => `Math.sqrt(${a})`,
    tanh: ([a]) => `Math.tanh(${a})`,
    pow: ([a, b]) => `Math.pow(${a}, ${b})`,
    floor: ([a]) => `Math.floor(${a})`,
    sigmoid: ([a]) => `sigmoid(${a})`,
    itof: ([a]) => a!,
    ftoi: ([a]) => `ftoi(${a})`,
    // JavaScript's int32 bit operators are the IR's: ToInt32 operands, shift amounts masked to 5 bits
    band: ([a, b]) => `(${a} & ${b})`,
    bor: ([a, b]) => `(${a} | ${b})`,
    bxor: ([a, b]) => `(${a} ^ ${b})`,
    shl: ([a, b]) => `(${a} << ${b})`,
    shr: ([a, b]) => `(${a} >> ${b})`,
    ilog2: ([a]) => `(${a} > 0 ? 31 - Math.clz32(${a}) : -1)`,
  },
};
