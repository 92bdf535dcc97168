/**
 * The TypeScript backend: prints a kernel plan as a readable, standalone TypeScript module
 * (built with ts-morph, formatted by prettier) exporting `forward(q, k, v, tensors, sizes, options)`.
 *
 * The kernel is tiled (blockQ query rows × blockKV keys); per query tile it keeps the online
 * softmax state (running max, sum, accumulator) in Float32Arrays of O(tile) size; it visits only
 * key tiles in the plan's closed-form key range (when there is one) whose classifier says
 * `anyVisible`, evaluates the mask only on tiles that are not `allVisible`, and evaluates the
 * score only where the mask holds. A sink joins each row's max and sum once, after its keys.
 */
import { DIM_OP_TS, exprDims } from "../../compiler/ir/dims.js";
import type { KernelPlan } from "../../compiler/plan/kernel-plan.js";
import { emitKernel } from "../shared/emit.js";
import type { EmittedKernel, Printed, Stmt } from "../shared/emit-types.js";
import { backwardBody, elementwiseWeight, type WalkParts } from "./backward.js";
import { tsRules } from "./rules.js";
import { RUNTIME_HELPERS, factArgs, readerFor, validation } from "./runtime.js";

const decls = (ss: Stmt[]) => ss.map((s) => tsRules.declare(s)).join("\n");
const withPre = (p: Printed) => ({ pre: decls(p.pre), expr: p.expr });

/** Run-time facts the classifier reads (computed once per call, O(tensor size)). */
function facts(plan: KernelPlan): string {
  return plan.facts
    .map((f) => {
      const decl = plan.inputs.find((i) => i.name === f.tensor)!;
      return `const ${f.var} = nondecreasing(${factArgs(decl)}, ${f.dim});`;
    })
    .join("\n");
}

/** The pieces `forward` and `backward` share: the prologue, the key range, the walk over tiles. */
function sharedParts(plan: KernelPlan, e: EmittedKernel): WalkParts {
  const { blockQ, blockKV } = plan.tile;
  const any = withPre(e.anyVisible);
  const all = withPre(e.allVisible);
  const mask = withPre(e.mask);
  const range = e.kvRange
    ? (() => {
        const lo = withPre(e.kvRange.lo);
        const hi = withPre(e.kvRange.hi);
        return `${lo.pre}\n${hi.pre}
const kvFirst = Math.max(0, ${lo.expr});
const kvLast = Math.min(KV_LEN - 1, ${hi.expr});
const ktBegin = Math.floor(kvFirst / BLOCK_KV);
const ktEnd = kvLast < kvFirst ? ktBegin : Math.floor(kvLast / BLOCK_KV) + 1;`;
      })()
    : `const ktBegin = 0;\nconst ktEnd = numKvTiles;`;
  const elementMask = plan.maskIsTrue
    ? ""
    : `if (!full) {
  ${mask.pre}
  if (!${mask.expr}) continue;
}`;
  /** the walk over batch rows, heads and query tiles, with `body` per query tile (qlo, qhi, rows) */
  // a row with no key to see is o = 0, lse = -inf, unless the sink joins it (then lse = the sink)
  const skip = plan.sink ? "Q_LEN === 0) continue; // no row" : "Q_LEN === 0 || KV_LEN === 0) continue; // no row, or nothing to see: o = 0, lse = -inf";
  const queryTiles = (body: string) => `for (let b = 0; b < B; b++) {
  // the batch row's lengths (the program's Q_LEN, KV_LEN); the tensors are padded to Q_PAD, KV_PAD
  const Q_LEN = qLens === undefined ? Q_PAD : qLens[b]!;
  const KV_LEN = kvLens === undefined ? KV_PAD : kvLens[b]!;
  if (${skip}
  const numQTiles = Math.ceil(Q_LEN / BLOCK_Q);
  const numKvTiles = Math.ceil(KV_LEN / BLOCK_KV);
  for (let h = 0; h < H; h++) {
    const kvh = Math.floor(h / group);
    // the row of k and v that holds key kv: dense [B, H_KV, KV_LEN, *], or paged [NUM_PAGES, H_KV, PAGE, *]
    const kvRow = (kv: number): number =>
      pages === undefined
        ? (b * H_KV + kvh) * KV_PAD + kv
        : (pages.table[b * pages.maxPages + Math.floor(kv / pages.size)]! * H_KV + kvh) * pages.size + (kv % pages.size);
    ${decls(e.head)}
    for (let qt = 0; qt < numQTiles; qt++) {
      const qlo = qt * BLOCK_Q;
      const qhi = Math.min(Q_LEN, qlo + BLOCK_Q) - 1;
      const rows = qhi - qlo + 1;
      ${body}
    }
  }
}`;
  /**
   * The walk over the query tile's key tiles in [ktBegin, ktEnd) that the classifier says are not
   * empty, then its rows (`rowHead` first) and the keys each sees (the mask unless the tile is
   * full), with `entry` per visible (q, kv) once `s` is known. Forward and backward share it, so a
   * tile is skipped in the backward exactly when it is in the forward.
   */
  const keyTiles = (rowHead: string, entry: string, rowTail = "") => `for (let kt = ktBegin; kt < ktEnd; kt++) {
  const kvlo = kt * BLOCK_KV;
  const kvhi = Math.min(KV_LEN, kvlo + BLOCK_KV) - 1;
  ${any.pre}
  if (!${any.expr}) continue; // empty tile: never loaded
  ${all.pre}
  const full = ${all.expr}; // full tile: no mask
  for (let i = 0; i < rows; i++) {
    const q = qlo + i;
    const qBase = ((b * H + h) * Q_PAD + q) * D;
    ${rowHead}
    ${decls(e.row)}
    for (let kv = kvlo; kv <= kvhi; kv++) {
      ${elementMask}
      const kRow = kvRow(kv) * D;
      const vRow = (kRow / D) * DV;
      let dot = 0;
      for (let d = 0; d < D; d++) dot += q_[qBase + d]! * k[kRow + d]!;
      const s = scale * dot;
      ${entry}
    }
    ${rowTail}
  }
}`;
  const prologue = `${validation(plan.inputs, plan.headDim)}
const { B, H, H_KV, D, DV } = sizes;
const Q_PAD = sizes.Q_LEN; // the tensors' lengths; a batch row's own are qLens[b], kvLens[b] (or these)
const KV_PAD = sizes.KV_LEN;
const qLens = rowLengths("qLens", options.qLens, B, Q_PAD);
const kvLens = rowLengths("kvLens", options.kvLens, B, KV_PAD);
const pages = pageLayout(options, sizes, k, v, kvLens);
${plan.inputs.map(readerFor).join("\n")}
${facts(plan)}
const scale = options.scale ?? 1 / Math.sqrt(D);
const BLOCK_Q = ${blockQ};
const BLOCK_KV = ${blockKV};
const group = H / H_KV;`;
  return { prologue, range, queryTiles, keyTiles };
}

