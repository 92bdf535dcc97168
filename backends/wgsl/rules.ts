/**
 * WGSL spelling of IR expressions (the `LangRules` of the shared printer) and the WGSL helper
 * functions (`PRELUDE`) the printed code calls.
 *
 * Contract: printed code computes exactly the IR semantics of compiler/ir/node.ts on the GPU, in
 * f32 and wrapping i32:
 * - ints: WGSL's concrete i32 `+ - *` wrap; floor division / modulo, `x / 0 == 0`, `x % 0 == x`
 *   and float->int (truncate, saturate, NaN -> 0) go through `attn_idiv`, `attn_imod`, `attn_ftoi`.
 * - float `/` by anything but a normal constant goes through `attn_fdiv` (IEEE for a zero divisor,
 *   which WGSL leaves indeterminate); float `min`/`max` through `attn_fmin`/`attn_fmax` (NaN in,
 *   NaN out, and -0 < +0, which WGSL leaves indeterminate).
 * - WGSL has no ternary: `select` is printed as the eager `select(f, t, c)`; that is safe because
 *   nothing the printed code evaluates can trap (every tensor read is clamped into range by its
 *   `ld_NAME` function, int division is total). `&&` and `||` are lazy in WGSL as in the language.
 * - WGSL has no infinity or NaN literal, and folds constant expressions at shader creation, where
 *   overflow (`1e30f * 1e30f`), `i32` overflow or `log(-1.0)` are errors: non-finite literals read
 *   the uniforms `u.inf`, `u.neg_inf`, `u.nan`, and an op whose operands are all literals gets its
 *   first operand passed through the opaque `attn_rt_*` function, so no printed expression beyond a
 *   single literal is a WGSL const-expression.
 * - `tanh` is computed so that it never gives NaN for large |x| and keeps relative accuracy near 0; `pow` follows Math.pow for a
 *   negative base and an integral exponent; `sigmoid` never overflows to NaN.
 * Names: built-in variables print as WGSL locals (`b h q kv s`, tile bounds `qlo qhi kvlo kvhi`,
 * and `Q_LEN KV_LEN`: the batch row's lengths, skeleton.ts), the other sizes as uniform fields
 * (`u.B`, `u.H`, `u.H_KV`, `u.D`), tensor NAME as `ld_NAME(...)` over binding `in_NAME`. A tensor's
 * dims are the uniforms' `u.Q_LEN`, `u.KV_LEN` (`dimExpr`): the tensors' padded lengths.
 */
import type { Node, Type } from "../../compiler/ir/node.js";
import type { DimSpec, InputDecl } from "../../compiler/ir/program.js";
import type { DimExpr } from "../../compiler/ir/dims.js";
import type { LangRules } from "../shared/emit-types.js";
import { isNormalConstant } from "../shared/cprinter.js";

/** sizes read from the uniforms (Q_LEN and KV_LEN print as locals: the batch row's lengths) */
export const SIZE_VARS = new Set(["B", "H", "H_KV", "D"]);

export const wgslType = (t: Type): string => (t === "int" ? "i32" : t === "float" ? "f32" : "bool");

export function floatLiteral(v: number): string {
  if (Number.isNaN(v)) return "u.nan";
  // a folded constant is float64: beyond float32's range it is an infinity in the shader (WGSL
  // rejects a literal it cannot represent as f32: `8.5e38f` fails shader creation)
  const f = Math.fround(v);
  if (f === Infinity) return "u.inf";
  if (f === -Infinity) return "u.neg_inf";
  if (Object.is(v, -0)) return "(-0.0f)";
  const text = String(v);
  // String() gives "3", "0.5", "1e+30", "1.5e-7": all valid WGSL decimal literals with an `f` suffix
  return v < 0 ? `(${text}f)` : `${text}f`;
}

export function intLiteral(v: number): string {
  return v < 0 ? `i32(${v})` : `${v}i`;
}

const lit = (v: number | boolean, t: Type): string =>
  typeof v === "boolean" ? String(v) : t === "int" ? intLiteral(v) : floatLiteral(v);

/** Makes an op over literal operands a run-time expression (see the header). */
function opaque(args: string[], n: Node): string[] {
  if (n.args.length === 0 || !n.args.every((a) => a.op === "const")) return args;
  const t = n.args[0]!.type;
  return [`attn_rt_${wgslType(t)}(${args[0]})`, ...args.slice(1)];
}

