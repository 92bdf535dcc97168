/**
 * Type checking of expressions (and of the `def`s they use).
 *
 * Contract: `checkExpr(ctx, scope, e)` reports every problem in `e` once (names E0201/E0203/
 * E0206/E0214/E0216, arity E0204, recursion E0205, index count E0207, types E0301/E0304/E0305,
 * `s` in a tensor index E0307) and returns `e`'s type plus where it first uses the score variable
 * `s` (directly, or through a let or def). A subexpression already reported has type "error",
 * which never causes a second diagnostic. Every well-typed expression's type is recorded in
 * `ctx.types`.
 *
 * Typing: int op int is int (`/` and `%` too), a mixed int/float operation is float; comparisons
 * take numbers (`==`/`!=` also two bools); `&& || !` take bools; `?:` takes a bool condition and
 * branches that are both numbers or both bools. Float functions (`exp log sqrt tanh sigmoid pow
 * floor`) take ints or floats and return float; `abs min max clamp` keep int when all arguments are
 * int; `int(x)`/`float(x)` convert a number. A def argument may be int where the def's parameter is
 * float, never the reverse.
 */
import { FUNCTIONS, type Def, type DType, type Expr, type Span, type TypeName } from "./ast.js";
import { diag, type Code, type Diagnostic } from "./diagnostics.js";
import { BUILTIN_VARS, didYouMean, type SuggestBudget } from "./names.js";
import { MAX_EXPANDED_DEPTH, children } from "./limits.js";

export type Ty = TypeName | "error";
/** Where an expression first uses the score variable `s`. */
export interface SRef { span: Span; note?: string }
/** Size (node count) and depth of an expression once its lets and defs are expanded. */
export interface Extent { size: number; depth: number }
export interface Info { type: Ty; s: SRef | null; expand?: Extent }

export type Binding =
  | { kind: "var"; type: TypeName; what: string }
  | { kind: "let"; type: Ty; s: SRef | null; span: Span; extent: Extent }
  | { kind: "input"; dtype: DType; rank: number; span: Span };

export interface DefInfo { def: Def; type: Ty; s: SRef | null; state: "new" | "active" | "done"; cyclic: boolean; extent: Extent }

/** Names visible to an expression besides the defs and the built-ins. */
export interface Scope {
  locals: Map<string, Binding>;
  /** In a block: lets declared later (a let may only use earlier ones). */
  later?: Map<string, Span>;
  /** In a def: the name of the def, for messages. */
  def?: string;
}

/** A name declared in some attention block: what it is, and its type (null: a tensor or a let). */
export interface BlockName { what: string; type: TypeName | null; tensor: boolean }

export interface Ctx {
  diagnostics: Diagnostic[];
  types: Map<Expr, TypeName>;
  defs: Map<string, DefInfo>;
  /** Defs being checked (outermost first), to find cycles. */
  stack: string[];
  reportedCycles: Set<string>;
  /** Block-level names (params, inputs, lets of any attention block): a def cannot see them. */
  blockNames: Map<string, BlockName>;
  /** Expanded extent of every checked expression. */
  extents: Map<Expr, Extent>;
  /** Current nesting of `checkExpr` calls (through defs too), and whether E0217 was reported. */
  live: number;
  tooDeep: boolean;
  /** Work left for "did you mean" notes (dsl/names.ts), shared by the whole check. */
  suggestions: SuggestBudget;
}

const isNum = (t: Ty): t is "int" | "float" => t === "int" || t === "float";
const unify = (a: "int" | "float", b: "int" | "float"): "int" | "float" => (a === "int" && b === "int" ? "int" : "float");
const where = (s: Span) => `${s.line}:${s.col}`;
const ERR: Info = { type: "error", s: null };

function report(ctx: Ctx, code: Code, message: string, span: Span, notes?: string[]): Info {
  ctx.diagnostics.push(diag(code, message, span, notes && notes.length > 0 ? notes : undefined));
  return ERR;
}

const firstS = (infos: Info[]): SRef | null => infos.find((i) => i.s !== null)?.s ?? null;

