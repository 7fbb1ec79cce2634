#include "brokerd/tools/replica_election_data.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <sstream>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {

std::vector<kb::topic_partition> parse_replica_election_data(std::string_view json_text) {
  const nlohmann::json js = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (js.is_discarded() || !js.is_object()) throw command_error("Replica election data is empty");
  const auto list = js.find("partitions");
  if (list == js.end()) throw command_error("Replica election data is missing \"partitions\" field");
  if (!list->is_array()) throw command_error("Replica election data: \"partitions\" is not an array");

  std::vector<kb::topic_partition> partitions;
  for (const nlohmann::json& entry : *list) {
    const bool valid = entry.is_object() && entry.contains("topic") && entry["topic"].is_string() &&
                       entry.contains("partition") && entry["partition"].is_number_integer() &&
                       entry["partition"].get<int64_t>() >= std::numeric_limits<int32_t>::min() &&
                       entry["partition"].get<int64_t>() <= std::numeric_limits<int32_t>::max();
    if (!valid) {
      throw command_error("Replica election data has an invalid entry (a string \"topic\" and an integer "
                          "\"partition\" are required): " + entry.dump());
    }
    partitions.push_back({entry["topic"].get<std::string>(), static_cast<int32_t>(entry["partition"].get<int64_t>())});
  }

  std::vector<kb::topic_partition> sorted = partitions, duplicates;
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i] == sorted[i - 1] && (duplicates.empty() || duplicates.back() != sorted[i])) {
      duplicates.push_back(sorted[i]);
    }
  }
  if (!duplicates.empty()) {
    std::ostringstream os;
    for (size_t i = 0; i < duplicates.size(); ++i) os << (i ? "," : "") << duplicates[i];
    throw command_error("Replica election data contains duplicate partitions: " + os.str());
  }
  return partitions;
}

}  // namespace kb::tools
