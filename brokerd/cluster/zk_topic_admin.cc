#include "brokerd/cluster/zk_topic_admin.h"

#include <algorithm>
#include <utility>

#include "brokerd/cluster/topic_config.h"

namespace kb::cluster {
namespace {

zkmeta::write_mode to_mode(bool validate_only) {
  return validate_only ? zkmeta::write_mode::validate_only : zkmeta::write_mode::apply;
}

zkmeta::config_entries to_entries(const std::map<std::string, std::string>& config) {
  return zkmeta::config_entries(config.begin(), config.end());
}

// validate_topic_config, split into Kafka's two kinds of failure (unknown names are reported
// before any bad value, and AlterConfigs prefixes only the latter).
std::optional<zkmeta::config_problem> check_topic_config(const std::string& name, const std::string& value) {
  std::optional<std::string> message = validate_topic_config(name, value);
  if (!message) return std::nullopt;
  const auto& keys = topic_config_keys();
  const bool known = std::find(keys.begin(), keys.end(), name) != keys.end();
  return zkmeta::config_problem{
      known ? zkmeta::config_problem::kind::invalid_value : zkmeta::config_problem::kind::unknown_name,
      std::move(*message)};
}

}  // namespace

protocol::error_code to_error_code(const zkmeta::admin_outcome& outcome) {
  using protocol::error_code;
  switch (outcome.error) {
    case zkmeta::admin_error::none: return error_code::none;
    case zkmeta::admin_error::invalid_topic: return error_code::invalid_topic_exception;
    case zkmeta::admin_error::topic_already_exists: return error_code::topic_already_exists;
    case zkmeta::admin_error::unknown_topic: return error_code::unknown_topic_or_partition;
    case zkmeta::admin_error::invalid_partitions: return error_code::invalid_partitions;
    case zkmeta::admin_error::invalid_replication_factor: return error_code::invalid_replication_factor;
    case zkmeta::admin_error::invalid_replica_assignment: return error_code::invalid_replica_assignment;
    case zkmeta::admin_error::invalid_config: return error_code::invalid_config;
    case zkmeta::admin_error::invalid_request: return error_code::invalid_request;
    case zkmeta::admin_error::reassignment_in_progress: return error_code::reassignment_in_progress;
    case zkmeta::admin_error::zookeeper_error:
      // Kafka retries ZooKeeper until the request times out; tell the client to retry.
      return zkmeta::is_retryable(outcome.cause) ? error_code::request_timed_out : error_code::unknown_server_error;
    case zkmeta::admin_error::unexpected: return error_code::unknown_server_error;
  }
  return error_code::unknown_server_error;
}

admin_result to_admin_result(const zkmeta::admin_outcome& outcome) {
  admin_result r;
  r.error = to_error_code(outcome);
  if (r.error != protocol::error_code::unknown_server_error && r.error != protocol::error_code::request_timed_out) {
    r.message = outcome.message;
  }
  return r;
}

zk_topic_admin::zk_topic_admin(zkmeta::zk_client& zk, int32_t num_partitions, int16_t default_replication_factor,
                               bool delete_topic_enable, zkmeta::random_bits random)
    : writer_(zk, check_topic_config, std::move(random)),
      num_partitions_(num_partitions),
      default_replication_factor_(default_replication_factor),
      delete_topic_enable_(delete_topic_enable) {}

boost::asio::awaitable<admin_result> zk_topic_admin::create_topic(const new_topic& t, bool validate_only) {
  // Copied before the first suspension: the caller's `t` need not outlive it.
  zkmeta::create_topic_request request;
  request.name = t.name;
  request.config = to_entries(t.config);
  if (!t.assignment.empty()) {
    if (t.partitions != -1 || t.replication_factor != -1) {
      co_return admin_result{protocol::error_code::invalid_request,
                             "Both numPartitions or replicationFactor and replicasAssignments were set. "
                             "Both cannot be used at the same time."};
    }
    request.assignment = t.assignment;
  } else {
    request.partitions = t.partitions == -1 ? num_partitions_ : t.partitions;
    request.replication_factor = t.replication_factor == -1 ? default_replication_factor_ : t.replication_factor;
  }
  co_return to_admin_result(co_await writer_.create_topic(std::move(request), to_mode(validate_only)));
}

boost::asio::awaitable<admin_result> zk_topic_admin::delete_topic(const std::string& name) {
  if (!delete_topic_enable_) co_return admin_result{protocol::error_code::topic_deletion_disabled, std::nullopt};
  admin_result r = to_admin_result(co_await writer_.delete_topic(name));
  // Kafka's ZooKeeper-mode DeleteTopics reports codes only.
  r.message.reset();
  co_return r;
}

boost::asio::awaitable<admin_result> zk_topic_admin::create_partitions(const std::string& name, int32_t total,
                                                                       const std::vector<std::vector<int32_t>>& assignment,
                                                                       bool validate_only) {
  std::optional<std::vector<std::vector<int32_t>>> explicit_assignment;
  if (!assignment.empty()) explicit_assignment = assignment;
  co_return to_admin_result(
      co_await writer_.create_partitions(name, total, std::move(explicit_assignment), to_mode(validate_only)));
}

boost::asio::awaitable<admin_result> zk_topic_admin::set_topic_config(const std::string& name,
                                                                      const std::map<std::string, std::string>& config,
                                                                      bool validate_only) {
  co_return to_admin_result(co_await writer_.set_topic_config(name, to_entries(config), to_mode(validate_only)));
}

}  // namespace kb::cluster
