/**
 * The `.attn` grammar: a chevrotain embedded-actions parser building AST nodes with spans.
 *
 * Contract: each public rule parses exactly one item (or an attention header) from the token
 * slice set as `input`; the driver (dsl/parser.ts) cuts the token stream into those slices at the
 * item keywords and reports the errors chevrotain records. Recovery is off: a slice stops at its
 * first error. `problems` collects the errors that are not grammar errors (a type name that is not
 * a type, a param default that is not a literal); it is reset by `begin(file, tokens)`.
 *
 * Expression precedence, low to high (each level one rule below):
 *   ternary `c ? a : b` (right associative) · `||` · `&&` · `== !=` · `< <= > >=` · `|` · `^` ·
 *   `&` · `<< >>` · `+ -` · `* / %` · unary `- !` · postfix (call `f(x)`, tensor read `t[i, j]`) ·
 *   primary. The bit operators bind tighter than comparisons (as in Rust, not C), so
 *   `x & 7 == 0` is `(x & 7) == 0`.
 */
import { EmbeddedActionsParser, type IToken, type ParserMethod, type TokenType } from "chevrotain";
import * as T from "./lexer.js";
import { diag, type Diagnostic } from "./diagnostics.js";
import type { BinaryOp, Def, DefParam, Dim, DType, Expr, Item, Literal, Span, TypeName } from "./ast.js";

const TYPE_NAMES: readonly string[] = ["int", "float", "bool"];
const DTYPES: readonly string[] = ["i32", "f32"];

/** The span from the start of `a` to the end of `b`. */
export function join(a: Span, b: Span): Span {
  return { file: a.file, offset: a.offset, endOffset: b.endOffset, line: a.line, col: a.col };
}

/** An attention header `attention NAME {`. */
export interface Header {
  name: string;
  nameSpan: Span;
  span: Span;
}

