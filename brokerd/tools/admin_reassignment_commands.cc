#include "brokerd/tools/admin_reassignment_commands.h"

#include <random>

#include "brokerd/protocol/error_code.h"
#include "brokerd/protocol/messages/partition_reassignments.h"
#include "brokerd/tools/command_line.h"
#include "brokerd/tools/reassignment_proposal.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

using protocol::error_code;

// How long each admin call may take, retries included (Kafka's admin client waits 30 s for a
// request, request.timeout.ms).
constexpr std::chrono::milliseconds request_timeout{30000};
constexpr const char* client_id = "reassign-partitions-tool";

const char* const cannot_execute_message =
    "Cannot execute because there is an existing partition assignment.  Use --additional to override this and "
    "create a new partition assignment in addition to the existing one. The --additional flag can also be used to "
    "change the throttle by resubmitting the current reassignment.";

// What Kafka prints for describeTopics of a missing topic (an ExecutionException's message).
const char* const unknown_topic_message =
    "org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this "
    "topic-partition.";

std::string error_text(error_code code, const std::optional<std::string>& message) {
  return message && !message->empty() ? *message : std::string(protocol::message(code));
}

std::string tp_name(const kb::topic_partition& tp) { return tp.topic + "-" + std::to_string(tp.partition); }

void refuse_log_dir_moves(const reassignment_file& file) {
  if (!file.log_dirs.empty()) {
    throw command_error("Moving replicas between log directories is not supported by this broker.");
  }
}

}  // namespace

admin_reassignment_commands::admin_reassignment_commands(std::string bootstrap_servers, std::ostream& out)
    : client_(bootstrap_servers, client_id, request_timeout), out_(out) {}

admin_reassignment_commands::~admin_reassignment_commands() = default;

void admin_reassignment_commands::run(const reassign_command_options& opts) {
  switch (opts.action) {
    case reassign_action::execute: execute(opts); break;
    case reassign_action::verify: verify(opts); break;
    case reassign_action::generate: generate(opts); break;
    case reassign_action::cancel: cancel(opts); break;
    case reassign_action::list: list(); break;
  }
}

protocol::metadata_response admin_reassignment_commands::metadata(const std::optional<std::vector<std::string>>& topics) {
  protocol::metadata_request req;
  if (topics) {
    req.topics.emplace();
    for (const auto& t : *topics) req.topics->push_back({t});
  }
  req.allow_auto_topic_creation = false;
  return client_.metadata(req);
}

partition_replicas admin_reassignment_commands::describe_topics(const std::set<std::string>& topics) {
  partition_replicas out;
  if (topics.empty()) return out;
  const protocol::metadata_response md = metadata(std::vector<std::string>(topics.begin(), topics.end()));
  for (const auto& t : md.topics) {
    if (t.error_code == error_code::unknown_topic_or_partition) throw command_error(unknown_topic_message);
    for (const auto& p : t.partitions) out[{t.name, p.partition_index}] = p.replica_nodes;
  }
  return out;
}

std::map<kb::topic_partition, ongoing_reassignment> admin_reassignment_commands::list_reassignments(
    const std::optional<std::set<kb::topic_partition>>& partitions) {
  protocol::list_partition_reassignments_request req;
  req.timeout_ms = static_cast<int32_t>(request_timeout.count());
  if (partitions) {
    req.topics.emplace();
    for (const auto& tp : *partitions) {
      if (req.topics->empty() || req.topics->back().name != tp.topic) req.topics->push_back({tp.topic, {}});
      req.topics->back().partition_indexes.push_back(tp.partition);
    }
  }
  const auto resp = client_.call<protocol::list_partition_reassignments_response>(
      protocol::api_key::list_partition_reassignments, 0, true, req);
  if (resp.error_code != error_code::none) throw command_error(error_text(resp.error_code, resp.error_message));
  std::map<kb::topic_partition, ongoing_reassignment> out;
  for (const auto& t : resp.topics) {
    for (const auto& p : t.partitions) {
      out[{t.name, p.partition_index}] = {p.replicas, p.adding_replicas, p.removing_replicas};
    }
  }
  return out;
}

