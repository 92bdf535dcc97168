/**
 * Programs whose scores are smooth at random points, covering every derivative rule (tanh softcap,
 * ALiBi slopes, a bias table, sigmoid, exp/log/sqrt/pow, division, select, min/max, abs) and every
 * normalization (softmax, with a sink too, sigmoid, none), with
 * the sizes of their float tensors: the backward tests' fixed cases.
 */
import type { Sizes } from "../../compiler/ir/program.js";

export const SMOOTH_PROGRAMS: { id: string; source: string; tensors: Record<string, (s: Sizes) => number> }[] = [
  { id: "causal", source: "attention a { mask q >= kv }", tensors: {} },
  {
    id: "alibi-softcap",
    source: `attention a {
  input slopes: f32[H]
  param cap: float = 5.0
  mask q + KV_LEN - Q_LEN >= kv
  score cap * tanh((s - slopes[h] * float(q - kv)) / cap)
}`,
    tensors: { slopes: (s) => s.H },
  },
  {
    id: "bias-table-sigmoid",
    source: `attention a {
  input bias: f32[H, 9]
  input temp: f32[1]
  mask abs(q - kv) <= 4 && kv != 2
  score s * exp(temp[0]) + bias[h, q - kv + 4] - 1.5
  normalize sigmoid
}`,
    tensors: { bias: (s) => s.H * 9, temp: () => 1 },
  },
  {
    id: "piecewise",
    source: `attention a {
  input t: f32[KV_LEN]
  let u = min(s, t[kv]) + max(0.5 * s, t[kv] - 1.0)
  score kv % 3 == 0 ? u : abs(s) * 0.3 - sqrt(t[kv] * t[kv] + 1.0) / (2.0 + s * s)
}`,
    tensors: { t: (s) => s.KV_LEN },
  },
  {
    id: "pow-log",
    source: `attention a {
  input w: f32[H]
  mask kv <= q + 1
  score pow(1.0 + s * s, 0.5 * sigmoid(w[h])) + log(2.0 + tanh(s))
}`,
    tensors: { w: (s) => s.H },
  },
  { id: "empty-rows", source: "attention a { mask q >= 2 && kv < q }", tensors: {} },
  {
    // gpt-oss: a learnable logit per head joins each row's denominator (v2 `sink`), with a window
    id: "sinks-window",
    source: `attention a {
  input sinks: f32[H]
  mask kv <= q + 1 && q - kv < 4
  score s * 1.5
  sink sinks[h] + 0.25 * float(q)
}`,
    tensors: { sinks: (s) => s.H },
  },
  {
    // Re-ttention style: a per-row offset of the denominator (as a logit), rows 0 and 1 see no key
    id: "sink-rows",
    source: `attention a {
  input rho: f32[B, H, Q_LEN]
  mask q >= 2 && kv < q
  sink 2.0 * tanh(rho[b, h, q]) - 0.5
}`,
    tensors: { rho: (s) => s.B * s.H * s.Q_LEN },
  },
  {
    // normalize none: the weight is the score itself; a squared ReLU (smooth at 0: C1) as GAU's
    // relu²(s / n + b), rows 0 and 1 see no key
    id: "relu2-none",
    source: `attention a {
  input bias: f32[H]
  mask q >= 2 && kv < q + 3
  let x = s * 0.75 + bias[h] - 0.2
  score max(x, 0.0) * max(x, 0.0) + 0.1 * tanh(s)
  normalize none
}`,
    tensors: { bias: (s) => s.H },
  },
];

