"""The package's exceptions, and the generated entry points' error codes as messages.

Contract: every failure the package can name is an `AttncError` subclass carrying a message that
says what was wrong and what to do; the codes below are the generated header's `ATTNC_ERR_*`
(backends/cuda/host.ts, ERROR_CODES) and must stay in step with it.
"""


class AttncError(Exception):
    """Base class of attnc_torch's errors."""


class AttncCompileError(AttncError):
    """The attnc CLI could not be found or run, or rejected the program (its diagnostics follow)."""


class AttncBuildError(AttncError):
    """nvcc could not be found, or failed to build the generated .cu (its output follows)."""


class AttncKernelError(AttncError):
    """A generated entry point returned an ATTNC_ERR_* code. `code` is that code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


# code -> (name, meaning): the generated header's list, in its words
ERROR_CODES = {
    1: ("ATTNC_ERR_NULL_POINTER", "q, k, v, o or a declared tensor is null"),
    2: ("ATTNC_ERR_SIZE", "a size is not positive, B or H exceeds 65535, a size exceeds 2^28, "
                          "or a derived input dim is below 1 or leaves int32"),
    3: ("ATTNC_ERR_GQA", "H is not a multiple of H_KV"),
    4: ("ATTNC_ERR_HEAD_DIM", "D is not a head dimension this kernel was generated for"),
    5: ("ATTNC_ERR_ALIGNMENT", "q, k, v, o not 16-byte aligned, or lse / a tensor not 4-byte aligned"),
    6: ("ATTNC_ERR_DTYPE", "the dtype is not one this kernel was generated for"),
    7: ("ATTNC_ERR_CUDA", "a CUDA call failed (shared-memory attribute, allocation or launch)"),
}


def kernel_error(entry: str, code: int, cuda_error: str = "") -> AttncKernelError:
    """The exception for `entry` returning `code`; `cuda_error`: the CUDA runtime's last error (ATTNC_ERR_CUDA)."""
    name, why = ERROR_CODES.get(code, (f"unknown code {code}", "not an ATTNC_ERR_* code of this package's version"))
    msg = f"{entry} returned {name} ({code}): {why}"
    if code == 7:
        msg += f"; CUDA says: {cuda_error}" if cuda_error else "; the CUDA runtime reported no error"
    else:
        msg += " (nothing was launched)"
    return AttncKernelError(msg, code)
