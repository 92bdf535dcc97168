/**
 * The tile classifier: from a mask's IR, bool IR that decides per tile box whether any / every
 * entry is visible, and (where the mask allows) a closed-form range of visible keys per query tile.
 *
 * Contract (see compiler/plan/kernel-plan.ts for the consumer's side):
 * - `anyVisible`, `allVisible` are bool IR over `qlo qhi kvlo kvhi` (inclusive bounds of a
 *   non-empty box inside [0, Q_LEN) x [0, KV_LEN)), `b`, `h`, the sizes, tensor reads at clamped
 *   indices, and the bool fact variables listed in `facts`. They are sound for every program,
 *   length and tile size the language allows: `!anyVisible` => no entry of the box is visible;
 *   `allVisible` => every entry is visible. Sizes are at most MAX_SIZE (2^28, compiler/ir/limits.ts,
 *   checked at launch); int tensor values are any int32. The mask's int arithmetic wraps
 *   (two's complement): where the mask observes an int value (a comparison, `/`, `%`, `min`,
 *   `max`, `abs`), linearize.ts uses its linear form only if its value range (range.ts) lies in
 *   int32 for every allowed input; otherwise it is opaque ("maybe": tiles that hinge on it are
 *   PARTIAL) and listed in `wraps`.
 * - How: the mask becomes a formula over linear constraints (linearize.ts); `anyVisible` is the OR
 *   over its disjunctive normal form of an exact integer Fourier–Motzkin test (fm.ts) of
 *   "conjunction AND box"; `allVisible` is NOT(anyVisible of the negated mask). Opaque literals
 *   count as "maybe"; formulas whose DNF exceeds a cap are split along and/or (sound). If the
 *   result exceeds `MAX_NODES` IR nodes, or the work exceeds its budget (`ATTEMPTS`), it is redone with smaller
 *   caps, and as a last resort every tile is PARTIAL (`fallback` says why).
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
import { type Lin, linTerm, linSub, linConst, linScale, linAdd, linToIR, fOrAll, fAndAll, fNot, fSelect, fMinAll, fMaxAll } from "./lin.js";
import { exists, leIR, project } from "./fm.js";
import { BudgetExceeded, LinCtx, Q, KV } from "./linearize.js";
import { foldSets } from "./sets.js";

export const DNF_CAP = 256;
/** the classifier IR must stay small enough to print into a kernel (DAG nodes of both tests) */
export const MAX_NODES = 2500;
/**
 * The key range too (DAG nodes of lo and hi): beyond it every key tile is classified instead. A
 * 3,601-node range made a 171 KB TypeScript module that strict tsc took 12 s to check (a fuzzer
 * timeout under load); the CUDA backend already dropped ranges past this size to stay spill-free.
 */
export const MAX_KV_RANGE_NODES = 2000;
/**
 * The attempts, coarser and coarser: (DNF cap, work budget). Work counts constraints handled by
 * Fourier–Motzkin, printed conditions and key-bound pairs compared. The first budget is about 3x
 * what the costliest example needs (2-D neighborhood attention, about 21k); all four together,
 * 100k steps, take about a second on a busy 2-core machine (~10 us a step; the blow-up program of
 * `tests/analysis/budget.test.ts` spends them all). A deterministic count, not a clock, so a build
 * gives the same kernel on any machine.
 */
export const ATTEMPTS: readonly (readonly [number, number])[] = [
  [DNF_CAP, 60_000],
  [32, 20_000],
  [4, 10_000],
  [1, 10_000],
];
/** the most pairs of key bounds of one conjunction whose consistency `kvRange` checks */
const MAX_BOUND_PAIRS = 1024;

export interface Classification {
  classify: TileClassifier;
  kvRange?: { lo: Node; hi: Node };
  facts: RuntimeFact[];
  exact: { any: boolean; all: boolean };
  /** mask sub-expressions whose 32-bit value may wrap: tiles that depend on them are PARTIAL */
  wraps: Node[];
  /**
   * set when the first attempt did not succeed: why, and what was done instead (a coarser normal
   * form, whose classes are still sound but may call more tiles PARTIAL, or every tile PARTIAL)
   */
  fallback?: string;
  /** set when the closed-form key range was dropped for its size: why */
  rangeDropped?: string;
}

interface BoxLins {
  qlo: Lin;
  qhi: Lin;
  kvlo: Lin;
  kvhi: Lin;
}

