/**
 * One fuzz case: a program (source text and `--param` overrides), a seed for every random choice
 * made while checking it, and the checks to run. `runCase` runs them in order in the worker
 * process (tests/fuzz/worker.ts), reporting each stage to the parent, which enforces the time
 * limit of the stage and the heap limit of the process.
 *
 * Contract: every stage is a function `(ctx) => Promise<void>` that pushes findings to
 * `ctx.findings`; an exception escaping a stage is itself a finding (an attnc function threw
 * something that is not a diagnostic). Stages after `plan` run only when the program is accepted.
 * A replayed case (`replay`) runs only the stage named there, with the sub-case recorded in it
 * (sizes, tile, data seed, argv, trap), so a minimized program fails the same way.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AttncError } from "../../dsl/diagnostics.js";
import type { AttnIR } from "../../compiler/ir/program.js";
import { Rng } from "../arbitraries/rng.js";
import { crashSignature, type Finding } from "./finding.js";
import { NoInputs } from "./inputs.js";


/** a statistic the driver aggregates with max (names starting with "max "), not a sum; the driver
 * also keeps the case behind it (Summary.slowest) */
export const MAX_COMPILE = "max ms check+plan <2KB";

export const CHECKS = ["tiles", "ts", "run", "analyze", "npy", "fs", "wgsl", "cuda", "subprocess"] as const;
export type Check = (typeof CHECKS)[number];

export interface Case {
  id: number;
  /** "gen" or "mutant of FILE" */
  origin: string;
  source: string;
  overrides: Record<string, string>;
  seed: number;
  checks: Check[];
  replay?: { stage: string } & Record<string, unknown>;
}

export interface CaseResult {
  findings: Finding[];
  /** `attnc check` accepted the program */
  accepted: boolean;
  /** counters: oracle runs, tile cases, skipped out-of-bounds programs, ... */
  stats: Record<string, number>;
}

export interface Env {
  /** the repository root (for the TypeScript virtual files and `node dist/cli/main.js`) */
  root: string;
  /** a private scratch directory of this worker */
  scratch: string;
  /** `node` arguments that run the built CLI, or null when dist/ is missing or stale */
  distEntry: string[] | null;
  /** tells the parent a stage starts and how long it may take */
  stage(name: string, budgetMs: number): void;
  timeoutMs: number;
}

export interface Ctx {
  c: Case;
  env: Env;
  rng: Rng;
  file: string;
  /** the `--param` arguments */
  paramArgs: string[];
  findings: Finding[];
  stats: Record<string, number>;
  /** lowered (not optimized) IR of each block, with the overrides; set by the plan stage */
  lowered: AttnIR[];
  optimized: AttnIR[];
  /** a fresh directory under the scratch directory */
  dir(name: string): string;
  count(stat: string, n?: number): void;
  add(f: Omit<Finding, "stage"> & { stage?: string }): void;
}

export type Stage = (ctx: Ctx) => Promise<void>;

/** the scratch directories that hold more than prog.attn (a case that ran only check, plan and tiles leaves nothing else) */
const dirty = new Set<string>();

export function newCtx(c: Case, env: Env, stageName: () => string): Ctx {
  if (dirty.has(env.scratch) || !fs.existsSync(env.scratch)) {
    fs.rmSync(env.scratch, { recursive: true, force: true });
    fs.mkdirSync(env.scratch, { recursive: true });
  }
  dirty.delete(env.scratch);
  if (c.checks.some((x) => x !== "tiles")) dirty.add(env.scratch);
  const file = path.join(env.scratch, "prog.attn");
  fs.writeFileSync(file, c.source);
  const ctx: Ctx = {
    c,
    env,
    rng: new Rng(c.seed),
    file,
    paramArgs: Object.entries(c.overrides).flatMap(([k, v]) => ["--param", `${k}=${v}`]),
    findings: [],
    stats: {},
    lowered: [],
    optimized: [],
    dir(name) {
      const d = path.join(env.scratch, name);
      fs.mkdirSync(d, { recursive: true });
      return d;
    },
    count(stat, n = 1) {
      ctx.stats[stat] = (ctx.stats[stat] ?? 0) + n;
    },
    add(f) {
      ctx.findings.push({ ...f, stage: f.stage ?? stageName() });
    },
  };
  return ctx;
}

/** an exception from attnc code inside a stage: diagnostics are a finding of their own kind */
export function thrown(ctx: Ctx, e: unknown, what: string): void {
  if (e instanceof NoInputs) return ctx.count(`skipped: ${e.message.replace(/input \S+ has \d+/, "a tensor has too many")}`);
  if (e instanceof AttncError) {
    const codes = [...new Set(e.diagnostics.map((d) => d.code))].join(",");
    ctx.add({ kind: "accept", signature: `accept:${what} rejects an accepted program:${codes}`, message: `${what} threw:\n${e.message}` });
    return;
  }
  const err = e as Error;
  const text = `internal compiler error: ${err?.stack ?? String(e)}`;
  ctx.add({ kind: "internal", signature: `internal:${crashSignature(text)}`, message: `${what} threw:\n${text}` });
}
