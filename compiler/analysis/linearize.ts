/**
 * Mask IR -> formula (formula.ts): integer expressions become piecewise linear forms over the
 * analysis variables, comparisons become `le` literals.
 *
 * Contract:
 * - `intPW(n)` returns pieces `[guard_i, lin_i]` whose guards partition the space and with
 *   `n == lin_i` wherever `guard_i` holds, or null when `n` is not piecewise linear (then the
 *   comparison using it becomes an `opaque` literal).
 * - Non-linear integer terms become *atoms* (fresh variables `$aN`) with defining constraints:
 *   `floor(e / c)` for a constant c > 0 (`c·t <= e <= c·t + c - 1`); `%` by a constant through the
 *   same atom; and, when facts are enabled, an i32 tensor read whose only non-uniform index is
 *   exactly `q` or `kv` (`T[.., q, ..]`), bounded by the reads at the tile's ends — valid only when
 *   the run-time fact "T is nondecreasing along that dim" holds (recorded in `ctx.facts`).
 * - Sub-expressions without q and kv are *uniform* and kept as IR terms; their tensor reads get
 *   indices clamped to the tensor's shape (memory safety; the value of such a read only matters
 *   where the mask itself reads it, and there the index is in range).
 * - 32-bit wrap: a piece's Lin is the *mathematical* value of its node, which the wrapped run-time
 *   value equals mod 2^32 (range.ts). Wherever the mask observes a value other than through `+ - *`
 *   (a comparison, `/`, `%`, `min`, `max`, `abs`), the Lin stands for it only if its range lies in
 *   int32; otherwise the node is not linear here (a comparison on it becomes `opaque`: tiles touching
 *   it are PARTIAL) and it is listed in `wraps`. A uniform node whose Lin could wrap is kept as one
 *   term instead (its run-time value, whatever it is, is what the mask reads).
 */
import { cdiv, cInt, v as irVar } from "../ir/builder.js";
import type { DimExpr } from "../ir/dims.js";
import { constValue, freeVars, mk, rewriteBottomUp, tensorName, type Node } from "../ir/node.js";
import type { InputDecl } from "../ir/program.js";
import type { RuntimeFact } from "../plan/kernel-plan.js";
import { type F, type Vars, fAndF, fCases, fLe, fOrF, fTrue, fUni, negF } from "./formula.js";
import { type Lin, linAdd, linConst, linFloorDiv, linKey, linLeZeroIR, linScale, linSub, linTerm, linToIR, fMax, fMin } from "./lin.js";
import { INT32, Ranges, fits, ivFloorDiv, linRange, point, type Iv } from "./range.js";
import { INT32_MIN } from "../ir/limits.js";

/** Budget units charged for printing a condition as IR (several times the cost of an FM step). */
const PRINT_COST = 4;

/** Thrown when an analysis context has spent its budget (the classifier then falls back). */
export class BudgetExceeded extends Error {}

export type Atom =
  | { kind: "floor"; v: Node; e: Lin; c: number }
  | { kind: "load"; v: Node; lo: Node; hi: Node };

type PW = { g: F; v: Lin }[];

const MAX_PIECES = 16;
export const Q = irVar("q");
export const KV = irVar("kv");

export class LinCtx implements Vars {
  readonly atoms = new Map<Node, Atom>();
  /** observed sub-expressions that may wrap in 32-bit arithmetic (analysed as opaque) */
  readonly wraps: Node[] = [];
  readonly ranges = new Ranges();
  private readonly atomRanges = new Map<Node, Iv>();
  private readonly atomByKey = new Map<string, Node>();
  readonly facts: RuntimeFact[] = [];
  private readonly pwMemo = new Map<Node, PW | null>();
  private readonly fMemo = new Map<Node, F>();
  private readonly uniMemo = new Map<Node, boolean>();
  private nextAtom = 0;

  constructor(
    readonly inputs: readonly InputDecl[],
    /** enable sorted-tensor atoms (valid only under the recorded facts) */
    readonly useFacts: boolean,
    /** tile-bound variables */
    readonly box: { qlo: Node; qhi: Node; kvlo: Node; kvhi: Node },
    /** the work left to this context (may be shared); `spend` throws `BudgetExceeded` beyond it */
    readonly budget: { left: number } = { left: Infinity },
  ) {}

