/**
 * Byte- and token-level mutations of `.attn` programs (the examples, the diagnostics corpus and
 * generated programs): deleting, inserting, duplicating, swapping and replacing tokens; numbers
 * replaced by 32-bit edge values and float specials; a declared name renamed everywhere to a
 * reserved word of a target language (which keeps the program valid); operators swapped; mask
 * lines duplicated thousands of times; a declared name made very long and misspelled at one use;
 * lines spliced in from another program; raw byte edits
 * (NUL, non-ASCII, CR, stray punctuation).
 *
 * Contract: `mutate(rng, source, corpus)` is deterministic in the rng state and never throws. It
 * uses its own tokenizer (a regex), so a lexer bug in attnc cannot take the fuzzer down.
 */
import type { Rng } from "../arbitraries/rng.js";
import { DSL_NAMES, HOSTILE_NAMES, PROTOTYPE } from "./names.js";

const TOKEN_RE = /\s+|#[^\n]*|\/\/[^\n]*|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|&&|\|\||[<>=!]=|[^]/g;

export function tokens(source: string): string[] {
  return source.match(TOKEN_RE) ?? [];
}

const isSpace = (t: string) => /^\s|^#|^\/\//.test(t);
const isIdent = (t: string) => /^[A-Za-z_]/.test(t);
const isNumber = (t: string) => /^[\d.]/.test(t) && t !== ".";

const NUMBERS = ["0", "1", "-1", "2147483647", "2147483648", "1073741824", "3000000", "46341", "99999999999", "0.0", "1e38", "3.5e38", "1e-45",
  "inf", "-inf", "(0.0 / 0.0)", "(1.0 / 0.0)", "1e", "2.", ".5", "007", "1e400", "0e0"];
const INSERTS = ["def", "attention", "param", "input", "let", "mask", "score", "normalize", "true", "false", "int", "float", "bool", "f32", "i32",
  "q", "kv", "s", "h", "b", "inf", "Q_LEN", "KV_LEN", "H", "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "?", ":",
  "=", ",", "(", ")", "[", "]", "{", "}", "#c\n", "\n", "$", "softmax", "sigmoid", "tanh", "clamp", "abs", "min", "max", "pow", "log",
  "2147483647", "1073741824", "* 1073741824", "* 3000000", "+ 2147483600", "constructor", "__proto__", "toString", "constructor(q)",
  "hasOwnProperty(kv)", "__proto__(1)", "valueOf()", "toString(q, kv)"];
const OPS: Record<string, string[]> = {
  "+": ["-", "*", "/", "%"], "-": ["+", "*"], "*": ["+", "/", "%"], "/": ["%", "*"], "%": ["/", "*"],
  "<": ["<=", ">", "=="], "<=": ["<", ">="], ">": [">=", "<"], ">=": [">", "<="], "==": ["!=", "<="], "!=": ["=="],
  "&&": ["||"], "||": ["&&"],
};
const BYTES = ["\u0000", "\u00e9", "\ud83d\ude00", "\r", "\t", "\u2028", "\ufeff", "@", "`", "'", "\"", "\\", ";", "..", "0x", "_", "\u0085"];

/** names declared by the program (after def/param/input/let/attention, and def arguments) */
function declared(toks: string[]): string[] {
  const out = new Set<string>();
  const sig = toks.filter((t) => !isSpace(t));
  for (let i = 0; i + 1 < sig.length; i++) {
    if (["def", "param", "input", "let", "attention"].includes(sig[i]!) && isIdent(sig[i + 1]!)) out.add(sig[i + 1]!);
    if ((sig[i] === "(" || sig[i] === ",") && isIdent(sig[i + 1]!) && sig[i + 2] === ":") out.add(sig[i + 1]!);
  }
  return [...out].filter((n) => !DSL_NAMES.includes(n));
}

