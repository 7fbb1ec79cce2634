#!/usr/bin/python3
"""Broker produce/consume throughput against its baselines, in one invocation (docs/PERFORMANCE.md).

Run from the repository root after building brokerd and kafka-perf:

    KB_BUILD_BIN=build/bin /usr/bin/python3 tests/bench/broker_bench.py

One invocation measures the following. Each comparison is interleaved in time, so both sides
see the same machine noise (the VM is shared, and its absolute figures swing 2x from minute
to minute):

  1. Ceilings: loopback TCP with iperf3 (128 KiB writes and 1 KiB writes), once at the start;
     and, once per repetition, a sequential write of new data to the page cache
     (dd bs=1M to a new file in the brokers' filesystem), which is what "writing to disk"
     costs a broker without fsync.
  2. One broker (RF 1): for each record size x acks x partition count, in every repetition,
     kafka-perf produce to the broker, kafka-perf consume of that same topic (librdkafka's
     consumer) and kafka-perf fetch of it (plain Fetch requests counting records from batch
     headers: the serving rate without a client's per-record parsing), and kafka-perf
     produce to librdkafka's mock cluster (1 mock broker, same flags). The broker and the mock
     swap order on every configuration. The ratios broker/mock and consume/produce are taken
     per repetition, and their median is reported.
  3. Three brokers: RF 3 against RF 1, both acks=all, alternating, on the same cluster:
     throughput unthrottled, then latency at a fixed rate (--latency-rate) after a warm-up.

Prints markdown tables (medians over --reps, with the range of the per-repetition ratios) and
the distinct commands used. It measures and does not pass or fail; it is not a CTest test.
With --profile DIR it also runs, after the measurements, one produce and one consume per
single-broker configuration with `perf record -e cpu-clock -g` attached to brokerd, and one RF 3
produce per replication configuration with perf attached to each of the three brokers (these
runs are not in the tables). It leaves DIR/<config>.{produce,consume}.data and
DIR/rf3-<config>.broker<id>.data for `perf report`.

With --page-cache-limit MIB the brokers (and the dd ceiling) run in a memory cgroup of that
size, filled with page cache before the first run, so writes recycle pages as on a broker
that has been up for a while rather than take fresh ones from the VM (page_cache_limit.py).
"""
import argparse
import contextlib
import json
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from harness import BUILD_BIN, Cluster, free_port, wait_until  # noqa: E402
from page_cache_limit import PageCacheLimit  # noqa: E402

KAFKA_PERF = os.path.join(BUILD_BIN, "kafka-perf")
PRODUCE_RE = re.compile(r"(\d+) records sent, ([\d.]+) records/sec \(([\d.]+) MB/sec\), ([\d.]+) ms avg latency, "
                        r"([\d.]+) ms max latency, ([\d.]+) ms 50th, ([\d.]+) ms 99th\.")
CONSUME_RE = re.compile(r"(\d+) records, ([\d.]+) records/sec \(([\d.]+) MB/sec\)")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MIB = 2**20

