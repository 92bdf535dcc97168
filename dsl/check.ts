/**
 * `check(module)`: everything the language reference requires of a parsed `.attn` file.
 *
 * Contract: never throws; returns every independent error once, sorted by position (empty when
 * the module is valid, and only then may it be lowered). Declarations: duplicates E0202, names
 * that shadow a built-in E0213, no attention block E0211, several `score`/`normalize` E0208/
 * E0209, unknown normalize mode E0210, bad tensor dims E0215, param defaults E0306; block
 * expressions: mask bool E0302, score number E0303, no `s` in a mask E0307; the sink's checks
 * (E0218 E0219 E0307 E0308 E0309) are dsl/check-sink.ts's; everything inside an
 * expression is dsl/check-expr.ts's. `checkModule` also returns the type of every well-typed
 * expression (for the lowering and tools) and, for a valid module, the warnings of dsl/lint.ts (W03xx).
 *
 * Scopes: a def sees the built-ins, all defs and its own parameters. In an attention block, params
 * and inputs are visible everywhere, a let sees the lets above it, masks and scores see every let.
 */
import { DIM_SYMBOLS, type Attention, type Expr, type Item, type Module, type Span, type TypeName } from "./ast.js";
import { diag, type Diagnostic } from "./diagnostics.js";
import { checkExpr, ensureDef, extentOf, type Binding, type Ctx, type DefInfo, type Scope } from "./check-expr.js";
import { checkSinks } from "./check-sink.js";
import { lint } from "./lint.js";
import { MAX_EXPANDED_DEPTH, MAX_EXPANDED_SIZE } from "./limits.js";
import { RESERVED, describeReserved, didYouMean, suggest, suggestBudget } from "./names.js";

export interface CheckResult {
  /** the errors (empty: the module is valid) */
  diagnostics: Diagnostic[];
  /** The type of every well-typed expression node of the module. */
  types: Map<Expr, TypeName>;
  /** the checker's warnings (W03xx, dsl/lint.ts) of a valid module; empty when there are errors */
  warnings: Diagnostic[];
}

const where = (s: Span) => `${s.line}:${s.col}`;
const NORMALIZE_MODES = ["softmax", "sigmoid", "none"];

/** The span of an item's leading keyword. */
function keywordSpan(item: Item): Span {
  return { ...item.span, endOffset: item.span.offset + item.kind.length };
}

function checkDefs(ctx: Ctx, mod: Module): void {
  const seen = new Map<string, Span>();
  for (const d of mod.defs) {
    if (RESERVED.has(d.name)) {
      ctx.diagnostics.push(diag("E0213", `def \`${d.name}\` shadows ${describeReserved(d.name)}`, d.nameSpan, ["choose another name"]));
    } else if (seen.has(d.name)) {
      ctx.diagnostics.push(diag("E0202", `def \`${d.name}\` is defined twice`, d.nameSpan, [`first defined at ${where(seen.get(d.name)!)}`]));
    } else {
      seen.set(d.name, d.nameSpan);
      ctx.defs.set(d.name, { def: d, type: "error", s: null, state: "new", cyclic: false, extent: { size: 1, depth: 1 } });
    }
    const params = new Map<string, Span>();
    for (const p of d.params ?? []) {
      if (RESERVED.has(p.name)) {
        ctx.diagnostics.push(diag("E0213", `parameter \`${p.name}\` of def \`${d.name}\` shadows ${describeReserved(p.name)}`, p.span));
      } else if (params.has(p.name)) {
        ctx.diagnostics.push(diag("E0202", `def \`${d.name}\` has two parameters named \`${p.name}\``, p.span, [`first at ${where(params.get(p.name)!)}`]));
      } else params.set(p.name, p.span);
    }
  }
  for (const d of mod.defs) {
    const info = ctx.defs.get(d.name);
    if (info?.def === d) ensureDef(ctx, d.name);
    else {
      // A duplicate (or reserved-name) def: still report what is wrong inside it.
      const locals = new Map<string, Binding>();
      for (const p of d.params ?? []) locals.set(p.name, { kind: "var", type: p.type, what: `a parameter of def \`${d.name}\`` });
      checkExpr(ctx, { locals, def: d.name }, d.body);
    }
  }
}

