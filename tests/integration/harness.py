"""Real ZooKeeper and real broker processes for integration tests.

Every server listens on 127.0.0.1 on a port chosen free at run time and lives in its own
temporary directory. Nothing sleeps to synchronise: waits poll a condition until a deadline
(wait_until), and readiness is read from the broker's own log line.
Run with /usr/bin/python3 (Debian's kazoo, kafka-python and confluent-kafka live there).
"""
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# Absolute: brokers run with their own directory as the working directory.
BUILD_BIN = os.path.abspath(os.environ.get("KB_BUILD_BIN", os.path.join(REPO, "build", "bin")))
# Test clusters live under the build tree, not in a shared /tmp another session may sweep.
TEST_ROOT = os.environ.get("KB_TEST_ROOT", os.path.join(os.path.dirname(BUILD_BIN), "integration-runs"))
ZK_JAR = "/usr/share/java/zookeeper.jar"
# ZooKeeper logs through SLF4J and ships no binding; the simple one (same Debian package as the
# API) writes to stderr, so a failed test's zookeeper.log shows stalls, expiries and fsync warnings.
SLF4J_SIMPLE_JAR = "/usr/share/java/slf4j-simple.jar"
ZK_LOGGING = ("-Dorg.slf4j.simpleLogger.showDateTime=true",
              "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS")
READY_LINE = "started (kafka.server.KafkaServer)"


def wait_until(condition, timeout, what, interval=0.05):
    """Polls `condition` until it returns a truthy value, or fails naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def create_topic(admin, new_topic, timeout=30):
    """CreateTopics through a confluent-kafka AdminClient, retried while it reaches a broker that
    is no longer the controller: librdkafka returns NOT_CONTROLLER to the caller after a
    controller move, where Kafka's Java AdminClient refreshes metadata and retries."""
    from confluent_kafka import KafkaError, KafkaException

    def attempt():
        try:
            admin.create_topics([new_topic])[new_topic.topic].result(timeout)
            return True
        except KafkaException as e:
            if e.args[0].code() != KafkaError.NOT_CONTROLLER:
                raise
            admin.list_topics(timeout=10)  # a fresh Metadata names the controller
            return False
    wait_until(attempt, timeout, f"a controller to create {new_topic.topic}")


def _ephemeral_range():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = map(int, f.read().split())
            return low, high
    except (OSError, ValueError):
        return 32768, 60999


_handed_out = set()


def free_port():
    """A port free on 127.0.0.1 now, outside the kernel's ephemeral range: a port from that range
    may be taken, before the server binds it, by the source port of some outgoing connection
    (ZooKeeper's quorum links, a client). Never the same port twice in one process."""
    low, high = _ephemeral_range()
    candidates = [r for r in (range(10000, low), range(high + 1, 65536)) if len(r) > 0]
    rng = random.Random()
    for _ in range(500):
        port = rng.choice(rng.choice(candidates)) if candidates else None
        if port is None:
            break
        if port in _handed_out:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            # As the servers bind (asio, Java): a port whose old connections linger in
            # TIME_WAIT is free to them.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise AssertionError(f"no free port outside the ephemeral range {low}-{high}")


def free_port_range(count):
    """A base port P with P..P+count-1 all free on 127.0.0.1 now, outside the kernel's ephemeral
    range (as free_port): for scripts that number their servers' ports from one base."""
    low, high = _ephemeral_range()
    candidates = [r for r in (range(10000, low - count), range(high + 1, 65536 - count)) if len(r) > 0]
    rng = random.Random()
    for _ in range(500):
        base = rng.choice(rng.choice(candidates)) if candidates else None
        if base is None:
            break
        ports = range(base, base + count)
        if any(p in _handed_out for p in ports):
            continue
        socks = []
        try:
            for p in ports:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                socks.append(s)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("127.0.0.1", p))
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
        _handed_out.update(ports)
        return base
    raise AssertionError(f"no {count} free ports in a row outside the ephemeral range {low}-{high}")


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def four_letter(host, port, word):
    """A ZooKeeper server's answer to a four-letter word, or None when it does not answer."""
    try:
        with socket.create_connection((host, port), timeout=1) as s:
            s.sendall(word.encode())
            chunks = []
            while chunk := s.recv(4096):
                chunks.append(chunk)
            return b"".join(chunks).decode(errors="replace")
    except OSError:
        return None


