"""What each replica of a partition holds on disk, for checking that replicas agree: read
straight from the segment files, not through a broker."""
import os
import struct


def batch_fingerprints(log_dir, topic, partition):
    """(base offset, last offset, CRC) of every whole batch in a replica's segments: replicas that
    agree hold the same records at the same offsets (the CRC covers everything but the base offset
    and leader epoch)."""
    directory = os.path.join(log_dir, f"{topic}-{partition}")
    out = []
    for name in sorted(f for f in os.listdir(directory) if f.endswith(".log")):
        with open(os.path.join(directory, name), "rb") as f:
            data = f.read()
        at = 0
        while at + 61 <= len(data):
            base_offset, length = struct.unpack_from(">qi", data, at)
            if length <= 0 or at + 12 + length > len(data):
                break
            (crc,) = struct.unpack_from(">I", data, at + 17)
            (last_delta,) = struct.unpack_from(">i", data, at + 23)
            out.append((base_offset, base_offset + last_delta, crc))
            at += 12 + length
    return out


def describe_divergence(fingerprints):
    """Where each pair of replicas of a partition first differs (a replica holding batches its
    leader does not: a latent loss of the leader's records should it lead). `fingerprints` is
    {partition: {broker id: batch_fingerprints(...)}}."""
    out = []
    for p, by_broker in fingerprints.items():
        ids = sorted(by_broker)
        for a, b in zip(ids, ids[1:]):
            fa, fb = by_broker[a], by_broker[b]
            first = next((i for i, (x, y) in enumerate(zip(fa, fb)) if x != y), None)
            if first is not None:
                out.append(f"partition {p}: replicas {a} and {b} differ first at (base offset, last offset, crc) "
                           f"{fa[first]} vs {fb[first]}")
            elif len(fa) != len(fb):
                out.append(f"partition {p}: replica {a} has {len(fa)} batches, replica {b} {len(fb)}")
    return out


def replica_records(log_dir, topic, partition):
    """[(offset, value)] of every record in the whole batches of a replica's segments, in log
    order, decoded with kafka-python (magic 2 batches and legacy message sets)."""
    from kafka.record import MemoryRecords
    directory = os.path.join(log_dir, f"{topic}-{partition}")
    out = []
    for name in sorted(f for f in os.listdir(directory) if f.endswith(".log")):
        with open(os.path.join(directory, name), "rb") as f:
            records = MemoryRecords(f.read())
        while (batch := records.next_batch()) is not None:
            out.extend((record.offset, record.value) for record in batch)
    return out
