#!/usr/bin/env bash
# Kafka's kafka-reassign-partitions.sh: moves partitions between brokers, with Kafka's flags
# and output, e.g.
#   scripts/kafka-reassign-partitions.sh --zookeeper 127.0.0.1:2181 --execute --reassignment-json-file move.json
#   scripts/kafka-reassign-partitions.sh --zookeeper 127.0.0.1:2181 --verify --reassignment-json-file move.json
#   scripts/kafka-reassign-partitions.sh --zookeeper 127.0.0.1:2181 --generate \
#       --topics-to-move-json-file topics.json --broker-list 0,1,2
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
# KB_BUILD_BIN: another build's bin directory (the tests point it at their own build).
tool="${KB_BUILD_BIN:-$root/build/bin}/kafka-reassign-partitions"
if [[ ! -x "$tool" ]]; then
  echo "kafka-reassign-partitions.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
