"""attnc_torch: attention variants written in attnc's `.attn` language as PyTorch ops.

    import attnc_torch
    attn = attnc_torch.load("examples/softcap.attn", params={"cap": 30.0})
    o, lse = attn(q, k, v)          # q, k, v: bf16/fp16 CUDA tensors [B, H, S, D]
    o.sum().backward()              # dq, dk, dv (and gradients of the program's f32 inputs)

`load` compiles the program with the attnc CLI, builds the generated CUDA file with nvcc (cached on
disk by content hash), and registers it as torch.library custom ops with a fake implementation
(torch.compile, CUDA graphs) and an autograd formula (the generated backward). See docs/training.md.

Importing this package needs no torch; `load` does. `build` (compile + nvcc, no torch) prepares the
cache ahead of time.
"""
from ._errors import AttncBuildError, AttncCompileError, AttncError, AttncKernelError
from ._load import Built, build, load, load_source

__version__ = "0.1.0"
__all__ = ["load", "load_source", "build", "Built", "AttncError", "AttncCompileError", "AttncBuildError",
           "AttncKernelError", "__version__"]
