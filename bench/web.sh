#!/usr/bin/env bash
# The web benchmark (issue 11), one command:  bash bench/web.sh
#
# Builds the Release build, seeds a throw-away SQLite database (benchmark-seed: 200,000 leads in one organization and
# 2,000 published partners), starts the app on a free 127.0.0.1 port, signs in through the login form, and drives
# every page with wrk, first at 1 client then at 32, page after page in one run. Prints one table and writes it,
# with the machine, the date and the commit, into docs/benchmarks.md under the section BENCH_LABEL (a later run with
# another label is added beside it; the same label replaces its section). Then runs the expiry benchmark.
#
# On PostgreSQL:  bash bench/web.sh --provider postgresql  (or BENCH_PROVIDER=postgresql): the same data, seeded into
# SQLite and copied into a throw-away PostgreSQL cluster (tools/throwaway-postgres.sh), the app and the expiry
# benchmark on it.
#
# Settings (environment):
#   BENCH_LABEL            section name in docs/benchmarks.md (default: the short commit)
#   BENCH_OUT              file to write (default: docs/benchmarks.md; "-" writes nothing)
#   BENCH_LEADS            leads to seed (200000)            BENCH_PARTNERS   partner profiles (2000)
#   BENCH_DURATION         seconds per page at 1 client (5)  BENCH_LOAD_DURATION  seconds per page at 32 clients (5)
#   BENCH_MAX_DURATION     a slow page's run is stretched so that requests complete, up to this many seconds (45)
#   BENCH_CLIENTS          concurrent clients of the load run (32)
#   BENCH_DEEP_PAGES       how deep the deep marketplace page is (50)   BENCH_STAGE_DEEP_PAGES  same for stage=received (15)
#   BENCH_SETTLE_MAX       longest wait for the app to go idle between runs, seconds (60)
#   BENCH_EXPIRY_LEADS     leads of the expiry benchmark (100000; 0 skips it)
#   BENCH_SKIP_BUILD=1     use the existing Release build
set -euo pipefail
# Decimal points in awk and printf, whatever the locale.
export LC_NUMERIC=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

PROVIDER=${BENCH_PROVIDER:-sqlite}
while (($#)); do
  case $1 in
    --provider) PROVIDER=${2:?--provider needs sqlite or postgresql}; shift 2 ;;
    *) echo "bench/web.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
PROVIDER=${PROVIDER,,}
[[ $PROVIDER == sqlite || $PROVIDER == postgresql ]] || { echo "bench/web.sh: --provider is sqlite or postgresql" >&2; exit 2; }
LEADS=${BENCH_LEADS:-200000}
PARTNERS=${BENCH_PARTNERS:-2000}
DURATION=${BENCH_DURATION:-5}
LOAD_DURATION=${BENCH_LOAD_DURATION:-5}
MAX_DURATION=${BENCH_MAX_DURATION:-45}
CLIENTS=${BENCH_CLIENTS:-32}
DEEP=${BENCH_DEEP_PAGES:-50}
STAGE_DEEP=${BENCH_STAGE_DEEP_PAGES:-15}
SETTLE_MAX=${BENCH_SETTLE_MAX:-60}
EXPIRY_LEADS=${BENCH_EXPIRY_LEADS:-100000}
LABEL=${BENCH_LABEL:-$(git rev-parse --short HEAD)}
OUT=${BENCH_OUT:-$ROOT/docs/benchmarks.md}
TIMEOUT=$((MAX_DURATION + 30))
NPROC=$(nproc)
DLL=$ROOT/src/LeadPortal.Web/bin/Release/net10.0/LeadPortal.Web.dll

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench/web.sh: %s\n' "$*" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/leadportal-bench.XXXXXX")
APP_PID=
stop_app() {
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}
cleanup() {
  local status=$?
  if ((status != 0)) && [[ -s $WORK/app.log ]]; then
    printf '\nlast lines of the app log:\n' >&2
    tail -n 30 "$WORK/app.log" >&2
  fi
  stop_app
  [[ $PROVIDER == postgresql ]] && throwaway_postgres_stop
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools, build, data -------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  say "installing wrk (apt-get)"
  sudo=; ((EUID == 0)) || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || die "curl is needed"

if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
  say "dotnet build -c Release"
  dotnet build -c Release -nologo -v q src/LeadPortal.Web/LeadPortal.Web.csproj >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; die "the Release build failed"; }
