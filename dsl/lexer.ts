/**
 * The `.attn` lexer (chevrotain tokens).
 *
 * Contract: `tokenize(source, file)` never throws. It returns the significant tokens (comments and
 * whitespace dropped) and diagnostics: E0101 for each run of characters no token matches, E0103
 * for a malformed number (`1e`, `2x`, `1.2.3`), an integer literal that does not fit in int32, or a
 * float literal that overflows float32. A malformed number is still returned as a `Number` token
 * so that parsing goes on; the parser reads its value leniently.
 *
 * Keywords (`def attention param input let mask score normalize true false`) are reserved.
 * Type names (`int float bool i32 f32`) and `inf` are plain identifiers: `int`/`float` are also
 * the conversion functions, and the parser checks the identifier in a type position.
 *
 * `sink` (v2) is a *contextual* keyword, so that every v1 program (which may name a tensor `sink`)
 * keeps its meaning: the word is the item keyword `Sink` only where an item can start — at the
 * start of the file, after `{` or `}`, or right after a token that ends an operand (a name, a
 * number, `)`, `]`, `true`, `false`), where a name could never continue an expression; anywhere
 * else (`let sink = ...`, `mask sink[b, kv] != 0`) it is an ordinary identifier.
 */
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";
import { diag, type Diagnostic } from "./diagnostics.js";
import type { Span } from "./ast.js";

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\uFEFF]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: "Comment", pattern: /(?:#|\/\/)[^\n\r]*/, group: Lexer.SKIPPED });

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: "a name" });

/**
 * A number: digits with an optional fraction and exponent, or a fraction alone (`.5`). Any
 * letters, digits, dots or exponent signs glued to it are swallowed too, so `2x` and `1e+` are
 * one (malformed) token reported as E0103 instead of a confusing pair of tokens.
 */
export const NumberLit = createToken({
  name: "Number",
  pattern: /(?:\d[A-Za-z0-9_.]*|\.\d[A-Za-z0-9_.]*)(?:(?<=[eE])[+-][A-Za-z0-9_.]*)?/,
  label: "a number",
});

const kw = (name: string, word: string): TokenType =>
  createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, label: `\`${word}\`` });

export const Def = kw("Def", "def");
export const Attention = kw("Attention", "attention");
export const Param = kw("Param", "param");
export const Input = kw("Input", "input");
export const Let = kw("Let", "let");
export const Mask = kw("Mask", "mask");
export const Score = kw("Score", "score");
export const Normalize = kw("Normalize", "normalize");
export const True = kw("True", "true");
export const False = kw("False", "false");

/** Tokens after which `sink` starts an item (see the header): block braces and the ends of operands. */
const ITEM_BOUNDARY = new Set(["LCurly", "RCurly", "Identifier", "Number", "RParen", "RBracket", "True", "False"]);
const SINK_WORD = /sink(?![A-Za-z0-9_])/y;

/** `sink` at an item position (v2): the item keyword; elsewhere the lexer reads an identifier. */
export const Sink = createToken({
  name: "Sink",
  pattern: {
    exec: (text: string, offset: number, tokens: IToken[]) => {
      const prev = tokens[tokens.length - 1];
      if (prev !== undefined && !ITEM_BOUNDARY.has(prev.tokenType.name)) return null;
      SINK_WORD.lastIndex = offset;
      return SINK_WORD.exec(text);
    },
  },
  line_breaks: false,
  start_chars_hint: ["s"],
  label: "`sink`",
});

const op = (name: string, text: string): TokenType =>
  createToken({ name, pattern: text, label: `\`${text}\`` });

