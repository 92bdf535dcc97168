/**
 * Inputs (issue #11, items 10 and 11): `.npy` files are read only when regular and only as far as
 * their header declares, headers are parsed strictly, and bad sizes are E0408 as
 * docs/language.md §13 says — from .npy shapes (run) or from flags (analyze, viz).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy, MAX_HEADER, parseNpy, readNpy } from "../../cli/npy.js";
import { AttncError, CATALOG } from "../../dsl/diagnostics.js";
import { MAX_SIZE } from "../../compiler/ir/limits.js";
import { built, cli, NO_STACK, tmp } from "./helpers.js";

/** A .npy v1.0 file with this header text (padded as numpy pads it) and `dataBytes` zero bytes. */
function npyWithHeader(header: string, dataBytes: number): Uint8Array {
  const padded = header + " ".repeat((64 - ((10 + header.length + 1) % 64)) % 64) + "\n";
  const out = new Uint8Array(10 + padded.length + dataBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, padded.length, true);
  out.set(new TextEncoder().encode(padded), 10);
  return out;
}
const withShape = (shape: string, dataBytes = 16) => npyWithHeader(`{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`, dataBytes);

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof AttncError) return `${e.diagnostics[0]!.code}: ${e.diagnostics[0]!.message}`;
    throw e;
  }
  return "ok";
}

/** q, k, v for `examples/causal.attn` with these shapes (zeros). */
function writeQkv(dir: string, shapes: { q: number[]; k: number[]; v: number[] }) {
  for (const [name, shape] of Object.entries(shapes)) {
    writeFileSync(join(dir, `${name}.npy`), encodeNpy(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape));
  }
}

