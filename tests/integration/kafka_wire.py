"""A minimal Kafka wire client for tests that must send what no client library would: requests
built field by field (classic, non-flexible encodings), truncated bodies, huge fields, and a
thousand members on a thousand connections. Only what the tests need; big-endian throughout.
"""
import socket
import struct

API_OFFSET_COMMIT, API_FIND_COORDINATOR, API_JOIN_GROUP, API_HEARTBEAT = 8, 10, 11, 12
API_SYNC_GROUP, API_DESCRIBE_GROUPS = 14, 15


def i16(v):
    return struct.pack(">h", v)


def i32(v):
    return struct.pack(">i", v)


def string(s):
    b = s.encode()
    return i16(len(b)) + b


def nullable_string(s):
    return i16(-1) if s is None else string(s)


def byte_array(b):
    return i32(len(b)) + b


class Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, n):
        out = self.data[self.at:self.at + n]
        if len(out) != n:
            raise ValueError("short response")
        self.at += n
        return out

    def i16(self):
        return struct.unpack(">h", self.take(2))[0]

    def i32(self):
        return struct.unpack(">i", self.take(4))[0]

    def i64(self):
        return struct.unpack(">q", self.take(8))[0]

    def string(self):
        n = self.i16()
        return None if n < 0 else self.take(n).decode()

    def bytes(self):
        n = self.i32()
        return None if n < 0 else self.take(n)


class Connection:
    """One socket: request() sends a request and returns the response body as a Reader."""

    def __init__(self, host, port, client_id="kafka-wire-test", timeout=60):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.client_id = client_id
        self.correlation = 0

    def send(self, api_key, version, body):
        self.correlation += 1
        header = i16(api_key) + i16(version) + i32(self.correlation) + nullable_string(self.client_id)
        frame = header + body
        self.sock.sendall(i32(len(frame)) + frame)
        return self.correlation

    def receive(self, correlation):
        size = struct.unpack(">i", self._exactly(4))[0]
        r = Reader(self._exactly(size))
        got = r.i32()
        if got != correlation:
            raise AssertionError(f"response to correlation id {got}, expected {correlation}")
        return r

    def request(self, api_key, version, body):
        return self.receive(self.send(api_key, version, body))

    def _exactly(self, n):
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise ConnectionError("the broker closed the connection")
            out += chunk
        return out

    def closed_by_peer(self, timeout=10):
        """True if the broker closes the connection (EOF) within `timeout`."""
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(1) == b""
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False

    def close(self):
        self.sock.close()


def join_group_v3(group, member_id="", session_ms=30000, rebalance_ms=60000, metadata=b"\x00"):
    return (string(group) + i32(session_ms) + i32(rebalance_ms) + string(member_id) + string("consumer") +
            i32(1) + string("range") + byte_array(metadata))


def read_join_group_v3(r):
    """-> (error, generation, protocol, leader, member_id, [member ids])"""
    r.i32()  # throttle
    error, generation = r.i16(), r.i32()
    protocol, leader, member_id = r.string(), r.string(), r.string()
    members = []
    for _ in range(r.i32()):
        members.append(r.string())
        r.bytes()
    return error, generation, protocol, leader, member_id, members


def sync_group_v1(group, generation, member_id, assignments=()):
    body = string(group) + i32(generation) + string(member_id) + i32(len(assignments))
    for m, a in assignments:
        body += string(m) + byte_array(a)
    return body


def read_sync_group_v1(r):
    r.i32()
    return r.i16(), r.bytes()


def heartbeat_v1(group, generation, member_id):
    return string(group) + i32(generation) + string(member_id)


def read_error_after_throttle(r):
    r.i32()
    return r.i16()


def describe_groups_v0(groups):
    body = i32(len(groups))
    for g in groups:
        body += string(g)
    return body


def read_describe_groups_v0(r):
    """-> [(error, group, state, protocol_type, protocol, member count)]"""
    out = []
    for _ in range(r.i32()):
        error, group, state, ptype, protocol = r.i16(), r.string(), r.string(), r.string(), r.string()
        n = r.i32()
        for _ in range(n):
            r.string(), r.string(), r.string(), r.bytes(), r.bytes()
        out.append((error, group, state, ptype, protocol, n))
    return out


def find_coordinator_v0(group):
    return string(group)


def read_find_coordinator_v0(r):
    """-> (error, node id, host, port)"""
    return r.i16(), r.i32(), r.string(), r.i32()
