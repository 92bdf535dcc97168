"""The package itself: the in-tree build backend's wheel, and `pip install` from the folder with no
index (no network), then `import attnc_torch` without torch from the installed copy."""
import base64
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

from _helpers import PYTHON_DIR, REPO


def backend():
    spec = importlib.util.spec_from_file_location("attnc_torch_backend", PYTHON_DIR / "_build_backend" / "attnc_torch_backend.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pip_available() -> bool:
    return subprocess.run([sys.executable, "-m", "pip", "--version"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


class Wheel(unittest.TestCase):
    def test_wheel_contents_and_record(self):
        b = backend()
        self.assertEqual(b.get_requires_for_build_wheel(), [])
        version = b._version()
        with tempfile.TemporaryDirectory() as d:
            name = b.build_wheel(d)
            self.assertEqual(name, f"attnc_torch-{version}-py3-none-any.whl")
            with zipfile.ZipFile(os.path.join(d, name)) as z:
                names = z.namelist()
                files = {n: z.read(n) for n in names}
        sources = sorted(p.name for p in (PYTHON_DIR / "attnc_torch").glob("*.py"))
        self.assertEqual(sorted(n.split("/")[1] for n in names if n.startswith("attnc_torch/") and n.endswith(".py")), sources)
        self.assertEqual(json.loads(files["attnc_torch/_install.json"]), {"checkout": str(REPO)})
        info = f"attnc_torch-{version}.dist-info"
        meta = files[f"{info}/METADATA"].decode()
        self.assertIn("Name: attnc-torch", meta)
        self.assertIn(f"Version: {version}", meta)
        self.assertIn('Requires-Dist: torch>=2.5; extra == "torch"', meta)
        self.assertIn("Root-Is-Purelib: true", files[f"{info}/WHEEL"].decode())
        record = files[f"{info}/RECORD"].decode().splitlines()
        self.assertEqual(sorted(r.split(",")[0] for r in record), sorted(names))
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            if path.endswith("RECORD"):
                self.assertEqual((digest, size), ("", ""))
                continue
            data = files[path]
            want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            self.assertEqual((digest, int(size)), (want, len(data)), path)

    def test_editable(self):
        b = backend()
        with tempfile.TemporaryDirectory() as d:
            with zipfile.ZipFile(os.path.join(d, b.build_editable(d))) as z:
                self.assertEqual(z.read("attnc_torch.pth").decode().strip(), str(PYTHON_DIR))

    @unittest.skipUnless(pip_available(), "needs pip")
    def test_pip_install_offline(self):
        with tempfile.TemporaryDirectory() as d:
            site = Path(d) / "site"
            p = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--no-cache-dir",
                                "--disable-pip-version-check", "--target", str(site), str(PYTHON_DIR)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            self.assertEqual(p.returncode, 0, p.stdout)
            code = ("import sys, attnc_torch, attnc_torch._cli as c; "
                    "print(attnc_torch.__file__); print('torch' in sys.modules); "
                    "print(c.checkout_candidates()[-1])")
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            env["PYTHONPATH"] = str(site)
            r = subprocess.run([sys.executable, "-c", code], cwd=d, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            self.assertEqual(r.returncode, 0, r.stdout)
            where, torch_loaded, cli = r.stdout.splitlines()
            self.assertTrue(where.startswith(str(site)), where)
            self.assertEqual(torch_loaded, "False")  # importing the package does not import torch
            self.assertEqual(cli, str(REPO / "dist" / "cli" / "main.js"))


if __name__ == "__main__":
    unittest.main()
