"""A cluster whose ZooKeeper and brokers each live in their own Linux network namespace, as if
on separate hosts, so the fault suite can cut the network between them.

Layout (per cluster, names unique to it): a bridge in the root namespace holding 10.a.b.1/24;
ZooKeeper in namespace <tag>-zk at 10.a.b.10; broker i in <tag>-b<i> at 10.a.b.(11+i), each
joined to the bridge by a veth pair. Clients (the tests themselves) run in the root namespace
and reach every host through the bridge. Processes are started with `ip netns exec`, which
execs in place, so a Popen's pid is the server's own.

Cuts are blackhole routes inside a namespace (this machine's kernel has neither netfilter
tables nor sch_netem): cut(a, b) makes host a drop every packet it sends to host b, a one-way
cut; both directions make a partition. heal() removes every cut.

Needs root (CAP_NET_ADMIN) and iproute2.
"""
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from harness import Broker, Cluster, ZooKeeper  # noqa: E402


def sh(*args):
    r = subprocess.run(list(args), capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({r.returncode}): {r.stderr.strip()}")
    return r.stdout


class NetnsCluster(Cluster):
    """Cluster (harness.py) with every server on its own network host. Hosts are named "zk" and
    "b0", "b1", ...; cut() and heal() change what can reach what."""

    def __init__(self, brokers=3, overrides=None, keep=False):
        super().__init__(brokers=0, overrides=overrides, keep=keep)
        self.tag = "kbf%05x" % random.randrange(16**5)
        self.subnet = f"10.{random.randrange(100, 250)}.{random.randrange(256)}"
        self.bridge = f"{self.tag}br"
        self.namespaces = {}  # host name -> namespace
        self.addresses = {}  # host name -> IP
        self.cuts = set()  # (from host, to host)
        overrides = dict(overrides or {})
        overrides.setdefault("offsets.topic.replication.factor", str(max(1, min(3, brokers))))
        try:
            sh("ip", "link", "add", self.bridge, "type", "bridge")
            sh("ip", "addr", "add", f"{self.subnet}.1/24", "dev", self.bridge)
            sh("ip", "link", "set", self.bridge, "up")
            self._add_host("zk", 10)
            self.zk = ZooKeeper(self.root, host=self.addresses["zk"], command_prefix=self._exec("zk"))
            self.brokers = []
            for i in range(brokers):
                name = f"b{i}"
                self._add_host(name, 11 + i)
                self.brokers.append(Broker(self.root, i, None, overrides, host=self.addresses[name],
                                           command_prefix=self._exec(name)))
        except Exception:
            self._remove_network()
            raise

    def _exec(self, host):
        return ["ip", "netns", "exec", self.namespaces[host]]

    def _add_host(self, name, last_octet):
        ns = f"{self.tag}-{name}"
        outside, inside = f"{self.tag}{name}", f"{self.tag}{name}i"
        sh("ip", "netns", "add", ns)
        self.namespaces[name] = ns
        sh("ip", "link", "add", outside, "type", "veth", "peer", "name", inside)
        sh("ip", "link", "set", inside, "netns", ns)
        sh("ip", "link", "set", outside, "master", self.bridge)
        sh("ip", "link", "set", outside, "up")
        address = f"{self.subnet}.{last_octet}"
        sh("ip", "netns", "exec", ns, "ip", "addr", "add", f"{address}/24", "dev", inside)
        sh("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up")
        sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")
        self.addresses[name] = address

    def host_of(self, broker):
        return f"b{broker.id}"

    def cut(self, source, target):
        """Host `source` drops everything it sends to host `target` (one way)."""
        if (source, target) in self.cuts:
            return
        sh("ip", "netns", "exec", self.namespaces[source], "ip", "route", "add", "blackhole",
           f"{self.addresses[target]}/32")
        self.cuts.add((source, target))

    def partition(self, group, others):
        """No packet crosses between any host of `group` and any of `others`, either way."""
        for a in group:
            for b in others:
                self.cut(a, b)
                self.cut(b, a)

    def heal(self):
        for source, target in sorted(self.cuts):
            sh("ip", "netns", "exec", self.namespaces[source], "ip", "route", "del", "blackhole",
               f"{self.addresses[target]}/32")
        self.cuts.clear()

    def hosts(self):
        return list(self.namespaces)

    def close(self):
        try:
            super().close()
        finally:
            self._remove_network()

    def _remove_network(self):
        for ns in self.namespaces.values():
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        for name in self.namespaces:
            subprocess.run(["ip", "link", "del", f"{self.tag}{name}"], capture_output=True)
        subprocess.run(["ip", "link", "del", self.bridge], capture_output=True)
        self.namespaces.clear()
