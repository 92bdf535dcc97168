"""The build cache (attnc_torch._build) with a stand-in nvcc that records its calls, without torch.

What is pinned: a second build of the same file is a cache hit (no compiler call); every input of
the key (the .cu text, flags, the compiler's version) changes it; concurrent builders of one file
both succeed and leave one complete build and no temporary folders; a failed build raises with the
compiler's output and leaves nothing in the cache.
"""
import os
import stat
import sys
import tempfile
import threading
import unittest
from pathlib import Path

import _helpers  # noqa: F401  (sys.path)

from attnc_torch import AttncBuildError, _build

FAKE_NVCC = """#!{python}
import os, sys, time
args = sys.argv[1:]
with open({log!r}, "a") as f:
    f.write(" ".join(args) + "\\n")
if "--version" in args:
    print("Cuda compilation tools, release {version}")
    sys.exit(0)
if os.path.exists({fail!r}):
    print("shim.cu(3): error: something is wrong")
    sys.exit(2)
time.sleep(float(open({sleep!r}).read()) if os.path.exists({sleep!r}) else 0)
out = args[args.index("-o") + 1]
src = open(args[-1]).read()
with open(out, "w") as f:
    f.write("library built from:\\n" + src)
"""


class BuildCache(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.cache = self.dir / "cache"
        self.cu = self.dir / "k.cu"
        self.cu.write_text("// generated kernel v1\n")
        self.nvcc = self.fake_nvcc("13.0")

    def tearDown(self):
        self.tmp.cleanup()

    def fake_nvcc(self, version: str) -> str:
        p = self.dir / f"nvcc-{version}"
        p.write_text(FAKE_NVCC.format(python=sys.executable, log=str(self.dir / "calls.log"), version=version,
                                      fail=str(self.dir / "fail"), sleep=str(self.dir / "sleep")))
        p.chmod(p.stat().st_mode | stat.S_IXUSR)
        return str(p)

    def compiles(self) -> int:
        log = self.dir / "calls.log"
        return sum(1 for line in log.read_text().splitlines() if "--version" not in line) if log.exists() else 0

    def build(self, **kw):
        return _build.build_library(self.cu, "k", kw.pop("arch", "sm_90a"), cache_dir=self.cache,
                                    nvcc=kw.pop("nvcc", self.nvcc), **kw)

    def test_hit_and_layout(self):
        so, key = self.build()
        self.assertEqual(so, self.cache / key[:32] / "libk.so")
        self.assertIn('#include "k.cu"', so.read_text())  # nvcc compiled the shim, which includes the kernel
        self.assertIn("attnc_k_torch_last_error", so.read_text())
        self.assertEqual((so.parent / "k.cu").read_text(), "// generated kernel v1\n")
        self.assertEqual(sorted(p.name for p in so.parent.iterdir()), ["attnc-torch-shim.cu", "build.log", "k.cu", "libk.so"])
        log = (so.parent / "build.log").read_text()
        self.assertIn("-gencode=arch=compute_90a,code=sm_90a", log)
        self.assertIn("-Xcompiler -fPIC -shared", log)
        self.assertEqual(self.compiles(), 1)
        self.assertEqual(self.build(), (so, key))
        self.assertEqual(self.compiles(), 1)  # a hit: nvcc not called again

    def test_key_inputs(self):
        _, k1 = self.build()
        _, k_arch = self.build(arch="sm_80")
        _, k_def = self.build(defines=["ATTNC_SM90=0"])
        _, k_nvcc = self.build(nvcc=self.fake_nvcc("13.1"))
        self.cu.write_text("// generated kernel v2\n")
        _, k_cu = self.build()
        self.assertEqual(len({k1, k_arch, k_def, k_nvcc, k_cu}), 5)
        self.assertEqual(self.compiles(), 5)
        self.assertEqual(len([p for p in self.cache.iterdir()]), 5)
        self.assertIn("-gencode=arch=compute_80,code=compute_80", (self.cache / k_arch[:32] / "build.log").read_text())

    def test_key_is_a_function_of_its_parts(self):
        base = _build.cache_key("cu", "shim", ["-O3"], "v1")
        self.assertEqual(base, _build.cache_key("cu", "shim", ["-O3"], "v1"))
        for other in (("cu2", "shim", ["-O3"], "v1"), ("cu", "shim2", ["-O3"], "v1"), ("cu", "shim", ["-O2"], "v1"),
                      ("cu", "shim", ["-O3"], "v2"), ("cus", "him", ["-O3"], "v1"), ("cu", "shim", ["-O", "3"], "v1")):
            self.assertNotEqual(base, _build.cache_key(*other), other)

    def test_concurrent_builders(self):
        (self.dir / "sleep").write_text("0.5")  # both are inside nvcc at once
        results, errors = [], []

        def run():
            try:
                results.append(self.build())
            except Exception as e:  # noqa: BLE001
                errors.append(e)

        threads = [threading.Thread(target=run) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(set(results)), 1)
        so, _ = results[0]
        self.assertTrue(so.is_file())
        self.assertEqual([p.name for p in self.cache.iterdir()], [so.parent.name])  # no .build-* left
        self.assertGreaterEqual(self.compiles(), 2)  # they did race

    def test_failure(self):
        (self.dir / "fail").write_text("")
        with self.assertRaisesRegex(AttncBuildError, r"(?s)nvcc failed \(exit 2\) building k.*error: something is wrong"):
            self.build()
        self.assertEqual(list(self.cache.iterdir()), [])
        os.remove(self.dir / "fail")
        so, _ = self.build()  # nothing stale in the way
        self.assertTrue(so.is_file())

    def test_cache_dir_and_nvcc_lookup(self):
        self.assertEqual(_build.default_cache_dir({"ATTNC_TORCH_CACHE": "/c"}), Path("/c"))
        self.assertEqual(_build.default_cache_dir({"XDG_CACHE_HOME": "/x"}), Path("/x/attnc_torch"))
        self.assertEqual(_build.default_cache_dir({}), Path(os.path.expanduser("~")) / ".cache" / "attnc_torch")
        self.assertEqual(_build.find_nvcc(None, {"ATTNC_NVCC": self.nvcc, "PATH": ""}), self.nvcc)
        home = self.dir / "cuda"
        (home / "bin").mkdir(parents=True)
        os.link(self.nvcc, home / "bin" / "nvcc")
        self.assertEqual(_build.find_nvcc(None, {"CUDA_HOME": str(home), "PATH": ""}), str(home / "bin" / "nvcc"))
        if not os.path.exists("/usr/local/cuda/bin/nvcc"):
            with self.assertRaisesRegex(AttncBuildError, "nvcc not found"):
                _build.find_nvcc(None, {"PATH": str(self.dir / "empty")})
        with self.assertRaisesRegex(ValueError, "arch must be one of"):
            _build.build_flags("sm_75")


if __name__ == "__main__":
    unittest.main()
