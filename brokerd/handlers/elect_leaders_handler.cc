#include "brokerd/handlers/elect_leaders_handler.h"

#include <map>
#include <utility>

#include "brokerd/handlers/error_mapping.h"
#include "brokerd/protocol/messages/elect_leaders.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;

namespace {

struct partition_answer {
  error_code error = error_code::none;
  std::optional<std::string> message;  // null when the error has no text of its own
};
using answers = std::map<kb::topic_partition, partition_answer>;

std::optional<std::vector<kb::topic_partition>> requested(const protocol::elect_leaders_request& req) {
  if (!req.topic_partitions) return std::nullopt;
  std::vector<kb::topic_partition> out;
  for (const auto& t : *req.topic_partitions) {
    for (int32_t p : t.partitions) out.push_back({t.topic, p});
  }
  return out;
}

std::vector<kb::topic_partition> all_known(const cluster::metadata_cache& metadata) {
  std::vector<kb::topic_partition> out;
  for (const auto& [name, topic] : metadata.topics()) {
    for (const auto& [p, _] : topic.assignment) out.push_back({name, p});
  }
  return out;
}

answers every(const std::vector<kb::topic_partition>& partitions, error_code error) {
  answers out;
  for (const auto& tp : partitions) out[tp] = {error, std::nullopt};
  return out;
}

protocol::elect_leaders_response build_response(const answers& by_partition, error_code top_level) {
  protocol::elect_leaders_response resp;
  resp.error_code = top_level;
  for (const auto& [tp, a] : by_partition) {
    if (resp.replica_election_results.empty() || resp.replica_election_results.back().topic != tp.topic) {
      resp.replica_election_results.push_back({tp.topic, {}});
    }
    resp.replica_election_results.back().partition_result.push_back({tp.partition, a.error, a.message});
  }
  return resp;
}

}  // namespace

asio::awaitable<protocol::elect_leaders_response> handle_elect_leaders(elect_leaders_deps& deps,
                                                                       const server::request_context&,
                                                                       protocol::elect_leaders_request req) {
  std::optional<std::vector<kb::topic_partition>> partitions = requested(req);
  if (req.election_type != protocol::election_type::preferred &&
      req.election_type != protocol::election_type::unclean) {
    // Kafka's ElectionType.valueOf refuses the byte before anything is elected.
    answers refused = every(partitions.value_or(std::vector<kb::topic_partition>{}), error_code::invalid_request);
    co_return build_response(refused, error_code::invalid_request);
  }
  const zkmeta::election_type type = req.election_type == protocol::election_type::unclean
                                         ? zkmeta::election_type::unclean
                                         : zkmeta::election_type::preferred;
  std::optional<std::vector<kb::topic_partition>> asked = partitions;
  auto results = co_await deps.elect(type, std::move(asked));
  answers by_partition;
  if (!results) {
    by_partition = every(partitions ? *partitions : all_known(deps.metadata), error_code::not_controller);
  } else {
    for (const auto& [tp, r] : *results) {
      // For "all partitions", Kafka reports only the elections that happened or failed.
      if (!partitions && r.outcome == zkmeta::election_outcome::not_needed) continue;
      partition_answer a{to_kafka_error(r.outcome), std::nullopt};
      if (!r.message.empty()) a.message = r.message;
      by_partition[tp] = a;
    }
  }
  co_return build_response(by_partition, error_code::none);
}

}  // namespace kb::handlers
