/**
 * The worker process of the fuzzer (`node scripts/fuzz.mjs --worker`, forked by pool.ts with a
 * heap limit): runs the cases the parent sends, one at a time, and reports each stage as it
 * starts, so the parent can kill it when a stage outlives its time limit.
 *
 * Protocol (process IPC): parent → `{ type: "case", case, timeoutMs }`; worker → `{ type: "ready" }`
 * once warmed up, `{ type: "stage", id, name, budgetMs }`, `{ type: "result", id, result, heapUsed }`,
 * or `{ type: "fatal", error }` (an exception outside any stage) before exiting.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCase } from "./pipeline.js";
import type { Case, CaseResult, Env } from "./case.js";
import { crashSignature } from "./finding.js";

interface Msg {
  type: "case";
  case: Case;
  timeoutMs: number;
}

export async function workerMain(opts: { root: string; distEntry: string[] | null }): Promise<void> {
  const send = (m: unknown) => process.send!(m);
  const fatal = (e: unknown) => {
    send({ type: "fatal", error: (e as Error)?.stack ?? String(e) });
    setTimeout(() => process.exit(70), 100);
  };
  process.on("uncaughtException", fatal);
  process.on("unhandledRejection", fatal);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "attnc-fuzz-"));
  process.on("exit", () => fs.rmSync(scratch, { recursive: true, force: true }));
  process.on("disconnect", () => process.exit(0));
  process.on("message", async (m: Msg) => {
    if (m.type !== "case") return;
    const id = m.case.id;
    const env: Env = {
      root: opts.root,
      scratch: path.join(scratch, "case"),
      distEntry: opts.distEntry,
      timeoutMs: m.timeoutMs,
      stage: (name, budgetMs) => send({ type: "stage", id, name, budgetMs }),
    };
    let result: CaseResult;
    const cpu0 = process.cpuUsage();
    try {
      result = await runCase(m.case, env);
      // CPU time of this process (all its threads) for the case: the per-core rate of a run on a busy machine
      const cpu = process.cpuUsage(cpu0);
      result.stats["cpu ms"] = Math.round((cpu.user + cpu.system) / 1000);
    } catch (e) {
      // a bug of the harness itself (or an attnc exception outside any stage): reported, not hidden
      const text = (e as Error)?.stack ?? String(e);
      result = { accepted: false, stats: {}, findings: [{ kind: "harness", signature: `harness:${crashSignature(text)}`, stage: "harness", message: text }] };
    }
    send({ type: "result", id, result, heapUsed: process.memoryUsage().heapUsed });
  });
  send({ type: "ready" });
}
