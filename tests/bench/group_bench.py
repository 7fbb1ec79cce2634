#!/usr/bin/python3
"""Consumer-group timings and commit throughput (docs/PERFORMANCE.md, "Consumer groups").

Run from the repository root after building brokerd:

    KB_BUILD_BIN=build/bin /usr/bin/python3 tests/bench/group_bench.py

Against a three-broker cluster (RF 3 __consumer_offsets, group.initial.rebalance.delay.ms=0)
and, interleaved, against librdkafka's mock cluster (3 mock brokers in this process, the
nearest peer that speaks the group protocol), all with confluent-kafka (librdkafka 2.0.2):

  1. subscribe -> first record: a new group subscribes to a topic (4 partitions) that holds
     one record; the time from subscribe() to the record coming out of poll().
  2. rebalance after a clean leave: two members share a 4-partition topic; one close()s
     (LeaveGroup); the time until the other's on_assign has all four partitions. Measured
     with heartbeat.interval.ms 100 (the survivor learns of the rebalance from its next
     heartbeat, so that interval is the client's own delay).
  3. synchronous OffsetCommit latency: one member commits its partition's offset with
     commit(asynchronous=False), --commits times; p50 / p99 / max.
  4. commit rate: --members members of one group (round-robin over --members/4 topics of 4
     partitions, so each owns one partition), each committing synchronously in its own
     thread for --seconds; total commits/s.

Prints markdown tables and the commands' parameters. It measures and does not pass or fail.
"""
import argparse
import os
import re
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Consumer, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class MockCluster:
    """librdkafka's mock cluster, owned by a producer in this process; its bootstrap list is
    read from the notice librdkafka logs when it starts it."""

    def __init__(self, brokers=3):
        self.bootstrap = None
        found = threading.Event()

        class Catch:
            def log(inner, level, msg, *args):  # logging.Logger-like, as confluent-kafka calls it
                text = msg % args if args else msg
                m = re.search(r"replaced with (\S+)", text)
                if m:
                    self.bootstrap = m.group(1)
                    found.set()
        self.owner = Producer({"test.mock.num.brokers": brokers, "logger": Catch()})
        self.owner.poll(0)
        wait_until(lambda: (self.owner.poll(0.1), found.is_set())[1], 10, "the mock cluster's bootstrap list")

    def create(self, topic, partitions):
        # The mock has no CreateTopics: it creates a topic on a producer's first Metadata
        # request, with its default of 4 partitions (which the topics here are sized to).
        assert partitions == 4, "the mock's topics have 4 partitions"
        p = Producer({"bootstrap.servers": self.bootstrap})
        p.produce(topic, value=b"created", partition=0)
        p.flush(30)


def consumer(bootstrap, group, **extra):
    conf = {"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
            "enable.auto.commit": False}
    conf.update(extra)
    return Consumer(conf)


def first_record_ms(target, topic, rep):
    c = consumer(target.bootstrap, f"first-{topic}-{rep}")
    try:
        start = time.monotonic()
        c.subscribe([topic])
        while True:
            m = c.poll(0.01)
            if m is not None and not m.error():
                return (time.monotonic() - start) * 1000
            if time.monotonic() - start > 30:
                raise AssertionError("no record within 30 s")
    finally:
        c.close()


def rebalance_after_leave_ms(target, topic, rep):
    group = f"leave-{topic}-{rep}"
    assigned = {}

    def on_assign(name):
        return lambda _, ps: assigned.__setitem__(name, sorted(p.partition for p in ps))
    stay = consumer(target.bootstrap, group, **{"heartbeat.interval.ms": 100, "session.timeout.ms": 6000})
    leave = consumer(target.bootstrap, group, **{"heartbeat.interval.ms": 100, "session.timeout.ms": 6000})
    stay.subscribe([topic], on_assign=on_assign("stay"))
    leave.subscribe([topic], on_assign=on_assign("leave"))
    try:
        wait_until(lambda: (stay.poll(0.01), leave.poll(0.01)) and len(assigned.get("stay", [])) == 2 and
                   len(assigned.get("leave", [])) == 2, 60, "two members with two partitions each")
        start = time.monotonic()
        leave.close()
        wait_until(lambda: (stay.poll(0.005), assigned.get("stay") == [0, 1, 2, 3])[1], 60, "all four to the stayer")
        return (time.monotonic() - start) * 1000
    finally:
        stay.close()


def commit_latencies_ms(target, topic, commits):
    c = consumer(target.bootstrap, f"latency-{topic}")
    c.assign([TopicPartition(topic, 0)])
    out = []
    try:
        # The first commit finds the coordinator: not counted.
        c.commit(offsets=[TopicPartition(topic, 0, 0)], asynchronous=False)
        for i in range(commits):
            start = time.perf_counter()
            c.commit(offsets=[TopicPartition(topic, 0, i + 1)], asynchronous=False)
            out.append((time.perf_counter() - start) * 1000)
    finally:
        c.close()
    return out


