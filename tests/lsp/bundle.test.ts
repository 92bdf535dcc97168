/**
 * The language server is not part of other commands' start-up (issue #14): the CLI bundle
 * (dist/cli/main.js) holds none of vscode-languageserver and imports the server bundle
 * (dist/lsp/server.js) only dynamically, and that bundle imports no npm package (it is one file:
 * vscode-languageserver inside it), so `attnc lsp` works from the packed package without it.
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";

const staticImports = (code: string) =>
  [...code.matchAll(/^import\s[^;]*?from\s+["']([^"']+)["']|^import\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2]);

describe("the language server's bundles", () => {
  it("the CLI imports the server only on demand", () => {
    const cli = readFileSync("dist/cli/main.js", "utf8");
    expect(cli).toMatch(/await import\(\s*["']\.\.\/lsp\/server\.js["']\s*\)/);
    expect(staticImports(cli)).not.toContain("../lsp/server.js");
    expect(cli).not.toMatch(/vscode-languageserver|vscode-jsonrpc|createConnection/);
  });

  it("the server bundle imports only Node's own modules", () => {
    const server = readFileSync("dist/lsp/server.js", "utf8");
    expect(staticImports(server).filter((p) => !p!.startsWith("node:"))).toEqual([]);
    expect(server).not.toMatch(/\bimport\(\s*["'](?!node:)[^"'.][^"']*["']\s*\)/); // nor a dynamic import of a package
    const required = [...server.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!.replace(/^node:/, ""));
    expect(required.filter((p) => !builtinModules.includes(p))).toEqual([]); // CommonJS code inside requires Node's own modules only
    expect(server).toMatch(/function startServer\(/);
  });
});
