/**
 * The built CLI is one bundled module (scripts/bundle.mjs, issue #14's start-up): it imports no
 * npm package statically except what every command needs — ts-morph, prettier and webgpu are
 * imported only by the code paths that use them (the TS target, WebGPU runs) — and it runs from
 * the bundle. (Its start-up time is measured by bench/cli-startup.mjs, not here.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { built, tmp } from "./helpers.js";

describe("the bundled CLI", () => {
  it("has no static import of ts-morph, prettier or webgpu, and imports them on demand", () => {
    const code = readFileSync("dist/cli/main.js", "utf8");
    const staticImports = [...code.matchAll(/^import\s[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(staticImports.filter((p) => !p!.startsWith("node:"))).toEqual([]);
    // nor a bare `import "pkg"`, nor a require() of a package (CommonJS code inside the bundle may
    // require Node's own modules only)
    expect([...code.matchAll(/^import\s+["']([^"']+)["']/gm)].map((m) => m[1]).filter((p) => !p!.startsWith("node:"))).toEqual([]);
    const builtins = new Set(["fs", "path", "zlib", "stream", "util", "assert", "buffer", "os", "url", "events", "crypto", "module", "child_process"]);
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!.replace(/^node:/, ""));
    expect(required.filter((p) => !builtins.has(p))).toEqual([]);
    for (const lazy of ["ts-morph", "prettier", "webgpu"]) expect(code).toMatch(new RegExp(`import\\(\\s*["']${lazy}["']\\s*\\)|\\?\\?\\s*["']${lazy}["']`));
    // chevrotain is inside the bundle, not loaded from node_modules at start-up
    expect(code).not.toMatch(/from\s+["']chevrotain["']/);
  });

  it("runs: check, and a TS compile that loads ts-morph and prettier", () => {
    const r = built(["check", "examples/alibi.attn"]);
    expect(r.status, r.stderr).toBe(0);
    const out = tmp();
    const c = built(["compile", "examples/causal.attn", "--target", "ts", "--out", out]);
    expect(c.status, c.stderr).toBe(0);
    expect(readFileSync(join(out, "causal.ts"), "utf8")).toMatch(/^export function forward\(/m);
  });
});
