"""The leader shrinks the ISR when a follower lags longer than replica.lag.time.max.ms,
writes it to the partition's state znode, and grows it again once the follower catches up."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Producer  # noqa: E402
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


if __name__ == "__main__":
    unittest.main()
