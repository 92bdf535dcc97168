/**
 * Names that are reserved, predefined or generated in some target's code, for drawing the input
 * and attention names of test programs: every accepted program's generated code must compile on
 * every target whatever its names are (issue #11, item 8). Each list keeps only names the language
 * accepts (an identifier that is not one of its keywords or built-ins, nor `k` or `v`).
 */
import { RESERVED } from "../../dsl/names.js";

/** The names issue #11 found to break generated code (CUDA: all of them; WGSL: `o`, `lse`). */
export const ISSUE_NAMES = [
  "o", "lse", "scale", "stream", "dtype", "p", "Params", "misaligned",
  "class", "return", "template", "this", "typename", "namespace", "__global__", "NULL", "INFINITY",
];

const CPP = [
  "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch", "char",
  "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr", "constinit",
  "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete", "do", "double",
  "dynamic_cast", "else", "enum", "explicit", "export", "extern", "for", "friend", "goto", "if", "inline", "long",
  "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private",
  "protected", "public", "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
  "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "try", "typedef",
  "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
  "main", "std", "size_t", "int64_t", "uint32_t", "uintptr_t", "printf", "assert", "errno", "stderr", "stdin", "EOF",
];

const CUDA = [
  "__global__", "__device__", "__host__", "__shared__", "__constant__", "__restrict__", "__forceinline__",
  "__launch_bounds__", "__syncthreads", "__ldg", "__half", "__nv_bfloat16", "half", "threadIdx", "blockIdx",
  "blockDim", "gridDim", "warpSize", "NULL", "INFINITY", "NAN", "FLT_MAX", "CUDART_VERSION", "cudaStream_t",
  "cudaSuccess", "CUtensorMap", "dim3", "float4", "uint4",
];

/** Names of the generated CUDA (entry point, Params, skeleton, host runner). */
const CUDA_GENERATED = [
  "o", "lse", "scale", "dtype", "stream", "p", "Params", "misaligned", "HeadCtx", "RowCtx", "ColCtx", "hc", "rc",
  "cc", "head_ctx", "row_ctx", "col_ctx", "col_src", "col_staged", "any_visible", "all_visible", "kv_range",
  "kNumCols", "kMaskIsTrue", "kSigmoid", "kElementwise", "kUnitWeights", "weight", "weight_dl", "launch", "launch_checked", "dispatch", "forward_kernel", "violations",
  "fact_violations", "generated_head_dim", "sm90_available", "lo", "hi", "qlo", "qhi", "kvlo", "kvhi", "T", "HD",
  "BN", "NW", "STAGES", "ATTNC_OK", "ATTNC_SM90", "dq", "d_o", "d_lse", "n_o", "dir", "upload", "read_file", "run",
  // the backward (backward.ts, skeleton-bwd.ts, the runner's backward)
  "dO", "dk", "dv", "delta", "g", "BwdArgs", "grad_score", "grad_sites", "dL", "dlds", "ds", "slope0", "pe", "dse",
  "sLse", "sDelta", "st", "dpt", "bwd_launch", "bwd_dispatch", "kGradHasDs", "g_q", "g_in_x", "d_do", "hdo", "brc",
  // the sink (v2): the epilogue, its holes and its backward
  "kHasSink", "sink_logit", "o_scale", "s2", "SinkAcc", "sink_acc", "sink_flush", "grad_sink_logit", "grad_sink_sites",
  "kSinkHasSites", "kDeltaRows", "sink",
];

const WGSL = [
  "alias", "break", "case", "const", "const_assert", "continue", "continuing", "default", "diagnostic", "discard",
  "else", "enable", "fn", "for", "if", "loop", "override", "requires", "return", "struct", "switch", "var", "while",
  "f32", "i32", "u32", "f16", "bool", "vec4", "vec4f", "mat4x4", "array", "atomic", "ptr", "sampler", "texture_2d",
  "NULL", "Self", "abstract", "active", "asm", "async", "attribute", "auto", "await", "become", "cast", "catch",
  "cbuffer", "co_await", "demote", "do", "dynamic_cast", "enum", "explicit", "export", "extends", "extern",
  "external", "filter", "final", "finally", "friend", "from", "fxgroup", "get", "goto", "groupshared", "highp",
  "impl", "implements", "import", "inline", "instanceof", "interface", "layout", "lowp", "macro", "match",
  "mediump", "meta", "mod", "module", "move", "mut", "mutable", "noexcept", "noinline", "nointerpolation",
  "noperspective", "null", "nullptr", "of", "operator", "package", "packoffset", "partition", "pass", "patch",
  "pixelfragment", "precise", "precision", "premerge", "priv", "protected", "pub", "public", "readonly", "ref",
  "regardless", "register", "reinterpret_cast", "require", "resource", "restrict", "self", "set", "shared",
  "sizeof", "smooth", "snorm", "static", "static_cast", "std", "subroutine", "super", "target", "template", "this",
  "thread_local", "throw", "trait", "try", "type", "typedef", "typeid", "typename", "typeof", "union", "unless",
  "unorm", "unsafe", "unsized", "use", "using", "varying", "virtual", "volatile", "wgsl", "where", "with",
  "writeonly", "yield", "select", "dot", "fma", "bitcast", "workgroupBarrier", "arrayLength", "subgroupShuffleXor",
  "unpack2x16float", "tanh", "exp2", "sign",
];

