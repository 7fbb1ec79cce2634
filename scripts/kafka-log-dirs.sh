#!/usr/bin/env bash
# Kafka's kafka-log-dirs.sh: what each broker's log dirs hold (partition sizes and lags), and
# which dirs have failed, with Kafka 3.x's flags and output, e.g.
#   scripts/kafka-log-dirs.sh --bootstrap-server 127.0.0.1:9092 --describe
#   scripts/kafka-log-dirs.sh --bootstrap-server 127.0.0.1:9092 --describe --broker-list 0 --topic-list orders
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
# KB_BUILD_BIN: another build's bin directory (the tests point it at their own build).
tool="${KB_BUILD_BIN:-$root/build/bin}/kafka-log-dirs"
if [[ ! -x "$tool" ]]; then
  echo "kafka-log-dirs.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
