"""A loaded program as two torch.library custom ops (forward and backward) with an autograd formula.

Contract:
- `attnc::NAME_<key>_fwd(q, k, v, in_NAME..., q_lens?, kv_lens?, scale, layout) -> (o, lse)`:
  q, k, v bf16 or fp16 CUDA tensors of any strides in the layout's shape (`layout` 0: [B, H, S, D],
  1: [B, S, H, D]); `in_NAME` float32 (`f32` inputs) or int32 (`i32`) CUDA tensors of the declared
  shape; o is contiguous in q's layout and dtype, lse float32 [B, H, Q_LEN] (NaN for sigmoid and none).
- `attnc::NAME_<key>_bwd(q, k, v, o, lse, dO, in_NAME..., q_lens?, kv_lens?, scale, layout) -> (dq, dk, dv, d_NAME...)`:
  dq, dk, dv in the dtype and layout of q, k, v; d_NAME float32 of NAME's shape.
- Both check every argument before any pointer reaches C (the C entry points trust the tensors'
  shapes); the fake implementations give the same shapes, dtypes and strides without data.
- The kernels run on PyTorch's current stream of the tensors' device (the entry points take it).
- The forward's autograd formula calls the backward op; lse carries no gradient (the wrapper
  returns it detached); with per-row lengths the backward is attnc_NAME_backward_varlen.
"""
from typing import Dict, List, Optional, Sequence, Tuple

import torch

from ._kernel import DTYPE_CODES, KernelLibrary
from ._manifest import DimError, Program, input_shape, shape_text
from ._schema import op_base_name, op_schemas

NAMESPACE = "attnc"
TORCH_DTYPES = {torch.bfloat16: "bf16", torch.float16: "f16"}
DTYPE_NAMES = {"bf16": "torch.bfloat16", "f16": "torch.float16"}
MAX_BH = 65535
MAX_SIZE = 2 ** 28


class Spec:
    """What the ops check against: the program, its library, and what the file was generated for."""

    def __init__(self, prog: Program, lib: KernelLibrary, dtypes: Sequence[str], head_dims: Sequence[int]):
        self.prog, self.lib = prog, lib
        self.dtypes, self.head_dims = tuple(dtypes), tuple(head_dims)


def qkv_sizes(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, layout: int) -> Dict[str, int]:
    """B, H, H_KV, Q_LEN, KV_LEN, D from the shapes (rank and agreement checked)."""
    for n, t in (("q", q), ("k", k), ("v", v)):
        if t.dim() != 4:
            want = "[B, H, S, D]" if layout == 0 else "[B, S, H, D]"
            raise ValueError(f"{n} must be 4-D {want} (layout {'bhsd' if layout == 0 else 'bshd'}), got shape {tuple(t.shape)}")
    if layout == 0:
        (B, H, Sq, D), (Bk, Hkv, Skv, Dk) = q.shape, k.shape
    else:
        (B, Sq, H, D), (Bk, Skv, Hkv, Dk) = q.shape, k.shape
    if k.shape != v.shape:  # v's head dim equals D: the kernels take one D
        raise ValueError(f"k and v must have the same shape, got {tuple(k.shape)} and {tuple(v.shape)}")
    if Bk != B or Dk != D:
        raise ValueError(f"q {tuple(q.shape)} and k {tuple(k.shape)} must agree on B and D")
    return {"B": int(B), "H": int(H), "H_KV": int(Hkv), "Q_LEN": int(Sq), "KV_LEN": int(Skv), "D": int(D)}


