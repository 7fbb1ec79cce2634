"""The clients of a nemesis run (nemesis_run.py), besides the idempotent producer
(acked_producer.AckedProducer): consumers in a group that commit what they read, plain readers
of assigned partitions, and an observer of the group's committed offsets. Each records what it
saw, with times, for the checker (checker.py); none fails on a broker error, since errors are
what the run provokes: they are counted instead.

Run with /usr/bin/python3 (Debian's confluent-kafka).
"""
import threading
import time

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, KafkaException, TopicPartition


class _ClientThread:
    """A client loop on its own thread until stop(); an exception ends it and is kept."""

    def __init__(self, name):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._guarded, name=name, daemon=True)
        self.exception = None
        self.errors = []  # (monotonic time, error string) of broker errors met and survived

    def _guarded(self):
        try:
            self._run()
        except Exception as e:
            self.exception = e

    @property
    def name(self):
        return self._thread.name

    def start(self):
        self._thread.start()
        return self

    def stop(self, timeout=60):
        """Idempotent."""
        self._stop.set()
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise AssertionError(f"{self.name} did not stop within {timeout}s")


class GroupConsumer(_ClientThread):
    """A member of consumer group `group` subscribed to `topic`: reads from the committed offsets
    (earliest when none) and, after each batch it is given, commits synchronously the offset
    after the last record of each partition, as an at-least-once application does.

    records:   (partition, offset, value) of every record it was given
    commits:   (partition, committed offset, monotonic time sent, monotonic time acknowledged)
               of every commit the coordinator acknowledged, in the order acknowledged
    assigned:  (monotonic time, [partitions]) per rebalance
    """

    def __init__(self, bootstrap, group, topic, name, session_ms=6000):
        super().__init__(name)
        self.records, self.commits, self.assigned = [], [], []
        self._topic = topic
        self._consumer = Consumer({
            "bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
            "enable.auto.commit": False, "session.timeout.ms": session_ms, "heartbeat.interval.ms": 500,
            "error_cb": lambda e: self.errors.append((time.monotonic(), str(e)))})
        self._consumer.subscribe([topic], on_assign=self._on_assign)

    def _on_assign(self, _, partitions):
        self.assigned.append((time.monotonic(), sorted(p.partition for p in partitions)))

    def _run(self):
        try:
            while not self._stop.is_set():
                ends = {}
                for m in self._consumer.consume(500, 0.2):
                    if m.error():
                        if m.error().code() != KafkaError._PARTITION_EOF:
                            self.errors.append((time.monotonic(), str(m.error())))
                        continue
                    self.records.append((m.partition(), m.offset(), m.value()))
                    ends[m.partition()] = m.offset() + 1
                if ends:
                    self._commit(ends)
        finally:
            self._consumer.close()

    def _commit(self, ends):
        sent = time.monotonic()
        try:
            answer = self._consumer.commit(offsets=[TopicPartition(self._topic, p, o) for p, o in ends.items()],
                                           asynchronous=False)
        except KafkaException as e:
            # Not acknowledged (a coordinator move, a rebalance): the next batch's commit
            # covers it, or the next owner reads it again.
            self.errors.append((time.monotonic(), str(e)))
            return
        now = time.monotonic()
        for tp in answer:
            if tp.error is None:
                self.commits.append((tp.partition, tp.offset, sent, now))
            else:
                self.errors.append((now, str(tp.error)))


class AssignedReader(_ClientThread):
    """Reads every partition of `topic` from the beginning with assign() (no group), as long as
    it runs. records: (partition, offset, value) in the order read."""

    def __init__(self, bootstrap, topic, partitions, name):
        super().__init__(name)
        self.records = []
        self._consumer = Consumer({
            "bootstrap.servers": bootstrap, "group.id": f"{name}-unused", "enable.auto.commit": False,
            "enable.partition.eof": False,
            "error_cb": lambda e: self.errors.append((time.monotonic(), str(e)))})
        self._consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])

    def _run(self):
        try:
            while not self._stop.is_set():
                m = self._consumer.poll(0.2)
                if m is None:
                    continue
                if m.error():
                    self.errors.append((time.monotonic(), str(m.error())))
                    continue
                self.records.append((m.partition(), m.offset(), m.value()))
        finally:
            self._consumer.close()


class CommitObserver(_ClientThread):
    """Asks for group `group`'s committed offsets of `topic` every `interval` seconds without
    joining the group (OffsetFetch only). observed: (partition, offset, monotonic time asked,
    monotonic time answered) for each partition, per answer, offset -1 for "no committed
    offset"."""

    def __init__(self, bootstrap, group, topic, partitions, name, interval=0.25):
        super().__init__(name)
        self.observed = []
        self._partitions = [TopicPartition(topic, p) for p in partitions]
        self._interval = interval
        self._consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False,
                                   "error_cb": lambda e: self.errors.append((time.monotonic(), str(e)))})

    def _run(self):
        try:
            while not self._stop.wait(self._interval):
                asked = time.monotonic()
                try:
                    answer = self._consumer.committed(self._partitions, timeout=5)
                except KafkaException as e:
                    self.errors.append((time.monotonic(), str(e)))
                    continue
                answered = time.monotonic()
                for tp in answer:
                    if tp.error is None:
                        # librdkafka reports "none" as OFFSET_INVALID (-1001).
                        self.observed.append((tp.partition, max(tp.offset, -1), asked, answered))
        finally:
            self._consumer.close()

    def latest(self):
        """{partition: offset} from the newest answer."""
        out = {}
        for p, o, _, _ in self.observed:
            out[p] = o
        return out