  private readonly leMemo = new Map<string, Node | null>();
  leZero(lin: Lin): Node | null {
    const key = linKey(lin);
    let r = this.leMemo.get(key);
    if (r === undefined) {
      this.spend(PRINT_COST);
      r = linLeZeroIR(lin, this.range);
      this.leMemo.set(key, r);
    }
    return r;
  }

  readonly spend = (n: number): void => {
    this.budget.left -= n;
    if (this.budget.left < 0) throw new BudgetExceeded();
  };

  readonly isVar = (t: Node): boolean => t === Q || t === KV || this.atoms.has(t);

  /** Bounds of a term: an atom's from its definition, any other IR node's from range.ts. */
  readonly range = (t: Node): Iv => this.atomRanges.get(t) ?? this.ranges.of(t);

  private fitsLin(l: Lin): boolean {
    return fits(linRange(l, this.range));
  }

  /** `p` as the run-time value of `n` where the mask observes it, or null if it may wrap. */
  private observed(n: Node, p: PW | null): PW | null {
    if (!p || p.every((x) => this.fitsLin(x.v))) return p;
    if (!this.wraps.includes(n)) this.wraps.push(n);
    return null;
  }

  isUniform(n: Node): boolean {
    let u = this.uniMemo.get(n);
    if (u === undefined) {
      const fv = freeVars(n);
      u = !fv.has("q") && !fv.has("kv");
      this.uniMemo.set(n, u);
    }
    return u;
  }

  private atom(key: string, make: (v: Node) => Atom, range: Iv): Node {
    const hit = this.atomByKey.get(key);
    if (hit) return hit;
    const v = irVar(`$a${this.nextAtom++}`);
    this.atoms.set(v, make(v));
    this.atomRanges.set(v, range);
    this.atomByKey.set(key, v);
    return v;
  }

  /** floor(e / c), c > 0, for an `e` whose range fits int32 (null: no wrap-free form) */
  floorAtom(e: Lin, c: number): Lin | null {
    if (c === 1) return e;
    let vars = false;
    for (const t of e.terms.keys()) if (this.isVar(t)) vars = true;
    if (!vars) return linFloorDiv(e, c, this.range);
    const range = ivFloorDiv(linRange(e, this.range), point(c));
    return linTerm(this.atom(`floor|${c}|${linKey(e)}`, (v) => ({ kind: "floor", v, e, c }), range));
  }

  /** A uniform node with its tensor reads clamped into shape. */
  uniform(n: Node): Node {
    return rewriteBottomUp(n, (m) => {
      if (m.op !== "load") return m;
      const decl = this.inputs.find((d) => d.name === tensorName(m));
      if (!decl) return m;
      return mk("load", m.type, m.args.map((i, k) => clampIdx(i, decl, k)), m.attr);
    });
  }

  intPW(n: Node): PW | null {
    if (this.pwMemo.has(n)) return this.pwMemo.get(n)!;
    let r = this.intPWUncached(n);
    if (r && r.length > MAX_PIECES) r = null;
    // a uniform value is its run-time value: one term when its pieces could wrap
    if (this.isUniform(n) && (!r || !r.every((x) => this.fitsLin(x.v)))) r = [{ g: fTrue, v: linTerm(this.uniform(n)) }];
    this.pwMemo.set(n, r);
    return r;
  }

