/**
 * Names that are keywords, built-ins or generated names of some target (issue #11, item 8), as
 * the attention block's name and its input's: the shader passes Tint and pipeline creation (Dawn),
 * the host module's `.d.ts` type-checks under strict tsc with a caller that passes the input under
 * `inputs` (an input may be called `o` or `lse`: the attention's own buffers are not in its
 * namespace), and the emitted `.js` module, run on Dawn for the names that reach the host code's
 * own keys, computes exactly what the same program with plain names computes.
 */
import { describe, expect, it } from "vitest";
import { compileWgsl } from "../../backends/wgsl/index.js";
import { createKernelWith } from "../../backends/wgsl/host-runtime.js";
import { specOf } from "../../backends/wgsl/spec.js";
import { runWgsl } from "../../backends/wgsl/run.js";
import { genData } from "../arbitraries/data.js";
import { allNamesProgram, DERIVED_NAMES, ISSUE_NAMES, namedProgram } from "../arbitraries/names.js";
import { DOM_OPTIONS, typeCheck } from "../typecheck.js";
import { gpuRead, gpuUpload, irOf, planOf, useDawn } from "./helpers.js";

const NAMES = [...ISSUE_NAMES, "__proto__", "constructor", "toString", "inputs", "spec", "u", "main", "fn", "let_", "in_x", "row_lens", "lens", "rowLengthsFit"];
const TILE = { blockQ: 16, blockKV: 16, extra: { keysPerStep: 1 } };
const shape = { B: 2, H: 2, H_KV: 1, Q_LEN: 37, KV_LEN: 37, D: 8, DV: 8 };
const base = genData(12, shape, [], 1);
const doc = Int32Array.from({ length: shape.B * shape.Q_LEN }, (_, i) => Math.floor((i % shape.Q_LEN) / 9));

const dawn = useDawn({ defaultLimits: true });

const filesOf = (src: string) => compileWgsl(planOf(irOf(src, "names.attn"), TILE)).files;

/** A TypeScript caller of a host module: the input `name` under `inputs`, a quoted key; per-row lengths. */
const caller = (module: string, name: string) => `import { createKernel, type Tensors } from "./${module}.js";
export async function call(device: GPUDevice, b: GPUBuffer): Promise<void> {
  const kernel = await createKernel(device, { headDim: 8 });
  const tensors: Tensors = { q: b, k: b, v: b, o: b, lse: b, inputs: { ${JSON.stringify(name)}: b } };
  kernel.forward(tensors, { B: 1, H: 1, H_KV: 1, Q_LEN: 1, KV_LEN: 1, D: 8 });
  if (kernel.rowLengths) kernel.forward(tensors, { B: 1, H: 1, H_KV: 1, Q_LEN: 1, KV_LEN: 1, D: 8 }, { qLens: Int32Array.of(1), kvLens: Int32Array.of(0) });
}
`;

describe("wgsl: reserved and generated names", () => {
  it("each name: the shader compiles on Dawn, the .d.ts type-checks with a caller", async () => {
    const modules: Record<string, string> = {};
    for (const [i, n] of NAMES.entries()) {
      const plan = planOf(irOf(namedProgram(n, n), "names.attn"), TILE);
      const files = compileWgsl(plan).files;
      expect(files.map((f) => f.path)).toEqual([`${n}.wgsl`, `${n}.packed.wgsl`, `${n}.js`, `${n}.d.ts`]);
      const kernel = await createKernelWith(specOf(plan), dawn.gpuDefault.device, { headDim: 8, packGqa: true }); // both pipelines now
      expect(kernel.code, n).toContain(`in_${n}`);
      expect(kernel.packedCode, n).toContain(`in_${n}`);
      modules[`m${i}/${n}.d.ts`] = files[3]!.contents;
      modules[`m${i}/use.ts`] = caller(n, n);
    }
    // all names (and names made by other schemes' prefixes) as inputs of one program: its .d.ts
    const all = [...new Set([...NAMES, ...DERIVED_NAMES])];
    modules["all/all.d.ts"] = filesOf(allNamesProgram("all", all)).find((f) => f.path.endsWith(".d.ts"))!.contents;
    modules["all/use.ts"] = caller("all", "o").replace(/inputs: \{[^}]*\}/, `inputs: { ${all.map((n) => `${JSON.stringify(n)}: b`).join(", ")} }`);
    expect(typeCheck(modules, DOM_OPTIONS)).toEqual([]);
  });

  it("the emitted module runs with inputs named o, lse, __proto__, constructor: as with plain names", async () => {
    const { device } = dawn.gpu;
    const want = await runWgsl(planOf(irOf(namedProgram("plain", "doc")), TILE), { ...base, tensors: { doc }, sizes: shape }, { gpu: dawn.gpu });
    const up = (a: Float32Array | Int32Array) => gpuUpload(device, a);
    const read = (b: GPUBuffer, n: number) => gpuRead(device, b, n);
    for (const n of ["o", "lse", "__proto__", "constructor"]) {
      const js = filesOf(namedProgram(n, n)).find((f) => f.path.endsWith(".js"))!.contents;
      const mod = await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`);
      const kernel = await mod.createKernel(device, { headDim: 8, blockQ: 16, blockKV: 16, keysPerStep: 1 });
      const nO = shape.B * shape.H * shape.Q_LEN * shape.DV;
      const nL = shape.B * shape.H * shape.Q_LEN;
      const inputs: Record<string, GPUBuffer> = Object.create(null);
      inputs[n] = up(doc);
      const t = { q: up(base.q), k: up(base.k), v: up(base.v), o: up(new Float32Array(nO)), lse: up(new Float32Array(nL)), inputs };
      device.pushErrorScope("validation");
      kernel.forward(t, shape);
      expect(await device.popErrorScope(), n).toBeNull();
      expect(await read(t.o, nO), n).toEqual(want.o);
      expect(await read(t.lse, nL), n).toEqual(want.lse);
    }
  }, 120_000);
});
