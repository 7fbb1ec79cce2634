#!/usr/bin/python3
"""Network partitions between real hosts: each server in its own network namespace
(netns_cluster.py), an idempotent acks=all producer in the root namespace writing throughout,
and the network cut under the partition's leader.

  * leader isolated: it reaches neither ZooKeeper nor the other brokers, while clients still
    reach it (the split brain a client sees);
  * leader cut off from ZooKeeper only: brokers and clients still reach it, so its followers
    keep fetching from it until ZooKeeper tells them of the new leader.

In both, ZooKeeper expires the leader's session and the controller elects another ISR member.
The deposed leader must refuse writes from the moment its session may have expired (an acks=1
write sent to it on the client side of the cut is refused), and after the heal it must rejoin
as a follower. Checked afterwards: every acknowledged record once and in order, the three
replicas identical, no fatal producer error. Printed: how long no write was acknowledged.

Run as root with Debian's python (python3-confluent-kafka, python3-kafka, python3-kazoo).
"""
import json
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
sys.path.insert(0, os.path.dirname(__file__))
import kafka_wire as kw  # noqa: E402
from acked_producer import AckedProducer  # noqa: E402
from fault_checks import (API_PRODUCE, check_nothing_lost, longest_gap, produce_v7_acks1,  # noqa: E402
                          read_produce_error, wait_progress)
from harness import wait_until  # noqa: E402
from netns_cluster import NetnsCluster  # noqa: E402

from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

TOPIC = "partitioned"
NOT_LEADER_OR_FOLLOWER = 6
SESSION_TIMEOUT_MS = 6000


class NetworkPartitionTest(unittest.TestCase):
    def setUp(self):
        self.cluster = NetnsCluster(brokers=3, overrides={"zookeeper.session.timeout.ms": str(SESSION_TIMEOUT_MS)})
        self.addCleanup(self.cluster.close)
        self.cluster.start()
        self.zk = self.cluster.zk.kazoo()
        self.addCleanup(self.zk.stop)
        admin = AdminClient({"bootstrap.servers": self.cluster.bootstrap})
        topic = NewTopic(TOPIC, 1, 3, config={"min.insync.replicas": "2"})
        admin.create_topics([topic])[TOPIC].result(30)
        self.wait_full_isr()

    def state(self):
        path = f"/brokers/topics/{TOPIC}/partitions/0/state"
        return json.loads(self.zk.get(path)[0]) if self.zk.exists(path) else None

    def wait_full_isr(self, timeout=60):
        wait_until(lambda: self.state() and len(self.state()["isr"]) == 3, timeout, "a whole ISR")

    def run_fault(self, name, cut):
        """Cuts the network under the leader with `cut(leader host)`, checks the deposed leader,
        heals, and checks the whole."""
        try:
            self.check_fault(name, cut)
        except BaseException:
            self.cluster.print_log_tails()
            raise

    def check_fault(self, name, cut):
        timeouts = {"request.timeout.ms": 10000, "socket.timeout.ms": 10000}
        producer = AckedProducer(self.cluster.bootstrap, TOPIC, [0], config=timeouts).start()
        try:
            wait_progress(producer, "the start", 20)
            old = self.cluster.brokers[self.state()["leader"]]
            started = time.monotonic()
            cut(self.cluster.host_of(old))
            wait_until(lambda: self.state()["leader"] not in (old.id, -1), 30,
                       f"a new leader once broker {old.id}'s session expired")
            wait_progress(producer, f"{name} of broker {old.id}", 20)
            # The client side of the cut still reaches the deposed leader: it must not accept.
            conn = kw.Connection(old.host, old.port)
            try:
                error = read_produce_error(conn.request(API_PRODUCE, 7, produce_v7_acks1(TOPIC, b"deposed-write")))
            finally:
                conn.close()
            self.assertEqual(error, NOT_LEADER_OR_FOLLOWER, f"broker {old.id}, deposed, answered an acks=1 write")
            healed = time.monotonic()
            self.cluster.heal()
            self.wait_full_isr(timeout=90)
            wait_progress(producer, "the heal", 20)
            settled = time.monotonic()
        finally:
            remaining = producer.stop()
        gap = longest_gap(producer.acked, started, settled)
        print(f"{name}: longest time without an acknowledged write {gap * 1000:.0f} ms "
              f"(session timeout {SESSION_TIMEOUT_MS} ms); cut for {healed - started:.1f} s; "
              f"{len(producer.acked)} records acknowledged", file=sys.stderr)
        check_nothing_lost(self, producer, remaining, self.cluster, TOPIC)

    def test_leader_isolated_from_zookeeper_and_brokers(self):
        def isolate(leader):
            self.cluster.partition([leader], [h for h in self.cluster.hosts() if h != leader])
        self.run_fault("leader isolated", isolate)

    def test_leader_cut_off_from_zookeeper_only(self):
        self.run_fault("leader cut off from ZooKeeper", lambda leader: self.cluster.partition([leader], ["zk"]))


if __name__ == "__main__":
    unittest.main(verbosity=2)
