import { it } from "vitest";
import { parse, check } from "../../dsl/index.js";
it("scratch", () => {
  const kinds: [string, (n: number) => string][] = [["sum", n => Array(n).fill("1").join(" + ")], ["parens", n => "(".repeat(n) + "1" + ")".repeat(n)], ["unary", n => "-".repeat(n) + "1"], ["tern", n => Array(n).fill("q > 1 ? 1 :").join(" ") + " 2"], ["calls", n => "abs(".repeat(n) + "1" + ")".repeat(n)]];
  for (const [name, f] of kinds) {
    let lo = 1, hi = 20000;
    while (lo < hi) { const mid = Math.ceil((lo + hi) / 2); const r = parse(`attention t { score ${f(mid)} }`, "t"); const d = r.module ? check(r.module) : r.diagnostics; if (d.some(x => x.code === "E0901")) hi = mid - 1; else lo = mid; }
    console.log("MAX", name, lo);
  }
});
