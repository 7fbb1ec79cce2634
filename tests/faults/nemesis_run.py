#!/usr/bin/python3
"""A Jepsen-style run: clients write and read a real cluster while a nemesis injects faults on
a schedule drawn from a seed; then a checker judges everything every replica holds and every
client saw.

  nemesis_run.py [--seed N] [--rounds N] [--per-kind] [--markdown FILE] [--session-ms N] [FAULT ...]

FAULT is a fault kind (nemesis.py lists them) or a group: process (the default), network
(root: each server in its own network namespace), zookeeper (a 3-server ensemble), link (slow
and lossy links through userspace proxies), all. Without --per-kind every fault runs in one
cluster, in the schedule's order (network, zookeeper and link faults need different clusters,
so not together); with it, each kind gets a cluster and `--rounds` steps of its own, and a
table row.

The cluster: 3 brokers, a topic with 3 partitions, replication factor 3,
min.insync.replicas=2, unclean election off. The clients: an idempotent acks=all producer
writing every partition (librdkafka through confluent-kafka), two consumers in a group
committing what they read, a reader of every partition by assign(), an observer of the group's
committed offsets. The checker's verdicts are listed in checker.py; availability is the longest
time one partition acknowledged no write, from a fault's injection until the cluster settled.

Prints the seed and the schedule first; the same seed and faults replay the same schedule
(KB_NEMESIS_SEED also sets the seed). Exits 1 when any verdict is not empty or the cluster
did not settle, 77 when network faults are asked for without root. Run with /usr/bin/python3 (Debian's confluent-kafka, kafka-python, kazoo).
"""
import argparse
import os
import random
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
sys.path.insert(0, os.path.dirname(__file__))
from acked_producer import AckedProducer  # noqa: E402
from checker import KINDS, read_replicas, verdict  # noqa: E402
from fault_checks import longest_gap, read_partitions, replicas_converged  # noqa: E402
from harness import Cluster, create_topic, wait_until  # noqa: E402
from nemesis import ALL_KINDS, GROUPS, Nemesis, draw_schedule, needs  # noqa: E402
from workload import AssignedReader, CommitObserver, GroupConsumer  # noqa: E402

from confluent_kafka import Consumer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

TOPIC = "nemesis"
GROUP = "nemesis-group"
PARTITIONS = [0, 1, 2]
COLUMNS = (*KINDS, "producer failed")
SKIPPED = 77  # the exit code CTest counts as skipped (SKIP_RETURN_CODE)  # the checker's verdicts, then the producer's own errors


def say(*args):
    print(*args, file=sys.stderr, flush=True)


def make_cluster(kinds, session_ms, keep):
    overrides = {"zookeeper.session.timeout.ms": str(session_ms), "unclean.leader.election.enable": "false"}
    wanted = {needs(k) for k in kinds} - {"any"}
    if wanted == {"netns"}:
        from netns_cluster import NetnsCluster
        return NetnsCluster(brokers=3, overrides=overrides, keep=keep)
    if wanted == {"ensemble"}:
        from zk_ensemble import EnsembleCluster
        return EnsembleCluster(brokers=3, overrides=overrides, keep=keep)
    if wanted == {"proxied"}:
        from proxied_cluster import ProxiedCluster
        return ProxiedCluster(brokers=3, overrides=overrides, keep=keep)
    if wanted:
        raise SystemExit("nemesis_run.py: network, zookeeper and link faults need different clusters; use --per-kind")
    return Cluster(brokers=3, overrides=overrides, keep=keep)


def end_offsets(bootstrap):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"{GROUP}-ends"})
    try:
        return {p: c.get_watermark_offsets(TopicPartition(TOPIC, p), timeout=10)[1] for p in PARTITIONS}
    finally:
        c.close()


