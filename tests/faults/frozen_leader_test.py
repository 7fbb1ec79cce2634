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
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
import kafka_wire as kw  # noqa: E402
from acked_producer import AckedProducer, problems_with  # noqa: E402
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402
from kafka.record.default_records import DefaultRecordBatchBuilder  # noqa: E402

TOPIC = "frozen"
API_PRODUCE, API_METADATA = 0, 3
NOT_LEADER_OR_FOLLOWER = 6


def produce_v7_acks1(value):
    builder = DefaultRecordBatchBuilder(magic=2, compression_type=0, is_transactional=0, producer_id=-1,
                                        producer_epoch=-1, base_sequence=-1, batch_size=1 << 20)
    builder.append(0, timestamp=int(time.time() * 1000), key=None, value=value, headers=[])
    return (kw.nullable_string(None) + kw.i16(1) + kw.i32(5000) + kw.i32(1) + kw.string(TOPIC) + kw.i32(1) +
            kw.i32(0) + kw.byte_array(bytes(builder.build())))


def read_produce_error(r):
    r.i32(), r.string(), r.i32(), r.i32()  # one topic: name, one partition: index
    return r.i16()


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


def read_partition(bootstrap):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "frozen-check", "enable.auto.commit": False})
    try:
        high = c.get_watermark_offsets(TopicPartition(TOPIC, 0), timeout=10)[1]
        c.assign([TopicPartition(TOPIC, 0, OFFSET_BEGINNING)])
        records = []

        def caught_up():
            m = c.poll(0.5)
            if m is not None and m.error() is None and m.offset() < high:
                records.append((m.offset(), m.value()))
            elif m is not None and m.error() is not None and m.error().code() != KafkaError._PARTITION_EOF:
                raise AssertionError(f"consumer error: {m.error()}")
            return (records[-1][0] + 1 if records else 0) >= high
        wait_until(caught_up, 120, f"reading the partition up to its high watermark {high}", interval=0)
        return {0: records}
    finally:
        c.close()


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

    def wait_progress(self, producer, what, more=20):
        before = producer.acked_count()

        def moved():
            if producer.exception or producer.fatal_error():
                raise AssertionError(f"producer failed: {producer.exception or producer.fatal_error()}")
            return producer.acked_count() >= before + more
        wait_until(moved, 60, f"acknowledged writes after {what}")

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
            self.wait_progress(producer, "the start")
            zombie = self.cluster.brokers[self.state()["leader"]]
            conn = kw.Connection("127.0.0.1", zombie.port)
            self.addCleanup(conn.close)
            zombie.pause()
            try:
                wait_until(lambda: str(zombie.id) not in self.zk.get_children("/brokers/ids"), 30,
                           f"broker {zombie.id}'s session to expire")
                wait_until(lambda: self.state()["leader"] not in (zombie.id, -1), 30, "a new leader")
                self.wait_progress(producer, f"SIGSTOP of the leader {zombie.id}")
                # Read first on waking, before its ZooKeeper client can learn of the expiry.
                produce = conn.send(API_PRODUCE, 7, produce_v7_acks1(b"zombie-write"))
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
            self.wait_progress(producer, f"broker {zombie.id}'s return")
        finally:
            remaining = producer.stop()
        self.assertIsNone(producer.exception)
        self.assertIsNone(producer.fatal_error())
        self.assertEqual(remaining, 0)
        self.assertEqual(producer.failed, [], "records the idempotent producer gave up on")
        self.assertEqual(problems_with(producer.acked, read_partition(self.cluster.bootstrap)), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
