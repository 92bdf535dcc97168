/**
 * The float64 dense backward oracle: the gradients every backend's backward is checked against,
 * as docs/language.md § 9 ("Gradients") defines them, for the loss Σ o · dO.
 *
 * Per row (b, h, i), with the visible keys j (mask true, L(i, j) > -inf), the row's max m and
 * the forward oracle's weights (not a kernel's lse):
 * - softmax: P_ij = exp(L_ij - m) / Σ_j exp(L_ij - m), dP_ij = dO_i · v_j, Δ_i = Σ_j P_ij dP_ij,
 *   dL_ij = P_ij (dP_ij - Δ_i);
 * - sigmoid: P_ij = sigmoid(L_ij), dL_ij = P_ij (1 - P_ij) dP_ij;
 * - none: P_ij = L_ij, dL_ij = dP_ij;
 * - dv_j += P_ij dO_i; with dS_ij = dL_ij · dL/ds (tape.ts): dq_i += scale dS_ij k_j and
 *   dk_j += scale dS_ij q_i; each float tensor read T[idx] of the score adds dL_ij · dL/dT[idx]
 *   into d_T[idx]. An entry whose slope (dL/ds, dL/dT[idx]) is exactly 0 adds nothing there.
 * With a sink S (a per-row logit with no value row: oracle.ts), P_sink = exp(S - m) / Σ joins the
 * row's sum, Δ is unchanged (the sink's dP is 0), and dloss/dS = -P_sink Δ: each float tensor read
 * T[idx] of the sink adds -P_sink Δ · dS/dT[idx] into d_T[idx] (tape.ts), once per existing row.
 * A row with a NaN or +inf score has NaN weights, so its terms are NaN (they reach dq of the row and
 * dk, dv and tensor gradients of the keys and elements it reads); rows with nothing visible and
 * masked or -inf entries add nothing. The derivative of the score is the tape's (tape.ts),
 * written independently of the compiler's.
 */
import { topo, varName, type Node } from "../../compiler/ir/node.js";
import { evalNode } from "../../compiler/ir/interp.js";
import type { AttnIR, Sizes } from "../../compiler/ir/program.js";
import { dot, oracleEnv, rowLens, weight, type AttnData, type RowLens } from "./oracle.js";
import { evalWithGrad, type GradEval } from "./tape.js";

export interface Grads {
  dq: Float64Array;
  dk: Float64Array;
  dv: Float64Array;
  /** d_NAME for every f32 input */
  dTensors: Record<string, Float64Array>;
}

export interface BackwardOut extends Grads {
  /** the same sums over the absolute values of their terms' factors (Σ_i P_ij |dO_i| for dv;
   * |dL| taken as P (|dP| + |Δ|) with |dP| = Σ_c |dO_ic v_jc|): the magnitude of what each
   * gradient adds up, the scale of its rounding error (compare-grad.ts) */
  mass: Grads;
}

/**
 * Whether the score depends on `s` through a differentiable path (statically: through float ops
 * other than `floor`, `int()`→`float()` and tensor reads, and only through a select's branches,
 * the one taken where the condition is a closed expression):
 * if not, dq and dk are exactly zero (W0501).
 */
function reachesS(score: Node): boolean {
  const reach = new Map<Node, boolean>();
  for (const n of topo([score])) {
    let r = false;
    if (n.op === "var") r = varName(n) === "s";
    else if (n.type === "float" && !["floor", "itof", "load", "const"].includes(n.op)) {
      // a select whose condition is closed (no variable, no read) takes one branch, as folding shows
      const closed = (c: Node) => topo([c]).every((m) => m.op !== "var" && m.op !== "load");
      const args = n.op !== "select" ? n.args : closed(n.args[0]!) ? [n.args[evalNode(n.args[0]!, { vars: {}, tensors: {} }) ? 1 : 2]!] : n.args.slice(1);
      r = args.some((a) => reach.get(a) === true);
    }
    reach.set(n, r);
  }
  return reach.get(score) === true;
}