/** A .npy file of `descr` and `shape` holding `raw` (the elements' little-endian bytes). */
const npyOf = (descr: string, shape: number[], raw: Uint8Array) => {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const head = npyWithHeader(`{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`, 0);
  const out = new Uint8Array(head.length + raw.length);
  out.set(head);
  out.set(raw, head.length);
  return out;
};
const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe(".npy dtypes: what numpy writes by default is read (issue #14)", () => {
  it("floats to float32 (float64 rounded, float16 exact), integers and bools to int32", () => {
    const f64 = npyOf("<f8", [2, 2], bytesOf(Float64Array.of(0.1, -2.5, Infinity, NaN)));
    const r = parseNpy(f64, "x.npy");
    expect(r).toMatchObject({ dtype: "f32", shape: [2, 2], stored: "float64" });
    expect(Array.from(r.data)).toEqual([Math.fround(0.1), -2.5, Infinity, NaN]);
    // float16 bits: 1.0 (0x3c00), -2 (0xc000), 2^-24 (0x0001, subnormal), 65504 (0x7bff), -inf (0xfc00)
    const f16 = parseNpy(npyOf("<f2", [5], bytesOf(Uint16Array.of(0x3c00, 0xc000, 0x0001, 0x7bff, 0xfc00))), "h.npy");
    expect(Array.from(f16.data)).toEqual([1, -2, 2 ** -24, 65504, -Infinity]);
    const ints: [string, ArrayBufferView, number[]][] = [
      ["<i8", BigInt64Array.of(-2147483648n, 2147483647n, 7n), [-2147483648, 2147483647, 7]],
      ["<i2", Int16Array.of(-32768, 5, 32767), [-32768, 5, 32767]],
      ["|i1", Int8Array.of(-128, 0, 127), [-128, 0, 127]],
      ["|u1", Uint8Array.of(0, 200, 255), [0, 200, 255]],
      ["<u2", Uint16Array.of(0, 65535, 3), [0, 65535, 3]],
      ["<u4", Uint32Array.of(0, 2147483647, 9), [0, 2147483647, 9]],
      ["<u8", BigUint64Array.of(0n, 2147483647n, 1n), [0, 2147483647, 1]],
      ["|b1", Uint8Array.of(1, 0, 1), [1, 0, 1]],
    ];
    for (const [descr, data, want] of ints) {
      const a = parseNpy(npyOf(descr, [3], bytesOf(data)), "i.npy");
      expect(a.dtype, descr).toBe("i32");
      expect(Array.from(a.data), descr).toEqual(want);
    }
  });

  it("a value the conversion cannot represent is E0405 naming the element; big-endian data is refused", () => {
    expect(codeOf(() => parseNpy(npyOf("<i8", [2, 2], bytesOf(BigInt64Array.of(1n, 2n, 3n, 2n ** 40n))), "d.npy"))).toBe(
      "E0405: d.npy: not a usable .npy file: int64 value 1099511627776 at [1, 1] does not fit in int32",
    );
    expect(codeOf(() => parseNpy(npyOf("<u4", [1], bytesOf(Uint32Array.of(2 ** 31))), "u.npy"))).toMatch(/uint32 value 2147483648 at \[0\] does not fit in int32/);
    expect(codeOf(() => parseNpy(npyOf("<f8", [2], bytesOf(Float64Array.of(1, 1e39))), "f.npy"))).toMatch(/float64 value 1e\+39 at \[1\] is beyond float32's range/);
    expect(codeOf(() => parseNpy(npyOf("|b1", [1], Uint8Array.of(2)), "b.npy"))).toMatch(/bool byte 2 at \[0\] is neither 0 nor 1/);
    expect(codeOf(() => parseNpy(npyOf(">f8", [1], new Uint8Array(8)), "e.npy"))).toMatch(/big-endian dtype >f8; save it little-endian/);
    expect(codeOf(() => parseNpy(npyOf("<c8", [1], new Uint8Array(8)), "c.npy"))).toMatch(/dtype <c8; attnc reads floats/);
    expect(codeOf(() => parseNpy(npyOf("<i8", [3], new Uint8Array(12)), "s.npy"))).toMatch(/shape \(3\) of int64 needs 24 data bytes, found 12/);
  });

  it("attnc run on numpy's defaults (float64 q, k, v; int64 document ids) equals the float32 / int32 run", async () => {
    const dir = tmp();
    const s = { B: 1, H: 2, Q: 12, KV: 12, D: 4 };
    const q = Float64Array.from({ length: s.B * s.H * s.Q * s.D }, (_, i) => Math.sin(i) / 3);
    const k = Float64Array.from({ length: s.B * s.H * s.KV * s.D }, (_, i) => Math.cos(i) / 3);
    const v = Float64Array.from({ length: s.B * s.H * s.KV * s.D }, (_, i) => Math.sin(2 * i));
    const doc = BigInt64Array.from({ length: s.Q }, (_, i) => BigInt(Math.floor(i / 5)));
    const f32dir = join(dir, "f32");
    const f64dir = join(dir, "f64");
    mkdirSync(f32dir);
    mkdirSync(f64dir);
    for (const [name, a, shape] of [["q", q, [1, 2, 12, 4]], ["k", k, [1, 2, 12, 4]], ["v", v, [1, 2, 12, 4]]] as const) {
      writeFileSync(join(f64dir, `${name}.npy`), npyOf("<f8", [...shape], bytesOf(a)));
      writeFileSync(join(f32dir, `${name}.npy`), encodeNpy(Float32Array.from(a), [...shape]));
    }
    writeFileSync(join(f64dir, "doc.npy"), npyOf("<i8", [1, 12], bytesOf(doc)));
    writeFileSync(join(f32dir, "doc.npy"), encodeNpy(Int32Array.from(doc, Number), [1, 12]));
    for (const d of [f32dir, f64dir]) {
      const r = await cli("run", "examples/document-causal.attn", "--inputs", d, "--out", join(d, "out"));
      expect(r.code, r.err).toBe(0);
    }
    expect(readFileSync(join(f64dir, "out", "o.npy"))).toEqual(readFileSync(join(f32dir, "out", "o.npy")));
    writeFileSync(join(f64dir, "doc.npy"), npyOf("<f8", [1, 12], bytesOf(new Float64Array(12))));
    const bad = await cli("run", "examples/document-causal.attn", "--inputs", f64dir, "--out", join(f64dir, "out2"));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/E0404.*doc\.npy must be int32 as declared: integers .*got float64/);
  });
});

