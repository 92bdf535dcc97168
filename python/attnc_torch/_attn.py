"""The callable `load` returns: argument handling around the program's forward op.

Contract: `AttnKernel.__call__` only orders and converts arguments (the program's inputs to float32 /
int32, contiguous; per-row lengths to int32) with ordinary torch ops, then calls the forward op, so
torch.compile traces it whole (fullgraph) and autograd flows through the conversions to the caller's
tensors. Every check that guards memory is in the op itself (`_ops`).
"""
import torch

from . import _ops
from ._kernel import KernelLibrary
from ._schema import layout_code


class AttnKernel:
    """`attn(q, k, v, *tensors, q_lens=None, kv_lens=None, scale=None, layout=None, **named) -> (o, lse)`.

    q: [B, H, Q_LEN, D], k and v: [B, H_KV, KV_LEN, D] (layout "bhsd"; "bshd": [B, S, H, D]): bf16 or
    fp16 CUDA tensors of any strides, one dtype. `tensors`: the program's inputs in declaration order
    (or by name, as keywords). Returns o in q's dtype and layout (contiguous) and lse, float32
    [B, H, Q_LEN], natural log (NaN for sigmoid and none programs), detached: gradients flow through o only.
    scale None: 1/sqrt(D). q_lens, kv_lens: per-row lengths, [B] integer tensors (forward and backward).
    """

    def __deepcopy__(self, memo):
        # a loaded kernel is immutable and holds a ctypes library: a module's deep copy (EMA,
        # AveragedModel) shares it
        return self

    def __init__(self, built, layout: str = "bhsd"):
        self.built = built
        self.program = built.program
        self.name = built.program.name
        self.layout = layout_code(layout)
        self.input_names = tuple(i.name for i in built.program.inputs)
        self._kinds = tuple(i.dtype for i in built.program.inputs)
        self.library = KernelLibrary(str(built.library), built.program)
        spec = _ops.Spec(built.program, self.library, built.dtypes, built.head_dims)
        self.ops = _ops.register(spec, built.key)

    def __repr__(self) -> str:
        ins = ", ".join(f"{i.name}: {i.dtype}" for i in self.program.inputs)
        return (f"<attnc kernel {self.name}({ins}) {self.built.arch} {'/'.join(self.built.dtypes)} "
                f"D {'/'.join(map(str, self.built.head_dims))}>")

    def skeleton(self, head_dim: int) -> int:
        """90: the wgmma kernel runs for this head dim on the current device; 80: the mma.sync one; 0: none."""
        return self.library.skeleton(head_dim)

    def __call__(self, q, k, v, *tensors, q_lens=None, kv_lens=None, scale=None, layout=None, **named):
        ts = self._inputs(tensors, named)
        lay = self.layout if layout is None else layout_code(layout)
        if scale is None:
            s = 0.0  # the entry points' default: 1/sqrt(D)
        else:
            s = float(scale)
            if s == 0.0:
                raise ValueError("scale must be nonzero (None selects 1/sqrt(D))")
        o, lse = self.ops.fwd(q, k, v, *ts, _lengths(q_lens, "q_lens"), _lengths(kv_lens, "kv_lens"), s, lay)
        return o, lse.detach()

    def _inputs(self, tensors, named):
        """The program's inputs in declaration order, as float32 / int32 contiguous tensors."""
        names = self.input_names
        if len(tensors) > len(names):
            raise TypeError(f"{self.name} takes {len(names)} input tensor(s) ({', '.join(names) or 'none'}), "
                            f"got {len(tensors)}")
        for n in named:
            if n not in names:
                raise TypeError(f"{self.name} has no input {n!r} (its inputs: {', '.join(names) or 'none'})")
        out = []
        for i, name in enumerate(names):
            kind = self._kinds[i]
            if i < len(tensors):
                if name in named:
                    raise TypeError(f"input `{name}` given both by position and by name")
                t = tensors[i]
            elif name in named:
                t = named[name]
            else:
                raise TypeError(f"{self.name} needs its input `{name}` ({kind}): pass it after q, k, v or as {name}=...")
            if not isinstance(t, torch.Tensor):
                raise TypeError(f"input `{name}` must be a torch.Tensor, got {type(t).__name__}")
            if kind == "f32":
                if not t.is_floating_point():
                    raise TypeError(f"input `{name}` is f32: pass a floating-point tensor, got {t.dtype}")
                t = t.to(torch.float32)
            else:
                if t.is_floating_point() or t.is_complex():
                    raise TypeError(f"input `{name}` is i32: pass an integer or bool tensor, got {t.dtype}")
                t = t.to(torch.int32)  # values must fit in int32: not checked (that would synchronize)
            out.append(t.contiguous())
        return out


def _lengths(lens, what: str):
    if lens is None:
        return None
    if not isinstance(lens, torch.Tensor) or lens.is_floating_point() or lens.is_complex():
        raise TypeError(f"{what} must be an integer tensor of B lengths")
    return lens.to(torch.int32).contiguous()
