#include "brokerd/group/group_state.h"

namespace kb::group {

std::string_view name(group_state s) {
  switch (s) {
    case group_state::empty: return "Empty";
    case group_state::preparing_rebalance: return "PreparingRebalance";
    case group_state::completing_rebalance: return "CompletingRebalance";
    case group_state::stable: return "Stable";
    case group_state::dead: return "Dead";
  }
  return "Unknown";
}

bool valid_transition(group_state from, group_state to) {
  using enum group_state;
  switch (to) {
    case preparing_rebalance: return from == stable || from == completing_rebalance || from == empty;
    case completing_rebalance: return from == preparing_rebalance;
    case stable: return from == completing_rebalance;
    case dead: return true;
    case empty: return from == preparing_rebalance;
  }
  return false;
}

}  // namespace kb::group
