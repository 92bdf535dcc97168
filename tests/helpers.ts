/** Shared test helpers: compiling a source for the TS target and running it against the oracle. */
import { lowerSource, optimize } from "../compiler/pipeline.js";
import { planFor } from "../index.js";
import { generateTs } from "../backends/ts/generate.js";
import { loadTsKernel } from "../backends/ts/load.js";
import type { TilePlan } from "../compiler/plan/kernel-plan.js";
import type { Sizes } from "../compiler/ir/program.js";
import { oracle } from "./oracle/oracle.js";
import { compareToOracle, type ErrorReport } from "./oracle/compare.js";
import type { Data } from "./arbitraries/data.js";

export async function tsVsOracle(
  source: string,
  file: string,
  data: Data,
  sizes: Sizes,
  opts: { tile?: Partial<TilePlan>; params?: Record<string, string>; name?: string } = {},
): Promise<ErrorReport & { code: string }> {
  const [lowered] = lowerSource(source, file, { params: opts.params, name: opts.name });
  const ref = oracle(lowered!, data, sizes);
  const plan = planFor(optimize(lowered!), "ts", { tile: opts.tile });
  const code = (await generateTs(plan)).source;
  const mod = await loadTsKernel(code);
  const r = mod.forward(data.q, data.k, data.v, data.tensors, sizes);
  return { ...compareToOracle(ref, r.o, r.lse), code };
}
