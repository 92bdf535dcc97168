/**
 * Names that are members of Object.prototype (`constructor`, `__proto__`, `toString`, …) are
 * ordinary names everywhere a user gives a name: as a def, def parameter, function call, param,
 * input, let, attention name, normalize mode, `--param` override, `--name`, a command-line flag and
 * the library's `target` option. Each program must behave exactly as the same program with an
 * ordinary name of the same length in its place: the same diagnostics (codes, messages, spans,
 * notes) or the same compiled IR and run results.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, check, type Diagnostic } from "../../dsl/index.js";
import { lowerSource } from "../../compiler/pipeline.js";
import { printProgram } from "../../compiler/ir/printer.js";
import { main } from "../../cli/main.js";
import { encodeNpy } from "../../cli/npy.js";
import { loadInputs } from "../../cli/inputs.js";
import { AttncError, compile } from "../../index.js";

const LISTED = [
  "constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
  "toLocaleString", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
];
/** Every member of Object.prototype (and the list above, so the test never shrinks silently). */
const NAMES = [...new Set([...LISTED, ...Object.getOwnPropertyNames(Object.prototype)])].filter((n) => /^[A-Za-z_]\w*$/.test(n));
/** An ordinary name as long as `name`, so spans and columns agree. */
const ordinary = (name: string) => "z".repeat(name.length);

function diagnose(source: string): Diagnostic[] {
  const r = parse(source, "t.attn");
  return r.module ? check(r.module) : r.diagnostics;
}

/** What a program does: its diagnostics, or (when valid) its lowered IR. */
function outcome(source: string): string {
  const ds = diagnose(source);
  if (ds.length > 0) return JSON.stringify(ds);
  return lowerSource(source, "t.attn").map((ir) => printProgram(ir)).join("\n");
}

const TEMPLATES: [string, (n: string) => string, string[]][] = [
  ["a def", (n) => `def ${n} = q >= kv\nattention t {\n  mask ${n}\n}\n`, []],
  ["a def with parameters", (n) => `def ${n}(x: int) = x > 0\nattention t {\n  mask ${n}(q - kv)\n}\n`, []],
  ["a def parameter", (n) => `def f(${n}: int) = ${n} > 0\nattention t {\n  mask f(q - kv)\n}\n`, []],
  ["a param", (n) => `attention t {\n  param ${n}: int = 3\n  mask q - kv < ${n}\n}\n`, []],
  ["an input", (n) => `attention t {\n  input ${n}: f32[H]\n  score s + ${n}[h]\n}\n`, []],
  ["a let", (n) => `attention t {\n  let ${n} = q - kv\n  mask ${n} >= 0\n}\n`, []],
  ["an attention name", (n) => `attention ${n} {\n  mask q >= kv\n}\n`, []],
  ["an int param as a dimension", (n) => `attention t {\n  param ${n}: int = 4\n  input x: f32[${n}]\n  score s + x[0]\n}\n`, []],
  ["an unknown function", (n) => `attention t {\n  mask ${n}(q) > 0\n}\n`, ["E0203"]],
  ["an unknown name", (n) => `attention t {\n  mask q >= ${n}\n}\n`, ["E0201"]],
  ["an unknown tensor", (n) => `attention t {\n  score s + ${n}[h]\n}\n`, ["E0201"]],
  ["an unknown dimension", (n) => `attention t {\n  input x: f32[${n}]\n  score s + x[0]\n}\n`, ["E0201"]],
  ["an unknown normalize mode", (n) => `attention t {\n  normalize ${n}\n}\n`, ["E0210"]],
  ["a param called like a function", (n) => `attention t {\n  param ${n}: int = 1\n  mask ${n}(q) > 0\n}\n`, ["E0216"]],
  ["a let used before it", (n) => `attention t {\n  let a = ${n}\n  let ${n} = 1\n  mask a > 0\n}\n`, ["E0201"]],
  ["a block's name in a def", (n) => `def f = ${n} > 0\nattention t {\n  param ${n}: int = 1\n  mask f\n}\n`, ["E0201"]],
  ["a def declared twice", (n) => `def ${n} = 1\ndef ${n} = 2\nattention t {\n  mask ${n} > 0\n}\n`, ["E0202"]],
  ["a param and an input of the same name", (n) => `attention t {\n  param ${n}: int = 1\n  input ${n}: f32[H]\n}\n`, ["E0202"]],
];

describe("Object.prototype member names in the language", () => {
  it("the names tested", () => {
    expect(NAMES).toEqual(expect.arrayContaining(LISTED));
    expect(NAMES.length).toBeGreaterThanOrEqual(12);
  });

  for (const [what, template, codes] of TEMPLATES) {
    it(`as ${what}`, () => {
      for (const n of NAMES) {
        const ds = diagnose(template(n));
        expect(ds.map((d) => d.code), `${n}: ${JSON.stringify(ds)}`).toEqual(codes);
        expect(outcome(template(n)).replaceAll(n, ordinary(n)), n).toBe(outcome(template(ordinary(n))));
      }
    });
  }
});

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "attnc-proto-"));
  dirs.push(d);
  return d;
}

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Runs the same command for `n` and for its ordinary twin: the two must agree. */
async function same(n: string, files: (name: string) => Record<string, string>, argv: (name: string, dir: string) => string[]) {
  const results = [];
  for (const name of [n, ordinary(n)]) {
    const dir = tmp();
    for (const [f, text] of Object.entries(files(name))) writeFileSync(join(dir, f), text);
    const r = await cli(...argv(name, dir));
    results.push({ code: r.code, out: r.out.replaceAll(dir, "DIR"), err: r.err.replaceAll(dir, "DIR") });
  }
  const [mine, twin] = results;
  expect({ ...mine!, out: mine!.out.replaceAll(n, ordinary(n)), err: mine!.err.replaceAll(n, ordinary(n)) }, n).toEqual(twin);
  return mine!;
}

