#!/usr/bin/env bash
# Puts libvosk.so (from the npm package vosk@0.3.39) into DEST and checks its sha256.
# Usage: scripts/speech/fetch-libvosk.sh [DEST]   (default: <repo>/native)
# Quick and silent when DEST/libvosk.so is already there with the right checksum.
# Why npm: the package registry is the one channel every build machine can reach;
# the library is taken from the tarball only after its checksum matches.
set -euo pipefail

readonly VOSK_NPM_VERSION="0.3.39"
readonly LIB_PATH_IN_TARBALL="package/lib/linux-x86_64/libvosk.so"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The one place the checksum is written: the server checks it too before it loads the library (embedded at build).
LIB_SHA256="$(cut -d' ' -f1 "$here/libvosk.sha256")"
readonly LIB_SHA256

repo_root="$(cd "$here/../.." && pwd)"
dest="${1:-$repo_root/native}"
target="$dest/libvosk.so"

sha_ok() {
    [[ -f "$1" ]] && [[ "$(sha256sum "$1" | cut -d' ' -f1)" == "$LIB_SHA256" ]]
}

if sha_ok "$target"; then
    exit 0
fi

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
    echo "fetch-libvosk: only linux-x86_64 is supported (this is $(uname -s)-$(uname -m))" >&2
    exit 1
fi
command -v npm >/dev/null || { echo "fetch-libvosk: npm is required (apt-get install -y npm)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "fetch-libvosk: npm pack vosk@$VOSK_NPM_VERSION" >&2
(cd "$work" && npm pack --silent "vosk@$VOSK_NPM_VERSION" >/dev/null 2>"$work/npm.log") || {
    cat "$work/npm.log" >&2
    echo "fetch-libvosk: npm pack vosk@$VOSK_NPM_VERSION failed" >&2
    exit 1
}
tarball="$(ls "$work"/vosk-*.tgz)"
tar -xzf "$tarball" -C "$work" "$LIB_PATH_IN_TARBALL"

if ! sha_ok "$work/$LIB_PATH_IN_TARBALL"; then
    echo "fetch-libvosk: checksum mismatch for libvosk.so from vosk@$VOSK_NPM_VERSION (expected $LIB_SHA256)" >&2
    exit 1
fi

mkdir -p "$dest"
# Copy then rename so a concurrent reader never sees a half-written library.
cp "$work/$LIB_PATH_IN_TARBALL" "$target.tmp.$$"
mv -f "$target.tmp.$$" "$target"
echo "fetch-libvosk: $target ok" >&2