function forwardBody(plan: KernelPlan, e: EmittedKernel): string {
  const { prologue, range, queryTiles, keyTiles } = sharedParts(plan, e);
  const score = withPre(e.score);
  const softmax = plan.normalize === "softmax";
  const update = softmax
    ? `if (L > m) {
  // the new running max as stored (float32); rescale by exactly the change of the stored max
  rowMax[i] = L;
  const corr = Math.exp(m - rowMax[i]!);
  m = rowMax[i]!;
  rowSum[i] *= corr;
  for (let c = 0; c < DV; c++) acc[accRow + c] *= corr;
}
if (L === -Infinity) continue; // weight zero: never contributes, as a masked key
// NaN or +inf (then m is +inf) makes p NaN, and with it the row's sum: the row's outputs are NaN
const p = Math.exp(L - m);
rowSum[i] += p;
for (let c = 0; c < DV; c++) acc[accRow + c] += p * v[vRow + c]!;`
    : `if (L === -Infinity) continue; // weight zero: never contributes, as a masked key
${elementwiseWeight(plan.normalize)}
for (let c = 0; c < DV; c++) acc[accRow + c] += p * v[vRow + c]!;`;
  // the row's sum l is 0 when nothing is visible (or every visible L is -inf), NaN after a NaN or
  // +inf score, else at least 1
  const finish = softmax && e.sink
    ? `${withPre(e.sink).pre}
// the sink: one more logit of the row, with no value row (it joins the max and the sum, not acc);
// NaN or +inf makes l NaN (exp(NaN), exp(inf - inf)), and with it the row's outputs
const S: number = ${e.sink.expr};
let mx = rowMax[i]!;
let l = rowSum[i]!;
let corr = 1;
if (S > mx) {
  corr = Math.exp(mx - S); // 0 when nothing was visible (mx = -inf)
  l *= corr;
  mx = S;
}
if (S !== -Infinity) l += Math.exp(S - mx);
const outRow = ((b * H + h) * Q_PAD + q) * DV;
for (let c = 0; c < DV; c++) o[outRow + c] = l === 0 ? 0 : (acc[i * DV + c]! * corr) / l;
lse[(b * H + h) * Q_PAD + q] = l === 0 ? -Infinity : mx + Math.log(l);`
    : softmax
    ? `const l = rowSum[i]!;
const outRow = ((b * H + h) * Q_PAD + q) * DV;
for (let c = 0; c < DV; c++) o[outRow + c] = l === 0 ? 0 : acc[i * DV + c]! / l;
lse[(b * H + h) * Q_PAD + q] = l === 0 ? -Infinity : rowMax[i]! + Math.log(l);`
    : `const outRow = ((b * H + h) * Q_PAD + q) * DV;
for (let c = 0; c < DV; c++) o[outRow + c] = acc[i * DV + c]!;`;
  return `${prologue}
const o = new Float32Array(B * H * Q_PAD * DV);
const lse = new Float32Array(${softmax ? "B * H * Q_PAD" : "0"}).fill(-Infinity); // rows past a batch row's length stay -inf
// per query tile state: O(tile), reused
const rowMax = new Float64Array(BLOCK_Q); // the reference point of exp(L - max): float64, like the scores
// the row's sum and weighted sum of v in float64: they cannot overflow (at most KV_LEN |v|max < 2^157),
// and the largest weight is 1, so a float32 output is never lost to underflow either
const rowSum = new Float64Array(BLOCK_Q);
const acc = new Float64Array(BLOCK_Q * DV);
${queryTiles(`rowMax.fill(-Infinity);
rowSum.fill(0);
acc.fill(0);
${range}
${keyTiles(`const accRow = i * DV;\nlet m = rowMax[i]!;`, `${score.pre}\nconst L = ${score.expr};\n${update}`)}
for (let i = 0; i < rows; i++) {
  const q = qlo + i;
  ${finish}
}`)}
return { o, lse: ${softmax ? "lse" : "null"} };`;
}

