// Builds the playground (issue #14): a static page in dist-playground/ (or the folder given as the
// first argument) — index.html, style.css and one bundled ES module, playground.js — from
// playground/main.ts and the library's browser-safe modules (dsl, compiler, backends/wgsl) and the
// float64 oracle (tests/oracle). Usage: node scripts/build-playground.mjs [OUT_DIR]
//
// The bundle must stay free of Node: esbuild's browser platform fails on a Node built-in, and the
// check below fails the build if a module that only Node can run (ts-morph, prettier, webgpu/Dawn,
// pngjs, the CUDA runner, the CLI) contributes code to it.
//
// Identifiers are not minified: the WGSL backend prints its host module (NAME.js) from the source
// text of host-runtime's functions (`createKernelWith.toString()`, backends/wgsl/host-module.ts),
// and that text calls the other printed functions by name. The build fails if one of them was
// renamed in the bundle (esbuild renames a top-level name that collides with another module's).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const NODE_ONLY = /node_modules\/(ts-morph|prettier|webgpu|pngjs)\/|backends\/(cuda|ts)\/|backends\/wgsl\/(dawn|run)\.ts|^cli\/|^lsp\//;

export async function buildPlayground(outDir = join(root, "dist-playground")) {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, "playground.js");
  const r = await build({
    absWorkingDir: root,
    entryPoints: ["playground/main.ts"],
    outfile,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: ["chrome113", "safari17", "firefox120"],
    minifyWhitespace: true,
    minifySyntax: true,
    loader: { ".attn": "text" },
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });
  const used = Object.entries(r.metafile.outputs[Object.keys(r.metafile.outputs)[0]].inputs)
    .filter(([path, x]) => x.bytesInOutput > 0 && NODE_ONLY.test(path))
    .map(([path]) => path);
  if (used.length) throw new Error(`the playground bundle contains Node-only modules: ${used.join(", ")}`);
  const js = readFileSync(outfile, "utf8");
  const printed = [...readFileSync(join(root, "backends/wgsl/host-module.ts"), "utf8").matchAll(/(\w+)\.toString\(\)/g)].map((m) => m[1]);
  const renamed = [...new Set(printed)].filter((name) => !new RegExp(`function ${name}\\(`).test(js));
  if (renamed.length) throw new Error(`the host module's functions ${renamed.join(", ")} are renamed or missing in the playground bundle: their printed text would not link`);
  for (const f of ["index.html", "style.css"]) copyFileSync(join(root, "playground", f), join(outDir, f));
  return { outDir, bytes: statSync(outfile).size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outDir, bytes } = await buildPlayground(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`wrote ${outDir}/ (index.html, style.css, playground.js: ${(bytes / 1024).toFixed(0)} KiB)`);
}
