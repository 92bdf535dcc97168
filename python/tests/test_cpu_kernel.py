"""The ctypes layer (attnc_torch._kernel) against real generated files, without torch or a GPU.

- The argument lists attnc_torch passes equal the generated header's prototypes for a program
  with f32 and i32 inputs, a param dim and a derived dim (and a tampered header is refused).
- With nvcc: the library built by attnc_torch.build loads through ctypes, and every argument error
  of the entry points comes back as AttncKernelError with its code and meaning. The entry points
  return these before touching the GPU. Only on a machine with no GPU visible, a well-formed call
  with fake pointers reaches CUDA and comes back as ATTNC_ERR_CUDA carrying the CUDA runtime's own
  message (through the shim's last-error function).
"""
import dataclasses
import tempfile
import unittest
from pathlib import Path

from _helpers import CLI_JS, MIXED_ATTN, cli_available, gpu_visible, nvcc_available

import attnc_torch
from attnc_torch import AttncKernelError, _cli
from attnc_torch._kernel import KernelLibrary, backward_params, check_header, forward_params, header_params
from attnc_torch._manifest import read_manifest


def compile_mixed(out: Path, **kw):
    src = out / "mixed.attn"
    src.write_text(MIXED_ATTN)
    cli = _cli.find_cli(str(CLI_JS))
    c = _cli.run_compile(cli, _cli.compile_args(src, out / "gen", head_dim=64, dtype="bf16", **kw), out / "gen")
    return c, read_manifest(str(c.manifest))


@unittest.skipUnless(cli_available(), "needs node and dist/ (npm run build)")
class Prototypes(unittest.TestCase):
    def test_mixed_inputs(self):
        with tempfile.TemporaryDirectory() as d:
            c, prog = compile_mixed(Path(d))
            header = c.header.read_text()
        self.assertEqual([i.name for i in prog.inputs], ["bias", "doc", "gate"])
        self.assertEqual(prog.grads, ("bias", "gate"))
        check_header(header, prog)
        self.assertEqual(header_params(header, "attnc_mixed_backward")[-4:], ["in_gate", "d_bias", "d_gate", "stream"])
        self.assertEqual(forward_params(prog, True)[-5:], ["in_doc", "in_gate", "q_lens", "kv_lens", "stream"])
        self.assertIsNone(header_params(header, "attnc_mixed_nothing"))
        # a program view whose gradients are in another order: refused, naming both lists
        swapped = dataclasses.replace(prog, grads=("gate", "bias"))
        with self.assertRaisesRegex(AttncKernelError, r"attnc_mixed_backward takes \(.*d_bias, d_gate, stream\), but attnc_torch passes \(.*d_gate, d_bias, stream\)"):
            check_header(header, swapped)
        self.assertEqual(backward_params(swapped)[-3:], ["d_gate", "d_bias", "stream"])

    def test_without_backward(self):
        with tempfile.TemporaryDirectory() as d:
            c, prog = compile_mixed(Path(d), backward=False)
            check_header(c.header.read_text(), prog)
        self.assertFalse(prog.has_backward)


@unittest.skipUnless(cli_available() and nvcc_available(), "needs node, dist/ and nvcc")
class EntryPoints(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = Path(cls.tmp.name)
        (d / "mixed.attn").write_text(MIXED_ATTN)
        cls.built = attnc_torch.build(d / "mixed.attn", arch="sm_90a", head_dim=64, dtype="bf16",
                                      cli=str(CLI_JS), cache_dir=d / "cache")
        cls.lib = KernelLibrary(str(cls.built.library), cls.built.program)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def fwd(self, **kw):
        a = dict(q=16, k=16, v=16, o=16, lse=16, sizes=(1, 2, 2, 64, 64, 64), scale=0.0, dtype=0,
                 tensors=[16, 16, 16], stream=0)
        a.update(kw)
        self.lib.forward(**a)

    def code(self, fn, **kw):
        with self.assertRaises(AttncKernelError) as cm:
            fn(**kw)
        return cm.exception.code, str(cm.exception)

    def test_built(self):
        self.assertEqual(self.built.dtypes, ("bf16",))
        self.assertEqual(self.built.head_dims, (64,))
        self.assertEqual(self.lib.skeleton(128), 0)  # not generated
        self.assertIn(self.lib.skeleton(64), (80, 90))

    def test_argument_errors(self):
        cases = [
            (dict(q=None), 1, "ATTNC_ERR_NULL_POINTER"),
            (dict(tensors=[16, None, 16]), 1, "declared tensor is null"),
            (dict(sizes=(0, 2, 2, 64, 64, 64)), 2, "ATTNC_ERR_SIZE"),
            (dict(sizes=(1, 3, 2, 64, 64, 64)), 3, "ATTNC_ERR_GQA"),
            (dict(sizes=(1, 2, 2, 64, 64, 128)), 4, "ATTNC_ERR_HEAD_DIM"),
            (dict(q=18), 5, "ATTNC_ERR_ALIGNMENT"),
            (dict(dtype=1), 6, "ATTNC_ERR_DTYPE"),
        ]
        for kw, code, text in cases:
            with self.subTest(kw=kw):
                got, msg = self.code(self.fwd, **kw)
                self.assertEqual(got, code)
                self.assertIn(text, msg)
                self.assertIn("attnc_mixed_forward returned", msg)
                self.assertIn("nothing was launched", msg)
        got, msg = self.code(self.fwd, q_lens=16, sizes=(1, 2, 2, 64, 64, 32))
        self.assertEqual(got, 4)
        self.assertIn("attnc_mixed_forward_varlen returned", msg)

    def test_backward_argument_errors(self):
        b = dict(q=16, k=16, v=16, o=16, lse=16, do=16, dq=16, dk=16, dv=16, sizes=(1, 2, 2, 64, 64, 64),
                 scale=0.0, dtype=0, tensors=[16, 16, 16], grads=[16, 16], stream=0)
        got, msg = self.code(self.lib.backward, **{**b, "sizes": (1, 2, 2, 64, 64, 32)})
        self.assertEqual(got, 4)
        self.assertIn("attnc_mixed_backward returned ATTNC_ERR_HEAD_DIM", msg)
        got, _ = self.code(self.lib.backward, **{**b, "dtype": 1})
        self.assertEqual(got, 6)

    @unittest.skipIf(gpu_visible(), "a GPU is visible: a call with fake pointers would launch")
    def test_cuda_error_message(self):
        got, msg = self.code(self.fwd)
        self.assertEqual(got, 7)
        self.assertRegex(msg, r"ATTNC_ERR_CUDA \(7\): .*; CUDA says: \S")  # the runtime's own words, e.g. no driver


if __name__ == "__main__":
    unittest.main()
