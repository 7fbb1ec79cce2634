"""A memory cgroup that holds the brokers, so their page cache is full and recycled.

On a fresh VM almost all memory is free, and on this one (virtio_balloon with free page
reporting) free memory has been handed back to the host: every new page-cache page costs a
host fault, and writing new data runs at ~0.35 GB/s. A broker that has run for a while has
its page cache full; each write then reuses a page the kernel just reclaimed, which runs at
1-2.6 GB/s here. Putting the brokers in a cgroup with a memory limit, and filling that limit
first with a file that stays, reproduces that steady state without filling the whole VM.

Uses the cgroup v1 memory controller (/sys/fs/cgroup/memory) or cgroup v2 (memory.max);
needs root. Everything it creates is removed by close(). The limit counts the brokers' own
memory too: leave them room (2048 MiB was used for docs/PERFORMANCE.md).
"""
import os
import subprocess

V1_ROOT = "/sys/fs/cgroup/memory"
V2_ROOT = "/sys/fs/cgroup"


class PageCacheLimit:
    def __init__(self, mib, fill_dir):
        self.mib = mib
        self.fill_path = os.path.join(fill_dir, "page-cache-fill")
        name = f"kb-bench-{os.getpid()}"
        if os.path.isdir(V1_ROOT):
            self.path = os.path.join(V1_ROOT, name)
            limit_file = "memory.limit_in_bytes"
        elif "memory" in _read(os.path.join(V2_ROOT, "cgroup.controllers")).split():
            self.path = os.path.join(V2_ROOT, name)
            limit_file = "memory.max"
        else:
            raise SystemExit("--page-cache-limit needs a cgroup memory controller (v1 or v2)")
        try:
            os.mkdir(self.path)
        except PermissionError:
            raise SystemExit("--page-cache-limit needs root (it creates a memory cgroup)")
        if not os.path.exists(os.path.join(self.path, limit_file)):
            os.rmdir(self.path)  # cgroup v2 without memory in the root's cgroup.subtree_control
            raise SystemExit(f"--page-cache-limit: no {limit_file} in a new cgroup; enable the memory controller")
        _write(os.path.join(self.path, limit_file), str(mib * 2**20))

    def command(self, argv):
        """argv run inside the cgroup."""
        return ["sh", "-c", f'echo $$ > {self.path}/cgroup.procs && exec "$@"', "sh", *argv]

    def add(self, pid):
        _write(os.path.join(self.path, "cgroup.procs"), str(pid))

    def fill(self):
        """Fills the limit with page cache that later writes evict (the file stays until close)."""
        subprocess.run(self.command(["dd", "if=/dev/zero", f"of={self.fill_path}", "bs=1M", f"count={self.mib}"]),
                       check=True, capture_output=True)

    def close(self):
        if os.path.exists(self.fill_path):
            os.remove(self.fill_path)
        try:
            os.rmdir(self.path)  # fails while a process is still inside; harmless, left for the admin
        except OSError as e:
            print(f"page_cache_limit: could not remove {self.path}: {e}")


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)