def check_qkv(spec: Spec, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, layout: int,
              backward: bool = False) -> Dict[str, int]:
    """Every check of q, k, v the entry point would make, with the reason in words."""
    for n, t in (("q", q), ("k", k), ("v", v)):
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"{n} must be a torch.Tensor, got {type(t).__name__}")
        if t.dtype not in TORCH_DTYPES:
            raise TypeError(f"{n} is {t.dtype}: attnc kernels take torch.bfloat16 or torch.float16")
        if t.device.type != "cuda":
            raise ValueError(f"{n} is on {t.device}: attnc kernels run on CUDA tensors")
    if not (q.dtype == k.dtype == v.dtype):
        raise TypeError(f"q, k, v must have one dtype, got {q.dtype}, {k.dtype}, {v.dtype}")
    if not (q.device == k.device == v.device):
        raise ValueError(f"q, k, v must be on one device, got {q.device}, {k.device}, {v.device}")
    if TORCH_DTYPES[q.dtype] not in spec.dtypes:
        built = " and ".join(DTYPE_NAMES[d] for d in spec.dtypes)
        raise TypeError(f"q, k, v are {q.dtype} but this kernel was built for {built} only (load(..., dtype=None) builds both)")
    sz = qkv_sizes(q, k, v, layout)
    D = sz["D"]
    if D not in spec.head_dims:
        raise ValueError(f"head dim D={D} is not one this kernel was built for ({', '.join(map(str, spec.head_dims))}); "
                         "load(..., head_dim=N) builds N in 64, 128 (and 192, 256 without backward)")
    if backward and D not in (64, 128):
        raise ValueError(f"the backward takes head dims 64 and 128, not D={D}")
    if sz["H_KV"] == 0 or sz["H"] % sz["H_KV"] != 0:
        raise ValueError(f"the query heads H={sz['H']} must be a multiple of the key/value heads H_KV={sz['H_KV']}")
    if sz["B"] > MAX_BH or sz["H"] > MAX_BH:
        raise ValueError(f"B={sz['B']} and H={sz['H']} must be at most {MAX_BH}")
    if max(sz["Q_LEN"], sz["KV_LEN"], sz["H_KV"]) > MAX_SIZE:
        raise ValueError(f"Q_LEN, KV_LEN and H_KV must be at most 2^28 (the tile classes are proved up to it), got {sz}")
    return sz


def check_inputs(spec: Spec, tensors: Sequence[torch.Tensor], sz: Dict[str, int], device: torch.device) -> None:
    """The declared inputs: count, dtype (float32 / int32: the wrapper converts), device, contiguity, shape."""
    prog = spec.prog
    if len(tensors) != len(prog.inputs):
        raise TypeError(f"{prog.name} takes {len(prog.inputs)} input tensor(s) "
                        f"({', '.join(i.name for i in prog.inputs) or 'none'}), got {len(tensors)}")
    for inp, t in zip(prog.inputs, tensors):
        want = torch.float32 if inp.dtype == "f32" else torch.int32
        if t.dtype != want:
            raise TypeError(f"input `{inp.name}` must be {want} here, got {t.dtype}")
        if t.device != device:
            raise ValueError(f"input `{inp.name}` is on {t.device}, q on {device}")
        if not t.is_contiguous():
            raise ValueError(f"input `{inp.name}` must be contiguous here")
        try:
            shape = input_shape(inp, sz)
        except DimError as e:
            raise ValueError(str(e)) from None
        if tuple(t.shape) != shape:
            raise ValueError(f"input `{inp.name}` must have shape {shape_text(inp, sz)} = {list(shape)} "
                             f"for these q, k, v, got {list(t.shape)}")


def check_lens(lens: Optional[torch.Tensor], what: str, B: int, device: torch.device) -> None:
    if lens is None:
        return
    if lens.dtype != torch.int32 or lens.device != device or tuple(lens.shape) != (B,) or not lens.is_contiguous():
        raise ValueError(f"{what} must be a contiguous int32 tensor of shape [{B}] on {device}, "
                         f"got {lens.dtype} {list(lens.shape)} on {lens.device}")


def bhsd(t: torch.Tensor, layout: int) -> torch.Tensor:
    """t as a contiguous [B, H, S, D] tensor whose data is 16-byte aligned (what the entry points read)."""
    x = (t if layout == 0 else t.transpose(1, 2)).contiguous()
    return x if x.data_ptr() % 16 == 0 else x.clone()


def from_bhsd(x32: torch.Tensor, dtype: torch.dtype, layout: int) -> torch.Tensor:
    """A float32 [B, H, S, D] result as a contiguous tensor of `dtype` in the layout, in one copy."""
    if layout == 0:
        return x32.to(dtype)
    B, H, S, D = x32.shape
    out = torch.empty((B, S, H, D), dtype=dtype, device=x32.device)
    out.copy_(x32.transpose(1, 2))
    return out


def layout_shape(B: int, H: int, S: int, D: int, layout: int) -> Tuple[int, int, int, int]:
    return (B, H, S, D) if layout == 0 else (B, S, H, D)


def grad_indices(prog: Program) -> List[int]:
    """The positions among the inputs of the backward's d_NAME outputs, in their order."""
    names = [i.name for i in prog.inputs]
    return [names.index(g) for g in prog.grads]


def _ptr(t: Optional[torch.Tensor]) -> Optional[int]:
    return None if t is None else t.data_ptr()


