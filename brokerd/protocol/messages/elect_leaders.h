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

// ElectLeaders (key 43), ElectLeadersRequest/Response.json of Kafka 3.7; v2+ are flexible.
// v1 adds election_type (KIP-460) and the top-level error_code.
inline constexpr int16_t elect_leaders_min_version = 0, elect_leaders_max_version = 1;

// Kafka's ElectionType. v0 requests carry no type and mean preferred.
enum class election_type : int8_t {
  preferred = 0,  // move leadership to the first replica of the assignment if it is in the ISR
  unclean = 1,    // elect a live out-of-sync replica when the ISR has none
};

struct elect_leaders_request {
  static constexpr std::string_view message_name = "ElectLeadersRequest";

  // Kafka's TopicPartitions type, renamed: the field below has that name.
  struct election_topic {
    std::string topic;
    std::vector<int32_t> partitions;
    friend bool operator==(const election_topic&, const election_topic&) = default;
  };

  kb::protocol::election_type election_type = kb::protocol::election_type::preferred;  // v1+
  // null = every partition; Kafka's default for this nullable array is empty.
  std::optional<std::vector<election_topic>> topic_partitions = std::vector<election_topic>();
  int32_t timeout_ms = 60000;

  static elect_leaders_request decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const elect_leaders_request&, const elect_leaders_request&) = default;
};

struct elect_leaders_response {
  static constexpr std::string_view message_name = "ElectLeadersResponse";

  // Kafka's PartitionResult type, renamed: the field of replica_election_result has that name.
  struct election_partition_result {
    int32_t partition_id = 0;
    kb::protocol::error_code error_code = kb::protocol::error_code::none;
    std::optional<std::string> error_message = std::string();  // null = no error; Kafka's default is ""
    friend bool operator==(const election_partition_result&, const election_partition_result&) = default;
  };
  struct replica_election_result {
    std::string topic;
    std::vector<election_partition_result> partition_result;
    friend bool operator==(const replica_election_result&, const replica_election_result&) = default;
  };

  int32_t throttle_time_ms = 0;
  kb::protocol::error_code error_code = kb::protocol::error_code::none;  // v1+
  std::vector<replica_election_result> replica_election_results;

  static elect_leaders_response decode(wire_reader& r, int16_t version);
  void encode(wire_writer& w, int16_t version) const;
  friend bool operator==(const elect_leaders_response&, const elect_leaders_response&) = default;
};

}  // namespace kb::protocol