export interface TsModule {
  fileName: string;
  source: string;
}

/** Generates the formatted TypeScript module for a plan. */
export async function generateTs(plan: KernelPlan): Promise<TsModule> {
  // loaded on first use: ts-morph (the TypeScript compiler) takes ~0.8 s to import, prettier ~0.2 s,
  // and only this backend needs them (check, analyze and the CUDA / WGSL targets start without)
  const { Project, StructureKind, VariableDeclarationKind } = await import("ts-morph");
  const project = new Project({ useInMemoryFileSystem: true });
  const fileName = `${plan.name}.ts`;
  const header = `/**
 * attention \`${plan.name}\` — generated by attnc (TypeScript reference backend). Do not edit.
 * normalize: ${plan.normalize}${plan.sink ? " with a sink (a per-row logit of the denominator)" : ""}; tile: ${plan.tile.blockQ} query rows x ${plan.tile.blockKV} keys.
 * Layout (row-major): q[B,H,Q_LEN,D], k[B,H_KV,KV_LEN,D], v[B,H_KV,KV_LEN,DV] -> o[B,H,Q_LEN,DV]${plan.normalize === "softmax" ? ", lse[B,H,Q_LEN]" : ""}.
 */
${RUNTIME_HELPERS}${exprDims(plan.inputs).length > 0 ? `\n${DIM_OP_TS}` : ""}`;
  const sf = project.createSourceFile(fileName, header, { overwrite: true });
  const e = emitKernel(plan, tsRules);
  sf.addInterface({
    kind: StructureKind.Interface,
    name: "Sizes",
    isExported: true,
    properties: ["B", "H", "H_KV", "Q_LEN", "KV_LEN", "D", "DV"].map((n) => ({ name: n, type: "number" })),
  });
  sf.addInterface({
    name: "Options",
    isExported: true,
    docs: [
      [
        "scale: the score's scale (default 1 / sqrt(D)). qLens, kvLens: per-row lengths, B values each in [0, Q_LEN] /",
        "[0, KV_LEN] of the (padded) tensors; a batch row's Q_LEN and KV_LEN then mean its own, keys past it do",
        "not exist and its rows past it are o = 0, lse = -inf (docs/language.md § 10). pageTable, pageSize: a paged",
        "KV cache: k [NUM_PAGES, H_KV, PAGE, D], v [NUM_PAGES, H_KV, PAGE, DV], row b's key kv in page",
        "pageTable[b, kv / PAGE] at row kv % PAGE; the table is [B, KV_LEN / PAGE] (forward only).",
      ].join("\n"),
    ],
    properties: [
      { name: "scale", type: "number", hasQuestionToken: true },
      { name: "qLens", type: "Int32Array", hasQuestionToken: true },
      { name: "kvLens", type: "Int32Array", hasQuestionToken: true },
      { name: "pageTable", type: "Int32Array", hasQuestionToken: true },
      { name: "pageSize", type: "number", hasQuestionToken: true },
    ],
  });
  sf.addInterface({
    name: "Tensors",
    isExported: true,
    docs: ["The run-time tensors the program declares (row-major)."],
    properties: plan.inputs.map((i) => ({ name: i.name, type: i.dtype === "i32" ? "Int32Array" : "Float32Array" })),
  });
  sf.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: "inputs", initializer: JSON.stringify(plan.inputs) }],
  });
  sf.addFunction({
    name: "forward",
    isExported: true,
    docs: ["Runs the attention. Throws AttnKernelError on bad sizes or buffers, or a read out of bounds."],
    parameters: [
      { name: "q_", type: "Float32Array" },
      { name: "k", type: "Float32Array" },
      { name: "v", type: "Float32Array" },
      { name: "tensors", type: "Tensors" },
      { name: "sizes", type: "Sizes" },
      { name: "options", type: "Options", initializer: "{}" },
    ],
    returnType: "{ o: Float32Array; lse: Float32Array | null }",
    statements: forwardBody(plan, e),
  });
  if (plan.grad) {
    sf.addInterface({
      name: "Gradients",
      isExported: true,
      docs: ["d_NAME for every f32 tensor the program declares (its shape; zero where the score never reads it)."],
      properties: plan.inputs.filter((i) => i.dtype === "f32").map((i) => ({ name: i.name, type: "Float32Array" })),
    });
    sf.addFunction({
      name: "backward",
      isExported: true,
      docs: [
        "Gradients of the loss sum(o * dO) (docs/language.md § 9, \"Gradients\"): dq, dk, dv and d_NAME for every",
        "f32 tensor. Throws AttnKernelError on bad sizes or buffers, or a read out of bounds.",
      ],
      parameters: [
        { name: "q_", type: "Float32Array" },
        { name: "k", type: "Float32Array" },
        { name: "v", type: "Float32Array" },
        { name: "dO", type: "Float32Array" },
        { name: "tensors", type: "Tensors" },
        { name: "sizes", type: "Sizes" },
        { name: "options", type: "Options", initializer: "{}" },
      ],
      returnType: "{ dq: Float32Array; dk: Float32Array; dv: Float32Array; dTensors: Gradients }",
      statements: backwardBody(plan, e, sharedParts(plan, e), withPre(e.score)),
    });
  }
  return { fileName, source: await formatted(sf.getFullText()) };
}