fi
[[ -f $DLL ]] || die "no Release build at $DLL"

COPY_TO=()
APP_DATABASE=(Database__Provider=Sqlite ConnectionStrings__LeadPortal="Data Source=$WORK/bench.db")
EXPIRY_DATABASE=()
PROVIDER_NAME=SQLite
if [[ $PROVIDER == postgresql ]]; then
  say "starting a throw-away PostgreSQL cluster"
  . "$ROOT/tools/throwaway-postgres.sh"
  POSTGRES_EXTRA_OPTIONS="-c shared_buffers=1GB -c work_mem=16MB" throwaway_postgres_start >&2 || die "PostgreSQL did not start"
  COPY_TO=(--postgres "$POSTGRES_SERVER;Database=leadportal_bench")
  APP_DATABASE=(Database__Provider=PostgreSql ConnectionStrings__LeadPortal="$POSTGRES_SERVER;Database=leadportal_bench")
  EXPIRY_DATABASE=(--postgres "$POSTGRES_SERVER;Database=leadportal_expiry")
  PROVIDER_NAME="PostgreSQL $("$POSTGRES_BIN/postgres" --version | awk '{ print $3 }')"
fi

say "seeding $LEADS leads and $PARTNERS partners${COPY_TO:+, copied into PostgreSQL}"
(cd src/LeadPortal.Web && dotnet "$DLL" benchmark-seed --database "$WORK/bench.db" --leads "$LEADS" --partners "$PARTNERS" "${COPY_TO[@]}") \
  | grep -v -E '^(info|warn): |^      ' | tee "$WORK/seed.log" >&2
seeded() { sed -n "s/^bench\.$1=//p" "$WORK/seed.log"; }
EMAIL=$(seeded email); PASSWORD=$(seeded password); LEAD=$(seeded lead)
COMPANY=$(seeded company); CONTACT=$(seeded contact); LEAD_EMAIL=$(seeded leademail); KEYWORD=$(seeded keyword)
SEED_SECONDS=$(seeded seconds)
[[ -n $EMAIL && -n $LEAD && -n $COMPANY ]] || die "benchmark-seed did not print its bench.* lines"

# --- the app ------------------------------------------------------------------------------------------------------
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}
PORT=$(free_port) || die "no free port"
BASE=http://127.0.0.1:$PORT

say "starting the app on $BASE"
(
  cd src/LeadPortal.Web
  # The GC settings of the Dockerfile (see there).
  exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x4000000}" \
    "${APP_DATABASE[@]}" \
    Jobs__RunServer=false Notifications__PickupDirectory="$WORK/mail" \
    dotnet "$DLL"
) >"$WORK/app.log" 2>&1 &
APP_PID=$!
for i in $(seq 120); do
  kill -0 "$APP_PID" 2>/dev/null || die "the app stopped while starting"
  curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
  ((i < 120)) || die "/healthz did not answer within 60 s"
  sleep 0.5
done

