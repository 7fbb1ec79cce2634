#!/usr/bin/env bash
# Kafka's kafka-dump-log.sh: prints the batches and records of .log segments and the entries
# of .index and .timeindex files. Same flags as Kafka's, e.g.
#   scripts/kafka-dump-log.sh --files /tmp/kafka-logs/t-0/00000000000000000000.log --print-data-log
# Only reads the files, so it is safe to point at a running broker's log directory.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
tool="$root/build/bin/kafka-dump-log"
if [[ ! -x "$tool" ]]; then
  echo "kafka-dump-log.sh: $tool is not built; run scripts/build.sh first" >&2
  exit 1
fi
exec "$tool" "$@"
