#!/usr/bin/env bash
# The soak figure of make bench: SESSIONS (100,000) FastAGI sessions against `./ivr-readings serve --bench` as shipped,
# half normal bench calls (every command sequence checked) and half hostile ones built from the fuzz seeds
# (fuzz/corpus: mutated environment blocks and replies, garbage, truncated blocks, resets, instant closes), after a
# WARMUP (30,000) of the same mix. The server's memory (RSS, anonymous, JIT code) and open descriptors are sampled
# through the warm-up, after it and after each tenth of the sessions; a few normal calls must pass at the end. The
# server's log is kept in .build/soak/server.log and its warning and error lines are counted by kind.
#
#   benchmarks/fastagi/soak.sh
#   SESSIONS=20000 WARMUP=6000 benchmarks/fastagi/soak.sh
set -euo pipefail
SESSIONS=${SESSIONS:-100000}
WARMUP=${WARMUP:-30000}
CONCURRENCY=${CONCURRENCY:-40}
PORT=${PORT:-4683}

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
logs="$root/.build/soak"
mkdir -p "$logs"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; [ -f "$work/server.log" ] && cp "$work/server.log" "$logs/server.log"; rm -rf "$work"; }
trap cleanup EXIT
ulimit -n 65535 2>/dev/null || true

echo "== building the bench driver and the product (Release)"
dotnet build -c Release -v q -nologo "$here/FastAgiBench" -o "$work/bench" >/dev/null
"$root/ivr-readings" help >/dev/null

if ss -ltn "sport = :$PORT" | grep -q LISTEN; then echo "port $PORT is already in use" >&2; exit 1; fi
env -C "$work" "$root/ivr-readings" serve --bench "--FastAgi:Listen=127.0.0.1:$PORT" \
  "--Console:Urls=http://127.0.0.1:$((PORT + 1))" "--Database:ConnectionString=Data Source=$work/ivr-readings.db" > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 300); do ss -ltn "sport = :$PORT" | grep -q LISTEN && break; sleep 0.1; done
echo "== soak: ivr-readings serve --bench (pid $pid), $SESSIONS sessions after $WARMUP warm-up, $CONCURRENCY at a time"
status=0
dotnet "$work/bench/FastAgiBench.dll" soak --target "127.0.0.1:$PORT" --sessions "$SESSIONS" --warmup "$WARMUP" \
  --concurrency "$CONCURRENCY" --corpus "$root/fuzz/corpus" --server-pid "$pid" --server-database "$work/ivr-readings.db" || status=$?
kill -0 "$pid" 2>/dev/null && echo "server still running" || { echo "the server died" >&2; status=1; }
echo "server log: $(wc -l < "$work/server.log") lines; by level: $(grep -aoE '^[0-9:.]+ (INF|WRN|ERR|FTL)' "$work/server.log" | awk '{print $2}' | sort | uniq -c | tr -s ' \n' ' ')"
# Warnings and errors by kind: call ids, peers, scripts, prompts, replies (a hostile peer's bytes) and numbers taken out.
echo "warnings and errors by kind:"
grep -aE '^[0-9:.]+ (WRN|ERR|FTL) ' "$work/server.log" | sed -E 's/^[0-9:.]+ //; s/ [0-9a-f]{32} / /; s/(refused AGI command [A-Z]+( [A-Z]+)?).*/\1/;
  s/(protocol error from )[^:]*(:[0-9]+)?:/\1PEER:/; s/(Connection from )[^ ]+/\1PEER/; s/(No handler for AGI script ).*/\1SCRIPT/;
  s/(no prompt )[^:]*/\1PROMPT/; s/(no command waiting for it: ).*/\1REPLY/; s/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/ID/g; s/[0-9]+/N/g' |
  cut -c1-150 | sort | uniq -c | sort -rn
echo "(server log kept in .build/soak/server.log)"
exit $status
