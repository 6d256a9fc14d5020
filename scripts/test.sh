#!/usr/bin/env bash
# Runs every test project; closes with one line per failed test and "tests: N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/.build/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet build IvrReadings.sln -c Release -nologo -v quiet || exit 1
# The shipped server (native, compiled ahead of time by ./ivr-readings): the tests that start the product as a process
# start this one (tests/IvrReadings.Testing/ShippedProduct.cs).
./ivr-readings help > /dev/null || exit 1
export IVR_READINGS_BINARY="$root/.build/server/ivr-readings"
for proj in tests/*/*.Tests.csproj; do
  name="$(basename "$proj" .csproj)"
  echo "== $name"
  if ! dotnet test "$proj" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --logger "console;verbosity=minimal"; then
    status=1
  fi
done
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
failures = []
for f in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    root = ET.parse(f).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error"))
    skipped += int(c.get("total")) - int(c.get("executed"))
    for r in root.iterfind("t:Results/t:UnitTestResult", ns):
        if r.get("outcome") == "Failed":
            message = r.findtext("t:Output/t:ErrorInfo/t:Message", "", ns).strip().splitlines()
            failures.append((r.get("testName"), message[0][:300] if message else ""))
# The closing lines name every failed test, so a log's tail says what failed.
for name, message in failures:
    print(f"FAILED {name}: {message}")
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
