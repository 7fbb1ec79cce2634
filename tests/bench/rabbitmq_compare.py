"""Kafka (this broker) against RabbitMQ on the same machine, the same load (docs/PERFORMANCE.md,
"Against RabbitMQ"): one producer, one consumer, --count messages of --size bytes, durable and
acknowledged on both sides.

    /usr/bin/python3 tests/bench/rabbitmq_compare.py        # installs rabbitmq-server and python3-pika if missing

  Kafka:    one broker (this build), a topic of 1 partition, acks=all, confluent-kafka
            (librdkafka) producer with linger.ms=5 and at most --window records unacknowledged
            (queue.buffering.max.messages); a confluent-kafka consumer in a group.
  RabbitMQ: a private node from Debian's rabbitmq-server (own directory and free port), a
            durable classic queue, persistent messages (delivery_mode=2), publisher confirms
            kept --window messages ahead (pika's asynchronous SelectConnection); a pika
            consumer with prefetch 1000 and manual acks (multiple, every 500).

Both clients are the usual Python libraries, but not alike: confluent-kafka is a thin layer
over librdkafka (C), pika is pure Python, so RabbitMQ's figures include far more client CPU
per message; what is compared is what a Python application gets. Each repetition
runs Kafka then RabbitMQ or the other way round, alternately; medians are reported, with the
page-cache write ceiling (dd) of the same run. Durability differs underneath: RabbitMQ confirms
a persistent message once it is fsynced (in batches); Kafka acknowledges acks=all once every
in-sync replica has it in its page cache and does not fsync (Kafka's default, which relies on
replication; with one broker here nothing is replicated).
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from harness import Cluster, free_port, wait_until  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from broker_bench import page_cache_write  # noqa: E402

RABBIT_BIN = "/usr/lib/rabbitmq/bin/rabbitmq-server"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def ensure_installed():
    missing = []
    if not os.path.exists(RABBIT_BIN):
        missing.append("rabbitmq-server")
    try:
        import pika  # noqa: F401
    except ImportError:
        missing.append("python3-pika")
    if missing:
        log(f"installing {' '.join(missing)} from Debian")
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), stdout=subprocess.DEVNULL)


class RabbitNode:
    """A private RabbitMQ node: its own directory, node name and free ports; stopped on close()."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="kb-rabbit-")
        self.port = free_port()
        self.name = f"kbbench{self.port}@localhost"
        os.makedirs(os.path.join(self.dir, "home"))
        env = dict(os.environ, HOME=os.path.join(self.dir, "home"), RABBITMQ_NODENAME=self.name,
                   RABBITMQ_NODE_IP_ADDRESS="127.0.0.1", RABBITMQ_NODE_PORT=str(self.port),
                   RABBITMQ_DIST_PORT=str(free_port()), RABBITMQ_MNESIA_BASE=os.path.join(self.dir, "mnesia"),
                   RABBITMQ_LOG_BASE=os.path.join(self.dir, "log"),
                   RABBITMQ_ENABLED_PLUGINS_FILE=os.path.join(self.dir, "enabled_plugins"),
                   RABBITMQ_PID_FILE=os.path.join(self.dir, "pid"))
        self.env = env
        self.out = open(os.path.join(self.dir, "out"), "w")
        self.proc = subprocess.Popen([RABBIT_BIN], env=env, stdout=self.out, stderr=subprocess.STDOUT,
                                     start_new_session=True)

        def accepting():
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", self.port)) == 0
        wait_until(accepting, 120, f"RabbitMQ to listen on {self.port} (see {self.dir}/out)", interval=0.5)

    def version(self):
        r = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "rabbitmq-server"], capture_output=True, text=True)
        return r.stdout

    def close(self):
        subprocess.run(["/usr/lib/rabbitmq/bin/rabbitmqctl", "-n", self.name, "stop"], env=self.env,
                       capture_output=True, timeout=60)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
        subprocess.run(["pkill", "-f", f"-sname {self.name}"], capture_output=True)
        self.out.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def latency_ms(lat):
    s = sorted(lat)
    return s[len(s) // 2] * 1000, s[min(len(s) - 1, int(len(s) * 0.99))] * 1000


def rabbit_produce(port, queue, count, payload, window):
    import pika
    # Delivery tags are 1..count in publish order; `outstanding` holds those not yet confirmed
    # (a `multiple` confirm covers every outstanding tag up to its own, singles may come out
    # of order).
    st = {"next": 0, "confirmed": 0, "nacked": 0, "outstanding": set(), "sent": [0.0] * (count + 1), "lat": []}
    params = pika.ConnectionParameters(host="127.0.0.1", port=port)

    def publish_more():
        ch = st["ch"]
        while st["next"] < count and st["next"] - st["confirmed"] - st["nacked"] < window:
            st["next"] += 1
            st["sent"][st["next"]] = time.perf_counter()
            st["outstanding"].add(st["next"])
            ch.basic_publish("", queue, payload, pika.BasicProperties(delivery_mode=2))

    def on_confirm(frame):
        now = time.perf_counter()
        m = frame.method
        tags = sorted(t for t in st["outstanding"] if t <= m.delivery_tag) if m.multiple else \
            [m.delivery_tag] if m.delivery_tag in st["outstanding"] else []
        ok = isinstance(m, pika.spec.Basic.Ack)
        for t in tags:
            st["outstanding"].discard(t)
            if ok:
                st["confirmed"] += 1
                st["lat"].append(now - st["sent"][t])
            else:
                st["nacked"] += 1
        if st["confirmed"] + st["nacked"] == count:
            st["conn"].close()
        else:
            publish_more()

    def on_channel(ch):
        st["ch"] = ch

        def declared(_):
            ch.confirm_delivery(on_confirm, callback=lambda _: start())
        ch.queue_declare(queue, durable=True, callback=declared)

    def start():
        st["start"] = time.perf_counter()
        publish_more()

    conn = pika.SelectConnection(params, on_open_callback=lambda c: c.channel(on_open_callback=on_channel),
                                 on_close_callback=lambda c, reason: c.ioloop.stop())
    st["conn"] = conn
    conn.ioloop.call_later(600, conn.close)  # a confirm that never comes must not hang the run
    conn.ioloop.start()
    seconds = time.perf_counter() - st["start"]
    if st["nacked"] or st["confirmed"] != count:
        raise SystemExit(f"RabbitMQ: {st['confirmed']} confirmed, {st['nacked']} nacked of {count}")
    p50, p99 = latency_ms(st["lat"])
    return {"rate": count / seconds, "p50": p50, "p99": p99}


def pika_ceiling(port, queue, count, payload):
    """pika's own publishing rate: no confirms, a transient queue, nothing fsynced. RabbitMQ's
    durable figures cannot exceed it, whatever the server does."""
    import pika
    conn = pika.BlockingConnection(pika.ConnectionParameters(host="127.0.0.1", port=port))
    ch = conn.channel()
    ch.queue_declare(queue, durable=False, auto_delete=False)
    start = time.perf_counter()
    for _ in range(count):
        ch.basic_publish("", queue, payload)
    ch.queue_declare(queue, passive=True)  # a round trip: every publish before it has been read
    seconds = time.perf_counter() - start
    ch.queue_delete(queue)
    conn.close()
    return {"rate": count / seconds}


def rabbit_consume(port, queue, count):
    import pika
    conn = pika.BlockingConnection(pika.ConnectionParameters(host="127.0.0.1", port=port))
    ch = conn.channel()
    ch.basic_qos(prefetch_count=1000)
    n = 0
    start = time.perf_counter()
    for method, _, _ in ch.consume(queue, inactivity_timeout=30):
        if method is None:
            raise SystemExit(f"RabbitMQ consumer: nothing for 30 s after {n} of {count}")
        n += 1
        if n % 500 == 0 or n == count:
            ch.basic_ack(method.delivery_tag, multiple=True)
        if n == count:
            break
    seconds = time.perf_counter() - start
    ch.cancel()
    conn.close()
    return {"rate": count / seconds}


def kafka_produce(bootstrap, topic, count, payload, window):
    from confluent_kafka import Producer
    # At most `window` records unacknowledged, as RabbitMQ's confirm window.
    p = Producer({"bootstrap.servers": bootstrap, "acks": "all", "linger.ms": 5,
                  "queue.buffering.max.messages": window})
    lat, failed = [], []

    def done(err, msg, sent):
        if err:
            failed.append(err)
        else:
            lat.append(time.perf_counter() - sent)
    start = time.perf_counter()
    for _ in range(count):
        while True:
            try:
                sent = time.perf_counter()
                p.produce(topic, payload, on_delivery=lambda err, msg, sent=sent: done(err, msg, sent))
                break
            except BufferError:
                p.poll(0.01)
        p.poll(0)
    p.flush(120)
    seconds = time.perf_counter() - start
    if failed or len(lat) != count:
        raise SystemExit(f"Kafka: {len(lat)} acknowledged, {len(failed)} failed of {count}")
    p50, p99 = latency_ms(lat)
    return {"rate": count / seconds, "p50": p50, "p99": p99}


def kafka_consume(bootstrap, topic, count):
    from confluent_kafka import Consumer
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"bench-{topic}", "auto.offset.reset": "earliest"})
    c.subscribe([topic])
    n = 0
    start = None
    while n < count:
        msgs = c.consume(1000, 30)
        if not msgs:
            raise SystemExit(f"Kafka consumer: nothing for 30 s after {n} of {count}")
        if start is None:
            start = time.perf_counter()  # from the first record: the group's join is not reading
        n += sum(1 for m in msgs if not m.error())
    seconds = time.perf_counter() - start
    c.close()
    return {"rate": count / seconds}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--window", type=int, default=1000, help="RabbitMQ: unconfirmed messages in flight")
    ap.add_argument("--dd-mib", type=int, default=512)
    args = ap.parse_args()
    ensure_installed()
    payload = os.urandom(args.size)
    runs = {"kafka": [], "rabbit": []}
    ceiling_runs = []
    ceilings = []
    rabbit = RabbitNode()
    try:
        with Cluster(brokers=1, overrides={"group.initial.rebalance.delay.ms": "0"}) as cluster:
            from confluent_kafka.admin import AdminClient, NewTopic
            admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
            for rep in range(args.reps):
                ceilings.append(page_cache_write(cluster.root, args.dd_mib))
                order = ["kafka", "rabbit"] if rep % 2 == 0 else ["rabbit", "kafka"]
                for side in order:
                    name = f"bench{rep}"
                    if side == "kafka":
                        admin.create_topics([NewTopic(name, 1, 1)])[name].result(30)
                        p = kafka_produce(cluster.bootstrap, name, args.count, payload, args.window)
                        c = kafka_consume(cluster.bootstrap, name, args.count)
                    else:
                        p = rabbit_produce(rabbit.port, name, args.count, payload, args.window)
                        c = rabbit_consume(rabbit.port, name, args.count)
                    runs[side].append((p, c))
                    if side == "rabbit":
                        ceiling_runs.append(pika_ceiling(rabbit.port, f"transient{rep}", args.count, payload)["rate"])
                    log(f"rep {rep} {side:6}: produce {p['rate']:8.0f}/s (p50 {p['p50']:.1f} ms, p99 {p['p99']:.1f} ms),"
                        f" consume {c['rate']:8.0f}/s; dd {ceilings[-1]:.0f} MiB/s")
    finally:
        rabbit.close()

    def med(side, phase, key):
        return statistics.median(r[phase][key] for r in runs[side])
    mib = args.size * args.count / 2**20
    print(f"\n{args.count} messages of {args.size} B ({mib:.0f} MiB), one producer, one consumer, "
          f"{args.reps} repetitions; RabbitMQ {rabbit.version()}; page-cache write ceiling (dd) "
          f"{statistics.median(ceilings):.0f} MiB/s\n")
    print("| | Kafka (this broker) | RabbitMQ | Kafka / RabbitMQ |")
    print("|---|---|---|---|")
    for label, phase, key, fmt in [("produce, messages/s", 0, "rate", "{:.0f}"),
                                   ("produce, MiB/s", 0, "rate", "mib"),
                                   ("publish → acknowledged p50, ms", 0, "p50", "{:.1f}"),
                                   ("publish → acknowledged p99, ms", 0, "p99", "{:.1f}"),
                                   ("consume, messages/s", 1, "rate", "{:.0f}")]:
        k, r = med("kafka", phase, key), med("rabbit", phase, key)
        if fmt == "mib":
            k, r, fmt = k * args.size / 2**20, r * args.size / 2**20, "{:.1f}"
        print(f"| {label} | {fmt.format(k)} | {fmt.format(r)} | {k / r:.2f} |")
    print(f"\npika's own publishing ceiling (no confirms, transient queue): "
          f"{statistics.median(ceiling_runs):.0f} messages/s (median).")


if __name__ == "__main__":
    main()
