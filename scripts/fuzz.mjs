#!/usr/bin/env node
/**
 * attnc's fuzzer (issue #11, "Keep it fixed"): generates and mutates `.attn` programs and inputs
 * and checks, per program, that the CLI exits 0/1/2 without internal errors or stack traces,
 * within time and heap limits; that generated TypeScript, WGSL and CUDA compile; that the
 * TypeScript kernel equals the float64 oracle; and that the tile classes are sound. The fuzzer is
 * tests/fuzz/ (TypeScript, run from source through scripts/fuzz-loader.mjs: no build needed); its
 * subprocess sample runs the built `dist/cli/main.js` when dist/ is up to date.
 *
 *   node scripts/fuzz.mjs --count 300 --jobs 1            # a short run
 *   node scripts/fuzz.mjs --help                          # every option
 */
import { register } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

register("./fuzz-loader.mjs", import.meta.url);
const script = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(script), "..");

/** dist/cli/main.js exists and no source file is newer than its compiled twin */
function distFresh() {
  const stale = (dir) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (stale(rel)) return true;
      } else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) {
        const js = path.join(root, "dist", rel.replace(/\.ts$/, ".js"));
        if (!fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(path.join(root, rel)).mtimeMs) return true;
      }
    }
    return false;
  };
  try {
    return !["dsl", "compiler", "backends", "cli"].some(stale) && fs.existsSync(path.join(root, "dist/cli/main.js"));
  } catch {
    return false;
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "--worker") {
  const { workerMain } = await import(pathToFileURL(path.join(root, "tests/fuzz/worker.ts")).href);
  await workerMain({ root, distEntry: argv.includes("--dist") ? [path.join(root, "dist/cli/main.js")] : null });
} else {
  const fresh = distFresh();
  if (!fresh && !argv.includes("--quiet")) process.stdout.write("fuzz: dist/ is missing or older than the sources: the subprocess sample is skipped (npm run build)\n");
  const { cli } = await import(pathToFileURL(path.join(root, "tests/fuzz/driver.ts")).href);
  const code = await cli(argv, script, fresh ? ["--dist"] : []);
  process.exit(code);
}
