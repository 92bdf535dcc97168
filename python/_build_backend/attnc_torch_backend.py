"""attnc_torch's PEP 517 build backend: a pure-Python wheel from this folder, with no dependencies.

Why not setuptools: pip builds a package in an isolated environment and first installs the
backend's `requires` from the index, which fails offline. This backend requires nothing, so
`pip install ./python` works with no network. It writes:
- `attnc_torch/**.py`, plus `attnc_torch/_install.json` recording the checkout it was built from
  (so the installed package finds that checkout's `dist/cli/main.js`);
- `attnc_torch-VERSION.dist-info/` METADATA, WHEEL, top_level.txt and RECORD (PEP 427 / 376).
`build_editable` (PEP 660) writes a wheel holding one `.pth` file that puts this folder on sys.path.
The version is `__version__` of attnc_torch/__init__.py.
"""
import base64
import hashlib
import json
import os
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # python/
PKG = "attnc_torch"
DIST = "attnc_torch"  # the normalized distribution name used in file names
NAME = "attnc-torch"
SUMMARY = "attnc attention kernels (.attn programs) as PyTorch custom ops with autograd"
REQUIRES_PYTHON = ">=3.9"
TAG = "py3-none-any"


def _version() -> str:
    text = (HERE / PKG / "__init__.py").read_text(encoding="utf-8")
    m = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not m:
        raise RuntimeError("attnc_torch/__init__.py has no __version__")
    return m.group(1)


def _metadata(version: str) -> str:
    return "\n".join([
        "Metadata-Version: 2.1",
        f"Name: {NAME}",
        f"Version: {version}",
        f"Summary: {SUMMARY}",
        "License: Apache-2.0",
        f"Requires-Python: {REQUIRES_PYTHON}",
        "Provides-Extra: torch",
        'Requires-Dist: torch>=2.5; extra == "torch"',
        "",
        "PyTorch ops from attnc .attn programs: see docs/training.md of the attnc repository.",
        "",
    ])


def _wheel_file() -> str:
    return f"Wheel-Version: 1.0\nGenerator: attnc_torch_backend\nRoot-Is-Purelib: true\nTag: {TAG}\n"


def _sources():
    """(archive name, bytes) of the package's Python files, sorted (reproducible wheels)."""
    for p in sorted((HERE / PKG).rglob("*.py")):
        if "__pycache__" not in p.parts:
            yield p.relative_to(HERE).as_posix(), p.read_bytes()


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _write_wheel(wheel_directory: str, files) -> str:
    version = _version()
    info = f"{DIST}-{version}.dist-info"
    files = list(files) + [
        (f"{info}/METADATA", _metadata(version).encode()),
        (f"{info}/WHEEL", _wheel_file().encode()),
        (f"{info}/top_level.txt", f"{PKG}\n".encode()),
    ]
    record = "\n".join([_record_line(n, d) for n, d in files] + [f"{info}/RECORD,,", ""])
    name = f"{DIST}-{version}-{TAG}.whl"
    os.makedirs(wheel_directory, exist_ok=True)
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files + [(f"{info}/RECORD", record.encode())]:
            zi = zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0))
            zi.external_attr = 0o644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, d)
    return name


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    checkout = json.dumps({"checkout": str(HERE.parent)}, indent=2) + "\n"
    return _write_wheel(wheel_directory, [*_sources(), (f"{PKG}/_install.json", checkout.encode())])


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, [(f"{DIST}.pth", (str(HERE) + "\n").encode())])
