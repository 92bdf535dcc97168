/**
 * Folds and/or groups of literals about one linear form into a single `inset` literal:
 * `X in I_1 ∪ ... ∪ I_n` (sorted disjoint integer intervals with constant ends). This keeps the DNF
 * of a mask *and of its negation* small for masks such as PowerAttention's
 * `d < w || d == 1 || d == 2 || d == 4 || ...`, whose negation would otherwise expand to 2^n
 * conjunctions. The result means exactly the same set of points.
 *
 * A literal `L <= 0` is `g·s·X + k <= 0` with X the form (L without its constant, divided by the
 * gcd g of its coefficients, sign chosen so that its first term is positive) and s = ±1.
 */
import { type F, fAndF, fOrF, fTrue, fFalse, type Iv } from "./formula.js";
import { type Lin, gcd, linDivExact, linKey } from "./lin.js";

interface SetOf {
  form: Lin | null; // null: a constant (any form)
  ivs: Iv[];
}

const ALL: Iv[] = [[-Infinity, Infinity]];

export function normalizeIvs(ivs: Iv[]): Iv[] {
  const s = ivs.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: Iv[] = [];
  for (const [a, b] of s) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function complementIvs(ivs: Iv[]): Iv[] {
  const out: Iv[] = [];
  let from = -Infinity;
  for (const [a, b] of ivs) {
    if (a > from) out.push([from, a - 1]);
    from = b + 1;
  }
  if (from !== Infinity) out.push([from, Infinity]);
  return out;
}

function intersect(a: Iv[], b: Iv[]): Iv[] {
  const out: Iv[] = [];
  for (const [x0, x1] of a) for (const [y0, y1] of b) out.push([Math.max(x0, y0), Math.min(x1, y1)]);
  return normalizeIvs(out);
}

/** The form and interval of a literal `lin <= 0`. */
function literalSet(lin: Lin): SetOf {
  const terms = [...lin.terms].sort((x, y) => x[0].id - y[0].id);
  const g = terms.reduce((acc, [, c]) => gcd(acc, c), 0);
  const s = terms[0]![1] > 0 ? 1 : -1;
  const form = linDivExact({ k: 0, terms: new Map(terms) }, g * s);
  const k = lin.k;
  // g s X + k <= 0
  const iv: Iv = s > 0 ? [-Infinity, Math.floor(-k / g)] : [Math.ceil(k / g), Infinity];
  return { form, ivs: [iv] };
}

function asSet(f: F): SetOf | null {
  switch (f.k) {
    case "const": return { form: null, ivs: f.v ? ALL : [] };
    case "le": return literalSet(f.lin);
    case "inset": return { form: f.form, ivs: [...f.ivs] };
    case "and":
    case "or": {
      let acc: SetOf = { form: null, ivs: f.k === "and" ? ALL : [] };
      for (const x of f.xs) {
        const s = asSet(x);
        if (!s) return null;
        if (s.form && acc.form && linKey(s.form) !== linKey(acc.form)) return null;
        acc = { form: acc.form ?? s.form, ivs: f.k === "and" ? intersect(acc.ivs, s.ivs) : normalizeIvs([...acc.ivs, ...s.ivs]) };
      }
      return acc;
    }
    default: return null;
  }
}

function fromSet(s: SetOf): F {
  if (s.ivs.length === 0) return fFalse;
  if (s.ivs.length === 1 && s.ivs[0]![0] === -Infinity && s.ivs[0]![1] === Infinity) return fTrue;
  return { k: "inset", form: s.form!, ivs: [...s.ivs] };
}

/** Same meaning, with same-form literal groups of and/or nodes merged into `inset` literals. */
export function foldSets(f: F): F {
  switch (f.k) {
    case "and":
    case "or": {
      const xs = f.xs.map(foldSets);
      const whole = asSet({ k: f.k, xs });
      if (whole && whole.form) return fromSet(whole);
      const groups = new Map<string, F[]>();
      const rest: F[] = [];
      for (const x of xs) {
        const s = x.k === "le" || x.k === "inset" || x.k === "and" || x.k === "or" ? asSet(x) : null;
        if (s && s.form) {
          const key = linKey(s.form);
          groups.set(key, [...(groups.get(key) ?? []), x]);
        } else rest.push(x);
      }
      for (const g of groups.values()) {
        const s = g.length > 1 ? asSet({ k: f.k, xs: g }) : null;
        rest.push(s ? fromSet(s) : g[0]!, ...(s ? [] : g.slice(1)));
      }
      return f.k === "and" ? fAndF(rest) : fOrF(rest);
    }
    case "cases":
      return { k: "cases", cs: f.cs.map(([g, x]) => [foldSets(g), foldSets(x)] as const) };
    default:
      return f;
  }
}
