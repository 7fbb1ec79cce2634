#!/usr/bin/env bash
# kafka-server-start.sh [-daemon] server.properties [--override property=value]*
# Runs build/bin/brokerd in the foreground (exec), or in the background with -daemon
# (pid file next to the first log dir's parent, log in $LOG_DIR or the repo's logs/).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"  # through symlinks and PATH
broker="$root/build/bin/brokerd"
if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 [-daemon] server.properties [--override property=value]*" >&2
  exit 1
fi
[[ -x "$broker" ]] || { echo "$0: $broker is not built; run scripts/build.sh" >&2; exit 1; }
daemon=0
if [[ "$1" == "-daemon" ]]; then daemon=1; shift; fi
if ((daemon)); then
  log_dir="${LOG_DIR:-$root/logs}"
  mkdir -p "$log_dir"
  name="broker-$$"
  nohup "$broker" "$@" >"$log_dir/$name.out" 2>&1 &
  echo $! >"$log_dir/$name.pid"
  echo "Broker started in the background (pid $!, log $log_dir/$name.out)"
else
  exec "$broker" "$@"
fi
