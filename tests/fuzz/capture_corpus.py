"""Seeds the fuzz corpora from real clients: starts ZooKeeper and two brokers whose advertised
listeners are recording proxies, runs librdkafka (confluent-kafka, kcat), kafka-python (also as
a 0.8/0.10 client, for legacy message sets) and this repository's Kafka-named tools through
them, and writes what went over the wire and what ended up in ZooKeeper:

  corpus/request_decoders/   each request frame (what follows the int32 size)
  corpus/response_decoders/  int16 api key, int16 version, then each response body
  corpus/record_batches/     a flags byte, then each Produce partition's records
  corpus/znodes/             a byte choosing the decoder, then each znode's data
  corpus/server_properties/  the server.properties files the brokers started with
  corpus/consumer_offsets/   a byte choosing the decoder, then each __consumer_offsets key and
                             value the group coordinators wrote, and a consumer subscription

Files are named by the SHA-1 of their contents, as libFuzzer names what it adds, so running
this again only adds what is new. At most PER_KIND inputs are kept per API and version.

  /usr/bin/python3 tests/fuzz/capture_corpus.py [--out tests/fuzz/corpus] [--targets consumer_offsets ...]
"""
import argparse
import hashlib
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from harness import BUILD_BIN, REPO, Cluster, free_port, wait_until  # noqa: E402

PER_KIND = 6
MAX_SEED_BYTES = 64 * 1024
# Response headers: v1 (a tagged-field section after the correlation id) only for the flexible
# versions the broker implements; of those, ApiVersions keeps header v0 (KIP-511).
FLEXIBLE_RESPONSE_HEADER_FROM = {35: 2, 45: 0, 46: 0}  # DescribeLogDirs, Alter/ListPartitionReassignments


class Corpus:
    def __init__(self, root, targets=None):
        self.root = root
        self.targets = targets  # None: every target
        self.kept = {}
        self.lock = threading.Lock()

    def add(self, target, kind, data):
        if len(data) > MAX_SEED_BYTES or (self.targets and target not in self.targets):
            return
        with self.lock:
            if self.kept.setdefault((target, kind), 0) >= PER_KIND:
                return
            directory = os.path.join(self.root, target)
            os.makedirs(directory, exist_ok=True)
            path = os.path.join(directory, hashlib.sha1(data).hexdigest())
            if not os.path.exists(path):
                with open(path, "wb") as f:
                    f.write(data)
                self.kept[(target, kind)] += 1


def read_exactly(sock, n):
    out = bytearray()
    while len(out) < n:
        chunk = sock.recv(n - len(out))
        if not chunk:
            return None
        out += chunk
    return bytes(out)


def produce_records(frame, version):
    """(topic, partition, records) of a Produce request frame, versions 0-8 (not flexible)."""
    at = 8
    (client_id_len,) = struct.unpack_from(">h", frame, at)
    at += 2 + max(client_id_len, 0)
    if version >= 3:
        (n,) = struct.unpack_from(">h", frame, at)
        at += 2 + max(n, 0)
    at += 2 + 4  # acks, timeout
    (topics,) = struct.unpack_from(">i", frame, at)
    at += 4
    for _ in range(topics):
        (n,) = struct.unpack_from(">h", frame, at)
        topic = frame[at + 2:at + 2 + n].decode()
        at += 2 + n
        (partitions,) = struct.unpack_from(">i", frame, at)
        at += 4
        for _ in range(partitions):
            partition, size = struct.unpack_from(">ii", frame, at)
            at += 8
            if size >= 0:
                yield topic, partition, frame[at:at + size]
                at += size


def records_kind(records):
    """(magic, codec) of a Produce partition's records: v2 attributes at 21-22, legacy at 17."""
    if len(records) < 23:
        return None
    magic = records[16]
    return magic, (records[22] if magic == 2 else records[17]) & 0x07


