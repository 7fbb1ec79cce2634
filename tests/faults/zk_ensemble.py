"""A 3-node ZooKeeper ensemble (Debian's zookeeper package) on 127.0.0.1, and a Cluster whose
brokers use it (zookeeper.connect names all three servers), for the ZooKeeper faults of the
nemesis: losing the ensemble's leader, losing quorum, restarting the whole ensemble.

Each server is a QuorumPeerMain with its own data dir, myid and three ports (client, quorum,
leader election) chosen free at run time. A server is serving once `srvr` names its mode
(leader or follower); a server without a quorum answers that it is not serving requests.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from harness import Cluster, ZooKeeper, four_letter, free_port, wait_until  # noqa: E402


class EnsembleServer(ZooKeeper):
    """One server of the ensemble: server id `sid` (1-based), in root/zookeeper-<sid>."""

    def __init__(self, root, sid):
        super().__init__(root, name=f"zookeeper-{sid}")
        self.sid = sid
        with open(os.path.join(self.dir, "data", "myid"), "w") as f:
            f.write(f"{sid}\n")
        self.quorum_port, self.election_port = free_port(), free_port()
        self.servers = [self]

    def configure(self, servers):
        self.servers = servers

    def config_lines(self):
        # syncLimit 4 ticks (2 s) lets a follower that lost its leader notice within seconds.
        return super().config_lines() + ["initLimit=20", "syncLimit=4"] + [
            f"server.{s.sid}={s.host}:{s.quorum_port}:{s.election_port}" for s in self.servers]

    def start(self):
        # Alone, a server does not serve until a quorum has formed: the ensemble waits for that.
        self.launch()

    def mode(self):
        """"leader", "follower", or None (not running, or not serving: no quorum)."""
        answer = four_letter(self.host, self.port, "srvr") or ""
        for line in answer.splitlines():
            if line.startswith("Mode:"):
                return line.split(":", 1)[1].strip()
        return None


class ZooKeeperEnsemble:
    """Three EnsembleServers; the same interface as harness.ZooKeeper (start, stop, connect,
    kazoo) plus what the nemesis needs (leader, servers)."""

    def __init__(self, root, size=3):
        self.servers = [EnsembleServer(root, sid) for sid in range(1, size + 1)]
        for s in self.servers:
            s.configure(self.servers)

    @property
    def connect(self):
        return ",".join(f"{s.host}:{s.port}" for s in self.servers)

    def start(self, timeout=60):
        for s in self.servers:
            if not s.alive():
                s.start()
        self.wait_serving(timeout)

    def wait_serving(self, timeout=60):
        """Until every running server serves (a leader and followers: a quorum)."""
        def serving():
            for s in self.servers:
                if s.proc is not None and s.proc.poll() is not None:
                    raise AssertionError(f"ZooKeeper server {s.sid} exited with {s.proc.returncode}; see {s.dir}")
            return all(s.mode() in ("leader", "follower") for s in self.servers if s.alive())
        wait_until(serving, timeout, "the ZooKeeper ensemble to serve", interval=0.1)

    def leader(self):
        return next((s for s in self.servers if s.mode() == "leader"), None)

    def stop(self):
        for s in self.servers:
            s.stop()

    def kazoo(self):
        from kazoo.client import KazooClient
        zk = KazooClient(hosts=self.connect)
        zk.start(timeout=20)
        return zk


class EnsembleCluster(Cluster):
    """Cluster (harness.py) whose brokers use a ZooKeeperEnsemble."""

    def __init__(self, brokers=3, overrides=None, keep=False):
        super().__init__(brokers=brokers, overrides=overrides, keep=keep)
        self.zk = ZooKeeperEnsemble(self.root)

    def print_log_tails(self, lines=80):
        super().print_log_tails(lines)
        for s in self.zk.servers:
            path = os.path.join(s.dir, "zookeeper.log")
            try:
                with open(path, errors="replace") as f:
                    tail = f.readlines()[-lines // 2:]
            except OSError as e:
                tail = [f"(unreadable: {e})\n"]
            sys.stderr.write(f"----- ZooKeeper server {s.sid}: last {len(tail)} lines of {path}\n" + "".join(tail))

