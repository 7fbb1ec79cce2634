"""An idempotent acks=all producer on a background thread that remembers every acknowledgement.

Each partition gets its own increasing sequence of values (b"<partition>:<seq>", seq from 0),
so a reader can check that every acknowledged record is in the log exactly once, at the offset
it was acknowledged with, and in order (problems_with). Used by the durability suite, the
reassignment test and the failover benchmark (which also reads the acknowledgement times).
Run with /usr/bin/python3 (Debian's confluent-kafka).
"""
import threading
import time

from confluent_kafka import Producer


def value_of(partition, seq):
    return f"{partition}:{seq}".encode()


def parse_value(value):
    """(partition, seq) of a value this producer wrote, or None for anything else."""
    try:
        p, s = value.decode().split(":")
        return int(p), int(s)
    except (UnicodeDecodeError, ValueError, AttributeError):
        return None


class AckedProducer:
    """Sends one record to each partition every `interval` seconds until stop().

    acked:  (partition, offset, seq, monotonic time of the delivery report) per acknowledgement;
            offset is None when librdkafka acknowledged a record implicitly (its request's answer
            was lost, a later request succeeded), so only its presence in the log is known.
    failed: (partition, seq, error) per record whose delivery failed.
    client_errors: errors librdkafka reported outside any record (a fatal one stops it).
    The lists are appended on the producer thread; readers only take len() or copies.
    """

    def __init__(self, bootstrap, topic, partitions, interval=0.005, config=None):
        self.topic = topic
        self.partitions = list(partitions)
        self.interval = interval
        self.acked, self.failed, self.client_errors = [], [], []
        self.sent = {p: 0 for p in self.partitions}
        self._acked_per_partition = {p: 0 for p in self.partitions}  # len(acked) by partition, kept as it grows
        settings = {"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True, "linger.ms": 1,
                    "message.timeout.ms": 120000, "error_cb": self.client_errors.append}
        settings.update(config or {})
        self.producer = Producer(settings)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="acked-producer", daemon=True)
        self.remaining = None
        self.exception = None  # what ended the thread early, if anything

    def _on_delivery(self, partition, seq):
        def report(err, msg):
            if err is not None:
                self.failed.append((partition, seq, err))
            else:
                self.acked.append((partition, msg.offset(), seq, time.monotonic()))
                self._acked_per_partition[partition] += 1
        return report

    def _run(self):
        try:
            self._send_until_stopped()
        except Exception as e:  # a fatal producer error surfaces as an exception from produce()
            self.exception = e

    def _send_until_stopped(self):
        next_tick = time.monotonic()
        while not self._stop.is_set():
            for p in self.partitions:
                seq = self.sent[p]
                self.producer.produce(self.topic, value=value_of(p, seq), partition=p,
                                      on_delivery=self._on_delivery(p, seq))
                self.sent[p] = seq + 1
            next_tick += self.interval
            # Serve delivery reports until the next tick, so their times are accurate.
            while (left := next_tick - time.monotonic()) > 0:
                self.producer.poll(left)
            next_tick = max(next_tick, time.monotonic() - self.interval)
        self.remaining = self.producer.flush(120)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        """Stops sending and waits for every outstanding record's report. Returns the number
        of records still undelivered (0 unless the flush timed out)."""
        self._stop.set()
        self._thread.join(180)
        if self._thread.is_alive():
            raise AssertionError("the producer thread did not finish flushing")
        return self.remaining

    def acked_count(self, partition=None):
        return len(self.acked) if partition is None else self._acked_per_partition[partition]

    def fatal_error(self):
        return next((e for e in list(self.client_errors) if e.fatal()), None)


def anomalies(acked, logs):
    """What contradicts "every acknowledged record is in the log exactly once, at its offset,
    and each partition's records are in the order they were sent", by kind:
      lost        an acknowledged record that is nowhere in its partition
      misplaced   an acknowledged record found, but not at the offset it was acknowledged with
      duplicated  one sent record at two offsets
      reordered   a record before one sent earlier
    `logs` is {partition: [(offset, value)]}; returns {kind: [description]}."""
    found = {k: [] for k in ("lost", "misplaced", "duplicated", "reordered")}
    at = {p: dict(records) for p, records in logs.items()}
    present = {p: {v for _, v in records} for p, records in logs.items()}
    for p, offset, seq, _ in acked:
        value = value_of(p, seq)
        if value not in present[p]:
            found["lost"].append(f"partition {p}: {value} was acknowledged at offset {offset}, not in the log")
        elif offset is not None and at[p].get(offset) != value:
            # offset None: librdkafka acknowledged the record implicitly (its request's answer
            # was lost, a later request of the same producer succeeded), so only presence counts.
            found["misplaced"].append(f"partition {p}: {value} was acknowledged at offset {offset}, "
                                      f"the log has {at[p].get(offset)} there")
    for p, records in logs.items():
        seqs = [(offset, parsed[1]) for offset, v in records if (parsed := parse_value(v)) and parsed[0] == p]
        seen = {}
        for offset, seq in seqs:
            if seq in seen:
                found["duplicated"].append(f"partition {p}: seq {seq} at offsets {seen[seq]} and {offset}")
            seen[seq] = offset
        for (o1, s1), (o2, s2) in zip(seqs, seqs[1:]):
            if s2 <= s1:
                found["reordered"].append(f"partition {p}: seq {s2} at offset {o2} follows seq {s1} at offset {o1}")
    return found


def problems_with(acked, logs):
    """Every anomaly (anomalies()) in one list: [] when the log holds what was acknowledged."""
    return [problem for problems in anomalies(acked, logs).values() for problem in problems]
