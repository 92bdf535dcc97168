// Bundles the CLI into one file, dist/cli/main.js (replacing tsc's output for it), so that start-up
// reads one module instead of ~700 (chevrotain and lodash-es alone took ~0.8 s to import): issue #14.
// ts-morph, prettier and webgpu stay external and are imported only when the TS target or a WebGPU
// run needs them. The library (dist/index.js and the rest of dist/) is tsc's output, unbundled.
//
// The language server (`attnc lsp`) is a second bundle, dist/lsp/server.js (vscode-languageserver
// inside it), which the CLI imports only when that command runs: the CLI bundle leaves the import
// of lsp/server.js as it is, pointing from dist/cli/ to dist/lsp/, so no other command loads it.
import { build } from "esbuild";

const common = {
  allowOverwrite: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["ts-morph", "prettier", "webgpu"],
  // CommonJS dependencies (pngjs, vscode-languageserver) call require() for Node's own modules: give the ES module one
  banner: { js: "import { createRequire as __attncCreateRequire } from 'node:module';\nconst require = __attncCreateRequire(import.meta.url);" },
  legalComments: "none",
  logLevel: "warning",
};

/** Keeps `import("../../lsp/server.js")` (cli/commands/lsp.ts) out of the CLI bundle, as `../lsp/server.js` from dist/cli/main.js. */
const lazyServer = {
  name: "lazy-lsp-server",
  setup(b) {
    b.onResolve({ filter: /\/lsp\/server\.js$/ }, () => ({ path: "../lsp/server.js", external: true }));
  },
};

await build({ ...common, entryPoints: ["cli/main.ts"], outfile: "dist/cli/main.js", plugins: [lazyServer] });
await build({ ...common, entryPoints: ["lsp/server.ts"], outfile: "dist/lsp/server.js" });
