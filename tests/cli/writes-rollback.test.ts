/**
 * `writeFilesAtomic` when a rename fails after some files are already in place (issue #11, item 9):
 * faults are injected into node:fs (a full disk or a racing process would do the same), and the
 * folder must be as it was — new files removed, previous files and links put back, no temp
 * folder — or, when even putting back fails, the diagnostic says where the previous file is kept.
 */
import * as realFs from "node:fs";
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AttncError } from "../../dsl/diagnostics.js";
import { writeFilesAtomic } from "../../cli/io.js";
import { tmp } from "./helpers.js";

/** Which calls fail: a rename onto / from a path, link. */
const faults = { renameTo: null as string | null, renameFrom: null as RegExp | null, link: false };

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const fail = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
  const renameSync: typeof fs.renameSync = (from, to) => {
    if (faults.renameTo !== null && String(to) === faults.renameTo) throw fail("EIO");
    if (faults.renameFrom !== null && faults.renameFrom.test(String(from))) throw fail("EIO");
    return fs.renameSync(from, to);
  };
  const linkSync: typeof fs.linkSync = (a, b) => {
    if (faults.link) throw fail("EPERM");
    return fs.linkSync(a, b);
  };
  return { ...fs, renameSync, linkSync, default: { ...fs, renameSync, linkSync } };
});

afterEach(() => Object.assign(faults, { renameTo: null, renameFrom: null, link: false }));

const files = [
  { path: "a.ts", contents: "NEW-A" },
  { path: "b.ts", contents: "NEW-B" },
  { path: "c.json", contents: "NEW-C" },
  { path: "d.bin", contents: new Uint8Array([1, 2, 3]) },
];

function failure(f: () => unknown): AttncError {
  try {
    f();
  } catch (e) {
    if (e instanceof AttncError) return e;
    throw e;
  }
  throw new Error("expected an AttncError");
}

describe("writeFilesAtomic rolls back", () => {
  for (const link of [false, true]) {
    it(`a failed third rename puts back every previous file and removes the new ones${link ? " (no hard links: moved aside)" : ""}`, () => {
      const dir = tmp();
      writeFileSync(join(dir, "a.ts"), "OLD-A");
      symlinkSync("target-of-b", join(dir, "b.ts"));
      writeFileSync(join(dir, "c.json"), "OLD-C");
      const inoA = statSync(join(dir, "a.ts")).ino;
      faults.link = link;
      faults.renameTo = join(dir, "d.bin");
      const e = failure(() => writeFilesAtomic(dir, files));
      expect(e.diagnostics.map((d) => d.code)).toEqual(["E0410"]);
      expect(e.diagnostics[0]!.message).toBe(`cannot write ${join(dir, "d.bin")}: input/output error (EIO)`);
      expect(readdirSync(dir).sort()).toEqual(["a.ts", "b.ts", "c.json"]);
      expect(readFileSync(join(dir, "a.ts"), "utf8")).toBe("OLD-A");
      expect(statSync(join(dir, "a.ts")).ino).toBe(inoA); // the same file, not a copy
      expect(readlinkSync(join(dir, "b.ts"))).toBe("target-of-b");
      expect(readFileSync(join(dir, "c.json"), "utf8")).toBe("OLD-C");
    });
  }

  it("new files only: a failed rename leaves the folder empty", () => {
    const dir = tmp();
    faults.renameTo = join(dir, "c.json");
    failure(() => writeFilesAtomic(dir, files));
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a folder it created is removed again", () => {
    const dir = tmp();
    faults.renameTo = join(dir, "new", "deeper", "b.ts");
    failure(() => writeFilesAtomic(join(dir, "new", "deeper"), files));
    expect(readdirSync(dir)).toEqual([]);
  });

  it("when a previous file cannot be put back, the diagnostic says where it is kept", () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.ts"), "OLD-A");
    faults.renameTo = join(dir, "c.json");
    faults.renameFrom = /[/\\]old[/\\]a\.ts$/;
    const e = failure(() => writeFilesAtomic(dir, files));
    const note = e.diagnostics[0]!.notes?.join("\n") ?? "";
    const m = /could not put back the previous .*a\.ts \(input\/output error \(EIO\)\); it is kept as (\S+)$/.exec(note);
    expect(m, note).not.toBeNull();
    expect(readFileSync(m![1]!, "utf8")).toBe("OLD-A");
  });

  it("succeeds with every file in place and no temp folder", () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.ts"), "OLD-A");
    expect(writeFilesAtomic(dir, files)).toEqual(files.map((f) => join(dir, f.path)));
    expect(readdirSync(dir).sort()).toEqual(["a.ts", "b.ts", "c.json", "d.bin"]);
    expect(readFileSync(join(dir, "a.ts"), "utf8")).toBe("NEW-A");
    expect([...readFileSync(join(dir, "d.bin"))]).toEqual([1, 2, 3]);
    expect(lstatSync(join(dir, "b.ts")).isFile()).toBe(true);
    expect(realFs.existsSync(dir)).toBe(true);
  });
});
