#include "brokerd/tools/consumer_group_report.h"

#include <algorithm>
#include <map>

#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

constexpr size_t min_width = 15;

std::string quoted_list(const std::vector<std::string>& names) {
  // Scala's mkString("'", "', '", "'"): "''" for none.
  std::string out = "'";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? "', '" : "") + names[i];
  return out + "'";
}

}  // namespace

std::string pad_right(const std::string& text, size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

void print_error(std::ostream& out, const std::string& message) { out << "\nError: " << message << '\n'; }

bool print_member_state_notice(std::ostream& out, std::ostream& err, const std::string& group,
                               const std::string& state, std::optional<size_t> rows) {
  if (!rows) {
    print_error(out, "The consumer group '" + group + "' does not exist.");
    return false;
  }
  if (state == "Dead") {
    print_error(out, "Consumer group '" + group + "' does not exist.");
  } else if (state == "Empty") {
    err << "\nConsumer group '" << group << "' has no active members.\n";
  } else if (state == "PreparingRebalance" || state == "CompletingRebalance") {
    err << "\nWarning: Consumer group '" << group << "' is rebalancing.\n";
  } else if (state != "Stable") {
    throw command_error("Expected a valid consumer group state, but found '" + state + "'.");
  }
  return state != "Dead" && *rows > 0;
}

void print_offsets(std::ostream& out, std::ostream& err, const std::string& group, const std::string& state,
                   const std::vector<offset_row>& rows) {
  if (!print_member_state_notice(out, err, group, state, rows.size())) return;
  size_t g = min_width, t = min_width, c = min_width, h = min_width;
  for (const offset_row& r : rows) {
    g = std::max(g, r.group.size());
    t = std::max(t, r.topic.size());
    c = std::max(c, r.consumer_id.size());
    h = std::max(h, r.host.size());
  }
  auto line = [&](const std::string& group_col, const std::string& topic, const std::string& partition,
                  const std::string& current, const std::string& end, const std::string& lag,
                  const std::string& consumer, const std::string& host, const std::string& client) {
    out << pad_right(group_col, g) << ' ' << pad_right(topic, t) << ' ' << pad_right(partition, 10) << ' '
        << pad_right(current, 15) << ' ' << pad_right(end, 15) << ' ' << pad_right(lag, 15) << ' '
        << pad_right(consumer, c) << ' ' << pad_right(host, h) << ' ' << client << '\n';
  };
  out << '\n';
  line("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
  for (const offset_row& r : rows) {
    line(r.group, r.topic, r.partition, r.current_offset, r.log_end_offset, r.lag, r.consumer_id, r.host, r.client_id);
  }
}

std::string assignment_text(const std::vector<kb::topic_partition>& assignment) {
  if (assignment.empty()) return "-";
  std::map<std::string, std::vector<int32_t>> by_topic;
  for (const auto& tp : assignment) by_topic[tp.topic].push_back(tp.partition);
  std::vector<std::string> items;
  for (auto& [topic, partitions] : by_topic) {
    std::sort(partitions.begin(), partitions.end());
    std::string item = topic + "(";
    for (size_t i = 0; i < partitions.size(); ++i) item += (i ? "," : "") + std::to_string(partitions[i]);
    items.push_back(item + ")");
  }
  std::sort(items.begin(), items.end());
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

void print_members(std::ostream& out, std::ostream& err, const group_view& group, bool verbose) {
  if (!print_member_state_notice(out, err, group.group_id, group.state, group.members.size())) return;
  size_t g = min_width, c = min_width, i = 17, h = min_width, l = min_width;
  bool with_instance_id = false;
  for (const group_member_view& m : group.members) {
    g = std::max(g, group.group_id.size());
    c = std::max(c, m.consumer_id.size());
    i = std::max(i, m.group_instance_id.size());
    h = std::max(h, m.host.size());
    l = std::max(l, m.client_id.size());
    with_instance_id = with_instance_id || !m.group_instance_id.empty();
  }
  auto columns = [&](const std::string& group_col, const std::string& consumer, const std::string& instance,
                     const std::string& host, const std::string& client, const std::string& partitions) {
    out << pad_right(group_col, g) << ' ' << pad_right(consumer, c) << ' ';
    if (with_instance_id) out << pad_right(instance, i) << ' ';
    out << pad_right(host, h) << ' ' << pad_right(client, l) << ' ' << pad_right(partitions, 15) << ' ';
  };
  out << '\n';
  columns("GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS");
  if (verbose) out << "ASSIGNMENT";
  out << '\n';
  for (const group_member_view& m : group.members) {
    columns(group.group_id, m.consumer_id, m.group_instance_id, m.host, m.client_id,
            std::to_string(m.assignment.size()));
    if (verbose) out << assignment_text(m.assignment);
    out << '\n';
  }
}

void print_state(std::ostream& out, std::ostream& err, const group_view& group) {
  if (!print_member_state_notice(out, err, group.group_id, group.state, 1)) return;
  const std::string coordinator = group.coordinator.host + ":" + std::to_string(group.coordinator.port) + " (" +
                                  std::to_string(group.coordinator.id) + ")";
  const size_t width = std::max<size_t>(25, coordinator.size());
  out << '\n' << pad_right("GROUP", width) << ' ' << pad_right("COORDINATOR (ID)", 25) << ' '
      << pad_right("ASSIGNMENT-STRATEGY", 20) << ' ' << pad_right("STATE", 15) << ' ' << "#MEMBERS";
  out << '\n' << pad_right(group.group_id, width) << ' ' << pad_right(coordinator, 25) << ' '
      << pad_right(group.partition_assignor, 20) << ' ' << pad_right(group.state, 15) << ' ' << group.members.size();
  out << '\n';
}

void print_group_states(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& groups) {
  size_t g = min_width;
  for (const auto& [group, _] : groups) g = std::max(g, group.size());
  out << pad_right("GROUP", g) << ' ' << "STATE" << '\n';
  for (const auto& [group, state] : groups) out << pad_right(group, g) << ' ' << state << '\n';
}

void print_reset_plan(
    std::ostream& out,
    const std::vector<std::pair<std::string, std::vector<std::pair<kb::topic_partition, int64_t>>>>& plans) {
  if (plans.empty()) return;
  auto line = [&](const std::string& group, const std::string& topic, const std::string& partition,
                  const std::string& offset) {
    out << pad_right(group, 30) << ' ' << pad_right(topic, 30) << ' ' << pad_right(partition, 10) << ' '
        << pad_right(offset, 15) << '\n';
  };
  out << '\n';
  line("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
  for (const auto& [group, offsets] : plans) {
    for (const auto& [tp, offset] : offsets) line(group, tp.topic, std::to_string(tp.partition), std::to_string(offset));
  }
}

void print_offset_deletions(std::ostream& out, std::vector<offset_deletion_row> rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const offset_deletion_row& a, const offset_deletion_row& b) {
    return a.partition.topic + std::to_string(a.partition.partition) <
           b.partition.topic + std::to_string(b.partition.partition);
  });
  out << '\n' << pad_right("TOPIC", 30) << ' ' << pad_right("PARTITION", 15) << ' ' << pad_right("STATUS", 15) << '\n';
  for (const offset_deletion_row& r : rows) {
    const std::string partition = r.partition.partition >= 0 ? std::to_string(r.partition.partition) : "Not Provided";
    const std::string status = r.error ? "Error: " + *r.error : "Successful";
    out << pad_right(r.partition.topic, 30) << ' ' << pad_right(partition, 15) << ' ' << pad_right(status, 15) << '\n';
  }
}

void print_group_deletions(std::ostream& out,
                           const std::vector<std::pair<std::string, std::optional<std::string>>>& results) {
  std::vector<std::string> deleted;
  std::vector<std::pair<std::string, std::string>> failed;
  for (const auto& [group, error] : results) {
    if (error) {
      failed.emplace_back(group, *error);
    } else {
      deleted.push_back(group);
    }
  }
  if (failed.empty()) {
    out << "Deletion of requested consumer groups (" << quoted_list(deleted) << ") was successful.\n";
    return;
  }
  print_error(out, "Deletion of some consumer groups failed:");
  for (const auto& [group, error] : failed) {
    out << "* Group '" << group << "' could not be deleted due to: java.util.concurrent.ExecutionException: " << error
        << '\n';
  }
  if (!deleted.empty()) out << "\nThese consumer groups were deleted successfully: " << quoted_list(deleted) << '\n';
}

}  // namespace kb::tools
