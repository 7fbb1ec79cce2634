#!/usr/bin/python3
"""A network fuzzer against a running broker: the request frames real clients sent
(tests/fuzz/corpus/request_decoders), mutated; frame sizes that are negative, tiny or huge;
unknown APIs and versions; frames that stop half way and stall; thousands of connections at
once. Throughout, the broker must stay up, keep serving a well-formed producer and consumer,
answer what it can answer and close what it cannot, and its memory must not grow from one
round of mutated frames to the next beyond what the partitions they created need.

The mutations come from a seed, printed first: KB_FUZZ_SEED=<seed> replays a run.
KB_NET_FUZZ_FRAMES sets the mutated frames per round (default 10000; three rounds).

Run with Debian's python (python3-confluent-kafka).
"""
import os
import random
import resource
import selectors
import socket
import struct
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
import kafka_wire as kw  # noqa: E402
from harness import Cluster, wait_until  # noqa: E402

from confluent_kafka import Producer  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402
from fault_checks import read_partition  # noqa: E402

SEED = int(os.environ.get("KB_FUZZ_SEED", random.SystemRandom().randrange(1 << 32)))
FRAMES_PER_ROUND = int(os.environ.get("KB_NET_FUZZ_FRAMES", "10000"))
CORPUS = os.path.join(os.path.dirname(__file__), "..", "fuzz", "corpus", "request_decoders")
TOPIC = "netfuzz"
MAX_REQUEST_BYTES = 104857600  # socket.request.max.bytes, Kafka's default
FETCH, API_VERSIONS, UNSUPPORTED_VERSION = 1, 18, 35
# Growth allowed from the first round of mutated frames to the third: the allocator keeps
# what it once held; a leak of a few hundred bytes per frame would exceed it.
RSS_GROWTH_BOUND = 8 << 20
# Plus what partitions the frames created are allowed (a mutated CreatePartitions may ask for
# tens of thousands, which Kafka grants too): about 0.8 KiB each measured, 4 KiB allowed.
RSS_PER_PARTITION = 4 << 10
BOUNDARY_INTS = [0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, -0x8000, 0x7FFFFFFF, -0x80000000, 0x10000, 1 << 24]


def load_seeds():
    seeds = []
    for name in sorted(os.listdir(CORPUS)):
        with open(os.path.join(CORPUS, name), "rb") as f:
            data = f.read()
        if len(data) >= 8:
            seeds.append(data)
    return seeds


def mutate(rng, frame):
    """A few random edits of one frame; half keep its api key and version so that the mutation
    reaches that API's decoder."""
    data = bytearray(frame)
    floor = 4 if rng.random() < 0.5 else 0
    for _ in range(rng.randint(1, 6)):
        if len(data) <= floor:
            data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
            continue
        at = rng.randrange(floor, len(data))
        kind = rng.randrange(7)
        if kind == 0:
            data[at] ^= 1 << rng.randrange(8)
        elif kind == 1:
            data[at] = rng.randrange(256)
        elif kind == 2:  # a length or count at a boundary
            width = rng.choice((2, 4))
            value = rng.choice(BOUNDARY_INTS)
            data[at:at + width] = (value & ((1 << (8 * width)) - 1)).to_bytes(width, "big")
        elif kind == 3:
            del data[at:]
        elif kind == 4:
            end = min(len(data), at + rng.randint(1, 64))
            data[at:at] = data[at:end] * rng.randint(1, 8)
        elif kind == 5:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
        else:
            del data[at:at + rng.randint(1, 16)]
    return bytes(data[:1 << 20])


