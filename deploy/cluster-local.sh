#!/usr/bin/env bash
# A SolarHub cluster on one machine, everything on 127.0.0.1: a throwaway PostgreSQL and nodes n1..nN, each a
# `solarhub run --cluster` process of its own. For trying the cluster out (docs/cluster.md) and for the tests.
#
#   deploy/cluster-local.sh start [--dir DIR] [--nodes 3] [--solarhub CMD] [--remoting-port 4053] [--http-port 5081]
#                                 [--database URL] [--demo [--gateway-port 8901]] [--wait 60] [-- RUN-ARGS...]
#       Starts (or reuses) a throwaway PostgreSQL under DIR (scripts/postgres-test-server.sh), then the nodes that do not
#       run yet, each in the background:
#         solarhub run --cluster --node nK --remoting 127.0.0.1:<remoting-port+K-1>
#                      --seeds 127.0.0.1:<remoting-port>,...,127.0.0.1:<remoting-port+N-1>
#                      --urls http://127.0.0.1:<http-port+K-1> --database <the PostgreSQL> [RUN-ARGS...]
#       with its output in DIR/nK.log and its pid in DIR/nK.pid; waits until every node's GET /health/live answers 200
#       (at most --wait seconds), then prints on stdout one line per node
#         nK <pid> http://127.0.0.1:<port> 127.0.0.1:<remoting port>
#       and a last line: cluster: N node(s) up, database <url>, dir <DIR>
#       A node that exits or does not answer in time fails the start (exit 1), naming the node and showing the end of
#       its log; the nodes this start began are then stopped (PostgreSQL is kept, `stop` removes it).
#       --database URL   use this PostgreSQL instead of starting one (`stop` then leaves it alone)
#       --demo           a try-out without hardware: before the nodes start, one `solarhub simulate` gateway per bank
#                        on 127.0.0.1:<gateway-port+0..2> (DIR/sim-<bank>.log) and three banks, house, garage and shed,
#                        stored with `solarhub config bank add <bank> --packs 1-3 --tcp ...` (kept if already stored).
#                        Without --demo the database is left as it is (an empty one: `run` does what it does on an
#                        empty database).
#       -- RUN-ARGS      more options for every node's `run` (e.g. -- --verbose)
#       Settings are saved in DIR/cluster.env: the other verbs take only --dir. A second `start` on the same DIR starts
#       only what is not running; changing its settings needs a `stop` first.
#   deploy/cluster-local.sh stop [--dir DIR]         SIGTERM to every node (a graceful leave), SIGKILL to those still
#                                                    running after 20 s; stops the demo gateways and deletes the
#                                                    throwaway PostgreSQL. The logs stay in DIR.
#   deploy/cluster-local.sh kill <node> [--dir DIR]  SIGKILL to one node (a node loss, as a power cut)
#   deploy/cluster-local.sh start-node <node> [--dir DIR]   starts that node again, with the saved settings; prints
#                                                    its line as `start` does
#   deploy/cluster-local.sh status [--dir DIR]       a line per node, `nK <pid|-> <url> <remoting> live|running|stopped`
#                                                    (live: /health/live answers 200), then the database; exit 0 when
#                                                    every node is live, 3 when one is not
#
# Defaults, each also from the environment (an option wins over it):
#   DIR            CLUSTER_LOCAL_DIR            artifacts/cluster-local in this checkout
#   --nodes        CLUSTER_LOCAL_NODES          3 (1-20); every node is a seed, n1 the first
#   --remoting-port CLUSTER_LOCAL_REMOTING_PORT 4053: n1 4053, n2 4054, n3 4055
#   --http-port    CLUSTER_LOCAL_HTTP_PORT      5081: n1 5081, n2 5082, n3 5083 (5080, solarhub run's default, is left
#                                               to a single hub)
#   --gateway-port CLUSTER_LOCAL_GATEWAY_PORT   8901: house 8901, garage 8902, shed 8903
#   --wait         CLUSTER_LOCAL_WAIT           60 seconds for the nodes to answer
#                  CLUSTER_LOCAL_STOP_WAIT      20 seconds for `stop`'s graceful leave before SIGKILL
#   --solarhub     CLUSTER_LOCAL_SOLARHUB       the CLI already built in this checkout
#                  (src/SolarHub.Cli/bin/Release/net10.0/solarhub, or its solarhub.dll with dotnet), else `solarhub` on
#                  PATH, else built once with ./solarhub.sh. CMD is split on spaces, e.g. "dotnet /x/solarhub.dll".
# The nodes run in the directory `start` was called from, with its environment (SOLARHUB_API_TOKEN, for instance, is
# seen by every node). They run as the user who calls this script, root or not; PostgreSQL runs as the postgres user
# when called as root (scripts/postgres-test-server.sh). Nothing listens anywhere but 127.0.0.1.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
postgres_script="$repo/scripts/postgres-test-server.sh"
demo_banks=(house garage shed)
stop_wait=${CLUSTER_LOCAL_STOP_WAIT:-20}

