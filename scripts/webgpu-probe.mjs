// Prints the WebGPU adapter Dawn (the `webgpu` npm package) finds, and exits 0; exits 1 when none.
// Used by scripts/setup-webgpu.sh. Exits through process.exit because dawn.node keeps Node alive.
import { create, globals } from "webgpu";
Object.assign(globalThis, globals);
try {
  // keep the instance referenced (dawn.node crashes if it is collected under a live adapter)
  const gpu = (globalThis.attncDawnInstance = create([]));
  const adapter = await gpu.requestAdapter();
  if (!adapter) { console.log("no adapter"); process.exit(1); }
  const i = adapter.info;
  console.log(`${i.vendor || "?"} ${i.architecture || ""} ${i.description || i.device || ""} [${[...adapter.features].join(",")}]`.replace(/\s+/g, " "));
  process.exit(0);
} catch (e) {
  console.log(`error: ${e?.message ?? e}`);
  process.exit(1);
}
