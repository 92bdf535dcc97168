#!/usr/bin/env bash
# Prepares a GPU call on this machine (no GPU needed): bundles bench/cuda/gen-oracle.ts, generates the
# oracle's sources here, builds the libraries of the cases matching PATTERN (sm_90a, the flags of
# attnc_lib.build_cmd) with every core, and packs into DIR what bench/cuda/device-checks.sh reads:
#   DIR/gen-oracle.mjs   the oracle generator (the data is regenerated on the GPU machine: ~370 MB)
#   DIR/soxz/ID.so.xz    the libraries built ahead (xz: ~330 KB each; carry limit 64 MiB)
#   DIR/cu.md5           the md5 of each one's .cu (device-checks.sh rebuilds there if any differs)
#
#   bash bench/cuda/prebuild.sh .cache/gpu 'decode-|paged-|varlen-'
#   then: run(command="bash bench/cuda/device-checks.sh .cache/gpu", carry=[".gpu-kit", ".cache/gpu"])
set -euo pipefail
dir=${1:?usage: prebuild.sh DIR [PATTERN]}
pattern=${2:-'decode-|paged-|varlen-'}
root=$(git rev-parse --show-toplevel)
cd "$root"
mkdir -p "$dir/soxz"
npx esbuild bench/cuda/gen-oracle.ts --bundle --platform=node --format=esm --log-level=warning \
  --outfile="$dir/gen-oracle.mjs" \
  --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);"
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
node "$dir/gen-oracle.mjs" "$src" > /dev/null
ids=$(cd "$src" && ls *.cu | grep -v '\.runner\.cu$' | sed 's/\.cu$//' | grep -E -- "$pattern" || true)
[ -n "$ids" ] || { echo "prebuild: no case matches $pattern"; exit 1; }
(cd "$src" && for i in $ids; do md5sum "$i.cu"; done) > "$dir/cu.md5"
rm -f "$dir"/soxz/*.so.xz
echo "$ids" | xargs -P "$(nproc)" -I{} sh -c \
  'nvcc -O3 -std=c++17 -Xcompiler -fPIC -shared -gencode=arch=compute_90a,code=sm_90a -o "$1/{}.so" "$1/{}.cu" > "$1/{}.log" 2>&1 && xz -T1 -6 -c "$1/{}.so" > "$2/soxz/{}.so.xz" || echo "prebuild: {} failed (see the nvcc log)"' _ "$src" "$dir"
echo "prebuild: $(ls "$dir"/soxz | wc -l) libraries, $(du -sh "$dir" | cut -f1) in $dir"
