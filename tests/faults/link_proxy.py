"""A TCP relay that makes one network link slow or lossy, for a machine whose kernel has no
sch_netem (`tc qdisc ... netem` answers "Specified qdisc kind is unknown").

LinkProxy listens on 127.0.0.1:<port> and relays every connection to a target, byte for byte,
on its own thread. set_delay(seconds, jitter) holds each chunk, in each direction, for the
delay plus up to `jitter` more; set_loss(probability, stall) makes a chunk wait `stall` seconds
more with that probability. Chunks never overtake each other, so a stalled chunk holds back the
ones behind it: what TCP makes of a lost segment (head-of-line blocking until the
retransmission timeout), which is all an application on either end can observe of packet loss.
clear() restores a clean link.
"""
import asyncio
import random
import threading
import time


class LinkProxy:
    def __init__(self, target_host, target_port, seed=None):
        self.target = (target_host, target_port)
        self.delay, self.jitter, self.loss, self.stall = 0.0, 0.0, 0.0, 0.0
        self._rng = random.Random(seed)
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"link-proxy->{target_port}", daemon=True)
        self._server = None
        self.port = None
        self._thread.start()
        self._started.wait(10)
        if self.port is None:
            raise RuntimeError(f"link proxy to {self.target} did not start")

    def set_delay(self, seconds, jitter=0.0):
        self.delay, self.jitter = seconds, jitter

    def set_loss(self, probability, stall):
        self.loss, self.stall = probability, stall

    def clear(self):
        self.set_delay(0.0)
        self.set_loss(0.0, 0.0)

    def close(self):
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # ----- the relay, on the proxy's thread

    def _run(self):
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._relay, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._started.set()
        self._loop.run_forever()
        self._server.close()

    def _hold(self):
        """How long the next chunk waits: the delay, its jitter, and a stall if it is 'lost'."""
        held = self.delay + (self._rng.uniform(0, self.jitter) if self.jitter else 0.0)
        if self.loss and self._rng.random() < self.loss:
            held += self.stall
        return held

    async def _relay(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(self._pump(client_reader, server_writer), self._pump(server_reader, client_writer),
                             return_exceptions=True)

    async def _pump(self, reader, writer):
        """Relays one direction: each chunk is released at its arrival plus its hold, and never
        before the chunk ahead of it."""
        queue = asyncio.Queue()

        async def release():
            while (item := await queue.get()) is not None:
                due, data = item
                if (wait := due - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
            writer.close()

        sender = asyncio.ensure_future(release())
        last_due = 0.0
        try:
            while data := await reader.read(65536):
                last_due = max(last_due, time.monotonic() + self._hold())
                queue.put_nowait((last_due, data))
        except (ConnectionError, OSError):
            pass
        queue.put_nowait(None)
        try:
            await sender
        except (ConnectionError, OSError):
            pass
