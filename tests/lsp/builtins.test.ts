/**
 * Hover's docs of the built-ins (lsp/builtins.ts) are docs/language.md's: each row is a row of
 * its tables of built-in variables and functions, cell for cell, and every built-in variable and
 * function of the compiler (dsl/ast.ts, dsl/names.ts) has one (`inf`, in no table, excepted).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../dsl/ast.js";
import { BUILTIN_VARS } from "../../dsl/names.js";
import { FUNCTION_ROWS, VARIABLE_ROWS, rowNames } from "../../lsp/builtins.js";

const docs = readFileSync("docs/language.md", "utf8").split("\n");

describe("the built-ins' docs", () => {
  it("are rows of docs/language.md's tables", () => {
    for (const r of [...VARIABLE_ROWS, ...FUNCTION_ROWS]) expect(docs, r.head).toContain(`| ${[r.head, ...r.cells].join(" | ")} |`);
  });

  it("cover every built-in variable and function", () => {
    const vars = VARIABLE_ROWS.flatMap(rowNames);
    for (const v of BUILTIN_VARS.keys()) if (v !== "inf") expect(vars, v).toContain(v);
    const fns = FUNCTION_ROWS.flatMap(rowNames);
    for (const f of FUNCTIONS.keys()) expect(fns, f).toContain(f);
  });
});
