#include "brokerd/tools/leader_election_report.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <utility>

#include "log/types.h"

namespace kb::tools {
namespace {

using protocol::error_code;

// The class of org.apache.kafka.common.errors Kafka's Errors enum names for the code. Most are
// the code's name in CamelCase plus "Exception"; the table lists the ones that are not.
std::string exception_class(error_code code) {
  switch (code) {
    case error_code::unknown_server_error: return "UnknownServerException";
    case error_code::request_timed_out: return "TimeoutException";
    case error_code::invalid_topic_exception: return "InvalidTopicException";
    case error_code::cluster_authorization_failed: return "ClusterAuthorizationException";
    case error_code::topic_authorization_failed: return "TopicAuthorizationException";
    case error_code::unsupported_version: return "UnsupportedVersionException";
    default: break;
  }
  std::string out;
  bool upper = true;
  for (char c : protocol::name(code)) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                 : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    upper = false;
  }
  return out + "Exception";
}

const char* type_name(protocol::election_type type) {
  return type == protocol::election_type::unclean ? "UNCLEAN" : "PREFERRED";
}

std::string join(const std::vector<kb::topic_partition>& tps) {
  std::ostringstream os;
  for (size_t i = 0; i < tps.size(); ++i) os << (i ? ", " : "") << tps[i];
  return os.str();
}

}  // namespace

std::string java_exception_text(error_code code, const std::optional<std::string>& message) {
  std::string text = "org.apache.kafka.common.errors." + exception_class(code);
  const std::string detail = message ? *message : std::string(protocol::message(code));
  if (!detail.empty()) text += ": " + detail;
  return text;
}

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
