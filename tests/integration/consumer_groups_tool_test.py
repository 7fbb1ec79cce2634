"""kafka-consumer-groups.sh and kafka-console-consumer.sh --group against a real broker.

One broker (offsets.topic.replication.factor=1, group.initial.rebalance.delay.ms=0), real
confluent-kafka consumers as the groups' members, and the tools through their scripts/*.sh
wrappers. Output is compared with what Kafka 3.5's ConsumerGroupCommand prints: its headers,
its column widths (15 at least, else the longest value), its messages and its exit codes.
Nothing sleeps to synchronise: every wait polls a condition until a deadline.
"""
import datetime
import os
import re
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BUILD_BIN, REPO, Cluster, wait_until  # noqa: E402

from confluent_kafka import Consumer, Producer, TopicPartition  # noqa: E402

SCRIPTS = os.path.join(REPO, "scripts")
ENV = dict(os.environ, KB_BUILD_BIN=BUILD_BIN)
OFFSETS_HEADER = ("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST",
                  "CLIENT-ID")
RESET_HEADER = f"{'GROUP':<30} {'TOPIC':<30} {'PARTITION':<10} {'NEW-OFFSET':<15}"
DRY_RUN_WARNING = "WARN: No action will be performed as the --execute option is missing."


def script(name, *args, timeout=60):
    return subprocess.run([os.path.join(SCRIPTS, name), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=ENV)


def offsets_table(rows):
    """Kafka's printOffsets for one group: a blank line, the header, the rows, widths per its rules."""
    w = [max([15] + [len(r[i]) for r in rows]) for i in (0, 1, 6, 7)]
    fmt = "{:<%d} {:<%d} {:<10} {:<15} {:<15} {:<15} {:<%d} {:<%d} {}" % tuple(w)
    return "\n" + "".join(fmt.format(*r) + "\n" for r in [OFFSETS_HEADER] + rows)


def reset_rows(group, topic, offsets):
    return "".join(f"{group:<30} {topic:<30} {p:<10} {o:<15}\n" for p, o in offsets)


class ConsumerGroupsToolTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(brokers=1, overrides={"offsets.topic.replication.factor": "1",
                                                    "group.initial.rebalance.delay.ms": "0"}).start()
        cls.bootstrap = cls.cluster.bootstrap
        cls.port = cls.cluster.brokers[0].port
        cls.consumers = []

    @classmethod
    def tearDownClass(cls):
        for c in cls.consumers:
            c.close()
        cls.cluster.close()

    # --- helpers -------------------------------------------------------------------------

    def cg(self, *args):
        return script("kafka-consumer-groups.sh", "--bootstrap-server", self.bootstrap, *args)

    def ok(self, *args):
        r = self.cg(*args)
        self.assertEqual(r.returncode, 0, f"kafka-consumer-groups {args}:\n{r.stdout}{r.stderr}")
        return r

    def create(self, topic, partitions):
        r = script("kafka-topics.sh", "--bootstrap-server", self.bootstrap, "--create", "--topic", topic,
                   "--partitions", partitions, "--replication-factor", 1)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def produce(self, topic, counts, timestamp_ms=None):
        """counts[p] records to partition p, values "<topic>-<p>-<i>"."""
        p = Producer({"bootstrap.servers": self.bootstrap})
        for partition, n in enumerate(counts):
            for i in range(n):
                kwargs = {"timestamp": timestamp_ms} if timestamp_ms else {}
                p.produce(topic, value=f"{topic}-{partition}-{i}".encode(), partition=partition, **kwargs)
        self.assertEqual(p.flush(30), 0)

    def consumer(self, group, **extra):
        conf = {"bootstrap.servers": self.bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                "enable.auto.commit": False, "client.id": f"{group}-client"}
        conf.update(extra)
        c = Consumer(conf)
        self.consumers.append(c)
        return c

    def join(self, group, topic, partitions):
        """A live member of `group` that owns all of `topic`'s partitions (it may read some records)."""
        c = self.consumer(group)
        c.subscribe([topic])

        def assigned():
            c.poll(0.1)
            return len(c.assignment()) == partitions
        wait_until(assigned, 30, f"a member of {group} assigned all of {topic}")
        return c

    def close(self, c):
        c.close()
        self.consumers.remove(c)

    def committed(self, group, topic, partitions):
        c = Consumer({"bootstrap.servers": self.bootstrap, "group.id": group})
        try:
            return [tp.offset for tp in c.committed([TopicPartition(topic, p) for p in range(partitions)], 10)]
        finally:
            c.close()

    def commit_empty(self, group, topic, offsets):
        """Commits outside group management, leaving `group` Empty with these offsets."""
        c = Consumer({"bootstrap.servers": self.bootstrap, "group.id": group, "enable.auto.commit": False})
        try:
            c.commit(offsets=[TopicPartition(topic, p, o) for p, o in enumerate(offsets)], asynchronous=False)
        finally:
            c.close()

    def member_of(self, group):
        """The one member's id, as --members shows it (librdkafka's "<client.id>-<uuid>")."""
        lines = self.ok("--describe", "--group", group, "--members").stdout.splitlines()
        self.assertEqual(len(lines), 3, lines)
        member = lines[2].split()[1]
        self.assertRegex(member, rf"^{group}-client-[0-9a-f]{{8}}-[0-9a-f-]{{27}}$")
        return member

    def state_of(self, group):
        r = self.ok("--describe", "--group", group, "--state")
        lines = r.stdout.strip("\n").splitlines()
        return lines[1].split()[-2] if len(lines) == 2 else None

    # --- command line --------------------------------------------------------------------

    def test_missing_and_contradictory_flags_exit_1_with_kafkas_messages(self):
        cases = [
            ([], 'Missing required argument "[bootstrap-server]"'),
            (["--bootstrap-server", self.bootstrap],
             "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets"),
            (["--bootstrap-server", self.bootstrap, "--describe"],
             "Option [describe] takes one of these options: [group], [all-groups]"),
            (["--bootstrap-server", self.bootstrap, "--describe", "--group", "g", "--members", "--state"],
             "Option [describe] takes at most one of these options: [members], [offsets], [state]"),
            (["--bootstrap-server", self.bootstrap, "--delete"],
             "Option [delete] takes one of these options: [group], [all-groups]"),
            (["--bootstrap-server", self.bootstrap, "--delete-offsets", "--group", "g"],
             "Option [delete-offsets] takes the following options: [group], [topic]"),
            (["--bootstrap-server", self.bootstrap, "--reset-offsets", "--group", "g", "--to-earliest", "--execute",
              "--dry-run"], "Option [reset-offsets] only accepts one of [execute] and [dry-run]"),
            (["--bootstrap-server", self.bootstrap, "--reset-offsets", "--group", "g", "--to-earliest",
              "--to-latest", "--execute"], 'Option "[to-earliest]" can\'t be used with option "[to-latest]"'),
            (["--bootstrap-server", self.bootstrap, "--list", "--group", "g"],
             'Option "[group]" can\'t be used with option "[list]"'),
            # Found in mid-run, as Kafka finds them.
            (["--bootstrap-server", self.bootstrap, "--list", "--state", "stable"],
             "Invalid state list 'stable'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, "
             "Dead, Empty"),
            (["--bootstrap-server", self.bootstrap, "--reset-offsets", "--group", "nobody-here", "--to-earliest",
              "--execute"], "One of the reset scopes should be defined: --all-topics, --topic."),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = script("kafka-consumer-groups.sh", *args)
                self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                self.assertEqual(r.stdout, "")
                self.assertEqual(r.stderr.splitlines()[0], message)
                self.assertIn("--bootstrap-server", r.stderr)  # the option table follows

    def test_unknown_group(self):
        r = self.ok("--describe", "--group", "no-such-group")
        self.assertEqual(r.stdout, "\nError: Consumer group 'no-such-group' does not exist.\n")
        r = self.ok("--describe", "--group", "no-such-group", "--members")
        self.assertEqual(r.stdout, "\nError: Consumer group 'no-such-group' does not exist.\n")
        r = self.ok("--delete", "--group", "no-such-group")
        self.assertEqual(r.stdout, "\nError: Deletion of some consumer groups failed:\n"
                                   "* Group 'no-such-group' could not be deleted due to: "
                                   "java.util.concurrent.ExecutionException: org.apache.kafka.common.errors."
                                   "GroupIdNotFoundException: The group id does not exist.\n")

    # --- describe ------------------------------------------------------------------------

    def test_lag_after_producing_n_and_committing_m(self):
        self.create("lagging", 2)
        self.produce("lagging", [6, 4])  # N = 10
        c = self.consumer("lag-group")
        c.subscribe(["lagging"])
        consumed = 0
        deadline = time.monotonic() + 30
        while consumed < 7 and time.monotonic() < deadline:  # M = 7
            m = c.poll(0.2)
            if m is not None and not m.error():
                consumed += 1
        self.assertEqual(consumed, 7)
        c.commit(asynchronous=False)
        positions = self.committed("lag-group", "lagging", 2)
        self.assertEqual(sum(positions), 7)
        member = self.member_of("lag-group")

        r = self.ok("--describe", "--group", "lag-group")
        self.assertEqual(r.stderr, "")
        rows = [("lag-group", "lagging", str(p), str(positions[p]), str(end), str(end - positions[p]), member,
                 "/127.0.0.1", "lag-group-client") for p, end in enumerate([6, 4])]
        self.assertEqual(r.stdout, offsets_table(rows))
        self.assertEqual(sum(int(row[5]) for row in rows), 10 - 7)

        # The member leaves: the offsets stay, with no consumer, and a note on stderr.
        self.close(c)
        wait_until(lambda: self.state_of("lag-group") == "Empty", 30, "lag-group to be Empty")
        r = self.ok("--describe", "--group", "lag-group", "--offsets")
        self.assertEqual(r.stderr, "\nConsumer group 'lag-group' has no active members.\n")
        self.assertEqual(r.stdout, offsets_table([row[:6] + ("-", "-", "-") for row in rows]))

    def test_describe_a_live_group_and_what_it_refuses(self):
        self.create("live-topic", 3)
        self.produce("live-topic", [1, 1, 1])
        c = self.join("live-group", "live-topic", 3)
        wait_until(lambda: self.state_of("live-group") == "Stable", 30, "live-group to be Stable")
        member = self.member_of("live-group")

        r = self.ok("--describe", "--group", "live-group", "--members")
        w, cw = max(15, len(member)), len("live-group-client")  # both wider than 15: the columns widen
        self.assertEqual(r.stdout, f"\n{'GROUP':<15} {'CONSUMER-ID':<{w}} {'HOST':<15} {'CLIENT-ID':<{cw}} "
                                   f"{'#PARTITIONS':<15} \n"
                                   f"{'live-group':<15} {member:<{w}} {'/127.0.0.1':<15} {'live-group-client'} "
                                   f"{'3':<15} \n")
        r = self.ok("--describe", "--group", "live-group", "--members", "--verbose")
        self.assertEqual(r.stdout.splitlines()[1].split()[-1], "ASSIGNMENT")
        self.assertTrue(r.stdout.splitlines()[2].endswith(" live-topic(0,1,2)"), r.stdout)

        r = self.ok("--describe", "--group", "live-group", "--state")
        coordinator = f"127.0.0.1:{self.port} (0)"
        self.assertEqual(r.stdout, f"\n{'GROUP':<25} {'COORDINATOR (ID)':<25} {'ASSIGNMENT-STRATEGY':<20} "
                                   f"{'STATE':<15} #MEMBERS\n"
                                   f"{'live-group':<25} {coordinator:<25} {'range':<20} {'Stable':<15} 1\n")

        r = self.ok("--describe", "--group", "live-group")
        rows = [("live-group", "live-topic", str(p), "-", "1", "-", member, "/127.0.0.1", "live-group-client")
                for p in range(3)]
        self.assertEqual(r.stdout, offsets_table(rows))

        # An active group's offsets cannot be reset, and it cannot be deleted.
        r = self.ok("--reset-offsets", "--group", "live-group", "--topic", "live-topic", "--to-earliest", "--execute")
        self.assertEqual(r.stdout, "\nError: Assignments can only be reset if the group 'live-group' is inactive, "
                                   "but the current state is Stable.\n\n" + RESET_HEADER + "\n")
        r = self.ok("--delete", "--group", "live-group")
        self.assertIn("* Group 'live-group' could not be deleted due to: java.util.concurrent.ExecutionException: "
                      "org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.", r.stdout)
        r = self.ok("--delete-offsets", "--group", "live-group", "--topic", "live-topic:0")
        self.assertEqual(r.stdout, "\nError: Encounter some partition level error, see the follow-up details:\n"
                                   f"\n{'TOPIC':<30} {'PARTITION':<15} {'STATUS':<15}\n"
                                   f"{'live-topic':<30} {'0':<15} Error: org.apache.kafka.common.errors."
                                   "GroupSubscribedToTopicException: Deleting offsets of a topic is forbidden while "
                                   "the consumer group is actively subscribed to it.\n")

        # --list, with and without states.
        self.commit_empty("idle-group", "live-topic", [1, 1, 1])
        names = self.ok("--list").stdout.splitlines()
        self.assertIn("live-group", names)
        self.assertIn("idle-group", names)
        listed = self.ok("--list", "--state").stdout.splitlines()
        width = max(15, max(len(n) for n in names))
        self.assertEqual(listed[0], f"{'GROUP':<{width}} STATE")
        self.assertIn(f"{'live-group':<{width}} Stable", listed)
        self.assertIn(f"{'idle-group':<{width}} Empty", listed)
        stable = [line.split() for line in self.ok("--list", "--state", "Stable").stdout.splitlines()]
        self.assertEqual(stable[0], ["GROUP", "STATE"])
        self.assertIn(["live-group", "Stable"], stable[1:])
        self.assertTrue(all(state == "Stable" for _, state in stable[1:]), stable)
        self.close(c)

    # --- reset ---------------------------------------------------------------------------

    def test_reset_offsets_in_every_mode(self):
        now = int(time.time() * 1000)
        old, recent = now - 20 * 60 * 1000, now - 60 * 1000
        self.create("resetting", 1)
        self.produce("resetting", [5], timestamp_ms=old)     # offsets 0-4, twenty minutes ago
        self.produce("resetting", [5], timestamp_ms=recent)  # offsets 5-9, a minute ago
        self.commit_empty("reset-group", "resetting", [8])

        def reset(*args, expect):
            plan = "\n" + RESET_HEADER + "\n" + reset_rows("reset-group", "resetting", [(0, expect)])
            before = self.committed("reset-group", "resetting", 1)
            r = self.ok("--reset-offsets", "--group", "reset-group", "--topic", "resetting", *args, "--dry-run")
            self.assertEqual(r.stdout, plan, args)
            self.assertEqual(self.committed("reset-group", "resetting", 1), before, "a dry run commits nothing")
            r = self.ok("--reset-offsets", "--group", "reset-group", "--topic", "resetting", *args, "--execute")
            self.assertEqual(r.stdout, plan, args)
            self.assertEqual(self.committed("reset-group", "resetting", 1), [expect], args)
            return r

        reset("--to-earliest", expect=0)
        reset("--to-latest", expect=10)
        reset("--to-offset", 3, expect=3)
        reset("--shift-by", 4, expect=7)
        reset("--shift-by", -2, expect=5)
        reset("--to-current", expect=5)
        between = datetime.datetime.fromtimestamp((old + recent) / 2000, tz=datetime.timezone.utc)
        reset("--to-datetime", between.strftime("%Y-%m-%dT%H:%M:%S.") + f"{between.microsecond // 1000:03d}",
              expect=5)
        reset("--by-duration", "PT30M", expect=0)
        reset("--by-duration", "PT5M", expect=5)
        # Out of range: clamped to the log, with Kafka's warning.
        r = reset("--to-offset", 99, expect=10)
        self.assertIn("WARN New offset (99) is higher than latest offset for topic partition resetting-0. Value will "
                      "be set to 10 (kafka.admin.ConsumerGroupCommand$)", r.stderr)
        r = reset("--shift-by", -50, expect=0)
        self.assertIn("WARN New offset (-40) is lower than earliest offset for topic partition resetting-0. Value "
                      "will be set to 0 (kafka.admin.ConsumerGroupCommand$)", r.stderr)
        # Nothing newer than the time: the log end, with Kafka's notice.
        r = self.ok("--reset-offsets", "--group", "reset-group", "--all-topics", "--by-duration", "PT1S", "--dry-run")
        self.assertEqual(r.stdout, "\nWarn: Partition 0 from topic resetting is empty. Falling back to latest known "
                                   "offset.\n\n" + RESET_HEADER + "\n" + reset_rows("reset-group", "resetting",
                                                                                   [(0, 10)]))

        # Without --execute or --dry-run: Kafka's warning, and a dry run.
        r = self.ok("--reset-offsets", "--group", "reset-group", "--topic", "resetting:0", "--to-offset", 6)
        self.assertTrue(r.stderr.startswith(DRY_RUN_WARNING), r.stderr)
        self.assertEqual(self.committed("reset-group", "resetting", 1), [0])

        # A consumer of the group resumes from the reset offset.
        reset("--to-offset", 7, expect=7)
        r = script("kafka-console-consumer.sh", "--bootstrap-server", self.bootstrap, "--topic", "resetting",
                   "--group", "reset-group", "--max-messages", 3)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["resetting-0-2", "resetting-0-3", "resetting-0-4"])

    # --- delete --------------------------------------------------------------------------

    def test_delete_an_empty_group_and_some_offsets(self):
        self.create("deleting", 2)
        self.produce("deleting", [3, 3])
        self.commit_empty("offsets-group", "deleting", [2, 3])
        r = self.ok("--delete-offsets", "--group", "offsets-group", "--topic", "deleting:1", "--topic", "missing")
        self.assertEqual(r.stdout, "Request succeed for deleting offsets with topic deleting:1, missing group "
                                   "offsets-group\n"
                                   f"\n{'TOPIC':<30} {'PARTITION':<15} {'STATUS':<15}\n"
                                   f"{'deleting':<30} {'1':<15} {'Successful':<15}\n"
                                   f"{'missing':<30} {'Not Provided':<15} Error: org.apache.kafka.common.errors."
                                   "UnknownTopicOrPartitionException: This server does not host this "
                                   "topic-partition.\n")
        self.assertEqual(self.committed("offsets-group", "deleting", 2), [2, -1001])  # -1001: none (librdkafka)

        r = self.ok("--delete", "--group", "offsets-group")
        self.assertEqual(r.stdout, "Deletion of requested consumer groups ('offsets-group') was successful.\n")
        r = self.ok("--describe", "--group", "offsets-group")
        self.assertEqual(r.stdout, "\nError: Consumer group 'offsets-group' does not exist.\n")

    # --- kafka-console-consumer --group ---------------------------------------------------

    def test_console_consumer_commits_with_its_group(self):
        self.create("console", 2)
        self.produce("console", [2, 2])
        args = ["--bootstrap-server", self.bootstrap, "--topic", "console", "--from-beginning"]
        r = script("kafka-console-consumer.sh", *args, "--group", "console-group", "--max-messages", 4)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sorted(r.stdout.splitlines()), ["console-0-0", "console-0-1", "console-1-0", "console-1-1"])
        # A second run of the same group prints nothing old: --from-beginning only applies
        # without committed offsets.
        r = script("kafka-console-consumer.sh", *args, "--group", "console-group", "--timeout-ms", 3000)
        self.assertEqual(r.stdout, "")
        self.assertEqual(r.stderr.splitlines()[-1], "Processed a total of 0 messages")
        r = self.ok("--describe", "--group", "console-group")
        self.assertEqual(r.stdout, offsets_table([("console-group", "console", str(p), "2", "2", "0", "-", "-", "-")
                                                  for p in range(2)]))

    def test_console_consumer_without_group_uses_a_generated_one(self):
        self.create("anonymous", 1)
        self.produce("anonymous", [2])
        pattern = re.compile(r"^console-consumer-\d{1,5}$")
        before = {g for g in self.ok("--list").stdout.splitlines() if pattern.match(g)}
        r = script("kafka-console-consumer.sh", "--bootstrap-server", self.bootstrap, "--topic", "anonymous",
                   "--from-beginning", "--max-messages", 2)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["anonymous-0-0", "anonymous-0-1"])
        after = {g for g in self.ok("--list").stdout.splitlines() if pattern.match(g)}
        new = after - before
        self.assertEqual(len(new), 1, after)
        # It joined (and left) a group, but committed nothing.
        r = self.ok("--describe", "--group", new.pop())
        self.assertEqual(r.stdout, "")
        self.assertIn("has no active members.", r.stderr)