class Run:
    """One cluster, its clients, a schedule; the outcome of each step and the checker's verdict."""

    def __init__(self, seed, kinds, rounds, session_ms, keep=False):
        self.seed, self.kinds, self.rounds, self.session_ms, self.keep = seed, kinds, rounds, session_ms, keep
        self.schedule = draw_schedule(seed, kinds, rounds, session_ms / 1000)
        self.outcomes, self.found, self.acked, self.error = [], None, 0, None
        self.gaps = []  # per outcome: (longest time a partition acknowledged nothing, that partition)

    def execute(self):
        say(f"nemesis run: seed {self.seed}, faults {','.join(self.kinds)}, rounds {self.rounds}; schedule:")
        for i, step in enumerate(self.schedule, 1):
            say(f"  {i}. {step}")
        cluster = make_cluster(self.kinds, self.session_ms, self.keep)
        try:
            cluster.start()
            self._with_cluster(cluster)
        except Exception as e:
            self.error = f"{type(e).__name__}: {e}"
            traceback.print_exc()
            cluster.print_log_tails()
            for b in cluster.brokers:  # a broker that stopped making progress: where is it?
                if (stacks := b.dump_stacks()) is not None:
                    say(f"broker {b.id}'s threads: {stacks}")
        finally:
            # A failed run's servers' logs and data are what there is to go on: always kept.
            if not self.passed():
                cluster.keep = True
            if cluster.keep:
                say(f"the cluster's directory is kept: {cluster.root}")
            cluster.close()
        return self

    def _with_cluster(self, cluster):
        admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
        create_topic(admin, NewTopic(TOPIC, len(PARTITIONS), 3, config={"min.insync.replicas": "2"}))
        timeouts = {"request.timeout.ms": 10000, "socket.timeout.ms": 10000}
        producer = AckedProducer(cluster.bootstrap, TOPIC, PARTITIONS, interval=0.01, config=timeouts).start()
        consumers = [GroupConsumer(cluster.bootstrap, GROUP, TOPIC, f"member-{i}").start() for i in range(2)]
        reader = AssignedReader(cluster.bootstrap, TOPIC, PARTITIONS, "reader").start()
        observer = CommitObserver(cluster.bootstrap, GROUP, TOPIC, PARTITIONS, "observer").start()
        clients = [*consumers, reader, observer]
        try:
            self._exercise(cluster, producer, consumers, reader, observer)
        finally:
            # A run that failed midway must not leave clients polling through the next run.
            for c in clients:
                try:
                    c.stop()
                except AssertionError as e:
                    say(f"stopping {c.name}: {e}")

    def _exercise(self, cluster, producer, consumers, reader, observer):
        nemesis = Nemesis(cluster, TOPIC, PARTITIONS, producer, self.session_ms / 1000, log=say)
        clients = [*consumers, reader, observer]
        try:
            wait_until(nemesis.settled, 60, "the topic's replicas in sync")
            wait_until(lambda: all(producer.acked_count(p) >= 20 for p in PARTITIONS), 60, "the first writes")
            for i, step in enumerate(self.schedule, 1):
                self._fail_fast(producer, clients)
                say(f"step {i}/{len(self.schedule)} at {time.strftime('%H:%M:%S')}: {step}")
                outcome = nemesis.run(step)
                self.outcomes.append(outcome)
                self.gaps.append(self.gap(producer, outcome))
                gap, p = self.gaps[-1]
                say(f"  settled {outcome.settled - outcome.injected:.1f}s after injection; longest time a partition "
                    f"acknowledged nothing {gap * 1000:.0f} ms (partition {p}; session timeout {self.session_ms} ms)")
        finally:
            remaining = producer.stop()
            assignment = nemesis.assignment()
            nemesis.close()
        if assignment is None:
            raise AssertionError("ZooKeeper did not answer for the topic's assignment after the run")
        self._fail_fast(producer, clients)
        ends = end_offsets(cluster.bootstrap)
        try:
            wait_until(lambda: all(observer.latest().get(p, -1) >= ends[p] for p in PARTITIONS if ends[p]), 120,
                       f"the group to commit up to the end offsets {ends}", interval=0.2)
        except AssertionError:
            say(f"the group's committed offsets: {observer.latest()}; last observer errors {observer.errors[-3:]}")
            for c in consumers:
                say(f"{c.name}: {len(c.records)} records, {len(c.commits)} commits, "
                    f"assignments {c.assigned[-3:]}, last errors {c.errors[-5:]}")
            raise
        for c in clients:
            c.stop()
        self.acked = len(producer.acked)
        final = read_partitions(cluster.bootstrap, TOPIC, PARTITIONS)
        if not replicas_converged(cluster.brokers, TOPIC, assignment):
            say("the replicas did not converge within 30 s; comparing what they hold")
        self.found = verdict(producer.acked, final, read_replicas(cluster.brokers, TOPIC, assignment),
                             {"reader": reader.records, **{c.name: c.records for c in consumers}},
                             [r for c in consumers for r in c.records],
                             [a for c in consumers for a in c.commits], observer.observed)
        self.found["producer failed"] = [
            *([f"producer thread: {producer.exception}"] if producer.exception else []),
            *([f"fatal error: {producer.fatal_error()}"] if producer.fatal_error() else []),
            *([f"{remaining} records undelivered at the end"] if remaining else []),
            *[f"partition {p} seq {s}: {e}" for p, s, e in producer.failed[:5]]]
        say(f"checked: {self.acked} acknowledged writes, {len(reader.records)} records read by the reader, "
            f"{sum(len(c.records) for c in consumers)} given to the group, "
            f"{sum(len(c.commits) for c in consumers)} commits acknowledged, {len(observer.observed)} observed")

    def _fail_fast(self, producer, clients):
        for c in clients:
            if c.exception:
                raise AssertionError(f"{c.name} ended: {c.exception}")
        if producer.exception:
            raise AssertionError(f"the producer ended: {producer.exception}")

    def gap(self, producer, outcome):
        """(longest time, partition): the partition that went longest without an acknowledged
        write between the step's injection and its settling."""
        return max((longest_gap([a for a in producer.acked if a[0] == p], outcome.injected, outcome.settled), p)
                   for p in PARTITIONS)

    def passed(self):
        return self.error is None and self.found is not None and not any(self.found.values())

    def report(self):
        say(f"verdict (seed {self.seed}, faults {','.join(self.kinds)}):")
        if self.error:
            say(f"  the run did not finish: {self.error}")
        for kind, problems in (self.found or {}).items():
            say(f"  {kind}: {len(problems)}")
            for problem in problems[:10]:
                say(f"    {problem}")


