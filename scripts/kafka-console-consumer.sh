#!/usr/bin/env bash
# Kafka's kafka-console-consumer.sh: prints a topic's records, e.g.
#   scripts/kafka-console-consumer.sh --bootstrap-server 127.0.0.1:9092 --topic orders --from-beginning \
#       --property print.key=true --max-messages 10
# As Kafka's, it subscribes as a member of a consumer group: --group G (or group.id in
# --consumer-property / --consumer.config) commits the offsets of what it printed, so the next run
# with the same group goes on from there (--from-beginning only matters for a group without
# committed offsets); without a group it uses a generated console-consumer-NNNNN and commits
# nothing. --partition P [--offset O] reads one partition directly, outside any group.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
# KB_BUILD_BIN: another build's bin directory (the tests point it at their own build).
tool="${KB_BUILD_BIN:-$root/build/bin}/kafka-console-consumer"
if [[ ! -x "$tool" ]]; then
  echo "kafka-console-consumer.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
