"""Broker lifecycle: starting from the shipped server.properties through Kafka's start
script, refusing bad configuration, and surviving a ZooKeeper session expiry."""
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import REPO, READY_LINE, Cluster, free_port, wait_until  # noqa: E402


class BrokerLifecycleTest(unittest.TestCase):
    def test_shipped_server_properties_start_a_broker_through_the_start_script(self):
        with Cluster(brokers=0) as cluster, tempfile.TemporaryDirectory() as tmp:
            port = free_port()
            out = open(os.path.join(tmp, "out.log"), "w")
            proc = subprocess.Popen(
                [os.path.join(REPO, "scripts", "kafka-server-start.sh"), os.path.join(REPO, "config", "server.properties"),
                 "--override", f"listeners=PLAINTEXT://127.0.0.1:{port}",
                 "--override", f"log.dirs={tmp}/logs", "--override", f"zookeeper.connect={cluster.zk.connect}"],
                stdout=out, stderr=subprocess.STDOUT)
            try:
                text = lambda: open(out.name).read()  # noqa: E731
                wait_until(lambda: READY_LINE in text() or proc.poll() is not None, 30, "the broker to start")
                self.assertIsNone(proc.poll(), text())
                self.assertIn("accepted but has no effect", text())  # e.g. num.network.threads
                proc.terminate()
                self.assertEqual(proc.wait(20), 0)
                self.assertTrue(os.path.exists(os.path.join(tmp, "logs", ".kafka_cleanshutdown")))
                self.assertTrue(os.path.exists(os.path.join(tmp, "logs", "meta.properties")))
            finally:
                if proc.poll() is None:
                    proc.kill()
                out.close()

    def test_invalid_values_stop_startup_with_a_message_naming_the_key(self):
        with tempfile.TemporaryDirectory() as tmp:
            cfg = os.path.join(tmp, "server.properties")
            cases = {"num.partitions=abc": "num.partitions", "listeners=PLAINTEXT://:99999": "listeners",
                     "zookeeper.connect=": "zookeeper.connect", "log.segment.bytes=-5": "log.segment.bytes"}
            for line, key in cases.items():
                with open(cfg, "w") as f:
                    f.write(f"broker.id=0\nlog.dirs={tmp}/logs\nzookeeper.connect=127.0.0.1:1\n{line}\n")
                r = subprocess.run([os.path.join(os.environ.get("KB_BUILD_BIN", os.path.join(REPO, "build", "bin")),
                                                 "brokerd"), cfg], capture_output=True, timeout=30)
                self.assertNotEqual(r.returncode, 0, line)
                self.assertIn(key, r.stderr.decode(), line)

    def test_sigterm_answers_a_fetch_that_is_waiting(self):
        def frame(api_key, version, correlation, body=b""):
            payload = struct.pack(">hhih", api_key, version, correlation, 4) + b"test" + body
            return struct.pack(">i", len(payload)) + payload

        def read_frame(s):
            def exact(n):
                data = b""
                while len(data) < n:
                    chunk = s.recv(n - len(data))
                    if not chunk:
                        raise AssertionError("connection closed before the response arrived")
                    data += chunk
                return data
            size = struct.unpack(">i", exact(4))[0]
            return exact(size)

        with Cluster(brokers=1) as cluster:
            broker = cluster.brokers[0]
            from confluent_kafka.admin import AdminClient, NewTopic
            admin = AdminClient({"bootstrap.servers": broker.bootstrap})
            admin.create_topics([NewTopic("quiet", 1, 1)])["quiet"].result(30)
            wait_until(lambda: "quiet-0" in os.listdir(broker.log_dir), 20, "the partition's log")
            topic = b"quiet"
            # Fetch v4 at offset 0 of an empty partition: it long-polls for up to 10 s.
            fetch = struct.pack(">iiiib", -1, 10_000, 1, 1 << 20, 0) + struct.pack(">i", 1) + \
                struct.pack(">h", len(topic)) + topic + struct.pack(">i", 1) + struct.pack(">iqi", 0, 0, 1 << 20)
            with socket.create_connection(("127.0.0.1", broker.port), timeout=30) as s:
                # ApiVersions first, pipelined: once its answer is back, the fetch has been read.
                s.sendall(frame(18, 0, 1) + frame(1, 4, 2, fetch))
                self.assertEqual(struct.unpack(">i", read_frame(s)[:4])[0], 1)
                broker.proc.send_signal(signal.SIGTERM)
                response = read_frame(s)
                self.assertEqual(struct.unpack(">i", response[:4])[0], 2, "the waiting fetch is answered")
            self.assertEqual(broker.proc.wait(30), 0)

    def test_session_expiry_re_registers_the_broker(self):
        with Cluster(brokers=2) as cluster:
            zk = cluster.zk.kazoo()
            paused = cluster.brokers[1]
            paused.pause()  # longer than zookeeper.session.timeout.ms (6 s in the harness)
            try:
                wait_until(lambda: "1" not in zk.get_children("/brokers/ids"), 30, "broker 1's session to expire")
            finally:
                paused.resume()
            wait_until(lambda: "1" in zk.get_children("/brokers/ids"), 30, "broker 1 to re-register")
            self.assertTrue(paused.alive())
            wait_until(lambda: "re-establishing" in paused.log_text(), 5, "the expiry to be logged")
            out = subprocess.run(["kcat", "-L", "-b", paused.bootstrap], capture_output=True, timeout=30)
            self.assertIn("2 brokers", out.stdout.decode())
            zk.stop()


if __name__ == "__main__":
    unittest.main()
