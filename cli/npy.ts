/**
 * NumPy `.npy` files (format versions 1.0–3.0): reading arrays in C order and writing float32 ones.
 * Floats (float32, float64, float16) are read as float32 and integers (int8..int64, uint8..uint64,
 * bool) as int32: a conversion that cannot represent a value (a float64 beyond float32's range, an
 * int64 beyond int32's) is an E0405 error naming the file, the first such element and its value;
 * float64 values within range are rounded to the nearest float32. Anything else (big-endian data,
 * complex, strings, objects) is an E0405 error naming the file and what is wrong.
 *
 * Reading is bounded: only a regular file is read (a FIFO, a device or a folder is an error, and
 * is never read from), the header is at most `MAX_HEADER` bytes, the file's size must be exactly
 * the header plus the data its shape declares, and nothing beyond that is read.
 */
import * as fs from "node:fs";
import { constants as bufferConstants } from "node:buffer";
import { AttncError, diag } from "../dsl/diagnostics.js";
import { errnoCode, fileKind, fsReason } from "./fs-error.js";
import { parseNpyHeader } from "./npy-header.js";

export interface NpyArray {
  dtype: "f32" | "i32";
  shape: number[];
  data: Float32Array | Int32Array;
  /** the file's own dtype, as numpy names it (float32, float64, int64, bool, ...) */
  stored: string;
}

interface Stored {
  name: string;
  kind: "f32" | "i32";
  size: number;
  /** element i of the raw little-endian bytes, as a number, or a bigint for 64-bit ints */
  get(dv: DataView, i: number): number | bigint;
}

const f16 = (bits: number): number => {
  const e = (bits >> 10) & 0x1f;
  const m = bits & 0x3ff;
  const v = e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15);
  return bits & 0x8000 ? -v : v;
};

/** the dtypes attnc reads, by numpy's `descr` (little-endian, or `|` where byte order does not apply) */
const STORED: Record<string, Stored> = {
  "<f4": { name: "float32", kind: "f32", size: 4, get: (dv, i) => dv.getFloat32(4 * i, true) },
  "<f8": { name: "float64", kind: "f32", size: 8, get: (dv, i) => dv.getFloat64(8 * i, true) },
  "<f2": { name: "float16", kind: "f32", size: 2, get: (dv, i) => f16(dv.getUint16(2 * i, true)) },
  "<i4": { name: "int32", kind: "i32", size: 4, get: (dv, i) => dv.getInt32(4 * i, true) },
  "<i8": { name: "int64", kind: "i32", size: 8, get: (dv, i) => dv.getBigInt64(8 * i, true) },
  "<i2": { name: "int16", kind: "i32", size: 2, get: (dv, i) => dv.getInt16(2 * i, true) },
  "|i1": { name: "int8", kind: "i32", size: 1, get: (dv, i) => dv.getInt8(i) },
  "|u1": { name: "uint8", kind: "i32", size: 1, get: (dv, i) => dv.getUint8(i) },
  "<u2": { name: "uint16", kind: "i32", size: 2, get: (dv, i) => dv.getUint16(2 * i, true) },
  "<u4": { name: "uint32", kind: "i32", size: 4, get: (dv, i) => dv.getUint32(4 * i, true) },
  "<u8": { name: "uint64", kind: "i32", size: 8, get: (dv, i) => dv.getBigUint64(8 * i, true) },
  "|b1": { name: "bool", kind: "i32", size: 1, get: (dv, i) => dv.getUint8(i) },
};
STORED["|f4"] = STORED["<f4"]!;
STORED["|i4"] = STORED["<i4"]!;

/** The longest header read (numpy's own reader refuses longer ones by default, too). */
export const MAX_HEADER = 10_000;

function bad(file: string, why: string): never {
  throw new AttncError([diag("E0405", `${file}: not a usable .npy file: ${why}`)]);
}

/** Where the header is: from the magic string, the version and the header length. */
function preamble(pre: Uint8Array, file: string): { start: number; headerLen: number; utf8: boolean } {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
  if (pre.length < 10 || magic.some((b, i) => pre[i] !== b)) bad(file, "missing the \\x93NUMPY magic");
  const major = pre[6]!;
  const dv = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
  if (major === 1) return { start: 10, headerLen: dv.getUint16(8, true), utf8: false };
  if (major !== 2 && major !== 3) bad(file, `unsupported format version ${major}`);
  if (pre.length < 12) bad(file, "truncated header");
  return { start: 12, headerLen: dv.getUint32(8, true), utf8: major === 3 };
}

/** The array the header describes, with its data size; checked against the file's size. */
function layout(header: Uint8Array, utf8: boolean, file: string, dataBytes: number) {
  const text = new TextDecoder(utf8 ? "utf-8" : "latin1").decode(header);
  const h = parseNpyHeader(text);
  if (typeof h === "string") bad(file, h);
  if (h.fortranOrder) bad(file, "Fortran order; save it in C order (np.ascontiguousarray)");
  const stored = Object.hasOwn(STORED, h.descr) ? STORED[h.descr] : undefined;
  if (!stored) {
    const swapped = /^>/.test(h.descr) && Object.hasOwn(STORED, `<${h.descr.slice(1)}`);
    bad(file, swapped
      ? `big-endian dtype ${h.descr}; save it little-endian (arr.astype('<${h.descr.slice(1)}'))`
      : `dtype ${h.descr}; attnc reads floats (float32, float64, float16) and integers (int8..int64, uint8..uint64, bool), little-endian`);
  }
  const count = h.shape.reduce((a, b) => a * b, 1);
  const shapeText = `(${h.shape.join(", ")})`;
  const nbytes = count * stored.size;
  if (!Number.isSafeInteger(count * 8)) bad(file, `shape ${shapeText} is too large`);
  if (dataBytes !== nbytes) bad(file, `shape ${shapeText} of ${stored.name} needs ${nbytes} data bytes, found ${dataBytes}`);
  if (Math.max(nbytes, count * 4) > bufferConstants.MAX_LENGTH) bad(file, `shape ${shapeText} is too large to load (${nbytes} bytes)`);
  return { stored, shape: h.shape, nbytes };
}

