#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "brokerd/protocol/messages/metadata.h"
#include "brokerd/tools/controller_client.h"
#include "brokerd/tools/reassign_command_options.h"
#include "brokerd/tools/reassignment_json.h"

namespace kb::tools {

// kafka-reassign-partitions --bootstrap-server: Kafka 3.5's path, through the Admin API.
// Metadata finds the brokers, the topics and the controller, which receives
// AlterPartitionReassignments and ListPartitionReassignments (keys 45/46). Actions:
// --execute, --verify, --generate, --cancel, --list, with Kafka 3.5's output and messages.
// Log-directory moves and throttles are refused (this broker has neither). Failures throw
// command_error (printed "Error: ...") or terse_error.
class admin_reassignment_commands {
 public:
  admin_reassignment_commands(std::string bootstrap_servers, std::ostream& out);
  ~admin_reassignment_commands();

  void run(const reassign_command_options& opts);

 private:
  using reassignment_results = std::map<kb::topic_partition, std::pair<int16_t, std::string>>;

  void execute(const reassign_command_options& opts);
  void verify(const reassign_command_options& opts);
  void generate(const reassign_command_options& opts);
  void cancel(const reassign_command_options& opts);
  void list();

  // Metadata (no auto-creation) from a bootstrap server; nullopt topics asks for every topic.
  protocol::metadata_response metadata(const std::optional<std::vector<std::string>>& topics);
  // Kafka's describeTopics: every partition's replicas; a missing topic fails as Kafka's does.
  partition_replicas describe_topics(const std::set<std::string>& topics);
  std::map<kb::topic_partition, ongoing_reassignment> list_reassignments(
      const std::optional<std::set<kb::topic_partition>>& partitions);
  // Per partition: error code (0 = none) and message.
  reassignment_results alter_reassignments(
      const std::map<kb::topic_partition, std::optional<std::vector<int32_t>>>& targets);
  void clear_throttles(const partition_targets& targets);

  controller_client client_;
  std::ostream& out_;
};

}  // namespace kb::tools
