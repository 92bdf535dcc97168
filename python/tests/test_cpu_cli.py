"""Finding and running the attnc CLI (attnc_torch._cli), without torch.

With node and a built CLI (dist/), the real `attnc compile --target cuda` runs: its files, its
manifest as attnc_torch reads it, param overrides and its diagnostics on a bad program.
"""
import json
import stat
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from _helpers import CLI_JS, EXAMPLES, cli_available

from attnc_torch import AttncCompileError, _cli
from attnc_torch._kernel import check_header
from attnc_torch._manifest import read_manifest


class FormatAndArgs(unittest.TestCase):
    def test_format_param(self):
        self.assertEqual(_cli.format_param("causal", True), "causal=true")
        self.assertEqual(_cli.format_param("causal", False), "causal=false")
        self.assertEqual(_cli.format_param("w", 512), "w=512")
        self.assertEqual(_cli.format_param("cap", 30.0), "cap=30.0")
        self.assertEqual(_cli.format_param("eps", 1e-05), "eps=1e-05")
        self.assertEqual(_cli.format_param("t", float("-inf")), "t=-inf")
        with self.assertRaisesRegex(ValueError, "NaN"):
            _cli.format_param("t", float("nan"))
        with self.assertRaisesRegex(TypeError, "expected bool, int or float, got str"):
            _cli.format_param("t", "30")

    def test_compile_args(self):
        args = _cli.compile_args("x.attn", "/tmp/o", params={"cap": 30.0, "causal": True}, arch="sm_80",
                                 head_dim=128, dtype="bf16", backward=True)
        self.assertEqual(args, ["compile", "x.attn", "--target", "cuda", "--arch", "sm_80", "--param", "cap=30.0",
                                "--param", "causal=true", "--head-dim", "128", "--dtype", "bf16", "--backward",
                                "--out", "/tmp/o"])
        self.assertEqual(_cli.compile_args("x.attn", "o", backward=False),
                         ["compile", "x.attn", "--target", "cuda", "--arch", "sm_90a", "--out", "o"])
        with self.assertRaisesRegex(ValueError, "arch must be one of sm_80, sm_90a"):
            _cli.compile_args("x.attn", "o", arch="sm_75")
        with self.assertRaisesRegex(ValueError, "dtype flag"):
            _cli.compile_args("x.attn", "o", dtype="fp32")


class FindCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def exe(self, name: str) -> str:
        p = self.dir / name
        p.write_text("#!/bin/sh\nexit 0\n")
        p.chmod(p.stat().st_mode | stat.S_IXUSR)
        return str(p)

    def test_explicit_and_env(self):
        env = {"ATTNC_NODE": "/opt/node/bin/node", "PATH": ""}
        self.assertEqual(_cli.find_cli("/x/dist/cli/main.js", env).argv, ["/opt/node/bin/node", "/x/dist/cli/main.js"])
        self.assertEqual(_cli.find_cli(["node", "/x/main.js", "--flag"], env).argv, ["node", "/x/main.js", "--flag"])
        self.assertEqual(_cli.find_cli(None, {**env, "ATTNC_CLI": "/y/main.mjs"}).argv, ["/opt/node/bin/node", "/y/main.mjs"])
        got = _cli.find_cli(None, {**env, "ATTNC_CLI": "/usr/bin/env node '/a b/main.js'"})
        self.assertEqual((got.argv, got.origin), (["/usr/bin/env", "node", "/a b/main.js"], "ATTNC_CLI"))
        # the argument wins over the variable
        self.assertEqual(_cli.find_cli("/z/attnc", {**env, "ATTNC_CLI": "/y/main.js"}).argv, ["/z/attnc"])

    def test_node_missing(self):
        with self.assertRaisesRegex(AttncCompileError, "node"):
            _cli.find_cli("/x/main.js", {"PATH": str(self.dir)})

    def test_checkout_then_path(self):
        main_js = self.dir / "repo" / "dist" / "cli" / "main.js"
        main_js.parent.mkdir(parents=True)
        main_js.write_text("")
        attnc = self.exe("attnc")
        env = {"PATH": str(self.dir), "ATTNC_NODE": "/n/node"}
        with mock.patch.object(_cli, "checkout_candidates", return_value=[self.dir / "nowhere.js", main_js]):
            got = _cli.find_cli(None, env)
            self.assertEqual(got.argv, ["/n/node", str(main_js)])
            self.assertIn("checkout", got.origin)
        with mock.patch.object(_cli, "checkout_candidates", return_value=[self.dir / "nowhere.js"]):
            self.assertEqual(_cli.find_cli(None, env).argv, [attnc])
            with self.assertRaisesRegex(AttncCompileError, "ATTNC_CLI"):
                _cli.find_cli(None, {"PATH": str(self.dir / "empty")})

    def test_checkout_of_this_package(self):
        # run from the source tree or installed from this checkout: its dist/cli/main.js is a candidate
        self.assertIn(CLI_JS.resolve(), [p.resolve() for p in _cli.checkout_candidates()])


