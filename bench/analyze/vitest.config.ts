/** Runs the analysis bench (not part of `npm test`): npx vitest run --config bench/analyze/vitest.config.ts */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["bench/analyze/*.bench.ts"], testTimeout: 1_800_000, pool: "forks" },
});