def abortive(sock):
    """Closing `sock` resets the connection (SO_LINGER 0): tens of thousands of connections
    would otherwise leave their ports in TIME_WAIT for a minute, and the tests after this one
    find no free ports."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return sock


def connect(port):
    return abortive(socket.create_connection(("127.0.0.1", port), timeout=10))


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def send_and_drain(port, frames, linger=2.0):
    """One connection: every frame, then our write side closed; reads until the broker closes
    or `linger` passes (a mutated Fetch may legitimately long-poll)."""
    try:
        s = connect(port)
    except OSError as e:
        raise AssertionError(f"the broker refused a connection: {e}")
    try:
        try:
            for frame in frames:
                s.sendall(struct.pack(">i", len(frame)) + frame)
            s.shutdown(socket.SHUT_WR)
        except OSError:
            return  # closed on an earlier frame (EPIPE, ECONNRESET, ENOTCONN): what a malformed request gets
        s.settimeout(linger)
        try:
            while s.recv(65536):
                pass
        except (socket.timeout, ConnectionResetError):
            pass
    finally:
        s.close()


def expect_closed(port, raw, what):
    """Sends `raw` bytes; the broker must close the connection within 10 s."""
    with connect(port) as s:
        s.sendall(raw)
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    return
        except ConnectionResetError:
            return
        except socket.timeout:
            raise AssertionError(f"the broker kept a connection open after {what}")


class NetworkFuzzTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # 2,000 connections at once need as many descriptors here and in the broker, which
        # inherits this limit (Debian's default soft limit is 1,024).
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 16384)), hard))
        print(f"network fuzz seed {SEED} (KB_FUZZ_SEED={SEED} replays it), {FRAMES_PER_ROUND} frames per round",
              flush=True)
        cls.rng = random.Random(SEED)
        cls.seeds = load_seeds()
        assert cls.seeds, f"no seeds in {CORPUS}"
        # Checkpoints open a file: one written while test 6 has used up the broker's
        # descriptors would fail with EMFILE and take its only log dir offline (the broker then
        # halts, as Kafka's would). Test 6 is about accepting, so they do not run meanwhile.
        cls.cluster = Cluster(brokers=1, overrides={"replica.high.watermark.checkpoint.interval.ms": "3600000",
                                                    "log.flush.offset.checkpoint.interval.ms": "3600000"})
        cls.cluster.start()
        cls.broker = cls.cluster.brokers[0]
        cls.bootstrap = cls.broker.bootstrap
        admin = AdminClient({"bootstrap.servers": cls.bootstrap})
        admin.create_topics([NewTopic(TOPIC, 1, 1)])[TOPIC].result(30)
        cls.written = []

    @classmethod
    def tearDownClass(cls):
        cls.cluster.close()

    def assert_serving(self, what):
        """The broker is up and a well-formed producer and consumer still work."""
        self.assertTrue(self.broker.alive(), f"the broker died during {what}")
        p = Producer({"bootstrap.servers": self.bootstrap, "acks": "all", "message.timeout.ms": 30000})
        errors = []
        batch = [f"{what} {i}".encode() for i in range(20)]
        for value in batch:
            p.produce(TOPIC, value, partition=0, on_delivery=lambda e, m: e and errors.append(e))
        self.assertEqual(p.flush(60), 0, f"records unsent after {what}")
        self.assertEqual(errors, [], f"produce failed after {what}")
        self.written.extend(batch)
        self.assertEqual([v for _, v in read_partition(self.bootstrap, TOPIC)], self.written,
                         f"the partition after {what}")

    def partition_count(self):
        """Every partition the broker's metadata lists."""
        topics = AdminClient({"bootstrap.servers": self.bootstrap}).list_topics(timeout=30).topics
        return sum(len(t.partitions) for t in topics.values())

    def round_of_mutations(self, n):
        frames = [mutate(self.rng, self.rng.choice(self.seeds)) for _ in range(n)]
        groups = [frames[i:i + 3] for i in range(0, len(frames), 3)]
        failures = []

        def worker(share):
            try:
                for g in share:
                    send_and_drain(self.broker.port, g)
            except Exception as e:  # noqa: BLE001 - reported below
                failures.append(e)
        threads = [threading.Thread(target=worker, args=(groups[i::8],)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])

    def test_1_mutated_frames_leave_it_serving_without_growing(self):
        self.assert_serving("start")
        self.round_of_mutations(FRAMES_PER_ROUND)
        self.assert_serving("the first round of mutated frames")
        first = rss_bytes(self.broker.proc.pid)
        first_partitions = self.partition_count()
        for n in (2, 3):
            self.round_of_mutations(FRAMES_PER_ROUND)
            self.assert_serving(f"round {n} of mutated frames")
        last = rss_bytes(self.broker.proc.pid)
        created = self.partition_count() - first_partitions
        print(f"broker RSS after round 1: {first >> 20} MiB, after round 3: {last >> 20} MiB; "
              f"{created} partitions created meanwhile", flush=True)
        self.assertLess(last - first, RSS_GROWTH_BOUND + RSS_PER_PARTITION * max(created, 0),
                        "the broker's memory grew from round 1 to round 3 beyond what the partitions created need")

    def test_2_bad_frame_sizes_close_the_connection(self):
        api_versions = kw.i16(API_VERSIONS) + kw.i16(0) + kw.i32(1) + kw.nullable_string("fuzz")
        for size in (-1, -0x80000000, 0, 1, 7, MAX_REQUEST_BYTES + 1, 0x7FFFFFFF):
            expect_closed(self.broker.port, struct.pack(">i", size) + api_versions, f"a frame size of {size}")
        self.assert_serving("bad frame sizes")

    def test_3_unknown_apis_close_and_unknown_versions_are_answered_or_closed(self):
        for key in (-1, 4, 999, 0x7FFF):
            frame = kw.i16(key) + kw.i16(0) + kw.i32(7) + kw.nullable_string("fuzz")
            expect_closed(self.broker.port, struct.pack(">i", len(frame)) + frame, f"API key {key}")
        frame = kw.i16(3) + kw.i16(999) + kw.i32(7) + kw.nullable_string("fuzz")  # Metadata v999
        expect_closed(self.broker.port, struct.pack(">i", len(frame)) + frame, "Metadata v999")
        # ApiVersions newer than the broker's is answered with UNSUPPORTED_VERSION and its own
        # version range, in a v0 response (KIP-511), so that the client can downgrade.
        c = kw.Connection("127.0.0.1", self.broker.port, timeout=10)
        abortive(c.sock)
        try:
            r = c.request(API_VERSIONS, 99, b"")
            self.assertEqual(r.i16(), UNSUPPORTED_VERSION)
            self.assertEqual(r.i32(), 1)
            self.assertEqual((r.i16(), r.i16()), (API_VERSIONS, 0))
            self.assertGreaterEqual(r.i16(), 3)
        finally:
            c.close()
        self.assert_serving("unknown APIs and versions")

    def test_4_stalled_half_frames_do_not_block_other_clients(self):
        held = []
        try:
            for i in range(300):
                s = connect(self.broker.port)
                frame = self.rng.choice(self.seeds)
                cut = [2, 4, 4 + len(frame) // 2][i % 3]  # inside the size, after it, inside the body
                s.sendall((struct.pack(">i", len(frame)) + frame)[:cut])
                held.append(s)
            self.assert_serving("300 stalled half frames")
        finally:
            for s in held:
                s.close()
        self.assert_serving("the stalled connections closing")

    def test_5_thousands_of_connections_at_once_are_all_answered(self):
        n = 2000
        request = kw.i16(API_VERSIONS) + kw.i16(0) + kw.i32(42) + kw.nullable_string("many")
        wire = struct.pack(">i", len(request)) + request
        sel = selectors.DefaultSelector()
        socks = []
        answered = 0
        try:
            for _ in range(n):
                s = abortive(socket.socket())
                s.setblocking(False)
                s.connect_ex(("127.0.0.1", self.broker.port))
                socks.append(s)
                sel.register(s, selectors.EVENT_WRITE, bytearray())
            pending_write = set(socks)

            def pump():
                nonlocal answered
                for key, events in sel.select(timeout=1):
                    s, buf = key.fileobj, key.data
                    if events & selectors.EVENT_WRITE and s in pending_write:
                        s.send(wire)  # 25 bytes: fits any socket buffer at once
                        pending_write.discard(s)
                        sel.modify(s, selectors.EVENT_READ, buf)
                    elif events & selectors.EVENT_READ:
                        chunk = s.recv(65536)
                        if not chunk:
                            raise AssertionError("the broker closed a connection it should answer")
                        buf += chunk
                        if len(buf) >= 4 and len(buf) >= 4 + struct.unpack(">i", buf[:4])[0]:
                            correlation, error = struct.unpack(">ih", buf[4:10])
                            self.assertEqual((correlation, error), (42, 0))
                            answered += 1
                            sel.unregister(s)
                return answered >= n
            wait_until(pump, 120, f"ApiVersions answers on {n} connections", interval=0)
            self.assert_serving(f"{n} connections open")
        finally:
            for s in socks:
                s.close()
            sel.close()
        self.assert_serving(f"{n} connections closing")

    def test_5b_a_fetch_that_names_a_topic_without_partitions_is_answered(self):
        """Found by this fuzzer: such a Fetch, with min_bytes 1, was parked on the first of no
        partitions and the broker crashed (a null dereference). Kafka answers it at once, with
        no topic. It asks to wait a minute: a broker that parked it would not answer within
        the socket's 10 s."""
        body = (kw.i32(-1) + kw.i32(60000) + kw.i32(1) + kw.i32(1 << 20) + b"\x00"  # v4: ..., isolation_level
                + kw.i32(1) + kw.string(TOPIC) + kw.i32(0))  # one topic, no partitions
        c = kw.Connection("127.0.0.1", self.broker.port, timeout=10)
        abortive(c.sock)
        try:
            r = c.request(FETCH, 4, body)
            r.i32()  # throttle_time_ms
            self.assertEqual(r.i32(), 0, "topics in the answer")
        finally:
            c.close()
        self.assert_serving("a Fetch naming a topic without partitions")

    def test_6_running_out_of_descriptors_pauses_accepting_and_recovers(self):
        """With its descriptors used up, the broker cannot accept: it backs off (100 ms) rather
        than spinning on EMFILE, keeps serving the connections it has, and accepts again once
        descriptors are free."""
        pid = self.broker.proc.pid
        limit = resource.prlimit(pid, resource.RLIMIT_NOFILE)
        in_use = len(os.listdir(f"/proc/{pid}/fd"))
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (in_use + 10, limit[1]))
        log_before = len(self.broker.log_text())
        held = []
        try:
            served = kw.Connection("127.0.0.1", self.broker.port, timeout=10)
            held.append(abortive(served.sock))
            self.assertEqual(served.request(API_VERSIONS, 0, b"").i16(), 0)
            started = time.monotonic()
            for _ in range(40):  # more than the broker has descriptors for: the rest wait in the backlog
                held.append(connect(self.broker.port))
            wait_until(lambda: "accept failed: Too many open files" in self.broker.log_text()[log_before:], 30,
                       "the broker to meet EMFILE on accept")
            # A connection it already has is still served while accepting fails.
            self.assertEqual(served.request(API_VERSIONS, 0, b"").i16(), 0)
            self.assertTrue(self.broker.alive(), "the broker died out of descriptors")
            elapsed = time.monotonic() - started
            failures = self.broker.log_text()[log_before:].count("accept failed")
            # At most one failure per backoff (a slower machine only makes fewer): a loop
            # spinning on EMFILE logs thousands per second.
            self.assertLessEqual(failures, 10 * elapsed + 10, f"{failures} failed accepts in {elapsed:.1f} s")
        finally:
            for s in held:
                s.close()
            resource.prlimit(pid, resource.RLIMIT_NOFILE, limit)
        self.assertNotIn("Error in log dir", self.broker.log_text()[log_before:])
        self.assert_serving("running out of descriptors")


if __name__ == "__main__":
    unittest.main()
