/**
 * Formulas: a mask's bool IR seen as a boolean combination of integer linear constraints over the
 * analysis variables (`q`, `kv` and *atoms* that name non-linear integer terms).
 *
 * Contract:
 * - `F` means the same set of (q, kv) as the mask for fixed b, h and sizes, except that `opaque`
 *   literals stand for sub-conditions the analysis cannot describe (it treats them as "maybe").
 * - `le` literals are `lin <= 0` over integers; `uni` literals are bool IR that does not depend on q
 *   or kv (uniform over a tile); `cases` is `OR_i (guard_i AND x_i)` where the guards partition the
 *   space, so its negation is `cases` with each `x_i` negated; `inset` is `form ∈ ∪ ivs` for
 *   sorted disjoint intervals with constant ends (sets.ts), its negation the complement.
 * - Atoms (see atoms.ts) are defined by linear constraints that hold at every point, so adding them
 *   to any conjunction keeps it exact.
 */
import type { Node } from "../ir/node.js";
import { TRUE, FALSE } from "../ir/builder.js";
import { type Lin, linAdd, linConst, linScale, isConstLin, linLeZeroIR, fNot } from "./lin.js";
import type { TermRange } from "./range.js";
import { complementIvs } from "./sets.js";

/** What the formula builders need to know about terms: which are analysis variables, and their ranges. */
export interface Vars {
  isVar(t: Node): boolean;
  range: TermRange;
  /** charges `n` units of work to the analysis budget (throws when it is spent) */
  spend(n: number): void;
  /** `linLeZeroIR(lin, range)`, memoized */
  leZero(lin: Lin): Node | null;
}

export type F =
  | { readonly k: "const"; readonly v: boolean }
  | { readonly k: "le"; readonly lin: Lin }
  | { readonly k: "uni"; readonly node: Node }
  | { readonly k: "opaque"; readonly node: Node; readonly neg: boolean }
  | { readonly k: "and"; readonly xs: readonly F[] }
  | { readonly k: "or"; readonly xs: readonly F[] }
  | { readonly k: "cases"; readonly cs: readonly (readonly [F, F])[] }
  | { readonly k: "inset"; readonly form: Lin; readonly ivs: readonly Iv[] };

/** An integer interval [lo, hi]; the ends may be -Infinity / Infinity. */
export type Iv = [number, number];

export const fTrue: F = { k: "const", v: true };
export const fFalse: F = { k: "const", v: false };

/**
 * `lin <= 0`; folds to a constant or a uniform literal when `lin` has no analysis variable (printed
 * as IR that cannot wrap, preferring the sides `prefer`; `opaque` when no such form exists).
 */
export function fLe(lin: Lin, vars: Vars, prefer?: readonly [Lin, Lin], origin?: Node): F {
  if (isConstLin(lin)) return lin.k <= 0 ? fTrue : fFalse;
  for (const t of lin.terms.keys()) if (vars.isVar(t)) return { k: "le", lin };
  // the preferred sides may hold variables that cancel in `lin`: then they are no use
  const uniform = (l: Lin) => [...l.terms.keys()].every((t) => !vars.isVar(t));
  const ir = linLeZeroIR(lin, vars.range, prefer && prefer.every(uniform) ? prefer : undefined);
  return ir ? fUni(ir) : { k: "opaque", node: origin ?? TRUE, neg: false };
}

export function fUni(node: Node): F {
  if (node === TRUE) return fTrue;
  if (node === FALSE) return fFalse;
  return { k: "uni", node };
}

export function fAndF(xs: readonly F[]): F {
  const out: F[] = [];
  for (const x of xs) {
    if (x.k === "const") {
      if (!x.v) return fFalse;
      continue;
    }
    if (x.k === "and") out.push(...x.xs);
    else out.push(x);
  }
  if (out.length === 0) return fTrue;
  return out.length === 1 ? out[0]! : { k: "and", xs: out };
}

