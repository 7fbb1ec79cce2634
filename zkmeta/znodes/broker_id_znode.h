#pragma once

// /brokers/ids/<id>: the ephemeral broker registration (Kafka's BrokerIdZNode / BrokerInfo).
// We write version 5 with the Scala 2.13 build's key order (zookeeper.md Appendix A):
//
//   {"features":{},"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT"},
//    "endpoints":["PLAINTEXT://kafka-1:9092"],["rack":"r1",]"jmx_port":-1,"port":9092,
//    "host":"kafka-1","version":5,"timestamp":"1647406227247"}        (one line, no spaces)
//
// host/port are those of the first endpoint whose security protocol is PLAINTEXT (JSON null and
// -1 when there is none); endpoints keep advertised-listener order ("[...]" around IPv6 hosts);
// the listener map follows endpoint order (exact for up to 4 listeners, as Kafka's small Scala
// maps keep insertion order); timestamp is a string; features is {} in ZooKeeper mode.
// decode() also reads v1 (host/port only), v2/v3 (endpoints named after their protocol) and v4.
// The broker epoch is the znode's czxid, not part of the payload.
// See ../shared/reference/zookeeper.md 1.3.1 and 2.1 step 9.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "log/types.h"
#include "zkmeta/znodes/znode_errc.h"

namespace kb::zkmeta {

struct broker_endpoint {
  std::string listener_name;      // e.g. "PLAINTEXT", "INTERNAL"
  std::string security_protocol;  // PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
  std::string host;
  int32_t port = 0;
  bool operator==(const broker_endpoint&) const = default;
};

struct supported_version_range {
  int32_t min_version = 0;
  int32_t max_version = 0;
  bool operator==(const supported_version_range&) const = default;
};

struct broker_info {
  kb::broker_id id{-1};
  std::vector<broker_endpoint> endpoints;
  std::optional<std::string> rack;
  int32_t jmx_port = -1;
  int64_t timestamp_ms = 0;
  std::map<std::string, supported_version_range> features;  // empty in ZooKeeper mode
  int32_t version = 5;                                       // as read; encode() always writes 5
  bool operator==(const broker_info&) const = default;
};

namespace broker_ids_znode {
inline std::string path() { return "/brokers/ids"; }
}  // namespace broker_ids_znode

namespace broker_id_znode {

std::string path(kb::broker_id id);
std::string encode(const broker_info& broker);
// `id` comes from the path; the payload does not carry it.
result<broker_info> decode(kb::broker_id id, std::string_view data);

// "<listener>://<host>:<port>", IPv6 hosts in brackets.
std::string endpoint_string(const broker_endpoint& endpoint);

}  // namespace broker_id_znode
}  // namespace kb::zkmeta
