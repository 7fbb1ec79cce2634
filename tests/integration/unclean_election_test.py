"""Leader election when no in-sync replica is alive: the partition goes offline (leader -1)
unless unclean.leader.election.enable allows an out-of-sync replica to lead; with it, the
records only the old leader had are lost, and when the old leader returns it truncates its
divergent tail (OffsetForLeaderEpoch) so both replicas hold the same log again."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

TOPIC = "u"
STATE = f"/brokers/topics/{TOPIC}/partitions/0/state"


def produce(bootstrap, values):
    """acks=all; returns the values acknowledged, in order."""
    acked, errors = [], []
    p = Producer({"bootstrap.servers": bootstrap, "acks": "all", "message.timeout.ms": 30000})
    for v in values:
        p.produce(TOPIC, value=v.encode(),
                  on_delivery=lambda err, msg: errors.append(err) if err else acked.append(msg.value().decode()))
    assert p.flush(40) == 0, "undelivered records"
    assert not errors, errors
    return acked


def high_watermark(bootstrap):
    """Partition 0's high watermark, once `bootstrap` answers as its leader. A broker learns of
    its leadership a moment after ZooKeeper shows it (its watcher may have other partitions'
    changes to read first), and a client keeps the LEADER_NOT_AVAILABLE it was told until its
    next metadata refresh: each attempt is a new client."""
    def ask():
        c = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused", "enable.auto.commit": False})
        try:
            return (c.get_watermark_offsets(TopicPartition(TOPIC, 0), timeout=5)[1],)
        except KafkaException:
            return None
        finally:
            c.close()
    (high,) = wait_until(ask, 30, f"{bootstrap} to answer as leader of {TOPIC}-0")
    return high


def consume_all(bootstrap):
    """Every committed record of partition 0, from the beginning to the high watermark."""
    high = high_watermark(bootstrap)
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused", "enable.auto.commit": False})
    try:
        c.assign([TopicPartition(TOPIC, 0, 0)])
        out = []
        while len(out) < high:
            msg = c.poll(20)
            assert msg is not None, f"timed out after {len(out)} of {high} records"
            assert not msg.error(), msg.error()
            out.append(msg.value().decode())
        return out
    finally:
        c.close()


class UncleanElectionTest(unittest.TestCase):
    def start_cluster(self, topic_config):
        # Broker 2 hosts no replica of the topic and stays up as the controller of last resort.
        cluster = Cluster(brokers=3, overrides={"zookeeper.session.timeout.ms": "6000"}).start()
        self.addCleanup(cluster.close)
        admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
        admin.create_topics([NewTopic(TOPIC, 1, replica_assignment=[[0, 1]], config=topic_config)])[TOPIC].result(30)
        zk = cluster.zk.kazoo()
        self.addCleanup(zk.stop)
        state = lambda: json.loads(zk.get(STATE)[0]) if zk.exists(STATE) else None  # noqa: E731
        wait_until(lambda: state() is not None and sorted(state()["isr"]) == [0, 1], 30, "both replicas in sync")
        self.assertEqual(state()["leader"], 0)
        return cluster, zk, state

    def lose_both_replicas(self, cluster, state):
        """A is committed on both replicas; B only on broker 0, after broker 1 died."""
        a = produce(cluster.brokers[0].bootstrap, [f"a{i}" for i in range(30)])
        cluster.brokers[1].kill()
        wait_until(lambda: state()["isr"] == [0], 30, "broker 1 to leave the ISR")
        b = produce(cluster.brokers[0].bootstrap, [f"b{i}" for i in range(50)])
        cluster.brokers[0].kill()
        offline = wait_until(lambda: state()["leader"] == -1 and state(), 30, "the partition to go offline")
        self.assertEqual(offline["isr"], [0], "the last in-sync replica stays named in the ISR")
        return a, b

    def test_without_unclean_election_the_partition_waits_for_an_in_sync_replica(self):
        cluster, zk, state = self.start_cluster({"min.insync.replicas": "1"})
        a, b = self.lose_both_replicas(cluster, state)
        epoch = state()["leader_epoch"]

        cluster.brokers[1].start()  # out of sync: not eligible
        controller = json.loads(zk.get("/controller")[0])["brokerid"]
        self.assertEqual(controller, 2)
        # A barrier: the controller handles events in order, and ZooKeeper delivers its watch
        # on /brokers/ids (broker 1 registered) before the one on /brokers/topics.
        admin = AdminClient({"bootstrap.servers": cluster.brokers[2].bootstrap})
        admin.create_topics([NewTopic("barrier", 1, 1)])["barrier"].result(30)
        wait_until(lambda: zk.exists("/brokers/topics/barrier/partitions/0/state"), 30, "the barrier topic's state")
        self.assertIn("broker 1 joined", cluster.brokers[2].log_text())
        still = state()
        self.assertEqual((still["leader"], still["isr"], still["leader_epoch"]), (-1, [0], epoch))

        cluster.brokers[0].start()  # the in-sync replica returns: back online, nothing lost
        wait_until(lambda: state()["leader"] == 0, 30, "broker 0 to lead again")
        wait_until(lambda: sorted(state()["isr"]) == [0, 1], 30, "broker 1 to catch up")
        self.assertEqual(consume_all(cluster.brokers[0].bootstrap), a + b)

    def test_unclean_election_loses_the_tail_and_the_old_leader_truncates_it(self):
        cluster, zk, state = self.start_cluster({"min.insync.replicas": "1", "unclean.leader.election.enable": "true"})
        a, b = self.lose_both_replicas(cluster, state)
        epoch = state()["leader_epoch"]

        cluster.brokers[1].start()
        elected = wait_until(lambda: state()["leader"] == 1 and state(), 30, "an unclean election of broker 1")
        self.assertEqual(elected["isr"], [1])
        self.assertGreater(elected["leader_epoch"], epoch)
        self.assertIn("unclean leader election", cluster.brokers[2].log_text())
        c = produce(cluster.brokers[1].bootstrap, [f"c{i}" for i in range(20)])

        # Broker 0 still holds b0..b49 at the offsets where broker 1 wrote c0..c19.
        cluster.brokers[0].start()
        wait_until(lambda: sorted(state()["isr"]) == [0, 1], 30, "broker 0 to rejoin the ISR")
        self.assertIn("truncating diverged log", cluster.brokers[0].log_text())
        self.assertEqual(consume_all(cluster.brokers[1].bootstrap), a + c)

        # Broker 0 leads next: its log must be broker 1's, not a mix with the lost tail.
        cluster.brokers[1].kill()
        wait_until(lambda: state()["leader"] == 0, 30, "broker 0 to take over")
        self.assertEqual(consume_all(cluster.brokers[0].bootstrap), a + c)


if __name__ == "__main__":
    unittest.main()