admin_reassignment_commands::reassignment_results admin_reassignment_commands::alter_reassignments(
    const std::map<kb::topic_partition, std::optional<std::vector<int32_t>>>& targets) {
  protocol::alter_partition_reassignments_request req;
  req.timeout_ms = static_cast<int32_t>(request_timeout.count());
  for (const auto& [tp, replicas] : targets) {
    if (req.topics.empty() || req.topics.back().name != tp.topic) req.topics.push_back({tp.topic, {}});
    req.topics.back().partitions.push_back({tp.partition, replicas});
  }
  const auto resp = client_.call<protocol::alter_partition_reassignments_response>(
      protocol::api_key::alter_partition_reassignments, 0, true, req);
  if (resp.error_code != error_code::none) throw command_error(error_text(resp.error_code, resp.error_message));
  reassignment_results out;
  for (const auto& t : resp.responses) {
    for (const auto& p : t.partitions) {
      out[{t.name, p.partition_index}] = {static_cast<int16_t>(p.error_code), error_text(p.error_code, p.error_message)};
    }
  }
  return out;
}

void admin_reassignment_commands::execute(const reassign_command_options& opts) {
  const reassignment_file file = parse_reassignment_json(read_file_text(*opts.reassignment_json_file));
  const partition_replicas proposed = validate_execute_targets(file);
  refuse_log_dir_moves(file);
  if (opts.throttle >= 0 || opts.replica_alter_log_dirs_throttle >= 0) {
    throw command_error("Throttles are not supported: this broker implements no replication quotas.");
  }
  if (!opts.additional && !list_reassignments(std::nullopt).empty()) throw terse_error(cannot_execute_message);
  std::set<int32_t> live;
  for (const auto& b : metadata(std::vector<std::string>{}).brokers) live.insert(b.node_id);
  std::set<int32_t> wanted;
  std::set<std::string> topics;
  for (const auto& [tp, replicas] : proposed) {
    wanted.insert(replicas.begin(), replicas.end());
    topics.insert(tp.topic);
  }
  for (int32_t b : wanted) {
    if (!live.count(b)) throw command_error("Unknown broker id " + std::to_string(b));
  }
  out_ << current_assignment_text(proposed, describe_topics(topics)) << std::endl;
  std::map<kb::topic_partition, std::optional<std::vector<int32_t>>> targets(proposed.begin(), proposed.end());
  std::string errors;
  for (const auto& [tp, result] : alter_reassignments(targets)) {
    if (result.first != 0) errors += "\n" + tp_name(tp) + ": " + result.second;
  }
  if (!errors.empty()) throw terse_error("Error reassigning partition(s):" + errors);
  out_ << started_text(proposed) << std::endl;
}

void admin_reassignment_commands::verify(const reassign_command_options& opts) {
  const reassignment_file file = parse_reassignment_json(read_file_text(*opts.reassignment_json_file));
  refuse_log_dir_moves(file);
  const auto ongoing = list_reassignments(std::nullopt);
  std::map<kb::topic_partition, std::vector<int32_t>> targets;
  std::set<std::string> not_found_topics;
  for (const auto& [tp, target] : file.partitions) {
    targets[tp] = target;
    if (!ongoing.count(tp)) not_found_topics.insert(tp.topic);
  }
  // Partitions not moving: their replicas now. A missing topic reads as no replicas.
  partition_replicas current;
  for (const std::string& topic : not_found_topics) {
    try {
      for (auto& [tp, replicas] : describe_topics({topic})) current[tp] = std::move(replicas);
    } catch (const command_error&) {
      // UnknownTopicOrPartition: Kafka reports the partition as done with no replicas.
    }
  }
  std::map<kb::topic_partition, reassignment_state> states;
  for (const auto& [tp, target] : targets) {
    if (auto it = ongoing.find(tp); it != ongoing.end()) {
      states[tp] = {it->second.replicas, target, false};
    } else {
      auto now = current.find(tp);
      states[tp] = {now == current.end() ? std::vector<int32_t>{} : now->second, target, true};
    }
  }
  out_ << reassignment_status_text(states, /*zookeeper_wording=*/false) << std::endl;
  out_ << std::endl;  // Kafka's (empty) report of log-directory moves
  if (ongoing.empty() && !opts.preserve_throttles) clear_throttles(file.partitions);
}

