#include "brokerd/tools/kafka_wire_client.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "brokerd/protocol/request_header.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

// The largest response accepted (Kafka's socket.request.max.bytes default, 100 MiB).
constexpr int32_t max_response_bytes = 104857600;

int connect_with_timeout(const std::string& host, const std::string& port, std::chrono::milliseconds timeout,
                         const std::string& address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    throw command_error("Cannot resolve " + address + ": " + gai_strerror(rc));
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
      } else {
        pollfd p{fd, POLLOUT, 0};
        socklen_t len = sizeof error;
        if (poll(&p, 1, static_cast<int>(timeout.count())) != 1) {
          error = ETIMEDOUT;
        } else {
          getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len);
        }
      }
    }
    if (error != 0) {
      last_error = std::strerror(error);
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) throw command_error("Cannot connect to " + address + ": " + last_error);
  return fd;
}

}  // namespace

kafka_wire_client::kafka_wire_client(const std::string& host_port, std::chrono::milliseconds timeout,
                                     std::string client_id)
    : address_(host_port), client_id_(std::move(client_id)), timeout_(timeout) {
  const size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) throw command_error("Invalid broker address " + host_port);
  fd_ = connect_with_timeout(host_port.substr(0, colon), host_port.substr(colon + 1), timeout, host_port);
}

kafka_wire_client::~kafka_wire_client() {
  if (fd_ >= 0) close(fd_);
}

void kafka_wire_client::send_all(std::span<const std::byte> bytes) {
  while (!bytes.empty()) {
    ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd_, POLLOUT, 0};
      int ready = poll(&p, 1, static_cast<int>(timeout_.count()));
      if (ready == 0) throw command_error("Timed out sending to " + address_);
      if (ready < 0) throw command_error("Sending to " + address_ + " failed: " + std::strerror(errno));
      continue;
    }
    if (n <= 0) throw command_error("Sending to " + address_ + " failed: " + std::strerror(errno));
    bytes = bytes.subspan(static_cast<size_t>(n));
  }
}

void kafka_wire_client::receive_exactly(std::span<std::byte> bytes) {
  while (!bytes.empty()) {
    pollfd p{fd_, POLLIN, 0};
    int ready = poll(&p, 1, static_cast<int>(timeout_.count()));
    if (ready == 0) throw command_error("Timed out waiting for a response from " + address_);
    if (ready < 0) throw command_error("Receiving from " + address_ + " failed: " + std::strerror(errno));
    ssize_t n = recv(fd_, bytes.data(), bytes.size(), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;
    if (n == 0) throw command_error("Connection to " + address_ + " closed");
    if (n < 0) throw command_error("Receiving from " + address_ + " failed: " + std::strerror(errno));
    bytes = bytes.subspan(static_cast<size_t>(n));
  }
}

std::vector<std::byte> kafka_wire_client::round_trip(protocol::api_key key, int16_t version, bool flexible,
                                                     std::vector<std::byte> body) {
  protocol::request_header header;
  header.api_key = static_cast<int16_t>(key);
  header.api_version = version;
  header.correlation_id = next_correlation_id_++;
  header.client_id = client_id_;
  protocol::wire_writer frame;
  header.write(frame, flexible);
  std::vector<std::byte> head = std::move(frame).take();
  const int32_t size = static_cast<int32_t>(head.size() + body.size());
  protocol::wire_writer prefix;
  prefix.i32(size);
  std::vector<std::byte> out = std::move(prefix).take();
  out.insert(out.end(), head.begin(), head.end());
  out.insert(out.end(), body.begin(), body.end());
  send_all(out);

  std::vector<std::byte> length(4);
  receive_exactly(length);
  protocol::wire_reader length_reader(length);
  const int32_t response_size = length_reader.i32();
  if (response_size < 4 || response_size > max_response_bytes) {
    throw command_error("Malformed response from " + address_ + " (size " + std::to_string(response_size) + ")");
  }
  std::vector<std::byte> response(static_cast<size_t>(response_size));
  receive_exactly(response);
  try {
    protocol::wire_reader r(response);
    if (r.i32() != header.correlation_id) throw command_error("Response from " + address_ + " out of order");
    if (flexible) r.skip_tagged_fields();
    return std::vector<std::byte>(response.begin() + static_cast<std::ptrdiff_t>(r.position()), response.end());
  } catch (const protocol::decode_error& e) {
    throw command_error("Malformed response from " + address_ + ": " + e.what());
  }
}

}  // namespace kb::tools
