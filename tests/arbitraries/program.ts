/**
 * Random `.attn` programs drawn from the whole language: masks and scores combining every
 * operator and function, params, lets, per-head and per-batch tensor reads, and defs with
 * parameters. Generated as source text (so the parser, checker and lowering are exercised too)
 * from a seed, so a failure is reproducible from the seed printed with it.
 *
 * The programs are well-defined by construction: tensor indices are clamped into range, and
 * float operations that could produce NaN get safe arguments (`log(abs(x) + 1.0)`, ...). Integer
 * division by zero, overflow and float->int conversions are left in on purpose: their results are
 * defined by the language.
 *
 * A softmax program sometimes has a sink (v2): a float expression over b, h, q, the sizes, params
 * and the tensors read at h (never kv or s), drawn after everything else, so a seed keeps the rest
 * of the program it had before sinks existed. About one program in ten is `normalize none` instead
 * (a program that would have been softmax, from a stream of its own: then without a sink).
 *
 * Input and attention names are drawn from the names that are reserved, predefined or generated in
 * some target's code (names.ts): generated code must compile whatever a program's names are. They
 * come from a generator of their own, so a seed gives the same program structure as it did before.
 */
import { Rng } from "./rng.js";
import { TARGET_NAMES } from "./names.js";

export interface GenProgram {
  source: string;
  seed: number;
  /** the attention block's name */
  name: string;
  /** the declared tensors: name, dtype and dims (in the program's own terms) */
  tensors: { name: string; dtype: "i32" | "f32"; dims: GenDim[] }[];
}

/** A dim of a generated tensor: a literal, a size, or a derived dim (v2) with its value. */
export type GenDim = "H" | "B" | "Q_LEN" | "KV_LEN" | number | { text: string; value: (s: { Q_LEN: number; KV_LEN: number; H: number; B: number }) => number };

interface Ctx {
  rng: Rng;
  /** draws the v2 constructs (bit operators, ilog2, cdiv, derived dims) from a stream of their own,
   * so a seed keeps the program structure it had before they existed */
  v2: Rng;
  ints: string[];
  floats: string[];
  defs: { name: string; params: ("int" | "float")[]; returns: "int" | "float" | "bool" }[];
  /** whether `s` may appear (score context) */
  score: boolean;
  tensors: GenProgram["tensors"];
}

const DIVISORS = ["1", "2", "3", "4", "7", "16", "-3", "0"];

function intLeaf(c: Ctx): string {
  const r = c.rng;
  if (r.chance(0.25)) return String(r.int(-5, 24));
  return r.pick(c.ints);
}

/** An int leaf drawn from the v2 stream. */
function v2Leaf(c: Ctx): string {
  if (c.v2.chance(0.1)) return "kvh";
  return c.v2.chance(0.3) ? String(c.v2.int(-5, 40)) : c.v2.pick(c.ints);
}

/** `e` wrapped, now and then, in a v2 int operation: bit operators (negative operands and shift
 * amounts outside [0, 31] included), ilog2 (of values <= 0 too), cdiv (by 0 and negatives too);
 * their leaves include `kvh`. */
function v2Wrap(c: Ctx, e: string): string {
  const r = c.v2;
  if (!r.chance(0.35)) return e;
  switch (r.int(0, 7)) {
    case 0: return `(${e} & ${v2Leaf(c)})`;
    case 1: return `(${e} | ${v2Leaf(c)})`;
    case 2: return `(${e} ^ ${v2Leaf(c)})`;
    case 3: return `((${e} - ${v2Leaf(c)}) << ${r.pick(["0", "1", "3", "31", "32", "33", "-1", v2Leaf(c)])})`;
    // (e - x): negative operands too (an arithmetic shift keeps the sign)
    case 4: return `((${e} - ${v2Leaf(c)}) >> ${r.pick(["0", "1", "4", "31", "35", "-2", v2Leaf(c)])})`;
    case 5: return `ilog2(${e})`;
    case 6: return `cdiv(${e}, ${r.pick(["1", "2", "3", "64", "-4", "0", v2Leaf(c)])})`;
    default: return `(${e} & ${v2Leaf(c)} == ${r.int(0, 3)} ? ${v2Leaf(c)} : ${e})`;
  }
}

