import { dimValues } from "../../compiler/ir/dims.js";
/**
 * Run-time inputs for fuzzed programs: small random sizes (Q_LEN ≠ KV_LEN, lengths that are not
 * tile multiples, GQA), tile plans, q/k/v and declared tensors with hostile values (NaN, ±inf,
 * 3e38, subnormals, int32 extremes), `.npy` encoding with full control of the header, and
 * malformed `.npy` files.
 *
 * Contract: everything is a deterministic function of its seed. `strictNpyProblem` is an
 * independent, strict reader of the `.npy` header (what NumPy writes) used to decide whether attnc
 * should have rejected a file.
 */
import type { InputDecl, Sizes } from "../../compiler/ir/program.js";
import { Rng } from "../arbitraries/rng.js";

export type DataMode = "normal" | "big" | "nonfinite" | "huge" | "tiny";

export interface DataSpec {
  sizes: Sizes;
  tile: { blockQ: number; blockKV: number };
  seed: number;
  mode: DataMode;
  /** int tensors: small values, or the whole int32 range */
  wideInts: boolean;
}

export interface Data {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  tensors: Record<string, Float32Array | Int32Array>;
}

export function genSpec(rng: Rng, big = false): DataSpec {
  const len = () => (rng.chance(0.75) ? rng.int(1, 24) : rng.int(25, big ? 90 : 64));
  const hkv = rng.int(1, 2);
  const sizes: Sizes = {
    B: rng.int(1, 2), H_KV: hkv, H: hkv * rng.int(1, 3), Q_LEN: len(), KV_LEN: rng.chance(0.3) ? 0 : len(), D: rng.chance(0.8) ? rng.int(1, 8) : rng.int(9, 40), DV: rng.int(1, 8),
  };
  if (sizes.KV_LEN === 0) sizes.KV_LEN = sizes.Q_LEN;
  const x = rng.next();
  const mode: DataMode = x < 0.6 ? "normal" : x < 0.75 ? "big" : x < 0.88 ? "nonfinite" : x < 0.95 ? "huge" : "tiny";
  return { sizes, tile: { blockQ: rng.int(1, 40), blockKV: rng.int(1, 40) }, seed: rng.int(0, 2 ** 31 - 1), mode, wideInts: rng.chance(0.2) };
}

/** larger lengths (up to 1024, B = H = 1) for the tile classifier, where int products wrap */
export function genTileSizes(rng: Rng): Sizes {
  const big = rng.chance(0.25);
  const len = () => (big ? rng.pick([70, 100, 257, 760, 1024]) : rng.int(1, 70));
  return big
    ? { B: 1, H: 1, H_KV: 1, Q_LEN: len(), KV_LEN: len(), D: 16, DV: 16 }
    : { B: rng.int(1, 2), H_KV: 1, H: rng.int(1, 3), Q_LEN: len(), KV_LEN: len(), D: 16, DV: 16 };
}

export function dimsOf(decl: InputDecl, sizes: Sizes): number[] {
  return dimValues(decl, sizes);
}

function floats(rng: Rng, n: number, mode: DataMode, scale: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  if (mode === "nonfinite" && n > 0 && rng.chance(0.5)) {
    for (let j = rng.int(1, 3); j > 0; j--) a[rng.int(0, n - 1)] = rng.pick([NaN, Infinity, -Infinity]);
  }
  if (mode === "tiny") for (let i = 0; i < n; i++) if (rng.chance(0.3)) a[i] = rng.pick([1e-40, -1e-42, 1.4e-45, 0, -0]);
  return a;
}

/** the most elements the fuzzer generates for one tensor (64 MB); larger ones skip the check */
export const MAX_TENSOR_ELEMENTS = 2 ** 24;

/**
 * Thrown when a program's inputs cannot be made: genData for a declared tensor above
 * MAX_TENSOR_ELEMENTS (a param of 2^31 - 1 as a dimension), writeInputs for a NAME.npy longer than
 * a file name may be (attnc run answers E0403 there; tests/cli/inputs.test.ts). No data to check
 * with, so the stage is skipped and counted (case.ts `thrown`).
 */
export class NoInputs extends Error {}