def table(runs):
    """A markdown row per run: what was injected, with its seed, and what was checked."""
    head = ("| Fault | Seed | Steps | Acknowledged | " + " | ".join(k.capitalize() for k in COLUMNS) +
            " | Longest gap (max, ms) | Settled (max, s) | Result |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for run in runs:
        counts = " | ".join(str(len(run.found[k])) if run.found else "-" for k in COLUMNS)
        gap = f"{max(g for g, _ in run.gaps) * 1000:.0f}" if run.gaps else "-"
        settled = f"{max(o.settled - o.injected for o in run.outcomes):.1f}" if run.outcomes else "-"
        lines.append(f"| {','.join(run.kinds)} | {run.seed} | {len(run.outcomes)}/{len(run.schedule)} | {run.acked} | "
                     f"{counts} | {gap} | {settled} | {'pass' if run.passed() else 'FAIL'} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("faults", nargs="*", default=["process"],
                    help=f"fault kinds or groups ({', '.join(GROUPS)}); default process")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("KB_NEMESIS_SEED", random.randrange(1 << 31))),
                    help="the schedule's seed (default: $KB_NEMESIS_SEED, else random)")
    ap.add_argument("--rounds", type=int, default=1, help="passes over the faults (default 1)")
    ap.add_argument("--per-kind", action="store_true", help="each kind in a cluster of its own, a table row each")
    ap.add_argument("--markdown", help="write the results table to this file")
    ap.add_argument("--session-ms", type=int, default=6000, help="zookeeper.session.timeout.ms (default 6000)")
    ap.add_argument("--keep", action="store_true",
                    help="keep each cluster's directory (servers' logs, data); a failed run's is always kept")
    a = ap.parse_args()
    kinds = []
    for f in a.faults:
        for k in GROUPS.get(f, [f]):
            if k not in ALL_KINDS:
                ap.error(f"unknown fault {k} (have: {', '.join(ALL_KINDS)} and the groups {', '.join(GROUPS)})")
            if k not in kinds:
                kinds.append(k)
    if a.rounds < 1:
        ap.error("--rounds needs a positive number")
    if any(needs(k) == "netns" for k in kinds) and os.geteuid() != 0:
        say("nemesis_run.py: network faults need root (network namespaces); skipped")
        return SKIPPED
    runs = []
    for group in ([[k] for k in kinds] if a.per_kind else [kinds]):
        run = Run(a.seed, group, a.rounds, a.session_ms, a.keep).execute()
        run.report()
        runs.append(run)
    text = table(runs)
    say(text)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(text)
    failed = [r for r in runs if not r.passed()]
    say(f"nemesis run: {len(runs) - len(failed)} of {len(runs)} passed (seed {a.seed})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
