#!/usr/bin/env bash
# Kafka's kafka-console-producer.sh: one record per line of standard input, e.g.
#   scripts/kafka-console-producer.sh --bootstrap-server 127.0.0.1:9092 --topic orders \
#       --property parse.key=true --property key.separator=:
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
# KB_BUILD_BIN: another build's bin directory (the tests point it at their own build).
tool="${KB_BUILD_BIN:-$root/build/bin}/kafka-console-producer"
if [[ ! -x "$tool" ]]; then
  echo "kafka-console-producer.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
