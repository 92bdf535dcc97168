/**
 * File-system errors in words, for diagnostics: `permission denied (EACCES)`. Node's own messages
 * repeat the path and the system call; a diagnostic names the path once, in its own words.
 */
import type { Stats } from "node:fs";

const REASONS = new Map<string, string>([
  ["EACCES", "permission denied"],
  ["EPERM", "operation not permitted"],
  ["ENOENT", "no such file or folder"],
  ["ENOTDIR", "a part of the path is not a folder"],
  ["EISDIR", "it is a folder"],
  ["EEXIST", "it already exists"],
  ["ENOTEMPTY", "it is a folder that is not empty"],
  ["ENAMETOOLONG", "file name too long"],
  ["ENOSPC", "no space left on device"],
  ["EDQUOT", "disk quota exceeded"],
  ["EFBIG", "file too large"],
  ["EROFS", "read-only file system"],
  ["ELOOP", "too many levels of symbolic links"],
  ["EMFILE", "too many open files"],
  ["ENFILE", "too many open files in the system"],
  ["EIO", "input/output error"],
  ["EBUSY", "resource busy"],
  ["ETXTBSY", "text file busy"],
  ["EXDEV", "not on the same file system"],
  ["EINVAL", "invalid argument"],
  ["ENXIO", "no such device"],
  ["ENODEV", "no such device"],
  ["EAGAIN", "resource temporarily unavailable"],
  ["EMLINK", "too many links"],
]);

/** The errno code of a Node file-system error (`EACCES`), or undefined for anything else. */
export function errnoCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** `permission denied (EACCES)`; the error's message when it has no errno code. */
export function fsReason(e: unknown): string {
  const code = errnoCode(e);
  if (code === undefined) return e instanceof Error ? e.message : String(e);
  const words = REASONS.get(code);
  return words === undefined ? code : `${words} (${code})`;
}

/** What a path is, for messages: `a regular file`, `a FIFO`, `a character device`… */
export function fileKind(st: Stats): string {
  if (st.isFile()) return "a regular file";
  if (st.isDirectory()) return "a folder";
  if (st.isSymbolicLink()) return "a symbolic link";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}
