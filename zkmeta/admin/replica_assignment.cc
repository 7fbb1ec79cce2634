#include "zkmeta/admin/replica_assignment.h"

#include <algorithm>

namespace kb::zkmeta {

assignment_result assign_replicas(const assignment_request& req, const std::function<int32_t(int32_t)>& random_index) {
  assignment_result out;
  const int32_t n = static_cast<int32_t>(req.brokers.size());
  if (req.partitions <= 0) {
    out.error = "Number of partitions must be larger than 0.";
    return out;
  }
  if (req.replication_factor <= 0) {
    out.error = "Replication factor must be larger than 0.";
    out.replication_factor_error = true;
    return out;
  }
  if (req.replication_factor > n) {
    out.error = "Replication factor: " + std::to_string(req.replication_factor) +
                " larger than available brokers: " + std::to_string(n) + ".";
    out.replication_factor_error = true;
    return out;
  }
  const int32_t start_index = req.fixed_start >= 0 ? req.fixed_start : random_index(n);
  int32_t shift = req.fixed_start >= 0 ? req.fixed_start : random_index(n);
  int32_t p = std::max(0, req.start_partition);
  for (int32_t i = 0; i < req.partitions; ++i, ++p) {
    if (p > 0 && p % n == 0) ++shift;
    const int32_t first = (p + start_index) % n;
    std::vector<int32_t> replicas{req.brokers[static_cast<size_t>(first)]};
    for (int32_t j = 0; j < req.replication_factor - 1; ++j) {
      // With n == 1 there are no followers (replication_factor <= n).
      int32_t gap = 1 + (shift + j) % (n - 1);
      replicas.push_back(req.brokers[static_cast<size_t>((first + gap) % n)]);
    }
    out.assignment[p] = std::move(replicas);
  }
  return out;
}

assignment_request added_partitions_request(const assignment_map& existing, std::vector<int32_t> brokers,
                                            int32_t new_total) {
  std::sort(brokers.begin(), brokers.end());
  assignment_request req;
  req.brokers = brokers;
  req.start_partition = static_cast<int32_t>(existing.size());
  req.partitions = new_total - req.start_partition;
  auto p0 = existing.find(0);
  req.replication_factor = p0 == existing.end() ? 1 : static_cast<int32_t>(p0->second.size());
  req.fixed_start = 0;
  if (p0 != existing.end() && !p0->second.empty()) {
    auto it = std::find_if(brokers.begin(), brokers.end(), [&](int32_t b) { return b >= p0->second.front(); });
    req.fixed_start = it == brokers.end() ? 0 : static_cast<int32_t>(it - brokers.begin());
  }
  return req;
}

}  // namespace kb::zkmeta
