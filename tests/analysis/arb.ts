/**
 * fast-check generators for the classifier tests: random masks over the IR's ops (linear
 * comparisons of q, kv, constants and sizes; floor div/mod by constants, including 0 and
 * negatives; min/max/abs/clamp; and/or/not/select; per-head terms; non-linear products; float
 * comparisons; reads of int tensors `s[b, q]`, `u[b, kv]` (sorted or not) and `t[h, x % 8]`),
 * random sizes and tile shapes, and the tensors themselves. Constants include values whose sums and
 * products wrap 32 bits (`q * 1073741824`, `kv + 2147483600`), and tensors may hold values at the
 * ends of int32, so masks whose arithmetic overflows are generated too. Since language v2 also the
 * bit operations `& | ^ << >>` (shift amounts outside [0, 31] included), `ilog2` and `cdiv`.
 */
import fc from "fast-check";
import * as ir from "../../compiler/ir/builder.js";
import type { Node } from "../../compiler/ir/node.js";
import type { InputDecl } from "../../compiler/ir/program.js";
import type { Tensor } from "../../compiler/ir/interp.js";
import type { Case, SizesNoDv } from "./harness.js";

const q = ir.v("q"), kv = ir.v("kv"), b = ir.v("b"), h = ir.v("h");

export const INPUTS: InputDecl[] = [
  { name: "s", dtype: "i32", dims: [{ kind: "size", name: "B" }, { kind: "size", name: "Q_LEN" }] },
  { name: "u", dtype: "i32", dims: [{ kind: "size", name: "B" }, { kind: "size", name: "KV_LEN" }] },
  { name: "t", dtype: "i32", dims: [{ kind: "size", name: "H" }, { kind: "const", value: 8 }] },
];

const smallConst = fc.integer({ min: -8, max: 8 }).map(ir.cInt);
const divisor = fc.integer({ min: -5, max: 6 });
/** constants near the ends of int32 and factors that make products wrap */
export const WIDE = [2 ** 30, -(2 ** 30), 3_000_000, 2_147_483_600, -2_147_483_600, 2 ** 31 - 1, -(2 ** 31), 65_536, 46_341, 2 ** 28];
const wideConst = fc.constantFrom(...WIDE).map(ir.cInt);

/** Random masks; `loads: false` leaves out tensor reads (for sizes too large to hold tensors). */
export function makeArbMask(loads: boolean): fc.Arbitrary<Node> {
  return fc.letrec<{ int: Node; bool: Node }>((tie) => {
    const int = tie("int") as fc.Arbitrary<Node>;
    const bool = tie("bool") as fc.Arbitrary<Node>;
    const leaf = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(q, kv) },
      { weight: 2, arbitrary: smallConst },
      { weight: 1, arbitrary: wideConst },
      { weight: 1, arbitrary: fc.constantFrom(h, b, ir.v("Q_LEN"), ir.v("KV_LEN"), ir.v("H")) },
      ...(loads ? [{ weight: 1, arbitrary: fc.constantFrom(ir.load("s", "int", [b, q]), ir.load("u", "int", [b, kv])) }] : []),
    );
    return {
      int: fc.oneof(
        { depthSize: "small", maxDepth: 4, depthIdentifier: "mask" },
        { weight: 5, arbitrary: leaf },
        { weight: 3, arbitrary: fc.tuple(int, int).map(([x, y]) => ir.add(x, y)) },
        { weight: 3, arbitrary: fc.tuple(int, int).map(([x, y]) => ir.sub(x, y)) },
        { weight: 1, arbitrary: fc.tuple(int, fc.integer({ min: -3, max: 3 })).map(([x, k]) => ir.mul(x, ir.cInt(k))) },
        { weight: 1, arbitrary: fc.tuple(int, wideConst).map(([x, k]) => ir.mul(x, k)) },
        { weight: 1, arbitrary: fc.tuple(leaf, leaf).map(([x, y]) => ir.mul(x, y)) },
        { weight: 2, arbitrary: fc.tuple(int, divisor).map(([x, k]) => ir.divide(x, ir.cInt(k))) },
        { weight: 2, arbitrary: fc.tuple(int, divisor).map(([x, k]) => ir.modulo(x, ir.cInt(k))) },
        { weight: 1, arbitrary: fc.tuple(int, leaf).map(([x, y]) => ir.divide(x, y)) },
        { weight: 1, arbitrary: int.map(ir.neg) },
        { weight: 1, arbitrary: int.map(ir.abs) },
        { weight: 1, arbitrary: fc.tuple(int, int).map(([x, y]) => ir.min(x, y)) },
        { weight: 1, arbitrary: fc.tuple(int, int).map(([x, y]) => ir.max(x, y)) },
        { weight: 1, arbitrary: fc.tuple(int, int, int).map(([x, l, u]) => ir.clamp(x, l, u)) },
        { weight: 1, arbitrary: fc.tuple(bool, int, int).map(([c, x, y]) => ir.select(c, x, y)) },
        ...(loads ? [{ weight: 1, arbitrary: int.map((x) => ir.load("t", "int", [h, ir.modulo(x, ir.cInt(8))])) }] : []),
        // v2: bit operations (constant and variable operands, shifts by any amount), ilog2, cdiv
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(ir.band, ir.bor, ir.bxor), int, fc.oneof(int, smallConst, wideConst)).map(([f, x, y]) => f(x, y)) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(ir.shl, ir.shr), int, fc.oneof(fc.integer({ min: -2, max: 34 }).map(ir.cInt), leaf)).map(([f, x, y]) => f(x, y)) },
        { weight: 1, arbitrary: int.map(ir.ilog2) },
        { weight: 1, arbitrary: fc.tuple(int, fc.oneof(divisor.map(ir.cInt), leaf)).map(([x, y]) => ir.cdiv(x, y)) },
      ),
      bool: fc.oneof(
        { depthSize: "small", maxDepth: 4, depthIdentifier: "mask" },
        { weight: 6, arbitrary: fc.tuple(fc.constantFrom(ir.lt, ir.le, ir.gt, ir.ge, ir.eq, ir.ne), int, int).map(([f, x, y]) => f(x, y)) },
        { weight: 3, arbitrary: fc.tuple(bool, bool).map(([x, y]) => ir.and(x, y)) },
        { weight: 3, arbitrary: fc.tuple(bool, bool).map(([x, y]) => ir.or(x, y)) },
        { weight: 1, arbitrary: bool.map(ir.not) },
        { weight: 1, arbitrary: fc.tuple(bool, bool, bool).map(([c, x, y]) => ir.select(c, x, y)) },
        { weight: 1, arbitrary: fc.tuple(bool, bool).map(([x, y]) => ir.eq(x, y)) },
        { weight: 1, arbitrary: fc.boolean().map(ir.cBool) },
        { weight: 1, arbitrary: fc.tuple(int, fc.integer({ min: -20, max: 40 })).map(([x, k]) => ir.lt(ir.toFloat(x), ir.cFloat(k + 0.5))) },
      ),
    };
  }).bool;
}

