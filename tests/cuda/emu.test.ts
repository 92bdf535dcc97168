/**
 * The CUDA kernels run on the CPU (tests/cuda/emu.ts) against the float64 oracle: the decode plan
 * (skeleton-decode.ts: GQA packing, split-KV with forced and automatic split counts, per-row lengths,
 * pages, sinks, per-head values, key ranges), the sm_80 prefill kernel on a paged cache (not yet run on a
 * GPU either) and, as the emulator's own control, the dense sm_80 prefill kernel, which the GPU runs have
 * checked for many sessions; and `normalize none` (ReLU attention, GAU's relu² with its backward) on
 * the sm_80 prefill kernel. Errors are judged as the GPU check judges
 * them (bench/cuda/check_examples.py: relative to the oracle's mass, 2e-2 for bf16, 5e-3 for fp16).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";
import { lowerSource } from "../../compiler/pipeline.js";
import type { Sizes } from "../../compiler/ir/program.js";
import { oracle } from "../oracle/oracle.js";
import { compareToOracle } from "../oracle/compare.js";
import { oracleBackward } from "../oracle/backward.js";
import { gradError } from "../oracle/compare-grad.js";
import { Rng } from "../arbitraries/rng.js";
import { paginate } from "../arbitraries/pages.js";
import { genProgram } from "../arbitraries/program.js";
import { genData } from "../arbitraries/data.js";
import { EmuProgram, HAVE_GXX, type EmuCase } from "./emu.js";

const TOL = { bf16: 2e-2, f16: 5e-3 } as const;
/** the gradients' floor in bf16 (bench/cuda/check_examples.py's GRAD_FLOOR) */
const GRAD_FLOOR = 2 ** -8;
const root = mkdtempSync(join(tmpdir(), "attnc-emu-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** x rounded to bf16 (nearest even) as its bits, and the value */
function bf16(x: number): [number, number] {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer)[0]!;
  if (Number.isNaN(x)) return [0x7fc0, Number.NaN];
  const r = ((u + 0x7fff + ((u >>> 16) & 1)) >>> 16) & 0xffff;
  return [r, new Float32Array(new Uint32Array([r << 16]).buffer)[0]!];
}

interface Program {
  id: string;
  source: string;
  /** built with --backward: check() also runs the varlen backward */
  backward?: boolean;
  params?: Record<string, string>;
  tensors?: (s: Sizes) => Record<string, ArrayLike<number>>;
  /** build-time macros (NAME=VALUE), as -D would set them */
  defines?: string[];
}

const built = new Map<string, { prog: EmuProgram; ir: ReturnType<typeof lowerSource>[0]; order: string[] }>();
/** program p's file for head dim D, generated (its build started by `prebuild`) */
function build(p: Program, D: number) {
  const key = `${p.id}-${D}`;
  if (!built.has(key)) {
    const plan = cudaPlans(p.source, `${p.id}.attn`, { params: p.params, headDim: D, backward: p.backward })[0]!;
    const cu = compileCuda(plan, { dtype: "bf16", arch: "sm_80" }).files.find((f) => f.path.endsWith(".cu"))!;
    const name = cu.path.replace(/\.cu$/, "");
    const macros = (p.defines ?? []).map((d) => `#define ${d.replace("=", " ")}\n`).join("");
    const prog = new EmuProgram(join(root, key), macros + cu.contents, name, plan.inputs.map((d) => (d.dtype === "i32" ? "int" : "float")));
    const [ir] = lowerSource(p.source, `${p.id}.attn`, { params: p.params });
    built.set(key, { prog, ir, order: plan.inputs.map((d) => d.name) });
  }
  return built.get(key)!;
}

/** Runs program p at sizes (random bf16 q, k, v; NaN past the row lengths) on the emulator and returns the error vs the oracle. */
function check(p: Program, sizes: Sizes, opts: { lens?: [number[], number[]]; page?: number; splits?: number; seed: number; sms?: number; tensors?: Record<string, ArrayLike<number>> }) {
  const { prog, ir, order } = build(p, sizes.D);
  const rng = new Rng(opts.seed);
  const lens = opts.lens ? { q: Int32Array.from(opts.lens[0]), kv: Int32Array.from(opts.lens[1]) } : undefined;
  const mk = (heads: number, len: number, width: number, keep: Int32Array | undefined) => {
    const bits = new Uint16Array(sizes.B * heads * len * width);
    const vals = new Float32Array(bits.length);
    for (let i = 0; i < bits.length; i++) {
      const b = Math.floor(i / (heads * len * width)), pos = Math.floor(i / width) % len;
      const [u, x] = !keep || pos < keep[b]! ? bf16(rng.normal()) : bf16(Number.NaN);
      bits[i] = u;
      vals[i] = x;
    }
    return { bits, vals };
  };
  const q = mk(sizes.H, sizes.Q_LEN, sizes.D, lens?.q);
  const k = mk(sizes.H_KV, sizes.KV_LEN, sizes.D, lens?.kv);
  const v = mk(sizes.H_KV, sizes.KV_LEN, sizes.DV, lens?.kv);
  const tensors = opts.tensors ?? p.tensors?.(sizes) ?? {};
  let kb = k.bits, vb = v.bits, pages: EmuCase["pages"];
  let kRef: Float32Array = k.vals, vRef: Float32Array = v.vals;
  if (opts.page) {
    // (a row's pages may be another row's: the keys the oracle sees are the pages' dense equivalent)
    const toBits = (a: Float32Array) => Uint16Array.from(a, (x) => bf16(x)[0]);
    const pg = paginate(new Rng(opts.seed + 1), sizes, opts.page, k.vals, v.vals, lens?.kv);
    kb = toBits(pg.k);
    vb = toBits(pg.v);
    kRef = pg.dense.k;
    vRef = pg.dense.v;
    pages = { table: pg.table, size: opts.page, num: pg.k.length / (sizes.H_KV * opts.page * sizes.D) };
  }
  const ref = oracle(ir!, { q: q.vals, k: kRef, v: vRef, tensors }, sizes, undefined, false, lens);
  const ts = order.map((n) => {
    const decl = ir!.inputs.find((d) => d.name === n)!;
    return decl.dtype === "i32" ? Int32Array.from(tensors[n]!) : Float32Array.from(tensors[n]!);
  });
  // dO for the backward: bf16 values, NaN in the rows past q_len (no gradient may read them)
  const dO = p.backward ? mk(sizes.H, sizes.Q_LEN, sizes.DV, lens?.q) : undefined;
  const c: EmuCase = { sizes, dtype: "bf16", q: q.bits, k: kb, v: vb, tensors: ts, lens, pages, splits: opts.splits, sms: opts.sms, dO: dO?.bits };
  const out = prog.run(c, join(prog.dir, `case-${opts.seed}-${opts.splits ?? "auto"}`));
  expect(out.rc).toBe(0);
  const err = compareToOracle(ref, out.o, ref.lse ? out.lse : null, { flushSubnormals: true });
  if (dO) {
    expect(out.bwd!.rc).toBe(0);
    const g = oracleBackward(ir!, { q: q.vals, k: kRef, v: vRef, tensors }, dO.vals, sizes, undefined, lens);
    const floats = order.filter((n) => ir!.inputs.find((d) => d.name === n)!.dtype === "f32");
    const dTensors = Object.fromEntries(floats.map((n) => [n, out.bwd!.grads[order.indexOf(n)]!]));
    const ge = gradError(g, { dq: out.bwd!.dq, dk: out.bwd!.dk, dv: out.bwd!.dv, dTensors }, GRAD_FLOOR);
    return { ...err, grad: ge.worst, gradWorst: JSON.stringify(ge) };
  }
  return err;
}

const CBR: Program = { id: "causal-bottom-right", source: readFileSync("examples/causal-bottom-right.attn", "utf8") };
const ALIBI: Program = {
  id: "alibi", source: readFileSync("examples/alibi.attn", "utf8"),
  tensors: (s) => ({ slopes: Array.from({ length: s.H }, (_, h) => 2 ** (-8 * (h + 1) / s.H)) }),
};
const SINKS: Program = {
  id: "gpt-oss-sinks", source: readFileSync("examples/gpt-oss-sinks.attn", "utf8"), params: { window: "40" },
  tensors: (s) => ({ sinks: Array.from({ length: s.H }, (_, h) => [0.5, -2, 3, 1.25][h % 4]!) }),
};
const ALIBI_BWD: Program = { ...ALIBI, id: "alibi-bwd", backward: true };
const SINKS_BWD: Program = { ...SINKS, id: "gpt-oss-sinks-bwd", backward: true };
// the backward with dq added by atomics in the key-major pass (-DATTNC_BWD_ATOMIC_DQ=1, FlashAttention-2's form)
const ATOMIC_DQ = ["ATTNC_BWD_ATOMIC_DQ=1"];
const ALIBI_BWD_ATOMIC: Program = { ...ALIBI_BWD, id: "alibi-bwd-atomic-dq", defines: ATOMIC_DQ };
const RANDOM_BWD_ATOMIC: Program = {
  id: "random-5-bwd-atomic-dq", source: genProgram(5).source, backward: true, defines: ATOMIC_DQ,
  tensors: (s) => genData(5, s, genProgram(5).tensors, 1).tensors,
};
const WINDOW: Program = { id: "decode-window", source: readFileSync("bench/cuda/decode/decode-window.attn", "utf8"), params: { window: "70" } };

const within = (e: { maxRelO: number; maxRelLse: number; worst: string }) => {
  expect(e.maxRelO, e.worst).toBeLessThanOrEqual(TOL.bf16);
  expect(e.maxRelLse).toBeLessThanOrEqual(TOL.bf16);
};

// normalize none (an elementwise normalizer: P = L, no lse; never the decode plan)
const RELU: Program = { id: "relu-attention", source: readFileSync("examples/relu-attention.attn", "utf8"), params: { causal: "true" } };
const RELU2_BWD: Program = {
  id: "relu2-attention-bwd", source: readFileSync("examples/relu2-attention.attn", "utf8"), params: { R: "8" }, backward: true,
  tensors: (s) => ({ rel: Array.from({ length: s.H * 17 }, (_, i) => (((i * 7) % 13) - 6) / 8) }),
};

const RANDOM = [3, 6].map((seed): Program => ({ id: `random-${seed}`, source: genProgram(seed).source }));

describe.skipIf(!HAVE_GXX)("cuda kernels on the CPU emulator vs the float64 oracle", () => {
  // every program's host build (g++ with AddressSanitizer, the slow part) at once
  beforeAll(async () => {
    await Promise.all([CBR, ALIBI, ALIBI_BWD, SINKS, SINKS_BWD, ALIBI_BWD_ATOMIC, RANDOM_BWD_ATOMIC, WINDOW, RELU, RELU2_BWD, ...RANDOM].map((p) => build(p, 64).prog.build()));
  }, 900_000);

  it("control: the sm_80 prefill kernel (GPU-checked) on causal-bottom-right, GQA, ragged lengths", () => {
    within(check(CBR, { B: 2, H: 4, H_KV: 2, Q_LEN: 70, KV_LEN: 150, D: 64, DV: 64 }, { seed: 1 }));
  }, 600_000);

  it("the sm_80 prefill kernel on a paged cache (pages of 16, shared between rows) with per-row lengths", () => {
    within(check(CBR, { B: 2, H: 4, H_KV: 1, Q_LEN: 40, KV_LEN: 256, D: 64, DV: 64 }, { seed: 7, page: 16, lens: [[40, 1], [256, 100]] }));
  }, 600_000);

  it("decode, one query row, GQA 4: splits 1, 3, 64 (empty splits) and the automatic count", () => {
    const z = { B: 2, H: 8, H_KV: 2, Q_LEN: 1, KV_LEN: 300, D: 64, DV: 64 };
    for (const splits of [1, 3, 64, undefined]) within(check(CBR, z, { seed: 2, splits }));
  }, 600_000);

  it("decode, 5 rows x GQA 8 (a head's rows across two row tiles), per-row lengths with 0, ALiBi", () => {
    const z = { B: 3, H: 8, H_KV: 1, Q_LEN: 5, KV_LEN: 200, D: 64, DV: 64 };
    for (const splits of [1, 2]) within(check(ALIBI, z, { seed: 3, splits, lens: [[5, 3, 0], [200, 0, 77]] }));
  }, 600_000);

  it("decode, sinks (split 0 only) with a window, a row without keys keeps its sink", () => {
    const z = { B: 2, H: 4, H_KV: 2, Q_LEN: 3, KV_LEN: 190, D: 64, DV: 64 };
    for (const splits of [1, 3]) within(check(SINKS, z, { seed: 4, splits, lens: [[3, 2], [190, 0]] }));
  }, 600_000);

  it("decode, paged cache (pages of 16) with a bottom-right window (key range hull over the tile's heads)", () => {
    const z = { B: 2, H: 4, H_KV: 1, Q_LEN: 2, KV_LEN: 256, D: 64, DV: 64 };
    within(check(WINDOW, z, { seed: 5, splits: 2, page: 16, lens: [[2, 1], [256, 100]] }));
  }, 600_000);

  // the varlen backward (sm_80), with rows of length 0 and NaN in q, k, v and dO past the lengths: ALiBi's
  // slopes gradient (passed on an H100, 2026-12-08), and learnable sinks, whose gradient the H100 run
  // found NaN (bwd_delta_kernel summed the padding rows' sink terms: NaN dO, lse -inf)
  it.each([
    { p: ALIBI_BWD, seed: 8, what: "ALiBi's slopes gradient" },
    { p: SINKS_BWD, seed: 9, what: "learnable sinks: rows past q_len add nothing to d_sinks" },
    { p: ALIBI_BWD_ATOMIC, seed: 8, what: "dq by atomics in the key-major pass (ATTNC_BWD_ATOMIC_DQ=1), ALiBi" },
    { p: RANDOM_BWD_ATOMIC, seed: 10, what: "dq by atomics in the key-major pass (ATTNC_BWD_ATOMIC_DQ=1), random program 5" },
  ])("the varlen backward: $what", ({ p, seed }) => {
    const z = { B: 3, H: 4, H_KV: 2, Q_LEN: 50, KV_LEN: 90, D: 64, DV: 64 };
    const e = check(p, z, { seed, lens: [[50, 0, 17], [90, 33, 0]] }) as ReturnType<typeof check> & { grad: number; gradWorst: string };
    within(e);
    expect(e.grad, e.gradWorst).toBeLessThanOrEqual(TOL.bf16);
  }, 600_000);

  it("normalize none: ReLU attention (sm_80 prefill) on a paged cache with per-row lengths (a row of one key)", () => {
    within(check(RELU, { B: 2, H: 4, H_KV: 1, Q_LEN: 40, KV_LEN: 256, D: 64, DV: 64 }, { seed: 11, page: 16, lens: [[40, 1], [256, 100]] }));
  }, 600_000);

  it("normalize none: GAU's relu² with a bias table, forward and backward (d_rel), GQA, ragged lengths", () => {
    const z = { B: 2, H: 4, H_KV: 2, Q_LEN: 70, KV_LEN: 150, D: 64, DV: 64 };
    const e = check(RELU2_BWD, z, { seed: 12 }) as ReturnType<typeof check> & { grad: number; gradWorst: string };
    within(e);
    expect(e.grad, e.gradWorst).toBeLessThanOrEqual(TOL.bf16);
  }, 600_000);

  it("decode, random programs at decode shapes", () => {
    for (const [i, p] of RANDOM.entries()) {
      const seed = [3, 6][i]!;
      const z = { B: 2, H: 4, H_KV: 2, Q_LEN: 3, KV_LEN: 150, D: 64, DV: 64 };
      const data = genData(seed, z, genProgram(seed).tensors, 1);
      const e = check(p, z, { seed: 10 + seed, splits: 2, tensors: data.tensors });
      expect(e.maxRelO, `${p.source}\n${e.worst}`).toBeLessThanOrEqual(TOL.bf16);
    }
  }, 600_000);
});
