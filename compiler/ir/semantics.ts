/**
 * The scalar semantics of the IR's int and conversion ops, shared by the interpreter, the
 * oracle and the TypeScript backend's runtime (which inlines copies of these functions).
 * See compiler/ir/node.ts for the rules.
 */

/** 32-bit wrap */
export const wrap = (x: number): number => x | 0;

/** floor division; x / 0 == 0 */
export function idiv(a: number, b: number): number {
  if (b === 0) return 0;
  return wrap(Math.floor(a / b));
}

/** floor modulo; x % 0 == x */
export function imod(a: number, b: number): number {
  if (b === 0) return a;
  return wrap(a - b * Math.floor(a / b));
}

/** float -> int: truncate toward zero, saturate, NaN -> 0 */
export function ftoi(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x >= 2147483647) return 2147483647;
  if (x <= -2147483648) return -2147483648;
  return Math.trunc(x);
}

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** left shift of the 32 bits, the amount masked to 5 bits (x << 32 == x) */
export const shl = (a: number, b: number): number => a << (b & 31);
/** arithmetic right shift, the amount masked to 5 bits (sign-extending: -1 >> 5 == -1) */
export const shr = (a: number, b: number): number => a >> (b & 31);
/** floor(log2 x) for x >= 1, -1 for x <= 0 */
export const ilog2 = (x: number): number => (x > 0 ? 31 - Math.clz32(x) : -1);
