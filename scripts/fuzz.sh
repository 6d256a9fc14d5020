#!/usr/bin/env bash
# make fuzz: SharpFuzz + afl++ over the parsers that read the network and files. Not part of make test or CI.
#
#   scripts/fuzz.sh                                   # every target, FUZZ_SECONDS (300) each
#   FUZZ_SECONDS=60 scripts/fuzz.sh agi-reply wav     # some targets, a minute each
#
# Each target gets its own copy of fuzz/IvrReadings.Fuzz with only the assemblies it exercises instrumented
# (sharpfuzz), starts from the seeds in fuzz/corpus/<target>/, and keeps afl's queue, crashes and hangs in
# .build/fuzz/<target>/findings. Every crash or hang is replayed on the uninstrumented build and printed; the script
# exits 1 when there is any. A finding becomes a regression test in the normal suite (tests/) and a fix.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds=${FUZZ_SECONDS:-300}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(agi-environment agi-reply wav billing-csv)
out="$root/.build/fuzz"
tools="$root/.build/tools"

instrumented_assemblies() {
  case $1 in
    agi-environment|agi-reply) echo IvrReadings.FastAgi.dll ;;
    wav) echo IvrReadings.Audio.dll NAudio.Core.dll ;;
    billing-csv) echo IvrReadings.Storage.dll CsvHelper.dll ;;
    *) echo "unknown target $1" >&2; return 1 ;;
  esac
}

if ! command -v afl-fuzz >/dev/null; then
  echo "== installing afl++ (apt)"
  apt-get update -qq && apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x "$tools/sharpfuzz" ]; then
  echo "== installing SharpFuzz.CommandLine 2.3.0 (dotnet tool, .build/tools)"
  dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

echo "== building fuzz/IvrReadings.Fuzz (Release)"
rm -rf "$out/plain"
dotnet publish fuzz/IvrReadings.Fuzz/IvrReadings.Fuzz.csproj -c Release -nologo -v q -o "$out/plain" >/dev/null

findings=0
for target in "${targets[@]}"; do
  dir="$out/$target"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$out/plain" "$dir/bin"
  for dll in $(instrumented_assemblies "$target"); do
    "$tools/sharpfuzz" "$dir/bin/$dll" >/dev/null
  done
  echo "== $target: afl-fuzz for ${seconds}s (instrumented: $(instrumented_assemblies "$target"))"
  # The target is `dotnet`, which afl cannot see instrumented; SharpFuzz speaks afl's fork-server protocol itself.
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
    afl-fuzz -V "$seconds" -i "fuzz/corpus/$target" -o "$dir/findings" -t 10000 -m none \
    -- dotnet "$dir/bin/IvrReadings.Fuzz.dll" "$target" > "$dir/afl.log" 2>&1 || {
      echo "afl-fuzz failed for $target; its log:" >&2; tail -30 "$dir/afl.log" >&2; exit 1; }
  stats="$dir/findings/default/fuzzer_stats"
  awk -F' *: ' '$1 ~ /^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|edges_found|total_edges)$/ {printf "   %s=%s", $1, $2} END {print ""}' "$stats"
  mapfile -t bad < <(find "$dir/findings/default/crashes" "$dir/findings/default/hangs" -type f ! -name README.txt 2>/dev/null)
  if [ ${#bad[@]} -gt 0 ]; then
    findings=$((findings + ${#bad[@]}))
    echo "   ${#bad[@]} finding(s), replayed uninstrumented:"
    dotnet "$out/plain/IvrReadings.Fuzz.dll" "$target" replay "${bad[@]}" | sed 's/^/   /' || true
  fi
done

if [ "$findings" -gt 0 ]; then
  echo "$findings finding(s): each becomes a regression test and a fix (inputs in .build/fuzz/*/findings/default/{crashes,hangs})"
  exit 1
fi
echo "no findings"