function intExpr(c: Ctx, depth: number): string {
  return v2Wrap(c, intExprV1(c, depth));
}

function intExprV1(c: Ctx, depth: number): string {
  const r = c.rng;
  if (depth <= 0 || r.chance(0.25)) return intLeaf(c);
  const sub = () => intExpr(c, depth - 1);
  switch (r.int(0, 13)) {
    case 0: return `(${sub()} + ${sub()})`;
    case 1: return `(${sub()} - ${sub()})`;
    case 2: return `(${sub()} * ${intLeaf(c)})`;
    case 3: return `(${sub()} / ${r.chance(0.7) ? r.pick(DIVISORS) : sub()})`;
    case 4: return `(${sub()} % ${r.chance(0.7) ? r.pick(DIVISORS) : sub()})`;
    case 5: return `-${intLeaf(c)}`;
    case 6: return `abs(${sub()})`;
    case 7: return `${r.pick(["min", "max"])}(${sub()}, ${sub()})`;
    case 8: return `clamp(${sub()}, ${intLeaf(c)}, ${intLeaf(c)})`;
    case 9: return `(${boolExpr(c, depth - 1)} ? ${sub()} : ${sub()})`;
    case 10: return `int(${floatExpr({ ...c, score: false }, depth - 1)})`;
    case 11: {
      const t = c.tensors.find((x) => x.dtype === "i32" && x.dims.length === 1);
      if (t) return `${t.name}[${r.chance(0.5) ? "h" : `clamp(${sub()}, 0, H - 1)`}]`;
      return sub();
    }
    case 12: {
      const t = c.tensors.find((x) => x.dtype === "i32" && x.dims.length === 2 && x.dims[1] === "Q_LEN"); // (blksel is read at q / blk)
      if (t) return `${t.name}[b, ${r.chance(0.5) ? "q" : `clamp(${sub()}, 0, Q_LEN - 1)`}]`;
      return sub();
    }
    default: {
      const d = c.defs.find((x) => x.returns === "int");
      if (!d) return sub();
      return `${d.name}(${d.params.map((p) => (p === "int" ? sub() : floatExpr({ ...c, score: false }, depth - 1))).join(", ")})`;
    }
  }
}

function floatLeaf(c: Ctx): string {
  const r = c.rng;
  if (c.score && r.chance(0.45)) return "s";
  if (r.chance(0.3)) return r.pick(["0.5", "1.0", "2.5", "-1.25", "30.0", "0.001", "1e2"]);
  if (c.floats.length && r.chance(0.5)) return r.pick(c.floats);
  return `float(${intLeaf(c)})`;
}

function floatExpr(c: Ctx, depth: number): string {
  const r = c.rng;
  if (depth <= 0 || r.chance(0.2)) return floatLeaf(c);
  const sub = () => floatExpr(c, depth - 1);
  switch (r.int(0, 15)) {
    case 0: return `(${sub()} + ${sub()})`;
    case 1: return `(${sub()} - ${sub()})`;
    case 2: return `(${sub()} * ${sub()})`;
    case 3: return `(${sub()} / (abs(${sub()}) + 1.0))`;
    case 4: return `tanh(${sub()})`;
    case 5: return `sigmoid(${sub()})`;
    case 6: return `exp(clamp(${sub()}, -10.0, 10.0))`;
    case 7: return `log(abs(${sub()}) + 1.0)`;
    case 8: return `sqrt(abs(${sub()}))`;
    case 9: return `pow(abs(${sub()}) + 0.5, ${r.pick(["0.5", "2.0", "1.5", "-1.0"])})`;
    case 10: return `${r.pick(["floor", "abs"])}(${sub()})`;
    case 11: return `${r.pick(["min", "max"])}(${sub()}, ${sub()})`;
    case 12: return `(${boolExpr({ ...c, score: false }, depth - 1)} ? ${sub()} : ${sub()})`;
    case 13: return `(${sub()} ${r.pick(["+", "-", "*"])} ${intExpr({ ...c }, depth - 1)})`;
    case 14: {
      const t = c.tensors.find((x) => x.dtype === "f32");
      if (t) return `${t.name}[${r.chance(0.6) ? "h" : `clamp(${intExpr(c, depth - 1)}, 0, H - 1)`}]`;
      return sub();
    }
    default: return `-${floatLeaf(c)}`;
  }
}

