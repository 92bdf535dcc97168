/**
 * The CUDA spellings of the v2 int ops (backends/cuda/rules.ts: & | ^ << >> ilog2) compute the IR's
 * semantics (compiler/ir/semantics.ts: shift amounts masked to 5 bits, arithmetic >>, ilog2(x <= 0)
 * == -1) on edge operands, compiled as host C++ under UndefinedBehaviorSanitizer (C++ leaves
 * shifts >= 32 and negative left shifts undefined: the spellings must avoid both). `__clz` is the
 * host builtin there. Skipped without g++.
 */
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
const HAVE_GXX = spawnSync("g++", ["--version"]).status === 0;
import { cudaRules } from "../../backends/cuda/rules.js";
import * as ir from "../../compiler/ir/builder.js";
import * as sem from "../../compiler/ir/semantics.js";
describe.skipIf(!HAVE_GXX)("cuda: bit operations", () => it("the spellings compute the IR's semantics (host C++, -fsanitize=undefined)", () => {
  const vals = [0, 1, -1, 5, -7, 31, 32, 33, -33, 2147483647, -2147483648, 1073741824, 123456789, -98765];
  const x = ir.v("x"), y = ir.v("y");
  const ops: [string, (a: number, b: number) => number, ReturnType<typeof ir.band>][] = [
    ["band", (a, b) => a & b, ir.band(x, y)], ["bor", (a, b) => a | b, ir.bor(x, y)], ["bxor", (a, b) => a ^ b, ir.bxor(x, y)],
    ["shl", sem.shl, ir.shl(x, y)], ["shr", sem.shr, ir.shr(x, y)], ["ilog2", (a) => sem.ilog2(a), ir.ilog2(x)],
  ];
  const lines: string[] = [];
  const want: number[] = [];
  for (const [op, f, n] of ops) {
    const text = cudaRules.ops[op as "band"]!(n.args.length === 2 ? ["x", "y"] : ["x"], n);
    for (const a of vals) for (const b of vals) {
      lines.push(`{ int x = ${a === -2147483648 ? "(-2147483647 - 1)" : a}; int y = ${b === -2147483648 ? "(-2147483647 - 1)" : b}; printf("%d\\n", ${text}); }`);
      want.push(f(a, b));
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "attnc-cbits-"));
  writeFileSync(join(dir, "t.cpp"), `#include <cstdio>\n#define __clz __builtin_clz\nint main() {\n${lines.join("\n")}\n}\n`);
  execFileSync("g++", ["-O2", "-fsanitize=undefined", "-fno-sanitize-recover=all", "-o", join(dir, "t"), join(dir, "t.cpp")]);
  const got = execFileSync(join(dir, "t"), { encoding: "utf8" }).trim().split("\n").map(Number);
  expect(got).toEqual(want);
}));
