#!/usr/bin/env bash
# Generates sounds/<lang>/<id>.wav (8 kHz, 16-bit, mono) from sounds/catalogue.json with espeak-ng.
# The WAVs are committed, so a utility needs no TTS; a real voice can replace them file by file.
# Usage: sounds/generate.sh [--force] [lang...]   (default: ru uk en; existing files are kept unless --force
# or the catalogue text changed, which is tracked in sounds/<lang>/.texts)
set -euo pipefail
cd "$(dirname "$0")"

for tool in espeak-ng sox jq; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool is missing (Debian: apt-get install -y espeak-ng sox jq)" >&2; exit 1; }
done

force=0
if [[ "${1:-}" == "--force" ]]; then force=1; shift; fi
langs=("$@")
[[ ${#langs[@]} -eq 0 ]] && langs=(ru uk en)

# Voice settings: 180 words/min (a little above espeak-ng's default 175, still clear) with 10 ms between words;
# pauses inside a prompt (commas, full stops) capped at 150 ms; each file trimmed of silence at both ends and given
# 30 ms of air, so composed phrases (numbers, menus) flow without gaps. They are part of each file's stamp: changing
# them regenerates every prompt.
rate=180
gap=1
pause=0.15
tail=0.03
voice="-s $rate -g $gap pause $pause tail $tail"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for lang in "${langs[@]}"; do
  mkdir -p "$lang"
  stamp="$lang/.texts"
  touch "$stamp"
  new_stamp="$tmp/$lang.texts"
  : > "$new_stamp"
  count=0
  while IFS=$'\t' read -r id text; do
    [[ -z "$text" ]] && continue
    out="$lang/$id.wav"
    line="$id"$'\t'"$text"$'\t'"$voice"
    printf '%s\n' "$line" >> "$new_stamp"
    if [[ $force -eq 0 && -f "$out" ]] && grep -qxF -- "$line" "$stamp"; then continue; fi
    # -g in 10 ms units between words; then resample to what Asterisk plays natively.
    espeak-ng -v "$lang" -s "$rate" -g "$gap" -w "$tmp/raw.wav" "$text"
    sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 "$out" \
      vol 0.85 silence -l 1 0.02 0.5% -1 "$pause" 0.5% reverse silence 1 0.02 0.5% reverse pad 0 "$tail"
    count=$((count + 1))
  done < <(jq -r --arg l "$lang" '.prompts | to_entries[] | [.key, (.value[$l] // "")] | @tsv' catalogue.json)
  # A short silent file: GET DATA needs a prompt to play while it collects the rest of typed-ahead digits.
  if [[ $force -eq 1 || ! -f "$lang/silence.wav" ]]; then
    sox -n -r 8000 -c 1 -b 16 "$lang/silence.wav" trim 0 0.05
  fi
  # Prompts removed from the catalogue: remove their WAVs too.
  for wav in "$lang"/*.wav; do
    id="$(basename "$wav" .wav)"
    [[ "$id" == silence ]] && continue
    cut -f1 "$new_stamp" | grep -qxF -- "$id" || { rm -f "$wav"; echo "removed $wav"; }
  done
  mv "$new_stamp" "$stamp"
  echo "sounds/$lang: $count generated, $(ls "$lang"/*.wav | wc -l) files"
done
