/**
 * compiler/ir/infix.ts: an IR expression printed in the language's notation parses back to the same
 * IR node (hash-consed, so identity), and long operands are cut.
 */
import { describe, expect, test } from "vitest";
import { infix } from "../../compiler/ir/infix.js";
import { lowerSource } from "../../compiler/pipeline.js";

const HEAD = "input tab: i32[H, 64]\ninput w: f32[KV_LEN]\n";
const maskOf = (m: string) => lowerSource(`attention a {\n${HEAD}  mask ${m}\n}\n`, "infix.attn")[0]!.mask;

describe("infix", () => {
  const masks = [
    "(q - kv) * 3000000 >= 0",
    "kv + 2147483600 > 2147483600 - q",
    "q / 7 % 3 == -kv % 5 || !(kv <= q) && q != 4",
    "abs(q - kv) <= max(tab[h, q % 64], 3) ? kv % 2 == 0 : min(q, kv) > KV_LEN - 9",
    "float(q) * 0.5 - w[kv] < 1.25 && exp(-w[kv]) >= sigmoid(2.0)",
    "-(q - kv) >= -3 && int(sqrt(float(q))) == kv / 4",
  ];
  for (const m of masks)
    test(m, () => {
      const node = maskOf(m);
      const text = infix(node, Infinity);
      expect(maskOf(text), text).toBe(node);
    });

  test("cuts long operands", () => {
    const long = Array.from({ length: 60 }, (_, i) => `(q + ${i}) % ${i + 2} != 0`).join(" && ");
    const text = infix(maskOf(long), 80);
    expect(text.length).toBeLessThan(200);
    expect(text).toContain("…");
  });
});
