/**
 * One failing file per diagnostic code: `tests/diagnostics/CODE.attn` must yield exactly one
 * diagnostic, with that code, at the position its first line announces (`# expect: CODE at L:C`),
 * and every code of the catalog that source text can cause must have such a file. The checker's
 * warnings (W03xx) are what `attnc check` reports on a valid program (its `warnings`), those of a
 * backward (W05xx) what `attnc compile --backward` reports on a program `check` accepts.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, check, checkModule, findAttention, CATALOG, formatDiagnostic, type Diagnostic } from "../../dsl/index.js";
import { lowerAttention } from "../../compiler/lower.js";
import { optimize } from "../../compiler/pipeline.js";
import { scoreGrad } from "../../compiler/grad/grad.js";
import { gradWarnings } from "../../compiler/grad/warnings.js";

const DIR = join(import.meta.dirname, "..", "diagnostics");
const files = readdirSync(DIR).filter((f) => f.endsWith(".attn")).sort();

/** Codes not caused by source text: E0212 (`--name`), E04xx (options and inputs), E09xx (internal). */
const NOT_FROM_SOURCE = new Set(["E0212"]);
const sourceCodes = Object.keys(CATALOG).filter((c) => /^(E0[123]|W0[35])/.test(c) && !NOT_FROM_SOURCE.has(c));

function diagnose(source: string, file: string): Diagnostic[] {
  const r = parse(source, file);
  if (!r.module) return r.diagnostics;
  if (file.startsWith("W03")) {
    const c = checkModule(r.module);
    return c.diagnostics.length ? c.diagnostics : c.warnings;
  }
  const errors = check(r.module);
  if (errors.length || !file.startsWith("W05")) return errors;
  const mod = r.module;
  return mod.attentions.flatMap((a) => {
    const ir = optimize(lowerAttention(mod, a));
    return gradWarnings(a, ir, scoreGrad(ir));
  });
}

describe("one failing file per code", () => {
  it("every source-level code has a file", () => {
    expect(files.map((f) => f.replace(/\.attn$/, ""))).toEqual(expect.arrayContaining(sourceCodes));
    for (const f of files) expect(Object.keys(CATALOG)).toContain(f.replace(/\.attn$/, ""));
  });

  for (const f of files) {
    it(f, () => {
      const source = readFileSync(join(DIR, f), "utf8");
      const m = /^#\s*expect:\s*([EW]\d{4}) at (\d+):(\d+)/.exec(source);
      expect(m, `${f} must start with "# expect: CODE at LINE:COL"`).not.toBeNull();
      const [, code, line, col] = m!;
      expect(code).toBe(f.replace(/\.attn$/, ""));
      const ds = diagnose(source, f);
      const severity = code!.startsWith("W") ? "warning" : "error";
      expect(ds.map((d) => formatDiagnostic(d, source)).join("\n")).toContain(`${f}:${line}:${col}: ${severity}[${code}]`);
      expect(ds.map((d) => d.code)).toEqual([code]);
    });
  }

  it("E0212: an attention name that is not in the file", () => {
    const r = parse("attention causal { mask q >= kv }", "x.attn");
    const found = findAttention(r.module!, "casual");
    expect("code" in found && found.code).toBe("E0212");
    expect("notes" in found && found.notes).toContain("did you mean `causal`?");
    expect(findAttention(r.module!, "causal")).toBe(r.module!.attentions[0]);
  });
});