const TILE_BOX = { qlo: irVar("qlo"), qhi: irVar("qhi"), kvlo: irVar("kvlo"), kvhi: irVar("kvhi") };

export function classifyMask(mask: Node, inputs: InputDecl[]): Classification {
  let why = "";
  for (const [cap, budget] of ATTEMPTS) {
    try {
      const c = classifyWith(mask, inputs, cap, budget);
      const size = topo([c.classify.anyVisible, c.classify.allVisible]).length;
      if (size <= MAX_NODES) {
        if (why) c.fallback = `${why}; classified with a normal form of at most ${cap} conjunctions (sound, but more tiles may be PARTIAL)`;
        const rangeSize = c.kvRange ? topo([c.kvRange.lo, c.kvRange.hi]).length : 0;
        if (rangeSize > MAX_KV_RANGE_NODES) {
          delete c.kvRange;
          c.rangeDropped = `the closed-form key range would have ${rangeSize} IR nodes (the limit is ${MAX_KV_RANGE_NODES}), so every key tile is classified instead (the same tiles are visited)`;
        }
        return c;
      }
      why += `${why ? "; " : ""}with at most ${cap} conjunctions the classifier would have ${size} IR nodes (the limit is ${MAX_NODES})`;
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      why += `${why ? "; " : ""}with at most ${cap} conjunctions the analysis needs more than its budget of ${budget} steps`;
    }
  }
  // give up: every tile is PARTIAL (trivially sound)
  return {
    classify: { anyVisible: TRUE, allVisible: FALSE },
    facts: [],
    exact: { any: false, all: false },
    wraps: [],
    fallback: `${why}; so every tile is PARTIAL (the mask is evaluated per entry)`,
  };
}

function classifyWith(mask: Node, inputs: InputDecl[], cap: number, steps: number): Classification {
  const box: BoxLins = {
    qlo: linTerm(TILE_BOX.qlo),
    qhi: linTerm(TILE_BOX.qhi),
    kvlo: linTerm(TILE_BOX.kvlo),
    kvhi: linTerm(TILE_BOX.kvhi),
  };
  // one budget for the whole attempt, shared by both contexts
  const budget = { left: steps };
  const withFacts = new LinCtx(inputs, true, TILE_BOX, budget);
  const f1 = foldSets(withFacts.formula(mask));
  const plain = withFacts.facts.length ? new LinCtx(inputs, false, TILE_BOX, budget) : withFacts;
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
  const wraps = [...new Set([...withFacts.wraps, ...plain.wraps])];
  const out: Classification = { classify: { anyVisible, allVisible }, facts: withFacts.facts, exact, wraps };
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
    const r = exists(cons, c.unis, ctx);
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
    const p = project(constraints(c, ctx, box), ctx, KV);
    if (p.infeasible) continue;
    // where the conjunction cannot hold for these rows, it must not widen the hull
    const feasible = [...c.unis, ...p.conds];
    // lo <= hi for every pair of bounds (only narrows the hull, so skipped when there are many)
    const pairs = p.lo.length * p.hi.length;
    ctx.spend(pairs);
    if (pairs <= MAX_BOUND_PAIRS) for (const l of p.lo) for (const h of p.hi) feasible.push(leIR(l, h, ctx.range));
    const ok = fAndAll(feasible);
    const lo = p.lo.length ? fMaxAll(p.lo.map(linToIR)) : cInt(0);
    const hi = p.hi.length ? fMinAll(p.hi.map(linToIR)) : linToIR(kvTop);
    if (ok !== FALSE) parts.push({ ok, lo, hi });
  }
  // one conjunction needs no guard: an empty range (lo > hi) stays empty
  const kvLen = irVar("KV_LEN");
  const los = parts.map((x) => (parts.length === 1 ? x.lo : fSelect(x.ok, x.lo, kvLen)));
  const his = parts.map((x) => (parts.length === 1 ? x.hi : fSelect(x.ok, x.hi, cInt(-1))));
  if (los.length === 0) return { lo: kvLen, hi: cInt(-1) };
  const lo = fMinAll(los);
  const hi = fMaxAll(his);
  const trivialHi = hi.op === "sub" && varName(hi.args[0]!) === "KV_LEN" && constValue(hi.args[1]!) === 1;
  if (constValue(lo) === 0 && trivialHi) return undefined;
  return { lo, hi };
}