export function genData(spec: DataSpec, inputs: InputDecl[]): Data {
  for (const d of inputs) {
    const n = dimsOf(d, spec.sizes).reduce((a, b) => a * b, 1);
    if (n > MAX_TENSOR_ELEMENTS) throw new NoInputs(`input ${d.name} has ${n} elements`);
  }
  const rng = new Rng(spec.seed);
  const s = spec.sizes;
  const mag = spec.mode === "big" ? rng.pick([30, 300]) : spec.mode === "huge" ? 1 : rng.pick([1, 1, 4]);
  const q = floats(rng, s.B * s.H * s.Q_LEN * s.D, spec.mode, mag);
  const k = floats(rng, s.B * s.H_KV * s.KV_LEN * s.D, spec.mode, mag);
  const v = floats(rng, s.B * s.H_KV * s.KV_LEN * s.DV, spec.mode, 1);
  // finite values near the float32 maximum (issue #11 item 3: the exact answer is finite)
  if (spec.mode === "huge") for (let i = 0; i < v.length; i++) v[i] = (v[i]! < 0 ? -1 : 1) * (1 + rng.next()) * 1.6e38;
  if (spec.mode === "huge" && rng.chance(0.5)) for (let i = 0; i < q.length; i++) q[i] = q[i]! * 1e18;
  // no prototype: an input may be named `__proto__`
  const tensors: Record<string, Float32Array | Int32Array> = Object.create(null);
  for (const d of inputs) {
    const n = dimsOf(d, s).reduce((a, b) => a * b, 1);
    if (d.dtype === "f32") tensors[d.name] = floats(rng, n, spec.mode, rng.pick([1, 2, 100]));
    else {
      const a = new Int32Array(n);
      const sorted = rng.chance(0.3);
      for (let i = 0; i < n; i++) a[i] = spec.wideInts ? rng.pick([2147483647, -2147483648, 1073741824, -1, 0, rng.int(-1e9, 1e9)]) : rng.int(-3, 40);
      if (sorted) a.sort();
      tensors[d.name] = a;
    }
  }
  return { q, k, v, tensors };
}

