#!/usr/bin/env bash
# make bench: the measured figures of the README's performance section, each beside a peer run in the same go.
# Not a test: it takes minutes and prints figures. Tune with CALLS, HOLD, CONCURRENCY (FastAGI), SESSIONS (soak) and
# BENCH_METERS (storage import size).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/.build/bench"
mkdir -p "$out"

echo "==== FastAGI hot path: BenchmarkDotNet micro-benchmarks, time and bytes allocated per operation"
dotnet run -c Release --project benchmarks/IvrReadings.Benchmarks -- micro 2>&1 | tee "$out/micro.txt"

echo
echo "==== FastAGI: server CPU per call, latency, held calls (ivr-readings serve, our bare FastAGI server, ding-dong, panoramisk)"
benchmarks/fastagi/run.sh 2>&1 | tee "$out/fastagi.txt"

echo
echo "==== Soak: 100,000 mixed normal and fuzzed FastAGI sessions against ivr-readings serve, RSS and descriptors before/after"
benchmarks/fastagi/soak.sh 2>&1 | tee "$out/soak.txt"

echo
echo "==== Storage: 1,000,000-meter import, 1,000 concurrent reading commits (SQLite vs naive SQLite vs PostgreSQL)"
scripts/postgres/start-test-server.sh >/dev/null
trap 'scripts/postgres/stop-test-server.sh >/dev/null 2>&1 || true' EXIT
dotnet run -c Release --project benchmarks/IvrReadings.Benchmarks -- storage 2>&1 | tee "$out/storage.txt"

echo
echo "==== Cluster: two servers on one PostgreSQL vs one, 1,000 paced readings calls at once, kill -9 of one server"
dotnet run -c Release --project benchmarks/IvrReadings.Benchmarks -- cluster 2>&1 | tee "$out/cluster.txt"

echo
echo "Figures saved in .build/bench/"
