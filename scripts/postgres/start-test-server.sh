#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the storage tests, on 127.0.0.1 only, with its data under .build/.
# Installs Debian's postgresql when no server binaries are present. Idempotent: a second run reuses the
# running server. Writes the connection string (to the 'postgres' maintenance database; the tests create
# and drop their own databases) to .build/postgres.conn and prints it.
#   usage: scripts/postgres/start-test-server.sh        env: IVR_PG_PORT (default 25432), IVR_BUILD_DIR (default .build)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${IVR_BUILD_DIR:-$root/.build}"
# Below Linux's ephemeral range (32768-60999): a client socket of a test or benchmark holding thousands of
# connections can have any port in that range as its own, and then the server cannot bind it.
port="${IVR_PG_PORT:-25432}"
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
    # A port taken by something else (another checkout's server): take the next free one. A port bound without a
    # listener (a client socket's own) passes that check and fails the server's bind: then the next port, a few times.
    port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
    for attempt in 1 2 3 4 5; do
        while port_busy "$port"; do port=$((port + 1)); done
        echo "$port" >"$base/port"
        : >"$base/server.log"
        chown "$run_user" "$base/server.log" 2>/dev/null || true
        if pg "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $base -c max_connections=200 -c shared_buffers=64MB" start >&2; then
            break
        fi
        if [[ $attempt -lt 5 ]] && grep -q "could not bind" "$base/server.log"; then
            echo "postgres: 127.0.0.1:$port is bound by another socket, trying the next port" >&2
            port=$((port + 1))
            continue
        fi
        tail -n 30 "$base/server.log" >&2
        exit 1
    done
fi

conn="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
mkdir -p "$build"
echo "$conn" >"$conn_file"
echo "$conn"
