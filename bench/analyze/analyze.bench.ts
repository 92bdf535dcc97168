/**
 * Bench: `attnc analyze` tile classes versus a brute-force count at Q_LEN = KV_LEN = 16384, tile
 * 128x64, for causal, sliding window 1024, sinks + window, and document masks (8 sorted docs).
 *
 * For each mask it (1) classifies every tile with the classifier IR (what `attnc analyze` and the
 * kernels do, O(tiles)), (2) counts the exact density the way `attnc analyze` does, (3) runs the
 * CLI end to end (`node dist/cli/main.js analyze ... --json`, needs `npm run build`; ATTNC_CLI
 * overrides the path), and (4) the
 * brute force: evaluates the mask on every one of the 268M entries and derives each tile's class.
 * It checks that the classes agree tile by tile and that the densities agree, then writes
 * bench/results/analyze-<date>.md. Run: npx vitest run --config bench/analyze/vitest.config.ts
 */
import { test, expect } from "vitest";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { classifyMask } from "../../compiler/analysis/classify.js";
import { computeFacts } from "../../compiler/analysis/facts.js";
import { analyzeTiles, sliceGrid, EMPTY, FULL, PARTIAL } from "../../compiler/analysis/analyze.js";
import { jit } from "../../compiler/analysis/jit.js";
import type { Tensor } from "../../compiler/ir/interp.js";
import { encodeNpy } from "../../cli/npy.js";

const N = 16384, BQ = 128, BKV = 64;
const SIZES = { B: 1, H: 1, H_KV: 1, Q_LEN: N, KV_LEN: N, D: 64 };
const DOC_SRC = "attention document {\n  input doc: i32[B, Q_LEN]\n  mask doc[b, q] == doc[b, kv]\n}\n";

/** 8 documents with seeded random lengths, ids 0..7 in order. */
function docIds(): Int32Array {
  let x = 12345;
  const cuts = new Set<number>();
  while (cuts.size < 7) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    cuts.add(1 + (x % (N - 1)));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const ids = new Int32Array(N);
  for (let i = 0, d = 0; i < N; i++) {
    while (d < 7 && i >= sorted[d]!) d++;
    ids[i] = d;
  }
  return ids;
}

const CASES = [
  { name: "causal", file: "examples/causal.attn", params: {} as Record<string, number> },
  { name: "sliding window 1024", file: "examples/sliding-window.attn", params: { window: 1024 } },
  { name: "sinks (4) + window 1024", file: "examples/streaming-llm-sinks.attn", params: { sinks: 4, window: 1024 } },
  { name: "document (8 sorted docs)", file: "<inline document mask>", params: {} },
  { name: "document + causal (8 sorted docs)", file: "examples/document-causal.attn", params: {} },
];

/** The result and the best wall time in ms over `runs` runs. */
function time<T>(f: () => T, runs = 1): [T, number] {
  let best = Infinity;
  let r: T;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    r = f();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return [r!, best];
}

