import { describe, expect, it } from "vitest";
import { beforeAfter } from "./util.js";

describe("fold-constants", () => {
  it("folds literal arithmetic, params and conversions", () => {
    const r = beforeAfter("fold-constants", `param w: int = 16\n mask q - kv < w * 2 + 1\n score s * (3.0 / 2.0) - float(7 / 2)`);
    expect(r.before).toBe(
      "mask = lt(sub(q, kv), add(mul(16, 2), 1)) : bool\nscore = sub(mul(s, div(3.0f, 2.0f)), itof(idiv(7, 2))) : float",
    );
    expect(r.after).toBe("mask = lt(sub(q, kv), 33) : bool\nscore = sub(mul(s, 1.5f), 3.0f) : float");
  });

  it("folds with the language's int rules: floor division, modulo, division by zero", () => {
    const r = beforeAfter("fold-constants", `mask kv == -7 / 2 + -7 % 2 + 5 / 0 + 5 % 0`);
    // -7/2 = -4, -7%2 = 1, 5/0 = 0, 5%0 = 5  -> 2
    expect(r.after).toBe("mask = eq(kv, 2) : bool\nscore = s : float");
  });

  it("leaves variables and tensor reads alone", () => {
    const r = beforeAfter("fold-constants", `input t: f32[H]\n score s + t[h] * (1.0 + 1.0)`);
    expect(r.after).toBe("mask = true : bool\nscore = add(s, mul(t[h], 2.0f)) : float");
  });
});
