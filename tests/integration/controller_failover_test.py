"""Controller failover: a controller paused past its ZooKeeper session is replaced (a new
/controller, /controller_epoch bumped), the new controller carries on from ZooKeeper's
state, and the old one, resumed after a topic it was watching appeared, changes nothing: it
re-registers as an ordinary broker. (That a deposed controller's writes fail on the
/controller_epoch check is unit-tested against the fake ZooKeeper, where a session can be
kept alive while /controller moves on.)"""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Cluster, wait_until  # noqa: E402
from kazoo.exceptions import NoNodeError  # noqa: E402

SESSION_MS = 6000


def controller_id(zk):
    try:
        return json.loads(zk.get("/controller")[0])["brokerid"]
    except NoNodeError:  # between two controllers
        return None


class ControllerFailoverTest(unittest.TestCase):
    def test_a_paused_controller_is_replaced_and_changes_nothing_when_it_resumes(self):
        with Cluster(brokers=3, overrides={"zookeeper.session.timeout.ms": str(SESSION_MS)}) as cluster:
            zk = cluster.zk.kazoo()
            self.addCleanup(zk.stop)
            old = controller_id(zk)  # the harness waited for one
            self.assertIsNotNone(old)
            epoch = int(zk.get("/controller_epoch")[0])
            old_broker = cluster.brokers[old]

            old_broker.pause()
            try:
                # Created straight in ZooKeeper, as `kafka-topics.sh --zookeeper` did, while the
                # paused controller's session still holds the watch on /brokers/topics.
                assignment = {"version": 3, "partitions": {"0": [0, 1, 2], "1": [1, 2, 0]},
                              "adding_replicas": {}, "removing_replicas": {}}
                zk.create("/brokers/topics/late", json.dumps(assignment, separators=(",", ":")).encode())
                wait_until(lambda: controller_id(zk) not in (None, old), 4 * SESSION_MS / 1000, "another controller")
                new = controller_id(zk)
                self.assertEqual(int(zk.get("/controller_epoch")[0]), epoch + 1)
                states = {}
                for p in (0, 1):
                    path = f"/brokers/topics/late/partitions/{p}/state"
                    wait_until(lambda: zk.exists(path), 30, f"the new controller to write {path}")
                    data, stat = zk.get(path)
                    states[p] = (json.loads(data), stat.version)
                    self.assertEqual(states[p][0]["controller_epoch"], epoch + 1)
                self.assertEqual(states[1][0]["leader"], 1 if old != 1 else 2)
            finally:
                log_before_resume = len(old_broker.log_text())
                old_broker.resume()
            since_resume = lambda: old_broker.log_text()[log_before_resume:]  # noqa: E731

            wait_until(lambda: str(old) in zk.get_children("/brokers/ids"), 30, "the old controller to re-register")
            wait_until(lambda: "ZooKeeper session expired" in since_resume(), 30, "it to see its session end")
            # A barrier: once the old controller's broker has learnt the current leaders from
            # ZooKeeper (re-armed watches), anything it would write as controller is behind it.
            wait_until(lambda: f"controller is now broker {new}" in since_resume(), 30,
                       "the old controller to learn who controls now")
            self.assertEqual(controller_id(zk), new)
            self.assertEqual(int(zk.get("/controller_epoch")[0]), epoch + 1)
            for p in (0, 1):
                now = json.loads(zk.get(f"/brokers/topics/late/partitions/{p}/state")[0])
                # The leaders may have grown the ISR since (their own writes, same epochs); the
                # controller's fields must be the new controller's.
                before = states[p][0]
                self.assertEqual((now["controller_epoch"], now["leader"], now["leader_epoch"]),
                                 (epoch + 1, before["leader"], before["leader_epoch"]), f"partition {p} was re-elected")

            # The new controller carries on: the old one's broker rejoins every ISR.
            for p in (0, 1):
                path = f"/brokers/topics/late/partitions/{p}/state"
                wait_until(lambda: sorted(json.loads(zk.get(path)[0])["isr"]) == [0, 1, 2], 30,
                           f"a whole ISR for partition {p}")


if __name__ == "__main__":
    unittest.main()
