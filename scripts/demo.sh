#!/usr/bin/env bash
# make demo: the server on a throw-away demo database, one scripted call from the phone simulator.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
"$root/ivr-readings" help >/dev/null   # build once, before the clock starts
"$root/ivr-readings" demo-data >/dev/null
"$root/ivr-readings" serve > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null http://127.0.0.1:8080/health 2>/dev/null && break
  status="$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/health 2>/dev/null || true)"
  [ "$status" = 503 ] && break
  sleep 0.2
done
"$root/ivr-readings" phone --keys "${KEYS:-2 1234567# 1 1 6116# 2020# 1 1 420# 1 290# 1}"
echo
echo "Readings the call stored:"
"$root/ivr-readings" readings export --period "$(date +%Y-%m)" | grep -E '^(account|1234567),' || true