describe(".npy headers are parsed strictly", () => {
  it("accepts what numpy writes", () => {
    for (const [shape, dims] of [["(1, 2, 5, 4)", [1, 2, 5, 4]], ["(4,)", [4]], ["(4, )", [4]], ["(2, 2,)", [2, 2]], ["(4, 1)", [4, 1]], ["( 2 ,2 )", [2, 2]]] as const) {
      expect(parseNpy(withShape(shape, 4 * dims.reduce((a: number, b) => a * b, 1)), "x.npy").shape).toEqual(dims);
    }
    expect(parseNpy(withShape("()", 4), "x.npy").shape).toEqual([]);
    const reordered = npyWithHeader(`{"shape": (2,),\t'fortran_order': False, 'descr': '<i4'}`, 8);
    expect(parseNpy(reordered, "x.npy")).toMatchObject({ dtype: "i32", shape: [2] });
  });

  it("rejects shapes that are not tuples of plain decimal integers (E0405)", () => {
    const bad = ["(1, 2, 5, 4e0)", "(0x1, 16)", "(1.0, 16)", "(+4,)", "(-4,)", "(004,)", "(1_6,)", "(1, 2,, 8)", "(,)", "(, 4)", "(4)", "(2 8)", "(4,", "[4]", "(True,)", "(99999999999999999999,)"];
    for (const shape of bad) {
      expect(codeOf(() => parseNpy(withShape(shape), "x.npy")), shape).toMatch(/^E0405: x\.npy: not a usable \.npy file: malformed header/);
    }
  });

  it("rejects unknown, duplicate and missing keys and loose values (E0405)", () => {
    const bad = [
      `{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'extra': 1, }`,
      `{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'shape': (4,), }`,
      `{'descr': '<f4', 'shape': (4,), }`,
      `{'descr': '<f4', 'fortran_order': 0, 'shape': (4,), }`,
      `{'descr': '<f4', 'fortran_order': Falsey, 'shape': (4,), }`,
      `{'descr': '<f4', 'fortran_order': False, 'shape': (4,), } junk`,
      `{'descr': '<f4', 'fortran_order': False 'shape': (4,), }`,
      `{'descr': '<f4',, 'fortran_order': False, 'shape': (4,), }`,
      `{'constructor': '<f4', 'fortran_order': False, 'shape': (4,), }`,
    ];
    for (const h of bad) expect(codeOf(() => parseNpy(npyWithHeader(h, 16), "x.npy")), h).toMatch(/^E0405: .*malformed header/);
  });

  it("rejects a size that disagrees with the header, and an oversized header (E0405)", () => {
    expect(codeOf(() => parseNpy(withShape("(4,)", 17), "x.npy"))).toMatch(/E0405: .*needs 16 data bytes, found 17/);
    expect(codeOf(() => parseNpy(withShape("(4,)", 12), "x.npy"))).toMatch(/E0405: .*needs 16 data bytes, found 12/);
    const huge = withShape("(4,)");
    new DataView(huge.buffer).setUint16(8, 60_000, true);
    expect(MAX_HEADER).toBeLessThan(60_000);
    expect(codeOf(() => parseNpy(huge, "x.npy"))).toMatch(/E0405: .*header of 60000 bytes/);
  });

  it("readNpy agrees with parseNpy on a file, and a shape written as 4e0 fails `attnc run`", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "ok.npy"), encodeNpy(Float32Array.from([1, 2, 3, 4]), [2, 2]));
    expect(readNpy(join(dir, "ok.npy"))).toEqual(parseNpy(readFileSync(join(dir, "ok.npy")), "ok.npy"));
    writeQkv(dir, { q: [1, 1, 4, 4], k: [1, 1, 4, 4], v: [1, 1, 4, 4] });
    writeFileSync(join(dir, "q.npy"), withShape("(1, 1, 4, 4e0)", 64));
    const r = await cli("run", "examples/causal.attn", "--inputs", dir, "--out", join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[E0405\]: .*q\.npy: not a usable \.npy file: malformed header: shape entry `4e0` is not a plain decimal integer/);
  });
});

