#!/usr/bin/env bash
# Stops the throw-away test PostgreSQL started by start-test-server.sh (data stays under .build/postgres).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${IVR_BUILD_DIR:-$root/.build}"
base="$build/postgres"
[[ -f "$base/data/PG_VERSION" ]] || base="/tmp/ivr-readings-pg-$(echo "$root" | md5sum | cut -c1-8)"
data="$base/data"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[[ -n "$bin" && -f "$data/PG_VERSION" ]] || exit 0
as_user=()
[[ $EUID -eq 0 ]] && as_user=(runuser -u postgres --)
"${as_user[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
rm -f "$build/postgres.conn"
