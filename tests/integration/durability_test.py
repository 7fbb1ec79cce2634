"""Nothing acknowledged is ever lost: an idempotent acks=all producer runs throughout while
brokers of a 3-broker cluster are killed (a partition leader, the controller), stopped cleanly,
paused past their ZooKeeper session (a zombie leader) and restarted, and while only one broker
is left (min.insync.replicas=2 refuses acks=all writes). Afterwards every acknowledged record
is read back exactly once, at its acknowledged offset and in order, the three replicas hold the
same batches, and every ISR in ZooKeeper is whole again."""
import json
import os
import socket
import struct
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from acked_producer import AckedProducer, problems_with  # noqa: E402
from harness import Cluster, wait_until  # noqa: E402
from replica_logs import batch_fingerprints, describe_divergence  # noqa: E402

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402
from kafka.protocol.api import RequestHeader  # noqa: E402
from kafka.protocol.produce import ProduceRequest, ProduceResponse  # noqa: E402
from kafka.record.default_records import DefaultRecordBatchBuilder  # noqa: E402
from kazoo.exceptions import NoNodeError  # noqa: E402

TOPIC = "durable"
PARTITIONS = [0, 1, 2]
BROKERS = [0, 1, 2]
SESSION_TIMEOUT_MS = 6000
NONE, NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND = 0, 6, 19, 20
PRODUCE_VERSION = 7


class RawProduce:
    """One acks=all Produce request on its own connection to one broker, bypassing any client
    routing: sent now, answered whenever the broker gets to it (even after a SIGCONT)."""

    def __init__(self, port, partition, value, timeout_ms=3000):
        builder = DefaultRecordBatchBuilder(magic=2, compression_type=0, is_transactional=0, producer_id=-1,
                                            producer_epoch=-1, base_sequence=-1, batch_size=1 << 20)
        builder.append(0, timestamp=int(time.time() * 1000), key=None, value=value, headers=[])
        request = ProduceRequest[PRODUCE_VERSION](transactional_id=None, required_acks=-1, timeout=timeout_ms,
                                                  topics=[(TOPIC, [(partition, bytes(builder.build()))])])
        header = RequestHeader(request, correlation_id=partition + 1, client_id="durability-probe")
        frame = header.encode() + request.encode()
        self.correlation_id = partition + 1
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.sock.sendall(struct.pack(">i", len(frame)) + frame)

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise AssertionError("the broker closed the connection instead of answering the produce")
            data += chunk
        return data

    def result(self):
        """(error code, base offset) of the only partition in the response."""
        try:
            size = struct.unpack(">i", self._read(4))[0]
            body = self._read(size)
        finally:
            self.sock.close()
        correlation_id = struct.unpack(">i", body[:4])[0]
        assert correlation_id == self.correlation_id, f"correlation id {correlation_id}"
        response = ProduceResponse[PRODUCE_VERSION].decode(body[4:])
        (_topic, [(_partition, error_code, offset, *_rest)]), = response.topics
        return error_code, offset


def produce_raw(port, partition, value):
    return RawProduce(port, partition, value).result()