commands = []  # every command line run, in order


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def cpu_seconds(pids):
    """User + system CPU seconds used so far by the given processes (from /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


def run_perf(args, broker_pids=()):
    """Runs kafka-perf and returns (stdout, client CPU s, brokers' CPU s); exits on failure.
    CPU is counted over the whole kafka-perf process, start-up and topic creation included."""
    cmd = [KAFKA_PERF, *args]
    commands.append(" ".join(shlex.quote(c) for c in cmd))
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_brokers = cpu_seconds(broker_pids)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    brokers_cpu = cpu_seconds(broker_pids) - before_brokers
    if proc.returncode != 0:
        log(f"FAILED ({proc.returncode}): {commands[-1]}\n{proc.stderr}")
        raise SystemExit(1)
    client_cpu = (after_children.ru_utime - before_children.ru_utime) + (after_children.ru_stime - before_children.ru_stime)
    return proc.stdout, client_cpu, brokers_cpu


def produce(target, topic, size, count, acks, partitions, rf, args, broker_pids=(), throughput=None,
            compression=None):
    throttle = ["--throughput", str(throughput)] if throughput else []
    codec = ["--compression", compression] if compression else []
    out, client_cpu, brokers_cpu = run_perf(
        ["produce", *target, "--topic", topic, "--num-records", str(count), "--record-size", str(size),
         "--acks", acks, "--partitions", str(partitions), "--replication-factor", str(rf),
         "--linger-ms", str(args.linger_ms), "--batch-size", str(args.batch_size), *throttle, *codec], broker_pids)
    m = PRODUCE_RE.search(out)
    if not m:
        raise SystemExit(f"unexpected kafka-perf output: {out!r}")
    mib = count * size / MIB
    return {"rate": float(m.group(2)), "mbps": float(m.group(3)), "avg": float(m.group(4)),
            "max": float(m.group(5)), "p50": float(m.group(6)), "p99": float(m.group(7)),
            "client_ms_per_mib": client_cpu * 1000 / mib, "broker_ms_per_mib": brokers_cpu * 1000 / mib}


def consume(bootstrap, topic, size, count, broker_pids=(), mode="consume"):
    """mode "consume": librdkafka's consumer; "fetch": plain Fetch requests (the serving rate)."""
    out, client_cpu, brokers_cpu = run_perf(
        [mode, "--bootstrap-server", bootstrap, "--topic", topic, "--num-records", str(count)], broker_pids)
    m = CONSUME_RE.search(out)
    if not m:
        raise SystemExit(f"unexpected kafka-perf output: {out!r}")
    mib = count * size / MIB
    return {"rate": float(m.group(2)), "mbps": float(m.group(3)),
            "client_ms_per_mib": client_cpu * 1000 / mib, "broker_ms_per_mib": brokers_cpu * 1000 / mib}


def listening(port):
    """Whether a socket listens on `port`. Read from /proc rather than by connecting: the
    one-shot iperf3 server (-1) would take a probing connection for its one test."""
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
                return True
    return False


def iperf(extra, seconds):
    """One iperf3 run against a one-shot server on a free loopback port: (Gbit/s received, client CPU %)."""
    port = free_port()
    server_cmd = ["iperf3", "-s", "-B", "127.0.0.1", "-p", str(port), "-1"]
    client_cmd = ["iperf3", "-c", "127.0.0.1", "-p", str(port), "-t", str(seconds), *extra, "-J"]
    commands.append(" ".join(server_cmd) + " &")
    commands.append(" ".join(client_cmd))
    server = subprocess.Popen(server_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: listening(port), 10, f"iperf3 server on port {port}")
        out = subprocess.run(client_cmd, capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    finally:
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    end = json.loads(out)["end"]
    return end["sum_received"]["bits_per_second"] / 1e9, end["cpu_utilization_percent"]["host_total"]


def page_cache_write(directory, mib, limit=None):
    """MiB/s of `dd bs=1M` writing `mib` MiB of zeros to a new file (no fsync); the file is removed.
    With `limit`, dd runs in the brokers' memory cgroup."""
    path = os.path.join(directory, "dd.out")
    cmd = ["dd", "if=/dev/zero", f"of={path}", "bs=1M", f"count={mib}"]
    commands.append(" ".join(cmd).replace(directory, "$DIR") + "; rm $DIR/dd.out" +
                    ("  # in the memory cgroup" if limit else ""))
    start = time.monotonic()
    subprocess.run(limit.command(cmd) if limit else cmd, check=True, capture_output=True)
    seconds = time.monotonic() - start
    os.remove(path)
    return mib / seconds


def machine_info():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_gib = int(f.readline().split()[1]) / 2**20
    return f"{os.cpu_count()} CPUs ({model}), {mem_gib:.0f} GiB, Linux {platform.release()}"


def command_templates():
    """The commands run, with ports, pids and topic names replaced by placeholders, each once."""
    seen = []
    for c in commands:
        c = re.sub(r"127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+)*", "$BOOTSTRAP", c)
        c = re.sub(r"--topic \S+", "--topic $TOPIC", c)
        c = re.sub(r" -p \d+", " -p $PORT", c)
        c = re.sub(r"--pid \d+", "--pid $BROKERD_PID", c)
        c = re.sub(r"-o \S+/(rf3-)?[^/\s]+?\.(produce|consume|broker\d)\.data",
                   lambda m: f"-o $PROFILE_DIR/{m.group(1) or ''}<config>.{m.group(2)}.data", c)
        c = re.sub(r"broker\d\.data", "broker<id>.data", c)
        c = re.sub(r"^\S*/kafka-perf", "$KB_BUILD_BIN/kafka-perf", c)
        if c not in seen:
            seen.append(c)
    return seen


def med(values):
    return statistics.median(values)


def ratio_cell(values):
    return f"**{med(values):.2f}** ({min(values):.2f}–{max(values):.2f})"


def rate_cell(runs):
    return f"{med([r['rate'] for r in runs]) / 1000:.0f} k/s, {med([r['mbps'] for r in runs]):.0f} MB/s"


def lat_cell(runs):
    return f"{med([r['p50'] for r in runs]):.0f} / {med([r['p99'] for r in runs]):.0f}"


def cpu_cell(runs, key):
    return f"{med([r[key] for r in runs]):.2f}"


@contextlib.contextmanager
def page_cache_limit(args, cluster):
    """The cluster's brokers in a filled memory cgroup (--page-cache-limit), or None."""
    if not args.page_cache_limit:
        yield None
        return
    limit = PageCacheLimit(args.page_cache_limit, cluster.root)
    try:
        for b in cluster.brokers:
            limit.add(b.proc.pid)
        limit.fill()
        log(f"brokers in a {args.page_cache_limit} MiB memory cgroup, filled")
        yield limit
    finally:
        cluster.close()  # the brokers leave the cgroup only by exiting
        limit.close()


def single_broker(args, configs, ceilings):
    """Produce to one broker and to the mock, interleaved; consume each broker topic right after."""
    results = {c: {"broker": [], "mock": [], "consume": [], "fetch": []} for c in configs}
    with Cluster(brokers=1) as cluster, page_cache_limit(args, cluster) as limit:
        broker = cluster.brokers[0]
        pids = [broker.proc.pid]
        target = ["--bootstrap-server", broker.bootstrap]
        n = 0
        for rep in range(args.reps):
            ceilings.append(page_cache_write(cluster.root, args.dd_mib, limit))
            log(f"rep {rep}: dd to a new file {ceilings[-1]:.0f} MiB/s")
            for c in configs:
                size, count, acks, parts = c
                topic = f"p{size}-a{acks}-n{parts}-r{rep}"
                order = ["broker", "mock"] if n % 2 == 0 else ["mock", "broker"]
                n += 1
                for side in order:
                    if side == "broker":
                        results[c]["broker"].append(produce(target, topic, size, count, acks, parts, 1, args, pids))
                        results[c]["consume"].append(consume(broker.bootstrap, topic, size, count, pids))
                        results[c]["fetch"].append(consume(broker.bootstrap, topic, size, count, pids, "fetch"))
                    else:
                        results[c]["mock"].append(produce(["--mock-brokers", "1"], topic, size, count, acks, parts, 1,
                                                          args))
                b, m, k = results[c]["broker"][-1], results[c]["mock"][-1], results[c]["consume"][-1]
                f = results[c]["fetch"][-1]
                log(f"rep {rep} {size} B acks={acks} p={parts}: broker {b['rate']:.0f}/s, mock {m['rate']:.0f}/s, "
                    f"ratio {b['rate'] / m['rate']:.2f}; consume {k['rate']:.0f}/s ({k['rate'] / b['rate']:.1f}x), "
                    f"fetch {f['rate']:.0f}/s ({f['rate'] / b['rate']:.1f}x)")
        if args.profile:
            profile_single_broker(args, configs, cluster)
    return results


def profile_single_broker(args, configs, cluster):
    os.makedirs(args.profile, exist_ok=True)
    broker = cluster.brokers[0]
    target = ["--bootstrap-server", broker.bootstrap]
    for size, count, acks, parts in configs:
        name = f"{size}B-acks{acks}-p{parts}"
        topic = f"profile-{name}"
        for what in ("produce", "consume"):
            data = os.path.join(os.path.abspath(args.profile), f"{name}.{what}.data")
            perf_cmd = ["perf", "record", "-e", "cpu-clock", "-g", "--pid", str(broker.proc.pid), "-o", data]
            commands.append(" ".join(perf_cmd) + " &  # stopped with SIGINT after the next kafka-perf")
            rec = subprocess.Popen(perf_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)  # perf attaches before the load starts
            if what == "produce":
                r = produce(target, topic, size, count, acks, parts, 1, args)
            else:
                r = consume(broker.bootstrap, topic, size, count)
            rec.send_signal(2)
            rec.wait(60)
            log(f"profiled {name} {what}: {r['rate']:.0f}/s -> {data}")


def replication(args, configs):
    """RF 3 against RF 1, both acks=all, on one 3-broker cluster, alternating: throughput
    unthrottled, then latency at a fixed rate on a topic warmed up first."""
    results = {c: {"rf1": [], "rf3": [], "lat1": [], "lat3": [], "warm1": [], "warm3": []} for c in configs}
    with Cluster(brokers=3) as cluster, page_cache_limit(args, cluster):
        pids = [b.proc.pid for b in cluster.brokers]
        target = ["--bootstrap-server", cluster.bootstrap]
        n = 0
        for rep in range(args.reps):
            for c in configs:
                size, count, parts = c
                order = [1, 3] if n % 2 == 0 else [3, 1]
                n += 1
                for rf in order:
                    topic = f"rf{rf}-{size}-n{parts}-r{rep}"
                    results[c][f"rf{rf}"].append(produce(target, topic, size, count, "all", parts, rf, args, pids))
                    # Latency at a fixed rate on a second topic, after a warm-up: the first records of
                    # a new RF 3 topic wait for the followers to start fetching.
                    topic = f"lat{rf}-{size}-n{parts}-r{rep}"
                    results[c][f"warm{rf}"].append(produce(target, topic, size, args.latency_rate // 2, "all", parts, rf,
                                                           args, pids, args.latency_rate))
                    results[c][f"lat{rf}"].append(produce(target, topic, size, args.latency_rate * 2, "all", parts, rf,
                                                          args, pids, args.latency_rate))
                r1, r3 = results[c]["rf1"][-1], results[c]["rf3"][-1]
                l1, l3 = results[c]["lat1"][-1], results[c]["lat3"][-1]
                log(f"rep {rep} {size} B p={parts}: RF1 {r1['rate']:.0f}/s, RF3 {r3['rate']:.0f}/s, "
                    f"ratio {r3['rate'] / r1['rate']:.2f}; at {args.latency_rate}/s p50/p99 RF1 "
                    f"{l1['p50']:.1f}/{l1['p99']:.1f} ms, RF3 {l3['p50']:.1f}/{l3['p99']:.1f} ms")
        if args.profile:
            profile_replication(args, configs, cluster)
    return results


def profile_replication(args, configs, cluster):
    """One unthrottled RF 3 run per configuration with perf attached to every broker."""
    os.makedirs(args.profile, exist_ok=True)
    target = ["--bootstrap-server", cluster.bootstrap]
    for size, count, parts in configs:
        name = f"rf3-{size}B-p{parts}"
        recs = []
        for b in cluster.brokers:
            data = os.path.join(os.path.abspath(args.profile), f"{name}.broker{b.id}.data")
            perf_cmd = ["perf", "record", "-e", "cpu-clock", "-g", "--pid", str(b.proc.pid), "-o", data]
            commands.append(" ".join(perf_cmd) + " &  # one per broker, stopped with SIGINT after the next kafka-perf")
            recs.append(subprocess.Popen(perf_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(1)
        r = produce(target, f"profile-{name}", size, count, "all", parts, 3, args)
        for rec in recs:
            rec.send_signal(2)
            rec.wait(60)
        log(f"profiled {name}: {r['rate']:.0f}/s -> {args.profile}/{name}.broker*.data")


def print_tables(args, info, loopback, ceilings, single, repl):
    print(f"Machine: {info}. Load average (1 min) at start {args.load_start:.1f}, at end {os.getloadavg()[0]:.1f}.\n")
    print(f"{args.reps} repetitions; medians, and for ratios the range over the repetitions. "
          f"Producer: linger.ms={args.linger_ms:g}, batch.size={args.batch_size}, unkeyed records, no compression. "
          "MB = 2^20 bytes. Latency p50 / p99 in ms, send() to delivery report, unthrottled. "
          "CPU in ms per MiB of record data, over the whole kafka-perf process.\n")

    print("### Ceilings\n")
    print("| ceiling | result |")
    print("|---|---|")
    for label, (gbps, cpu) in loopback.items():
        print(f"| loopback TCP, iperf3, {label} | {gbps:.2f} Gbit/s = {gbps * 1e9 / 8 / MIB:.0f} MiB/s "
              f"(iperf3 client CPU {cpu:.0f}%) |")
    if ceilings:
        where = f"in the brokers' filled {args.page_cache_limit} MiB cgroup" if args.page_cache_limit else "new file"
        print(f"| page-cache write of new data, `dd bs=1M count={args.dd_mib}` ({where}, no fsync) | "
              f"{med(ceilings):.0f} MiB/s (runs: {', '.join(f'{c:.0f}' for c in ceilings)}) |")

    if single:
        print("\n### Produce: one broker (RF 1) against librdkafka's mock cluster (1 mock broker)\n")
        print("| record | acks | partitions | broker | mock | **broker/mock** (range) | broker p50 / p99 | "
              "mock p50 / p99 | CPU/MiB brokerd | CPU/MiB client (broker run) | CPU/MiB client+mock |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for (size, count, acks, parts), r in single.items():
            ratios = [b["rate"] / m["rate"] for b, m in zip(r["broker"], r["mock"])]
            print(f"| {size} B x {count // 1000}k | {acks} | {parts} | {rate_cell(r['broker'])} | {rate_cell(r['mock'])} "
                  f"| {ratio_cell(ratios)} | {lat_cell(r['broker'])} | {lat_cell(r['mock'])} "
                  f"| {cpu_cell(r['broker'], 'broker_ms_per_mib')} | {cpu_cell(r['broker'], 'client_ms_per_mib')} "
                  f"| {cpu_cell(r['mock'], 'client_ms_per_mib')} |")

        print("\n### Consume: the same topics, from the beginning, no group\n")
        print("| record | written with acks | partitions | consume | produce (same topic) | **consume/produce** (range) "
              "| CPU/MiB brokerd, consume | CPU/MiB brokerd, produce | CPU/MiB client, consume |")
        print("|---|---|---|---|---|---|---|---|---|")
        for (size, count, acks, parts), r in single.items():
            ratios = [k["rate"] / b["rate"] for k, b in zip(r["consume"], r["broker"])]
            print(f"| {size} B x {count // 1000}k | {acks} | {parts} | {rate_cell(r['consume'])} | "
                  f"{rate_cell(r['broker'])} | {ratio_cell(ratios)} | {cpu_cell(r['consume'], 'broker_ms_per_mib')} "
                  f"| {cpu_cell(r['broker'], 'broker_ms_per_mib')} | {cpu_cell(r['consume'], 'client_ms_per_mib')} |")

        print("\n### Served: the same topics read with plain Fetch requests (`kafka-perf fetch`), no per-record parsing\n")
        print("| record | written with acks | partitions | fetch | produce (same topic) | **fetch/produce** (range) "
              "| librdkafka consume (above) | CPU/MiB brokerd, fetch | CPU/MiB client, fetch |")
        print("|---|---|---|---|---|---|---|---|---|")
        for (size, count, acks, parts), r in single.items():
            ratios = [f["rate"] / b["rate"] for f, b in zip(r["fetch"], r["broker"])]
            print(f"| {size} B x {count // 1000}k | {acks} | {parts} | {rate_cell(r['fetch'])} | "
                  f"{rate_cell(r['broker'])} | {ratio_cell(ratios)} | {rate_cell(r['consume'])} "
                  f"| {cpu_cell(r['fetch'], 'broker_ms_per_mib')} | {cpu_cell(r['fetch'], 'client_ms_per_mib')} |")

    if repl:
        print("\n### Replication: RF 3 against RF 1, acks=all, 3 brokers\n")
        print("| record | partitions | RF 1 | RF 3 | **RF3/RF1** (range) | RF 1 p50 / p99 | RF 3 p50 / p99 "
              "| CPU/MiB 3 brokerds, RF 1 | CPU/MiB 3 brokerds, RF 3 |")
        print("|---|---|---|---|---|---|---|---|---|")
        for (size, count, parts), r in repl.items():
            ratios = [b["rate"] / a["rate"] for a, b in zip(r["rf1"], r["rf3"])]
            print(f"| {size} B x {count // 1000}k | {parts} | {rate_cell(r['rf1'])} | {rate_cell(r['rf3'])} | "
                  f"{ratio_cell(ratios)} | {lat_cell(r['rf1'])} | {lat_cell(r['rf3'])} "
                  f"| {cpu_cell(r['rf1'], 'broker_ms_per_mib')} | {cpu_cell(r['rf3'], 'broker_ms_per_mib')} |")

        print(f"\n### Replication latency: acks=all at a fixed {args.latency_rate} records/s\n")
        print(f"Each topic is new: first a warm-up of {args.latency_rate // 2} records at that rate (its max latency "
              f"shows how long the first records of a new topic wait), then {args.latency_rate * 2} measured records.\n")
        print("| record | partitions | RF 1 p50 / p99 / max | RF 3 p50 / p99 / max | RF 3 − RF 1, p50 "
              "| warm-up max, RF 1 | warm-up max, RF 3 |")
        print("|---|---|---|---|---|---|---|")
        for (size, count, parts), r in repl.items():
            def lat(runs):
                return " / ".join(f"{med([x[k] for x in runs]):.1f}" for k in ("p50", "p99", "max"))
            d = med([x["p50"] for x in r["lat3"]]) - med([x["p50"] for x in r["lat1"]])
            w1, w3 = (med([x["max"] for x in r[k]]) for k in ("warm1", "warm3"))
            print(f"| {size} B | {parts} | {lat(r['lat1'])} | {lat(r['lat3'])} | {d:+.1f} ms | {w1:.0f} ms | {w3:.0f} ms |")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reps", type=int, default=3, help="repetitions of every configuration (default 3)")
    p.add_argument("--small", type=int, default=1000000, help="records of 100 B per run (default 1000000)")
    p.add_argument("--large", type=int, default=250000, help="records of 1 KiB per run (default 250000)")
    p.add_argument("--linger-ms", type=float, default=5, help="producer linger.ms (default 5, librdkafka's)")
    p.add_argument("--batch-size", type=int, default=1000000, help="producer batch.size (default 1000000, librdkafka's)")
    p.add_argument("--latency-rate", type=int, default=10000,
                   help="records/s of the replication latency runs (default 10000; 2 s each)")
    p.add_argument("--iperf-seconds", type=int, default=5)
    p.add_argument("--dd-mib", type=int, default=256, help="MiB written by each page-cache ceiling run (default 256)")
    p.add_argument("--skip", action="append", default=[], choices=["iperf", "single", "replication"])
    p.add_argument("--profile", metavar="DIR", help="also record perf profiles of brokerd (see above)")
    p.add_argument("--page-cache-limit", metavar="MIB", type=int,
                   help="run the brokers in a memory cgroup of MIB, filled first (steady-state page cache; root)")
    args = p.parse_args()
    if not os.access(KAFKA_PERF, os.X_OK):
        raise SystemExit(f"{KAFKA_PERF} not found; build kafka-perf and brokerd, or set KB_BUILD_BIN")
    for tool in ["iperf3"] * ("iperf" not in args.skip) + ["perf"] * bool(args.profile):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} not found (scripts/install-deps.sh installs iperf3; perf is linux-perf)")

    started = time.monotonic()
    args.load_start = os.getloadavg()[0]
    info = machine_info()
    sizes = [(100, args.small), (1024, args.large)]
    single_configs = [(s, n, acks, parts) for s, n in sizes for acks in ("1", "all") for parts in (1, 8)]
    repl_configs = [(s, n, parts) for s, n in sizes for parts in (1, 8)]

    loopback, ceilings = {}, []
    if "iperf" not in args.skip:
        loopback["128 KiB writes (default)"] = iperf([], args.iperf_seconds)
        loopback["1 KiB writes (`-l 1K`)"] = iperf(["-l", "1K"], args.iperf_seconds)
    single = single_broker(args, single_configs, ceilings) if "single" not in args.skip else None
    repl = replication(args, repl_configs) if "replication" not in args.skip else None

    print_tables(args, info, loopback, ceilings, single, repl)
    print(f"\nTotal time {time.monotonic() - started:.0f} s. Distinct commands in order of first use "
          "($BOOTSTRAP, $TOPIC, $PORT, $DIR and <config> change from run to run):\n")
    print("```sh")
    for c in command_templates():
        print(c)
    print("```")


if __name__ == "__main__":
    main()