void admin_reassignment_commands::generate(const reassign_command_options& opts) {
  const std::vector<int32_t> wanted = parse_broker_list(*opts.broker_list);
  const std::vector<std::string> topic_list = parse_topics_to_move(read_file_text(*opts.topics_to_move_json_file));
  const partition_replicas current = describe_topics(std::set<std::string>(topic_list.begin(), topic_list.end()));
  std::vector<int32_t> brokers;
  size_t with_rack = 0;
  for (const auto& b : metadata(std::vector<std::string>{}).brokers) {
    if (std::find(wanted.begin(), wanted.end(), b.node_id) == wanted.end()) continue;
    brokers.push_back(b.node_id);
    if (b.rack) ++with_rack;
  }
  std::sort(brokers.begin(), brokers.end());
  if (!opts.disable_rack_aware && with_rack != 0) {
    if (with_rack != brokers.size()) {
      throw command_error("Not all brokers have rack information. Add --disable-rack-aware in command line to make "
                          "replica assignment without rack information.");
    }
    throw command_error("Rack-aware assignment is not supported by this tool; add --disable-rack-aware.");
  }
  std::mt19937 rng(std::random_device{}());
  auto random_index = [&rng](int32_t bound) { return static_cast<int32_t>(rng() % static_cast<uint32_t>(bound)); };
  const partition_replicas proposed = propose_reassignment(current, brokers, random_index);
  out_ << "Current partition replica assignment\n" << format_reassignment_json(current) << "\n\n";
  out_ << "Proposed partition reassignment configuration\n" << format_reassignment_json(proposed) << std::endl;
}

void admin_reassignment_commands::cancel(const reassign_command_options& opts) {
  const reassignment_file file = parse_reassignment_json(read_file_text(*opts.reassignment_json_file));
  refuse_log_dir_moves(file);
  std::set<kb::topic_partition> wanted;
  for (const auto& [tp, _] : file.partitions) wanted.insert(tp);
  std::map<kb::topic_partition, std::optional<std::vector<int32_t>>> cancels;
  for (const auto& [tp, r] : list_reassignments(wanted)) {
    if (!r.adding.empty() || !r.removing.empty()) cancels[tp] = std::nullopt;
  }
  if (!cancels.empty()) {
    std::string errors;
    size_t failed = 0;
    for (const auto& [tp, result] : alter_reassignments(cancels)) {
      if (result.first == 0) continue;
      errors += "\n" + tp_name(tp) + ": " + result.second;
      ++failed;
    }
    if (failed > 0) {
      throw terse_error(std::string("Error cancelling partition reassignment") + (failed == 1 ? "" : "s") + " for:" +
                        errors);
    }
    std::vector<kb::topic_partition> cancelled;
    for (const auto& [tp, _] : cancels) cancelled.push_back(tp);
    out_ << cancelled_text(cancelled) << std::endl;
  } else {
    out_ << "None of the specified partition reassignments are active." << std::endl;
  }
  out_ << "None of the specified partition moves are active." << std::endl;
  if (!opts.preserve_throttles) clear_throttles(file.partitions);
}

void admin_reassignment_commands::list() { out_ << list_text(list_reassignments(std::nullopt)) << std::endl; }

// This broker has no replication quotas, so no throttle can have been set and there is
// nothing to delete; the report is Kafka's.
void admin_reassignment_commands::clear_throttles(const partition_targets& targets) {
  std::set<int32_t> brokers;
  for (const auto& b : metadata(std::vector<std::string>{}).brokers) brokers.insert(b.node_id);
  std::set<std::string> topics;
  for (const auto& [tp, replicas] : targets) {
    brokers.insert(replicas.begin(), replicas.end());
    topics.insert(tp.topic);
  }
  out_ << clearing_throttles_text(std::vector<int32_t>(brokers.begin(), brokers.end()),
                                  std::vector<std::string>(topics.begin(), topics.end()))
       << std::endl;
}

}  // namespace kb::tools