type OpPrinter = (args: string[], n: Node) => string;
const wrap = (f: OpPrinter): OpPrinter => (args, n) => f(opaque(args, n), n);
const infix = (op: string): OpPrinter => wrap(([a, b]) => `(${a} ${op} ${b})`);
const call = (fn: string): OpPrinter => wrap((args) => `${fn}(${args.join(", ")})`);

const slash = infix("/");
const fdiv = call("attn_fdiv");
const [fmin, fmax, imin, imax] = [call("attn_fmin"), call("attn_fmax"), call("min"), call("max")];

export function dimExpr(d: DimSpec): string {
  return d.kind === "const" ? `${d.value}i` : d.kind === "size" ? `u.${d.name}` : `(${dimExprWgsl(d.expr)})`;
}

/**
 * A derived dim as i32 WGSL over the uniforms (the tensors' sizes). The host module has checked that
 * every intermediate value is an int32 (and the result at least 1), so the wrapping i32 ops give the
 * exact value; every sub-expression names a size (lowering folded the others), so none is a WGSL
 * const-expression.
 */
function dimExprWgsl(e: DimExpr): string {
  switch (e.op) {
    case "const": return e.value < 0 ? `(${e.value}i)` : `${e.value}i`;
    case "size": return `u.${e.name}`;
    case "neg": return `(-${dimExprWgsl(e.a)})`;
    case "add": return `(${dimExprWgsl(e.a)} + ${dimExprWgsl(e.b)})`;
    case "sub": return `(${dimExprWgsl(e.a)} - ${dimExprWgsl(e.b)})`;
    case "mul": return `(${dimExprWgsl(e.a)} * ${dimExprWgsl(e.b)})`;
    case "div": return `attn_idiv(${dimExprWgsl(e.a)}, ${dimExprWgsl(e.b)})`;
    case "mod": return `attn_imod(${dimExprWgsl(e.a)}, ${dimExprWgsl(e.b)})`;
    case "min": case "max": return `${e.op}(${dimExprWgsl(e.a)}, ${dimExprWgsl(e.b)})`;
    case "cdiv": {
      const [a, b] = [dimExprWgsl(e.a), dimExprWgsl(e.b)];
      return `(attn_idiv(${a}, ${b}) + select(0i, 1i, attn_imod(${a}, ${b}) != 0i && ${b} != 0i))`;
    }
  }
}

export const wgslRules: LangRules = {
  literal: lit,
  varRef: (name) => (SIZE_VARS.has(name) ? `u.${name}` : name),
  load: (decl: InputDecl, idx: string[]) => `ld_${decl.name}(${idx.join(", ")})`,
  declare: (s) => `let ${s.name}: ${wgslType(s.type)} = ${s.expr};`,
  // Tint (Dawn's and Chrome's WGSL compiler) rejects deeply nested expressions ("maximum parser
  // recursive depth reached"); classifiers of dilated/neighborhood masks reach it at 12 levels.
  maxExprDepth: 6,
  ops: {
    add: infix("+"),
    sub: infix("-"),
    mul: infix("*"),
    // WGSL's `/` is accurate only for a divisor of magnitude 2^-126..2^126 (and indeterminate for 0)
    div: (args, n) => (isNormalConstant(n.args[1]!) ? slash(args, n) : fdiv(args, n)),
    idiv: call("attn_idiv"),
    imod: call("attn_imod"),
    neg: wrap(([a]) => `(-${a})`),
    abs: call("abs"),
    // WGSL's float min/max may drop a NaN operand (lavapipe does): attn_fmin/attn_fmax propagate it
    min: (args, n) => (n.type === "float" ? fmin : imin)(args, n),
    max: (args, n) => (n.type === "float" ? fmax : imax)(args, n),
    lt: infix("<"),
    le: infix("<="),
    eq: infix("=="),
    ne: infix("!="),
    and: infix("&&"),
    or: infix("||"),
    not: wrap(([a]) => `(!${a})`),
    select: wrap(([c, a, b]) => `select(${b}, ${a}, ${c})`),
    exp: call("exp"),
    log: call("log"),
    sqrt: call("sqrt"),
    tanh: call("attn_tanh"),
    sigmoid: call("attn_sigmoid"),
    pow: call("attn_pow"),
    floor: call("floor"),
    itof: call("f32"),
    ftoi: call("attn_ftoi"),
    // i32 bit ops; WGSL shifts take a u32 amount (and reject a constant one >= 32): masked to 5 bits.
    // `<<` on i32 keeps the low 32 bits, `>>` on i32 is arithmetic; firstLeadingBit(0u) is 0xffffffff
    band: infix("&"),
    bor: infix("|"),
    bxor: infix("^"),
    shl: wrap(([a, b]) => `(${a} << (u32(${b}) & 31u))`),
    shr: wrap(([a, b]) => `(${a} >> (u32(${b}) & 31u))`),
    ilog2: wrap(([a]) => `select(-1i, i32(firstLeadingBit(u32(${a}))), ${a} > 0i)`),
  },
};

