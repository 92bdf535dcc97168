/**
 * One attention block after lowering: the mask and score as IR, plus its declarations.
 *
 * Contract: `mask` has type bool (the constant `true` when the block has no mask), `score` has
 * type float; params have been substituted by their (possibly overridden) values, `def`s and
 * `let`s are expanded, and tensor dims that named a param are resolved to constants.
 * The variables that may occur are b h q kv s B H H_KV Q_LEN KV_LEN D.
 * `sink`, when present (v2; softmax only), is the per-row extra logit of the denominator: float IR
 * over b h q and the sizes (never kv or s), in the score's units (docs/language.md § 9).
 */
import type { Node } from "./node.js";
import type { DimExpr } from "./dims.js";

export type SizeName = "B" | "H" | "H_KV" | "Q_LEN" | "KV_LEN" | "D";

/** A tensor dim: a literal (a param's value included), a size, or a derived dim over the sizes
 * (`cdiv(Q_LEN, 64)`; compiler/ir/dims.ts), `text` as the language writes it. */
export type DimSpec =
  | { kind: "const"; value: number }
  | { kind: "size"; name: SizeName }
  | { kind: "expr"; expr: DimExpr; text: string };

export interface InputDecl {
  name: string;
  dtype: "i32" | "f32";
  dims: DimSpec[];
}

export interface ParamValue {
  name: string;
  type: "int" | "float" | "bool";
  value: number | boolean;
}

/**
 * How a row's scores L become the weights of its values (docs/language.md § 9): `softmax` normalizes
 * the row (exp(L - lse)); the elementwise normalizers weigh each entry by its own score alone, with
 * no row sum and no lse: `sigmoid` by sigmoid(L), `none` by L itself (L = -inf: weight zero).
 */
export type Normalize = "softmax" | "sigmoid" | "none";

/** The elementwise normalizers: each entry's weight depends on its own score only (no lse, no sink). */
export const isElementwise = (n: Normalize): n is "sigmoid" | "none" => n !== "softmax";

export interface AttnIR {
  name: string;
  params: ParamValue[];
  inputs: InputDecl[];
  mask: Node;
  score: Node;
  normalize: Normalize;
  /** the sink logit of each query row (absent: no sink) */
  sink?: Node;
}

/** Run-time sizes of one call. */
export interface Sizes {
  B: number;
  H: number;
  H_KV: number;
  Q_LEN: number;
  KV_LEN: number;
  D: number;
  DV: number;
}
