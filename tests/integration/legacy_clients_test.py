"""Legacy-protocol clients against a real broker: kafka-python 2.0.2 forced to old API
versions writes magic 0 (Produce v0/v1) and magic 1 (Produce v2) message sets, which the
broker stores as RecordBatch v2; old consumers (Fetch v0-v3) get them back down-converted,
new ones (kafka-python auto, kcat/librdkafka) as stored. Keys, values, offsets and (magic 1)
timestamps must survive every path.

kafka-python's api_version picks the versions (kafka/producer/sender.py, consumer/fetcher.py):
  (0, 8, 2): Produce v0, magic 0 | Fetch v0
  (0, 9):    Produce v1, magic 0 | Fetch v1
  (0, 10, 0): Produce v2, magic 1 | Fetch v2
  (0, 10, 1): Produce v2, magic 1 | Fetch v3
  None (probe): Produce v7, magic 2 | Fetch v4
kcat (librdkafka 2.0) with api.version.request=false and broker.version.fallback 0.8.2.2 or
0.9.0 sends Produce v0/v1 with magic 0 and Fetch v0/v1; its magic-0 LZ4 frames carry
Kafka's old, wrong header checksum (librdkafka rd_kafka_lz4_compress, !proper_hc).
"""
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402

from kafka import KafkaConsumer, KafkaProducer, TopicPartition  # noqa: E402
from kafka.admin import KafkaAdminClient, NewTopic  # noqa: E402
from kafka.consumer.fetcher import RecordTooLargeError  # noqa: E402

COUNT = 25
TS0 = 1_650_000_000_000
OLD_CONSUMERS = [(0, 8, 2), (0, 9), (0, 10, 0), (0, 10, 1)]


def expected_messages(tag):
    return [(f"{tag}-key-{i}".encode(), f"{tag}-value-{i}".encode() * (1 + i % 3)) for i in range(COUNT)]


class LegacyClientsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=1).start()
        cls.bootstrap = cls.cluster.bootstrap

    @classmethod
    def tearDownClass(cls):
        cls.cluster.close()

    def create_topic(self, name):
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, request_timeout_ms=10000)
        try:
            admin.create_topics([NewTopic(name, 1, 1)], timeout_ms=10000)
        finally:
            admin.close()

    def produce(self, topic, api_version, messages, compression=None, timestamps=True):
        producer = KafkaProducer(bootstrap_servers=self.bootstrap, api_version=api_version, acks=1,
                                 compression_type=compression, linger_ms=20, batch_size=64 * 1024)
        try:
            futures = [producer.send(topic, key=k, value=v, timestamp_ms=TS0 + i if timestamps else None)
                       for i, (k, v) in enumerate(messages)]
            producer.flush(30)
            return [f.get(30).offset for f in futures]
        finally:
            producer.close(10)

    def consume_python(self, topic, api_version, count, **config):
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, api_version=api_version, group_id=None,
                                 enable_auto_commit=False, auto_offset_reset="earliest", **config)
        try:
            tp = TopicPartition(topic, 0)
            consumer.assign([tp])
            consumer.seek_to_beginning(tp)
            got = []
            deadline = time.monotonic() + 30
            while len(got) < count and time.monotonic() < deadline:
                for records in consumer.poll(timeout_ms=500).values():
                    got.extend(records)
            return got
        finally:
            consumer.close()

    def consume_kcat(self, topic, count):
        out = subprocess.run(["kcat", "-C", "-b", self.bootstrap, "-t", topic, "-o", "beginning", "-c", str(count),
                              "-e", "-f", "%o|%k|%s|%T\\n"], capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr.decode(errors="replace"))
        rows = []
        for line in out.stdout.decode().splitlines():
            offset, key, value, ts = line.split("|")
            rows.append((int(offset), key.encode(), value.encode(), int(ts)))
        return rows

    def kcat_legacy(self, fallback, *args, input_bytes=None):
        out = subprocess.run(["kcat", "-b", self.bootstrap, "-X", "api.version.request=false", "-X",
                              f"broker.version.fallback={fallback}", *args],
                             input=input_bytes, capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr.decode(errors="replace"))
        return out.stdout.decode()

    def check_everyone_reads(self, topic, messages, timestamps):
        """timestamps: the per-message timestamps a magic-1 (or newer) reader must see."""
        for api_version in OLD_CONSUMERS + [None]:
            with self.subTest(consumer=api_version):
                got = self.consume_python(topic, api_version, len(messages))
                self.assertEqual([r.offset for r in got], list(range(len(messages))))
                self.assertEqual([(r.key, r.value) for r in got], messages)
                if api_version is None or api_version >= (0, 10):
                    self.assertEqual([r.timestamp for r in got], timestamps)
        with self.subTest(consumer="kcat"):
            rows = self.consume_kcat(topic, len(messages))
            self.assertEqual([(o, k, v) for o, k, v, _ in rows],
                             [(i, k, v) for i, (k, v) in enumerate(messages)])
            self.assertEqual([t for *_, t in rows], timestamps)

    def test_magic0_and_magic1_producers_are_read_by_old_and_new_consumers(self):
        cases = [((0, 8, 2), None), ((0, 9), "gzip"), ((0, 10, 0), None), ((0, 10, 0), "gzip"),
                 ((0, 10, 1), "gzip")]
        for n, (api_version, compression) in enumerate(cases):
            with self.subTest(producer=api_version, compression=compression):
                topic = f"legacy-produce-{n}"
                self.create_topic(topic)
                messages = expected_messages(topic)
                offsets = self.produce(topic, api_version, messages, compression)
                self.assertEqual(offsets, list(range(COUNT)))
                magic1 = api_version >= (0, 10)
                # Magic 0 has no timestamp: stored as -1 (NoTimestamp), read back as -1.
                timestamps = [TS0 + i if magic1 else -1 for i in range(COUNT)]
                self.check_everyone_reads(topic, messages, timestamps)

    def test_librdkafka_magic0_lz4_and_snappy_wrappers(self):
        for n, (fallback, codec) in enumerate([("0.8.2.2", "lz4"), ("0.9.0", "lz4"), ("0.9.0", "snappy"),
                                               ("0.9.0", "gzip")]):
            with self.subTest(fallback=fallback, codec=codec):
                topic = f"legacy-kcat-{n}"
                self.create_topic(topic)
                messages = [(f"k{i}".encode(), f"{codec}-value-{i}".encode() * 3) for i in range(COUNT)]
                lines = b"".join(k + b":" + v + b"\n" for k, v in messages)
                self.kcat_legacy(fallback, "-P", "-t", topic, "-K", ":", "-z", codec, "-X",
                                 "topic.request.required.acks=1", input_bytes=lines)
                self.check_everyone_reads(topic, messages, [-1] * COUNT)
                # librdkafka's own legacy consumer (Fetch v0/v1, magic 0).
                rows = self.kcat_legacy(fallback, "-C", "-t", topic, "-o", "beginning", "-c", str(COUNT), "-e",
                                        "-f", "%o|%k|%s\n").splitlines()
                self.assertEqual(rows, [f"{i}|{k.decode()}|{v.decode()}" for i, (k, v) in enumerate(messages)])

    def test_v2_batches_are_down_converted_for_old_consumers(self):
        topic = "legacy-new-producer"
        self.create_topic(topic)
        messages = expected_messages(topic)
        # kafka-python probing the broker: Produce v3+ with RecordBatch v2, gzip, headers.
        producer = KafkaProducer(bootstrap_servers=self.bootstrap, acks=1, compression_type="gzip", linger_ms=20)
        try:
            futures = [producer.send(topic, key=k, value=v, timestamp_ms=TS0 + i, headers=[("h", b"dropped")])
                       for i, (k, v) in enumerate(messages)]
            producer.flush(30)
            self.assertEqual([f.get(30).offset for f in futures], list(range(COUNT)))
        finally:
            producer.close(10)
        self.check_everyone_reads(topic, messages, [TS0 + i for i in range(COUNT)])
        # Fetching from the middle of a (compressed) batch starts at the requested offset.
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, api_version=(0, 10, 0), group_id=None,
                                 enable_auto_commit=False)
        try:
            tp = TopicPartition(topic, 0)
            consumer.assign([tp])
            consumer.seek(tp, 7)
            got = []
            wait_until(lambda: got.extend(r for rs in consumer.poll(timeout_ms=200).values() for r in rs)
                       or len(got) >= COUNT - 7, 30, "records from offset 7")
            self.assertEqual([r.offset for r in got], list(range(7, COUNT)))
            self.assertTrue(all(not r.headers for r in got))
        finally:
            consumer.close()

    def test_a_message_larger_than_the_fetch_size_is_reported_too_large(self):
        topic = "legacy-too-large"
        self.create_topic(topic)
        self.produce(topic, (0, 10, 0), [(b"k", b"x" * 5000)])
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, api_version=(0, 10, 0), group_id=None,
                                 enable_auto_commit=False, max_partition_fetch_bytes=1024)
        try:
            tp = TopicPartition(topic, 0)
            consumer.assign([tp])
            consumer.seek_to_beginning(tp)
            raised = []

            def poll_once():
                try:
                    consumer.poll(timeout_ms=200)
                except RecordTooLargeError as e:
                    raised.append(e)
                return raised

            wait_until(poll_once, 30, "RecordTooLargeError from a Fetch v2 with a 1 KiB partition limit")
        finally:
            consumer.close()
        # With a large enough limit the same consumer version reads it.
        got = self.consume_python(topic, (0, 10, 0), 1)
        self.assertEqual([(r.offset, r.key, len(r.value)) for r in got], [(0, b"k", 5000)])


if __name__ == "__main__":
    unittest.main()
