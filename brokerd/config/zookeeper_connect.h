#pragma once

// Kafka's zookeeper.connect: "host:port[,host:port...][/chroot]", e.g.
//   127.0.0.1:2181
//   zk1:2181,zk2:2181,zk3:2181/kafka-prod
// The chroot applies to every server and is created by the broker when missing (zkmeta's job).
// Every server needs an explicit port: the ZooKeeper C client we use rejects a host without
// one (the Java client would assume 2181).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kb::brokerd {

struct zookeeper_server {
  std::string host;
  uint16_t port = 0;
  bool operator==(const zookeeper_server&) const = default;
};

struct zookeeper_connect {
  std::vector<zookeeper_server> servers;
  std::string chroot;  // "" = none; otherwise starts with '/', never ends with one

  // "host:port,host:port": what zookeeper_init() takes when the chroot is handled separately.
  std::string servers_string() const;
  // servers_string() + chroot: the whole connect string, normalised.
  std::string to_string() const;
  bool operator==(const zookeeper_connect&) const = default;
};

// Throws config_error naming zookeeper.connect for an empty value, a server without host or
// port, a port outside 1-65535, or a chroot ZooKeeper would reject (empty segment, "." or
// "..", trailing '/'). A chroot of "/" alone means no chroot, as in ZooKeeper.
zookeeper_connect parse_zookeeper_connect(std::string_view value, const std::string& origin);

}  // namespace kb::brokerd
