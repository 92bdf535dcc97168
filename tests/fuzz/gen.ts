/**
 * The hostile program generator: `.attn` programs as an adversarial user writes them, drawn from
 * the whole grammar. Unlike tests/arbitraries/program.ts (well-defined programs for numeric
 * property tests) it aims at the edges: int arithmetic that overflows 32 bits and huge constants,
 * deep nesting, many mask lines, reserved words of C++/CUDA/WGSL/JS and `Object.prototype` names
 * as declared names, float specials (inf, NaN, 3e38, subnormals), unguarded log/sqrt/pow, tensor
 * inputs of every dtype and shape and reads that may go out of bounds, lets, defs (with and without
 * parameters), several blocks, and `--param` overrides (valid, extreme, malformed, unknown names).
 *
 * Contract: `genProgram(rng)` is deterministic in the rng state; most programs are valid (a few
 * are not, on purpose: duplicate names, reserved names, wrong overrides).
 */
import { Rng } from "../arbitraries/rng.js";
import { DSL_NAMES, HOSTILE_NAMES, ORDINARY, PROTOTYPE } from "./names.js";

export interface GenOut {
  source: string;
  /** `--param NAME=VALUE` overrides to pass */
  overrides: Record<string, string>;
}

type Ty = "int" | "float" | "bool";
type Dim = "B" | "H" | "H_KV" | "Q_LEN" | "KV_LEN" | "D" | number | { param: string; value: number };

interface Tensor {
  name: string;
  dtype: "i32" | "f32";
  dims: Dim[];
}

interface DefSig {
  name: string;
  args: Ty[];
  ret: Ty;
  /** declared without parentheses */
  bare: boolean;
}

interface Scope {
  ints: string[];
  floats: string[];
  bools: string[];
  /** float lets that use `s` (score only) */
  scoreFloats: string[];
  tensors: Tensor[];
  defs: DefSig[];
  /** `s` allowed */
  score: boolean;
}

/** int constants at and around the 32-bit edges, and factors whose products overflow */
const BIG_INTS = [2147483647, 2147483646, 2147483600, 1073741824, 1073741823, 536870912, 268435456, 16777217, 3000000, 1000000007, 65536, 46341, 46340, 99999, 1 << 20];
const SMALL_INTS = [0, 1, 2, 3, 4, 7, 8, 16, 31, 64, 127, 128];
const FLOATS = ["0.5", "1.0", "2.5", "-1.25", "30.0", "0.001", "1e2", ".5", "3.", "1e-3", "1e30", "1e38", "3.4e38", "3.4028234e38", "1e-38", "1e-45", "1.4e-45", "65504.0", "16777216.0", "1e10"];
const FLOAT_SPECIALS = ["inf", "-inf", "(0.0 / 0.0)", "(1.0 / 0.0)", "(-1.0 / 0.0)", "(inf - inf)", "(0.0 * inf)", "log(0.0)", "sqrt(-1.0)", "log(-1.0)", "pow(0.0, -1.0)"];
const CMP = ["<", "<=", ">", ">=", "==", "!="];
const SIZE_VARS = ["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D"];

class Gen {
  used = new Set<string>();
  constructor(readonly rng: Rng) {}

  /** a fresh declared name: ordinary, hostile, prototype, long; rarely a clash or a built-in */
  name(kind: "decl" | "arg" | "attention"): string {
    const r = this.rng;
    for (let tries = 0; tries < 20; tries++) {
      let n: string;
      const x = r.next();
      if (x < 0.35) n = r.pick(ORDINARY);
      else if (x < 0.75) n = r.pick(HOSTILE_NAMES);
      else if (x < 0.87) n = r.pick(PROTOTYPE);
      else if (x < 0.9) n = `${r.pick(["x", "_", "a_", "__", "T"])}${"_x".repeat(r.int(1, r.chance(0.2) ? 130 : 20))}`;
      else if (x < 0.905) n = r.pick(DSL_NAMES); // E0102 / E0213
      else n = `${r.pick(ORDINARY)}${r.int(0, 99)}`;
      if (kind === "attention" && r.chance(0.01)) n = "a".repeat(r.pick([200, 236, 255, 300]));
      if (!this.used.has(n) || r.chance(0.01)) {
        if (kind !== "arg") this.used.add(n);
        return n;
      }
    }
    const n = `n${this.used.size}_${this.rng.int(0, 1e6)}`;
    this.used.add(n);
    return n;
  }

