#include "brokerd/tools/kafka_wire_client.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "brokerd/protocol/request_header.h"
#include "brokerd/protocol/wire_reader.h"

namespace kb::tools {
namespace {

using wire_error = kafka_wire_client::wire_error;

// The largest response accepted (Kafka's socket.request.max.bytes default, 100 MiB).
constexpr int32_t max_response_bytes = 104857600;

// What is left until `deadline`, as poll(2) takes it: 0 once it has passed.
int poll_timeout_ms(kafka_wire_client::clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - kafka_wire_client::clock::now());
  return static_cast<int>(std::clamp<int64_t>(left.count(), 0, INT32_MAX));
}

// Waits for `events` on `fd` until `deadline`: true when ready, false when the deadline passed.
bool wait_for(int fd, short events, kafka_wire_client::clock::time_point deadline, const std::string& address) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int ready = poll(&p, 1, poll_timeout_ms(deadline));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) throw wire_error("Waiting for " + address + " failed: " + std::strerror(errno));
  }
}

int connect_until(const std::string& host, const std::string& port, kafka_wire_client::clock::time_point deadline,
                  const std::string& address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    throw wire_error("Cannot resolve " + address + ": " + gai_strerror(rc));
  }
  std::string last_error = "no address";
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int error = 0;
    if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        error = errno;
      } else if (!wait_for(fd, POLLOUT, deadline, address)) {
        error = ETIMEDOUT;
      } else {
        socklen_t len = sizeof error;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len);
      }
    }
    if (error != 0) {
      last_error = std::strerror(error);
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) throw wire_error("Cannot connect to " + address + ": " + last_error);
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // one small request at a time
  return fd;
}

}  // namespace

kafka_wire_client::kafka_wire_client(const std::string& host_port, std::string client_id, clock::time_point deadline)
    : address_(host_port), client_id_(std::move(client_id)) {
  const size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) throw wire_error("Invalid broker address " + host_port);
  fd_ = connect_until(host_port.substr(0, colon), host_port.substr(colon + 1), deadline, host_port);
}

kafka_wire_client::~kafka_wire_client() {
  if (fd_ >= 0) close(fd_);
}

void kafka_wire_client::send_all(std::span<const std::byte> bytes, clock::time_point deadline) {
  while (!bytes.empty()) {
    ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      if (!wait_for(fd_, POLLOUT, deadline, address_)) throw wire_error("Timed out sending to " + address_);
      continue;
    }
    if (n <= 0) throw wire_error("Sending to " + address_ + " failed: " + std::strerror(errno));
    bytes = bytes.subspan(static_cast<size_t>(n));
  }
}

void kafka_wire_client::receive_exactly(std::span<std::byte> bytes, clock::time_point deadline) {
  while (!bytes.empty()) {
    if (!wait_for(fd_, POLLIN, deadline, address_)) {
      throw wire_error("Timed out waiting for a response from " + address_);
    }
    ssize_t n = recv(fd_, bytes.data(), bytes.size(), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
    if (n == 0) throw wire_error("Connection to " + address_ + " closed");
    if (n < 0) throw wire_error("Receiving from " + address_ + " failed: " + std::strerror(errno));
    bytes = bytes.subspan(static_cast<size_t>(n));
  }
}

std::vector<std::byte> kafka_wire_client::round_trip(protocol::api_key key, int16_t version, bool flexible,
                                                     std::vector<std::byte> body, clock::time_point deadline) {
  protocol::request_header header;
  header.api_key = static_cast<int16_t>(key);
  header.api_version = version;
  header.correlation_id = next_correlation_id_++;
  header.client_id = client_id_;
  protocol::wire_writer frame;
  const size_t size_at = frame.reserve_i32();
  header.write(frame, flexible);
  frame.raw(body);
  frame.patch_i32(size_at, static_cast<int32_t>(frame.size() - 4));
  send_all(frame.buffer(), deadline);

  std::vector<std::byte> length(4);
  receive_exactly(length, deadline);
  protocol::wire_reader length_reader(length);
  const int32_t response_size = length_reader.i32();
  if (response_size < 4 || response_size > max_response_bytes) {
    throw wire_error("Malformed response from " + address_ + " (size " + std::to_string(response_size) + ")");
  }
  std::vector<std::byte> response(static_cast<size_t>(response_size));
  receive_exactly(response, deadline);
  try {
    protocol::wire_reader r(response);
    if (r.i32() != header.correlation_id) {
      throw wire_error("Response from " + address_ + " does not answer the request sent");
    }
    if (flexible) r.skip_tagged_fields();
    return std::vector<std::byte>(response.begin() + static_cast<std::ptrdiff_t>(r.position()), response.end());
  } catch (const protocol::decode_error& e) {
    throw wire_error("Malformed response from " + address_ + ": " + e.what());
  }
}

}  // namespace kb::tools
