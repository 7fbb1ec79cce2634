#!/usr/bin/env bash
# Kafka's kafka-producer-perf-test.sh, e.g.
#   scripts/kafka-producer-perf-test.sh --topic perf --num-records 1000000 --record-size 100 \
#       --throughput -1 --producer-props bootstrap.servers=127.0.0.1:9092 acks=all
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
# KB_BUILD_BIN: another build's bin directory (the tests point it at their own build).
tool="${KB_BUILD_BIN:-$root/build/bin}/kafka-producer-perf-test"
if [[ ! -x "$tool" ]]; then
  echo "kafka-producer-perf-test.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
