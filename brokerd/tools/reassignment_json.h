#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "log/types.h"

namespace kb::tools {

// The JSON files and texts of kafka-reassign-partitions (Kafka's ReassignPartitionsCommand),
// as pure functions so they can be unit-tested. Parse errors throw command_error with Kafka's
// messages.

// partition -> target replicas, in file order (duplicates kept for validation).
using partition_targets = std::vector<std::pair<kb::topic_partition, std::vector<int32_t>>>;
// partition -> replicas, sorted.
using partition_replicas = std::map<kb::topic_partition, std::vector<int32_t>>;

// --reassignment-json-file, version 1:
//   {"version":1,"partitions":[{"topic":"foo","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}
// "version" defaults to 1; "log_dirs" is optional and must be as long as "replicas".
struct reassignment_file {
  partition_targets partitions;
  // Replicas given a log directory other than "any": "topic-partition-broker" -> dir.
  std::map<std::string, std::string> log_dirs;
};
reassignment_file parse_reassignment_json(const std::string& text);

// parseExecuteAssignmentArgs: a non-empty list, no empty replica list, no partition twice,
// no broker twice in one list.
partition_replicas validate_execute_targets(const reassignment_file& file);

// --topics-to-move-json-file: {"topics":[{"topic":"foo"}],"version":1}; no duplicates.
std::vector<std::string> parse_topics_to_move(const std::string& text);
// --broker-list "0,1,2"; no duplicates.
std::vector<int32_t> parse_broker_list(const std::string& text);

// formatAsReassignmentJson: partitions sorted by topic then partition, log dirs all "any".
std::string format_reassignment_json(const partition_replicas& partitions);

// "Current partition replica assignment\n\n<json>\n\nSave this to use as the
// --reassignment-json-file option during rollback" (only partitions in `proposed`).
std::string current_assignment_text(const partition_replicas& proposed, const partition_replicas& current);
// "Successfully started partition reassignment(s) for t-0,t-1".
std::string started_text(const partition_replicas& proposed);

// One partition's state for --verify: done means no reassignment is in progress for it.
struct reassignment_state {
  std::vector<int32_t> current;
  std::vector<int32_t> target;
  bool done = false;
};
// "Status of partition reassignment:" and one line per partition, sorted. Kafka 3.3+ says
// "is completed."; 2.x (whose --zookeeper path we follow) says "is complete.".
std::string reassignment_status_text(const std::map<kb::topic_partition, reassignment_state>& states,
                                     bool zookeeper_wording);

// One reassignment in progress as ListPartitionReassignments reports it.
struct ongoing_reassignment {
  std::vector<int32_t> replicas;  // RS: target first, then the original replicas
  std::vector<int32_t> adding;
  std::vector<int32_t> removing;
};
// --list: "Current partition reassignments:\nt-0: replicas: 2,3,0,1. adding: 2,3. removing: 0,1."
// or "No partition reassignments found.".
std::string list_text(const std::map<kb::topic_partition, ongoing_reassignment>& reassignments);
// --cancel: "Successfully cancelled partition reassignment(s) for: t-0,t-1".
std::string cancelled_text(const std::vector<kb::topic_partition>& cancelled);

// "Clearing broker-level throttles on brokers 0,1,2" / "... on topic t" (Kafka prints these
// after a --verify that found nothing in progress).
std::string clearing_throttles_text(const std::vector<int32_t>& brokers, const std::vector<std::string>& topics);


}  // namespace kb::tools
