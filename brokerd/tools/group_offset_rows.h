#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "brokerd/tools/consumer_group_view.h"

namespace kb::tools {

// The rows of `kafka-consumer-groups --describe [--offsets]` for one group, as Kafka 3.5's
// collectGroupsOffsets builds them: first the members with a non-empty assignment, most
// partitions first (ties in DescribeGroups order), each member's partitions sorted by
// partition number (ties keep the assignment's order) and then listed in the iteration order
// of the Scala map of their log end offsets; then the committed partitions no member is
// assigned, with "-" as consumer, host and client. CURRENT-OFFSET is the committed offset ("-"
// without one), LAG is log end minus committed ("-" when either is unknown).
//
// `committed`: the group's committed offsets in the order OffsetFetch returned them (a
// negative offset counts as none). `log_end`: the log end offset of each partition involved;
// a partition missing from it shows "-".
std::vector<offset_row> collect_offset_rows(const group_view& group,
                                            const std::vector<std::pair<kb::topic_partition, int64_t>>& committed,
                                            const std::map<kb::topic_partition, int64_t>& log_end);

// The partitions whose log end offsets collect_offset_rows needs: every assigned and every
// committed partition, each once.
std::vector<kb::topic_partition> offset_row_partitions(
    const group_view& group, const std::vector<std::pair<kb::topic_partition, int64_t>>& committed);

}  // namespace kb::tools
