#!/usr/bin/env bash
# Makes a Vosk model available and checks EVERY file against speech-models/<name>.sha256.
#
# Usage: scripts/speech/model.sh LANG [DEST]      (DEST default: <repo>/models)
#   ru -> vosk-model-small-ru-0.22
#   en -> vosk-model-small-en-us-0.15 (needs speech-models/<name>.sha256, which is not committed yet: see uk)
#   uk -> no default: there is no official small Ukrainian model with a checksum list in this
#         repository. To add one, put its file list at speech-models/<name>.sha256 (made with
#         `sha256sum $(find <name> -type f | sort)` from the folder holding <name>/, after checking
#         the download by other means) and run with SPEECH_MODEL_NAME=<name>.
# Order: an existing DEST/<name>; a local copy (SPEECH_MODEL_SOURCE, else ../shared/models/<name>
# beside the repository), linked into DEST; else the official download
# (https://alphacephei.com/vosk/models/<name>.zip, or SPEECH_MODEL_URL).
# Prints the model directory on stdout. Exit 1 on any checksum mismatch.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lang="${1:?usage: model.sh LANG [DEST]}"
dest="${2:-$repo_root/models}"
sha_dir="${SPEECH_MODELS_SHA_DIR:-$repo_root/speech-models}"

case "$lang" in
    ru) default_name="vosk-model-small-ru-0.22" ;;
    en) default_name="vosk-model-small-en-us-0.15" ;;
    uk) default_name="" ;;
    *) echo "model: unknown language '$lang' (ru, uk, en)" >&2; exit 2 ;;
esac
name="${SPEECH_MODEL_NAME:-$default_name}"
if [[ -z "$name" ]]; then
    echo "model: no default model for '$lang'. Add speech-models/<name>.sha256 and set SPEECH_MODEL_NAME=<name> (see docs/speech.md)." >&2
    exit 2
fi

list="$sha_dir/$name.sha256"
[[ -f "$list" ]] || { echo "model: no checksum list $list; refusing an unverified model" >&2; exit 1; }

# Checks a model directory whose last path element is $name.
verify() {
    local model_dir="$1"
    local parent
    parent="$(cd "$(dirname "$model_dir")" && pwd)"
    if ! (cd "$parent" && sha256sum --quiet --strict -c "$list" >&2); then
        echo "model: $model_dir does not match $list (corrupt, incomplete or a different version)" >&2
        return 1
    fi
    local listed present
    listed="$(wc -l <"$list")"
    present="$(find -L "$model_dir" -type f | wc -l)"
    if [[ "$present" != "$listed" ]]; then
        echo "model: warning: $model_dir has $present files, $list lists $listed" >&2
    fi
}

target="$dest/$name"
if [[ -e "$target" ]]; then
    verify "$target"
    echo "$target"
    exit 0
fi

source_dir="${SPEECH_MODEL_SOURCE:-$repo_root/../shared/models/$name}"
mkdir -p "$dest"
if [[ -d "$source_dir" ]]; then
    source_dir="$(cd "$source_dir" && pwd)"
    if [[ "$(basename "$source_dir")" != "$name" ]]; then
        echo "model: local copy $source_dir must be named $name" >&2
        exit 1
    fi
    verify "$source_dir"
    ln -sfn "$source_dir" "$target"
    echo "model: linked $target -> $source_dir" >&2
    echo "$target"
    exit 0
fi

url="${SPEECH_MODEL_URL:-https://alphacephei.com/vosk/models/$name.zip}"
work="$(mktemp -d "$dest/.download.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "model: downloading $url" >&2
fetch() {
    if command -v curl >/dev/null; then
        curl -fsSL --retry 2 -o "$work/model.zip" "$url"
    else
        wget -q -O "$work/model.zip" "$url"
    fi
}
fetch || { echo "model: download of $url failed; put a copy at $source_dir or set SPEECH_MODEL_SOURCE" >&2; exit 1; }
unzip -q "$work/model.zip" -d "$work/unpacked"
[[ -d "$work/unpacked/$name" ]] || { echo "model: $url does not unpack to $name/" >&2; exit 1; }
verify "$work/unpacked/$name"
# Renamed into place only once verified, so a failed run never leaves a model that looks usable.
mv "$work/unpacked/$name" "$target"
echo "$target"
