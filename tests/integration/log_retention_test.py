"""Retention runs inside the broker on log.retention.check.interval.ms, deleting whole
segments and advancing the log start offset that clients see as the low watermark."""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Consumer, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402


class LogRetentionTest(unittest.TestCase):
    def test_expired_segments_are_deleted_by_the_broker_on_its_schedule(self):
        with Cluster(brokers=1, overrides={"log.retention.check.interval.ms": "300"}) as cluster:
            admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
            futures = admin.create_topics([NewTopic("expiring", 1, 1, config={"retention.ms": "60000", "segment.ms": "1000"})])
            futures["expiring"].result(30)
            producer = Producer({"bootstrap.servers": cluster.bootstrap, "linger.ms": 0})
            now_ms = int(time.time() * 1000)
            # Two hours old, then one hour old: the second append rolls a new segment
            # (its first batch is more than segment.ms newer), and both are past retention.ms.
            for ts in (now_ms - 2 * 3600_000, now_ms - 3600_000, now_ms):
                producer.produce("expiring", value=b"v", timestamp=ts)
                self.assertEqual(producer.flush(10), 0)
            consumer = Consumer({"bootstrap.servers": cluster.bootstrap, "group.id": "unused"})
            tp = TopicPartition("expiring", 0)
            low, high = consumer.get_watermark_offsets(tp, timeout=10)
            self.assertEqual((low, high), (0, 3))
            segments_dir = os.path.join(cluster.brokers[0].log_dir, "expiring-0")
            self.assertGreaterEqual(len([f for f in os.listdir(segments_dir) if f.endswith(".log")]), 2)

            def low_watermark():
                return consumer.get_watermark_offsets(tp, timeout=10, cached=False)[0]

            # The two expired segments go; the newest record (timestamp now) is kept.
            wait_until(lambda: low_watermark() == 2, 30, "the low watermark to reach 2")
            self.assertEqual(consumer.get_watermark_offsets(tp, timeout=10)[1], 3)
            self.assertFalse(os.path.exists(os.path.join(segments_dir, "00000000000000000000.log")))
            consumer.close()


if __name__ == "__main__":
    unittest.main()
