#pragma once

#include <chrono>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/tools/consumer_group_admin.h"
#include "brokerd/tools/consumer_group_command_options.h"

namespace kb::tools {

// The actions of kafka-consumer-groups (Kafka 3.5's ConsumerGroupService): --list,
// --describe, --delete, --reset-offsets and --delete-offsets, each asking the cluster through
// consumer_group_admin and printing with consumer_group_report.
//
// run() throws usage_error where Kafka exits through printUsageAndExit in mid-run (an invalid
// --state list or --topic argument, a reset without scope or scenario, a --shift-by without a
// committed offset: message and options on stderr, exit 1), and command_error where Kafka's
// run() catches a failure and prints "Error: Executing consumer group command failed due to
// <message>" (exit status 0, as in Kafka). Main thread only.
class consumer_group_service {
 public:
  using wall_clock = std::function<std::chrono::system_clock::time_point()>;

  consumer_group_service(consumer_group_admin& admin, const consumer_group_options& opts, std::ostream& out,
                         std::ostream& err, wall_clock now = std::chrono::system_clock::now)
      : admin_(admin), opts_(opts), out_(out), err_(err), now_(std::move(now)) {}

  void run();

 private:
  void list_groups();
  void describe_groups();
  void delete_groups();
  void reset_offsets();
  void delete_offsets();

  // --group (each once, in order) or, with --all-groups, every group.
  std::vector<std::string> requested_groups();
  // Describes `groups`; a group that cannot be described fails the command, as Kafka's get() does.
  std::vector<group_view> describe(const std::vector<std::string>& groups);
  std::vector<kb::topic_partition> partitions_to_reset(const std::string& group);
  std::vector<std::pair<kb::topic_partition, int64_t>> prepare_reset(const std::string& group,
                                                                     const std::vector<kb::topic_partition>& partitions);
  // The partitions of each topic, in the order Kafka's describeTopics map lists the topics;
  // a missing topic is reported to `missing` (or, without it, fails the command).
  std::vector<kb::topic_partition> topic_partitions(const std::vector<std::string>& topics,
                                                    std::vector<std::string>* missing);
  void log_warning(const std::string& message);

  consumer_group_admin& admin_;
  const consumer_group_options& opts_;
  std::ostream& out_;
  std::ostream& err_;
  wall_clock now_;
};

}  // namespace kb::tools