say "signing in as $EMAIL through the login form"
JAR=$WORK/cookies.txt
curl -fsS -c "$JAR" -b "$JAR" -o "$WORK/login.html" "$BASE/account/login"
TOKEN=$(grep -o '<input[^>]*__RequestVerificationToken[^>]*>' "$WORK/login.html" | head -n 1 | sed -n 's/.*value="\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || die "no antiforgery token on the login page"
SIGNIN=$(curl -sS -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code} %{redirect_url}' \
  --data-urlencode "Email=$EMAIL" --data-urlencode "Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$TOKEN" \
  "$BASE/account/login")
[[ $SIGNIN == 302* ]] || die "sign-in answered $SIGNIN"
# Every cookie of the jar (the auth cookie is HttpOnly, which the jar marks with a #HttpOnly_ prefix).
COOKIE=$(awk -F '\t' '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$JAR")
grep -q 'LeadPortal.Auth' <<<"$COOKIE" || die "no auth cookie after signing in"

fetch() { # path file -> status
  curl -sS -o "$2" -w '%{http_code}' -H "Cookie: $COOKIE" -H 'Accept-Language: en-US' "$BASE$1"
}
follow_next() { # path pages -> the path that many "Next" links further
  local path=$1 status next
  for ((i = 0; i < $2; i++)); do
    status=$(fetch "$path" "$WORK/page.html")
    [[ $status == 200 ]] || die "$path answered $status while following the pager"
    next=$(grep -o 'rel="next" href="[^"]*"' "$WORK/page.html" | head -n 1 | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
    [[ -n $next ]] || die "$path has no Next link (page $((i + 1)))"
    path=$next
  done
  echo "$path"
}
urlencode() {
  local LC_ALL=C s=$1 out= c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in [a-zA-Z0-9.~_-]) out+=$c ;; *) printf -v c '%%%02X' "'$c"; out+=$c ;; esac
  done
  echo "$out"
}

[[ $(fetch /leads/marketplace "$WORK/page.html") == 200 ]] || die "the signed-in marketplace page does not answer 200"
say "following the pager: marketplace $DEEP pages, stage=received $STAGE_DEEP pages"
DEEP_PATH=$(follow_next /leads/marketplace "$DEEP")
STAGE_DEEP_PATH=$(follow_next '/leads/marketplace?stage=received' "$STAGE_DEEP")

PAGES=(
  "/healthz (baseline)|/healthz"
  "marketplace, page 1|/leads/marketplace"
  "qualified, page 1|/leads/qualified"
  "favorites, page 1|/leads/favorites"
  "marketplace, $DEEP pages deep|$DEEP_PATH"
  "marketplace ?stage=received, $STAGE_DEEP pages deep|$STAGE_DEEP_PATH"
  "marketplace ?sort=deadline|/leads/marketplace?sort=deadline"
  "marketplace ?sort=value|/leads/marketplace?sort=value"
  "marketplace ?dir=asc|/leads/marketplace?dir=asc"
  "marketplace ?stage=received|/leads/marketplace?stage=received"
  "marketplace ?stage=accepted|/leads/marketplace?stage=accepted"
  "marketplace ?stage=archived|/leads/marketplace?stage=archived"
  "marketplace ?stage=archived&outcome=won|/leads/marketplace?stage=archived&outcome=won"
  "marketplace ?q=company|/leads/marketplace?q=$(urlencode "$COMPANY")"
  "marketplace ?q=contact|/leads/marketplace?q=$(urlencode "$CONTACT")"
  "marketplace ?q=e-mail|/leads/marketplace?q=$(urlencode "$LEAD_EMAIL")"
  "qualified ?q=company&sort=deadline|/leads/qualified?q=$(urlencode "$COMPANY")&sort=deadline"
  "lead page /leads/{id}|/leads/$LEAD"
  "/insights?period=30|/insights?period=30"
  "/insights?period=90|/insights?period=90"
  "/insights?period=365|/insights?period=365"
  "/partners?q=$KEYWORD (directory)|/partners?q=$(urlencode "$KEYWORD")"
  "CSV export, marketplace|/leads/marketplace/export.csv"
)

# --- measuring ----------------------------------------------------------------------------------------------------
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }
# Waits until the app has used under 5 % of a core for half a second; prints how long it stayed busy.
settle() {
  local start now prev cur
  start=$(date +%s%N); prev=$(cpu_ticks)
  while :; do
    sleep 0.5
    cur=$(cpu_ticks); now=$(date +%s%N)
    ((cur - prev <= 2)) && break
    (((now - start) / 1000000000 >= SETTLE_MAX)) && break
    prev=$cur
  done
  echo $(((now - start) / 1000000 - 500))
}
ceil_div() { echo $((($1 + $2 - 1) / $2)); }

