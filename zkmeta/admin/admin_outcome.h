#pragma once

// admin_outcome: how a topic administration write (topic_writer) ended. Protocol-independent:
// brokerd maps admin_error to the Kafka error code (one enumerator per code Kafka's
// AdminZkClient / ZkAdminManager can give) and sends `message` as the response's error message.

#include <optional>
#include <string>
#include <system_error>

namespace kb::zkmeta {

enum class admin_error {
  none,
  invalid_topic,               // INVALID_TOPIC_EXCEPTION: bad name, or collides with a topic after '.'/'_' folding
  topic_already_exists,        // TOPIC_ALREADY_EXISTS: exists, or is marked for deletion
  unknown_topic,               // UNKNOWN_TOPIC_OR_PARTITION
  invalid_partitions,          // INVALID_PARTITIONS
  invalid_replication_factor,  // INVALID_REPLICATION_FACTOR
  invalid_replica_assignment,  // INVALID_REPLICA_ASSIGNMENT
  invalid_config,              // INVALID_CONFIG
  invalid_request,             // INVALID_REQUEST
  reassignment_in_progress,    // REASSIGNMENT_IN_PROGRESS
  zookeeper_error,             // a ZooKeeper request failed (`cause`); Kafka would retry or time out
  unexpected,                  // ZooKeeper holds what Kafka never writes (e.g. no partition 0)
};

const char* to_string(admin_error e);

struct admin_outcome {
  admin_error error = admin_error::none;
  std::optional<std::string> message;  // Kafka's wording; for zookeeper_error/unexpected, for logs
  std::error_code cause;               // zookeeper_error / unexpected: the underlying failure

  bool ok() const { return error == admin_error::none; }
  static admin_outcome success() { return {}; }
  static admin_outcome failure(admin_error e, std::string message, std::error_code cause = {}) {
    return {e, std::move(message), cause};
  }
};

}  // namespace kb::zkmeta
