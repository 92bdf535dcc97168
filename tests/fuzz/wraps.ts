/**
 * Does a mask's integer arithmetic leave the int32 range? The language wraps (docs/language.md
 * § 5), so a mask like `q * 1073741824 >= 0` is well defined, but a tile classifier that reasons
 * over unbounded integers is then unsound (issue #11 item 1). This tells such findings apart from
 * unsoundness with no wrap at all (a different bug).
 *
 * Contract: `wrapsAt(mask, env)` evaluates the mask like compiler/ir/interp.ts (lazily, with the
 * wrapped values) and returns true when any int `+ - * neg abs` or `/` wraps, or an `int(x)`
 * saturates, on the way. `wrapsSomewhere` tries the entries of one box first, then the whole grid.
 */
import { evalNode, type Env, type Tensor } from "../../compiler/ir/interp.js";
import type { Node } from "../../compiler/ir/node.js";

const outside = (x: number) => x < -2147483648 || x > 2147483647;

function walk(n: Node, env: Env, flag: { hit: boolean }): number | boolean {
  const a = n.args;
  const num = (i: number) => walk(a[i]!, env, flag) as number;
  const intOp = n.type === "int";
  const chk = (exact: number) => {
    if (intOp && outside(exact)) flag.hit = true;
    return exact;
  };
  switch (n.op) {
    case "add": return intOp ? chk(num(0) + num(1)) | 0 : num(0) + num(1);
    case "sub": return intOp ? chk(num(0) - num(1)) | 0 : num(0) - num(1);
    case "mul": {
      const x = num(0), y = num(1);
      return intOp ? (chk(x * y), Math.imul(x, y)) : x * y;
    }
    case "neg": return intOp ? chk(-num(0)) | 0 : -num(0);
    case "abs": return intOp ? chk(Math.abs(num(0))) | 0 : Math.abs(num(0));
    case "idiv": {
      const x = num(0), y = num(1);
      if (y !== 0) chk(Math.floor(x / y));
      return evalNode(n, env);
    }
    case "ftoi": {
      const x = num(0);
      if (x > 2147483647 || x < -2147483648) flag.hit = true;
      return evalNode(n, env);
    }
    case "and": return (walk(a[0]!, env, flag) as boolean) && (walk(a[1]!, env, flag) as boolean);
    case "or": return (walk(a[0]!, env, flag) as boolean) || (walk(a[1]!, env, flag) as boolean);
    case "select": return walk(a[0]!, env, flag) ? walk(a[1]!, env, flag) : walk(a[2]!, env, flag);
    default:
      for (const x of a) walk(x, env, flag);
      return evalNode(n, env);
  }
}

export function wrapsAt(mask: Node, env: Env): boolean {
  const flag = { hit: false };
  walk(mask, env, flag);
  return flag.hit;
}

export interface Grid {
  sizes: Record<string, number>;
  tensors: Record<string, Tensor>;
  /** a box to try first: [qlo, qhi, kvlo, kvhi] */
  box?: [number, number, number, number];
}

/** whether the mask wraps at some entry (the box first, then every entry); read errors count as no */
export function wrapsSomewhere(mask: Node, g: Grid, budget = 2_000_000): boolean {
  const s = g.sizes;
  const vars: Record<string, number> = { ...s, b: 0, h: 0, q: 0, kv: 0, s: 0 };
  const env: Env = { vars, tensors: g.tensors };
  const at = (b: number, h: number, q: number, kv: number) => {
    Object.assign(vars, { b, h, q, kv });
    try {
      return wrapsAt(mask, env);
    } catch {
      return false;
    }
  };
  let n = 0;
  const boxes: [number, number, number, number][] = [];
  if (g.box) boxes.push(g.box);
  boxes.push([0, s.Q_LEN! - 1, 0, s.KV_LEN! - 1]);
  for (const [q0, q1, k0, k1] of boxes)
    for (let b = 0; b < s.B!; b++)
      for (let h = 0; h < s.H!; h++)
        for (let q = q0; q <= q1; q++)
          for (let kv = k0; kv <= k1; kv++) {
            if (at(b, h, q, kv)) return true;
            if (++n > budget) return false;
          }
  return false;
}
