/**
 * Module hooks that let Node 20 run attnc's TypeScript sources directly (registered by
 * scripts/fuzz.mjs): a `.js` specifier that has no file but a `.ts` twin resolves to the twin, and
 * `.ts` files are transpiled with the `typescript` package (no type-check; the code is
 * isolatedModules-clean, as vitest needs too), cached in .cache/fuzz-ts/. The fuzzer runs from sources, so it never tests a
 * stale dist/; only its subprocess sample runs the built `dist/cli/main.js`.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** transpiled modules, keyed by path and contents (.cache/ is git-ignored) */
const CACHE = join(dirname(dirname(fileURLToPath(import.meta.url))), ".cache", "fuzz-ts");
let ts = null;

export async function resolve(specifier, context, next) {
  if (specifier.endsWith(".js") && context.parentURL?.startsWith("file:") && context.parentURL.endsWith(".ts")) {
    const url = new URL(specifier, context.parentURL);
    if (url.protocol === "file:" && !existsSync(fileURLToPath(url))) {
      const twin = new URL(url.href.replace(/\.js$/, ".ts"));
      if (existsSync(fileURLToPath(twin))) return { url: twin.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith("file:") || !url.endsWith(".ts") || url.endsWith(".d.ts")) return next(url, context);
  const file = fileURLToPath(url);
  const text = readFileSync(file, "utf8");
  const cached = join(CACHE, `${createHash("sha1").update(file).update("\0").update(text).digest("hex")}.js`);
  if (existsSync(cached)) return { format: "module", source: readFileSync(cached, "utf8"), shortCircuit: true };
  ts ??= (await import("typescript")).default;
  const out = ts.transpileModule(text, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: false,
    },
  });
  try {
    mkdirSync(CACHE, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, out.outputText);
    renameSync(tmp, cached);
  } catch {
    // a read-only checkout: no cache
  }
  return { format: "module", source: out.outputText, shortCircuit: true };
}
