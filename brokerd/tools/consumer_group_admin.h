#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "brokerd/tools/cluster_metadata.h"
#include "brokerd/tools/consumer_group_view.h"
#include "brokerd/tools/group_offset_fetcher.h"
#include "brokerd/tools/reset_offsets_plan.h"
#include "log/types.h"

namespace kb::tools {

// The cluster calls of kafka-consumer-groups, each run to completion (Kafka's
// `adminClient.xxx(...).all().get()` with the --timeout) and answered as plain values:
// ListConsumerGroups, DescribeConsumerGroups, AlterConsumerGroupOffsets, DeleteGroups and
// DeleteConsumerGroupOffsets of librdkafka's Admin API; OffsetFetch through
// group_offset_fetcher (librdkafka 2.0's ListConsumerGroupOffsets cannot list every committed
// partition of a group on this broker); rd_kafka_query_watermark_offsets for log start and end
// offsets (as Kafka's ListOffsets earliest / latest); rd_kafka_offsets_for_times for
// --to-datetime; Metadata for the partitions of a topic. A failure of the request as a whole
// (no broker, the timeout) throws command_error; per-group and per-partition errors are
// returned as codes.
//
// Like Kafka's AdminClient, calls on a group whose coordinator is loading, unknown or moving
// (COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR) are retried until
// the timeout. Lives inside the client it calls through; main thread only.
class consumer_group_admin {
 public:
  consumer_group_admin(rd_kafka_t* rk, group_offset_fetcher& offsets, std::chrono::milliseconds timeout)
      : rk_(rk), offsets_(offsets), timeout_(timeout) {}

  // The consumer groups (protocol type "consumer" or none) of every broker, as listed.
  std::vector<std::string> list_groups();

  struct described_group {
    group_view view;
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;  // the group could not be described
  };
  std::vector<described_group> describe_groups(const std::vector<std::string>& groups);

  // The committed offsets (a partition without one has a negative offset), in response order.
  // A group error throws command_error with Kafka's exception text.
  std::vector<std::pair<kb::topic_partition, int64_t>> committed_offsets(const std::string& group);

  // Commits `offsets` outside group management (generation -1, no member id); the first
  // partition error throws command_error with Kafka's exception text.
  void alter_offsets(const std::string& group, const std::vector<std::pair<kb::topic_partition, int64_t>>& offsets);

  // Each group's DeleteGroups error code (NO_ERROR when deleted), in the order asked.
  std::vector<std::pair<std::string, rd_kafka_resp_err_t>> delete_groups(const std::vector<std::string>& groups);

  struct offset_deletion {
    rd_kafka_resp_err_t group_error = RD_KAFKA_RESP_ERR_NO_ERROR;
    std::vector<std::pair<kb::topic_partition, rd_kafka_resp_err_t>> partitions;
  };
  offset_deletion delete_offsets(const std::string& group, const std::vector<kb::topic_partition>& partitions);

  // Log start and end (high watermark) of `partition`; both unknown if the broker says no.
  log_offsets watermarks(const kb::topic_partition& partition);

  // The earliest offset of each partition whose timestamp is at or after `timestamp_ms`, -1
  // when there is none. A partition error throws command_error.
  std::map<kb::topic_partition, int64_t> offsets_for_times(const std::vector<kb::topic_partition>& partitions,
                                                          int64_t timestamp_ms);

  // Every topic's partitions, without creating any.
  cluster_view metadata();

 private:
  rd_kafka_t* rk_;
  group_offset_fetcher& offsets_;
  std::chrono::milliseconds timeout_;
};

}  // namespace kb::tools
