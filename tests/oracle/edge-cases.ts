/**
 * Numeric edge cases of docs/language.md § 9 that every backend must get right, shared by the
 * TypeScript and WGSL tests and the CUDA GPU checker (bench/cuda/gen-oracle.ts):
 *
 * - NaN and +inf scores on visible keys make the row's o and lse NaN (softmax), or o NaN (sigmoid,
 *   where sigmoid(+inf) = 1 is an ordinary weight) — never a silent "masked"; under `normalize none`
 *   a NaN score makes o NaN, +inf is the weight inf (o ±inf, NaN where v is 0), -inf weight zero;
 * - a row with no visible key, or only -inf scores, still gives o = 0 and lse = -inf;
 * - masked keys never contribute, whatever their k holds (NaN, ±inf), nor keys past KV_LEN;
 * - v near float32's maximum gives finite outputs close to the oracle (no overflow of the
 *   unnormalized accumulator);
 * - masks whose int arithmetic wraps are evaluated as wrapped, tile skipping included;
 * - a sink (a per-row logit with no value row) joins every row: a row with no visible key gives
 *   o = 0 and lse = the sink; a NaN or +inf sink makes the row NaN, -inf adds nothing; sinks far
 *   above or below the scores (the kernels' rescale, huge running maxima) and with v near float32's
 *   maximum.
 *
 * Every value is a multiple of 1/64 of magnitude <= 255/64, NaN, ±inf, or a small multiple of a
 * power of two, so it is exact in float32 and in each of `dtypes` (the CUDA kernel's input types
 * for which the case is checked on the GPU; [] = not checked there).
 */
import type { Sizes } from "../../compiler/ir/program.js";
import { Rng } from "../arbitraries/rng.js";

export interface EdgeData {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  tensors: Record<string, Float32Array | Int32Array>;
}

export interface EdgeCase {
  id: string;
  source: string;
  /** B, H, H_KV, Q_LEN, KV_LEN (D and DV are the caller's) */
  shape: Omit<Sizes, "D" | "DV">;
  make(s: Sizes): EdgeData;
  /** input dtypes of the CUDA kernel with which the GPU checker runs the case */
  dtypes: ("bf16" | "f16")[];
  /**
   * Only for kernels that apply the mask before reading v (the TypeScript reference): the tensor
   * cores' P·V product of the GPU kernels adds 0·v for a masked key of a visited tile, NaN when v
   * is NaN or infinite (docs/language.md § 9).
   */
  referenceOnly?: boolean;
  /**
   * A documented limit of the GPU backwards (docs/language.md § 9, "Gradients": they read the
   * forward's float32 lse, and sum dO · v in float32): their gradients are not checked on this case.
   */
  gpuBackwardLimit?: boolean;
}

/** n values, multiples of 1/64 in [-255/64, 255/64] (about N(0, 0.5^2)) */
function values(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => Math.max(-255, Math.min(255, Math.round(rng.normal() * 32))) / 64);
}

function qkv(s: Sizes, seed: number): EdgeData {
  return {
    q: values(s.B * s.H * s.Q_LEN * s.D, seed),
    k: values(s.B * s.H_KV * s.KV_LEN * s.D, seed + 1),
    v: values(s.B * s.H_KV * s.KV_LEN * s.DV, seed + 2),
    tensors: {},
  };
}

/** flat offsets of row-major [B, H*, LEN, W] tensors */
const at = (s: Sizes, heads: number, len: number, width: number) => (b: number, h: number, i: number, d: number) =>
  ((b * heads + h) * len + i) * width + d;

