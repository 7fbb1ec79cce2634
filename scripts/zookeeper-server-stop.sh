#!/usr/bin/env bash
# zookeeper-server-stop.sh: stops every ZooKeeper server started from the Debian package jar.
pids="$(pgrep -f 'org.apache.zookeeper.server.quorum.QuorumPeerMain' || true)"
if [[ -z "$pids" ]]; then echo "No zookeeper server to stop"; exit 1; fi
kill -TERM $pids
