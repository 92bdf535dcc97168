"""The generated library's entry points through ctypes, on raw device pointers (no torch here).

Contract: `KernelLibrary` binds `attnc_NAME_forward`, `_forward_varlen`, `_backward` (when the file
was compiled with --backward), `_skeleton` and the shim's `_torch_last_error` with argument lists
built from the program (one pointer per declared input, one gradient pointer per `f32` input),
checked against the generated header's prototypes (`check_header`) so that a CLI whose ABI drifted
from this package fails loudly instead of passing arguments in the wrong places. A nonzero return
raises AttncKernelError with the code's meaning (and, for ATTNC_ERR_CUDA, the CUDA runtime's
message).
"""
import ctypes
import re
from typing import List, Optional, Sequence

from ._errors import AttncKernelError, kernel_error
from ._manifest import Program

_P, _I, _F = ctypes.c_void_p, ctypes.c_int, ctypes.c_float
DTYPE_CODES = {"bf16": 0, "f16": 1}


def forward_params(prog: Program, varlen: bool) -> List[str]:
    """The forward entry point's parameter names, in order (docs/backends/cuda.md, The entry point)."""
    names = ["q", "k", "v", "o", "lse", "B", "H", "H_KV", "Q_LEN", "KV_LEN", "D", "scale", "dtype"]
    names += [f"in_{i.name}" for i in prog.inputs]
    return names + (["q_lens", "kv_lens"] if varlen else []) + ["stream"]


def backward_params(prog: Program, varlen: bool = False) -> List[str]:
    """The backward entry point's parameter names, in order (docs/backends/cuda.md, The backward)."""
    names = ["q", "k", "v", "o", "lse", "dO", "dq", "dk", "dv", "B", "H", "H_KV", "Q_LEN", "KV_LEN", "D", "scale", "dtype"]
    names += [f"in_{i.name}" for i in prog.inputs] + [f"d_{g}" for g in prog.grads]
    return names + (["q_lens", "kv_lens"] if varlen else []) + ["stream"]


def _argtypes(names: Sequence[str]) -> list:
    ints = {"B", "H", "H_KV", "Q_LEN", "KV_LEN", "D", "dtype"}
    return [_F if n == "scale" else _I if n in ints else _P for n in names]


def header_params(header: str, fn: str) -> Optional[List[str]]:
    """The parameter names of `int fn(...)` in a generated header, or None when it is not declared."""
    m = re.search(r"\bint\s+" + re.escape(fn) + r"\s*\(([^)]*)\)", header)
    if not m:
        return None
    return [re.split(r"[\s*]+", p.strip())[-1] for p in m.group(1).split(",") if p.strip()]


def check_header(header: str, prog: Program) -> None:
    """Raises AttncKernelError when the header's entry points do not take the arguments this package passes."""
    expected = {f"attnc_{prog.name}_forward": forward_params(prog, False),
                f"attnc_{prog.name}_forward_varlen": forward_params(prog, True)}
    if prog.has_backward:
        expected[f"attnc_{prog.name}_backward"] = backward_params(prog)
        expected[f"attnc_{prog.name}_backward_varlen"] = backward_params(prog, True)
    for fn, names in expected.items():
        got = header_params(header, fn)
        if got != names:
            raise AttncKernelError(
                f"the generated {fn} takes ({', '.join(got) if got else 'not declared'}), but attnc_torch passes "
                f"({', '.join(names)}): the attnc CLI and attnc_torch are out of step", -1)


class KernelLibrary:
    def __init__(self, so_path: str, prog: Program):
        self.prog = prog
        self.lib = ctypes.CDLL(str(so_path))
        n = prog.name
        self._fwd = self._bind(f"attnc_{n}_forward", forward_params(prog, False))
        self._fwd_varlen = self._bind(f"attnc_{n}_forward_varlen", forward_params(prog, True))
        self._bwd = self._bind(f"attnc_{n}_backward", backward_params(prog)) if prog.has_backward else None
        self._bwd_varlen = self._bind(f"attnc_{n}_backward_varlen", backward_params(prog, True)) if prog.has_backward else None
        self._skeleton = getattr(self.lib, f"attnc_{n}_skeleton")
        self._skeleton.restype, self._skeleton.argtypes = _I, [_I]
        self._last_error = getattr(self.lib, f"attnc_{n}_torch_last_error")
        self._last_error.restype, self._last_error.argtypes = ctypes.c_char_p, []

    def _bind(self, fn: str, names: Sequence[str]):
        f = getattr(self.lib, fn)
        f.restype, f.argtypes = _I, _argtypes(names)
        return f

    def skeleton(self, head_dim: int) -> int:
        """90: the sm_90a (wgmma) kernel runs for this head dim on the current device; 80: sm_80; 0: no such D."""
        return self._skeleton(head_dim)

    def last_error(self) -> str:
        return (self._last_error() or b"").decode("utf-8", "replace")

    def _check(self, entry: str, rc: int) -> None:
        if rc != 0:
            raise kernel_error(f"attnc_{self.prog.name}_{entry}", rc, self.last_error() if rc == 7 else "")

    def forward(self, q: int, k: int, v: int, o: int, lse: Optional[int], sizes: Sequence[int], scale: float,
                dtype: int, tensors: Sequence[int], stream: int,
                q_lens: Optional[int] = None, kv_lens: Optional[int] = None) -> None:
        """sizes: (B, H, H_KV, Q_LEN, KV_LEN, D); pointers as ints (0/None: NULL)."""
        args = [q, k, v, o, lse, *sizes, scale, dtype, *tensors]
        if q_lens is None and kv_lens is None:
            self._check("forward", self._fwd(*args, stream))
        else:
            self._check("forward_varlen", self._fwd_varlen(*args, q_lens, kv_lens, stream))

    def backward(self, q: int, k: int, v: int, o: Optional[int], lse: Optional[int], do: int, dq: int, dk: int,
                 dv: int, sizes: Sequence[int], scale: float, dtype: int, tensors: Sequence[int],
                 grads: Sequence[int], stream: int, q_lens: Optional[int] = None, kv_lens: Optional[int] = None) -> None:
        if self._bwd is None:
            raise AttncKernelError(f"{self.prog.name} was compiled without --backward (load(..., backward=True))", -1)
        args = [q, k, v, o, lse, do, dq, dk, dv, *sizes, scale, dtype, *tensors, *grads]
        if q_lens is None and kv_lens is None:
            self._check("backward", self._bwd(*args, stream))
        else:
            self._check("backward_varlen", self._bwd_varlen(*args, q_lens, kv_lens, stream))