  intLit(): string {
    const r = this.rng;
    const x = r.next();
    if (x < 0.55) return String(r.pick(SMALL_INTS));
    if (x < 0.75) return String(r.int(-5, 40));
    if (x < 0.95) return String(r.pick(BIG_INTS));
    return r.pick(["(-2147483647 - 1)", "-2147483647", "(0 - 2147483647)"]);
  }

  floatLit(): string {
    const r = this.rng;
    return r.chance(0.12) ? r.pick(FLOAT_SPECIALS) : r.pick(FLOATS);
  }

  intLeaf(c: Scope): string {
    const r = this.rng;
    const x = r.next();
    if (x < 0.25) return this.intLit();
    if (x < 0.6) return r.pick(["q", "kv", "q", "kv", "h", "b"]);
    if (x < 0.72) return r.pick(SIZE_VARS);
    if (c.ints.length) return r.pick(c.ints);
    return r.pick(["q", "kv"]);
  }

  /** an int index expression in [0, dim) (clamped), or rarely an unguarded one */
  index(c: Scope, dim: Dim, depth: number): string {
    const r = this.rng;
    const natural: Record<string, string> = { B: "b", H: "h", Q_LEN: "q", KV_LEN: "kv" };
    if (typeof dim === "string" && natural[dim] && r.chance(0.55)) return natural[dim]!;
    const e = this.int(c, Math.min(depth, 2));
    if (r.chance(0.06)) return e; // may be out of bounds: E0407 on the TS target, unspecified on GPUs
    const hi = typeof dim === "number" ? String(dim - 1) : typeof dim === "string" ? `${dim} - 1` : `${dim.param} - 1`;
    if (typeof dim === "number" && dim > 0 && r.chance(0.4)) return `(${e}) % ${dim}`;
    return `clamp(${e}, 0, ${hi})`;
  }

  read(c: Scope, t: Tensor, depth: number): string {
    return `${t.name}[${t.dims.map((d) => this.index(c, d, depth - 1)).join(", ")}]`;
  }

  call(c: Scope, d: DefSig, depth: number): string {
    if (d.bare) return d.name;
    const args = d.args.map((a) => (a === "int" ? this.int(c, depth - 1) : a === "float" ? this.float({ ...c, score: false }, depth - 1) : this.bool(c, depth - 1)));
    return `${d.name}(${args.join(", ")})`;
  }

  int(c: Scope, depth: number): string {
    const r = this.rng;
    if (depth <= 0 || r.chance(0.22)) return this.intLeaf(c);
    const sub = () => this.int(c, depth - 1);
    switch (r.int(0, 19)) {
      // language v2: bit operators (any shift amount, negative operands), ilog2, cdiv, kvh
      case 16: return `(${sub()} ${r.pick(["&", "|", "^", "<<", ">>"])} ${r.chance(0.5) ? r.pick(["0", "1", "5", "31", "32", "33", "-1", "-7"]) : sub()})`;
      case 17: return r.chance(0.5) ? `ilog2(${sub()})` : `cdiv(${sub()}, ${r.chance(0.6) ? r.pick(["2", "3", "64", "-3", "0", "-1"]) : sub()})`;
      case 18: return r.chance(0.5) ? "kvh" : `(${sub()} & ${sub()} == ${this.intLit()} ? ${sub()} : ${sub()})`;
      case 0: case 1: return `(${sub()} + ${sub()})`;
      case 2: case 3: return `(${sub()} - ${sub()})`;
      case 4: return `(${sub()} * ${r.chance(0.5) ? this.intLit() : sub()})`;
      case 5: return `(${sub()} / ${r.chance(0.6) ? r.pick(["2", "3", "4", "7", "-3", "0", "-1", "64", "1073741824"]) : sub()})`;
      case 6: return `(${sub()} % ${r.chance(0.6) ? r.pick(["2", "3", "4", "7", "-3", "0", "-1", "64", "2147483647"]) : sub()})`;
      case 7: return `-${this.intLeaf(c)}`;
      case 8: return `abs(${sub()})`;
      case 9: return `${r.pick(["min", "max"])}(${sub()}, ${sub()})`;
      case 10: return `clamp(${sub()}, ${sub()}, ${sub()})`;
      case 11: return `(${this.bool(c, depth - 1)} ? ${sub()} : ${sub()})`;
      case 12: return `int(${this.float({ ...c, score: false }, depth - 1)})`;
      case 13: {
        const t = c.tensors.filter((x) => x.dtype === "i32");
        return t.length ? this.read(c, r.pick(t), depth) : sub();
      }
      case 14: {
        const d = c.defs.filter((x) => x.ret === "int");
        return d.length ? this.call(c, r.pick(d), depth) : sub();
      }
      default: return `(${sub()} * ${r.pick(["q", "kv", "h"])} * ${this.intLit()})`;
    }
  }

