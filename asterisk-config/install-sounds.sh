#!/usr/bin/env bash
# Copies the prompts to Asterisk: sounds/<lang>/*.wav -> <DEST>/<lang>/ivr-readings/<id>.wav
# Usage: asterisk-config/install-sounds.sh /usr/share/asterisk/sounds   (or: make install-sounds ASTERISK_SOUNDS=...)
# Asterisk then plays them as ivr-readings/<id> in the channel's language (CHANNEL(language)).
set -euo pipefail
dest="${1:?usage: $0 ASTERISK_SOUNDS_DIR (e.g. /usr/share/asterisk/sounds or /var/lib/asterisk/sounds)}"
src="$(cd "$(dirname "$0")/../sounds" && pwd)"
[[ -d "$dest" ]] || { echo "install-sounds: $dest does not exist" >&2; exit 1; }
for lang in ru uk en; do
  [[ -d "$src/$lang" ]] || continue
  target="$dest/$lang/ivr-readings"
  mkdir -p "$target"
  install -m 0644 "$src/$lang"/*.wav "$target/"
  echo "install-sounds: $(ls "$src/$lang"/*.wav | wc -l) prompts -> $target"
done
# Asterisk runs as user asterisk on Debian: keep the files readable by it.
if id asterisk >/dev/null 2>&1; then chown -R asterisk:asterisk "$dest"/{ru,uk,en}/ivr-readings 2>/dev/null || true; fi
