#!/usr/bin/env bash
# Installs dependencies, builds, and shows the system working on this machine: starts ZooKeeper
# and three brokers (scripts/cluster.sh), creates a topic replicated on all three, writes keyed
# records with the console producer, reads them back with the console consumer, and shows what
# ZooKeeper holds. The cluster is left running; `scripts/cluster.sh stop` stops it.
#
#   scripts/quickstart.sh [--base-port P]
#
# --base-port P is passed to cluster.sh (ZooKeeper on P, brokers on P+1..P+3) for when Kafka's
# default ports (2181, 9092-9094) are taken. With KB_BUILD_BIN set to another build's bin
# directory, that build is used and nothing is installed or built.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
scripts="$root/scripts"

base_port=""
if [[ $# -gt 0 ]]; then
  [[ $# -eq 2 && "$1" == "--base-port" ]] || { echo "USAGE: $0 [--base-port P]" >&2; exit 1; }
  base_port="$2"
fi

if [[ -z "${KB_BUILD_BIN:-}" ]]; then
  "$scripts/install-deps.sh"
  "$scripts/build.sh"
fi

if [[ -n "$base_port" ]]; then
  cluster_args=(--base-port "$base_port")
  zookeeper="127.0.0.1:$base_port"
  bootstrap="127.0.0.1:$((base_port + 1))"
else
  cluster_args=()
  zookeeper="127.0.0.1:2181"
  bootstrap="127.0.0.1:9092"  # any one broker will do: clients learn the others from it
fi
topic=quickstart

step() { printf '\n==> %s\n' "$*"; }
# Echoes a command (paths relative to the repository, quoting only where the shell needs it),
# then runs it.
run() {
  local arg shown=()
  for arg in "${@/#$root\//}"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./:,=@%+-]+$ ]]; then shown+=("$arg"); else shown+=("$(printf '%q' "$arg")"); fi
  done
  echo "\$ ${shown[*]}"
  "$@"
}
# zkCli (scripts/zookeeper-shell.sh, as Kafka ships it) without its connection chatter.
zk() {
  printf '$ scripts/zookeeper-shell.sh %s %s\n' "$zookeeper" "$*"
  "$scripts/zookeeper-shell.sh" "$zookeeper" "$@" 2>/dev/null |
    grep -v -e '^Connecting to' -e '^WATCHER::' -e '^WatchedEvent' -e '^$' || true
}

step "Start ZooKeeper and three brokers (ids 0, 1, 2) in the background, under .cluster/"
if "$scripts/cluster.sh" status >/dev/null 2>&1; then
  echo "A cluster is already running:"
  "$scripts/cluster.sh" status
else
  run "$scripts/cluster.sh" start --brokers 3 ${cluster_args[@]+"${cluster_args[@]}"}
fi

step "Create topic '$topic': 3 partitions, each replicated on all 3 brokers"
run "$scripts/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
  --partitions 3 --replication-factor 3
run "$scripts/kafka-topics.sh" --bootstrap-server "$bootstrap" --describe --topic "$topic"

step "Produce keyed records (key:value, one per line); records with the same key go to the same partition"
lines=("alice:signed up" "bob:signed up" "alice:added a book to the cart" "carol:signed up"
       "bob:paid" "alice:paid")
printf '%s\n' "${lines[@]}" | sed 's/^/> /'
printf '%s\n' "${lines[@]}" |
  run "$scripts/kafka-console-producer.sh" --bootstrap-server "$bootstrap" --topic "$topic" \
    --property parse.key=true --property key.separator=:

step "Consume them back from the beginning in consumer group 'quickstart', with their keys and partitions"
run "$scripts/kafka-console-consumer.sh" --bootstrap-server "$bootstrap" --topic "$topic" --from-beginning \
  --max-messages "${#lines[@]}" --property print.key=true --property print.partition=true --group quickstart

step "The group committed where it stopped: its offsets and lag (0) per partition"
run "$scripts/kafka-consumer-groups.sh" --bootstrap-server "$bootstrap" --describe --group quickstart

step "ZooKeeper's view: the live brokers, the controller, and partition 0's leader and ISR"
zk ls /brokers/ids
zk get /controller
zk get "/brokers/topics/$topic/partitions/0/state"

step "The cluster is still running"
"$scripts/cluster.sh" status
echo "Try:  scripts/kafka-topics.sh --bootstrap-server $bootstrap --list"
echo "Stop it with:  scripts/cluster.sh stop"
