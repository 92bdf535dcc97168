/**
 * Limits every part of attnc relies on, and every kernel launch checks.
 *
 * - `MAX_SIZE`: each run-time size (`B H H_KV Q_LEN KV_LEN D`, and the value head dim) is at most
 *   2^28. Kernels reject larger sizes at launch (E0408). The tile classifier uses the bound to prove
 *   that a mask's integer arithmetic cannot wrap (compiler/analysis/range.ts); where it cannot prove
 *   it, the tiles are PARTIAL and `attnc analyze` says why.
 * - Tensor values read by a mask (i32 inputs) are not bounded: the analysis assumes the whole int32
 *   range for them.
 */
export const MAX_SIZE = 2 ** 28;

export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;
