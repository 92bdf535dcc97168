"""`build` (a .attn file -> a cached shared library, no torch needed) and `load` (-> a callable op).

Contract: `load` compiles through the attnc CLI (`_cli`), builds with nvcc into the on-disk cache
(`_build`), checks the generated prototypes against what this package passes (`_kernel.check_header`),
registers the program's custom ops (`_ops.register`) and returns an `AttnKernel`. Calling it converts
the program's input tensors to the dtypes the C code reads (float32 for `f32`, int32 for `i32`;
autograd flows through the conversion) and calls the forward op.
"""
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional, Sequence, Tuple, Union

from . import _build, _cli
from ._errors import AttncError
from ._kernel import check_header
from ._manifest import Program, read_manifest
from ._schema import layout_code

if TYPE_CHECKING:
    from ._attn import AttnKernel

PathLike = Union[str, os.PathLike]
BACKWARD_HEAD_DIMS = (64, 128)


@dataclass(frozen=True)
class Built:
    """A compiled and built program: its library, manifest view and what it was generated for."""
    program: Program
    library: Path
    key: str  # the build's cache key (SHA-256)
    arch: str
    dtypes: Tuple[str, ...]  # "bf16", "f16"
    head_dims: Tuple[int, ...]
    cli: str  # where the CLI was found
    warnings: str  # the CLI's warnings (W0501, W0502, ...), possibly empty


def dtype_flag(dtype: object) -> Optional[str]:
    """None, a torch dtype or its name -> the CLI's --dtype value (None: both)."""
    if dtype is None:
        return None
    name = str(dtype).replace("torch.", "")
    flags = {"bfloat16": "bf16", "bf16": "bf16", "float16": "f16", "half": "f16", "fp16": "f16", "f16": "f16"}
    if name not in flags:
        raise ValueError(f"dtype must be torch.bfloat16, torch.float16 or None (both), got {dtype!r}")
    return flags[name]


def arch_for_capability(major: int, minor: int) -> str:
    """The CLI's --arch for a GPU: Hopper (9.x) gets the wgmma kernels, other GPUs from 8.0 the sm_80 ones."""
    if major == 9:
        return "sm_90a"
    if major >= 8:
        return "sm_80"
    raise AttncError(f"attnc's CUDA kernels need compute capability 8.0 or newer, this GPU has {major}.{minor}")


def build(path: PathLike, params: Optional[Mapping[str, object]] = None, *, arch: str = "sm_90a",
          head_dim: Optional[int] = None, dtype: object = None, backward: Optional[bool] = None,
          cli: Optional[_cli.CliSpec] = None, cache_dir: Optional[PathLike] = None, nvcc: Optional[str] = None,
          defines: Sequence[str] = ()) -> Built:
    """Compiles `path` for `arch` and builds its library (or finds it in the cache). Needs node and nvcc, not torch."""
    flag = dtype_flag(dtype)
    if backward is None:
        backward = head_dim is None or head_dim in BACKWARD_HEAD_DIMS
    found = _cli.find_cli(cli)
    with tempfile.TemporaryDirectory(prefix="attnc_torch-") as tmp:
        args = _cli.compile_args(path, tmp, params=params, arch=arch, head_dim=head_dim, dtype=flag, backward=backward)
        compiled = _cli.run_compile(found, args, tmp)
        prog = read_manifest(str(compiled.manifest))
        check_header(compiled.header.read_text(encoding="utf-8"), prog)
        so, key = _build.build_library(compiled.cu, prog.name, arch, cache_dir=cache_dir, nvcc=nvcc, defines=defines)
    return Built(program=prog, library=so, key=key, arch=arch,
                 dtypes=(flag,) if flag else ("bf16", "f16"),
                 head_dims=(int(head_dim),) if head_dim is not None else (64, 128),
                 cli=found.origin, warnings=compiled.warnings)


def load(path: PathLike, params: Optional[Mapping[str, object]] = None, *, arch: Optional[str] = None,
         head_dim: Optional[int] = None, dtype: object = None, backward: Optional[bool] = None,
         layout: str = "bhsd", cli: Optional[_cli.CliSpec] = None, cache_dir: Optional[PathLike] = None,
         nvcc: Optional[str] = None, defines: Sequence[str] = (), device: object = None) -> "AttnKernel":
    """Compiles, builds (cached) and loads a .attn program as a PyTorch op; see AttnKernel for the call.

    params: compile-time param overrides ({"cap": 30.0}). arch: "sm_90a" or "sm_80" (None: from the
    current GPU, or `device`'s). head_dim / dtype: build only that head dim (64, 128, 192, 256) / dtype
    (torch.bfloat16, torch.float16); None builds 64 and 128 / both. backward: also build the backward
    (None: when the head dims allow it: 64, 128). layout: the default of each call ("bhsd" or "bshd").
    """
    import torch

    layout_code(layout)
    if arch is None:
        if not torch.cuda.is_available():
            raise AttncError("no CUDA device: attnc_torch builds for the current GPU (or pass arch='sm_90a' / 'sm_80')")
        arch = arch_for_capability(*torch.cuda.get_device_capability(device))
    built = build(path, params, arch=arch, head_dim=head_dim, dtype=dtype, backward=backward, cli=cli,
                  cache_dir=cache_dir, nvcc=nvcc, defines=defines)
    if built.warnings:
        warnings.warn(f"attnc: {built.warnings}", stacklevel=2)
    from ._attn import AttnKernel

    return AttnKernel(built, layout)


def load_source(source: str, params: Optional[Mapping[str, object]] = None, **kwargs) -> "AttnKernel":
    """`load` for program text instead of a file."""
    with tempfile.TemporaryDirectory(prefix="attnc_torch-src-") as tmp:
        path = Path(tmp) / "program.attn"
        path.write_text(source, encoding="utf-8")
        return load(path, params, **kwargs)
