"""The operator tools against a real cluster: kafka-topics, kafka-console-producer,
kafka-console-consumer (through their scripts/*.sh wrappers) and scripts/cluster.sh.

Output is compared line for line with what Kafka 3.5's tools print; facts the tools report
(leaders, replicas, ISR) are checked against ZooKeeper, which the broker does not control.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from harness import BUILD_BIN, REPO, Cluster, free_port_range, wait_until  # noqa: E402

SCRIPTS = os.path.join(REPO, "scripts")
ENV = dict(os.environ, KB_BUILD_BIN=BUILD_BIN)
ERROR = "Error while executing topic command : "


def script(name, *args, input_text=None, timeout=60, env=ENV):
    return subprocess.run([os.path.join(SCRIPTS, name), *map(str, args)], input=input_text, capture_output=True,
                          text=True, timeout=timeout, env=env)


def murmur2_partition(key, partitions):
    """The Java producer's partition for a key (kafka-python implements the same murmur2)."""
    from kafka.partitioner.default import DefaultPartitioner
    return DefaultPartitioner()(key.encode(), list(range(partitions)), list(range(partitions)))


class TopicCommandTest(unittest.TestCase):
    """kafka-topics.sh against three brokers."""

    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=3).start()
        cls.zk = cls.cluster.zk.kazoo()
        cls.bootstrap = cls.cluster.brokers[0].bootstrap

    @classmethod
    def tearDownClass(cls):
        cls.zk.stop()
        cls.cluster.close()

    def topics(self, *args):
        return script("kafka-topics.sh", "--bootstrap-server", self.bootstrap, *args)

    def ok(self, *args):
        r = self.topics(*args)
        self.assertEqual(r.returncode, 0, f"kafka-topics {args}:\n{r.stdout}{r.stderr}")
        return r.stdout

    def describe_when_settled(self, topic, partitions):
        """--describe output once every partition has a leader and a full ISR."""
        def settled():
            out = self.ok("--describe", "--topic", topic)
            lines = out.splitlines()
            if len(lines) != 1 + partitions or "Leader: none" in out:
                return None
            for line in lines[1:]:
                fields = dict(f.split(": ", 1) for f in line.strip("\t").split("\t"))
                if sorted(fields["Replicas"].split(",")) != sorted(fields["Isr"].split(",")):
                    return None
            return lines
        return wait_until(settled, 30, f"{topic} to have leaders and full ISRs")

    def test_create_and_describe_print_kafkas_lines(self):
        self.assertEqual(self.ok("--create", "--topic", "orders", "--partitions", "3", "--replication-factor", "3"),
                         "Created topic orders.\n")
        lines = self.describe_when_settled("orders", 3)
        # No "\tTopicId: ..." field: Kafka prints it only when Metadata carries topic ids (v10+).
        self.assertEqual(lines[0], "Topic: orders\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: ")
        assignment = json.loads(self.zk.get("/brokers/topics/orders")[0])["partitions"]
        for p, line in enumerate(lines[1:]):
            state = json.loads(self.zk.get(f"/brokers/topics/orders/partitions/{p}/state")[0])
            replicas = ",".join(map(str, assignment[str(p)]))
            isr = ",".join(map(str, state["isr"]))
            self.assertEqual(line, f"\tTopic: orders\tPartition: {p}\tLeader: {state['leader']}"
                                   f"\tReplicas: {replicas}\tIsr: {isr}")

    def test_configs_column_lists_the_overrides(self):
        self.assertEqual(self.ok("--create", "--topic", "compacted", "--config", "retention.ms=1000",
                                 "--config", "cleanup.policy=compact"), "Created topic compacted.\n")
        lines = self.describe_when_settled("compacted", 1)
        # Order: Kafka's HashMap-backed Config (checked against OpenJDK in the unit tests).
        self.assertEqual(lines[0], "Topic: compacted\tPartitionCount: 1\tReplicationFactor: 1"
                                   "\tConfigs: cleanup.policy=compact,retention.ms=1000")
        self.assertEqual(self.ok("--describe", "--topics-with-overrides", "--topic", "compacted"), lines[0] + "\n")

    def test_every_topic_key_kafka_accepts_is_stored_and_reported(self):
        """Keys the broker does not act on yet (compaction's, throttling's, the deprecated
        message.format.version) are accepted with Kafka's validation, stored, reported by
        DescribeConfigs, and the broker says once that they have no effect."""
        from confluent_kafka.admin import AdminClient, ConfigResource, ConfigSource
        inert = {"delete.retention.ms": "1000", "message.format.version": "2.8", "min.cleanable.dirty.ratio": "0.1",
                 "leader.replication.throttled.replicas": "0:0", "preallocate": "true"}
        args = [a for k, v in inert.items() for a in ("--config", f"{k}={v}")]
        self.assertEqual(self.ok("--create", "--topic", "inert", *args), "Created topic inert.\n")
        admin = AdminClient({"bootstrap.servers": self.bootstrap})
        resource = ConfigResource("topic", "inert")
        described = wait_until(lambda: (d := admin.describe_configs([resource])[resource].result(10)) and
                               d["delete.retention.ms"].value == "1000" and d, 30, "the overrides to be reported")
        for key, value in inert.items():
            self.assertEqual(described[key].value, value, key)
            self.assertEqual(described[key].source, ConfigSource.DYNAMIC_TOPIC_CONFIG.value, key)
        self.assertEqual(described["max.compaction.lag.ms"].value, "9223372036854775807")
        self.assertEqual(described["follower.replication.throttled.replicas"].value, "")
        wait_until(lambda: any("Topic config delete.retention.ms (set on inert) is stored and reported but has no "
                               "effect on this broker: log compaction is not implemented" in b.log_text()
                               for b in self.cluster.brokers), 30, "a broker to log that the key has no effect")

        r = self.topics("--create", "--topic", "bad-ratio", "--config", "min.cleanable.dirty.ratio=2")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, ERROR + "Invalid value 2 for configuration min.cleanable.dirty.ratio: "
                                           "Value must be no more than 1\n")

    def test_list_prints_sorted_names(self):
        for name in ["list-b", "list-a", "list.c"]:
            self.ok("--create", "--topic", name)
        out = self.ok("--list")
        names = out.splitlines()
        self.assertEqual(names, sorted(names))
        self.assertTrue({"list-a", "list-b", "list.c"} <= set(names))
        self.assertEqual(self.ok("--list", "--topic", "list-.*"), "list-a\nlist-b\n")

    def test_collision_warning_for_period_or_underscore(self):
        self.assertEqual(self.ok("--create", "--topic", "with_underscore"),
                         "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore "
                         "('_') could collide. To avoid issues it is best to use either, but not both.\n"
                         "Created topic with_underscore.\n")

    def test_alter_adds_partitions(self):
        self.ok("--create", "--topic", "growing", "--partitions", "1")
        self.assertEqual(self.ok("--alter", "--topic", "growing", "--partitions", "3"), "")
        wait_until(lambda: "PartitionCount: 3" in self.ok("--describe", "--topic", "growing"), 30, "3 partitions")
        r = self.topics("--alter", "--topic", "growing", "--partitions", "2")
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stdout.startswith(ERROR), r.stdout)

    def test_delete(self):
        self.ok("--create", "--topic", "doomed")
        self.assertEqual(self.ok("--delete", "--topic", "doomed"), "")
        wait_until(lambda: "doomed" not in self.zk.get_children("/brokers/topics"), 30, "doomed gone from ZooKeeper")

    def test_deleted_topic_leaves_the_list_and_its_directory(self):
        # A watch firing after the deletion (the config znode going away) must not bring the
        # topic back into the broker's metadata.
        self.ok("--create", "--topic", "ghost")
        self.ok("--delete", "--topic", "ghost")
        wait_until(lambda: "ghost" not in self.zk.get_children("/brokers/topics"), 30, "ghost gone from ZooKeeper")
        wait_until(lambda: "ghost" not in self.ok("--list").splitlines(), 15, "ghost gone from --list")
        for b in self.cluster.brokers:
            wait_until(lambda: not os.path.exists(os.path.join(b.log_dir, "ghost-0")), 15, "ghost-0 removed from disk")

    def test_errors_print_kafkas_messages_and_exit_1(self):
        self.ok("--create", "--topic", "exists")
        cases = [
            (["--create", "--topic", "exists"], "Topic 'exists' already exists."),
            (["--describe", "--topic", "nope"], "Topic 'nope' does not exist as expected"),
            (["--delete", "--topic", "nope"], "Topic 'nope' does not exist as expected"),
            (["--alter", "--topic", "nope", "--partitions", "2"], "Topic 'nope' does not exist as expected"),
            (["--create", "--topic", "p0", "--partitions", "0"], "The partitions must be greater than 0"),
            (["--create", "--topic", "rf0", "--replication-factor", "0"],
             "The replication factor must be between 1 and 32767 inclusive"),
            (["--create", "--topic", "cfg", "--config", "novalue"],
             'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".'),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = self.topics(*args)
                self.assertEqual(r.returncode, 1)
                self.assertEqual(r.stdout, ERROR + message + "\n")
        # Refusals that come from the broker keep its message.
        r = self.topics("--create", "--topic", "rf9", "--replication-factor", "9")
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, "^" + re.escape(ERROR) + ".*[Rr]eplication factor")

    def test_if_exists_and_if_not_exists_make_the_action_optional(self):
        self.ok("--create", "--topic", "maybe")
        self.assertEqual(self.ok("--create", "--topic", "maybe", "--if-not-exists"), "")
        self.assertEqual(self.ok("--describe", "--topic", "absent", "--if-exists"), "")
        self.assertEqual(self.ok("--delete", "--topic", "absent", "--if-exists"), "")

    def test_usage_errors_go_to_stderr_with_the_options(self):
        cases = [
            (["--bootstrap-server", self.bootstrap, "--create"], 'Missing required argument "[topic]"'),
            (["--bootstrap-server", self.bootstrap, "--delete"], 'Missing required argument "[topic]"'),
            (["--list"], "--bootstrap-server must be specified"),
            (["--bootstrap-server", self.bootstrap],
             "Command must include exactly one action: --list, --describe, --create, --alter or --delete"),
            (["--bootstrap-server", self.bootstrap, "--describe", "--partitions", "2"],
             'Option "[partitions]" can\'t be used with option "[describe]"'),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = script("kafka-topics.sh", *args)
                self.assertEqual(r.returncode, 1)
                self.assertEqual(r.stdout, "")
                self.assertEqual(r.stderr.splitlines()[0], message)
                self.assertIn("--bootstrap-server", r.stderr)


class ConsoleClientsTest(unittest.TestCase):
    """kafka-console-producer.sh and kafka-console-consumer.sh against three brokers. Without
    --partition the consumer joins a group, so a new group's first rebalance is not delayed
    (Kafka's own test configs do the same)."""

    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=3, overrides={"group.initial.rebalance.delay.ms": "0"}).start()
        cls.bootstrap = cls.cluster.bootstrap

    @classmethod
    def tearDownClass(cls):
        cls.cluster.close()

    def create(self, topic, partitions, replication_factor):
        r = script("kafka-topics.sh", "--bootstrap-server", self.bootstrap, "--create", "--topic", topic,
                   "--partitions", partitions, "--replication-factor", replication_factor)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def produce(self, topic, lines, *args):
        r = script("kafka-console-producer.sh", "--bootstrap-server", self.bootstrap, "--topic", topic, *args,
                   input_text="".join(line + "\n" for line in lines))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "")  # no '>' prompts: stdin is not a terminal
        return r

    def consume(self, topic, *args):
        r = script("kafka-console-consumer.sh", "--bootstrap-server", self.bootstrap, "--topic", topic, *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r

    def test_keyed_round_trip_keeps_keys_order_and_javas_partitioning(self):
        self.create("keyed", 3, 3)  # acks=all (the producer's default) waits for all three replicas
        lines = [f"user-{i % 4}:event-{i}" for i in range(40)]
        self.produce("keyed", lines, "--property", "parse.key=true", "--property", "key.separator=:")
        r = self.consume("keyed", "--from-beginning", "--max-messages", 40, "--property", "print.key=true",
                         "--property", "key.separator=:")
        got = r.stdout.splitlines()
        self.assertEqual(sorted(got), sorted(lines))
        for key in ["user-0", "user-1", "user-2", "user-3"]:
            self.assertEqual([l for l in got if l.startswith(key + ":")], [l for l in lines if l.startswith(key + ":")])
        self.assertEqual(r.stderr.splitlines()[-1], "Processed a total of 40 messages")

        r = self.consume("keyed", "--from-beginning", "--max-messages", 40, "--property", "print.key=true",
                         "--property", "print.partition=true")
        for line in r.stdout.splitlines():
            partition, key, _ = line.split("\t")
            self.assertEqual(partition, f"Partition:{murmur2_partition(key, 3)}", line)

    def test_max_messages_timeout_and_offsets(self):
        self.create("plain", 1, 1)
        self.produce("plain", [f"line-{i}" for i in range(5)])
        r = self.consume("plain", "--from-beginning", "--max-messages", 2)
        self.assertEqual(r.stdout, "line-0\nline-1\n")
        self.assertEqual(r.stderr.splitlines()[-1], "Processed a total of 2 messages")

        r = self.consume("plain", "--from-beginning", "--timeout-ms", 1500)
        self.assertEqual(r.stdout.splitlines(), [f"line-{i}" for i in range(5)])
        self.assertIn("ERROR Error processing message, terminating consumer process:  (kafka.tools.ConsoleConsumer$)",
                      r.stderr)
        self.assertIn("org.apache.kafka.common.errors.TimeoutException", r.stderr)
        self.assertEqual(r.stderr.splitlines()[-1], "Processed a total of 5 messages")

        r = self.consume("plain", "--timeout-ms", 1500)  # from the end: nothing new arrives
        self.assertEqual(r.stdout, "")
        self.assertEqual(r.stderr.splitlines()[-1], "Processed a total of 0 messages")

        r = self.consume("plain", "--partition", 0, "--offset", 3, "--timeout-ms", 1500, "--property",
                         "print.offset=true", "--property", "print.partition=true", "--property", "print.timestamp=true")
        self.assertEqual(len(r.stdout.splitlines()), 2)
        for offset, line in zip([3, 4], r.stdout.splitlines()):
            self.assertRegex(line, rf"^CreateTime:\d+\tPartition:0\tOffset:{offset}\tline-{offset}$")

    def test_null_keys_and_headers(self):
        self.create("headers", 1, 1)
        # With ignore.error=true a line without the delimiters has no headers and a null key.
        self.produce("headers", ["h1:a,h2:b\tk\tv", "plain"], "--property", "parse.headers=true",
                     "--property", "parse.key=true", "--property", "ignore.error=true")
        r = self.consume("headers", "--from-beginning", "--max-messages", 2, "--property", "print.headers=true",
                         "--property", "print.key=true")
        self.assertEqual(r.stdout, "h1:a,h2:b\tk\tv\nNO_HEADERS\tnull\tplain\n")

    def test_group_commits_what_it_printed(self):
        self.create("grouped", 2, 1)
        self.produce("grouped", ["a", "b"])
        r = self.consume("grouped", "--group", "g1", "--from-beginning", "--max-messages", 2)
        self.assertEqual(sorted(r.stdout.splitlines()), ["a", "b"])
        self.assertEqual(r.stderr, "Processed a total of 2 messages\n")
        r = self.consume("grouped", "--group", "g1", "--from-beginning", "--timeout-ms", 1500)
        self.assertEqual(r.stdout, "")  # the group's committed offsets win over --from-beginning

    def test_producer_failures_exit_non_zero(self):
        r = script("kafka-console-producer.sh", "--bootstrap-server", self.bootstrap, "--topic", "parse-fail",
                   "--property", "parse.key=true", "--property", "key.separator=:", input_text="k:v\nnosep\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("No key separator found on line number 2: 'nosep'", r.stderr)

        with socket.socket() as s:  # a port nobody listens on
            s.bind(("127.0.0.1", 0))
            dead = f"127.0.0.1:{s.getsockname()[1]}"
        r = script("kafka-console-producer.sh", "--bootstrap-server", dead, "--topic", "t", "--producer-property",
                   "delivery.timeout.ms=1500", "--timeout", "0", input_text="hello\n")
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"\] ERROR Error when sending message to topic t with key: null, value: 5 bytes "
                                   r"with error: \(org.apache.kafka.clients.producer.internals.ErrorLoggingCallback\)")

    def test_consumer_usage_errors(self):
        r = script("kafka-console-consumer.sh", "--bootstrap-server", self.bootstrap, "--topic", "t", "--offset", "3")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.splitlines()[0], "The partition is required when offset is specified.")
        r = script("kafka-console-producer.sh", "--bootstrap-server", self.bootstrap)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.splitlines()[0], 'Missing required argument "[topic]"')


