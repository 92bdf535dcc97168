/**
 * The server's functions never throw, on any text: mutated examples (tests/fuzz/mutate.ts:
 * deleted, swapped and inserted tokens, raw bytes, huge names, duplicated lines), each diagnosed
 * and asked for hover and definition at random positions, including positions past the end.
 * Every answer is well formed: ranges inside the text, a hover or a definition on a name, and no
 * internal error (E0901).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AttnDocument, definitionAt, hoverAt, LineIndex } from "../../lsp/index.js";
import { Rng } from "../arbitraries/rng.js";
import { mutate } from "../fuzz/mutate.js";
import type { Position, Range } from "vscode-languageserver";

const CASES = 150;
const POSITIONS = 12;
const corpus = readdirSync("examples").filter((f) => f.endsWith(".attn")).sort().map((f) => readFileSync(join("examples", f), "utf8"));

function inText(lines: LineIndex, text: string, r: Range): boolean {
  const a = lines.offsetAt(r.start);
  const b = lines.offsetAt(r.end);
  const back = (p: Position, o: number) => lines.positionAt(o).line === p.line && lines.positionAt(o).character === p.character;
  return a <= b && b <= text.length && back(r.start, a) && back(r.end, b);
}

describe("hostile texts", () => {
  it(`${CASES} mutated examples: diagnostics, hover and definition never throw and stay in range`, () => {
    const rng = new Rng(20261207);
    const problems: string[] = [];
    const isName = (lines: LineIndex, text: string, r: Range) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end)));
    let hovers = 0;
    let definitions = 0;
    for (let i = 0; i < CASES; i++) {
      let text = rng.pick(corpus);
      for (let m = rng.int(1, 4); m > 0; m--) text = mutate(rng, text, corpus);
      const doc = new AttnDocument(text, "m.attn", "file:///m.attn");
      for (const d of doc.diagnostics()) {
        if (d.code === "E0901") problems.push(`case ${i}: ${d.message}`);
        if (!inText(doc.lines, text, d.range)) problems.push(`case ${i}: the range of ${d.code} is outside the text`);
      }
      const end = doc.lines.positionAt(text.length);
      const positions: Position[] = [{ line: end.line + 3, character: 0 }, { line: 0, character: 10 ** 6 }, end];
      for (let k = 0; k < POSITIONS; k++) positions.push(doc.lines.positionAt(rng.int(0, text.length)));
      for (const p of positions) {
        const h = hoverAt(doc, p);
        if (h) hovers++;
        if (h && !(inText(doc.lines, text, h.range!) && isName(doc.lines, text, h.range!))) problems.push(`case ${i}: hover at ${JSON.stringify(p)}: ${JSON.stringify(h.range)}`);
        const d = definitionAt(doc, p);
        if (d) definitions++;
        if (d && !(inText(doc.lines, text, d.range) && isName(doc.lines, text, d.range))) problems.push(`case ${i}: definition at ${JSON.stringify(p)}: ${JSON.stringify(d.range)}`);
      }
    }
    expect(problems).toEqual([]);
    // the positions were not all on nothing: the test looked at real answers
    expect(hovers).toBeGreaterThan(CASES);
    expect(definitions).toBeGreaterThan(CASES / 10);
  });
});
