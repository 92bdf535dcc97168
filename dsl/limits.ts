/**
 * Nesting limits, so that no input can exhaust the stack of the parser, the checker or the
 * recursive passes after them (they would otherwise die with "Maximum call stack size exceeded").
 *
 * Contract: a piece of tokens must pass `nestingProblem` before it is parsed (about 100 levels of
 * brackets, or 500 unary operators), and a parsed expression must have `exprDepth(e) <=
 * MAX_DEPTH`. Limits far above any real mask or score; the parser reports a violation as E0104.
 * Both functions are iterative.
 */
import type { IToken } from "chevrotain";
import * as T from "./lexer.js";
import type { Expr } from "./ast.js";

/** Budget of parser recursion for one piece: a bracket level costs 10, a prefix `-`/`!` 2, a `?` 1. */
export const MAX_NESTING_COST = 1000;
export const MAX_DEPTH = 256;
/** Limits of an expression after its lets and defs are expanded (what a lowering traverses). */
export const MAX_EXPANDED_DEPTH = 1000;
export const MAX_EXPANDED_SIZE = 1_000_000;

const OPERAND_END = new Set([T.Identifier, T.NumberLit, T.True, T.False, T.RParen, T.RBracket]);

/**
 * The first token of tokens[from, to) where a bound on the parser's recursion depth (current
 * bracket depth, prefix operators and `?`s so far, weighted by their cost in stack frames)
 * exceeds the budget, or null. The bound is loose: only absurd expressions exceed it.
 */
export function nestingProblem(tokens: IToken[], from: number, to: number): IToken | null {
  let depth = 0;
  let unary = 0;
  let questions = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    const type = t.tokenType;
    if (type === T.LParen || type === T.LBracket) depth++;
    else if (type === T.RParen || type === T.RBracket) depth = Math.max(0, depth - 1);
    else if (type === T.Question) questions++;
    else if ((type === T.Minus || type === T.Bang) && (i === from || !OPERAND_END.has(tokens[i - 1]!.tokenType))) unary++;
    if (10 * depth + 2 * unary + questions > MAX_NESTING_COST) return t;
  }
  return null;
}

/** The direct subexpressions of `e`. */
export function children(e: Expr): Expr[] {
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