  floatLeaf(c: Scope): string {
    const r = this.rng;
    if (c.score && r.chance(0.45)) return c.scoreFloats.length && r.chance(0.3) ? r.pick(c.scoreFloats) : "s";
    if (r.chance(0.35)) return this.floatLit();
    if (c.floats.length && r.chance(0.5)) return r.pick(c.floats);
    return `float(${this.intLeaf(c)})`;
  }

  float(c: Scope, depth: number): string {
    const r = this.rng;
    if (depth <= 0 || r.chance(0.2)) return this.floatLeaf(c);
    const sub = () => this.float(c, depth - 1);
    switch (r.int(0, 17)) {
      case 0: case 1: return `(${sub()} + ${sub()})`;
      case 2: return `(${sub()} - ${sub()})`;
      case 3: return `(${sub()} * ${sub()})`;
      case 4: return `(${sub()} / ${r.chance(0.5) ? sub() : `(abs(${sub()}) + 1.0)`})`;
      case 5: return `${r.pick(["tanh", "sigmoid", "exp", "log", "sqrt", "floor", "abs"])}(${sub()})`;
      case 6: return `pow(${sub()}, ${r.chance(0.5) ? r.pick(["0.5", "2.0", "-1.0", "3.0", "100.0"]) : sub()})`;
      case 7: return `${r.pick(["min", "max"])}(${sub()}, ${sub()})`;
      case 8: return `clamp(${sub()}, ${sub()}, ${sub()})`;
      case 9: return `(${this.bool({ ...c, score: false }, depth - 1)} ? ${sub()} : ${sub()})`;
      case 10: return `(${sub()} ${r.pick(["+", "-", "*", "/", "%"])} ${this.int({ ...c, score: false }, depth - 1)})`;
      case 11: return `(${sub()} % ${sub()})`;
      case 12: {
        const t = c.tensors.filter((x) => x.dtype === "f32");
        return t.length ? this.read(c, r.pick(t), depth) : sub();
      }
      case 13: {
        const d = c.defs.filter((x) => x.ret === "float");
        return d.length ? this.call({ ...c, score: false }, r.pick(d), depth) : sub();
      }
      case 14: return `float(${this.int({ ...c, score: false }, depth - 1)})`;
      case 15: return `-${this.floatLeaf(c)}`;
      default: return this.floatLit();
    }
  }

  bool(c: Scope, depth: number): string {
    const r = this.rng;
    const nc = { ...c, score: false };
    if (depth <= 0) {
      if (r.chance(0.08)) return r.pick(["true", "false"]);
      if (c.bools.length && r.chance(0.2)) return r.pick(c.bools);
      return `(${this.intLeaf(nc)} ${r.pick(CMP)} ${this.intLeaf(nc)})`;
    }
    switch (r.int(0, 10)) {
      case 0: return `(${this.bool(c, depth - 1)} && ${this.bool(c, depth - 1)})`;
      case 1: return `(${this.bool(c, depth - 1)} || ${this.bool(c, depth - 1)})`;
      case 2: return `!${this.bool(c, depth - 1)}`;
      case 3: return `(${this.float(nc, depth - 1)} ${r.pick(CMP)} ${this.float(nc, depth - 1)})`;
      case 4: {
        const d = c.defs.filter((x) => x.ret === "bool");
        return d.length ? this.call(nc, r.pick(d), depth) : this.bool(c, depth - 1);
      }
      case 5: return `(${this.bool(c, depth - 1)} == ${this.bool(c, depth - 1)})`;
      case 6: return `(${this.bool(c, depth - 1)} ? ${this.bool(c, depth - 1)} : ${this.bool(c, depth - 1)})`;
      case 7: return r.chance(0.9) ? this.overflowMask(nc) : `${r.pick(PROTOTYPE)}(${this.int(nc, 0)}) > 0`; // an unknown function (E0203) named like a JS built-in
      default: return `(${this.int(nc, depth - 1)} ${r.pick(CMP)} ${this.int(nc, depth - 1)})`;
    }
  }

