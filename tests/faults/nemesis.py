"""The nemesis of a nemesis run (nemesis_run.py): the faults it injects, the schedule it draws
from a seed, and what it waits for before the next fault.

A schedule is a list of steps, each a fault kind with a pick (which partition's leader, which
second broker, which ZooKeeper servers: a number in [0, 1) the fault turns into a target from
the cluster's state at that moment), how long the fault holds before it is healed, and how long
the cluster stays quiet afterwards. The same seed and kinds give the same steps; each step's
printed line names the brokers it hit, so a failure replays.

Fault kinds, by what the cluster needs:
  any cluster      kill-, term-, stop- of the leader of a partition, of the controller, of two
                   brokers at once (the leader and another): SIGKILL then restart, SIGTERM (a
                   controlled shutdown) then restart, SIGSTOP past the ZooKeeper session then
                   SIGCONT; bounce-clean and bounce-hard: the leader of a partition restarted
                   five times in a row with SIGTERM or SIGKILL (ducktape's replication matrix)
  netns            isolate-leader (from ZooKeeper and the other brokers, both ways; clients still
                   reach it), leader-zk-cut (from ZooKeeper only), isolate-controller, one-way-leader
                   (the leader's packets to the other brokers dropped; theirs still arrive)
  ensemble         zk-leader-loss (the ensemble's leader killed, restarted after the hold),
                   zk-quorum-loss (two of three servers killed for the hold), zk-restart (all three
                   stopped, started after the hold), leader-session-expiry (the leader of a partition
                   frozen until ZooKeeper expires its session)
  proxied          (every link into a broker through a userspace proxy, link_proxy.py: this
                   kernel has no sch_netem) slow-leader (50-400 ms more per chunk into and out of
                   the leader, with jitter), lossy-leader (5-20% of chunks stalled 0.2-1 s, as TCP
                   stalls on a lost segment), slow-leader-zk (the leader's ZooKeeper link delayed
                   by 1/6 to 1/3 of the session timeout each way)

After healing, a step is settled once every broker is up and registered, every partition has a
leader and its whole replica set in the ISR, and every partition took `progress` more
acknowledged writes.
"""
import json
import os
import random
import signal
import sys
import time
from dataclasses import dataclass

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from harness import wait_until  # noqa: E402

_SIGNALS = {"kill": signal.SIGKILL, "term": signal.SIGTERM, "stop": signal.SIGSTOP}
_SIGNAL_TARGETS = ("leader", "controller", "two")
PROCESS_KINDS = [f"{how}-{what}" for what in _SIGNAL_TARGETS for how in _SIGNALS] + ["bounce-clean", "bounce-hard"]
NETWORK_KINDS = ["isolate-leader", "leader-zk-cut", "isolate-controller", "one-way-leader"]
ZOOKEEPER_KINDS = ["zk-leader-loss", "zk-quorum-loss", "zk-restart", "leader-session-expiry"]
LINK_KINDS = ["slow-leader", "lossy-leader", "slow-leader-zk"]
ALL_KINDS = PROCESS_KINDS + NETWORK_KINDS + ZOOKEEPER_KINDS + LINK_KINDS
GROUPS = {"process": PROCESS_KINDS, "network": NETWORK_KINDS, "zookeeper": ZOOKEEPER_KINDS, "link": LINK_KINDS,
          "all": ALL_KINDS}
_NEEDS = {**{k: "netns" for k in NETWORK_KINDS}, **{k: "ensemble" for k in ZOOKEEPER_KINDS},
          **{k: "proxied" for k in LINK_KINDS}}


def needs(kind):
    """The cluster a fault kind needs: "netns", "ensemble", "proxied" or "any"."""
    return _NEEDS.get(kind, "any")


@dataclass
class Step:
    kind: str
    pick: float
    hold: float  # seconds the fault stays before it is healed (past the session for stop-)
    quiet: float  # seconds of calm after the step settled

    def __str__(self):
        return f"{self.kind} pick={self.pick:.3f} hold={self.hold:.1f}s quiet={self.quiet:.1f}s"


def draw_schedule(seed, kinds, rounds, session_s):
    """`rounds` steps over `kinds` (each kind once per pass, in an order drawn from the seed)."""
    rng = random.Random(seed)
    steps = []
    for _ in range(rounds):
        order = list(kinds)
        rng.shuffle(order)
        for kind in order:
            if kind.startswith("stop-"):
                hold = session_s + rng.uniform(1.0, 3.0)  # past the session: it expires
            elif kind == "zk-quorum-loss":
                hold = rng.uniform(1.0, 2.0 * session_s)  # shorter or longer than the session
            else:
                hold = rng.uniform(1.0, 9.0)
            steps.append(Step(kind, rng.random(), round(hold, 1), round(rng.uniform(0.5, 2.0), 1)))
    return steps


@dataclass
class Outcome:
    step: Step
    did: str  # what was done, naming the targets
    injected: float  # monotonic times
    healed: float
    settled: float


