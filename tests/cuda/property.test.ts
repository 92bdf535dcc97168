/**
 * Random programs from the whole language (tests/arbitraries, with input and attention names that
 * are reserved or generated names of the targets) give CUDA files that compile:
 * - every one of 200 generates (no exception), and
 * - with nvcc, a sample of them (`ATTNC_NVCC_SAMPLE`, default 4, new seeds every run) compiles to
 *   PTX for sm_90a at head dim 64: nvcc's front end over the whole file and cicc over both
 *   skeletons, about 3 s each (nvcc.ts `nvccPtx`); the examples' full builds are in nvcc.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";
import { genProgram } from "../arbitraries/program.js";
import { nvccAvailable, nvccPtx, pool } from "./nvcc.js";

const SAMPLE = Number(process.env.ATTNC_NVCC_SAMPLE ?? 4);
const cudaFiles = (source: string) => compileCuda(cudaPlans(source, "gen.attn", { headDim: 64 })[0]!).files;

describe("CUDA: random programs", () => {
  it("generate", () => {
    for (let seed = 0; seed < 200; seed++) {
      const p = genProgram(seed);
      expect(() => cudaFiles(p.source), p.source).not.toThrow();
    }
  });

  describe.skipIf(!nvccAvailable())("nvcc", () => {
    const dir = mkdtempSync(join(tmpdir(), "attnc-cuda-random-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(`a sample of ${SAMPLE} compiles to PTX for sm_90a`, { timeout: 600_000 }, async () => {
      const first = Math.floor(Math.random() * 2 ** 30);
      const progs = Array.from({ length: SAMPLE }, (_, i) => genProgram(first + i));
      const jobs = progs.map((p) => () => {
        const f = cudaFiles(p.source)[0]!;
        const path = join(dir, `seed${p.seed}-${f.path}`);
        writeFileSync(path, f.contents);
        return nvccPtx(path, `${path}.ptx`);
      });
      const t0 = Date.now();
      const rs = await pool(jobs, 2);
      console.log(`tests/cuda: ${SAMPLE} random programs (seeds ${first}..${first + SAMPLE - 1}) compiled to PTX in ${((Date.now() - t0) / 1000).toFixed(1)} s with 2 workers`);
      rs.forEach((r, i) => expect(r.ok, `seed ${progs[i]!.seed}:\n${progs[i]!.source}\n${r.output.slice(-3000)}`).toBe(true));
    });
  });
});