class RecordingProxy:
    """Listens on its own port and forwards every connection to a broker, recording frames."""

    def __init__(self, corpus, target_port):
        self.corpus = corpus
        self.target_port = target_port
        self.port = free_port()
        self.server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _ = self.server.accept()
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            pending = {}
            threading.Thread(target=self._requests, args=(client, upstream, pending), daemon=True).start()
            threading.Thread(target=self._responses, args=(upstream, client, pending), daemon=True).start()

    def _requests(self, client, upstream, pending):
        try:
            while True:
                size = read_exactly(client, 4)
                if size is None:
                    break
                frame = read_exactly(client, struct.unpack(">i", size)[0])
                if frame is None:
                    break
                key, version, correlation = struct.unpack_from(">hhi", frame)
                pending[correlation] = (key, version)
                self.corpus.add("request_decoders", (key, version), frame)
                if key == 0:
                    for _, _, records in produce_records(frame, version):
                        self.corpus.add("record_batches", ("produce", version, records_kind(records)), b"\x00" + records)
                upstream.sendall(size + frame)
        except OSError:
            pass
        finally:
            upstream.close()

    def _responses(self, upstream, client, pending):
        try:
            while True:
                size = read_exactly(upstream, 4)
                if size is None:
                    break
                frame = read_exactly(upstream, struct.unpack(">i", size)[0])
                if frame is None:
                    break
                (correlation,) = struct.unpack_from(">i", frame)
                if correlation in pending:
                    key, version = pending.pop(correlation)
                    header = 4 + (1 if version >= FLEXIBLE_RESPONSE_HEADER_FROM.get(key, 1 << 15) else 0)
                    self.corpus.add("response_decoders", (key, version), struct.pack(">hh", key, version) + frame[header:])
                client.sendall(size + frame)
        except OSError:
            pass
        finally:
            client.close()


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=False, timeout=120, capture_output=True, **kw)


