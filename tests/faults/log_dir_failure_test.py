#!/usr/bin/python3
"""A leader whose log dir fails under load: the filesystem fills up mid-write, or it turns
read-only (what ext4 does on an I/O error with errors=remount-ro); a failed log dir among
several, which the broker survives; and one of several that fails while the broker is down,
which it starts without.

Three brokers, RF 3, min.insync.replicas 2, an idempotent acks=all producer writing throughout;
the leader's log dir is a small tmpfs of its own. On the first write that fails the broker
takes the dir offline and, with no log dir left, halts with exit code 1 as Kafka does ("Shutdown
broker because all log dirs in ... have failed"). Its ZooKeeper session then expires, the
controller moves leadership within the ISR and the producer carries on. Once space returns (or
the filesystem is writable again) the broker restarts, recovery truncates what the failed write
left, it catches up and rejoins the ISR. Every acknowledged record is read back once and in
order; the replicas end identical.

Needs root (mount). Run with Debian's python (python3-confluent-kafka, python3-kazoo).
"""
import json
import os
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from acked_producer import AckedProducer  # noqa: E402
from harness import Cluster, wait_until  # noqa: E402
from replica_logs import batch_fingerprints  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from fault_checks import check_nothing_lost, longest_gap, wait_progress  # noqa: E402

from confluent_kafka import Producer  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

TOPIC = "diskfail"
HALT_LINE = "Shutdown broker because all log dirs in"


class BulkWriter:
    """Writes 8 KiB records to partition 0 of `topic` as fast as acks allow, to fill a disk
    quickly."""

    def __init__(self, bootstrap, topic=TOPIC):
        self.topic = topic
        self.producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True,
                                  "linger.ms": 5, "message.timeout.ms": 120000})
        self.stop_flag = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        payload = b"x" * 8192
        while not self.stop_flag.is_set():
            try:
                self.producer.produce(self.topic, payload, partition=0)
            except BufferError:
                pass
            self.producer.poll(0.001)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stop_flag.set()
        self.thread.join()
        self.producer.flush(120)


def mount_tmpfs(path):
    """A 64 MiB filesystem of its own at `path`."""
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={64 << 20}", "tmpfs", path], check=True)


def fill(path):
    """Fills the filesystem of `path` up to 512 KiB free with a file there; returns the file."""
    filler = os.path.join(path, "filler")
    st = os.statvfs(path)
    subprocess.run(["fallocate", "-l", str(max(st.f_bavail * st.f_frsize - (512 << 10), 0)), filler], check=True)
    return filler


def partition_state(zk, topic):
    """Partition 0's state znode of `topic`, decoded; None before the controller wrote it."""
    path = f"/brokers/topics/{topic}/partitions/0/state"
    return json.loads(zk.get(path)[0]) if zk.exists(path) else None


def start_cluster(test, mount):
    """Three brokers (6 s sessions), broker 0's log dir mounted by `mount(broker 0)` first and
    unmounted at the end; sets test.cluster and test.zk. Skips without root."""
    if os.geteuid() != 0:
        test.skipTest("mounting a filesystem needs root")
    test.cluster = Cluster(brokers=3, overrides={"zookeeper.session.timeout.ms": "6000"})
    broker = test.cluster.brokers[0]
    os.makedirs(broker.log_dir, exist_ok=True)
    mount(broker)
    test.addCleanup(subprocess.run, ["umount", "-l", broker.log_dir], check=False)
    test.cluster.start()
    test.addCleanup(test.cluster.close)
    test.zk = test.cluster.zk.kazoo()
    test.addCleanup(test.zk.stop)


