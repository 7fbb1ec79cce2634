#!/usr/bin/python3
"""A live, read-only picture of a cluster.sh cluster: brokers (alive, controller, controller
epoch), topics and partitions (leader, replicas, ISR, under-replicated and offline
partitions, high watermark, log end offset), consumer groups (state, members, lag per
partition) and a timeline of events (broker died or returned, controller changed, leader
moved, ISR shrank or grew, partition offline or back, group state changed), built by
comparing what ZooKeeper and the brokers report from one moment to the next.

It reads what zkCli.sh and the Kafka protocol can see, plus each broker's Prometheus
/metrics (log end offsets); it never writes. Two faces:

    cluster_view.py --dir D watch          redraws the picture in the terminal every second
    cluster_view.py --dir D serve --port P  a web page at http://127.0.0.1:P/ that updates
                                           itself (server-sent events, within a second)

D is a cluster.sh directory (its cluster.env names the ports). Run through `cluster.sh
status --watch` and `cluster.sh view`.
"""
import argparse
import http.server
import json
import logging
import os
import queue
import sys
import threading
import time
import urllib.request

logging.disable(logging.CRITICAL)


def read_env(directory):
    env = {}
    with open(os.path.join(directory, "cluster.env")) as f:
        for line in f:
            if "=" in line:
                k, v = line.strip().split("=", 1)
                env[k] = v
    return env


