/**
 * Lowering: one checked `attention` block of the AST to `AttnIR`.
 *
 * Contract: the input has passed `check` without errors. Params take their default or the value
 * of an override (`--param K=V`, validated here: E0401 unknown, E0402 bad value); `def`s are
 * expanded at each use with their arguments substituted; `let`s are expanded (sharing is kept by
 * hash-consing); several masks are AND-ed in source order (lazily, so a later mask is evaluated
 * only where the earlier ones hold); a missing score is `s`, an int score is converted to float, and
 * so is a sink (absent when the block has none).
 */
import type { Attention, Def, Expr, Module, Span } from "../dsl/ast.js";
import { AttncError, diag, type Diagnostic } from "../dsl/diagnostics.js";
import * as ir from "./ir/builder.js";
import type { Node } from "./ir/node.js";
import { dimExprHasSize, dimExprText, evalDimExpr, type DimExpr } from "./ir/dims.js";
import type { AttnIR, DimSpec, InputDecl, Normalize, ParamValue, SizeName } from "./ir/program.js";

export type ParamOverrides = Record<string, string | number | boolean>;

const SIZE_NAMES = new Set(["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D"]);
const INDEX_NAMES = new Set(["b", "h", "q", "kv"]);

function parseOverride(p: ParamValue, raw: string | number | boolean): number | boolean | null {
  if (p.type === "bool") {
    if (raw === true || raw === "true") return true;
    if (raw === false || raw === "false") return false;
    return null;
  }
  const text = String(raw).trim();
  if (p.type === "int") {
    if (!/^[+-]?\d+$/.test(text)) return null;
    const x = Number(text);
    return x >= -2147483648 && x <= 2147483647 ? x : null;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && !/^[+-]?inf$/.test(text)) return null;
  return text.endsWith("inf") ? (text.startsWith("-") ? -Infinity : Infinity) : Number(text);
}

/** Resolves params, with overrides; throws AttncError (E0401/E0402) on a bad override. */
export function resolveParams(attn: Attention, overrides: ParamOverrides = {}): ParamValue[] {
  const params: ParamValue[] = [];
  for (const it of attn.items) {
    if (it.kind === "param") params.push({ name: it.name, type: it.type, value: it.default.value });
  }
  const errors: Diagnostic[] = [];
  for (const [k, raw] of Object.entries(overrides)) {
    const p = params.find((x) => x.name === k);
    if (!p) {
      const known = params.map((x) => x.name).join(", ") || "none";
      errors.push(diag("E0401", `unknown param \`${k}\` for attention \`${attn.name}\` (its params: ${known})`));
      continue;
    }
    const v = parseOverride(p, raw);
    if (v === null) errors.push(diag("E0402", `invalid value \`${String(raw)}\` for param \`${k}\` of type ${p.type}`));
    else p.value = v;
  }
  if (errors.length) throw new AttncError(errors);
  return params;
}

interface Scope {
  /** names bound to IR values: params, lets, def arguments */
  values: Map<string, Node>;
  defs: Map<string, Def>;
  inputs: Map<string, InputDecl>;
  /** the block's lets, lowered on first use (items may come in any order) */
  lets: Map<string, Expr>;
  /** def expansions by def name and argument nodes (a def sees only built-ins and its
   * arguments, so equal arguments give the same node: chains of defs expand once each) */
  expanded: Map<string, Node>;
}

function expandDef(def: Def, args: Node[], sc: Scope): Node {
  const key = `${def.name}(${args.map((a) => a.id).join(",")})`;
  const hit = sc.expanded.get(key);
  if (hit) return hit;
  const values = new Map<string, Node>();
  (def.params ?? []).forEach((p, i) => {
    const a = args[i]!;
    values.set(p.name, p.type === "float" ? ir.toFloat(a) : a);
  });
  const out = lowerExpr(def.body, { ...sc, values, lets: new Map() });
  sc.expanded.set(key, out);
  return out;
}

