#include "zkmeta/controller/leader_election.h"

#include <algorithm>

namespace kb::zkmeta {

std::vector<int32_t> isr_without(const std::vector<int32_t>& isr, const std::set<int32_t>& live) {
  std::vector<int32_t> out;
  for (int32_t r : isr) {
    if (live.count(r)) out.push_back(r);
  }
  if (out.empty() && !isr.empty()) out.push_back(isr.back());
  return out;
}

leader_choice elect_leader(const std::vector<int32_t>& assignment, const std::vector<int32_t>& isr,
                           const std::set<int32_t>& live, bool allow_unclean) {
  for (int32_t r : assignment) {
    if (live.count(r) && std::find(isr.begin(), isr.end(), r) != isr.end()) {
      std::vector<int32_t> new_isr;
      for (int32_t i : isr) {
        if (live.count(i)) new_isr.push_back(i);
      }
      return {r, new_isr, false};
    }
  }
  if (allow_unclean) {
    for (int32_t r : assignment) {
      if (live.count(r)) return {r, {r}, true};
    }
  }
  return {-1, isr_without(isr, live), false};
}

}  // namespace kb::zkmeta
