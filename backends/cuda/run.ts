/**
 * `attnc run --target cuda`: compiles the program for CUDA, builds the kernel with a small runner
 * (runner.ts) using nvcc, cached by content hash, and runs it on the given inputs.
 *
 * Contract: without nvcc on PATH or without a CUDA GPU (nvidia-smi) it throws AttncError E0409 with
 * a message saying which is missing; an entry-point error code becomes E0408 (invalid sizes), E0406
 * (head dim) or E0413 (a page id a row reads is not a page of k); the build cache lives in $ATTNC_CACHE_DIR or ~/.cache/attnc/cuda (the
 * directory name is the SHA-256 of the kernel, runner and nvcc flags), built with -arch=native, or
 * for sm_90a when the first GPU has compute capability 9.x (so that Hopper runs the wgmma kernel).
 * With `opts.dO` it also runs the backward (the runner writes the gradients after o and lse).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { AttncError, diag } from "../../dsl/diagnostics.js";
import type { ParamOverrides } from "../../compiler/lower.js";
import type { RunData, RunOptions, RunResult } from "../index.js";
import { compileCuda, cudaPlans } from "./compile.js";
import { renderRunner } from "./runner.js";
import { inputPtr } from "./rules.js";

const BASE_FLAGS = ["-O3", "-std=c++17"];

/** The arch flags for the first GPU: sm_90a on Hopper (wgmma needs the arch-specific target), else native. */
export function archFlags(computeCap: string | null): string[] {
  return computeCap !== null && /^9\./.test(computeCap) ? ["-gencode=arch=compute_90a,code=sm_90a"] : ["-arch=native"];
}

/** The first CUDA GPU's compute capability as the driver lists it (nvidia-smi ships with the
 * driver; CUDA 12's drivers all answer this query), or null when there is no GPU. */
function firstComputeCap(): string | null {
  const r = spawnSync("nvidia-smi", ["--query-gpu=compute_cap", "--format=csv,noheader"], { encoding: "utf8" });
  return r.status === 0 ? (r.stdout ?? "").split("\n")[0]!.trim() || null : null;
}

const unavailable = (why: string) => new AttncError([diag("E0409", `the cuda target cannot run here: ${why}`)]);

function hasNvcc(): boolean {
  const r = spawnSync("nvcc", ["--version"], { encoding: "utf8" });
  return r.status === 0;
}

/** Builds (or finds in the cache) the runner executable for these files, for the GPU of this
 * compute capability, with these macros (`-D`); returns its path. */
export function buildRunner(files: { path: string; contents: string }[], runner: string, computeCap: string | null, cacheDir?: string, defines: string[] = []): string {
  const NVCC_FLAGS = [...BASE_FLAGS, ...archFlags(computeCap), ...defines.map((d) => `-D${d}`)];
  const root = cacheDir ?? process.env.ATTNC_CACHE_DIR ?? join(homedir(), ".cache", "attnc", "cuda");
  const hash = createHash("sha256");
  for (const f of files) hash.update(f.path).update("\0").update(f.contents).update("\0");
  hash.update(runner).update(NVCC_FLAGS.join(" "));
  const dir = join(root, hash.digest("hex").slice(0, 32));
  const exe = join(dir, "runner");
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.path), f.contents);
  writeFileSync(join(dir, "runner.cu"), runner);
  const tmp = `${exe}.tmp${process.pid}`;
  const r = spawnSync("nvcc", [...NVCC_FLAGS, "-o", tmp, join(dir, "runner.cu")], { encoding: "utf8" });
  if (r.status !== 0) {
    throw new AttncError([diag("E0901", `nvcc failed to build the generated kernel:\n${(r.stderr || r.stdout || "").slice(-4000)}`)]);
  }
  renameSync(tmp, exe);
  return exe;
}

