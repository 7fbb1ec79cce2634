#pragma once

#include <string>
#include <vector>

namespace kb::tools {

// The consumer group states a group can be listed in (Kafka 3.5's ConsumerGroupState without
// UNKNOWN), in the enum's order: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty.
const std::vector<std::string>& consumer_group_state_names();

// Kafka's ConsumerGroupCommand.consumerGroupStatesFromString: the value of `--list --state`,
// comma-separated state names, each trimmed, matched case-sensitively ("stable" is refused, as
// Kafka 3.5's own test expects); Java's split drops trailing empty items ("Stable," is
// Stable), but an empty item elsewhere is invalid. Returns each state once, in the enum's
// order. Throws usage_error "Invalid state list '<input>'. Valid states are: ..." otherwise.
std::vector<std::string> parse_group_states(const std::string& input);

}  // namespace kb::tools
