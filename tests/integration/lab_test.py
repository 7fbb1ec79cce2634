"""Runs one lab of scripts/labs/ as a learner would (without --pause) and checks that it ends
as a lab must: exit 0, a "What you saw" paragraph, every check passed and no FAILED line.
The lab's own checks assert what it shows; this keeps each of them from silently rotting.

    /usr/bin/python3 tests/integration/lab_test.py scripts/labs/02-leader-failover.sh
"""
import os
import signal
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BUILD_BIN  # noqa: E402

LAB = None


class LabTest(unittest.TestCase):
    def test_the_lab_runs_and_its_checks_pass(self):
        # A failed lab stops its cluster too; one that overruns is told to stop (SIGTERM runs
        # its cleanup) well before CTest's own timeout would kill it and leave the cluster up.
        env = dict(os.environ, KB_BUILD_BIN=BUILD_BIN, KB_LAB_KEEP_ON_FAILURE="0")
        proc = subprocess.Popen([LAB], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                stdin=subprocess.DEVNULL)
        try:
            stdout, stderr = proc.communicate(timeout=420)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGTERM)
            stdout, stderr = proc.communicate(timeout=150)
            self.fail(f"the lab took over 420 s and was stopped:\n{stdout}{stderr}")
        r = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
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
