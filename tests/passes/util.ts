/** Before/after helpers for pass tests: lower a snippet, run one pass, print the IR text. */
import { lowerSource } from "../../compiler/pipeline.js";
import { PASSES } from "../../compiler/passes/index.js";
import { printRoots } from "../../compiler/ir/printer.js";
import { verifyProgram } from "../../compiler/ir/verify.js";
import type { AttnIR } from "../../compiler/ir/program.js";

export function lowered(body: string, defs = ""): AttnIR {
  return lowerSource(`${defs}\nattention t {\n${body}\n}\n`, "t.attn")[0]!;
}

export function show(ir: AttnIR): string {
  return printRoots([["mask", ir.mask], ["score", ir.score]]);
}

/** Runs the pass named `name` alone, verifying the IR before and after it. */
export function runPass(name: string, ir: AttnIR): AttnIR {
  const pass = PASSES.find((p) => p.name === name);
  if (!pass) throw new Error(`no pass ${name}`);
  verifyProgram(ir);
  const out = pass.run(ir, { verify: true });
  verifyProgram(out);
  return out;
}

export function beforeAfter(name: string, body: string, defs = ""): { before: string; after: string } {
  const ir = lowered(body, defs);
  return { before: show(ir), after: show(runPass(name, ir)) };
}
