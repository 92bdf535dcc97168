/**
 * The npm package as a user gets it (issue #14): `npm pack` ships dist/, the examples, the docs,
 * README and LICENSE — not tests/ or bench/ — and a fresh consumer project that installs the tarball
 * (without the optional `webgpu`) runs the `attnc` binary (`attnc lsp` too) and imports the library by its package
 * name, with no build step on install. Needs the npm registry or npm's cache (CI has both).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tmp } from "./helpers.js";
import { LspProcess } from "../lsp/rpc.js";

const npm = (args: string[], cwd: string) =>
  spawnSync("npm", args, { cwd, encoding: "utf8", timeout: 280_000, killSignal: "SIGKILL", env: { ...process.env, npm_config_update_notifier: "false" } });

describe("the packed npm package in a consumer project", () => {
  it("ships only what users need, installs without building, and runs the CLI, the language server and the library", async () => {
    const dir = tmp();
    const pack = npm(["pack", "--ignore-scripts", "--json", "--pack-destination", dir], process.cwd());
    expect(pack.status, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    const tops = new Set(info!.files.map((f) => f.path.split("/")[0]));
    expect([...tops].sort()).toEqual(["LICENSE", "README.md", "dist", "docs", "examples", "package.json"]);
    expect(info!.files.some((f) => f.path === "dist/cli/main.js")).toBe(true);
    expect(info!.files.some((f) => f.path === "dist/lsp/server.js")).toBe(true); // `attnc lsp`, its own bundle
    expect(info!.files.filter((f) => f.path.includes("node_modules"))).toEqual([]);

    const app = join(dir, "app");
    execFileSync("mkdir", [app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    const install = npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--omit=optional", join(dir, info!.filename)], app);
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(join(app, "node_modules", "attnc", "tests"))).toBe(false);
    expect(existsSync(join(app, "node_modules", "webgpu"))).toBe(false);

    const bin = join(app, "node_modules", ".bin", "attnc");
    const example = join(app, "node_modules", "attnc", "examples", "alibi.attn");
    const check = spawnSync(bin, ["check", example], { cwd: app, encoding: "utf8", timeout: 60_000 });
    expect(check.status, check.stderr).toBe(0);
    const out = join(app, "out");
    const cuda = spawnSync(bin, ["compile", example, "--target", "cuda", "--out", out], { cwd: app, encoding: "utf8", timeout: 60_000 });
    expect(cuda.status, cuda.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["alibi.cu", "alibi.h", "alibi.manifest.json"]);
    // the language server runs from the package (vscode-languageserver is inside its bundle, not a dependency)
    const lsp = new LspProcess([join(app, "node_modules", "attnc", "dist", "cli", "main.js"), "lsp", "--stdio"]);
    try {
      expect((await lsp.request("initialize", { processId: null, rootUri: null, capabilities: {} })).result).toMatchObject({ capabilities: { hoverProvider: true } });
      await lsp.request("shutdown", null);
      lsp.notify("exit", null);
      expect(await lsp.exited).toEqual({ code: 0, signal: null });
    } finally {
      lsp.kill();
    }

    // the library by its package name (the `exports` field), the TS target and the backward included
    writeFileSync(
      join(app, "use.mjs"),
      `import { compile, backward, parse, lowerSource, optimize, analyzeTiles, encodeNpy, parseNpy, mergePartials } from "attnc";
const src = "attention a {\\n  input slopes: f32[H]\\n  mask q >= kv\\n  score s - slopes[h] * float(q - kv)\\n}";
const [k] = await compile(src, "a.attn", { target: "ts" });
const sizes = { B: 1, H: 2, H_KV: 1, Q_LEN: 5, KV_LEN: 5, D: 4, DV: 3 };
const f = (n) => Float32Array.from({ length: n }, (_, i) => Math.sin(i));
const g = await backward(src, "a.attn", { q: f(40), k: f(20), v: f(15), tensors: { slopes: f(2) }, sizes }, f(30));
const ir = optimize(lowerSource("attention c { mask q >= kv }", "c.attn")[0]);
const an = analyzeTiles({ mask: ir.mask, inputs: [], sizes: { B: 1, H: 1, H_KV: 1, Q_LEN: 256, KV_LEN: 256, D: 64 }, tile: { bq: 64, bkv: 64 }, tensors: {} });
const npy = parseNpy(encodeNpy(Float32Array.of(1, 2), [2]), "x.npy");
const m = mergePartials([{ o: [1], lse: [0] }, { o: [3], lse: [0] }], 1, 1);
console.log(JSON.stringify({ file: k.files[0].path, parsed: parse(src, "a.attn").module !== null, dSlopes: g.dTensors.slopes.length, tiles: an.tiles, npy: npy.shape, merged: m.o[0] }));
`,
    );
    const lib = spawnSync(process.execPath, ["use.mjs"], { cwd: app, encoding: "utf8", timeout: 120_000 });
    expect(lib.status, lib.stderr).toBe(0);
    expect(JSON.parse(lib.stdout)).toMatchObject({ file: "a.ts", parsed: true, dSlopes: 2, npy: [2], merged: 2 });
    expect(JSON.parse(lib.stdout).tiles).toEqual({ empty: 6, partial: 4, full: 6 });
    expect(readFileSync(join(app, "node_modules", "attnc", "LICENSE"), "utf8")).toMatch(/Apache License/);
  }, 300_000);
});
