#!/usr/bin/env bash
# shellcheck disable=SC2153  # BROKERS, ZK_PORT, FIRST_BROKER_PORT, BOOTSTRAP come from cluster.env
# A local cluster for development: one ZooKeeper and N brokers (ids 0..N-1) in the background.
#
#   scripts/cluster.sh start  [--brokers N] [--dir D] [--base-port P] [--override [ID:]key=value]...
#   scripts/cluster.sh status [--watch] [--dir D]
#   scripts/cluster.sh stop   [--dir D]
#   scripts/cluster.sh kill ID [--signal KILL|TERM|STOP|CONT] [--dir D]
#   scripts/cluster.sh start-broker ID [--dir D] [--override key=value]...
#
# --brokers N     number of brokers (default 1)
# --dir D         where everything lives (default .cluster in the repository):
#                   D/cluster.env                    what `start` chose (read by status and stop)
#                   D/zookeeper/zookeeper.properties, data/, zookeeper.out, zookeeper.pid
#                   D/broker-<id>/server.properties, kafka-logs/, broker.out, broker.pid
# --base-port P   ZooKeeper listens on 127.0.0.1:P, broker i on P+1+i and serves its Prometheus
#                 /metrics on P+1+N+i (N brokers). Without it, Kafka's defaults: ZooKeeper on
#                 2181 and broker i on 9092+i, with /metrics on 9404+i.
# The live view (scripts/cluster_view.py: brokers, partitions, groups, events; read-only) is
# started with the cluster on P+1+2N (default 9400) and stopped with it; `status --watch`
# draws the same picture in the terminal, redrawn every second.
#
# --override K=V  passed to every broker as kafka-server-start.sh --override K=V (the later of
#                 two values wins); `ID:K=V` to broker ID only. A broker keeps the overrides it
#                 was started with for start-broker; the next `start` replaces them.
#
# A broker's server.properties is written on its first start (config/server.properties plus
# this cluster's settings) and kept afterwards: keys a learner added survive stop/start; only
# broker.id, listeners, log.dirs, zookeeper.connect, prometheus.metrics.port and the internal
# topics' replication factors (at most --brokers) are brought up to date.
#
# start waits until ZooKeeper answers `ruok` and every broker has logged
# "started (kafka.server.KafkaServer)", each with a deadline; data is kept across stop/start.
# stop sends SIGTERM to the brokers one at a time (a controlled shutdown, waiting for each),
# then to ZooKeeper. Only processes whose pid files this script wrote are signalled.
# kill and start-broker are for failover exercises: `kill 1` crashes broker 1 (SIGKILL, as
# `kill -9`), `--signal TERM` stops it cleanly (controlled shutdown) and waits, `STOP`/`CONT`
# freeze and thaw it; `start-broker 1` starts it again with the same config and data.
# KB_BUILD_BIN picks another build's bin directory (default build/bin).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
bin="${KB_BUILD_BIN:-$root/build/bin}"

