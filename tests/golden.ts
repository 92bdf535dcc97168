/**
 * Golden files: `expectGolden(path, text)` compares text with the file at `path` (relative to
 * tests/goldens/), and rewrites the file instead when UPDATE_GOLDENS=1 — then review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "goldens");

export function expectGolden(rel: string, text: string): void {
  const file = join(GOLDEN_DIR, rel);
  if (process.env.UPDATE_GOLDENS === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`missing golden ${file}: run with UPDATE_GOLDENS=1 and review it`);
  expect(text, `golden ${rel} differs (UPDATE_GOLDENS=1 to accept)`).toBe(readFileSync(file, "utf8"));
}
