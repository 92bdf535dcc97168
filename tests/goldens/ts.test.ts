/** Goldens of the optimized IR and the generated TypeScript kernel of every example (default params). */
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "vitest";
import { compile, lowerSource, optimize, printProgram } from "../../index.js";
import { expectGolden } from "../golden.js";

const examples = readdirSync("examples").filter((f) => f.endsWith(".attn")).sort();

describe.each(examples)("examples/%s", (f) => {
  const name = f.replace(/\.attn$/, "");
  const file = `examples/${f}`;
  it("optimized IR", () => {
    const src = readFileSync(file, "utf8");
    expectGolden(`ir/${name}.txt`, lowerSource(src, file).map((ir) => printProgram(optimize(ir))).join("\n"));
  });
  it("TypeScript kernel", async () => {
    const [k] = await compile(readFileSync(file, "utf8"), file, { target: "ts" });
    expectGolden(`ts/${name}.ts`, k!.files[0]!.contents);
  });
});
