/**
 * The CLI's output side: the `Io` the commands write to, printing diagnostics (human or `--json`),
 * and writing output files as one transaction (`writeFilesAtomic`): a failed command leaves the
 * output folder as it was.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AttncError, diag, diagnosticToJson, formatDiagnostic, type Diagnostic } from "../dsl/diagnostics.js";
import { errnoCode, fileKind, fsReason } from "./fs-error.js";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Prints diagnostics; the caret's source line comes from `sources`, else from the (regular) file. */
export function printDiagnostics(io: Io, diags: Diagnostic[], json: boolean, sources: Record<string, string> = {}): void {
  if (json) {
    io.out(`${JSON.stringify({ diagnostics: diags.map(diagnosticToJson) }, null, 2)}\n`);
    return;
  }
  for (const d of diags) {
    const file = d.span?.file;
    let src = file !== undefined ? sources[file] : undefined;
    if (file !== undefined && src === undefined) {
      try {
        if (fs.statSync(file).isFile()) src = fs.readFileSync(file, "utf8"); // never a pipe: it could block
      } catch {
        src = undefined;
      }
    }
    io.err(`${formatDiagnostic(d, src)}\n`);
  }
}

/** Runs `body`; AttncError → diagnostics and exit 1. */
export async function withDiagnostics(io: Io, json: boolean, sources: Record<string, string>, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof AttncError) {
      printDiagnostics(io, e.diagnostics, json, sources);
      return 1;
    }
    throw e;
  }
}

/** One output file: a plain file name (no folder part) and its contents. */
export interface OutputFile {
  path: string;
  contents: string | Uint8Array;
}

/**
 * Writes one command's output files into `dir` as one transaction: either all of them are in
 * place, or `dir` is as it was before the command (an E0410 diagnostic says why).
 *
 * - `dir` and its missing parents are created one level at a time (Node's recursive mkdir spins
 *   forever where mkdir answers ENOENT, as under /proc); folders this call created are removed
 *   again when it fails.
 * - The files are written into a private folder `dir/.attnc-XXXXXX` (mkdtemp: created exclusively,
 *   mode 0700, unpredictable name), created with O_EXCL | O_NOFOLLOW and flushed, then renamed onto
 *   their final names. rename replaces whatever is at a final name, a symbolic link included: the
 *   link is replaced, never written through, so nothing outside `dir` is touched.
 * - What was at a final name before (a file or a symbolic link) is kept in the private folder until
 *   every file is in place; on a failure each new file is removed and each previous one put back.
 *   A folder at a final name is an error, before anything is replaced.
 * - The private folder is always removed, except when a previous file could not be put back: then
 *   it keeps that file and the diagnostic says where.
 */
export function writeFilesAtomic(dir: string, files: OutputFile[]): string[] {
  checkNames(files);
  const target = dir === "" ? "." : dir;
  const created = makeFolders(target);
  let tmp: string;
  try {
    tmp = fs.mkdtempSync(path.join(target, ".attnc-"));
    fs.mkdirSync(path.join(tmp, "new"));
    fs.mkdirSync(path.join(tmp, "old"));
  } catch (e) {
    removeFolders(created);
    throw cannotWrite(`into ${target}`, fsReason(e));
  }
  const slots: Slot[] = files.map((f) => ({
    final: path.join(target, f.path),
    fresh: path.join(tmp, "new", f.path),
    prev: path.join(tmp, "old", f.path),
    kept: "none",
    placed: false,
  }));
  try {
    slots.forEach((s, i) => writeFresh(s, files[i]!.contents));
    for (const s of slots) keepPrevious(s);
    for (const s of slots) place(s);
  } catch (e) {
    const undo = rollBack(slots);
    if (!undo.keepTemp) removeTemp(tmp);
    removeFolders(created);
    if (e instanceof AttncError && undo.notes.length > 0) {
      throw new AttncError(e.diagnostics.map((d) => ({ ...d, notes: [...(d.notes ?? []), ...undo.notes] })));
    }
    throw e;
  }
  removeTemp(tmp);
  return slots.map((s) => s.final);
}

/** One file of a transaction: its final name, its new file, and the previous one while kept. */
interface Slot {
  final: string;
  fresh: string;
  prev: string;
  /** what was at `final`: nothing, kept as a link/copy at `prev` (final untouched), or moved to `prev` */
  kept: "none" | "linked" | "moved";
  /** the new file is at `final` */
  placed: boolean;
  /** identity of the new file, to remove only our own when rolling back */
  id?: { dev: number; ino: number };
}

function cannotWrite(what: string, reason: string): AttncError {
  return new AttncError([diag("E0410", `cannot write ${what}: ${reason}`)]);
}

