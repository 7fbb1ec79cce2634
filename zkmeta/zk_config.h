#pragma once

// zk_config: what zk_session needs from the broker config (Kafka's zookeeper.* settings).

#include <chrono>
#include <string>
#include <string_view>

namespace kb::zkmeta {

struct zk_config {
  // zookeeper.connect: "host1:2181,host2:2181" optionally followed by a chroot, e.g. "/kafka".
  std::string connect = "localhost:2181";
  // zookeeper.session.timeout.ms (Kafka default 18000).
  std::chrono::milliseconds session_timeout{18'000};
  // zookeeper.connection.timeout.ms: how long start()/reconnect() wait for the session
  // (Kafka: unset means the session timeout).
  std::chrono::milliseconds connection_timeout{18'000};
};

// "h1:2181,h2:2181/kafka/a" -> {"h1:2181,h2:2181", "/kafka/a"}; the chroot is empty when absent
// or "/", and loses a trailing '/'.
struct connect_string_parts {
  std::string hosts;
  std::string chroot;
};
inline connect_string_parts split_connect_string(std::string_view connect) {
  const std::size_t slash = connect.find('/');
  if (slash == std::string_view::npos) return {std::string(connect), {}};
  std::string chroot(connect.substr(slash));
  while (chroot.size() > 1 && chroot.back() == '/') chroot.pop_back();
  if (chroot == "/") chroot.clear();
  return {std::string(connect.substr(0, slash)), chroot};
}

}  // namespace kb::zkmeta
