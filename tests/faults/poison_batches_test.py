#!/usr/bin/python3
"""Poison batches: Produce requests whose RecordBatch has a valid CRC-32C but broken contents.

Each is sent by hand (kafka_wire) between records a real producer writes. The leader must
refuse every one with Kafka's error (LogValidator and KafkaApis: INVALID_RECORD,
CORRUPT_MESSAGE, INVALID_TIMESTAMP, UNSUPPORTED_COMPRESSION_TYPE, ...), store none of it,
stay up, and keep the partition readable: a librdkafka consumer reads every good record and
nothing else, with no error. A gzip bomb must not raise the broker's peak memory.

Run with Debian's python (python3-kafka, python3-confluent-kafka).
"""
import os
import struct
import sys
import unittest
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
import kafka_wire as kw  # noqa: E402
from harness import Cluster  # noqa: E402

from confluent_kafka import Consumer, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402
from kafka import codec  # noqa: E402
from kafka.record.util import calc_crc32c, encode_varint  # noqa: E402

API_PRODUCE = 0
NONE, CORRUPT_MESSAGE, INVALID_TIMESTAMP = 0, 2, 32
TRANSACTIONAL_ID_AUTHORIZATION_FAILED, UNSUPPORTED_COMPRESSION_TYPE, INVALID_RECORD = 53, 76, 87
GZIP, SNAPPY, LZ4, ZSTD = 1, 2, 3, 4
COMPRESS = {
    0: lambda b: b,
    GZIP: codec.gzip_encode,
    SNAPPY: codec.snappy_encode,
    LZ4: codec.lz4_encode,
    ZSTD: codec.zstd_encode,
}
TOPIC = "poison"


def varint(n):
    out = bytearray()
    encode_varint(n, out.append)
    return bytes(out)


def nullable(b):
    return varint(-1) if b is None else varint(len(b)) + b


def record(offset_delta, key=b"k", value=b"v", headers=(), length_adjust=0):
    """One DefaultRecord; headers are (key length as written, key bytes)."""
    body = b"\x00" + varint(0) + varint(offset_delta) + nullable(key) + nullable(value) + varint(len(headers))
    for key_length, hkey in headers:
        body += varint(key_length) + hkey + nullable(b"hv")
    return varint(len(body) + length_adjust) + body


def records(n, tag):
    return b"".join(record(i, value=b"%s-%d" % (tag, i)) for i in range(n))


def batch(payload, count, attributes=0, last_offset_delta=None, producer=(-1, -1, -1)):
    """A RecordBatch v2 around `payload` (already compressed if attributes say so), valid CRC."""
    producer_id, producer_epoch, base_sequence = producer
    last = count - 1 if last_offset_delta is None else last_offset_delta
    after_crc = struct.pack(">hiqqqhii", attributes, last, 1_700_000_000_000, 1_700_000_000_000,
                            producer_id, producer_epoch, base_sequence, count) + payload
    crc = calc_crc32c(after_crc)
    length = 4 + 1 + 4 + len(after_crc)  # leader epoch, magic, crc, then the rest
    return struct.pack(">qiibI", 0, length, -1, 2, crc) + after_crc


def compressed(codec_id, n, tag):
    return batch(COMPRESS[codec_id](records(n, tag)), n, attributes=codec_id)


def produce_request(version, records_bytes, topic=TOPIC, partition=0):
    return (kw.nullable_string(None) + kw.i16(-1) + kw.i32(30000) + kw.i32(1) + kw.string(topic) +
            kw.i32(1) + kw.i32(partition) + kw.byte_array(records_bytes))


def read_produce_error(r):
    """Produce v3-v7 response: the one partition's error code."""
    assert r.i32() == 1
    r.string()
    assert r.i32() == 1
    r.i32()
    return r.i16()


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM in /proc/%d/status" % pid)


class PoisonBatchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=1).start()
        cls.broker = cls.cluster.brokers[0]
        admin = AdminClient({"bootstrap.servers": cls.cluster.bootstrap})
        admin.create_topics([NewTopic(TOPIC, 1, 1)])[TOPIC].result(30)
        cls.producer = Producer({"bootstrap.servers": cls.cluster.bootstrap, "acks": "all", "linger.ms": 0})
        cls.good = []

    @classmethod
    def tearDownClass(cls):
        cls.cluster.close()

    def produce_good(self, label):
        value = f"good-{label}".encode()
        errors = []
        self.producer.produce(TOPIC, value=value, partition=0, on_delivery=lambda e, m: errors.append(e))
        self.producer.flush(30)
        self.assertEqual(errors, [None], f"a good record after {label}")
        type(self).good.append(value)

    def send(self, records_bytes, version=7):
        conn = kw.Connection("127.0.0.1", self.broker.port)
        try:
            return read_produce_error(conn.request(API_PRODUCE, version, produce_request(version, records_bytes)))
        finally:
            conn.close()

    def refused(self, name, records_bytes, want, version=7):
        self.produce_good(f"before {name}")
        self.assertEqual(self.send(records_bytes, version), want, name)
        self.assertTrue(self.broker.alive(), f"the broker survives {name}")
        self.produce_good(f"after {name}")

    def test_a_record_length_past_the_batch(self):
        payload = record(0) + record(1, length_adjust=500)
        self.refused("a record length past the batch", batch(payload, 2), INVALID_RECORD)

    def test_a_record_count_larger_than_the_records(self):
        self.refused("5 records declared, 3 present", batch(records(3, b"r"), 5), INVALID_RECORD)

    def test_a_record_count_smaller_than_the_records(self):
        self.refused("2 records declared, 3 present", batch(records(3, b"r"), 2), INVALID_RECORD)

    def test_a_count_that_disagrees_with_the_last_offset_delta(self):
        self.refused("count 3, last offset delta 7", batch(records(3, b"r"), 3, last_offset_delta=7), INVALID_RECORD)

    def test_a_negative_header_key_length(self):
        self.refused("a header key of length -1", batch(record(0, headers=[(-1, b"")]), 1), INVALID_RECORD)

    def test_garbage_compressed_payloads(self):
        garbage = bytes((i * 131 + 7) % 256 for i in range(600))
        for codec_id in (GZIP, SNAPPY, LZ4, ZSTD):
            with self.subTest(codec=codec_id):
                self.refused(f"garbage codec {codec_id}", batch(garbage, 3, attributes=codec_id), CORRUPT_MESSAGE)

    def test_truncated_compressed_payloads(self):
        for codec_id in (GZIP, SNAPPY, LZ4, ZSTD):
            with self.subTest(codec=codec_id):
                payload = COMPRESS[codec_id](records(200, b"t"))
                half = payload[:len(payload) // 2]
                self.refused(f"truncated codec {codec_id}", batch(half, 200, attributes=codec_id), CORRUPT_MESSAGE)

    def test_compressed_records_fewer_than_declared(self):
        for codec_id in (GZIP, SNAPPY, LZ4, ZSTD):
            with self.subTest(codec=codec_id):
                payload = COMPRESS[codec_id](records(3, b"c"))
                self.refused(f"codec {codec_id} with 3 of 4 records", batch(payload, 4, attributes=codec_id),
                             INVALID_RECORD)

    def test_a_gzip_bomb_is_refused_without_growing_memory(self):
        # One record whose value is 300 MiB of zeros: about 300 KB of gzip, within
        # max.message.bytes; it decompresses past the broker's 256 MiB bound.
        n = 300 << 20
        deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
        value_length = varint(n)
        head = b"\x00" + varint(0) + varint(0) + nullable(b"k")
        tail = varint(0)
        body_length = len(head) + len(value_length) + n + len(tail)
        parts = [deflate.compress(varint(body_length) + head + value_length)]
        zeros = bytes(1 << 20)
        for _ in range(n >> 20):
            parts.append(deflate.compress(zeros))
        parts.append(deflate.compress(tail))
        parts.append(deflate.flush())
        bomb = b"".join(parts)
        self.assertLess(len(bomb), 1_000_000)
        before = peak_rss_kib(self.broker.proc.pid)
        self.refused("a gzip bomb", batch(bomb, 1, attributes=GZIP), INVALID_RECORD)
        grown_mib = (peak_rss_kib(self.broker.proc.pid) - before) / 1024
        self.assertLess(grown_mib, 32, f"the broker's peak memory grew by {grown_mib:.0f} MiB")

    def test_a_snappy_block_claiming_256_mib_is_refused_before_allocation(self):
        # Raw snappy starts with the uncompressed length as a varint: claim 256 MiB, give 10 bytes.
        claim = bytes([0x80, 0x80, 0x80, 0x80, 0x01])  # 2**28 in snappy's unsigned varint
        before = peak_rss_kib(self.broker.proc.pid)
        self.refused("a snappy block claiming 256 MiB", batch(claim + bytes(10), 1, attributes=SNAPPY),
                     CORRUPT_MESSAGE)
        grown_mib = (peak_rss_kib(self.broker.proc.pid) - before) / 1024
        self.assertLess(grown_mib, 32, f"the broker's peak memory grew by {grown_mib:.0f} MiB")

    def test_a_zstd_bomb_is_refused_without_growing_memory(self):
        n = 300 << 20
        value = bytes(n)
        body = b"\x00" + varint(0) + varint(0) + nullable(b"k") + varint(n) + value + varint(0)
        bomb = COMPRESS[ZSTD](varint(len(body)) + body)
        del value, body
        self.assertLess(len(bomb), 1_000_000)
        before = peak_rss_kib(self.broker.proc.pid)
        self.refused("a zstd bomb", batch(bomb, 1, attributes=ZSTD), INVALID_RECORD)
        grown_mib = (peak_rss_kib(self.broker.proc.pid) - before) / 1024
        self.assertLess(grown_mib, 32, f"the broker's peak memory grew by {grown_mib:.0f} MiB")

    def test_a_control_batch(self):
        self.refused("a control batch", batch(records(1, b"x"), 1, attributes=0x20), INVALID_RECORD)

    def test_a_transactional_batch_without_a_transactional_id(self):
        self.refused("a transactional batch", batch(records(1, b"x"), 1, attributes=0x10, producer=(5, 0, 0)),
                     TRANSACTIONAL_ID_AUTHORIZATION_FAILED)

    def test_a_producer_id_without_a_sequence(self):
        self.refused("producer id 5, sequence -1", batch(records(1, b"x"), 1, producer=(5, 0, -1)), INVALID_RECORD)

    def test_log_append_time_set_by_a_client(self):
        self.refused("a LogAppendTime batch", batch(records(1, b"x"), 1, attributes=0x08), INVALID_TIMESTAMP)

    def test_zstd_needs_produce_v7(self):
        for version in (3, 5, 6):
            with self.subTest(version=version):
                self.refused(f"zstd in Produce v{version}", compressed(ZSTD, 2, b"z"), UNSUPPORTED_COMPRESSION_TYPE,
                             version=version)

    def test_zz_the_partition_holds_exactly_the_good_records(self):
        # Runs last (unittest sorts by name): every refused batch above left nothing behind.
        self.produce_good("the end")
        self.assertEqual(self.send(compressed(ZSTD, 2, b"z7")), NONE, "zstd in Produce v7 is accepted")
        expected = self.good + [b"z7-0", b"z7-1"]
        consumer = Consumer({"bootstrap.servers": self.cluster.bootstrap, "group.id": "poison-reader",
                             "enable.auto.commit": False, "auto.offset.reset": "earliest"})
        try:
            consumer.assign([TopicPartition(TOPIC, 0, 0)])
            low, high = consumer.get_watermark_offsets(TopicPartition(TOPIC, 0), timeout=30)
            self.assertEqual((low, high), (0, len(expected)), "only the good records were stored")
            got = []
            while len(got) < len(expected):
                m = consumer.poll(30)
                self.assertIsNotNone(m, f"a record after {len(got)} of {len(expected)}")
                self.assertIsNone(m.error(), f"no consumer error after {len(got)} records")
                got.append(m.value())
            self.assertEqual(got, expected)
        finally:
            consumer.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