export function fOrF(xs: readonly F[]): F {
  const out: F[] = [];
  for (const x of xs) {
    if (x.k === "const") {
      if (x.v) return fTrue;
      continue;
    }
    if (x.k === "or") out.push(...x.xs);
    else out.push(x);
  }
  if (out.length === 0) return fFalse;
  return out.length === 1 ? out[0]! : { k: "or", xs: out };
}

/** `OR_i (g_i AND x_i)` for guards that partition the space. */
export function fCases(cs: readonly (readonly [F, F])[]): F {
  const live = cs.filter(([g]) => !(g.k === "const" && !g.v));
  if (live.length === 0) return fFalse;
  if (live.length === 1) return fAndF([live[0]![0], live[0]![1]]);
  if (live.every(([, x]) => x.k === "const" && !x.v)) return fFalse;
  if (live.every(([, x]) => x.k === "const" && x.v)) return fTrue;
  return { k: "cases", cs: live };
}

/** The complement. `le`: not(L <= 0) is `1 - L <= 0` over the integers. */
export function negF(f: F): F {
  switch (f.k) {
    case "const": return f.v ? fFalse : fTrue;
    case "le": return { k: "le", lin: linAdd(linScale(f.lin, -1), linConst(1)) };
    case "uni": return fUni(fNot(f.node));
    case "opaque": return { k: "opaque", node: f.node, neg: !f.neg };
    case "and": return fOrF(f.xs.map(negF));
    case "or": return fAndF(f.xs.map(negF));
    case "cases": return { k: "cases", cs: f.cs.map(([g, x]) => [g, negF(x)] as const) };
    case "inset": {
      const ivs = complementIvs(f.ivs as Iv[]);
      return ivs.length === 0 ? fFalse : { k: "inset", form: f.form, ivs };
    }
  }
}

/** One conjunction of a disjunctive normal form. */
export interface Conj {
  les: Lin[];
  unis: Node[];
  /** number of opaque literals dropped (treated as true) */
  opaque: number;
}

export class TooBig extends Error {}

const conjAnd = (a: Conj, b: Conj): Conj => ({
  les: [...a.les, ...b.les],
  unis: [...a.unis, ...b.unis],
  opaque: a.opaque + b.opaque,
});

/** Disjunctive normal form with at most `cap` conjunctions (throws TooBig beyond). */
export function dnf(f: F, cap: number): Conj[] {
  switch (f.k) {
    case "const": return f.v ? [{ les: [], unis: [], opaque: 0 }] : [];
    case "le": return [{ les: [f.lin], unis: [], opaque: 0 }];
    case "uni": return [{ les: [], unis: [f.node], opaque: 0 }];
    case "opaque": return [{ les: [], unis: [], opaque: 1 }];
    case "or": {
      const out: Conj[] = [];
      for (const x of f.xs) {
        out.push(...dnf(x, cap));
        if (out.length > cap) throw new TooBig();
      }
      return out;
    }
    case "and": {
      let acc: Conj[] = [{ les: [], unis: [], opaque: 0 }];
      for (const x of f.xs) acc = cross(acc, dnf(x, cap), cap);
      return acc;
    }
    case "inset":
      if (f.ivs.length > cap) throw new TooBig();
      return f.ivs.map(([lo, hi]) => {
        const les: Lin[] = [];
        if (lo !== -Infinity) les.push(linAdd(linScale(f.form, -1), linConst(lo)));
        if (hi !== Infinity) les.push(linAdd(f.form, linConst(-hi)));
        return { les, unis: [], opaque: 0 };
      });
    case "cases": {
      const out: Conj[] = [];
      for (const [g, x] of f.cs) {
        out.push(...cross(dnf(g, cap), dnf(x, cap), cap));
        if (out.length > cap) throw new TooBig();
      }
      return out;
    }
  }
}

function cross(a: Conj[], b: Conj[], cap: number): Conj[] {
  if (a.length * b.length > cap) throw new TooBig();
  const out: Conj[] = [];
  for (const x of a) for (const y of b) out.push(conjAnd(x, y));
  return out;
}