/** Names an unknown name may be a typo of (lazily: a spent suggestion budget reads none). */
function* candidates(ctx: Ctx, scope: Scope): Iterable<string> {
  yield* scope.locals.keys();
  for (const [name, d] of ctx.defs) if (d.def.params === null) yield name;
  yield* BUILTIN_VARS.keys();
}

/** Functions an unknown call may be a typo of: the built-ins and the defs with parameters. */
function* functionCandidates(ctx: Ctx): Iterable<string> {
  yield* FUNCTIONS.keys();
  for (const [name, d] of ctx.defs) if (d.def.params !== null) yield name;
}

/** Checks a def's body once (lazily, on first use), detecting recursion. */
export function ensureDef(ctx: Ctx, name: string, useSpan?: Span): DefInfo {
  const info = ctx.defs.get(name)!;
  if (info.state === "done") return info;
  if (info.state === "active") {
    const cycle = ctx.stack.slice(ctx.stack.indexOf(name));
    for (const d of cycle) ctx.defs.get(d)!.cyclic = true;
    const key = [...cycle].sort().join(",");
    if (!ctx.reportedCycles.has(key)) {
      ctx.reportedCycles.add(key);
      const path = [...cycle, name].join(" → ");
      const notes = ["defs are expanded where they are used, so a def may not refer to itself, directly or through other defs"];
      if (useSpan) notes.unshift(`the cycle closes at ${where(useSpan)}`);
      report(ctx, "E0205", `def \`${name}\` is recursive: ${path}`, info.def.nameSpan, notes);
    }
    return info;
  }
  info.state = "active";
  ctx.stack.push(name);
  const locals = new Map<string, Binding>();
  for (const p of info.def.params ?? []) locals.set(p.name, { kind: "var", type: p.type, what: `a parameter of def \`${name}\`` });
  const body = checkExpr(ctx, { locals, def: name }, info.def.body);
  ctx.stack.pop();
  info.state = "done";
  info.type = info.cyclic ? "error" : body.type;
  info.s = body.s;
  info.extent = extentOf(ctx, info.def.body);
  return info;
}

function sThrough(kind: string, name: string, s: SRef | null, span: Span): SRef | null {
  return s === null ? null : { span, note: `${kind} \`${name}\` uses the score variable \`s\` (at ${where(s.span)})` };
}

function checkName(ctx: Ctx, scope: Scope, e: Extract<Expr, { kind: "name" }>): Info {
  const b = scope.locals.get(e.name);
  if (b?.kind === "var") return { type: b.type, s: null };
  if (b?.kind === "let") return { type: b.type, s: sThrough("let", e.name, b.s, e.span), expand: b.extent };
  if (b?.kind === "input") {
    return report(ctx, "E0214", `tensor \`${e.name}\` used without indices`, e.span,
      [`read one element with \`${e.name}[${b.rank <= 4 ? ["i", "j", "k", "l"].slice(0, b.rank).join(", ") : "..."}]\` (${b.rank} ${b.rank === 1 ? "index" : "indices"})`]);
  }
  const d = ctx.defs.get(e.name);
  if (d) {
    if (d.def.params !== null) {
      return report(ctx, "E0216", `def \`${e.name}\` takes ${d.def.params.length} argument${d.def.params.length === 1 ? "" : "s"} but is used without them`, e.span,
        [`call it: \`${e.name}(${d.def.params.map((p) => p.name).join(", ")})\``]);
    }
    const info = ensureDef(ctx, e.name, e.span);
    return { type: info.type, s: sThrough("def", e.name, info.s, e.span), expand: info.extent };
  }
  const builtin = BUILTIN_VARS.get(e.name);
  if (builtin) return { type: builtin, s: e.name === "s" ? { span: e.span } : null };
  if (FUNCTIONS.has(e.name)) return report(ctx, "E0216", `function \`${e.name}\` used without arguments`, e.span, [`call it: \`${e.name}(...)\``]);
  return unknownName(ctx, scope, e.name, e.span);
}