def commit_rate(target, topics, members, seconds):
    group = "rate"
    consumers = [consumer(target.bootstrap, group, **{"session.timeout.ms": 30000,
                                                      "partition.assignment.strategy": "roundrobin"})
                 for _ in range(members)]
    owned = [None] * members

    def on_assign(i):
        return lambda _, ps: owned.__setitem__(i, [(p.topic, p.partition) for p in ps])
    for i, c in enumerate(consumers):
        c.subscribe(topics, on_assign=on_assign(i))
    wait_until(lambda: [c.poll(0.001) for c in consumers] and all(o and len(o) == 1 for o in owned), 120,
               f"{members} members with one partition each")
    counts = [0] * members
    errors = []
    stop = time.monotonic() + seconds

    def commit_loop(i):
        c, (topic, p) = consumers[i], owned[i][0]
        try:
            while time.monotonic() < stop:
                counts[i] += 1
                c.commit(offsets=[TopicPartition(topic, p, counts[i])], asynchronous=False)
        except Exception as e:  # a failed commit ends the run with its error
            errors.append(e)
    start = time.monotonic()
    threads = [threading.Thread(target=commit_loop, args=(i,)) for i in range(members)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    for c in consumers:
        c.close()
    if errors:
        raise AssertionError(f"{len(errors)} commit loop(s) failed: {errors[0]}")
    return sum(counts) / elapsed


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=10, help="repetitions of the timings 1 and 2")
    ap.add_argument("--commits", type=int, default=2000, help="synchronous commits for the latency")
    ap.add_argument("--members", type=int, default=100, help="members committing at once")
    ap.add_argument("--seconds", type=float, default=10, help="length of the commit-rate run")
    a = ap.parse_args()

    log("starting a 3-broker cluster and the mock cluster")
    cluster = Cluster(brokers=3, overrides={"group.initial.rebalance.delay.ms": "0"}).start()
    mock = MockCluster(3)
    try:
        admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
        targets = {"broker": cluster, "mock": mock}
        wide = [f"wide{i}" for i in range((a.members + 3) // 4)]
        for name, target in targets.items():
            for topic in ["one", "four"] + wide:
                if name == "broker":
                    admin.create_topics([NewTopic(topic, 4, 3)])[topic].result(60)
                else:
                    target.create(topic, 4)
            p = Producer({"bootstrap.servers": target.bootstrap})
            p.produce("one", value=b"x", partition=0)
            p.flush(30)
            # The first group pays for creating __consumer_offsets: not measured.
            first_record_ms(target, "one", "warm-up")

        results = {name: {"first": [], "leave": []} for name in targets}
        for rep in range(a.reps):
            for name in (["broker", "mock"] if rep % 2 == 0 else ["mock", "broker"]):
                results[name]["first"].append(first_record_ms(targets[name], "one", rep))
                results[name]["leave"].append(rebalance_after_leave_ms(targets[name], "four", rep))
            log(f"rep {rep + 1}/{a.reps}: first record broker {results['broker']['first'][-1]:.0f} ms, "
                f"mock {results['mock']['first'][-1]:.0f} ms")
        for name in targets:
            results[name]["commit"] = commit_latencies_ms(targets[name], "one", a.commits)
            slowest = max(range(a.commits), key=lambda i: results[name]["commit"][i])
            log(f"{name}: commit p99 {pct(results[name]['commit'], 99):.2f} ms, slowest #{slowest} "
                f"{results[name]['commit'][slowest]:.2f} ms")
        for name in targets:
            results[name]["rate"] = commit_rate(targets[name], wide, a.members, a.seconds)
            log(f"{name}: {results[name]['rate']:.0f} commits/s")

        print(f"\n{a.reps} repetitions of 1 and 2 (broker and mock alternating), {a.commits} commits for 3, "
              f"{a.members} members for {a.seconds:.0f} s for 4.\n")
        print("| measurement | broker (3 brokers, RF 3) | librdkafka mock (3 brokers) | broker/mock |")
        print("|---|---|---|---|")
        for key, what in [("first", "subscribe -> first record, ms"), ("leave", "rebalance after a clean leave, ms")]:
            b, m = results["broker"][key], results["mock"][key]
            print(f"| {what}: median (min-max) | {statistics.median(b):.0f} ({min(b):.0f}-{max(b):.0f}) | "
                  f"{statistics.median(m):.0f} ({min(m):.0f}-{max(m):.0f}) | "
                  f"{statistics.median(b) / statistics.median(m):.2f} |")
        b, m = results["broker"]["commit"], results["mock"]["commit"]
        print(f"| sync OffsetCommit, ms: p50 / p99 / max | {pct(b, 50):.2f} / {pct(b, 99):.2f} / {max(b):.2f} | "
              f"{pct(m, 50):.2f} / {pct(m, 99):.2f} / {max(m):.2f} | {pct(b, 99) / pct(m, 99):.2f} (p99) |")
        b, m = results["broker"]["rate"], results["mock"]["rate"]
        print(f"| commits/s, {a.members} members at once | {b:.0f} | {m:.0f} | {b / m:.2f} |")
    finally:
        cluster.close()


if __name__ == "__main__":
    main()