export const arbMask: fc.Arbitrary<Node> = makeArbMask(true);

export const arbSizes: fc.Arbitrary<SizesNoDv> = fc
  .record({
    B: fc.integer({ min: 1, max: 2 }),
    hkv: fc.integer({ min: 1, max: 2 }),
    group: fc.integer({ min: 1, max: 2 }),
    Q_LEN: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 300 })),
    KV_LEN: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 300 })),
  })
  .map(({ B, hkv, group, Q_LEN, KV_LEN }) => ({ B, H: hkv * group, H_KV: hkv, Q_LEN, KV_LEN, D: 16 }));

export const arbTile = fc.record({ bq: fc.integer({ min: 1, max: 64 }), bkv: fc.integer({ min: 1, max: 64 }) });

/** Deterministic pseudo-random ints in [lo, hi]. */
export function ints(n: number, seed: number, lo: number, hi: number): Int32Array {
  const out = new Int32Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = lo + (x % (hi - lo + 1));
  }
  return out;
}

function sortedRows(data: Int32Array, rows: number, len: number): Int32Array {
  for (let r = 0; r < rows; r++) data.subarray(r * len, (r + 1) * len).sort();
  return data;
}

/** Some entries moved to the ends of int32 (`wide`), so that sums with them wrap. */
function widen(data: Int32Array, seed: number): Int32Array {
  const pick = ints(data.length, seed ^ 0x5bd1e995, 0, 7);
  const ends = [2 ** 31 - 1, -(2 ** 31), 2 ** 31 - 3, -(2 ** 31) + 2];
  for (let i = 0; i < data.length; i++) if (pick[i]! < 2) data[i] = ends[(pick[i]! + i) % 4]!;
  return data;
}

export function tensorsFor(sz: SizesNoDv, seed: number, sorted: boolean, wide = false): Record<string, Tensor> {
  const w = (d: Int32Array, k: number) => (wide ? widen(d, seed + k) : d);
  const s = w(ints(sz.B * sz.Q_LEN, seed, -4, 12), 10);
  const u = w(ints(sz.B * sz.KV_LEN, seed + 1, -4, 12), 11);
  return {
    s: { data: sorted ? sortedRows(s, sz.B, sz.Q_LEN) : s, dims: [sz.B, sz.Q_LEN] },
    u: { data: sorted ? sortedRows(u, sz.B, sz.KV_LEN) : u, dims: [sz.B, sz.KV_LEN] },
    t: { data: w(ints(sz.H * 8, seed + 2, -4, 12), 12), dims: [sz.H, 8] },
  };
}

export const arbCase: fc.Arbitrary<Case> = fc
  .record({ mask: arbMask, sizes: arbSizes, tile: arbTile, seed: fc.integer({ min: 1, max: 1 << 30 }), sorted: fc.boolean(), wide: fc.boolean() })
  .map(({ mask, sizes, tile, seed, sorted, wide }) => ({
    mask,
    inputs: INPUTS,
    sizes,
    tensors: tensorsFor(sizes, seed, sorted, wide),
    bq: tile.bq,
    bkv: tile.bkv,
  }));
