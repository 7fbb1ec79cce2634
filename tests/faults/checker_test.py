#!/usr/bin/python3
"""The nemesis checker (checker.py) on made-up histories: each verdict is empty for a history
that keeps Kafka's promises and names the anomaly in one that breaks it."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from acked_producer import value_of  # noqa: E402
from checker import KINDS, commits_went_back, inconsistent_reads, replicas_differ, unread_by_group, verdict  # noqa: E402


def log_of(p, seqs, start=0):
    """[(offset, value)]: the given seqs of partition p at consecutive offsets from `start`."""
    return [(start + i, value_of(p, s)) for i, s in enumerate(seqs)]


def acked_of(p, seqs):
    return [(p, i, s, float(i)) for i, s in enumerate(seqs)]


class VerdictTest(unittest.TestCase):
    def clean(self):
        final = {0: log_of(0, range(5)), 1: log_of(1, range(3))}
        acked = acked_of(0, range(5)) + acked_of(1, range(3))
        on_disk = {p: {b: list(r) for b in (0, 1, 2)} for p, r in final.items()}
        reads = {"reader": [(p, o, v) for p, r in final.items() for o, v in r]}
        group = reads["reader"]
        commits = [(0, 5, 0.9, 1.0), (1, 3, 1.4, 1.5)]
        observed = [(0, 2, 0.5, 0.6), (0, 5, 2.0, 2.1), (1, 3, 2.0, 2.1)]
        return acked, final, on_disk, reads, group, commits, observed

    def test_a_history_that_keeps_every_promise_has_no_verdict(self):
        found = verdict(*self.clean())
        self.assertEqual(list(found), list(KINDS))
        self.assertEqual({k: v for k, v in found.items() if v}, {})

    def test_an_acknowledged_write_missing_from_the_log_is_lost(self):
        acked, final, *rest = self.clean()
        final[0] = log_of(0, [0, 1, 2, 3])  # seq 4, acknowledged at offset 4, truncated away
        for b in (0, 1, 2):
            rest[0][0][b] = list(final[0])
        found = verdict(acked, final, *rest)
        self.assertEqual(len(found["lost"]), 1)
        self.assertIn("0:4", found["lost"][0])

    def test_an_acknowledged_write_at_another_offset_is_misplaced(self):
        acked, final, *rest = self.clean()
        acked[2] = (0, 7, 2, 2.0)
        self.assertEqual(len(verdict(acked, final, *rest)["misplaced"]), 1)

    def test_one_write_at_two_offsets_is_duplicated(self):
        acked, final, on_disk, *rest = self.clean()
        final[1] = log_of(1, [0, 1, 1, 2])
        acked = [a for a in acked if a[0] == 0] + [(1, 0, 0, 0.0), (1, 1, 1, 1.0), (1, 3, 2, 2.0)]
        on_disk[1] = {b: list(final[1]) for b in (0, 1, 2)}
        found = verdict(acked, final, on_disk, *rest)
        self.assertEqual(len(found["duplicated"]), 1)

    def test_a_write_before_one_sent_earlier_is_reordered(self):
        acked, final, on_disk, *rest = self.clean()
        final[1] = log_of(1, [0, 2, 1])
        acked = [a for a in acked if a[0] == 0] + [(1, 0, 0, 0.0), (1, 2, 1, 1.0), (1, 1, 2, 2.0)]
        on_disk[1] = {b: list(final[1]) for b in (0, 1, 2)}
        self.assertEqual(len(verdict(acked, final, on_disk, *rest)["reordered"]), 1)


class ReplicasDifferTest(unittest.TestCase):
    def test_identical_replicas_agree(self):
        final = {0: log_of(0, range(4))}
        self.assertEqual(replicas_differ(final, {0: {0: final[0], 1: final[0]}}), [])

    def test_one_offset_holding_different_records_on_two_replicas(self):
        final = {0: log_of(0, range(4))}
        other = log_of(0, [0, 1, 9, 3])
        found = replicas_differ(final, {0: {0: final[0], 1: other}})
        self.assertEqual(len(found), 2)  # replica 1 against the leader's log and against replica 0
        self.assertTrue(all("offset" in f or "offsets" in f for f in found))

    def test_a_replica_short_of_the_high_watermark(self):
        final = {0: log_of(0, range(4))}
        found = replicas_differ(final, {0: {0: final[0], 1: final[0][:3]}})
        self.assertEqual(found, ["partition 0: replica 1 ends 1 records below the high watermark 4"])

    def test_a_replica_holding_an_offset_the_leaders_log_lacks(self):
        final = {0: [(0, value_of(0, 0)), (2, value_of(0, 2))]}  # offset 1 absent (compacted away, say)
        extra = [(0, value_of(0, 0)), (1, value_of(0, 1)), (2, value_of(0, 2))]
        found = replicas_differ(final, {0: {0: final[0], 1: extra}})
        self.assertEqual(found, ["partition 0: replica 1 holds offsets the leader's log does not, first 1"])

    def test_a_replica_past_the_high_watermark_is_not_a_difference(self):
        final = {0: log_of(0, range(4))}
        self.assertEqual(replicas_differ(final, {0: {0: final[0] + log_of(0, [4], start=4), 1: final[0]}}), [])


class InconsistentReadsTest(unittest.TestCase):
    def test_a_read_of_a_record_later_truncated(self):
        final = {0: log_of(0, range(3))}
        reads = {"reader": [(0, 0, value_of(0, 0)), (0, 3, value_of(0, 3))]}
        found = inconsistent_reads(final, reads)
        self.assertEqual(len(found), 1)
        self.assertIn("offset 3", found[0])

    def test_a_read_of_another_record_at_an_offset(self):
        final = {0: log_of(0, range(3))}
        self.assertEqual(len(inconsistent_reads(final, {"member-0": [(0, 1, value_of(0, 2))]})), 1)

    def test_rereading_the_same_records_is_consistent(self):
        final = {0: log_of(0, range(3))}
        again = [(0, o, v) for o, v in final[0]] * 2
        self.assertEqual(inconsistent_reads(final, {"reader": again}), [])


def commit(p, o, sent, acked):
    return (p, o, sent, acked)


def seen(p, o, asked, answered):
    return (p, o, asked, answered)


class CommitsWentBackTest(unittest.TestCase):
    def test_committed_offsets_moving_forward(self):
        self.assertEqual(commits_went_back([commit(0, 3, 0.9, 1.0), commit(0, 5, 1.9, 2.0)],
                                           [seen(0, 0, 0.5, 0.6), seen(0, 3, 1.5, 1.6), seen(0, 5, 2.5, 2.6)]), [])

    def test_an_observation_below_an_earlier_one(self):
        found = commits_went_back([], [seen(0, 8, 1.0, 1.1), seen(0, 6, 2.0, 2.1)])
        self.assertEqual(len(found), 1)
        self.assertIn("observed committed offset of 6", found[0])

    def test_an_observation_below_a_commit_acknowledged_before_it_was_asked(self):
        self.assertEqual(len(commits_went_back([commit(0, 10, 0.9, 1.0)], [seen(0, 7, 1.5, 1.6)])), 1)

    def test_an_observation_asked_before_the_commit_was_acknowledged(self):
        self.assertEqual(commits_went_back([commit(0, 10, 0.5, 1.0)], [seen(0, 7, 0.9, 1.2)]), [])

    def test_no_committed_offset_after_one_was_seen(self):
        found = commits_went_back([], [seen(0, 5, 1.0, 1.1), seen(0, -1, 2.0, 2.1)])
        self.assertEqual(len(found), 1)  # a coordinator answering from an empty or stale cache

    def test_a_commit_sent_after_a_higher_offset_was_observed(self):
        found = commits_went_back([commit(0, 4, 2.0, 2.1)], [seen(0, 6, 1.0, 1.1)])
        self.assertEqual(len(found), 1)
        self.assertIn("acknowledged commit of 4", found[0])

    def test_a_commit_sent_after_a_higher_one_was_acknowledged(self):
        found = commits_went_back([commit(0, 9, 1.0, 1.1), commit(0, 4, 2.0, 2.1)], [])
        self.assertEqual(len(found), 1)

    def test_an_observation_answered_after_a_lower_commit_is_not_judged_against_it(self):
        # Seen in a run: an OffsetFetch asked before a coordinator moved was answered (the higher
        # offset) only after a lower commit, applied before it in the log, was acknowledged.
        self.assertEqual(commits_went_back([commit(2, 1352, 41.3, 41.465)], [seen(2, 1505, 41.003, 41.9)]), [])

    def test_overlapping_commits_are_not_judged(self):
        self.assertEqual(commits_went_back([commit(0, 9, 1.0, 2.0), commit(0, 4, 1.5, 2.5)], []), [])

    def test_partitions_are_judged_apart(self):
        self.assertEqual(commits_went_back([commit(0, 10, 0.9, 1.0), commit(1, 2, 1.9, 2.0)],
                                           [seen(0, 10, 3.0, 3.1), seen(1, 2, 3.0, 3.1)]), [])


class UnreadByGroupTest(unittest.TestCase):
    def test_every_acknowledged_write_given_at_least_once(self):
        given = [(0, 0, value_of(0, 0)), (0, 0, value_of(0, 0)), (0, 1, value_of(0, 1))]
        self.assertEqual(unread_by_group(acked_of(0, [0, 1]), given), [])

    def test_a_write_no_member_was_given(self):
        found = unread_by_group(acked_of(0, [0, 1, 2]), [(0, 0, value_of(0, 0))])
        self.assertEqual(found, ["partition 0: 2 acknowledged writes never given to the group, first seq 1"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
