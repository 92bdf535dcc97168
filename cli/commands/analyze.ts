/**
 * `attnc analyze FILE --q-len N --kv-len M [--tile 128x64] [--param K=V]... [--inputs DIR]
 *  [--name NAME] [--heads H] [--batch B] [--json]`: tile classes (empty / full / partial), the
 * exact mask density and the kernel's share of work versus dense attention, per head (and batch)
 * where they differ. See docs/analyze.md.
 */
import { analyzeTiles, type Analysis, type SliceStats } from "../../compiler/analysis/analyze.js";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { withDiagnostics } from "../io.js";
import { readSource } from "../source.js";
import { ANALYSIS_FLAGS, analysisJobs, type AnalysisJob } from "./_analysis.js";

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

function sliceKey(s: SliceStats): string {
  return JSON.stringify([s.tiles, s.visible, s.visitedArea, s.maskedArea, s.misclassified]);
}

/** "0-3,5" from sorted numbers */
function ranges(xs: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    out.push(i === j ? `${xs[i]}` : `${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return out.join(",");
}

export function analysisJson(job: AnalysisJob, r: Analysis) {
  const area = r.sizes.Q_LEN * r.sizes.KV_LEN;
  return {
    attention: job.ir.name,
    q_len: r.sizes.Q_LEN,
    kv_len: r.sizes.KV_LEN,
    tile: [r.tile.bq, r.tile.bkv],
    tiles: r.tiles,
    density: r.density,
    work_share: r.workShare,
    mask_share: r.maskShare,
    misclassified: r.misclassified,
    classifier_exact: r.classifierExact.any && r.classifierExact.all,
    kv_range: r.hasKvRange,
    facts: r.facts,
    wraps: r.wraps,
    fallback: r.fallback,
    rangeDropped: r.rangeDropped,
    slices: r.slices.map((s) => ({
      b: r.byBatch ? s.b : null,
      h: r.byHead ? s.h : null,
      tiles: s.tiles,
      density: s.visible / area,
      work_share: s.visitedArea / area,
    })),
  };
}

export function analysisText(file: string, job: AnalysisJob, r: Analysis): string {
  const { Q_LEN, KV_LEN } = r.sizes;
  const area = Q_LEN * KV_LEN;
  const nTiles = Math.ceil(Q_LEN / r.tile.bq) * Math.ceil(KV_LEN / r.tile.bkv);
  const lines = [`${file}: attention ${job.ir.name}, Q_LEN=${Q_LEN} KV_LEN=${KV_LEN}, tile ${r.tile.bq}x${r.tile.bkv} (${nTiles} tiles per head)`];
  const facts = Object.entries(r.facts).map(([k, v]) => `${k}=${v}`).join(" ");
  const proved = r.classifierExact.any && r.classifierExact.all;
  const found = r.misclassified === 0 ? "none" : `${r.misclassified}`;
  lines.push(
    `  classifier: ${proved ? "exact for this mask (proved)" : `sound; partial tiles that are really empty or full on this input: ${found}`}` +
      `${r.hasKvRange ? "; closed-form kv range" : ""}${facts ? `; run-time facts: ${facts}` : ""}`,
  );
  for (const n of job.notes) lines.push(`  note: ${n}`);
  for (const w of r.wraps)
    lines.push(`  note: \`${w}\` may wrap in 32-bit arithmetic for some allowed input: tiles whose class depends on it are partial (the mask is evaluated per entry)`);
  if (r.fallback) lines.push(`  note: classifier fallback: ${r.fallback}`);
  if (r.rangeDropped) lines.push(`  note: key range dropped: ${r.rangeDropped}`);
  const groups = new Map<string, SliceStats[]>();
  for (const s of r.slices) groups.set(sliceKey(s), [...(groups.get(sliceKey(s)) ?? []), s]);
  for (const g of groups.values()) {
    const s = g[0]!;
    let who = "all heads";
    if (r.byHead || r.byBatch) {
      const hs = ranges([...new Set(g.map((x) => x.h))]);
      const bs = ranges([...new Set(g.map((x) => x.b))]);
      who = [r.byBatch ? `batch ${bs}` : "", r.byHead ? `head${g.length > 1 ? "s" : ""} ${hs}` : ""].filter(Boolean).join(", ");
      if (groups.size === 1 && g.length > 1) who += " (all the same)";
    }
    const t = s.tiles;
    lines.push(`  ${who}:`);
    lines.push(`    tiles    ${t.empty} empty (${pct(t.empty / nTiles)}), ${t.full} full (${pct(t.full / nTiles)}), ${t.partial} partial (${pct(t.partial / nTiles)})`);
    lines.push(`    density  ${(s.visible / area).toFixed(6)} (${s.visible} of ${area} entries visible)`);
    lines.push(`    work     ${pct(s.visitedArea / area)} of dense attention (mask evaluated on ${pct(s.maskedArea / area)})`);
    if (s.misclassified) lines.push(`    (${s.misclassified} of the partial tiles are really empty or full)`);
  }
  return lines.join("\n") + "\n";
}

export const analyzeCommand: Command = {
  name: "analyze",
  summary: "count empty / full / partial tiles, mask density and work versus dense",
  usage:
    "attnc analyze FILE --q-len N --kv-len M [--tile 128x64] [--param K=V]... [--inputs DIR] [--name NAME] [--heads H] [--batch B] [--json]",
  async run(argv, io) {
    const a = parseArgs(argv, { ...ANALYSIS_FLAGS, json: {} });
    if (a.positional.length !== 1) throw new UsageError("analyze takes exactly one FILE");
    const file = a.positional[0]!;
    const json = a.has("json");
    const sources: Record<string, string> = {};
    return withDiagnostics(io, json, sources, async () => {
      const jobs = analysisJobs(file, readSource(file, sources), a, "all");
      const results = jobs.map((job) => ({
        job,
        r: analyzeTiles({ mask: job.ir.mask, inputs: job.ir.inputs, sizes: job.sizes, tile: job.tile, tensors: job.tensors }),
      }));
      if (json) {
        const objs = results.map(({ job, r }) => analysisJson(job, r));
        io.out(`${JSON.stringify(objs.length === 1 ? objs[0] : { attentions: objs }, null, 2)}\n`);
      } else io.out(results.map(({ job, r }) => analysisText(file, job, r)).join("\n"));
      return 0;
    });
  },
};
