"""What checking produced batches costs a producing broker end to end (docs/PERFORMANCE.md,
"Checking produced batches").

Run from the repository root after building brokerd and kafka-perf, with a build of the
commit before the checks (f99ba25) for the baseline:

    git worktree add /work/before-checks f99ba25
    cmake -S /work/before-checks -B /work/before-checks/build -DCMAKE_BUILD_TYPE=Release
    cmake --build /work/before-checks/build -j2 --target brokerd
    KB_BUILD_BIN=build/bin /usr/bin/python3 tests/bench/batch_check_cost_bench.py \\
        --before /work/before-checks/build/bin

Per repetition and codec, the two brokers in alternating order, each a fresh single-broker
cluster taking `kafka-perf produce` of --records records of --size bytes (acks=1, 8
partitions, linger.ms 5, batch.size 65536: full batches, as a loaded producer sends). Reported
per codec: records/s and the broker's CPU milliseconds per MiB of records (/proc/<pid>/stat),
each as the median over repetitions of its ratio to `before` in the same repetition.
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
import harness  # noqa: E402
from harness import Cluster  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from broker_bench import produce  # noqa: E402

VARIANTS = ["before", "after"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def one_run(variant, codec, args, rep):
    """(records/s, broker CPU ms per MiB) of one produce against a fresh broker."""
    harness.BUILD_BIN = args.before if variant == "before" else args.after
    with Cluster(brokers=1) as cluster:
        broker = cluster.brokers[0]
        r = produce(["--bootstrap-server", broker.bootstrap], f"c{rep}", args.size, args.records, "1", 8, 1, args,
                    [broker.proc.pid], compression=None if codec == "none" else codec)
    return r["rate"], r["broker_ms_per_mib"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--before", required=True, help="bin directory of a build without the checks (f99ba25)")
    p.add_argument("--after", default=os.environ.get("KB_BUILD_BIN", "build/bin"))
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--records", type=int, default=2_000_000)
    p.add_argument("--size", type=int, default=100)
    p.add_argument("--codecs", default="none,lz4,zstd,snappy,gzip")
    p.add_argument("--linger-ms", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=65536)
    args = p.parse_args()
    args.before, args.after = os.path.abspath(args.before), os.path.abspath(args.after)
    codecs = args.codecs.split(",")

    runs = {(c, v): [] for c in codecs for v in VARIANTS}
    for rep in range(args.reps):
        for codec in codecs:
            order = VARIANTS if rep % 2 == 0 else VARIANTS[::-1]
            for v in order:
                runs[(codec, v)].append(one_run(v, codec, args, rep))
                rate, cpu = runs[(codec, v)][-1]
                log(f"rep {rep} {codec:6} {v:6}: {rate:9.0f} records/s, broker {cpu:6.2f} CPU ms/MiB")

    print(f"\n{args.records} records of {args.size} B, acks=1, 8 partitions, linger.ms {args.linger_ms}, "
          f"batch.size {args.batch_size}, {args.reps} repetitions\n")
    print("| codec | records/s before | records/s after | after/before (median) | broker CPU ms/MiB before "
          "| after | after/before (median) |")
    print("|---|---|---|---|---|---|---|")
    for codec in codecs:
        b, a = runs[(codec, "before")], runs[(codec, "after")]
        rr = statistics.median(x[0] / y[0] for x, y in zip(a, b))
        cr = statistics.median(x[1] / y[1] for x, y in zip(a, b))
        print(f"| {codec} | {statistics.median(r[0] for r in b):.0f} | {statistics.median(r[0] for r in a):.0f} "
              f"| {rr:.3f} | {statistics.median(r[1] for r in b):.2f} | {statistics.median(r[1] for r in a):.2f} "
              f"| {cr:.3f} |")


if __name__ == "__main__":
    main()
