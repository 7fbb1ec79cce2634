#pragma once

// One entry of Kafka's `listeners` / `advertised.listeners`: NAME://host:port.
//   PLAINTEXT://:9092          empty host: bind all interfaces (advertised: the canonical host name)
//   CLIENT://broker1:9092      any listener name; its security protocol comes from
//                              listener.security.protocol.map
//   REPLICATION://[::1]:9093   IPv6 literal in brackets (stored without them)
// Names are upper-cased (Kafka's ListenerName.normalised). Port 0 on a listener asks the OS for
// a free port.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kb::brokerd {

struct listener_endpoint {
  std::string name;  // upper-cased, e.g. "PLAINTEXT"
  std::string host;  // empty = all interfaces / not yet resolved
  uint16_t port = 0;

  // Kafka's connection string: NAME://host:port, an IPv6 host in brackets.
  std::string to_string() const;
  bool operator==(const listener_endpoint&) const = default;
};

// Parses a comma-separated listener list. Throws config_error naming `key` and the whole value
// for an entry that does not parse, a port outside 0-65535, or an empty name. Duplicate names
// and ports are checked by the caller, which knows whether the list is bound or advertised.
std::vector<listener_endpoint> parse_listener_endpoints(std::string_view value, const std::string& key, const std::string& origin);

}  // namespace kb::brokerd