function lowerExpr(e: Expr, sc: Scope): Node {
  switch (e.kind) {
    case "int": return ir.cInt(e.value);
    case "float": return ir.cFloat(e.value);
    case "bool": return ir.cBool(e.value);
    case "name": {
      const bound = sc.values.get(e.name);
      if (bound) return bound;
      const letExpr = sc.lets.get(e.name);
      if (letExpr) {
        const v = lowerExpr(letExpr, sc);
        sc.values.set(e.name, v);
        return v;
      }
      if (INDEX_NAMES.has(e.name) || SIZE_NAMES.has(e.name)) return ir.v(e.name, "int");
      if (e.name === "s") return ir.v("s", "float");
      if (e.name === "inf") return ir.cFloat(Infinity);
      const def = sc.defs.get(e.name);
      if (def) return expandDef(def, [], sc);
      // v2: the key/value head of query head h (after the declarations: a v1 program's `kvh` wins)
      if (e.name === "kvh") return ir.divide(ir.v("h", "int"), ir.divide(ir.v("H", "int"), ir.v("H_KV", "int")));
      throw new Error(`lower: unresolved name ${e.name} (the checker should have reported it)`);
    }
    case "unary": {
      const a = lowerExpr(e.arg, sc);
      return e.op === "-" ? ir.neg(a) : ir.not(a);
    }
    case "binary": {
      const l = lowerExpr(e.left, sc);
      const r = lowerExpr(e.right, sc);
      const table = {
        "+": ir.add, "-": ir.sub, "*": ir.mul, "/": ir.divide, "%": ir.modulo,
        "==": ir.eq, "!=": ir.ne, "<": ir.lt, "<=": ir.le, ">": ir.gt, ">=": ir.ge,
        "&&": ir.and, "||": ir.or,
        "&": ir.band, "|": ir.bor, "^": ir.bxor, "<<": ir.shl, ">>": ir.shr,
      } as const;
      return table[e.op](l, r);
    }
    case "ternary":
      return ir.select(lowerExpr(e.cond, sc), lowerExpr(e.then, sc), lowerExpr(e.else, sc));
    case "call": {
      const args = e.args.map((a) => lowerExpr(a, sc));
      const def = sc.defs.get(e.name);
      if (def) return expandDef(def, args, sc);
      const [x, y, z] = args as [Node, Node, Node];
      switch (e.name) {
        case "abs": return ir.abs(x);
        case "min": return ir.min(x, y);
        case "max": return ir.max(x, y);
        case "clamp": return ir.clamp(x, y, z);
        case "exp": return ir.exp(x);
        case "log": return ir.log(x);
        case "sqrt": return ir.sqrt(x);
        case "tanh": return ir.tanh(x);
        case "sigmoid": return ir.sigmoid(x);
        case "pow": return ir.pow(x, y);
        case "floor": return ir.floor(x);
        case "int": return ir.toInt(x);
        case "float": return ir.toFloat(x);
        case "ilog2": return ir.ilog2(x);
        case "cdiv": return ir.cdiv(x, y);
      }
      throw new Error(`lower: unknown function ${e.name}`);
    }
    case "index": {
      const decl = sc.inputs.get(e.name);
      if (!decl) throw new Error(`lower: ${e.name} is not an input`);
      return ir.load(e.name, decl.dtype === "i32" ? "int" : "float", e.indices.map((i) => lowerExpr(i, sc)));
    }
  }
}

/**
 * A derived dim (checked by dsl/check.ts): params substituted and every sub-tree without a size
 * folded (exactly, compiler/ir/dims.ts); a dim without a size is a literal, E0215 at its span when it
 * is below 1 or an intermediate leaves int32.
 */