def librdkafka_workload(bootstrap):
    from confluent_kafka import Consumer, Producer, TopicPartition
    from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

    admin = AdminClient({"bootstrap.servers": bootstrap})
    topics = [NewTopic("seeds", 3, 2), NewTopic("compacted", 1, 2, config={"cleanup.policy": "compact"}),
              NewTopic("doomed", 1, 1)]
    for f in admin.create_topics(topics).values():
        f.result(30)
    admin.create_partitions([NewPartitions("seeds", 4)])["seeds"].result(30)
    resource = ConfigResource("topic", "seeds")
    admin.describe_configs([resource])[resource].result(30)
    resource.set_config("retention.ms", "3600000")
    admin.alter_configs([resource])[resource].result(30)
    for codec in ("none", "gzip", "snappy", "lz4", "zstd"):
        for idempotent in (False, True):
            p = Producer({"bootstrap.servers": bootstrap, "compression.codec": codec, "linger.ms": 5,
                          "enable.idempotence": idempotent, "acks": "all" if idempotent else "1"})
            for i in range(20):
                p.produce("seeds", key=f"k{i}".encode(), value=(f"value {i} " * (i + 1)).encode(),
                          headers=[("h", b"v")] if i % 3 == 0 else None, partition=i % 4)
                p.produce("compacted", key=f"k{i % 5}".encode(), value=None if i % 7 == 0 else b"v")
            p.flush(30)
    p = Producer({"bootstrap.servers": bootstrap, "acks": "0"})
    p.produce("seeds", b"acks=0")
    p.flush(30)
    for group in ("seed-group-a", "seed-group-b"):
        config = {"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                  "enable.auto.commit": False, "session.timeout.ms": 6000}
        if group.endswith("b"):
            config["group.instance.id"] = "static-1"  # KIP-345 fields in JoinGroup, SyncGroup, ...
        c = Consumer(config)
        c.subscribe(["seeds", "compacted"])
        got = 0
        deadline = time.monotonic() + 30
        while got < 50 and time.monotonic() < deadline:
            m = c.poll(0.5)
            if m is not None and not m.error():
                got += 1
        c.commit(asynchronous=False)
        c.committed([TopicPartition("seeds", 0)], timeout=10)
        c.get_watermark_offsets(TopicPartition("seeds", 0), timeout=10)
        c.offsets_for_times([TopicPartition("seeds", 0, int(time.time() * 1000) - 60000)], timeout=10)
        c.close()
    admin.list_groups(timeout=10)
    admin.delete_topics(["doomed"])["doomed"].result(30)


def kafka_python_workload(bootstrap):
    from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

    for api_version in ((0, 8, 2), (0, 10, 0), (0, 11), (2, 0)):
        for codec in (None, "gzip", "snappy", "lz4"):
            if api_version == (0, 8, 2) and codec == "lz4":
                continue  # lz4 arrived with magic 1
            p = KafkaProducer(bootstrap_servers=bootstrap, api_version=api_version, compression_type=codec,
                              linger_ms=5)
            for i in range(10):
                p.send("seeds", key=f"k{i}".encode(), value=f"legacy {api_version} {codec} {i}".encode(), partition=i % 4)
            p.flush(30)
            p.close()
    c = KafkaConsumer("seeds", bootstrap_servers=bootstrap, group_id="seed-group-python",
                      auto_offset_reset="earliest", consumer_timeout_ms=5000)
    for i, _ in enumerate(c):
        if i > 40:
            break
    c.commit()
    c.close()
    for api_version in ((0, 9), (0, 10, 0)):
        c = KafkaConsumer("seeds", bootstrap_servers=bootstrap, api_version=api_version,
                          auto_offset_reset="earliest", consumer_timeout_ms=3000)
        for i, _ in enumerate(c):
            if i > 20:
                break
        c.close()
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.describe_consumer_groups(["seed-group-python", "seed-group-a"])
    admin.list_consumer_group_offsets("seed-group-a")
    admin.delete_consumer_groups(["seed-group-python"])
    admin.close()


def tools_workload(bootstrap):
    for cmd in (["kcat", "-b", bootstrap, "-L"],
                ["kcat", "-b", bootstrap, "-C", "-t", "seeds", "-o", "beginning", "-e", "-c", "30"],
                [os.path.join(REPO, "scripts", "kafka-topics.sh"), "--bootstrap-server", bootstrap, "--describe"],
                [os.path.join(REPO, "scripts", "kafka-consumer-groups.sh"), "--bootstrap-server", bootstrap,
                 "--describe", "--all-groups"],
                [os.path.join(REPO, "scripts", "kafka-consumer-groups.sh"), "--bootstrap-server", bootstrap,
                 "--group", "seed-group-a", "--reset-offsets", "--to-earliest", "--topic", "seeds", "--execute"],
                [os.path.join(REPO, "scripts", "kafka-leader-election.sh"), "--bootstrap-server", bootstrap,
                 "--election-type", "preferred", "--all-topic-partitions"],
                [os.path.join(REPO, "scripts", "kafka-reassign-partitions.sh"), "--bootstrap-server", bootstrap,
                 "--list"],
                [os.path.join(REPO, "scripts", "kafka-log-dirs.sh"), "--bootstrap-server", bootstrap, "--describe"]):
        run(cmd)
    run(["kcat", "-b", bootstrap, "-P", "-t", "seeds", "-z", "gzip"], input=b"from kcat\nanother line\n")
    plan = json.dumps({"version": 1, "partitions": [{"topic": "seeds", "partition": 0, "replicas": [1, 0]}]})
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"seed-plan-{os.getpid()}.json")
    with open(path, "w") as f:
        f.write(plan)
    run([os.path.join(REPO, "scripts", "kafka-reassign-partitions.sh"), "--bootstrap-server", bootstrap,
         "--reassignment-json-file", path, "--execute"])
    os.unlink(path)


# The decoder each znode path goes to (the selector byte of znodes_fuzz.cc).
def znode_selector(path):
    parts = path.strip("/").split("/")
    if parts[:2] == ["brokers", "ids"] and len(parts) == 3:
        return 0
    if path == "/cluster/id":
        return 1
    if parts[:2] == ["config", "changes"] and len(parts) == 3:
        return 2
    if path == "/controller_epoch":
        return 3
    if path == "/controller":
        return 4
    if parts[0] == "isr_change_notification" and len(parts) == 2:
        return 5
    if parts[:2] == ["brokers", "topics"] and len(parts) == 6 and parts[5] == "state":
        return 6
    if path == "/admin/preferred_replica_election":
        return 7
    if path == "/latest_producer_id_block":
        return 8
    if path == "/admin/reassign_partitions":
        return 9
    if parts[:2] == ["config", "topics"] and len(parts) == 3:
        return 10
    if parts[:2] == ["brokers", "topics"] and len(parts) == 3:
        return 11
    return None


