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
 */
import { cInt, v as irVar } from "../ir/builder.js";
import { constValue, freeVars, mk, rewriteBottomUp, tensorName, type Node } from "../ir/node.js";
import type { InputDecl } from "../ir/program.js";
import type { RuntimeFact } from "../plan/kernel-plan.js";
import { type F, fAndF, fCases, fLe, fOrF, fTrue, fUni, negF } from "./formula.js";
import { type Lin, linAdd, linConst, linFloorDiv, linKey, linScale, linSub, linTerm, linToIR, fMax, fMin, fitsInt, fIdiv } from "./lin.js";

export type Atom =
  | { kind: "floor"; v: Node; e: Lin; c: number }
  | { kind: "load"; v: Node; lo: Node; hi: Node };

type PW = { g: F; v: Lin }[];

const MAX_PIECES = 16;
export const Q = irVar("q");
export const KV = irVar("kv");

export class LinCtx {
  readonly atoms = new Map<Node, Atom>();
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
  ) {}

  readonly isVar = (t: Node): boolean => t === Q || t === KV || this.atoms.has(t);

  isUniform(n: Node): boolean {
    let u = this.uniMemo.get(n);
    if (u === undefined) {
      const fv = freeVars(n);
      u = !fv.has("q") && !fv.has("kv");
      this.uniMemo.set(n, u);
    }
    return u;
  }

  private atom(key: string, make: (v: Node) => Atom): Node {
    const hit = this.atomByKey.get(key);
    if (hit) return hit;
    const v = irVar(`$a${this.nextAtom++}`);
    this.atoms.set(v, make(v));
    this.atomByKey.set(key, v);
    return v;
  }

  /** floor(e / c), c > 0 */
  floorAtom(e: Lin, c: number): Lin {
    if (c === 1) return e;
    let vars = false;
    for (const t of e.terms.keys()) if (this.isVar(t)) vars = true;
    if (!vars) return fitsInt(e) ? linFloorDiv(e, c) : linTerm(fIdiv(linToIR(e), cInt(c)));
    return linTerm(this.atom(`floor|${c}|${linKey(e)}`, (v) => ({ kind: "floor", v, e, c })));
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
    const r = this.intPWUncached(n);
    this.pwMemo.set(n, r && r.length > MAX_PIECES ? null : r);
    return this.pwMemo.get(n)!;
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
        return this.map1(a[0]!, (x) => {
          const t = d > 0 ? this.floorAtom(x, d) : this.floorAtom(linScale(x, -1), -d);
          return n.op === "idiv" ? t : linSub(x, linScale(t, d));
        });
      }
      case "min":
      case "max": {
        const pa = this.intPW(a[0]!), pb = this.intPW(a[1]!);
        if (!pa || !pb) break;
        const out: PW = [];
        for (const x of pa) for (const y of pb) {
          const g = fAndF([x.g, y.g]);
          const aLeB = fLe(linSub(x.v, y.v), this.isVar);
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
    return this.atom(key, (v) => ({ kind: "load", v, lo, hi }));
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
    const pa = this.intPW(n.args[0]!), pb = this.intPW(n.args[1]!);
    if (!pa || !pb) return this.isUniform(n) ? fUni(this.uniform(n)) : { k: "opaque", node: n, neg: false };
    const cs: [F, F][] = [];
    for (const x of pa) for (const y of pb) {
      const d = linSub(x.v, y.v);
      cs.push([fAndF([x.g, y.g]), this.cmpLit(n.op as "lt" | "le" | "eq" | "ne", d)]);
    }
    return cs.length === 1 ? fAndF(cs[0]!) : fCases(cs);
  }

  /** `d op 0` as a formula. */
  private cmpLit(op: "lt" | "le" | "eq" | "ne", d: Lin): F {
    const le = (l: Lin) => fLe(l, this.isVar);
    const ltZ = le(linAdd(d, linConst(1)));
    const gtZ = le(linAdd(linScale(d, -1), linConst(1)));
    switch (op) {
      case "lt": return ltZ;
      case "le": return le(d);
      case "eq": return fAndF([le(d), le(linScale(d, -1))]);
      case "ne": return fOrF([ltZ, gtZ]);
    }
  }
}

function prune(p: PW): PW {
  return p.filter((x) => !(x.g.k === "const" && !x.g.v));
}

/** The index clamped into [0, dim - 1]. */
export function clampIdx(i: Node, decl: InputDecl, k: number): Node {
  const d = decl.dims[k];
  if (!d) return i;
  const size = d.kind === "const" ? cInt(d.value) : irVar(d.name);
  const top = linToIR(linSub(linTerm(size), linConst(1)));
  const x = constValue(i);
  if (typeof x === "number" && d.kind === "const" && x >= 0 && x < d.value) return i;
  return fMax(fMin(i, top), cInt(0));
}