def forward_impl(spec: Spec, q, k, v, tensors, q_lens, kv_lens, scale: float, layout: int):
    sz = check_qkv(spec, q, k, v, layout)
    B, H, H_KV, Sq, Skv, D = (sz[n] for n in ("B", "H", "H_KV", "Q_LEN", "KV_LEN", "D"))
    no_lse = spec.prog.normalize != "softmax"  # sigmoid, none: no lse
    dev = q.device
    if B * H * Sq == 0 or Skv == 0:  # nothing to launch: no rows, or rows that see no key
        o = torch.zeros(layout_shape(B, H, Sq, D, layout), dtype=q.dtype, device=dev)
        return o, torch.full((B, H, Sq), float("nan") if no_lse else float("-inf"), dtype=torch.float32, device=dev)
    # contiguous here, not only in the wrapper: under torch.compile the op gets what Inductor passes
    tensors = [t.contiguous() for t in tensors]
    q_lens, kv_lens = (None if t is None else t.contiguous() for t in (q_lens, kv_lens))
    check_inputs(spec, tensors, sz, dev)
    check_lens(q_lens, "q_lens", B, dev)
    check_lens(kv_lens, "kv_lens", B, dev)
    qc, kc, vc = bhsd(q, layout), bhsd(k, layout), bhsd(v, layout)
    o32 = torch.empty((B, H, Sq, D), dtype=torch.float32, device=dev)
    lse = torch.full((B, H, Sq), float("nan"), dtype=torch.float32, device=dev) if no_lse else torch.empty((B, H, Sq), dtype=torch.float32, device=dev)
    with torch.cuda.device(dev):
        stream = torch.cuda.current_stream(dev).cuda_stream
        spec.lib.forward(qc.data_ptr(), kc.data_ptr(), vc.data_ptr(), o32.data_ptr(), None if no_lse else lse.data_ptr(),
                         (B, H, H_KV, Sq, Skv, D), scale, DTYPE_CODES[TORCH_DTYPES[q.dtype]],
                         [t.data_ptr() for t in tensors], stream, _ptr(q_lens), _ptr(kv_lens))
    return from_bhsd(o32, q.dtype, layout), lse


def backward_impl(spec: Spec, q, k, v, o, lse, do, tensors, q_lens, kv_lens, scale: float, layout: int):
    sz = check_qkv(spec, q, k, v, layout, backward=True)
    B, H, H_KV, Sq, Skv, D = (sz[n] for n in ("B", "H", "H_KV", "Q_LEN", "KV_LEN", "D"))
    dev = q.device
    grads_of = [tensors[i] for i in grad_indices(spec.prog)]  # the d_NAME order of the entry point
    if B * H * Sq == 0 or Skv == 0:
        return (torch.zeros_like(q, memory_format=torch.contiguous_format), torch.zeros_like(k, memory_format=torch.contiguous_format),
                torch.zeros_like(v, memory_format=torch.contiguous_format), *[torch.zeros(t.shape, dtype=torch.float32, device=dev) for t in grads_of])
    tensors = [t.contiguous() for t in tensors]
    q_lens, kv_lens = (None if t is None else t.contiguous() for t in (q_lens, kv_lens))
    check_inputs(spec, tensors, sz, dev)
    check_lens(q_lens, "q_lens", B, dev)
    check_lens(kv_lens, "kv_lens", B, dev)
    if tuple(o.shape) != tuple(q.shape) or tuple(do.shape) != tuple(q.shape):
        raise ValueError(f"o and dO must have q's shape {tuple(q.shape)}, got {tuple(o.shape)} and {tuple(do.shape)}")
    no_lse = spec.prog.normalize != "softmax"  # sigmoid, none: no lse
    if not no_lse and (tuple(lse.shape) != (B, H, Sq) or lse.dtype != torch.float32):
        raise ValueError(f"lse must be float32 [{B}, {H}, {Sq}], got {lse.dtype} {list(lse.shape)}")
    qc, kc, vc = bhsd(q, layout), bhsd(k, layout), bhsd(v, layout)
    doc = bhsd(do.to(q.dtype), layout)
    o32 = bhsd(o, layout).to(torch.float32)  # the forward's o, rounded to q's dtype (as FlashAttention's delta)
    lse_c = None if no_lse else lse.contiguous()
    dq = torch.empty((B, H, Sq, D), dtype=torch.float32, device=dev)
    dk = torch.empty((B, H_KV, Skv, D), dtype=torch.float32, device=dev)
    dv = torch.empty((B, H_KV, Skv, D), dtype=torch.float32, device=dev)
    dts = [torch.empty(t.shape, dtype=torch.float32, device=dev) for t in grads_of]
    with torch.cuda.device(dev):
        stream = torch.cuda.current_stream(dev).cuda_stream
        spec.lib.backward(qc.data_ptr(), kc.data_ptr(), vc.data_ptr(), o32.data_ptr(), _ptr(lse_c), doc.data_ptr(),
                          dq.data_ptr(), dk.data_ptr(), dv.data_ptr(), (B, H, H_KV, Sq, Skv, D), scale,
                          DTYPE_CODES[TORCH_DTYPES[q.dtype]], [t.data_ptr() for t in tensors],
                          [g.data_ptr() for g in dts], stream, _ptr(q_lens), _ptr(kv_lens))
    return (from_bhsd(dq, q.dtype, layout), from_bhsd(dk, k.dtype, layout), from_bhsd(dv, v.dtype, layout), *dts)