  /** masks whose int arithmetic wraps at realistic lengths (issue #11 item 1 and its relatives) */
  overflowMask(c: Scope): string {
    const r = this.rng;
    const big = () => String(r.pick(BIG_INTS));
    const x = () => r.pick(["q", "kv", "(q - kv)", "(kv - q)", "(q + kv)", "h", "(q * kv)"]);
    return r.pick([
      () => `${x()} * ${big()} ${r.pick(CMP)} ${r.pick(["0", this.intLit()])}`,
      () => `kv + ${big()} ${r.pick(CMP)} ${big()} - q`,
      () => `(q + ${big()}) / ${r.int(1, 64)} ${r.pick(CMP)} (kv + ${big()}) / ${r.int(1, 64)}`,
      () => `(${x()} * ${big()}) % ${r.int(1, 100)} ${r.pick(CMP)} ${r.int(0, 50)}`,
      () => `abs(${x()} * ${big()}) ${r.pick(CMP)} ${big()}`,
      () => `q * q * q ${r.pick(CMP)} kv * ${big()}`,
      () => `-${x()} * ${big()} ${r.pick(CMP)} ${this.int(c, 1)}`,
      () => `int(float(${x()}) * ${r.pick(["1e10", "3e9", "1e38", "2147483648.0"])}) ${r.pick(CMP)} ${this.int(c, 1)}`,
      () => `(${x()} - ${big()}) ${r.pick(CMP)} (${x()} + ${big()})`,
      () => `${x()} * ${r.pick(["Q_LEN", "KV_LEN"])} * ${big()} ${r.pick(CMP)} 0`,
    ])();
  }

  /** structured masks from the literature, with random constants (some big) */
  familyMask(c: Scope): string {
    const r = this.rng;
    const w = () => (r.chance(0.8) ? String(r.int(1, 40)) : this.intLit());
    return r.pick([
      () => `kv <= q`,
      () => `q - kv < ${w()} && kv <= q`,
      () => `kv <= q && (kv < ${w()} || q - kv < ${w()})`,
      () => `q / ${w()} == kv / ${w()}`,
      () => `abs(q - kv) <= ${w()}`,
      () => `kv <= q + (KV_LEN - Q_LEN)`,
      () => `(q - kv) % ${w()} == 0 && (q - kv) / ${w()} < ${w()}`,
      () => `(kv / ${w()}) % ${w()} == (h + ${w()}) % ${w()} || q - kv < ${w()}`,
      () => {
        const g = r.int(1, 9);
        return `abs(q / ${g} - kv / ${g}) <= ${w()} && abs(q % ${g} - kv % ${g}) <= ${w()}`;
      },
      () => `kv >= clamp(q - ${w()} / 2, 0, KV_LEN - ${w()}) && kv < clamp(q - ${w()} / 2, 0, KV_LEN - ${w()}) + ${w()}`,
      () => `kv % ${w()} == q % ${w()} && kv / ${w()} >= clamp(q / ${r.pick(["-7", "7", "3"])} / 2, 0, (KV_LEN - q % 4 + 3) / 4 - 7)`,
      () => {
        const t = c.tensors.find((x) => x.dtype === "i32" && x.dims.length === 2 && x.dims[0] === "B" && x.dims[1] === "Q_LEN");
        return t ? `${t.name}[b, q] == ${t.name}[b, min(kv, Q_LEN - 1)] && kv <= q` : `kv <= q`;
      },
    ])();
  }

  score(c: Scope): string {
    const r = this.rng;
    const sc = { ...c, score: true };
    const x = r.next();
    if (x < 0.12) {
      return r.pick([
        () => `s + (0.0 / 0.0)`,
        () => `inf`,
        () => `kv == 0 ? inf : s`,
        () => `q == kv ? (0.0 / 0.0) : s`,
        () => `s * ${r.pick(["1e30", "1e38", "3.4e38", "1e10", "-1e30"])}`,
        () => `exp(s * ${r.pick(["100.0", "1000.0", "88.0"])})`,
        () => `log(s)`,
        () => `sqrt(s)`,
        () => `pow(s, ${r.pick(["2.0", "0.5", "-1.0", "s"])})`,
        () => `s / 0.0`,
        () => `-inf`,
        () => `float(q * ${r.pick(BIG_INTS)})`,
        () => `s >= ${r.pick(["0.0", "1.0", "inf"])} ? s : -inf`,
        () => `${c.floats.length ? r.pick(c.floats) : "30.0"} * tanh(s / ${c.floats.length ? r.pick(c.floats) : "inf"})`,
      ])();
    }
    let e = this.float(sc, r.int(1, 4));
    if (r.chance(0.15)) e = `(${this.bool(c, 1)} ? ${e} : -inf)`;
    if (r.chance(0.05)) e = this.int({ ...c, score: false }, 2); // an int score
    return e;
  }

