/**
 * The server's diagnostics are `attnc check --json`'s (lsp/diagnostics.ts): for the failing file
 * of every diagnostic code (tests/diagnostics/) and for programs with several errors, line endings
 * other than `\n` and characters outside the BMP, each diagnostic has the same code, severity and
 * message, and its range starts at the JSON's line and column (made 0-based) and ends at its
 * endOffset. Notes become related information; a valid program has none.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnose, LineIndex } from "../../lsp/index.js";
import { cli, tmp } from "../cli/helpers.js";
import { GOOD } from "./programs.js";

interface JsonDiagnostic { code: string; severity: string; message: string; line?: number; column?: number; offset?: number; endOffset?: number; notes: string[] }

/** `attnc check FILE --json`'s diagnostics for `text` saved as FILE. */
async function checkJson(text: string, name = "prog.attn"): Promise<{ file: string; diagnostics: JsonDiagnostic[] }> {
  const file = join(tmp(), name);
  writeFileSync(file, text);
  const r = await cli("check", file, "--json");
  return { file, diagnostics: JSON.parse(r.out).diagnostics };
}

/** The LSP diagnostics expected from check's JSON. */
function expected(text: string, file: string, ds: JsonDiagnostic[]) {
  const lines = new LineIndex(text);
  return ds.map((d) => ({
    code: d.code,
    severity: d.severity === "error" ? 1 : 2,
    message: d.message,
    range: d.line === undefined
      ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
      : { start: { line: d.line - 1, character: d.column! - 1 }, end: lines.positionAt(d.endOffset!) },
    notes: d.notes.map((n) => `note: ${n}`),
  }));
}

async function same(text: string) {
  const { file, diagnostics } = await checkJson(text);
  const got = diagnose(text, file, "file:///prog.attn").map((d) => ({
    code: d.code, severity: d.severity, message: d.message, range: d.range,
    notes: (d.relatedInformation ?? []).map((r) => r.message),
  }));
  expect(got).toEqual(expected(text, file, diagnostics));
  return got;
}

describe("diagnostics are attnc check's", () => {
  const files = readdirSync("tests/diagnostics").filter((f) => f.endsWith(".attn")).sort();

  it.each(files)("tests/diagnostics/%s", async (f) => {
    const text = readFileSync(join("tests/diagnostics", f), "utf8");
    const got = await same(text);
    // W05xx are warnings of `--backward` only: `check` reports nothing for those files
    if (f.startsWith("E")) expect(got.map((d) => d.code)).toContain(f.slice(0, 5));
  });

  it("several errors, a lowering error (a dim from a param), an empty file", async () => {
    expect((await same("attention a {\n  mask q >= kvv\n  score s + tanh(q, kv)\n  normalize softmx\n}\n")).map((d) => d.code)).toEqual(["E0201", "E0204", "E0210"]);
    expect((await same("def f = \nattention a {\n  let x = 1 +\n  mask q >= kv\n  score s *\n}\n")).length).toBeGreaterThanOrEqual(3);
    expect((await same("attention a {\n  param n: int = 0\n  input t: f32[n]\n  score s + t[0]\n}\n")).map((d) => d.code)).toEqual(["E0215"]);
    expect((await same("")).map((d) => d.code)).toEqual(["E0211"]);
  });

  it("CRLF and lone CR line endings, and UTF-16 columns after characters outside the BMP", async () => {
    const crlf = await same("attention a {\r\n  mask q >= kvv\r\n}\r\n");
    expect(crlf[0]!.range).toEqual({ start: { line: 1, character: 12 }, end: { line: 1, character: 15 } });
    const astral = await same("attention a {\n  mask q >= kv && 😀 > 1 && é > 2 && 😀 > 3\n}\n");
    expect(astral.map((d) => [d.code, d.range.start.character, d.range.end.character])).toEqual([["E0101", 18, 20], ["E0101", 28, 29], ["E0101", 37, 39]]);
  });

  it("notes become related information; a valid program has no diagnostic", async () => {
    const [d] = await same("attention a {\n  mask q >= kvv\n}\n");
    expect(d!.notes).toEqual(["note: did you mean `kv`?"]);
    expect(await same(GOOD)).toEqual([]);
    for (const f of readdirSync("examples").filter((x) => x.endsWith(".attn"))) {
      expect(diagnose(readFileSync(join("examples", f), "utf8"), f, "file:///x")).toEqual([]);
    }
  });

  it("a text longer than attnc check reads is E0403, as there", () => {
    const big = `attention a { mask q >= kv }\n${"#".repeat(16 * 2 ** 20)}\n`;
    const [d] = diagnose(big, "big.attn", "file:///big.attn");
    expect(d).toMatchObject({ code: "E0403", message: `cannot read big.attn: it has ${big.length} bytes; attnc reads at most ${16 * 2 ** 20}` });
  });
});
