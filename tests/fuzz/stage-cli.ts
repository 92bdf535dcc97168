/**
 * The command-line stages: `attnc check` (the program is accepted or rejected with diagnostics),
 * `attnc compile --emit plan` with the case's `--param` overrides (the whole front end and the
 * tile classifier, no code generation) and what the overrides must do (docs/language.md § 11),
 * and a sample through a real `node dist/cli/main.js` process (the real exit path).
 */
import { lowerSource, optimize } from "../../compiler/pipeline.js";
import { cliInProcess, cliSubprocess, judge, show } from "./cli.js";
import { thrown, type Ctx } from "./case.js";

/** `attnc check FILE [--json]`; true when the program is accepted */
export async function checkStage(ctx: Ctx): Promise<boolean> {
  const json = ctx.rng.chance(0.2);
  const r = await cliInProcess(["check", ctx.file, ...(json ? ["--json"] : [])]);
  ctx.findings.push(...judge(r, "check"));
  if (json && (r.code === 0 || r.code === 1)) {
    try {
      JSON.parse(r.out);
    } catch {
      ctx.add({ kind: "json", signature: "json:check --json prints invalid JSON", message: show(r) });
    }
  }
  return r.code === 0;
}

/** whether an override value parses as the type (docs/language.md § 11) */
function validValue(type: string, v: string): boolean {
  if (type === "int") return /^[+-]?\d+$/.test(v) && Number(v) >= -2147483648 && Number(v) <= 2147483647;
  if (type === "float") return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) || /^[+-]?inf$/.test(v);
  return v === "true" || v === "false";
}

/** `attnc compile FILE --emit plan --param ...`; true when it succeeded */
export async function planStage(ctx: Ctx): Promise<boolean> {
  const r = await cliInProcess(["compile", ctx.file, "--emit", "plan", ...ctx.paramArgs]);
  ctx.findings.push(...judge(r, "plan"));
  const codes = [...`${r.out}${r.err}`.matchAll(/E0\d{3}/g)].map((m) => m[0]);
  // what the overrides must do, for single-block programs
  const overrides = Object.entries(ctx.c.overrides);
  let declared: { name: string; type: string }[] | null = null;
  try {
    const irs = overrides.length ? lowerSource(ctx.c.source, ctx.file) : [];
    if (irs.length === 1) declared = irs[0]!.params.map((p) => ({ name: p.name, type: p.type }));
  } catch {
    declared = null;
  }
  if (declared) {
    const byName = new Map(declared.map((p) => [p.name, p.type]));
    for (const [k, v] of overrides) {
      const type = byName.get(k);
      if (type === undefined && r.code === 0) ctx.add({ kind: "params", signature: "params:an unknown --param name is accepted", message: `--param ${k}=${v} names no param\n${show(r)}`, replay: { argv: r.argv } });
      else if (type !== undefined && !validValue(type, v.trim()) && r.code === 0) ctx.add({ kind: "params", signature: `params:a malformed ${type} --param value is accepted`, message: `--param ${k}=${v}\n${show(r)}`, replay: { argv: r.argv } });
    }
    const allValid = overrides.every(([k, v]) => byName.has(k) && validValue(byName.get(k)!, v.trim()));
    if (allValid && r.code !== 0 && codes.includes("E0402")) ctx.add({ kind: "params", signature: "params:a valid --param value is rejected", message: show(r), replay: { argv: r.argv } });
    if (allValid && r.code !== 0 && codes.includes("E0401")) ctx.add({ kind: "params", signature: "params:a declared param is unknown to --param", message: show(r), replay: { argv: r.argv } });
  }
  if (r.code !== 0) {
    if (overrides.length === 0 && r.code === 1 && !codes.includes("E0901")) {
      ctx.add({ kind: "accept", signature: `accept:check accepts, compile --emit plan rejects:${[...new Set(codes)].join(",")}`, message: show(r), replay: { argv: r.argv } });
    }
    return false;
  }
  try {
    ctx.lowered = lowerSource(ctx.c.source, ctx.file, { params: ctx.c.overrides });
    ctx.optimized = ctx.lowered.map((ir) => optimize(ir));
  } catch (e) {
    thrown(ctx, e, "lowerSource/optimize");
    return false;
  }
  if (declared) {
    for (const [k, v] of overrides) {
      const p = ctx.lowered[0]!.params.find((x) => x.name === k);
      if (!p || !validValue(p.type, v.trim())) continue;
      const want = p.type === "bool" ? v.trim() === "true" : p.type === "float" && /inf$/.test(v.trim()) ? (v.trim().startsWith("-") ? -Infinity : Infinity) : Number(v);
      const got = p.value;
      const same = typeof want === "number" && typeof got === "number" ? Math.fround(want) === Math.fround(got) || (want === 0 && got === 0) : want === got;
      if (!same) ctx.add({ kind: "params", signature: "params:an override is ignored", message: `--param ${k}=${v}: the lowered param is ${String(got)}`, replay: { argv: r.argv } });
    }
  }
  return true;
}

/** the real binary: exit code in {0, 1, 2}, no stack, and the same exit code as in-process */
export async function subprocessStage(ctx: Ctx): Promise<void> {
  const entry = ctx.env.distEntry;
  if (!entry) return ctx.count("subprocess-skipped");
  const out = ctx.dir("sub-out");
  for (const argv of [["check", ctx.file], ["compile", ctx.file, "--out", out, ...ctx.paramArgs]]) {
    const r = await cliSubprocess(entry, argv, ctx.env.timeoutMs, ctx.env.root);
    ctx.count("subprocess-runs");
    if (r.timedOut) {
      ctx.add({ kind: "timeout", signature: `timeout:subprocess ${argv[0]}`, message: show(r), replay: { argv } });
      continue;
    }
    ctx.findings.push(...judge(r, "subprocess"));
    if (argv[0] !== "check") continue;
    const inproc = await cliInProcess(argv);
    if (r.code !== inproc.code) {
      ctx.add({ kind: "subprocess", signature: `subprocess:exit ${r.code} differs from in-process ${inproc.code}`, message: `${show(r)}\n\nin-process:\n${show(inproc)}`, replay: { argv } });
    }
  }
}

/** `attnc analyze` on small lengths, and now and then lengths a user might mistype */
export async function analyzeStage(ctx: Ctx): Promise<void> {
  const r0 = ctx.rng;
  const len = () => (r0.chance(0.9) ? String(r0.int(1, 300)) : r0.pick(["0", "2000000000", "268435457", "99999999999", "1e3", "-5"]));
  const argv = ["analyze", ctx.file, "--q-len", len(), "--kv-len", len(), ...(r0.chance(0.3) ? ["--tile", `${r0.int(1, 200)}x${r0.int(1, 200)}`] : []), ...ctx.paramArgs];
  if (ctx.lowered.length > 1) argv.push("--name", ctx.lowered[0]!.name);
  const r = await cliInProcess((ctx.c.replay?.argv as string[] | undefined)?.map((a) => (a.endsWith("prog.attn") ? ctx.file : a)) ?? argv);
  ctx.count("analyze-runs");
  ctx.findings.push(...judge(r, "analyze", { stage: "analyze" }));
}
