import { dimValues } from "../../compiler/ir/dims.js";
/**
 * The float64 dense attention oracle: the definition every backend is checked against.
 *
 * It evaluates the mask on every (q, kv) and the score where the mask holds with the IR
 * interpreter (compiler/ir/interp.ts, float64), then softmax, sigmoid or none exactly as
 * docs/language.md § 9 says:
 * - softmax: with m the row's largest visible score, w_j = exp(L_j - m) / Σ exp(L - m) and
 *   lse = m + log Σ exp(L - m). A visible NaN or +inf score makes m NaN or +inf, so every w_j,
 *   o and lse of that row are NaN (+inf - +inf); a row whose visible scores are all -inf (or that
 *   has none) gets o = 0, lse = -inf;
 * - a sink (softmax only) is one more visible logit S of the row, evaluated for every existing row,
 *   with no value row: it joins m and the sum (so lse = S and o = 0 in a row with no visible key and
 *   a finite S), never o's sum; S = -inf adds nothing, S NaN or +inf makes the row NaN (o included);
 * - sigmoid: w_j = sigmoid(L_j) (sigmoid(+inf) = 1, sigmoid(NaN) = NaN);
 * - none: w_j = L_j (+inf and NaN as they are: inf · v and NaN reach o as the sum says);
 * - masked keys and keys with L = -inf are skipped: they never contribute, whatever k and v hold. Besides o and lse it returns `mass[b,h,i,c] = Σ_j w_j |v[j,c]|` (w the
 * normalized weights), the natural scale of the error of a weighted sum, used by compare.ts, and
 * `keyMass[b,h,i,c] = Σ_{j visible} (|v[j,c]| + 4)`, which bounds what flushing subnormal float32
 * intermediates to zero can change (compare.ts, `flushSubnormals`), and `altInf`: where o is NaN only
 * because a weight that underflowed to 0 met an infinite v (0 · inf), the sign of the infinity the
 * exact sum has (a weight is never 0 mathematically): a kernel whose running maximum met that key
 * before the larger scores keeps the infinity (language.md § 9), and compare.ts accepts it there.
 */
import { evalNode, type Env, type Tensor } from "../../compiler/ir/interp.js";
import type { AttnIR, Sizes } from "../../compiler/ir/program.js";
import { sigmoid } from "../../compiler/ir/semantics.js";

/** The weight of a visible entry's score L (not -inf) under an elementwise normalizer. */
export const weight = (normalize: AttnIR["normalize"], L: number): number => (normalize === "none" ? L : sigmoid(L));

export interface AttnData {
  q: ArrayLike<number>;
  k: ArrayLike<number>;
  v: ArrayLike<number>;
  tensors: Record<string, ArrayLike<number>>;
}

/**
 * Per-row lengths (docs/language.md § 10, "Per-row lengths"): batch row b has lengths q[b] <= Q_LEN
 * and kv[b] <= KV_LEN of the (padded) tensors; its Q_LEN and KV_LEN mean those, keys kv >= kv[b] do
 * not exist and rows q >= q[b] are o = 0, lse = -inf.
 */
export interface RowLens {
  q?: ArrayLike<number>;
  kv?: ArrayLike<number>;
}

/** The lengths of batch row b: the row's own where given, else the tensors' */
export function rowLens(sizes: Sizes, lens: RowLens | undefined, b: number): { qLen: number; kvLen: number } {
  return { qLen: lens?.q ? lens.q[b]! : sizes.Q_LEN, kvLen: lens?.kv ? lens.kv[b]! : sizes.KV_LEN };
}

export interface OracleOut {
  o: Float64Array;
  lse: Float64Array | null;
  mass: Float64Array;
  keyMass: Float64Array;
  /** per o element: +1 / -1 where NaN may also be +inf / -inf (see the header), else 0 */
  altInf: Int8Array;
}

export function tensorDims(ir: AttnIR, sizes: Sizes): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const i of ir.inputs) out[i.name] = dimValues(i, sizes);
  return out;
}

/**
 * The interpreter's environment for a program over `data`: its tensors by name, the sizes, and the
 * variables b h q kv s that the caller sets per entry (through `vars`); `scale` as § 9 defaults it.
 */
export function oracleEnv(ir: AttnIR, data: AttnData, sizes: Sizes, scaleOpt?: number) {
  const { B, H, H_KV, Q_LEN, KV_LEN, D } = sizes;
  const dims = tensorDims(ir, sizes);
  const tensors: Record<string, Tensor> = {};
  for (const [name, d] of Object.entries(dims)) tensors[name] = { data: data.tensors[name]!, dims: d };
  const vars: Record<string, number> = { B, H, H_KV, Q_LEN, KV_LEN, D, b: 0, h: 0, q: 0, kv: 0, s: 0 };
  const env: Env = { vars, tensors };
  return { env, vars, dims, scale: scaleOpt ?? 1 / Math.sqrt(D) };
}

/** q · k of query row `qOff` and key row `kOff` (flat offsets of their first elements), in float64 */
export function dot(data: AttnData, qOff: number, kOff: number, D: number): number {
  let x = 0;
  for (let d = 0; d < D; d++) x += data.q[qOff + d]! * data.k[kOff + d]!;
  return x;
}