class LogDirFailureTest(unittest.TestCase):
    """Broker 0 leads, with its log dir on a filesystem of its own (mount_log_dir)."""

    def mount_log_dir(self, path):
        raise NotImplementedError

    def setUp(self):
        start_cluster(self, lambda broker: self.mount_log_dir(broker.log_dir))
        self.leader = self.cluster.brokers[0]
        admin = AdminClient({"bootstrap.servers": self.cluster.bootstrap})
        topic = NewTopic(TOPIC, num_partitions=1, replica_assignment=[[0, 1, 2]],
                         config={"min.insync.replicas": "2", "segment.bytes": str(1 << 20)})
        admin.create_topics([topic])[TOPIC].result(30)
        wait_until(lambda: self.state() and len(self.state()["isr"]) == 3 and self.state()["leader"] == 0, 60,
                   "broker 0 leading with a whole ISR")

    def state(self):
        return partition_state(self.zk, TOPIC)

    def check(self, fail_the_disk, give_it_back, what):
        try:
            self.fail_and_recover(fail_the_disk, give_it_back, what)
        except BaseException:
            self.cluster.print_log_tails()
            raise

    def fail_and_recover(self, fail_the_disk, give_it_back, what):
        timeouts = {"request.timeout.ms": 10000, "socket.timeout.ms": 10000}
        producer = AckedProducer(self.cluster.bootstrap, TOPIC, [0], interval=0.002, config=timeouts).start()
        bulk = None
        try:
            wait_progress(producer, "the start", 200)
            fail_the_disk()
            bulk = BulkWriter(self.cluster.bootstrap).start()
            failed_at = time.monotonic()
            wait_until(lambda: not self.leader.alive(), 90, f"broker 0 to halt after {what}")
            halted_after = time.monotonic() - failed_at
            self.assertEqual(self.leader.proc.returncode, 1, "Kafka's halt: exit code 1")
            self.assertIn(HALT_LINE, self.leader.log_text())
            self.assertIn("KAFKA_STORAGE_ERROR", self.leader.log_text())
            wait_until(lambda: self.state()["leader"] not in (0, -1), 30, "a new leader")
            wait_progress(producer, f"broker 0 halting after {what}", 100)
            bulk.stop()
            bulk = None

            give_it_back()
            self.leader.start()
            wait_until(lambda: sorted(self.state()["isr"]) == [0, 1, 2], 60, "broker 0 back in the ISR")
            wait_progress(producer, "broker 0's return", 50)
        finally:
            if bulk:
                bulk.stop()
            remaining = producer.stop()
        check_nothing_lost(self, producer, remaining, self.cluster, TOPIC)
        gap = longest_gap(producer.acked, producer.acked[0][3], producer.acked[-1][3])
        print(f"{what}: broker 0 halted {halted_after:.1f}s after the fault; longest time without an "
              f"acknowledged write {gap:.1f}s; {len(producer.acked)} writes acknowledged, none lost",
              file=sys.stderr)


class FullDiskTest(LogDirFailureTest):
    def mount_log_dir(self, path):
        mount_tmpfs(path)

    def test_a_full_disk_halts_the_leader_and_it_recovers_when_space_returns(self):
        filler = os.path.join(self.leader.log_dir, "filler")
        self.check(lambda: fill(self.leader.log_dir), lambda: os.remove(filler), "the disk filling up")


class ReadOnlyFilesystemTest(LogDirFailureTest):
    """ext4 on a loop device, mounted errors=remount-ro; the kernel's own error path (sysfs
    trigger_fs_error) turns it read-only under the broker, as a failing disk would."""

    def mount_log_dir(self, path):
        self.image = os.path.join(os.path.dirname(path), "log-dir.ext4")
        subprocess.run(["truncate", "-s", str(128 << 20), self.image], check=True)
        subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", self.image], check=True)
        subprocess.run(["mount", "-o", "loop,errors=remount-ro", self.image, path], check=True)

    def device(self):
        source = subprocess.run(["findmnt", "-n", "-o", "SOURCE", self.leader.log_dir], check=True,
                                capture_output=True, text=True).stdout.strip()
        return os.path.basename(source)

    def test_a_log_dir_turned_read_only_halts_the_leader_and_it_recovers_after_fsck(self):
        def fs_error():
            with open(f"/sys/fs/ext4/{self.device()}/trigger_fs_error", "w") as f:
                f.write("1")

        def repair():  # what an operator does: unmount, fsck, mount again
            subprocess.run(["umount", self.leader.log_dir], check=True)
            subprocess.run(["e2fsck", "-f", "-y", self.image], check=False, capture_output=True)
            subprocess.run(["mount", "-o", "loop,errors=remount-ro", self.image, self.leader.log_dir], check=True)

        self.check(fs_error, repair, "its filesystem turning read-only")


