#!/usr/bin/python3
"""Failover timings of a 3-broker cluster under an acks=all load (docs/PERFORMANCE.md).

Run from the repository root after building brokerd:

    KB_BUILD_BIN=build/bin /usr/bin/python3 tests/bench/failover_bench.py

The load is tests/integration/acked_producer.py's: an idempotent acks=all confluent-kafka
producer sending one record to each partition of a 3-partition, RF 3 topic
(min.insync.replicas=2) every --interval-ms, and noting the time of every delivery report.
Each cluster is harness.py's (ZooKeeper with tickTime 500 and brokers on free ports, in a
temporary directory).

  1. kill -9 of a partition leader, for each --session-timeouts value
     (zookeeper.session.timeout.ms of every broker): the time from the kill to
     - the broker's /brokers/ids znode vanishing (ZooKeeper expired the session),
     - the partition's state znode naming another leader (the controller's election),
     - the first acknowledged write at or after the new leader's epoch start offset (read from
       its leader-epoch-checkpoint), i.e. the first acks=all write the new leader committed.
     The goal is the last within the session timeout + 2 s. The killed broker is restarted and
     the ISR is whole again before the next run.
  2. SIGTERM (controlled shutdown) of a partition leader, at the first session timeout: the
     largest gap between consecutive acknowledgements of each partition that moved, from 1 s
     before the signal until 2 s after the broker exited, against the same for the partitions
     that did not move and the largest gap of the 2 s before the signal (the producer's normal
     jitter); the records whose delivery failed and the errors librdkafka reported (error_cb;
     retriable produce errors are retried inside librdkafka and show only with
     --client-debug); and how long the broker took to exit. The goal is a stall under 1 s.
     The broker is restarted, and the ISR is whole again, before the next run.

It measures and does not pass or fail; it is not a CTest test. Prints markdown tables; with
--keep the cluster directories (broker logs with glog timestamps) are left for inspection.
"""
import argparse
import json
import os
import signal
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from acked_producer import AckedProducer  # noqa: E402
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402

TOPIC = "failover"
PARTITIONS = [0, 1, 2]
BROKERS = [0, 1, 2]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Bench:
    def __init__(self, session_ms, args):
        overrides = {"zookeeper.session.timeout.ms": str(session_ms)}
        self.session_ms = session_ms
        self.args = args
        self.cluster = Cluster(brokers=len(BROKERS), overrides=overrides, keep=args.keep)
        try:
            self.cluster.start()
        except BaseException:
            self.cluster.close()
            raise
        self.zk = self.cluster.zk.kazoo()
        admin = AdminClient({"bootstrap.servers": self.cluster.bootstrap})
        wait_until(lambda: admin.list_topics(timeout=5).controller_id >= 0, 20, "a controller in the metadata")
        topic = NewTopic(TOPIC, len(PARTITIONS), len(BROKERS), config={"min.insync.replicas": "2"})
        admin.create_topics([topic])[TOPIC].result(30)
        self.wait_full_isrs()
        log(f"cluster in {self.cluster.root}, session timeout {session_ms} ms")

    def close(self):
        self.zk.stop()
        self.cluster.close()

    def state(self, p):
        return json.loads(self.zk.get(f"/brokers/topics/{TOPIC}/partitions/{p}/state")[0])

    def wait_full_isrs(self):
        wait_until(lambda: all(sorted(self.state(p)["isr"]) == BROKERS for p in PARTITIONS), 60, "whole ISRs")

    def producer(self):
        config = {}
        if self.args.client_debug:
            config["debug"] = self.args.client_debug  # librdkafka's log, on stderr
        producer = AckedProducer(self.cluster.bootstrap, TOPIC, PARTITIONS, interval=self.args.interval_ms / 1000,
                                 config=config).start()
        wait_until(lambda: all(producer.acked_count(p) >= 200 for p in PARTITIONS), 60, "the producer to be running")
        return producer

    def epoch_start(self, broker, epoch):
        path = os.path.join(broker.log_dir, f"{TOPIC}-0", "leader-epoch-checkpoint")
        with open(path) as f:
            lines = f.read().split("\n")
        for line in lines[2:]:
            if line and int(line.split()[0]) == epoch:
                return int(line.split()[1])
        return None

    def kill_leader_once(self):
        producer = self.producer()
        victim = self.cluster.brokers[self.state(0)["leader"]]
        t0 = time.monotonic()
        victim.kill()
        expired = elected = None
        while elected is None or expired is None:
            now = time.monotonic()
            if expired is None and str(victim.id) not in self.zk.get_children("/brokers/ids"):
                expired = now
            s = self.state(0)
            if elected is None and s["leader"] not in (victim.id, -1):
                elected, new_leader, epoch = now, self.cluster.brokers[s["leader"]], s["leader_epoch"]
            if now - t0 > self.session_ms / 1000 + 60:
                raise AssertionError("no new leader a minute after the session timeout")
            time.sleep(0.005)
        start = wait_until(lambda: self.epoch_start(new_leader, epoch), 30, "the new leader's epoch start offset")

        def first_ack():
            return next((t for p, offset, _, t in list(producer.acked) if p == 0 and offset >= start), None)
        first = wait_until(first_ack, 60, "an acknowledged write on the new leader")
        producer.stop()
        victim.start()
        self.wait_full_isrs()
        return {"expired": expired - t0, "elected": elected - t0, "first_ack": first - t0,
                "failed": len(producer.failed)}

    def controlled_shutdown_once(self):
        producer = self.producer()
        victim_id = self.state(0)["leader"]
        victim = self.cluster.brokers[victim_id]
        moved = [p for p in PARTITIONS if self.state(p)["leader"] == victim_id]
        client_errors_before = len(producer.client_errors)
        wall0, t0 = time.time(), time.monotonic()
        victim.proc.send_signal(signal.SIGTERM)
        code = victim.proc.wait(60)
        exited = time.monotonic()
        victim._log.close()
        wait_until(lambda: time.monotonic() > exited + 2, 10, "2 s of load after the exit", interval=0.05)
        acks = list(producer.acked)
        failed = list(producer.failed)

        def largest_gap(partitions, lo, hi):
            worst = (0.0, None)
            for p in partitions:
                times = sorted(t for q, _, _, t in acks if q == p and lo <= t <= hi)
                for a, b in zip(times, times[1:]):
                    if b - a > worst[0]:
                        worst = (b - a, a)
            return worst
        stall, stall_at = largest_gap(moved, t0 - 1, exited + 2)
        others = [p for p in PARTITIONS if p not in moved]
        other_stall, _ = largest_gap(others, t0 - 1, exited + 2) if others else (0.0, None)
        baseline, _ = largest_gap(PARTITIONS, t0 - 2, t0)
        client_errors = [str(e) for e in producer.client_errors[client_errors_before:]]
        producer.stop()
        victim.start()
        self.wait_full_isrs()
        return {"exit_code": code, "exit": exited - t0, "stall": stall,
                "stall_from": None if stall_at is None else stall_at - t0, "others": other_stall,
                "baseline": baseline, "failed": len(failed), "client_errors": client_errors, "moved": moved,
                "signal_wall": time.strftime("%H:%M:%S", time.localtime(wall0)) + f".{int(wall0 % 1 * 1e6):06d}",
                "victim": victim_id}


