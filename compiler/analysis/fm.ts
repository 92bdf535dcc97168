/**
 * Integer Fourier–Motzkin elimination over one conjunction of linear constraints `lin <= 0`,
 * producing bool IR over the uniform terms (tile bounds, b, h, sizes, clamped tensor reads).
 *
 * Contract:
 * - `exists(...)` is *sound*: if it evaluates to false, no integer point satisfies the
 *   constraints. It is *exact* (true only if an integer point exists) when every eliminated pair
 *   has a unit coefficient on the eliminated variable (the Omega test's exact-shadow case) — the
 *   solver prefers such variables and normalizes each constraint by the gcd of its variable
 *   coefficients (tightening the bound with floor division), which keeps all of attnc's listed
 *   masks exact. Otherwise it uses the real shadow (sound) and sets `exact = false`.
 * - `project(...)` eliminates every variable except `keep` and returns the remaining bounds
 *   `keep >= lo_i` and `keep <= hi_j` as IR (an over-approximation of the set of `keep` values).
 * - A variable-free constraint is decided statically when the ranges of its terms (range.ts) decide
 *   it; else it is printed as IR whose 32-bit evaluation provably cannot wrap, and when no such form
 *   exists it is dropped (sound: the conjunction only gets weaker; `exact` becomes false). Bounds of
 *   `project` that cannot be printed without wrapping are dropped likewise.
 * - Constraints known true from the tile facts (0 <= qlo <= qhi <= Q_LEN-1, likewise for kv,
 *   0 <= b < B, 0 <= h < H, sizes >= 1) are dropped (see `entailed`).
 */
import type { Node } from "../ir/node.js";
import { FALSE, TRUE } from "../ir/builder.js";
import { type Lin, linAdd, linSub, linScale, linSplit, linKey, linFloorDiv, gcd, linLeZeroIR, fAndAll, linDivExact, nodeKey, signOver } from "./lin.js";
import { entailed } from "./entail.js";
import type { Vars } from "./formula.js";
import { printsExactly, type TermRange } from "./range.js";

const MAX_CONSTRAINTS = 600;

export interface FMResult {
  cond: Node;
  exact: boolean;
}

interface State {
  cons: Lin[];
  conds: Node[];
  exact: boolean;
  infeasible: boolean;
}

/** Moves variable-free constraints into `conds` and normalizes the rest. */
function normalize(st: State, cons: Lin[], ctx: Vars): Lin[] {
  const seen = new Map<string, Lin>();
  for (const c of cons) {
    const { vars, rest } = linSplit(c, ctx.isVar);
    if (vars.terms.size === 0) {
      if (rest.terms.size === 0) {
        if (rest.k > 0) st.infeasible = true;
        continue;
      }
      if (entailed(rest)) continue;
      const sign = signOver(rest, ctx.range);
      if (sign > 0) {
        st.infeasible = true;
        continue;
      }
      if (sign < 0) continue;
      const ir = ctx.leZero(rest);
      if (!ir) {
        st.exact = false; // no wrap-free 32-bit form: dropped (the conjunction only gets weaker)
        continue;
      }
      st.conds.push(ir);
      continue;
    }
    const g = [...vars.terms.values()].reduce((x, y) => gcd(x, y), 0);
    let norm = c;
    if (g > 1) {
      // Σ a x <= -rest  ==>  Σ (a/g) x <= floor(-rest / g); kept as it is when floor(-rest / g)
      // has no wrap-free form (the same integer points; with a unit partner FM stays exact)
      const bound = linFloorDiv(linScale(rest, -1), g, ctx.range);
      if (bound) norm = linAdd(linDivExact(vars, g), linScale(bound, -1));
    }
    seen.set(linKey(norm), norm);
  }
  return [...seen.values()];
}

function eliminate(st: State, x: Node): void {
  const lowers: [Lin, number][] = [];
  const uppers: [Lin, number][] = [];
  const others: Lin[] = [];
  for (const c of st.cons) {
    const a = c.terms.get(x) ?? 0;
    if (a < 0) lowers.push([c, -a]);
    else if (a > 0) uppers.push([c, a]);
    else others.push(c);
  }
  for (const [l, a] of lowers)
    for (const [u, b] of uppers) {
      if (a !== 1 && b !== 1) st.exact = false;
      // l: -a x + R1 <= 0 ; u: b x + R2 <= 0  ==>  b R1 + a R2 <= 0
      const c = linAdd(linScale(l, b), linScale(u, a));
      // products of large coefficients (2^31 x 2^31) are not exact in float64: such a constraint
      // is dropped (the system only gets weaker: sound for existence and for projected bounds)
      if (safeLin(l, b) && safeLin(u, a) && safeLin(c, 1)) others.push(c);
      else st.exact = false;
    }
  st.cons = others;
}

