/**
 * The example cases shared by the example tests: per example, small param overrides, sizes, the
 * run-time tensors, and a mask/score reference written independently from the published
 * definition of the variant (used by meaning.test.ts; the oracle test uses params, sizes, inputs).
 */
import type { Tensor } from "../../compiler/ir/interp.js";

export type Vars = { b: number; h: number; q: number; kv: number; B: number; H: number; H_KV: number; Q_LEN: number; KV_LEN: number; D: number };
type Ref = (v: Vars, t: Record<string, number[]>) => boolean;
type ScoreRef = (v: Vars & { s: number }, t: Record<string, number[]>) => number;
type SinkRef = (v: Vars, t: Record<string, number[]>) => number;

export interface Case {
  file: string;
  params?: Record<string, number | boolean>;
  /** sizes (defaults: B=2, H=4, H_KV=2, Q_LEN=KV_LEN=24, D=8) */
  sizes?: Partial<Vars>;
  /** input tensors (row-major data) and their dims, built from the sizes */
  inputs?: (z: Vars) => Record<string, Tensor>;
  mask: Ref;
  score?: ScoreRef;
  /** the sink logit of row (b, h, q) (v2 `sink`), where the example has one */
  sink?: SinkRef;
  /** the example's normalizer, where it is not softmax */
  normalize?: "sigmoid" | "none";
}

const fdiv = (a: number, b: number) => Math.floor(a / b);
const mod = (a: number, b: number) => a - b * Math.floor(a / b);
/** A deterministic pseudo-random int in [0, n) (xorshift). */
function rng(seed: number) {
  let x = seed | 0 || 1;
  return (n: number) => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) % n;
  };
}
const tensor = (dims: number[], f: (i: number) => number): Tensor => {
  const size = dims.reduce((a, c) => a * c, 1);
  return { dims, data: Array.from({ length: size }, (_, i) => f(i)) };
};
/** Sorted segment ids per batch row (documents, frames), `neg` of them -1 at random places. */
function segments(z: Vars, seed: number, withNeg = false): Tensor {
  const r = rng(seed);
  const data: number[] = [];
  for (let b = 0; b < z.B; b++) {
    let id = 0;
    for (let i = 0; i < z.Q_LEN; i++) {
      if (i > 0 && r(5) === 0) id++;
      data.push(withNeg && r(4) === 0 ? -1 : id);
    }
  }
  return { dims: [z.B, z.Q_LEN], data };
}

/** NATTEN's `get_window_start` (1-D, odd kernel, with dilation), transcribed from its C++ source. */
function nattenStart(i: number, L: number, k: number, d: number): number {
  const nh = fdiv(k, 2);
  if (d <= 1) {
    let s = Math.max(i - nh, 0);
    if (i + nh >= L) s += L - i - nh - 1;
    return s;
  }
  if (i - nh * d < 0) return i % d;
  if (i + nh * d >= L) {
    const imodd = i % d;
    const a = fdiv(L, d) * d;
    const bb = L - a;
    if (imodd < bb) return L - bb + imodd - 2 * nh * d;
    return a + imodd - k * d;
  }
  return i - nh * d;
}
const inNatten = (i: number, j: number, L: number, k: number, d: number) => {
  const s = nattenStart(i, L, k, d);
  return j >= s && j < s + k * d && (j - s) % d === 0;
};

/** Swin's shifted windows: roll by -shift, window partition, region ids; same window and region. */
function swinShifted(qy: number, qx: number, ky: number, kx: number, Hh: number, Ww: number, M: number, s: number) {
  const region = (c: number, L: number) => (c < L - M ? 0 : c < L - s ? 1 : 2);
  const [ay, ax, by, bx] = [mod(qy - s, Hh), mod(qx - s, Ww), mod(ky - s, Hh), mod(kx - s, Ww)];
  return fdiv(ay, M) === fdiv(by, M) && fdiv(ax, M) === fdiv(bx, M) &&
    region(ay, Hh) === region(by, Hh) && region(ax, Ww) === region(bx, Ww);
}

const causal: Ref = ({ q, kv }) => kv <= q;
const perToken = (t: Record<string, number[]>, name: string, z: Vars, i: number) => t[name]![z.b * z.Q_LEN + i]!;

