/**
 * The named mask patterns the classifier must be exact for, written directly in IR (the way the
 * lowering writes the examples in examples/*.attn), each with a generator of its parameters.
 */
import fc from "fast-check";
import * as ir from "../../compiler/ir/builder.js";
import type { Node } from "../../compiler/ir/node.js";
import type { InputDecl } from "../../compiler/ir/program.js";

const q = ir.v("q"), kv = ir.v("kv"), h = ir.v("h"), b = ir.v("b");
const c = ir.cInt;
const KV_LEN = ir.v("KV_LEN");

export interface Pattern {
  name: string;
  params: fc.Arbitrary<number[]>;
  mask: (p: number[]) => Node;
  inputs?: InputDecl[];
  /** needs Q_LEN == KV_LEN (a doc tensor indexed by both q and kv) */
  square?: boolean;
  /** the kv range is in closed form and equals the hull of the visible keys of each query tile */
  tightRange?: boolean;
}

const int = (min: number, max: number) => fc.integer({ min, max });
const causal = ir.ge(q, kv);
const window = (w: number) => ir.lt(ir.sub(q, kv), c(w));

export const DOC_INPUTS: InputDecl[] = [
  { name: "doc", dtype: "i32", dims: [{ kind: "size", name: "B" }, { kind: "size", name: "Q_LEN" }] },
];
const doc = (i: Node) => ir.load("doc", "int", [b, i]);

export const PATTERNS: Pattern[] = [
  { name: "causal", tightRange: true, params: fc.constant([]), mask: () => causal },
  {
    name: "causal (bottom-right)", tightRange: true,
    params: fc.constant([]),
    mask: () => ir.le(kv, ir.add(q, ir.sub(KV_LEN, ir.v("Q_LEN")))),
  },
  { name: "sliding window", tightRange: true, params: fc.tuple(int(1, 80)), mask: ([w]) => ir.and(causal, window(w!)) },
  {
    name: "sinks + window", tightRange: true,
    params: fc.tuple(int(0, 20), int(1, 80)),
    mask: ([n, w]) => ir.and(causal, ir.or(ir.lt(kv, c(n!)), window(w!))),
  },
  { name: "prefix-LM", tightRange: true, params: fc.tuple(int(0, 120)), mask: ([p]) => ir.or(causal, ir.lt(kv, c(p!))) },
  {
    name: "chunked", tightRange: true,
    params: fc.tuple(int(1, 70)),
    mask: ([k]) => ir.eq(ir.divide(q, c(k!)), ir.divide(kv, c(k!))),
  },
  {
    name: "chunked causal", tightRange: true,
    params: fc.tuple(int(1, 70)),
    mask: ([k]) => ir.and(ir.eq(ir.divide(q, c(k!)), ir.divide(kv, c(k!))), causal),
  },
  { name: "block-causal", tightRange: true, params: fc.tuple(int(1, 70)), mask: ([k]) => ir.le(ir.divide(kv, c(k!)), ir.divide(q, c(k!))) },
  {
    name: "dilated window",
    params: fc.tuple(int(1, 20), int(1, 6)),
    mask: ([w, d]) =>
      ir.and(ir.and(causal, ir.lt(ir.sub(q, kv), c(w! * d!))), ir.eq(ir.modulo(ir.sub(q, kv), c(d!)), c(0))),
  },
  {
    name: "longformer",
    params: fc.tuple(int(0, 40), int(0, 10)),
    mask: ([w, g]) => ir.or(ir.or(ir.le(ir.abs(ir.sub(q, kv)), c(w!)), ir.lt(q, c(g!))), ir.lt(kv, c(g!))),
  },
  {
    name: "s2-attention",
    params: fc.tuple(int(1, 40), int(1, 16), int(1, 4), int(0, 3)),
    mask: ([w, bk, s, o]) =>
      ir.and(
        causal,
        ir.or(window(w!), ir.eq(ir.modulo(ir.divide(kv, c(bk!)), c(s!)), ir.modulo(ir.add(h, c(o!)), c(s!)))),
      ),
  },
  {
    name: "powerattention",
    params: fc.tuple(int(1, 16), int(1, 3)),
    mask: ([bs, w]) => {
      const d = ir.sub(ir.divide(q, c(bs!)), ir.divide(kv, c(bs!)));
      let pow2: Node = ir.cBool(false);
      for (let p = 1; p <= 256; p *= 2) pow2 = ir.or(pow2, ir.eq(d, c(p)));
      return ir.and(causal, ir.or(ir.lt(d, c(w!)), pow2));
    },
  },
  {
    name: "natten 1-D", tightRange: true,
    params: fc.tuple(int(1, 33)),
    mask: ([w]) => {
      const start = ir.clamp(ir.sub(q, ir.divide(c(w!), c(2))), c(0), ir.sub(KV_LEN, c(w!)));
      return ir.and(ir.le(start, kv), ir.lt(kv, ir.add(start, c(w!))));
    },
  },
  { name: "document", params: fc.constant([]), inputs: DOC_INPUTS, square: true, mask: () => ir.eq(doc(q), doc(kv)) },
  {
    name: "document causal",
    params: fc.constant([]),
    inputs: DOC_INPUTS,
    square: true,
    mask: () => ir.and(ir.eq(doc(q), doc(kv)), causal),
  },
];