function unknownName(ctx: Ctx, scope: Scope, name: string, span: Span): Info {
  const later = scope.later?.get(name);
  if (later) {
    return report(ctx, "E0201", `\`${name}\` is used before its \`let\``, span,
      [`\`${name}\` is defined at ${where(later)}; a let may only use the lets above it`]);
  }
  const owner = scope.def !== undefined ? ctx.blockNames.get(name) : undefined;
  if (owner) {
    const how = owner.tensor
      ? `read the tensor in the block and pass the value: \`def ${scope.def}(x: float) = ...\` and \`${scope.def}(${name}[...])\``
      : `pass it as an argument: \`def ${scope.def}(${name}: ${owner.type ?? "TYPE"}) = ...\` and \`${scope.def}(${name})\``;
    return report(ctx, "E0201", `unknown name \`${name}\` in def \`${scope.def}\``, span,
      [`\`${name}\` is ${owner.what}; a def only sees the built-ins, other defs and its own parameters`, how]);
  }
  return report(ctx, "E0201", `unknown name \`${name}\``, span, didYouMean(name, candidates(ctx, scope), ctx.suggestions));
}

/** Arguments of a built-in function: expects numbers; returns the unified numeric type or error. */
function numericArgs(ctx: Ctx, fn: string, args: Info[], exprs: Expr[]): "int" | "float" | "error" {
  let t: "int" | "float" | "error" = "int";
  args.forEach((a, i) => {
    if (a.type === "error") t = "error";
    else if (a.type === "bool") {
      report(ctx, "E0301", `argument ${i + 1} of \`${fn}\` must be a number, found bool`, exprs[i]!.span,
        fn === "int" || fn === "float" ? ["to turn a bool into a number write `c ? 1 : 0`"] : []);
      t = "error";
    } else if (t !== "error") t = unify(t, a.type);
  });
  return t;
}

/** built-ins on ints only: `ilog2(x)`, `cdiv(a, b)` */
const INT_FNS = new Set(["ilog2", "cdiv"]);
const BIT_OPS = new Set(["&", "|", "^", "<<", ">>"]);
const FLOAT_FNS = new Set(["exp", "log", "sqrt", "tanh", "sigmoid", "pow", "floor", "float"]);

function checkCall(ctx: Ctx, scope: Scope, e: Extract<Expr, { kind: "call" }>): Info {
  const args = e.args.map((a) => checkExpr(ctx, scope, a));
  const s = firstS(args);
  const local = scope.locals.get(e.name);
  if (local) {
    const what = local.kind === "var" ? local.what : local.kind === "let" ? "a let" : "a tensor";
    const notes = local.kind === "input" ? [`read it with \`${e.name}[...]\``] : [];
    return report(ctx, "E0216", `\`${e.name}\` is ${what}, not a function`, e.nameSpan, notes);
  }
  const d = ctx.defs.get(e.name);
  if (d) {
    if (d.def.params === null) {
      return report(ctx, "E0216", `def \`${e.name}\` takes no arguments`, e.nameSpan, [`use it without parentheses: \`${e.name}\``]);
    }
    const params = d.def.params;
    if (params.length !== args.length) {
      return report(ctx, "E0204", `def \`${e.name}\` takes ${params.length} argument${params.length === 1 ? "" : "s"}, found ${args.length}`, e.nameSpan,
        [`declared as \`${e.name}(${params.map((p) => `${p.name}: ${p.type}`).join(", ")})\` at ${where(d.def.nameSpan)}`]);
    }
    let ok = true;
    params.forEach((p, i) => {
      const a = args[i]!.type;
      if (a === "error") { ok = false; return; }
      if (a !== p.type && !(a === "int" && p.type === "float")) {
        ok = false;
        report(ctx, "E0301", `argument \`${p.name}\` of \`${e.name}\` must be ${p.type}, found ${a}`, e.args[i]!.span,
          a === "float" && p.type === "int" ? ["a float never converts to int implicitly: write `int(x)`"] : []);
      }
    });
    const info = ensureDef(ctx, e.name, e.nameSpan);
    if (!ok) return ERR;
    return { type: info.type, s: s ?? sThrough("def", e.name, info.s, e.nameSpan), expand: info.extent };
  }
  const arity = FUNCTIONS.get(e.name);
  if (arity === undefined) {
    if (BUILTIN_VARS.has(e.name)) return report(ctx, "E0216", `\`${e.name}\` is a built-in variable, not a function`, e.nameSpan);
    return report(ctx, "E0203", `unknown function \`${e.name}\``, e.nameSpan, didYouMean(e.name, functionCandidates(ctx), ctx.suggestions));
  }
  if (arity !== args.length) {
    return report(ctx, "E0204", `\`${e.name}\` takes ${arity} argument${arity === 1 ? "" : "s"}, found ${args.length}`, e.nameSpan);
  }
  const t = numericArgs(ctx, e.name, args, e.args);
  if (t === "error") return ERR;
  if (INT_FNS.has(e.name)) {
    const bad = args.findIndex((a) => a.type !== "int");
    if (bad >= 0) {
      return report(ctx, "E0301", `argument ${bad + 1} of \`${e.name}\` must be int, found float`, e.args[bad]!.span,
        ["a float never converts to int implicitly: write `int(x)`"]);
    }
    return { type: "int", s };
  }
  if (e.name === "int") return { type: "int", s };
  return { type: FLOAT_FNS.has(e.name) ? "float" : t, s };
}

