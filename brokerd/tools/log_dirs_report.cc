#include "brokerd/tools/log_dirs_report.h"

#include <nlohmann/json.hpp>

#include "brokerd/tools/java_exception.h"

namespace kb::tools {

std::string log_dirs_json(const std::vector<broker_log_dirs>& brokers, const std::set<std::string>& topics) {
  using json = nlohmann::ordered_json;  // Kafka's small Scala maps keep their insertion order
  json out_brokers = json::array();
  for (const broker_log_dirs& b : brokers) {
    json dirs = json::array();
    for (const auto& dir : b.response.results) {
      json partitions = json::array();
      for (const auto& t : dir.topics) {
        if (!topics.empty() && !topics.contains(t.name)) continue;
        for (const auto& p : t.partitions) {
          partitions.push_back({{"partition", t.name + "-" + std::to_string(p.partition_index)},
                                {"size", p.partition_size},
                                {"offsetLag", p.offset_lag},
                                {"isFuture", p.is_future_key}});
        }
      }
      json error = dir.error_code == protocol::error_code::none ? json(nullptr)
                                                                : json(java_exception_class(dir.error_code));
      dirs.push_back({{"logDir", dir.log_dir}, {"error", std::move(error)}, {"partitions", std::move(partitions)}});
    }
    out_brokers.push_back({{"broker", b.broker}, {"logDirs", std::move(dirs)}});
  }
  // A dir name that is not UTF-8 is printed with U+FFFD in place of its bad bytes.
  return json{{"version", 1}, {"brokers", std::move(out_brokers)}}.dump(-1, ' ', false,
                                                                        json::error_handler_t::replace);
}

}  // namespace kb::tools
