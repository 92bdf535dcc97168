import { test } from "vitest";
import * as b from "../../compiler/ir/builder.js";
import { printRoots } from "../../compiler/ir/printer.js";
import { classifyMask } from "../../compiler/analysis/classify.js";
const q = b.v("q"), kv = b.v("kv");
const show = (name: string, m: any, inputs: any[] = []) => {
  const c = classifyMask(m, inputs);
  const roots: [string, any][] = [["any", c.classify.anyVisible], ["all", c.classify.allVisible]];
  if (c.kvRange) roots.push(["lo", c.kvRange.lo], ["hi", c.kvRange.hi]);
  console.log(`== ${name} exact=${JSON.stringify(c.exact)} facts=${JSON.stringify(c.facts)}\n` + printRoots(roots));
};
test("smoke", () => {
  show("causal", b.ge(q, kv));
  show("window", b.and(b.ge(q, kv), b.lt(b.sub(q, kv), b.cInt(1024))));
  show("sinks", b.and(b.ge(q, kv), b.or(b.lt(kv, b.cInt(4)), b.lt(b.sub(q, kv), b.cInt(1024)))));
  show("chunk", b.and(b.eq(b.divide(q, b.cInt(64)), b.divide(kv, b.cInt(64))), b.le(kv, q)));
  const start = b.clamp(b.sub(q, b.cInt(3)), b.cInt(0), b.sub(b.v("KV_LEN"), b.cInt(7)));
  show("natten", b.and(b.le(start, kv), b.lt(kv, b.add(start, b.cInt(7)))));
  show("doc", b.eq(b.load("doc", "int", [b.v("b"), q]), b.load("doc", "int", [b.v("b"), kv])), [{ name: "doc", dtype: "i32", dims: [{ kind: "size", name: "B" }, { kind: "size", name: "Q_LEN" }] }]);
});
