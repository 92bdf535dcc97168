#!/usr/bin/env bash
# attnc_torch's tests on a GPU machine (PyTorch with CUDA, nvcc, node): installs the package from
# python/ with pip (no index, no network) into a private folder put on PYTHONPATH (no venv, no user
# site), then runs pytest on python/tests (the GPU tests and the CPU ones). Needs dist/ (npm run build)
# in this checkout; sources .gpu-kit/device-setup.sh first when it is there (node comes from it).
#
#   bash python/tests/run_gpu.sh                         # everything
#   bash python/tests/run_gpu.sh python/tests/test_gpu.py -k backward   # pytest arguments
#
# Writes env.txt (GPU, torch, nvcc, node, commit), pip.txt, pytest.txt and junit.xml into $OUT (or
# python/tests/out). Exit status: pytest's (2 when something it needs is missing).
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
out="${OUT:-$repo/python/tests/out}"
mkdir -p "$out"
if [ -f .gpu-kit/device-setup.sh ]; then . .gpu-kit/device-setup.sh >/dev/null 2>&1; fi

{
  echo "commit: $(git log -1 --format='%h %s' 2>/dev/null | cut -c1-100)"
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>&1
  python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.is_available() and torch.cuda.get_device_name(0), torch.cuda.is_available() and torch.cuda.get_device_capability(0))' 2>&1
  echo "nvcc: $(nvcc --version 2>&1 | tail -1)"
  echo "node: $(node --version 2>&1)"
} > "$out/env.txt"
cat "$out/env.txt"

missing=""
[ -f dist/cli/main.js ] || missing="$missing dist/cli/main.js (run npm run build in the checkout; carry dist)"
command -v node >/dev/null || missing="$missing node"
command -v nvcc >/dev/null || missing="$missing nvcc"
python3 -c 'import torch, pytest' 2>/dev/null || missing="$missing python3-with-torch-and-pytest"
if [ -n "$missing" ]; then
  echo "run_gpu.sh: missing:$missing" | tee -a "$out/env.txt"
  exit 2
fi

site="${TMPDIR:-/tmp}/attnc_torch_site"
rm -rf "$site"
if ! python3 -m pip install --no-index --no-deps --no-cache-dir --disable-pip-version-check --target "$site" ./python \
    > "$out/pip.txt" 2>&1; then
  echo "run_gpu.sh: pip install ./python failed:"; cat "$out/pip.txt"
  exit 2
fi
export PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}"
export ATTNC_TORCH_CACHE="${ATTNC_TORCH_CACHE:-${TMPDIR:-/tmp}/attnc_torch_cache}"
export PYTHONUNBUFFERED=1
python3 -c 'import attnc_torch; print("attnc_torch", attnc_torch.__version__, "from", attnc_torch.__file__)' | tee -a "$out/env.txt"

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(python/tests)
# SIGINT at 540 s (ATTNC_PYTEST_TIMEOUT): pytest stops and still prints its summary (the device allows 600 s a command)
timeout -k 30 --signal=INT "${ATTNC_PYTEST_TIMEOUT:-540}" python3 -m pytest "${targets[@]}" -v -rs -p no:cacheprovider --durations=15 -o faulthandler_timeout=120 \
  --junitxml="$out/junit.xml" 2>&1 | tee "$out/pytest.txt"
exit "${PIPESTATUS[0]}"
