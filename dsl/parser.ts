/**
 * `parse(source, file)`: `.attn` text to a `Module`, or diagnostics.
 *
 * Contract: never throws. `module` is non-null exactly when `diagnostics` is empty (lexer errors
 * E0101/E0103, syntax errors E0102 and nesting beyond dsl/limits.ts E0104 all make it null), so
 * a caller can go on to `check` whenever it has a module. Diagnostics are sorted by position.
 * Linear in the size of the file: no recursion deeper than the nesting limits, and no step that
 * costs O(file) per item or per diagnostic.
 *
 * Recovery: the token stream is cut into items at their leading keywords (`def attention param
 * input let mask score normalize`, which never occur inside an expression) and at braces; each
 * piece is parsed by the chevrotain grammar (dsl/grammar.ts) on its own, so one bad item yields
 * one syntax error and the other items are still parsed and reported on.
 */
import { EOF, type IToken, type IRecognitionException, type TokenType } from "chevrotain";
import * as T from "./lexer.js";
import { AttnGrammar, join, type Header } from "./grammar.js";
import { diag, type Diagnostic } from "./diagnostics.js";
import { MAX_DEPTH, MAX_NESTING_COST, exprDepth, nestingProblem } from "./limits.js";
import type { Attention, Def, Expr, Item, Module, Span } from "./ast.js";

/** The one grammar instance (chevrotain parsers are expensive to build; `begin` clears its state). */
const grammar = new AttnGrammar();

const BLOCK_KEYWORDS: TokenType[] = [T.Param, T.Input, T.Let, T.Mask, T.Score, T.Normalize, T.Sink];
const isA = (t: IToken | undefined, types: TokenType[]): boolean => t !== undefined && types.includes(t.tokenType);
const STOP: TokenType[] = [...T.ITEM_KEYWORDS, T.RCurly, T.LCurly];

/** The 1-based line and column of a character offset. */
function position(source: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === "\n") { line++; start = i + 1; }
  }
  return { line, col: offset - start + 1 };
}

function describe(t: IToken | undefined): string {
  if (t === undefined || t.tokenType === EOF) return "end of file";
  const img = t.image.length > 24 ? `${t.image.slice(0, 24)}…` : t.image;
  return `\`${img}\``;
}

interface Ctx {
  file: string;
  source: string;
  tokens: IToken[];
  diagnostics: Diagnostic[];
  /** Offsets of the E0101 errors (characters the lexer dropped), ascending. */
  lexErrors: number[];
}

/** Whether the sorted `offsets` hold one in [lo, hi] (binary search: one piece must not cost O(errors)). */
function anyWithin(offsets: number[], lo: number, hi: number): boolean {
  let a = 0;
  let b = offsets.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (offsets[mid]! < lo) a = mid + 1;
    else b = mid;
  }
  return a < offsets.length && offsets[a]! <= hi;
}

function spanOf(ctx: Ctx, t: IToken | undefined): Span {
  if (t === undefined || t.tokenType === EOF || Number.isNaN(t.startOffset)) {
    const offset = ctx.source.length;
    return { file: ctx.file, offset, endOffset: offset, ...position(ctx.source, offset) };
  }
  return T.tokenSpan(t, ctx.file);
}

/** The index of the first token at or after `from` that starts a new piece. */
function pieceEnd(ctx: Ctx, from: number, stop: TokenType[] = STOP): number {
  let i = from;
  while (i < ctx.tokens.length && !stop.includes(ctx.tokens[i]!.tokenType)) i++;
  return i;
}

const KEYWORDS: TokenType[] = [...T.ITEM_KEYWORDS, T.True, T.False];

/**
 * Runs one grammar rule on tokens[from, to). Returns its value (null after recording the first
 * syntax error) and the index where parsing goes on: `to`, or past the next piece when the error
 * was a keyword where a name belongs (`let mask = 1`), whose piece would only repeat the error.
 * `after` names what was being parsed, for the "unexpected" message.
 */