function one(rng: Rng, src: string, corpus: readonly string[]): string {
  const toks = tokens(src);
  if (toks.length === 0) return rng.pick(INSERTS);
  const at = () => rng.int(0, toks.length - 1);
  const where = (pred: (t: string) => boolean) => {
    const idx = toks.flatMap((t, i) => (pred(t) ? [i] : []));
    return idx.length ? rng.pick(idx) : -1;
  };
  switch (rng.int(0, 14)) {
    case 0: toks.splice(at(), rng.int(1, 3)); break;
    case 1: toks.splice(at(), 0, ` ${rng.pick(INSERTS)} `); break;
    case 2: { const i = at(); toks.splice(i, 0, ...toks.slice(i, i + rng.int(1, 8))); break; }
    case 3: { const i = at(), j = at(); [toks[i], toks[j]] = [toks[j]!, toks[i]!]; break; }
    case 4: case 5: { const i = where(isNumber); if (i >= 0) toks[i] = rng.pick(NUMBERS); break; }
    case 6: case 7: {
      // rename a declared name everywhere: valid programs with hostile names
      const names = declared(toks);
      if (!names.length) break;
      const from = rng.pick(names);
      const to = rng.chance(0.2) ? rng.pick(PROTOTYPE) : rng.pick(HOSTILE_NAMES);
      return toks.map((t) => (t === from ? to : t)).join("");
    }
    case 8: { const i = where((t) => t in OPS); if (i >= 0) toks[i] = rng.pick(OPS[toks[i]!]!); break; }
    case 9: {
      // duplicate one mask line many times
      const lines = src.split("\n");
      const m = lines.flatMap((l, i) => (/^\s*mask\b/.test(l) ? [i] : []));
      if (!m.length) break;
      const i = rng.pick(m);
      lines.splice(i, 0, ...Array(rng.pick([2, 10, 100, 1000, 3000])).fill(lines[i]!));
      return lines.join("\n");
    }
    case 10: {
      // splice a line of another program in
      const other = rng.pick(corpus).split("\n");
      const lines = src.split("\n");
      lines.splice(rng.int(0, lines.length), 0, rng.pick(other));
      return lines.join("\n");
    }
    case 11: {
      // a number times a big constant (wraps)
      const i = where((t) => /^\d+$/.test(t));
      if (i >= 0) toks[i] = `(${toks[i]} * ${rng.pick(["1073741824", "3000000", "65536", "2147483647"])})`;
      break;
    }
    case 12: {
      // raw bytes
      const s = toks.join("");
      const i = rng.int(0, s.length);
      return rng.chance(0.5) ? s.slice(0, i) + rng.pick(BYTES) + s.slice(i) : s.slice(0, i) + s.slice(i + rng.int(1, 4));
    }
    case 13: {
      // a very long declared name, misspelled at one use ("did you mean" on long names)
      const names = declared(toks);
      if (!names.length) break;
      const from = rng.pick(names);
      const uses = toks.flatMap((t, i) => (t === from ? [i] : []));
      const long = `${from}_${"x".repeat(Math.min(rng.pick([300, 3000, 20000, 100000]), Math.floor(MAX_SOURCE / 2 / uses.length)))}`;
      const typo = uses.length > 1 ? rng.pick(uses.slice(1)) : -1;
      return toks.map((t, i) => (t === from ? (i === typo ? `${long.slice(0, -1)}y` : long) : t)).join("");
    }
    default: {
      // wrap an identifier in a deep expression
      const i = where((t) => t === "q" || t === "kv");
      if (i >= 0) toks[i] = `${"(".repeat(rng.pick([5, 50, 120]))}${toks[i]}${")".repeat(rng.pick([5, 50, 120]))}`;
    }
  }
  return toks.join("");
}

/** mutants stay below this many characters (a mutation that would grow past it is dropped) */
export const MAX_SOURCE = 1_000_000;

/** 1 to 4 mutations of `source` */
export function mutate(rng: Rng, source: string, corpus: readonly string[]): string {
  let s = source;
  for (let n = rng.int(1, 4); n > 0; n--) {
    const t = s.length > MAX_SOURCE / 4 ? s : one(rng, s, corpus);
    if (t.length <= MAX_SOURCE) s = t;
  }
  return s;
}
