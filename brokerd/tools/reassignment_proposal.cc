#include "brokerd/tools/reassignment_proposal.h"

#include <map>
#include <string>
#include <utility>

#include "brokerd/tools/tool_error.h"
#include "zkmeta/admin/replica_assignment.h"

namespace kb::tools {

partition_replicas propose_reassignment(const partition_replicas& current, const std::vector<int32_t>& brokers,
                                        const std::function<int32_t(int32_t)>& random_index) {
  std::map<std::string, std::pair<int32_t, int32_t>> shape;  // topic -> (partitions, replication factor)
  for (const auto& [tp, replicas] : current) {
    auto& s = shape[tp.topic];
    if (s.first++ == 0) s.second = static_cast<int32_t>(replicas.size());
  }
  partition_replicas proposed;
  for (const auto& [topic, s] : shape) {
    zkmeta::assignment_request req;
    req.brokers = brokers;
    req.partitions = s.first;
    req.replication_factor = s.second;
    zkmeta::assignment_result r = zkmeta::assign_replicas(req, random_index);
    if (r.error) throw command_error(*r.error);
    for (const auto& [p, replicas] : r.assignment) proposed[{topic, p}] = replicas;
  }
  return proposed;
}

}  // namespace kb::tools
