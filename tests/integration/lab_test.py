"""Runs one lab of scripts/labs/ as a learner would (without --pause) and checks that it ends
as a lab must: exit 0, a "What you saw" paragraph, every check passed and no FAILED line.
The lab's own checks assert what it shows; this keeps each of them from silently rotting.

    /usr/bin/python3 tests/integration/lab_test.py scripts/labs/02-leader-failover.sh
"""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BUILD_BIN  # noqa: E402

LAB = None


class LabTest(unittest.TestCase):
    def test_the_lab_runs_and_its_checks_pass(self):
        env = dict(os.environ, KB_BUILD_BIN=BUILD_BIN)
        r = subprocess.run([LAB], capture_output=True, text=True, timeout=600, env=env, stdin=subprocess.DEVNULL)
        out = r.stdout + r.stderr
        self.assertEqual(r.returncode, 0, out)
        self.assertNotIn("FAILED", out)
        self.assertIn("\nWhat you saw\n", r.stdout)
        self.assertIn("  ok: ", r.stdout, "the lab checked something")
        # The lab cleaned up after itself: no cluster left running in its directory.
        self.assertNotIn("The cluster is still running", r.stdout)


if __name__ == "__main__":
    LAB = os.path.abspath(sys.argv.pop(1))
    unittest.main()
