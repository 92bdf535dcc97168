/**
 * Every example in `examples/` parses and checks without a diagnostic, and follows the
 * examples' conventions: a header comment naming the variant, its source and its formula, and
 * exactly one `attention` block named like the file (kebab-case file, snake_case block).
 *
 * Numeric agreement with the oracle is tested elsewhere (the examples' compile/run tests); this
 * test guards the front end and the house rules of the folder.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { parse } from "../../dsl/parser.js";
import { check } from "../../dsl/check.js";
import { formatDiagnostic } from "../../dsl/diagnostics.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = join(root, "examples");
const files = readdirSync(dir).filter((f) => f.endsWith(".attn")).sort();

test("there are at least 20 examples", () => {
  expect(files.length).toBeGreaterThanOrEqual(20);
});

describe.each(files)("examples/%s", (file) => {
  const source = readFileSync(join(dir, file), "utf8");
  const name = `examples/${file}`;

  test("parses and checks with no diagnostics", () => {
    const parsed = parse(source, name);
    expect(parsed.diagnostics.map((d) => formatDiagnostic(d, source))).toEqual([]);
    expect(parsed.module).not.toBeNull();
    const diagnostics = check(parsed.module!);
    expect(diagnostics.map((d) => formatDiagnostic(d, source))).toEqual([]);
  });

  test("has one attention block named like the file", () => {
    const parsed = parse(source, name);
    const blocks = parsed.module?.attentions.map((a) => a.name);
    expect(blocks).toEqual([file.replace(/\.attn$/, "").replace(/-/g, "_")]);
    expect(file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.attn$/);
  });

  test("starts with a comment naming the variant, its source and its formula", () => {
    const header: string[] = [];
    for (const line of source.split("\n")) {
      if (!line.startsWith("#")) break;
      header.push(line);
    }
    expect(header.length).toBeGreaterThanOrEqual(3);
    const text = header.join("\n");
    expect(text).toMatch(/^# \S/); // the variant's name on the first line
    expect(text).toMatch(/\n# Source: \S/);
    expect(text).toMatch(/\n# Formula: \S/);
  });
});
