/**
 * The optimization pipeline, in order. Each pass is a pure function `(ir, ctx) => ir` whose
 * name is also its file name, its `--emit ir --after NAME` stage and its test folder.
 */
import type { AttnIR } from "../ir/program.js";
import { verifyProgram } from "../ir/verify.js";
import { foldConstantsPass } from "./fold-constants.js";
import { fuseMaskScorePass } from "./fuse-mask-score.js";
import { simplifyPass } from "./simplify.js";

export interface PassContext {
  /** run the IR verifier after every pass (always on in tests) */
  verify: boolean;
}

export interface Pass {
  name: string;
  run: (ir: AttnIR, ctx: PassContext) => AttnIR;
}

export const PASSES: readonly Pass[] = [
  { name: "fold-constants", run: foldConstantsPass },
  { name: "fuse-mask-score", run: fuseMaskScorePass },
  { name: "simplify", run: simplifyPass },
];

export const PASS_NAMES = PASSES.map((p) => p.name);

/** Runs the pipeline, stopping after `until` when given (for `--emit ir --after NAME`). */
export function runPasses(ir: AttnIR, ctx: PassContext, until?: string): AttnIR {
  let cur = ir;
  for (const p of PASSES) {
    cur = p.run(cur, ctx);
    if (ctx.verify) verifyProgram(cur);
    if (p.name === until) break;
  }
  return cur;
}
