#!/usr/bin/env bash
# zookeeper-server-start.sh [-daemon] CONFIG: runs the Debian `zookeeper` package's server in
# the foreground (or in the background with -daemon) with a Kafka-style zookeeper.properties
# (dataDir, clientPort, maxClientCnxns, admin.enableServer, ...), as Kafka's script does.
set -euo pipefail
usage() { echo "USAGE: $0 [-daemon] zookeeper.properties" >&2; exit 1; }
daemon=0
if [[ "${1:-}" == "-daemon" ]]; then daemon=1; shift; fi
[[ $# -eq 1 ]] || usage
config="$1"
[[ -r "$config" ]] || { echo "$0: cannot read config file $config" >&2; exit 1; }
config="$(cd "$(dirname "$config")" && pwd)/$(basename "$config")"
jar=/usr/share/java/zookeeper.jar
[[ -r "$jar" ]] || { echo "$0: $jar not found; run scripts/install-deps.sh" >&2; exit 1; }
data_dir="$(sed -n 's/^[[:space:]]*dataDir[[:space:]]*=[[:space:]]*//p' "$config" | tail -1)"
[[ -n "$data_dir" ]] && mkdir -p "$data_dir"
log_dir="${LOG_DIR:-${data_dir:-/tmp}}"
cmd=(java -Xmx512m -cp "/etc/zookeeper/conf:$jar" -Dzookeeper.log.dir="$log_dir"
     -Dzookeeper.4lw.commands.whitelist='*' org.apache.zookeeper.server.quorum.QuorumPeerMain "$config")
if ((daemon)); then
  nohup "${cmd[@]}" >"$log_dir/zookeeper.out" 2>&1 &
  echo $! >"$log_dir/zookeeper.pid"
  echo "ZooKeeper started in the background (pid $!, log $log_dir/zookeeper.out)"
else
  exec "${cmd[@]}"
fi