describe(".npy files that are not regular files are refused, not read", () => {
  it("a FIFO does not block (a child process, killed after 60 s if it hangs)", (ctx) => {
    const dir = tmp();
    writeQkv(dir, { q: [1, 1, 4, 4], k: [1, 1, 4, 4], v: [1, 1, 4, 4] });
    rmSync(join(dir, "k.npy"));
    try {
      execFileSync("mkfifo", [join(dir, "k.npy")]);
    } catch {
      return ctx.skip("mkfifo is not available");
    }
    const r = built(["run", "examples/causal.attn", "--inputs", dir, "--out", join(dir, "out")]);
    expect(r.signal, "killed after 60 s: it blocked on the FIFO").toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[E0405\]: .*k\.npy: not a usable \.npy file: it is a FIFO \(named pipe\), not a regular file/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it("q.npy -> /dev/zero is refused at once (a child process, killed after 60 s)", (ctx) => {
    const dir = tmp();
    if (!existsSync("/dev/zero")) return ctx.skip("no /dev/zero");
    symlinkSync("/dev/zero", join(dir, "q.npy"));
    const r = built(["run", "examples/causal.attn", "--inputs", dir, "--out", join(dir, "out")]);
    expect(r.signal, "killed after 60 s: it read /dev/zero").toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[E0405\]: .*q\.npy: not a usable \.npy file: it is a character device, not a regular file/);
  });

  it("a folder named q.npy, and a missing file", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "q.npy"));
    let r = await cli("run", "examples/causal.attn", "--inputs", dir, "--out", join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[E0405\]: .*q\.npy: not a usable \.npy file: it is a folder, not a regular file/);
    r = await cli("run", "examples/causal.attn", "--inputs", join(dir, "none"), "--out", join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[E0403\]: missing input file .*q\.npy/);
  });

  it("an input whose NAME.npy is longer than a file name may be: E0403, not an internal error", async () => {
    const dir = tmp();
    const name = "x".repeat(300);
    const src = join(dir, "long.attn");
    writeFileSync(src, `attention a {\n  input ${name}: i32[B, KV_LEN]\n  mask ${name}[b, kv] != 0\n}\n`);
    writeQkv(dir, { q: [1, 1, 4, 8], k: [1, 1, 4, 8], v: [1, 1, 4, 8] });
    const r = await cli("run", src, "--inputs", dir, "--out", join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[E0403\]: cannot read .*xxxx/);
    expect(r.err).not.toMatch(NO_STACK);
  });
});

describe("the .attn file is read bounded, once", () => {
  it("/dev/zero and a folder are E0403 at once (a child process, killed after 60 s)", (ctx) => {
    if (!existsSync("/dev/zero")) return ctx.skip("no /dev/zero");
    const r = built(["check", "/dev/zero"]);
    expect(r.signal, "killed after 60 s: it read /dev/zero").toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error\[E0403\]: cannot read \/dev\/zero: it is a character device, not a regular file or a pipe/);
    const dir = tmp();
    expect(built(["check", dir]).stderr).toMatch(/E0403.*it is a folder/);
  });

  it("a pipe is read once, and its diagnostics still show the caret", (ctx) => {
    const dir = tmp();
    const fifo = join(dir, "prog.attn");
    try {
      execFileSync("mkfifo", [fifo]);
    } catch {
      return ctx.skip("mkfifo is not available");
    }
    const script = `printf 'attention a {\\n  mask q >= kvv\\n}\\n' > "$1" & exec "$2" dist/cli/main.js check "$1"`;
    const r = spawnSync("sh", ["-c", script, "sh", fifo, process.execPath], { encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL" });
    expect(r.signal, "killed after 60 s: it blocked reading the pipe twice").toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${fifo}:2:13: error[E0201]: unknown name \`kvv\``);
    expect(r.stderr).toContain("2 |   mask q >= kvv");
  });
});