function checkIndex(ctx: Ctx, scope: Scope, e: Extract<Expr, { kind: "index" }>): Info {
  const idx = e.indices.map((a) => checkExpr(ctx, scope, a));
  idx.forEach((a, i) => {
    const span = e.indices[i]!.span;
    if (isNum(a.type) && a.type !== "int") report(ctx, "E0304", `index ${i + 1} of \`${e.name}\` must be int, found ${a.type}`, span, ["convert with `int(x)` (truncates toward zero) or `int(floor(x))`"]);
    else if (a.type === "bool") report(ctx, "E0304", `index ${i + 1} of \`${e.name}\` must be int, found bool`, span);
    if (a.s) report(ctx, "E0307", "the score variable `s` cannot be used in a tensor index", a.s.span, a.s.note ? [a.s.note] : []);
  });
  const b = scope.locals.get(e.name);
  if (b?.kind === "input") {
    if (b.rank !== idx.length) {
      return report(ctx, "E0207", `tensor \`${e.name}\` has ${b.rank} dimension${b.rank === 1 ? "" : "s"} but is read with ${idx.length} ${idx.length === 1 ? "index" : "indices"}`, e.nameSpan,
        [`declared at ${where(b.span)}`]);
    }
    return { type: b.dtype === "i32" ? "int" : "float", s: null };
  }
  if (b) return report(ctx, "E0206", `\`${e.name}\` is ${b.kind === "var" ? b.what : "a let"}, not a tensor`, e.nameSpan);
  if (ctx.defs.has(e.name)) return report(ctx, "E0206", `\`${e.name}\` is a def, not a tensor`, e.nameSpan);
  if (BUILTIN_VARS.has(e.name) || FUNCTIONS.has(e.name)) return report(ctx, "E0206", `\`${e.name}\` is a built-in, not a tensor`, e.nameSpan);
  return unknownName(ctx, scope, e.name, e.nameSpan);
}

function checkUnary(ctx: Ctx, scope: Scope, e: Extract<Expr, { kind: "unary" }>): Info {
  const a = checkExpr(ctx, scope, e.arg);
  if (a.type === "error") return ERR;
  if (e.op === "-") {
    if (a.type === "bool") return report(ctx, "E0301", "`-` needs a number, found bool", e.arg.span, ["for a bool, use `!`"]);
    return a;
  }
  if (a.type !== "bool") return report(ctx, "E0301", `\`!\` needs a bool, found ${a.type}`, e.arg.span, ["compare first, e.g. `x != 0`"]);
  return a;
}

