/**
 * Does a program's float arithmetic leave the float32 range? Floats are float32
 * (docs/language.md § 5) but the oracle computes in float64, and § 9 ("Overflow") says a score
 * beyond 3.4e38 is ±inf in a float32 kernel where the oracle keeps it finite. A GPU kernel
 * (WGSL) computes in float32, so a mismatch on such a program is documented behaviour, not a bug;
 * this tells those apart. (The TypeScript kernel keeps float64 intermediates, as § 5 allows.)
 *
 * Contract: `leavesF32(ir, data, sizes)` evaluates the mask at every entry and the score at every
 * visible one, lazily like compiler/ir/interp.ts, and returns true when the scaled dot product
 * `s` or any float value on the way is finite with a magnitude above float32's maximum. Reads out
 * of bounds count as no; at most `budget` entries are evaluated.
 */
import { evalNode, type Env, type Tensor } from "../../compiler/ir/interp.js";
import type { Node } from "../../compiler/ir/node.js";
import type { AttnIR, Sizes } from "../../compiler/ir/program.js";
import type { Data } from "./inputs.js";
import { dimsOf } from "./inputs.js";

export const F32_MAX = 3.4028234663852886e38;

const beyond = (x: number | boolean) => typeof x === "number" && Number.isFinite(x) && Math.abs(x) > F32_MAX;

function walk(n: Node, env: Env, flag: { hit: boolean }): number | boolean {
  const a = n.args;
  let v: number | boolean;
  switch (n.op) {
    case "and": v = (walk(a[0]!, env, flag) as boolean) && (walk(a[1]!, env, flag) as boolean); break;
    case "or": v = (walk(a[0]!, env, flag) as boolean) || (walk(a[1]!, env, flag) as boolean); break;
    case "select": v = walk(a[0]!, env, flag) ? walk(a[1]!, env, flag) : walk(a[2]!, env, flag); break;
    default:
      for (const x of a) walk(x, env, flag);
      v = evalNode(n, env);
  }
  if (n.type === "float" && beyond(v)) flag.hit = true;
  return v;
}

export function leavesF32(ir: AttnIR, data: Data, sizes: Sizes, scale = 1 / Math.sqrt(sizes.D), budget = 200_000): boolean {
  const tensors: Record<string, Tensor> = Object.create(null);
  for (const d of ir.inputs) tensors[d.name] = { data: data.tensors[d.name]!, dims: dimsOf(d, sizes) };
  const vars: Record<string, number> = { ...sizes, b: 0, h: 0, q: 0, kv: 0, s: 0 };
  const env: Env = { vars, tensors };
  const flag = { hit: false };
  const group = sizes.H / sizes.H_KV;
  let n = 0;
  for (let b = 0; b < sizes.B; b++)
    for (let h = 0; h < sizes.H; h++)
      for (let i = 0; i < sizes.Q_LEN; i++)
        for (let j = 0; j < sizes.KV_LEN; j++) {
          if (++n > budget) return false;
          Object.assign(vars, { b, h, q: i, kv: j });
          try {
            const visible = walk(ir.mask, env, flag);
            if (flag.hit) return true; // the mask's own float arithmetic left float32
            if (!visible) continue;
            const qOff = ((b * sizes.H + h) * sizes.Q_LEN + i) * sizes.D;
            const kOff = ((b * sizes.H_KV + Math.floor(h / group)) * sizes.KV_LEN + j) * sizes.D;
            let dot = 0;
            for (let d = 0; d < sizes.D; d++) dot += data.q[qOff + d]! * data.k[kOff + d]!;
            vars.s = scale * dot;
            if (beyond(dot) || beyond(vars.s)) return true;
            walk(ir.score, env, flag);
          } catch {
            continue;
          }
          if (flag.hit) return true;
        }
  return false;
}