class Observer:
    """Takes snapshots of the cluster; each snapshot is plain JSON-able data."""

    def __init__(self, env):
        from kazoo.client import KazooClient
        self.env = env
        self.zk = KazooClient(hosts=f"127.0.0.1:{env['ZK_PORT']}", timeout=5)
        self.zk.start(timeout=10)
        self.brokers = int(env["BROKERS"])
        self.first_broker_port = int(env["FIRST_BROKER_PORT"])
        self.first_metrics_port = int(env.get("FIRST_METRICS_PORT", 0))
        self.reader = None  # a consumer that only asks for high watermarks (ListOffsets)
        # What the Kafka protocol tells (high watermarks, groups) comes from its own thread:
        # a client call that waits on a dead broker must not stop the picture.
        self.kafka_lock = threading.Lock()
        self.high_watermarks = {}
        self.groups = []
        self.partitions_seen = []
        self.alive_seen = []
        self.stopping = threading.Event()
        self.refresher = threading.Thread(target=self._refresh_kafka_forever, daemon=True)
        self.refresher.start()

    def close(self):
        self.stopping.set()
        self.refresher.join(timeout=30)
        if self.reader:
            self.reader.close()
        self.zk.stop()

    def refresh_kafka(self):
        """One round of the Kafka-side reads; a failed groups listing keeps the last one."""
        with self.kafka_lock:
            partitions = list(self.partitions_seen)
            alive = list(self.alive_seen)
        hw = {key: self._high_watermark(*key) for key in partitions}
        bootstrap = ",".join(f"127.0.0.1:{self.first_broker_port + b}" for b in alive)
        groups = self._groups(bootstrap) if bootstrap else []
        with self.kafka_lock:
            self.high_watermarks = hw
            if groups is not None:
                self.groups = groups

    def _refresh_kafka_forever(self):
        while not self.stopping.is_set():
            try:
                self.refresh_kafka()
            except Exception as e:
                print(f"cluster_view: Kafka-side refresh failed: {e}", file=sys.stderr)
            self.stopping.wait(0.5)

    def _high_watermark(self, topic, partition):
        from confluent_kafka import Consumer, TopicPartition
        if self.reader is None:
            servers = ",".join(f"127.0.0.1:{self.first_broker_port + b}" for b in range(self.brokers))
            self.reader = Consumer({"bootstrap.servers": servers, "group.id": "cluster-view-unused",
                                    "enable.auto.commit": False, "socket.timeout.ms": 2000})
        try:
            return self.reader.get_watermark_offsets(TopicPartition(topic, partition), timeout=1, cached=False)[1]
        except Exception:  # offline, or its leader unreachable
            return None

    def _json(self, path):
        from kazoo.exceptions import NoNodeError
        try:
            data, _ = self.zk.get(path)
            return json.loads(data) if data else None
        except (NoNodeError, ValueError):
            return None

    def _log_offsets(self, broker):
        """{(topic, partition): (log start, log end)} from a live broker's /metrics."""
        if not self.first_metrics_port:
            return {}
        out = {}
        try:
            url = f"http://127.0.0.1:{self.first_metrics_port + broker}/metrics"
            with urllib.request.urlopen(url, timeout=1) as r:
                text = r.read().decode()
        except Exception:  # down, or cut off mid-answer
            return {}
        for line in text.splitlines():
            for name, index in (("kafka_log_log_logstartoffset{", 0), ("kafka_log_log_logendoffset{", 1)):
                if line.startswith(name):
                    labels, value = line[len(name):].rsplit("} ", 1)
                    fields = dict(part.split("=", 1) for part in labels.split(","))
                    key = (fields["topic"].strip('"'), int(fields["partition"].strip('"')))
                    out.setdefault(key, [None, None])[index] = int(float(value))
        return out

    def _groups(self, bootstrap):
        """[{group, state, members, lag: {topic-partition: lag}}] through the Kafka protocol, or
        None when the groups could not be listed."""
        from confluent_kafka import Consumer, TopicPartition
        from confluent_kafka.admin import AdminClient
        out = []
        try:
            admin = AdminClient({"bootstrap.servers": bootstrap, "socket.timeout.ms": 2000})
            groups = admin.list_groups(timeout=2)
        except Exception:  # no broker reachable: keep the last list
            return None
        for g in sorted(groups, key=lambda g: g.id):
            assigned = []
            for m in g.members:
                assigned.append({"member": m.id, "client": m.client_id, "host": m.client_host})
            entry = {"group": g.id, "state": g.state, "members": assigned, "lag": {}}
            c = None
            try:
                c = Consumer({"bootstrap.servers": bootstrap, "group.id": g.id, "enable.auto.commit": False,
                              "socket.timeout.ms": 2000})
                topics = c.list_topics(timeout=2).topics
                parts = [TopicPartition(t, p) for t, md in topics.items() if not t.startswith("__")
                         for p in md.partitions]
                for tp in c.committed(parts, timeout=2):
                    if tp.offset >= 0:
                        _, high = c.get_watermark_offsets(tp, timeout=2, cached=False)
                        entry["lag"][f"{tp.topic}-{tp.partition}"] = {"committed": tp.offset, "end": high,
                                                                      "lag": max(high - tp.offset, 0)}
            except Exception:  # a lag we cannot read now is left out of this round
                pass
            finally:
                if c is not None:
                    c.close()
            out.append(entry)
        return out

    def snapshot(self):
        from kazoo.exceptions import NoNodeError
        alive = sorted(int(b) for b in self.zk.get_children("/brokers/ids"))
        controller = (self._json("/controller") or {}).get("brokerid")
        try:
            epoch = int(self.zk.get("/controller_epoch")[0])
        except (NoNodeError, ValueError):
            epoch = None
        with self.kafka_lock:
            high_watermarks = self.high_watermarks
        offsets = {}
        for b in alive:
            for key, value in self._log_offsets(b).items():
                offsets.setdefault(key, {})[b] = value
        topics = []
        try:
            names = sorted(self.zk.get_children("/brokers/topics"))
        except NoNodeError:
            names = []
        for name in names:
            assignment = (self._json(f"/brokers/topics/{name}") or {}).get("partitions", {})
            partitions = []
            for p in sorted(assignment, key=int):
                state = self._json(f"/brokers/topics/{name}/partitions/{p}/state") or {}
                leader = state.get("leader", -1)
                isr = state.get("isr", [])
                replicas = assignment[p]
                per_broker = offsets.get((name, int(p)), {})
                leader_offsets = per_broker.get(leader, [None, None])
                partitions.append({
                    "partition": int(p), "leader": leader, "leader_epoch": state.get("leader_epoch"),
                    "replicas": replicas, "isr": isr,
                    "offline": leader < 0 or leader not in alive,
                    "under_replicated": len(isr) < len(replicas),
                    "log_start": leader_offsets[0], "log_end": leader_offsets[1],
                    "high_watermark": None if leader < 0 or leader not in alive
                    else high_watermarks.get((name, int(p))),
                    "replica_log_ends": {str(b): v[1] for b, v in sorted(per_broker.items())},
                })
            topics.append({"topic": name, "internal": name.startswith("__"), "partitions": partitions})
        with self.kafka_lock:
            self.partitions_seen = [(t["topic"], p["partition"]) for t in topics if not t["internal"]
                                    for p in t["partitions"] if not p["offline"]]
            self.alive_seen = alive
            groups = self.groups
        return {
            "time_ms": int(time.time() * 1000),
            "brokers": [{"id": b, "alive": b in alive, "controller": b == controller,
                         "address": f"127.0.0.1:{self.first_broker_port + b}"} for b in range(self.brokers)]
                       + [{"id": b, "alive": True, "controller": b == controller, "address": "?"}
                          for b in alive if b >= self.brokers],
            "controller": controller, "controller_epoch": epoch,
            "topics": topics,
            "groups": groups,
        }