/**
 * The module as JavaScript (ES2022, ES module) and its declarations, for users who import it with
 * no TypeScript build step: the JavaScript is TypeScript's own transpilation of the module (as
 * `attnc run` loads it), the declarations its declaration emit.
 */
export async function transpiledTs(m: TsModule): Promise<{ jsName: string; js: string; dtsName: string; dts: string }> {
  const { Project, ts } = await import("ts-morph");
  const base = m.fileName.replace(/\.ts$/, "");
  const header = `// generated by attnc from ${m.fileName} (TypeScript reference backend). Do not edit.\n`;
  const js = ts.transpileModule(m.source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { declaration: true, emitDeclarationOnly: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  project.createSourceFile(m.fileName, m.source);
  const out = project.emitToMemory({ emitOnlyDtsFiles: true }).getFiles();
  const dts = out.find((f) => f.filePath.endsWith(".d.ts"));
  if (!dts) throw new Error(`declaration emit of ${m.fileName} produced no .d.ts`);
  return { jsName: `${base}.js`, js: header + js, dtsName: `${base}.d.ts`, dts: header + dts.text };
}

/** The most operands of one `&&` / `||` chain a formatted module may have (see `formatted`). */
export const MAX_FORMATTED_CHAIN = 256;

/**
 * The most operands of a run of `&&` / `||` at one bracket depth of `text` (an upper bound on the
 * longest logical chain: mixed runs count together; strings and comments of generated code hold
 * balanced brackets).
 */
export function longestLogicalChain(text: string): number {
  const runs = [0];
  let most = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[" || c === "{") runs.push(0);
    else if (c === ")" || c === "]" || c === "}") {
      runs.pop();
      if (runs.length === 0) runs.push(0);
    } else if (c === ";") runs[runs.length - 1] = 0;
    else if ((c === "&" || c === "|") && text[i + 1] === c) {
      i++;
      most = Math.max(most, ++runs[runs.length - 1]! + 1);
    }
  }
  return most;
}

/**
 * The module formatted by prettier, or as printed (the same code, fully parenthesized) when the
 * formatted text would chain more than MAX_FORMATTED_CHAIN operands of `&&` / `||` (thousands of
 * `mask` lines): prettier drops the parentheses of the balanced tree the IR keeps, and a flat chain
 * nests one level per operator in every parser after it (TypeScript's binder overflowed the stack
 * at 2,461 masks, ~1,000 operands); prettier's own printer may overflow on such chains too.
 */
async function formatted(text: string): Promise<string> {
  try {
    const prettier = await import("prettier");
    const pretty = await prettier.format(text, { parser: "typescript", printWidth: 110 });
    return longestLogicalChain(pretty) > MAX_FORMATTED_CHAIN ? text : pretty;
  } catch (e) {
    if (e instanceof RangeError) return text;
    throw e;
  }
}
