"""Preferred leader election: a broker that was killed and restarted rejoins the ISRs but leads
nothing until leadership is moved back to it, on request with kafka-leader-election.sh or by
the controller's automatic leader rebalance (auto.leader.rebalance.enable). Also the unclean
election of a live out-of-sync replica for a partition whose in-sync replicas are gone.

Leadership is checked in ZooKeeper (/brokers/topics/<t>/partitions/<p>/state), which the
tool does not write; the tool's output is compared with what Kafka 3.5's prints."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BUILD_BIN, REPO, Cluster, wait_until  # noqa: E402

from confluent_kafka import Producer  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

ENV = dict(os.environ, KB_BUILD_BIN=BUILD_BIN)
TOPIC = "elect"
# Every broker is the preferred replica (first) of two partitions.
ASSIGNMENT = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1], [1, 0, 2], [2, 1, 0]]
FAST = {"zookeeper.session.timeout.ms": "4000", "replica.lag.time.max.ms": "3000"}


def leader_election(*args):
    return subprocess.run([os.path.join(REPO, "scripts", "kafka-leader-election.sh"), *map(str, args)],
                          capture_output=True, text=True, timeout=90, env=ENV)


class ElectionCluster:
    """A started Cluster with a kazoo session and helpers to read partition state."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.zk = cluster.zk.kazoo()

    def state(self, topic, p):
        path = f"/brokers/topics/{topic}/partitions/{p}/state"
        return json.loads(self.zk.get(path)[0]) if self.zk.exists(path) else None

    def states(self, topic, partitions):
        return {p: self.state(topic, p) for p in range(partitions)}

    def controller(self):
        return json.loads(self.zk.get("/controller")[0])["brokerid"]

    def create(self, topic, assignment):
        admin = AdminClient({"bootstrap.servers": self.cluster.bootstrap})
        admin.create_topics([NewTopic(topic, len(assignment), replica_assignment=assignment)])[topic].result(30)
        wait_until(lambda: all((s := self.state(topic, p)) and sorted(s["isr"]) == sorted(r)
                               for p, r in enumerate(assignment)), 30, f"{topic}: every replica in sync")

    def produce(self, topic, count):
        producer = Producer({"bootstrap.servers": self.cluster.bootstrap, "acks": "all"})
        errors = []
        for i in range(count):
            producer.produce(topic, value=str(i).encode(), partition=i % len(ASSIGNMENT),
                             on_delivery=lambda err, msg: err and errors.append(err))
        return producer.flush(30), errors

    def controller_log_count(self, text):
        return self.cluster.brokers[self.controller()].log_text().count(text)

    def kill_and_restart(self, victim, topic, assignment):
        """SIGKILL `victim`, wait for leadership to leave it, restart it and wait until it is
        back in every ISR."""
        broker = self.cluster.brokers[victim]
        broker.kill()
        wait_until(lambda: all(s["leader"] != victim and victim not in s["isr"]
                               for s in self.states(topic, len(assignment)).values()),
                   30, f"leadership and ISR membership to leave broker {victim}")
        broker.start()
        wait_until(lambda: all(victim in s["isr"] for s in self.states(topic, len(assignment)).values()), 60,
                   f"broker {victim} to rejoin every ISR")