function runRule<R>(ctx: Ctx, from: number, to: number, rule: () => R, after: string): [R | null, number] {
  const nesting = nestingProblem(ctx.tokens, from, to);
  if (nesting) {
    ctx.diagnostics.push(diag("E0104", "expression nested too deeply", spanOf(ctx, nesting),
      [`brackets nest at most ${MAX_NESTING_COST / 10} levels (prefix \`-\`/\`!\` and \`?:\` count too); split it with \`let\`s or \`def\`s`]));
    return [null, to];
  }
  grammar.begin(ctx.file, ctx.tokens.slice(from, to));
  const value = rule();
  const errors: IRecognitionException[] = grammar.errors;
  if (errors.length > 0) {
    const e = errors[0]!;
    const atEnd = !e.token || e.token.tokenType === EOF;
    const real = atEnd ? ctx.tokens[to] : e.token;
    // A character the lexer dropped inside this piece most likely caused the error: say it once.
    const first = ctx.tokens[from]!.startOffset;
    const last = real ? real.startOffset : ctx.source.length;
    if (anyWithin(ctx.lexErrors, first, last)) return [null, to];
    if (e.message === "expected a name" && isA(real, KEYWORDS)) {
      ctx.diagnostics.push(diag("E0102", `expected a name, found the keyword \`${real!.image}\``, spanOf(ctx, real),
        ["`def attention param input let mask score normalize true false` are keywords and cannot be used as names"]));
      return [null, atEnd && isA(real, T.ITEM_KEYWORDS) ? pieceEnd(ctx, to + 1) : to];
    }
    const message = e.name === "NotAllInputParsedException"
      ? `unexpected ${describe(real)} after ${after}`
      : `${e.message}, found ${describe(real)}`;
    const notes = [
      ...(e.name === "NotAllInputParsedException" && after.startsWith("the default") ? ["a param default is a single literal: a number, `inf`, `true` or `false`"] : []),
      ...hints(ctx, real, from, to),
    ];
    ctx.diagnostics.push(diag("E0102", message, spanOf(ctx, real), notes.length ? notes : undefined));
    return [null, to];
  }
  if (grammar.problems.length > 0) {
    ctx.diagnostics.push(...grammar.problems);
    return [null, to];
  }
  const root = rootExpr(value);
  if (root && exprDepth(root) > MAX_DEPTH) {
    ctx.diagnostics.push(diag("E0104", `expression nested too deeply (more than ${MAX_DEPTH} levels)`, root.span,
      ["a chain of binary operators counts one level per operator; split it with `let`s or `def`s"]));
    return [null, to];
  }
  return [value, to];
}

/** The index in tokens[from, to] of the token starting at `offset` (binary search: O(log n) per error). */
function tokenIndex(ctx: Ctx, offset: number, from: number, to: number): number {
  let a = from;
  let b = Math.min(to, ctx.tokens.length - 1);
  while (a < b) {
    const mid = (a + b) >> 1;
    if (ctx.tokens[mid]!.startOffset < offset) a = mid + 1;
    else b = mid;
  }
  return a;
}

const OTHER_LANGUAGES: Record<string, string> = {
  and: "`and` is not an operator here: write `&&`",
  or: "`or` is not an operator here: write `||`",
  not: "`not` is not an operator here: write `!`",
};

/**
 * Notes for the syntax of other languages at a syntax error at token `real` of tokens[from, to]:
 * `**` (write `pow(x, y)`), `and` / `or` / `not` (write `&&`, `||`, `!`).
 */
function hints(ctx: Ctx, real: IToken | undefined, from: number, to: number): string[] {
  if (!real || real.tokenType === EOF || Number.isNaN(real.startOffset)) return [];
  const i = tokenIndex(ctx, real.startOffset, from, to);
  const prev = i > from ? ctx.tokens[i - 1] : undefined;
  const next = ctx.tokens[i + 1];
  const glued = (a: IToken | undefined, b: IToken | undefined) => a !== undefined && b !== undefined && (a.endOffset ?? a.startOffset) + 1 === b.startOffset;
  if ((real.tokenType === T.Star && prev?.tokenType === T.Star && glued(prev, real)) || (real.tokenType === T.Star && next?.tokenType === T.Star && glued(real, next))) {
    return ["`**` is not an operator of the language: write `pow(x, y)` for x to the power y"];
  }
  for (const t of [real, prev]) {
    if (t?.tokenType === T.Identifier && Object.hasOwn(OTHER_LANGUAGES, t.image)) return [OTHER_LANGUAGES[t.image]!];
  }
  return [];
}

/** The expression of a def, let, mask or score. */
function rootExpr(v: unknown): Expr | undefined {
  const x = v as { kind?: string; body?: Expr; expr?: Expr; value?: Expr };
  return x?.kind === "def" ? x.body : x?.kind === "let" ? x.value : x?.kind === "mask" || x?.kind === "score" || x?.kind === "sink" ? x.expr : undefined;
}

const ITEM_WHAT: Record<string, string> = {
  param: "the default of the param", input: "the input's dimensions", let: "the let's expression",
  mask: "the mask expression", score: "the score expression", normalize: "the normalize mode",
  sink: "the sink expression",
};