  private intPWUncached(n: Node): PW | null {
    const one = (l: Lin): PW => [{ g: fTrue, v: l }];
    const c = constValue(n);
    if (typeof c === "number") return one(linConst(c));
    if (n === Q || n === KV) return one(linTerm(n));
    const a = n.args;
    switch (n.op) {
      case "add": return this.map2(a[0]!, a[1]!, (x, y) => linAdd(x, y));
      case "sub": return this.map2(a[0]!, a[1]!, (x, y) => linSub(x, y));
      case "neg": return this.map1(a[0]!, (x) => linScale(x, -1));
      case "mul": {
        const k0 = constValue(a[0]!), k1 = constValue(a[1]!);
        if (typeof k0 === "number") return this.map1(a[1]!, (x) => linScale(x, k0));
        if (typeof k1 === "number") return this.map1(a[0]!, (x) => linScale(x, k1));
        break;
      }
      case "idiv":
      case "imod": {
        const d = constValue(a[1]!);
        if (typeof d !== "number") break;
        if (d === 0) return n.op === "idiv" ? one(linConst(0)) : this.intPW(a[0]!);
        const pa = this.observed(a[0]!, this.intPW(a[0]!));
        if (!pa) break;
        const out: PW = [];
        for (const x of pa) {
          // floor(x / d) == floor(-x / -d), where -x and -d are themselves int32 values (d = -2^31,
          // or x reaching -2^31, would print a wrapped literal or negation: opaque instead)
          let t: Lin | null = null;
          if (d > 0) t = this.floorAtom(x.v, d);
          else if (d > INT32_MIN && this.fitsLin(linScale(x.v, -1))) t = this.floorAtom(linScale(x.v, -1), -d);
          if (!t) return null;
          out.push({ g: x.g, v: n.op === "idiv" ? t : linSub(x.v, linScale(t, d)) });
        }
        return out;
      }
      case "min":
      case "max": {
        const pa = this.observed(a[0]!, this.intPW(a[0]!)), pb = this.observed(a[1]!, this.intPW(a[1]!));
        if (!pa || !pb) break;
        const out: PW = [];
        for (const x of pa) for (const y of pb) {
          const g = fAndF([x.g, y.g]);
          const aLeB = fLe(linSub(x.v, y.v), this, [x.v, y.v]);
          const first = n.op === "min" ? aLeB : negF(aLeB);
          out.push({ g: fAndF([g, first]), v: x.v }, { g: fAndF([g, negF(first)]), v: y.v });
        }
        return prune(out);
      }
      case "abs": return this.intPW(mk("max", "int", [a[0]!, mk("neg", "int", [a[0]!])]));
      case "select": {
        const cond = this.formula(a[0]!);
        const pa = this.intPW(a[1]!), pb = this.intPW(a[2]!);
        if (!pa || !pb) break;
        const nc = negF(cond);
        return prune([...pa.map((x) => ({ g: fAndF([cond, x.g]), v: x.v })), ...pb.map((x) => ({ g: fAndF([nc, x.g]), v: x.v }))]);
      }
      case "load": {
        if (this.isUniform(n)) break;
        return this.loadAtom(n);
      }
    }
    if (this.isUniform(n) && n.type === "int") return one(linTerm(this.uniform(n)));
    return null;
  }

  private loadAtom(n: Node): PW | null {
    if (!this.useFacts || n.type !== "int") return null;
    const name = tensorName(n)!;
    const decl = this.inputs.find((d) => d.name === name);
    if (!decl || decl.dtype !== "i32") return null;
    const seq = n.args.map((i, k) => [i, k] as const).filter(([i]) => !this.isUniform(i));
    if (seq.length !== 1) return null;
    const [idx, dim] = seq[0]!;
    if (idx !== Q && idx !== KV) return null;
    const at = (x: Node) =>
      mk("load", "int", n.args.map((i, k) => clampIdx(k === dim ? x : this.uniform(i), decl, k)), n.attr);
    const [lo, hi] = idx === Q ? [this.box.qlo, this.box.qhi] : [this.box.kvlo, this.box.kvhi];
    const fact: RuntimeFact = { var: `sorted_${name}_${dim}`, kind: "nondecreasing", tensor: name, dim };
    if (!this.facts.some((f) => f.var === fact.var)) this.facts.push(fact);
    const key = `load|${linKey(linTerm(at(lo)))}`;
    return [{ g: fTrue, v: linTerm(this.atomLoad(key, at(lo), at(hi))) }];
  }

  private atomLoad(key: string, lo: Node, hi: Node): Node {
    return this.atom(key, (v) => ({ kind: "load", v, lo, hi }), INT32);
  }

  private map1(x: Node, f: (a: Lin) => Lin): PW | null {
    const p = this.intPW(x);
    return p ? p.map((e) => ({ g: e.g, v: f(e.v) })) : null;
  }
  private map2(x: Node, y: Node, f: (a: Lin, b: Lin) => Lin): PW | null {
    const pa = this.intPW(x), pb = this.intPW(y);
    if (!pa || !pb) return null;
    const out: PW = [];
    for (const s of pa) for (const t of pb) out.push({ g: fAndF([s.g, t.g]), v: f(s.v, t.v) });
    return prune(out);
  }