function lowerDimExpr(e: Expr, span: Span, input: string, k: number, params: ParamValue[]): DimSpec {
  const bad = (why: string): never => {
    throw new AttncError([diag("E0215", `dimension ${k + 1} of input \`${input}\` ${why}`, span)]);
  };
  const go = (x: Expr): DimExpr => {
    let out: DimExpr;
    switch (x.kind) {
      case "int": return { op: "const", value: x.value };
      case "name": {
        if (SIZE_NAMES.has(x.name)) return { op: "size", name: x.name as SizeName };
        const p = params.find((q) => q.name === x.name);
        if (!p || p.type !== "int") throw new Error(`lower: bad dim name ${x.name}`);
        return { op: "const", value: p.value as number };
      }
      case "unary": out = { op: "neg", a: go(x.arg) }; break;
      case "binary": {
        const op = ({ "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod" } as const)[x.op as "+"];
        if (!op) throw new Error(`lower: bad dim operator ${x.op}`);
        out = { op, a: go(x.left), b: go(x.right) };
        break;
      }
      case "call": out = { op: x.name as "cdiv" | "min" | "max", a: go(x.args[0]!), b: go(x.args[1]!) }; break;
      default: throw new Error(`lower: bad dim expression ${x.kind}`);
    }
    if (dimExprHasSize(out)) return out;
    const v = evalDimExpr(out, ZERO_SIZES);
    if (Number.isNaN(v)) bad("overflows int32 (every intermediate value of a dimension must be an int32)");
    return { op: "const", value: v };
  };
  const expr = go(e);
  if (expr.op === "const") {
    if (expr.value < 1) bad(`is ${expr.value}; it must be at least 1`);
    return { kind: "const", value: expr.value };
  }
  if (expr.op === "size") return { kind: "size", name: expr.name };
  return { kind: "expr", expr, text: dimExprText(expr) };
}
const ZERO_SIZES = { B: 0, H: 0, H_KV: 0, Q_LEN: 0, KV_LEN: 0, D: 0 };

export function lowerAttention(mod: Module, attn: Attention, overrides: ParamOverrides = {}): AttnIR {
  const params = resolveParams(attn, overrides);
  const values = new Map<string, Node>();
  for (const p of params) {
    values.set(p.name, p.type === "bool" ? ir.cBool(p.value as boolean) : p.type === "int" ? ir.cInt(p.value as number) : ir.cFloat(p.value as number));
  }
  const inputs: InputDecl[] = [];
  for (const it of attn.items) {
    if (it.kind !== "input") continue;
    const dims: DimSpec[] = it.dims.map((d, k) => {
      if (d.kind === "const") return { kind: "const", value: d.value };
      if (d.kind === "expr") return lowerDimExpr(d.expr, d.span, it.name, k, params);
      if (SIZE_NAMES.has(d.name)) return { kind: "size", name: d.name as SizeName };
      const p = params.find((x) => x.name === d.name);
      if (!p || p.type !== "int") throw new Error(`lower: bad dim ${d.name}`);
      const value = p.value as number;
      if (value < 1) throw new AttncError([diag("E0215", `dimension \`${d.name}\` of input \`${it.name}\` is ${value}; it must be at least 1`, d.span)]);
      return { kind: "const", value };
    });
    inputs.push({ name: it.name, dtype: it.dtype, dims });
  }
  const lets = new Map<string, Expr>();
  for (const it of attn.items) if (it.kind === "let") lets.set(it.name, it.value);
  const sc: Scope = {
    values,
    defs: new Map(mod.defs.map((d) => [d.name, d])),
    inputs: new Map(inputs.map((i) => [i.name, i])),
    lets,
    expanded: new Map(),
  };
  const masks: Node[] = [];
  let score: Node = ir.v("s", "float");
  let normalize: Normalize = "softmax";
  let sink: Node | undefined;
  for (const it of attn.items) {
    if (it.kind === "mask") masks.push(lowerExpr(it.expr, sc));
    else if (it.kind === "score") score = ir.toFloat(lowerExpr(it.expr, sc));
    else if (it.kind === "normalize") normalize = it.mode as Normalize;
    else if (it.kind === "sink") sink = ir.toFloat(lowerExpr(it.expr, sc));
  }
  // the AND of the mask lines in source order, nesting only log2(n) levels for thousands of them
  const mask = ir.foldBalanced(masks, ir.and, ir.TRUE);
  return { name: attn.name, params, inputs, mask, score, normalize, ...(sink ? { sink } : {}) };
}

