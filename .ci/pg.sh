#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the tests.
#
#   bash .ci/pg.sh start   creates a cluster in a fresh dir under /tmp, listening on 127.0.0.1 on a free port, with a
#                          database zou4j_test; prints its JDBC URL (the only line on stdout; logs go to stderr).
#   bash .ci/pg.sh stop    stops it (fast mode) and removes its dir.
#   bash .ci/pg.sh url     prints the URL of the running cluster.
#   . .ci/pg.sh start      (sourced) also exports ZOU_TEST_PG_URL in the calling shell.
#
# The cluster is remembered in a state file keyed by this checkout's path (override with ZOU_PG_STATE), so two
# checkouts never touch each other's cluster, and a cluster left over by an interrupted run is replaced on start.
# As root, the server runs as the `postgres` user (initdb refuses root) from a dir it owns under /tmp, so the
# checkout itself need not be readable by `postgres`. Missing server binaries are installed with apt-get.

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  # Sourced: run in a child so `set -e` and `exit` stay out of the caller's shell.
  if [[ "${1:-}" == start ]]; then
    ZOU_TEST_PG_URL="$(bash "${BASH_SOURCE[0]}" start)" && export ZOU_TEST_PG_URL && echo "ZOU_TEST_PG_URL=$ZOU_TEST_PG_URL"
  else
    bash "${BASH_SOURCE[0]}" "$@"
  fi
  return $?
fi

set -euo pipefail

DB_NAME=zou4j_test
repo="$(cd "$(dirname "$0")/.." && pwd)"
state="${ZOU_PG_STATE:-/tmp/zou4j-pg-$(printf %s "$repo" | cksum | cut -d' ' -f1).state}"

log() { echo "pg.sh: $*" >&2; }

# Runs a server binary as the cluster's owner, from a dir that owner can enter (initdb and pg_ctl need a cwd).
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    (cd /tmp && runuser -u postgres -- "$@")
  else
    (cd /tmp && "$@")
  fi
}

find_bin() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$initdb" ]] && dirname "$initdb"
}

ensure_server() {
  local bin
  if ! bin="$(find_bin)"; then
    [[ $EUID -eq 0 ]] || { log "no PostgreSQL server binaries and not root: install postgresql-15"; exit 1; }
    log "installing the PostgreSQL server (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql-15 >&2 || apt-get install -y postgresql >&2
    bin="$(find_bin)" || { log "PostgreSQL server binaries still missing after apt-get"; exit 1; }
  fi
  if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  echo "$bin"
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    local port
    while :; do
      port=$((20000 + RANDOM % 40000))
      # Nothing answers there: take it (start retries another port if it was taken meanwhile).
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
  fi
}

read_state() {
  PG_DIR="" PG_BIN="" PG_PORT=""
  [[ -f "$state" ]] || return 1
  # shellcheck disable=SC1090
  source "$state"
  [[ -n "$PG_DIR" ]]
}

url_of() { echo "jdbc:postgresql://127.0.0.1:$1/$DB_NAME?user=postgres"; }

stop_cluster() {
  local dir="$1" bin="$2"
  if [[ -f "$dir/data/postmaster.pid" && -x "$bin/pg_ctl" ]]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || log "pg_ctl stop failed for $dir"
  fi
  # Only ever delete what looks like one of our cluster dirs.
  case "$dir" in
    /tmp/zou4j-pg.*) rm -rf -- "$dir" ;;
    *) log "not removing unexpected dir $dir" ;;
  esac
}

cmd_stop() {
  if read_state; then
    log "stopping the cluster in $PG_DIR (port $PG_PORT)"
    stop_cluster "$PG_DIR" "$PG_BIN"
  else
    log "no cluster to stop"
  fi
  rm -f -- "$state"
}

cmd_start() {
  if read_state; then
    log "replacing a cluster left over in $PG_DIR"
    cmd_stop
  fi
  local port="" attempt
  NEW_BIN="$(ensure_server)"
  NEW_DIR="$(mktemp -d /tmp/zou4j-pg.XXXXXXXX)"
  # Remove a half-made cluster if anything below fails.
  trap '[[ -n "${STARTED:-}" ]] || stop_cluster "$NEW_DIR" "$NEW_BIN"' EXIT
  mkdir -p "$NEW_DIR/data" "$NEW_DIR/run"
  if [[ $EUID -eq 0 ]]; then chown -R postgres:postgres "$NEW_DIR"; fi
  if ! as_owner "$NEW_BIN/initdb" -D "$NEW_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      --no-sync --no-instructions >"$NEW_DIR/initdb.log" 2>&1; then
    cat "$NEW_DIR/initdb.log" >&2
    exit 1
  fi
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    # fsync off: a throw-away cluster, recreated on every run. More connections: each test class has a pool.
    if as_owner "$NEW_BIN/pg_ctl" -D "$NEW_DIR/data" -l "$NEW_DIR/run/pg.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 \
-p $port -c unix_socket_directories=$NEW_DIR/run -c max_connections=200 -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off" start >/dev/null; then
      break
    fi
    log "start on port $port failed (attempt $attempt):"
    tail -n 5 "$NEW_DIR/run/pg.log" >&2 || true
    port=""
  done
  [[ -n "$port" ]] || { log "could not start PostgreSQL"; exit 1; }
  for _ in $(seq 1 60); do
    "$NEW_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
    sleep 0.5
  done
  "$NEW_BIN/pg_isready" -h 127.0.0.1 -p "$port" -U postgres >&2
  "$NEW_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE DATABASE $DB_NAME" >&2
  # Remembered only once it works: `stop` and the next `start` find it here.
  printf 'PG_DIR=%q\nPG_BIN=%q\nPG_PORT=%q\n' "$NEW_DIR" "$NEW_BIN" "$port" >"$state"
  STARTED=1
  log "PostgreSQL $("$NEW_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $NEW_DIR"
  url_of "$port"
}

cmd_url() {
  read_state || { log "no cluster running (state $state)"; exit 1; }
  url_of "$PG_PORT"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  *) echo "usage: bash .ci/pg.sh start|stop|url" >&2; exit 2 ;;
esac
