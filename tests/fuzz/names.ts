/**
 * Names a hostile user gives declarations: reserved words and well-known identifiers of every
 * language attnc prints into (C++/CUDA, WGSL, JavaScript/TypeScript), the names of
 * `Object.prototype` and of functions, names the generated kernels use themselves, and ordinary
 * names. All are valid `.attn` identifiers; the `.attn` keywords and built-ins are in `DSL_NAMES`
 * (declaring them is an error, which is also worth generating now and then).
 */

export const CPP_CUDA = [
  "class", "return", "template", "this", "typename", "namespace", "__global__", "__device__", "__host__", "__shared__",
  "__restrict__", "__syncthreads", "NULL", "INFINITY", "NAN", "nullptr", "auto", "const", "constexpr", "static", "struct",
  "union", "volatile", "register", "extern", "inline", "new", "delete", "operator", "private", "public", "protected",
  "virtual", "friend", "goto", "switch", "case", "default", "do", "while", "for", "if", "else", "break", "continue",
  "sizeof", "typedef", "enum", "signed", "unsigned", "long", "short", "char", "double", "void", "asm", "mutable",
  "explicit", "export", "decltype", "noexcept", "static_assert", "alignas", "threadIdx", "blockIdx", "blockDim", "gridDim",
  "warpSize", "half", "half2", "float2", "float4", "int4", "uint32_t", "int32_t", "size_t", "nv_bfloat16", "__nv_bfloat16",
  "std", "cuda", "cudaStream_t", "printf", "main", "expf", "exp2f", "logf", "sqrtf", "fmaxf", "min", "max",
  "o", "lse", "scale", "stream", "dtype", "p", "Params", "misaligned", "q_ptr", "k_ptr", "v_ptr", "o_ptr", "lse_ptr",
  "params", "smem", "tid", "lane", "warp", "row", "col", "acc", "m_i", "l_i", "err", "status", "Kernel", "kernel",
  "attnc", "ATTNC_ERR_CUDA", "__launch_bounds__", "true_type", "assert", "abort", "exit",
];

export const WGSL = [
  "fn", "var", "const", "struct", "loop", "array", "vec2", "vec3", "vec4", "mat2x2", "mat4x4", "f16", "u32", "ptr",
  "storage", "uniform", "workgroup", "private", "function", "override", "alias", "enable", "requires", "discard",
  "fallthrough", "continuing", "select", "bitcast", "atomic", "sampler", "texture_2d", "read", "read_write", "write",
  "diagnostic", "_", "__", "self", "Self", "meta", "module", "target", "unsafe", "where", "yield", "handle", "macro",
  "main", "gid", "lid", "wid", "u", "uniforms", "Uniforms", "sizes", "qBuf", "kBuf", "vBuf", "oBuf", "lseBuf", "shared",
  "workgroupBarrier", "subgroupAdd", "arrayLength", "clamp_", "i32_", "f32_", "vec4f", "vec4i", "bool_",
];

export const JS_TS = [
  "arguments", "eval", "await", "yield", "async", "function", "var", "const", "class", "enum", "export", "import", "super",
  "this", "new", "typeof", "instanceof", "in", "of", "void", "delete", "with", "debugger", "package", "implements",
  "interface", "private", "protected", "public", "static", "undefined", "NaN", "Infinity", "Math", "Object", "Array",
  "Float32Array", "Int32Array", "Number", "String", "Symbol", "globalThis", "window", "process", "require", "module",
  "exports", "console", "Error", "AttnKernelError", "forward", "tensors", "sizes", "options", "idiv", "imod", "ftoi",
  "nondecreasing", "validation", "any", "unknown", "never", "type", "declare", "readonly", "keyof", "as", "is", "satisfies",
  "null", "try", "catch", "finally", "throw", "let_", "B_", "Q", "K", "V", "O", "L", "m", "l", "i", "c", "j", "x", "y",
  "rowMax", "rowSum", "accRow", "vBase", "kvFirst", "kvLast", "ktBegin", "ktEnd", "numKvTiles", "BLOCK_Q", "BLOCK_KV",
  "full", "corr", "outRow", "qlo", "qhi", "kvlo", "kvhi", "kt", "qt", "kv0", "q0", "d",
];

export const PROTOTYPE = [
  "constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
  "toLocaleString", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "prototype",
  "length", "name", "caller", "callee", "call", "apply", "bind", "then",
];

export const ORDINARY = [
  "w", "window", "cap", "doc", "n", "win", "slopes", "bias", "alpha", "beta", "gamma", "t0", "t1", "sinks", "chunk",
  "block", "grid_w", "frame", "rel", "table", "theta", "temp", "mode", "sel", "lens", "prefix", "stride", "dil", "r",
  "k_size", "head_bias", "a1", "z", "causal", "local", "near", "far", "start", "stop", "group", "group_len", "off",
];

/** the `.attn` keywords and built-ins (declaring these is E0102 / E0213) */
export const DSL_NAMES = [
  "def", "attention", "param", "input", "let", "mask", "score", "normalize", "true", "false", "int", "float", "bool",
  "i32", "f32", "inf", "q", "kv", "s", "b", "h", "B", "H", "H_KV", "Q_LEN", "KV_LEN", "D", "abs", "min", "max", "clamp",
  "exp", "log", "sqrt", "tanh", "sigmoid", "pow", "floor", "softmax",
];

const HOSTILE = [...CPP_CUDA, ...WGSL, ...JS_TS, ...PROTOTYPE];
/** every hostile name once (a name may be reserved in several languages) */
export const HOSTILE_NAMES: readonly string[] = [...new Set(HOSTILE)].filter((n) => !DSL_NAMES.includes(n));
