"""Building a generated `.cu` into a shared library with nvcc, cached on disk.

Contract:
- The library is `<cache>/<key>/lib<NAME>.so`, where `key` is the SHA-256 of everything that
  decides its bytes: the generated `.cu`, the shim below, the nvcc flags and nvcc's version text.
  An unchanged program is never rebuilt; a changed one never reuses a stale library.
- `<cache>` is the `cache_dir` argument, else `$ATTNC_TORCH_CACHE`, else
  `$XDG_CACHE_HOME/attnc_torch`, else `~/.cache/attnc_torch`.
- Concurrent builders are safe: each builds in a private temporary folder inside the cache and
  renames it to `<key>` in one step (POSIX `rename` of a folder is atomic); a loser of the race
  discards its copy and uses the winner's. A `<key>` folder therefore always holds a whole build.
- The shim is the generated `.cu` plus one function, `attnc_NAME_torch_last_error`, compiled into
  the same library: it returns the CUDA runtime's last error *of that library* (nvcc links the
  runtime statically, so PyTorch's own runtime cannot see it), for ATTNC_ERR_CUDA's message.
"""
import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from ._errors import AttncBuildError

log = logging.getLogger("attnc_torch")

BASE_FLAGS = ("-O3", "-std=c++17", "-Xcompiler", "-fPIC", "-shared")
# the CLI's --arch -> nvcc targets: sm_90a SASS for Hopper; sm_80 SASS plus compute_80 PTX, which
# newer GPUs (sm_86/89 run the SASS; sm_100 and later JIT the PTX) can run too
GENCODE: Dict[str, Tuple[str, ...]] = {
    "sm_90a": ("-gencode=arch=compute_90a,code=sm_90a",),
    "sm_80": ("-gencode=arch=compute_80,code=sm_80", "-gencode=arch=compute_80,code=compute_80"),
}
_nvcc_versions: Dict[str, str] = {}


def default_cache_dir(environ: Optional[Mapping[str, str]] = None) -> Path:
    environ = os.environ if environ is None else environ
    if environ.get("ATTNC_TORCH_CACHE"):
        return Path(environ["ATTNC_TORCH_CACHE"])
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "attnc_torch"


def find_nvcc(explicit: Optional[str] = None, environ: Optional[Mapping[str, str]] = None) -> str:
    """`nvcc`: the argument, `$ATTNC_NVCC`, `$CUDA_HOME/bin/nvcc`, `$CUDA_PATH/bin/nvcc`, PATH, /usr/local/cuda."""
    environ = os.environ if environ is None else environ
    candidates = [explicit, environ.get("ATTNC_NVCC")]
    candidates += [os.path.join(environ[v], "bin", "nvcc") for v in ("CUDA_HOME", "CUDA_PATH") if environ.get(v)]
    candidates += [shutil.which("nvcc", path=environ.get("PATH")), "/usr/local/cuda/bin/nvcc"]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    raise AttncBuildError("nvcc not found: put it on PATH, or set CUDA_HOME or ATTNC_NVCC (CUDA 12 or newer)")


def nvcc_version(nvcc: str) -> str:
    """`nvcc --version`'s text (part of the cache key), asked once per nvcc."""
    if nvcc not in _nvcc_versions:
        try:
            p = subprocess.run([nvcc, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as e:
            raise AttncBuildError(f"cannot run {nvcc}: {e}") from e
        if p.returncode != 0:
            raise AttncBuildError(f"{nvcc} --version failed:\n{p.stdout}")
        _nvcc_versions[nvcc] = p.stdout.strip()
    return _nvcc_versions[nvcc]


def build_flags(arch: str, defines: Sequence[str] = ()) -> List[str]:
    if arch not in GENCODE:
        raise ValueError(f"arch must be one of {', '.join(GENCODE)}, got {arch!r}")
    return [*BASE_FLAGS, *GENCODE[arch], *(f"-D{d}" for d in defines)]


def shim_source(name: str, cu_file: str) -> str:
    """The translation unit nvcc compiles: the generated file and the last-error query."""
    return (
        "// attnc_torch: the generated kernel file, plus its CUDA runtime's last error for error messages\n"
        f'#include "{cu_file}"\n'
        f'extern "C" const char* attnc_{name}_torch_last_error(void) {{\n'
        "  const cudaError_t e = cudaGetLastError();\n"
        '  return e == cudaSuccess ? "" : cudaGetErrorString(e);\n'
        "}\n"
    )


def cache_key(cu_text: str, shim: str, flags: Sequence[str], nvcc_ver: str) -> str:
    h = hashlib.sha256()
    for part in ("attnc_torch build 1", cu_text, shim, "\0".join(flags), nvcc_ver):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


SHIM_FILE = "attnc-torch-shim.cu"


def lib_name(name: str) -> str:
    return f"lib{name}.so"


def build_library(cu_path: os.PathLike, name: str, arch: str, *, cache_dir: Optional[os.PathLike] = None,
                  nvcc: Optional[str] = None, defines: Sequence[str] = ()) -> Tuple[Path, str]:
    """Builds (or finds in the cache) the library of a generated `.cu`; returns (path of the .so, key)."""
    cu_text = Path(cu_path).read_text(encoding="utf-8")
    nvcc = find_nvcc(nvcc)
    flags = build_flags(arch, defines)
    cu_file = f"{name}.cu"
    shim = shim_source(name, cu_file)
    key = cache_key(cu_text, shim, flags, nvcc_version(nvcc))
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    final = root / key[:32]
    so = final / lib_name(name)
    if so.is_file():
        return so, key
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".build-{name}-", dir=root))
    try:
        os.chmod(tmp, 0o755)  # mkdtemp's 0700 would keep a shared cache's builds from other users
        (tmp / cu_file).write_text(cu_text, encoding="utf-8")
        # the shim's file name has a hyphen, which no program name (an identifier) can produce
        (tmp / SHIM_FILE).write_text(shim, encoding="utf-8")
        cmd = [nvcc, *flags, "-o", lib_name(name), SHIM_FILE]
        log.info("attnc_torch: building %s for %s (nvcc, into %s)", name, arch, final)
        t0 = time.monotonic()
        try:
            p = subprocess.run(cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as e:
            raise AttncBuildError(f"cannot run {nvcc}: {e}") from e
        (tmp / "build.log").write_text(" ".join(cmd) + "\n" + p.stdout, encoding="utf-8")
        if p.returncode != 0 or not (tmp / lib_name(name)).is_file():
            raise AttncBuildError(f"nvcc failed (exit {p.returncode}) building {name}:\n{' '.join(cmd)}\n{p.stdout[-6000:]}")
        log.info("attnc_torch: built %s in %.1f s", name, time.monotonic() - t0)
        try:
            os.rename(tmp, final)  # atomic; fails if another process got there first
        except OSError:
            if not so.is_file():
                raise AttncBuildError(f"cannot move the build of {name} into {final} (and no complete build is there)")
        return so, key
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
