"""One real broker and a real ZooKeeper: the znodes Kafka writes, and a kcat round trip."""
import json
import subprocess
import sys
import unittest

sys.path.insert(0, __import__("os").path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402


def kcat(*args, input_bytes=None, timeout=30):
    return subprocess.run(["kcat", *args], input=input_bytes, capture_output=True, timeout=timeout)


class BrokerBasicsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=1).start()
        cls.zk = cls.cluster.zk.kazoo()

    @classmethod
    def tearDownClass(cls):
        cls.zk.stop()
        cls.cluster.close()

    def test_registration_and_controller_znodes_have_kafkas_json(self):
        broker = self.cluster.brokers[0]
        self.assertEqual(self.zk.get_children("/brokers/ids"), ["0"])
        data, stat = self.zk.get("/brokers/ids/0")
        reg = json.loads(data)
        self.assertEqual(list(reg.keys()), ["features", "listener_security_protocol_map", "endpoints", "jmx_port",
                                            "port", "host", "version", "timestamp"])
        self.assertEqual(reg["endpoints"], [f"PLAINTEXT://127.0.0.1:{broker.port}"])
        self.assertEqual(reg["port"], broker.port)
        self.assertEqual(reg["version"], 5)
        self.assertIsInstance(reg["timestamp"], str)
        self.assertEqual(stat.version, 1, "registered with create(null) + setData, as Kafka does")
        self.assertNotEqual(stat.ephemeralOwner, 0)

        controller = wait_until(lambda: self.zk.exists("/controller") and json.loads(self.zk.get("/controller")[0]),
                                10, "/controller")
        self.assertEqual(controller["version"], 1)
        self.assertEqual(controller["brokerid"], 0)
        self.assertEqual(self.zk.get("/controller_epoch")[0], b"1")
        cluster_id = json.loads(self.zk.get("/cluster/id")[0])
        self.assertEqual(cluster_id["version"], "1")
        self.assertEqual(len(cluster_id["id"]), 22)
        for path in ["/consumers", "/brokers/topics", "/brokers/seqid", "/config/topics", "/config/changes",
                     "/admin/delete_topics", "/isr_change_notification", "/latest_producer_id_block",
                     "/log_dir_event_notification"]:
            self.assertTrue(self.zk.exists(path), path)

    def test_kcat_round_trip_keeps_keys_and_per_key_order(self):
        broker = self.cluster.brokers[0]
        lines = [f"user-{i % 3}:event-{i}" for i in range(300)]
        produced = kcat("-P", "-b", broker.bootstrap, "-t", "roundtrip", "-K", ":", "-X", "topic.request.required.acks=-1",
                        input_bytes=("\n".join(lines) + "\n").encode())
        self.assertEqual(produced.returncode, 0, produced.stderr.decode())
        consumed = kcat("-C", "-b", broker.bootstrap, "-t", "roundtrip", "-o", "beginning", "-e", "-f", "%k:%s\\n")
        self.assertEqual(consumed.returncode, 0, consumed.stderr.decode())
        got = consumed.stdout.decode().splitlines()
        self.assertEqual(sorted(got), sorted(lines))
        for key in ["user-0", "user-1", "user-2"]:
            self.assertEqual([l for l in got if l.startswith(key + ":")], [l for l in lines if l.startswith(key + ":")])

    def test_auto_created_topic_has_partition_state_written_by_the_controller(self):
        broker = self.cluster.brokers[0]
        r = kcat("-P", "-b", broker.bootstrap, "-t", "auto-created", input_bytes=b"x\n")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        assignment = json.loads(self.zk.get("/brokers/topics/auto-created")[0])
        self.assertEqual(assignment["partitions"], {"0": [0]})
        self.assertEqual(assignment["version"], 3)
        state = json.loads(self.zk.get("/brokers/topics/auto-created/partitions/0/state")[0])
        self.assertEqual(state, {"controller_epoch": 1, "leader": 0, "version": 1, "leader_epoch": 0, "isr": [0]})
        self.assertEqual(list(state.keys()), ["controller_epoch", "leader", "version", "leader_epoch", "isr"])


if __name__ == "__main__":
    unittest.main()
