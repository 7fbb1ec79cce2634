"""What metrics cost a producing broker (docs/PERFORMANCE.md, "Metrics").

Run from the repository root after building brokerd and kafka-perf, with a build of the
commit before the metrics (8fa6e1d) for the baseline:

    KB_BUILD_BIN=build/bin /usr/bin/python3 tests/bench/metrics_cost_bench.py --before /work/before/build/bin

Per repetition, in rotating order, one fresh single-broker cluster per variant:
  before       the broker without any metrics code
  off          this broker, no prometheus.metrics.port (the counters still run)
  scraped 1s   this broker with its endpoint scraped once a second (Prometheus's usual 15 s
               is 15 times gentler)
  scraped 0.1s scraped ten times a second
each takes `kafka-perf produce` of --records records (100 B, acks=1, 8 partitions, linger.ms 0 and
batch.size 16384, so many small requests: per-request costs show most). Reported:
records/s and the broker's CPU milliseconds per MiB of records (from /proc/<pid>/stat), each
as the median over repetitions of its ratio to `before` in the same repetition. Then the
broker's CPU per scrape: --scrapes back-to-back GETs of /metrics on an idle broker holding the
topics of the run.
"""
import argparse
import os
import statistics
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
import harness  # noqa: E402
from harness import Cluster, free_port  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from broker_bench import cpu_seconds, produce  # noqa: E402

VARIANTS = ["before", "off", "scraped 1s", "scraped 0.1s"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Scraper(threading.Thread):
    def __init__(self, port, interval):
        super().__init__(daemon=True)
        self.url, self.interval, self.stop, self.count = f"http://127.0.0.1:{port}/metrics", interval, False, 0

    def run(self):
        while not self.stop:
            with urllib.request.urlopen(self.url, timeout=10) as r:
                r.read()
            self.count += 1
            time.sleep(self.interval)


def one_run(variant, args, rep):
    """(records/s, broker CPU ms per MiB, scrapes) of one produce against a fresh broker."""
    overrides = {}
    port = None
    if variant.startswith("scraped"):
        port = free_port()
        overrides["prometheus.metrics.port"] = str(port)
    harness.BUILD_BIN = args.before if variant == "before" else args.after
    with Cluster(brokers=1, overrides=overrides) as cluster:
        broker = cluster.brokers[0]
        scraper = None
        if port:
            scraper = Scraper(port, 1.0 if variant == "scraped 1s" else 0.1)
            scraper.start()
        r = produce(["--bootstrap-server", broker.bootstrap], f"m{rep}", 100, args.records, "1", 8, 1, args,
                    [broker.proc.pid])
        scrapes = 0
        if scraper:
            scraper.stop = True
            scraper.join()
            scrapes = scraper.count
    return r["rate"], r["broker_ms_per_mib"], scrapes


def scrape_cost(args):
    """Broker CPU ms per scrape, with the topics of a run present."""
    port = free_port()
    harness.BUILD_BIN = args.after
    with Cluster(brokers=1, overrides={"prometheus.metrics.port": str(port)}) as cluster:
        broker = cluster.brokers[0]
        produce(["--bootstrap-server", broker.bootstrap], "s", 100, 100000, "1", 8, 1, args, [broker.proc.pid])
        url = f"http://127.0.0.1:{port}/metrics"
        with urllib.request.urlopen(url, timeout=10) as r:
            size = len(r.read())
        before = cpu_seconds([broker.proc.pid])
        start = time.monotonic()
        for _ in range(args.scrapes):
            with urllib.request.urlopen(url, timeout=10) as r:
                r.read()
        wall = time.monotonic() - start
        cpu = cpu_seconds([broker.proc.pid]) - before
    return cpu * 1000 / args.scrapes, wall * 1000 / args.scrapes, size


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--before", required=True, help="bin directory of a build without metrics (8fa6e1d)")
    p.add_argument("--after", default=os.environ.get("KB_BUILD_BIN", "build/bin"))
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--records", type=int, default=2_000_000)
    p.add_argument("--scrapes", type=int, default=1000)
    p.add_argument("--linger-ms", type=int, default=0)
    p.add_argument("--batch-size", type=int, default=16384)  # many small requests: where per-request metrics cost shows
    args = p.parse_args()
    args.before, args.after = os.path.abspath(args.before), os.path.abspath(args.after)

    runs = {v: [] for v in VARIANTS}
    for rep in range(args.reps):
        order = VARIANTS[rep % len(VARIANTS):] + VARIANTS[:rep % len(VARIANTS)]
        for v in order:
            runs[v].append(one_run(v, args, rep))
            rate, cpu, scrapes = runs[v][-1]
            log(f"rep {rep} {v:12}: {rate:9.0f} records/s, broker {cpu:6.1f} CPU ms/MiB, {scrapes} scrapes")

    print(f"\n{args.records} records of 100 B, acks=1, 8 partitions, linger.ms {args.linger_ms}, "
          f"batch.size {args.batch_size}, {args.reps} repetitions\n")
    print("| variant | records/s (median) | vs before (median of per-rep ratios) | broker CPU ms/MiB (median) "
          "| vs before |")
    print("|---|---|---|---|---|")
    for v in VARIANTS:
        rates = [r[0] for r in runs[v]]
        cpus = [r[1] for r in runs[v]]
        rr = statistics.median(r[0] / b[0] for r, b in zip(runs[v], runs["before"]))
        cr = statistics.median(r[1] / b[1] for r, b in zip(runs[v], runs["before"]))
        print(f"| {v} | {statistics.median(rates):.0f} | {rr:.3f} | {statistics.median(cpus):.1f} | {cr:.3f} |")
    cpu_ms, wall_ms, size = scrape_cost(args)
    print(f"\nOne scrape ({size} bytes of text): {cpu_ms:.3f} ms of broker CPU, {wall_ms:.3f} ms round trip "
          f"(mean of {args.scrapes}).")


if __name__ == "__main__":
    main()
