/**
 * Names that are keywords, macros, built-ins or generated names in CUDA C++ (issue #11, item 8:
 * inputs `o`, `p`, `class`, `NULL`, `__global__` ... made nvcc fail). User names reach the file only
 * behind prefixes, so:
 * - the files of a program are those of the same program with plain names, renamed: a user name
 *   stands exactly where a plain one does (checked without nvcc, for every name);
 * - with nvcc: one program with all of the names as inputs compiles, with its `attnc run` host runner
 *   (nvcc -c for sm_80; the runner includes the kernel), and again under a 200-character attention
 *   name to PTX for sm_90a (the wgmma skeletons).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileCuda, cudaPlans } from "../../backends/cuda/compile.js";
import { renderRunner } from "../../backends/cuda/runner.js";
import { allNamesProgram, DERIVED_NAMES, ISSUE_NAMES, namedProgram } from "../arbitraries/names.js";
import { nvcc, nvccAvailable, nvccPtx } from "./nvcc.js";

const CUDA_NAMES = ["stderr", "threadIdx", "warpSize", "EOF", "NAN", "std", "half", "dim3", "HeadCtx", "hc", "rc", "T", "HD", "lo", "violations", "ATTNC_OK", "dq", "d_o", "n_o", "dir", "run", "main"];
const NAMES = [...new Set([...ISSUE_NAMES, ...CUDA_NAMES, ...DERIVED_NAMES])];
const LONG = `attention_${"x".repeat(190)}`;

const filesOf = (source: string) => compileCuda(cudaPlans(source, "names.attn", { headDim: 64 })[0]!).files;

describe("CUDA: reserved and generated names", () => {
  it("a name stands exactly where a plain one does (files of the plain program, renamed)", () => {
    // placeholders that occur nowhere else in a file; temporaries are numbered by IR node ids,
    // which differ between programs, so they are compared without their numbers
    const temps = (text: string) => text.replace(/\bt(h|r|col|md|sd|ca|cf|kl|kh)\d+(_\d+)?(?=\b|_src\b)/g, "t$1_");
    const plain = filesOf(namedProgram("zzattn", "zzinput"));
    for (const n of NAMES) {
      const files = filesOf(namedProgram(n, n));
      expect(files.map((f) => f.path)).toEqual([`${n}.cu`, `${n}.h`]);
      files.forEach((f, i) => expect(temps(f.contents), `${n}: ${f.path}`).toBe(temps(plain[i]!.contents.replaceAll("zzattn", n).replaceAll("zzinput", n))));
      expect(files[1]!.contents).toContain(`const int* in_${n}, cudaStream_t stream)`);
    }
  });

  const HAVE_NVCC = nvccAvailable();
  describe.skipIf(!HAVE_NVCC)("nvcc", () => {
    const dir = mkdtempSync(join(tmpdir(), "attnc-cuda-names-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("all names as inputs: the kernel with its backward and the host runner compile (sm_80)", { timeout: 300_000 }, async () => {
      const source = allNamesProgram("class", NAMES);
      const plan = cudaPlans(source, "names.attn", { headDim: 64, backward: true })[0]!;
      expect(plan.inputs.some((d) => d.dtype === "f32"), "the program has f32 inputs (gradient arguments)").toBe(true);
      const files = compileCuda(plan).files;
      for (const f of files) writeFileSync(join(dir, f.path), f.contents);
      writeFileSync(join(dir, "runner.cu"), renderRunner(plan, files[0]!.path));
      const r = await nvcc(join(dir, "runner.cu"), join(dir, "runner.o"), ["sm_80"]);
      expect(r.ok, `${source}\n${r.output.slice(-3000)}`).toBe(true);
      console.log(`tests/cuda: the all-names kernel and runner compiled for sm_80 in ${r.seconds.toFixed(1)} s`);
    });

    it("all names as inputs, a 200-character attention name: PTX for sm_90a", { timeout: 300_000 }, async () => {
      const source = allNamesProgram(LONG, NAMES);
      const f = filesOf(source)[0]!;
      expect(f.path).toBe(`${LONG}.cu`);
      writeFileSync(join(dir, f.path), f.contents);
      const r = await nvccPtx(join(dir, f.path), join(dir, "long.ptx"));
      expect(r.ok, `${source}\n${r.output.slice(-3000)}`).toBe(true);
    });
  });
});
