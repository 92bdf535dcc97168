"""What attnc_torch needs from a compiled program's manifest (`NAME.manifest.json`), and the shapes
of its input tensors for given sizes.

Contract: `Program.inputs` is the declaration order, which is the order of the `in_NAME` arguments
of every entry point; `Program.grads` is the order of the backward's `d_NAME` arguments (the `f32`
inputs). `input_shape` computes a declared shape exactly as docs/language.md § 10 says (derived
dims: the int operators' meaning, every intermediate an int32 value, the result at least 1).
"""
import ast
import json
from dataclasses import dataclass
from typing import Dict, Mapping, Optional, Tuple, Union

Dim = Union[int, str]
SIZE_NAMES = ("B", "H", "H_KV", "Q_LEN", "KV_LEN", "D")
INT32_MIN, INT32_MAX = -(2 ** 31), 2 ** 31 - 1


@dataclass(frozen=True)
class Input:
    name: str
    dtype: str  # "f32" or "i32"
    shape: Tuple[Dim, ...]  # ints, size names, or derived-dim expressions as the manifest writes them


@dataclass(frozen=True)
class Program:
    name: str  # the attention block's name: the entry points are attnc_NAME_forward, ...
    normalize: str  # "softmax", "sigmoid" or "none"
    inputs: Tuple[Input, ...]
    grads: Tuple[str, ...]  # the inputs with a d_NAME output of the backward, in order
    has_backward: bool
    head_dim: Optional[int]  # the one head dim of a --head-dim build, else None


def read_manifest(path: str) -> Program:
    with open(path, encoding="utf-8") as f:
        return program_of(json.load(f))


def program_of(m: Mapping) -> Program:
    if m.get("target") != "cuda":
        raise ValueError(f"manifest of target {m.get('target')!r}, not cuda")
    inputs = tuple(Input(i["name"], i["dtype"], tuple(i["shape"])) for i in m.get("inputs", []))
    bwd = m.get("backward")
    grads = tuple(t["name"] for t in bwd["outputs"]["tensors"]) if bwd else ()
    return Program(name=m["name"], normalize=m.get("normalize", "softmax"), inputs=inputs, grads=grads,
                   has_backward=bwd is not None, head_dim=m.get("headDim"))


class DimError(ValueError):
    """A declared dim that is not valid for the given sizes (E0408's case)."""


def _ck(x: int) -> int:
    if x < INT32_MIN or x > INT32_MAX:
        raise DimError(f"an intermediate value {x} leaves int32")
    return x


def _floordiv(a: int, b: int) -> int:
    return 0 if b == 0 else _ck(a // b)  # Python's // floors, as the language's / does


def _mod(a: int, b: int) -> int:
    return a if b == 0 else _ck(a % b)  # Python's % takes the divisor's sign, as the language's does


def _cdiv(a: int, b: int) -> int:
    return 0 if b == 0 else _ck(-((-a) // b))


_BINOPS = {ast.Add: lambda a, b: _ck(a + b), ast.Sub: lambda a, b: _ck(a - b),
           ast.Mult: lambda a, b: _ck(a * b), ast.Div: _floordiv, ast.Mod: _mod}
_CALLS = {"cdiv": _cdiv, "min": min, "max": max}


def eval_dim(dim: Dim, sizes: Mapping[str, int]) -> int:
    """The value of one declared dim for these sizes (B, H, H_KV, Q_LEN, KV_LEN, D).
    Raises DimError when it is not valid (below 1, or an intermediate leaves int32)."""
    if isinstance(dim, int):
        value = dim
    else:
        try:
            tree = ast.parse(dim.strip(), mode="eval")
        except SyntaxError as e:
            raise DimError(f"cannot read the dim {dim!r}") from e
        value = _eval(tree.body, sizes, dim)
    if value < 1:
        raise DimError(f"the dim {dim} is {value} (it must be at least 1)")
    return value


def _eval(node: ast.AST, sizes: Mapping[str, int], text: str) -> int:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return _ck(node.value)
    if isinstance(node, ast.Name):
        if node.id not in sizes:
            raise DimError(f"the dim {text!r} names {node.id!r}, not a size")
        return _ck(int(sizes[node.id]))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        if isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) and type(node.operand.value) is int:
            return _ck(-node.operand.value)  # a negative literal: -2147483648 is an int32 value
        a = _eval(node.operand, sizes, text)
        return _ck(-a) if isinstance(node.op, ast.USub) else a
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        return _BINOPS[type(node.op)](_eval(node.left, sizes, text), _eval(node.right, sizes, text))
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CALLS
            and len(node.args) == 2 and not node.keywords):
        a, b = (_eval(x, sizes, text) for x in node.args)
        return _CALLS[node.func.id](a, b)
    raise DimError(f"cannot evaluate the dim {text!r} (unexpected {type(node).__name__})")


def input_shape(inp: Input, sizes: Mapping[str, int]) -> Tuple[int, ...]:
    """The shape `inp` must have for these sizes; DimError names the dim when one is invalid."""
    out = []
    for d in inp.shape:
        try:
            out.append(eval_dim(d, sizes))
        except DimError as e:
            raise DimError(f"input `{inp.name}`: {e} for sizes {_sizes_text(sizes)}") from None
    return tuple(out)


def _sizes_text(sizes: Mapping[str, int]) -> str:
    return ", ".join(f"{k}={sizes[k]}" for k in SIZE_NAMES if k in sizes)


def shape_text(inp: Input, sizes: Dict[str, int]) -> str:
    """`[H=4, cdiv(KV_LEN, 16) + 1=5]`: the declared dims with their values, for error messages."""
    parts = []
    for d in inp.shape:
        if isinstance(d, int):
            parts.append(str(d))
        else:
            try:
                parts.append(f"{d}={eval_dim(d, sizes)}")
            except DimError:
                parts.append(f"{d}=invalid")
    return "[" + ", ".join(parts) + "]"