/** Output names are plain, distinct file names: the transaction is over one folder. */
function checkNames(files: OutputFile[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    if (f.path === "" || f.path === "." || f.path === ".." || /[\\/\0]/.test(f.path) || seen.has(f.path)) {
      throw new Error(`writeFilesAtomic: output names must be distinct plain file names, got \`${f.path}\``);
    }
    seen.add(f.path);
  }
}

/** Creates `dir` and its missing parents, outermost first; returns the folders it created. */
function makeFolders(dir: string): string[] {
  const missing: string[] = [];
  for (let p = dir; ; ) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch (e) {
      if (errnoCode(e) !== "ENOENT") throw cannotWrite(`into ${p}`, fsReason(e));
      if (fs.lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink()) throw cannotWrite(`into ${p}`, "it is a symbolic link to a missing target");
    }
    if (st !== undefined) {
      if (!st.isDirectory()) throw cannotWrite(`into ${p}`, `it is ${fileKind(st)}, not a folder`);
      break;
    }
    missing.unshift(p);
    const parent = path.dirname(p);
    if (parent === p) throw cannotWrite(`into ${dir}`, `${p} does not exist`);
    p = parent;
  }
  const created: string[] = [];
  for (const p of missing) {
    try {
      fs.mkdirSync(p);
      created.push(p);
    } catch (e) {
      if (errnoCode(e) === "EEXIST" && fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()) continue; // made meanwhile
      removeFolders(created);
      const reason = errnoCode(e) === "ENOENT" ? "its file system does not allow creating it (ENOENT)" : fsReason(e);
      throw cannotWrite(`into ${p}`, reason);
    }
  }
  return created;
}

/** Removes the folders `makeFolders` created, innermost first, if they are empty. */
function removeFolders(created: string[]): void {
  for (const p of [...created].reverse()) {
    try {
      fs.rmdirSync(p);
    } catch {
      return; // not empty (someone else wrote there meanwhile): keep it and its parents
    }
  }
}

function removeTemp(tmp: string): void {
  try {
    fs.rmSync(tmp, { recursive: true, force: true });
  } catch {
    // best effort: the outputs are already in place (or rolled back)
  }
}

const CREATE_NEW = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

/** Writes the new file in the private folder and flushes it to disk. */
function writeFresh(s: Slot, contents: string | Uint8Array): void {
  try {
    const fd = fs.openSync(s.fresh, CREATE_NEW, 0o666);
    try {
      const buf = typeof contents === "string" ? Buffer.from(contents, "utf8") : contents;
      for (let off = 0; off < buf.byteLength; ) off += fs.writeSync(fd, buf, off, buf.byteLength - off);
      fs.fsyncSync(fd);
      const st = fs.fstatSync(fd);
      s.id = { dev: st.dev, ino: st.ino };
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw cannotWrite(s.final, fsReason(e));
  }
}

/** Keeps what is at the final name (a hard link, a copy of a symbolic link, or the file moved). */
function keepPrevious(s: Slot): void {
  try {
    const st = fs.lstatSync(s.final, { throwIfNoEntry: false });
    if (st === undefined) return;
    if (st.isDirectory()) throw cannotWrite(s.final, "it is a folder");
    if (st.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(s.final), s.prev);
      s.kept = "linked";
      return;
    }
    try {
      fs.linkSync(s.final, s.prev);
      s.kept = "linked";
    } catch {
      fs.renameSync(s.final, s.prev); // no hard links here: move it aside
      s.kept = "moved";
    }
  } catch (e) {
    if (e instanceof AttncError) throw e;
    throw cannotWrite(s.final, fsReason(e));
  }
}

function place(s: Slot): void {
  try {
    fs.renameSync(s.fresh, s.final);
    s.placed = true;
  } catch (e) {
    throw cannotWrite(s.final, fsReason(e));
  }
}

/** Undoes `place` and `keepPrevious`, last file first. */
function rollBack(slots: Slot[]): { notes: string[]; keepTemp: boolean } {
  const notes: string[] = [];
  let keepTemp = false;
  for (const s of [...slots].reverse()) {
    try {
      if (s.kept === "moved" || (s.kept === "linked" && s.placed)) fs.renameSync(s.prev, s.final);
      else if (s.placed) {
        const st = fs.lstatSync(s.final, { throwIfNoEntry: false });
        if (st !== undefined && st.dev === s.id?.dev && st.ino === s.id?.ino) fs.unlinkSync(s.final);
      }
    } catch (e) {
      if (s.kept !== "none") {
        keepTemp = true;
        notes.push(`could not put back the previous ${s.final} (${fsReason(e)}); it is kept as ${s.prev}`);
      } else notes.push(`could not remove the new ${s.final}: ${fsReason(e)}`);
    }
  }
  return { notes, keepTemp };
}
