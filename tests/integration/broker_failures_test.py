"""Broker failures: the controller moves when its broker stops, kill -9 loses no
acknowledged record, and malformed requests only close their own connection."""
import json
import os
import socket
import struct
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Producer  # noqa: E402


def controller_id(zk):
    if not zk.exists("/controller"):
        return None
    return json.loads(zk.get("/controller")[0])["brokerid"]


class BrokerFailuresTest(unittest.TestCase):
    def test_controller_moves_when_its_broker_stops(self):
        with Cluster(brokers=3) as cluster:
            zk = cluster.zk.kazoo()
            wait_until(lambda: controller_id(zk) is not None, 20, "a controller")  # 0 is a valid id
            first = controller_id(zk)
            epoch_before = int(zk.get("/controller_epoch")[0])
            self.assertEqual(cluster.brokers[first].terminate(), 0)
            wait_until(lambda: controller_id(zk) not in (None, first), 30, "another broker to become controller")
            self.assertEqual(int(zk.get("/controller_epoch")[0]), epoch_before + 1)
            self.assertNotIn(str(first), zk.get_children("/brokers/ids"))
            zk.stop()

    def test_kill_9_then_restart_recovers_every_acknowledged_record(self):
        with Cluster(brokers=1) as cluster:
            broker = cluster.brokers[0]
            acked = []
            p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all", "linger.ms": 2})
            for i in range(2000):
                p.produce("durable", key=str(i).encode(), value=f"record-{i}".encode(),
                          on_delivery=lambda err, msg: err is None and acked.append(msg.value().decode()))
            self.assertEqual(p.flush(30), 0)
            self.assertEqual(len(acked), 2000)
            broker.kill()  # no flush, no clean-shutdown marker
            broker.start()  # waits out the old session's ephemeral, recovers the log
            self.assertIn("recovering", broker.log_text())
            out = subprocess.run(["kcat", "-C", "-b", broker.bootstrap, "-t", "durable", "-o", "beginning", "-e",
                                  "-f", "%s\\n"], capture_output=True, timeout=60)
            self.assertEqual(out.returncode, 0, out.stderr.decode())
            self.assertEqual(sorted(out.stdout.decode().split()), sorted(acked))

    def test_clean_shutdown_checkpoints_high_watermarks(self):
        with Cluster(brokers=1) as cluster:
            broker = cluster.brokers[0]
            p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all"})
            for i in range(50):
                p.produce("hw", value=f"record-{i}".encode())
            self.assertEqual(p.flush(30), 0)
            self.assertEqual(broker.terminate(), 0)
            with open(os.path.join(broker.log_dir, "replication-offset-checkpoint")) as f:
                lines = f.read().splitlines()
            self.assertEqual(lines[0], "0")  # format version
            self.assertIn("hw 0 50", lines[2:])
            self.assertEqual(int(lines[1]), len(lines) - 2)

    def test_malformed_frames_close_only_their_connection(self):
        with Cluster(brokers=1) as cluster:
            broker = cluster.brokers[0]
            bad_frames = [
                struct.pack(">i", 0x7FFFFFFF),                          # larger than socket.request.max.bytes
                struct.pack(">i", -5),                                  # negative size
                struct.pack(">ihhi", 8, 9999, 0, 1),                    # unknown API key
                struct.pack(">ihhi", 8, 0, 99, 1),                      # unsupported Produce version
                struct.pack(">ihhih", 10, 3, 1, 7, 300),                # client id longer than the frame
                struct.pack(">ihhih", 12, 3, 5, 7, -1) + b"\xff\xff",   # Metadata body truncated
            ]
            for frame in bad_frames:
                with socket.create_connection(("127.0.0.1", broker.port), timeout=5) as s:
                    s.sendall(frame)
                    self.assertEqual(s.recv(1), b"", f"connection should be closed after {frame!r}")
            self.assertTrue(broker.alive())
            out = subprocess.run(["kcat", "-L", "-b", broker.bootstrap], capture_output=True, timeout=30)
            self.assertEqual(out.returncode, 0, out.stderr.decode())
            self.assertIn("1 brokers", out.stdout.decode())


if __name__ == "__main__":
    unittest.main()