log() { echo "cluster-local: $*" >&2; }
die() { log "$*"; exit 1; }
usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

# ---- settings -------------------------------------------------------------------------------------------------------

dir=${CLUSTER_LOCAL_DIR:-$repo/artifacts/cluster-local}
nodes=${CLUSTER_LOCAL_NODES:-3}
remoting_port=${CLUSTER_LOCAL_REMOTING_PORT:-4053}
http_port=${CLUSTER_LOCAL_HTTP_PORT:-5081}
gateway_port=${CLUSTER_LOCAL_GATEWAY_PORT:-8901}
wait_seconds=${CLUSTER_LOCAL_WAIT:-60}
solarhub_text=${CLUSTER_LOCAL_SOLARHUB:-}
external_database=
demo=0
run_args=()
target_node=

[[ $# -ge 1 ]] || usage
verb=$1
shift

need_value() { [[ $# -ge 2 && -n "$2" ]] || { log "$1 needs a value"; usage; }; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) need_value "$@"; dir=$2; shift 2 ;;
    --nodes) need_value "$@"; nodes=$2; shift 2 ;;
    --solarhub) need_value "$@"; solarhub_text=$2; shift 2 ;;
    --remoting-port) need_value "$@"; remoting_port=$2; shift 2 ;;
    --http-port) need_value "$@"; http_port=$2; shift 2 ;;
    --gateway-port) need_value "$@"; gateway_port=$2; shift 2 ;;
    --database) need_value "$@"; external_database=$2; shift 2 ;;
    --wait) need_value "$@"; wait_seconds=$2; shift 2 ;;
    --demo) demo=1; shift ;;
    --) shift; run_args=("$@"); break ;;
    -h|--help) usage ;;
    -*) log "unknown option $1"; usage ;;
    *) [[ -z "$target_node" ]] || { log "one node at a time: $target_node and $1"; usage; }; target_node=$1; shift ;;
  esac
done

is_number() { [[ $1 =~ ^[0-9]+$ ]]; }
is_number "$stop_wait" || die "CLUSTER_LOCAL_STOP_WAIT: '$stop_wait' is not a number"
for pair in "nodes:$nodes" "remoting-port:$remoting_port" "http-port:$http_port" "gateway-port:$gateway_port" "wait:$wait_seconds"; do
  is_number "${pair#*:}" || die "--${pair%%:*}: '${pair#*:}' is not a number"
done
(( nodes >= 1 && nodes <= 20 )) || die "--nodes: $nodes is not 1-20"
for pair in "remoting-port:$remoting_port" "http-port:$http_port" "gateway-port:$gateway_port"; do
  (( ${pair#*:} >= 1 && ${pair#*:} + 19 <= 65535 )) || die "--${pair%%:*}: ${pair#*:} leaves no room for 20 ports below 65536"
done
case "$verb" in
  start|stop|kill|start-node|status) ;;
  -h|--help|help) usage ;;
  *) log "unknown verb '$verb'"; usage ;;
esac
if [[ $verb == start ]]; then
  mkdir -p "$dir"
elif [[ ! -d "$dir" ]]; then
  [[ $verb == stop ]] && { log "no cluster was started in $dir"; exit 0; }
  die "no cluster was started in $dir"
