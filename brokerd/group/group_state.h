#pragma once

#include <string_view>

namespace kb::group {

// A group's place in the rebalance protocol (Kafka's GroupState). The names are what
// DescribeGroups and ListGroups report.
//   Empty -> PreparingRebalance        a member joins
//   PreparingRebalance -> CompletingRebalance   every member rejoined (or the rebalance timed out)
//   PreparingRebalance -> Empty        nobody is left when the join phase ends
//   CompletingRebalance -> Stable      the leader's assignment is stored
//   Stable, CompletingRebalance -> PreparingRebalance   a member joins, leaves, fails or changes
//   any -> Dead                        deleted, or unloaded when this broker stops coordinating it
enum class group_state { empty, preparing_rebalance, completing_rebalance, stable, dead };

std::string_view name(group_state s);
// Whether `to` may follow `from` (GroupState.validPreviousStates).
bool valid_transition(group_state from, group_state to);

}  // namespace kb::group