/** every coefficient and the constant of `l`, times `s`, is an exactly representable integer */
function safeLin(l: Lin, s: number): boolean {
  if (!Number.isSafeInteger(l.k * s)) return false;
  for (const c of l.terms.values()) if (!Number.isSafeInteger(c * s)) return false;
  return true;
}

function varsOf(cons: Lin[], isVar: (t: Node) => boolean): Set<Node> {
  const s = new Set<Node>();
  for (const c of cons) for (const t of c.terms.keys()) if (isVar(t)) s.add(t);
  return s;
}

/** Chooses the next variable: exact eliminations first, then fewest new constraints. */
function pick(st: State, vars: Set<Node>): Node {
  let best: Node | undefined;
  let bestScore = Infinity;
  for (const x of vars) {
    let lo = 0, up = 0, loUnit = true, upUnit = true;
    for (const c of st.cons) {
      const a = c.terms.get(x) ?? 0;
      if (a < 0) { lo++; if (a !== -1) loUnit = false; }
      if (a > 0) { up++; if (a !== 1) upUnit = false; }
    }
    const exact = loUnit || upUnit;
    const score = (exact ? 0 : 1e6) + lo * up - lo - up;
    if (score < bestScore) [best, bestScore] = [x, score];
  }
  return best!;
}

function run(cons: Lin[], ctx: Vars, keep: Node | null): State {
  const { isVar } = ctx;
  const st: State = { cons: [], conds: [], exact: true, infeasible: false };
  ctx.spend(cons.length);
  st.cons = normalize(st, cons, ctx);
  for (;;) {
    if (st.infeasible) return st;
    const vars = varsOf(st.cons, isVar);
    if (keep) vars.delete(keep);
    if (vars.size === 0) return st;
    eliminate(st, pick(st, vars));
    ctx.spend(st.cons.length);
    if (st.cons.length > MAX_CONSTRAINTS) {
      // give up on this conjunction: "maybe" (sound for an existence query)
      st.exact = false;
      st.cons = st.cons.filter((c) => [...c.terms.keys()].every((t) => !isVar(t) || t === keep));
    }
    st.cons = normalize(st, st.cons, ctx);
  }
}

/** Does an integer point satisfy all `cons` (plus the uniform `unis`)? */
export function exists(cons: Lin[], unis: Node[], ctx: Vars): FMResult {
  const st = run(cons, ctx, null);
  if (st.infeasible) return { cond: FALSE, exact: true };
  const conds = [...new Set([...unis, ...st.conds])].sort((a, b) => (nodeKey(a) < nodeKey(b) ? -1 : nodeKey(a) > nodeKey(b) ? 1 : 0));
  return { cond: fAndAll(conds), exact: st.exact };
}

/**
 * Bounds on `keep` implied by `cons`: keep in [max(lo), min(hi)] (Lins without variables), and the
 * variable-free conditions `conds` the constraints also need (all must hold for a point to exist).
 */
export function project(
  cons: Lin[],
  ctx: Vars,
  keep: Node,
): { lo: Lin[]; hi: Lin[]; conds: Node[]; infeasible: boolean; exact: boolean } {
  const st = run(cons, ctx, keep);
  const lo: Lin[] = [];
  const hi: Lin[] = [];
  for (const c of st.cons) {
    const a = c.terms.get(keep) ?? 0;
    const rest = linAdd(c, { k: 0, terms: new Map([[keep, -a]]) });
    if (a !== 1 && a !== -1) continue;
    // keep <= -rest, or keep >= rest: a bound that would wrap when evaluated (as printed: -rest is
    // 2^31 for rest = -2^31) is dropped (the range only gets wider)
    const bound = a === 1 ? linScale(rest, -1) : rest;
    if (!printsExactly(bound, ctx.range)) continue;
    (a === 1 ? hi : lo).push(bound);
  }
  return { lo, hi, conds: st.conds, infeasible: st.infeasible, exact: st.exact };
}

/**
 * `a <= b` as IR, folded when decided by the tile facts or the ranges; TRUE when it has no
 * wrap-free form (callers use it as a necessary condition, so TRUE only loses precision).
 */
export function leIR(a: Lin, b: Lin, range: TermRange): Node {
  const d = linSub(a, b);
  if (entailed(d)) return TRUE;
  const sign = signOver(d, range);
  if (sign < 0) return TRUE;
  if (sign > 0) return FALSE;
  return linLeZeroIR(d, range, [a, b]) ?? TRUE;
}
