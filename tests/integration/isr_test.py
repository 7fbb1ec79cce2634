"""The leader shrinks the ISR when a follower lags longer than replica.lag.time.max.ms,
writes it to the partition's state znode, and grows it again once the follower catches up;
an acks=all produce waiting on a follower the controller drops completes once."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Consumer, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402


class IsrTest(unittest.TestCase):
    def test_isr_shrinks_for_a_stalled_follower_and_expands_when_it_catches_up(self):
        overrides = {"replica.lag.time.max.ms": "2000", "zookeeper.session.timeout.ms": "20000",
                     "min.insync.replicas": "2"}
        with Cluster(brokers=3, overrides=overrides) as cluster:
            admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
            admin.create_topics([NewTopic("isr", 1, 3)])["isr"].result(30)
            zk = cluster.zk.kazoo()
            path = "/brokers/topics/isr/partitions/0/state"

            def state():
                return json.loads(zk.get(path)[0]) if zk.exists(path) else None

            full = wait_until(lambda: state() and len(state()["isr"]) == 3 and state(), 20, "a full ISR")
            leader = full["leader"]
            follower = next(b for b in cluster.brokers if b.id != leader)
            epoch = state()["leader_epoch"]
            follower.pause()
            try:
                shrunk = wait_until(lambda: len(state()["isr"]) == 2 and state(), 20, "the ISR to shrink")
                self.assertNotIn(follower.id, shrunk["isr"])
                self.assertEqual(shrunk["leader"], leader)
                self.assertEqual(shrunk["leader_epoch"], epoch, "an ISR change by the leader keeps the epoch")
                # Two in-sync replicas still satisfy min.insync.replicas=2.
                p = Producer({"bootstrap.servers": cluster.brokers[leader].bootstrap, "acks": "all"})
                errors = []
                for i in range(50):
                    p.produce("isr", value=b"x", on_delivery=lambda err, msg: err and errors.append(err))
                self.assertEqual(p.flush(30), 0)
                self.assertEqual(errors, [])
            finally:
                follower.resume()
            grown = wait_until(lambda: len(state()["isr"]) == 3 and state(), 30, "the follower to rejoin the ISR")
            self.assertIn(follower.id, grown["isr"])
            wait_until(lambda: zk.get_children("/isr_change_notification") == [], 20,
                       "the controller to process the ISR change notifications")
            zk.stop()

    def test_acks_all_produce_waiting_on_a_dead_follower_completes_when_the_controller_drops_it(self):
        # The leader would wait a minute before shrinking the ISR itself; the follower's
        # session (6 s) expires first, and the controller removes it with a new leader epoch
        # that keeps the leader. The waiting produce must then succeed, as in Kafka. Failing
        # it with NOT_LEADER_OR_FOLLOWER, although the batch was appended, makes librdkafka
        # send it again (even with retries=0: "MsgNotPersisted"), storing the record twice.
        with Cluster(brokers=3, overrides={"replica.lag.time.max.ms": "60000"}) as cluster:
            admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
            admin.create_topics([NewTopic("waiting", 1, 2)])["waiting"].result(30)
            zk = cluster.zk.kazoo()
            path = "/brokers/topics/waiting/partitions/0/state"

            def state():
                return json.loads(zk.get(path)[0]) if zk.exists(path) else None

            full = wait_until(lambda: state() and len(state()["isr"]) == 2 and state(), 20, "a full ISR")
            leader = full["leader"]
            follower = cluster.brokers[next(b for b in full["isr"] if b != leader)]
            p = Producer({"bootstrap.servers": cluster.brokers[leader].bootstrap, "acks": "all", "retries": 0,
                          "request.timeout.ms": 30000, "linger.ms": 0})
            results = []
            p.produce("waiting", value=b"warm-up", on_delivery=lambda err, msg: results.append(err))
            self.assertEqual(p.flush(30), 0)
            self.assertEqual(results, [None])

            follower.pause()
            try:
                p.produce("waiting", value=b"waits", on_delivery=lambda err, msg: results.append(err))
                self.assertEqual(p.flush(40), 0, "the produce was never answered")
                after = state()
            finally:
                follower.resume()
            self.assertEqual(results, [None, None])
            self.assertEqual(after["leader"], leader)
            self.assertEqual(after["isr"], [leader], "the controller dropped the paused follower")
            self.assertGreater(after["leader_epoch"], full["leader_epoch"], "with a new leader epoch")
            wait_until(lambda: len(state()["isr"]) == 2, 30, "the follower to rejoin the ISR")
            c = Consumer({"bootstrap.servers": cluster.bootstrap, "group.id": "unused", "enable.auto.commit": False})
            self.assertEqual(c.get_watermark_offsets(TopicPartition("waiting", 0), timeout=10), (0, 2),
                             "each record stored once")
            c.close()
            zk.stop()


if __name__ == "__main__":
    unittest.main()