function checkBinary(ctx: Ctx, scope: Scope, e: Extract<Expr, { kind: "binary" }>): Info {
  const l = checkExpr(ctx, scope, e.left);
  const r = checkExpr(ctx, scope, e.right);
  const s = l.s ?? r.s;
  const op = e.op;
  const logical = op === "&&" || op === "||";
  const result: Ty = logical || ["==", "!=", "<", "<=", ">", ">="].includes(op) ? "bool" : "error";
  if (BIT_OPS.has(op)) {
    if (l.type === "error" || r.type === "error") return ERR;
    let bad = false;
    for (const [x, ex] of [[l, e.left], [r, e.right]] as const) {
      if (x.type !== "int") {
        bad = true;
        report(ctx, "E0301", `\`${op}\` needs int operands, found ${x.type}`, ex.span,
          x.type === "float" ? ["bit operations are on ints only: convert with `int(x)`"] : ["for bools, use `&&`, `||` or `!=`"]);
      }
    }
    return bad ? ERR : { type: "int", s };
  }
  if (l.type === "error" || r.type === "error") return { type: result, s };
  if (logical) {
    let bad = false;
    for (const [x, ex] of [[l, e.left], [r, e.right]] as const) {
      if (x.type !== "bool") { bad = true; report(ctx, "E0301", `\`${op}\` needs bool operands, found ${x.type}`, ex.span, ["compare first, e.g. `x != 0`"]); }
    }
    return { type: bad ? "error" : "bool", s };
  }
  if ((op === "==" || op === "!=") && l.type === "bool" && r.type === "bool") return { type: "bool", s };
  if (isNum(l.type) && isNum(r.type)) return { type: result === "bool" ? "bool" : unify(l.type, r.type), s };
  const chained = COMPARISONS.has(op) && [e.left, e.right].some((x) => x.kind === "binary" && COMPARISONS.has(x.op));
  const chainNote = chained ? ["comparisons do not chain: `a < b < c` means `(a < b) < c`, a bool compared with a number; write `a < b && b < c`"] : [];
  if (op === "==" || op === "!=") return report(ctx, "E0301", `cannot compare ${l.type} with ${r.type} using \`${op}\``, e.span, chainNote);
  const bad = l.type === "bool" ? e.left : e.right;
  return report(ctx, "E0301", `\`${op}\` needs numbers, found bool`, bad.span, chainNote);
}

const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">="]);

function checkTernary(ctx: Ctx, scope: Scope, e: Extract<Expr, { kind: "ternary" }>): Info {
  const c = checkExpr(ctx, scope, e.cond);
  const a = checkExpr(ctx, scope, e.then);
  const b = checkExpr(ctx, scope, e.else);
  const s = c.s ?? a.s ?? b.s;
  if (c.type !== "error" && c.type !== "bool") report(ctx, "E0305", `the condition of \`?:\` must be bool, found ${c.type}`, e.cond.span, ["compare first, e.g. `x != 0`"]);
  if (a.type === "error" || b.type === "error") return ERR;
  if (a.type === "bool" && b.type === "bool") return { type: "bool", s };
  if (isNum(a.type) && isNum(b.type)) return { type: unify(a.type, b.type), s };
  return report(ctx, "E0301", `the branches of \`?:\` have different types: ${a.type} and ${b.type}`, e.else.span);
}

type Handlers = { [K in Expr["kind"]]: (ctx: Ctx, scope: Scope, e: Extract<Expr, { kind: K }>) => Info };
const HANDLERS: Handlers = {
  int: () => ({ type: "int", s: null }),
  float: () => ({ type: "float", s: null }),
  bool: () => ({ type: "bool", s: null }),
  name: checkName,
  unary: checkUnary,
  binary: checkBinary,
  ternary: checkTernary,
  call: checkCall,
  index: checkIndex,
};

/** The expanded extent of a checked expression. */
export function extentOf(ctx: Ctx, e: Expr): Extent {
  return ctx.extents.get(e) ?? { size: 1, depth: 1 };
}

export function checkExpr(ctx: Ctx, scope: Scope, e: Expr): Info {
  if (ctx.live >= MAX_EXPANDED_DEPTH) {
    if (!ctx.tooDeep) report(ctx, "E0217", "expression nested too deeply once its defs are expanded", e.span, [`the limit is ${MAX_EXPANDED_DEPTH} levels`]);
    ctx.tooDeep = true;
    return ERR;
  }
  ctx.live++;
  const info = (HANDLERS[e.kind] as (c: Ctx, s: Scope, e: Expr) => Info)(ctx, scope, e);
  ctx.live--;
  if (info.type !== "error") ctx.types.set(e, info.type);
  let size = 1 + (info.expand?.size ?? 0);
  let depth = 1 + (info.expand?.depth ?? 0);
  for (const c of children(e)) {
    const x = extentOf(ctx, c);
    size += x.size;
    depth = Math.max(depth, x.depth + 1);
  }
  ctx.extents.set(e, { size: Math.min(size, Number.MAX_SAFE_INTEGER), depth });
  return info;
}