export function oracleBackward(ir: AttnIR, data: AttnData, dO: ArrayLike<number>, sizes: Sizes, scaleOpt?: number, lens?: RowLens): BackwardOut {
  const { B, H, H_KV, Q_LEN, KV_LEN, D, DV } = sizes;
  const { env, vars, dims, scale } = oracleEnv(ir, data, sizes, scaleOpt);
  const zeros = (): Grads => {
    const g: Grads = {
      dq: new Float64Array(B * H * Q_LEN * D),
      dk: new Float64Array(B * H_KV * KV_LEN * D),
      dv: new Float64Array(B * H_KV * KV_LEN * DV),
      dTensors: {},
    };
    for (const i of ir.inputs) {
      if (i.dtype === "f32") g.dTensors[i.name] = new Float64Array(dims[i.name]!.reduce((a, b) => a * b, 1));
    }
    return g;
  };
  const out: BackwardOut = { ...zeros(), mass: zeros() };
  const mass = out.mass;
  const softmax = ir.normalize === "softmax";
  const dependsOnS = reachesS(ir.score);
  const group = H / H_KV;
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++) {
      const kvh = Math.floor(h / group);
      const { qLen, kvLen } = rowLens(sizes, lens, b); // per-row lengths: the rest adds nothing
      vars.Q_LEN = qLen;
      vars.KV_LEN = kvLen;
      for (let i = 0; i < qLen; i++) {
        vars.b = b; vars.h = h; vars.q = i;
        const qOff = ((b * H + h) * Q_LEN + i) * D;
        const oOff = ((b * H + h) * Q_LEN + i) * DV;
        // the visible entries and their scores with derivatives
        const seen: { j: number; g: GradEval }[] = [];
        let m = -Infinity;
        for (let j = 0; j < kvLen; j++) {
          vars.kv = j;
          if (!evalNode(ir.mask, env)) continue;
          vars.s = scale * dot(data, qOff, ((b * H_KV + kvh) * KV_LEN + j) * D, D);
          const g = evalWithGrad(ir.score, env);
          if (g.value === -Infinity) continue; // weight zero: contributes nothing
          seen.push({ j, g });
          if (Number.isNaN(g.value)) m = Number.NaN;
          else if (g.value > m) m = g.value;
        }
        // the sink: one more logit of the row, with its derivatives (tape.ts)
        const sink = ir.sink ? evalWithGrad(ir.sink, env) : null;
        if (sink && Number.isNaN(sink.value)) m = Number.NaN;
        else if (sink && sink.value > m) m = sink.value;
        let total = sink && sink.value !== -Infinity ? Math.exp(sink.value - m) : 0;
        for (const e of seen) total += Math.exp(e.g.value - m);
        // the forward oracle's weights, exp(L - m) / Σ exp(L - m): not exp(L - lse), where lse = m + log Σ
        // loses log Σ to rounding when |m| is huge (scores near 3e38: every weight would be 1)
        const P = seen.map((e) => (softmax ? Math.exp(e.g.value - m) / total : weight(ir.normalize, e.g.value)));
        const dP = seen.map((e) => {
          const vOff = ((b * H_KV + kvh) * KV_LEN + e.j) * DV;
          let x = 0;
          for (let c = 0; c < DV; c++) x += dO[oOff + c]! * data.v[vOff + c]!;
          return x;
        });
        const dPmass = seen.map((e) => {
          const vOff = ((b * H_KV + kvh) * KV_LEN + e.j) * DV;
          let x = 0;
          for (let c = 0; c < DV; c++) x += Math.abs(dO[oOff + c]! * data.v[vOff + c]!);
          return x;
        });
        let delta = 0;
        let deltaMass = 0;
        if (softmax) seen.forEach((_, n) => ((delta += P[n]! * dP[n]!), (deltaMass += P[n]! * dPmass[n]!)));
        if (sink && sink.value !== -Infinity) {
          // dloss/dS = P_sink (0 - Δ): the sink's value row is zero
          const pSink = Math.exp(sink.value - m) / total;
          const dSink = -pSink * delta;
          const dSinkMass = pSink * deltaMass;
          for (const r of sink.reads) {
            if (r.g === 0 || (Number.isFinite(r.gMass) && Math.abs(r.g) <= 2 ** -40 * r.gMass)) continue;
            out.dTensors[r.tensor]![r.offset] += dSink * r.g;
            mass.dTensors[r.tensor]![r.offset] += dSinkMass * r.gMass;
          }
        }
        seen.forEach((e, n) => {
          const p = P[n]!;
          // dP/dL: sigmoid's p (1 - p), none's 1
          const dwdl = ir.normalize === "none" ? 1 : p * (1 - p);
          const dL = softmax ? p * (dP[n]! - delta) : dwdl * dP[n]!;
          const kOff = ((b * H_KV + kvh) * KV_LEN + e.j) * D;
          const vOff = ((b * H_KV + kvh) * KV_LEN + e.j) * DV;
          const dLmass = softmax ? p * (dPmass[n]! + deltaMass) : dwdl * dPmass[n]!;
          for (let c = 0; c < DV; c++) {
            out.dv[vOff + c] += p * dO[oOff + c]!;
            mass.dv[vOff + c] += Math.abs(p * dO[oOff + c]!);
          }
          const dS = dL * e.g.ds;
          const dSmass = Math.abs(dLmass) * e.g.dsMass;
          // a score that does not depend on s differentiably adds nothing to dq, dk; otherwise every
          // visible entry does, NaN rows included (dL NaN), whatever dL/ds is there
          if (dependsOnS) for (let d = 0; d < D; d++) {
            out.dq[qOff + d] += scale * dS * data.k[kOff + d]!;
            out.dk[kOff + d] += scale * dS * data.q[qOff + d]!;
            mass.dq[qOff + d] += Math.abs(scale * dSmass * data.k[kOff + d]!);
            mass.dk[kOff + d] += Math.abs(scale * dSmass * data.q[qOff + d]!);
          }
          for (const r of e.g.reads) {
            // an element gets nothing where its slope is 0 — also a slope that cancels to rounding noise
            // (t[h] / t[h]: exactly 0 in one order of evaluation, 1e-17 in another), which matters in
            // NaN rows (dL NaN), where the kernel's exact 0 adds nothing
            if (r.g === 0 || (Number.isFinite(r.gMass) && Math.abs(r.g) <= 2 ** -40 * r.gMass)) continue;
            out.dTensors[r.tensor]![r.offset] += dL * r.g;
            mass.dTensors[r.tensor]![r.offset] += Math.abs(dLmass) * r.gMass;
          }
        });
      }
    }
  return out;
}
