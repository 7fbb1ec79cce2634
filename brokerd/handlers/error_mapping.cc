#include "brokerd/handlers/error_mapping.h"

#include "zkmeta/admin/producer_id_block.h"

namespace kb::handlers {

using protocol::error_code;

protocol::error_code to_kafka_error_for_producer_ids(const std::error_code& ec) {
  if (ec.category() == zkmeta::producer_id_category()) {
    // Exhaustive on purpose, without a default: -Werror=switch flags a new producer_id_errc.
    switch (static_cast<zkmeta::producer_id_errc>(ec.value())) {
      case zkmeta::producer_id_errc::exhausted: return error_code::unknown_server_error;
    }
    return error_code::unknown_server_error;
  }
  // zk_errc (connection loss, session expiry, ...) and znode_errc (a malformed znode).
  return error_code::coordinator_not_available;
}

protocol::error_code to_kafka_error(zkmeta::election_outcome o) {
  // Exhaustive on purpose, without a default: -Werror=switch flags a new outcome.
  switch (o) {
    case zkmeta::election_outcome::elected: return error_code::none;
    case zkmeta::election_outcome::not_needed: return error_code::election_not_needed;
    case zkmeta::election_outcome::preferred_not_available: return error_code::preferred_leader_not_available;
    case zkmeta::election_outcome::eligible_not_available: return error_code::eligible_leaders_not_available;
    case zkmeta::election_outcome::unknown_partition: return error_code::unknown_topic_or_partition;
    case zkmeta::election_outcome::reassignment_in_progress: return error_code::reassignment_in_progress;
    case zkmeta::election_outcome::controller_moved: return error_code::not_controller;
    case zkmeta::election_outcome::zookeeper_error: return error_code::unknown_server_error;
  }
  return error_code::unknown_server_error;
}

protocol::error_code to_kafka_error(zkmeta::reassignment_error e) {
  switch (e) {
    case zkmeta::reassignment_error::none: return error_code::none;
    case zkmeta::reassignment_error::invalid_replica_assignment: return error_code::invalid_replica_assignment;
    case zkmeta::reassignment_error::no_reassignment_in_progress: return error_code::no_reassignment_in_progress;
    case zkmeta::reassignment_error::unknown_topic_or_partition: return error_code::unknown_topic_or_partition;
    case zkmeta::reassignment_error::failed: return error_code::unknown_server_error;
  }
  return error_code::unknown_server_error;
}

}  // namespace kb::handlers