function boolExpr(c: Ctx, depth: number): string {
  const r = c.rng;
  const cmp = () => `(${intExpr(c, depth - 1)} ${r.pick(["<", "<=", ">", ">=", "==", "!="])} ${intExpr(c, depth - 1)})`;
  if (depth <= 0) return r.chance(0.1) ? r.pick(["true", "false"]) : `(${intLeaf(c)} ${r.pick(["<", "<=", ">=", "=="])} ${intLeaf(c)})`;
  switch (r.int(0, 7)) {
    case 0: return `(${boolExpr(c, depth - 1)} && ${boolExpr(c, depth - 1)})`;
    case 1: return `(${boolExpr(c, depth - 1)} || ${boolExpr(c, depth - 1)})`;
    case 2: return `!${boolExpr(c, depth - 1)}`;
    case 3: return `(${floatExpr({ ...c, score: false }, depth - 1)} < ${floatExpr({ ...c, score: false }, depth - 1)})`;
    case 4: {
      const d = c.defs.find((x) => x.returns === "bool");
      if (d) return `${d.name}(${d.params.map((p) => (p === "int" ? intExpr(c, depth - 1) : floatExpr({ ...c, score: false }, depth - 1))).join(", ")})`;
      return cmp();
    }
    default: return cmp();
  }
}

/** A structured mask from the families attention variants use, perturbed randomly. */
function familyMask(c: Ctx): string {
  const r = c.rng;
  const w = r.int(1, 40);
  return r.pick([
    `kv <= q`,
    `q - kv < ${w} && kv <= q`,
    `kv <= q && (kv < ${r.int(1, 8)} || q - kv < ${w})`,
    `q / ${r.int(1, 32)} == kv / ${r.int(1, 32)}`,
    `abs(q - kv) <= ${w}`,
    `(kv / ${r.int(1, 16)}) % ${r.int(1, 4)} == (h + ${r.int(0, 3)}) % ${r.int(1, 4)} || q - kv < ${w}`,
  ]);
}

/** The input and attention names of a program: target names (see the header), distinct from each
 * other and from the names the generator uses itself. */
function drawNames(seed: number): { attention: string; tensors: [string, string, string] } {
  const rng = new Rng(seed ^ 0x2545f491);
  const taken = new Set(["p0", "p1", "f0", "l0", "near", "twist", "causal", "a0", "x0", "blksel", "kvh"]); // (kvh: the built-in the v2 leaves read)
  const pick = (): string => {
    for (;;) {
      const n = rng.pick(TARGET_NAMES);
      if (!taken.has(n)) return taken.add(n), n;
    }
  };
  return { tensors: [pick(), pick(), pick()], attention: pick() };
}

