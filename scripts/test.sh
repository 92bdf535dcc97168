#!/usr/bin/env bash
# attnc's test command (`npm test`): on a fresh Debian machine it installs what the tests need
# (npm packages; Mesa's lavapipe Vulkan driver and Chromium for the WebGPU tests, via
# scripts/setup-webgpu.sh), builds dist/, and runs the whole vitest suite. Extra arguments go to
# vitest (e.g. `npm test -- tests/dsl`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -x node_modules/.bin/vitest ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "test: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
bash scripts/setup-webgpu.sh
npm run build --silent
if command -v nvcc >/dev/null 2>&1; then echo "test: nvcc found ($(nvcc --version | tail -1)): CUDA compile tests run"
else echo "test: nvcc not found: CUDA compile tests are skipped (they say so)"; fi
exec npx vitest run "$@"
