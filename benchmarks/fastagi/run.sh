#!/usr/bin/env bash
# FastAGI server benchmark: CPU per scripted call and memory of held calls, for the product as shipped
# (`./ivr-readings serve --bench`: console, database and all), our bare FastAGI server, and two peers (npm ding-dong,
# Debian python3-panoramisk) running the same bench script, measured in the same run by the same generator.
#
#   benchmarks/fastagi/run.sh                    # product, bare server, ding-dong, panoramisk
#   SERVERS="product ding-dong" CALLS=5000 benchmarks/fastagi/run.sh
#   SERVERS="product ours" CALLS=0 benchmarks/fastagi/run.sh    # the hold phase alone (memory)
#   PRODUCT_ENV="DOTNET_TieredPGO=0" SERVERS="product ding-dong" benchmarks/fastagi/run.sh   # a runtime knob, product only
#   ROUNDS=1 benchmarks/fastagi/run.sh            # one round instead of three
#
# The peers are installed here (npm into a temp dir, apt-get), never committed. Server CPU is utime+stime from
# /proc/<pid>/stat over the measured calls (after a warm-up), also shown apart: user (the server's own code) and
# system (the kernel working for it: on loopback a send also runs the peer's TCP receive, so every server here pays
# about the same system time for the same calls). Memory is VmRSS with HOLD calls parked in WAIT FOR DIGIT in a fresh
# server process, and that process's VmHWM (peak).
#
# ROUNDS (3) measures every server that many times, one after the other in each round, and ends with each figure's
# median and range, and the product's ratio to each other server within each round and its median. On a shared
# machine one run's figures move by a quarter minutes apart (docs/benchmarks.md): a ratio taken within one round,
# the two servers measured a minute apart, and its median over rounds, is the figure to compare.
set -euo pipefail

CALLS=${CALLS:-20000}
WARMUP=${WARMUP:-10000}
CONCURRENCY=${CONCURRENCY:-50}
HOLD=${HOLD:-10000}
# "A few active calls" run while the HOLD calls wait: HOLD_CONCURRENCY at a time, enough of them for a stable p99.
HOLD_CALLS=${HOLD_CALLS:-3000}
HOLD_CONCURRENCY=${HOLD_CONCURRENCY:-2}
SERVERS=${SERVERS:-"product ours ding-dong panoramisk"}
ROUNDS=${ROUNDS:-3}
# Not 4573: a development server of the product may be listening there.
PORT=${PORT:-4673}
# VAR=value assignments for the product's process alone (the generator and the peers run without them).
read -r -a product_env <<< "${PRODUCT_ENV:-}"

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)"

echo "== building the bench driver (Release)"
dotnet build -c Release -v q -nologo "$here/FastAgiBench" -o "$work/bench" >/dev/null
bench() { dotnet "$work/bench/FastAgiBench.dll" "$@"; }

if [[ " $SERVERS " == *" product "* ]]; then
  echo "== building the product (./ivr-readings, Release)"
  "$root/ivr-readings" help >/dev/null
  mkdir -p "$work/product"
fi
if [[ " $SERVERS " == *" ding-dong "* ]]; then
  echo "== installing ding-dong (npm, temp dir)"
  (cd "$work" && npm install --silent --no-audit --no-fund ding-dong@0.1.7 >/dev/null)
  cp "$here/dingdong-server.js" "$work/"
fi
if [[ " $SERVERS " == *" panoramisk "* ]]; then
  if ! /usr/bin/python3 -c 'import panoramisk' 2>/dev/null; then
    echo "== installing python3-panoramisk (apt)"
    apt-get install -y -qq python3-panoramisk >/dev/null
  fi
fi

# Poll the listening socket instead of connecting: an empty connection makes panoramisk 1.4 spin forever.
wait_port() { for _ in $(seq 100); do ss -ltn "sport = :$1" | grep -q LISTEN && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }
cpu_ticks() { awk '{print $14, $15}' "/proc/$1/stat"; } # user system
status_kb() { awk -v k="$2" '$1 == k {print $2}' "/proc/$1/status"; }
tck=$(getconf CLK_TCK)

results="$work/results.txt"
: > "$results"
start_server() { # name port command... ; sets $pid
  local name=$1 port=$2; shift 2
  if ss -ltn "sport = :$port" | grep -q LISTEN; then echo "port $port is already in use" >&2; return 1; fi
  "$@" >> "$work/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_port "$port"
}
stop_server() { kill "$1"; wait "$1" 2>/dev/null || true; }

measure() {
  local name=$1 port=$2; shift 2
  local pid
  # Phase 1, CPU per call: a warm-up (the JITs settle), then the measured calls (CALLS=0: skipped).
  start_server "$name" "$port" "$@"
  echo "== $name (pid $pid)"
  sleep 2 # idle: what the server holds once started, before the first call
  local rss0; rss0=$(status_kb "$pid" VmRSS:)
  local u0=0 s0=0 u1=0 s1=0 run_peak=0
  : > "$work/$name.run"
  if [ "$CALLS" -gt 0 ]; then
    bench load --target "127.0.0.1:$port" --calls "$WARMUP" --concurrency "$CONCURRENCY" --loose > "$work/$name.warm" || true
    read -r u0 s0 < <(cpu_ticks "$pid")
    bench load --target "127.0.0.1:$port" --calls "$CALLS" --concurrency "$CONCURRENCY" --loose > "$work/$name.run" || true
    read -r u1 s1 < <(cpu_ticks "$pid")
    sed -n '1,8p' "$work/$name.run"
    run_peak=$(status_kb "$pid" VmHWM:)
  fi
  stop_server "$pid"
  # Phase 2, a fresh process: HOLD calls parked in WAIT FOR DIGIT while a few active calls run; its peak RSS.
  start_server "$name" "$port" "$@"
  bench load --target "127.0.0.1:$port" --calls "$HOLD_CALLS" --concurrency "$HOLD_CONCURRENCY" --hold "$HOLD" --loose --server-pid "$pid" > "$work/$name.hold" || true
  grep -E "^held|^calls|^command" "$work/$name.hold" || true
  local peak; peak=$(status_kb "$pid" VmHWM:)
  stop_server "$pid"
  local run hold; run=$(grep '^RESULT ' "$work/$name.run" | cut -c8- || true); hold=$(grep '^RESULT ' "$work/$name.hold" | cut -c8- || true)
  local us; us=$(awk -v u="$((u1 - u0))" -v s="$((s1 - s0))" -v t="$tck" -v n="$CALLS" 'BEGIN {
    if (n == 0) { n = 1; u = s = 0 }
    printf "cpu_us_per_call=%.1f user_us_per_call=%.1f sys_us_per_call=%.1f", (u + s) * 1000000 / t / n, u * 1000000 / t / n, s * 1000000 / t / n }')
  echo "$name round=$round $us idle_rss_kb=$rss0 run_peak_rss_kb=$run_peak hold_peak_rss_kb=$peak run=$run hold=$hold" | tee -a "$results"
}

