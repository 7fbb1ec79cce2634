#include "brokerd/tools/consumer_group_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "brokerd/tools/consumer_group_report.h"
#include "brokerd/tools/group_offset_rows.h"
#include "brokerd/tools/group_state_list.h"
#include "brokerd/tools/java_hash_order.h"
#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/log_timestamp.h"
#include "brokerd/tools/reset_time_spec.h"
#include "brokerd/tools/scala_hash_order.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

std::vector<std::string> distinct(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

std::vector<int32_t> string_hashes(const std::vector<std::string>& names) {
  std::vector<int32_t> out;
  for (const std::string& n : names) out.push_back(java_string_hash(n));
  return out;
}

template <class T>
std::vector<T> reorder(const std::vector<T>& items, const std::vector<size_t>& order) {
  std::vector<T> out;
  for (size_t i : order) out.push_back(items[i]);
  return out;
}

// Errors.toString() of a group-level OffsetDelete error: the enum constant's name.
std::string errors_name(rd_kafka_resp_err_t err) {
  std::string name = rd_kafka_err2name(err);
  if (name == "UNKNOWN_TOPIC_OR_PART") return "UNKNOWN_TOPIC_OR_PARTITION";
  if (name == "UNKNOWN") return "UNKNOWN_SERVER_ERROR";
  return name;
}

}  // namespace

void consumer_group_service::run() {
  switch (opts_.action) {
    case group_action::list:
      return list_groups();
    case group_action::describe:
      return describe_groups();
    case group_action::delete_groups:
      return delete_groups();
    case group_action::reset_offsets:
      return reset_offsets();
    case group_action::delete_offsets:
      return delete_offsets();
  }
}

std::vector<std::string> consumer_group_service::requested_groups() {
  return opts_.all_groups ? admin_.list_groups() : distinct(opts_.groups);
}

std::vector<group_view> consumer_group_service::describe(const std::vector<std::string>& groups) {
  std::vector<group_view> out;
  for (auto& d : admin_.describe_groups(groups)) {
    if (d.error) throw command_error(kafka_exception_text(d.error));
    out.push_back(std::move(d.view));
  }
  return out;
}

void consumer_group_service::log_warning(const std::string& message) {
  err_ << log_timestamp() << " WARN " << message << " (kafka.admin.ConsumerGroupCommand$)" << std::endl;
}

// --- --list ----------------------------------------------------------------------------

void consumer_group_service::list_groups() {
  if (!opts_.list_state) {
    for (const std::string& g : admin_.list_groups()) out_ << g << '\n';
    return;
  }
  const std::vector<std::string> states =
      opts_.list_state_value.empty() ? std::vector<std::string>{} : parse_group_states(opts_.list_state_value);
  // ListGroups v2 (the broker's newest) carries no states: DescribeGroups tells them.
  const std::vector<std::string> groups = admin_.list_groups();
  std::vector<std::pair<std::string, std::string>> listed;
  for (const group_view& g : describe(groups)) {
    if (states.empty() || std::find(states.begin(), states.end(), g.state) != states.end()) {
      listed.emplace_back(g.group_id, g.state);
    }
  }
  print_group_states(out_, listed);
}

// --- --describe ------------------------------------------------------------------------

void consumer_group_service::describe_groups() {
  std::vector<std::string> groups = requested_groups();
  std::sort(groups.begin(), groups.end());  // Kafka collects the groups into a TreeMap
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  const std::vector<group_view> described = describe(groups);
  switch (opts_.view) {
    case describe_view::offsets: {
      std::vector<std::vector<offset_row>> rows;
      for (const group_view& g : described) {
        const auto committed = admin_.committed_offsets(g.group_id);
        std::map<kb::topic_partition, int64_t> log_end;
        for (const auto& tp : offset_row_partitions(g, committed)) {
          if (auto end = admin_.watermarks(tp).end) log_end[tp] = *end;
        }
        rows.push_back(collect_offset_rows(g, committed, log_end));
      }
      for (size_t i = 0; i < described.size(); ++i) {
        print_offsets(out_, err_, described[i].group_id, described[i].state, rows[i]);
      }
      return;
    }
    case describe_view::members:
      for (const group_view& g : described) print_members(out_, err_, g, opts_.verbose);
      return;
    case describe_view::state:
      for (const group_view& g : described) print_state(out_, err_, g);
      return;
  }
}

// --- --delete --------------------------------------------------------------------------