class PreferredElectionTest(unittest.TestCase):
    def test_the_tool_gives_leadership_back_to_the_restarted_broker(self):
        overrides = dict(FAST, **{"auto.leader.rebalance.enable": "false"})
        with Cluster(brokers=3, overrides=overrides) as cluster:
            c = ElectionCluster(cluster)
            c.create(TOPIC, ASSIGNMENT)
            self.assertEqual(c.produce(TOPIC, 60), (0, []))
            victim = next(b for b in range(3) if b != c.controller())
            preferred = sorted(p for p, r in enumerate(ASSIGNMENT) if r[0] == victim)
            epochs = {p: s["leader_epoch"] for p, s in c.states(TOPIC, 6).items()}

            c.kill_and_restart(victim, TOPIC, ASSIGNMENT)
            for p in preferred:  # back in sync, yet leading nothing
                self.assertNotEqual(c.state(TOPIC, p)["leader"], victim)

            r = leader_election("--bootstrap-server", cluster.bootstrap, "--election-type", "preferred",
                                "--all-topic-partitions")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            # Partitions already led by their preferred replica are left out for "all".
            self.assertEqual(r.stdout, "Successfully completed leader election (PREFERRED) for partitions "
                                       + ", ".join(f"{TOPIC}-{p}" for p in preferred) + "\n")
            after = c.states(TOPIC, 6)
            for p, replicas in enumerate(ASSIGNMENT):
                self.assertEqual(after[p]["leader"], replicas[0], f"partition {p}")
                self.assertEqual(sorted(after[p]["isr"]), sorted(replicas), f"partition {p}")
            for p in preferred:
                self.assertGreater(after[p]["leader_epoch"], epochs[p] + 1)  # moved away, then back
            # The brokers follow: the restarted broker takes writes as leader again.
            self.assertEqual(c.produce(TOPIC, 60), (0, []))

            # Named partitions: one needing nothing, one that does not exist.
            r = leader_election("--bootstrap-server", cluster.bootstrap, "--election-type", "PREFERRED",
                                "--topic", TOPIC, "--partition", preferred[0])
            self.assertEqual((r.returncode, r.stdout), (0, f"Valid replica already elected for partitions "
                                                           f"{TOPIC}-{preferred[0]}\n"), r.stderr)
            with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
                json.dump({"partitions": [{"topic": TOPIC, "partition": 1}, {"topic": TOPIC, "partition": 99}]}, f)
                f.flush()
                r = leader_election("--bootstrap-server", cluster.bootstrap, "--election-type", "preferred",
                                    "--path-to-json-file", f.name)
            self.assertEqual(r.returncode, 1)
            self.assertEqual(r.stdout.splitlines(), [
                f"Valid replica already elected for partitions {TOPIC}-1",
                f"Error completing leader election (PREFERRED) for partition: {TOPIC}-99: "
                "org.apache.kafka.common.errors.UnknownTopicOrPartitionException: The partition does not exist.",
            ])
            self.assertEqual(r.stderr, "1 replica(s) could not be elected\n")

            # The legacy request: the controller processes /admin/preferred_replica_election and deletes it.
            path = "/admin/preferred_replica_election"
            c.zk.create(path, json.dumps({"version": 1, "partitions": [{"topic": TOPIC, "partition": 2}]}).encode())
            wait_until(lambda: not c.zk.exists(path), 30, f"the controller to process and delete {path}")
            self.assertGreater(c.controller_log_count("triggered by ZkTriggered"), 0)
            self.assertEqual(c.state(TOPIC, 2)["leader"], ASSIGNMENT[2][0])
            c.zk.stop()

    def test_the_controller_rebalances_leadership_by_itself(self):
        overrides = dict(FAST, **{"leader.imbalance.check.interval.seconds": "2"})
        with Cluster(brokers=3, overrides=overrides) as cluster:
            c = ElectionCluster(cluster)
            c.create(TOPIC, ASSIGNMENT)
            victim = next(b for b in range(3) if b != c.controller())
            c.kill_and_restart(victim, TOPIC, ASSIGNMENT)
            wait_until(lambda: all(s["leader"] == ASSIGNMENT[p][0] for p, s in c.states(TOPIC, 6).items()), 30,
                       "every partition to be led by its preferred replica again")
            self.assertGreater(c.controller_log_count("triggered by AutoTriggered"), 0)
            self.assertEqual(c.produce(TOPIC, 60), (0, []))
            c.zk.stop()

    def test_unclean_election_revives_a_partition_whose_isr_is_gone(self):
        overrides = dict(FAST, **{"auto.leader.rebalance.enable": "false"})
        with Cluster(brokers=3, overrides=overrides) as cluster:
            c = ElectionCluster(cluster)
            a, b = [x for x in range(3) if x != c.controller()]
            c.create("u", [[a, b]])
            cluster.brokers[b].kill()
            wait_until(lambda: c.state("u", 0)["isr"] == [a], 30, f"broker {b} to leave the ISR")
            cluster.brokers[a].kill()
            wait_until(lambda: c.state("u", 0)["leader"] == -1, 30, "the partition to go offline")
            joined = f"broker {b} joined"
            seen = c.controller_log_count(joined)
            cluster.brokers[b].start()
            wait_until(lambda: c.controller_log_count(joined) > seen, 30, f"the controller to see broker {b} back")
            self.assertEqual(c.state("u", 0)["leader"], -1, "unclean.leader.election.enable is off")

            r = leader_election("--bootstrap-server", cluster.bootstrap, "--election-type", "preferred",
                                "--topic", "u", "--partition", "0")
            self.assertEqual(r.returncode, 1)
            self.assertEqual(r.stdout, "Error completing leader election (PREFERRED) for partition: u-0: "
                                       "org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: Failed "
                                       "to elect leader for partition u-0 under strategy "
                                       "PreferredReplicaPartitionLeaderElectionStrategy\n")

            r = leader_election("--bootstrap-server", cluster.bootstrap, "--election-type", "unclean",
                                "--topic", "u", "--partition", "0")
            self.assertEqual((r.returncode, r.stdout),
                             (0, "Successfully completed leader election (UNCLEAN) for partitions u-0\n"), r.stderr)
            s = c.state("u", 0)
            self.assertEqual((s["leader"], s["isr"]), (b, [b]))
            c.zk.stop()


if __name__ == "__main__":
    unittest.main()
