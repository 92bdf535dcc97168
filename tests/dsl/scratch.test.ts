import { it } from "vitest";
import { parse, check, formatDiagnostic } from "../../dsl/index.js";
const cases = [`def causal = q >= kv
def window(w: int) = q - kv < w
attention a {
  param w: int = 1024
  param cap: float = 30.0
  input slopes: f32[H]
  mask causal && window(w)
  score cap * tanh(s / cap) - slopes[h] * float(q - kv)
}`,
`def f = g + 1
def g = f * 2
def h(x: int) = x + w
def q = 1
attention a {
  param w: float = 3
  param n: int = 2.5
  input t: f32[H, n, w, 0, Hh]
  let a = bb + 1
  let bb = 2
  let c = s * 2
  mask c > 1
  mask t[h, q, kv, s, 1.5] > 0 && t > 1
  mask q + 1
  score q > kv
  score exp(1, 2) + foo(1) + w(3) + window(1) + abz(q) + int(true) + Q_len
  normalize softmx
  normalize sigmoid
  let q = 3
  let w = 4
}
attention a { mask true ? 1 : false  mask 1 ? true : false  mask !q  mask -true > 1 mask q && true }
`, `def x = 1`];
it("scratch", () => {
  for (const src of cases) {
    const r = parse(src, "t.attn");
    const d = r.module ? check(r.module) : r.diagnostics;
    console.log(d.map(x => formatDiagnostic(x, src)).join("\n"));
    console.log("-----");
  }
});