say "warming up (each page once, with curl)"
wrk -t2 -c"$CLIENTS" -d2s "$BASE/healthz" >/dev/null 2>&1 || true
declare -A WARM_STATUS WARM_SECONDS
for i in "${!PAGES[@]}"; do
  path=${PAGES[$i]#*|}
  out=$(curl -sS -o "$WORK/warm.out" -w '%{http_code} %{time_total} %{size_download}' --max-time "$TIMEOUT" \
    -H "Cookie: $COOKIE" -H 'Accept-Language: en-US' "$BASE$path" 2>/dev/null) || true
  [[ -n $out ]] || out="000 0 0"
  read -r WARM_STATUS[$i] WARM_SECONDS[$i] size <<<"$out"
  if [[ $path == *export.csv ]]; then
    EXPORT_NOTE=$(awk -v rows="$(($(wc -l <"$WORK/warm.out") - 1))" -v bytes="$size" -v seconds="${WARM_SECONDS[$i]}" \
      'function group(n,    s, g) { s = sprintf("%d", n); for (g = ""; length(s) > 3; s = substr(s, 1, length(s) - 3)) g = "," substr(s, length(s) - 2) g; return s g }
       BEGIN { printf "one download with curl before the load: %s rows, %.1f MiB in %.2f s", group(rows), bytes / 1048576, seconds }')
  fi
  printf '  %-50s %s in %s s\n' "${PAGES[$i]%%|*}" "${WARM_STATUS[$i]}" "${WARM_SECONDS[$i]}" >&2
done
settle >/dev/null

RESULTS=$WORK/results.tsv
: >"$RESULTS"
run() { # index threads clients seconds -> appends the figures; prints the mean latency (microseconds) and the requests
  local file=$WORK/run.txt
  rm -f "$file"
  BENCH_COOKIE=$COOKIE BENCH_RESULT=$file wrk -t"$2" -c"$3" -d"$4s" --timeout "${TIMEOUT}s" -s "$ROOT/bench/page.lua" \
    "$BASE${PAGES[$1]#*|}" >"$WORK/wrk.out" 2>&1 || true
  [[ -f $file ]] || { cat "$WORK/wrk.out" >&2; die "wrk wrote no figures for ${PAGES[$1]%%|*}"; }
  local busy
  busy=$(settle)
  # shellcheck disable=SC1090
  (
    source "$file"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$3" "$4" "$requests" "$duration_us" \
      "$p50_us" "$p95_us" "$p99_us" "$((not2xx + socket_errors))" "${statuses:-}" "$busy" "$mean_us" >>"$RESULTS"
    echo "$mean_us $requests"
  )
}

say "measuring ${#PAGES[@]} pages: ${DURATION} s at 1 client, then ${LOAD_DURATION} s at $CLIENTS clients (slow pages up to ${MAX_DURATION} s)"
STARTED=$(date +%s)
LOAD_BEFORE=$(cut -d ' ' -f 1-3 /proc/loadavg)
for i in "${!PAGES[@]}"; do
  warm_us=$(awk -v s="${WARM_SECONDS[$i]}" 'BEGIN { printf "%d", s * 1000000 }')
  # Long enough for a few requests to complete: three times the expected latency, within the limits.
  d1=$(ceil_div $((3 * warm_us)) 1000000); ((d1 < DURATION)) && d1=$DURATION; ((d1 > MAX_DURATION)) && d1=$MAX_DURATION
  figures=$(run "$i" 1 1 "$d1"); read -r mean _ <<<"$figures"
  ((mean > 0)) || mean=$warm_us
  # All clients start together and share the cores, so the first answers come only after about clients × the
  # 1-client latency: run for about twice that. A run in which not even one answer per client came back is repeated
  # three times as long (within the limit), replacing its figures.
  d32=$(ceil_div $((2 * mean * CLIENTS)) 1000000)
  ((d32 < LOAD_DURATION)) && d32=$LOAD_DURATION; ((d32 > MAX_DURATION)) && d32=$MAX_DURATION
  figures=$(run "$i" 2 "$CLIENTS" "$d32"); read -r _ requests <<<"$figures"
  if ((requests < CLIENTS && d32 < MAX_DURATION)); then
    d32=$((3 * d32)); ((d32 > MAX_DURATION)) && d32=$MAX_DURATION
    sed -i '$d' "$RESULTS"
    figures=$(run "$i" 2 "$CLIENTS" "$d32"); read -r _ requests <<<"$figures"
  fi
  printf '  %-50s done (%s s + %s s)\n' "${PAGES[$i]%%|*}" "$d1" "$d32" >&2
done
ELAPSED=$(($(date +%s) - STARTED))

# --- insights beside the list: does a crowd on the heaviest report slow down someone paging the list? ---------------
# The list at 1 client alone, then again while $CLIENTS clients load /insights?period=365 for as long.
MIXED_SECONDS=${BENCH_MIXED_DURATION:-10}
if ((MIXED_SECONDS > 0)); then
  say "the list at 1 client, alone and while $CLIENTS clients load /insights?period=365 (${MIXED_SECONDS} s each)"
  mixed() { # label path -> "p50 p95 requests errors" of a 1-client run on path, in microseconds
    local file=$WORK/mixed-$1.txt
    BENCH_COOKIE=$COOKIE BENCH_RESULT=$file wrk -t1 -c1 -d"${MIXED_SECONDS}s" --timeout "${TIMEOUT}s" -s "$ROOT/bench/page.lua" \
      "$BASE$2" >/dev/null 2>&1 || true
    (source "$file" && echo "$p50_us $p95_us $requests $((not2xx + socket_errors))")
  }
  read -r ALONE_P50 ALONE_P95 ALONE_N ALONE_ERR <<<"$(mixed alone /leads/marketplace)"
  settle >/dev/null
  BENCH_COOKIE=$COOKIE BENCH_RESULT=$WORK/mixed-insights.txt wrk -t2 -c"$CLIENTS" -d"$((MIXED_SECONDS + 2))s" --timeout "${TIMEOUT}s" \
    -s "$ROOT/bench/page.lua" "$BASE/insights?period=365" >/dev/null 2>&1 &
  INSIGHTS_LOAD=$!
  sleep 1
  read -r BESIDE_P50 BESIDE_P95 BESIDE_N BESIDE_ERR <<<"$(mixed beside /leads/marketplace)"
  wait "$INSIGHTS_LOAD" || true
  INSIGHTS_RPS=$(source "$WORK/mixed-insights.txt" && awk -v r="$requests" -v d="$duration_us" 'BEGIN { printf "%.0f", (d > 0 ? r * 1000000 / d : 0) }')
  settle >/dev/null
  MIXED_NOTE=$(awk -v a50="$ALONE_P50" -v a95="$ALONE_P95" -v an="$ALONE_N" -v b50="$BESIDE_P50" -v b95="$BESIDE_P95" -v bn="$BESIDE_N" \
    -v errs="$((ALONE_ERR + BESIDE_ERR))" -v irps="$INSIGHTS_RPS" -v clients="$CLIENTS" \
    'BEGIN { printf "marketplace page 1 at 1 client: alone p50 %.1f ms, p95 %.1f ms (%d requests); while %d clients load /insights?period=365 (%s req/s): p50 %.1f ms, p95 %.1f ms (%d requests), so p95 is **%.2f×** its own; %d errors",
      a50 / 1000, a95 / 1000, an, clients, irps, b50 / 1000, b95 / 1000, bn, (a95 > 0 ? b95 / a95 : 0), errs }')
  printf '  %s\n' "$MIXED_NOTE" >&2
fi

# --- what the browser pays: Lighthouse on the same app and data ------------------------------------------------------
LIGHTHOUSE_TABLE=
if [[ ${BENCH_LIGHTHOUSE:-1} != 0 ]]; then
  say "Lighthouse (bench/lighthouse.sh) on the list, a lead page, insights and the directory"
  LIGHTHOUSE_TABLE=$(LEADPORTAL_BENCH_URL=$BASE LEADPORTAL_BENCH_COOKIE=$COOKIE LIGHTHOUSE_OUTPUT=- bash "$ROOT/bench/lighthouse.sh" 2>"$WORK/lighthouse.log" |
    sed -n '/^|/p') || { tail -n 20 "$WORK/lighthouse.log" >&2; LIGHTHOUSE_TABLE="Lighthouse failed: see the run's output."; }
  printf '%s\n' "$LIGHTHOUSE_TABLE" >&2
fi
LOAD_AFTER=$(cut -d ' ' -f 1-3 /proc/loadavg)
HWM=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status")
RSS=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status")
stop_app
LOG_ERRORS=$(grep -c -E '^(fail|crit): ' "$WORK/app.log" || true)
LOG_WARNINGS=$(grep -c -E '^warn: ' "$WORK/app.log" || true)
LOG_KINDS=$(grep -A1 -E '^(warn|fail|crit): ' "$WORK/app.log" | grep -E '^(warn|fail|crit): ' | sed 's/\[[0-9]*\]$//' | sort | uniq -c | sort -rn | head -n 5 |
  awk '{ c = $1; $1 = ""; sub(/^ /, ""); printf "%s%s × %s", sep, $0, c; sep = "; " }' || true)

EXPIRY=
if ((EXPIRY_LEADS > 0)); then
  say "expiry benchmark: benchmark-expiry --leads $EXPIRY_LEADS"
  EXPIRY=$(cd src/LeadPortal.Web && TMPDIR=$WORK Logging__LogLevel__Default=Warning dotnet "$DLL" benchmark-expiry --leads "$EXPIRY_LEADS" "${EXPIRY_DATABASE[@]}" 2>&1 |
    grep -v -E '^(info|warn|dbug): |^fail: Microsoft.EntityFrameworkCore.Database.Connection|^      ' || true)
  printf '%s\n' "$EXPIRY" >&2
fi

# --- the table ----------------------------------------------------------------------------------------------------
TABLE=$(awk -F '\t' -v clients="$CLIENTS" -v labels="$(printf '%s\n' "${PAGES[@]%%|*}")" '
  function ms(us, n) {
    if (n == 0) return "–"
    if (us < 10000) return sprintf("%.1f ms", us / 1000)
    if (us < 1000000) return sprintf("%d ms", us / 1000 + 0.5)
    if (us < 10000000) return sprintf("%.2f s", us / 1000000)
    return sprintf("%.1f s", us / 1000000)
  }
  function rate(r,    s, grouped) {
    if (r < 10) return sprintf("%.1f", r)
    s = sprintf("%d", r + 0.5)
    for (grouped = ""; length(s) > 3; s = substr(s, 1, length(s) - 3)) grouped = "," substr(s, length(s) - 2) grouped
    return s grouped
  }
  function share(r, base,    p) {
    if (base <= 0) return "–"
    p = 100 * r / base
    return p < 9.95 ? sprintf("%.1f %%", p) : sprintf("%d %%", p + 0.5)
  }
  function errors(count, statuses) { return count == 0 ? "0" : (statuses == "" ? count : count " (" statuses ")") }
  BEGIN { n = split(labels, label, "\n") }
  {
    key = $1 "," ($2 == 1 ? 1 : 32)
    rps[key] = $5 > 0 ? $4 * 1000000 / $5 : 0
    line[key] = sprintf("%s | %s | %s | %s | %s", rate(rps[key]), ms($6, $4), ms($7, $4), ms($8, $4), errors($9, $10))
    secs[key] = $3; busy[key] = $11
  }
  END {
    for (i = 0; i < n; i++) if (label[i + 1] ~ /^lead page/) lead = i
    printf "| page | 1 client: req/s | p50 | p95 | p99 | errors | %d clients: req/s | p50 | p95 | p99 | errors | %d-client req/s vs /healthz | vs lead page | %d-client run | app busy after it |\n", clients, clients, clients
    print "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for (i = 0; i < n; i++) {
      b = busy[i ",32"] / 1000
      printf "| %s | %s | %s | %s | %s | %s s | %s |\n", label[i + 1], line[i ",1"], line[i ",32"],
        share(rps[i ",32"], rps["0,32"]), share(rps[i ",32"], rps[lead ",32"]), secs[i ",32"], (b >= 1 ? sprintf("%.1f s", b) : "–")
    }
  }' "$RESULTS")

COMMIT=$(git rev-parse --short HEAD)
BRANCH=$(git rev-parse --abbrev-ref HEAD)
DIRTY=$(git status --porcelain --untracked-files=no | grep -v -F "$(basename "$OUT")" | head -n 1 || true)
CPU=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEMORY=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
OS=$(. /etc/os-release && echo "$PRETTY_NAME")
SEED_SUMMARY=$(grep -E '^(seeded|  )' "$WORK/seed.log" | sed 's/^  /    - /; s/^seeded/  - seeded/')

SECTION=$(
  cat <<EOF
## $LABEL

- **when**: $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$COMMIT\` (branch \`$BRANCH\`)${DIRTY:+, with uncommitted changes}
- **machine**: $NPROC cores ($CPU), $MEMORY memory, $OS; .NET $(dotnet --version), $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }'); load average (1, 5, 15 min) $LOAD_BEFORE before the runs, $LOAD_AFTER after them (other work on the machine shows here)
- **data** (\`benchmark-seed --leads $LEADS --partners $PARTNERS\`, ${SEED_SECONDS} s):
$SEED_SUMMARY
- **load**: \`bash bench/web.sh$([[ $PROVIDER == postgresql ]] && echo ' --provider postgresql')\`, the Release build with \`ASPNETCORE_ENVIRONMENT=Production\`, **$PROVIDER_NAME**, \`Jobs__RunServer=false\`; each page with \`wrk -t1 -c1\` for ${DURATION} s, then \`wrk -t2 -c$CLIENTS\` for ${LOAD_DURATION} s (a slow page's run is stretched to about twice $CLIENTS times its 1-client latency, and repeated three times as long when fewer than $CLIENTS answers came back, at most ${MAX_DURATION} s; requests still running when wrk stops are not counted), the pages one after the other in the order below, waiting for the app to go idle between runs. Errors are answers other than 2xx and socket errors. ${ELAPSED} s of load in all.
- **app process**: peak RSS (VmHWM) **$HWM MiB**, RSS at the end $RSS MiB; app log: $LOG_ERRORS errors, $LOG_WARNINGS warnings${LOG_KINDS:+ ($LOG_KINDS)}
- **CSV export**: ${EXPORT_NOTE:-not measured}
- **insights beside the list**: ${MIXED_NOTE:-not measured}

$TABLE
EOF
  if [[ -n $LIGHTHOUSE_TABLE ]]; then
    printf '\nLighthouse (`bench/lighthouse.sh`: Lighthouse 13, mobile defaults, Debian'"'"'s Chromium, on the app and data above; the directory signed out):\n\n%s\n' "$LIGHTHOUSE_TABLE"
  fi
  if [[ -n $EXPIRY ]]; then
    printf '\nExpiry benchmark (`benchmark-expiry --leads %s`, after the web load, on its own database):\n\n```\n%s\n```\n' "$EXPIRY_LEADS" "$EXPIRY"
  fi
)

printf '\n%s\n' "$SECTION"

if [[ $OUT != - ]]; then
  if [[ ! -f $OUT ]]; then
    cat >"$OUT" <<'EOF'
# Benchmarks

Written by `bash bench/web.sh` (see README, "Web benchmark"): each section is one run, under the label given with
`BENCH_LABEL`; a run with a label already here replaces that section, any other label is added at the end. Absolute
figures wander with the machine and its neighbours; compare the ratios (a page's throughput as a share of `/healthz` and
of the lead page, measured in the same run).
EOF
  fi
  printf '%s\n' "$SECTION" >"$WORK/section.md"
  awk -v label="$LABEL" -v section="$WORK/section.md" '
    function emit() { while ((getline l < section) > 0) print l; close(section) }
    $0 == "<!-- bench:" label ":start -->" { print; emit(); skip = 1; done = 1; next }
    $0 == "<!-- bench:" label ":end -->" { skip = 0 }
    !skip { print }
    END { if (!done) { print ""; print "<!-- bench:" label ":start -->"; emit(); print "<!-- bench:" label ":end -->" } }
  ' "$OUT" >"$WORK/out.md"
  cp "$WORK/out.md" "$OUT"
  say "written to ${OUT#"$ROOT"/} (section \"$LABEL\")"
fi
