#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the storage tests, on 127.0.0.1 only, with its data under .build/.
# Installs Debian's postgresql when no server binaries are present. Idempotent: a second run reuses the
# running server. Writes the connection string (to the 'postgres' maintenance database; the tests create
# and drop their own databases) to .build/postgres.conn and prints it.
#   usage: scripts/postgres/start-test-server.sh        env: IVR_PG_PORT (default 55432), IVR_BUILD_DIR (default .build)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${IVR_BUILD_DIR:-$root/.build}"
port="${IVR_PG_PORT:-55432}"
base="$build/postgres"
data="$base/data"
conn_file="$build/postgres.conn"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin="$(find_bin)"
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "postgres: installing Debian postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin="$(find_bin)"
fi
[[ -x "$bin/initdb" ]] || { echo "postgres: no initdb found after install" >&2; exit 1; }

# PostgreSQL refuses to run as root: use the 'postgres' system user the package creates (or create one).
as_user=()
run_user="$(id -un)"
if [[ $EUID -eq 0 ]]; then
    run_user=postgres
    id -u "$run_user" >/dev/null 2>&1 || useradd --system --home-dir "$base" --shell /usr/sbin/nologin "$run_user"
    as_user=(runuser -u "$run_user" --)
fi

mkdir -p "$base"
[[ $EUID -eq 0 ]] && chown "$run_user" "$base"
chmod 700 "$base"
# A checkout under a directory the server user cannot enter (e.g. /root): keep the cluster under /tmp instead.
if [[ $EUID -eq 0 ]] && ! runuser -u "$run_user" -- test -w "$base"; then
    base="/tmp/ivr-readings-pg-$(echo "$root" | md5sum | cut -c1-8)"
    data="$base/data"
    mkdir -p "$base" && chown "$run_user" "$base" && chmod 700 "$base"
fi

pg() { "${as_user[@]}" "$@"; }

if pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port="$(sed -n 1p "$base/port" 2>/dev/null || echo "$port")"
    echo "postgres: already running on 127.0.0.1:$port" >&2
else
    if [[ ! -f "$data/PG_VERSION" ]]; then
        pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >"$base/initdb.log" 2>&1 \
            || { cat "$base/initdb.log" >&2; exit 1; }
    fi
    # A port taken by something else (another checkout's server): take the next free one.
    port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
    while port_busy "$port"; do port=$((port + 1)); done
    echo "$port" >"$base/port"
    pg "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $base -c max_connections=200 -c shared_buffers=64MB" start >&2 \
        || { tail -n 30 "$base/server.log" >&2; exit 1; }
fi

conn="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
mkdir -p "$build"
echo "$conn" >"$conn_file"
echo "$conn"
