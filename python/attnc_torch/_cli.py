"""Finding and running the attnc CLI: `.attn` file -> `NAME.cu`, `NAME.h`, `NAME.manifest.json`.

Where the CLI comes from, first match wins (`find_cli`):
1. the `cli` argument of `load` (a path to `main.js`, an executable, or an argv list);
2. the environment variable `ATTNC_CLI` (same forms; a string is split like a shell would);
3. the attnc checkout this package lives in (`<checkout>/python/attnc_torch`), then the checkout
   it was installed from (recorded in `_install.json` by the build backend): `dist/cli/main.js`;
4. `attnc` on PATH.
A `.js`/`.mjs`/`.cjs` path runs under `node` (`ATTNC_NODE`, else `node` on PATH).
"""
import json
import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import List, Mapping, Optional, Sequence, Union

from ._errors import AttncCompileError

CliSpec = Union[str, os.PathLike, Sequence[str]]
_PKG = Path(__file__).resolve().parent
ARCHES = ("sm_80", "sm_90a")
DTYPE_FLAGS = ("bf16", "f16")


@dataclass(frozen=True)
class Cli:
    argv: List[str]  # the command before `compile ...`
    origin: str  # where it was found, for messages


def _node(environ: Mapping[str, str]) -> str:
    node = environ.get("ATTNC_NODE") or shutil.which("node", path=environ.get("PATH"))
    if not node:
        raise AttncCompileError("the attnc CLI is a Node.js script, but `node` is not on PATH (set ATTNC_NODE)")
    return node


def _argv_of(spec: CliSpec, environ: Mapping[str, str]) -> List[str]:
    if isinstance(spec, (list, tuple)):
        parts = [os.fspath(p) for p in spec]
    elif not isinstance(spec, str) or os.path.isfile(spec):  # a path (spaces and all), not a command line
        parts = [os.fspath(spec)]
    else:
        parts = shlex.split(spec)
    if not parts:
        raise AttncCompileError("an empty attnc CLI command")
    if len(parts) == 1 and parts[0].endswith((".js", ".mjs", ".cjs")):
        return [_node(environ), parts[0]]
    return parts


def checkout_candidates() -> List[Path]:
    """`dist/cli/main.js` of the checkout around this package, then of the one it was installed from."""
    out = [_PKG.parent.parent / "dist" / "cli" / "main.js"]
    info = _PKG / "_install.json"
    if info.is_file():
        try:
            root = json.loads(info.read_text(encoding="utf-8")).get("checkout")
        except (OSError, ValueError):
            root = None
        if root:
            out.append(Path(root) / "dist" / "cli" / "main.js")
    return out


def find_cli(explicit: Optional[CliSpec] = None, environ: Optional[Mapping[str, str]] = None) -> Cli:
    environ = os.environ if environ is None else environ
    if explicit is not None:
        return Cli(_argv_of(explicit, environ), "the cli argument")
    if environ.get("ATTNC_CLI"):
        return Cli(_argv_of(environ["ATTNC_CLI"], environ), "ATTNC_CLI")
    for main_js in checkout_candidates():
        if main_js.is_file():
            return Cli([_node(environ), str(main_js)], f"the checkout {main_js.parent.parent.parent}")
    on_path = shutil.which("attnc", path=environ.get("PATH"))
    if on_path:
        return Cli([on_path], "attnc on PATH")
    tried = ", ".join(str(p) for p in checkout_candidates())
    raise AttncCompileError(
        "cannot find the attnc CLI: set ATTNC_CLI to dist/cli/main.js of an attnc checkout (after `npm ci`), "
        f"put `attnc` on PATH (`npm link`), or pass cli=...; tried {tried}")


def format_param(name: str, value: object) -> str:
    """`--param` text of one override: bools as true/false, ints, floats as Python writes them (30.0, 1e-05, inf)."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if value != value:
            raise ValueError(f"param {name}: NaN is not a value the language accepts")
        text = "inf" if value == float("inf") else "-inf" if value == float("-inf") else repr(value)
    else:
        raise TypeError(f"param {name}: expected bool, int or float, got {type(value).__name__}")
    return f"{name}={text}"


def compile_args(source: Union[str, os.PathLike], out_dir: Union[str, os.PathLike], *,
                 params: Optional[Mapping[str, object]] = None, arch: str = "sm_90a",
                 head_dim: Optional[int] = None, dtype: Optional[str] = None, backward: bool = True) -> List[str]:
    """The arguments after the CLI command for one CUDA compile (docs/backends/cuda.md, Building)."""
    if arch not in ARCHES:
        raise ValueError(f"arch must be one of {', '.join(ARCHES)}, got {arch!r}")
    if dtype is not None and dtype not in DTYPE_FLAGS:
        raise ValueError(f"dtype flag must be one of {', '.join(DTYPE_FLAGS)} or None, got {dtype!r}")
    args = ["compile", os.fspath(source), "--target", "cuda", "--arch", arch]
    for k, v in (params or {}).items():
        args += ["--param", format_param(k, v)]
    if head_dim is not None:
        args += ["--head-dim", str(int(head_dim))]
    if dtype is not None:
        args += ["--dtype", dtype]
    if backward:
        args.append("--backward")
    return args + ["--out", os.fspath(out_dir)]


@dataclass(frozen=True)
class Compiled:
    cu: Path
    header: Path
    manifest: Path
    warnings: str  # the CLI's stderr on success (warnings such as W0502), possibly empty


def run_compile(cli: Cli, args: List[str], out_dir: Union[str, os.PathLike]) -> Compiled:
    """Runs the CLI; AttncCompileError carries its diagnostics when it fails."""
    cmd = cli.argv + args
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        raise AttncCompileError(f"cannot run the attnc CLI ({cli.origin}): {' '.join(cmd)}: {e}") from e
    if p.returncode != 0:
        raise AttncCompileError(
            f"attnc compile failed (exit {p.returncode}; CLI from {cli.origin}):\n{p.stderr.strip() or p.stdout.strip()}")
    manifests = sorted(Path(out_dir).glob("*.manifest.json"))
    if len(manifests) != 1:
        raise AttncCompileError(f"attnc compile wrote {len(manifests)} manifests into {out_dir}, expected 1")
    stem = manifests[0].name[: -len(".manifest.json")]
    cu, header = manifests[0].with_name(stem + ".cu"), manifests[0].with_name(stem + ".h")
    if not cu.is_file() or not header.is_file():
        raise AttncCompileError(f"attnc compile did not write {cu.name} and {header.name} (is the CLI older than --target cuda?)")
    return Compiled(cu, header, manifests[0], p.stderr.strip())
