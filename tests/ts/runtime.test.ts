/** The TS backend's runtime helpers implement exactly the IR's int semantics (compiler/ir/semantics.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RUNTIME_HELPERS } from "../../backends/ts/runtime.js";
import { loadTsKernel } from "../../backends/ts/load.js";
import * as sem from "../../compiler/ir/semantics.js";

describe("TS runtime helpers", () => {
  it("idiv, imod, ftoi agree with the IR semantics", async () => {
    const mod = (await loadTsKernel(`${RUNTIME_HELPERS}\nexport { idiv, imod, ftoi, sigmoid };`)) as unknown as {
      idiv(a: number, b: number): number;
      imod(a: number, b: number): number;
      ftoi(x: number): number;
      sigmoid(x: number): number;
    };
    const int = fc.oneof(fc.integer(), fc.integer({ min: -20, max: 20 }), fc.constantFrom(-2147483648, 2147483647, 0, -1));
    fc.assert(
      fc.property(int, int, (a, b) => {
        expect(mod.idiv(a, b)).toBe(sem.idiv(a, b));
        expect(mod.imod(a, b)).toBe(sem.imod(a, b));
        if (b !== 0) expect(sem.wrap(sem.idiv(a, b) * b + sem.imod(a, b))).toBe(a);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(mod.ftoi(x)).toBe(sem.ftoi(x));
      }),
      { numRuns: 2000 },
    );
    expect(sem.idiv(-3, 2)).toBe(-2);
    expect(sem.imod(-3, 2)).toBe(1);
    expect(sem.idiv(5, 0)).toBe(0);
    expect(sem.imod(5, 0)).toBe(5);
    expect(sem.ftoi(Number.NaN)).toBe(0);
    expect(sem.ftoi(-2.7)).toBe(-2);
    expect(sem.ftoi(1e20)).toBe(2147483647);
  });
});