/** Names of the generated WGSL shader and host module. */
const WGSL_GENERATED = [
  "u", "Uniforms", "obuf", "lsebuf", "qbuf", "kbuf", "q_at", "ld4_q", "attn_idiv", "attn_clamp_index", "Ks", "Vs",
  "qr", "m", "l", "part", "qc", "kvh", "kvhead", "kt", "kt_begin", "kt_end", "full", "vis", "sv", "mx", "alpha", "mu",
  "vrow", "krow", "acc", "inv", "obase", "d0", "e", "x", "WG", "BQ", "BKV", "G", "QD4", "D4", "DV", "DV4", "SPLIT",
  "spec", "createKernel", "tilePlan", "shaderSource", "float16Bits", "Kernel", "Inputs", "Tensors", "Sizes",
  "KernelOptions", "GPUBuffer", "device", "fu", "t",
  // the sink (v2): the forward's join and the backward's sink pass
  "sk", "skb", "S", "P", "dS", "tgrad", "gbase",
];

const JS = [
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
  "export", "extends", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return",
  "super", "switch", "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield", "static",
  "implements", "interface", "package", "private", "protected", "public", "await", "as", "any", "async",
  "constructor", "declare", "is", "module", "namespace", "never", "readonly", "require", "number", "object",
  "string", "symbol", "type", "undefined", "unique", "unknown", "global", "bigint", "of", "satisfies", "keyof",
  "infer", "asserts", "accessor", "out", "arguments", "eval", "Math", "Number", "NaN", "Infinity", "Object",
  "Array", "Float32Array", "Int32Array", "Error", "prototype", "toString", "valueOf", "hasOwnProperty",
  "isPrototypeOf", "globalThis", "window", "self", "document", "console",
];

/** Names of the generated TypeScript module. */
const TS_GENERATED = [
  "forward", "inputs", "tensors", "sizes", "options", "Sizes", "Tensors", "AttnKernelError", "idiv", "imod", "ftoi",
  "nondecreasing", "expectLength", "key", "group", "rowMax", "rowSum", "acc", "full", "dot", "L", "corr", "P_SHIFT",
  "outRow", "numQTiles", "numKvTiles", "BLOCK_Q", "BLOCK_KV", "kvFirst", "kvLast", "ktBegin", "ktEnd", "kBase",
  "vBase", "qBase", "accRow", "rows", "q_", "i0", "c", "d", "i", "m", "l", "x",
  // the sink (v2)
  "mx", "dSink", "S", "delta",
];

/** Pairs that break naive schemes: a name and names made from it by another scheme's prefixes and suffixes. */
export const DERIVED_NAMES = ["x", "in_x", "rd_x", "ld_x", "x_d0", "x_data", "attnc_load_x", "attnc_ptr_x", "h_in_x", "d_in_x", "sorted_x_0", "d_x", "g_in_x", "attnc_grad_ptr_x"];

/** Does the language accept `name` as the name of an input, param, let or attention block? */
export function acceptedName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name) && !LANGUAGE_KEYWORDS.has(name) && name !== "k" && name !== "v";
}
const LANGUAGE_KEYWORDS = new Set(["def", "attention", "param", "input", "let", "mask", "score", "normalize", "true", "false"]);

/** Every reserved, predefined or generated name of the three targets that the language accepts (sorted, unique).
 * `__proto__` is left out: test data are plain objects, where it cannot be a key. */
export const TARGET_NAMES: readonly string[] = [
  ...new Set([...ISSUE_NAMES, ...CPP, ...CUDA, ...CUDA_GENERATED, ...WGSL, ...WGSL_GENERATED, ...JS, ...TS_GENERATED, ...DERIVED_NAMES]),
]
  .filter(acceptedName)
  .sort();

/**
 * A program whose attention block is `attention` and whose one input is `input`, used everywhere an
 * input can be: document ids read per query row and per key (a run-time fact of the classifier and
 * a key-column read), and a term of the score. Inputs: `input` i32[B, Q_LEN], sorted per row (the
 * reads need KV_LEN == Q_LEN).
 */
export function namedProgram(attention: string, input: string): string {
  return `attention ${attention} {
  input ${input}: i32[B, Q_LEN]
  mask ${input}[b, q] == ${input}[b, kv] && kv <= q
  score s - 0.25 * float(${input}[b, kv] - ${input}[b, q]) - 0.125 * float(q - kv)
}
`;
}

/**
 * A program with all of `names` as inputs at once: the first is the document-id input of
 * `namedProgram`, the others f32[H] terms of the score.
 */
export function allNamesProgram(attention: string, names: readonly string[]): string {
  const [doc, ...rest] = names;
  return `attention ${attention} {
  input ${doc}: i32[B, Q_LEN]
${rest.map((n) => `  input ${n}: f32[H]\n`).join("")}  mask ${doc}[b, q] == ${doc}[b, kv] && kv <= q
  score s${rest.map((n, i) => ` ${i % 2 ? "-" : "+"} 0.01 * ${n}[h]`).join("")}
}
`;
}
