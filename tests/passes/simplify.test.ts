import { describe, expect, it } from "vitest";
import { beforeAfter } from "./util.js";

describe("simplify", () => {
  it("removes identities and literal conditions", () => {
    const r = beforeAfter("simplify", `mask (kv + 0 <= q * 1) && true\n score true ? s : 0.0`);
    expect(r.before).toBe("mask = and(le(add(kv, 0), mul(q, 1)), true) : bool\nscore = select(true, s, 0.0f) : float");
    expect(r.after).toBe("mask = le(kv, q) : bool\nscore = s : float");
  });

  it("flips negated int comparisons but not float ones (NaN)", () => {
    const r = beforeAfter("simplify", `mask !(kv > q)\n score !(s < 1.0) ? s : 0.0`);
    expect(r.after).toBe("mask = le(kv, q) : bool\nscore = select(lt(s, 1.0f), 0.0f, s) : float");
  });

  it("keeps float x * 0 (inf * 0 is NaN) but folds int x * 0", () => {
    const r = beforeAfter("simplify", `mask kv * 0 == 0 || q < 3\n score s * 0.0`);
    expect(r.after).toBe("mask = true : bool\nscore = mul(s, 0.0f) : float");
  });
});

describe("simplify: signed zeros", () => {
  it("keeps float x + 0.0 (-0.0 + 0.0 is +0.0, and 1.0 / x tells them apart) but drops x - 0.0", () => {
    const r = beforeAfter("simplify", `score 1.0 / (s + 0.0) + 1.0 / (s - 0.0) + 1.0 / (0.0 + s)`);
    expect(r.after).toBe("mask = true : bool\n%0 = div(1.0f, add(s, 0.0f)) : float\nscore = add(add(%0, div(1.0f, s)), %0) : float");
  });
});
