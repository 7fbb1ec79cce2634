"""Three brokers, a topic with replication factor 3: followers fetch from the leader, the
high watermark advances, acks=all produces complete, and every replica holds the same log."""
import glob
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Producer  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402


def segment_bytes(log_dir, topic, partition):
    data = b""
    for f in sorted(glob.glob(os.path.join(log_dir, f"{topic}-{partition}", "*.log"))):
        with open(f, "rb") as fh:
            data += fh.read()
    return data


class ReplicationBasicsTest(unittest.TestCase):
    def test_rf3_topic_replicates_and_commits_with_acks_all(self):
        with Cluster(brokers=3, overrides={"min.insync.replicas": "2"}) as cluster:
            admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
            admin.create_topics([NewTopic("replicated", 3, 3)])["replicated"].result(30)
            zk = cluster.zk.kazoo()
            for p in range(3):
                state = wait_until(lambda: zk.exists(f"/brokers/topics/replicated/partitions/{p}/state")
                                   and json.loads(zk.get(f"/brokers/topics/replicated/partitions/{p}/state")[0]),
                                   20, f"state of partition {p}")
                self.assertEqual(sorted(state["isr"]), [0, 1, 2])

            delivered = []
            producer = Producer({"bootstrap.servers": cluster.bootstrap, "acks": "all", "linger.ms": 5})
            for i in range(600):
                producer.produce("replicated", key=f"k{i % 7}".encode(), value=f"v{i}".encode(),
                                 on_delivery=lambda err, msg: delivered.append((err, msg.partition(), msg.offset())))
            self.assertEqual(producer.flush(60), 0)
            errors = [d for d in delivered if d[0] is not None]
            self.assertEqual(errors, [])
            self.assertEqual(len(delivered), 600)

            out = subprocess.run(["kcat", "-C", "-b", cluster.bootstrap, "-t", "replicated", "-o", "beginning", "-e",
                                  "-f", "%s\\n"], capture_output=True, timeout=60)
            self.assertEqual(out.returncode, 0, out.stderr.decode())
            self.assertEqual(sorted(out.stdout.decode().split()), sorted(f"v{i}" for i in range(600)))

            # Every replica's segment files end up byte-identical to the leader's.
            for p in range(3):
                def replicas_identical():
                    logs = [segment_bytes(b.log_dir, "replicated", p) for b in cluster.brokers]
                    return logs[0] and all(l == logs[0] for l in logs)
                wait_until(replicas_identical, 20, f"replicas of partition {p} to converge")
            zk.stop()


if __name__ == "__main__":
    unittest.main()
