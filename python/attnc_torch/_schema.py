"""The torch.library schemas of a program's two ops (no torch here, so they can be checked without it).

Forward: `(q, k, v, in_NAME..., q_lens?, kv_lens?, scale, layout) -> (o, lse)`.
Backward: `(q, k, v, o, lse, dO, in_NAME..., q_lens?, kv_lens?, scale, layout) -> (dq, dk, dv, d_NAME...)`, one
`d_NAME` per `f32` input in declaration order. Inputs are named `in_NAME` as in the generated C, so
a program's tensor names (`scale`, `o`, ...) never collide with the fixed arguments.
"""
import re
from typing import Tuple

from ._manifest import Program

LAYOUTS = {"bhsd": 0, "bshd": 1}


def op_base_name(prog: Program, key: str) -> str:
    """`NAME_<12 hex of the build key>`: one op pair per distinct library, valid as an op name."""
    return re.sub(r"\W", "_", prog.name, flags=re.ASCII) + "_" + key[:12]


def op_schemas(prog: Program) -> Tuple[str, str]:
    ins = "".join(f"Tensor in_{i.name}, " for i in prog.inputs)
    fwd = f"(Tensor q, Tensor k, Tensor v, {ins}Tensor? q_lens, Tensor? kv_lens, float scale, int layout) -> (Tensor, Tensor)"
    outs = ", ".join(["Tensor"] * (3 + len(prog.grads)))
    bwd = f"(Tensor q, Tensor k, Tensor v, Tensor o, Tensor lse, Tensor dO, {ins}Tensor? q_lens, Tensor? kv_lens, float scale, int layout) -> ({outs})"
    return fwd, bwd


def layout_code(layout: object) -> int:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be 'bhsd' ([B, H, S, D]) or 'bshd' ([B, S, H, D]), got {layout!r}")
    return LAYOUTS[layout]