def med(values):
    return statistics.median(values) if values else float("nan")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--session-timeouts", default="18000,6000",
                   help="zookeeper.session.timeout.ms values for the kill -9 runs (default 18000,6000)")
    p.add_argument("--kill-runs", type=int, default=3, help="kill -9 runs per session timeout (default 3)")
    p.add_argument("--shutdown-runs", type=int, default=5, help="controlled-shutdown runs (default 5)")
    p.add_argument("--interval-ms", type=float, default=2,
                   help="the producer sends one record per partition this often (default 2)")
    p.add_argument("--keep", action="store_true", help="keep the cluster directories (broker logs)")
    p.add_argument("--client-debug", metavar="CONTEXTS",
                   help="librdkafka debug contexts for the producer, e.g. msg,eos,topic,metadata (logged to stderr)")
    p.add_argument("--skip", action="append", default=[], choices=["kill", "shutdown"])
    args = p.parse_args()
    timeouts = [int(t) for t in args.session_timeouts.split(",")]
    started = time.monotonic()
    kills, shutdowns = {}, []
    for i, session_ms in enumerate(timeouts):
        if "kill" in args.skip and i > 0:
            break
        bench = Bench(session_ms, args)
        try:
            if "kill" not in args.skip:
                kills[session_ms] = []
                for run in range(args.kill_runs):
                    r = bench.kill_leader_once()
                    log(f"kill -9, session {session_ms} ms, run {run + 1}: {r}")
                    kills[session_ms].append(r)
            if i == 0 and "shutdown" not in args.skip:
                for run in range(args.shutdown_runs):
                    r = bench.controlled_shutdown_once()
                    log(f"SIGTERM, run {run + 1}: {r}")
                    shutdowns.append(r)
        finally:
            bench.close()

    print(f"Load: one record per partition every {args.interval_ms:g} ms, 3 partitions, RF 3, "
          f"min.insync.replicas=2, idempotent acks=all producer. Load average at end "
          f"{os.getloadavg()[0]:.1f}.\n")
    if kills:
        print("### kill -9 of the leader of partition 0\n")
        print("| zookeeper.session.timeout.ms | run | session expired | new leader in ZooKeeper "
              "| **first acks=all write on the new leader** | within timeout + 2 s | failed records |")
        print("|---|---|---|---|---|---|---|")
        for session_ms, runs in kills.items():
            for i, r in enumerate(runs):
                ok = "yes" if r["first_ack"] <= session_ms / 1000 + 2 else "**no**"
                print(f"| {session_ms} | {i + 1} | {r['expired']:.2f} s | {r['elected']:.2f} s | "
                      f"**{r['first_ack']:.2f} s** | {ok} | {r['failed']} |")
            print(f"| {session_ms} | median | {med([r['expired'] for r in runs]):.2f} s | "
                  f"{med([r['elected'] for r in runs]):.2f} s | **{med([r['first_ack'] for r in runs]):.2f} s** | | |")
    if shutdowns:
        print("\n### SIGTERM (controlled shutdown) of the leader of partition 0\n")
        print("| run | signal (wall clock) | broker | partitions moved | **largest ack gap, moved partitions** "
              "| starting | other partitions | normal (2 s before) | failed records | client errors "
              "| broker exited after |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for i, r in enumerate(shutdowns):
            start = "" if r["stall_from"] is None else f"{r['stall_from'] * 1000:+.0f} ms"
            print(f"| {i + 1} | {r['signal_wall']} | {r['victim']} | {r['moved']} | **{r['stall'] * 1000:.0f} ms** "
                  f"| {start} | {r['others'] * 1000:.0f} ms | {r['baseline'] * 1000:.0f} ms | {r['failed']} "
                  f"| {len(r['client_errors'])} | {r['exit']:.2f} s (code {r['exit_code']}) |")
        print(f"| median | | | | **{med([r['stall'] for r in shutdowns]) * 1000:.0f} ms** | | "
              f"{med([r['others'] for r in shutdowns]) * 1000:.0f} ms | "
              f"{med([r['baseline'] for r in shutdowns]) * 1000:.0f} ms | | | "
              f"{med([r['exit'] for r in shutdowns]):.2f} s |")
    print(f"\nTotal time {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
