// Bundles the CLI into one file, dist/cli/main.js (replacing tsc's output for it), so that start-up
// reads one module instead of ~700 (chevrotain and lodash-es alone took ~0.8 s to import): issue #14.
// ts-morph, prettier and webgpu stay external and are imported only when the TS target or a WebGPU
// run needs them. The library (dist/index.js and the rest of dist/) is tsc's output, unbundled.
import { build } from "esbuild";

await build({
  entryPoints: ["cli/main.ts"],
  outfile: "dist/cli/main.js",
  allowOverwrite: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["ts-morph", "prettier", "webgpu"],
  // CommonJS dependencies (pngjs) call require() for Node's own modules: give the ES module one
  banner: { js: "import { createRequire as __attncCreateRequire } from 'node:module';\nconst require = __attncCreateRequire(import.meta.url);" },
  legalComments: "none",
  logLevel: "warning",
});