void consumer_group_service::delete_groups() {
  const std::vector<std::string> groups = requested_groups();
  std::vector<std::pair<std::string, std::optional<std::string>>> results;
  for (const auto& [group, err] : admin_.delete_groups(groups)) {
    results.emplace_back(group, err ? std::optional<std::string>(kafka_exception_text(err)) : std::nullopt);
  }
  // Kafka reports from a Scala mutable map of the results.
  std::vector<std::string> names;
  for (const auto& r : results) names.push_back(r.first);
  print_group_deletions(out_, reorder(results, scala_mutable_hash_order(string_hashes(names))));
}

// --- --reset-offsets -------------------------------------------------------------------

std::vector<kb::topic_partition> consumer_group_service::topic_partitions(const std::vector<std::string>& topics,
                                                                          std::vector<std::string>* missing) {
  const std::vector<std::string> names = distinct(topics);
  if (names.empty()) return {};
  const cluster_view cluster = admin_.metadata();
  std::vector<kb::topic_partition> out;
  // Kafka walks describeTopics' result, a java.util.HashMap sized for the topics asked.
  for (size_t i : java_hash_map_order(string_hashes(names), names.size())) {
    const topic_view* t = cluster.topic(names[i]);
    if (!t || t->error) {
      if (!missing) throw command_error(kafka_exception_text(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART));
      missing->push_back(names[i]);
      continue;
    }
    for (const partition_view& p : t->partitions) out.push_back({t->name, p.id});
  }
  return out;
}

std::vector<kb::topic_partition> consumer_group_service::partitions_to_reset(const std::string& group) {
  if (opts_.all_topics) {
    const auto committed = admin_.committed_offsets(group);
    std::vector<int32_t> hashes;
    for (const auto& [tp, _] : committed) hashes.push_back(java_topic_partition_hash(tp.topic, tp.partition));
    std::vector<kb::topic_partition> out;
    for (size_t i : java_hash_map_order(hashes)) out.push_back(committed[i].first);
    return out;
  }
  if (opts_.topics.empty()) throw usage_error("One of the reset scopes should be defined: --all-topics, --topic.");
  std::vector<kb::topic_partition> out;
  std::vector<std::string> whole_topics;
  for (const std::string& arg : opts_.topics) {
    if (arg.find(':') == std::string::npos) {
      whole_topics.push_back(arg);
      continue;
    }
    for (auto& tp : parse_topic_partitions_arg(arg)) out.push_back(std::move(tp));
  }
  for (auto& tp : topic_partitions(whole_topics, nullptr)) out.push_back(std::move(tp));
  return out;
}

std::vector<std::pair<kb::topic_partition, int64_t>> consumer_group_service::prepare_reset(
    const std::string& group, const std::vector<kb::topic_partition>& partitions) {
  reset_inputs in;
  const reset_scenario s = opts_.scenario;
  if (s == reset_scenario::none) throw usage_error(missing_reset_scenario_message());
  if (s == reset_scenario::shift_by || s == reset_scenario::to_current) {
    for (const auto& [tp, offset] : admin_.committed_offsets(group)) {
      if (offset >= 0) in.committed[tp] = offset;
    }
  }
  int64_t timestamp = 0;
  if (s == reset_scenario::to_datetime) timestamp = parse_reset_datetime(opts_.reset_time);
  if (s == reset_scenario::by_duration) timestamp = timestamp_before(now_(), parse_java_duration(opts_.reset_time));
  if (s == reset_scenario::to_datetime || s == reset_scenario::by_duration) {
    in.by_time = admin_.offsets_for_times(partitions, timestamp);
  }
  for (const auto& tp : partitions) {
    const bool needed = s == reset_scenario::to_current ? !in.committed.count(tp)
                        : (s == reset_scenario::to_datetime || s == reset_scenario::by_duration)
                            ? in.by_time.count(tp) && in.by_time[tp] < 0
                            : true;
    if (needed && !in.log.count(tp)) in.log[tp] = admin_.watermarks(tp);
  }
  reset_plan plan = plan_reset(s, opts_.reset_offset, partitions, in);
  for (const std::string& n : plan.notices) out_ << n << '\n';
  for (const std::string& w : plan.warnings) log_warning(w);
  return plan.offsets;
}

