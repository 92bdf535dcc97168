/**
 * What the shared expression emitter (backends/shared/emit.ts) gives each backend: the plan's
 * expressions printed as code in the backend's language, split by the loop level where they
 * belong. A backend pastes these strings into the holes of its kernel skeleton.
 *
 * Names in scope that the printed code refers to are produced by the backend's `LangRules.varRef`
 * (the built-ins b h q kv s B H H_KV Q_LEN KV_LEN D and the tile bounds qlo qhi kvlo kvhi) and
 * `LangRules.load` (tensor reads); temporaries are named `t<level><id>` (`th`, `tr` hoisted; `tcol` per key column; `tm`, `ts` per element; `tc..`, `tk..` classifier and range) and declared by the statements
 * below in order (each `Stmt` is one declaration `name: type = expr`, printed by the backend's
 * `LangRules.declare`).
 */
import type { Node, Op, Type } from "../../compiler/ir/node.js";
import type { InputDecl } from "../../compiler/ir/program.js";

export interface Stmt {
  name: string;
  type: Type;
  expr: string;
}

/** A printed value: statements to run first (in order), then the expression. */
export interface Printed {
  pre: Stmt[];
  expr: string;
}

export interface EmittedKernel {
  /** once per (b, h): only b, h and sizes are read */
  head: Stmt[];
  /** once per query row: b, h, q and sizes */
  row: Stmt[];
  /** once per key column (`LangRules.columnValues` only, else empty and printed inline): the
   * schedule's `columns`, each a tensor read over b, h, kv and sizes, named `tcol<id>` by its last
   * statement (earlier statements are temporaries of its indices) */
  col: Stmt[];
  /** per element, every in-range (q, kv) of a partial tile: the mask (bool) */
  mask: Printed;
  /** per element where the mask holds: the score (float); `s` is in scope */
  score: Printed;
  /** per tile: bool expressions over qlo qhi kvlo kvhi b h and the sizes */
  anyVisible: Printed;
  allVisible: Printed;
  /** per query tile, when the plan has a closed-form key range: int expressions over qlo qhi b h sizes */
  kvRange?: { lo: Printed; hi: Printed };
  /** plans with a sink: its logit per query row, over b h q and the sizes only (no temporaries of
   * the other holes: a backend may print it anywhere b, h, q and the sizes are in scope) */
  sink?: Printed;
  /** plans with `grad` (a backward): the score and its derivatives per visible entry */
  grad?: EmittedGrad;
}

/**
 * The backward's per-entry values, printed together so that they share temporaries (`tg<id>`):
 * run `pre`, then `score` is L, `ds` is dL/ds (null: structurally zero, dq and dk get nothing) and
 * each site's `d` is dL/d(read). A site's element indices (`idx`) may be evaluated only where its
 * `d` is not 0 (the read is then one the score evaluated, so its indices are in bounds).
 */
export interface EmittedGrad {
  pre: Stmt[];
  score: string;
  ds: string | null;
  sites: EmittedSite[];
  /**
   * plans with a sink: per query row (b h q and the sizes in scope), run `pre`, then `value` is the
   * sink logit S and each site's `d` is dS/d(read) (temporaries `tgk<id>`); the backend adds
   * dloss/dS · d into each site's element, where dloss/dS = -exp(S - lse) · Δ
   */
  sink?: { pre: Stmt[]; value: string; sites: EmittedSite[] };
}

/** A differentiable tensor read: its tensor, its slope, and its element's indices (see EmittedGrad). */
export interface EmittedSite {
  tensor: string;
  d: string;
  idx: { pre: Stmt[]; exprs: string[] };
}

/** The per-language rules of the shared C-like printer. */
export interface LangRules {
  /** literal of a const node */
  literal(value: number | boolean, type: Type): string;
  /** reference to a built-in variable or tile bound */
  varRef(name: string, type: Type): string;
  /** a tensor read: `idx` are printed int expressions; `decl` gives dtype and dims */
  load(decl: InputDecl, idx: string[]): string;
  /** overrides for ops whose spelling differs from C (e.g. idiv -> attn_idiv(a, b)) */
  ops: Partial<Record<Op, (args: string[], node: Node) => string>>;
  /** a declaration statement `const name: type = expr;` in the language (without indentation) */
  declare(s: Stmt): string;
  /** deepest IR nesting printed in one expression (default 12); deeper parts become temporaries */
  maxExprDepth?: number;
  /** the backend provides the schedule's per-key-column reads (`EmittedKernel.col`) itself, by name */
  columnValues?: boolean;
}
