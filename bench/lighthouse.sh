#!/usr/bin/env bash
# What the browser pays: Lighthouse (mobile defaults, simulated throttling) on the lead list, a lead page, insights
# and the public partner directory. Prints a table and writes it into docs/lighthouse.md.
#
#   bench/lighthouse.sh                  builds and starts the Release build on a free 127.0.0.1 port, with the demo
#                                        data on a fresh SQLite file, and signs in through the login form
#   LEADPORTAL_BENCH_URL=http://127.0.0.1:5000 LEADPORTAL_BENCH_COOKIE='LeadPortal.Auth=…' bench/lighthouse.sh
#                                        measures an app that is already running (bench/web.sh does this); the cookie
#                                        is the whole Cookie header of a signed-in PartnerAdmin
#
# LIGHTHOUSE_RUNS (default 3) runs per page; the table shows the run with the median performance score.
# LIGHTHOUSE_OUTPUT (default docs/lighthouse.md) is where the table goes; LIGHTHOUSE_OUTPUT=- prints it only.
# LIGHTHOUSE_REPORTS=<folder> keeps every run's JSON report there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${LIGHTHOUSE_RUNS:-3}
output=${LIGHTHOUSE_OUTPUT:-docs/lighthouse.md}
chrome=/usr/bin/chromium
chrome_flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run"

log() { printf '%s\n' "$*" >&2; }

# ---- tools: Debian's Chromium, and Lighthouse pinned by bench/lighthouse/package-lock.json ----
if [ ! -x "$chrome" ]; then
  log "installing Debian's chromium"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
lighthouse=bench/lighthouse/node_modules/.bin/lighthouse
wanted=$(node -p "require('./bench/lighthouse/package.json').dependencies.lighthouse")
if [ ! -x "$lighthouse" ] || [ "$("$lighthouse" --version)" != "$wanted" ]; then
  log "installing lighthouse $wanted"
  # Lighthouse 13 declares node >= 22.19 but runs on Debian's Node 20 for the CLI audits used here.
  (cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false >/dev/null)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/leadportal-lighthouse.XXXXXX")
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -n "${LIGHTHOUSE_REPORTS:-}" ]; then mkdir -p "$LIGHTHOUSE_REPORTS" && cp "$work"/report-*.json "$LIGHTHOUSE_REPORTS"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# ---- the app: an already running one, or the Release build started here ----
if [ -n "${LEADPORTAL_BENCH_URL:-}" ]; then
  base=${LEADPORTAL_BENCH_URL%/}
  cookie=${LEADPORTAL_BENCH_COOKIE:?LEADPORTAL_BENCH_COOKIE must be set with LEADPORTAL_BENCH_URL}
else
  log "building the Release build"
  dotnet build src/LeadPortal.Web -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  log "starting it on $base"
  (cd src/LeadPortal.Web && \
    ASPNETCORE_ENVIRONMENT=Development \
    ConnectionStrings__LeadPortal="Data Source=$work/leadportal.db" \
    Notifications__PickupDirectory="$work/mail" \
    Jobs__RunServer=false \
    Logging__LogLevel__Default=Warning \
    exec dotnet bin/Release/net10.0/LeadPortal.Web.dll --urls "$base") >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fsS -o /dev/null "$base/healthz" || { log "the app did not answer /healthz"; cat "$work/app.log" >&2; exit 1; }

  # Sign in through the real form: its antiforgery token and cookie, then the auth cookie.
  jar="$work/cookies.txt"
  token=$(curl -fsS -c "$jar" "$base/account/login" |
    sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$token" ] || { log "no antiforgery token on the login page"; exit 1; }
  status=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" "$base/account/login" \
    --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Email=admin@contoso.test" --data-urlencode "Password=LeadPortal!2026")
  [ "$status" = 302 ] || { log "sign-in answered $status, not a redirect"; exit 1; }
  cookie=$(awk -F '\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
fi
case "$cookie" in *LeadPortal.Auth=*) ;; *) log "the cookie has no LeadPortal.Auth"; exit 1 ;; esac

lead_id=$(curl -fsS -H "Cookie: $cookie" "$base/leads/marketplace" | grep -o 'data-lead-id="[^"]*"' | head -n 1 | cut -d '"' -f 2)
[ -n "$lead_id" ] || { log "no lead on /leads/marketplace (is the cookie signed in?)"; exit 1; }