/** Declares the block's params, inputs and lets (E0202/E0213); returns the lets to bind in order. */
function declare(ctx: Ctx, att: Attention, locals: Map<string, Binding>): Map<string, Span> {
  const seen = new Map<string, Span>();
  const lets = new Map<string, Span>();
  for (const it of att.items) {
    if (it.kind !== "param" && it.kind !== "input" && it.kind !== "let") continue;
    const def = ctx.defs.get(it.name);
    if (RESERVED.has(it.name)) {
      ctx.diagnostics.push(diag("E0213", `${it.kind} \`${it.name}\` shadows ${describeReserved(it.name)}`, it.nameSpan, ["choose another name"]));
      continue;
    }
    if (it.kind === "input" && (it.name === "k" || it.name === "v")) {
      ctx.diagnostics.push(diag("E0213", `input \`${it.name}\` shadows the built-in ${it.name === "k" ? "key" : "value"} tensor \`${it.name}\``, it.nameSpan,
        ["`q`, `k` and `v` are the attention's own inputs (`q.npy`, `k.npy`, `v.npy`); choose another name"]));
      continue;
    }
    if (seen.has(it.name)) {
      ctx.diagnostics.push(diag("E0202", `\`${it.name}\` is declared twice in attention \`${att.name}\``, it.nameSpan, [`first declared at ${where(seen.get(it.name)!)}`]));
      continue;
    }
    if (def) {
      ctx.diagnostics.push(diag("E0202", `${it.kind} \`${it.name}\` has the same name as a def`, it.nameSpan, [`the def is at ${where(def.def.nameSpan)}`]));
      continue;
    }
    seen.set(it.name, it.nameSpan);
    if (it.kind === "param") locals.set(it.name, { kind: "var", type: it.type, what: "a param" });
    else if (it.kind === "input") locals.set(it.name, { kind: "input", dtype: it.dtype, rank: it.dims.length, span: it.nameSpan });
    else lets.set(it.name, it.nameSpan);
  }
  return lets;
}

function checkParamDefault(ctx: Ctx, it: Extract<Item, { kind: "param" }>): void {
  const lit = it.default;
  if (lit.type === it.type || (it.type === "float" && lit.type === "int")) return;
  const notes = it.type === "int" && lit.type === "float" ? ["an int param needs an integer literal such as `1024`"] : [];
  ctx.diagnostics.push(diag("E0306", `param \`${it.name}\` is ${it.type} but its default is a ${lit.type}`, lit.span, notes));
}

/** What a dim name is, when it is declared but cannot be a dimension. */
function dimKind(ctx: Ctx, name: string, locals: Map<string, Binding>, lets: Map<string, Span>): string | undefined {
  const b = locals.get(name);
  if (b?.kind === "var") return `a ${b.type} param`;
  if (b?.kind === "input") return "a tensor";
  if (lets.has(name)) return "a let";
  if (ctx.defs.has(name)) return "a def";
  if (RESERVED.has(name)) return describeReserved(name);
  return undefined;
}

/** Names a dimension may be a typo of: the int params and the size symbols (lazily). */
function* dimCandidates(locals: Map<string, Binding>): Iterable<string> {
  for (const [name, b] of locals) if (b.kind === "var" && b.type === "int") yield name;
  yield* DIM_SYMBOLS;
}

const DIM_RULE = "a dimension is an integer literal ≥ 1, an int param, one of B H H_KV Q_LEN KV_LEN D, or an int expression of them with + - * / % and cdiv, min, max";
const DIM_OPS = new Set(["+", "-", "*", "/", "%"]);
const DIM_FNS = new Set(["cdiv", "min", "max"]);

/** A name in a dimension: a size symbol or an int param (else E0201 unknown, E0215 wrong kind). */
function checkDimName(ctx: Ctx, it: Extract<Item, { kind: "input" }>, name: string, span: Span, locals: Map<string, Binding>, lets: Map<string, Span>): void {
  if ((DIM_SYMBOLS as readonly string[]).includes(name)) return;
  const b = locals.get(name);
  if (b?.kind === "var" && b.type === "int") return;
  const what = dimKind(ctx, name, locals, lets);
  if (what === undefined) {
    ctx.diagnostics.push(diag("E0201", `unknown name \`${name}\` in the dimensions of \`${it.name}\``, span,
      [...didYouMean(name, dimCandidates(locals), ctx.suggestions), DIM_RULE]));
  } else {
    ctx.diagnostics.push(diag("E0215", `\`${name}\` cannot be a tensor dimension: it is ${what}`, span, [DIM_RULE]));
  }
}