/** A `.npy` file; `header` replaces the dict text (for malformed files). */
export function npy(data: Float32Array | Int32Array, shape: number[], header?: string, version = 1): Uint8Array {
  const descr = data instanceof Float32Array ? "<f4" : "<i4";
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let h = header ?? `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const pre = version === 1 ? 10 : 12;
  h += " ".repeat((64 - ((pre + h.length + 1) % 64)) % 64) + "\n";
  const hb = new TextEncoder().encode(h);
  const out = new Uint8Array(pre + hb.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0], 0);
  const dv = new DataView(out.buffer);
  if (version === 1) dv.setUint16(8, hb.length, true);
  else dv.setUint32(8, hb.length, true);
  out.set(hb, pre);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), pre + hb.length);
  return out;
}

/** A malformed variant of a valid `.npy` of `data`/`shape` (the one named `which`, or a random one), and what was done. */
export function malformedNpy(rng: Rng, data: Float32Array | Int32Array, shape: number[], which?: string): { bytes: Uint8Array; what: string } {
  const good = npy(data, shape);
  const d = data instanceof Float32Array ? "<f4" : "<i4";
  const hdr = (shapeText: string, descr = d, fortran = "False") => `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shapeText}, }`;
  const sh = (f: (xs: string[]) => string[]) => `(${f(shape.map(String)).join(", ")})`;
  const last = shape.length - 1;
  const cases: [string, () => Uint8Array][] = [
    ["float exponent in the shape", () => npy(data, shape, hdr(sh((xs) => xs.map((x, i) => (i === last ? `${x}e0` : x)))))],
    ["hex in the shape", () => npy(data, shape, hdr(sh((xs) => xs.map((x, i) => (i === 0 ? `0x${Number(x).toString(16)}` : x)))))],
    ["float in the shape", () => npy(data, shape, hdr(sh((xs) => xs.map((x, i) => (i === 0 ? `${x}.0` : x)))))],
    ["underscore in the shape", () => npy(data, shape, hdr(sh((xs) => xs.map((x, i) => (i === 0 ? `0_${x}` : x)))))],
    ["plus sign in the shape", () => npy(data, shape, hdr(sh((xs) => xs.map((x, i) => (i === 0 ? `+${x}` : x)))))],
    ["binary in the shape", () => npy(data, shape, hdr(sh((xs) => xs.map((x, i) => (i === 0 ? `0b${Number(x).toString(2)}` : x)))))],
    // first, not after the first entry: `(1, )` is a 1-tuple, valid Python and valid .npy (found by the fuzzer)
    ["empty entry in the shape", () => npy(data, shape, hdr(sh((xs) => ["", ...xs])))],
    ["huge dim", () => npy(data, shape, hdr(sh((xs) => xs.map((x, i) => (i === 0 ? "99999999999999999999" : x)))))],
    ["big-endian dtype", () => npy(data, shape, hdr(sh((xs) => xs), d.replace("<", ">")))],
    ["float64 dtype", () => npy(data, shape, hdr(sh((xs) => xs), "<f8"))],
    ["int64 dtype", () => npy(data, shape, hdr(sh((xs) => xs), "<i8"))],
    ["bool dtype", () => npy(data, shape, hdr(sh((xs) => xs), "|b1"))],
    ["fortran order", () => npy(data, shape, hdr(sh((xs) => xs), d, "True"))],
    ["duplicate key", () => npy(data, shape, `{'descr': '${d}', 'descr': '<f8', 'fortran_order': False, 'shape': ${sh((xs) => xs)}, }`)],
    ["extra key", () => npy(data, shape, `{'descr': '${d}', 'fortran_order': False, 'shape': ${sh((xs) => xs)}, 'x': 1}`)],
    ["missing key", () => npy(data, shape, `{'descr': '${d}', 'shape': ${sh((xs) => xs)}}`)],
    ["shape in a string", () => npy(data, shape, `{'descr': '${d}', 'fortran_order': False, 'shape': '${sh((xs) => xs)}'}`)],
    ["junk after the dict", () => npy(data, shape, `${hdr(sh((xs) => xs))} junk`)],
    ["not a dict", () => npy(data, shape, `descr ${d} shape ${sh((xs) => xs)} fortran_order False`)],
    ["truncated data", () => good.subarray(0, good.length - rng.int(1, Math.max(1, data.byteLength)))],
    ["extra data", () => Uint8Array.from([...good, 1, 2, 3, 4])],
    ["truncated header", () => good.subarray(0, rng.int(0, 20))],
    ["bad magic", () => Uint8Array.from(good, (b, i) => (i === 1 ? 0x4f : b))],
    ["version 7", () => Uint8Array.from(good, (b, i) => (i === 6 ? 7 : b))],
    ["header length past the end", () => Uint8Array.from(good, (b, i) => (i === 8 || i === 9 ? 0xff : b))],
    ["version 2 header", () => npy(data, shape, undefined, 2)],
    ["non-UTF-8 header", () => Uint8Array.from(good, (b, i) => (i === 12 ? 0xff : b))],
    ["random byte flip", () => Uint8Array.from(good, (b, i) => (i === rng.int(0, good.length - 1) ? b ^ (1 << rng.int(0, 7)) : b))],
    ["empty file", () => new Uint8Array(0)],
  ];
  const [what, f] = cases.find(([w]) => w === which) ?? rng.pick(cases);
  return { bytes: f(), what };
}

/**
 * An independent strict reader of a `.npy` header: null when the file is a well-formed C-order
 * little-endian float32/int32 array with exactly its data, else what is wrong. Accepts the header
 * dict NumPy writes (keys in any order, optional trailing comma, spaces), and nothing looser.
 */
export function strictNpyProblem(buf: Uint8Array): string | null {
  if (buf.length < 10) return "too short";
  if (![0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59].every((b, i) => buf[i] === b)) return "bad magic";
  const major = buf[6]!;
  if (major < 1 || major > 3) return "version";
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const pre = major === 1 ? 10 : 12;
  if (buf.length < pre) return "too short";
  const hlen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  if (pre + hlen > buf.length) return "truncated header";
  let text: string;
  try {
    text = new TextDecoder(major === 3 ? "utf-8" : "latin1", { fatal: true }).decode(buf.subarray(pre, pre + hlen));
  } catch {
    return "header encoding";
  }
  if (major !== 3 && /[^\x20-\x7e\n]/.test(text)) return "non-ASCII header";
  const entry = String.raw`\s*'(descr|fortran_order|shape)'\s*:\s*('(?:<f4|\|f4|<i4|\|i4)'|True|False|\((?:\s*(?:0|[1-9]\d*)\s*,)*(?:\s*(?:0|[1-9]\d*)\s*)?\))\s*`;
  const m = new RegExp(String.raw`^\s*\{(?:${entry},){2}${entry},?\s*\}\s*$`).exec(text);
  if (!m) return "header dict";
  const kv = new Map<string, string>();
  for (const mm of text.matchAll(new RegExp(entry, "g"))) kv.set(mm[1]!, mm[2]!);
  if (kv.size !== 3) return "keys";
  const descr = kv.get("descr")!, fortran = kv.get("fortran_order")!, shapeText = kv.get("shape")!;
  if (!descr.startsWith("'")) return "descr";
  if (fortran !== "False") return "fortran order";
  if (!shapeText.startsWith("(")) return "shape";
  const shape = shapeText.slice(1, -1).split(",").map((x) => x.trim()).filter((x) => x.length).map(Number);
  if (shape.length === 1 && !/,/.test(shapeText)) return "1-tuple without comma";
  if (shape.some((x) => !Number.isSafeInteger(x))) return "shape entry";
  const count = shape.reduce((a, b) => a * b, 1);
  if (buf.length - pre - hlen !== count * 4) return "data size";
  return null;
}
