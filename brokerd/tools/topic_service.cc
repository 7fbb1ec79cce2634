#include "brokerd/tools/topic_service.h"

#include <cstdint>
#include <limits>

#include "brokerd/tools/cluster_metadata.h"
#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/replica_assignment.h"
#include "brokerd/tools/tool_error.h"
#include "brokerd/tools/topic_description.h"
#include "brokerd/tools/topic_filter.h"

namespace kb::tools {
namespace {

// Kafka's parseTopicConfigsToBeAdded: each --config splits on '=' (with the whitespace around
// it) into exactly a name and a value; Scala's require() prefixes its message.
key_value_list parse_topic_configs(const std::vector<std::string>& configs) {
  key_value_list out;
  const auto trim = [](const std::string& s) {
    const size_t b = s.find_first_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, s.find_last_not_of(" \t") - b + 1);
  };
  for (const std::string& c : configs) {
    const size_t eq = c.find('=');
    const std::string value = eq == std::string::npos ? "" : trim(c.substr(eq + 1));
    if (eq == std::string::npos || value.empty() || value.find('=') != std::string::npos) {
      throw command_error(
          "requirement failed: Invalid topic config: all configs to be added must be in the format \"key=val\".");
    }
    out.emplace_back(trim(c.substr(0, eq)), value);
  }
  return out;
}

std::optional<int> min_insync_replicas(const std::vector<config_entry_view>& configs) {
  for (const config_entry_view& e : configs) {
    if (e.name == "min.insync.replicas" && e.value) {
      try {
        return std::stoi(*e.value);
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

void topic_service::run(const topic_command_options& opts) const {
  switch (opts.action) {
    case topic_action::create:
      return create(opts);
    case topic_action::list:
      return list(opts);
    case topic_action::describe:
      return describe(opts);
    case topic_action::alter:
      return alter(opts);
    case topic_action::delete_topic:
      return remove(opts);
  }
}

std::vector<std::string> topic_service::matching_topics(const cluster_view& cluster, const topic_command_options& opts,
                                                        bool require_match) const {
  std::vector<std::string> names;
  if (opts.topic) {
    const topic_filter filter(*opts.topic);
    for (const topic_view& t : cluster.topics) {
      if (filter.allows(t.name, opts.exclude_internal)) names.push_back(t.name);
    }
    if (require_match && names.empty()) throw command_error("Topic '" + *opts.topic + "' does not exist as expected");
  } else {
    for (const topic_view& t : cluster.topics) {
      if (!(opts.exclude_internal && is_internal_topic(t.name))) names.push_back(t.name);
    }
  }
  return names;
}

void topic_service::create(const topic_command_options& opts) const {
  const std::string& name = *opts.topic;
  if (name.find('.') != std::string::npos || name.find('_') != std::string::npos) {
    out_ << "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could "
            "collide. To avoid issues it is best to use either, but not both.\n";
  }
  new_topic_spec spec;
  spec.name = name;
  if (opts.replica_assignment) spec.assignment = parse_replica_assignment(*opts.replica_assignment);
  spec.configs = parse_topic_configs(opts.configs);
  if (opts.replication_factor &&
      (*opts.replication_factor > std::numeric_limits<int16_t>::max() || *opts.replication_factor < 1)) {
    throw command_error("The replication factor must be between 1 and 32767 inclusive");
  }
  if (opts.partitions && *opts.partitions < 1) throw command_error("The partitions must be greater than 0");
  spec.partitions = opts.partitions;
  spec.replication_factor = opts.replication_factor;
  try {
    admin_.create_topic(spec);
    out_ << "Created topic " << name << ".\n";
  } catch (const broker_error& e) {
    if (!(e.code() == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS && opts.if_not_exists)) throw;
  }
}

void topic_service::list(const topic_command_options& opts) const {
  const cluster_view cluster = fetch_cluster_metadata(client_, timeout_);
  std::string text;
  for (const std::string& name : matching_topics(cluster, opts, false)) text += (text.empty() ? "" : "\n") + name;
  out_ << text << '\n';  // Kafka prints the joined names with println, so an empty line when there are none
}

void topic_service::describe(const topic_command_options& opts) const {
  const cluster_view cluster = fetch_cluster_metadata(client_, timeout_);
  const std::vector<std::string> names = matching_topics(cluster, opts, !opts.if_exists);
  for (const std::string& name : names) {
    const topic_view& topic = *cluster.topic(name);
    if (topic.error) throw broker_error(topic.error, kafka_error_text(topic.error, nullptr));
  }
  const auto configs = admin_.describe_topic_configs(names);
  const partition_report report{opts.under_replicated_partitions, opts.unavailable_partitions,
                                opts.under_min_isr_partitions, opts.at_min_isr_partitions};
  for (const std::string& name : names) {
    const topic_view& topic = *cluster.topic(name);
    auto it = configs.find(name);
    const std::vector<config_entry_view> none;
    const std::vector<config_entry_view>& topic_configs = it == configs.end() ? none : it->second;
    if (!report.any()) {
      const bool has_override = !overridden_configs(topic_configs).empty();
      if (!opts.topics_with_overrides || has_override) out_ << topic_line(topic, topic_configs) << '\n';
    }
    if (opts.topics_with_overrides) continue;  // Kafka: --topics-with-overrides prints no partitions
    const std::optional<int> min_isr = min_insync_replicas(topic_configs);
    for (const partition_view& p : topic.partitions) {
      if (report.selects(p, min_isr, cluster)) out_ << partition_line(name, p, cluster) << '\n';
    }
  }
}

void topic_service::alter(const topic_command_options& opts) const {
  const cluster_view cluster = fetch_cluster_metadata(client_, timeout_);
  const std::vector<std::string> names = matching_topics(cluster, opts, !opts.if_exists);
  const replica_assignment assignment =
      opts.replica_assignment ? parse_replica_assignment(*opts.replica_assignment) : replica_assignment{};
  for (const std::string& name : names) {
    const size_t existing = cluster.topic(name)->partitions.size();
    // Kafka: the assignment lists every partition; only the new ones' entries are sent.
    replica_assignment added;
    for (size_t p = existing; p < assignment.size(); ++p) added.push_back(assignment[p]);
    admin_.create_partitions(name, *opts.partitions, added);
  }
}

void topic_service::remove(const topic_command_options& opts) const {
  const cluster_view cluster = fetch_cluster_metadata(client_, timeout_);
  admin_.delete_topics(matching_topics(cluster, opts, !opts.if_exists));
}

}  // namespace kb::tools