def changes(before, after):
    """The events between two snapshots, as one-line texts."""
    if before is None:
        return []
    out = []
    was = {b["id"]: b["alive"] for b in before["brokers"]}
    for b in after["brokers"]:
        if was.get(b["id"]) and not b["alive"]:
            out.append(f"broker {b['id']} died (its /brokers/ids znode went)")
        elif was.get(b["id"]) is False and b["alive"]:
            out.append(f"broker {b['id']} is back")
    if before["controller"] != after["controller"]:
        out.append(f"controller: broker {before['controller']} -> broker {after['controller']} "
                   f"(controller epoch {after['controller_epoch']})")
    old = {(t["topic"], p["partition"]): p for t in before["topics"] for p in t["partitions"]}
    for t in after["topics"]:
        for p in t["partitions"]:
            q = old.get((t["topic"], p["partition"]))
            name = f"{t['topic']}-{p['partition']}"
            if t["internal"]:
                continue  # __consumer_offsets' 50 partitions would drown the timeline
            if q is None or q["leader_epoch"] is None:  # new, or its state znode was not written yet
                if p["leader_epoch"] is not None:
                    out.append(f"{name} created, leader {p['leader']}, replicas {p['replicas']}")
                continue
            if p["offline"] and not q["offline"]:
                out.append(f"{name} OFFLINE (no live leader)")
            elif q["offline"] and not p["offline"]:
                out.append(f"{name} back online, leader {p['leader']}")
            if p["leader"] != q["leader"] and p["leader"] >= 0:
                out.append(f"{name} leader moved {q['leader']} -> {p['leader']} (leader epoch {p['leader_epoch']})")
            if set(p["isr"]) != set(q["isr"]):
                verb = "shrank" if len(p["isr"]) < len(q["isr"]) else "grew" if len(p["isr"]) > len(q["isr"]) else "changed"
                out.append(f"{name} ISR {verb} {q['isr']} -> {p['isr']}")
    states = {g["group"]: g["state"] for g in before["groups"]}
    for g in after["groups"]:
        if states.get(g["group"]) != g["state"]:
            out.append(f"group {g['group']}: {states.get(g['group'], 'new')} -> {g['state']}")
    for name in sorted(set(states) - {g["group"] for g in after["groups"]}):
        out.append(f"group {name} is gone")
    return out


class Timeline:
    """Snapshots taken every `interval` s by one thread; the latest one and the events so far."""

    def __init__(self, observer, interval=0.5):
        self.observer, self.interval = observer, interval
        self.latest, self.events = None, []
        self.lock = threading.Condition()
        self.version = 0

    def step(self):
        snap = self.observer.snapshot()
        new = [{"time_ms": snap["time_ms"], "text": t} for t in changes(self.latest, snap)]
        with self.lock:
            self.latest = snap
            self.events = (self.events + new)[-200:]
            self.version += 1
            self.lock.notify_all()

    def run_forever(self):
        while True:
            try:
                self.step()
            except Exception as e:  # ZooKeeper away for a moment: keep the last picture
                print(f"cluster_view: snapshot failed: {e}", file=sys.stderr)
            time.sleep(self.interval)

    def state(self):
        with self.lock:
            return {"snapshot": self.latest, "events": self.events, "version": self.version}


