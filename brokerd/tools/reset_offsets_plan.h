#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/tools/consumer_group_command_options.h"
#include "log/types.h"

namespace kb::tools {

// The offsets `kafka-consumer-groups --reset-offsets` computes for one inactive group, as
// Kafka 3.5's ConsumerGroupService.prepareOffsetsToReset and checkOffsetsRange compute them,
// from what the cluster reported. Pure: the caller fetches, this decides.

// A partition's log start and end offsets (rd_kafka_query_watermark_offsets), if known.
struct log_offsets {
  std::optional<int64_t> start;
  std::optional<int64_t> end;
};

struct reset_inputs {
  std::map<kb::topic_partition, int64_t> committed;  // the group's committed offsets
  std::map<kb::topic_partition, log_offsets> log;    // per partition to reset
  // --to-datetime / --by-duration: the earliest offset whose timestamp is at or after the
  // time, -1 when the partition has none (rd_kafka_offsets_for_times).
  std::map<kb::topic_partition, int64_t> by_time;
};

struct reset_plan {
  // The new offsets, in the iteration order of the Scala map Kafka prints them from.
  std::vector<std::pair<kb::topic_partition, int64_t>> offsets;
  // checkOffsetsRange's clamping warnings, logged at WARN ("New offset (9) is higher than
  // latest offset for topic partition t-0. Value will be set to 5").
  std::vector<std::string> warnings;
  // --to-datetime / --by-duration: the partitions without a record at or after the time, which
  // fall back to their log end ("\nWarn: Partition 0 from topic t is empty. Falling back to
  // latest known offset.", printed on stdout).
  std::vector<std::string> notices;
};

// `partitions`: the partitions to reset, in the order Kafka's getPartitionsToReset lists them
// (duplicates allowed: a map keeps one). `value`: --to-offset's offset or --shift-by's n;
// `timestamp_ms` the time of --to-datetime / --by-duration. Throws usage_error with Kafka's
// messages when an offset it needs is missing ("Error getting starting offset of topic
// partition: t-0", "Cannot shift offset for partition t-0 since there is no current committed
// offset", ...) or when there is no scenario (missing_reset_scenario_message()).
reset_plan plan_reset(reset_scenario scenario, int64_t value, const std::vector<kb::topic_partition>& partitions,
                      const reset_inputs& inputs);

// The partitions of the --topic arguments "t" or "t:0,1,2" that name their partitions, in order
// (Kafka's parseTopicsWithPartitions); arguments without ':' are left to the caller, which
// lists their partitions from the cluster. Throws usage_error "Invalid partition 'x' specified
// in topic arg 't:x''" / "Invalid topic arg 't:1:2', expected topic name and partitions".
std::vector<kb::topic_partition> parse_topic_partitions_arg(const std::string& arg);

}  // namespace kb::tools
