"""Partition reassignment through /admin/reassign_partitions and kafka-reassign-partitions.sh:
four brokers, a replication-factor-2 partition on brokers 0 and 1 (led by 0) moved to 2 and 3
while an idempotent acks=all producer keeps writing through the whole move, the leadership
change included. The controller goes through Kafka's steps; afterwards the topic and state
znodes say what Kafka's would, the request znode is gone, every acknowledged record is on both
new replicas exactly once and in order, and the old replicas deleted their partition
directories."""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from acked_producer import AckedProducer, parse_value, problems_with  # noqa: E402
from harness import REPO, Cluster, wait_until  # noqa: E402

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

TOOL = os.path.join(REPO, "scripts", "kafka-reassign-partitions.sh")
TOPIC = "moves"
STATE = f"/brokers/topics/{TOPIC}/partitions/0/state"


def reassign(zk_connect, *args):
    return subprocess.run([TOOL, "--zookeeper", zk_connect, *args], capture_output=True, text=True, timeout=60)


def segment_bytes(log_dir):
    data = b""
    for f in sorted(glob.glob(os.path.join(log_dir, f"{TOPIC}-0", "*.log"))):
        with open(f, "rb") as fh:
            data += fh.read()
    return data


def read_partition(bootstrap):
    """Every record of partition 0 as (offset, value), from the beginning up to the high
    watermark, or None if the broker cannot serve it yet (it has not learned the current
    leadership)."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "reassignment-test", "enable.auto.commit": False})
    try:
        _, high = c.get_watermark_offsets(TopicPartition(TOPIC, 0), timeout=5)
        c.assign([TopicPartition(TOPIC, 0, 0)])
        values = []
        last = -1
        # A client that only reports errors (a stale leader it keeps failing to reach) gives up
        # after 30 s, and the caller asks again with a new one.
        deadline = time.monotonic() + 30
        while last < high - 1:
            if time.monotonic() > deadline:
                return None
            msg = c.poll(5)
            if msg is None:
                return None
            if msg.error():
                continue
            values.append((msg.offset(), msg.value()))
            last = msg.offset()
        return values
    except KafkaException:
        return None
    finally:
        c.close()


def metadata_view(bootstrap):
    """(leader of partition 0, whether broker 2 is listed) as the broker at `bootstrap` says."""
    try:
        md = AdminClient({"bootstrap.servers": bootstrap}).list_topics(TOPIC, timeout=5)
    except KafkaException:
        return None
    return md.topics[TOPIC].partitions[0].leader, 2 in md.brokers


def consume_all(bootstrap):
    return wait_until(lambda: read_partition(bootstrap), 60, f"partition 0 to be readable through {bootstrap}")


def check_log(test, records, producer, others):
    """The log holds every record the AckedProducer got acknowledged exactly once, at its
    offset and in order, and the other producers' values, in order."""
    problems = problems_with(producer.acked, {0: records})
    test.assertEqual(problems[:20], [], f"{len(problems)} problems; {len(producer.acked)} records acknowledged")
    test.assertEqual([v.decode() for _, v in records if parse_value(v) is None], others)