def capture_znodes(corpus, zk):
    def walk(path):
        data, _ = zk.get(path)
        selector = znode_selector(path)
        if selector is not None and data:
            corpus.add("znodes", (selector, path), bytes([selector]) + data)
        for child in zk.get_children(path):
            walk(path.rstrip("/") + "/" + child)
    walk("/")
    # Written by tools and controllers and removed within moments: seeds in Kafka's formats.
    corpus.add("znodes", (7, "seed"), b"\x07" + b'{"version":1,"partitions":[{"topic":"seeds","partition":0}]}')
    corpus.add("znodes", (9, "seed"), b"\x09" + b'{"version":1,"partitions":[{"topic":"seeds","partition":0,'
                                               b'"replicas":[1,0],"log_dirs":["any","any"]}]}')
    corpus.add("znodes", (5, "seed"), b"\x05" + b'{"version":1,"partitions":[{"topic":"seeds","partition":1}]}')


def capture_consumer_offsets(corpus, bootstrap):
    """The keys and values in __consumer_offsets (read like any partition), with the selector
    byte of consumer_offsets_fuzz.cc: 0 key, 1 group metadata value, 2 offset commit value."""
    from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "seed-reader", "enable.auto.commit": False,
                  "enable.partition.eof": True})
    try:
        partitions = c.list_topics("__consumer_offsets", timeout=10).topics["__consumer_offsets"].partitions
        c.assign([TopicPartition("__consumer_offsets", p, OFFSET_BEGINNING) for p in partitions])
        at_end = set()
        deadline = time.monotonic() + 30
        while len(at_end) < len(partitions) and time.monotonic() < deadline:
            m = c.poll(0.5)
            if m is None:
                continue
            if m.error():
                at_end.add(m.partition())
                continue
            key, value = m.key() or b"", m.value()
            key_version = struct.unpack_from(">h", key)[0] if len(key) >= 2 else -1
            corpus.add("consumer_offsets", ("key", key_version), b"\x00" + key)
            if value is not None:
                selector = 1 if key_version == 2 else 2
                corpus.add("consumer_offsets", ("value", selector, value[:2]), bytes([selector]) + value)
    finally:
        c.close()
    # ConsumerProtocolSubscription v0: topics ["seeds", "compacted"], null user data.
    subscription = struct.pack(">hi", 0, 2) + struct.pack(">h", 5) + b"seeds" + struct.pack(">h", 9) + b"compacted" + \
        struct.pack(">i", -1)
    corpus.add("consumer_offsets", ("subscription", 0), b"\x03" + subscription)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus"))
    parser.add_argument("--targets", nargs="*", help="only these corpora (default: all)")
    args = parser.parse_args()
    corpus = Corpus(args.out, set(args.targets) if args.targets else None)
    cluster = Cluster(brokers=2, overrides={"offsets.topic.num.partitions": "3", "group.initial.rebalance.delay.ms": "0"})
    proxies = []
    for b in cluster.brokers:
        proxy = RecordingProxy(corpus, b.port)
        b.overrides["advertised.listeners"] = f"PLAINTEXT://127.0.0.1:{proxy.port}"
        proxies.append(proxy)
    with cluster:
        bootstrap = ",".join(f"127.0.0.1:{p.port}" for p in proxies)
        librdkafka_workload(bootstrap)
        kafka_python_workload(bootstrap)
        tools_workload(bootstrap)
        capture_consumer_offsets(corpus, bootstrap)
        zk = cluster.zk.kazoo()
        try:
            capture_znodes(corpus, zk)
        finally:
            zk.stop()
        # A clean shutdown sends ControlledShutdown to the controller, through its proxy.
        cluster.brokers[1].terminate()
        wait_until(lambda: not cluster.brokers[1].alive(), 30, "broker 1 to stop")
        for b in cluster.brokers:
            with open(os.path.join(b.dir, "server.properties"), "rb") as f:
                corpus.add("server_properties", ("broker", b.id), f.read())
    with open(os.path.join(REPO, "config", "server.properties"), "rb") as f:
        corpus.add("server_properties", ("config", 0), f.read())
    totals = {}
    for (target, _), n in corpus.kept.items():
        totals[target] = totals.get(target, 0) + n
    print("new seeds:", json.dumps(totals, sort_keys=True))


if __name__ == "__main__":
    main()
