#!/usr/bin/env bash
# Kafka's kafka-leader-election.sh: asks the controller to move leadership back to preferred
# replicas, or to elect an out-of-sync replica for leaderless partitions, with Kafka 3.x's flags
# and output, e.g.
#   scripts/kafka-leader-election.sh --bootstrap-server 127.0.0.1:9092 --election-type preferred --all-topic-partitions
#   scripts/kafka-leader-election.sh --bootstrap-server 127.0.0.1:9092 --election-type unclean --topic orders --partition 0
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
# KB_BUILD_BIN: another build's bin directory (the tests point it at their own build).
tool="${KB_BUILD_BIN:-$root/build/bin}/kafka-leader-election"
if [[ ! -x "$tool" ]]; then
  echo "kafka-leader-election.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