export function genProgram(seed: number): GenProgram {
  const rng = new Rng(seed);
  const v2 = new Rng(seed ^ 0x1b873593);
  const names = drawNames(seed);
  const tensors: GenProgram["tensors"] = [];
  if (rng.chance(0.5)) tensors.push({ name: names.tensors[0], dtype: "i32", dims: ["H"] });
  if (rng.chance(0.5)) tensors.push({ name: names.tensors[1], dtype: "f32", dims: ["H"] });
  if (rng.chance(0.3)) tensors.push({ name: names.tensors[2], dtype: "i32", dims: ["B", "Q_LEN"] });
  // a derived dim (v2): per-block values of q, read at q / blk
  const blk = v2.pick([1, 3, 16, 64]);
  const blockTensor = v2.chance(0.3);
  if (blockTensor) {
    tensors.push({ name: "blksel", dtype: "i32", dims: ["B", { text: `cdiv(Q_LEN, ${blk}) + 1 - 1`, value: (z) => Math.ceil(z.Q_LEN / blk) }] });
  }
  const params = [
    { name: "p0", type: "int", value: String(rng.int(-4, 40)) },
    { name: "p1", type: "int", value: String(rng.int(1, 9)) },
    { name: "f0", type: "float", value: rng.pick(["0.75", "30.0", "-2.0"]) },
  ];
  const base: Ctx = {
    rng,
    v2,
    ints: ["q", "kv", "h", "b", "Q_LEN", "KV_LEN", "H", "p0", "p1"],
    floats: ["f0"],
    defs: [],
    score: false,
    tensors,
  };
  const lines: string[] = [`# generated program, seed ${seed}`];
  // defs: built-ins and their own parameters only
  const defCtx: Ctx = { ...base, ints: ["q", "kv", "h", "a0"], floats: [], tensors: [] };
  if (rng.chance(0.6)) {
    lines.push(`def near(a0: int, x0: float) = abs(q - kv) < a0 || x0 > 1.5`);
    base.defs.push({ name: "near", params: ["int", "float"], returns: "bool" });
  }
  if (rng.chance(0.6)) {
    lines.push(`def twist(a0: int) = ${intExpr(defCtx, 2)}`);
    base.defs.push({ name: "twist", params: ["int"], returns: "int" });
  }
  if (rng.chance(0.3)) lines.push(`def causal = kv <= q`);
  lines.push(`attention ${names.attention} {`);
  for (const p of params) lines.push(`  param ${p.name}: ${p.type} = ${p.value}`);
  for (const t of tensors) lines.push(`  input ${t.name}: ${t.dtype}[${t.dims.map((d) => (typeof d === "object" ? d.text : d)).join(", ")}]`);
  const lets: string[] = [];
  if (rng.chance(0.5)) {
    lines.push(`  let l0 = ${intExpr(base, 2)}`);
    lets.push("l0");
  }
  // (clamped: the tests also evaluate scores at entries past Q_LEN, the grad test at random ones)
  const ctx: Ctx = { ...base, ints: [...base.ints, ...lets, ...(blockTensor ? [`blksel[b, clamp(q / ${blk}, 0, cdiv(Q_LEN, ${blk}) - 1)]`] : [])] };
  const nMasks = rng.int(0, 2);
  for (let i = 0; i < nMasks; i++) {
    const m = rng.chance(0.5) ? familyMask(ctx) : boolExpr(ctx, rng.int(1, 3));
    lines.push(`  mask ${m}`);
  }
  if (lines.some((l) => l.startsWith("def causal")) && rng.chance(0.7)) lines.push(`  mask causal`);
  if (rng.chance(0.85)) {
    const sc: Ctx = { ...ctx, score: true };
    let score = floatExpr(sc, rng.int(1, 3));
    if (rng.chance(0.2)) score = `(${boolExpr(ctx, 1)} ? ${score} : -inf)`;
    lines.push(`  score ${score}`);
  }
  const sigmoid = rng.chance(0.25);
  if (sigmoid) lines.push(`  normalize sigmoid`);
  // normalize none (v2): from a stream of its own (see the header); 0.75 x 0.14: about 10%
  const none = !sigmoid && new Rng(seed ^ 0x3c6ef372).chance(0.14);
  if (none) lines.push(`  normalize none`);
  // the sink (v2): from a stream of its own, after everything else (see the header)
  const sk = new Rng(seed ^ 0x68e31da4);
  if (!sigmoid && !none && sk.chance(0.3)) {
    const sinkCtx: Ctx = { ...base, rng: sk, v2: sk, ints: ["q", "h", "b", "Q_LEN", "KV_LEN", "H", "p0", "p1"], defs: [], score: false };
    lines.push(`  sink ${sk.chance(0.05) ? "-inf" : floatExpr(sinkCtx, sk.int(0, 2))}`);
  }
  lines.push(`}`);
  return { source: `${lines.join("\n")}\n`, seed, name: names.attention, tensors };
}
