#pragma once

#include <optional>
#include <string>
#include <vector>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/messages/elect_leaders.h"

namespace kb::tools {

// What kafka-leader-election prints for an ElectLeaders response (Kafka's
// LeaderElectionCommand.electLeaders), one line each, partitions sorted:
//   Successfully completed leader election (PREFERRED) for partitions t-0, t-2
//   Valid replica already elected for partitions t-1
//   Error completing leader election (PREFERRED) for partition: t-3: org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: ...
// `failed` counts the error lines; the tool then fails with "<failed> replica(s) could not be elected".
struct election_report {
  std::vector<std::string> lines;
  size_t failed = 0;
};

election_report report_election(protocol::election_type type, const protocol::elect_leaders_response& response);

}  // namespace kb::tools
