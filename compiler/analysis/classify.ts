/**
 * The tile classifier: from a mask's IR, bool IR that decides per tile box whether any / every
 * entry is visible, and (where the mask allows) a closed-form range of visible keys per query tile.
 *
 * Contract (see compiler/plan/kernel-plan.ts for the consumer's side):
 * - `anyVisible`, `allVisible` are bool IR over `qlo qhi kvlo kvhi` (inclusive bounds of a
 *   non-empty box inside [0, Q_LEN) x [0, KV_LEN)), `b`, `h`, the sizes, tensor reads at clamped
 *   indices, and the bool fact variables listed in `facts`. They are sound for every program,
 *   length and tile size: `!anyVisible` => no entry of the box is visible; `allVisible` => every
 *   entry is visible. They assume the mask's integer arithmetic does not wrap on in-range indices
 *   and that lengths and the int values the mask reads stay below 2^28 (RUNTIME_MAX in lin.ts).
 * - How: the mask becomes a formula over linear constraints (linearize.ts); `anyVisible` is the OR
 *   over its disjunctive normal form of an exact integer Fourier–Motzkin test (fm.ts) of
 *   "conjunction AND box"; `allVisible` is NOT(anyVisible of the negated mask). Opaque literals
 *   count as "maybe"; formulas whose DNF exceeds a cap are split along and/or (sound). If the
 *   result exceeds `MAX_NODES` IR nodes it is redone with smaller caps, and as a last resort every
 *   tile is PARTIAL.
 * - `exact.any` / `exact.all` are true when the analysis is provably exact (no opaque literal, no
 *   real-shadow step, no sorted-read atom): then a tile gets PARTIAL only if it really has both
 *   visible and hidden entries. (The sorted document masks are exact too — tested, not flagged.)
 * - `kvRange` (absent when it would be the whole key range or the DNF is too big) bounds the
 *   visible keys of rows [qlo, qhi]: the hull over the DNF's conjunctions of their projections on
 *   kv, each used only where its conditions on the rows hold (else it contributes the empty range
 *   [KV_LEN, -1]); a mask with no visible entry at all gets [KV_LEN, -1]. Masks whose visible set has several bands (sinks + window) get the hull; the
 *   per-tile `anyVisible` then skips the tiles between the bands.
 * - Facts: a read `T[.., q, ..]` of an i32 tensor is analysed as monotone when the run-time fact
 *   `sorted_T_<dim>` holds (`computeFacts` in facts.ts); the classifier is then
 *   `select(fact, classes-with-fact, classes-without)`. `kvRange` never relies on a fact.
 */
import { v as irVar, cInt, TRUE, FALSE } from "../ir/builder.js";
import { constValue, topo, varName, type Node } from "../ir/node.js";
import type { InputDecl } from "../ir/program.js";
import type { RuntimeFact, TileClassifier } from "../plan/kernel-plan.js";
import { type F, type Conj, dnf, negF, TooBig, fAndF } from "./formula.js";
import { type Lin, linTerm, linSub, linConst, linScale, linAdd, linToIR, fOrAll, fAndAll, fNot, fSelect, fMin, fMax } from "./lin.js";
import { exists, leIR, project } from "./fm.js";
import { LinCtx, Q, KV } from "./linearize.js";
import { foldSets } from "./sets.js";

export const DNF_CAP = 256;
/** the classifier IR must stay small enough to print into a kernel (DAG nodes of both tests) */
export const MAX_NODES = 2500;

export interface Classification {
  classify: TileClassifier;
  kvRange?: { lo: Node; hi: Node };
  facts: RuntimeFact[];
  exact: { any: boolean; all: boolean };
}

interface BoxLins {
  qlo: Lin;
  qhi: Lin;
  kvlo: Lin;
  kvhi: Lin;
}

const TILE_BOX = { qlo: irVar("qlo"), qhi: irVar("qhi"), kvlo: irVar("kvlo"), kvhi: irVar("kvhi") };

export function classifyMask(mask: Node, inputs: InputDecl[]): Classification {
  for (const cap of [DNF_CAP, 32, 4, 1]) {
    const c = classifyWith(mask, inputs, cap);
    if (topo([c.classify.anyVisible, c.classify.allVisible]).length <= MAX_NODES) return c;
  }
  // give up: every tile is PARTIAL (trivially sound)
  return { classify: { anyVisible: TRUE, allVisible: FALSE }, facts: [], exact: { any: false, all: false } };
}

function classifyWith(mask: Node, inputs: InputDecl[], cap: number): Classification {
  const box: BoxLins = {
    qlo: linTerm(TILE_BOX.qlo),
    qhi: linTerm(TILE_BOX.qhi),
    kvlo: linTerm(TILE_BOX.kvlo),
    kvhi: linTerm(TILE_BOX.kvhi),
  };
  const withFacts = new LinCtx(inputs, true, TILE_BOX);
  const f1 = foldSets(withFacts.formula(mask));
  const plain = withFacts.facts.length ? new LinCtx(inputs, false, TILE_BOX) : withFacts;
  const f0 = plain === withFacts ? f1 : foldSets(plain.formula(mask));

  const any1 = anyOf(f1, withFacts, box, cap);
  const none1 = anyOf(negF(f1), withFacts, box, cap);
  let anyVisible = any1.node;
  let allVisible = fNot(none1.node);
  const exact = { any: any1.exact, all: none1.exact };
  if (plain !== withFacts) {
    const fact = fAndAll(withFacts.facts.map((f) => irVar(f.var, "bool")));
    const any0 = anyOf(f0, plain, box, cap);
    const none0 = anyOf(negF(f0), plain, box, cap);
    anyVisible = fSelect(fact, anyVisible, any0.node);
    allVisible = fSelect(fact, allVisible, fNot(none0.node));
    exact.any &&= any0.exact;
    exact.all &&= none0.exact;
  }
  const out: Classification = { classify: { anyVisible, allVisible }, facts: withFacts.facts, exact };
  const kvRange = rangeOf(f0, plain, cap);
  if (kvRange) out.kvRange = kvRange;
  return out;
}