class Nemesis:
    """Injects Steps into `cluster` (a harness Cluster, NetnsCluster or EnsembleCluster) whose
    topic `topic` has `partitions`, while `producer` (an AckedProducer on every partition)
    writes; run(step) returns once the cluster has settled again."""

    def __init__(self, cluster, topic, partitions, producer, session_s, progress=20, log=print):
        self.cluster = cluster
        self.topic = topic
        self.partitions = list(partitions)
        self.producer = producer
        self.session_s = session_s
        self.progress = progress
        self.log = log
        self.zk = cluster.zk.kazoo()

    def close(self):
        self.zk.stop()
        self.zk.close()

    # ----- what the cluster looks like, read from ZooKeeper (None while it cannot be read)

    def _ask(self, call, *args):
        """A kazoo call with a deadline (its blocking calls have none, so a stalled session would
        hang the run); None when ZooKeeper does not answer or the node is absent."""
        from kazoo.exceptions import KazooException
        from kazoo.handlers.threading import KazooTimeoutError
        try:
            return call(*args).get(timeout=5)
        except (KazooException, KazooTimeoutError):
            return None

    def _read(self, path):
        """The JSON in a znode; None when absent or unreadable now."""
        answer = self._ask(self.zk.get_async, path)
        return json.loads(answer[0]) if answer else None

    def state(self, p):
        return self._read(f"/brokers/topics/{self.topic}/partitions/{p}/state")

    def assignment(self):
        """{partition: [replica ids]}, or None while ZooKeeper cannot be read."""
        topic = self._read(f"/brokers/topics/{self.topic}")
        return topic and {int(p): r for p, r in topic["partitions"].items()}

    def leader_of(self, p):
        state = wait_until(lambda: (s := self.state(p)) and s["leader"] >= 0 and s, 60, f"a leader for partition {p}")
        return self.cluster.brokers[state["leader"]]

    def controller(self):
        c = wait_until(lambda: self._read("/controller"), 60, "a controller")
        return self.cluster.brokers[c["brokerid"]]

    def settled(self):
        """Every broker up and registered; every partition led, with its whole replica set in sync."""
        if not all(b.alive() for b in self.cluster.brokers):
            return False
        registered = self._ask(self.zk.get_children_async, "/brokers/ids")
        if registered is None or set(registered) != {str(b.id) for b in self.cluster.brokers}:
            return False
        assignment = self.assignment()
        if assignment is None:
            return False
        for p in self.partitions:
            s = self.state(p)
            if not s or s["leader"] < 0 or sorted(s["isr"]) != sorted(assignment[p]):
                return False
        return True

    # ----- running a step

    def run(self, step):
        injected = time.monotonic()
        did, heal = self._inject(step)
        self.log(f"  {step.kind}: {did}")
        wait_s = step.hold - (time.monotonic() - injected)
        if wait_s > 0:
            time.sleep(wait_s)  # the fault's duration, not synchronisation: it is what the schedule says
        healed = time.monotonic()
        heal()
        before = {p: self.producer.acked_count(p) for p in self.partitions}
        wait_until(self.settled, 180, f"the cluster to settle after {step.kind}", interval=0.2)
        wait_until(lambda: all(self.producer.acked_count(p) >= before[p] + self.progress for p in self.partitions),
                   180, f"every partition to take {self.progress} acknowledged writes after {step.kind}")
        settled = time.monotonic()
        time.sleep(step.quiet)  # calm between faults, as scheduled
        return Outcome(step, did, injected, healed, settled)

    def _inject(self, step):
        """Starts the step's fault; returns what was done and how to heal it."""
        how, _, what = step.kind.partition("-")
        if how in _SIGNALS and what in _SIGNAL_TARGETS:
            return self._signal(what, _SIGNALS[how], step)
        return getattr(self, "_" + step.kind.replace("-", "_"))(step)

    # ----- targets

    def _partition(self, step):
        return self.partitions[int(step.pick * len(self.partitions))]

    def _target(self, what, step):
        """The brokers a process fault hits: the leader of the picked partition, the controller,
        or that leader and one other broker (picked too)."""
        if what == "controller":
            return [self.controller()]
        leader = self.leader_of(self._partition(step))
        if what == "leader":
            return [leader]
        others = [b for b in self.cluster.brokers if b is not leader]
        return [leader, others[int(step.pick * 997) % len(others)]]

    def _describe(self, brokers):
        return " and ".join(f"broker {b.id}" for b in brokers)

    # ----- process faults

    def _signal(self, what, sig, step):
        brokers = self._target(what, step)
        for b in brokers:  # at once: every signal is sent before any process is waited for
            b.proc.send_signal(sig)
        if sig == signal.SIGSTOP:
            for b in brokers:
                b.pause()  # returns once every thread has stopped
            return f"SIGSTOP {self._describe(brokers)} for {step.hold:.1f}s", lambda: [b.resume() for b in brokers]
        for b in brokers:
            b.wait_exit(60)

        def restart():
            for b in brokers:
                b.start(wait=False)
            for b in brokers:
                b.wait_ready(60)
        name = "SIGKILL" if sig == signal.SIGKILL else "SIGTERM"
        return f"{name} {self._describe(brokers)}, restarted after {step.hold:.1f}s", restart

    def _bounce(self, sig, step):
        """The picked partition's leader, whoever it is each time, restarted five times in a row."""
        bounced = []
        for _ in range(5):
            b = self.leader_of(self._partition(step))
            b.proc.send_signal(sig)
            b.wait_exit(60)
            b.start(wait=True, timeout=60)
            bounced.append(b.id)
        name = "SIGTERM" if sig == signal.SIGTERM else "SIGKILL"
        return f"{name} and restart of partition {self._partition(step)}'s leader five times: brokers {bounced}", \
            lambda: None

    def _bounce_clean(self, step):
        return self._bounce(signal.SIGTERM, step)

    def _bounce_hard(self, step):
        return self._bounce(signal.SIGKILL, step)

    # ----- network faults (NetnsCluster)

    def _isolate(self, broker, from_hosts):
        host = self.cluster.host_of(broker)
        self.cluster.partition([host], [h for h in from_hosts if h != host])
        return self.cluster.heal

    def _isolate_leader(self, step):
        b = self.leader_of(self._partition(step))
        return f"broker {b.id} (leader of {self._partition(step)}) cut from ZooKeeper and the brokers", \
            self._isolate(b, self.cluster.hosts())

    def _leader_zk_cut(self, step):
        b = self.leader_of(self._partition(step))
        return f"broker {b.id} (leader of {self._partition(step)}) cut from ZooKeeper", self._isolate(b, ["zk"])

    def _isolate_controller(self, step):
        b = self.controller()
        return f"broker {b.id} (controller) cut from ZooKeeper and the brokers", self._isolate(b, self.cluster.hosts())

    def _one_way_leader(self, step):
        b = self.leader_of(self._partition(step))
        host = self.cluster.host_of(b)
        for other in self.cluster.brokers:
            if other is not b:
                self.cluster.cut(host, self.cluster.host_of(other))
        return f"broker {b.id} (leader of {self._partition(step)}) drops what it sends to the other brokers", \
            self.cluster.heal

    # ----- ZooKeeper faults (EnsembleCluster)

    def _restart_servers(self, servers):
        def restart():
            for s in servers:
                s.start()
            self.cluster.zk.wait_serving(120)
        return restart

    def _zk_leader_loss(self, step):
        s = wait_until(self.cluster.zk.leader, 60, "a ZooKeeper leader")
        s.stop(signal.SIGKILL)
        return f"SIGKILL ZooKeeper server {s.sid} (the ensemble's leader)", self._restart_servers([s])

    def _zk_quorum_loss(self, step):
        servers = list(self.cluster.zk.servers)
        spared = servers.pop(int(step.pick * len(servers)))
        for s in servers:
            s.stop(signal.SIGKILL)
        return (f"SIGKILL ZooKeeper servers {[s.sid for s in servers]} (server {spared.sid} left without quorum)",
                self._restart_servers(servers))

    def _zk_restart(self, step):
        servers = self.cluster.zk.servers
        for s in servers:
            s.stop(signal.SIGTERM)
        return "SIGTERM every ZooKeeper server", self._restart_servers(servers)

    def _leader_session_expiry(self, step):
        b = self.leader_of(self._partition(step))
        b.pause()
        def expired():
            children = self._ask(self.zk.get_children_async, "/brokers/ids")
            return children is not None and str(b.id) not in children
        wait_until(expired, 120, f"broker {b.id}'s session to expire")
        return f"SIGSTOP broker {b.id} (leader of {self._partition(step)}) until its session expired", b.resume

    # ----- slow and lossy links (ProxiedCluster)

    def _severity(self, step):
        """A second number in [0, 1) from the step's pick, for how bad a link gets."""
        return (step.pick * 7919) % 1.0

    def _slow_leader(self, step):
        b = self.leader_of(self._partition(step))
        delay = 0.05 + 0.35 * self._severity(step)
        link = self.cluster.into[b.id]
        link.set_delay(delay, jitter=delay / 2)
        return f"broker {b.id} (leader of {self._partition(step)}): every link into it {delay * 1000:.0f} ms slower " \
               f"each way (+ up to {delay * 500:.0f} ms jitter)", link.clear

    def _lossy_leader(self, step):
        b = self.leader_of(self._partition(step))
        loss, stall = 0.05 + 0.15 * self._severity(step), 0.2 + 0.8 * step.pick
        for link in self.cluster.links_of(b):
            link.set_loss(loss, stall)
        return (f"broker {b.id} (leader of {self._partition(step)}): {loss * 100:.0f}% of chunks on its links, "
                f"ZooKeeper's included, stalled {stall * 1000:.0f} ms",
                lambda: [link.clear() for link in self.cluster.links_of(b)])

    def _slow_leader_zk(self, step):
        b = self.leader_of(self._partition(step))
        delay = self.session_s * (1 + self._severity(step)) / 6
        link = self.cluster.to_zk[b.id]
        link.set_delay(delay)
        return f"broker {b.id} (leader of {self._partition(step)}): its ZooKeeper link {delay * 1000:.0f} ms slower " \
               "each way", link.clear
