/**
 * NumPy `.npy` files (format versions 1.0–3.0): reading float32 / int32 arrays in C order and
 * writing float32 arrays. Anything else is an E0405 error naming the file and what is wrong.
 */
import * as fs from "node:fs";
import { AttncError, diag } from "../dsl/diagnostics.js";

export interface NpyArray {
  dtype: "f32" | "i32";
  shape: number[];
  data: Float32Array | Int32Array;
}

const MAGIC = "\x93NUMPY";

function bad(file: string, why: string): never {
  throw new AttncError([diag("E0405", `${file}: not a usable .npy file: ${why}`)]);
}

export function parseNpy(buf: Uint8Array, file: string): NpyArray {
  if (buf.length < 10 || String.fromCharCode(...buf.subarray(0, 6)) !== MAGIC) bad(file, "missing the \\x93NUMPY magic");
  const major = buf[6]!;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = dv.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (buf.length < 12) bad(file, "truncated header");
    headerLen = dv.getUint32(8, true);
    start = 12;
  } else bad(file, `unsupported format version ${major}`);
  if (start + headerLen > buf.length) bad(file, "truncated header");
  const header = new TextDecoder().decode(buf.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) bad(file, "malformed header");
  if (fortran === "True") bad(file, "Fortran order; save it in C order (np.ascontiguousarray)");
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) bad(file, `bad shape (${shapeText})`);
  let dtype: "f32" | "i32";
  if (descr === "<f4" || descr === "|f4") dtype = "f32";
  else if (descr === "<i4" || descr === "|i4") dtype = "i32";
  else bad(file, `dtype ${descr}; attnc reads float32 ('<f4') and int32 ('<i4') arrays`);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  if (buf.length - dataStart !== count * 4) {
    bad(file, `shape (${shape.join(", ")}) needs ${count * 4} data bytes, found ${buf.length - dataStart}`);
  }
  const bytes = new Uint8Array(count * 4); // a copy: aligned, and never a view of Node's buffer pool
  bytes.set(buf.subarray(dataStart, dataStart + count * 4));
  const data = dtype === "f32" ? new Float32Array(bytes.buffer) : new Int32Array(bytes.buffer);
  return { dtype, shape, data };
}

export function readNpy(file: string): NpyArray {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new AttncError([diag("E0403", `cannot read ${file}: ${(e as Error).message}`)]);
  }
  return parseNpy(buf, file);
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
