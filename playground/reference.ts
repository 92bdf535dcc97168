/**
 * The reference the WebGPU result is compared with: attnc's float64 dense attention oracle
 * (tests/oracle/oracle.ts: the mask and score evaluated on every entry by the IR interpreter, then
 * softmax or sigmoid in float64) and the error measure of the test suite (tests/oracle/compare.ts).
 * Both are test code, imported into the bundle as they are (docs/playground.md says so). The
 * TypeScript target's kernel is not used: its generator needs ts-morph and prettier.
 */
import type { AttnIR, Sizes } from "../compiler/ir/program.js";
import { oracle } from "../tests/oracle/oracle.js";
import { compareToOracle, type ErrorReport } from "../tests/oracle/compare.js";
import type { RunInputs } from "./data.js";

/** What the test suite asks of the WGSL kernels on ordinary inputs (tests/wgsl/helpers.ts, TOL). */
export const TOLERANCE = 1e-4;

export interface Comparison extends ErrorReport {
  /** max(maxRelO, maxRelLse) */
  maxRel: number;
  ms: number;
}

/** o and lse against the float64 oracle; subnormal flushing allowed, as on every GPU backend's tests. */
export function compareWithOracle(ir: AttnIR, s: Sizes, data: RunInputs, o: Float32Array, lse: Float32Array | null): Comparison {
  const t = performance.now();
  const ref = oracle(ir, data, s);
  const e = compareToOracle(ref, o, lse, { flushSubnormals: true });
  return { ...e, maxRel: Math.max(e.maxRelO, e.maxRelLse), ms: performance.now() - t };
}