export async function runCuda(source: string, file: string, data: RunData, opts: RunOptions): Promise<RunResult> {
  if (data.pages && opts.dO) throw new AttncError([diag("E0409", "the backward does not take a page table (paged KV caches are for inference)")]);
  const numPages = data.pages ? pageCount(data) : 0;
  if (!hasNvcc()) throw unavailable("nvcc is not on PATH (install the CUDA toolkit, 12.0 or newer)");
  const computeCap = firstComputeCap();
  if (computeCap === null) throw unavailable("no CUDA GPU found (`nvidia-smi` lists none); use --target ts to run on the CPU");
  const { sizes } = data;
  if (sizes.DV !== sizes.D) throw new AttncError([diag("E0408", `the cuda target needs v's head dim (${sizes.DV}) to equal D (${sizes.D})`)]);
  // one instantiation, for the inputs' head dim (E0406 when the backend has none for it)
  const plan = cudaPlans(source, file, { name: opts.name, params: opts.params as ParamOverrides, headDim: sizes.D, backward: opts.dO !== undefined })[0]!;
  const { files } = compileCuda(plan, { dtype: opts.dtype ?? "bf16" }); // the one dtype this run needs (half the build)
  // the kernels that read pages only when there is a page table (they are half the build)
  const exe = buildRunner(files, renderRunner(plan, files[0]!.path), computeCap, undefined, data.pages ? [] : ["ATTNC_PAGED=0"]);

  const work = mkdtempSync(join(tmpdir(), "attnc-run-"));
  try {
    const put = (n: string, a: Float32Array | Int32Array) => writeFileSync(join(work, `${n}.bin`), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    put("q", data.q);
    put("k", data.k);
    put("v", data.v);
    for (const d of plan.inputs) put(inputPtr(d), data.tensors[d.name]!); // in_NAME.bin, as the runner reads it
    if (opts.dO) put("do", opts.dO);
    if (data.lens?.q) put("q_lens", data.lens.q); // per-row lengths: the runner calls the varlen entry point
    if (data.lens?.kv) put("kv_lens", data.lens.kv);
    // a paged KV cache: the table, and PAGE and NUM_PAGES after the sizes (the entry point checks the ids)
    const pages = data.pages ? [data.pages.size, numPages] : [];
    if (data.pages) put("page_table", data.pages.table);
    const dtype = opts.dtype === "f16" ? 1 : 0;
    const args = [work, sizes.B, sizes.H, sizes.H_KV, sizes.Q_LEN, sizes.KV_LEN, sizes.D, opts.scale ?? 0, dtype, ...pages].map(String);
    const r = spawnSync(exe, args, { encoding: "utf8" });
    const msg = (r.stderr || "").trim();
    if (r.status === 3) throw unavailable(`no usable CUDA GPU (${msg})`);
    if (r.status !== null && r.status >= 10) {
      const code = r.status - 10;
      throw new AttncError([diag(code === 4 ? "E0406" : code === 8 ? "E0413" : "E0408", `the CUDA kernel rejected its arguments: ${msg}`)]);
    }
    if (r.status !== 0) throw new AttncError([diag("E0901", `the CUDA runner failed (exit ${r.status}): ${msg}`)]);
    const read = (n: string) => {
      const b = readFileSync(join(work, `${n}.bin`));
      return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    };
    const o = read("o");
    const lse = plan.normalize === "softmax" ? read("lse") : null;
    const note = `ran on the CUDA GPU (${opts.dtype ?? "bf16"})`;
    if (!opts.dO) return { o, lse, note };
    const dTensors = Object.fromEntries(plan.inputs.filter((d) => d.dtype === "f32").map((d) => [d.name, read(`d_${d.name}`)]));
    return { o, lse, note, grads: { dq: read("dq"), dk: read("dk"), dv: read("dv"), dTensors } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** NUM_PAGES of a paged call, with its shapes checked as the TypeScript kernel checks them (E0404): the
 * table int32 [B, KV_LEN / PAGE], k and v [NUM_PAGES, H_KV, PAGE, D]. (The device table must have every
 * entry the kernels may read; the ids themselves are the entry point's to check: E0413.) */
function pageCount(data: RunData): number {
  const { table, size } = data.pages!;
  const { B, H_KV, KV_LEN, D } = data.sizes;
  const numPages = data.k.length / (H_KV * size * D);
  if (!Number.isInteger(size) || size < 1 || KV_LEN % size !== 0 || !(table instanceof Int32Array) || table.length !== B * (KV_LEN / size))
    throw new AttncError([diag("E0404", `a page table needs a page size dividing KV_LEN (${KV_LEN}) and B x KV_LEN / PAGE int32 entries`)]);
  if (!Number.isInteger(numPages) || numPages < 1 || data.v.length !== data.k.length)
    throw new AttncError([diag("E0404", `paged k and v must both be [NUM_PAGES, H_KV, PAGE, D] (PAGE = ${size}), got ${data.k.length} and ${data.v.length} elements`)]);
  return numPages;
}
