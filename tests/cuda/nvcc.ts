/**
 * Compiling generated CUDA with nvcc from tests: a small parallel job runner and the parser of
 * `--resource-usage` output (registers, stack frame, spills per kernel function).
 */
import { spawn, spawnSync } from "node:child_process";

export const ARCH_FLAGS = {
  sm_80: "-gencode=arch=compute_80,code=sm_80",
  sm_90a: "-gencode=arch=compute_90a,code=sm_90a",
} as const;

export function nvccAvailable(): boolean {
  return spawnSync("nvcc", ["--version"], { encoding: "utf8" }).status === 0;
}

export interface NvccResult {
  file: string;
  ok: boolean;
  output: string;
  seconds: number;
}

export function nvcc(file: string, out: string, archs: (keyof typeof ARCH_FLAGS)[], defines: string[] = []): Promise<NvccResult> {
  return spawnNvcc(file, ["-O3", "-std=c++17", ...archs.map((a) => ARCH_FLAGS[a]), ...defines.map((d) => `-D${d}`), "--resource-usage", "-c", "-o", out, file]);
}

/**
 * The quick check that a generated file compiles: its device code to PTX for one arch. That runs
 * nvcc's C++ front end over the whole file (host code included: every name, type and template
 * error) and cicc, but not ptxas nor the host compiler: about 3 s for a file with one head dim at
 * sm_90a (both skeletons), where `nvcc -c` for sm_80 + sm_90a and two head dims takes 20-60 s.
 */
export function nvccPtx(file: string, out: string, arch: keyof typeof ARCH_FLAGS = "sm_90a"): Promise<NvccResult> {
  return spawnNvcc(file, ["-std=c++17", `-arch=${arch}`, "--ptx", "-o", out, file]);
}

function spawnNvcc(file: string, args: string[]): Promise<NvccResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn("nvcc", args);
    let output = "";
    p.stdout.on("data", (d) => (output += d));
    p.stderr.on("data", (d) => (output += d));
    p.on("close", (code) => resolve({ file, ok: code === 0, output, seconds: (Date.now() - t0) / 1000 }));
  });
}

/** Runs `jobs` with at most `workers` at a time. */
export async function pool<T>(jobs: (() => Promise<T>)[], workers: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const run = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: workers }, run));
  return results;
}

export interface FunctionUsage {
  arch: string;
  name: string;
  registers: number;
  stackFrame: number;
  spillStores: number;
  spillLoads: number;
}

/** Parses ptxas' resource-usage lines into one record per compiled function. */
export function parseResourceUsage(text: string): FunctionUsage[] {
  const out: FunctionUsage[] = [];
  const re =
    /Compiling entry function '([^']+)' for '(sm_\w+)'[\s\S]*?Function properties for \1\s+(\d+) bytes stack frame, (\d+) bytes spill stores, (\d+) bytes spill loads\s+ptxas info\s+: Used (\d+) registers/g;
  for (const m of text.matchAll(re)) {
    out.push({ name: m[1]!, arch: m[2]!, stackFrame: +m[3]!, spillStores: +m[4]!, spillLoads: +m[5]!, registers: +m[6]! });
  }
  return out;
}
