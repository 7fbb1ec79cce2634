#pragma once

#include <string_view>

namespace kb::cluster {

// Kafka's internal topics (Topic.isInternal): written only by the broker's coordinators,
// marked is_internal in Metadata, never auto-created by a client's Metadata request.
inline bool is_internal_topic(std::string_view topic) {
  return topic == "__consumer_offsets" || topic == "__transaction_state";
}

// The client id with which Kafka's own admin tools may still produce to internal topics
// (AdminUtils.AdminClientId; ReplicaManager's internalTopicsAllowed).
inline constexpr std::string_view admin_client_id = "__admin_client";

}  // namespace kb::cluster
