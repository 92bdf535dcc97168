/**
 * `attnc compile --target ts --js` (issue #14): beside NAME.ts, NAME.js that Node imports with no
 * build step and computes exactly what the TypeScript module computes (forward and backward), and
 * NAME.d.ts against which a strict user module type-checks (and a wrong call does not).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cli, tmp } from "../cli/helpers.js";
import { loadTsKernel } from "../../backends/ts/load.js";
import { typeCheck } from "../typecheck.js";

describe("the TypeScript target's --js", () => {
  it("writes NAME.js (imported by Node as is: same results) and NAME.d.ts (types a user module)", async () => {
    const out = tmp();
    const r = await cli("compile", "examples/alibi.attn", "--js", "--backward", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/alibi\.ts[\s\S]*alibi\.js[\s\S]*alibi\.d\.ts[\s\S]*alibi\.manifest\.json/);
    const manifest = JSON.parse(readFileSync(join(out, "alibi.manifest.json"), "utf8"));
    expect(manifest.files).toEqual(["alibi.ts", "alibi.js", "alibi.d.ts"]);
    const js = await import(pathToFileURL(join(out, "alibi.js")).href);
    const ts = await loadTsKernel(readFileSync(join(out, "alibi.ts"), "utf8"));
    const sizes = { B: 1, H: 4, H_KV: 2, Q_LEN: 9, KV_LEN: 11, D: 4, DV: 3 };
    const f = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(k * i + 1));
    const args = [f(144, 1), f(88, 2), f(66, 3), { slopes: f(4, 4) }, sizes] as const;
    expect(js.forward(...args)).toEqual(ts.forward(...args));
    const dO = f(108, 5);
    expect(js.backward(args[0], args[1], args[2], dO, args[3], sizes)).toEqual(ts.backward!(args[0], args[1], args[2], dO, args[3], sizes));
    const dts = readFileSync(join(out, "alibi.d.ts"), "utf8");
    const user = (call: string) => ({
      "alibi.d.ts": dts,
      "user.ts": `import { forward, backward, type Sizes } from "./alibi.js";
const sizes: Sizes = { B: 1, H: 1, H_KV: 1, Q_LEN: 2, KV_LEN: 2, D: 1, DV: 1 };
const x = new Float32Array(2);
${call}
`,
    });
    expect(typeCheck(user("const { o, lse } = forward(x, x, x, { slopes: new Float32Array(1) }, sizes);\nconst g: Float32Array = backward(x, x, x, x, { slopes: new Float32Array(1) }, sizes).dTensors.slopes;\nvoid o; void lse; void g;"))).toEqual([]);
    expect(typeCheck(user("forward(x, x, x, {}, sizes);")).join("\n")).toMatch(/user\.ts\(\d+,\d+\): (TS2345|TS2741)/);
  });

  it("--js is for the TypeScript target only (usage error, exit 2)", async () => {
    const r = await cli("compile", "examples/alibi.attn", "--js", "--target", "cuda", "--out", tmp());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--js goes with --target ts/);
  });
});
