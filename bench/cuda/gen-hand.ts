/** Writes the hand-printed variants' kernels to bench/cuda/kernels/ (dev aid; see hand-holes.ts). */
import { mkdirSync, writeFileSync } from "node:fs";
import { tileConfigs } from "../../backends/cuda/config.js";
import { renderKernelFile } from "../../backends/cuda/kernel-file.js";
import { HAND } from "./hand-holes.js";

const dir = process.argv[2] ?? "bench/cuda/kernels";
mkdirSync(dir, { recursive: true });
for (const { plan, em } of HAND) writeFileSync(`${dir}/${plan.name}.cu`, renderKernelFile(plan, em, tileConfigs(null)));
console.log("wrote", HAND.length, "kernels to", dir);
