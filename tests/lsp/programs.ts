/** Programs the language server tests share, and where things are in them. */
import type { Position } from "vscode-languageserver";

/** A valid program using every kind of name: defs (with and without parameters), param, input, let, built-ins. */
export const GOOD = `# sliding window with ALiBi
def causal = kv <= q
def window(w: int) = q - kv < w

attention swa_alibi {
  param w: int = 1024
  param cap: float = 30.0
  input slopes: f32[H]
  input doc: i32[B, Q_LEN]
  let dist = float(q - kv)

  mask causal && window(w) && doc[b, q] == doc[b, kv]
  score cap * tanh(s / cap) - slopes[h] * dist
}
`;

/** The position of the `n`th (0-based) occurrence of `needle` in `text`, plus `delta` characters. */
export function at(text: string, needle: string, n = 0, delta = 0): Position {
  let offset = -1;
  for (let i = 0; i <= n; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`\`${needle}\` occurs fewer than ${n + 1} times`);
  }
  offset += delta;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}
