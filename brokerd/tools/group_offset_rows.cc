#include "brokerd/tools/group_offset_rows.h"

#include <algorithm>

#include "brokerd/tools/java_hash_order.h"
#include "brokerd/tools/scala_hash_order.h"

namespace kb::tools {
namespace {

using committed_list = std::vector<std::pair<kb::topic_partition, int64_t>>;

const std::pair<kb::topic_partition, int64_t>* find_committed(const committed_list& committed,
                                                              const kb::topic_partition& tp) {
  auto it = std::find_if(committed.begin(), committed.end(), [&](const auto& c) { return c.first == tp; });
  return it == committed.end() ? nullptr : &*it;
}

// describePartitions: the partitions sorted by number, then in the order of the Scala map
// getLogEndOffsets returns.
std::vector<kb::topic_partition> kafka_row_order(std::vector<kb::topic_partition> partitions) {
  std::stable_sort(partitions.begin(), partitions.end(),
                   [](const auto& a, const auto& b) { return a.partition < b.partition; });
  std::vector<kb::topic_partition> distinct;
  for (const auto& tp : partitions) {
    if (std::find(distinct.begin(), distinct.end(), tp) == distinct.end()) distinct.push_back(tp);
  }
  std::vector<int32_t> hashes;
  for (const auto& tp : distinct) hashes.push_back(java_topic_partition_hash(tp.topic, tp.partition));
  std::vector<kb::topic_partition> out;
  for (size_t i : scala_immutable_order(hashes)) out.push_back(distinct[i]);
  return out;
}

void add_rows(std::vector<offset_row>& rows, const std::string& group, const std::vector<kb::topic_partition>& partitions,
              const committed_list& committed, const std::map<kb::topic_partition, int64_t>& log_end,
              const group_member_view* member) {
  for (const auto& tp : kafka_row_order(partitions)) {
    offset_row row;
    row.group = group;
    row.topic = tp.topic;
    row.partition = std::to_string(tp.partition);
    const auto* c = find_committed(committed, tp);
    const bool has_offset = c && c->second >= 0;
    if (has_offset) row.current_offset = std::to_string(c->second);
    auto end = log_end.find(tp);
    if (end != log_end.end()) row.log_end_offset = std::to_string(end->second);
    if (has_offset && end != log_end.end()) row.lag = std::to_string(end->second - c->second);
    if (member) {
      row.consumer_id = member->consumer_id;
      row.host = member->host;
      row.client_id = member->client_id;
    }
    rows.push_back(std::move(row));
  }
}

}  // namespace

std::vector<offset_row> collect_offset_rows(const group_view& group, const committed_list& committed,
                                            const std::map<kb::topic_partition, int64_t>& log_end) {
  std::vector<const group_member_view*> members;
  for (const auto& m : group.members) {
    if (!m.assignment.empty()) members.push_back(&m);
  }
  std::stable_sort(members.begin(), members.end(),
                   [](const auto* a, const auto* b) { return a->assignment.size() > b->assignment.size(); });
  std::vector<offset_row> rows;
  std::vector<kb::topic_partition> assigned;
  for (const group_member_view* m : members) {
    assigned.insert(assigned.end(), m->assignment.begin(), m->assignment.end());
    add_rows(rows, group.group_id, m->assignment, committed, log_end, m);
  }
  // The committed partitions nobody is assigned, in the order of the Scala map Kafka filters
  // them into.
  std::vector<kb::topic_partition> unassigned;
  std::vector<int32_t> hashes;
  for (const auto& [tp, _] : committed) {
    if (std::find(assigned.begin(), assigned.end(), tp) != assigned.end()) continue;
    if (std::find(unassigned.begin(), unassigned.end(), tp) != unassigned.end()) continue;
    unassigned.push_back(tp);
    hashes.push_back(java_topic_partition_hash(tp.topic, tp.partition));
  }
  std::vector<kb::topic_partition> ordered;
  for (size_t i : scala_mutable_hash_order(hashes)) ordered.push_back(unassigned[i]);
  add_rows(rows, group.group_id, ordered, committed, log_end, nullptr);
  return rows;
}

std::vector<kb::topic_partition> offset_row_partitions(const group_view& group, const committed_list& committed) {
  std::vector<kb::topic_partition> out;
  auto add = [&](const kb::topic_partition& tp) {
    if (std::find(out.begin(), out.end(), tp) == out.end()) out.push_back(tp);
  };
  for (const auto& m : group.members) {
    for (const auto& tp : m.assignment) add(tp);
  }
  for (const auto& [tp, _] : committed) add(tp);
  return out;
}

}  // namespace kb::tools
