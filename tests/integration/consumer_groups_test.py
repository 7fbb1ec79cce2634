"""Consumer groups end to end: real clients (confluent-kafka, kafka-python, kcat) in groups
on a three-broker cluster. Members share a topic's partitions, a killed member's partitions
move, a joining member takes some over, a restarted consumer resumes from its committed
offset, a killed coordinator loses no acknowledged commit, and a static member restarts
without a rebalance.

Members that a test kills run in their own process (group_member.py) and report what they do
as JSON lines. Nothing sleeps to synchronise: every wait polls a condition until a deadline.
"""
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, create_topic, wait_until  # noqa: E402

from confluent_kafka import Consumer, Producer, TopicPartition  # noqa: E402
# Imported here, not inside a test: importing while the member reader threads run has failed
# in CPython's import lock (KeyError in _lock_unlock_module).
from kafka import KafkaConsumer, TopicPartition as KTP  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

SESSION_MS = 6000  # group.min.session.timeout.ms: the shortest a member may ask for
OFFSETS_PARTITIONS = 50


def java_hash(s):
    """Java's String.hashCode over UTF-16 code units, as a signed 32-bit int."""
    h = 0
    for unit in s.encode("utf-16-be").hex(" ", 2).split():
        h = (31 * h + int(unit, 16)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= (1 << 31) else h


def offsets_partition(group):
    h = java_hash(group)
    return (0 if h == -(1 << 31) else abs(h)) % OFFSETS_PARTITIONS


class Member:
    """A group_member.py process and the events it has printed."""

    def __init__(self, bootstrap, group, topic, instance=None, commit=False):
        args = [sys.executable, os.path.join(os.path.dirname(__file__), "group_member.py"), bootstrap, group, topic,
                "--session-ms", str(SESSION_MS)]
        if instance:
            args += ["--instance", instance]
        if commit:
            args.append("--commit")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.events = []
        self._queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stdout:  # until EOF: everything the process printed
            self._queue.put(json.loads(line))

    def poll(self):
        while True:
            try:
                self.events.append(self._queue.get_nowait())
            except queue.Empty:
                return self.events

    def assignment(self):
        """The partitions of the last rebalance (None before the first)."""
        current = None
        for e in self.poll():
            if e["event"] == "assigned":
                current = e["partitions"]
            elif e["event"] == "revoked":
                current = []
        return current

    def of(self, kind):
        return [e for e in self.poll() if e["event"] == kind]

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self._reader.join(10)  # every line it printed before it died is read
        self.proc.stdout.close()

    def stop(self):
        if self.proc.poll() is None:
            self.kill()


class GroupReader:
    """An in-process confluent-kafka member whose callbacks run inside poll()."""

    def __init__(self, bootstrap, group, topic, **conf):
        config = {"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                  "enable.auto.commit": False, "session.timeout.ms": SESSION_MS, "heartbeat.interval.ms": 500}
        config.update(conf)
        self.consumer = Consumer(config)
        self.assigned = None
        self.records = []
        self.consumer.subscribe([topic], on_assign=self._assign, on_revoke=self._revoke)

    def _assign(self, _, partitions):
        self.assigned = sorted(p.partition for p in partitions)

    def _revoke(self, _, partitions):
        self.assigned = []

    def poll(self, timeout=0.1):
        m = self.consumer.poll(timeout)
        if m is not None and not m.error():
            self.records.append((m.partition(), m.offset(), m.value()))

    def close(self):
        self.consumer.close()


def poll_until(readers, condition, timeout, what):
    def step():
        for r in readers:
            r.poll(0.05)
        return condition()
    return wait_until(step, timeout, what, interval=0)


class ConsumerGroupsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=3, overrides={"group.initial.rebalance.delay.ms": "0"}).start()
        cls.bootstrap = cls.cluster.bootstrap
        cls.admin = AdminClient({"bootstrap.servers": cls.bootstrap})

    @classmethod
    def tearDownClass(cls):
        cls.cluster.close()

    def create(self, topic, partitions, records=0):
        create_topic(self.admin, NewTopic(topic, partitions, 3))
        self.produce(topic, range(records), partitions)

    def produce(self, topic, numbers, partitions=1):
        """Records "{topic}-{i}" for each i, round-robin over the partitions, all acknowledged."""
        p = Producer({"bootstrap.servers": self.bootstrap, "acks": "all"})
        for i in numbers:
            p.produce(topic, value=f"{topic}-{i}".encode(), partition=i % partitions)
        self.assertEqual(p.flush(30), 0)

    def test_one_consumer_gets_all_three_partitions(self):
        self.create("one-of-three", 3, records=30)
        r = GroupReader(self.bootstrap, "g-one", "one-of-three")
        try:
            poll_until([r], lambda: len(r.records) == 30, 60, "30 records")
            self.assertEqual(r.assigned, [0, 1, 2])
            self.assertEqual(sorted(v for _, _, v in r.records), sorted(f"one-of-three-{i}".encode() for i in range(30)))
        finally:
            r.close()

    def test_three_consumers_split_six_partitions_and_read_every_record_once(self):
        self.create("six", 6)
        readers = [GroupReader(self.bootstrap, "g-six", "six") for _ in range(3)]
        try:
            poll_until(readers, lambda: all(r.assigned and len(r.assigned) == 2 for r in readers), 60,
                       "three members with two partitions each")
            self.assertEqual(sorted(p for r in readers for p in r.assigned), list(range(6)))
            p = Producer({"bootstrap.servers": self.bootstrap, "acks": "all"})
            for i in range(600):
                p.produce("six", value=f"r{i}".encode(), partition=i % 6)
            self.assertEqual(p.flush(30), 0)
            poll_until(readers, lambda: sum(len(r.records) for r in readers) >= 600, 60, "600 records")
            values = [v for r in readers for _, _, v in r.records]
            self.assertEqual(len(values), 600, "no record read twice")
            self.assertEqual(sorted(values), sorted(f"r{i}".encode() for i in range(600)))
            for r in readers:
                self.assertEqual({p for p, _, _ in r.records}, set(r.assigned), "each reads only its partitions")
        finally:
            for r in readers:
                r.close()

    def test_more_consumers_than_partitions_leaves_one_idle(self):
        self.create("three-for-four", 3)
        readers = [GroupReader(self.bootstrap, "g-four", "three-for-four") for _ in range(4)]
        try:
            poll_until(readers, lambda: all(r.assigned is not None for r in readers) and
                       sorted(p for r in readers for p in r.assigned) == [0, 1, 2], 60, "three partitions assigned")
            self.assertEqual(sorted(len(r.assigned) for r in readers), [0, 1, 1, 1])
        finally:
            for r in readers:
                r.close()

    def test_two_groups_each_read_the_whole_topic(self):
        self.create("shared", 2, records=40)
        a = GroupReader(self.bootstrap, "g-a", "shared")
        b = GroupReader(self.bootstrap, "g-b", "shared")
        try:
            poll_until([a, b], lambda: len(a.records) == 40 and len(b.records) == 40, 60, "both groups read 40")
            self.assertEqual(sorted(v for _, _, v in a.records), sorted(v for _, _, v in b.records))
        finally:
            a.close()
            b.close()

    def test_a_killed_member_loses_its_partitions_to_the_survivor(self):
        self.create("failover", 6)
        first = Member(self.bootstrap, "g-kill", "failover")
        second = Member(self.bootstrap, "g-kill", "failover")
        try:
            wait_until(lambda: first.assignment() and second.assignment() and
                       sorted(first.assignment() + second.assignment()) == list(range(6)), 60, "two members sharing")
            killed_at = time.monotonic()
            first.kill()
            wait_until(lambda: second.assignment() == list(range(6)), 60, "the survivor to own all six partitions")
            print(f"partitions reassigned {time.monotonic() - killed_at:.1f} s after SIGKILL "
                  f"(session.timeout.ms {SESSION_MS})", file=sys.stderr)
        finally:
            first.stop()
            second.stop()

    def test_a_joining_member_takes_partitions_over(self):
        self.create("takeover", 4)
        first = GroupReader(self.bootstrap, "g-join", "takeover")
        second = None
        try:
            poll_until([first], lambda: first.assigned == [0, 1, 2, 3], 60, "the first member to own all four")
            second = GroupReader(self.bootstrap, "g-join", "takeover")
            poll_until([first, second], lambda: first.assigned is not None and second.assigned is not None and
                       len(first.assigned) == 2 and len(second.assigned) == 2, 60, "two members with two each")
            self.assertEqual(sorted(first.assigned + second.assigned), [0, 1, 2, 3])
        finally:
            first.close()
            if second:
                second.close()

    def test_a_restarted_consumer_resumes_from_its_committed_offset(self):
        self.create("resume", 1, records=100)
        member = Member(self.bootstrap, "g-resume", "resume", commit=True)
        try:
            wait_until(lambda: len(member.of("committed")) >= 30, 60, "30 acknowledged commits")
            member.kill()
            committed = member.of("committed")[-1]["offset"]
            read_before = {e["offset"] for e in member.of("record")}
        finally:
            member.stop()
        # It may have read all 100 before it died: 100 more leave the restarted member work to do.
        self.produce("resume", range(100, 200))
        again = Member(self.bootstrap, "g-resume", "resume", commit=True)
        try:
            try:
                wait_until(lambda: any(e["offset"] == 199 for e in again.of("record")), 60, "the rest of the records")
            except AssertionError:
                self.cluster.print_log_tails(200)
                raise AssertionError(f"committed {committed}, restarted member's events {again.events[-5:]}")
            offsets = [e["offset"] for e in again.of("record")]
            # It may have committed once more after its last report, never less.
            self.assertGreaterEqual(offsets[0], committed, "no acknowledged commit lost")
            self.assertLessEqual(offsets[0], max(read_before) + 1, "nothing skipped")
            self.assertEqual(read_before | set(offsets), set(range(200)), "nothing missed")
        finally:
            again.stop()

    def test_a_killed_coordinator_loses_no_acknowledged_commit(self):
        group = "g-coordinator"
        self.create("commits", 3, records=90)
        member = Member(self.bootstrap, group, "commits", commit=True)
        try:
            wait_until(lambda: len(member.of("committed")) >= 20, 60, "20 acknowledged commits")
            zk = self.cluster.zk.kazoo()
            try:
                state = json.loads(zk.get(f"/brokers/topics/__consumer_offsets/partitions/"
                                          f"{offsets_partition(group)}/state")[0])
            finally:
                zk.stop()
            coordinator = self.cluster.brokers[state["leader"]]
            coordinator.kill()
            member.kill()
            acknowledged, read = {}, {}
            for e in member.of("committed"):
                acknowledged[e["partition"]] = e["offset"]
            for e in member.of("record"):
                read[e["partition"]] = max(read.get(e["partition"], -1), e["offset"])
        finally:
            member.stop()
        survivor = next(b for b in self.cluster.brokers if b.alive())
        reader = Consumer({"bootstrap.servers": survivor.bootstrap, "group.id": group, "enable.auto.commit": False})
        seen = []

        def committed():
            try:
                got = reader.committed([TopicPartition("commits", p) for p in acknowledged], timeout=5)
            except Exception as e:
                seen.append(str(e))
                return None  # the coordinator is moving
            seen.append({tp.partition: tp.offset for tp in got})
            return seen[-1]

        def served(offsets):
            # Every acknowledged commit survives; the member may have committed once more
            # after its last report (never past what it read).
            return offsets is not None and all(acknowledged[p] <= offsets[p] <= read[p] + 1 for p in acknowledged)
        try:
            try:
                wait_until(lambda: served(committed()), 90, f"the new coordinator to serve {acknowledged}")
            except AssertionError:
                self.cluster.print_log_tails(200)
                raise AssertionError(f"acknowledged {acknowledged}, read up to {read}, last answers {seen[-3:]}")
        finally:
            reader.close()
            coordinator.start()

    def test_a_static_member_restarts_without_a_rebalance(self):
        self.create("static", 4)
        keeper = Member(self.bootstrap, "g-static", "static", instance="keeper")
        restarted = Member(self.bootstrap, "g-static", "static", instance="restarted")
        try:
            wait_until(lambda: keeper.assignment() and restarted.assignment() and
                       sorted(keeper.assignment() + restarted.assignment()) == [0, 1, 2, 3], 60, "two static members")
            before = restarted.assignment()
            # The two may have formed the group in one rebalance or two; count from here.
            rebalances, revocations = len(keeper.of("assigned")), len(keeper.of("revoked"))
            restarted.kill()  # no LeaveGroup: a static member keeps its place for its session
            restarted = Member(self.bootstrap, "g-static", "static", instance="restarted")
            wait_until(lambda: restarted.assignment() is not None, 60, "the restarted member's assignment")
            self.assertEqual(restarted.assignment(), before, "the same partitions back")
            self.assertEqual(len(keeper.of("assigned")), rebalances, "the other member saw no rebalance")
            self.assertEqual(len(keeper.of("revoked")), revocations, "and gave up no partition")
        finally:
            keeper.stop()
            restarted.stop()

    def test_kcat_balanced_consumer_reads_the_topic(self):
        self.create("kcat-group", 2, records=20)
        out = subprocess.run(["kcat", "-b", self.bootstrap, "-G", "g-kcat", "-o", "beginning", "-c", "20",
                              "-f", "%s\n", "-X", "topic.auto.offset.reset=earliest", "kcat-group"],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(sorted(out.stdout.split()), sorted(f"kcat-group-{i}" for i in range(20)))

    def test_deleting_a_topic_removes_its_committed_offsets(self):
        self.create("doomed", 2)
        c = Consumer({"bootstrap.servers": self.bootstrap, "group.id": "g-doomed", "enable.auto.commit": False})
        try:
            c.commit(offsets=[TopicPartition("doomed", 0, 5), TopicPartition("doomed", 1, 7)], asynchronous=False)
            self.assertEqual([tp.offset for tp in c.committed([TopicPartition("doomed", 0)], timeout=10)], [5])
            self.admin.delete_topics(["doomed"])["doomed"].result(30)
            # Recreated under the same name, it starts with no committed offsets.
            wait_until(lambda: "doomed" not in self.admin.list_topics(timeout=10).topics, 30, "the topic gone")
            self.create("doomed", 2)

            def none_committed():
                got = c.committed([TopicPartition("doomed", 0), TopicPartition("doomed", 1)], timeout=10)
                return [tp.offset for tp in got] == [-1001, -1001]  # librdkafka's OFFSET_INVALID
            wait_until(none_committed, 30, "the deleted topic's offsets gone")
        finally:
            c.close()

    def test_kafka_python_consumer_in_a_group_reads_and_commits(self):
        self.create("kpy-group", 2, records=20)
        c = KafkaConsumer("kpy-group", bootstrap_servers=self.bootstrap, group_id="g-kpy",
                          auto_offset_reset="earliest", enable_auto_commit=False, consumer_timeout_ms=30000)
        try:
            got = []
            for m in c:
                got.append(m.value)
                if len(got) == 20:
                    break
            self.assertEqual(sorted(got), sorted(f"kpy-group-{i}".encode() for i in range(20)))
            c.commit()
            self.assertEqual(c.committed(KTP("kpy-group", 0)) + c.committed(KTP("kpy-group", 1)), 20)
        finally:
            c.close()


class OffsetExpiryTest(unittest.TestCase):
    """offsets.retention.minutes: an empty group's offsets go that long after it emptied."""

    def test_an_empty_groups_offsets_expire_after_the_retention(self):
        cluster = Cluster(brokers=1, overrides={"offsets.retention.minutes": "1",
                                                "offsets.retention.check.interval.ms": "1000"}).start()
        try:
            c = Consumer({"bootstrap.servers": cluster.bootstrap, "group.id": "g-expiring", "enable.auto.commit": False})
            try:
                admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
                admin.create_topics([NewTopic("kept", 1, 1)])["kept"].result(30)
                committed_at = time.monotonic()  # before the commit: the broker stamps it later
                c.commit(offsets=[TopicPartition("kept", 0, 3)], asynchronous=False)

                def committed():
                    return c.committed([TopicPartition("kept", 0)], timeout=10)[0].offset
                self.assertEqual(committed(), 3)
                wait_until(lambda: committed() == -1001, 120, "the offset to expire")
                print(f"expired {time.monotonic() - committed_at:.0f} s after the commit "
                      "(offsets.retention.minutes 1, checked every second)", file=sys.stderr)
                self.assertGreaterEqual(time.monotonic() - committed_at, 60, "not before the retention")
            finally:
                c.close()
        finally:
            cluster.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
