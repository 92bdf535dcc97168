/** `attnc analyze` and `attnc viz` through the CLI entry point (in process). */
import { describe, test, expect } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main.js";
import { encodeNpy } from "../../cli/npy.js";

async function attnc(...argv: string[]) {
  let out = "", err = "";
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "attnc-cli-"));

describe("attnc analyze", () => {
  test("prints counts, density and work share", async () => {
    const r = await attnc("analyze", "examples/sliding-window.attn", "--q-len", "1024", "--kv-len", "1024", "--tile", "128x64", "--param", "window=256");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/tiles +\d+ empty .* full .* partial/);
    expect(r.out).toMatch(/density +0\.\d+/);
    expect(r.out).toContain("exact for this mask (proved)");
  });

  test("--json has the documented shape and exact counts", async () => {
    const r = await attnc("analyze", "examples/causal.attn", "--q-len", "256", "--kv-len", "256", "--tile", "64x64", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // 4 x 4 tiles: 6 above the diagonal empty, 4 diagonal partial, 6 below full
    expect(j.tiles).toEqual({ empty: 6, full: 6, partial: 4 });
    expect(j.density).toBe((256 * 257) / 2 / (256 * 256));
    expect(j.work_share).toBe(10 / 16);
  });

  test("reports per head where heads differ", async () => {
    const r = await attnc("analyze", "examples/s2-attention.attn", "--q-len", "512", "--kv-len", "512", "--heads", "4", "--param", "num_shards=4", "--param", "local_window=64");
    expect(r.code).toBe(0);
    expect(r.out).toContain("head 0:");
    expect(r.out).toContain("head 3:");
  });

  test("reads tensors with --inputs, and needs them", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "doc.npy"), encodeNpy(Int32Array.from({ length: 100 }, (_, i) => (i < 40 ? 0 : 1)), [1, 100]));
    const r = await attnc("analyze", "examples/document-causal.attn", "--q-len", "100", "--kv-len", "100", "--tile", "10x10", "--inputs", dir, "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.density).toBe((40 * 41) / 2 / 10000 + (60 * 61) / 2 / 10000);
    expect(j.facts).toEqual({ sorted_doc_1: true });
    expect(j.misclassified).toBe(0);
    const miss = await attnc("analyze", "examples/document-causal.attn", "--q-len", "100", "--kv-len", "100");
    expect(miss.code).toBe(1);
    expect(miss.err).toContain("E0403");
    const bad = await attnc("analyze", "examples/document-causal.attn", "--q-len", "50", "--kv-len", "50", "--inputs", dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("E0404");
  });

  test("usage errors exit 2", async () => {
    expect((await attnc("analyze", "examples/causal.attn")).code).toBe(2);
    expect((await attnc("analyze", "examples/causal.attn", "--q-len", "8", "--kv-len", "8", "--tile", "8by8")).code).toBe(2);
  });
});

describe("attnc analyze: where the classifier is coarse on purpose", () => {
  const src = (body: string) => {
    const dir = tmp();
    const f = path.join(dir, "a.attn");
    fs.writeFileSync(f, `attention a {\n${body}\n}\n`);
    return f;
  };

  test("names the sub-expressions that may wrap in 32 bits (issue #11 item 1), text and JSON", async () => {
    const f = src("  mask (q - kv) * 3000000 >= 0");
    const r = await attnc("analyze", f, "--q-len", "760", "--kv-len", "760", "--tile", "64x64");
    expect(r.code).toBe(0);
    expect(r.out).toContain("note: `(q - kv) * 3000000` may wrap in 32-bit arithmetic");
    expect(r.out).not.toContain("exact for this mask (proved)");
    // sound: every tile partial here, and none of them is "really empty or full" missed as such
    const j = JSON.parse((await attnc("analyze", f, "--q-len", "760", "--kv-len", "760", "--tile", "64x64", "--json")).out);
    expect(j.wraps).toEqual(["(q - kv) * 3000000"]);
    expect(j.fallback).toBeNull();
    expect(j.classifier_exact).toBe(false);
    expect(j.tiles.empty + j.tiles.full).toBe(0);
  });

  test("a mask that cannot wrap has no such note", async () => {
    const r = await attnc("analyze", "examples/causal.attn", "--q-len", "256", "--kv-len", "256", "--json");
    const j = JSON.parse(r.out);
    expect(j.wraps).toEqual([]);
    expect(j.fallback).toBeNull();
  });

  test("reports a classifier that ran out of budget (issue #11 item 4)", async () => {
    const f = src(
      [
        "  let group = q % 4",
        "  let group_len = (KV_LEN - group + 3) / 4",
        "  let start = clamp(q / -7 / 2, 0, group_len - 7)",
        "  mask kv % 4 == group",
        "  mask kv / 4 >= start && kv / 4 < start + 7",
      ].join("\n"),
    );
    const r = await attnc("analyze", f, "--q-len", "300", "--kv-len", "300", "--tile", "16x16");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/note: classifier fallback: with at most 256 conjunctions the analysis needs more than its budget of \d+ steps/);
    const j = JSON.parse((await attnc("analyze", f, "--q-len", "300", "--kv-len", "300", "--tile", "16x16", "--json")).out);
    expect(j.fallback).toMatch(/budget/);
    expect(j.misclassified).toBeGreaterThanOrEqual(0);
  });
});

describe("attnc viz", () => {
  test("writes a PNG and an SVG", async () => {
    const dir = tmp();
    const png = path.join(dir, "m.png"), svg = path.join(dir, "m.svg");
    const args = ["examples/streaming-llm-sinks.attn", "--q-len", "300", "--kv-len", "200", "--tile", "32x16", "--param", "sinks=8", "--param", "window=50"];
    expect((await attnc("viz", ...args, "-o", png)).code).toBe(0);
    expect((await attnc("viz", ...args, "-o", svg)).code).toBe(0);
    expect([...fs.readFileSync(png).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const text = fs.readFileSync(svg, "utf8");
    expect(text).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain("data:image/png;base64,");
    expect(text).toContain("EMPTY tile");
    expect(text.trim().endsWith("</svg>")).toBe(true);
  });

  test("downsamples long sequences and says so", async () => {
    const dir = tmp();
    const svg = path.join(dir, "big.svg");
    const r = await attnc("viz", "examples/sliding-window.attn", "--q-len", "4096", "--kv-len", "4096", "-o", svg);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(svg, "utf8")).toContain("1 px = 4x4 entries");
  });

  test("bad output name or head is a usage error", async () => {
    expect((await attnc("viz", "examples/causal.attn", "--q-len", "8", "--kv-len", "8", "-o", "x.jpg")).code).toBe(2);
    expect((await attnc("viz", "examples/causal.attn", "--q-len", "8", "--kv-len", "8", "--head", "3", "-o", "/tmp/x.svg")).code).toBe(2);
  });
});
