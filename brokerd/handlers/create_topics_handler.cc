#include "brokerd/handlers/create_topics_handler.h"

#include <map>
#include <numeric>

#include "brokerd/handlers/metadata_propagation.h"
#include "brokerd/handlers/topic_config_check.h"
#include "brokerd/protocol/messages/create_topics.h"
#include "zkmeta/admin/topic_limits.h"

namespace kb::handlers {
namespace asio = boost::asio;
using protocol::error_code;
using request = protocol::create_topics_request;
using topic_result = protocol::create_topics_response::creatable_topic_result;

namespace {

constexpr int32_t no_num_partitions = -1;
constexpr int16_t no_replication_factor = -1;

struct checked_topic {
  cluster::new_topic topic;  // resolved counts, or an explicit assignment
  std::vector<int32_t> partitions;  // what must get leaders before the topic counts as created
};

void fail(topic_result& r, error_code e, std::optional<std::string> message) {
  r.error_code = e;
  r.error_message = std::move(message);
}

// ZkAdminManager.createTopics' checks before the topic is written, in Kafka's order, except
// that the configs are checked here, before the topic_admin checks the name, the counts and
// the placement (Kafka checks those first). Returns the topic to create, or nullopt with `r`
// holding the error.
std::optional<checked_topic> check_topic(const broker_services& s, const request::creatable_topic& t, topic_result& r) {
  if (s.metadata.topic(t.name)) {
    fail(r, error_code::topic_already_exists, "Topic '" + t.name + "' already exists.");
    return std::nullopt;
  }
  std::string null_configs;
  for (const auto& c : t.configs) {
    if (!c.value) null_configs += (null_configs.empty() ? "" : ",") + c.name;
  }
  if (!null_configs.empty()) {
    fail(r, error_code::invalid_config, "Null value not supported for topic configs: " + null_configs);
    return std::nullopt;
  }
  if ((t.num_partitions != no_num_partitions || t.replication_factor != no_replication_factor) &&
      !t.assignments.empty()) {
    fail(r, error_code::invalid_request,
         "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same "
         "time.");
    return std::nullopt;
  }

  checked_topic out;
  cluster::new_topic& nt = out.topic;
  nt.name = t.name;
  for (const auto& c : t.configs) nt.config[c.name] = *c.value;  // a repeated key: the last wins, as in Properties
  if (t.assignments.empty()) {
    nt.partitions = t.num_partitions == no_num_partitions ? s.settings.num_partitions : t.num_partitions;
    nt.replication_factor =
        t.replication_factor == no_replication_factor ? s.settings.default_replication_factor : t.replication_factor;
    if (nt.partitions > zkmeta::max_partitions_per_topic) {
      fail(r, error_code::invalid_partitions, zkmeta::too_many_partitions_message(nt.partitions));
      return std::nullopt;
    }
    out.partitions.resize(static_cast<size_t>(std::max(nt.partitions, 0)));
    std::iota(out.partitions.begin(), out.partitions.end(), 0);
  } else {
    for (const auto& a : t.assignments) {
      nt.assignment[a.partition_index] = a.broker_ids;
      out.partitions.push_back(a.partition_index);
    }
    // Counts stay -1 (new_topic's "not given"): topic_admin refuses counts with an assignment.
  }
  if (auto problem = check_topic_configs(nt.config)) {
    fail(r, error_code::invalid_config, problem->message);
    return std::nullopt;
  }
  return out;
}

}  // namespace

asio::awaitable<protocol::create_topics_response> handle_create_topics(broker_services& s,
                                                                       const server::request_context&, request req) {
  protocol::create_topics_response resp;
  bool is_controller = s.metadata.controller_id() == s.settings.broker_id;

  std::map<std::string, int> occurrences;
  for (const auto& t : req.topics) ++occurrences[t.name];
  // Topics written to ZooKeeper, by index into the response, awaiting leaders.
  std::vector<std::pair<size_t, std::vector<int32_t>>> created;

  for (const auto& t : req.topics) {
    auto& r = resp.topics.emplace_back();
    r.name = t.name;
    if (!is_controller) {
      r.error_code = error_code::not_controller;  // Kafka leaves the message at its default
      continue;
    }
    if (occurrences[t.name] > 1) {
      fail(r, error_code::invalid_request, "Found multiple entries for this topic.");
      continue;
    }
    auto checked = check_topic(s, t, r);
    if (!checked) continue;
    cluster::admin_result result = co_await s.admin.create_topic(checked->topic, req.validate_only);
    fail(r, result.error, result.message);
    if (result.error == error_code::none && !req.validate_only) {
      created.emplace_back(resp.topics.size() - 1, std::move(checked->partitions));
    }
  }

  if (!created.empty()) {
    std::function<bool()> settled = [&] {  // a std::function before the co_await (GCC 12)
      for (const auto& [index, partitions] : created) {
        if (!leaders_elected(s.metadata, resp.topics[index].name, partitions)) return false;
      }
      return true;
    };
    // Kafka answers REQUEST_TIMED_OUT for every created topic when it may not wait at all.
    std::vector<std::string> topics;
    for (const auto& [index, partitions] : created) topics.push_back(resp.topics[index].name);
    if (req.timeout_ms > 0) co_await wait_for_metadata(s, std::move(topics), req.timeout_ms, settled);
    for (const auto& [index, partitions] : created) {
      auto& r = resp.topics[index];
      if (req.timeout_ms <= 0 || !leaders_elected(s.metadata, r.name, partitions)) {
        fail(r, error_code::request_timed_out, std::nullopt);
      }
    }
  }
  co_return resp;
}

}  // namespace kb::handlers
