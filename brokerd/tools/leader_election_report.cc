#include "brokerd/tools/leader_election_report.h"

#include <algorithm>
#include <sstream>
#include <utility>

#include "brokerd/tools/java_exception.h"
#include "log/types.h"

namespace kb::tools {
namespace {

using protocol::error_code;

const char* type_name(protocol::election_type type) {
  return type == protocol::election_type::unclean ? "UNCLEAN" : "PREFERRED";
}

std::string join(const std::vector<kb::topic_partition>& tps) {
  std::ostringstream os;
  for (size_t i = 0; i < tps.size(); ++i) os << (i ? ", " : "") << tps[i];
  return os.str();
}

}  // namespace

election_report report_election(protocol::election_type type, const protocol::elect_leaders_response& response) {
  std::vector<kb::topic_partition> succeeded, noop;
  std::vector<std::pair<kb::topic_partition, std::string>> failed;
  for (const auto& topic : response.replica_election_results) {
    for (const auto& p : topic.partition_result) {
      kb::topic_partition tp{topic.topic, p.partition_id};
      if (p.error_code == error_code::none) {
        succeeded.push_back(tp);
      } else if (p.error_code == error_code::election_not_needed) {
        noop.push_back(tp);
      } else {
        failed.emplace_back(tp, java_exception_text(p.error_code, p.error_message));
      }
    }
  }
  std::sort(succeeded.begin(), succeeded.end());
  std::sort(noop.begin(), noop.end());
  std::sort(failed.begin(), failed.end());

  election_report report;
  if (!succeeded.empty()) {
    report.lines.push_back(std::string("Successfully completed leader election (") + type_name(type) +
                           ") for partitions " + join(succeeded));
  }
  if (!noop.empty()) report.lines.push_back("Valid replica already elected for partitions " + join(noop));
  for (const auto& [tp, exception] : failed) {
    std::ostringstream os;
    os << "Error completing leader election (" << type_name(type) << ") for partition: " << tp << ": " << exception;
    report.lines.push_back(os.str());
  }
  report.failed = failed.size();
  return report;
}

}  // namespace kb::tools
