"""Each broker's Prometheus /metrics (prometheus.metrics.port) against a real 3-broker
cluster: the figures follow what happens, checked against ZooKeeper and the clients' own
counts. Names are Kafka's JMX names as Prometheus's JMX exporter writes them."""
import json
import os
import re
import sys
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, create_topic, free_port, wait_until  # noqa: E402

from confluent_kafka import Consumer, Producer  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')


def scrape(port):
    """{(name, frozenset(labels)): value} of one scrape, parsed line by line as Prometheus does."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
        assert r.status == 200
        assert r.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
        text = r.read().decode()
    out = {}
    typed = set()
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            typed.add(line.split()[2])
            continue
        if line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        assert m, f"not a Prometheus sample line: {line!r}"
        assert m.group(1) in typed, f"{m.group(1)} has no # TYPE line"
        labels = frozenset(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(3) or ""))
        out[(m.group(1), labels)] = float(m.group(4))
    return out


def value(port, name, **labels):
    return scrape(port).get((name, frozenset(labels.items())))


class MetricsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        overrides = {"replica.lag.time.max.ms": "2000", "zookeeper.session.timeout.ms": "20000",
                     "group.initial.rebalance.delay.ms": "0"}
        cls.cluster = Cluster(brokers=3, overrides=overrides)
        for b in cls.cluster.brokers:
            b.overrides["prometheus.metrics.port"] = str(free_port())
        cls.cluster.start()
        cls.admin = AdminClient({"bootstrap.servers": cls.cluster.bootstrap})
        cls.zk = cls.cluster.zk.kazoo()

    @classmethod
    def tearDownClass(cls):
        cls.zk.stop()
        cls.cluster.close()

    def port(self, broker_id):
        return int(self.cluster.brokers[broker_id].overrides["prometheus.metrics.port"])

    def state(self, topic):
        data, _ = self.zk.get(f"/brokers/topics/{topic}/partitions/0/state")
        return json.loads(data)

    def settled(self, topic, replicas):
        return wait_until(lambda: (s := self.state(topic)) and s["leader"] >= 0 and len(s["isr"]) == replicas and s,
                          30, f"{topic} to have a leader and a full ISR")

    def test_the_broker_logs_where_its_metrics_are(self):
        b = self.cluster.brokers[0]
        self.assertIn(f"Prometheus metrics on http://127.0.0.1:{self.port(0)}/metrics", b.log_text())

    def test_exactly_one_broker_reports_itself_controller(self):
        controller = json.loads(self.zk.get("/controller")[0])["brokerid"]
        counts = {b.id: value(self.port(b.id), "kafka_controller_kafkacontroller_activecontrollercount")
                  for b in self.cluster.brokers}
        self.assertEqual(counts, {b.id: 1.0 if b.id == controller else 0.0 for b in self.cluster.brokers})

    def test_the_zookeeper_session_is_connected(self):
        m = scrape(self.port(1))
        self.assertEqual(m[("kafka_server_sessionexpirelistener_sessionstate", frozenset({("state", "CONNECTED")}))], 1)
        self.assertEqual(m[("kafka_server_sessionexpirelistener_sessionstate", frozenset({("state", "EXPIRED")}))], 0)

    def test_records_and_bytes_in_and_out_are_counted_per_topic(self):
        create_topic(self.admin, NewTopic("counted", 1, 3))
        leader = self.settled("counted", 3)["leader"]
        p = Producer({"bootstrap.servers": self.cluster.bootstrap, "acks": "all", "linger.ms": 5})
        for i in range(500):
            p.produce("counted", value=b"v%d" % i)
        self.assertEqual(p.flush(30), 0)
        port = self.port(leader)
        self.assertEqual(value(port, "kafka_server_brokertopicmetrics_messagesin_total", topic="counted"), 500)
        self.assertGreaterEqual(value(port, "kafka_server_brokertopicmetrics_bytesin_total", topic="counted"), 500 * 4)
        # acks=all: both followers fetched the records before the produce was answered.
        self.assertGreater(value(port, "kafka_server_brokertopicmetrics_replicationbytesout_total", topic="counted"), 0)
        self.assertFalse(value(port, "kafka_server_brokertopicmetrics_bytesout_total", topic="counted"),
                         "no consumer has read it yet")
        for b in self.cluster.brokers:  # every replica reports its log end (acks=all: all have them)
            self.assertEqual(value(self.port(b.id), "kafka_log_log_logendoffset", topic="counted", partition="0"), 500)
        self.assertEqual(value(port, "kafka_log_log_logstartoffset", topic="counted", partition="0"), 0)

        c = Consumer({"bootstrap.servers": self.cluster.bootstrap, "group.id": "counted-reader",
                      "auto.offset.reset": "earliest"})
        c.subscribe(["counted"])
        read = []

        def read_all():
            m = c.poll(0.2)
            if m is not None and not m.error():
                read.append(m.value())
            return len(read) >= 500
        try:
            wait_until(read_all, 60, "the consumer to read the 500 records")
        finally:
            c.close()
        self.assertGreater(value(port, "kafka_server_brokertopicmetrics_bytesout_total", topic="counted"), 0)
        m = scrape(port)
        produce = m[("kafka_network_requestmetrics_requests_total", frozenset({("request", "Produce")}))]
        self.assertGreaterEqual(produce, 1)
        self.assertEqual(m[("kafka_network_requestmetrics_totaltimems_count", frozenset({("request", "Produce")}))],
                         produce)
        self.assertGreater(m[("kafka_network_requestmetrics_totaltimems",
                              frozenset({("request", "Produce"), ("quantile", "0.99")}))], 0)

    def test_a_stalled_follower_shrinks_the_isr_and_parks_acks_all_produces(self):
        create_topic(self.admin, NewTopic("stall", 1, 3))
        s = self.settled("stall", 3)
        leader, port = s["leader"], self.port(s["leader"])
        follower = next(b for b in self.cluster.brokers if b.id != leader and b.id in s["isr"])
        shrinks = value(port, "kafka_server_replicamanager_isrshrinks_total")
        expands = value(port, "kafka_server_replicamanager_isrexpands_total")
        self.assertEqual(value(port, "kafka_server_replicamanager_underreplicatedpartitions"), 0)
        p = Producer({"bootstrap.servers": self.cluster.brokers[leader].bootstrap, "acks": "all"})
        follower.pause()
        try:
            p.produce("stall", value=b"waits for the ISR to shrink")
            p.poll(0)
            wait_until(lambda: value(port, "kafka_server_delayedoperationpurgatory_purgatorysize",
                                     delayedOperation="Produce") == 1, 20, "the acks=all produce to be parked")
            wait_until(lambda: len(self.state("stall")["isr"]) == 2, 20, "the leader to shrink the ISR")
            self.assertEqual(p.flush(20), 0, "answered once the ISR no longer waits for the stalled follower")
            self.assertEqual(value(port, "kafka_server_delayedoperationpurgatory_purgatorysize",
                                   delayedOperation="Produce"), 0)
            # Every partition this leader shares with the follower shrinks, "stall" among them.
            self.assertGreaterEqual(value(port, "kafka_server_replicamanager_isrshrinks_total"), shrinks + 1)
            self.assertGreaterEqual(value(port, "kafka_server_replicamanager_underreplicatedpartitions"), 1)
        finally:
            follower.resume()
        wait_until(lambda: len(self.state("stall")["isr"]) == 3, 30, "the follower to rejoin the ISR")
        wait_until(lambda: value(port, "kafka_server_replicamanager_isrexpands_total") >= expands + 1, 10,
                   "the expansion to be counted")
        wait_until(lambda: value(port, "kafka_server_replicamanager_underreplicatedpartitions") == 0, 30,
                   "every partition the follower left to be fully replicated again")

    def test_a_dead_brokers_partitions_are_offline_on_the_controller_and_the_election_is_timed(self):
        controller = json.loads(self.zk.get("/controller")[0])["brokerid"]
        victim = next(b for b in self.cluster.brokers if b.id != controller)
        # Replica set of one: the victim's partition has nowhere to move.
        create_topic(self.admin, NewTopic("alone", 1, replica_assignment=[[victim.id]]))
        self.settled("alone", 1)
        port = self.port(controller)
        elections = value(port, "kafka_controller_controllerstats_leaderelectionrateandtimems_count")
        self.assertEqual(value(port, "kafka_controller_kafkacontroller_offlinepartitionscount"), 0)
        victim.kill()
        try:
            wait_until(lambda: value(port, "kafka_controller_kafkacontroller_offlinepartitionscount") == 1, 60,
                       "the controller to count the dead broker's partition offline")
            # The count moves when the controller has finished handling the change, a moment
            # after it counted the partition offline.
            wait_until(lambda: value(port, "kafka_controller_controllerstats_leaderelectionrateandtimems_count")
                       > elections, 30, "the broker change to be timed")
        finally:
            victim.start()
        wait_until(lambda: value(port, "kafka_controller_kafkacontroller_offlinepartitionscount") == 0, 60,
                   "the partition to come back online")

    def test_the_coordinator_counts_its_groups_by_state(self):
        create_topic(self.admin, NewTopic("grouped", 1, 3))
        c = Consumer({"bootstrap.servers": self.cluster.bootstrap, "group.id": "counted-group",
                      "session.timeout.ms": 6000})
        c.subscribe(["grouped"])
        try:
            def stable_somewhere():
                c.poll(0.1)
                return any(value(self.port(b.id), "kafka_coordinator_group_groupmetadatamanager_numgroupsbystate",
                                 state="Stable") for b in self.cluster.brokers)
            wait_until(stable_somewhere, 60, "a coordinator to report a Stable group")
        finally:
            c.close()


if __name__ == "__main__":
    unittest.main()
