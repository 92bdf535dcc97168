// CLI start-up against a bare `node -e 0` on the same machine (issue #14's bar: `attnc check FILE`
// and `attnc compile FILE --target cuda` within 3x of it, median of 5 runs, measured side by side).
//
//   npm run build && node bench/cli-startup.mjs [--runs N] [--json FILE] [--cli PATH/main.js]
//
// Each round runs every command once, in turn, so a machine that gets busier or quieter during the
// measurement affects all of them alike; wall-clock time of the whole child process.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 5) || 5;
const jsonAt = args.indexOf("--json");
const out = mkdtempSync(join(tmpdir(), "attnc-startup-"));
const cliAt = args.indexOf("--cli");
const cli = cliAt >= 0 ? args[cliAt + 1] : "dist/cli/main.js"; // e.g. tsc's unbundled output, to compare
const commands = [
  ["node -e 0", ["-e", "0"]],
  ["attnc --help", [cli, "--help"]],
  ["attnc check", [cli, "check", "examples/alibi.attn"]],
  ["attnc compile --target cuda", [cli, "compile", "examples/alibi.attn", "--target", "cuda", "--out", out]],
  ["attnc compile --target wgsl", [cli, "compile", "examples/alibi.attn", "--target", "wgsl", "--out", out]],
  ["attnc compile --target ts", [cli, "compile", "examples/alibi.attn", "--target", "ts", "--out", out]],
];
const times = commands.map(() => []);
for (let r = 0; r < runs; r++) {
  commands.forEach(([name, argv], i) => {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, argv, { encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (p.status !== 0) throw new Error(`${name} failed: ${p.stderr}`);
    times[i].push(ms);
  });
}
rmSync(out, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times[0]);
const rows = commands.map(([name], i) => ({ command: name, medianMs: Math.round(median(times[i])), ratio: +(median(times[i]) / base).toFixed(2), runsMs: times[i].map(Math.round) }));
console.log(`median of ${runs} runs, ${process.version}, wall clock per process`);
for (const r of rows) console.log(`${r.command.padEnd(30)} ${String(r.medianMs).padStart(6)} ms  ${r.ratio.toFixed(2)}x`);
if (jsonAt >= 0) writeFileSync(args[jsonAt + 1], `${JSON.stringify({ runs, node: process.version, rows }, null, 2)}\n`);