def render_text(state):
    snap, events = state["snapshot"], state["events"]
    lines = [time.strftime("%H:%M:%S") + "  cluster view (read-only; Ctrl-C to stop)", ""]
    if not snap:
        return "\n".join(lines + ["(waiting for the first snapshot)"])
    lines.append(f"controller: broker {snap['controller']}   controller epoch: {snap['controller_epoch']}")
    lines.append("brokers:    " + "  ".join(
        f"{b['id']}:{'up' if b['alive'] else 'DOWN'}{'*' if b['controller'] else ''}" for b in snap["brokers"]))
    lines.append("")
    lines.append(f"{'PARTITION':<28}{'LEADER':>7}{'EPOCH':>7}  {'REPLICAS':<12}{'ISR':<12}{'HW/LEO':>14}  STATUS")
    for t in snap["topics"]:
        if t["internal"]:
            continue
        for p in t["partitions"]:
            status = "OFFLINE" if p["offline"] else ("UNDER-REPLICATED" if p["under_replicated"] else "ok")
            end = f"{'-' if p['high_watermark'] is None else p['high_watermark']}/" \
                  f"{'-' if p['log_end'] is None else p['log_end']}"
            lines.append(f"{t['topic'] + '-' + str(p['partition']):<28}{p['leader']:>7}{str(p['leader_epoch']):>7}  "
                         f"{','.join(map(str, p['replicas'])):<12}{','.join(map(str, p['isr'])):<12}{end:>14}  {status}")
    if snap["groups"]:
        lines.append("")
        lines.append(f"{'GROUP':<24}{'STATE':<22}{'MEMBERS':>8}  LAG")
        for g in snap["groups"]:
            lag = ", ".join(f"{k}:{v['lag']}" for k, v in sorted(g["lag"].items())) or "-"
            lines.append(f"{g['group']:<24}{g['state']:<22}{len(g['members']):>8}  {lag}")
    lines.append("")
    lines.append("events:")
    for e in events[-12:]:
        lines.append(time.strftime("  %H:%M:%S ", time.localtime(e["time_ms"] / 1000)) + e["text"])
    return "\n".join(lines)


def watch(timeline, once=False):
    if once:
        timeline.step()  # which partitions and brokers there are, for the Kafka-side reads
        timeline.observer.refresh_kafka()
    while True:
        try:
            timeline.step()
        except Exception as e:  # ZooKeeper away for a moment: keep the last picture
            print(f"cluster_view: snapshot failed: {e}", file=sys.stderr)
        text = render_text(timeline.state())
        if once:
            print(text)
            return
        sys.stdout.write("\x1b[H\x1b[2J" + text + "\n")
        sys.stdout.flush()
        time.sleep(1)


PAGE = os.path.join(os.path.dirname(os.path.realpath(__file__)), "cluster_view.html")


def serve(timeline, port):
    threading.Thread(target=timeline.run_forever, daemon=True).start()

    class Handler(http.server.BaseHTTPRequestHandler):
        timeout = 30  # a client that stops reading (or never asks) lets its thread go

        def log_message(self, *args):
            pass

        def _send(self, code, body, kind):
            data = body.encode() if isinstance(body, str) else body
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = self.path.split("?")[0]
            if path == "/":
                with open(PAGE, "rb") as f:
                    self._send(200, f.read(), "text/html; charset=utf-8")
            elif path == "/api/state":
                self._send(200, json.dumps(timeline.state()), "application/json")
            elif path == "/api/events":
                # Server-sent events: the state each time it changes (at most every 0.5 s).
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                seen = -1
                try:
                    while True:
                        with timeline.lock:
                            timeline.lock.wait_for(lambda: timeline.version != seen, timeout=15)
                        state = timeline.state()
                        seen = state["version"]
                        self.wfile.write(b"data: " + json.dumps(state).encode() + b"\n\n")
                        self.wfile.flush()
                except OSError:  # the browser went away, or stopped reading
                    return
            else:
                self._send(404, "Not found\n", "text/plain")

        def do_POST(self):
            self._send(405, "Read-only\n", "text/plain")

        do_PUT = do_DELETE = do_POST

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(f"cluster view on http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", required=True, help="the cluster.sh directory")
    sub = ap.add_subparsers(dest="command", required=True)
    w = sub.add_parser("watch", help="redraw the picture in the terminal every second")
    w.add_argument("--once", action="store_true", help="print one picture and exit")
    s = sub.add_parser("serve", help="serve the live web page")
    s.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.dir, "cluster.env")):
        sys.exit(f"cluster_view.py: no cluster in {args.dir} (no cluster.env)")
    observer = Observer(read_env(args.dir))
    timeline = Timeline(observer)
    try:
        if args.command == "watch":
            watch(timeline, once=args.once)
        else:
            serve(timeline, args.port)
    except KeyboardInterrupt:
        pass
    finally:
        observer.close()


if __name__ == "__main__":
    main()
