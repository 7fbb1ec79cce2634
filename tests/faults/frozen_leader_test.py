#!/usr/bin/python3
"""A leader frozen (SIGSTOP) past its ZooKeeper session and then thawed stops leading at once.

While it sleeps ZooKeeper expires its session and the controller elects another leader. On
waking, the first thing it reads is a Produce (acks=1) and a Metadata request queued while
it slept, before its ZooKeeper client can have reconnected and learnt of the expiry. It must
refuse the write (NOT_LEADER_OR_FOLLOWER) and must not name itself leader (it closes the
connection rather than answer Metadata from a view that may be stale). Meanwhile an
idempotent acks=all producer writes throughout: it must never hit a fatal error (librdkafka's
OUT_OF_ORDER_SEQUENCE_NUMBER from a deposed leader's answers), and every acknowledged record
must be in the log exactly once, in order.

Run with Debian's python (python3-confluent-kafka, python3-kafka, python3-kazoo).
"""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
import kafka_wire as kw  # noqa: E402
from acked_producer import AckedProducer  # noqa: E402
from harness import Cluster, wait_until  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from fault_checks import (API_PRODUCE, check_nothing_lost, produce_v7_acks1, read_produce_error,  # noqa: E402
                          wait_progress)

from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

TOPIC = "frozen"
API_METADATA = 3
NOT_LEADER_OR_FOLLOWER = 6


def read_metadata_v1_leader(r):
    for _ in range(r.i32()):
        r.i32(), r.string(), r.i32(), r.string()
    r.i32()
    leaders = {}
    for _ in range(r.i32()):
        r.i16(), r.string(), r.take(1)
        for _ in range(r.i32()):
            error, index, leader = r.i16(), r.i32(), r.i32()
            r.take(4 * r.i32())
            r.take(4 * r.i32())
            leaders[index] = (error, leader)
    return leaders[0]


class FrozenLeaderTest(unittest.TestCase):
    def setUp(self):
        self.cluster = Cluster(brokers=3).start()
        self.addCleanup(self.cluster.close)
        self.zk = self.cluster.zk.kazoo()
        self.addCleanup(self.zk.stop)
        admin = AdminClient({"bootstrap.servers": self.cluster.bootstrap})
        topic = NewTopic(TOPIC, 1, 3, config={"min.insync.replicas": "2"})
        admin.create_topics([topic])[TOPIC].result(30)
        wait_until(lambda: self.state() and len(self.state()["isr"]) == 3, 30, "a whole ISR")

    def state(self):
        if not self.zk.exists(f"/brokers/topics/{TOPIC}/partitions/0/state"):
            return None
        return json.loads(self.zk.get(f"/brokers/topics/{TOPIC}/partitions/0/state")[0])

    def test_a_thawed_leader_refuses_writes_before_it_reconnects(self):
        try:
            self.check_thawed_leader()
        except BaseException:
            self.cluster.print_log_tails()
            raise

    def check_thawed_leader(self):
        timeouts = {"request.timeout.ms": 10000, "socket.timeout.ms": 10000}
        producer = AckedProducer(self.cluster.bootstrap, TOPIC, [0], config=timeouts).start()
        try:
            wait_progress(producer, "the start", 20)
            zombie = self.cluster.brokers[self.state()["leader"]]
            conn = kw.Connection("127.0.0.1", zombie.port)
            self.addCleanup(conn.close)
            zombie.pause()
            try:
                wait_until(lambda: str(zombie.id) not in self.zk.get_children("/brokers/ids"), 30,
                           f"broker {zombie.id}'s session to expire")
                wait_until(lambda: self.state()["leader"] not in (zombie.id, -1), 30, "a new leader")
                wait_progress(producer, f"SIGSTOP of the leader {zombie.id}", 20)
                # Read first on waking, before its ZooKeeper client can learn of the expiry.
                produce = conn.send(API_PRODUCE, 7, produce_v7_acks1(TOPIC, b"zombie-write"))
                metadata = conn.send(API_METADATA, 1, kw.i32(1) + kw.string(TOPIC))
            finally:
                zombie.resume()
            self.assertEqual(read_produce_error(conn.receive(produce)), NOT_LEADER_OR_FOLLOWER,
                             f"the deposed leader {zombie.id} must refuse an acks=1 write on waking")
            # It answers no Metadata while it cannot know what changed: the connection closes
            # (the client asks another broker). Any answer must not name it leader.
            try:
                error, leader = read_metadata_v1_leader(conn.receive(metadata))
            except ConnectionError:
                error, leader = None, None
            self.assertNotEqual(leader, zombie.id, f"the deposed leader {zombie.id} names itself leader (error {error})")
            wait_until(lambda: str(zombie.id) in self.zk.get_children("/brokers/ids"), 60,
                       f"broker {zombie.id} to register again")
            wait_until(lambda: len(self.state()["isr"]) == 3, 60, f"broker {zombie.id} back in the ISR")
            wait_progress(producer, f"broker {zombie.id}'s return", 20)
        finally:
            remaining = producer.stop()
        check_nothing_lost(self, producer, remaining, self.cluster, TOPIC, replicas=False)


if __name__ == "__main__":
    unittest.main(verbosity=2)