export class AttnGrammar extends EmbeddedActionsParser {
  private file = "";
  problems: Diagnostic[] = [];

  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: false, maxLookahead: 2, errorMessageProvider: MESSAGES });
    this.performSelfAnalysis();
  }

  begin(file: string, tokens: IToken[]): void {
    this.file = file;
    this.problems = [];
    this.input = tokens;
  }

  private sp(t: IToken): Span {
    return T.tokenSpan(t, this.file);
  }

  private typeName(t: IToken, allowed: readonly string[], what: string): string {
    if (!allowed.includes(t.image)) {
      this.problems.push(diag("E0102", `expected ${what}, found \`${t.image}\``, this.sp(t)));
    }
    return t.image;
  }

  // ── expressions, from the highest precedence down ──

  /** primary: number · `true` · `false` · name · call `f(a, ...)` · read `t[i, ...]` · `( expr )` */
  private primary = this.RULE("primary", (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.NumberLit);
          return this.ACTION((): Expr => {
            const n = T.readNumber(t.image);
            if (n.kind === "int") return { kind: "int", value: n.value, span: this.sp(t) };
            return { kind: "float", value: n.kind === "float" ? n.value : 0, span: this.sp(t) };
          });
        },
      },
      { ALT: () => { const t = this.CONSUME(T.True); return this.ACTION((): Expr => ({ kind: "bool", value: true, span: this.sp(t) })); } },
      { ALT: () => { const t = this.CONSUME(T.False); return this.ACTION((): Expr => ({ kind: "bool", value: false, span: this.sp(t) })); } },
      { ALT: () => this.SUBRULE(this.nameOrApply) },
      {
        ALT: () => {
          const l = this.CONSUME(T.LParen);
          const e = this.SUBRULE(this.expr);
          const r = this.CONSUME(T.RParen);
          return this.ACTION((): Expr => ({ ...e, span: join(this.sp(l), this.sp(r)) }));
        },
      },
    ]);
  });

  /** name · `name(args)` (call) · `name[indices]` (tensor read) */
  private nameOrApply = this.RULE("nameOrApply", (): Expr => {
    const id = this.CONSUME(T.Identifier);
    let result: Expr = this.ACTION((): Expr => ({ kind: "name", name: id.image, span: this.sp(id) }));
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            const args: Expr[] = [];
            this.MANY_SEP({ SEP: T.Comma, DEF: () => { args.push(this.SUBRULE(this.expr)); } });
            const r = this.CONSUME(T.RParen);
            this.ACTION(() => {
              result = { kind: "call", name: id.image, nameSpan: this.sp(id), args, span: join(this.sp(id), this.sp(r)) };
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            const indices: Expr[] = [];
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { indices.push(this.SUBRULE2(this.expr)); } });
            const r = this.CONSUME(T.RBracket);
            this.ACTION(() => {
              result = { kind: "index", name: id.image, nameSpan: this.sp(id), indices, span: join(this.sp(id), this.sp(r)) };
            });
          },
        },
      ]);
    });
    return result;
  });

  /** unary: `-x` · `!x` · primary */
  private unary = this.RULE("unary", (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const t = this.OR2([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Bang) }]);
          const arg = this.SUBRULE(this.unary);
          return this.ACTION((): Expr => ({ kind: "unary", op: t.image as "-" | "!", arg, span: join(this.sp(t), arg.span) }));
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  /** One left-associative binary level: `next (op next)*`. */
  private level(name: string, next: ParserMethod<[], Expr>, ops: TokenType[]): ParserMethod<[], Expr> {
    return this.RULE(name, (): Expr => {
      let left = this.SUBRULE(next);
      this.MANY(() => {
        const t = this.OR(ops.map((o) => ({ ALT: () => this.CONSUME(o) })));
        const right = this.SUBRULE2(next);
        this.ACTION(() => {
          left = { kind: "binary", op: t.image as BinaryOp, left, right, span: join(left.span, right.span) };
        });
      });
      return left;
    });
  }

  private mulExpr = this.level("mulExpr", this.unary, [T.Star, T.Slash, T.Percent]);
  private addExpr = this.level("addExpr", this.mulExpr, [T.Plus, T.Minus]);
  private shiftExpr = this.level("shiftExpr", this.addExpr, [T.Shl, T.Shr]);
  private bandExpr = this.level("bandExpr", this.shiftExpr, [T.Amp]);
  private bxorExpr = this.level("bxorExpr", this.bandExpr, [T.Caret]);
  private borExpr = this.level("borExpr", this.bxorExpr, [T.Pipe]);
  private relExpr = this.level("relExpr", this.borExpr, [T.Lt, T.Le, T.Gt, T.Ge]);
  private eqExpr = this.level("eqExpr", this.relExpr, [T.EqEq, T.NotEq]);
  private andExpr = this.level("andExpr", this.eqExpr, [T.AndAnd]);
  private orExpr = this.level("orExpr", this.andExpr, [T.OrOr]);

  /** ternary (the whole expression): `or (? expr : expr)?`, right associative. */
  expr = this.RULE("expr", (): Expr => {
    const cond = this.SUBRULE(this.orExpr);
    let result = cond;
    this.OPTION(() => {
      this.CONSUME(T.Question);
      const a = this.SUBRULE(this.expr);
      this.CONSUME(T.Colon);
      const b = this.SUBRULE2(this.expr);
      this.ACTION(() => {
        result = { kind: "ternary", cond, then: a, else: b, span: join(cond.span, b.span) };
      });
    });
    return result;
  });

  // ── items ──

  /** `def NAME = expr` · `def NAME(a: type, ...) = expr` */
  defItem = this.RULE("defItem", (): Def => {
    const kw = this.CONSUME(T.Def);
    const id = this.CONSUME(T.Identifier);
    let params: DefParam[] | null = null;
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      params = [];
      this.MANY_SEP({
        SEP: T.Comma,
        DEF: () => {
          const p = this.CONSUME2(T.Identifier);
          this.CONSUME(T.Colon);
          const ty = this.CONSUME3(T.Identifier);
          this.ACTION(() => {
            const type = this.typeName(ty, TYPE_NAMES, "a parameter type `int`, `float` or `bool`") as TypeName;
            params!.push({ name: p.image, type, span: join(this.sp(p), this.sp(ty)) });
          });
        },
      });
      this.CONSUME(T.RParen);
    });
    this.CONSUME(T.Assign);
    const body = this.SUBRULE(this.expr);
    return this.ACTION((): Def => ({ kind: "def", name: id.image, nameSpan: this.sp(id), params, body, span: join(this.sp(kw), body.span) }));
  });

  /** `attention NAME {` */
  header = this.RULE("header", (): Header => {
    const kw = this.CONSUME(T.Attention);
    const id = this.CONSUME(T.Identifier);
    const l = this.CONSUME(T.LCurly);
    return this.ACTION((): Header => ({ name: id.image, nameSpan: this.sp(id), span: join(this.sp(kw), this.sp(l)) }));
  });

  /** A param default: `-`? number · `-`? `inf` · `true` · `false`. */
  private literal = this.RULE("literal", (): Literal => {
    return this.OR([
      { ALT: () => { const t = this.CONSUME(T.True); return this.ACTION((): Literal => ({ type: "bool", value: true, span: this.sp(t) })); } },
      { ALT: () => { const t = this.CONSUME(T.False); return this.ACTION((): Literal => ({ type: "bool", value: false, span: this.sp(t) })); } },
      {
        ALT: () => {
          let minus: IToken | undefined;
          this.OPTION(() => { minus = this.CONSUME(T.Minus); });
          const t = this.OR2([{ ALT: () => this.CONSUME(T.NumberLit) }, { ALT: () => this.CONSUME(T.Identifier) }]);
          return this.ACTION((): Literal => {
            const sign = minus ? -1 : 1;
            const span = minus ? join(this.sp(minus), this.sp(t)) : this.sp(t);
            if (t.tokenType === T.Identifier) {
              if (t.image !== "inf") this.problems.push(diag("E0102", `a param default must be a literal (a number, \`inf\`, \`true\` or \`false\`), found \`${t.image}\``, this.sp(t)));
              return { type: "float", value: sign * Infinity, span };
            }
            const n = T.readNumber(t.image);
            return { type: n.kind === "int" ? "int" : "float", value: n.kind === "bad" ? 0 : sign * n.value, span };
          });
        },
      },
    ]);
  });

  /** A tensor dimension: an integer literal, a name, or an int expression over them (`cdiv(Q_LEN, 64)`). */
  private dim = this.RULE("dim", (): Dim => {
    const e = this.SUBRULE(this.expr);
    return this.ACTION((): Dim => {
      if (e.kind === "int") return { kind: "const", value: e.value, span: e.span };
      if (e.kind === "name") return { kind: "name", name: e.name, span: e.span };
      return { kind: "expr", expr: e, span: e.span };
    });
  });

  /** One block item, chosen by its leading keyword. */
  item = this.RULE("item", (): Item => {
    return this.OR([
      {
        ALT: () => { // param NAME: type = literal
          const kw = this.CONSUME(T.Param);
          const id = this.CONSUME(T.Identifier);
          this.CONSUME(T.Colon);
          const ty = this.CONSUME2(T.Identifier);
          this.CONSUME(T.Assign);
          const lit = this.SUBRULE(this.literal);
          return this.ACTION((): Item => ({
            kind: "param", name: id.image, nameSpan: this.sp(id),
            type: this.typeName(ty, TYPE_NAMES, "a param type `int`, `float` or `bool`") as TypeName,
            default: lit, span: join(this.sp(kw), lit.span),
          }));
        },
      },
      {
        ALT: () => { // input NAME: dtype[dim, ...]
          const kw = this.CONSUME(T.Input);
          const id = this.CONSUME3(T.Identifier);
          this.CONSUME2(T.Colon);
          const ty = this.CONSUME4(T.Identifier);
          this.CONSUME(T.LBracket);
          const dims: Dim[] = [];
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { dims.push(this.SUBRULE(this.dim)); } });
          const r = this.CONSUME(T.RBracket);
          return this.ACTION((): Item => ({
            kind: "input", name: id.image, nameSpan: this.sp(id),
            dtype: this.typeName(ty, DTYPES, "a tensor type `i32` or `f32`") as DType,
            dims, span: join(this.sp(kw), this.sp(r)),
          }));
        },
      },
      {
        ALT: () => { // let NAME = expr
          const kw = this.CONSUME(T.Let);
          const id = this.CONSUME5(T.Identifier);
          this.CONSUME2(T.Assign);
          const value = this.SUBRULE(this.expr);
          return this.ACTION((): Item => ({ kind: "let", name: id.image, nameSpan: this.sp(id), value, span: join(this.sp(kw), value.span) }));
        },
      },
      {
        ALT: () => { // mask expr
          const kw = this.CONSUME(T.Mask);
          const e = this.SUBRULE2(this.expr);
          return this.ACTION((): Item => ({ kind: "mask", expr: e, span: join(this.sp(kw), e.span) }));
        },
      },
      {
        ALT: () => { // score expr
          const kw = this.CONSUME(T.Score);
          const e = this.SUBRULE3(this.expr);
          return this.ACTION((): Item => ({ kind: "score", expr: e, span: join(this.sp(kw), e.span) }));
        },
      },
      {
        ALT: () => { // sink expr (v2; `sink` is a contextual keyword: dsl/lexer.ts)
          const kw = this.CONSUME(T.Sink);
          const e = this.SUBRULE4(this.expr);
          return this.ACTION((): Item => ({ kind: "sink", expr: e, span: join(this.sp(kw), e.span) }));
        },
      },
      {
        ALT: () => { // normalize MODE
          const kw = this.CONSUME(T.Normalize);
          const m = this.CONSUME6(T.Identifier);
          return this.ACTION((): Item => ({ kind: "normalize", mode: m.image, modeSpan: this.sp(m), span: join(this.sp(kw), this.sp(m)) }));
        },
      },
    ]);
  });
}