describe("sizes are E0408 (docs/language.md §13), shapes against declarations E0404", () => {
  it("attnc run: sizes < 1, > 2^28, H not a multiple of H_KV, q/k/v that do not fit together", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    const run = () => cli("run", "examples/causal.attn", "--inputs", dir, "--out", out);
    writeQkv(dir, { q: [1, 3, 4, 8], k: [1, 2, 4, 8], v: [1, 2, 4, 8] });
    expect((await run()).err).toMatch(/^error\[E0408\]: H \(3, from q.npy\) must be a multiple of H_KV \(2, from k.npy\)/);
    writeQkv(dir, { q: [1, 2, 4, 8], k: [1, 2, 4, 6], v: [2, 2, 4, 8] });
    const r = await run();
    expect(r.err).toMatch(/error\[E0408\]: batch sizes differ/);
    expect(r.err).toMatch(/error\[E0408\]: head dims differ/);
    writeQkv(dir, { q: [1, 1, MAX_SIZE + 1, 0], k: [1, 1, 4, 0], v: [1, 1, 4, 4] }); // zero data bytes
    const big = await run();
    expect(big.code).toBe(1);
    expect(big.err).toMatch(/error\[E0408\]: size Q_LEN is 268435457; every size must be at most 2\^28/);
    expect(big.err).toMatch(/error\[E0408\]: size D is 0; every size must be at least 1/);
    writeQkv(dir, { q: [1, 1, 4], k: [1, 1, 4, 8], v: [1, 1, 4, 8] });
    expect((await run()).err).toMatch(/error\[E0404\]: q.npy must have 4 dims/);
  });

  it("attnc run: a derived dim is checked with its evaluated value (E0404), and one below 1 is E0408", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    const src = join(dir, "d.attn");
    writeFileSync(src, "attention d {\n  input sel: i32[B, cdiv(Q_LEN, 64), KV_LEN - 5]\n  mask sel[b, q / 64, 0] != 0\n}\n");
    const run = () => cli("run", src, "--inputs", dir, "--out", out);
    writeQkv(dir, { q: [1, 1, 130, 8], k: [1, 1, 7, 8], v: [1, 1, 7, 8] });
    writeFileSync(join(dir, "sel.npy"), encodeNpy(new Int32Array(1 * 3 * 2).fill(1), [1, 3, 2]));
    expect((await run()).code).toBe(0);
    writeFileSync(join(dir, "sel.npy"), encodeNpy(new Int32Array(1 * 2 * 2).fill(1), [1, 2, 2]));
    expect((await run()).err).toMatch(/error\[E0404\]: sel.npy has shape \(1, 2, 2\); the declaration needs \(B=1, cdiv\(Q_LEN, 64\)=3, KV_LEN - 5=2\)/);
    writeQkv(dir, { q: [1, 1, 130, 8], k: [1, 1, 4, 8], v: [1, 1, 4, 8] });
    expect((await run()).err).toMatch(/error\[E0408\]: dimension 3 of input `sel`, KV_LEN - 5, is -1 for these sizes; it must be at least 1/);
  });

  it("analyze and viz: a size flag above 2^28 is E0408, one that is not a positive integer a usage error", async () => {
    for (const cmd of [["analyze"], ["viz", "-o", join(tmp(), "m.svg")]]) {
      const go = (...flags: string[]) => cli(cmd[0]!, "examples/causal.attn", ...cmd.slice(1), ...flags);
      let r = await go("--q-len", "2000000000", "--kv-len", "64");
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^error\[E0408\]: --q-len 2000000000 is above the largest size, 2\^28 = 268435456/);
      expect(r.err).not.toMatch(NO_STACK);
      for (const flag of ["--kv-len", "--heads", "--batch"]) {
        const sizes = { "--q-len": "64", "--kv-len": "64", [flag]: String(MAX_SIZE + 1) };
        r = await go(...Object.entries(sizes).flat());
        expect(r.code, flag).toBe(1);
        expect(r.err).toMatch(/E0408/);
      }
      expect((await go("--q-len", "0", "--kv-len", "64")).code).toBe(2);
      expect((await go("--q-len", "64", "--kv-len", "64", "--heads", "-1")).code).toBe(2);
      r = await go("--q-len", String(MAX_SIZE), "--kv-len", String(MAX_SIZE));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/error\[E0408\]: Q_LEN=268435456 x KV_LEN=268435456 with tile 128x64 is 8796093022208 tiles; attnc classifies at most 2\^28/);
      expect(r.err).not.toMatch(NO_STACK);
    }
  });

  it("every code of options and inputs has its row in docs/language.md §13", () => {
    const doc = readFileSync("docs/language.md", "utf8");
    for (const code of Object.keys(CATALOG).filter((c) => c.startsWith("E04"))) expect(doc).toMatch(new RegExp(`^\\| ${code} \\|`, "m"));
    expect(doc).toMatch(/^\| E0408 \| invalid sizes \(a size < 1 or > 2\^28/m);
  });
});