usage() {
  echo "USAGE: $0 start [--brokers N] [--dir D] [--base-port P] [--override [ID:]key=value]..." >&2
  echo "       $0 stop [--dir D]" >&2
  echo "       $0 status [--watch] [--dir D]" >&2
  echo "       $0 kill ID [--signal KILL|TERM|STOP|CONT] [--dir D]" >&2
  echo "       $0 start-broker ID [--dir D] [--override key=value]..." >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------
# Arguments

[[ $# -ge 1 ]] || usage
command="$1"; shift
target=""
if [[ "$command" == "kill" || "$command" == "start-broker" ]]; then
  [[ $# -ge 1 && "$1" =~ ^[0-9]+$ ]] || { echo "$0: $command needs a broker id" >&2; usage; }
  target="$1"; shift
fi
signal=KILL
brokers=1
dir="$root/.cluster"
base_port=""
overrides=()
watch=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --brokers) [[ $# -ge 2 ]] || usage; brokers="$2"; shift 2 ;;
    --dir) [[ $# -ge 2 ]] || usage; dir="$2"; shift 2 ;;
    --base-port) [[ $# -ge 2 ]] || usage; base_port="$2"; shift 2 ;;
    --signal) [[ $# -ge 2 ]] || usage; signal="${2#SIG}"; shift 2 ;;
    --watch) watch=1; shift ;;
    --override)
      [[ $# -ge 2 ]] || usage
      [[ "$2" =~ ^([0-9]+:)?[^=:]+=.*$ ]] || { echo "$0: --override takes key=value or ID:key=value, not '$2'" >&2; exit 1; }
      overrides+=("$2"); shift 2 ;;
    *) echo "$0: unknown argument $1" >&2; usage ;;
  esac
done
[[ "$brokers" =~ ^[1-9][0-9]*$ ]] || { echo "$0: --brokers must be a positive number" >&2; exit 1; }
[[ -z "$base_port" || "$base_port" =~ ^[0-9]+$ ]] || { echo "$0: --base-port must be a number" >&2; exit 1; }
[[ "$signal" =~ ^(KILL|TERM|STOP|CONT)$ ]] || { echo "$0: --signal must be KILL, TERM, STOP or CONT" >&2; exit 1; }
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
state="$dir/cluster.env"

# ---------------------------------------------------------------------------------------------
# Helpers

# The pid in a pid file if that process is alive and its command line mentions `marker`
# (our config file), so that a recycled pid is never mistaken for ours.
live_pid() {
  local pid_file="$1" marker="$2" pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ZooKeeper's `ruok` four-letter word (zookeeper-server-start.sh whitelists them all).
zk_ok() {
  local reply
  reply="$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'ruok' >&3 && read -r -t 2 -n 4 r <&3 && printf '%s' "$r") 2>/dev/null)" || true
  [[ "$reply" == "imok" ]]
}

process_gone() { ! kill -0 "$1" 2>/dev/null; }

# Runs a check command every 0.2 s until it succeeds (returns 0) or `seconds` pass (returns 1).
# A check that returns 2 means "will never succeed": the wait ends at once, returning 2.
wait_for() {
  local seconds="$1"; shift
  local deadline=$((SECONDS + seconds)) rc
  while true; do
    rc=0
    "$@" || rc=$?
    ((rc == 0)) && return 0
    ((rc == 2)) && return 2
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

zk_dir() { echo "$dir/zookeeper"; }
broker_dir() { echo "$dir/broker-$1"; }
zk_pid() { live_pid "$(zk_dir)/zookeeper.pid" "$(zk_dir)/zookeeper.properties"; }
broker_pid() { live_pid "$(broker_dir "$1")/broker.pid" "$(broker_dir "$1")/server.properties"; }

broker_started() {
  local id="$1" log pid
  log="$(broker_dir "$id")/broker.out"
  # The pid, not broker_pid's command line: until nohup has exec'd brokerd, that line is bash's.
  pid="$(cat "$(broker_dir "$id")/broker.pid" 2>/dev/null)" || pid=""
  if [[ ! "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then
    echo "$0: broker $id exited during startup; the end of $log:" >&2
    tail -n 30 "$log" >&2 || true
    return 2
  fi
  # Only this run's part of the log counts (the file is appended to across restarts).
  tail -n +"$(cat "$(broker_dir "$id")/broker.start-line")" "$log" | grep -qF "started (kafka.server.KafkaServer)"
}

# The key=value overrides of `overrides` that apply to broker `id`, one per line.
overrides_for() {
  local id="$1" o
  for o in ${overrides[@]+"${overrides[@]}"}; do
    if [[ "$o" =~ ^([0-9]+):(.*)$ ]]; then
      [[ "${BASH_REMATCH[1]}" == "$id" ]] && echo "${BASH_REMATCH[2]}"
    else
      echo "$o"
    fi
  done
  return 0
}

# Sets `key=value` in a properties file: every line of that key is replaced, or one appended.
set_property() {
  local file="$1" key="$2" value="$3"
  if grep -q "^${key//./\\.}=" "$file"; then
    KEY="$key" VALUE="$value" awk -F= 'BEGIN { k = ENVIRON["KEY"] } $1 == k { print k "=" ENVIRON["VALUE"]; next } { print }' \
      "$file" >"$file.tmp" && mv "$file.tmp" "$file"
  else
    echo "$key=$value" >>"$file"
  fi
}

# Starts broker `id` in the background from its server.properties and the overrides in its
# `overrides` file (one key=value per line, each passed as --override).
launch_broker() {
  local bd line args=()
  bd="$(broker_dir "$1")"
  touch "$bd/broker.out" "$bd/overrides"
  while IFS= read -r line; do [[ -n "$line" ]] && args+=(--override "$line"); done <"$bd/overrides"
  echo $(($(wc -l <"$bd/broker.out") + 1)) >"$bd/broker.start-line"
  nohup "$bin/brokerd" "$bd/server.properties" ${args[@]+"${args[@]}"} >>"$bd/broker.out" 2>&1 &
  echo $! >"$bd/broker.pid"
}

# Whether any process of the cluster recorded in $state is alive.
any_running() {
  (
    # shellcheck disable=SC1090
    source "$state"
    zk_pid >/dev/null && exit 0
    for ((i = 0; i < BROKERS; i++)); do broker_pid "$i" >/dev/null && exit 0; done
    view_pid >/dev/null && exit 0
    exit 1
  )
}

load_state() {
  [[ -f "$state" ]] || { echo "No cluster in $dir (nothing was started there)"; exit 1; }
  # shellcheck disable=SC1090
  source "$state"
}

registered_brokers() {
  /usr/bin/python3 - "$ZK_PORT" 2>/dev/null <<'EOF' || echo "(ZooKeeper not reachable)"
import logging, sys
logging.disable(logging.CRITICAL)
from kazoo.client import KazooClient
zk = KazooClient(hosts=f"127.0.0.1:{sys.argv[1]}")
zk.start(timeout=5)
print("[" + ", ".join(sorted(zk.get_children("/brokers/ids"), key=int)) + "]")
zk.stop()
EOF
}

# ---------------------------------------------------------------------------------------------
# Commands

start_cluster() {
  [[ -x "$bin/brokerd" ]] || { echo "$0: $bin/brokerd is not built; run scripts/build.sh first" >&2; exit 1; }
  if [[ -f "$state" ]] && any_running; then
    echo "$0: a cluster is already running in $dir; see '$0 status --dir $dir'" >&2
    exit 1
  fi
  local zk_port first_broker_port first_metrics_port view_port
  if [[ -n "$base_port" ]]; then
    zk_port="$base_port"
    first_broker_port=$((base_port + 1))
    first_metrics_port=$((base_port + 1 + brokers))
    view_port=$((base_port + 1 + 2 * brokers))
  else
    zk_port=2181
    first_broker_port=9092
    first_metrics_port=9404
    view_port=9400
  fi
  local ports=("$zk_port" "$view_port")
  for ((i = 0; i < brokers; i++)); do ports+=($((first_broker_port + i)) $((first_metrics_port + i))); done
  for port in "${ports[@]}"; do
    if port_in_use "$port"; then
      echo "$0: port $port is already in use; choose other ports with --base-port" >&2
      exit 1
    fi
  done
  local bootstrap=""
  for ((i = 0; i < brokers; i++)); do bootstrap+="${bootstrap:+,}127.0.0.1:$((first_broker_port + i))"; done
  cat >"$state" <<EOF
BROKERS=$brokers
ZK_PORT=$zk_port
FIRST_BROKER_PORT=$first_broker_port
FIRST_METRICS_PORT=$first_metrics_port
VIEW_PORT=$view_port
BOOTSTRAP=$bootstrap
EOF

  # ZooKeeper, through Kafka's script name.
  local zd
  zd="$(zk_dir)"
  mkdir -p "$zd/data"
  cat >"$zd/zookeeper.properties" <<EOF
# Written by scripts/cluster.sh.
dataDir=$zd/data
clientPort=$zk_port
clientPortAddress=127.0.0.1
maxClientCnxns=0
admin.enableServer=false
EOF
  LOG_DIR="$zd" "$root/scripts/zookeeper-server-start.sh" -daemon "$zd/zookeeper.properties" >/dev/null
  if ! wait_for 60 zk_ok "$zk_port"; then
    echo "$0: ZooKeeper did not answer on port $zk_port within 60 s; see $zd/zookeeper.out" >&2
    exit 1
  fi
  echo "ZooKeeper   127.0.0.1:$zk_port  pid $(zk_pid)  log $zd/zookeeper.out"

  # Brokers: on the first start, the sample config/server.properties with this cluster's
  # settings appended (the later value of a key wins); afterwards the file is the learner's,
  # and only the settings that place the broker in this cluster are brought up to date.
  local replication=$((brokers < 3 ? brokers : 3))
  for ((i = 0; i < brokers; i++)); do
    local bd props
    bd="$(broker_dir "$i")"
    props="$bd/server.properties"
    mkdir -p "$bd/kafka-logs"
    if [[ -f "$props" ]]; then
      set_property "$props" broker.id "$i"
      set_property "$props" listeners "PLAINTEXT://127.0.0.1:$((first_broker_port + i))"
      set_property "$props" log.dirs "$bd/kafka-logs"
      set_property "$props" zookeeper.connect "127.0.0.1:$zk_port"
      set_property "$props" prometheus.metrics.port "$((first_metrics_port + i))"
      # Internal topics need as many live brokers as their replication factor: it follows --brokers.
      set_property "$props" offsets.topic.replication.factor "$replication"
      set_property "$props" transaction.state.log.replication.factor "$replication"
    else
      {
        cat "$root/config/server.properties"
        echo
        echo "############################# Written by scripts/cluster.sh #############################"
        echo "broker.id=$i"
        echo "listeners=PLAINTEXT://127.0.0.1:$((first_broker_port + i))"
        echo "log.dirs=$bd/kafka-logs"
        echo "zookeeper.connect=127.0.0.1:$zk_port"
        echo "prometheus.metrics.port=$((first_metrics_port + i))"
        echo "offsets.topic.replication.factor=$replication"
        echo "transaction.state.log.replication.factor=$replication"
      } >"$props"
    fi
    overrides_for "$i" >"$bd/overrides"
    launch_broker "$i"
  done
  for ((i = 0; i < brokers; i++)); do
    local rc=0
    wait_for 60 broker_started "$i" || rc=$?
    if ((rc != 0)); then
      ((rc == 2)) || echo "$0: broker $i did not log 'started (kafka.server.KafkaServer)' within 60 s; see $(broker_dir "$i")/broker.out" >&2
      echo "$0: stopping what was started" >&2
      stop_cluster >&2 || true
      exit 1
    fi
    echo "broker $i    127.0.0.1:$((first_broker_port + i))  pid $(broker_pid "$i")  log $(broker_dir "$i")/broker.out"
  done
  echo "bootstrap servers: $bootstrap"
  metrics_urls "$first_metrics_port" "$brokers"
  start_view "$view_port"
}

view_pid() { live_pid "$dir/view.pid" "$root/scripts/cluster_view.py"; }

# 0 once the view listens on port $2; 2 (give up at once) if process $1 has exited. Checks the
# pid, not view_pid's command line: until nohup has exec'd python, that line is still bash's.
view_listening() {
  kill -0 "$1" 2>/dev/null || return 2
  port_in_use "$2"
}

# The live view in the background; the cluster works without it, so a failure only warns.
start_view() {
  local port="$1"
  nohup /usr/bin/python3 "$root/scripts/cluster_view.py" --dir "$dir" serve --port "$port" >"$dir/view.out" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/view.pid"
  if wait_for 20 view_listening "$pid" "$port"; then
    echo "live view: http://127.0.0.1:$port/"
  else
    echo "$0: the live view did not start; see $dir/view.out" >&2
  fi
}

# One line naming every broker's Prometheus endpoint.
metrics_urls() {
  local first="$1" count="$2" urls=""
  for ((i = 0; i < count; i++)); do urls+="${urls:+ }http://127.0.0.1:$((first + i))/metrics"; done
  echo "metrics: $urls"
}

status_cluster() {
  load_state
  if ((watch)); then exec /usr/bin/python3 "$root/scripts/cluster_view.py" --dir "$dir" watch; fi
  local down=0 pid
  if pid="$(zk_pid)"; then
    echo "ZooKeeper   127.0.0.1:$ZK_PORT  running (pid $pid)"
  else
    echo "ZooKeeper   127.0.0.1:$ZK_PORT  not running"
    down=1
  fi
  for ((i = 0; i < BROKERS; i++)); do
    if pid="$(broker_pid "$i")"; then
      echo "broker $i    127.0.0.1:$((FIRST_BROKER_PORT + i))  running (pid $pid)"
    else
      echo "broker $i    127.0.0.1:$((FIRST_BROKER_PORT + i))  not running"
      down=1
    fi
  done
  echo "bootstrap servers: $BOOTSTRAP"
  # A cluster started before the endpoint existed has no FIRST_METRICS_PORT.
  [[ -n "${FIRST_METRICS_PORT:-}" ]] && metrics_urls "$FIRST_METRICS_PORT" "$BROKERS"
  if [[ -n "${VIEW_PORT:-}" ]] && view_pid >/dev/null; then echo "live view: http://127.0.0.1:$VIEW_PORT/"; fi
  if zk_pid >/dev/null; then echo "ls /brokers/ids: $(registered_brokers)"; fi
  return "$down"
}

# SIGTERM, then wait up to `seconds` for the process to exit; SIGKILL after that.
terminate() {
  local pid="$1" what="$2" seconds="$3"
  kill -TERM "$pid" 2>/dev/null || return 0
  if ! wait_for "$seconds" process_gone "$pid"; then
    echo "$what (pid $pid) did not stop within $seconds s after SIGTERM; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

stop_cluster() {
  load_state
  local pid
  if pid="$(view_pid)"; then terminate "$pid" "the live view" 10; fi
  rm -f "$dir/view.pid"
  # Highest id first: broker 0, usually the controller, goes last and so moves leadership once.
  for ((i = BROKERS - 1; i >= 0; i--)); do
    if pid="$(broker_pid "$i")"; then
      terminate "$pid" "broker $i" 120
      echo "broker $i stopped (pid $pid)"
    fi
    rm -f "$(broker_dir "$i")/broker.pid"
  done
  if pid="$(zk_pid)"; then
    terminate "$pid" "ZooKeeper" 30
    echo "ZooKeeper stopped (pid $pid)"
  fi
  rm -f "$(zk_dir)/zookeeper.pid"
}

check_broker_id() {
  ((target < BROKERS)) || { echo "$0: no broker $target in $dir (brokers 0..$((BROKERS - 1)))" >&2; exit 1; }
}

kill_broker() {
  load_state
  check_broker_id
  local pid
  if ! pid="$(broker_pid "$target")"; then
    echo "$0: broker $target is not running" >&2
    exit 1
  fi
  if [[ "$signal" == TERM ]]; then
    terminate "$pid" "broker $target" 120
    rm -f "$(broker_dir "$target")/broker.pid"
    echo "broker $target stopped (pid $pid)"
  else
    kill -"$signal" "$pid"
    echo "broker $target (pid $pid) sent SIG$signal"
  fi
}

start_broker() {
  load_state
  check_broker_id
  [[ -x "$bin/brokerd" ]] || { echo "$0: $bin/brokerd is not built; run scripts/build.sh first" >&2; exit 1; }
  local pid rc=0
  if pid="$(broker_pid "$target")"; then
    echo "$0: broker $target is already running (pid $pid)" >&2
    exit 1
  fi
  # New overrides add to the ones the broker last ran with (the later value of a key wins).
  overrides_for "$target" >>"$(broker_dir "$target")/overrides"
  launch_broker "$target"
  # A crashed broker's ephemeral znode lingers until its session times out; the new process
  # waits for it, so allow for zookeeper.session.timeout.ms (18 s by default).
  wait_for 90 broker_started "$target" || rc=$?
  if ((rc != 0)); then
    ((rc == 2)) || echo "$0: broker $target did not log 'started (kafka.server.KafkaServer)' within 90 s; see $(broker_dir "$target")/broker.out" >&2
    exit 1
  fi
  echo "broker $target    127.0.0.1:$((FIRST_BROKER_PORT + target))  pid $(broker_pid "$target")  log $(broker_dir "$target")/broker.out"
}

case "$command" in
  start) start_cluster ;;
  kill) kill_broker ;;
  start-broker) start_broker ;;
  status) status_cluster ;;
  stop) stop_cluster ;;
  *) usage ;;
esac
