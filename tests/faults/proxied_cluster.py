"""A cluster whose every link into a broker runs through a LinkProxy (link_proxy.py), so the
nemesis can make one broker's network slow or lossy without sch_netem.

Broker i listens on its own port but advertises its proxy's (advertised.listeners), so every
client and every follower reaches it through `into[i]`; it reaches ZooKeeper through
`to_zk[i]` (its zookeeper.connect). Bootstrap addresses are the brokers' own; everything after
the first Metadata goes through the proxies.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from harness import Cluster  # noqa: E402
from link_proxy import LinkProxy  # noqa: E402


class ProxiedCluster(Cluster):
    def __init__(self, brokers=3, overrides=None, keep=False):
        super().__init__(brokers=brokers, overrides=overrides, keep=keep)
        self.into = {}  # broker id -> LinkProxy in front of its listener
        self.to_zk = {}  # broker id -> LinkProxy between it and ZooKeeper
        try:
            for b in self.brokers:
                self.into[b.id] = LinkProxy(b.host, b.port)
                self.to_zk[b.id] = LinkProxy(self.zk.host, self.zk.port)
                b.overrides["advertised.listeners"] = f"PLAINTEXT://127.0.0.1:{self.into[b.id].port}"
        except Exception:
            self._close_proxies()
            raise

    def zk_connect_for(self, broker):
        return f"127.0.0.1:{self.to_zk[broker.id].port}"

    def links_of(self, broker):
        """Every proxy that carries the broker's traffic: into it, and to ZooKeeper."""
        return [self.into[broker.id], self.to_zk[broker.id]]

    def close(self):
        try:
            super().close()
        finally:
            self._close_proxies()

    def _close_proxies(self):
        for proxy in [*self.into.values(), *self.to_zk.values()]:
            proxy.close()
