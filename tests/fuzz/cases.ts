/**
 * The stream of cases of a run: case `i` of seed `S` is a pure function of (S, i) — a generated
 * hostile program (gen.ts), a mutant of an example or of a diagnostics file, or a mutant of a
 * generated program (mutate.ts) — with the optional checks spread evenly over the stream
 * (`every.ts = 3`: every third case also runs the TypeScript kernel against the oracle).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Rng } from "../arbitraries/rng.js";
import { genProgram } from "./gen.js";
import { mutate } from "./mutate.js";
import type { Case, Check } from "./case.js";

export type Every = Record<Check, number>;

/** the default spread of the optional checks (0: never) */
export const DEFAULT_EVERY: Every = { tiles: 1, ts: 3, run: 10, analyze: 15, npy: 12, fs: 25, subprocess: 100, wgsl: 50, cuda: 400 };

/** a different offset per check, so the optional checks do not all land on the same cases */
const OFFSET: Record<Check, number> = { tiles: 0, ts: 1, run: 3, analyze: 4, npy: 5, fs: 7, subprocess: 11, wgsl: 13, cuda: 17 };

export interface Corpus {
  files: { name: string; source: string }[];
}

export function loadCorpus(root: string): Corpus {
  const files: Corpus["files"] = [];
  for (const dir of ["examples", "tests/diagnostics"]) {
    const d = path.join(root, dir);
    for (const f of fs.readdirSync(d).filter((x) => x.endsWith(".attn")).sort()) files.push({ name: `${dir}/${f}`, source: fs.readFileSync(path.join(d, f), "utf8") });
  }
  return { files };
}

/** mixes the run's seed and the case index into one 32-bit seed */
export function caseSeed(seed: number, i: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (i + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function makeCase(seed: number, i: number, corpus: Corpus, every: Every): Case {
  const cs = caseSeed(seed, i);
  const rng = new Rng(cs);
  const x = rng.next();
  let origin: string;
  let source: string;
  let overrides: Record<string, string> = {};
  const sources = corpus.files.map((f) => f.source);
  if (x < 0.55) {
    const g = genProgram(rng);
    origin = "generated";
    source = g.source;
    overrides = g.overrides;
  } else if (x < 0.9) {
    const f = rng.pick(corpus.files);
    origin = `mutant of ${f.name}`;
    source = mutate(rng, f.source, sources);
    if (rng.chance(0.05)) overrides = { [rng.pick(["window", "w", "cap", "__proto__", "constructor", "sinks", "chunk"])]: rng.pick(["0", "1", "-5", "2147483647", "inf", "1e3"]) };
  } else {
    const g = genProgram(rng);
    origin = "mutant of a generated program";
    source = mutate(rng, g.source, sources);
    overrides = g.overrides;
  }
  const checks = (Object.keys(every) as Check[]).filter((k) => every[k] > 0 && i % every[k] === OFFSET[k] % every[k]);
  return { id: i, origin, source, overrides, seed: rng.int(0, 2 ** 31 - 1), checks };
}
