/**
 * Output files (issue #11, items 9 and 10): every command that writes goes through
 * `writeFilesAtomic` — a private temp folder, renames into place, nothing written through a
 * planted symbolic link, nothing left behind (and the previous files back) when it fails — and a
 * folder that cannot be written is an E0410 diagnostic with exit 1, never an internal error.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy } from "../../cli/npy.js";
import { built, cli, makeUnwritable, NO_STACK, tmp } from "./helpers.js";

const tempFolders = (dir: string) => readdirSync(dir).filter((f) => f.startsWith(".attnc-"));

function program(dir: string, name: string): string {
  const f = join(dir, `${name.slice(0, 8)}.attn`);
  writeFileSync(f, `attention ${name} {\n  mask q >= kv\n}\n`);
  return f;
}

describe("no writes outside --out", () => {
  it("a symbolic link planted at the old predictable temp name is not followed", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    mkdirSync(out);
    writeFileSync(join(dir, "victim.txt"), "SECRET");
    symlinkSync(join(dir, "victim.txt"), join(out, `.causal.ts.${process.pid}.tmp`));
    symlinkSync(join(dir, "victim.txt"), join(out, `.causal.manifest.json.${process.pid}.tmp`));
    const r = await cli("compile", "examples/causal.attn", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, "victim.txt"), "utf8")).toBe("SECRET");
    expect(lstatSync(join(out, "causal.ts")).isFile()).toBe(true);
    expect(readFileSync(join(out, "causal.ts"), "utf8")).toMatch(/export function forward/);
    expect(tempFolders(out)).toEqual([]);
  });

  it("a symbolic link at a final name is replaced, never written through", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(out);
    mkdirSync(elsewhere);
    writeFileSync(join(dir, "victim.ts"), "SECRET");
    symlinkSync(join(dir, "victim.ts"), join(out, "causal.ts"));
    symlinkSync(elsewhere, join(out, "causal.manifest.json")); // a link to a folder outside
    const r = await cli("compile", "examples/causal.attn", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, "victim.ts"), "utf8")).toBe("SECRET");
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(lstatSync(join(out, "causal.ts")).isFile()).toBe(true);
    expect(lstatSync(join(out, "causal.manifest.json")).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "causal.manifest.json"), "utf8")).name).toBe("causal");
  });
});

describe("a failed command leaves the output folder as it was", () => {
  it("the second file failing (manifest name is a folder) leaves no kernel, and the old one stays", async () => {
    const out = tmp();
    mkdirSync(join(out, "causal.manifest.json"));
    writeFileSync(join(out, "causal.manifest.json", "keep"), "");
    let r = await cli("compile", "examples/causal.attn", "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[E0410\]: cannot write .*causal\.manifest\.json: it is a folder/);
    expect(r.err).not.toMatch(NO_STACK);
    expect(readdirSync(out)).toEqual(["causal.manifest.json"]);
    writeFileSync(join(out, "causal.ts"), "OLD");
    r = await cli("compile", "examples/causal.attn", "--out", out);
    expect(r.code).toBe(1);
    expect(readFileSync(join(out, "causal.ts"), "utf8")).toBe("OLD");
    expect(readdirSync(out).sort()).toEqual(["causal.manifest.json", "causal.ts"]);
  });

  it("CUDA: the .cu does not stay when the .h cannot be written", async () => {
    const out = tmp();
    mkdirSync(join(out, "causal.h"));
    const r = await cli("compile", "examples/causal.attn", "--target", "cuda", "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0410.*causal\.h/);
    expect(readdirSync(out)).toEqual(["causal.h"]);
  });

  it("previous outputs are replaced on success, with no temp folder left", async () => {
    const out = tmp();
    writeFileSync(join(out, "causal.ts"), "OLD");
    const r = await cli("compile", "examples/causal.attn", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(out, "causal.ts"), "utf8")).toMatch(/export function forward/);
    expect(readdirSync(out).sort()).toEqual(["causal.manifest.json", "causal.ts"]);
  });
});

describe("file-system errors are E0410 with exit 1", () => {
  it("--out an existing file, /dev/null, a broken symbolic link, a path through a file", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "file"), "x");
    symlinkSync(join(dir, "nowhere"), join(dir, "broken"));
    const cases: [string, RegExp][] = [
      [join(dir, "file"), /it is a regular file, not a folder/],
      ["/dev/null", /it is a character device, not a folder/],
      [join(dir, "broken"), /a symbolic link to a missing target/],
      [join(dir, "file", "sub"), /not a folder \(ENOTDIR\)/],
    ];
    for (const [out, why] of cases) {
      const r = await cli("compile", "examples/causal.attn", "--out", out);
      expect(r.code, out).toBe(1);
      expect(r.err).toMatch(/^error\[E0410\]: cannot write into /);
      expect(r.err).toMatch(why);
      expect(r.err).not.toMatch(NO_STACK);
    }
    expect(readFileSync(join(dir, "file"), "utf8")).toBe("x");
    expect(existsSync(join(dir, "nowhere"))).toBe(false);
  });

  it("run and viz report the same", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "file"), "x");
    for (const [name, shape] of [["q", [1, 1, 4, 8]], ["k", [1, 1, 4, 8]], ["v", [1, 1, 4, 8]]] as const) {
      writeFileSync(join(dir, `${name}.npy`), encodeNpy(new Float32Array(32), [...shape]));
    }
    const r = await cli("run", "examples/causal.attn", "--inputs", dir, "--out", join(dir, "file"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0410/);
    expect(r.err).not.toMatch(NO_STACK);
    const v = await cli("viz", "examples/causal.attn", "--q-len", "64", "--kv-len", "64", "-o", join(dir, "file", "m.svg"));
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/E0410/);
    mkdirSync(join(dir, "m.png"));
    const v2 = await cli("viz", "examples/causal.attn", "--q-len", "64", "--kv-len", "64", "-o", join(dir, "m.png"));
    expect(v2.code).toBe(1);
    expect(v2.err).toMatch(/E0410.*m\.png: it is a folder/);
  });

  it("an unwritable folder", async (ctx) => {
    const out = tmp();
    const how = makeUnwritable(out);
    if (how === null) return ctx.skip("cannot make a folder unwritable here (root without chattr +i)");
    const r = await cli("compile", "examples/causal.attn", "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[E0410\]: cannot write into .*\((EACCES|EPERM|EROFS)\)/);
    expect(r.err).not.toMatch(NO_STACK);
    expect(readdirSync(out)).toEqual([]);
  });

  it("a name too long for the file system leaves no folder behind; a long one that fits works", async () => {
    const dir = tmp();
    const fits = program(dir, "a".repeat(236)); // its old temp name was too long
    let r = await cli("compile", fits, "--out", join(dir, "fits"));
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, "fits"))).toHaveLength(2);
    const tooLong = program(dir, "b".repeat(250)); // b….manifest.json: 264 bytes
    r = await cli("compile", tooLong, "--out", join(dir, "new", "sub"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E0410.*file name too long \(ENAMETOOLONG\)/);
    expect(r.err).not.toMatch(NO_STACK);
    expect(existsSync(join(dir, "new"))).toBe(false);
  });

  it("--out under /proc fails at once instead of spinning", (ctx) => {
    if (!existsSync("/proc/self")) return ctx.skip("no /proc on this system");
    const r = built(["compile", "examples/causal.attn", "--out", `/proc/attnc-test-${process.pid}/sub`]);
    expect(r.signal, "killed after 60 s: it hung").toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[E0410\]: cannot write into \/proc\/attnc-test-\d+/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});