@unittest.skipUnless(cli_available(), "needs node and dist/ (npm run build)")
class RealCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = Path(self.tmp.name)
        self.cli = _cli.find_cli(str(CLI_JS))

    def tearDown(self):
        self.tmp.cleanup()

    def test_compile_alibi(self):
        args = _cli.compile_args(EXAMPLES / "alibi.attn", self.out, arch="sm_90a", head_dim=64, dtype="bf16")
        c = _cli.run_compile(self.cli, args, self.out)
        self.assertEqual((c.cu.name, c.header.name, c.manifest.name), ("alibi.cu", "alibi.h", "alibi.manifest.json"))
        prog = read_manifest(str(c.manifest))
        self.assertEqual((prog.name, prog.normalize, prog.grads, prog.has_backward, prog.head_dim),
                         ("alibi", "softmax", ("slopes",), True, 64))
        check_header(c.header.read_text(), prog)
        self.assertIn("attnc_alibi_backward", c.cu.read_text())
        self.assertEqual(c.warnings, "")

    def test_same_program_same_file(self):
        """The build cache is keyed by the .cu text: the CLI must print the same file from any folder."""
        texts = []
        for sub in ("a", "b/c"):
            args = _cli.compile_args(EXAMPLES / "alibi.attn", self.out / sub, head_dim=64)
            texts.append(_cli.run_compile(self.cli, args, self.out / sub).cu.read_text())
        self.assertEqual(texts[0], texts[1])

    def test_param_override_reaches_the_program(self):
        args = _cli.compile_args(EXAMPLES / "softcap.attn", self.out, params={"cap": 30.0}, backward=False)
        c = _cli.run_compile(self.cli, args, self.out)
        manifest = json.loads(c.manifest.read_text())
        self.assertEqual(manifest["params"], [{"name": "cap", "type": "float", "value": 30}])
        self.assertNotIn("attnc_softcap_backward", c.header.read_text())

    def test_diagnostics(self):
        bad = self.out / "bad.attn"
        bad.write_text("attention bad {\n  mask q >= kvv\n}\n")
        with self.assertRaisesRegex(AttncCompileError, r"(?s)exit 1.*bad.attn:2:13: error\[E0201\]: unknown name `kvv`"):
            _cli.run_compile(self.cli, _cli.compile_args(bad, self.out / "o"), self.out / "o")
        with self.assertRaisesRegex(AttncCompileError, r"E0401.*unknown param `nope`"):
            args = _cli.compile_args(EXAMPLES / "causal.attn", self.out / "p", params={"nope": 1})
            _cli.run_compile(self.cli, args, self.out / "p")

    def test_warnings_are_kept(self):
        gated = self.out / "gated.attn"
        gated.write_text("attention gated {\n  input gate: f32[KV_LEN]\n  mask gate[kv] > 0.0\n}\n")
        c = _cli.run_compile(self.cli, _cli.compile_args(gated, self.out / "g", head_dim=64), self.out / "g")
        self.assertRegex(c.warnings, r"W0502.*`gate` gets a zero gradient")

    def test_cannot_run(self):
        with self.assertRaisesRegex(AttncCompileError, "cannot run the attnc CLI"):
            _cli.run_compile(_cli.Cli([str(self.out / "missing")], "test"), ["compile"], self.out)


if __name__ == "__main__":
    unittest.main()
