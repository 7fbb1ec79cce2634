"""What the fault tests share: waiting for an AckedProducer to progress, reading a partition
back for the checker, the checker's verdict on a run (nothing acknowledged lost, replicas
identical), the longest time without an acknowledgement, and a raw acks=1 Produce aimed at
one broker (a write a deposed leader must refuse)."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
import kafka_wire as kw  # noqa: E402
from acked_producer import problems_with  # noqa: E402
from harness import wait_until  # noqa: E402
from replica_logs import batch_fingerprints, describe_divergence  # noqa: E402

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, TopicPartition  # noqa: E402
from kafka.record.default_records import DefaultRecordBatchBuilder  # noqa: E402

API_PRODUCE = 0


def wait_progress(producer, what, more):
    """Waits until `producer` (an AckedProducer) has `more` acknowledgements beyond what it has
    now; fails at once if it died or hit a fatal error."""
    before = producer.acked_count()

    def moved():
        if producer.exception or producer.fatal_error():
            raise AssertionError(f"producer failed: {producer.exception or producer.fatal_error()}")
        return producer.acked_count() >= before + more
    wait_until(moved, 60, f"acknowledged writes after {what}")


def read_partition(bootstrap, topic):
    """Every record of partition 0 below its high watermark as [(offset, value)]."""
    return read_partitions(bootstrap, topic, [0])[0]


def read_partitions(bootstrap, topic, partitions):
    """{partition: [(offset, value)]}: every record below each partition's high watermark, read
    from the beginning by a fresh consumer; a consumer error fails."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"{topic}-check", "enable.auto.commit": False})
    try:
        high = {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in partitions}
        c.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])
        records = {p: [] for p in partitions}

        def caught_up():
            m = c.poll(0.5)
            if m is not None and m.error() is None and m.offset() < high[m.partition()]:
                records[m.partition()].append((m.offset(), m.value()))
            elif m is not None and m.error() is not None and m.error().code() != KafkaError._PARTITION_EOF:
                raise AssertionError(f"consumer error: {m.error()}")
            return all((records[p][-1][0] + 1 if records[p] else 0) >= high[p] for p in partitions)
        wait_until(caught_up, 120, f"reading {topic} up to its high watermarks {high}", interval=0)
        return records
    finally:
        c.close()


def check_nothing_lost(test, producer, remaining, cluster, topic, replicas=True):
    """The checker's verdict on an idempotent AckedProducer writing partition 0 of `topic`
    through a fault, once stopped (`remaining`: what stop() returned): no exception, no fatal
    error, nothing left unsent or given up on, every acknowledged record in the log once, at
    its offset and in order; with `replicas`, every replica holding the same batches."""
    test.assertIsNone(producer.exception)
    test.assertIsNone(producer.fatal_error())
    test.assertEqual(remaining, 0)
    test.assertEqual(producer.failed, [], "records the idempotent producer gave up on")
    test.assertEqual(problems_with(producer.acked, {0: read_partition(cluster.bootstrap, topic)}), [])
    if replicas:
        test.assertEqual(replica_divergence(cluster.brokers, topic), [])


def longest_gap(acked, start, end):
    """The longest stretch within [start, end] (monotonic seconds) with no acknowledgement."""
    times = sorted(t for *_, t in acked if start <= t <= end)
    edges = [start, *times, end]
    return max(b - a for a, b in zip(edges, edges[1:]))


def replica_divergence(brokers, topic):
    """Waits up to 30 s for every replica of partition 0 to hold the same batches; returns []
    once they do, else where they differ."""
    fingerprints = {}
    if replicas_converged(brokers, topic, {0: [b.id for b in brokers]}, fingerprints):
        return []
    return describe_divergence(fingerprints)


def replicas_converged(brokers, topic, assignment, fingerprints=None):
    """Whether, within 30 s, every replica of each partition in `assignment` ({partition:
    [broker ids]}) holds the same batches. `fingerprints`, if given, is filled with the last
    look: {partition: {broker id: batch_fingerprints}}."""
    by_id = {b.id: b for b in brokers}
    seen = {} if fingerprints is None else fingerprints

    def agree():
        for p, replicas in assignment.items():
            seen[p] = {b: batch_fingerprints(by_id[b].log_dir, topic, p) for b in replicas}
        return all(len({tuple(f) for f in by_broker.values()}) == 1 for by_broker in seen.values())
    try:
        wait_until(agree, 30, "the replicas to hold the same batches")
        return True
    except AssertionError:
        return False


def produce_v7_acks1(topic, value):
    """A Produce v7 request body: one record to partition 0 of `topic`, acks=1."""
    builder = DefaultRecordBatchBuilder(magic=2, compression_type=0, is_transactional=0, producer_id=-1,
                                        producer_epoch=-1, base_sequence=-1, batch_size=1 << 20)
    builder.append(0, timestamp=int(time.time() * 1000), key=None, value=value, headers=[])
    return (kw.nullable_string(None) + kw.i16(1) + kw.i32(5000) + kw.i32(1) + kw.string(topic) + kw.i32(1) +
            kw.i32(0) + kw.byte_array(bytes(builder.build())))


def read_produce_error(r):
    """The error code of a Produce v7 response to produce_v7_acks1."""
    r.i32(), r.string(), r.i32(), r.i32()  # one topic: name, one partition: index
    return r.i16()
