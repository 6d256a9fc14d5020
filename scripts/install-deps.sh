#!/usr/bin/env bash
# Installs the Debian packages the product and its tests use, only those that are missing.
# Usage: scripts/install-deps.sh [run|test]   (run: what `make run` needs; test: everything)
set -euo pipefail
mode="${1:-test}"
# clang and zlib1g-dev: ./ivr-readings compiles the server ahead of time (.NET's native AOT links with them).
pkgs=(sox espeak-ng jq curl unzip clang zlib1g-dev)
if [ "$mode" = test ]; then
  pkgs+=(postgresql chromium)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The real-Asterisk tests' pack (../shared/asterisk beside the checkout, or IVR_ASTERISK_PACK) brings its own
# installer for the Debian libraries and core sounds it needs; a clone without the pack skips those tests.
if [ "$mode" = test ]; then
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  pack="${IVR_ASTERISK_PACK:-$root/../shared/asterisk}"
  if [ -x "$pack/install-deps.sh" ]; then
    "$pack/install-deps.sh"
  fi
fi
