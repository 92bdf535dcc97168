import { describe, expect, it } from "vitest";
import { beforeAfter } from "./util.js";

describe("fuse-mask-score", () => {
  it("moves -inf conditions of the score into the mask, in order", () => {
    const r = beforeAfter("fuse-mask-score", `mask kv <= q\n score q - kv < 8 ? (kv % 2 == 0 ? -inf : s * 2.0) : -inf`);
    expect(r.after).toBe(
      "mask = and(and(le(kv, q), lt(sub(q, kv), 8)), not(eq(imod(kv, 2), 0))) : bool\nscore = mul(s, 2.0f) : float",
    );
  });

  it("keeps conditions that read the score", () => {
    const r = beforeAfter("fuse-mask-score", `score s > 0.0 ? s : -inf`);
    expect(r.after).toBe(r.before);
  });
});