/** A derived dimension: only int literals, dim names, `+ - * / %`, unary `-` and cdiv/min/max (E0215 at the first part that is not). */
function checkDimExpr(ctx: Ctx, it: Extract<Item, { kind: "input" }>, e: Expr, locals: Map<string, Binding>, lets: Map<string, Span>): void {
  const bad = (what: string) => ctx.diagnostics.push(diag("E0215", `${what} cannot be part of a tensor dimension`, e.span, [DIM_RULE]));
  switch (e.kind) {
    case "int": return;
    case "name": return checkDimName(ctx, it, e.name, e.span, locals, lets);
    case "float": return void bad("a float");
    case "bool": return void bad("a bool");
    case "unary":
      if (e.op !== "-") return void bad(`\`${e.op}\``);
      return checkDimExpr(ctx, it, e.arg, locals, lets);
    case "binary":
      if (!DIM_OPS.has(e.op)) return void bad(`the operator \`${e.op}\``);
      checkDimExpr(ctx, it, e.left, locals, lets);
      return checkDimExpr(ctx, it, e.right, locals, lets);
    case "ternary": return void bad("a conditional `?:`");
    case "index": return void bad(`a tensor read \`${e.name}[...]\``);
    case "call":
      if (!DIM_FNS.has(e.name)) return void bad(`\`${e.name}(...)\``);
      if (e.args.length !== 2) {
        ctx.diagnostics.push(diag("E0204", `\`${e.name}\` takes 2 arguments, found ${e.args.length}`, e.nameSpan));
        return;
      }
      for (const a of e.args) checkDimExpr(ctx, it, a, locals, lets);
  }
}

function checkDims(ctx: Ctx, it: Extract<Item, { kind: "input" }>, locals: Map<string, Binding>, lets: Map<string, Span>): void {
  for (const d of it.dims) {
    if (d.kind === "const") {
      if (d.value < 1) ctx.diagnostics.push(diag("E0215", `a tensor dimension must be at least 1, found ${d.value}`, d.span, [DIM_RULE]));
    } else if (d.kind === "name") checkDimName(ctx, it, d.name, d.span, locals, lets);
    else checkDimExpr(ctx, it, d.expr, locals, lets);
  }
}

/** E0217 when an expression, its lets and defs expanded, is too large for a recursive lowering. */
function checkExtent(ctx: Ctx, e: Expr): void {
  if (ctx.tooDeep) return;
  const x = extentOf(ctx, e);
  if (x.depth > MAX_EXPANDED_DEPTH || x.size > MAX_EXPANDED_SIZE) {
    ctx.tooDeep = true;
    ctx.diagnostics.push(diag("E0217", x.depth > MAX_EXPANDED_DEPTH ? "expression nested too deeply once its lets and defs are expanded"
      : "expression too large once its lets and defs are expanded", e.span,
      [`expanded, it has ${x.size} nodes and ${x.depth} levels; the limits are ${MAX_EXPANDED_SIZE} and ${MAX_EXPANDED_DEPTH}`]));
  }
}

