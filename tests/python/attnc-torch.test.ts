/**
 * The PyTorch package's tests that need no torch and no GPU (python/tests/test_cpu_*.py, issue #14),
 * run with the machine's python3 (unittest, so pytest is not needed): the derived-dim evaluator
 * against compiler/ir/dims.ts, finding and running the CLI, the nvcc build cache (a stand-in nvcc),
 * the entry points' prototypes and error codes through ctypes (a real nvcc build where nvcc is
 * installed), the wheel and an offline `pip install` (where pip is). Skipped, saying so, without
 * python3 3.9+. The GPU tests (python/tests/test_gpu.py) run on the GPU machine: run_gpu.sh.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const python = (() => {
  const r = spawnSync("python3", ["-c", "import sys; print(sys.version_info >= (3, 9))"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() === "True";
})();

describe("python/attnc_torch without torch", () => {
  it.skipIf(!python)("python3 -m unittest discover python/tests -p 'test_cpu_*.py' passes", () => {
    const r = spawnSync("python3", ["-m", "unittest", "discover", "-s", "python/tests", "-p", "test_cpu_*.py"], {
      encoding: "utf8",
      timeout: 280_000,
      killSignal: "SIGKILL",
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONPATH: "" },
    });
    const log = `${r.stdout}\n${r.stderr}`;
    expect(r.status, log).toBe(0);
    expect(r.stderr).toMatch(/^OK/m);
    expect(r.stderr).toMatch(/Ran [1-9]\d* tests/);
  }, 300_000);
  it.skipIf(python)("python3 3.9+ is not installed: the attnc_torch CPU tests are skipped", () => {});
});
