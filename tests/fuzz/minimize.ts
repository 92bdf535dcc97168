/**
 * Reduces a failing case to a small one that fails with the same signature: drops overrides,
 * then lines (in halving chunks), then tokens (in halving chunks), then simplifies numbers and
 * shrinks the recorded sizes. Each attempt runs on a worker like any case (time and heap limits
 * included), replaying only the stage that failed.
 *
 * Contract: `minimize` returns a case whose run reproduces the finding's signature (the input case when
 * nothing smaller does), within `maxAttempts` runs and `maxMs` milliseconds.
 */
import type { Case } from "./case.js";
import { CHECKS, type Check } from "./case.js";
import type { Finding } from "./finding.js";
import type { Outcome } from "./pool.js";
import { tokens } from "./mutate.js";
import type { DataSpec } from "./inputs.js";

export type Runner = (c: Case) => Promise<Outcome>;

/** the case that replays only the stage of a finding, with its recorded sub-case */
export function replayCase(c: Case, f: Finding): Case {
  const stage = f.stage.split(":")[0]!;
  const isCheck = (CHECKS as readonly string[]).includes(stage);
  return { ...c, checks: isCheck ? [stage as Check] : [], replay: { ...(f.replay ?? {}), stage } };
}

export function signaturesOf(o: Outcome): string[] {
  return [...(o.result?.findings ?? []), ...(o.death ? [o.death] : [])].map((f) => f.signature);
}

export async function minimize(start: Case, finding: Finding, run: Runner, maxAttempts: number, maxMs: number): Promise<{ case: Case; finding: Finding; attempts: number }> {
  const t0 = Date.now();
  const signature = finding.signature;
  let best = start;
  let bestFinding = finding;
  let attempts = 0;
  const out = () => attempts >= maxAttempts || Date.now() - t0 > maxMs;
  const tryCase = async (c: Case): Promise<boolean> => {
    if (out()) return false;
    attempts++;
    const o = await run(c);
    const f = [...(o.result?.findings ?? []), ...(o.death ? [o.death] : [])].find((x) => x.signature === signature);
    if (f) {
      best = c;
      bestFinding = f;
      return true;
    }
    return false;
  };
  // overrides
  for (const k of Object.keys(best.overrides)) {
    const { [k]: _, ...rest } = best.overrides;
    await tryCase({ ...best, overrides: rest });
  }
  // comments and blank lines, in one go
  const bare = best.source.split("\n").map((l) => l.replace(/\s*(#|\/\/).*$/, "")).filter((l) => l.trim()).join("\n");
  if (bare !== best.source) await tryCase({ ...best, source: `${bare}\n` });
  // pieces of the source: lines, then tokens
  const reducePieces = async (split: (s: string) => string[], join: string) => {
    let pieces = split(best.source);
    for (let chunk = Math.max(1, Math.floor(pieces.length / 2)); chunk >= 1 && !out(); chunk = Math.floor(chunk / 2)) {
      for (let i = 0; i < pieces.length && !out(); ) {
        const cand = [...pieces.slice(0, i), ...pieces.slice(i + chunk)];
        if (cand.join(join).trim().length && (await tryCase({ ...best, source: cand.join(join) }))) pieces = cand;
        else i += chunk;
      }
    }
  };
  await reducePieces((s) => s.split("\n"), "\n");
  await reducePieces((s) => tokens(s), "");
  // numbers: big ones to small ones
  const toks = tokens(best.source);
  for (let i = 0; i < toks.length && !out(); i++) {
    if (!/^\d{3,}$/.test(toks[i]!)) continue;
    for (const small of ["1", "0", "2"]) {
      const cand = [...toks];
      cand[i] = small;
      if (await tryCase({ ...best, source: cand.join("") })) {
        toks[i] = small;
        break;
      }
    }
  }
  // sizes of a recorded input
  const spec = best.replay?.spec as DataSpec | undefined;
  if (spec) {
    const shrink: [keyof DataSpec["sizes"], number][] = [["B", 1], ["H", spec.sizes.H_KV], ["D", 1], ["DV", 1]];
    for (const [k, v] of shrink) {
      const cur = best.replay!.spec as DataSpec;
      if (cur.sizes[k] === v) continue;
      await tryCase({ ...best, replay: { ...best.replay!, spec: { ...cur, sizes: { ...cur.sizes, [k]: v } } } });
    }
    for (const k of ["Q_LEN", "KV_LEN"] as const) {
      for (let n = 0; n < 6 && !out(); n++) {
        const cur = best.replay!.spec as DataSpec;
        const half = Math.max(1, Math.floor(cur.sizes[k] / 2));
        if (half === cur.sizes[k] || !(await tryCase({ ...best, replay: { ...best.replay!, spec: { ...cur, sizes: { ...cur.sizes, [k]: half } } } }))) break;
      }
    }
  }
  return { case: best, finding: bestFinding, attempts };
}
