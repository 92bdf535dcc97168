/**
 * Goldens of the score's derivatives (`attnc compile --emit grad`, compiler/grad) of every example
 * (default params). A file of its own: deriving makes IR nodes, and node ids (creation order) name
 * the temporaries of the kernels whose goldens tests/goldens/ts.test.ts checks.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "vitest";
import { lowerSource, optimize } from "../../index.js";
import { printGrad, scoreGrad } from "../../compiler/grad/grad.js";
import { expectGolden } from "../golden.js";

const examples = readdirSync("examples").filter((f) => f.endsWith(".attn")).sort();

describe.each(examples)("examples/%s", (f) => {
  it("score derivatives (--emit grad)", () => {
    const file = `examples/${f}`;
    const src = readFileSync(file, "utf8");
    expectGolden(`grad/${f.replace(/\.attn$/, "")}.txt`, lowerSource(src, file).map((ir) => printGrad(ir.name, scoreGrad(optimize(ir)))).join("\n"));
  });
});