/** Parses an attention block starting at `start` (the `attention` keyword); returns the index after it. */
function parseAttention(ctx: Ctx, start: number, out: Attention[]): number {
  const { tokens } = ctx;
  // The name may be a keyword by mistake (`attention mask {`): look for the brace past it.
  let j = isA(tokens[start + 1], KEYWORDS) && isA(tokens[start + 2], [T.LCurly]) ? start + 2 : start + 1;
  while (j < tokens.length && !isA(tokens[j], [T.LCurly, T.RCurly, ...T.ITEM_KEYWORDS])) j++;
  const hasBrace = isA(tokens[j], [T.LCurly]);
  const [header] = runRule<Header>(ctx, start, hasBrace ? j + 1 : j, () => grammar.header(), "the attention name");
  let k = hasBrace ? j + 1 : j;
  const items: Item[] = [];
  let end: Span = header?.span ?? spanOf(ctx, tokens[start]);
  for (;;) {
    const t = tokens[k];
    if (t === undefined || isA(t, [T.Def, T.Attention])) {
      if (hasBrace) {
        const opened = spanOf(ctx, tokens[j]);
        ctx.diagnostics.push(diag("E0102", `expected \`}\` to close the attention block, found ${describe(t)}`, spanOf(ctx, t),
          [`the block was opened at ${opened.line}:${opened.col}`]));
      }
      break;
    }
    if (t.tokenType === T.RCurly) {
      end = spanOf(ctx, t);
      k++;
      break;
    }
    const next = pieceEnd(ctx, k + 1);
    if (isA(t, BLOCK_KEYWORDS)) {
      const [item, after] = runRule(ctx, k, next, () => grammar.item(), ITEM_WHAT[t.image] ?? "the item");
      if (item) { items.push(item); end = item.span; }
      k = after;
    } else {
      ctx.diagnostics.push(diag("E0102", `expected an item (\`param\`, \`input\`, \`let\`, \`mask\`, \`score\`, \`normalize\` or \`sink\`) or \`}\`, found ${describe(t)}`, spanOf(ctx, t)));
      k = next;
    }
  }
  if (header) out.push({ kind: "attention", name: header.name, nameSpan: header.nameSpan, items, span: join(header.span, end) });
  return k;
}

function parseModule(ctx: Ctx): Module {
  const { tokens } = ctx;
  const defs: Def[] = [];
  const attentions: Attention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.tokenType === T.Def) {
      const end = pieceEnd(ctx, i + 1);
      const [d, after] = runRule(ctx, i, end, () => grammar.defItem(), "the def's expression");
      if (d) defs.push(d);
      i = after;
    } else if (t.tokenType === T.Attention) {
      i = parseAttention(ctx, i, attentions);
    } else if (isA(t, BLOCK_KEYWORDS)) {
      ctx.diagnostics.push(diag("E0102", `\`${t.image}\` is only allowed inside an \`attention NAME { ... }\` block`, spanOf(ctx, t)));
      i = pieceEnd(ctx, i + 1);
    } else {
      ctx.diagnostics.push(diag("E0102", `expected \`def\` or \`attention\`, found ${describe(t)}`, spanOf(ctx, t)));
      i = pieceEnd(ctx, i + 1, T.ITEM_KEYWORDS);
    }
  }
  return { file: ctx.file, source: ctx.source, defs, attentions };
}

export interface ParseResult {
  module: Module | null;
  diagnostics: Diagnostic[];
  /**
   * The defs, blocks and items that did parse, also when there are diagnostics (then without the
   * broken ones): for tools such as the language server's hover, never to be lowered. Equal to
   * `module` when that is non-null; empty after an internal error.
   */
  recovered: Module;
}

export function parse(source: string, file: string): ParseResult {
  try {
    const lexed = T.tokenize(source, file);
    const lexErrors = lexed.diagnostics.filter((d) => d.code === "E0101").map((d) => d.span!.offset);
    const ctx: Ctx = { file, source, tokens: lexed.tokens, diagnostics: [...lexed.diagnostics], lexErrors };
    const module = parseModule(ctx);
    const diagnostics = ctx.diagnostics.sort((a, b) => (a.span?.offset ?? 0) - (b.span?.offset ?? 0));
    return { module: diagnostics.length === 0 ? module : null, diagnostics, recovered: module };
  } catch (e) {
    const recovered: Module = { file, source, defs: [], attentions: [] };
    return { module: null, diagnostics: [diag("E0901", `internal error in the parser: ${e instanceof Error ? e.message : String(e)}`)], recovered };
  }
}
