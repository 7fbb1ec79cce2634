#!/usr/bin/env bash
# Kafka's kafka-consumer-groups.sh: lists, describes (offsets and lag, members, state) and deletes
# consumer groups, resets their committed offsets and deletes some of them, with Kafka 3.x's flags
# and output, e.g.
#   scripts/kafka-consumer-groups.sh --bootstrap-server 127.0.0.1:9092 --list --state
#   scripts/kafka-consumer-groups.sh --bootstrap-server 127.0.0.1:9092 --describe --group billing
#   scripts/kafka-consumer-groups.sh --bootstrap-server 127.0.0.1:9092 --reset-offsets --group billing \
#       --topic orders --to-earliest --execute
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
# KB_BUILD_BIN: another build's bin directory (the tests point it at their own build).
tool="${KB_BUILD_BIN:-$root/build/bin}/kafka-consumer-groups"
if [[ ! -x "$tool" ]]; then
  echo "kafka-consumer-groups.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
