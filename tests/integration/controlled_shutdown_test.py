"""SIGTERM triggers a controlled shutdown: the controller moves the stopping broker's
leaderships to other ISR members and drops it from the ISRs before it leaves, so an
acks=all producer sees no errors."""
import json
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Producer  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402


class ControlledShutdownTest(unittest.TestCase):
    def test_sigterm_moves_leadership_within_the_isr_without_producer_errors(self):
        with Cluster(brokers=3, overrides={"min.insync.replicas": "2"}) as cluster:
            admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
            admin.create_topics([NewTopic("moving", 3, 3)])["moving"].result(30)
            zk = cluster.zk.kazoo()

            def states():
                out = {}
                for p in range(3):
                    path = f"/brokers/topics/moving/partitions/{p}/state"
                    if zk.exists(path):
                        out[p] = json.loads(zk.get(path)[0])
                return out

            wait_until(lambda: len(states()) == 3 and all(len(s["isr"]) == 3 for s in states().values()), 20,
                       "full ISRs")
            victim = states()[0]["leader"]
            led_before = [p for p, s in states().items() if s["leader"] == victim]

            errors, acked, stop = [], [], threading.Event()
            producer = Producer({"bootstrap.servers": cluster.bootstrap, "acks": "all", "linger.ms": 1,
                                 "enable.idempotence": True})

            def produce():
                i = 0
                while not stop.is_set():
                    producer.produce("moving", key=str(i % 30).encode(), value=str(i).encode(),
                                     on_delivery=lambda err, msg: errors.append(err) if err else acked.append(msg.value()))
                    producer.poll(0)
                    i += 1
                    time.sleep(0.002)
                producer.flush(30)

            t = threading.Thread(target=produce)
            t.start()
            wait_until(lambda: len(acked) > 200, 20, "the producer to be running")
            self.assertEqual(cluster.brokers[victim].terminate(), 0)
            log = cluster.brokers[victim].log_text()
            self.assertIn("controlled shutdown succeeded", log)
            after = states()
            for p in led_before:
                self.assertNotEqual(after[p]["leader"], victim, f"partition {p} still led by {victim}")
                self.assertGreater(after[p]["leader_epoch"], 0)
            for s in after.values():
                self.assertNotIn(victim, s["isr"])
            count_at_stop = len(acked)
            wait_until(lambda: len(acked) > count_at_stop + 200, 30, "produces to continue on the new leaders")
            stop.set()
            t.join(60)
            self.assertEqual(errors, [])
            zk.stop()


if __name__ == "__main__":
    unittest.main()
