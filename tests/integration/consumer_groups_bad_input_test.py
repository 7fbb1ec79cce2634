"""Hostile and malformed group requests, sent field by field with kafka_wire: each gets Kafka's
error (or its connection closed, for bytes that do not parse), the broker stays up, and a
bystander group consuming meanwhile is not disturbed. Includes a JoinGroup with 10 MB of
metadata, a group id of 32,767 characters and a thousand members heartbeating at once.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import kafka_wire as kw  # noqa: E402
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Consumer, Producer  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

NONE, UNKNOWN_SERVER_ERROR, INCONSISTENT_GROUP_PROTOCOL, INVALID_GROUP_ID = 0, -1, 23, 24
UNKNOWN_MEMBER_ID, INVALID_SESSION_TIMEOUT = 25, 26
RETRIABLE = {14, 15, 16}  # COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR


class GroupBadInputTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=1, overrides={"group.initial.rebalance.delay.ms": "500"}).start()
        cls.broker = cls.cluster.brokers[0]
        cls.bootstrap = cls.cluster.bootstrap
        admin = AdminClient({"bootstrap.servers": cls.bootstrap})
        admin.create_topics([NewTopic("bystander", 1, 1)])["bystander"].result(30)
        # __consumer_offsets exists once a FindCoordinator has found a leader for the group.
        c = cls.connect()

        def found():
            return kw.read_find_coordinator_v0(c.request(kw.API_FIND_COORDINATOR, 0, kw.find_coordinator_v0("g")))[0] == 0
        wait_until(found, 60, "a group coordinator")
        c.close()
        # ...and this broker, leading all 50 partitions, has taken each of them over.
        wait_until(lambda: cls.broker.log_text().count("Finished loading __consumer_offsets-") >= 50, 60,
                   "every __consumer_offsets partition loaded")
        # A bystander group that keeps consuming through everything below.
        cls.bystander = Consumer({"bootstrap.servers": cls.bootstrap, "group.id": "bystander",
                                  "auto.offset.reset": "earliest", "session.timeout.ms": 6000})
        cls.bystander.subscribe(["bystander"])
        cls.producer = Producer({"bootstrap.servers": cls.bootstrap})
        cls.produced = 0

    @classmethod
    def tearDownClass(cls):
        cls.bystander.close()
        cls.cluster.close()

    @classmethod
    def connect(cls):
        return kw.Connection("127.0.0.1", cls.broker.port)

    def tearDown(self):
        # After each case: the broker is up and the bystander group still reads new records.
        self.assertTrue(self.broker.alive(), "the broker is still running")
        self.producer.produce("bystander", value=f"after-{self._testMethodName}".encode())
        self.producer.flush(30)
        type(self).produced += 1
        want = f"after-{self._testMethodName}".encode()

        def read():
            m = self.bystander.poll(0.2)
            return m is not None and not m.error() and m.value() == want
        wait_until(read, 60, "the bystander group to read its next record")

    def join(self, conn, group, **kwargs):
        """A JoinGroup, repeated as a client would while the group's coordinator is still
        taking its __consumer_offsets partition over."""
        answer = []

        def settled():
            answer[:] = [kw.read_join_group_v3(conn.request(kw.API_JOIN_GROUP, 3, kw.join_group_v3(group, **kwargs)))]
            return answer[0][0] not in RETRIABLE
        wait_until(settled, 60, f"a JoinGroup of {group[:20]} answered by its coordinator")
        return answer[0]

    def test_a_truncated_join_group_closes_only_its_connection(self):
        bad = self.connect()
        body = kw.join_group_v3("truncated")
        bad.send(kw.API_JOIN_GROUP, 3, body[: len(body) // 2])
        self.assertTrue(bad.closed_by_peer(), "a request that does not parse ends its connection")
        bad.close()
        good = self.connect()
        self.assertEqual(self.join(good, "after-truncated")[0], NONE)
        good.close()

    def test_invalid_join_groups_get_kafkas_errors(self):
        c = self.connect()
        self.assertEqual(self.join(c, "")[0], INVALID_GROUP_ID)
        self.assertEqual(self.join(c, "bad-session", session_ms=1000)[0], INVALID_SESSION_TIMEOUT)
        self.assertEqual(self.join(c, "bad-session", session_ms=3_600_000)[0], INVALID_SESSION_TIMEOUT)
        self.assertEqual(self.join(c, "unknown-group", member_id="nobody")[0], UNKNOWN_MEMBER_ID)
        self.assertEqual(self.join(c, "typed")[0], NONE)
        other = kw.string("typed") + kw.i32(30000) + kw.i32(60000) + kw.string("") + kw.string("connect") + \
            kw.i32(1) + kw.string("range") + kw.byte_array(b"\x00")
        self.assertEqual(kw.read_join_group_v3(c.request(kw.API_JOIN_GROUP, 3, other))[0], INCONSISTENT_GROUP_PROTOCOL)
        c.close()

    def test_ten_megabytes_of_metadata_cannot_be_stored_but_hurt_nobody(self):
        c = self.connect()
        error, generation, _, leader, me, members = self.join(c, "huge", metadata=b"x" * (10 << 20))
        self.assertEqual(error, NONE)
        self.assertEqual(leader, me)
        self.assertEqual(members, [me])
        # The group's record would exceed max.message.bytes: the write fails and SyncGroup gets
        # UNKNOWN_SERVER_ERROR, as Kafka answers a MESSAGE_TOO_LARGE group write.
        error, _ = kw.read_sync_group_v1(c.request(kw.API_SYNC_GROUP, 1,
                                                   kw.sync_group_v1("huge", generation, me, [(me, b"a")])))
        self.assertEqual(error, UNKNOWN_SERVER_ERROR)
        c.close()

    def test_a_group_id_of_32767_characters_works(self):
        group = "g" * 32767
        c = self.connect()
        error, generation, _, _, me, _ = self.join(c, group)
        self.assertEqual(error, NONE)
        error, assignment = kw.read_sync_group_v1(c.request(kw.API_SYNC_GROUP, 1,
                                                            kw.sync_group_v1(group, generation, me, [(me, b"mine")])))
        self.assertEqual((error, assignment), (NONE, b"mine"))
        described = kw.read_describe_groups_v0(c.request(kw.API_DESCRIBE_GROUPS, 0, kw.describe_groups_v0([group])))
        self.assertEqual(described[0][2], "Stable")
        c.close()

    def test_a_thousand_members_join_sync_and_heartbeat_at_once(self):
        n = 1000
        conns = [self.connect() for _ in range(n)]
        try:
            sent = [c.send(kw.API_JOIN_GROUP, 3, kw.join_group_v3("crowd")) for c in conns]
            joined = [kw.read_join_group_v3(c.receive(i)) for c, i in zip(conns, sent)]
            self.assertTrue(all(j[0] == NONE for j in joined), {j[0] for j in joined})
            generations = {j[1] for j in joined}
            self.assertEqual(len(generations), 1, "everyone joined one generation")
            generation = generations.pop()
            leader = joined[0][3]
            ids = [j[4] for j in joined]
            self.assertEqual(len(set(ids)), n)
            sent = []
            for c, me in zip(conns, ids):
                assignments = [(m, m.encode()) for m in ids] if me == leader else []
                sent.append(c.send(kw.API_SYNC_GROUP, 1, kw.sync_group_v1("crowd", generation, me, assignments)))
            synced = [kw.read_sync_group_v1(c.receive(i)) for c, i in zip(conns, sent)]
            self.assertEqual([s for s in synced], [(NONE, me.encode()) for me in ids])
            for _ in range(5):  # the storm: every member heartbeats, all at once, five times
                sent = [c.send(kw.API_HEARTBEAT, 1, kw.heartbeat_v1("crowd", generation, me)) for c, me in zip(conns, ids)]
                errors = {kw.read_error_after_throttle(c.receive(i)) for c, i in zip(conns, sent)}
                self.assertEqual(errors, {NONE})
            described = kw.read_describe_groups_v0(
                conns[0].request(kw.API_DESCRIBE_GROUPS, 0, kw.describe_groups_v0(["crowd"])))
            self.assertEqual((described[0][2], described[0][5]), ("Stable", n))
        finally:
            for c in conns:
                c.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
