#include "zkmeta/controller/replica_election.h"

#include <sstream>

namespace kb::zkmeta {

bool election_needed(election_type type, const partition_leadership& current, const std::set<int32_t>& live) {
  switch (type) {
    case election_type::preferred:
      return !current.replicas.empty() && current.leader != current.replicas.front();
    case election_type::unclean:
      return current.leader < 0 || !live.count(current.leader);
  }
  return false;
}

std::optional<leader_choice> plan_election(election_type type, const partition_leadership& current,
                                           const std::set<int32_t>& eligible) {
  switch (type) {
    case election_type::preferred: {
      std::optional<int32_t> leader = eligible_preferred_leader(current.replicas, current.isr, eligible);
      if (!leader) return std::nullopt;
      return leader_choice{*leader, current.isr, false};
    }
    case election_type::unclean: {
      leader_choice choice = elect_leader(current.replicas, current.isr, eligible, /*allow_unclean=*/true);
      if (choice.leader < 0) return std::nullopt;
      return choice;
    }
  }
  return std::nullopt;
}

std::string election_failure_message(election_type type, const kb::topic_partition& tp) {
  std::ostringstream os;
  os << "Failed to elect leader for partition " << tp << " under strategy "
     << (type == election_type::preferred ? "PreferredReplicaPartitionLeaderElectionStrategy"
                                          : "OfflinePartitionLeaderElectionStrategy(true)");
  return os.str();
}

const char* to_string(election_type type) {
  return type == election_type::preferred ? "PREFERRED" : "UNCLEAN";
}

}  // namespace kb::zkmeta
