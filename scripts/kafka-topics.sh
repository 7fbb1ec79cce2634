#!/usr/bin/env bash
# Kafka's kafka-topics.sh: creates, lists, describes, alters (adds partitions to) and deletes
# topics through the Admin API, with Kafka 3.x's flags and output, e.g.
#   scripts/kafka-topics.sh --bootstrap-server 127.0.0.1:9092 --create --topic orders --partitions 3 --replication-factor 3
#   scripts/kafka-topics.sh --bootstrap-server 127.0.0.1:9092 --describe --topic orders
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
# KB_BUILD_BIN: another build's bin directory (the tests point it at their own build).
tool="${KB_BUILD_BIN:-$root/build/bin}/kafka-topics"
if [[ ! -x "$tool" ]]; then
  echo "kafka-topics.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