def read_logs(bootstrap):
    """Every record below the high watermark of each partition, as {partition: [(offset, value)]},
    read by a fresh consumer from the beginning."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "durability-check", "enable.auto.commit": False})
    try:
        high = {p: c.get_watermark_offsets(TopicPartition(TOPIC, p), timeout=10)[1] for p in PARTITIONS}
        c.assign([TopicPartition(TOPIC, p, OFFSET_BEGINNING) for p in PARTITIONS])
        records = {p: [] for p in PARTITIONS}
        next_offset = {p: 0 for p in PARTITIONS}

        def caught_up():
            m = c.poll(0.5)
            if m is not None and m.error() is None and m.offset() < high[m.partition()]:
                records[m.partition()].append((m.offset(), m.value()))
                next_offset[m.partition()] = m.offset() + 1
            elif m is not None and m.error() is not None and m.error().code() != KafkaError._PARTITION_EOF:
                raise AssertionError(f"consumer error: {m.error()}")
            return all(next_offset[p] >= high[p] for p in PARTITIONS)

        wait_until(caught_up, 120, f"reading every partition up to its high watermark {high}", interval=0)
        return records
    finally:
        c.close()


class DurabilityTest(unittest.TestCase):
    def setUp(self):
        overrides = {"zookeeper.session.timeout.ms": str(SESSION_TIMEOUT_MS)}
        self.cluster = Cluster(brokers=len(BROKERS), overrides=overrides)
        self.addCleanup(self.cluster.close)
        self.cluster.start()
        self.zk = self.cluster.zk.kazoo()
        self.addCleanup(self.zk.stop)
        admin = AdminClient({"bootstrap.servers": self.cluster.bootstrap})
        wait_until(lambda: admin.list_topics(timeout=5).controller_id >= 0, 20, "a controller in the metadata")
        topic = NewTopic(TOPIC, len(PARTITIONS), len(BROKERS), config={"min.insync.replicas": "2"})
        admin.create_topics([topic])[TOPIC].result(30)
        self.wait_full_isrs()

    # ---- what ZooKeeper says

    def znode_json(self, path):
        """The znode's JSON, or None if it does not exist (it may vanish at any moment)."""
        try:
            return json.loads(self.zk.get(path)[0])
        except NoNodeError:
            return None

    def state(self, p):
        return self.znode_json(f"/brokers/topics/{TOPIC}/partitions/{p}/state")

    def leader(self, p):
        return self.state(p)["leader"]

    def controller(self):
        data = self.znode_json("/controller")
        return data["brokerid"] if data else None

    def registered(self):
        return sorted(int(b) for b in self.zk.get_children("/brokers/ids"))

    def wait_full_isrs(self):
        def whole():
            states = [self.state(p) for p in PARTITIONS]
            return all(s and sorted(s["isr"]) == BROKERS and s["leader"] in BROKERS for s in states)
        try:
            wait_until(whole, 60, f"every ISR to be {BROKERS} again")
        except AssertionError as e:
            raise AssertionError(f"{e}; the states now: { {p: self.state(p) for p in PARTITIONS} }") from None

    def wait_new_leader(self, p, old):
        wait_until(lambda: self.leader(p) not in (old, -1), 30, f"a new leader for partition {p} (was {old})")

    # ---- the producer

    def wait_progress(self, producer, what, more=20):
        """Every partition gets `more` acknowledgements beyond what it has now."""
        before = {p: producer.acked_count(p) for p in PARTITIONS}

        def moved():
            if producer.exception or producer.fatal_error():
                raise AssertionError(f"producer failed: {producer.exception or producer.fatal_error()}")
            return all(producer.acked_count(p) >= before[p] + more for p in PARTITIONS)
        wait_until(moved, 60, f"acknowledged writes on every partition after {what}")

    def restart(self, broker):
        broker.start()
        self.wait_full_isrs()

    # ---- the scenarios

    def kill_partition_leader(self, producer):
        victim = self.cluster.brokers[self.leader(0)]
        victim.kill()
        self.wait_new_leader(0, victim.id)
        self.wait_progress(producer, f"kill -9 of partition 0's leader {victim.id}")
        self.restart(victim)

    def kill_controller(self, producer):
        victim_id = self.controller()
        self.assertIsNotNone(victim_id, "a controller")
        victim = self.cluster.brokers[victim_id]
        victim.kill()
        wait_until(lambda: self.controller() not in (None, victim.id), 30, f"a controller other than {victim.id}")
        self.wait_progress(producer, f"kill -9 of the controller {victim.id}")
        self.restart(victim)

    def terminate_partition_leader(self, producer):
        victim = self.cluster.brokers[self.leader(1)]
        self.assertEqual(victim.terminate(), 0)
        self.assertNotEqual(self.leader(1), victim.id, "controlled shutdown moved the leadership before exiting")
        self.wait_progress(producer, f"SIGTERM of partition 1's leader {victim.id}")
        self.restart(victim)

    def pause_partition_leader_past_its_session(self, producer):
        zombie = self.cluster.brokers[self.leader(2)]
        zombie.pause()
        try:
            wait_until(lambda: zombie.id not in self.registered(), 30, f"broker {zombie.id}'s session to expire")
            self.wait_new_leader(2, zombie.id)
            self.wait_progress(producer, f"SIGSTOP of partition 2's leader {zombie.id}")
            # Queued while it sleeps, so that it is the first thing the zombie reads on waking,
            # before it can learn from ZooKeeper that it was replaced.
            probe = RawProduce(zombie.port, 2, b"zombie-probe")
        finally:
            zombie.resume()
        error, offset = probe.result()
        self.assertNotEqual(error, NONE, f"the deposed leader {zombie.id} acknowledged an acks=all write at {offset}")
        self.wait_full_isrs()

    def produce_once_leading(self, broker, partition, value):
        """The error of a raw acks=all write to `broker`, retried while it answers
        NOT_LEADER_OR_FOLLOWER (it has not yet applied the leadership ZooKeeper shows)."""
        answers = []

        def answered():
            answers.append(produce_raw(broker.port, partition, value)[0])
            return answers[-1] != NOT_LEADER_OR_FOLLOWER

        wait_until(answered, 10, f"broker {broker.id} to act as the leader of partition {partition}")
        return answers[-1]

    def leave_one_broker(self, producer):
        survivor = self.cluster.brokers[self.leader(0)]
        gone = [b for b in self.cluster.brokers if b is not survivor]
        for b in gone:
            b.kill()
        wait_until(lambda: all(self.state(p)["leader"] == survivor.id and self.state(p)["isr"] == [survivor.id]
                               for p in PARTITIONS), 30, f"broker {survivor.id} alone to lead every partition")
        for p in PARTITIONS:
            # ZooKeeper may show the new state a moment before the survivor has applied it;
            # meanwhile it answers NOT_LEADER_OR_FOLLOWER, which clients retry.
            error = self.produce_once_leading(survivor, p, f"alone-{p}".encode())
            self.assertIn(error, (NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND),
                          f"an acks=all write to partition {p} with an ISR of one")
        gone[0].start()
        attempts = iter(range(10**6))
        for p in PARTITIONS:
            wait_until(lambda: produce_raw(survivor.port, p, f"second-{next(attempts)}".encode())[0] == NONE, 60,
                       f"acks=all writes to partition {p} to succeed with broker {gone[0].id} back")
        self.wait_progress(producer, f"broker {gone[0].id}'s return")
        self.restart(gone[1])

    def test_acknowledged_records_survive_every_failure(self):
        try:
            self.check_acknowledged_records_survive_every_failure()
        except BaseException:
            self.cluster.print_log_tails()
            raise

    def check_acknowledged_records_survive_every_failure(self):
        # A paused leader answers nothing: the producer gives up on it after socket.timeout.ms.
        timeouts = {"request.timeout.ms": 10000, "socket.timeout.ms": 10000}
        producer = AckedProducer(self.cluster.bootstrap, TOPIC, PARTITIONS, config=timeouts)
        producer.start()
        try:
            self.wait_progress(producer, "the start")
            self.kill_partition_leader(producer)
            self.kill_controller(producer)
            self.terminate_partition_leader(producer)
            self.pause_partition_leader_past_its_session(producer)
            self.leave_one_broker(producer)
            self.wait_progress(producer, "every broker's return")
        finally:
            remaining = producer.stop()
        self.assertIsNone(producer.exception)
        self.assertEqual(remaining, 0)
        self.assertEqual(producer.failed, [], "records the idempotent producer gave up on")
        self.assertIsNone(producer.fatal_error())

        self.wait_full_isrs()
        problems = problems_with(producer.acked, read_logs(self.cluster.bootstrap))
        fingerprints = {}

        def replicas_agree():
            for p in PARTITIONS:
                fingerprints[p] = {b.id: batch_fingerprints(b.log_dir, TOPIC, p) for b in self.cluster.brokers}
            return all(len({tuple(f) for f in fingerprints[p].values()}) == 1 for p in PARTITIONS)
        try:
            wait_until(replicas_agree, 30, "the three replicas of every partition to hold the same batches")
        except AssertionError:
            problems += describe_divergence(fingerprints)
        self.assertGreater(len(producer.acked), 0)
        self.assertEqual(problems[:20], [], f"{len(problems)} problems; {len(producer.acked)} records acknowledged")


if __name__ == "__main__":
    unittest.main()
