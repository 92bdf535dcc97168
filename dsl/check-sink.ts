/**
 * The checks of a block's `sink` item (v2): a per-row logit that joins the softmax's denominator
 * with no value row (docs/language.md § 2, § 9).
 *
 * Contract: `checkSinks(ctx, att, locals)` reports, once each: a second `sink` (E0218), a sink in a
 * block with `normalize sigmoid` or `none` (E0219: neither has a denominator), a sink that is a bool (E0309),
 * one that uses the score variable `s` (E0307) or the key position `kv` (E0308), directly or through
 * a let or def: the sink is one value per query row, known before any key is seen. Everything
 * inside the expression is checked by dsl/check-expr.ts as for a score (the sink sees every let).
 */
import type { Attention, Expr, Span } from "./ast.js";
import { diag } from "./diagnostics.js";
import { checkExpr, type Binding, type Ctx } from "./check-expr.js";
import { children } from "./limits.js";

const where = (s: Span) => `${s.line}:${s.col}`;
const keyword = (span: Span): Span => ({ ...span, endOffset: span.offset + "sink".length });

/**
 * Where `e` first reads the key position `kv`, itself or through a let or def it uses (and the
 * let or def that leads there), or null. Iterative: a chain of thousands of lets costs no stack.
 * Lets, defs and def parameters can never be named `kv` (E0213), so every `kv` is the built-in.
 */
export function firstKv(ctx: Ctx, att: Attention, e: Expr): { span: Span; via?: string } | null {
  const lets = new Map<string, Expr>();
  for (const it of att.items) if (it.kind === "let") lets.set(it.name, it.value);
  const seen = new Set<string>();
  // each entry: an expression to search; inside a def, its parameters (a def sees no lets, and its
  // parameters shadow defs), else null; and, when reached through a let or def, where and which
  type Entry = [Expr, ReadonlySet<string> | null, Span | null, string | undefined];
  const stack: Entry[] = [[e, null, null, undefined]];
  const enter = (name: string, body: Expr, params: ReadonlySet<string> | null, at: Span | null, via: string | undefined, span: Span) => {
    const what = params === null ? "let" : "def";
    if (seen.has(`${what} ${name}`)) return;
    seen.add(`${what} ${name}`);
    stack.push([body, params, at ?? span, via ?? `${what} \`${name}\``]);
  };
  while (stack.length > 0) {
    const [x, params, at, via] = stack.pop()!;
    if (x.kind === "name") {
      if (x.name === "kv") return { span: at ?? x.span, via };
      if (params?.has(x.name)) continue;
      const letBody = params === null ? lets.get(x.name) : undefined;
      const def = ctx.defs.get(x.name)?.def;
      if (letBody) enter(x.name, letBody, null, at, via, x.span);
      else if (def && def.params === null) enter(x.name, def.body, new Set(), at, via, x.span);
      continue;
    }
    if (x.kind === "call") {
      const def = ctx.defs.get(x.name)?.def;
      if (def && def.params !== null) enter(x.name, def.body, new Set(def.params.map((p) => p.name)), at, via, x.nameSpan);
    }
    for (const c of [...children(x)].reverse()) stack.push([c, params, at, via]);
  }
  return null;
}

export function checkSinks(ctx: Ctx, att: Attention, locals: Map<string, Binding>): void {
  let first: Span | null = null;
  // an elementwise normalizer (each entry's own weight, no denominator); an unknown mode is E0210 only
  const elementwise = att.items.find((i) => i.kind === "normalize" && (i.mode === "sigmoid" || i.mode === "none"));
  for (const it of att.items) {
    if (it.kind !== "sink") continue;
    if (first) {
      ctx.diagnostics.push(diag("E0218", `attention \`${att.name}\` has more than one \`sink\``, keyword(it.span),
        [`the first is at ${where(first)}; a row has one sink logit (add logits with \`log(exp(a) + exp(b))\`)`]));
    } else first = it.span;
    if (elementwise?.kind === "normalize" && first === it.span) {
      ctx.diagnostics.push(diag("E0219", "a `sink` needs `normalize softmax`", keyword(it.span),
        [`\`normalize ${elementwise.mode}\` (at ${where(elementwise.span)}) has no denominator for the sink to join`]));
    }
    const info = checkExpr(ctx, { locals }, it.expr);
    if (info.type === "bool") {
      ctx.diagnostics.push(diag("E0309", "a sink must be int or float, found bool", it.expr.span,
        ["the sink is a logit (in the units of the score): e.g. `sink sinks[h]` with `input sinks: f32[H]`"]));
    }
    if (info.s) {
      ctx.diagnostics.push(diag("E0307", "the score variable `s` cannot be used in a sink", info.s.span,
        [...(info.s.note ? [info.s.note] : []), "the sink is one logit per query row: it has no key, so no `s`"]));
    }
    const kv = info.type === "error" ? null : firstKv(ctx, att, it.expr);
    if (kv) {
      ctx.diagnostics.push(diag("E0308", "the sink cannot depend on the key position `kv`", kv.span,
        [...(kv.via ? [`${kv.via} reads \`kv\``] : []), "the sink is one logit per query row (b, h, q), joining the softmax of all its keys"]));
    }
  }
}
