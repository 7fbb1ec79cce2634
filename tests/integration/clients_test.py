"""Real Kafka clients against one broker: confluent-kafka with every compression codec,
kafka-python producing and consuming, and ListOffsets by timestamp."""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster  # noqa: E402

from confluent_kafka import Consumer, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402


def read_all(bootstrap, topic, partitions, expected, timeout=30):
    """Reads `expected` records from the start of every partition without a consumer group."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused", "enable.auto.commit": False})
    c.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
    got = []
    deadline = time.monotonic() + timeout
    while len(got) < expected and time.monotonic() < deadline:
        m = c.poll(0.5)
        if m is None:
            continue
        if m.error():
            raise AssertionError(str(m.error()))
        got.append((m.partition(), m.offset(), m.key(), m.value()))
    c.close()
    return got


class ClientsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=1).start()
        cls.bootstrap = cls.cluster.bootstrap
        cls.admin = AdminClient({"bootstrap.servers": cls.bootstrap})

    @classmethod
    def tearDownClass(cls):
        cls.cluster.close()

    def create(self, topic, partitions=1):
        self.admin.create_topics([NewTopic(topic, partitions, 1)])[topic].result(30)

    def test_confluent_kafka_every_compression_codec_round_trips(self):
        for codec in ["none", "gzip", "snappy", "lz4", "zstd"]:
            with self.subTest(codec=codec):
                topic = f"codec-{codec}"
                self.create(topic)
                p = Producer({"bootstrap.servers": self.bootstrap, "compression.type": codec, "linger.ms": 20,
                              "acks": "all"})
                for i in range(500):
                    p.produce(topic, key=f"key-{i}".encode(), value=(f"value-{i}-" + "x" * 100).encode())
                self.assertEqual(p.flush(30), 0)
                got = read_all(self.bootstrap, topic, 1, 500)
                self.assertEqual([g[1] for g in got], list(range(500)))
                self.assertEqual([g[2] for g in got], [f"key-{i}".encode() for i in range(500)])
                self.assertTrue(all(g[3].startswith(f"value-{i}-".encode()) for i, g in enumerate(got)))

    def test_kafka_python_produces_and_consumes(self):
        from kafka import KafkaConsumer, KafkaProducer, TopicPartition as KTopicPartition
        self.create("kafka-python")
        producer = KafkaProducer(bootstrap_servers=self.bootstrap, acks="all")
        futures = [producer.send("kafka-python", key=f"k{i}".encode(), value=f"v{i}".encode()) for i in range(200)]
        offsets = [f.get(timeout=30).offset for f in futures]
        self.assertEqual(offsets, list(range(200)))
        producer.close()
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False,
                                 consumer_timeout_ms=3000)
        tp = KTopicPartition("kafka-python", 0)
        consumer.assign([tp])
        consumer.seek_to_beginning(tp)
        got = [(m.offset, m.key, m.value) for m in consumer]
        consumer.close()
        self.assertEqual(got, [(i, f"k{i}".encode(), f"v{i}".encode()) for i in range(200)])

    def test_list_offsets_by_timestamp(self):
        self.create("by-time")
        base = int(time.time() * 1000) - 100_000
        p = Producer({"bootstrap.servers": self.bootstrap, "linger.ms": 0})
        for i in range(50):
            p.produce("by-time", value=f"v{i}".encode(), timestamp=base + i * 1000)
            p.flush(10)
        c = Consumer({"bootstrap.servers": self.bootstrap, "group.id": "unused"})
        found = c.offsets_for_times([TopicPartition("by-time", 0, base + 20_500)], timeout=10)
        self.assertEqual(found[0].offset, 21)  # first record at or after the timestamp
        exact = c.offsets_for_times([TopicPartition("by-time", 0, base + 7_000)], timeout=10)
        self.assertEqual(exact[0].offset, 7)
        beyond = c.offsets_for_times([TopicPartition("by-time", 0, base + 10_000_000)], timeout=10)
        self.assertEqual(beyond[0].offset, -1)  # no such record: Kafka answers -1 ("end")
        c.close()


if __name__ == "__main__":
    unittest.main()
