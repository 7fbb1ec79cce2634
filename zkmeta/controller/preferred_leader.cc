#include "zkmeta/controller/preferred_leader.h"

#include <algorithm>

namespace kb::zkmeta {

std::optional<int32_t> eligible_preferred_leader(const std::vector<int32_t>& replicas, const std::vector<int32_t>& isr,
                                                 const std::set<int32_t>& eligible) {
  if (replicas.empty()) return std::nullopt;
  const int32_t preferred = replicas.front();
  if (!eligible.count(preferred)) return std::nullopt;
  if (std::find(isr.begin(), isr.end(), preferred) == isr.end()) return std::nullopt;
  return preferred;
}

std::vector<broker_imbalance> leader_imbalance(const leadership_map& partitions) {
  std::map<int32_t, broker_imbalance> by_broker;
  for (const auto& [tp, p] : partitions) {
    if (p.replicas.empty()) continue;
    const int32_t preferred = p.replicas.front();
    broker_imbalance& b = by_broker[preferred];
    b.broker = preferred;
    ++b.preferred_count;
    if (p.leader != preferred) b.not_led.push_back(tp);
  }
  std::vector<broker_imbalance> out;
  out.reserve(by_broker.size());
  for (auto& [_, b] : by_broker) out.push_back(std::move(b));
  return out;
}

std::vector<kb::topic_partition> partitions_to_rebalance(const leadership_map& partitions,
                                                         const std::set<int32_t>& eligible,
                                                         int32_t imbalance_percentage) {
  std::vector<kb::topic_partition> out;
  const double threshold = static_cast<double>(imbalance_percentage) / 100.0;
  for (const broker_imbalance& b : leader_imbalance(partitions)) {
    if (!(b.ratio() > threshold)) continue;
    for (const kb::topic_partition& tp : b.not_led) {
      const partition_leadership& p = partitions.at(tp);
      if (!p.being_reassigned && eligible_preferred_leader(p.replicas, p.isr, eligible)) out.push_back(tp);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace kb::zkmeta