const EXPR_RULES = new Set(["primary", "nameOrApply", "unary", "mulExpr", "addExpr", "shiftExpr", "bandExpr", "bxorExpr", "borExpr", "relExpr", "eqExpr", "andExpr", "orExpr", "expr"]);

/** Builds the "expected …" half of a syntax error; the driver adds "found …" and the span. */
const MESSAGES = {
  buildMismatchTokenMessage: (o: { expected: TokenType; previous: IToken; ruleName: string }) =>
    o.previous?.tokenType === T.Normalize ? "expected a normalize mode (`softmax`, `sigmoid` or `none`)" : `expected ${o.expected.LABEL ?? o.expected.name}`,
  buildNotAllInputParsedMessage: () => "unexpected input",
  buildNoViableAltMessage: (o: { ruleName: string }) => {
    if (EXPR_RULES.has(o.ruleName)) return "expected an expression";
    if (o.ruleName === "literal") return "expected a literal (a number, `inf`, `true` or `false`)";
    if (o.ruleName === "dim") return "expected a dimension (an integer, a param or a size symbol)";
    return "expected an item (`param`, `input`, `let`, `mask`, `score`, `normalize` or `sink`)";
  },
  buildEarlyExitMessage: (o: { ruleName: string }) =>
    o.ruleName === "item" ? "expected a dimension (an integer, a param or a size symbol)" : "expected an expression",
};