/** The data as float32 or int32, or E0405 at the first value the conversion cannot represent. */
function toArray(stored: Stored, shape: number[], bytes: Uint8Array, file: string): NpyArray {
  const count = shape.reduce((a, b) => a * b, 1);
  if (stored.name === "float32") return { dtype: "f32", shape, data: new Float32Array(bytes.buffer, 0, count), stored: stored.name };
  if (stored.name === "int32") return { dtype: "i32", shape, data: new Int32Array(bytes.buffer, 0, count), stored: stored.name };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (i: number) => (shape.length ? `[${unravel(i, shape).join(", ")}]` : "[]");
  if (stored.kind === "f32") {
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const x = stored.get(dv, i) as number;
      const f = Math.fround(x);
      if (Number.isFinite(x) && !Number.isFinite(f)) bad(file, `${stored.name} value ${x} at ${at(i)} is beyond float32's range (±3.4e38)`);
      data[i] = f;
    }
    return { dtype: "f32", shape, data, stored: stored.name };
  }
  const data = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const x = stored.get(dv, i);
    if (stored.name === "bool" && x !== 0 && x !== 1) bad(file, `bool byte ${x} at ${at(i)} is neither 0 nor 1`);
    if (x < -2147483648 || x > 2147483647) bad(file, `${stored.name} value ${x} at ${at(i)} does not fit in int32`);
    data[i] = Number(x);
  }
  return { dtype: "i32", shape, data, stored: stored.name };
}

/** The index tuple of flat element i of a C-order array of `shape`. */
function unravel(i: number, shape: number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = i % shape[d]!;
    i = Math.floor(i / shape[d]!);
  }
  return out;
}

/** Parses a whole `.npy` file already in memory. */
export function parseNpy(buf: Uint8Array, file: string): NpyArray {
  const { start, headerLen, utf8 } = preamble(buf.subarray(0, 12), file);
  if (headerLen > MAX_HEADER) bad(file, `header of ${headerLen} bytes; at most ${MAX_HEADER} are read`);
  if (start + headerLen > buf.length) bad(file, "truncated header");
  const dataStart = start + headerLen;
  const { stored, shape, nbytes } = layout(buf.subarray(start, dataStart), utf8, file, buf.length - dataStart);
  const bytes = new Uint8Array(nbytes); // a copy: aligned, and never a view of Node's buffer pool
  bytes.set(buf.subarray(dataStart, dataStart + nbytes));
  return toArray(stored, shape, bytes, file);
}

/** Reads exactly `into.length` bytes at `pos`; false when the file ends first. */
function readAt(fd: number, into: Uint8Array, pos: number): boolean {
  for (let off = 0; off < into.length; ) {
    const n = fs.readSync(fd, into, off, into.length - off, pos + off);
    if (n === 0) return false;
    off += n;
  }
  return true;
}

/**
 * Reads a `.npy` file: open (never blocking: O_NONBLOCK, so a FIFO does not wait for a writer),
 * fstat, and bounded reads of the preamble, the header and the data the header declares.
 */
export function readNpy(file: string): NpyArray {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = errnoCode(e);
    if (code === "ENOENT") throw new AttncError([diag("E0403", `missing input file ${file}`)]);
    if (code === "EISDIR") bad(file, "it is a folder, not a regular file");
    throw new AttncError([diag("E0403", `cannot read ${file}: ${fsReason(e)}`)]);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) bad(file, `it is ${fileKind(st)}, not a regular file`);
    const pre = new Uint8Array(Math.min(st.size, 12));
    readAt(fd, pre, 0);
    const { start, headerLen, utf8 } = preamble(pre, file);
    if (headerLen > MAX_HEADER) bad(file, `header of ${headerLen} bytes; at most ${MAX_HEADER} are read`);
    if (start + headerLen > st.size) bad(file, "truncated header");
    const header = new Uint8Array(headerLen);
    if (!readAt(fd, header, start)) bad(file, "truncated header (the file shrank while it was read)");
    const dataStart = start + headerLen;
    const { stored, shape, nbytes } = layout(header, utf8, file, st.size - dataStart);
    const bytes = new Uint8Array(nbytes);
    if (!readAt(fd, bytes, dataStart)) bad(file, "truncated data (the file shrank while it was read)");
    return toArray(stored, shape, bytes, file);
  } catch (e) {
    if (e instanceof AttncError) throw e;
    throw new AttncError([diag("E0403", `cannot read ${file}: ${fsReason(e)}`)]);
  } finally {
    fs.closeSync(fd);
  }
}

/** Encodes a float32 or int32 array as .npy version 1.0. */
export function encodeNpy(data: Float32Array | Int32Array, shape: number[]): Uint8Array {
  const descr = data instanceof Float32Array ? "<f4" : "<i4";
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64) + "\n";
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, ...Array.from("NUMPY", (c) => c.charCodeAt(0)), 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}