def forward_fake(spec: Spec, q, k, v, layout: int):
    if q.dim() != 4:
        raise ValueError(f"q must be 4-D, got shape {tuple(q.shape)}")
    if layout == 0:
        B, H, Sq, D = q.shape
    else:
        B, Sq, H, D = q.shape
    return q.new_empty(q.shape), q.new_empty((B, H, Sq), dtype=torch.float32)


class Ops:
    """The registered op pair of one library (OpOverloads: what torch.compile sees)."""

    def __init__(self, fwd, bwd, fwd_def, bwd_def):
        self.fwd, self.bwd = fwd, bwd
        self._defs = (fwd_def, bwd_def)  # keep the registrations alive


_registered: Dict[str, Ops] = {}  # op base name -> Ops: torch.library allows one definition per name


def register(spec: Spec, key: str) -> Ops:
    """Defines (once per process and library) the forward and backward ops and the autograd formula."""
    base = op_base_name(spec.prog, key)
    if base in _registered:
        return _registered[base]
    n = len(spec.prog.inputs)
    grad_index = grad_indices(spec.prog)
    fwd_schema, bwd_schema = op_schemas(spec.prog)

    def fwd(q, k, v, *rest):
        return forward_impl(spec, q, k, v, list(rest[:n]), rest[n], rest[n + 1], float(rest[n + 2]), int(rest[n + 3]))

    def fwd_fake(q, k, v, *rest):
        return forward_fake(spec, q, k, v, int(rest[n + 3]))

    def bwd(q, k, v, o, lse, do, *rest):
        return backward_impl(spec, q, k, v, o, lse, do, list(rest[:n]), rest[n], rest[n + 1], float(rest[n + 2]), int(rest[n + 3]))

    def bwd_fake(q, k, v, o, lse, do, *rest):
        tensors = rest[:n]
        return (q.new_empty(q.shape), k.new_empty(k.shape), v.new_empty(v.shape),
                *[tensors[i].new_empty(tensors[i].shape, dtype=torch.float32) for i in grad_index])

    fwd_def = torch.library.custom_op(f"{NAMESPACE}::{base}_fwd", fwd, mutates_args=(), schema=fwd_schema)
    fwd_def.register_fake(fwd_fake)
    bwd_def = torch.library.custom_op(f"{NAMESPACE}::{base}_bwd", bwd, mutates_args=(), schema=bwd_schema)
    bwd_def.register_fake(bwd_fake)
    fwd_op = getattr(getattr(torch.ops, NAMESPACE), f"{base}_fwd").default
    bwd_op = getattr(getattr(torch.ops, NAMESPACE), f"{base}_bwd").default

    def setup_context(ctx, inputs, output):
        q, k, v = inputs[:3]
        tensors = inputs[3:3 + n]
        q_lens, kv_lens, scale, layout = inputs[3 + n:]
        o, lse = output
        ctx.save_for_backward(q, k, v, o, lse, q_lens, kv_lens, *tensors)
        ctx.mark_non_differentiable(lse)  # no gradient flows through lse (the backward takes none)
        ctx.scale, ctx.layout = scale, layout

    def backward(ctx, do, _dlse):
        # _dlse: lse is returned detached by the wrapper (no gradient flows through it); ignored
        n_in = 3 + n + 4
        if do is None:
            return (None,) * n_in
        if not spec.prog.has_backward:
            raise NotImplementedError(f"{spec.prog.name} was loaded without its backward (load(..., backward=True))")
        q, k, v, o, lse, q_lens, kv_lens, *tensors = ctx.saved_tensors
        res = bwd_op(q, k, v, o, lse, do, *tensors, q_lens, kv_lens, ctx.scale, ctx.layout)
        need = ctx.needs_input_grad
        out: List[Optional[torch.Tensor]] = [res[i] if need[i] else None for i in range(3)]
        tgrads: List[Optional[torch.Tensor]] = [None] * n
        for j, i in enumerate(grad_index):
            if need[3 + i]:
                tgrads[i] = res[3 + j]
        return (*out, *tgrads, None, None, None, None)

    fwd_def.register_autograd(backward, setup_context=setup_context)
    ops = Ops(fwd_op, bwd_op, fwd_def, bwd_def)
    _registered[base] = ops
    return ops
