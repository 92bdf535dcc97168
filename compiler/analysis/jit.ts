/**
 * Compiles IR expressions to JavaScript functions, for evaluating a mask or a tile classifier
 * millions of times (`attnc analyze`, brute-force checks, the analysis bench).
 *
 * Contract: `jit(roots, opts)(...args)` returns the values of `roots` exactly as
 * compiler/ir/interp.ts `evalNode` would for the env made of `opts.fixed`, the call's `args`
 * (bound in the order of `opts.args`) and `opts.tensors`: same int wrap / floor-div / conversion
 * rules (compiler/ir/semantics.ts), lazy `select`/`and`/`or`, out-of-bounds reads throw the same
 * AttncError E0407. One root gives its value directly, several an array.
 */
import { readTensor, type Tensor } from "../ir/interp.js";
import { topo, type Node } from "../ir/node.js";
import * as sem from "../ir/semantics.js";

export interface JitOptions {
  /** variables passed per call, in order */
  args: readonly string[];
  /** variables fixed for this function */
  fixed: Record<string, number | boolean>;
  tensors: Record<string, Tensor>;
}

type Fn = (...args: number[]) => any;

export function jit(roots: readonly Node[], opts: JitOptions): Fn {
  const tensorNames: string[] = [];
  const memo = new Map<Node, string>();
  const tIndex = (name: string) => {
    let i = tensorNames.indexOf(name);
    if (i < 0) i = tensorNames.push(name) - 1;
    return i;
  };
  const lit = (x: number | boolean) =>
    typeof x === "number" && (!Number.isFinite(x) || Object.is(x, -0)) ? (Object.is(x, -0) ? "(-0)" : `(${x})`) : `(${JSON.stringify(x)})`;
  // shared subexpressions without tensor reads become temporaries (evaluating them eagerly cannot
  // throw, so laziness is kept where it matters)
  const uses = new Map<Node, number>();
  const hasLoad = new Map<Node, boolean>();
  for (const n of topo(roots)) {
    hasLoad.set(n, n.op === "load" || n.args.some((a) => hasLoad.get(a)));
    for (const a of n.args) uses.set(a, (uses.get(a) ?? 0) + 1);
  }
  const temps: string[] = [];
  const go = (n: Node): string => {
    const hit = memo.get(n);
    if (hit !== undefined) return hit;
    const s = expr(n);
    if ((uses.get(n) ?? 0) > 1 && !hasLoad.get(n) && n.args.length > 0) {
      temps.push(`const t${temps.length} = ${s};`);
      memo.set(n, `t${temps.length - 1}`);
    } else memo.set(n, s);
    return memo.get(n)!;
  };
  const expr = (n: Node): string => {
    const a = n.args.map(go);
    const int = n.type === "int";
    let s: string;
    switch (n.op) {
      case "const": s = lit((n.attr as { value: number | boolean }).value); break;
      case "var": {
        const name = (n.attr as { name: string }).name;
        const k = opts.args.indexOf(name);
        if (k >= 0) s = `a${k}`;
        else if (name in opts.fixed) s = lit(opts.fixed[name]!);
        else throw new Error(`jit: unbound variable ${name}`);
        break;
      }
      case "load": s = `L${tIndex((n.attr as { tensor: string }).tensor)}(${a.join(", ")})`; break;
      case "add": s = int ? `((${a[0]} + ${a[1]}) | 0)` : `(${a[0]} + ${a[1]})`; break;
      case "sub": s = int ? `((${a[0]} - ${a[1]}) | 0)` : `(${a[0]} - ${a[1]})`; break;
      case "mul": s = int ? `Math.imul(${a[0]}, ${a[1]})` : `(${a[0]} * ${a[1]})`; break;
      case "div": s = `(${a[0]} / ${a[1]})`; break;
      case "idiv": s = `S.idiv(${a[0]}, ${a[1]})`; break;
      case "imod": s = `S.imod(${a[0]}, ${a[1]})`; break;
      case "neg": s = int ? `((-${a[0]}) | 0)` : `(-${a[0]})`; break;
      case "abs": s = int ? `(Math.abs(${a[0]}) | 0)` : `Math.abs(${a[0]})`; break;
      case "min": s = `Math.min(${a[0]}, ${a[1]})`; break;
      case "max": s = `Math.max(${a[0]}, ${a[1]})`; break;
      case "lt": s = `(${a[0]} < ${a[1]})`; break;
      case "le": s = `(${a[0]} <= ${a[1]})`; break;
      case "eq": s = `(${a[0]} === ${a[1]})`; break;
      case "ne": s = `(${a[0]} !== ${a[1]})`; break;
      case "and": s = `(${a[0]} && ${a[1]})`; break;
      case "or": s = `(${a[0]} || ${a[1]})`; break;
      case "not": s = `(!${a[0]})`; break;
      case "select": s = `(${a[0]} ? ${a[1]} : ${a[2]})`; break;
      case "exp": case "log": case "sqrt": case "tanh": case "floor":
        s = `Math.${n.op}(${a[0]})`; break;
      case "sigmoid": s = `S.sigmoid(${a[0]})`; break;
      case "pow": s = `Math.pow(${a[0]}, ${a[1]})`; break;
      case "itof": s = a[0]!; break;
      case "ftoi": s = `S.ftoi(${a[0]})`; break;
      case "band": s = `(${a[0]} & ${a[1]})`; break;
      case "bor": s = `(${a[0]} | ${a[1]})`; break;
      case "bxor": s = `(${a[0]} ^ ${a[1]})`; break;
      case "shl": s = `S.shl(${a[0]}, ${a[1]})`; break;
      case "shr": s = `S.shr(${a[0]}, ${a[1]})`; break;
      case "ilog2": s = `S.ilog2(${a[0]})`; break;
    }
    if (s.length > 2_000_000) throw new Error("jit: expression too large");
    return s;
  };
  const body = roots.map(go);
  const loaders = tensorNames.map((name, i) => {
    const t = opts.tensors[name];
    if (!t) throw new Error(`jit: unbound tensor ${name}`);
    const ps = t.dims.map((_, k) => `i${k}`);
    const inRange = t.dims.map((d, k) => `i${k} >= 0 && i${k} < ${d}`).join(" && ") || "true";
    let off = "0";
    t.dims.forEach((d, k) => (off = k === 0 ? `i0` : `(${off}) * ${d} + i${k}`));
    return `function L${i}(${ps.join(", ")}) { if (${inRange}) return T[${i}].data[${off}]; return RT(${JSON.stringify(name)}, T[${i}], [${ps.join(", ")}]); }`;
  });
  const params = opts.args.map((_, k) => `a${k}`).join(", ");
  const ret = roots.length === 1 ? body[0] : `[${body.join(", ")}]`;
  const src = `${loaders.join("\n")}\nreturn function (${params}) { ${temps.join(" ")} return ${ret}; };`;
  const tensors = tensorNames.map((n) => opts.tensors[n]!);
  return new Function("S", "T", "RT", src)(sem, tensors, readTensor) as Fn;
}
