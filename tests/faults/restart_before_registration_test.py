#!/usr/bin/python3
"""A broker restarted right after a crash serves nothing until its startup has completed.

After kill -9 the broker's old ZooKeeper session lives on for zookeeper.session.timeout.ms,
so the restarted broker waits for its old /brokers/ids znode to go before it can register.
Kafka binds its listeners early but processes no request until startup completes
(SocketServer.enableRequestProcessing). A broker that answered meanwhile would answer from
an empty metadata cache: UNKNOWN_TOPIC_OR_PARTITION for a topic that exists, and a client
may conclude the topic is gone. Every Metadata answer this test gets while the broker
restarts must know the topic.

Run with Debian's python (python3-kafka, python3-confluent-kafka).
"""
import os
import socket
import struct
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
import kafka_wire as kw  # noqa: E402
from harness import READY_LINE, Cluster, wait_until  # noqa: E402

from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

API_METADATA = 3
TOPIC = "survivor"


def metadata_v1_topic_errors(conn, topic):
    """Metadata v1 for one topic: {topic name: error code} from the answer."""
    r = conn.request(API_METADATA, 1, kw.i32(1) + kw.string(topic))
    for _ in range(r.i32()):  # brokers: node id, host, port, rack
        r.i32(), r.string(), r.i32(), r.string()
    r.i32()  # controller id
    errors = {}
    for _ in range(r.i32()):
        error, name = r.i16(), r.string()
        r.take(1)  # is_internal
        for _ in range(r.i32()):  # partitions: error, index, leader, replicas, isr
            r.i16(), r.i32(), r.i32()
            r.take(4 * r.i32())
            r.take(4 * r.i32())
        errors[name] = error
    return errors


class RestartBeforeRegistrationTest(unittest.TestCase):
    def test_metadata_during_a_restart_never_says_the_topic_is_unknown(self):
        with Cluster(brokers=1) as cluster:
            broker = cluster.brokers[0]
            admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
            admin.create_topics([NewTopic(TOPIC, 2, 1)])[TOPIC].result(30)
            broker.kill()
            start_marker = len(broker.log_text())
            broker.start(wait=False)

            answers = []  # (broker had logged READY_LINE before the answer, error code)
            state = {"conn": None}

            def an_answer_after_startup():
                if state["conn"] is None:
                    try:
                        state["conn"] = kw.Connection("127.0.0.1", broker.port, timeout=60)
                    except OSError:
                        return False  # not listening yet
                try:
                    errors = metadata_v1_topic_errors(state["conn"], TOPIC)
                except (OSError, ValueError, struct.error, socket.timeout):
                    state["conn"].close()
                    state["conn"] = None
                    return False
                started = READY_LINE in broker.log_text()[start_marker:]
                answers.append((started, errors.get(TOPIC)))
                return started

            try:
                wait_until(an_answer_after_startup, 90, "a Metadata answer after the restart completed")
            finally:
                if state["conn"]:
                    state["conn"].close()
            # Whether the broker had started is read after each answer arrived, so it only
            # narrates; what is asserted is that no answer, early or late, lacks the topic.
            self.assertTrue(all(error == 0 for _, error in answers),
                            f"every answer knows {TOPIC}: (started when read?, error) = {answers}")


if __name__ == "__main__":
    unittest.main(verbosity=2)
