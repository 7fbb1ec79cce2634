#include "zkmeta/admin/admin_outcome.h"

namespace kb::zkmeta {

const char* to_string(admin_error e) {
  switch (e) {
    case admin_error::none: return "none";
    case admin_error::invalid_topic: return "invalid_topic";
    case admin_error::topic_already_exists: return "topic_already_exists";
    case admin_error::unknown_topic: return "unknown_topic";
    case admin_error::invalid_partitions: return "invalid_partitions";
    case admin_error::invalid_replication_factor: return "invalid_replication_factor";
    case admin_error::invalid_replica_assignment: return "invalid_replica_assignment";
    case admin_error::invalid_config: return "invalid_config";
    case admin_error::invalid_request: return "invalid_request";
    case admin_error::reassignment_in_progress: return "reassignment_in_progress";
    case admin_error::zookeeper_error: return "zookeeper_error";
    case admin_error::unexpected: return "unexpected";
  }
  return "unknown";
}

}  // namespace kb::zkmeta
