"""The live view (scripts/cluster_view.py, started by cluster.sh) in a real browser: headless
Chromium from Debian loads the page and is driven over the DevTools protocol while a leader
is killed; the page must show the new leader, the dead broker and the event, by itself
(server-sent events), without a reload. Also the terminal form and the read-only API."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from harness import BUILD_BIN, REPO, free_port, free_port_range, wait_until  # noqa: E402

SCRIPTS = os.path.join(REPO, "scripts")
ENV = dict(os.environ, KB_BUILD_BIN=BUILD_BIN)


def cluster_sh(*args, timeout=180):
    return subprocess.run([os.path.join(SCRIPTS, "cluster.sh"), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=ENV)


class Browser:
    """Headless Chromium with one page, evaluated through the DevTools protocol."""

    def __init__(self, url):
        self.profile = tempfile.mkdtemp(prefix="kb-chromium-")
        port = free_port()
        self.proc = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                      f"--remote-debugging-port={port}", f"--user-data-dir={self.profile}",
                                      "--window-size=1280,1000", url],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self._connect(port)
        except BaseException:
            self.proc.kill()
            self.proc.wait(timeout=30)
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        self.next_id = 0

    def _connect(self, port):
        import websocket

        def page():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2) as r:
                    pages = [p for p in json.load(r) if p.get("type") == "page"]
                return pages[0]["webSocketDebuggerUrl"] if pages else None
            except (OSError, ValueError):
                return None
        self.ws = websocket.create_connection(wait_until(page, 60, "Chromium's DevTools endpoint"), timeout=30)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                return reply

    def eval(self, expression):
        reply = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return reply.get("result", {}).get("result", {}).get("value")

    def screenshot(self, path):
        import base64
        data = self.call("Page.captureScreenshot", format="png")["result"]["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


class ClusterViewTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="kb-view-")
        self.base = free_port_range(8)  # ZooKeeper, 3 brokers, their metrics, the view
        self.view = f"http://127.0.0.1:{self.base + 7}"
        self.addCleanup(self.cleanup)
        r = cluster_sh("start", "--brokers", 3, "--base-port", self.base, "--dir", self.dir,
                       "--override", "zookeeper.session.timeout.ms=6000")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(f"live view: {self.view}/", r.stdout, r.stderr + self.view_log())

    def view_log(self):
        try:
            with open(os.path.join(self.dir, "view.out")) as f:
                return f.read()
        except OSError as e:
            return str(e)

    def cleanup(self):
        cluster_sh("stop", "--dir", self.dir, timeout=300)
        shutil.rmtree(self.dir, ignore_errors=True)

    def api(self):
        with urllib.request.urlopen(self.view + "/api/state", timeout=10) as r:
            return json.load(r)

    def partition(self, state, name):
        for t in (state["snapshot"] or {}).get("topics", []):
            for p in t["partitions"]:
                if f"{t['topic']}-{p['partition']}" == name:
                    return p
        return None

    def test_the_page_shows_a_leader_move_by_itself(self):
        r = subprocess.run([os.path.join(SCRIPTS, "kafka-topics.sh"), "--bootstrap-server", f"127.0.0.1:{self.base + 1}",
                            "--create", "--topic", "viewed", "--replication-factor", "3"], capture_output=True,
                           text=True, env=ENV, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        before = wait_until(lambda: (p := self.partition(self.api(), "viewed-0")) and len(p["isr"]) == 3 and p, 60,
                            "the view to show viewed-0 fully replicated")
        leader = before["leader"]
        browser = Browser(self.view + "/")
        try:
            cell = "document.querySelector('tr[data-partition=\"viewed-0\"] td.leader')?.textContent"
            wait_until(lambda: browser.eval(cell) == str(leader), 30, f"the page to show leader {leader}")
            self.assertEqual(browser.eval(f"document.querySelector('[data-broker=\"{leader}\"]').className"), "broker"
                             + (" controller" if self.api()["snapshot"]["controller"] == leader else ""))

            browser.eval("window.__loaded_once = true")  # gone if the page reloads
            r = cluster_sh("kill", leader, "--dir", self.dir)
            self.assertEqual(r.returncode, 0, r.stderr)
            new = wait_until(lambda: (v := browser.eval(cell)) not in (None, str(leader), "none") and v, 60,
                             "the page to show a new leader without a reload")
            zk_leader = self.partition(self.api(), "viewed-0")["leader"]
            self.assertEqual(new, str(zk_leader), "the page shows the leader ZooKeeper names")
            self.assertIn("down", browser.eval(f"document.querySelector('[data-broker=\"{leader}\"]').className"))
            events = browser.eval("document.getElementById('events').textContent")
            self.assertIn(f"viewed-0 leader moved {leader} -> {new}", events)
            self.assertIn(f"broker {leader} died", events)
            self.assertTrue(browser.eval("window.__loaded_once === true"), "updated in place, never reloaded")
            if os.environ.get("KB_VIEW_SCREENSHOT"):
                browser.screenshot(os.environ["KB_VIEW_SCREENSHOT"])
        finally:
            browser.close()

        # The terminal form draws the same picture.
        out = subprocess.run([os.path.join(SCRIPTS, "cluster_view.py"), "--dir", self.dir, "watch", "--once"],
                             capture_output=True, text=True, timeout=60).stdout
        self.assertRegex(out, rf"brokers: .*\b{leader}:DOWN")
        self.assertRegex(out, rf"viewed-0\s+{new}\s")

    def test_the_view_is_read_only(self):
        for method in ("POST", "PUT", "DELETE"):
            req = urllib.request.Request(self.view + "/api/state", data=b"x", method=method)
            with self.assertRaises(urllib.error.HTTPError) as e:
                urllib.request.urlopen(req, timeout=10)
            self.assertEqual(e.exception.code, 405)
        with self.assertRaises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(self.view + "/nothing-here", timeout=10)
        self.assertEqual(e.exception.code, 404)


if __name__ == "__main__":
    unittest.main()