describe("Object.prototype member names on the command line", () => {
  it("--param NAME=V overrides a param of that name", async () => {
    for (const n of NAMES) {
      const r = await same(n, (x) => ({ "p.attn": `attention t {\n  param ${x}: int = 3\n  mask q - kv < ${x}\n}\n` }),
        (x, dir) => ["compile", join(dir, "p.attn"), "--param", `${x}=100`, "--emit", "ir"]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`param ${n}: int = 100`);
    }
  });

  it("--param NAME=V on a block without it is E0401", async () => {
    for (const n of NAMES) {
      const r = await same(n, () => ({ "p.attn": "attention t {\n  mask q >= kv\n}\n" }),
        (x, dir) => ["compile", join(dir, "p.attn"), "--param", `${x}=1`, "--emit", "ir"]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`error\\[E0401\\]: unknown param \`${n.replace(/\$/g, "\\$")}\``));
    }
  });

  it("--name NAME selects the block of that name, and is E0212 when there is none", async () => {
    for (const n of NAMES) {
      const ok = await same(n, (x) => ({ "a.attn": `attention ${x} {\n  mask q >= kv\n}\nattention other {\n  mask q > kv\n}\n` }),
        (x, dir) => ["compile", join(dir, "a.attn"), "--name", x, "--emit", "ir"]);
      expect(ok.code, ok.err).toBe(0);
      expect(ok.out).toContain(`attention ${n} `);
      const bad = await same(n, () => ({ "a.attn": "attention t {\n  mask q >= kv\n}\n" }),
        (x, dir) => ["compile", join(dir, "a.attn"), "--name", x, "--emit", "ir"]);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain("error[E0212]");
    }
  });

  it("--NAME is an unknown option (exit 2)", async () => {
    for (const n of NAMES) {
      const r = await same(n, () => ({ "a.attn": "attention t {\n  mask q >= kv\n}\n" }),
        (x, dir) => ["check", join(dir, "a.attn"), `--${x}`]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`unknown option --${n}`);
    }
  });

  it("an input of that name is read from NAME.npy by `attnc run`", async () => {
    const shape = [1, 2, 4, 4];
    const data = (k: number) => Float32Array.from({ length: 32 }, (_, i) => Math.sin(i * 0.7 + k));
    for (const n of NAMES) {
      const outs: Uint8Array[] = [];
      for (const x of [n, ordinary(n)]) {
        const dir = tmp();
        mkdirSync(join(dir, "in"));
        writeFileSync(join(dir, "a.attn"), `attention t {\n  input ${x}: f32[H]\n  score s + ${x}[h]\n}\n`);
        writeFileSync(join(dir, "in", "q.npy"), encodeNpy(data(1), shape));
        writeFileSync(join(dir, "in", "k.npy"), encodeNpy(data(2), shape));
        writeFileSync(join(dir, "in", "v.npy"), encodeNpy(data(3), shape));
        writeFileSync(join(dir, "in", `${x}.npy`), encodeNpy(Float32Array.from([3, -3]), [2]));
        const r = await cli("run", join(dir, "a.attn"), "--inputs", join(dir, "in"), "--out", join(dir, "out"));
        expect(r.code, `${x}: ${r.err}`).toBe(0);
        // an own property of the tensors table (backends look inputs up with Object.hasOwn)
        const [ir] = lowerSource(readFileSync(join(dir, "a.attn"), "utf8"), "a.attn");
        expect(Object.keys(loadInputs(join(dir, "in"), ir!).tensors)).toEqual([x]);
        outs.push(readFileSync(join(dir, "out", "o.npy")));
      }
      expect(Buffer.compare(outs[0]!, outs[1]!), n).toBe(0);
    }
  });
});

describe("Object.prototype member names in the library API", () => {
  it("an unknown target is E0409", async () => {
    for (const n of NAMES) {
      const err = await compile("attention t { mask q >= kv }", "t.attn", { target: n as "ts" }).then(() => null, (e: unknown) => e);
      expect(err, n).toBeInstanceOf(AttncError);
      expect((err as AttncError).diagnostics.map((d) => d.code)).toEqual(["E0409"]);
    }
  });

  it("params given as a parsed JSON object (own properties) override", () => {
    const [ir] = lowerSource("attention t {\n  param __proto__: int = 3\n  mask q - kv < __proto__\n}\n", "t.attn",
      { params: JSON.parse('{"__proto__": "7"}') as Record<string, string> });
    expect(ir!.params).toEqual([{ name: "__proto__", type: "int", value: 7 }]);
  });
});