class TwoDirs(unittest.TestCase):
    """Broker 0 has two log dirs, the second a small tmpfs, and leads a partition in each:
    TOPIC in the tmpfs, STEADY in the other."""

    STEADY = "steady"

    def setUp(self):
        other = None

        def two_dirs(broker):
            nonlocal other
            # The harness reads broker 0's replicas of TOPIC from log_dir: it is the small one.
            other = os.path.join(broker.dir, "kafka-logs-other")
            broker.overrides["log.dirs"] = f"{other},{broker.log_dir}"
            mount_tmpfs(broker.log_dir)

        start_cluster(self, two_dirs)
        self.broker = self.cluster.brokers[0]
        admin = AdminClient({"bootstrap.servers": self.cluster.bootstrap})
        config = {"min.insync.replicas": "2", "segment.bytes": str(1 << 20)}
        # A new log goes to the dir with the fewest: STEADY to the first dir, TOPIC to the tmpfs.
        for name in (self.STEADY, TOPIC):
            topic = NewTopic(name, num_partitions=1, replica_assignment=[[0, 1, 2]], config=config)
            admin.create_topics([topic])[name].result(30)
            wait_until(lambda: self.state(name) and len(self.state(name)["isr"]) == 3, 60, f"{name} fully in sync")
        self.assertTrue(os.path.isdir(os.path.join(self.broker.log_dir, f"{TOPIC}-0")))
        self.assertTrue(os.path.isdir(os.path.join(other, f"{self.STEADY}-0")))

    def state(self, topic):
        return partition_state(self.zk, topic)

    def controller_log(self):
        controller = json.loads(self.zk.get("/controller")[0])["brokerid"]
        return self.cluster.brokers[controller].log_text()

    def kafka_log_dirs(self, *args):
        tool = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "kafka-log-dirs.sh")
        return subprocess.run([tool, "--bootstrap-server", self.cluster.bootstrap, "--describe", *args],
                              capture_output=True, text=True, timeout=120)

    def log_dirs_of_broker_0(self):
        """kafka-log-dirs.sh --describe for broker 0: {absolute dir: (error, [partition])}."""
        run = self.kafka_log_dirs("--broker-list", "0")
        self.assertEqual(run.returncode, 0, run.stderr)
        out = run.stdout.splitlines()
        self.assertEqual(out[:2], ["Querying brokers for log directories information",
                                   "Received log directory information from brokers 0"])
        [broker] = json.loads(out[2])["brokers"]
        return {d["logDir"]: (d["error"], sorted(p["partition"] for p in d["partitions"])) for d in broker["logDirs"]}

    def check_log_dirs(self, other):
        """What kafka-log-dirs shows once the tmpfs dir failed: that dir with Kafka's
        KafkaStorageException and no partitions, the other with the steady partition."""
        dirs = self.log_dirs_of_broker_0()
        self.assertEqual(dirs[os.path.abspath(self.broker.log_dir)],
                         ("org.apache.kafka.common.errors.KafkaStorageException", []))
        self.assertEqual(dirs[os.path.abspath(other)][0], None)
        self.assertIn(f"{self.STEADY}-0", dirs[os.path.abspath(other)][1])