for round in $(seq "$ROUNDS"); do
echo "==== round $round of $ROUNDS ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1 /proc/loadavg))"
for s in $SERVERS; do
  case $s in
    # The product as an operator starts it: the launcher (its GC settings), `serve --bench`, the staff console on
    # its own port, the embedded SQLite database in a fresh directory; only the call cap raised for 10,000 held calls,
    # and the cap on connections still without their environment block (the hold phase connects them all at once).
    product) measure product "$((PORT + 3))" env -C "$work/product" "${product_env[@]}" "$root/ivr-readings" serve --bench \
      "--FastAgi:Listen=127.0.0.1:$((PORT + 3))" --FastAgi:MaxConcurrentCalls=20000 --FastAgi:MaxPendingConnections=20000 \
      "--Console:Urls=http://127.0.0.1:$((PORT + 4))" "--Database:ConnectionString=Data Source=$work/product/ivr-readings.db" ;;
    # exec-style commands only: $! must be the server process itself, not a wrapper shell.
    # With the GC setting the product's ./ivr-readings launcher exports (4 MiB gen0 budget).
    ours) measure ours "$PORT" env DOTNET_GCgen0size="${DOTNET_GCgen0size:-400000}" dotnet "$work/bench/FastAgiBench.dll" server --listen "127.0.0.1:$PORT" --max-calls 20000 ;;
    ding-dong) measure ding-dong "$((PORT + 1))" env NODE_PATH="$work/node_modules" node "$work/dingdong-server.js" "$((PORT + 1))" ;;
    panoramisk) measure panoramisk "$((PORT + 2))" /usr/bin/python3 "$here/panoramisk-server.py" "$((PORT + 2))" ;;
  esac
done
done

echo
echo "== summary (CALLS=$CALLS CONCURRENCY=$CONCURRENCY HOLD=$HOLD HOLD_CALLS=$HOLD_CALLS HOLD_CONCURRENCY=$HOLD_CONCURRENCY${PRODUCT_ENV:+ PRODUCT_ENV=$PRODUCT_ENV})"
cat "$results"

echo
echo "== medians over $ROUNDS round(s): median (lowest-highest); MB = 1,000 kB as /proc reports them"
awk -v servers="$SERVERS" '
  function field(line, key,    n, i, parts, kv) {
    n = split(line, parts, " ")
    for (i = 1; i <= n; i++) { split(parts[i], kv, "="); if (kv[1] == key) return kv[2] }
    return ""
  }
  function median(list, format,    n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    if (n == 0) return ""
    return sprintf(format " (" format "-" format ")", n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2, a[1], a[n])
  }
  # The product's figure over the other server's within each round (a[server, round]), and their median.
  function ratios(a, other, label,    r, ratio, list, shown) {
    for (r = 1; r <= last; r++) if (a["product", r] > 0 && a[other, r] > 0) {
      ratio = sprintf("%.3f", a["product", r] / a[other, r]); list = list " " ratio; shown = shown " " r ":" ratio
    }
    if (list != "") printf "product / %-10s %s, each round:%s  median %s\n", other, label, shown, median(list, "%.3f")
  }
  {
    name = $1; r = field($0, "round")
    cpu[name] = cpu[name] " " field($0, "cpu_us_per_call")
    user[name] = user[name] " " field($0, "user_us_per_call")
    sys[name] = sys[name] " " field($0, "sys_us_per_call")
    idle[name] = idle[name] " " sprintf("%.1f", field($0, "idle_rss_kb") / 1000)
    peak[name] = peak[name] " " sprintf("%.1f", field($0, "hold_peak_rss_kb") / 1000)
    at[name, r] = field($0, "cpu_us_per_call"); atu[name, r] = field($0, "user_us_per_call"); if (r > last) last = r
  }
  END {
    n = split(servers, s, " ")
    for (i = 1; i <= n; i++) if (s[i] in cpu)
      printf "%-11s cpu_us_per_call %s  user %s  system %s  idle_rss_mb %s  hold_peak_rss_mb %s\n", s[i], median(cpu[s[i]], "%.1f"),
        median(user[s[i]], "%.1f"), median(sys[s[i]], "%.1f"), median(idle[s[i]], "%.1f"), median(peak[s[i]], "%.1f")
    for (i = 1; i <= n; i++) {
      if (s[i] == "product" || !(s[i] in cpu) || !("product" in cpu)) continue
      ratios(at, s[i], "cpu per call")
      ratios(atu, s[i], "user cpu alone")
    }
  }' "$results"
