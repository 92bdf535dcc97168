/**
 * Worker processes for the fuzzer's cases, each with a heap limit (`--max-old-space-size`) and a
 * wall-clock limit per stage: a stage that outlives its limit gets the worker killed and is
 * reported as a `timeout`, a worker that dies (out of memory, a native crash, `process.exit`) as
 * `oom` or `crash`, with the stage it was in. Workers are recycled after a number of cases or when
 * their heap grows (attnc's hash-consing table and the loaded kernels only grow), so no finding
 * comes from what earlier cases left behind.
 *
 * Contract: `pool.run(case)` never rejects; it resolves to the case's result or to the way its
 * worker died. `pool.close()` ends every worker.
 */
import { fork, type ChildProcess } from "node:child_process";
import type { Case, CaseResult } from "./case.js";
import type { Finding } from "./finding.js";

export interface PoolOptions {
  /** the script that starts a worker (`scripts/fuzz.mjs`), run with `--worker` */
  script: string;
  workerArgs: string[];
  heapMb: number;
  timeoutMs: number;
  /** cases per worker before it is replaced */
  recycle: number;
}

export interface Outcome {
  result?: CaseResult;
  /** the worker died: a finding of kind timeout, oom or crash */
  death?: Finding;
  ms: number;
}

interface Worker {
  proc: ChildProcess;
  ready: Promise<boolean>;
  cases: number;
  heapUsed: number;
  stderr: string;
}

export class Pool {
  private idle: Worker[] = [];
  constructor(private readonly opts: PoolOptions) {}

  private spawn(): Worker {
    const proc = fork(this.opts.script, ["--worker", ...this.opts.workerArgs], {
      execArgv: [`--max-old-space-size=${this.opts.heapMb}`, "--enable-source-maps"],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    const w: Worker = { proc, cases: 0, heapUsed: 0, stderr: "", ready: Promise.resolve(false) };
    proc.stderr!.on("data", (d: Buffer) => {
      w.stderr = (w.stderr + d.toString()).slice(-20000);
    });
    w.ready = new Promise((resolve) => {
      const onMsg = (m: { type: string }) => {
        if (m.type === "ready") {
          proc.off("message", onMsg);
          resolve(true);
        }
      };
      proc.on("message", onMsg);
      proc.once("exit", () => resolve(false));
    });
    return w;
  }

  private take(): Worker {
    return this.idle.pop() ?? this.spawn();
  }

  private retire(w: Worker): void {
    if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill("SIGKILL");
  }

  /** runs a case; `fresh` forces a new worker (to confirm a finding without earlier state) */
  async run(c: Case, fresh = false): Promise<Outcome> {
    const w = fresh ? this.spawn() : this.take();
    const t0 = performance.now();
    let startTimer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([w.ready, new Promise<boolean>((r) => (startTimer = setTimeout(() => r(false), 120_000)))]);
    clearTimeout(startTimer);
    if (!ok) {
      this.retire(w);
      const death: Finding = { kind: "harness", signature: "harness:a worker did not start", stage: "startup", message: w.stderr.slice(-4000) };
      return { death, ms: performance.now() - t0 };
    }
    const t1 = performance.now();
    return new Promise<Outcome>((resolve) => {
      let stage = "check";
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          timedOut = true;
          w.proc.kill("SIGKILL");
        }, ms);
      };
      let timedOut = false;
      const finish = (o: Omit<Outcome, "ms">) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        w.proc.off("message", onMsg);
        w.proc.off("exit", onExit);
        resolve({ ...o, ms: performance.now() - t1 });
      };
      const onMsg = (m: { type: string; id?: number; name?: string; budgetMs?: number; result?: CaseResult; heapUsed?: number; error?: string }) => {
        if (m.type === "stage" && m.id === c.id) {
          stage = m.name!;
          arm(m.budgetMs!);
        } else if (m.type === "result" && m.id === c.id) {
          w.cases++;
          w.heapUsed = m.heapUsed ?? 0;
          if (w.cases >= this.opts.recycle || w.heapUsed > this.opts.heapMb * 1024 * 1024 * 0.5) this.retire(w);
          else this.idle.push(w);
          finish({ result: m.result });
        } else if (m.type === "fatal") {
          this.retire(w);
          const death: Finding = { kind: "crash", signature: `crash:uncaught in ${stage}`, stage, message: m.error ?? "" };
          finish({ death });
        }
      };
      const onExit = (code: number | null, signal: string | null) => {
        setTimeout(() => {
          const err = w.stderr;
          let death: Finding;
          if (timedOut) death = { kind: "timeout", signature: `timeout:${stage}`, stage, message: `the ${stage} stage ran past its time limit` };
          else if (/heap out of memory|Reached heap limit|allocation failed/i.test(err)) {
            death = { kind: "oom", signature: `oom:${stage}`, stage, message: `out of memory (--max-old-space-size=${this.opts.heapMb}) in the ${stage} stage\n${err.slice(-3000)}` };
          } else death = { kind: "crash", signature: `crash:${stage}:${signal ?? `exit ${code}`}`, stage, message: `the worker died (${signal ?? `exit ${code}`}) in the ${stage} stage\n${err.slice(-3000)}` };
          finish({ death });
        }, 50);
      };
      w.proc.on("message", onMsg);
      w.proc.once("exit", onExit);
      arm(this.opts.timeoutMs);
      w.proc.send({ type: "case", case: c, timeoutMs: this.opts.timeoutMs });
    });
  }

  close(): void {
    for (const w of this.idle) this.retire(w);
    this.idle = [];
  }
}
