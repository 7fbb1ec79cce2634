#!/usr/bin/python3
"""A leader killed under load restarts from a damaged partition directory and loses nothing.

Three brokers, RF 3, min.insync.replicas 2, an idempotent acks=all producer writing
throughout, small segments. The leader is killed with SIGKILL; before it restarts, its
partition directory is damaged the ways a crash and an operator can damage it: the active
segment ends inside a batch (a torn write), every .index and .timeindex file is gone, and the
leader-epoch-checkpoint is a stale copy from before two leader changes. The broker must
restart, truncate the torn tail, rebuild the indexes and its leader epochs, catch up from the
new leader and rejoin the ISR. Afterwards every acknowledged record is read back once and in
order, the three replicas hold the same batches, and the restarted replica's epochs match the
leader's.

Run with Debian's python (python3-confluent-kafka, python3-kazoo).
"""
import glob
import json
import os
import struct
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from acked_producer import AckedProducer  # noqa: E402
from harness import Cluster, wait_until  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from fault_checks import check_nothing_lost, wait_progress  # noqa: E402

from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

TOPIC = "damaged"


def tear_last_batch(segment):
    """Cuts `segment` inside its last whole batch, as a crash mid-write leaves it. Returns the
    number of bytes cut."""
    with open(segment, "rb") as f:
        data = f.read()
    at, last = 0, None
    while at + 12 <= len(data):
        length = struct.unpack_from(">i", data, at + 8)[0]
        if length <= 0 or at + 12 + length > len(data):
            break
        last = at
        at += 12 + length
    assert last is not None, f"{segment} holds no whole batch"
    cut_to = last + 30  # inside the last batch's header
    with open(segment, "r+b") as f:
        f.truncate(cut_to)
    return len(data) - cut_to


class DamagedRestartTest(unittest.TestCase):
    def setUp(self):
        self.cluster = Cluster(brokers=3).start()
        self.addCleanup(self.cluster.close)
        self.zk = self.cluster.zk.kazoo()
        self.addCleanup(self.zk.stop)
        admin = AdminClient({"bootstrap.servers": self.cluster.bootstrap})
        topic = NewTopic(TOPIC, 1, 3, config={"min.insync.replicas": "2", "segment.bytes": "4096"})
        admin.create_topics([topic])[TOPIC].result(30)
        self.wait_full_isr()

    def state(self):
        path = f"/brokers/topics/{TOPIC}/partitions/0/state"
        return json.loads(self.zk.get(path)[0]) if self.zk.exists(path) else None

    def wait_full_isr(self):
        wait_until(lambda: self.state() and len(self.state()["isr"]) == 3, 60, "a whole ISR")

    def partition_dir(self, broker):
        return os.path.join(broker.log_dir, f"{TOPIC}-0")

    def checkpoint(self, broker):
        with open(os.path.join(self.partition_dir(broker), "leader-epoch-checkpoint")) as f:
            return f.read()

    def fail_over(self, producer):
        """Kills the leader, waits for another, restarts it and waits for the whole ISR."""
        victim = self.cluster.brokers[self.state()["leader"]]
        victim.kill()
        wait_until(lambda: self.state()["leader"] not in (victim.id, -1), 30, "a new leader")
        wait_progress(producer, f"kill -9 of broker {victim.id}", 50)
        victim.start()
        self.wait_full_isr()

    def test_a_killed_leader_recovers_from_a_damaged_directory(self):
        try:
            self.check_damaged_restart()
        except BaseException:
            self.cluster.print_log_tails()
            raise

    def check_damaged_restart(self):
        timeouts = {"request.timeout.ms": 10000, "socket.timeout.ms": 10000, "batch.size": 1024}
        producer = AckedProducer(self.cluster.bootstrap, TOPIC, [0], interval=0.002, config=timeouts).start()
        try:
            wait_progress(producer, "the start", 300)
            stale = {b.id: self.checkpoint(b) for b in self.cluster.brokers}
            self.fail_over(producer)
            self.fail_over(producer)
            wait_progress(producer, "two leader changes", 300)

            victim = self.cluster.brokers[self.state()["leader"]]
            directory = self.partition_dir(victim)
            # How many segments the writes so far filled depends on the machine's speed.
            wait_until(lambda: len(glob.glob(os.path.join(directory, "*.log"))) > 2, 60,
                       f"broker {victim.id} to hold several segments to damage")
            victim.kill()
            segments = sorted(glob.glob(os.path.join(directory, "*.log")))
            cut = tear_last_batch(segments[-1])
            indexes = glob.glob(os.path.join(directory, "*.index")) + glob.glob(os.path.join(directory, "*.timeindex"))
            self.assertGreater(len(indexes), 0)
            for f in indexes:
                os.remove(f)
            with open(os.path.join(directory, "leader-epoch-checkpoint"), "w") as f:
                f.write(stale[victim.id])
            print(f"broker {victim.id}: cut {cut} bytes inside the last batch of {os.path.basename(segments[-1])}, "
                  f"removed {len(indexes)} index files, wrote back a checkpoint from before two leader changes",
                  file=sys.stderr)

            wait_until(lambda: self.state()["leader"] not in (victim.id, -1), 30, "a new leader")
            wait_progress(producer, f"kill -9 of the leader {victim.id}", 50)
            victim.start()
            self.wait_full_isr()
            wait_progress(producer, f"broker {victim.id}'s return", 50)
        finally:
            remaining = producer.stop()
        check_nothing_lost(self, producer, remaining, self.cluster, TOPIC)
        leader = self.cluster.brokers[self.state()["leader"]]
        wait_until(lambda: self.checkpoint(victim) == self.checkpoint(leader), 30,
                   f"broker {victim.id}'s leader epochs to match the leader's")
        for seg in glob.glob(os.path.join(self.partition_dir(victim), "*.log")):
            base = seg[:-len(".log")]
            self.assertTrue(os.path.exists(base + ".index"), f"{base}.index rebuilt")
            self.assertTrue(os.path.exists(base + ".timeindex"), f"{base}.timeindex rebuilt")


if __name__ == "__main__":
    unittest.main(verbosity=2)
