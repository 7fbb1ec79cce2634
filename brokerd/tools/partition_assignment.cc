#include "brokerd/tools/partition_assignment.h"

#include "brokerd/tools/tool_error.h"
#include "brokerd/tools/topic_filter.h"

namespace kb::tools {

std::vector<partition_start> plan_assignment(const cluster_view& cluster, const std::optional<std::string>& topic,
                                             const std::optional<std::string>& include,
                                             std::optional<int32_t> partition, int64_t start_offset) {
  std::vector<const topic_view*> topics;
  if (topic) {
    const topic_view* t = cluster.topic(*topic);
    if (t && !t->error) topics.push_back(t);
  } else if (include) {
    const topic_filter filter(*include);
    for (const topic_view& t : cluster.topics) {
      if (!t.error && filter.allows(t.name, true)) topics.push_back(&t);
    }
  }
  std::vector<partition_start> out;
  for (const topic_view* t : topics) {
    for (const partition_view& p : t->partitions) {
      if (!partition || p.id == *partition) out.push_back({t->name, p.id, start_offset});
    }
    if (partition && out.empty() && !t->partitions.empty()) {
      throw command_error("Topic '" + t->name + "' has no partition " + std::to_string(*partition) + " (it has " +
                          std::to_string(t->partitions.size()) + ")");
    }
  }
  return out;
}

}  // namespace kb::tools