# page label | path | signed in?  (the directory is measured as the anonymous customer who uses it)
pages=(
  "lead list|/leads/marketplace|yes"
  "lead page|/leads/$lead_id|yes"
  "insights|/insights|yes"
  "partner directory|/partners|no"
)

headers_file="$work/headers.json"
node -e 'process.stdout.write(JSON.stringify({ Cookie: process.argv[1] }))' "$cookie" >"$headers_file"

# One line per run: performance accessibility best-practices lcp_ms fcp_ms tbt_ms cls bytes
summarize() {
  node -e '
    const r = require(process.argv[1]);
    const s = k => Math.round(r.categories[k].score * 100);
    const a = k => r.audits[k].numericValue;
    console.log([s("performance"), s("accessibility"), s("best-practices"),
      Math.round(a("largest-contentful-paint")), Math.round(a("first-contentful-paint")),
      Math.round(a("total-blocking-time")), a("cumulative-layout-shift").toFixed(3),
      Math.round(a("total-byte-weight") / 1024)].join(" "));' "$1"
}

rows=()
for entry in "${pages[@]}"; do
  IFS='|' read -r label path signed_in <<<"$entry"
  results=()
  for run in $(seq 1 "$runs"); do
    report="$work/report-${path//\//_}-$run.json"
    extra=()
    [ "$signed_in" = yes ] && extra=(--extra-headers "$headers_file")
    log "lighthouse $path (run $run of $runs)"
    CHROME_PATH=$chrome "$lighthouse" "$base$path" --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices \
      --chrome-flags="$chrome_flags" "${extra[@]}" >"$work/lighthouse.log" 2>&1 ||
      { cat "$work/lighthouse.log" >&2; exit 1; }
    final=$(node -p 'require(process.argv[1]).finalDisplayedUrl' "$report")
    case "$final" in *"$path"*) ;; *) log "$path ended at $final (signed out?)"; exit 1 ;; esac
    results+=("$(summarize "$report")")
  done
  # The run with the median performance score.
  median=$(printf '%s\n' "${results[@]}" | sort -n -k1,1 | sed -n "$(( (runs + 1) / 2 ))p")
  all=$(printf '%s\n' "${results[@]}" | cut -d ' ' -f 1 | paste -sd ',' -)
  read -r perf a11y bp lcp fcp tbt cls kib <<<"$median"
  rows+=("| $label (\`${path/$lead_id/\{id\}}\`) | **$perf** ($all) | $a11y | $bp | $(awk "BEGIN { printf \"%.1f s\", $lcp / 1000 }") | $(awk "BEGIN { printf \"%.1f s\", $fcp / 1000 }") | $tbt ms | $cls | $kib KiB |")
done

chromium_version=$("$chrome" --version 2>/dev/null | sed 's/ built on.*//')
commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- src 2>/dev/null || commit="$commit (with uncommitted changes under src/)"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
table=$(
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on commit $commit, $(nproc) cores ($cpu), $memory, $(. /etc/os-release && echo "$PRETTY_NAME");"
  echo "Lighthouse $("$lighthouse" --version) (mobile defaults: simulated slow 4G and 4× CPU slowdown) driving $chromium_version;"
  if [ -n "${LEADPORTAL_BENCH_URL:-}" ]; then app="the one already running at $base"; else app="the Release build with the Development demo data"; fi
  echo "app: $app. Median of $runs runs (all runs' performance scores in brackets)."
  echo
  echo "| page | performance | accessibility | best practices | LCP | FCP | TBT | CLS | transferred |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
)

echo
echo "$table"
if [ "$output" != - ]; then
  mkdir -p "$(dirname "$output")"
  [ -f "$output" ] || printf '# Lighthouse\n\n<!-- lighthouse:begin -->\n<!-- lighthouse:end -->\n' >"$output"
  # Replace what is between the markers; the rest of the file is written by hand.
  node -e '
    const fs = require("fs");
    const [file, table] = process.argv.slice(1);
    const text = fs.readFileSync(file, "utf8");
    const begin = "<!-- lighthouse:begin -->", end = "<!-- lighthouse:end -->";
    const i = text.indexOf(begin), j = text.indexOf(end);
    if (i < 0 || j < i) { console.error(file + " has no " + begin + " … " + end + " markers"); process.exit(1); }
    fs.writeFileSync(file, text.slice(0, i + begin.length) + "\n" + table + "\n" + text.slice(j));' "$output" "$table"
  log "written to $output"
fi
