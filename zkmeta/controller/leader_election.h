#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

namespace kb::zkmeta {

// The outcome of a leadership decision for one partition.
struct leader_choice {
  int32_t leader = -1;        // -1: offline
  std::vector<int32_t> isr;   // the new ISR
  bool unclean = false;       // an out-of-sync replica was chosen
};

// Kafka's offline-partition election (controller/Election.scala): the first replica in
// assignment order that is alive and in the ISR leads; dead brokers leave the ISR. With no
// live ISR member the partition goes offline (leader -1, ISR kept as it was so the last
// in-sync replica can come back), unless unclean election is allowed, in which case the
// first live replica leads with ISR = [it].
leader_choice elect_leader(const std::vector<int32_t>& assignment, const std::vector<int32_t>& isr,
                           const std::set<int32_t>& live, bool allow_unclean);

// The ISR without `dead` brokers, order kept; never empty: if every member died, the last
// one stays, as Kafka keeps it to know which replica holds the latest data.
std::vector<int32_t> isr_without(const std::vector<int32_t>& isr, const std::set<int32_t>& live);

}  // namespace kb::zkmeta