export const EqEq = op("EqEq", "==");
export const NotEq = op("NotEq", "!=");
export const Le = op("Le", "<=");
export const Ge = op("Ge", ">=");
export const AndAnd = op("AndAnd", "&&");
export const OrOr = op("OrOr", "||");
export const Shl = op("Shl", "<<");
export const Shr = op("Shr", ">>");
export const Amp = op("Amp", "&");
export const Pipe = op("Pipe", "|");
export const Caret = op("Caret", "^");
export const Lt = op("Lt", "<");
export const Gt = op("Gt", ">");
export const Bang = op("Bang", "!");
export const Assign = op("Assign", "=");
export const Plus = op("Plus", "+");
export const Minus = op("Minus", "-");
export const Star = op("Star", "*");
export const Slash = op("Slash", "/");
export const Percent = op("Percent", "%");
export const Question = op("Question", "?");
export const Colon = op("Colon", ":");
export const Comma = op("Comma", ",");
export const LParen = op("LParen", "(");
export const RParen = op("RParen", ")");
export const LBracket = op("LBracket", "[");
export const RBracket = op("RBracket", "]");
export const LCurly = op("LCurly", "{");
export const RCurly = op("RCurly", "}");

/** Keywords that start an item (or a top-level declaration). */
export const ITEM_KEYWORDS: TokenType[] = [Def, Attention, Param, Input, Let, Mask, Score, Normalize, Sink];

/** All tokens, in match order: comments before `/`, two-character operators before one-character ones. */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace, Comment,
  Def, Attention, Param, Input, Let, Mask, Score, Normalize, True, False, Sink,
  Identifier, NumberLit,
  EqEq, NotEq, Le, Ge, AndAnd, OrOr, Shl, Shr, Amp, Pipe, Caret, Lt, Gt, Bang, Assign,
  Plus, Minus, Star, Slash, Percent, Question, Colon, Comma,
  LParen, RParen, LBracket, RBracket, LCurly, RCurly,
];

const lexer = new Lexer(ALL_TOKENS, { positionTracking: "full", ensureOptimizations: false });

const INT_RE = /^\d+$/;
const FLOAT_RE = /^(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?$/;
const FLOAT32_MAX = 3.4028234663852886e38;

/** The span of a token (chevrotain offsets are inclusive; ours are half-open). */
export function tokenSpan(t: IToken, file: string): Span {
  return { file, offset: t.startOffset, endOffset: (t.endOffset ?? t.startOffset) + 1, line: t.startLine ?? 1, col: t.startColumn ?? 1 };
}

/** Classifies a number token's text: an int, a float, or malformed (with the reason). */
export function readNumber(image: string): { kind: "int" | "float"; value: number } | { kind: "bad"; reason: string } {
  if (INT_RE.test(image)) {
    const value = Number(image);
    if (value > 2147483647) return { kind: "bad", reason: `integer literal \`${image}\` does not fit in 32 bits (the largest int is 2147483647)` };
    return { kind: "int", value };
  }
  if (FLOAT_RE.test(image)) {
    const value = Number(image);
    if (!Number.isFinite(value) || Math.abs(value) > FLOAT32_MAX) {
      return { kind: "bad", reason: `float literal \`${image}\` overflows a 32-bit float (write \`inf\` for infinity)` };
    }
    return { kind: "float", value };
  }
  return { kind: "bad", reason: `malformed number literal \`${image}\`` };
}

export interface LexResult {
  tokens: IToken[];
  diagnostics: Diagnostic[];
}

export function tokenize(source: string, file: string): LexResult {
  const diagnostics: Diagnostic[] = [];
  const r = lexer.tokenize(source);
  for (const e of r.errors) {
    const span: Span = { file, offset: e.offset, endOffset: e.offset + Math.max(1, e.length), line: e.line ?? 1, col: e.column ?? 1 };
    const text = source.slice(e.offset, e.offset + e.length);
    const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
    diagnostics.push(diag("E0101", `unexpected character${e.length > 1 ? "s" : ""} \`${shown}\``, span,
      ["a `.attn` file uses names, numbers, the operators `+ - * / % == != < <= > >= && || ! ? : & | ^ << >>` and `= , ( ) [ ] { }`; comments start with `#` or `//`"]));
  }
  for (const t of r.tokens) {
    if (t.tokenType !== NumberLit) continue;
    const n = readNumber(t.image);
    if (n.kind === "bad") diagnostics.push(diag("E0103", n.reason, tokenSpan(t, file)));
  }
  return { tokens: r.tokens, diagnostics };
}
