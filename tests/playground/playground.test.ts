/**
 * The playground (issue #14) in a real browser: `scripts/build-playground.mjs` builds the page into
 * a temporary folder, this test serves it on localhost, and headless Chromium (Debian's
 * `chromium`, driven by playwright-core, WebGPU on its SwiftShader adapter) opens it. Typing a valid
 * program must give no diagnostics and draw the mask; an invalid one must show its diagnostic
 * (code, line:col, caret); "Run on WebGPU" must report a max relative error <= 1e-4 against the
 * float64 oracle; a screenshot of the mask canvas must decode (pngjs) and hold both dark (visible)
 * and light (hidden, empty) pixels. Needs /usr/bin/chromium: scripts/setup-webgpu.sh installs it.
 */
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { PNG } from "pngjs";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox", "--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-webgpu-adapter=swiftshader",
  "--use-angle=swiftshader", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];
const TYPES: Record<string, string> = { "/index.html": "text/html", "/style.css": "text/css", "/playground.js": "text/javascript" };

/** sorted document ids (an i32 input with a run-time fact) and per-head slopes (an f32 input) */
const VALID = `attention doc_alibi {
  input doc: i32[B, Q_LEN]
  input slopes: f32[H]
  mask doc[b, q] == doc[b, kv] && kv <= q
  score s - slopes[h] * float(q - kv) / 64.0
}
`;
const INVALID = `attention bad {
  mask q >= kvv
}
`;

const missing = !existsSync(CHROMIUM);
if (missing) console.warn(`tests/playground skipped: ${CHROMIUM} not found (scripts/setup-webgpu.sh installs Debian's chromium)`);

let dir = "";
let server: Server;
let browser: Browser;
let origin = "";

beforeAll(async () => {
  if (missing) return;
  dir = mkdtempSync(join(tmpdir(), "attnc-playground-"));
  execFileSync(process.execPath, ["scripts/build-playground.mjs", dir], { cwd: fileURLToPath(new URL("../..", import.meta.url)), stdio: "pipe" });
  server = createServer((req, res) => {
    const url = req.url === "/" ? "/index.html" : (req.url ?? "");
    const type = TYPES[url];
    if (!type) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": type }).end(readFileSync(join(dir, url)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((r) => server.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Dark (visible entries) and light (hidden entries, empty tiles) pixels of a PNG, its 1-pixel border left out. */
function shades(png: Buffer): { width: number; height: number; dark: number; light: number } {
  const img = PNG.sync.read(png);
  let dark = 0, light = 0;
  for (let y = 1; y < img.height - 1; y++)
    for (let x = 1; x < img.width - 1; x++) {
      const i = (y * img.width + x) * 4;
      const lum = 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
      if (lum < 110) dark++;
      else if (lum > 200) light++;
    }
  return { width: img.width, height: img.height, dark, light };
}

const text = (page: Page, sel: string) => page.locator(sel).innerText();

describe.skipIf(missing)("playground in headless Chromium", () => {
  it("builds a static page with one bundle and no Node-only code", () => {
    expect(statSync(join(dir, "index.html")).size).toBeGreaterThan(0);
    const js = readFileSync(join(dir, "playground.js"), "utf8");
    expect(js.length).toBeLessThan(1_000_000);
    for (const name of ["ts-morph", "prettier", "node:fs", "pngjs"]) expect(js, name).not.toContain(`"${name}"`);
  });

  it("checks as you type, draws the mask, runs the kernel on WebGPU against the oracle", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    await page.goto(`${origin}/`);
    const where = () => `page errors: ${errors.join("\n") || "none"}`;

    // a valid program: no diagnostics, the mask of its block drawn
    await page.locator("#source").fill(VALID);
    await page.waitForFunction(() => document.querySelector("#check-status")!.textContent!.includes("doc_alibi"), null, { timeout: 60_000 });
    expect(await text(page, "#check-status")).toBe("playground.attn: ok (1 attention block: doc_alibi)");
    expect(await page.locator(".diag").count()).toBe(0);
    await page.waitForFunction(() => document.querySelector("#mask-title")!.textContent!.startsWith("doc_alibi"), null, { timeout: 60_000 });
    expect(await page.locator("#mask-canvas").getAttribute("data-state"), await text(page, "#mask-title")).toBe("drawn");
    expect(await text(page, "#mask-stats")).toMatch(/^tiles: \d+ empty, \d+ full, \d+ partial/);
    const shot = shades(await page.locator("#mask-canvas").screenshot());
    expect(shot.width).toBe(512 + 2); // (the canvas's border)
    expect(shot.dark, "visible entries").toBeGreaterThan(1000);
    expect(shot.light, "hidden entries and empty tiles").toBeGreaterThan(10_000);

    // an invalid one: its diagnostic as `attnc check` prints it
    await page.locator("#source").fill(INVALID);
    await page.waitForSelector('.diag[data-code="E0201"]', { timeout: 60_000 });
    const diag = await text(page, '.diag[data-code="E0201"]');
    expect(diag).toContain("playground.attn:2:13: error[E0201]: unknown name `kvv`");
    expect(diag).toContain("2 |   mask q >= kvv\n  |             ^^^");
    expect(await page.locator("#check-status").getAttribute("data-state")).toBe("error");
    expect(await page.locator("#mask-canvas").getAttribute("data-state")).toBe("stale");

    // back to the valid one, and run it
    await page.locator("#source").fill(VALID);
    await page.waitForFunction(() => document.querySelector("#check-status")!.getAttribute("data-state") === "ok", null, { timeout: 60_000 });
    await page.click("#run-button");
    await page.waitForFunction(() => {
      const r = document.querySelector("#run-result")!;
      return r.hasAttribute("data-max-rel") || r.className === "fail";
    }, null, { timeout: 120_000 });
    const result = await text(page, "#run-result");
    const maxRel = await page.locator("#run-result").getAttribute("data-max-rel");
    expect(maxRel, `${result}\n${where()}`).not.toBeNull();
    expect(Number(maxRel), result).toBeLessThanOrEqual(1e-4);
    expect(result).toMatch(/^max relative error .* within 0\.0001\ndoc_alibi on .*\ntime: .*createKernel [\d.]+ ms.*forward [\d.]+ ms/);
    expect(await page.locator("#wgsl").textContent()).toContain("@compute"); // (inside a closed <details>)
    const full = PNG.sync.read(await page.screenshot({ fullPage: true }));
    expect(full.width).toBeGreaterThanOrEqual(1000);
    expect(errors, where()).toEqual([]);
    await page.close();
  }, 180_000);

  it("says clearly when the browser has no WebGPU, and still checks and draws", async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => void delete (Navigator.prototype as { gpu?: unknown }).gpu);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.querySelector("#gpu-status")!.className.includes("error"), null, { timeout: 60_000 });
    expect(await text(page, "#gpu-status")).toMatch(/^WebGPU is not available in this browser \(navigator\.gpu is missing\)\. The diagnostics and the mask picture work without it/);
    expect(await page.locator("#run-button").isDisabled()).toBe(true);
    expect(await page.locator("#check-status").getAttribute("data-state")).toBe("ok");
    expect(await page.locator("#mask-canvas").getAttribute("data-state")).toBe("drawn");
    await page.close();
  }, 120_000);
});
