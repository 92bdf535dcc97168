/**
 * CUDA C++ spelling of the shared C-like printer (`LangRules`, see backends/shared/emit-types.ts).
 *
 * Contract: every printed expression is valid CUDA C++ inside the generated namespace, where the
 * kernel parameters are in scope as `p` (sizes `p.B p.H p.H_KV p.D`; Q_LEN and KV_LEN are the batch row's,
 * `attnc_q_len(p, b)` and `attnc_kv_len(p, b)` (per-row lengths; `p.Q_LEN`, `p.KV_LEN` are the padded ones); tensors
 * `p.in_<name>`), and the built-ins `b h q kv s` and tile bounds `qlo qhi kvlo kvhi` are locals.
 * Integer ops follow compiler/ir/node.ts exactly: 32-bit wrapping arithmetic (through unsigned
 * helpers, never signed overflow), floor `/` and `%` with `x / 0 == 0` and `x % 0 == x`, `ftoi`
 * truncating and saturating with NaN -> 0 (`cvt.rzi.s32.f32`). Float ops use the accurate libm
 * functions except `tanh`, which uses `tanh.approx.f32` (see docs/backends/cuda.md) unless the
 * kernel is built with -DATTNC_PRECISE_TANH, and division by a constant, which uses `__fdividef`
 * (at most 2 ulp from IEEE division for divisors within 2^-126..2^126). Tensor reads go through `attnc_load_<name>`, which
 * clamps every index into its dimension (memory safety; see host.ts); `attnc_ptr_<name>` is the
 * address it reads (for copying per-key-column reads into shared memory, holes.ts).
 */
import type { Node, Type } from "../../compiler/ir/node.js";
import type { InputDecl } from "../../compiler/ir/program.js";
import type { LangRules, Stmt } from "../shared/emit-types.js";
import { isNormalConstant } from "../shared/cprinter.js";

const SIZE_NAMES = new Set(["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D"]);

export const cType = (t: Type): string => (t === "int" ? "int" : t === "float" ? "float" : "bool");

/** A float32 literal that round-trips exactly (`1.5f`, `30.0f`, `1e-07f`, `INFINITY`). */
export function floatLiteral(v: number): string {
  if (Number.isNaN(v)) return "__int_as_float(0x7fc00000)";
  const f = Math.fround(v); // a folded constant is float64: beyond float32's range it is an infinity here
  if (f === Infinity) return "INFINITY";
  if (f === -Infinity) return "(-INFINITY)";
  let s = String(f);
  if (!/[.e]/.test(s)) s += ".0";
  if (Object.is(f, -0)) s = "-0.0";
  return f < 0 || Object.is(f, -0) ? `(${s}f)` : `${s}f`;
}

export function intLiteral(v: number): string {
  const i = v | 0;
  if (i === -2147483648) return "(-2147483647 - 1)";
  return i < 0 ? `(${i})` : String(i);
}


/**
 * A declared input's device pointer: the entry point's parameter and the `Params` field. User names
 * are never printed bare (a name like `o`, `p`, `class`, `NULL` or `__global__` would collide with
 * the entry point's own parameters, a keyword or a macro): every identifier made from one is a
 * prefix that nothing else in the file starts with (`in_`, `attnc_load_`, `attnc_ptr_`) followed by
 * the name.
 */
export const inputPtr = (decl: Pick<InputDecl, "name">): string => `in_${decl.name}`;
export const loadFn = (decl: InputDecl): string => `attnc_load_${decl.name}`;
export const ptrFn = (decl: InputDecl): string => `attnc_ptr_${decl.name}`;

const call = (f: string) => (args: string[]) => `${f}(${args.join(", ")})`;
const byType =
  (intF: string, floatF: string) =>
  (args: string[], node: Node): string =>
    call(node.type === "int" ? intF : floatF)(args);

export const cudaRules: LangRules = {
  literal(value, type) {
    if (type === "bool") return value ? "true" : "false";
    if (type === "int") return intLiteral(Number(value));
    return floatLiteral(Number(value));
  },
  varRef(name) {
    // Q_LEN, KV_LEN: the batch row's own (per-row lengths; host.ts ROW_HELPERS), the other sizes from p
    if (name === "Q_LEN" || name === "KV_LEN") return `attnc_${name === "Q_LEN" ? "q" : "kv"}_len(p, b)`;
    return SIZE_NAMES.has(name) ? `p.${name}` : name;
  },
  load(decl, idx) {
    return `${loadFn(decl)}(p, ${idx.join(", ")})`;
  },
  ops: {
    add: (a, n) => (n.type === "int" ? call("attnc_iadd")(a) : `(${a[0]} + ${a[1]})`),
    sub: (a, n) => (n.type === "int" ? call("attnc_isub")(a) : `(${a[0]} - ${a[1]})`),
    mul: (a, n) => (n.type === "int" ? call("attnc_imul")(a) : `(${a[0]} * ${a[1]})`),
    div: (a, n) => (isNormalConstant(n.args[1]!) ? `__fdividef(${a[0]}, ${a[1]})` : `(${a[0]} / ${a[1]})`),
    idiv: call("attnc_idiv"),
    imod: call("attnc_imod"),
    neg: (a, n) => (n.type === "int" ? call("attnc_ineg")(a) : `(-${a[0]})`),
    abs: byType("attnc_iabs", "fabsf"),
    min: byType("min", "attnc_fmin"),
    max: byType("max", "attnc_fmax"),
    select: (a) => `(${a[0]} ? ${a[1]} : ${a[2]})`,
    exp: call("expf"),
    log: call("logf"),
    sqrt: call("sqrtf"),
    tanh: call("attnc_tanh"),
    sigmoid: call("attnc_sigmoid"),
    pow: call("powf"),
    floor: call("floorf"),
    itof: (a) => `((float)${a[0]})`,
    ftoi: call("attnc_ftoi"),
    // shifts: the amount masked to 5 bits (C++ leaves >= 32 undefined), `<<` on the unsigned bits
    // (C++ leaves a negative left operand undefined before C++20), `>>` arithmetic on int
    band: (a) => `(${a[0]} & ${a[1]})`,
    bor: (a) => `(${a[0]} | ${a[1]})`,
    bxor: (a) => `(${a[0]} ^ ${a[1]})`,
    shl: (a) => `((int)((unsigned)(${a[0]}) << ((${a[1]}) & 31)))`,
    shr: (a) => `((${a[0]}) >> ((${a[1]}) & 31))`,
    ilog2: (a) => `((${a[0]}) > 0 ? 31 - __clz(${a[0]}) : -1)`,
  },
  declare(s: Stmt) {
    return `const ${cType(s.type)} ${s.name} = ${s.expr};`;
  },
  columnValues: true,
};
