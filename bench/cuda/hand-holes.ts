/**
 * Hand-printed plans for the six standard variants, used to develop the CUDA skeleton before the
 * shared emitter existed and kept as an independent cross-check of it: each entry is the plan
 * (mask/score IR only matter for the flags) plus its `EmittedKernel` written by hand.
 *
 * Contract: the classifiers here are sound for their masks (document: sound only for sorted doc
 * ids, which the harness generates).
 */
import * as ir from "../../compiler/ir/builder.js";
import type { InputDecl } from "../../compiler/ir/program.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import type { EmittedKernel } from "../../backends/shared/emit-types.js";

const P = (expr: string) => ({ pre: [], expr });
const causalMask = ir.le(ir.v("kv"), ir.v("q"));

function plan(name: string, inputs: InputDecl[], maskIsTrue: boolean, scoreIsS: boolean, sigmoid = false): KernelPlan {
  return {
    name,
    normalize: sigmoid ? "sigmoid" : "softmax",
    params: [],
    inputs,
    mask: maskIsTrue ? ir.TRUE : causalMask,
    score: scoreIsS ? ir.v("s", "float") : ir.tanh(ir.v("s", "float")),
    maskIsTrue,
    classify: { anyVisible: ir.TRUE, allVisible: ir.TRUE },
    schedule: { values: [] } as unknown as KernelPlan["schedule"],
    tile: { blockQ: 128, blockKV: 64 },
    headDim: null,
  };
}

const causal: Omit<EmittedKernel, "score"> = {
  head: [],
  row: [],
  mask: P("kv <= q"),
  anyVisible: P("kvlo <= qhi"),
  allVisible: P("kvhi <= qlo"),
  kvRange: { lo: P("0"), hi: P("qhi") },
};

export const HAND: { plan: KernelPlan; em: EmittedKernel }[] = [
  {
    plan: plan("full", [], true, true),
    em: { head: [], row: [], mask: P("true"), score: P("s"), anyVisible: P("true"), allVisible: P("true") },
  },
  { plan: plan("causal", [], false, true), em: { ...causal, score: P("s") } },
  {
    plan: plan("swa1024", [], false, true),
    em: {
      head: [],
      row: [],
      mask: P("kv <= q && attnc_isub(q, kv) < 1024"),
      score: P("s"),
      anyVisible: P("kvlo <= qhi && attnc_isub(qlo, kvhi) < 1024"),
      allVisible: P("kvhi <= qlo && attnc_isub(qhi, kvlo) < 1024"),
      kvRange: { lo: P("attnc_isub(qlo, 1023)"), hi: P("qhi") },
    },
  },
  {
    plan: plan("doc_causal", [{ name: "doc", dtype: "i32", dims: [{ kind: "size", name: "B" }, { kind: "size", name: "Q_LEN" }] }], false, true),
    em: {
      head: [],
      row: [{ name: "t1", type: "int", expr: "attnc_load_doc(p, b, q)" }],
      mask: P("t1 == attnc_load_doc(p, b, kv) && kv <= q"),
      score: P("s"),
      // sorted doc ids: the box meets a document iff the id ranges overlap
      anyVisible: P("kvlo <= qhi && attnc_load_doc(p, b, kvhi) >= attnc_load_doc(p, b, qlo)"),
      allVisible: P("kvhi <= qlo && attnc_load_doc(p, b, kvlo) == attnc_load_doc(p, b, qhi)"),
      kvRange: { lo: P("0"), hi: P("qhi") },
    },
  },
  {
    plan: plan("alibi", [{ name: "slopes", dtype: "f32", dims: [{ kind: "size", name: "H" }] }], false, false),
    em: {
      ...causal,
      head: [{ name: "t2", type: "float", expr: "attnc_load_slopes(p, h)" }],
      row: [{ name: "t3", type: "float", expr: "((float)q)" }],
      score: P("(s - t2 * (t3 - ((float)kv)))"),
    },
  },
  { plan: plan("softcap", [], false, false), em: { ...causal, score: P("(30.0f * attnc_tanh((s / 30.0f)))") } },

  // test-only: rows q < 100 see nothing (o = 0, lse = -inf); no closed-form range
  {
    plan: plan("masked_rows", [], false, true),
    em: {
      head: [],
      row: [],
      mask: P("attnc_iadd(kv, 100) <= q"),
      score: P("s"),
      anyVisible: P("attnc_iadd(kvlo, 100) <= qhi"),
      allVisible: P("attnc_iadd(kvhi, 100) <= qlo"),
    },
  },
  { plan: plan("sigmoid_causal", [], false, true, true), em: { ...causal, score: P("s") } },
];
