/**
 * A real browser: headless Chromium (Debian's `chromium`, driven by playwright-core, WebGPU on its
 * SwiftShader adapter) loads a page served on localhost by this test, imports the emitted host
 * modules of two examples (one reading an f32 tensor, one an i32 tensor), runs them on a device
 * with WebGPU's default limits and returns o and lse, which must match the float64 oracle
 * (max relative error <= 1e-4). A third run gives the first example float16 q, k, v made by the
 * module's `float16Bits`; the page's device has no `shader-f16`, so the kernel takes the fallback
 * that unpacks u32 pairs, and must match the oracle on the rounded inputs. Needs /usr/bin/chromium: scripts/setup-webgpu.sh installs it.
 */
import { dimValue } from "../../compiler/ir/dims.js";
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { createServer, type Server } from "node:http";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { compileWgsl } from "../../backends/wgsl/index.js";
import { genData } from "../arbitraries/data.js";
import { check, irOf, planOf, readExample, roundedToF16, TOL } from "./helpers.js";
import type { Sizes } from "../../compiler/ir/program.js";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox", "--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-webgpu-adapter=swiftshader",
  "--use-angle=swiftshader", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

const CASES = [
  { file: "alibi.attn", params: {}, dtype: "f32" },
  { file: "document-causal.attn", params: {}, dtype: "f32" },
  { file: "alibi.attn", params: {}, dtype: "f16" },
];
const sizes: Sizes = { B: 2, H: 4, H_KV: 2, Q_LEN: 75, KV_LEN: 75, D: 16, DV: 16 };

/** The page's side, served as /runner.js (plain JS: vitest must not transform it). */
const RUNNER_JS = `
export async function run(p) {
  const mod = await import(p.url);
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error("no WebGPU adapter in the page");
  const device = await adapter.requestDevice(); // WebGPU's default limits
  const up = (a) => {
    const b = device.createBuffer({ size: Math.max(4, a.byteLength), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(b, 0, a);
    return b;
  };
  const s = p.sizes;
  const out = (n) => device.createBuffer({ size: n * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const qkv = (a) => (p.dtype === "f16" ? mod.float16Bits(a) : new Float32Array(a));
  const bufs = { q: up(qkv(p.q)), k: up(qkv(p.k)), v: up(qkv(p.v)), inputs: {} };
  for (const [name, t] of Object.entries(p.tensors)) bufs.inputs[name] = up(t.i32 ? new Int32Array(t.data) : new Float32Array(t.data));
  bufs.o = out(s.B * s.H * s.Q_LEN * s.DV);
  bufs.lse = out(s.B * s.H * s.Q_LEN);
  const kernel = await mod.createKernel(device, { headDim: s.D, valueDim: s.DV, dtype: p.dtype });
  device.pushErrorScope("validation");
  kernel.forward(bufs, s);
  const err = await device.popErrorScope();
  if (err) throw new Error("validation: " + err.message);
  const read = async (b) => {
    const rb = device.createBuffer({ size: b.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const e = device.createCommandEncoder();
    e.copyBufferToBuffer(b, 0, rb, 0, b.size);
    device.queue.submit([e.finish()]);
    await rb.mapAsync(GPUMapMode.READ);
    return Array.from(new Float32Array(rb.getMappedRange().slice(0)));
  };
  const info = adapter.info || {};
  return { o: await read(bufs.o), lse: await read(bufs.lse), tile: kernel.tile, qkv: kernel.qkv, adapter: info.vendor + " " + info.architecture + " " + info.description };
}
`;

const files = new Map<string, string>();
let server: Server;
let browser: Browser;
let origin = "";

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run scripts/setup-webgpu.sh (installs Debian's chromium)`);
  for (const c of CASES) {
    const plan = planOf(irOf(readExample(c.file), c.file, c.params));
    for (const f of compileWgsl(plan).files) files.set(`/${f.path}`, f.contents);
  }
  files.set("/", "<!doctype html><title>attnc wgsl</title><p>attnc</p>");
  files.set("/runner.js", RUNNER_JS);
  server = createServer((req, res) => {
    const body = files.get(req.url ?? "");
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": req.url!.endsWith(".js") ? "text/javascript" : "text/html" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe("wgsl in headless Chromium", () => {
  it("runs compiled examples through the emitted host module and matches the oracle", async () => {
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on("console", (m) => logs.push(m.text()));
    await page.goto(`${origin}/`);
    for (const [i, c] of CASES.entries()) {
      const ir = irOf(readExample(c.file), c.file, c.params);
      const data = genData(11 + i, sizes, [], 1);
      const tensors: Record<string, { i32: boolean; data: number[] }> = {};
      for (const t of ir.inputs) {
        const n = t.dims.reduce((p, d) => p * dimValue(d, sizes), 1);
        tensors[t.name] = t.dtype === "i32"
          ? { i32: true, data: Array.from({ length: n }, (_, j) => Math.floor((j % sizes.Q_LEN) / 20)) } // sorted doc ids
          : { i32: false, data: Array.from({ length: n }, (_, j) => 0.05 * (j + 1)) };
      }
      const payload = { url: `/${ir.name}.js`, dtype: c.dtype, sizes, q: Array.from(data.q), k: Array.from(data.k), v: Array.from(data.v), tensors };
      const r = (await page.evaluate(`import("/runner.js").then((m) => m.run(${JSON.stringify(payload)}))`)) as {
        o: number[]; lse: number[]; tile: unknown; qkv: string; adapter: string;
      };
      expect(r.qkv).toBe(c.dtype === "f16" ? "f16-packed" : "f32");
      const rounded = c.dtype === "f16" ? { q: roundedToF16(data.q), k: roundedToF16(data.k), v: roundedToF16(data.v) } : {};
      const hostData = { ...data, tensors: Object.fromEntries(Object.entries(tensors).map(([n, t]) => [n, t.i32 ? Int32Array.from(t.data) : Float32Array.from(t.data)])) };
      const e = check(ir, { ...hostData, ...rounded, sizes }, Float32Array.from(r.o), Float32Array.from(r.lse));
      const where = `${c.file} (${c.dtype}) in Chromium (${r.adapter}, tile ${JSON.stringify(r.tile)}): ${e.worst}\n${logs.join("\n")}`;
      expect(e.maxRelO, where).toBeLessThanOrEqual(TOL);
      expect(e.maxRelLse, where).toBeLessThanOrEqual(TOL);
    }
    await page.close();
  }, 180_000);
});