  formula(n: Node): F {
    let f = this.fMemo.get(n);
    if (!f) {
      f = this.formulaUncached(n);
      this.fMemo.set(n, f);
    }
    return f;
  }

  private formulaUncached(n: Node): F {
    const c = constValue(n);
    if (typeof c === "boolean") return c ? fTrue : negF(fTrue);
    const a = n.args;
    switch (n.op) {
      case "and": return fAndF([this.formula(a[0]!), this.formula(a[1]!)]);
      case "or": return fOrF([this.formula(a[0]!), this.formula(a[1]!)]);
      case "not": return negF(this.formula(a[0]!));
      case "select": {
        const cond = this.formula(a[0]!);
        return fCases([[cond, this.formula(a[1]!)], [negF(cond), this.formula(a[2]!)]]);
      }
      case "lt": case "le": case "eq": case "ne": {
        const t = a[0]!.type;
        if (t === "bool") {
          const x = this.formula(a[0]!), y = this.formula(a[1]!);
          const same = n.op === "eq" || n.op === "le" ? y : negF(y);
          if (n.op === "lt") return fAndF([negF(x), y]);
          if (n.op === "le") return fOrF([negF(x), y]);
          return fCases([[x, same], [negF(x), negF(same)]]);
        }
        if (t === "int") return this.compare(n);
        break;
      }
    }
    if (this.isUniform(n)) return fUni(this.uniform(n));
    return { k: "opaque", node: n, neg: false };
  }

  private compare(n: Node): F {
    // a comparison without q and kv is evaluated as it is (same wrap as the mask)
    if (this.isUniform(n)) return fUni(this.uniform(n));
    const pa = this.observed(n.args[0]!, this.intPW(n.args[0]!)), pb = this.observed(n.args[1]!, this.intPW(n.args[1]!));
    if (!pa || !pb) return { k: "opaque", node: n, neg: false };
    const cs: [F, F][] = [];
    for (const x of pa) for (const y of pb) cs.push([fAndF([x.g, y.g]), this.cmpLit(n.op as "lt" | "le" | "eq" | "ne", x.v, y.v, n)]);
    return cs.length === 1 ? fAndF(cs[0]!) : fCases(cs);
  }

  /** `x op y` as a formula. */
  private cmpLit(op: "lt" | "le" | "eq" | "ne", x: Lin, y: Lin, n: Node): F {
    const le = (a: Lin, b: Lin) => fLe(linSub(a, b), this, [a, b], n);
    const one = linConst(1);
    const lt = () => le(linAdd(x, one), y);
    const gt = () => le(linAdd(y, one), x);
    switch (op) {
      case "lt": return lt();
      case "le": return le(x, y);
      case "eq": return fAndF([le(x, y), le(y, x)]);
      case "ne": return fOrF([lt(), gt()]);
    }
  }
}

function prune(p: PW): PW {
  return p.filter((x) => !(x.g.k === "const" && !x.g.v));
}

/** A derived dim as int IR over the sizes (valid dims never wrap: compiler/ir/dims.ts). */
function dimNode(e: DimExpr): Node {
  switch (e.op) {
    case "const": return cInt(e.value);
    case "size": return irVar(e.name);
    case "neg": return mk("neg", "int", [dimNode(e.a)]);
    case "add": case "sub": case "mul": case "min": case "max": return mk(e.op, "int", [dimNode(e.a), dimNode(e.b)]);
    case "div": return mk("idiv", "int", [dimNode(e.a), dimNode(e.b)]);
    case "mod": return mk("imod", "int", [dimNode(e.a), dimNode(e.b)]);
    case "cdiv": return cdiv(dimNode(e.a), dimNode(e.b));
  }
}

/** The index clamped into [0, dim - 1]. */
export function clampIdx(i: Node, decl: InputDecl, k: number): Node {
  const d = decl.dims[k];
  if (!d) return i;
  const size = d.kind === "const" ? cInt(d.value) : d.kind === "size" ? irVar(d.name) : dimNode(d.expr);
  const top = linToIR(linSub(linTerm(size), linConst(1)));
  const x = constValue(i);
  if (typeof x === "number" && d.kind === "const" && x >= 0 && x < d.value) return i;
  return fMax(fMin(i, top), cInt(0));
}
