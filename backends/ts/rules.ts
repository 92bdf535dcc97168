/**
 * TypeScript spelling of IR expressions (the `LangRules` of the shared printer).
 *
 * Floats are JavaScript numbers (float64 arithmetic; the kernel's softmax state is stored in
 * Float32Arrays); ints are kept in 32 bits with `| 0` and `Math.imul`, floor division and modulo
 * and float->int conversion go through the runtime helpers `idiv`, `imod`, `ftoi` that every
 * generated module defines (same rules as compiler/ir/semantics.ts). Tensor reads call `rd_NAME`,
 * which checks bounds and throws an error naming the tensor and the index.
 */
import type { LangRules } from "../shared/emit-types.js";

export function jsNumber(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  if (Object.is(v, -0)) return "-0";
  return String(v);
}

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
    eq: ([a, b]) => `(${a} === ${b})`,
    ne: ([a, b]) => `(${a} !== ${b})`,
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
  },
};
