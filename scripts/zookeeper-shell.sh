#!/usr/bin/env bash
# zookeeper-shell.sh HOST:PORT[/chroot] [COMMAND ...]: ZooKeeper's zkCli.sh, as Kafka ships it.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "USAGE: $0 zookeeper_host:port[/path] [args...]" >&2; exit 1; }
server="$1"; shift
exec /usr/share/zookeeper/bin/zkCli.sh -server "$server" "$@"