function checkBlock(ctx: Ctx, att: Attention): void {
  const locals = new Map<string, Binding>();
  const later = declare(ctx, att, locals);
  let score: Span | null = null;
  let normalize: Span | null = null;
  for (const it of att.items) {
    if (it.kind === "param") checkParamDefault(ctx, it);
    else if (it.kind === "input") checkDims(ctx, it, locals, later);
  }
  for (const it of att.items) {
    if (it.kind !== "let") continue;
    const mine = later.get(it.name) === it.nameSpan;
    if (mine) later.delete(it.name);
    const scope: Scope = { locals, later };
    const info = checkExpr(ctx, scope, it.value);
    if (mine) locals.set(it.name, { kind: "let", type: info.type, s: info.s, span: it.nameSpan, extent: extentOf(ctx, it.value) });
    checkExtent(ctx, it.value);
  }
  for (const it of att.items) {
    if (it.kind === "mask") {
      const info = checkExpr(ctx, { locals }, it.expr);
      checkExtent(ctx, it.expr);
      if (info.type !== "error" && info.type !== "bool") {
        ctx.diagnostics.push(diag("E0302", `a mask must be bool, found ${info.type}`, it.expr.span, ["compare it, e.g. `x != 0`"]));
      }
      if (info.s) {
        ctx.diagnostics.push(diag("E0307", "the score variable `s` cannot be used in a mask", info.s.span,
          [...(info.s.note ? [info.s.note] : []), "`s` exists only in `score` expressions: the mask decides which keys are visible before any score is computed"]));
      }
    } else if (it.kind === "score") {
      const info = checkExpr(ctx, { locals }, it.expr);
      checkExtent(ctx, it.expr);
      if (info.type === "bool") ctx.diagnostics.push(diag("E0303", "a score must be int or float, found bool", it.expr.span, ["to mask keys out, use `mask`"]));
      if (score) ctx.diagnostics.push(diag("E0208", `attention \`${att.name}\` has more than one \`score\``, keywordSpan(it), [`the first is at ${where(score)}`]));
      else score = it.span;
    } else if (it.kind === "normalize") {
      if (normalize) ctx.diagnostics.push(diag("E0209", `attention \`${att.name}\` has more than one \`normalize\``, keywordSpan(it), [`the first is at ${where(normalize)}`]));
      else normalize = it.span;
      if (!NORMALIZE_MODES.includes(it.mode)) {
        const s = suggest(it.mode, NORMALIZE_MODES, ctx.suggestions);
        ctx.diagnostics.push(diag("E0210", `unknown normalize mode \`${it.mode}\``, it.modeSpan,
          [s ? `did you mean \`${s}\`?` : "the modes are `softmax`, `sigmoid` and `none`"]));
      }
    }
  }
  checkSinks(ctx, att, locals);
  for (const it of att.items) if (it.kind === "sink") checkExtent(ctx, it.expr);
}

export function checkModule(mod: Module): CheckResult {
  const ctx: Ctx = {
    diagnostics: [], types: new Map(), defs: new Map<string, DefInfo>(), stack: [], reportedCycles: new Set(), blockNames: new Map(),
    extents: new Map(), live: 0, tooDeep: false, suggestions: suggestBudget(),
  };
  try {
    for (const att of mod.attentions) {
      for (const it of att.items) {
        if ((it.kind === "param" || it.kind === "input" || it.kind === "let") && !ctx.blockNames.has(it.name)) {
          ctx.blockNames.set(it.name, {
            what: `a ${it.kind === "input" ? "tensor" : it.kind} of attention \`${att.name}\``,
            type: it.kind === "param" ? it.type : null,
            tensor: it.kind === "input",
          });
        }
      }
    }
    checkDefs(ctx, mod);
    const names = new Map<string, Span>();
    for (const att of mod.attentions) {
      const first = names.get(att.name);
      if (first) ctx.diagnostics.push(diag("E0202", `attention \`${att.name}\` is defined twice`, att.nameSpan, [`first defined at ${where(first)}`]));
      else names.set(att.name, att.nameSpan);
      checkBlock(ctx, att);
    }
    if (mod.attentions.length === 0) {
      const span: Span = { file: mod.file, offset: 0, endOffset: Math.min(1, mod.source.length), line: 1, col: 1 };
      ctx.diagnostics.push(diag("E0211", "no attention block in file", span, ["add one: `attention NAME { mask q >= kv }`"]));
    }
  } catch (e) {
    ctx.diagnostics.push(diag("E0901", `internal error in the checker: ${e instanceof Error ? e.message : String(e)}`));
  }
  ctx.diagnostics.sort((a, b) => (a.span?.offset ?? 0) - (b.span?.offset ?? 0));
  const warnings = ctx.diagnostics.length === 0 ? lint(mod, ctx.types) : [];
  return { diagnostics: ctx.diagnostics, types: ctx.types, warnings };
}

export function check(mod: Module): Diagnostic[] {
  return checkModule(mod).diagnostics;
}

/** The attention block called `name` (E0212 when there is none; for `--name` and the library API). */
export function findAttention(mod: Module, name: string): Attention | Diagnostic {
  const att = mod.attentions.find((a) => a.name === name);
  if (att) return att;
  const names = mod.attentions.map((a) => `\`${a.name}\``).join(", ");
  return diag("E0212", `no attention block named \`${name}\` in ${mod.file}`, undefined,
    [...didYouMean(name, mod.attentions.map((a) => a.name)), `the file defines ${names || "no attention block"}`]);
}
