"""Shared by the tests: the repository's paths, and what this machine has (node + a built CLI, nvcc, a GPU).

The tests import attnc_torch as installed (run_gpu.sh installs it) or, when it is not importable,
from python/ of this checkout.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
PYTHON_DIR = TESTS.parent
REPO = PYTHON_DIR.parent
EXAMPLES = REPO / "examples"
CLI_JS = REPO / "dist" / "cli" / "main.js"

try:
    import attnc_torch  # noqa: F401  (installed: use that copy)
except ImportError:
    sys.path.insert(0, str(PYTHON_DIR))


def cli_available() -> bool:
    """node on PATH and a built CLI in this checkout (`npm run build`)."""
    return shutil.which("node") is not None and CLI_JS.is_file()


def nvcc_available() -> bool:
    return shutil.which("nvcc") is not None


def gpu_visible() -> bool:
    """Whether an NVIDIA GPU may be present (then no test calls an entry point with fake pointers)."""
    if os.path.exists("/dev/nvidia0") or os.path.exists("/dev/nvidiactl"):
        return True
    smi = shutil.which("nvidia-smi")
    if smi is None:
        return False
    try:
        return subprocess.run([smi, "-L"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return True


# i32 input between two f32 inputs, a literal dim from a param, a derived dim: the argument order of
# the entry points and of the backward's gradients is what this fixture pins
MIXED_ATTN = """\
# test fixture (python/tests): an i32 input between two f32 inputs, a param dim and a derived dim
attention mixed {
  param nb: int = 9
  input bias: f32[H, nb]
  input doc: i32[B, Q_LEN]
  input gate: f32[B, cdiv(KV_LEN, 16) + 1]

  mask doc[b, q] == doc[b, kv]
  score s + bias[h, min(kv - q, 8)] * gate[b, kv / 16]
}
"""