class FirstGroupCommandTest(unittest.TestCase):
    """The first group command of a new cluster creates __consumer_offsets, so its coordinator
    is not ready for a moment. librdkafka 2.0.2's admin calls ask FindCoordinator three times
    and then wait out their whole timeout; the tool asks again, as Kafka's AdminClient does."""

    def test_a_reset_by_time_on_a_new_cluster_waits_for_the_coordinator(self):
        with Cluster(brokers=1, overrides={"offsets.topic.replication.factor": "1"}) as cluster:
            bootstrap = cluster.bootstrap
            r = script("kafka-topics.sh", "--bootstrap-server", bootstrap, "--create", "--topic", "t")
            self.assertEqual(r.returncode, 0, r.stderr)
            zk = cluster.zk.kazoo()
            try:
                self.assertIsNone(zk.exists("/brokers/topics/__consumer_offsets"), "no group has been used yet")
            finally:
                zk.stop()
            r = script("kafka-consumer-groups.sh", "--bootstrap-server", bootstrap, "--reset-offsets", "--group", "g",
                       "--topic", "t", "--to-datetime", "2020-01-01T00:00:00.000", "--dry-run")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertIn(reset_rows("g", "t", [(0, 0)]), r.stdout)

if __name__ == "__main__":
    unittest.main()
