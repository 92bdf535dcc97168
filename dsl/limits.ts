/**
 * Nesting limits, so that no input can exhaust the stack of the parser, the checker or the
 * recursive passes after them (they would otherwise die with "Maximum call stack size exceeded").
 *
 * Contract: a piece of tokens passes `nestingProblem` when its brackets nest at most
 * `MAX_BRACKETS` deep and it has at most `MAX_CHAIN` unary operators in a row and `?`s; a parsed
 * expression passes `exprDepth(e) <= MAX_DEPTH`. Limits far above any real mask or score; the
 * parser reports a violation as E0102. Both functions are iterative.
 */
import type { IToken } from "chevrotain";
import * as T from "./lexer.js";
import type { Expr } from "./ast.js";

export const MAX_BRACKETS = 64;
export const MAX_CHAIN = 256;
export const MAX_DEPTH = 256;

const OPERAND_END = new Set([T.Identifier, T.NumberLit, T.True, T.False, T.RParen, T.RBracket]);

/** The first token of tokens[from, to) that breaks a nesting limit, with the reason. */
export function nestingProblem(tokens: IToken[], from: number, to: number): { token: IToken; message: string } | null {
  let depth = 0;
  let unary = 0;
  let questions = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    const type = t.tokenType;
    if (type === T.LParen || type === T.LBracket) {
      if (++depth > MAX_BRACKETS) return { token: t, message: `expression nested too deeply (more than ${MAX_BRACKETS} levels of brackets)` };
    } else if (type === T.RParen || type === T.RBracket) depth = Math.max(0, depth - 1);
    else if (type === T.Question && ++questions > MAX_CHAIN) {
      return { token: t, message: `expression nested too deeply (more than ${MAX_CHAIN} \`?:\`)` };
    }
    const prefix = (type === T.Minus || type === T.Bang) && (i === from || !OPERAND_END.has(tokens[i - 1]!.tokenType));
    unary = prefix ? unary + 1 : 0;
    if (unary > MAX_CHAIN) return { token: t, message: `expression nested too deeply (more than ${MAX_CHAIN} unary operators in a row)` };
  }
  return null;
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case "unary": return [e.arg];
    case "binary": return [e.left, e.right];
    case "ternary": return [e.cond, e.then, e.else];
    case "call": return e.args;
    case "index": return e.indices;
    default: return [];
  }
}

/** The depth of an expression tree (a leaf has depth 1). */
export function exprDepth(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of children(e)) stack.push([c, d + 1]);
  }
  return max;
}
