#!/usr/bin/env bash
# A throwaway PostgreSQL server for SolarHub's tests, on 127.0.0.1 only, from Debian's postgresql package.
#
#   scripts/postgres-test-server.sh start <dir>   start (or find running) a cluster under <dir>/postgres; prints the
#                                                 connection string on stdout (last line), e.g.
#                                                 postgresql://postgres@127.0.0.1:54329/solarhub_test
#   scripts/postgres-test-server.sh stop <dir>    stop it and delete the cluster
#   scripts/postgres-test-server.sh status <dir>  print the connection string if it runs (exit 1 if not)
#
# Typical use:
#   export SOLARHUB_TEST_POSTGRES="$(scripts/postgres-test-server.sh start build/postgres)"
#   dotnet test ...
#   scripts/postgres-test-server.sh stop build/postgres
#
# <dir>/postgres/env holds "export SOLARHUB_TEST_POSTGRES=..." for `source`. Progress goes to stderr.
# As root, the server runs as the postgres OS user (initdb refuses root); the package is installed with apt-get
# when missing. Authentication is "trust" on 127.0.0.1 and fsync is off: for tests only, never for data.
set -euo pipefail

usage() { echo "usage: $0 start|stop|status <dir>" >&2; exit 2; }
log() { echo "postgres-test-server: $*" >&2; }

[[ $# -eq 2 ]] || usage
action=$1
base=$(realpath -m "$2")
home="$base/postgres"
database=solarhub_test

find_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$bin" && -x "$bin/initdb" && -x "$bin/pg_ctl" ]] && echo "$bin"
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port
  for port in $(seq 54320 54999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  log "no free port in 54320-54999"; exit 1
}

url_of() { echo "postgresql://postgres@127.0.0.1:$(cat "$home/port")/$database"; }

# The cluster's real folder (when <dir> is out of the postgres user's reach, <dir>/postgres links to /tmp).
data_dir() { echo "$(realpath -m "$home")/data"; }

running() {
  local bin=$1
  [[ -f "$home/port" && -d "$(data_dir)" ]] && as_owner "$bin/pg_ctl" -D "$(data_dir)" status >/dev/null 2>&1
}

start() {
  local bin
  bin=$(find_bin || true)
  if [[ -z "$bin" ]]; then
    if [[ $(id -u) -ne 0 ]]; then log "PostgreSQL is not installed (/usr/lib/postgresql/*/bin) and installing it needs root: apt-get install -y postgresql"; exit 1; fi
    log "installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin=$(find_bin) || { log "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"; exit 1; }
  fi

  if running "$bin"; then
    log "already running on port $(cat "$home/port")"
    write_env
    url_of
    return
  fi

  mkdir -p "$base"
  # The server user must reach the cluster: under a folder it cannot enter (e.g. /root), use /tmp and link to it.
  if [[ ! -e "$home" ]]; then
    mkdir -p "$home"
    if [[ $(id -u) -eq 0 ]]; then
      chown postgres: "$home"
      if ! runuser -u postgres -- test -w "$home"; then
        rmdir "$home"
        local elsewhere
        elsewhere=$(mktemp -d /tmp/solarhub-postgres-XXXXXX)
        chown postgres: "$elsewhere"
        ln -s "$elsewhere" "$home"
        log "$base is not reachable by the postgres user: the cluster lives in $elsewhere"
      fi
    fi
  fi
  local data
  data=$(data_dir)
  rm -rf "$data"
  if [[ $(id -u) -eq 0 ]]; then chown -h postgres: "$home"; chown postgres: "$(realpath "$home")"; fi

  log "creating a cluster in $data with $bin"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$home/initdb.log" 2>&1 \
    || { cat "$home/initdb.log" >&2; exit 1; }

  local port attempt
  for attempt in 1 2 3; do
    port=$(free_port)
    echo "$port" >"$home/port"
    log "starting on 127.0.0.1:$port"
    if as_owner "$bin/pg_ctl" -D "$data" -l "$(realpath "$home")/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >&2; then
      break
    fi
    log "could not start on port $port (attempt $attempt)"; tail -n 5 "$home/server.log" >&2 || true
    [[ $attempt -eq 3 ]] && exit 1
  done

  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE DATABASE $database" >&2
  write_env
  log "ready: $(url_of)"
  url_of
}

write_env() {
  echo "export SOLARHUB_TEST_POSTGRES=$(url_of)" >"$home/env"
}

stop() {
  local bin
  bin=$(find_bin || true)
  if [[ -n "$bin" && -d "$(data_dir)" ]]; then
    if running "$bin"; then
      log "stopping"
      as_owner "$bin/pg_ctl" -D "$(data_dir)" -m fast -w -t 30 stop >&2 || true
    fi
  fi
  if [[ -L "$home" ]]; then rm -rf "$(realpath "$home")"; fi
  rm -rf "$home"
  log "stopped and removed $home"
}

status() {
  local bin
  bin=$(find_bin || true)
  if [[ -n "$bin" ]] && running "$bin"; then url_of; else log "not running"; exit 1; fi
}

case "$action" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