void consumer_group_service::reset_offsets() {
  const std::vector<std::string> groups = requested_groups();
  std::vector<group_view> described = describe(groups);
  // Kafka walks describeConsumerGroups' result, a java.util.HashMap keyed by group id.
  std::vector<std::string> names;
  for (const group_view& g : described) names.push_back(g.group_id);
  described = reorder(described, java_hash_map_order(string_hashes(names)));

  std::vector<std::pair<std::string, std::vector<std::pair<kb::topic_partition, int64_t>>>> plans;
  for (const group_view& g : described) {
    if (g.state == "Empty" || g.state == "Dead") {
      const std::vector<kb::topic_partition> partitions = partitions_to_reset(g.group_id);
      auto offsets = prepare_reset(g.group_id, partitions);
      if (opts_.execute && !offsets.empty()) admin_.alter_offsets(g.group_id, offsets);
      plans.emplace_back(g.group_id, std::move(offsets));
    } else {
      print_error(out_, "Assignments can only be reset if the group '" + g.group_id +
                            "' is inactive, but the current state is " + g.state + ".");
      plans.emplace_back(g.group_id, std::vector<std::pair<kb::topic_partition, int64_t>>{});
    }
  }
  // ...and prints them from the Scala map it folded them into.
  names.clear();
  for (const auto& p : plans) names.push_back(p.first);
  print_reset_plan(out_, reorder(plans, scala_immutable_order(string_hashes(names))));
}

// --- --delete-offsets ------------------------------------------------------------------

void consumer_group_service::delete_offsets() {
  const std::string& group = opts_.groups.front();
  std::vector<kb::topic_partition> partitions;
  std::vector<std::string> whole_topics;
  for (const std::string& arg : opts_.topics) {
    if (arg.find(':') == std::string::npos) {
      whole_topics.push_back(arg);
      continue;
    }
    for (auto& tp : parse_topic_partitions_arg(arg)) partitions.push_back(std::move(tp));
  }
  std::vector<std::string> missing;
  for (auto& tp : topic_partitions(whole_topics, &missing)) partitions.push_back(std::move(tp));

  consumer_group_admin::offset_deletion result;
  if (!partitions.empty()) result = admin_.delete_offsets(group, partitions);

  // The overall error: the group's, else the first partition error in the order of the
  // Scala set of partitions Kafka asked about.
  std::vector<kb::topic_partition> asked;
  std::vector<int32_t> hashes;
  for (const auto& tp : partitions) {
    if (std::find(asked.begin(), asked.end(), tp) != asked.end()) continue;
    asked.push_back(tp);
    hashes.push_back(java_topic_partition_hash(tp.topic, tp.partition));
  }
  auto partition_error = [&](const kb::topic_partition& tp) {
    if (result.group_error) return result.group_error;
    for (const auto& [p, err] : result.partitions) {
      if (p == tp) return err;
    }
    return RD_KAFKA_RESP_ERR_NO_ERROR;
  };
  rd_kafka_resp_err_t top = result.group_error;
  for (size_t i : scala_immutable_order(hashes)) {
    if (top) break;
    top = partition_error(asked[i]);
  }

  switch (top) {
    case RD_KAFKA_RESP_ERR_NO_ERROR: {
      std::string topics;
      for (const std::string& t : opts_.topics) topics += (topics.empty() ? "" : ", ") + t;
      out_ << "Request succeed for deleting offsets with topic " << topics << " group " << group << '\n';
      break;
    }
    case RD_KAFKA_RESP_ERR_INVALID_GROUP_ID:
      print_error(out_, "'" + group + "' is not valid.");
      break;
    case RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND:
      print_error(out_, "'" + group + "' does not exist.");
      break;
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
      print_error(out_, "Access to '" + group + "' is not authorized.");
      break;
    case RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP:
      print_error(out_, "Deleting offsets of a consumer group '" + group + "' is forbidden if the group is not empty.");
      break;
    case RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
      print_error(out_, "Encounter some partition level error, see the follow-up details:");
      break;
    default:
      print_error(out_, "Encounter some unknown error: " + errors_name(top));
      break;
  }

  std::vector<offset_deletion_row> rows;
  for (const std::string& t : missing) {
    rows.push_back({{t, -1}, kafka_exception_text(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)});
  }
  for (const auto& tp : asked) {
    const rd_kafka_resp_err_t err = partition_error(tp);
    rows.push_back({tp, err ? std::optional<std::string>(kafka_exception_text(err)) : std::nullopt});
  }
  print_offset_deletions(out_, std::move(rows));
}

}  // namespace kb::tools