/** keys with NaN and ±inf in k, masked from most rows by causality (the last one is KV_LEN - 1) */
function poisonKeys(s: Sizes, d: EdgeData, alsoV: boolean): EdgeData {
  const k = at(s, s.H_KV, s.KV_LEN, s.D);
  const v = at(s, s.H_KV, s.KV_LEN, s.DV);
  const last = s.KV_LEN - 1;
  for (let b = 0; b < s.B; b++)
    for (let h = 0; h < s.H_KV; h++) {
      for (let c = 0; c < s.D; c++) d.k[k(b, h, last, c)] = Number.NaN;
      d.k[k(b, h, last - 2, 1)] = Infinity;
      d.k[k(b, h, last - 3, 0)] = -Infinity;
      if (alsoV)
        for (let c = 0; c < s.DV; c++) {
          d.v[v(b, h, last, c)] = Number.NaN;
          d.v[v(b, h, last - 2, c)] = c % 2 ? Infinity : -Infinity;
        }
    }
  return d;
}

const SHAPE = { B: 1, H: 2, H_KV: 1, Q_LEN: 40, KV_LEN: 40 };
const GQA = { B: 2, H: 4, H_KV: 2, Q_LEN: 40, KV_LEN: 40 };

export const EDGE_CASES: EdgeCase[] = [
  {
    id: "nan-score",
    // row 5 sees nothing: o = 0, lse = -inf even though the score would be NaN
    source: "attention nan_score {\n  mask kv <= q && q != 5\n  score s + (0.0 / 0.0)\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 11),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "inf-score",
    source: "attention inf_score {\n  mask kv <= q\n  score inf\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 12),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "inf-at-key0",
    // rows 0..15 see key 0 (score +inf: NaN), the others do not (finite)
    source: "attention inf_key0 {\n  mask kv <= q && q - kv < 16\n  score kv == 0 ? inf : s\n}",
    shape: GQA,
    make: (s) => qkv(s, 13),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "softcap-inf",
    // inf * tanh(s / inf) = inf * 0 = NaN
    source: "attention softcap_inf {\n  param cap: float = inf\n  mask kv <= q\n  score cap * tanh(s / cap)\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 14),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "sigmoid-inf-nan",
    // sigmoid(+inf) = 1: rows 0..2 are finite; rows from 3 on see key 3 (NaN)
    source: "attention sigmoid_inf {\n  normalize sigmoid\n  mask kv <= q\n  score kv == 0 ? inf : (kv == 3 ? 0.0 / 0.0 : s - 2.0)\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 15),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "none-inf-nan",
    // normalize none: the weight is L itself. Key 1 has L = -inf (weight zero, not masked: max - inf
    // is no select the compiler moves into the mask); head 0 rows from 3 on see key 3 (NaN); head 1
    // rows see key 0 with L = +inf (o columns ±inf, NaN where v is 0); rows 0..2 of head 0 are finite
    source:
      "attention none_inf {\n  normalize none\n  mask kv <= q\n" +
      "  score h == 0 && kv == 3 ? 0.0 / 0.0 : (h == 1 && kv == 0 ? inf : max(s, 0.0) - (kv == 1 ? inf : 0.0))\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 38),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "nan-q",
    // a NaN in one query row, +inf in another: those rows are NaN, the others unaffected
    source: "attention nan_q {\n  mask kv <= q\n}",
    shape: GQA,
    make: (s) => {
      const d = qkv(s, 16);
      const q = at(s, s.H, s.Q_LEN, s.D);
      d.q[q(0, 1, 7, 3)] = Number.NaN;
      d.q[q(1, 2, 20, 0)] = Infinity;
      d.q[q(1, 3, 0, 0)] = Number.NaN; // row 0 sees key 0 only
      return d;
    },
    dtypes: ["bf16", "f16"],
  },
  {
    id: "nan-tensor",
    // an f32 tensor in the score (NaN, +inf, -inf entries) and one in the mask (NaN: not visible);
    // head 1 rows 0..2 see only -inf scores (o = 0, lse = -inf); gate is a key-column read
    source:
      "attention nan_tensor {\n  input bias: f32[H, KV_LEN]\n  input gate: f32[KV_LEN]\n" +
      "  mask kv <= q && gate[kv] >= 0.0\n  score s + bias[h, kv]\n}",
    shape: SHAPE,
    make: (s) => {
      const d = qkv(s, 17);
      const bias = new Float32Array(s.H * s.KV_LEN);
      bias[1 * s.KV_LEN + 30] = Number.NaN;
      bias[0 * s.KV_LEN + 12] = Infinity;
      bias[0 * s.KV_LEN + 4] = -Infinity;
      for (let kv = 0; kv < 3; kv++) bias[1 * s.KV_LEN + kv] = -Infinity;
      const gate = Float32Array.from({ length: s.KV_LEN }, (_, i) => (i % 7 === 6 ? -1 : 0.5));
      gate[20] = Number.NaN;
      gate[35] = Number.NaN;
      d.tensors = { bias, gate };
      return d;
    },
    dtypes: ["bf16", "f16"],
  },
  {
    id: "masked-nan-k",
    // NaN, +inf, -inf in k of the last keys: rows before them never see them (a partial tile,
    // and on WGSL padding keys that re-read the last key's row)
    source: "attention masked_nan_k {\n  mask kv <= q\n}",
    shape: GQA,
    make: (s) => poisonKeys(s, qkv(s, 18), false),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "masked-nan-kv",
    source: "attention masked_nan_kv {\n  mask kv <= q\n}",
    shape: GQA,
    make: (s) => poisonKeys(s, qkv(s, 19), true),
    dtypes: [],
    referenceOnly: true,
  },
  {
    id: "overflow-v",
    // issue #11: causal, 40 keys, v = 3e38; o is about 3e38 and finite
    source: "attention overflow_v {\n  mask kv <= q\n}",
    shape: SHAPE,
    make: (s) => ({ ...qkv(s, 20), v: new Float32Array(s.B * s.H_KV * s.KV_LEN * s.DV).fill(3e38) }),
    dtypes: [],
  },
  {
    id: "overflow-v-huge-score",
    // as overflow-v, with scores near 2^30: a weight scale folded into the running max (m + 32 ln 2)
    // rounds away there (ulp 128), the weights become 1 and the sum of v overflowed to inf on WGSL
    // (a fuzzer finding: score -s + 2147483600). o = v exactly, whatever the weights. On the GPU
    // with v = 1.75 * 2^127 (exact in bfloat16): the CUDA kernels had the same fold (fixed).
    source: "attention overflow_v_huge_score {\n  mask kv <= q\n  score s + 1073741824.0\n}",
    shape: SHAPE,
    make: (s) => ({ ...qkv(s, 33), v: new Float32Array(s.B * s.H_KV * s.KV_LEN * s.DV).fill(1.75 * 2 ** 127) }),
    dtypes: ["bf16"],
  },
  {
    id: "huge-score-f16",
    // logits near 2^27.5 (log2 units, ulp 16): the fp16 kernels' reference m - 15 rounded to m - 16,
    // so the largest P was 2^16, which is inf in fp16 (o NaN). v constant per column: o = v exactly,
    // whatever the weights; lse ~ 1.3e8 within float32 rounding
    source: "attention huge_score_f16 {\n  mask kv <= q\n  score s + 130000000.0\n}",
    shape: SHAPE,
    make: (s) => ({ ...qkv(s, 34), v: Float32Array.from({ length: s.B * s.H_KV * s.KV_LEN * s.DV }, (_, i) => ((i % s.DV) - 8) / 4) }),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "overflow-v-bf16",
    // v in {1, 1.25, 1.5, 1.75} * 2^127 (exact in bfloat16), a negative column; GQA
    source: "attention overflow_v_bf16 {\n  mask kv <= q\n}",
    shape: GQA,
    make: (s) => {
      const d = qkv(s, 21);
      const rng = new Rng(22);
      d.v = Float32Array.from(d.v, (_, i) => (i % s.DV === 1 ? -1 : 1) * (1 + rng.int(0, 3) / 4) * 2 ** 127);
      return d;
    },
    dtypes: ["bf16"],
  },
  {
    id: "large-v",
    // v up to 1.875 * 2^15 (exact in fp16 and bf16): fp16's P (scaled by 2^15) times v stays finite
    source: "attention large_v {\n  mask kv <= q && q - kv < 30\n  score s * 4.0\n}",
    shape: SHAPE,
    make: (s) => {
      const d = qkv(s, 23);
      const rng = new Rng(24);
      d.v = Float32Array.from(d.v, () => (rng.chance(0.5) ? -1 : 1) * (1 + rng.int(0, 7) / 8) * 2 ** 15);
      return d;
    },
    dtypes: ["bf16", "f16"],
  },
  {
    id: "tiny-v",
    // v = 1e-36 (a normal float32): the reference's float64 sums keep o = 1e-36 (found by the fuzzer:
    // with weights scaled by 2^-32 in float32, every product underflowed and o was 0). The float32
    // GPU kernels lose outputs below ~2^-94 by design (docs/language.md § 9), which compare.ts
    // allows them with flushSubnormals (WGSL); not run by the CUDA checker.
    source: "attention tiny_v {\n  mask kv <= q\n}",
    shape: SHAPE,
    make: (s) => ({ ...qkv(s, 28), v: Float32Array.from({ length: s.B * s.H_KV * s.KV_LEN * s.DV }, (_, i) => (i % 3 === 0 ? -1e-36 : 1e-36)) }),
    dtypes: [],
  },
  {
    id: "div-by-zero",
    // float division by a run-time zero is IEEE's (language § 5): rows q % 3 == 1 see only -1 / 0 =
    // -inf (o = 0, lse = -inf), rows q % 3 == 2 see 0 / 0 = NaN (NaN rows); WGSL leaves x / 0.0
    // indeterminate (found by the fuzzer: score s / 0.0 on lavapipe gave lse -inf for a NaN row)
    source: "attention div_by_zero {\n  score q % 3 == 0 ? s : q % 3 == 1 ? (s - s - 1.0) / (s - s) : (s - s) / (s - s)\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 29),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "div-by-literal-zero",
    // s / 0.0: +inf for s > 0 (then the row is NaN), -inf for s < 0; only rows whose every visible
    // key has s < 0 are finite (o = 0, lse = -inf). Before attn_fdiv, lavapipe gave some NaN rows lse -inf
    source: "attention div_by_literal_zero {\n  mask kv <= q && q - kv < 2\n  score s / 0.0\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 29),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "folded-overflow",
    // literals folded beyond float32's range (8.5e38): the float32 kernels print them as infinity (the
    // WGSL literal `8.5e38f` is a shader compile error, CUDA printed `Infinity.0f`; found by the
    // fuzzer), and uses here give the oracle's values either way (x != 8.5e38, min(8.5e38, 1) = 1, max(-8.5e38, -1) = -1)
    source: "attention folded_overflow {\n  mask (2.5 * 3.4028234e38) != 100.0 % float(q + 1) && kv <= q\n  score s + min(2.5 * 3.4028234e38, 1.0) + max(-2.5 * 3.4028234e38, -1.0)\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 30),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "nan-min-max",
    // min/max follow Math.min/max (language § 6): a NaN operand gives NaN, and -0.0 < 0.0. WGSL's and
    // CUDA's float min/max return the other operand (found by the fuzzer: `min(pow(s, kv), ...)` lost
    // a NaN row on lavapipe). Rows q % 4 == 1 / 2 see a NaN score at key 1 / 2 (NaN rows); rows
    // q % 4 == 0 see 1 / max(-0.0, 0.0) = +inf at key 0 (NaN rows), rows q % 4 == 3 see
    // 1 / min(0.0, -0.0) = -inf there (finite rows). `s - s` is a run-time +0.0.
    source:
      "attention nan_min_max {\n  mask kv <= q\n  score kv == 1 && q % 4 == 1 ? min(s, (s - s) / (s - s))\n" +
      "    : kv == 2 && q % 4 == 2 ? max((s - s) / (s - s), s)\n" +
      "    : kv == 0 && q % 4 == 0 ? 1.0 / max(-(s - s), s - s)\n" +
      "    : kv == 0 && q % 4 == 3 ? 1.0 / min(s - s, -(s - s)) : s\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 31),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "softcap-huge-cap",
    // cap * tanh(s / cap) with cap near float32's maximum is s to float32 precision: tanh must be
    // accurate relative to its argument near 0 (lavapipe's tanh has absolute error ~3e-8 there: lse was
    // off by 1e31; found by the fuzzer). Not on the GPU list: s / cap is subnormal, and CUDA's
    // tanh.approx.f32 has not been checked on subnormal arguments.
    source: "attention softcap_huge_cap {\n  param cap: float = 3.4028234e38\n  mask kv <= q\n  score cap * tanh(s / cap)\n}",
    shape: SHAPE,
    make: (s) => qkv(s, 32),
    dtypes: [],
  },
  {
    id: "sink-special",
    // sink[h, q] by q % 9: NaN, +inf, -inf, 2^21, -2^21, 40, -40, 1.5, 0 (NaN and +inf: NaN rows);
    // rows q % 4 == 3 see no key: o = 0 and lse = the sink (-inf for -inf, NaN for NaN and +inf)
    source: "attention sink_special {\n  input sink: f32[H, Q_LEN]\n  mask kv <= q && q % 4 != 3\n  sink sink[h, q]\n}",
    shape: GQA,
    make: (s) => {
      const d = qkv(s, 35);
      const special = [Number.NaN, Infinity, -Infinity, 2 ** 21, -(2 ** 21), 40, -40, 1.5, 0];
      d.tensors = { sink: Float32Array.from({ length: s.H * s.Q_LEN }, (_, i) => special[((i % s.Q_LEN) + Math.floor(i / s.Q_LEN)) % 9]!) };
      return d;
    },
    dtypes: ["bf16", "f16"],
  },
  {
    id: "sink-huge",
    // scores near 2^30 (ulp 128) and a sink 256 above (even rows: it takes all the mass, o ~ 0,
    // lse ~ the sink) or below them (odd rows: it adds nothing): the rescale at huge running maxima
    source: "attention sink_huge {\n  mask kv <= q\n  score s + 1073741824.0\n  sink 1073741824.0 + (q % 2 == 0 ? 256.0 : -256.0)\n}",
    shape: SHAPE,
    make: (s) => ({ ...qkv(s, 36), v: Float32Array.from({ length: s.B * s.H_KV * s.KV_LEN * s.DV }, (_, i) => ((i % s.DV) - 8) / 4) }),
    dtypes: ["bf16", "f16"],
    gpuBackwardLimit: true,
  },
  {
    id: "sink-overflow-v",
    // v = 1.75 * 2^127 (exact in bfloat16) and a sink comparable to the scores: o = v (1 - P_sink), finite
    source: "attention sink_overflow_v {\n  mask kv <= q\n  sink 1.0 - float(q % 3)\n}",
    shape: SHAPE,
    make: (s) => ({ ...qkv(s, 37), v: new Float32Array(s.B * s.H_KV * s.KV_LEN * s.DV).fill(1.75 * 2 ** 127) }),
    dtypes: ["bf16"],
    gpuBackwardLimit: true,
  },
  // masks whose 32-bit int arithmetic wraps (issue #11 item 1; language § 5): the tile classes must
  // follow the wrapped per-entry mask (before: every tile full, or keys kv - q >= 716 never visited)
  {
    id: "wrap-mul",
    source: "attention wrap_mul {\n  mask q * 1073741824 >= 0\n}",
    shape: { B: 1, H: 2, H_KV: 1, Q_LEN: 70, KV_LEN: 70 },
    make: (s) => qkv(s, 25),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "wrap-diff",
    source: "attention wrap_diff {\n  mask (q - kv) * 3000000 >= 0\n}",
    shape: { B: 1, H: 1, H_KV: 1, Q_LEN: 760, KV_LEN: 760 },
    make: (s) => qkv(s, 26),
    dtypes: ["bf16", "f16"],
  },
  {
    id: "wrap-add",
    source: "attention wrap_add {\n  mask kv + 2147483600 > 2147483600 - q\n}",
    shape: { B: 1, H: 2, H_KV: 1, Q_LEN: 96, KV_LEN: 96 },
    make: (s) => qkv(s, 27),
    dtypes: ["bf16", "f16"],
  },
];