class ReassignmentTest(unittest.TestCase):
    def test_moving_both_replicas_and_the_leader_while_producing(self):
        overrides = {"zookeeper.session.timeout.ms": "10000", "replica.lag.time.max.ms": "5000"}
        with Cluster(brokers=4, overrides=overrides) as cluster, tempfile.TemporaryDirectory() as tmp:
            admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
            admin.create_topics([NewTopic(TOPIC, num_partitions=1, replica_assignment=[[0, 1]])])[TOPIC].result(30)
            zk = cluster.zk.kazoo()

            def state():
                return json.loads(zk.get(STATE)[0]) if zk.exists(STATE) else None

            before = wait_until(lambda: state() and sorted(state()["isr"]) == [0, 1] and state(), 20,
                                "the partition's ISR [0,1]")
            self.assertEqual(before["leader"], 0)
            topic_id = json.loads(zk.get(f"/brokers/topics/{TOPIC}")[0])["topic_id"]

            first = Producer({"bootstrap.servers": cluster.bootstrap, "acks": "all"})
            for i in range(300):
                first.produce(TOPIC, value=f"before-{i}".encode())
            self.assertEqual(first.flush(30), 0)

            background = AckedProducer(cluster.bootstrap, TOPIC, [0]).start()
            wait_until(lambda: background.acked_count() >= 20, 20, "the background producer to get acks")

            move = os.path.join(tmp, "move.json")
            with open(move, "w") as f:
                json.dump({"version": 1, "partitions": [{"topic": TOPIC, "partition": 0, "replicas": [2, 3]}]}, f)

            # One target broker (not the controller) is frozen, so the move cannot finish before
            # --verify and a second --execute have seen it in progress.
            controller = json.loads(zk.get("/controller")[0])["brokerid"]
            frozen = cluster.brokers[3 if controller != 3 else 2]
            frozen.pause()
            try:
                started = reassign(cluster.zk.connect, "--execute", "--reassignment-json-file", move)
                self.assertEqual(started.returncode, 0, started.stdout + started.stderr)
                self.assertEqual(started.stdout, (
                    "Warning: --zookeeper is deprecated, and will be removed in a future version of Kafka.\n"
                    "Current partition replica assignment\n\n"
                    '{"version":1,"partitions":[{"topic":"moves","partition":0,"replicas":[0,1],'
                    '"log_dirs":["any","any"]}]}\n\n'
                    "Save this to use as the --reassignment-json-file option during rollback\n"
                    "Successfully started partition reassignment for moves-0\n"))

                # U and A: the topic znode holds RS = TRS + ORS with AR/RR, in Kafka's bytes.
                moving = (f'{{"partitions":{{"0":[2,3,0,1]}},"topic_id":"{topic_id}",'
                          '"adding_replicas":{"0":[2,3]},"removing_replicas":{"0":[0,1]},"version":3}')
                wait_until(lambda: zk.get(f"/brokers/topics/{TOPIC}")[0].decode() == moving, 20,
                           "the topic znode to record the reassignment")
                wait_until(lambda: state()["leader_epoch"] > before["leader_epoch"], 20, "a new leader epoch")

                pending = reassign(cluster.zk.connect, "--verify", "--reassignment-json-file", move)
                self.assertEqual(pending.returncode, 0, pending.stdout + pending.stderr)
                self.assertIn("Status of partition reassignment:\n"
                              "Reassignment of partition moves-0 is still in progress.\n", pending.stdout)
                self.assertNotIn("Clearing", pending.stdout)

                again = reassign(cluster.zk.connect, "--execute", "--reassignment-json-file", move)
                self.assertEqual(again.returncode, 1)
                self.assertIn("Cannot execute because there is an existing partition assignment.", again.stdout)

                # The other new replica catches up and joins the ISR while records keep coming.
                live_target = 5 - frozen.id
                wait_until(lambda: live_target in state()["isr"], 30, f"broker {live_target} to join the ISR")
                acked = background.acked_count()
                wait_until(lambda: background.acked_count() >= acked + 20, 20, "more acks after it joined")
            finally:
                frozen.resume()

            # Still producing: the frozen broker catches up, leadership moves to broker 2 and
            # the old replicas leave.
            try:
                wait_until(lambda: not zk.exists("/admin/reassign_partitions"), 60,
                           "the controller to finish and delete /admin/reassign_partitions")
                acked = background.acked_count()
                wait_until(lambda: background.acked_count() >= acked + 20, 30, "acks from the new leader")
            finally:
                remaining = background.stop()
            self.assertIsNone(background.exception)
            self.assertEqual(remaining, 0)
            self.assertEqual(background.failed, [], "records the idempotent producer gave up on")
            self.assertIsNone(background.fatal_error())

            done = f'{{"partitions":{{"0":[2,3]}},"topic_id":"{topic_id}","adding_replicas":{{}},' \
                   '"removing_replicas":{},"version":3}'
            self.assertEqual(zk.get(f"/brokers/topics/{TOPIC}")[0].decode(), done)
            after = wait_until(lambda: sorted(state()["isr"]) == [2, 3] and state(), 30, "the ISR [2,3]")
            self.assertEqual(after["leader"], 2, "the first target replica in the ISR leads")
            # A (new replica set), B3 (new leader), one per replica leaving the ISR; an ISR
            # write by the leader keeps the epoch.
            self.assertEqual(after["leader_epoch"], before["leader_epoch"] + 4)

            verified = reassign(cluster.zk.connect, "--verify", "--reassignment-json-file", move)
            self.assertEqual(verified.returncode, 0, verified.stdout + verified.stderr)
            self.assertEqual(verified.stdout, (
                "Warning: --zookeeper is deprecated, and will be removed in a future version of Kafka.\n"
                "Warning: because you are using the deprecated --zookeeper option, the results may be incomplete.  "
                "Use --bootstrap-server instead for more accurate results.\n"
                "Status of partition reassignment:\n"
                "Reassignment of partition moves-0 is complete.\n"
                "Clearing broker-level throttles on brokers 0,1,2,3\n"
                "Clearing topic-level throttles on topic moves\n"))

            # The old replicas deleted their directories; the new ones hold identical logs.
            for old in cluster.brokers[:2]:
                wait_until(lambda: not glob.glob(os.path.join(old.log_dir, f"{TOPIC}-0*")), 30,
                           f"broker {old.id} to delete its replica")

            # The new leader takes writes.
            last = Producer({"bootstrap.servers": cluster.bootstrap, "acks": "all"})
            for i in range(100):
                last.produce(TOPIC, value=f"after-{i}".encode())
            self.assertEqual(last.flush(30), 0)

            # Every acknowledged record once, at its offset and in order: none lost in the
            # leadership change and none written twice by a retry.
            others = [f"before-{i}" for i in range(300)] + [f"after-{i}" for i in range(100)]
            check_log(self, consume_all(cluster.bootstrap), background, others)
            wait_until(lambda: segment_bytes(cluster.brokers[2].log_dir) and
                       segment_bytes(cluster.brokers[2].log_dir) == segment_bytes(cluster.brokers[3].log_dir),
                       30, "the new replicas to hold identical logs")

            # Broker 3 alone serves the same data once broker 2 is gone.
            self.assertEqual(cluster.brokers[2].terminate(), 0)
            wait_until(lambda: state()["leader"] == 3, 30, "broker 3 to take over")
            # ...and until broker 3 itself says so: librdkafka 2.0.2's watermark query ignores
            # its timeout while it waits on a leader it learnt from stale metadata (broker 2).
            wait_until(lambda: metadata_view(cluster.brokers[3].bootstrap) == (3, False), 30,
                       "broker 3's metadata to name it leader and no longer list broker 2")
            check_log(self, consume_all(cluster.brokers[3].bootstrap), background, others)
            zk.stop()