class ClusterScriptTest(unittest.TestCase):
    """scripts/cluster.sh start / status / stop in a temporary directory."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="kb-cluster-sh-")
        self.base = free_port_range(6)  # ZooKeeper, two brokers, their metrics endpoints, the live view
        self.addCleanup(self.stop_quietly)

    def stop_quietly(self):
        if os.path.exists(os.path.join(self.dir, "cluster.env")):
            script("cluster.sh", "stop", "--dir", self.dir, timeout=300)
        if not os.environ.get("KB_KEEP_TEST_DIRS"):
            subprocess.run(["rm", "-rf", self.dir])

    def cluster(self, *args, timeout=180):
        return script("cluster.sh", *args, "--dir", self.dir, timeout=timeout)

    def pids(self):
        out = {}
        for name in ["zookeeper/zookeeper.pid", "broker-0/broker.pid", "broker-1/broker.pid"]:
            path = os.path.join(self.dir, name)
            if os.path.exists(path):
                with open(path) as f:
                    out[name] = int(f.read())
        return out

    def test_start_status_stop(self):
        zk, b0, b1 = self.base, self.base + 1, self.base + 2
        r = self.cluster("start", "--brokers", 2, "--base-port", self.base)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        lines = r.stdout.splitlines()
        self.assertRegex(lines[0], rf"^ZooKeeper   127\.0\.0\.1:{zk}  pid \d+  log .*/zookeeper/zookeeper\.out$")
        self.assertRegex(lines[1], rf"^broker 0    127\.0\.0\.1:{b0}  pid \d+  log .*/broker-0/broker\.out$")
        self.assertRegex(lines[2], rf"^broker 1    127\.0\.0\.1:{b1}  pid \d+  log .*/broker-1/broker\.out$")
        self.assertEqual(lines[3], f"bootstrap servers: 127.0.0.1:{b0},127.0.0.1:{b1}")
        m0, m1 = self.base + 3, self.base + 4
        self.assertEqual(lines[4], f"metrics: http://127.0.0.1:{m0}/metrics http://127.0.0.1:{m1}/metrics")
        self.assertEqual(lines[5], f"live view: http://127.0.0.1:{self.base + 5}/")
        with urllib.request.urlopen(f"http://127.0.0.1:{m1}/metrics", timeout=10) as reply:
            self.assertIn("kafka_server_replicamanager_partitioncount", reply.read().decode())
        pids = self.pids()
        self.assertEqual(len(pids), 3)

        r = self.cluster("status")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(f"ZooKeeper   127.0.0.1:{zk}  running (pid {pids['zookeeper/zookeeper.pid']})", r.stdout)
        self.assertIn(f"broker 1    127.0.0.1:{b1}  running (pid {pids['broker-1/broker.pid']})", r.stdout)
        self.assertEqual(r.stdout.splitlines()[-1], "ls /brokers/ids: [0, 1]")
        self.assertIn(f"metrics: http://127.0.0.1:{m0}/metrics http://127.0.0.1:{m1}/metrics\n", r.stdout)

        r = self.cluster("start", "--brokers", 2, "--base-port", self.base)
        self.assertEqual(r.returncode, 1)
        self.assertIn("a cluster is already running", r.stderr)

        # The cluster works: a replicated topic through the wrapper scripts.
        topics = script("kafka-topics.sh", "--bootstrap-server", f"127.0.0.1:{b0}", "--create", "--topic", "t",
                        "--partitions", 2, "--replication-factor", 2)
        self.assertEqual(topics.stdout, "Created topic t.\n", topics.stderr)
        produced = script("kafka-console-producer.sh", "--bootstrap-server", f"127.0.0.1:{b1}", "--topic", "t",
                          input_text="x\ny\n")
        self.assertEqual(produced.returncode, 0, produced.stderr)
        consumed = script("kafka-console-consumer.sh", "--bootstrap-server", f"127.0.0.1:{b0}", "--topic", "t",
                          "--from-beginning", "--max-messages", 2)
        self.assertEqual(sorted(consumed.stdout.splitlines()), ["x", "y"])

        r = self.cluster("stop", timeout=300)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.splitlines(), [
            f"broker 1 stopped (pid {pids['broker-1/broker.pid']})",
            f"broker 0 stopped (pid {pids['broker-0/broker.pid']})",
            f"ZooKeeper stopped (pid {pids['zookeeper/zookeeper.pid']})",
        ])
        for pid in pids.values():
            try:
                with open(f"/proc/{pid}/cmdline") as f:
                    cmdline = f.read()
            except OSError:
                cmdline = ""
            self.assertNotIn(self.dir, cmdline, f"pid {pid} still running")
        r = self.cluster("status")
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"broker 0    127.0.0.1:{b0}  not running", r.stdout)
        with open(os.path.join(self.dir, "broker-0", "broker.out")) as f:
            self.assertIn("started (kafka.server.KafkaServer)", f.read())

    def broker_config(self, bootstrap, key):
        """broker 0's value of `key` as DescribeConfigs reports it."""
        from confluent_kafka.admin import AdminClient, ConfigResource
        admin = AdminClient({"bootstrap.servers": bootstrap})
        resource = ConfigResource("broker", "0")
        return admin.describe_configs([resource])[resource].result(30)[key].value

    def test_start_keeps_a_learners_server_properties_and_takes_overrides(self):
        bootstrap = f"127.0.0.1:{self.base + 1}"
        r = self.cluster("start", "--base-port", self.base, "--override", "num.partitions=3",
                         "--override", "7:num.partitions=9")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(self.broker_config(bootstrap, "num.partitions"), "3",
                         "an override for every broker; `7:` is broker 7's alone")

        props = os.path.join(self.dir, "broker-0", "server.properties")
        with open(props, "a") as f:
            f.write("\n# a learner's key\nlog.retention.ms=12345\n")
        self.assertEqual(self.cluster("stop", timeout=300).returncode, 0)
        moved = free_port_range(6)
        r = self.cluster("start", "--base-port", moved)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        bootstrap = f"127.0.0.1:{moved + 1}"
        self.assertEqual(self.broker_config(bootstrap, "log.retention.ms"), "12345", "the learner's key survived")
        self.assertEqual(self.broker_config(bootstrap, "num.partitions"), "1", "the last start's overrides are gone")
        with open(props) as f:
            text = f.read()
        self.assertIn(f"listeners=PLAINTEXT://127.0.0.1:{moved + 1}\n", text)
        self.assertNotIn(f"127.0.0.1:{self.base + 1}", text, "the cluster's own settings follow --base-port")

        # start-broker adds to the overrides the broker ran with, and keeps them for the next one.
        # Stopped cleanly: a crashed broker's znode would hold the restart up for its session.
        self.assertEqual(self.cluster("kill", 0, "--signal", "TERM").returncode, 0)
        r = self.cluster("start-broker", 0, "--override", "num.partitions=5", timeout=150)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(self.broker_config(bootstrap, "num.partitions"), "5")
        self.assertEqual(self.cluster("kill", 0, "--signal", "TERM").returncode, 0)
        r = self.cluster("start-broker", 0, timeout=150)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(self.broker_config(bootstrap, "num.partitions"), "5")

        r = self.cluster("start-broker", 0, "--override", "no-equals-sign")
        self.assertEqual(r.returncode, 1)
        self.assertIn("--override takes key=value or ID:key=value, not 'no-equals-sign'", r.stderr)

    def zk_state(self, topic, partition):
        """The partition's state znode as a learner reads it: zookeeper-shell.sh ... get <path>."""
        r = script("zookeeper-shell.sh", f"127.0.0.1:{self.base}", "get",
                   f"/brokers/topics/{topic}/partitions/{partition}/state", timeout=60)
        data = [line for line in r.stdout.splitlines() if line.startswith("{")]
        return json.loads(data[0]) if data else None

    def test_failover_lab(self):
        """The seeds' exercise: kill a leader, watch the controller move leadership within the
        ISR in ZooKeeper, start the broker again and watch it rejoin the ISR."""
        self.base = free_port_range(8)
        r = self.cluster("start", "--brokers", 3, "--base-port", self.base)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        bootstrap = f"127.0.0.1:{self.base + 1}"
        created = script("kafka-topics.sh", "--bootstrap-server", bootstrap, "--create", "--topic", "lab",
                         "--partitions", 1, "--replication-factor", 3)
        self.assertEqual(created.returncode, 0, created.stderr)
        before = wait_until(lambda: (s := self.zk_state("lab", 0)) and len(s["isr"]) == 3 and s, 60, "a full ISR")
        leader = before["leader"]

        r = self.cluster("kill", leader)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, rf"^broker {leader} \(pid \d+\) sent SIGKILL$")
        # The broker's znode lasts until its session times out (18 s, Kafka's default).
        after = wait_until(lambda: (s := self.zk_state("lab", 0)) and s["leader"] not in (leader, -1) and s, 90,
                           "the controller to elect another leader")
        self.assertIn(after["leader"], before["isr"])
        self.assertNotIn(leader, after["isr"])
        self.assertGreater(after["leader_epoch"], before["leader_epoch"])
        described = script("kafka-topics.sh", "--bootstrap-server", bootstrap if leader != 0 else
                           f"127.0.0.1:{self.base + 2}", "--describe", "--topic", "lab")
        self.assertIn(f"Leader: {after['leader']}", described.stdout)

        r = self.cluster("start-broker", leader, timeout=150)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        wait_until(lambda: len(self.zk_state("lab", 0)["isr"]) == 3, 60, f"broker {leader} to rejoin the ISR")

        r = self.cluster("kill", 7)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no broker 7", r.stderr)
        r = self.cluster("start-broker", leader)
        self.assertEqual(r.returncode, 1)
        self.assertIn("is already running", r.stderr)

    def test_scripts_find_the_build_through_a_symlink_on_path(self):
        """A bin/ folder of links on PATH, as Kafka users keep: each script resolves its real
        location, so it finds the repository's build, not one beside the link."""
        links = os.path.join(self.dir, "bin")
        os.makedirs(links)
        env = {k: v for k, v in ENV.items() if k != "KB_BUILD_BIN"}
        env["PATH"] = links + os.pathsep + env["PATH"]
        built = os.path.exists(os.path.join(REPO, "build", "bin", "kafka-topics"))
        for name in sorted(os.listdir(SCRIPTS)):
            if name.startswith("kafka-") and name.endswith(".sh"):
                os.symlink(os.path.join(SCRIPTS, name), os.path.join(links, name))
        r = subprocess.run(["kafka-topics.sh", "--help"], capture_output=True, text=True, timeout=60, env=env)
        if built:
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("This tool helps to create, delete, describe, or change a topic.", r.stdout)
        else:
            self.assertIn(f"{REPO}/build/bin/kafka-topics is not built", r.stderr)

    def test_scripts_explain_a_missing_build(self):
        env = dict(ENV, KB_BUILD_BIN=os.path.join(self.dir, "no-such-build"))
        for name in ["kafka-topics.sh", "kafka-console-producer.sh", "kafka-console-consumer.sh"]:
            r = script(name, "--help", env=env)
            self.assertEqual(r.returncode, 1)
            self.assertIn("is not built; run scripts/build.sh first", r.stderr)
        r = script("cluster.sh", "start", "--dir", self.dir, env=env)
        self.assertEqual(r.returncode, 1)
        self.assertIn("is not built; run scripts/build.sh first", r.stderr)


if __name__ == "__main__":
    unittest.main()
