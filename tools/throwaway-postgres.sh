# Sourced by ./test.sh and bench/web.sh: a throw-away PostgreSQL cluster of their own, never a shared one.
#   throwaway_postgres_start   installs Debian's postgresql when it is missing, runs initdb into a temporary folder
#                              as a non-root user (the server refuses root) and starts the server on a free loopback
#                              port; sets POSTGRES_PORT and POSTGRES_SERVER (an Npgsql connection string without a
#                              database). Returns non-zero, having said why, when it cannot.
#   throwaway_postgres_stop    stops the server and deletes the folder (safe to call twice, or when nothing started).
# The server trades durability for speed (fsync off): its data is thrown away.

POSTGRES_CLUSTER=""
POSTGRES_BIN=""

postgres_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

postgres_as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

throwaway_postgres_start() {
  POSTGRES_BIN=$(postgres_bin_dir)
  if [ -z "$POSTGRES_BIN" ]; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing postgresql (apt-get)"
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    POSTGRES_BIN=$(postgres_bin_dir)
    [ -n "$POSTGRES_BIN" ] || { echo "PostgreSQL is not installed and could not be installed"; return 1; }
  fi
  POSTGRES_CLUSTER=$(mktemp -d "${TMPDIR:-/tmp}/leadportal-postgres.XXXXXX")
  [ "$(id -u)" -eq 0 ] && chown postgres "$POSTGRES_CLUSTER"
  POSTGRES_PORT=$((40000 + RANDOM % 20000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$POSTGRES_PORT") 2>/dev/null; do POSTGRES_PORT=$((POSTGRES_PORT + 1)); done
  if ! postgres_as_owner "$POSTGRES_BIN/initdb" -D "$POSTGRES_CLUSTER/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$POSTGRES_CLUSTER/initdb.log" 2>&1; then
    tail -n 20 "$POSTGRES_CLUSTER/initdb.log"; echo "initdb failed"; return 1
  fi
  if ! postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_CLUSTER/data" -l "$POSTGRES_CLUSTER/server.log" -w -t 60 -o \
      "-p $POSTGRES_PORT -k $POSTGRES_CLUSTER -c listen_addresses=127.0.0.1 -c max_connections=500 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${POSTGRES_EXTRA_OPTIONS:-}" \
      start >/dev/null; then
    tail -n 20 "$POSTGRES_CLUSTER/server.log" 2>/dev/null; echo "the PostgreSQL server did not start"; return 1
  fi
  POSTGRES_SERVER="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres"
  echo "PostgreSQL $("$POSTGRES_BIN/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$POSTGRES_PORT, data in $POSTGRES_CLUSTER/data"
}

throwaway_postgres_stop() {
  if [ -n "$POSTGRES_CLUSTER" ] && [ -f "$POSTGRES_CLUSTER/data/postmaster.pid" ]; then
    postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_CLUSTER/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -n "$POSTGRES_CLUSTER" ] && rm -rf "$POSTGRES_CLUSTER"
  POSTGRES_CLUSTER=""
}
