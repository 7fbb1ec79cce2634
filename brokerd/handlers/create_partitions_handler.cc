#include "brokerd/handlers/create_partitions_handler.h"

#include <map>
#include <numeric>
#include <set>

#include "brokerd/handlers/metadata_propagation.h"
#include "brokerd/protocol/messages/create_partitions.h"
#include "zkmeta/admin/topic_limits.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;
using request = protocol::create_partitions_request;
using topic_result = protocol::create_partitions_response::create_partitions_topic_result;

namespace {

// An error for the topic (code and Kafka's message), or nullopt if it may be extended.
std::optional<cluster::admin_result> check_topic(const broker_services& s, const request::create_partitions_topic& t) {
  auto error = [](error_code e, std::string message) { return cluster::admin_result{e, std::move(message)}; };
  const cluster::topic_info* info = s.metadata.topic(t.name);
  if (info && info->marked_for_deletion) return error(error_code::invalid_topic_exception, "The topic is queued for deletion.");
  if (!info || info->assignment.empty()) {
    return error(error_code::unknown_topic_or_partition, "The topic '" + t.name + "' does not exist.");
  }
  const int32_t current = static_cast<int32_t>(info->assignment.size());
  if (t.count < current) {
    return error(error_code::invalid_partitions, "Topic currently has " + std::to_string(current) +
                                                     " partitions, which is higher than the requested " +
                                                     std::to_string(t.count) + ".");
  }
  if (t.count == current) {
    return error(error_code::invalid_partitions, "Topic already has " + std::to_string(current) + " partitions.");
  }
  if (t.count > zkmeta::max_partitions_per_topic) {
    return error(error_code::invalid_partitions, zkmeta::too_many_partitions_message(t.count));
  }
  if (t.assignments) {
    std::set<int32_t> unknown;
    for (const auto& a : *t.assignments) {
      for (int32_t b : a.broker_ids) {
        if (!s.metadata.is_alive(b)) unknown.insert(b);
      }
    }
    if (!unknown.empty()) {
      std::string list;
      for (int32_t b : unknown) list += (list.empty() ? "" : ", ") + std::to_string(b);
      return error(error_code::invalid_replica_assignment, "Unknown broker(s) in replica assignment: " + list + ".");
    }
    const int32_t increment = t.count - current;
    if (static_cast<int32_t>(t.assignments->size()) != increment) {
      return error(error_code::invalid_replica_assignment,
                   "Increasing the number of partitions by " + std::to_string(increment) + " but " +
                       std::to_string(t.assignments->size()) + " assignments provided.");
    }
  }
  return std::nullopt;
}

// Waits (up to timeout_ms) until every partition of each extended topic has a leader; those
// still without one then get REQUEST_TIMED_OUT, as does every one when timeout_ms <= 0.
asio::awaitable<void> await_leaders(broker_services& s, protocol::create_partitions_response& resp,
                                    const std::vector<std::pair<size_t, int32_t>>& extended, int32_t timeout_ms) {
  auto all_partitions = [](int32_t count) {
    std::vector<int32_t> p(static_cast<size_t>(count));
    std::iota(p.begin(), p.end(), 0);
    return p;
  };
  auto led = [&](size_t index, int32_t count) {
    return leaders_elected(s.metadata, resp.results[index].name, all_partitions(count));
  };
  if (timeout_ms > 0) {
    // Built before the co_await: GCC 12 mishandles temporaries converted inside one.
    std::function<bool()> all_led = [&] {
      for (const auto& [index, count] : extended) {
        if (!led(index, count)) return false;
      }
      return true;
    };
    std::vector<std::string> topics;
    for (const auto& [index, count] : extended) topics.push_back(resp.results[index].name);
    co_await wait_for_metadata(s, std::move(topics), timeout_ms, std::move(all_led));
  }
  for (const auto& [index, count] : extended) {
    if (timeout_ms <= 0 || !led(index, count)) {
      resp.results[index].error_code = error_code::request_timed_out;
      resp.results[index].error_message = std::nullopt;
    }
  }
}

}  // namespace

asio::awaitable<protocol::create_partitions_response> handle_create_partitions(broker_services& s,
                                                                               const server::request_context&,
                                                                               request req) {
  protocol::create_partitions_response resp;
  bool is_controller = s.metadata.controller_id() == s.settings.broker_id;

  std::map<std::string, int> occurrences;
  for (const auto& t : req.topics) ++occurrences[t.name];
  std::vector<std::pair<size_t, int32_t>> extended;  // response index, new partition count

  for (const auto& t : req.topics) {
    // Kafka answers with a map by name: one result per distinct topic.
    if (occurrences[t.name] == 0) continue;
    const bool duplicated = occurrences[t.name] > 1;
    occurrences[t.name] = 0;
    auto& r = resp.results.emplace_back();
    r.name = t.name;
    cluster::admin_result result;
    if (!is_controller) {
      result.error = error_code::not_controller;
    } else if (duplicated) {
      result = {error_code::invalid_request, "Duplicate topic in request."};
    } else if (auto problem = check_topic(s, t)) {
      result = *problem;
    } else {
      std::vector<std::vector<int32_t>> assignment;
      if (t.assignments) {
        for (const auto& a : *t.assignments) assignment.push_back(a.broker_ids);
      }
      result = co_await s.admin.create_partitions(t.name, t.count, assignment, req.validate_only);
      if (result.error == error_code::none && !req.validate_only) {
        extended.emplace_back(resp.results.size() - 1, t.count);
      }
    }
    r.error_code = result.error;
    r.error_message = result.message;
  }

  if (!extended.empty()) co_await await_leaders(s, resp, extended, req.timeout_ms);
  co_return resp;
}

}  // namespace kb::handlers