class AdminApiReassignmentTest(unittest.TestCase):
    """kafka-reassign-partitions.sh --bootstrap-server: Kafka 3.x's path through
    AlterPartitionReassignments and ListPartitionReassignments on the controller."""

    def tool(self, bootstrap, *args):
        return subprocess.run([TOOL, "--bootstrap-server", bootstrap, *args], capture_output=True, text=True,
                              timeout=60)

    def test_execute_list_verify_cancel_through_the_admin_api(self):
        with Cluster(brokers=3) as cluster, tempfile.TemporaryDirectory() as tmp:
            zk = cluster.zk.kazoo()
            # The new replica goes to a broker that is not the controller, so freezing it
            # holds the moves in progress; the other two hold the partitions now.
            controller = json.loads(zk.get("/controller")[0])["brokerid"]
            new = (controller + 1) % 3
            a, b = sorted({0, 1, 2} - {new})
            admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
            admin.create_topics([NewTopic("api", 2, replica_assignment=[[a, b], [b, a]])])["api"].result(30)
            wait_until(lambda: zk.exists("/brokers/topics/api/partitions/1/state"), 20, "the partitions' states")
            move = os.path.join(tmp, "move.json")
            with open(move, "w") as f:
                json.dump({"version": 1, "partitions": [{"topic": "api", "partition": 0, "replicas": [new, b]},
                                                        {"topic": "api", "partition": 1, "replicas": [b, new]}]}, f)
            bootstrap = cluster.brokers[controller].bootstrap
            frozen = cluster.brokers[new]
            frozen.pause()
            try:
                started = self.tool(bootstrap, "--execute", "--reassignment-json-file", move)
                self.assertEqual(started.returncode, 0, started.stdout + started.stderr)
                self.assertEqual(started.stdout, (
                    "Current partition replica assignment\n\n"
                    f'{{"version":1,"partitions":[{{"topic":"api","partition":0,"replicas":[{a},{b}],'
                    '"log_dirs":["any","any"]},'
                    f'{{"topic":"api","partition":1,"replicas":[{b},{a}],"log_dirs":["any","any"]}}]}}\n\n'
                    "Save this to use as the --reassignment-json-file option during rollback\n"
                    "Successfully started partition reassignments for api-0,api-1\n"))
                listed = self.tool(bootstrap, "--list")
                self.assertEqual(listed.stdout, "Current partition reassignments:\n"
                                                f"api-0: replicas: {new},{b},{a}. adding: {new}. removing: {a}.\n"
                                                f"api-1: replicas: {b},{new},{a}. adding: {new}. removing: {a}.\n")
                pending = self.tool(bootstrap, "--verify", "--reassignment-json-file", move)
                self.assertEqual(pending.stdout, "Status of partition reassignment:\n"
                                                 "Reassignment of partition api-0 is still in progress.\n"
                                                 "Reassignment of partition api-1 is still in progress.\n\n")
                again = self.tool(bootstrap, "--execute", "--reassignment-json-file", move)
                self.assertEqual(again.returncode, 1)
                self.assertIn("Cannot execute because there is an existing partition assignment.", again.stdout)
                # Cancelling puts the original replicas back, in the order Kafka's RS - AR
                # leaves them (target first): partition 0 reads [b, a] afterwards.
                cancelled = self.tool(bootstrap, "--cancel", "--reassignment-json-file", move)
                self.assertEqual(cancelled.returncode, 0, cancelled.stdout + cancelled.stderr)
                self.assertTrue(cancelled.stdout.startswith(
                    "Successfully cancelled partition reassignments for: api-0,api-1\n"
                    "None of the specified partition moves are active.\n"), cancelled.stdout)
                self.assertEqual(self.tool(bootstrap, "--list").stdout, "No partition reassignments found.\n")
                topic = json.loads(zk.get("/brokers/topics/api")[0])
                self.assertEqual(topic["partitions"], {"0": [b, a], "1": [b, a]})
                self.assertEqual(topic["adding_replicas"], {})
                restarted = self.tool(bootstrap, "--execute", "--reassignment-json-file", move)
                self.assertEqual(restarted.returncode, 0, restarted.stdout + restarted.stderr)
            finally:
                frozen.resume()

            # Right after a move completes, the controller has dropped it from its reassignments
            # while its broker's metadata still lists the old replicas (Kafka sends the
            # UpdateMetadata last, too): --verify may say "There is no active reassignment ...
            # but replica set is ..." for a moment. Wait for the settled answer.
            def verified():
                out = self.tool(bootstrap, "--verify", "--reassignment-json-file", move).stdout
                settled = "still in progress" not in out and "There is no active reassignment" not in out
                return settled and out

            self.assertEqual(wait_until(verified, 60, "the reassignments to complete"), (
                "Status of partition reassignment:\n"
                "Reassignment of partition api-0 is completed.\n"
                "Reassignment of partition api-1 is completed.\n\n"
                "Clearing broker-level throttles on brokers 0,1,2\n"
                "Clearing topic-level throttles on topic api\n"))
            topic = json.loads(zk.get("/brokers/topics/api")[0])
            self.assertEqual(topic["partitions"], {"0": [new, b], "1": [b, new]})
            for p in (0, 1):
                state = json.loads(zk.get(f"/brokers/topics/api/partitions/{p}/state")[0])
                self.assertEqual(sorted(state["isr"]), sorted([new, b]))
            wait_until(lambda: not glob.glob(os.path.join(cluster.brokers[a].log_dir, "api-*")), 30,
                       f"broker {a} to delete both of its replicas")
            zk.stop()

if __name__ == "__main__":
    unittest.main()