class FailedDirAmongSeveralTest(TwoDirs):
    """The tmpfs fills up. As in Kafka (KIP-112) the broker stays up and serves the other dir;
    it posts /log_dir_event_notification/log_dir_event_<seq>, the controller asks it which
    replicas are offline and moves the failed partition's leadership within the ISR, leaving
    broker 0 out of it. Producers to both partitions carry on. Once space returns, a restart
    of broker 0 recovers the dir and its replica rejoins the ISR."""

    def test_the_broker_survives_and_the_controller_moves_only_the_failed_dirs_partitions(self):
        try:
            self.fail_one_dir()
        except BaseException:
            self.cluster.print_log_tails()
            raise

    def fail_one_dir(self):
        timeouts = {"request.timeout.ms": 10000, "socket.timeout.ms": 10000}
        failing = AckedProducer(self.cluster.bootstrap, TOPIC, [0], interval=0.002, config=timeouts).start()
        steady = AckedProducer(self.cluster.bootstrap, self.STEADY, [0], interval=0.002, config=timeouts).start()
        bulk = None
        try:
            wait_progress(failing, "the start", 200)
            wait_progress(steady, "the start", 200)
            filler = fill(self.broker.log_dir)
            bulk = BulkWriter(self.cluster.bootstrap).start()
            failed_at = time.monotonic()
            wait_until(lambda: "Told the controller that log dir" in self.broker.log_text(), 90,
                       "broker 0 to post a log dir event")
            wait_until(lambda: self.state(TOPIC)["leader"] not in (0, -1), 30, "a new leader for the failed partition")
            moved_after = time.monotonic() - failed_at
            self.assertNotIn(0, self.state(TOPIC)["isr"])
            self.assertTrue(self.broker.alive(), "a broker with a dir left keeps running")
            self.assertNotIn(HALT_LINE, self.broker.log_text())
            self.assertIn("0", self.zk.get_children("/brokers/ids"))
            self.assertEqual(self.zk.get_children("/log_dir_event_notification"), [], "the controller deletes them")
            controller_log = self.controller_log()
            self.assertIn("Handling log directory failure for brokers 0", controller_log)
            self.assertIn(f"Mark replicas {TOPIC}-0 on broker 0 as offline", controller_log)
            self.check_log_dirs(self.broker.overrides["log.dirs"].split(",")[0])
            # The other dir's partition keeps its leader and its whole ISR.
            self.assertEqual(self.state(self.STEADY)["leader"], 0)
            self.assertEqual(sorted(self.state(self.STEADY)["isr"]), [0, 1, 2])
            wait_progress(failing, "the failed partition's new leader", 100)
            wait_progress(steady, "broker 0 serving its other dir", 100)
            bulk.stop()
            bulk = None

            os.remove(filler)
            self.broker.terminate()
            self.broker.start()
            wait_until(lambda: sorted(self.state(TOPIC)["isr"]) == [0, 1, 2], 60, "broker 0 back in the ISR")
            wait_progress(failing, "broker 0's return", 50)
            self.assertEqual(sorted(self.state(self.STEADY)["isr"]), [0, 1, 2])
        finally:
            if bulk:
                bulk.stop()
            remaining = failing.stop()
            steady_remaining = steady.stop()
        check_nothing_lost(self, failing, remaining, self.cluster, TOPIC)
        check_nothing_lost(self, steady, steady_remaining, self.cluster, self.STEADY, replicas=False)
        gap = longest_gap(failing.acked, failing.acked[0][3], failing.acked[-1][3])
        steady_gap = longest_gap(steady.acked, steady.acked[0][3], steady.acked[-1][3])
        print(f"one of two dirs full: leadership moved {moved_after:.1f}s after the fill; longest time without an "
              f"acknowledged write {gap:.1f}s on the failed partition, {steady_gap:.1f}s on the other; "
              f"{len(failing.acked)} + {len(steady.acked)} writes acknowledged, none lost", file=sys.stderr)