/** Box and atom constraints for the variables a conjunction mentions. */
function constraints(c: Conj, ctx: LinCtx, box: BoxLins): Lin[] {
  const cons = [...c.les];
  cons.push(linSub(box.qlo, linTerm(Q)), linSub(linTerm(Q), box.qhi));
  cons.push(linSub(box.kvlo, linTerm(KV)), linSub(linTerm(KV), box.kvhi));
  const done = new Set<Node>();
  for (let i = 0; i < cons.length; i++) {
    for (const t of cons[i]!.terms.keys()) {
      const a = ctx.atoms.get(t);
      if (!a || done.has(t)) continue;
      done.add(t);
      if (a.kind === "floor") {
        const ct = linScale(linTerm(t), a.c);
        cons.push(linSub(ct, a.e), linAdd(linSub(a.e, ct), linConst(-(a.c - 1))));
      } else {
        cons.push(linSub(linTerm(a.lo), linTerm(t)), linSub(linTerm(t), linTerm(a.hi)));
      }
    }
  }
  return cons;
}

interface Res {
  node: Node;
  exact: boolean;
}

/** Sound "some point of the box satisfies f" (exact when `exact`). */
function anyOf(f: F, ctx: LinCtx, box: BoxLins, cap: number): Res {
  let conjs: Conj[];
  try {
    conjs = dnf(f, cap);
  } catch (e) {
    if (!(e instanceof TooBig)) throw e;
    return split(f, ctx, box, cap);
  }
  let exact = true;
  const parts: Node[] = [];
  for (const c of conjs) {
    const cons = constraints(c, ctx, box);
    const r = exists(cons, c.unis, ctx.isVar);
    // a sorted-read atom ranges over an interval that holds its values but need not be all of
    // them, so only the plain integer elimination counts as a proof of exactness
    const usesLoads = cons.some((l) => [...l.terms.keys()].some((t) => ctx.atoms.get(t)?.kind === "load"));
    if (!r.exact || c.opaque > 0 || usesLoads) exact = false;
    parts.push(r.cond);
  }
  return { node: fOrAll(parts), exact };
}

function split(f: F, ctx: LinCtx, box: BoxLins, cap: number): Res {
  const parts = (xs: readonly F[]) => xs.map((x) => anyOf(x, ctx, box, cap));
  switch (f.k) {
    case "and": {
      const rs = parts(f.xs);
      return { node: fAndAll(rs.map((r) => r.node)), exact: false };
    }
    case "or": {
      const rs = parts(f.xs);
      return { node: fOrAll(rs.map((r) => r.node)), exact: rs.every((r) => r.exact) };
    }
    case "cases": {
      const rs = parts(f.cs.map(([g, x]) => fAndF([g, x])));
      return { node: fOrAll(rs.map((r) => r.node)), exact: rs.every((r) => r.exact) };
    }
    default:
      // a literal: its DNF has at most one conjunction per interval of an `inset`
      return anyOf(f, ctx, box, Infinity);
  }
}

/** The hull of the kv projections of the DNF's conjunctions, over rows [qlo, qhi]. */
function rangeOf(f: F, ctx: LinCtx, cap: number): { lo: Node; hi: Node } | undefined {
  let conjs: Conj[];
  try {
    conjs = dnf(f, cap);
  } catch {
    return undefined;
  }
  const kvTop = linSub(linTerm(irVar("KV_LEN")), linConst(1));
  const box: BoxLins = { qlo: linTerm(TILE_BOX.qlo), qhi: linTerm(TILE_BOX.qhi), kvlo: linConst(0), kvhi: kvTop };
  const parts: { ok: Node; lo: Node; hi: Node }[] = [];
  for (const c of conjs) {
    const p = project(constraints(c, ctx, box), ctx.isVar, KV);
    if (p.infeasible) continue;
    // where the conjunction cannot hold for these rows, it must not widen the hull
    const feasible = [...c.unis, ...p.conds];
    for (const l of p.lo) for (const h of p.hi) feasible.push(leIR(l, h));
    const ok = fAndAll(feasible);
    const lo = p.lo.length ? p.lo.map(linToIR).reduce(fMax) : cInt(0);
    const hi = p.hi.length ? p.hi.map(linToIR).reduce(fMin) : linToIR(kvTop);
    if (ok !== FALSE) parts.push({ ok, lo, hi });
  }
  // one conjunction needs no guard: an empty range (lo > hi) stays empty
  const kvLen = irVar("KV_LEN");
  const los = parts.map((x) => (parts.length === 1 ? x.lo : fSelect(x.ok, x.lo, kvLen)));
  const his = parts.map((x) => (parts.length === 1 ? x.hi : fSelect(x.ok, x.hi, cInt(-1))));
  if (los.length === 0) return { lo: kvLen, hi: cInt(-1) };
  const lo = los.reduce(fMin);
  const hi = his.reduce(fMax);
  const trivialHi = hi.op === "sub" && varName(hi.args[0]!) === "KV_LEN" && constValue(hi.args[1]!) === 1;
  if (constValue(lo) === 0 && trivialHi) return undefined;
  return { lo, hi };
}