export const CASES: Case[] = [
  { file: "full", sizes: { Q_LEN: 7, KV_LEN: 13 }, mask: () => true },
  { file: "causal", mask: causal },
  { file: "causal-bottom-right", sizes: { Q_LEN: 5, KV_LEN: 17 }, mask: ({ q, kv }) => kv <= q + 12 },
  { file: "sliding-window", params: { window: 5 }, mask: ({ q, kv }) => q - kv >= 0 && q - kv < 5 },
  { file: "streaming-llm-sinks", params: { sinks: 2, window: 4 }, mask: ({ q, kv }) => kv <= q && (kv < 2 || q - kv < 4) },
  { file: "prefix-lm", params: { prefix: 6 }, mask: ({ q, kv }) => kv <= q || kv < 6 },
  {
    file: "prefix-lm-per-batch",
    inputs: (z) => ({ prefix_len: tensor([z.B], (i) => [3, 11][i]!) }),
    mask: ({ b, q, kv }) => kv <= q || kv < [3, 11][b]!,
  },
  {
    file: "document-causal",
    inputs: (z) => ({ doc: segments(z, 7) }),
    mask: (z, t) => z.kv <= z.q && perToken(t, "doc", z, z.q) === perToken(t, "doc", z, z.kv),
  },
  {
    file: "anchor-attention",
    inputs: (z) => ({ doc: segments(z, 8) }),
    mask: (z, t) => z.kv === 0 || (z.kv <= z.q && perToken(t, "doc", z, z.q) === perToken(t, "doc", z, z.kv)),
  },
  {
    file: "dilated-sliding-window", params: { window: 3, dilation: 2 },
    mask: ({ q, kv }) => [0, 2, 4].includes(q - kv),
  },
  { file: "chunked-causal", params: { chunk: 5 }, mask: ({ q, kv }) => kv <= q && fdiv(q, 5) * 5 <= kv },
  { file: "block-causal", params: { block: 4 }, mask: ({ q, kv }) => kv < (fdiv(q, 4) + 1) * 4 },
  {
    file: "alibi",
    inputs: (z) => ({ slopes: tensor([z.H], (h) => Math.pow(2, (-8 * (h + 1)) / z.H)) }),
    mask: causal,
    score: ({ s, h, q, kv, H }) => s - Math.pow(2, (-8 * (h + 1)) / H) * (q - kv),
  },
  { file: "softcap", params: { cap: 5 }, mask: causal, score: ({ s }) => 5 * Math.tanh(s / 5) },
  {
    file: "relative-bias-table", params: { max_dist: 3 },
    inputs: (z) => ({ table: tensor([z.H, 129], (i) => (i % 129) + 1000 * Math.floor(i / 129)) }),
    mask: () => true,
    // table[h, c] = c + 1000 h, so the bias of distance d is (clamped d + 3) + 1000 h
    score: ({ s, h, q, kv }) => s + Math.max(-3, Math.min(3, kv - q)) + 3 + 1000 * h,
  },
  {
    file: "longformer-global", params: { half_window: 2 },
    inputs: (z) => ({ is_global: tensor([z.B, z.Q_LEN], (i) => (i % z.Q_LEN === 0 || i === 17 ? 1 : 0)) }),
    mask: (z, t) => Math.abs(z.q - z.kv) <= 2 || perToken(t, "is_global", z, z.q) === 1 || perToken(t, "is_global", z, z.kv) === 1,
  },
  { file: "neighborhood-1d", params: { kernel_size: 5 }, mask: ({ q, kv, KV_LEN }) => inNatten(q, kv, KV_LEN, 5, 1) },
  {
    file: "neighborhood-1d-dilated", params: { kernel_size: 3, dilation: 3 }, sizes: { Q_LEN: 23, KV_LEN: 23 },
    mask: ({ q, kv, KV_LEN }) => inNatten(q, kv, KV_LEN, 3, 3),
  },
  {
    file: "neighborhood-2d", params: { grid_w: 6, kernel_size: 3 }, sizes: { Q_LEN: 30, KV_LEN: 30 },
    mask: ({ q, kv }) => inNatten(fdiv(q, 6), fdiv(kv, 6), 5, 3, 1) && inNatten(q % 6, kv % 6, 6, 3, 1),
  },
  // GNA: stride 1 is neighborhood attention; stride == kernel_size is non-overlapping blocks.
  { file: "gna-strided-1d", params: { kernel_size: 5, stride: 1 }, mask: ({ q, kv, KV_LEN }) => inNatten(q, kv, KV_LEN, 5, 1) },
  { file: "gna-strided-1d", params: { kernel_size: 4, stride: 4 }, mask: ({ q, kv }) => fdiv(q, 4) === fdiv(kv, 4) },
  {
    file: "swin-window-bias", params: { grid_w: 6, window: 3 }, sizes: { Q_LEN: 36, KV_LEN: 36 },
    inputs: (z) => ({ bias: tensor([z.H, 169], (i) => i) }),
    mask: ({ q, kv }) => fdiv(fdiv(q, 6), 3) === fdiv(fdiv(kv, 6), 3) && fdiv(q % 6, 3) === fdiv(kv % 6, 3),
    score: ({ s, h, q, kv }) => s + h * 169 + (fdiv(q, 6) - fdiv(kv, 6) + 2) * 5 + (q % 6) - (kv % 6) + 2,
  },
  {
    file: "swin-shifted-window", params: { grid_w: 6, window: 3, shift: 1 }, sizes: { Q_LEN: 36, KV_LEN: 36 },
    inputs: (z) => ({ bias: tensor([z.H, 169], (i) => i) }),
    mask: ({ q, kv }) => swinShifted(fdiv(q, 6), q % 6, fdiv(kv, 6), kv % 6, 6, 6, 3, 1),
    score: ({ s, h, q, kv }) => s + h * 169 + (fdiv(q, 6) - fdiv(kv, 6) + 2) * 5 + (q % 6) - (kv % 6) + 2,
  },
  {
    file: "s2-attention", params: { local_window: 3, block: 2, num_shards: 4, shard_offset: 1 },
    mask: ({ h, q, kv }) => kv <= q && (q - kv < 3 || fdiv(kv, 2) % 4 === (h + 1) % 4),
  },
  {
    file: "power-attention", params: { block: 2, local_blocks: 1 }, sizes: { Q_LEN: 40, KV_LEN: 40 },
    mask: ({ q, kv }) => {
      const d = fdiv(q, 2) - fdiv(kv, 2);
      return kv <= q && (d === 0 || (d & (d - 1)) === 0);
    },
  },
  {
    // the reference tests power-of-two-ness by repeated halving (not by bits, as the program does)
    file: "power-attention-bits", params: { block: 2, local_blocks: 2 }, sizes: { Q_LEN: 70, KV_LEN: 70 },
    mask: ({ q, kv }) => {
      let d = fdiv(q, 2) - fdiv(kv, 2);
      if (kv > q) return false;
      if (d < 2) return true;
      while (d % 2 === 0) d /= 2;
      return d === 1;
    },
  },
  {
    // a derived dim: sel is [B, H, ceil(Q_LEN / 4), ceil(KV_LEN / 4)] (30 = 7 * 4 + 2: a partial last block)
    file: "moba-block-selection", params: { block: 4 }, sizes: { Q_LEN: 30, KV_LEN: 30 },
    inputs: (z) => {
      const r = rng(77);
      return { sel: tensor([z.B, z.H, Math.ceil(z.Q_LEN / 4), Math.ceil(z.KV_LEN / 4)], () => (r(3) === 0 ? 1 : 0)) };
    },
    mask: ({ b, h, q, kv, H, KV_LEN }, t) => {
      const nk = Math.ceil(KV_LEN / 4), nq = Math.ceil(30 / 4);
      const i = fdiv(q, 4), j = fdiv(kv, 4);
      return kv <= q && (i === j || t.sel![((b * H + h) * nq + i) * nk + j] !== 0);
    },
  },
  { file: "sigmoid-attention", normalize: "sigmoid", mask: () => true, score: ({ s, KV_LEN }) => s - Math.log(KV_LEN) },
  { file: "sigmoid-attention", normalize: "sigmoid", params: { causal: true }, mask: causal, score: ({ s, KV_LEN }) => s - Math.log(KV_LEN) },
  // Wortsman et al.: phi(s) = relu(s) / L
  { file: "relu-attention", normalize: "none", mask: () => true, score: ({ s, KV_LEN }) => Math.max(s, 0) / KV_LEN },
  { file: "relu-attention", normalize: "none", params: { causal: true }, mask: causal, score: ({ s, KV_LEN }) => Math.max(s, 0) / KV_LEN },
  {
    // GAU: relu^2(q.k / n + b), q.k the unscaled dot product (s = q.k / sqrt(D)), b a clipped relative bias
    file: "relu2-attention", normalize: "none", params: { R: 5 },
    inputs: (z) => ({ rel: tensor([z.H, 11], (i) => (((i * 7) % 13) - 6) / 8) }),
    mask: causal,
    score: ({ h, q, kv, s, D, KV_LEN }, t) => {
      const x = (s * Math.sqrt(D)) / KV_LEN + t.rel![h * 11 + Math.min(Math.max(kv - q, -5), 5) + 5]!;
      return Math.max(x, 0) ** 2;
    },
  },
  {
    file: "relu2-attention", normalize: "none", params: { R: 2, causal: false }, sizes: { Q_LEN: 20, KV_LEN: 28 },
    inputs: (z) => ({ rel: tensor([z.H, 5], (i) => ((i % 5) - 1) / 4) }),
    mask: () => true,
    score: ({ h, q, kv, s, D, KV_LEN }, t) => Math.max((s * Math.sqrt(D)) / KV_LEN + t.rel![h * 5 + Math.min(Math.max(kv - q, -2), 2) + 2]!, 0) ** 2,
  },
  {
    file: "moa-per-head-window", params: { sinks: 2 },
    inputs: (z) => ({ win: tensor([z.H], (h) => [1, 3, 6, 100][h]!) }),
    mask: ({ h, q, kv }) => kv <= q && (kv < 2 || q - kv < [1, 3, 6, 100][h]!),
  },
  {
    file: "tc-llava-frame-causal",
    inputs: (z) => ({ frame: segments(z, 11, true) }),
    mask: (z, t) => {
      const fq = perToken(t, "frame", z, z.q);
      return z.kv <= z.q || (fq >= 0 && fq === perToken(t, "frame", z, z.kv));
    },
  },
  {
    file: "blindsight-head-masks",
    inputs: (z) => ({
      seg: segments(z, 12, true),
      sink: tensor([z.B, z.Q_LEN], (i) => (i % 7 === 2 ? 1 : 0)),
      mode: tensor([z.H], (h) => [0, 1, 2, 1][h]!),
    }),
    mask: (z, t) => {
      const m = [0, 1, 2, 1][z.h]!;
      const sq = perToken(t, "seg", z, z.q);
      const sk = perToken(t, "seg", z, z.kv);
      const text = sq < 0 || sk < 0;
      return z.kv <= z.q && (m === 0 || text || sq === sk || (m === 2 && perToken(t, "sink", z, z.kv) === 1));
    },
  },
  {
    file: "sparse-vdit-multi-diagonal", params: { frame_tokens: 5, width: 2 }, sizes: { Q_LEN: 25, KV_LEN: 25 },
    // distance from q - kv to the nearest multiple of frame_tokens
    mask: ({ q, kv }) => Array.from({ length: 11 }, (_, n) => Math.abs(q - kv - (n - 5) * 5)).some((d) => d < 2),
  },
  {
    file: "radial-attention", params: { frame_tokens: 4, window: 8 }, sizes: { Q_LEN: 40, KV_LEN: 40 },
    mask: ({ q, kv }) => {
      const dt = Math.abs(fdiv(q, 4) - fdiv(kv, 4));
      const band = dt <= 1 ? 0 : Math.floor(Math.log2(dt));
      return Math.abs((q % 4) - (kv % 4)) < fdiv(8, 2 ** band);
    },
  },
  {
    file: "radial-attention-bits", params: { frame_tokens: 3, window: 16 }, sizes: { Q_LEN: 60, KV_LEN: 60 },
    mask: ({ q, kv }) => {
      const dt = Math.abs(fdiv(q, 3) - fdiv(kv, 3));
      const band = dt <= 1 ? 0 : Math.floor(Math.log2(dt) + 1e-9);
      return Math.abs((q % 3) - (kv % 3)) < fdiv(16, 2 ** band);
    },
  },
  {
    // gpt-oss: sinks[h] joins each row's softmax (model.py's `sdpa`), window 5 at these sizes
    file: "gpt-oss-sinks", params: { window: 5 },
    inputs: (z) => ({ sinks: tensor([z.H], (h) => [0.5, -2, 3, 1.25][h % 4]!) }),
    mask: ({ q, kv }) => kv <= q && q - kv < 5,
    sink: ({ h }) => [0.5, -2, 3, 1.25][h % 4]!,
  },
  {
    file: "top-theta-threshold",
    inputs: (z) => ({ theta: tensor([z.H], (h) => [-9, -0.5, 0, 0.7][h]!) }),
    mask: causal,
    score: ({ s, h }) => (s >= [-9, -0.5, 0, 0.7][h]! ? s : -Infinity),
  },
  {
    file: "flashbias-low-rank",
    inputs: (z) => ({
      u: tensor([z.B, z.H, z.Q_LEN, 2], (i) => (i % 5) - 2),
      w: tensor([z.B, z.H, z.Q_LEN, 2], (i) => (i % 3) * 0.5),
    }),
    mask: () => true,
    score: ({ s, b, h, q, kv, H, Q_LEN }) => {
      const at = (i: number, r: number) => ((b * H + h) * Q_LEN + i) * 2 + r;
      return s + ((at(q, 0) % 5) - 2) * ((at(kv, 0) % 3) * 0.5) + ((at(q, 1) % 5) - 2) * ((at(kv, 1) % 3) * 0.5);
    },
  },
  {
    file: "selective-temperature", params: { pos_scale: 0.5 },
    inputs: (z) => ({ temp: tensor([z.B, z.H, z.Q_LEN], (i) => 0.5 + (i % 7) / 10) }),
    mask: causal,
    score: ({ s, b, h, q, H, Q_LEN }) => (0.5 + (((b * H + h) * Q_LEN + q) % 7) / 10 + 0.5 * Math.log(q + 1)) * s,
  },
];

