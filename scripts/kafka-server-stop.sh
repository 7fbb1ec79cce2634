#!/usr/bin/env bash
# kafka-server-stop.sh: sends SIGTERM (a clean, controlled shutdown) to every running broker.
pids="$(pgrep -x brokerd || true)"
if [[ -z "$pids" ]]; then echo "No kafka server to stop"; exit 1; fi
kill -TERM $pids
