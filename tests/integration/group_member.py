"""One consumer-group member in its own process, for tests that kill or restart members.

    group_member.py BOOTSTRAP GROUP TOPIC [--instance ID] [--session-ms N] [--commit]

Subscribes to TOPIC in GROUP with confluent-kafka and prints one JSON object per line:
  {"event": "assigned", "partitions": [...]}   after each rebalance that gives it partitions
  {"event": "revoked", "partitions": [...]}
  {"event": "record", "partition": p, "offset": o, "value": "..."}
  {"event": "committed", "partition": p, "offset": o}   (with --commit: a synchronous commit
                                                       of offset o+1 acknowledged by the broker)
Runs until killed. Run with /usr/bin/python3.
"""
import argparse
import json
import sys

from confluent_kafka import Consumer, TopicPartition


def emit(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bootstrap")
    ap.add_argument("group")
    ap.add_argument("topic")
    ap.add_argument("--instance")
    ap.add_argument("--session-ms", type=int, default=6000)
    ap.add_argument("--commit", action="store_true")
    a = ap.parse_args()
    conf = {"bootstrap.servers": a.bootstrap, "group.id": a.group, "auto.offset.reset": "earliest",
            "enable.auto.commit": False, "session.timeout.ms": a.session_ms, "heartbeat.interval.ms": 500}
    if a.instance:
        conf["group.instance.id"] = a.instance
    c = Consumer(conf)
    c.subscribe([a.topic],
                on_assign=lambda _, ps: emit(event="assigned", partitions=sorted(p.partition for p in ps)),
                on_revoke=lambda _, ps: emit(event="revoked", partitions=sorted(p.partition for p in ps)))
    while True:
        m = c.poll(0.2)
        if m is None or m.error():
            continue
        emit(event="record", partition=m.partition(), offset=m.offset(), value=m.value().decode())
        if a.commit:
            c.commit(offsets=[TopicPartition(m.topic(), m.partition(), m.offset() + 1)], asynchronous=False)
            emit(event="committed", partition=m.partition(), offset=m.offset() + 1)


if __name__ == "__main__":
    main()
