"""The manifest view and the derived-dim evaluator (attnc_torch._manifest), without torch.

The evaluator decides the shape every input tensor is checked against before its pointer reaches
the C code, so it is compared with the compiler's own evaluator (compiler/ir/dims.ts, through
dist/) on random expressions, besides the documented cases.
"""
import json
import subprocess
import unittest

from _helpers import REPO, cli_available

from attnc_torch._manifest import DimError, Input, eval_dim, input_shape, program_of, shape_text

SIZES = {"B": 2, "H": 8, "H_KV": 2, "Q_LEN": 100, "KV_LEN": 300, "D": 64}


class EvalDim(unittest.TestCase):
    def test_documented_operators(self):
        # docs/language.md § 6 and § 10: / and % floor, x / 0 == 0, x % 0 == x, cdiv the ceiling
        cases = {
            "cdiv(Q_LEN, 64)": 2, "cdiv(KV_LEN, 64)": 5, "2 * KV_LEN + 1": 601, "min(Q_LEN, 128)": 100,
            "max(Q_LEN, KV_LEN) / 7": 42, "KV_LEN % 7": 6, "KV_LEN % 0": 300, "Q_LEN / 3": 33,
            "H / H_KV": 4, "cdiv(-7, 2) + Q_LEN": 97, "cdiv(7, -2) + Q_LEN": 97, "cdiv(8, 2)": 4,
            "(0 - 7) / 2 + Q_LEN": 96, "(0 - 7) % 3": 2, "-(0 - Q_LEN)": 100, "Q_LEN - (-5)": 105,
        }
        for text, want in cases.items():
            with self.subTest(text=text):
                self.assertEqual(eval_dim(text, SIZES), want)
        self.assertEqual(eval_dim(129, SIZES), 129)
        self.assertEqual(eval_dim("D", SIZES), 64)

    def test_invalid(self):
        for text, why in {"KV_LEN / 0": "at least 1", "Q_LEN - 100": "at least 1", "cdiv(Q_LEN, 0)": "at least 1",
                          "Q_LEN * Q_LEN * Q_LEN * Q_LEN * Q_LEN": "int32", "2147483647 + Q_LEN - 2147483647": "int32",
                          "X + 1": "not a size", "Q_LEN ** 2": "cannot evaluate", "foo(Q_LEN, 1)": "cannot evaluate",
                          "Q_LEN +": "cannot read"}.items():
            with self.subTest(text=text):
                with self.assertRaisesRegex(DimError, why):
                    eval_dim(text, SIZES)
        with self.assertRaisesRegex(DimError, "at least 1"):
            eval_dim(0, SIZES)

    @unittest.skipUnless(cli_available(), "needs node and dist/ (npm run build)")
    def test_same_values_as_the_compiler(self):
        """Random derived dims: eval_dim equals compiler/ir/dims.ts's exact evaluation (NaN or < 1: invalid)."""
        script = r"""
import { dimExprText, evalDimExpr } from "./dist/compiler/ir/dims.js";
let seed = 12345;
const rnd = (n) => {  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
const SIZES = ["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D"];
const OPS = ["add", "sub", "mul", "div", "mod", "cdiv", "min", "max"];
const CONSTS = [0, 1, 2, 3, 7, 16, 64, -1, -5, 1000003, 2147483647, -2147483648];
function gen(depth) {
  const r = rnd(10);
  if (depth === 0 || r < 3) return r < 2 ? { op: "size", name: SIZES[rnd(6)] } : { op: "const", value: CONSTS[rnd(CONSTS.length)] };
  if (r === 3) return { op: "neg", a: gen(depth - 1) };
  return { op: OPS[rnd(OPS.length)], a: gen(depth - 1), b: gen(depth - 1) };
}
const out = [];
for (let i = 0; i < 600; i++) {
  const sizes = { B: 1 + rnd(4), H: 1 + rnd(64), H_KV: 1 + rnd(8), Q_LEN: 1 + rnd(70000), KV_LEN: 1 + rnd(70000), D: [64, 128][rnd(2)] };
  const e = gen(1 + rnd(4));
  const v = evalDimExpr(e, sizes);
  out.push({ text: dimExprText(e), sizes, value: Number.isNaN(v) || v < 1 ? null : v });
}
console.log(JSON.stringify(out));
"""
        p = subprocess.run(["node", "--input-type=module", "-e", script], cwd=REPO, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        cases = json.loads(p.stdout)
        valid = 0
        for c in cases:
            with self.subTest(text=c["text"], sizes=c["sizes"]):
                if c["value"] is None:
                    with self.assertRaises(DimError):
                        eval_dim(c["text"], c["sizes"])
                else:
                    valid += 1
                    self.assertEqual(eval_dim(c["text"], c["sizes"]), c["value"])
        self.assertGreater(valid, 150)  # the generator reaches valid dims, not only failures
        self.assertLess(valid, len(cases))


class ManifestView(unittest.TestCase):
    MANIFEST = {
        "attnc": "0.1.0", "name": "mixed", "target": "cuda", "normalize": "softmax",
        "inputs": [{"name": "bias", "dtype": "f32", "shape": ["H", 9]},
                   {"name": "doc", "dtype": "i32", "shape": ["B", "Q_LEN"]},
                   {"name": "gate", "dtype": "f32", "shape": ["B", "cdiv(KV_LEN, 16) + 1"]}],
        "headDim": 64,
        "backward": {"outputs": {"tensors": [{"name": "bias", "output": "d_bias", "shape": ["H", 9]},
                                             {"name": "gate", "output": "d_gate", "shape": ["B", "cdiv(KV_LEN, 16) + 1"]}]}},
    }

    def test_program_of(self):
        p = program_of(self.MANIFEST)
        self.assertEqual(p.name, "mixed")
        self.assertEqual([i.name for i in p.inputs], ["bias", "doc", "gate"])
        self.assertEqual(p.grads, ("bias", "gate"))
        self.assertTrue(p.has_backward)
        self.assertEqual(p.head_dim, 64)
        no_bwd = program_of({**self.MANIFEST, "backward": None})
        self.assertEqual((no_bwd.has_backward, no_bwd.grads), (False, ()))
        with self.assertRaisesRegex(ValueError, "target 'ts'"):
            program_of({**self.MANIFEST, "target": "ts"})

    def test_input_shape(self):
        p = program_of(self.MANIFEST)
        self.assertEqual([input_shape(i, SIZES) for i in p.inputs], [(8, 9), (2, 100), (2, 20)])
        self.assertEqual(shape_text(p.inputs[2], SIZES), "[B=2, cdiv(KV_LEN, 16) + 1=20]")
        bad = Input("sel", "i32", ("B", "cdiv(Q_LEN, 64) - 2"))
        with self.assertRaisesRegex(DimError, r"input `sel`: the dim cdiv\(Q_LEN, 64\) - 2 is 0 .* Q_LEN=100"):
            input_shape(bad, SIZES)


if __name__ == "__main__":
    unittest.main()
