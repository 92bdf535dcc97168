/**
 * NumPy `.npy` files (format versions 1.0–3.0): reading float32 / int32 arrays in C order and
 * writing float32 arrays. Anything else is an E0405 error naming the file and what is wrong.
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
}

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
  let dtype: "f32" | "i32";
  if (h.descr === "<f4" || h.descr === "|f4") dtype = "f32";
  else if (h.descr === "<i4" || h.descr === "|i4") dtype = "i32";
  else bad(file, `dtype ${h.descr}; attnc reads float32 ('<f4') and int32 ('<i4') arrays`);
  const count = h.shape.reduce((a, b) => a * b, 1);
  const shapeText = `(${h.shape.join(", ")})`;
  if (!Number.isSafeInteger(count * 4)) bad(file, `shape ${shapeText} is too large`);
  if (dataBytes !== count * 4) bad(file, `shape ${shapeText} needs ${count * 4} data bytes, found ${dataBytes}`);
  if (count * 4 > bufferConstants.MAX_LENGTH) bad(file, `shape ${shapeText} is too large to load (${count * 4} bytes)`);
  return { dtype, shape: h.shape, nbytes: count * 4 };
}

function toArray(dtype: "f32" | "i32", shape: number[], bytes: Uint8Array): NpyArray {
  const data = dtype === "f32" ? new Float32Array(bytes.buffer) : new Int32Array(bytes.buffer);
  return { dtype, shape, data };
}

/** Parses a whole `.npy` file already in memory. */
export function parseNpy(buf: Uint8Array, file: string): NpyArray {
  const { start, headerLen, utf8 } = preamble(buf.subarray(0, 12), file);
  if (headerLen > MAX_HEADER) bad(file, `header of ${headerLen} bytes; at most ${MAX_HEADER} are read`);
  if (start + headerLen > buf.length) bad(file, "truncated header");
  const dataStart = start + headerLen;
  const { dtype, shape, nbytes } = layout(buf.subarray(start, dataStart), utf8, file, buf.length - dataStart);
  const bytes = new Uint8Array(nbytes); // a copy: aligned, and never a view of Node's buffer pool
  bytes.set(buf.subarray(dataStart, dataStart + nbytes));
  return toArray(dtype, shape, bytes);
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
    const { dtype, shape, nbytes } = layout(header, utf8, file, st.size - dataStart);
    const bytes = new Uint8Array(nbytes);
    if (!readAt(fd, bytes, dataStart)) bad(file, "truncated data (the file shrank while it was read)");
    return toArray(dtype, shape, bytes);
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
