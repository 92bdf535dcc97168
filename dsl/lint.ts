/**
 * The checker's warnings (W03xx): programs that are valid but probably do not mean what they say.
 * The command still succeeds; `attnc check` (and `--json`) reports them, with their codes.
 *
 * - W0310: an integer division in a float context. `/` of two ints is floor division (§ 5), so in
 *   `pow(2, -8 * (h + 1) / H)` (ALiBi's slopes) the exponent is floored before it is converted to
 *   float: the slopes come out as powers of two. Reported where an int expression is converted to
 *   float implicitly — an operand of an arithmetic operator, comparison, `min`/`max`/`clamp` or `?:`
 *   that mixes it with a float, an argument of a float function (`exp log sqrt tanh sigmoid pow
 *   floor`) or of a def's float parameter, an int score or sink — and that expression computes a
 *   floor division through `+ - * %`, unary `-`, `abs`, `min`, `max`, `clamp`, the branches of `?:`,
 *   lets and defs (the division is reported where it is written, once). An explicit `float(a / b)` says the floor is meant: no warning.
 *
 * Contract: `lint(mod, types)` takes a module that `check` accepted and its expression types
 * (`checkModule`); it never throws, reports each division once (at its span), sorted by position.
 */
import type { Attention, Expr, Module, TypeName } from "./ast.js";
import { warning, type Diagnostic } from "./diagnostics.js";

const FLOAT_FUNCTIONS = new Set(["exp", "log", "sqrt", "tanh", "sigmoid", "pow", "floor"]);
const UNIFYING = new Set(["min", "max", "clamp"]);
const ARITH = new Set(["+", "-", "*", "/", "%"]);
const COMPARE = new Set(["<", "<=", ">", ">=", "==", "!="]);

interface Ctx {
  mod: Module;
  types: Map<Expr, TypeName>;
  out: Diagnostic[];
  reported: Set<Expr>;
}

const text = (ctx: Ctx, e: Expr) => ctx.mod.source.slice(e.span.offset, e.span.endOffset);

/** The operands of `e` that are ints converted to float implicitly. */
function converted(ctx: Ctx, e: Expr, defs: Defs): Expr[] {
  const t = (x: Expr) => ctx.types.get(x);
  const ints = (xs: Expr[]) => xs.filter((x) => t(x) === "int");
  switch (e.kind) {
    case "binary":
      if ((ARITH.has(e.op) && t(e) === "float") || (COMPARE.has(e.op) && (t(e.left) === "float" || t(e.right) === "float"))) return ints([e.left, e.right]);
      return [];
    case "ternary":
      return t(e) === "float" ? ints([e.then, e.else]) : [];
    case "call": {
      if (FLOAT_FUNCTIONS.has(e.name) && !defs.has(e.name)) return ints(e.args);
      if (UNIFYING.has(e.name) && !defs.has(e.name) && t(e) === "float") return ints(e.args);
      const d = defs.get(e.name);
      if (d?.params) return e.args.filter((a, i) => d.params![i]?.type === "float" && t(a) === "int");
      return [];
    }
    default:
      return [];
  }
}

type Defs = Map<string, Module["defs"][number]>;

/**
 * Reports the floor divisions `root` computes through value-preserving int operations, lets and defs.
 * `params`: inside a def, its parameters (a def sees no lets, and its parameters shadow defs); null in a block.
 */
function findDivisions(ctx: Ctx, root: Expr, lets: Map<string, Expr>, defs: Defs, params: ReadonlySet<string> | null): void {
  const seen = new Set<Expr>();
  const stack: [Expr, ReadonlySet<string> | null][] = [[root, params]];
  while (stack.length > 0) {
    const [e, inDef] = stack.pop()!;
    if (seen.has(e) || ctx.types.get(e) !== "int") continue;
    seen.add(e);
    switch (e.kind) {
      case "binary":
        if (e.op === "/") {
          if (!ctx.reported.has(e)) {
            ctx.reported.add(e);
            const [a, b] = [text(ctx, e.left), text(ctx, e.right)];
            ctx.out.push(warning("W0310", "integer division in a float context: `/` of two ints floors before the conversion to float", e.span, [
              `both operands are int, so \`${a} / ${b}\` rounds toward -inf (\`7 / 2 == 3\`) and only then becomes a float`,
              `for real division make an operand a float: \`float(${a}) / float(${b})\`; if the floor is meant, say so: \`float(${a} / ${b})\``,
            ]));
          }
        } else if (ARITH.has(e.op)) stack.push([e.left, inDef], [e.right, inDef]);
        break;
      case "unary":
        if (e.op === "-") stack.push([e.arg, inDef]);
        break;
      case "ternary":
        stack.push([e.then, inDef], [e.else, inDef]);
        break;
      case "call": {
        const d = defs.get(e.name);
        if (d?.params) stack.push([d.body, new Set(d.params.map((p) => p.name))]); // an int def: its body's result
        else if (e.name === "abs" || UNIFYING.has(e.name)) for (const a of e.args) stack.push([a, inDef]);
        break;
      }
      case "name": {
        if (inDef?.has(e.name)) break; // a def's parameter
        const body = inDef ? undefined : lets.get(e.name);
        const d = defs.get(e.name);
        if (body) stack.push([body, null]);
        else if (d && d.params === null) stack.push([d.body, new Set()]);
        break;
      }
      default:
        break;
    }
  }
}

/** Every subexpression of `root` (iteratively). */
function* nodes(root: Expr): Iterable<Expr> {
  const stack = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    yield e;
    switch (e.kind) {
      case "unary": stack.push(e.arg); break;
      case "binary": stack.push(e.left, e.right); break;
      case "ternary": stack.push(e.cond, e.then, e.else); break;
      case "call": stack.push(...e.args); break;
      case "index": stack.push(...e.indices); break;
      default: break;
    }
  }
}

function lintRoot(ctx: Ctx, root: Expr, lets: Map<string, Expr>, defs: Defs, params: ReadonlySet<string> | null): void {
  for (const e of nodes(root)) for (const x of converted(ctx, e, defs)) findDivisions(ctx, x, lets, defs, params);
}

function lintBlock(ctx: Ctx, att: Attention, defs: Defs): void {
  const lets = new Map<string, Expr>();
  for (const it of att.items) if (it.kind === "let") lets.set(it.name, it.value);
  for (const it of att.items) {
    if (it.kind === "let") lintRoot(ctx, it.value, lets, defs, null);
    else if (it.kind === "mask") lintRoot(ctx, it.expr, lets, defs, null);
    else if (it.kind === "score" || it.kind === "sink") {
      lintRoot(ctx, it.expr, lets, defs, null);
      // an int score or sink is converted to float as a whole
      if (ctx.types.get(it.expr) === "int") findDivisions(ctx, it.expr, lets, defs, null);
    }
  }
}

export function lint(mod: Module, types: Map<Expr, TypeName>): Diagnostic[] {
  const ctx: Ctx = { mod, types, out: [], reported: new Set() };
  try {
    const defs: Defs = new Map(mod.defs.map((d) => [d.name, d]));
    for (const d of mod.defs) lintRoot(ctx, d.body, new Map(), defs, new Set((d.params ?? []).map((p) => p.name)));
    for (const att of mod.attentions) lintBlock(ctx, att, defs);
  } catch {
    // warnings are advice: a bug here must not fail a valid program
  }
  return ctx.out.sort((a, b) => (a.span?.offset ?? 0) - (b.span?.offset ?? 0));
}
