#!/usr/bin/env bash
# One GPU call that checks the CUDA kernels against the float64 oracle (bench/cuda/check_examples.py),
# prepared by bench/cuda/prebuild.sh DIR on the development machine:
#   1. regenerates the oracle data here (DIR/gen-oracle.mjs; ~90 s on the H100 machine) and checks the
#      sources against DIR/cu.md5 (any difference: everything is built here);
#   2. unpacks the libraries built ahead and builds every other case in the background (12 at a time);
#   3. checks the prebuilt cases (SUBSET), then memcheck (MEMCHECK) and racecheck (RACECHECK, forward);
#   4. checks every case, in the time left before LIMIT seconds.
# Needs .gpu-kit (../shared/gpu/make-kit.sh) carried beside DIR. Output under $OUT.
#
#   bash bench/cuda/device-checks.sh .cache/gpu
#   SUBSET='decode-' MEMCHECK='decode-alibi-q5-g8' RACECHECK='decode-alibi-q5-g8' LIMIT=500 bash bench/cuda/device-checks.sh .cache/gpu
set -u
dir=${1:?usage: device-checks.sh DIR}
SUBSET=${SUBSET:-'decode-|paged-|varlen-'}
MEMCHECK=${MEMCHECK:-'decode-gpt-oss-sinks-q3-g2|decode-random01-q5-g8|decode-alibi-q5-g8|paged-sliding-window-decode-p16|varlen-alibi-decode|varlen-gpt-oss-sinks-decode'}
RACECHECK=${RACECHECK:-'decode-alibi-q5-g8'}
LIMIT=${LIMIT:-575}
OUT=${OUT:-/tmp/attnc-device-checks}
mkdir -p "$OUT"/sub "$OUT"/full "$OUT"/mc "$OUT"/rc
. .gpu-kit/device-setup.sh > /dev/null 2>&1
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee "$OUT/env.txt"
T0=$(date +%s); t() { echo "[$(( $(date +%s) - T0 )) s] $*"; }
data=/tmp/attnc-oracle build=/tmp/attnc-oracle-build
node "$dir/gen-oracle.mjs" "$data" > "$OUT/gen.log" 2>&1; t "oracle: $(tail -1 "$OUT/gen.log")"
(cd "$data" && md5sum --quiet -c /dev/stdin) < "$dir/cu.md5" > "$OUT/md5.txt" 2>&1
mkdir -p "$build" && for f in "$dir"/soxz/*.so.xz; do xz -dc "$f" > "$build/$(basename "$f" .xz)"; done
touch "$build"/*.so
if [ -s "$OUT/md5.txt" ]; then t "the generated sources differ from the prebuilt ones: building everything here"; rm -f "$build"/*.so; fi
export ATTNC_REUSE=1
(nice -n 10 python3 - "$data" "$build" <<'PY' > "$OUT/bgbuild.txt" 2>&1
import json, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
data, build = sys.argv[1], sys.argv[2]
sys.path.insert(0, "bench/cuda")
from attnc_lib import build_cmd
todo = [c["id"] for c in json.load(open(f"{data}/manifest.json")) if not os.path.exists(f"{build}/{c['id']}.so")]
def one(i):
    r = subprocess.run(build_cmd(f"{data}/{i}.cu", f"{build}/{i}.so.tmp"), capture_output=True, text=True)
    if r.returncode == 0:
        os.replace(f"{build}/{i}.so.tmp", f"{build}/{i}.so")
    return r.returncode
with ThreadPoolExecutor(12) as ex:
    rcs = list(ex.map(one, todo))
print(len(todo), "built,", sum(1 for rc in rcs if rc), "failed")
PY
) &
bg=$!
OUT="$OUT/sub" timeout 200 python3 bench/cuda/check_examples.py "$data" "$build" "$SUBSET" > "$OUT/sub.txt" 2>&1
t "prebuilt cases ($SUBSET): $(tail -1 "$OUT/sub.txt")"; grep FAIL "$OUT/sub.txt" | head -20
OUT="$OUT/mc" PYTORCH_NO_CUDA_MEMORY_CACHING=1 timeout 110 compute-sanitizer --tool memcheck --print-limit 20 \
  python3 bench/cuda/check_examples.py "$data" "$build" "$MEMCHECK" > "$OUT/memcheck.txt" 2>&1
t "memcheck: $(grep -E 'ERROR SUMMARY' "$OUT/memcheck.txt" | sort | uniq -c | tr '\n' ' ') $(grep -c FAIL "$OUT/memcheck.txt") FAIL lines"
OUT="$OUT/rc" ATTNC_NO_BACKWARD=1 timeout 70 compute-sanitizer --tool racecheck --print-limit 20 \
  python3 bench/cuda/check_examples.py "$data" "$build" "$RACECHECK" > "$OUT/racecheck.txt" 2>&1
t "racecheck: $(grep -E 'RACECHECK SUMMARY' "$OUT/racecheck.txt" | sort | uniq -c | tr '\n' ' ')"
wait $bg; t "background builds: $(tail -1 "$OUT/bgbuild.txt")"
left=$(( LIMIT - ($(date +%s) - T0) ))
if [ $left -gt 30 ]; then
  OUT="$OUT/full" timeout $left python3 bench/cuda/check_examples.py "$data" "$build" > "$OUT/full.txt" 2>&1
  t "every case: $(tail -1 "$OUT/full.txt")"; grep FAIL "$OUT/full.txt" | head -30
fi
