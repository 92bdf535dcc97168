#!/usr/bin/env bash
# Makes this (Debian 12) machine able to run attnc's WebGPU tests; idempotent, non-interactive, as root.
#
#  1. Dawn (the `webgpu` npm package) needs a Vulkan adapter. When `scripts/webgpu-probe.mjs` finds
#     none, installs Mesa's lavapipe (a CPU Vulkan driver) and the Vulkan loader from
#     bookworm-backports (`mesa-vulkan-drivers libvulkan1`; Debian 12's own Mesa 22.3 is too old for
#     Dawn), adding the backports apt source when it is missing.
#  2. Debian's `chromium` for the headless browser test (/usr/bin/chromium), when missing.
# Skip a part with ATTNC_SKIP_CHROMIUM=1 or ATTNC_SKIP_LAVAPIPE=1. Prints what it did.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "setup-webgpu: $*"; }
export DEBIAN_FRONTEND=noninteractive
# runs an apt command quietly; prints its output when it fails
quiet() { local log; log=$(mktemp); if ! "$@" >"$log" 2>&1; then cat "$log"; rm -f "$log"; say "failed: $*"; exit 1; fi; rm -f "$log"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -E "$@"; else
  say "need root to run: $*"; exit 1; fi; }

if [ ! -d "$root/node_modules/webgpu" ]; then
  say "node_modules/webgpu missing: run 'npm ci' first"; exit 1
fi

probe() { timeout 120 node "$root/scripts/webgpu-probe.mjs" 2>/dev/null; }

if [ "${ATTNC_SKIP_LAVAPIPE:-0}" != 1 ]; then
  if out=$(probe); then
    say "Dawn already finds an adapter: $out"
  else
    say "Dawn finds no Vulkan adapter; installing Mesa lavapipe from bookworm-backports"
    if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      say "adding apt source /etc/apt/sources.list.d/bookworm-backports.list"
      echo 'deb http://deb.debian.org/debian bookworm-backports main' |
        as_root tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
    fi
    quiet as_root apt-get update -q
    quiet as_root apt-get install -y -q -t bookworm-backports mesa-vulkan-drivers libvulkan1
    say "installed: $(dpkg-query -W -f='${Package} ${Version} ' mesa-vulkan-drivers libvulkan1)"
    if out=$(probe); then say "Dawn now finds: $out"; else say "Dawn still finds no adapter"; exit 1; fi
  fi
fi

if [ "${ATTNC_SKIP_CHROMIUM:-0}" != 1 ]; then
  if [ -x /usr/bin/chromium ]; then
    say "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
  else
    say "installing Debian chromium"
    quiet as_root apt-get update -q
    quiet as_root apt-get install -y -q chromium
    say "installed: $(/usr/bin/chromium --version 2>/dev/null)"
  fi
fi