class DirFailedWhileDownTest(TwoDirs):
    """The tmpfs turns read-only while broker 0 is stopped, and broker 0 starts again. As
    Kafka does, it starts with that dir offline (the lock file cannot be opened) and serves
    the other one. It does not create TOPIC's replica anew, empty, in the live dir: the
    replica stays offline (KAFKA_STORAGE_ERROR), the controller learns so from the log dir
    event and its probe of the returning broker, and keeps broker 0 out of TOPIC's ISR while
    STEADY's replica catches up and rejoins. Once the dir is writable again, a restart brings
    TOPIC's replica back with what it held, and it rejoins the ISR."""

    def since_last_start(self):
        text = self.broker.log_text()
        return text[text.rfind("----- start"):]

    def test_the_broker_starts_with_the_dir_offline_and_never_recreates_its_replicas_empty(self):
        try:
            self.restart_with_a_failed_dir()
        except BaseException:
            self.cluster.print_log_tails()
            raise

    def restart_with_a_failed_dir(self):
        other = self.broker.overrides["log.dirs"].split(",")[0]
        timeouts = {"request.timeout.ms": 10000, "socket.timeout.ms": 10000}
        failing = AckedProducer(self.cluster.bootstrap, TOPIC, [0], interval=0.002, config=timeouts).start()
        steady = AckedProducer(self.cluster.bootstrap, self.STEADY, [0], interval=0.002, config=timeouts).start()
        try:
            wait_progress(failing, "the start", 200)
            wait_progress(steady, "the start", 200)
            self.assertEqual(self.broker.terminate(), 0)
            for topic in (TOPIC, self.STEADY):
                self.assertNotIn(0, self.state(topic)["isr"], "a controlled shutdown leaves the ISR")
            subprocess.run(["mount", "-o", "remount,ro", self.broker.log_dir], check=True)
            restarted_at = time.monotonic()
            self.broker.start()
            started_after = time.monotonic() - restarted_at
            self.assertIn("Disk error while locking directory", self.since_last_start())
            wait_until(lambda: f"Mark replicas {TOPIC}-0 on broker 0 as offline" in self.controller_log(), 60,
                       "the controller to learn that broker 0's replica of the failed dir is offline")
            wait_until(lambda: sorted(self.state(self.STEADY)["isr"]) == [0, 1, 2], 60,
                       "broker 0 back in the ISR of the live dir's partition")
            caught_up_after = time.monotonic() - restarted_at
            wait_until(lambda: "Told the controller that log dir" in self.since_last_start(), 30,
                       "broker 0 to post a log dir event")
            self.assertTrue(self.broker.alive(), "a broker with a dir left keeps running")
            self.assertNotIn(HALT_LINE, self.since_last_start())
            self.assertFalse(os.path.exists(os.path.join(other, f"{TOPIC}-0")),
                             "the failed dir's replica is not created anew in the live dir")
            self.assertNotIn(self.state(TOPIC)["leader"], (0, -1))
            self.assertNotIn(0, self.state(TOPIC)["isr"])
            self.check_log_dirs(other)
            unknown = self.kafka_log_dirs("--broker-list", "0,7")
            self.assertEqual(unknown.returncode, 1)
            self.assertIn("ERROR: The given brokers do not exist from --broker-list: 7. Current existent brokers: 0,1,2",
                          unknown.stderr)
            wait_progress(failing, "the failed dir's partition led elsewhere", 100)
            wait_progress(steady, "broker 0 serving its other dir", 100)

            self.assertEqual(self.broker.terminate(), 0)
            subprocess.run(["mount", "-o", "remount,rw", self.broker.log_dir], check=True)
            self.broker.start()
            self.assertNotIn("Disk error while locking directory", self.since_last_start())
            wait_until(lambda: sorted(self.state(TOPIC)["isr"]) == [0, 1, 2], 60, "broker 0 back in TOPIC's ISR")
            dirs = self.log_dirs_of_broker_0()
            self.assertEqual(dirs[os.path.abspath(self.broker.log_dir)], (None, [f"{TOPIC}-0"]))
            wait_progress(failing, "broker 0's return", 50)
        finally:
            remaining = failing.stop()
            steady_remaining = steady.stop()
        check_nothing_lost(self, failing, remaining, self.cluster, TOPIC)
        check_nothing_lost(self, steady, steady_remaining, self.cluster, self.STEADY, replicas=False)
        # The harness reads only log_dir; broker 0's replica of STEADY is in the other dir.
        wait_until(lambda: batch_fingerprints(other, self.STEADY, 0) ==
                   batch_fingerprints(self.cluster.brokers[1].log_dir, self.STEADY, 0), 30,
                   "broker 0's replica of the live dir's partition to equal broker 1's")
        gap = longest_gap(failing.acked, failing.acked[0][3], failing.acked[-1][3])
        steady_gap = longest_gap(steady.acked, steady.acked[0][3], steady.acked[-1][3])
        print(f"a dir read-only across a restart: broker 0 started in {started_after:.2f}s and was back in the live "
              f"dir's ISR {caught_up_after:.2f}s after the start command; longest time without an acknowledged write "
              f"{gap:.1f}s on the failed dir's partition, {steady_gap:.1f}s on the other; {len(failing.acked)} + "
              f"{len(steady.acked)} writes acknowledged, none lost", file=sys.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