/** `f32`: the mask and score evaluated with every float rounded to float32 (s included), as one
 * float32 backend may; the softmax itself stays float64. `perturbLogit`: applied to every logit (each
 * visible entry's score and the sink) before the normalizer (rounding-jitter.ts: how far the result
 * moves when a float32 kernel rounds the logits) */
export function oracle(ir: AttnIR, data: AttnData, sizes: Sizes, scaleOpt?: number, f32 = false, lens?: RowLens, perturbLogit?: (x: number) => number): OracleOut {
  const { B, H, H_KV, Q_LEN, KV_LEN, D, DV } = sizes;
  const { env, vars, scale } = oracleEnv(ir, data, sizes, scaleOpt);
  env.f32 = f32;
  const o = new Float64Array(B * H * Q_LEN * DV);
  const mass = new Float64Array(B * H * Q_LEN * DV);
  const keyMass = new Float64Array(B * H * Q_LEN * DV);
  const altInf = new Int8Array(B * H * Q_LEN * DV);
  // per column of the row: 1 / 2 bits for +inf / -inf times a weight > 0, 4 / 8 for +inf / -inf times an
  // underflowed weight, 16 for a NaN term otherwise
  const terms = new Uint8Array(DV);
  const lse = ir.normalize === "softmax" ? new Float64Array(B * H * Q_LEN) : null;
  const L = new Float64Array(KV_LEN);
  const vis = new Uint8Array(KV_LEN);
  const group = H / H_KV;
  if (lse) lse.fill(-Infinity); // rows past the batch row's length
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++) {
      const kvh = Math.floor(h / group);
      const { qLen, kvLen } = rowLens(sizes, lens, b);
      vars.Q_LEN = qLen;
      vars.KV_LEN = kvLen;
      for (let i = 0; i < qLen; i++) {
        vars.b = b; vars.h = h; vars.q = i;
        const qOff = ((b * H + h) * Q_LEN + i) * D;
        let m = -Infinity;
        for (let j = 0; j < kvLen; j++) {
          vars.kv = j;
          vis[j] = evalNode(ir.mask, env) ? 1 : 0;
          if (!vis[j]) continue;
          vars.s = scale * dot(data, qOff, ((b * H_KV + kvh) * KV_LEN + j) * D, D);
          if (f32) vars.s = Math.fround(vars.s);
          L[j] = evalNode(ir.score, env) as number;
          if (perturbLogit) L[j] = perturbLogit(L[j]!);
          if (Number.isNaN(L[j]!)) m = Number.NaN;
          else if (L[j]! > m) m = L[j]!;
        }
        // the sink: one more logit of the row (its value row is zero: it only joins m and the sum)
        let S = ir.sink ? (evalNode(ir.sink, env) as number) : -Infinity;
        if (perturbLogit) S = perturbLogit(S);
        if (Number.isNaN(S)) m = Number.NaN;
        else if (S > m) m = S;
        const w = new Float64Array(KV_LEN);
        let total = S === -Infinity ? 0 : Math.exp(S - m);
        for (let j = 0; j < kvLen; j++) {
          if (!vis[j]) continue;
          if (ir.normalize === "softmax") {
            w[j] = m === -Infinity ? 0 : Math.exp(L[j]! - m);
            total += w[j]!;
          } else {
            w[j] = weight(ir.normalize, L[j]!);
          }
        }
        if (ir.normalize === "softmax") {
          lse![(b * H + h) * Q_LEN + i] = total > 0 ? m + Math.log(total) : total === 0 ? -Infinity : Number.NaN;
          for (let j = 0; j < kvLen; j++) w[j] = total > 0 ? w[j]! / total : total === 0 ? 0 : Number.NaN;
        }
        const oOff = ((b * H + h) * Q_LEN + i) * DV;
        if (Number.isNaN(total)) o.fill(Number.NaN, oOff, oOff + DV); // a NaN row, also with no visible key (a NaN or +inf sink)
        terms.fill(0);
        for (let j = 0; j < kvLen; j++) {
          if (!vis[j]) continue;
          const vOff = ((b * H_KV + kvh) * KV_LEN + j) * DV;
          for (let c = 0; c < DV; c++) keyMass[oOff + c] += Math.abs(data.v[vOff + c]!) + 4;
          if (L[j] === -Infinity) continue; // weight zero, as a masked key: never contributes, whatever v holds
          for (let c = 0; c < DV; c++) {
            const x = data.v[vOff + c]!;
            o[oOff + c] += w[j]! * x;
            mass[oOff + c] += Math.abs(w[j]! * x);
            // a weight of 0 for a finite score is one that underflowed (exp, sigmoid), not an exact 0 (none's L = 0)
            const underflow = w[j] === 0 && Number.isFinite(L[j]!) && ir.normalize !== "none";
            if (x === Infinity || x === -Infinity) terms[c]! |= (x > 0 ? 1 : 2) << (underflow ? 2 : 0);
            else if (Number.isNaN(x) || Number.isNaN(w[j]!)) terms[c]! |= 16;
          }
        }
        for (let c = 0; c < DV; c++) {
          const t = terms[c]!;
          // NaN only through 0 · inf, and every infinity of one sign: the exact sum is that infinity
          if ((t & 12) !== 0 && (t & 16) === 0 && ((t | (t >> 2)) & 3) !== 3) altInf[oOff + c] = (t | (t >> 2)) & 1 ? 1 : -1;
        }
      }
    }
  return { o, lse, mass, keyMass, altInf };
}