  /** an expression nested `n` levels deep (what the parser's and the passes' limits are for) */
  deep(c: Scope, ty: "int" | "bool"): string {
    const r = this.rng;
    const n = r.pick([20, 60, 99, 100, 101, 200, 255, 256, 257, 400, 1000]);
    const kind = r.int(0, 4);
    let e = ty === "int" ? this.intLeaf(c) : `(q ${r.pick(CMP)} kv)`;
    for (let i = 0; i < n; i++) {
      if (ty === "bool") e = kind === 0 ? `!${e}` : kind === 1 ? `(${e} && kv ${r.pick(CMP)} ${i})` : kind === 2 ? `(q > ${i} ? ${e} : false)` : `(${e} || q == ${i})`;
      else e = kind === 0 ? `(${e} + ${i % 5})` : kind === 1 ? `abs(${e})` : kind === 2 ? `min(${e}, ${r.pick(BIG_INTS)})` : kind === 3 ? `(q > ${i} ? ${e} : kv)` : `-${e}`;
    }
    return ty === "int" ? `${e} ${r.pick(CMP)} ${this.intLeaf(c)}` : e;
  }
}

const typeOf = (t: Ty) => t;

/** A hostile program (see the file comment). */
export function genProgram(rng: Rng): GenOut {
  const g = new Gen(rng);
  const lines: string[] = [];
  const defs: DefSig[] = [];
  const overrides: Record<string, string> = {};
  const empty: Scope = { ints: [], floats: [], bools: [], scoreFloats: [], tensors: [], defs: [], score: false };

  // defs: built-ins, their own args and earlier defs
  const nDefs = rng.chance(0.5) ? rng.int(1, 4) : 0;
  for (let i = 0; i < nDefs; i++) {
    const name = g.name("decl");
    const bare = rng.chance(0.3);
    const args: { name: string; ty: Ty }[] = bare ? [] : Array.from({ length: rng.int(1, 3) }, () => ({ name: g.name("arg"), ty: rng.pick(["int", "int", "float", "bool"] as Ty[]) }));
    const sc: Scope = {
      ...empty,
      ints: args.filter((a) => a.ty === "int").map((a) => a.name),
      floats: args.filter((a) => a.ty === "float").map((a) => a.name),
      bools: args.filter((a) => a.ty === "bool").map((a) => a.name),
      defs: [...defs],
    };
    const ret = rng.pick(["int", "float", "bool", "bool"] as Ty[]);
    const body = ret === "int" ? g.int(sc, rng.int(1, 3)) : ret === "float" ? g.float(sc, rng.int(1, 3)) : rng.chance(0.4) ? g.familyMask(sc) : g.bool(sc, rng.int(1, 3));
    lines.push(bare ? `def ${name} = ${body}` : `def ${name}(${args.map((a) => `${a.name}: ${typeOf(a.ty)}`).join(", ")}) = ${body}`);
    defs.push({ name, args: args.map((a) => a.ty), ret, bare });
  }

  const nBlocks = rng.chance(0.06) ? 2 : 1;
  for (let blk = 0; blk < nBlocks; blk++) {
    const sc: Scope = { ...empty, defs: [...defs], tensors: [] };
    const body: string[] = [];
    const local = new Set<string>();
    const declName = () => {
      const n = g.name("decl");
      local.add(n);
      return n;
    };
    // params
    const intParams: { name: string; value: number }[] = [];
    for (let i = rng.int(0, 3); i > 0; i--) {
      const name = declName();
      const ty = rng.pick(["int", "int", "float", "bool"] as Ty[]);
      let lit: string;
      if (ty === "int") {
        const v = rng.chance(0.8) ? rng.int(-4, 64) : rng.pick(BIG_INTS) * (rng.chance(0.3) ? -1 : 1);
        lit = String(v);
        if (v >= 1) intParams.push({ name, value: v });
        sc.ints.push(name);
      } else if (ty === "float") {
        lit = rng.chance(0.25) ? rng.pick(["inf", "-inf", "3.4e38", "1e-45", "30", "0"]) : rng.pick(FLOATS);
        sc.floats.push(name);
      } else {
        lit = rng.pick(["true", "false"]);
        sc.bools.push(name);
      }
      body.push(`param ${name}: ${ty} = ${lit}`);
      if (rng.chance(0.12)) {
        overrides[name] = ty === "int"
          ? rng.pick(["0", "1", "-1", "7", "2147483647", "-2147483648", "2147483648", "1e3", "2.0", "abc", "", "0x10", "+5"])
          : ty === "float" ? rng.pick(["inf", "-inf", "nan", "NaN", "1e39", "0.5", "-0", "1e-50", "abc", "30"])
          : rng.pick(["true", "false", "1", "True", "yes"]);
      }
    }
    // inputs
    for (let i = rng.chance(0.55) ? rng.int(1, 3) : 0; i > 0; i--) {
      const name = declName();
      const dtype = rng.pick(["i32", "f32"] as const);
      const pool: Dim[] = ["H", "H", "B", "Q_LEN", "KV_LEN", "H_KV", "D", 1, 3, 8, ...intParams.filter((p) => p.value <= 64).map((p) => ({ param: p.name, value: p.value }))];
      let dims: Dim[] = Array.from({ length: rng.int(1, 3) }, () => rng.pick(pool));
      if (rng.chance(0.3)) dims = rng.pick([["B", "Q_LEN"], ["B", "KV_LEN"], ["H"], ["B", "H", "Q_LEN"]] as Dim[][]);
      const dimText = dims.map((d) => (typeof d === "object" ? d.param : String(d))).join(", ");
      body.push(`input ${name}: ${dtype}[${dimText}]`);
      sc.tensors.push({ name, dtype, dims });
    }
    // lets (in order; each sees those above)
    for (let i = rng.chance(0.5) ? rng.int(1, 4) : 0; i > 0; i--) {
      const name = declName();
      const x = rng.next();
      if (x < 0.5) { body.push(`let ${name} = ${g.int(sc, rng.int(1, 3))}`); sc.ints.push(name); }
      else if (x < 0.7) { body.push(`let ${name} = ${g.float(sc, rng.int(1, 3))}`); sc.floats.push(name); }
      else if (x < 0.85) { body.push(`let ${name} = ${g.bool(sc, rng.int(1, 2))}`); sc.bools.push(name); }
      else { body.push(`let ${name} = ${g.float({ ...sc, score: true }, rng.int(1, 2))}`); sc.scoreFloats.push(name); }
    }
    if (rng.chance(0.03)) {
      // a long let chain
      let prev = "q";
      for (let i = 0; i < rng.pick([50, 200, 999, 1001]); i++) {
        const n = `c${i}_${blk}`;
        body.push(`let ${n} = ${prev} + ${rng.int(0, 3)}`);
        prev = n;
      }
      sc.ints.push(prev);
    }
    // masks
    const x = rng.next();
    const nMasks = x < 0.03 ? rng.pick([50, 300, 1000, 2500]) : x < 0.15 ? 0 : rng.int(1, 3);
    for (let i = 0; i < nMasks; i++) {
      const y = rng.next();
      const m = nMasks > 20 && rng.chance(0.9) ? `kv ${rng.pick(["<=", ">=", "!="])} q + ${rng.int(-3, 2000)}`
        : y < 0.3 ? g.familyMask(sc) : y < 0.55 ? g.overflowMask(sc) : y < 0.57 ? g.deep(sc, rng.pick(["int", "bool"])) : g.bool(sc, rng.int(1, 4));
      body.push(`mask ${m}`);
    }
    for (const d of defs) if (d.ret === "bool" && d.bare && rng.chance(0.3)) body.push(`mask ${d.name}`);
    if (rng.chance(0.85)) body.push(`score ${g.score(sc)}`);
    if (rng.chance(0.35)) {
      const x = rng.next();
      body.push(`normalize ${x < 0.69 ? "sigmoid" : x < 0.98 ? "none" : "softmax"}`);
    }
    // items in any order
    if (rng.chance(0.1)) for (let i = body.length - 1; i > 0; i--) { const j = rng.int(0, i); [body[i], body[j]] = [body[j]!, body[i]!]; }
    const sep = rng.chance(0.05) ? " " : "\n  ";
    lines.push(`attention ${g.name("attention")} {${sep}${body.join(sep)}\n}`);
  }
  if (rng.chance(0.04)) overrides[rng.pick(PROTOTYPE)] = rng.pick(["1", "100", "true"]);
  if (rng.chance(0.02)) overrides[`nope${rng.int(0, 9)}`] = "1";
  return { source: `${lines.join("\n")}\n`, overrides };
}
