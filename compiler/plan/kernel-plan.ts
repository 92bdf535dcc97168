/**
 * The kernel plan: the one value a backend receives. Pure data; every decision about *what* to
 * compute is made before it (backends only print).
 *
 * Contract:
 * - `mask`/`score` are the optimized IR of the program (`mask` bool, `score` float); `sink`, when
 *   present (softmax only), is the per-row extra logit of the denominator (float IR over b h q and
 *   the sizes): a backend adds exp(sink) to the row's sum once, after its keys, with no value row,
 *   and evaluates it for every existing row (rows with no visible key included).
 * - `classify.anyVisible` / `classify.allVisible` are bool IR over the tile-bound variables
 *   `qlo qhi kvlo kvhi` (inclusive bounds of a non-empty tile box), `b`, `h` and the sizes. They
 *   are *sound*: where `anyVisible` is false no entry of the box is visible; where `allVisible`
 *   is true every entry of the box is visible (and `allVisible` implies `anyVisible`).
 *   A backend visits a tile only if `anyVisible`, and skips the mask on it if `allVisible`.
 * - `kvRange`, when present, bounds the visible keys of a query-tile box [qlo, qhi] in closed
 *   form: every visible kv lies in [lo, hi] (int IR over qlo qhi b h and the sizes, may fall
 *   outside [0, KV_LEN)); backends loop over the key tiles meeting that range only.
 * - `schedule` says which subexpressions are computed once per head, per query row or per
 *   element (see compiler/plan/schedule.ts).
 * - `facts` are run-time facts the classifier may read as bool variables (named `fact.var`): the
 *   host computes each once per call from the tensors (e.g. "doc is nondecreasing along dim 1")
 *   and binds the variable; the classifier is sound whatever value it gets, exact when true.
 * - `tile` is the target's tile plan (block sizes); changing it never changes the result.
 * - `grad`, when present, asks for a backward kernel beside the forward: the derivatives of the
 *   score (compiler/grad/grad.ts). The backward visits exactly the tiles the forward visits.
 */
import type { Node } from "../ir/node.js";
import type { InputDecl, Normalize, ParamValue } from "../ir/program.js";
import type { Schedule } from "./schedule.js";
import type { ScoreGrad } from "../grad/grad.js";

export interface TilePlan {
  /** query rows per tile */
  blockQ: number;
  /** keys per tile */
  blockKV: number;
  /** target-specific knobs (warps, stages, workgroup size...) */
  extra?: Record<string, number | string | boolean>;
}

export interface RuntimeFact {
  /** name of the bool variable the classifier IR reads */
  var: string;
  kind: "nondecreasing";
  tensor: string;
  /** the dimension along which the property holds (for every index of the other dims) */
  dim: number;
}

export interface TileClassifier {
  anyVisible: Node;
  allVisible: Node;
}

export interface KernelPlan {
  name: string;
  normalize: Normalize;
  params: ParamValue[];
  inputs: InputDecl[];
  mask: Node;
  score: Node;
  /** the sink logit of a query row (absent: no sink) */
  sink?: Node;
  /** true when the mask is the constant true (no mask code at all) */
  maskIsTrue: boolean;
  /** the target clamps every tensor index, so any read may be evaluated speculatively */
  speculativeReads: boolean;
  classify: TileClassifier;
  kvRange?: { lo: Node; hi: Node };
  facts: RuntimeFact[];
  schedule: Schedule;
  tile: TilePlan;
  /** head dimension fixed at compile time (--head-dim), or null when the kernel takes it at run time */
  headDim: number | null;
  /** the score's derivatives (compiler/grad), when a backward kernel is asked for */
  grad?: ScoreGrad;
}
