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

/** The TypeScript kernel of a source's (first) block, loaded, with its lowered IR and its text. */
export async function tsKernel(
  source: string,
  file: string,
  opts: { tile?: Partial<TilePlan>; params?: Record<string, string>; name?: string; backward?: boolean } = {},
) {
  const [ir] = lowerSource(source, file, { params: opts.params, name: opts.name });
  const plan = planFor(optimize(ir!), "ts", { tile: opts.tile, backward: opts.backward });
  const code = (await generateTs(plan)).source;
  return { ir: ir!, code, mod: await loadTsKernel(code) };
}

/** The error code a kernel call throws (AttnKernelError's, the host module's), or "none". */
export function kernelErrorCode(f: () => unknown): string {
  try {
    f();
    return "none";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

export async function tsVsOracle(
  source: string,
  file: string,
  data: Data,
  sizes: Sizes,
  opts: { tile?: Partial<TilePlan>; params?: Record<string, string>; name?: string } = {},
): Promise<ErrorReport & { code: string }> {
  const { ir, code, mod } = await tsKernel(source, file, opts);
  const ref = oracle(ir, data, sizes);
  const r = mod.forward(data.q, data.k, data.v, data.tensors, sizes);
  return { ...compareToOracle(ref, r.o, r.lse), code };
}
