#!/usr/bin/env bash
# Installs dependencies, builds, and shows the system working on this machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

if [[ ! -x "$root/build/bin/brokerd" ]]; then
  echo
  echo "The broker (build/bin/brokerd) does not exist yet, so there is no cluster to start: not yet."
  echo "What works today is the storage engine. Showing a Kafka-format segment written by our log:"
  demo="$(mktemp -d)"
  trap 'rm -rf "$demo"' EXIT
  "$root/build/bin/log-demo" "$demo/quickstart-0"
  ls -l "$demo/quickstart-0"
  "$root/scripts/kafka-dump-log.sh" --files "$demo/quickstart-0/00000000000000000000.log" --print-data-log
  exit 0
fi
