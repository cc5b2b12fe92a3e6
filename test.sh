#!/usr/bin/env bash
# The whole test suite: the firmware library's host test, the emulated board's self-test, and every
# .NET test (unit, end to end with real Mosquitto, pseudo-terminals and emulated Unos, fault tests).
# Installs what it needs first. The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/.build/test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0
failed=0

count() {  # adds the "N passed, N failed" line of a log to the totals
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)
  if [ -z "$line" ]; then
    echo "  no result line in $1: counted as one failure" >&2
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
  failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
}

step() { echo; echo "== $*"; }

step "dependencies"
provisioning/install-build-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

step "firmware, emulator and bootloader build"
if ! make -C firmware all >"$results/firmware-build.log" 2>&1; then
  tail -n 30 "$results/firmware-build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

step "firmware library host test"
make -C firmware test 2>&1 | tee "$results/firmware-test.log" | tail -n 3
count "$results/firmware-test.log"

step "emulated board self-test"
make -C firmware/emulator test 2>&1 | tee "$results/emulator-test.log" | tail -n 3
count "$results/emulator-test.log"

step ".NET build"
if ! dotnet build Gateway.sln -c Release --nologo --verbosity quiet >"$results/dotnet-build.log" 2>&1; then
  grep -E "error|warn" "$results/dotnet-build.log" | sort -u | head -n 30
  echo "$passed passed, $((failed + 1)) failed"
  exit 1
fi

step ".NET tests"
dotnet test Gateway.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results/trx" -- xUnit.MaxParallelThreads=2 2>&1 | grep -vE "^\s*$" | tail -n 40
trx_count=0
for trx in "$results"/trx/*.trx; do
  [ -e "$trx" ] || continue
  trx_count=$((trx_count + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/')
  f=0
  for kind in failed error timeout aborted; do
    f=$((f + $(echo "$counters" | sed -E "s/.* $kind=\"([0-9]+)\".*/\1/")))
  done
  passed=$((passed + p))
  failed=$((failed + f))
done
projects=$(ls tests/*/*.Tests.csproj 2>/dev/null | wc -l)
if [ "$trx_count" -lt "$projects" ]; then
  echo "  $((projects - trx_count)) test project(s) produced no results: counted as failures" >&2
  failed=$((failed + projects - trx_count))
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
