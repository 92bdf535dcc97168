/**
 * Loads a generated TypeScript kernel into this process: transpiles it to JavaScript with the
 * TypeScript compiler (as shipped with ts-morph) and imports it as a module. Used by
 * `attnc run --target ts` and by the tests; users import the generated `.ts` file directly.
 */
import type { Sizes } from "../../compiler/ir/program.js";

/** The options of a generated kernel's forward and backward (its `Options`). */
export interface KernelOptions {
  scale?: number;
  /** per-row lengths: B values each in [0, Q_LEN] / [0, KV_LEN] of the padded tensors */
  qLens?: Int32Array;
  kvLens?: Int32Array;
  /** a paged KV cache: [B, KV_LEN / pageSize] page ids; k, v are [NUM_PAGES, H_KV, pageSize, *] */
  pageTable?: Int32Array;
  pageSize?: number;
}

export interface TsKernel {
  forward(
    q: Float32Array,
    k: Float32Array,
    v: Float32Array,
    tensors: Record<string, Float32Array | Int32Array>,
    sizes: Sizes,
    options?: KernelOptions,
  ): { o: Float32Array; lse: Float32Array | null };
  /** present when the module was compiled with a backward (`--backward`) */
  backward?(
    q: Float32Array,
    k: Float32Array,
    v: Float32Array,
    dO: Float32Array,
    tensors: Record<string, Float32Array | Int32Array>,
    sizes: Sizes,
    options?: KernelOptions,
  ): Gradients;
}

/** What a backward returns: dq, dk, dv and d_NAME (in `dTensors`) for every f32 input NAME. */
export interface Gradients {
  dq: Float32Array;
  dk: Float32Array;
  dv: Float32Array;
  dTensors: Record<string, Float32Array>;
}

export async function loadTsKernel(source: string): Promise<TsKernel> {
  const { ts } = await import("ts-morph"); // loaded on first use (~0.8 s)
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const url = `data:text/javascript;base64,${Buffer.from(js).toString("base64")}`;
  return (await import(url)) as TsKernel;
}
