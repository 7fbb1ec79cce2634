#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/wire_reader.h"
#include "brokerd/protocol/wire_writer.h"

namespace kb::protocol {

// Metadata (key 3), MetadataRequest/Response.json of Kafka 3.7. Only the non-flexible
// versions 0-8 are implemented (v9+ is flexible).
inline constexpr int16_t metadata_min_version = 0, metadata_max_version = 8;

struct metadata_request_topic {
  std::string name;
  friend bool operator==(const metadata_request_topic&, const metadata_request_topic&) = default;
};

struct metadata_request {
  static constexpr std::string_view message_name = "MetadataRequest";

  // v0: never null, and an empty array means "all topics". v1+: null means all topics and
  // an empty array means none. Encoding null at v0 writes the empty array (same meaning).
  std::optional<std::vector<metadata_request_topic>> topics;
  bool allow_auto_topic_creation = true;               // v4+
  bool include_cluster_authorized_operations = false;  // v8 (v8-10 in Kafka)
  bool include_topic_authorized_operations = false;    // v8+

  // Kafka's MetadataRequest.isAllTopics for this request read at `version`.
  bool all_topics(int16_t version) const { return !topics || (version == 0 && topics->empty()); }

  static metadata_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const metadata_request&, const metadata_request&) = default;
};

struct metadata_response_broker {
  int32_t node_id = 0;
  std::string host;
  int32_t port = 0;
  std::optional<std::string> rack;  // v1+
  friend bool operator==(const metadata_response_broker&, const metadata_response_broker&) = default;
};

struct metadata_response_partition {
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  int32_t partition_index = 0;
  int32_t leader_id = 0;
  int32_t leader_epoch = -1;  // v7+
  std::vector<int32_t> replica_nodes;
  std::vector<int32_t> isr_nodes;
  std::vector<int32_t> offline_replicas;  // v5+
  friend bool operator==(const metadata_response_partition&, const metadata_response_partition&) = default;
};

// Kafka's "not provided" value for the authorized-operations bitfields.
inline constexpr int32_t authorized_operations_omitted = INT32_MIN;

struct metadata_response_topic {
  kb::protocol::error_code error_code = kb::protocol::error_code::none;
  std::string name;
  bool is_internal = false;  // v1+
  std::vector<metadata_response_partition> partitions;
  int32_t topic_authorized_operations = authorized_operations_omitted;  // v8+
  friend bool operator==(const metadata_response_topic&, const metadata_response_topic&) = default;
};

struct metadata_response {
  static constexpr std::string_view message_name = "MetadataResponse";

  int32_t throttle_time_ms = 0;  // v3+
  std::vector<metadata_response_broker> brokers;
  std::optional<std::string> cluster_id;  // v2+
  int32_t controller_id = -1;             // v1+
  std::vector<metadata_response_topic> topics;
  int32_t cluster_authorized_operations = authorized_operations_omitted;  // v8 (v8-10 in Kafka)

  static metadata_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const metadata_response&, const metadata_response&) = default;
};

}  // namespace kb::protocol
