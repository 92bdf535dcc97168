/**
 * The `.attn` front end: `parse` (text → AST or diagnostics) and `check` (AST → diagnostics).
 *
 * Contract: neither throws. A file is valid when `parse` returns a module and `check` returns no
 * diagnostic; only then may it be lowered. `checkModule` also gives each expression's type.
 */
export { parse, type ParseResult } from "./parser.js";
export { check, checkModule, findAttention, type CheckResult } from "./check.js";
export { tokenize } from "./lexer.js";
export * from "./ast.js";
export * from "./diagnostics.js";