class ZooKeeper:
    """A ZooKeeper server from the Debian package, in root/<name>: standalone here, one server
    of an ensemble in tests/faults/zk_ensemble.py (which adds its config lines and myid)."""

    def __init__(self, root, host="127.0.0.1", command_prefix=(), name="zookeeper"):
        self.dir = os.path.join(root, name)
        os.makedirs(os.path.join(self.dir, "data"), exist_ok=True)
        self.host = host  # the address it listens on (a network namespace's, for the fault suite)
        self.command_prefix = list(command_prefix)  # e.g. ["ip", "netns", "exec", "ns"]
        self.port = free_port()
        self.proc = None
        self.log = None

    @property
    def connect(self):
        return f"{self.host}:{self.port}"

    def config_lines(self):
        # tickTime 500 keeps expiry checks fine-grained; ZooKeeper would then cap sessions at
        # 20 ticks (10 s), so the cap is raised to honour what a broker asks for (Kafka's
        # default zookeeper.session.timeout.ms is 18000).
        return ["tickTime=500", f"dataDir={self.dir}/data", f"clientPort={self.port}",
                f"clientPortAddress={self.host}", "maxClientCnxns=0", "admin.enableServer=false",
                "maxSessionTimeout=60000", "4lw.commands.whitelist=ruok,srvr"]

    def launch(self):
        """Writes zoo.cfg and starts the server, without waiting for it to serve."""
        cfg = os.path.join(self.dir, "zoo.cfg")
        with open(cfg, "w") as f:
            f.write("\n".join(self.config_lines()) + "\n")
        self.log = open(os.path.join(self.dir, "zookeeper.log"), "a")
        self.proc = subprocess.Popen(
            [*self.command_prefix, "java", "-Xmx256m", "-cp", f"/etc/zookeeper/conf:{ZK_JAR}:{SLF4J_SIMPLE_JAR}",
             f"-Dzookeeper.log.dir={self.dir}", *ZK_LOGGING, "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=self.dir)

    def start(self, timeout=30):
        self.launch()
        wait_until(self._ruok, timeout, f"ZooKeeper on port {self.port}")

    def _ruok(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"ZooKeeper exited with {self.proc.returncode}; see {self.log.name}")
        return four_letter(self.host, self.port, "ruok") == "imok"

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM):
        if self.alive():
            self.proc.send_signal(sig)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log:
            self.log.close()
            self.log = None

    def kazoo(self):
        from kazoo.client import KazooClient
        zk = KazooClient(hosts=self.connect)
        zk.start(timeout=10)
        return zk


class Broker:
    """A brokerd process with its own log dir and server.properties."""

    def __init__(self, root, broker_id, zk_connect, overrides=None, host="127.0.0.1", command_prefix=()):
        self.id = broker_id
        self.dir = os.path.join(root, f"broker-{broker_id}")
        self.log_dir = os.path.join(self.dir, "kafka-logs")
        os.makedirs(self.dir, exist_ok=True)
        self.host = host  # the address it listens on (a network namespace's, for the fault suite)
        self.command_prefix = list(command_prefix)  # e.g. ["ip", "netns", "exec", "ns"]
        self.port = free_port()
        self.zk_connect = zk_connect
        self.overrides = dict(overrides or {})
        self.proc = None
        self.output = os.path.join(self.dir, "broker.out")

    @property
    def bootstrap(self):
        return f"{self.host}:{self.port}"

    def properties(self):
        props = {
            "broker.id": str(self.id),
            "listeners": f"PLAINTEXT://{self.host}:{self.port}",
            "log.dirs": self.log_dir,
            "zookeeper.connect": self.zk_connect,
            "zookeeper.session.timeout.ms": "6000",
            "num.partitions": "1",
            "default.replication.factor": "1",
        }
        props.update(self.overrides)
        return props

    def start(self, timeout=30, wait=True):
        cfg = os.path.join(self.dir, "server.properties")
        with open(cfg, "w") as f:
            for k, v in self.properties().items():
                f.write(f"{k}={v}\n")
        self._log = open(self.output, "a")
        self._log.write(f"----- start {time.strftime('%H:%M:%S')} -----\n")
        self._log.flush()
        self.proc = subprocess.Popen([*self.command_prefix, os.path.join(BUILD_BIN, "brokerd"), cfg], stdout=self._log,
                                     stderr=subprocess.STDOUT, cwd=self.dir)
        if wait:
            self.wait_ready(timeout)

    def log_text(self):
        with open(self.output, errors="replace") as f:
            return f.read()

    def wait_ready(self, timeout=30):
        start_marker = self.log_text().rfind("----- start")

        def ready():
            if self.proc.poll() is not None:
                raise AssertionError(f"broker {self.id} exited with {self.proc.returncode}:\n{self.log_text()[-3000:]}")
            return READY_LINE in self.log_text()[start_marker:]

        wait_until(ready, timeout, f"broker {self.id} to log '{READY_LINE}'")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def terminate(self, timeout=30):
        """SIGTERM: a clean shutdown. Returns the exit code."""
        self.proc.send_signal(signal.SIGTERM)
        return self.wait_exit(timeout)

    def kill(self):
        """SIGKILL: a crash."""
        self.proc.kill()
        self.wait_exit()

    def wait_exit(self, timeout=None):
        """Waits for the process to end (after a signal sent with proc.send_signal, say, to
        stop several brokers at once). Returns the exit code."""
        code = self.proc.wait(timeout)
        self._log.close()
        return code

    def pause(self, timeout=60):
        """SIGSTOP, returning once every thread has stopped. A stop takes effect only when one
        thread takes the signal; if that thread sits in an uninterruptible wait (an fsync on a
        slow disk), the others run on meanwhile, the ZooKeeper client's heartbeats included."""
        self.proc.send_signal(signal.SIGSTOP)
        wait_until(self._stopped, timeout, f"broker {self.id} (pid {self.proc.pid}) to stop")

    def _stopped(self):
        task_dir = f"/proc/{self.proc.pid}/task"
        states = []
        for tid in os.listdir(task_dir):
            try:
                with open(os.path.join(task_dir, tid, "stat")) as f:
                    states.append(f.read().rsplit(")", 1)[1].split()[0])
            except FileNotFoundError:
                pass  # a thread that just ended
        return all(s in ("T", "t") for s in states)

    def resume(self):
        self.proc.send_signal(signal.SIGCONT)

    def dump_stacks(self):
        """Every thread's stack of the running process (gdb), into stacks.txt in its directory,
        for a test that found it stuck; returns the file, or None without gdb or process."""
        if not self.alive() or not shutil.which("gdb"):
            return None
        path = os.path.join(self.dir, "stacks.txt")
        with open(path, "w") as out:
            subprocess.run(["gdb", "-p", str(self.proc.pid), "-batch", "-ex", "thread apply all bt"],
                           stdout=out, stderr=subprocess.STDOUT, timeout=120)
        return path


class Cluster:
    """ZooKeeper plus N brokers (ids 0..N-1) in one temp dir, removed on close()."""

    def __init__(self, brokers=1, overrides=None, keep=False):
        os.makedirs(TEST_ROOT, exist_ok=True)
        self.root = tempfile.mkdtemp(prefix="kb-it-", dir=TEST_ROOT)
        self.keep = keep or bool(os.environ.get("KB_KEEP_TEST_DIRS"))
        self.zk = ZooKeeper(self.root)
        # __consumer_offsets wants 3 live brokers by default (Kafka's offsets.topic.replication.factor);
        # smaller test clusters get one that fits, as Kafka's own test harness does.
        overrides = dict(overrides or {})
        overrides.setdefault("offsets.topic.replication.factor", str(max(1, min(3, brokers))))
        self.brokers = [Broker(self.root, i, None, overrides) for i in range(brokers)]

    def zk_connect_for(self, broker):
        """The zookeeper.connect a broker is given (a subclass may route it through a proxy)."""
        return self.zk.connect

    def start(self):
        self.zk.start()
        for b in self.brokers:
            b.zk_connect = self.zk_connect_for(b)
            b.start(wait=False)
        for b in self.brokers:
            b.wait_ready()
        if self.brokers:
            # Clients that start now find every broker and a controller (admin requests go there).
            zk = self.zk.kazoo()
            try:
                ids = sorted(str(b.id) for b in self.brokers)
                wait_until(lambda: sorted(zk.get_children("/brokers/ids")) == ids and zk.exists("/controller"), 30,
                           "all brokers registered and a controller elected")
            finally:
                zk.stop()
            # ...and every broker has learned who it is, so Metadata names the controller.
            for b in self.brokers:
                wait_until(lambda: "controller is now broker" in b.log_text(), 30, f"broker {b.id} to know the controller")
        return self

    @property
    def bootstrap(self):
        return ",".join(b.bootstrap for b in self.brokers if b.alive())

    def print_log_tails(self, lines=80):
        """The end of every broker's log on stderr: what a failed test leaves to go on, since
        the cluster's directory is removed."""
        for b in self.brokers:
            try:
                with open(b.output, errors="replace") as f:
                    tail = f.readlines()[-lines:]
            except OSError as e:
                tail = [f"(unreadable: {e})\n"]
            sys.stderr.write(f"----- broker {b.id}: last {len(tail)} lines of {b.output}\n" + "".join(tail))

    def close(self):
        for b in self.brokers:
            if b.alive():
                try:
                    b.terminate(timeout=20)
                except Exception:
                    b.kill()
        self.zk.stop()
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
