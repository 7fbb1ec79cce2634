"""kafka-producer-perf-test.sh and kafka-consumer-perf-test.sh against a real broker: Kafka's
flags and output lines, the record counts checked against what the broker holds."""
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BUILD_BIN, REPO, Cluster  # noqa: E402

from confluent_kafka import Consumer, TopicPartition  # noqa: E402

SCRIPTS = os.path.join(REPO, "scripts")
ENV = dict(os.environ, KB_BUILD_BIN=BUILD_BIN)
SUMMARY = re.compile(r"^(\d+) records sent, [\d.]+ records/sec \([\d.]+ MB/sec\), [\d.]+ ms avg latency, "
                     r"[\d.]+ ms max latency, \d+ ms 50th, \d+ ms 95th, \d+ ms 99th, \d+ ms 99\.9th\.$")
HEADER = ("start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
          "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec")
DATE = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{3}"
ROW = re.compile(rf"^{DATE}, {DATE}, ([\d.]+), [\d.]+, (\d+), [\d.]+, \d+, \d+, [\d.]+, [\d.]+$")


def script(name, *args, timeout=120):
    return subprocess.run([os.path.join(SCRIPTS, name), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=ENV)


class PerfToolsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=1, overrides={"num.partitions": "3", "group.initial.rebalance.delay.ms": "0"}).start()
        cls.bootstrap = cls.cluster.bootstrap

    @classmethod
    def tearDownClass(cls):
        cls.cluster.close()

    def log_end(self, topic):
        c = Consumer({"bootstrap.servers": self.bootstrap, "group.id": "unused"})
        try:
            return sum(c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in range(3))
        finally:
            c.close()

    def produce(self, topic, *args):
        return script("kafka-producer-perf-test.sh", "--topic", topic, *args,
                      "--producer-props", f"bootstrap.servers={self.bootstrap}", "acks=all")

    def test_the_producer_sends_every_record_and_prints_kafkas_summary(self):
        r = self.produce("fixed", "--num-records", 20000, "--record-size", 100, "--throughput", -1)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        last = r.stdout.splitlines()[-1]
        m = SUMMARY.match(last)
        self.assertTrue(m, last)
        self.assertEqual(int(m.group(1)), 20000)
        self.assertEqual(self.log_end("fixed"), 20000)

    def test_payloads_come_from_a_file_split_at_the_delimiter(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("alpha;beta;;gamma")
        try:
            r = self.produce("payloads", "--num-records", 300, "--payload-file", f.name, "--payload-delimiter", ";",
                             "--throughput", -1)
        finally:
            os.unlink(f.name)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(f"Number of messages read: 3\n", r.stdout)
        c = Consumer({"bootstrap.servers": self.bootstrap, "group.id": "payload-check", "auto.offset.reset": "earliest"})
        c.subscribe(["payloads"])
        values = set()
        try:
            while len(values) < 3:
                m = c.poll(10)
                self.assertIsNotNone(m, f"only {values} read")
                if not m.error():
                    values.add(m.value())
        finally:
            c.close()
        self.assertEqual(values, {b"alpha", b"beta", b"gamma"})

    def test_the_consumer_reads_the_messages_and_prints_kafkas_line(self):
        self.assertEqual(self.produce("toread", "--num-records", 5000, "--record-size", 200, "--throughput", -1)
                         .returncode, 0)
        r = script("kafka-consumer-perf-test.sh", "--bootstrap-server", self.bootstrap, "--topic", "toread",
                   "--messages", 5000)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], HEADER)
        m = ROW.match(lines[1])
        self.assertTrue(m, lines[1])
        self.assertEqual(int(m.group(2)), 5000)
        self.assertAlmostEqual(float(m.group(1)), 5000 * 200 / 2**20, places=3)

    def test_the_consumer_stops_after_its_timeout_with_kafkas_warning(self):
        self.assertEqual(self.produce("short", "--num-records", 100, "--record-size", 10, "--throughput", -1)
                         .returncode, 0)
        r = script("kafka-consumer-perf-test.sh", "--bootstrap-server", self.bootstrap, "--topic", "short",
                   "--messages", 1000, "--timeout", 4000, "--hide-header")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "WARNING: Exiting before consuming the expected number of messages: timeout (4000 ms) "
                                   "exceeded. You can use the --timeout option to increase the timeout.")
        self.assertEqual(int(ROW.match(lines[1]).group(2)), 100)

    def test_bad_command_lines_are_refused_with_a_message(self):
        cases = [
            (["--num-records", 1, "--record-size", 1, "--throughput", -1, "--producer-props", "a=b"],
             "argument --topic is required"),
            (["--topic", "t", "--num-records", 1, "--record-size", 1, "--payload-file", "x", "--throughput", -1,
              "--producer-props", "a=b"], "one of the arguments --record-size --payload-file is required"),
            (["--topic", "t", "--num-records", 1, "--record-size", 1, "--throughput", -1],
             "Either --producer-props or --producer.config must be specified."),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = script("kafka-producer-perf-test.sh", *args)
                self.assertEqual(r.returncode, 1)
                self.assertIn(message, r.stderr)
        r = script("kafka-consumer-perf-test.sh", "--bootstrap-server", self.bootstrap, "--topic", "t")
        self.assertEqual(r.returncode, 1)
        self.assertIn('Missing required argument "[messages]"', r.stderr)


if __name__ == "__main__":
    unittest.main()
