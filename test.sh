#!/usr/bin/env bash
# The test command (README "Tests"): on a fresh Debian machine with only the .NET SDK, installs what the tests need
# and is missing (Chromium for the browser tests, PostgreSQL, with apt; Redocly CLI for the OpenAPI lint, with npm), builds, runs every test project of LeadPortal.sln
# on SQLite, then the integration suite (tests/LeadPortal.Web.Tests) on PostgreSQL in a throw-away cluster, and ends with
# one line "N passed, N failed[, N skipped]" summed over both runs. Exits non-zero on any failure.
#   ./test.sh                 everything
#   ./test.sh --no-build      the existing Debug build
#   ./test.sh <dotnet test arguments>, e.g. ./test.sh --filter "FullyQualifiedName~LeadTally"
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n=== %s\n' "$*"; }

apt_packages() {
  step "apt-get install $*"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null \
    || echo "could not install $*: the tests that need it will fail and say so"
}

# Installs the package of each "command:package" pair whose command is missing.
apt_install() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
  done
  [ ${#missing[@]} -gt 0 ] && apt_packages "${missing[@]}"
  return 0
}

apt_install chromium:chromium node:nodejs npm:npm
[ -n "$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null)" ] || apt_packages postgresql
# Redocly CLI for the OpenAPI lint test, at the version tools/openapi-lint/package-lock.json pins.
if [ ! -f tools/openapi-lint/node_modules/@redocly/cli/bin/cli.js ]; then
  step "npm ci (tools/openapi-lint)"
  (cd tools/openapi-lint && npm ci --no-audit --no-fund --loglevel=error) || echo "could not install Redocly CLI: the OpenAPI lint test will fail and say so"
fi

build=1
filter=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --filter) filter="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

if [ "$build" -eq 1 ]; then
  step "build"
  dotnet build LeadPortal.sln -c Debug -v q || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
fi

results=.test-results
rm -rf "$results"
passed=0; failed=0; skipped=0; lines=()

# Adds the counters of the trx files in $1 to the totals and remembers "label: N passed, N failed".
tally() {
  local dir=$1 label=$2 status=$3 p=0 f=0 s=0
  shopt -s nullglob
  for trx in "$dir"/*.trx; do
    local counters t e tp tf
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    tp=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    tf=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    p=$((p + ${tp:-0})); f=$((f + ${tf:-0})); s=$((s + ${t:-0} - ${e:-0}))
  done
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "$label: dotnet test exited with $status without a failed test (a test host crashed, an assembly did not run, or a set-up step failed)"
    f=1
  fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  lines+=("$label: $p passed, $f failed$([ "$s" -gt 0 ] && echo ", $s skipped")")
}

step "dotnet test LeadPortal.sln (SQLite)"
dotnet test LeadPortal.sln --no-build --logger "trx" --results-directory "$results/sqlite" ${filter:+--filter "$filter"} "${args[@]}"
tally "$results/sqlite" "SQLite, every test project" $?

# The integration suite again on PostgreSQL, in a throw-away cluster of its own (tools/throwaway-postgres.sh), stopped
# on exit, also when tests fail.
step "PostgreSQL: a throw-away cluster"
. tools/throwaway-postgres.sh
trap throwaway_postgres_stop EXIT
pg_status=0
throwaway_postgres_start || pg_status=1

step "dotnet test tests/LeadPortal.Web.Tests (PostgreSQL)"
if [ "$pg_status" -eq 0 ]; then
  # Leaves out the tests that read SQLite's own plans or use no database (they ran above).
  pg_filter="Runs!=SqliteOnly&Runs!=WithoutADatabase"
  [ -n "$filter" ] && pg_filter="($filter)&$pg_filter"
  LEADPORTAL_TEST_DATABASE=PostgreSql LEADPORTAL_TEST_POSTGRES="$POSTGRES_SERVER" \
    dotnet test tests/LeadPortal.Web.Tests --no-build --logger "trx" --results-directory "$results/postgresql" --filter "$pg_filter" "${args[@]}"
  pg_status=$?
fi
tally "$results/postgresql" "PostgreSQL, the integration suite" "$pg_status"

echo
printf '%s\n' "${lines[@]}"
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