fi
dir=$(cd "$dir" && pwd)
state="$dir/cluster.env"

# The saved settings, as shell assignments (printf %q), read back with `source` by every verb.
save_state() {
  {
    printf 'nodes=%q\nremoting_port=%q\nhttp_port=%q\ngateway_port=%q\ndemo=%q\n' "$nodes" "$remoting_port" "$http_port" "$gateway_port" "$demo"
    printf 'database=%q\nexternal_database=%q\nworkdir=%q\n' "$database" "$external_database" "$workdir"
    printf 'solarhub_cmd=('; printf '%q ' "${solarhub_cmd[@]}"; printf ')\n'
    printf 'run_args=('; [[ ${#run_args[@]} -eq 0 ]] || printf '%q ' "${run_args[@]}"; printf ')\n'
  } >"$state.new"
  mv "$state.new" "$state"
}

load_state() {
  [[ -f "$state" ]] || die "no cluster was started in $dir (no $state): deploy/cluster-local.sh start --dir $dir"
  # shellcheck source=/dev/null
  source "$state"
}

# What `start` was asked for, to compare with what runs: the same settings, or a stop first.
settings_key() { printf '%s|' "$nodes" "$remoting_port" "$http_port" "$gateway_port" "$demo" "$external_database" "${solarhub_cmd[@]}" -- "${run_args[@]}"; }

resolve_solarhub() {
  local built="$repo/src/SolarHub.Cli/bin/Release/net10.0"
  if [[ -n "$solarhub_text" ]]; then
    read -r -a solarhub_cmd <<<"$solarhub_text"
    [[ ${#solarhub_cmd[@]} -gt 0 ]] || die "--solarhub is empty"
  elif [[ -x "$built/solarhub" ]]; then
    # Built already (by ./solarhub.sh or the tests): three nodes must not build three times, at once, in one folder.
    solarhub_cmd=("$built/solarhub")
  elif [[ -f "$built/solarhub.dll" ]] && command -v dotnet >/dev/null 2>&1; then
    solarhub_cmd=(dotnet "$built/solarhub.dll")
  elif command -v solarhub >/dev/null 2>&1; then
    solarhub_cmd=("$(command -v solarhub)")
  else
    log "building the CLI once with ./solarhub.sh"
    "$repo/solarhub.sh" --help >/dev/null || die "could not build the CLI (./solarhub.sh); or give --solarhub CMD"
    solarhub_cmd=("$built/solarhub")
  fi
}

# ---- processes ------------------------------------------------------------------------------------------------------

node_index() {
  if [[ $1 =~ ^n([1-9][0-9]?)$ ]] && (( BASH_REMATCH[1] <= nodes )); then
    echo "${BASH_REMATCH[1]}"
  else
    die "no node '$1' here: the nodes are n1..n$nodes"
  fi
}
http_of() { echo $(( http_port + $1 - 1 )); }
remoting_of() { echo $(( remoting_port + $1 - 1 )); }
# Every node: a first seed that starts again while the other seeds are down joins whichever node still runs, rather
# than forming a second cluster beside it (docs/cluster.md).
seeds() {
  local list="127.0.0.1:$remoting_port" k
  for (( k = 2; k <= nodes; k++ )); do list+=",127.0.0.1:$(remoting_of "$k")"; done
  echo "$list"
}

# The pid in DIR/<name>.pid if that process still runs and is the one started here (its command line holds the
# given marker, so a pid reused by another program after a reboot is not taken for the node).
live_pid() {
  local name=$1 marker=$2 pid
  [[ -f "$dir/$name.pid" ]] || return 1
  pid=$(cat "$dir/$name.pid")
  is_number "$pid" && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r /proc/$pid/cmdline ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker " || return 1
  fi
  echo "$pid"
}
node_pid() { live_pid "n$1" "--node n$1"; }
sim_pid() { live_pid "sim-$1" "127.0.0.1:$2"; }

# For a process this call started, still its child: kill -0 alone takes a child that exited and was not reaped yet (a
# zombie) for a live one, and its command line is briefly this script's own until it execs the program.
is_running() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  [[ -r /proc/$1/stat ]] || return 0
  stat=$(<"/proc/$1/stat") || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# The process group of a pid (fields after the command name: state, parent, group).
group_of() {
  local stat
  if [[ -r /proc/$1/stat ]]; then
    stat=$(<"/proc/$1/stat"); stat=${stat##*) }
    read -r _ _ stat _ <<<"$stat"
    echo "$stat"
  else
    ps -o pgid= -p "$1" 2>/dev/null | tr -d ' '
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts a command in the background, detached from the terminal (its own session: closing the terminal or Ctrl+C in
# it does not reach it), in the directory `start` was called from; output appended to DIR/<name>.log.
launch() {
  local name=$1; shift
  echo "==== cluster-local: $(date '+%F %T') $*" >>"$dir/$name.log"
  local detach=()
  command -v setsid >/dev/null 2>&1 && detach=(setsid)
  ( cd "$workdir" && exec "${detach[@]}" "$@" ) </dev/null >>"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
  # Out of this shell's jobs: it outlives the script, and a node killed on purpose is not reported as "Killed".
  disown $!
}

# Signals what was started here: the whole session when setsid made it a group of its own (a wrapper script and the
# program it runs), else the one process.
signal() {
  local sig=$1 pid=$2
  if [[ "$(group_of "$pid" || true)" == "$pid" ]]; then
    kill -s "$sig" -- "-$pid" 2>/dev/null || true
  else
    kill -s "$sig" "$pid" 2>/dev/null || true
  fi
}

# The end of a log since its last start (the logs are appended to across starts).
tail_log() {
  log "last lines of $dir/$1.log:"
  awk '/^==== cluster-local: /{n=0} {line[n++]=$0} END{for(i=(n>20?n-20:0);i<n;i++) print "    " line[i]}' "$dir/$1.log" >&2 || true
}

started_here=()

start_node() {
  local k=$1 name="n$1" pid http remoting
  http=$(http_of "$k"); remoting=$(remoting_of "$k")
  if pid=$(node_pid "$k"); then log "$name already runs (pid $pid)"; return 0; fi
  # Else the health check below could be answered by whatever holds the port.
  if port_in_use "$http"; then log "$name: 127.0.0.1:$http is already taken by another program (other ports: --http-port)"; return 1; fi
  if port_in_use "$remoting"; then log "$name: 127.0.0.1:$remoting is already taken by another program (other ports: --remoting-port)"; return 1; fi
  launch "$name" "${solarhub_cmd[@]}" run --cluster --node "$name" --remoting "127.0.0.1:$remoting" --seeds "$(seeds)" \
    --urls "http://127.0.0.1:$http" --database "$database" "${run_args[@]}"
  started_here+=("$(cat "$dir/$name.pid")")
  log "$name started (pid $(cat "$dir/$name.pid")), log $dir/$name.log"
}

# Undoes a failed start: the nodes this call started, not those that ran before it.
stop_started_here() {
  local pid
  [[ ${#started_here[@]} -gt 0 ]] || return 0
  log "stopping the nodes this start began"
  for pid in "${started_here[@]}"; do signal KILL "$pid"; done
}

fail_start() { stop_started_here; exit 1; }

# Waits until each node's GET /health/live answers 200, for all of them together at most --wait seconds.
wait_live() {
  local deadline=$(( SECONDS + wait_seconds )) k pending=("$@") left code
  while [[ ${#pending[@]} -gt 0 ]]; do
    left=()
    for k in "${pending[@]}"; do
      if ! is_running "$(cat "$dir/n$k.pid")"; then
        log "n$k exited before /health/live answered"; tail_log "n$k"; fail_start
      fi
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$(http_of "$k")/health/live" || true)
      [[ "$code" == 200 ]] || left+=("$k")
    done
    pending=("${left[@]+"${left[@]}"}")
    [[ ${#pending[@]} -eq 0 ]] && break
    if (( SECONDS >= deadline )); then
      for k in "${pending[@]}"; do
        log "n$k: GET http://127.0.0.1:$(http_of "$k")/health/live did not answer 200 within ${wait_seconds}s"; tail_log "n$k"
      done
      fail_start
    fi
    sleep 0.5
  done
}

node_line() { echo "n$1 $(node_pid "$1" || echo -) http://127.0.0.1:$(http_of "$1") 127.0.0.1:$(remoting_of "$1")"; }

# ---- the demo -------------------------------------------------------------------------------------------------------

start_demo() {
  local i bank port pid deadline out
  for i in "${!demo_banks[@]}"; do
    bank=${demo_banks[$i]}; port=$(( gateway_port + i ))
    if pid=$(sim_pid "$bank" "$port"); then log "gateway of $bank already runs (pid $pid)"; continue; fi
    port_in_use "$port" && die "demo: 127.0.0.1:$port is already taken by another program (choose others with --gateway-port)"
    # A JK bus of three packs with a master, each with its own values (seed).
    launch "sim-$bank" "${solarhub_cmd[@]}" simulate --tcp "127.0.0.1:$port" --packs 3 --seed $(( i + 1 ))
    log "gateway of $bank: 127.0.0.1:$port (pid $(cat "$dir/sim-$bank.pid")), log $dir/sim-$bank.log"
  done
  for i in "${!demo_banks[@]}"; do
    bank=${demo_banks[$i]}; port=$(( gateway_port + i ))
    deadline=$(( SECONDS + wait_seconds ))
    until port_in_use "$port"; do
      is_running "$(cat "$dir/sim-$bank.pid")" || { log "the gateway of $bank exited"; tail_log "sim-$bank"; exit 1; }
      (( SECONDS < deadline )) || { log "the gateway of $bank does not listen on 127.0.0.1:$port"; tail_log "sim-$bank"; exit 1; }
      sleep 0.3
    done
  done
  # Stored before the nodes start, so they find the banks when they come up. A second start finds them stored.
  for i in "${!demo_banks[@]}"; do
    bank=${demo_banks[$i]}; port=$(( gateway_port + i ))
    if out=$("${solarhub_cmd[@]}" config bank add "$bank" --name "$bank (demo)" --packs 1-3 --tcp "127.0.0.1:$port" --database "$database" 2>&1); then
      log "demo: bank $bank stored, gateway 127.0.0.1:$port"
    elif grep -q "already exists" <<<"$out"; then
      log "demo: bank $bank is stored already"
    else
      printf '%s\n' "$out" >&2; die "demo: could not store bank $bank"
    fi
  done
}

# SIGTERM, and SIGKILL to a gateway still there after 5 s, so that its port is free when `stop` returns.
stop_demo() {
  local i bank pid pids=() deadline=$(( SECONDS + 5 ))
  for i in "${!demo_banks[@]}"; do
    bank=${demo_banks[$i]}
    if pid=$(sim_pid "$bank" $(( gateway_port + i ))); then signal TERM "$pid"; pids+=("$pid"); fi
  done
  for pid in "${pids[@]+"${pids[@]}"}"; do
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    signal KILL "$pid"
  done
}

# ---- verbs ----------------------------------------------------------------------------------------------------------

do_start() {
  command -v curl >/dev/null 2>&1 || die "curl is needed (apt-get install curl)"
  resolve_solarhub
  workdir=$PWD
  local asked k port
  # Nodes of an earlier start still run: keep them (and their settings, directory included) if this start asks for the
  # same; their settings cannot change under them.
  if [[ -f "$state" ]] && (
      # shellcheck source=/dev/null
      source "$state"
      for (( k = 1; k <= nodes; k++ )); do node_pid "$k" >/dev/null && exit 0; done
      exit 1
    ); then
    asked=$(settings_key)
    load_state
    [[ "$(settings_key)" == "$asked" ]] \
      || die "nodes started with other settings still run in $dir: deploy/cluster-local.sh stop --dir $dir first (or use another --dir)"
  fi

  if [[ -n "$external_database" ]]; then
    database=$external_database
  else
    [[ -x "$postgres_script" ]] || die "$postgres_script is missing"
    database=$("$postgres_script" start "$dir" | tail -n 1) || die "PostgreSQL did not start (scripts/postgres-test-server.sh start $dir)"
  fi
  save_state

  # Every node's ports before any starts: a taken port fails the start before anything runs.
  for (( k = 1; k <= nodes; k++ )); do
    node_pid "$k" >/dev/null && continue
    for port in "$(http_of "$k")" "$(remoting_of "$k")"; do
      if port_in_use "$port"; then die "n$k: 127.0.0.1:$port is already taken by another program (other ports: --http-port, --remoting-port)"; fi
    done
  done
  (( demo )) && start_demo
  for (( k = 1; k <= nodes; k++ )); do
    start_node "$k" || fail_start
  done
  wait_live $(seq 1 "$nodes")
  for (( k = 1; k <= nodes; k++ )); do node_line "$k"; done
  echo "cluster: $nodes node(s) up, database $database, dir $dir"
}

do_start_node() {
  [[ -n "$target_node" ]] || usage
  command -v curl >/dev/null 2>&1 || die "curl is needed (apt-get install curl)"
  load_state
  local k
  k=$(node_index "$target_node")
  start_node "$k" || fail_start
  wait_live "$k"
  node_line "$k"
}

do_kill() {
  [[ -n "$target_node" ]] || usage
  load_state
  local k pid
  k=$(node_index "$target_node")
  pid=$(node_pid "$k") || die "n$k does not run"
  signal KILL "$pid"
  log "n$k (pid $pid) killed with SIGKILL"
}

do_stop() {
  if [[ ! -f "$state" ]]; then
    log "no cluster was started in $dir"
    if [[ -x "$postgres_script" ]]; then "$postgres_script" stop "$dir" >/dev/null 2>&1 || true; fi
    return 0
  fi
  load_state
  local k pid pids=() deadline
  # All at once: each leaves gracefully (SIGTERM is Akka's coordinated shutdown) and the last ones have no one left to
  # hand banks to, which is fine for a throwaway cluster.
  for (( k = 1; k <= nodes; k++ )); do
    if pid=$(node_pid "$k"); then signal TERM "$pid"; pids+=("$k:$pid"); log "n$k (pid $pid): SIGTERM"; fi
  done
  deadline=$(( SECONDS + stop_wait ))
  while [[ ${#pids[@]} -gt 0 ]]; do
    local left=() entry
    for entry in "${pids[@]}"; do node_pid "${entry%%:*}" >/dev/null && left+=("$entry"); done
    pids=("${left[@]+"${left[@]}"}")
    [[ ${#pids[@]} -eq 0 ]] && break
    if (( SECONDS >= deadline )); then
      for entry in "${pids[@]}"; do log "n${entry%%:*} (pid ${entry#*:}) still runs after ${stop_wait}s: SIGKILL"; signal KILL "${entry#*:}"; done
      break
    fi
    sleep 0.3
  done
  (( demo )) && stop_demo
  if [[ -z "$external_database" ]]; then
    "$postgres_script" stop "$dir" >/dev/null || log "PostgreSQL did not stop cleanly (scripts/postgres-test-server.sh stop $dir)"
  fi
  rm -f "$dir"/n*.pid "$dir"/sim-*.pid "$state"
  log "stopped; the logs are in $dir"
}

do_status() {
  load_state
  local k pid state_word code all_live=1
  for (( k = 1; k <= nodes; k++ )); do
    if pid=$(node_pid "$k"); then
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$(http_of "$k")/health/live" || true)
      if [[ "$code" == 200 ]]; then state_word=live; else state_word=running; all_live=0; fi
    else
      pid=-; state_word=stopped; all_live=0
    fi
    echo "n$k $pid http://127.0.0.1:$(http_of "$k") 127.0.0.1:$(remoting_of "$k") $state_word"
  done
  if [[ -n "$external_database" ]]; then
    echo "database: $database (not started here)"
  elif "$postgres_script" status "$dir" >/dev/null 2>&1; then
    echo "database: $database"
  else
    echo "database: $database (not running)"
  fi
  (( all_live )) || return 3
}

case "$verb" in
  start) do_start ;;
  stop) do_stop ;;
  kill) do_kill ;;
  start-node) do_start_node ;;
  status) do_status ;;
esac