test("analyze vs brute force at 16384 x 16384", () => {
  const load0 = os.loadavg();
  const doc = docIds();
  const tensors: Record<string, Tensor> = { doc: { data: doc, dims: [1, N] } };
  const inputsDir = fs.mkdtempSync(path.join(os.tmpdir(), "attnc-bench-"));
  fs.writeFileSync(path.join(inputsDir, "doc.npy"), encodeNpy(doc, [1, N]));
  fs.writeFileSync(path.join(inputsDir, "document.attn"), DOC_SRC);
  const rows: string[] = [];
  for (const c of CASES) {
    const file = c.file.startsWith("<") ? path.join(inputsDir, "document.attn") : c.file;
    const [ir] = lowerSource(fs.readFileSync(file, "utf8"), file, { params: c.params }).map((x) => optimize(x));
    const inp = { mask: ir!.mask, inputs: ir!.inputs, sizes: SIZES, tile: { bq: BQ, bkv: BKV }, tensors };
    const [cls, tClassify] = time(() => classifyMask(ir!.mask, ir!.inputs), 5);
    const facts = computeFacts(cls.facts, tensors);
    const [grid, tTiles] = time(() => sliceGrid(inp, cls, facts, 0, 0, false), 5);
    const [full, tAnalyze] = time(() => analyzeTiles(inp), 3);
    const [, tFacts] = time(() => computeFacts(cls.facts, tensors), 5);
    // the CLI, end to end
    const args = [process.env.ATTNC_CLI ?? "dist/cli/main.js", "analyze", file, "--q-len", `${N}`, "--kv-len", `${N}`, "--tile", `${BQ}x${BKV}`, "--json"];
    for (const [k, v] of Object.entries(c.params)) args.push("--param", `${k}=${v}`);
    if (ir!.inputs.length) args.push("--inputs", inputsDir);
    const [cliOut, tCli] = time(() => execFileSync("node", args, { encoding: "utf8" }));
    const cli = JSON.parse(cliOut) as { tiles: { empty: number; full: number; partial: number }; density: number };
    // brute force: every entry
    const [brute, tBrute] = time(() => {
      const m = jit([ir!.mask], { args: ["q", "kv"], fixed: { ...SIZES, b: 0, h: 0 }, tensors });
      const nq = N / BQ, nkv = N / BKV;
      const vis = new Int32Array(nq * nkv);
      for (let q = 0; q < N; q++) {
        const row = (q / BQ) | 0;
        for (let kv = 0; kv < N; kv++) if (m(q, kv)) vis[row * nkv + ((kv / BKV) | 0)]++;
      }
      const classes = new Uint8Array(nq * nkv);
      let total = 0;
      for (let i = 0; i < vis.length; i++) {
        classes[i] = vis[i] === 0 ? EMPTY : vis[i] === BQ * BKV ? FULL : PARTIAL;
        total += vis[i]!;
      }
      return { classes, total };
    });
    const count = (cl: Uint8Array, k: number) => cl.reduce((a, x) => a + (x === k ? 1 : 0), 0);
    const bt = { empty: count(brute.classes, EMPTY), full: count(brute.classes, FULL), partial: count(brute.classes, PARTIAL) };
    let differ = 0;
    for (let i = 0; i < grid.classes.length; i++) if (grid.classes[i] !== brute.classes[i]) differ++;
    expect(differ, `${c.name}: tiles whose class differs from brute force`).toBe(0);
    expect(grid.stats.tiles).toEqual(bt);
    expect(cli.tiles).toEqual(bt);
    expect(full.tiles).toEqual(bt);
    expect(full.density * N * N).toBe(brute.total);
    expect(cli.density).toBe(brute.total / (N * N));
    rows.push(
      `| ${c.name} | ${bt.empty} / ${bt.full} / ${bt.partial} | ${(brute.total / (N * N)).toFixed(6)} | ${(100 * full.workShare).toFixed(2)}% | ` +
        `${tClassify.toFixed(1)} | ${tFacts.toFixed(2)} | ${tTiles.toFixed(1)} | ${tAnalyze.toFixed(0)} | ${tCli.toFixed(0)} | ${tBrute.toFixed(0)} | ${(tBrute / tTiles).toFixed(0)}x |`,
    );
  }
  fs.rmSync(inputsDir, { recursive: true, force: true });
  const date = new Date().toISOString().slice(0, 10);
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const md = [
    `# attnc analyze vs brute force — ${date}`,
    "",
    `Command: \`npm run build && npx vitest run --config bench/analyze/vitest.config.ts\` (bench/analyze/analyze.bench.ts)`,
    `Machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; ` +
      `load average at the start ${load0.map((x) => x.toFixed(2)).join(" / ")} (other work on the machine slows every column alike)`,
    `Q_LEN = KV_LEN = ${N}, tile ${BQ}x${BKV} (${(N / BQ) * (N / BKV)} tiles), B = H = 1; document ids: 8 documents, seeded random lengths, sorted.`,
    "",
    "Every tile's class from the classifier IR equals the class derived from the brute-force count, and the",
    "densities agree exactly (asserted by the bench; a mismatch fails it).",
    "",
    "Times are wall-clock ms, best of 5 (classify, facts, tiles), best of 3 (analyze), one run (CLI, brute force).",
    "",
    "- classify: building the classifier IR from the mask (once per compile; lengths stay symbolic)",
    "- facts: checking the run-time facts (is `doc` sorted), O(n), once per call",
    "- tiles: evaluating the classifier IR on every tile (what a kernel or `attnc analyze` does per call)",
    "- analyze: `analyzeTiles` — tiles plus the exact density (entries of PARTIAL tiles evaluated one by one)",
    "- CLI: `node dist/cli/main.js analyze ... --json`, end to end (process start, parse, compile, analyze)",
    "- brute force: the mask evaluated on all 268,435,456 entries (compiled to a JS function), classes derived",
    "",
    "| mask | tiles empty / full / partial | density | work vs dense | classify ms | facts ms | tiles ms | analyze ms | CLI ms | brute force ms | brute / tiles |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(`bench/results/analyze-${date}.md`, md);
  console.log(md);
});
