"""The checker of a nemesis run (nemesis_run.py): once the faults are healed and the clients
stopped, what every partition holds on every replica and what the clients saw, judged against
what a Kafka cluster with min.insync.replicas=2 and unclean election off promises:

  lost                 an acknowledged write nowhere in its partition
  misplaced            an acknowledged write found, but not at the offset it was acknowledged with
  duplicated           one write at two offsets (the producer is idempotent)
  reordered            a write before one its producer sent earlier, in one partition
  replicas differ      one offset holding different records on two replicas, or a replica
                       holding a record the leader's log does not
  inconsistent reads   a consumer or reader given, at some offset, a record the final log does
                       not hold there (it read data that was later truncated)
  commits went back    the group's committed offset for a partition observed lower than before,
                       or lower than a commit the coordinator acknowledged
  unread by the group  an acknowledged write no member of the group was ever given

Each is a list of descriptions; a run passes when all are empty.
"""
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from acked_producer import anomalies, value_of  # noqa: E402
from replica_logs import replica_records  # noqa: E402

KINDS = ("lost", "misplaced", "duplicated", "reordered", "replicas differ", "inconsistent reads",
         "commits went back", "unread by the group")


def replicas_differ(final, on_disk):
    """`final`: {partition: [(offset, value)]} read through the leader up to its high watermark;
    `on_disk`: {partition: {broker: [(offset, value)]}} read from each replica's segments once
    they converged. Any offset whose record differs between two sources."""
    out = []
    for p, by_broker in on_disk.items():
        sources = {"the leader's log": dict(final[p]), **{f"replica {b}": dict(r) for b, r in by_broker.items()}}
        names = sorted(sources)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                common = sources[a].keys() & sources[b].keys()
                bad = sorted(o for o in common if sources[a][o] != sources[b][o])
                if bad:
                    o = bad[0]
                    out.append(f"partition {p}: {a} and {b} differ at {len(bad)} offsets, first {o}: "
                               f"{sources[a][o]} vs {sources[b][o]}")
        high = len(final[p]) and final[p][-1][0] + 1
        for b, records in by_broker.items():
            missing = [o for o, _ in records if o < high and o not in sources["the leader's log"]]
            if missing:
                out.append(f"partition {p}: replica {b} holds offsets the leader's log does not, first {missing[0]}")
            short = high - (records[-1][0] + 1 if records else 0)
            if short > 0:
                out.append(f"partition {p}: replica {b} ends {short} records below the high watermark {high}")
    return out


def inconsistent_reads(final, reads):
    """`reads`: {reader name: [(partition, offset, value)]}. A record read at an offset where the
    final log holds another (or nothing)."""
    out = []
    at = {p: dict(records) for p, records in final.items()}
    for name, records in reads.items():
        bad = [(p, o, v) for p, o, v in records if at.get(p, {}).get(o) != v]
        if bad:
            p, o, v = bad[0]
            out.append(f"{name} read {len(bad)} records the final log does not hold at their offsets, "
                       f"first partition {p} offset {o}: {v} (the log has {at.get(p, {}).get(o)})")
    return out


def commits_went_back(acknowledged, observed):
    """`acknowledged`: [(partition, offset, sent, acknowledged)] of commits the coordinator
    acknowledged, from every member; `observed`: [(partition, offset, asked, answered)] of
    committed offsets read back (OffsetFetch; -1 for none). Times are monotonic seconds.
    Committed offsets only move forward: whenever one of these finished before another began,
    the later one's offset is not lower. Overlapping ones are not judged (either order is
    possible)."""
    out = []
    by_partition = defaultdict(list)
    for p, o, start, end in acknowledged:
        by_partition[p].append((start, end, o, "an acknowledged commit"))
    for p, o, start, end in observed:
        by_partition[p].append((start, end, o, "an observed committed offset"))
    for p, events in sorted(by_partition.items()):
        finished = sorted(events, key=lambda e: e[1])
        highest = None  # (offset, event) of the highest among those finished so far
        i = 0
        for start, end, o, kind in sorted(events):
            while i < len(finished) and finished[i][1] < start:
                if highest is None or finished[i][2] > highest[0]:
                    highest = (finished[i][2], finished[i])
                i += 1
            if highest is not None and o < highest[0]:
                _, (_, e_end, e_o, e_kind) = highest
                out.append(f"partition {p}: {kind} of {o} (begun t={start:.3f}) after {e_kind} of {e_o} "
                           f"(finished t={e_end:.3f})")
    return out


def unread_by_group(acked, group_records):
    """Acknowledged writes no group member was given (at least once is the contract)."""
    given = {(p, v) for p, _, v in group_records}
    missing = [(p, seq) for p, _, seq, _ in acked if (p, value_of(p, seq)) not in given]
    if not missing:
        return []
    per_partition = defaultdict(list)
    for p, seq in missing:
        per_partition[p].append(seq)
    return [f"partition {p}: {len(seqs)} acknowledged writes never given to the group, first seq {min(seqs)}"
            for p, seqs in sorted(per_partition.items())]


def verdict(acked, final, on_disk, reads, group_records, acknowledged_commits, observed_commits):
    """{kind: [descriptions]} over every kind in KINDS."""
    found = anomalies(acked, final)
    found["replicas differ"] = replicas_differ(final, on_disk)
    found["inconsistent reads"] = inconsistent_reads(final, reads)
    found["commits went back"] = commits_went_back(acknowledged_commits, observed_commits)
    found["unread by the group"] = unread_by_group(acked, group_records)
    return {kind: found[kind] for kind in KINDS}


def read_replicas(brokers, topic, assignment):
    """{partition: {broker id: replica_records}} for every replica in `assignment`
    ({partition: [broker ids]})."""
    by_id = {b.id: b for b in brokers}
    return {p: {b: replica_records(by_id[b].log_dir, topic, p) for b in replicas}
            for p, replicas in assignment.items()}
