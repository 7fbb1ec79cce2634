#!/usr/bin/env bash
# Kafka's kafka-consumer-perf-test.sh, e.g.
#   scripts/kafka-consumer-perf-test.sh --bootstrap-server 127.0.0.1:9092 --topic perf --messages 1000000
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
# KB_BUILD_BIN: another build's bin directory (the tests point it at their own build).
tool="${KB_BUILD_BIN:-$root/build/bin}/kafka-consumer-perf-test"
if [[ ! -x "$tool" ]]; then
  echo "kafka-consumer-perf-test.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
