"""Idempotent producers (KIP-98 without transactions) against a real broker: InitProducerId
hands out ids from blocks reserved in ZooKeeper, and confluent-kafka with
enable.idempotence=True delivers every message exactly once and in order. Also checks the
leader-epoch-checkpoint files of a partition's replicas, before and after a failover."""
import json
import os
import struct
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

COUNT = 1000


def produce_idempotently(bootstrap, topic, count, tag):
    """Sends `count` messages; returns the delivery reports as (offset, key) in callback order."""
    delivered, errors = [], []

    def on_delivery(err, msg):
        if err is not None:
            errors.append(str(err))
        else:
            delivered.append((msg.offset(), msg.key()))

    p = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "linger.ms": 5,
                  "batch.num.messages": 50, "max.in.flight.requests.per.connection": 5})
    for i in range(count):
        p.produce(topic, key=f"{tag}-{i}".encode(), value=f"value-{tag}-{i}".encode(), on_delivery=on_delivery)
        p.poll(0)
    remaining = p.flush(60)
    if remaining or errors:
        raise AssertionError(f"{remaining} undelivered, errors: {errors[:5]}")
    return delivered


def read_all(bootstrap, topic, expected, timeout=30):
    """Reads from offset 0 until `expected` records arrived and the partition is drained."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused", "enable.auto.commit": False,
                  "enable.partition.eof": True})
    c.assign([TopicPartition(topic, 0, 0)])
    got = []
    at_eof = False

    def drained():
        nonlocal at_eof
        m = c.poll(0.5)
        if m is None:
            return False
        if m.error():
            if m.error().code() == KafkaError._PARTITION_EOF:
                at_eof = True
                return len(got) >= expected
            raise AssertionError(str(m.error()))
        at_eof = False
        got.append((m.offset(), m.key(), m.value()))
        return False

    wait_until(drained, timeout, f"{expected} records from {topic}", interval=0)
    c.close()
    return got


def producer_ids_by_batch(partition_dir):
    """(base offset, producer id, producer epoch) of every batch in the partition's segments."""
    out = []
    for name in sorted(f for f in os.listdir(partition_dir) if f.endswith(".log")):
        with open(os.path.join(partition_dir, name), "rb") as f:
            data = f.read()
        at = 0
        while at + 61 <= len(data):
            base_offset, length = struct.unpack_from(">qi", data, at)
            producer_id, producer_epoch = struct.unpack_from(">qh", data, at + 43)
            out.append((base_offset, producer_id, producer_epoch))
            at += 12 + length
    return out


def create_topic(bootstrap, name, partitions, replication_factor):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    # The broker logs its readiness before a controller is elected; an admin client that saw
    # no controller may wait out its whole timeout for one, so wait until metadata names it.
    wait_until(lambda: admin.list_topics(timeout=5).controller_id >= 0, 20, "a controller in the metadata")
    admin.create_topics([NewTopic(name, partitions, replication_factor)])[name].result(30)


class IdempotentProducerTest(unittest.TestCase):
    def test_idempotent_producer_delivers_exactly_once_in_order(self):
        with Cluster(brokers=1) as cluster:
            create_topic(cluster.bootstrap, "exactly-once", 1, 1)

            delivered = produce_idempotently(cluster.bootstrap, "exactly-once", COUNT, "a")
            self.assertEqual(delivered, [(i, f"a-{i}".encode()) for i in range(COUNT)])

            got = read_all(cluster.bootstrap, "exactly-once", COUNT)
            self.assertEqual(len(got), COUNT)
            self.assertEqual([g[0] for g in got], list(range(COUNT)))
            self.assertEqual([g[1] for g in got], [f"a-{i}".encode() for i in range(COUNT)])
            self.assertEqual([g[2] for g in got], [f"value-a-{i}".encode() for i in range(COUNT)])

            # A second producer gets the next id of the same block: the znode is unchanged.
            produce_idempotently(cluster.bootstrap, "exactly-once", 10, "b")
            self.assertEqual(len(read_all(cluster.bootstrap, "exactly-once", COUNT + 10)), COUNT + 10)

            zk = cluster.zk.kazoo()
            try:
                data, stat = zk.get("/latest_producer_id_block")
            finally:
                zk.stop()
                zk.close()
            self.assertEqual(data, b'{"version":1,"broker":0,"block_start":"0","block_end":"999"}')
            self.assertEqual(stat.version, 1)  # created empty at startup, set once by the first InitProducerId

            # The batches carry the ids InitProducerId handed out: 0, then 1 for the second producer.
            partition_dir = os.path.join(cluster.brokers[0].log_dir, "exactly-once-0")
            batches = producer_ids_by_batch(partition_dir)
            self.assertEqual({(pid, epoch) for base, pid, epoch in batches if base < COUNT}, {(0, 0)})
            self.assertEqual({(pid, epoch) for base, pid, epoch in batches if base >= COUNT}, {(1, 0)})

            # Every batch was written by the leader at epoch 0, which begins at offset 0.
            checkpoint = os.path.join(partition_dir, "leader-epoch-checkpoint")
            with open(checkpoint) as f:
                self.assertEqual(f.read(), "0\n1\n0 0\n")

    def test_replicas_share_leader_epochs_across_a_failover(self):
        with Cluster(brokers=3) as cluster:
            create_topic(cluster.bootstrap, "epochs", 1, 3)
            zk = cluster.zk.kazoo()
            state_path = "/brokers/topics/epochs/partitions/0/state"

            def state():
                return zk.exists(state_path) and json.loads(zk.get(state_path)[0])

            def checkpoint(broker):
                path = os.path.join(broker.log_dir, "epochs-0", "leader-epoch-checkpoint")
                if not os.path.exists(path):
                    return None
                with open(path) as f:
                    return f.read()

            wait_until(lambda: state() and sorted(state()["isr"]) == [0, 1, 2], 20, "a full ISR")
            produce_idempotently(cluster.bootstrap, "epochs", 200, "a")
            # Followers learn epoch 0 from the batch headers they fetch.
            for b in cluster.brokers:
                wait_until(lambda: checkpoint(b) == "0\n1\n0 0\n", 20, f"broker {b.id}'s checkpoint at epoch 0")

            old_leader = state()["leader"]
            cluster.brokers[old_leader].kill()
            new_state = wait_until(lambda: state() if state()["leader"] not in (old_leader, -1) else None, 30,
                                   "a new leader")
            epoch = new_state["leader_epoch"]
            self.assertGreater(epoch, 0)
            expected = f"0\n2\n0 0\n{epoch} 200\n"
            # The new leader records its epoch at its log end as it is elected, before any write.
            new_leader = cluster.brokers[new_state["leader"]]
            wait_until(lambda: checkpoint(new_leader) == expected, 20, "the new leader's epoch in its checkpoint")

            p = Producer({"bootstrap.servers": cluster.bootstrap, "acks": "1"})
            for i in range(10):
                p.produce("epochs", value=f"after-{i}".encode())
            self.assertEqual(p.flush(30), 0)
            # The other follower and, once restarted, the old leader learn it from the batches.
            cluster.brokers[old_leader].start()
            for b in cluster.brokers:
                wait_until(lambda: checkpoint(b) == expected, 30, f"broker {b.id}'s checkpoint at epoch {epoch}")
            zk.stop()
            zk.close()


if __name__ == "__main__":
    unittest.main()
