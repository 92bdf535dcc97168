/**
 * Inputs of user size stay linear in the front end: very long lines (the caret line is a window
 * of SHOWN_LINE characters, found in O(window) per diagnostic), thousands of diagnostics in one
 * file, thousands of dropped characters, and 100,000 levels of nesting (E0104, never a stack
 * overflow). Limits on CPU time are 10x and more above what the code needs and far below what
 * the quadratic versions took.
 */
import { describe, expect, it } from "vitest";
import { parse, check, formatDiagnostic, type Diagnostic } from "../../dsl/index.js";
import { SHOWN_LINE, shownLine } from "../../dsl/diagnostics.js";

function diagnose(source: string): Diagnostic[] {
  const r = parse(source, "t.attn");
  return r.module ? check(r.module) : r.diagnostics;
}

/** CPU seconds (user + system) of `f`: not wall time, so other processes' load barely moves it. */
function cpuSeconds(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1e6;
}

/** The caret line's text and the characters its carets underline. */
function underlined(formatted: string): { text: string; marked: string } {
  const lines = formatted.split("\n");
  const text = lines[1]!.slice(lines[1]!.indexOf("| ") + 2);
  const carets = lines[2]!.slice(lines[2]!.indexOf("| ") + 2);
  const at = carets.indexOf("^");
  return { text, marked: text.slice(at, carets.length) };
}

describe("the caret line", () => {
  it("a short line is shown whole, as before", () => {
    const src = "attention t {\n  mask windw > q - kv\n}\n";
    const [d] = diagnose(src);
    expect(formatDiagnostic(d!, src)).toBe(
      "t.attn:2:8: error[E0201]: unknown name `windw`\n2 |   mask windw > q - kv\n  |        ^^^^^",
    );
  });

  it("a long line is a window around the caret, cut ends marked, the caret on the name", () => {
    const n = 20_000;
    const src = `attention t { ${Array.from({ length: n }, (_, i) => `mask u${i} > 0`).join(" ")} }\n`;
    const ds = diagnose(src);
    expect(ds.length).toBe(n);
    for (const i of [0, 1, 7, 5000, n - 1]) {
      const f = formatDiagnostic(ds[i]!, src);
      const { text, marked } = underlined(f);
      expect(marked).toBe(`u${i}`);
      expect(text.length).toBeLessThanOrEqual(SHOWN_LINE + 2);
      if (i > 10) expect(text.startsWith("…")).toBe(true);
      if (i < n - 10) expect(text.endsWith("…")).toBe(true);
    }
  });

  it("CRLF and lone CR line ends, a span at the end of the file", () => {
    const src = "attention t {\r\n  mask q >= kv\r  mask foo > 0\r\n}";
    const [d] = diagnose(src);
    expect(underlined(formatDiagnostic(d!, src))).toEqual({ text: "  mask foo > 0", marked: "foo" });
    const end = { file: "t.attn", offset: src.length, endOffset: src.length, line: 4, col: 2 };
    expect(shownLine(src, end)).toEqual({ text: "}", caret: 1, width: 1 });
  });

  it("printing 20,000 diagnostics of a 600 KB line is linear", () => {
    const n = 20_000;
    const src = `attention t { ${Array.from({ length: n }, (_, i) => `mask u${i} > 0`).join(" ")} }\n`;
    const ds = diagnose(src);
    let bytes = 0;
    // printing the whole line under each diagnostic was 5.6 GB of output here
    expect(cpuSeconds(() => { for (const d of ds) bytes += formatDiagnostic(d, src).length; })).toBeLessThan(3);
    expect(bytes).toBeLessThan(n * 3 * SHOWN_LINE);
  });

  it("printing 20,000 diagnostics of 20,000 lines is linear", () => {
    const src = `attention t {\n${"  mask @\n".repeat(20_000)}}\n`;
    const ds = diagnose(src);
    let bytes = 0;
    // splitting the source into lines for each diagnostic took 40 s here
    expect(cpuSeconds(() => { for (const d of ds) bytes += formatDiagnostic(d, src).length; })).toBeLessThan(3);
    expect(bytes).toBeLessThan(20_000 * 400);
    expect(ds.length).toBe(20_000);
    expect(new Set(ds.map((d) => d.code))).toEqual(new Set(["E0101"]));
  });
});

describe("deep nesting", () => {
  const n = 100_000;
  const cases: [string, string][] = [
    ["parentheses", `attention t {\n  mask ${"(".repeat(n)}q >= kv${")".repeat(n)}\n}\n`],
    ["prefix operators", `attention t {\n  mask ${"!".repeat(n)}(q >= kv)\n}\n`],
    ["calls", `attention t {\n  score ${"exp(".repeat(n)}s${")".repeat(n)}\n}\n`],
    ["tensor reads", `attention t {\n  input x: i32[H]\n  score s + float(${"x[".repeat(n)}h${"]".repeat(n)})\n}\n`],
    ["ternaries", `attention t {\n  score ${"q > kv ? s : ".repeat(n)}s\n}\n`],
    ["a chain of binary operators", `attention t {\n  score s${" + s".repeat(n)}\n}\n`],
  ];
  for (const [what, src] of cases) {
    it(`100,000 levels of ${what}: E0104 with a caret, no stack overflow`, () => {
      const ds = diagnose(src);
      expect(ds.map((d) => d.code)).toEqual(["E0104"]);
      expect(formatDiagnostic(ds[0]!, src)).toMatch(/^t\.attn:\d+:\d+: error\[E0104\]: expression nested too deeply/);
    });
  }

  it("100,000 defs each using the next: E0217", () => {
    const src = `${Array.from({ length: n }, (_, i) => `def d${i} = d${i + 1}\n`).join("")}def d${n} = q >= kv\nattention t { mask d0 }\n`;
    expect(diagnose(src).map((d) => d.code)).toEqual(["E0217"]);
  });
});