/** Helper functions every shader defines (after the uniform struct `u`). */
export const PRELUDE = `
fn attn_rt_i32(x: i32) -> i32 { return x; }
fn attn_rt_f32(x: f32) -> f32 { return x; }
fn attn_rt_bool(x: bool) -> bool { return x; }
// floor division, x / 0 == 0 (WGSL's own i32 '/' truncates, and gives x for x / 0)
fn attn_idiv(a: i32, b: i32) -> i32 {
  if (b == 0) { return 0; }
  if (b == -1) { return -a; }
  let t = a / b;
  return select(t, t - 1, (a % b != 0) && ((a < 0) != (b < 0)));
}
// floor modulo, x % 0 == x
fn attn_imod(a: i32, b: i32) -> i32 {
  if (b == 0) { return a; }
  if (b == -1) { return 0; }
  let r = a % b;
  return select(r, r + b, (r != 0) && ((r < 0) != (b < 0)));
}
fn attn_is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
// IEEE division where WGSL leaves it indeterminate (a zero divisor: 0 / 0 and NaN / 0 are NaN,
// else an infinity with the sign of a * b; lavapipe gave -inf rows for s / 0.0)
fn attn_fdiv(a: f32, b: f32) -> f32 {
  if (b != 0.0f) { return a / b; }
  if (a == 0.0f || attn_is_nan(a)) { return u.nan; }
  return bitcast<f32>(bitcast<u32>(u.inf) | ((bitcast<u32>(a) ^ bitcast<u32>(b)) & 0x80000000u));
}
// min/max as language § 6 (JavaScript's Math.min/max): a NaN operand gives NaN (WGSL's min/max
// may return the other operand), and min(0.0, -0.0) == -0.0, max(0.0, -0.0) == 0.0
fn attn_fmin(a: f32, b: f32) -> f32 {
  if (attn_is_nan(a) || attn_is_nan(b)) { return u.nan; }
  return select(min(a, b), bitcast<f32>(bitcast<u32>(a) | bitcast<u32>(b)), a == b);
}
fn attn_fmax(a: f32, b: f32) -> f32 {
  if (attn_is_nan(a) || attn_is_nan(b)) { return u.nan; }
  return select(max(a, b), bitcast<f32>(bitcast<u32>(a) & bitcast<u32>(b)), a == b);
}
// truncate toward zero, saturate, NaN -> 0
fn attn_ftoi(x: f32) -> i32 {
  if (attn_is_nan(x)) { return 0; }
  if (x >= 2147483648.0f) { return 2147483647i; }
  if (x <= -2147483648.0f) { return i32(-2147483648); }
  return i32(x);
}
// tanh with relative accuracy everywhere: WGSL's tanh (inherited from sinh / cosh) may have only
// absolute accuracy near 0 (lavapipe: about 3e-8, so 3.4e38 * tanh(s / 3.4e38) was off by 1e31); below
// 2^-6, x - x^3 / 3 is within float32 rounding (the next term is 2 x^5 / 15); beyond 10 it is +-1
fn attn_tanh(x: f32) -> f32 {
  let a = abs(x);
  if (a < 0.015625f) { return x - x * x * x * (1.0f / 3.0f); }
  return select(tanh(x), sign(x), a > 10.0f);
}
fn attn_sigmoid(x: f32) -> f32 {
  let e = exp(-abs(x));
  return select(e / (1.0f + e), 1.0f / (1.0f + e), x >= 0.0f);
}
// Math.pow: negative bases with integral exponents, pow(x, 0) == 1
fn attn_pow(x: f32, y: f32) -> f32 {
  if (y == 0.0f) { return 1.0f; }
  if (attn_is_nan(x) || attn_is_nan(y)) { return u.nan; }
  if (x == 0.0f) { return select(u.inf, 0.0f, y > 0.0f); }
  let a = exp2(y * log2(abs(x)));
  if (x > 0.0f) { return a; }
  if (floor(y) != y) { return u.nan; }
  let odd = abs(y) < 16777216.0f && (abs(y) % 2.0f) == 1.0f;
  return select(a, -a, odd);
}
fn attn_clamp_index(i: i32, n: i32) -> u32 { return u32(clamp(i, 0i, max(n - 1i, 0i))); }
`;
