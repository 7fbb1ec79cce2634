#include "brokerd/tools/topic_admin.h"

#include "brokerd/tools/admin_request.h"
#include "brokerd/tools/kafka_error_text.h"
#include "brokerd/tools/rdkafka_ptr.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

// Throws the first failed topic of a CreateTopics / DeleteTopics / CreatePartitions result.
void throw_first_error(const rd_kafka_topic_result_t** results, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
    if (err) throw broker_error(err, kafka_error_text(err, rd_kafka_topic_result_error_string(results[i])));
  }
}

std::vector<int32_t> mutable_copy(const std::vector<int32_t>& ids) { return ids; }

}  // namespace

void topic_admin::create_topic(const new_topic_spec& spec) const {
  char errstr[512];
  const bool manual = !spec.assignment.empty();
  new_topic_ptr topic(rd_kafka_NewTopic_new(spec.name.c_str(),
                                            manual ? static_cast<int>(spec.assignment.size()) : spec.partitions.value_or(-1),
                                            manual ? -1 : spec.replication_factor.value_or(-1), errstr, sizeof errstr));
  if (!topic) throw command_error(errstr);
  for (size_t p = 0; p < spec.assignment.size(); ++p) {
    std::vector<int32_t> brokers = mutable_copy(spec.assignment[p]);
    if (rd_kafka_NewTopic_set_replica_assignment(topic.get(), static_cast<int32_t>(p), brokers.data(), brokers.size(),
                                                 errstr, sizeof errstr)) {
      throw command_error(errstr);
    }
  }
  for (const auto& [key, value] : spec.configs) {
    if (rd_kafka_resp_err_t err = rd_kafka_NewTopic_set_config(topic.get(), key.c_str(), value.c_str())) {
      throw command_error(rd_kafka_err2str(err));
    }
  }
  event_ptr ev = run_admin_request(client_, RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout_,
                                   [&](rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
                                     rd_kafka_NewTopic_t* topics[] = {topic.get()};
                                     rd_kafka_CreateTopics(client_, topics, 1, options, queue);
                                   });
  size_t count = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev.get()), &count);
  throw_first_error(results, count);
}

void topic_admin::delete_topics(const std::vector<std::string>& names) const {
  if (names.empty()) return;
  std::vector<delete_topic_ptr> owned;
  std::vector<rd_kafka_DeleteTopic_t*> topics;
  for (const std::string& name : names) {
    owned.emplace_back(rd_kafka_DeleteTopic_new(name.c_str()));
    topics.push_back(owned.back().get());
  }
  event_ptr ev = run_admin_request(client_, RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout_,
                                   [&](rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
                                     rd_kafka_DeleteTopics(client_, topics.data(), topics.size(), options, queue);
                                   });
  size_t count = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev.get()), &count);
  throw_first_error(results, count);
}

void topic_admin::create_partitions(const std::string& topic, int32_t total,
                                    const replica_assignment& new_assignment) const {
  char errstr[512];
  new_partitions_ptr request(rd_kafka_NewPartitions_new(topic.c_str(), total, errstr, sizeof errstr));
  if (!request) throw command_error(errstr);
  for (size_t i = 0; i < new_assignment.size(); ++i) {
    std::vector<int32_t> brokers = mutable_copy(new_assignment[i]);
    if (rd_kafka_NewPartitions_set_replica_assignment(request.get(), static_cast<int32_t>(i), brokers.data(),
                                                      brokers.size(), errstr, sizeof errstr)) {
      throw command_error(errstr);
    }
  }
  event_ptr ev = run_admin_request(client_, RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, timeout_,
                                   [&](rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
                                     rd_kafka_NewPartitions_t* requests[] = {request.get()};
                                     rd_kafka_CreatePartitions(client_, requests, 1, options, queue);
                                   });
  size_t count = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(ev.get()), &count);
  throw_first_error(results, count);
}

std::map<std::string, std::vector<config_entry_view>> topic_admin::describe_topic_configs(
    const std::vector<std::string>& names) const {
  std::map<std::string, std::vector<config_entry_view>> out;
  if (names.empty()) return out;
  std::vector<config_resource_ptr> owned;
  std::vector<rd_kafka_ConfigResource_t*> resources;
  for (const std::string& name : names) {
    owned.emplace_back(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.c_str()));
    resources.push_back(owned.back().get());
  }
  event_ptr ev = run_admin_request(client_, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeout_,
                                   [&](rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
                                     rd_kafka_DescribeConfigs(client_, resources.data(), resources.size(), options,
                                                              queue);
                                   });
  size_t count = 0;
  const rd_kafka_ConfigResource_t** results =
      rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev.get()), &count);
  for (size_t i = 0; i < count; ++i) {
    const rd_kafka_ConfigResource_t* res = results[i];
    if (rd_kafka_resp_err_t err = rd_kafka_ConfigResource_error(res)) {
      throw broker_error(err, kafka_error_text(err, rd_kafka_ConfigResource_error_string(res)));
    }
    std::vector<config_entry_view>& entries = out[rd_kafka_ConfigResource_name(res)];
    size_t entry_count = 0;
    const rd_kafka_ConfigEntry_t** configs = rd_kafka_ConfigResource_configs(res, &entry_count);
    for (size_t e = 0; e < entry_count; ++e) {
      const char* value = rd_kafka_ConfigEntry_value(configs[e]);
      config_entry_view entry;
      entry.name = rd_kafka_ConfigEntry_name(configs[e]);
      if (value) entry.value = value;
      entry.source = rd_kafka_ConfigEntry_source(configs[e]);
      entry.is_default = entry.source == RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG;
      entries.push_back(std::move(entry));
    }
  }
  return out;
}

}  // namespace kb::tools
