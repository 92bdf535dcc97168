/**
 * Every example compiles for the TypeScript target and matches the float64 oracle (max relative
 * error ≤ 1e-5), with its small param overrides and run-time tensors from cases.ts, under the
 * default tile plan and an odd one (tiles that divide nothing).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { CASES, type Vars } from "./cases.js";
import { tsVsOracle } from "../helpers.js";
import { Rng } from "../arbitraries/rng.js";
import { lowerSource } from "../../compiler/pipeline.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples");

test("every example has a case", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".attn")).map((f) => f.replace(/\.attn$/, ""));
  const covered = new Set(CASES.map((c) => c.file));
  expect(files.filter((f) => !covered.has(f))).toEqual([]);
});

describe.each(CASES.map((c, i) => [c.file, i, c] as const))("examples/%s.attn (case %i)", (file, i, c) => {
  test.each([
    [{ blockQ: 16, blockKV: 32 }],
    [{ blockQ: 5, blockKV: 7 }],
  ])("matches the oracle with tile %o", async (tile) => {
    const source = readFileSync(join(dir, `${file}.attn`), "utf8");
    const sizes = { B: 2, H: 4, H_KV: 2, Q_LEN: 24, KV_LEN: 24, D: 16, DV: 8, ...c.sizes };
    const z0: Vars = { b: 0, h: 0, q: 0, kv: 0, ...sizes };
    const params = Object.fromEntries(Object.entries(c.params ?? {}).map(([k, v]) => [k, String(v)]));
    const [ir] = lowerSource(source, file, { params });
    const dtype = new Map(ir!.inputs.map((d) => [d.name, d.dtype]));
    const tensors = Object.fromEntries(
      Object.entries(c.inputs?.(z0) ?? {}).map(([k, t]) => [
        k,
        dtype.get(k) === "i32" ? Int32Array.from(t.data) : Float32Array.from(t.data),
      ]),
    );
    const rng = new Rng(1000 + i);
    const randn = (n: number, m: number) => Float32Array.from({ length: n }, () => rng.normal() * m);
    const data = {
      q: randn(sizes.B * sizes.H * sizes.Q_LEN * sizes.D, 3),
      k: randn(sizes.B * sizes.H_KV * sizes.KV_LEN * sizes.D, 1),
      v: randn(sizes.B * sizes.H_KV * sizes.KV_LEN * sizes.DV, 1),
      tensors,
    };
    const r = await tsVsOracle(source, `examples/${file}.attn`, data, sizes, { tile, params });
    expect(r.maxRelO, r.worst).toBeLessThanOrEqual(1e-5);
    expect(r.maxRelLse, r.worst).toBeLessThanOrEqual(1e-5);
  });
});
