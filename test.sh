#!/usr/bin/env bash
# The test command (README "Tests"): on a fresh Debian machine with only the .NET SDK, installs what the tests need
# and is missing (Chromium for the browser tests, with apt), builds, runs every test project of LeadPortal.sln and
# ends with one line "N passed, N failed[, N skipped]" summed over every test assembly. Exits non-zero on any failure.
#   ./test.sh                 everything
#   ./test.sh --no-build      the existing Debug build
#   ./test.sh <dotnet test arguments>, e.g. ./test.sh --filter "FullyQualifiedName~LeadTally"
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n=== %s\n' "$*"; }

apt_install() {
  local missing=()
  for pair in "$@"; do
    local cmd=${pair%%:*} pkg=${pair##*:}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
      || echo "could not install ${missing[*]}: the tests that need it will fail and say so"
  fi
}

apt_install chromium:chromium

build=1
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then build=0; else args+=("$arg"); fi
done

if [ "$build" -eq 1 ]; then
  step "build"
  dotnet build LeadPortal.sln -c Debug -v q || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
fi

step "dotnet test LeadPortal.sln"
results=.test-results
rm -rf "$results"
dotnet test LeadPortal.sln --no-build --logger "trx" --results-directory "$results" "${args[@]}"
test_status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $test_status without a failed test (a test host crashed or an assembly did not run)"
  failed=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo
echo "$summary"
[ "$failed" -eq 0 ]
