#include "brokerd/tools/reset_offsets_plan.h"

#include <algorithm>
#include <charconv>

#include "brokerd/tools/java_hash_order.h"
#include "brokerd/tools/scala_hash_order.h"
#include "brokerd/tools/tool_error.h"

namespace kb::tools {
namespace {

using tp_offsets = std::vector<std::pair<kb::topic_partition, int64_t>>;

std::string name(const kb::topic_partition& tp) { return tp.dir_name(); }

int32_t hash_of(const kb::topic_partition& tp) { return java_topic_partition_hash(tp.topic, tp.partition); }

// `entries` (distinct keys, insertion order) as a Scala immutable Map iterates them.
tp_offsets as_scala_map(const tp_offsets& entries) {
  std::vector<int32_t> hashes;
  for (const auto& [tp, _] : entries) hashes.push_back(hash_of(tp));
  tp_offsets out;
  for (size_t i : scala_immutable_order(hashes)) out.push_back(entries[i]);
  return out;
}

// `.map(...).toMap` over the partitions: a later duplicate replaces the value in place.
tp_offsets to_map(const std::vector<kb::topic_partition>& partitions, const std::vector<int64_t>& values) {
  tp_offsets entries;
  for (size_t i = 0; i < partitions.size(); ++i) {
    auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == partitions[i]; });
    if (it != entries.end()) {
      it->second = values[i];
    } else {
      entries.emplace_back(partitions[i], values[i]);
    }
  }
  return as_scala_map(entries);
}

const log_offsets* log_of(const reset_inputs& in, const kb::topic_partition& tp) {
  auto it = in.log.find(tp);
  return it == in.log.end() ? nullptr : &it->second;
}

std::vector<int64_t> log_offsets_or_exit(const std::vector<kb::topic_partition>& partitions, const reset_inputs& in,
                                         bool start, const std::string& what) {
  std::vector<int64_t> out;
  for (const auto& tp : partitions) {
    const log_offsets* l = log_of(in, tp);
    const std::optional<int64_t>& o = l ? (start ? l->start : l->end) : std::nullopt;
    if (!o) throw usage_error("Error getting " + what + " of topic partition: " + name(tp));
    out.push_back(*o);
  }
  return out;
}

// checkOffsetsRange: each requested offset clamped to [log start, log end].
tp_offsets check_range(const tp_offsets& requested, const reset_inputs& in, std::vector<std::string>& warnings) {
  tp_offsets out;
  for (const auto& [tp, offset] : requested) {
    const log_offsets* l = log_of(in, tp);
    if (!l) throw command_error("Unexpected non-existing offset value for topic partition " + name(tp));
    int64_t result = offset;
    if (l->end && offset > *l->end) {
      warnings.push_back("New offset (" + std::to_string(offset) + ") is higher than latest offset for topic partition " +
                         name(tp) + ". Value will be set to " + std::to_string(*l->end));
      result = *l->end;
    } else if (l->start && offset < *l->start) {
      warnings.push_back("New offset (" + std::to_string(offset) + ") is lower than earliest offset for topic partition " +
                         name(tp) + ". Value will be set to " + std::to_string(*l->start));
      result = *l->start;
    }
    out.emplace_back(tp, result);
  }
  return out;
}

}  // namespace

reset_plan plan_reset(reset_scenario scenario, int64_t value, const std::vector<kb::topic_partition>& partitions,
                      const reset_inputs& in) {
  reset_plan plan;
  switch (scenario) {
    case reset_scenario::to_offset:
      plan.offsets = check_range(to_map(partitions, std::vector<int64_t>(partitions.size(), value)), in, plan.warnings);
      break;
    case reset_scenario::to_earliest:
      plan.offsets = to_map(partitions, log_offsets_or_exit(partitions, in, true, "starting offset"));
      break;
    case reset_scenario::to_latest:
      plan.offsets = to_map(partitions, log_offsets_or_exit(partitions, in, false, "ending offset"));
      break;
    case reset_scenario::shift_by: {
      std::vector<int64_t> requested;
      for (const auto& tp : partitions) {
        auto it = in.committed.find(tp);
        if (it == in.committed.end()) {
          throw usage_error("Cannot shift offset for partition " + name(tp) +
                            " since there is no current committed offset");
        }
        requested.push_back(it->second + value);
      }
      plan.offsets = check_range(to_map(partitions, requested), in, plan.warnings);
      break;
    }
    case reset_scenario::to_datetime:
    case reset_scenario::by_duration: {
      // getLogTimestampOffsets: partitions without such a record fall back to the log end, in
      // the order of the Scala mutable map the fallbacks were split into.
      std::vector<kb::topic_partition> empty;
      std::vector<int32_t> empty_hashes;
      for (const auto& tp : partitions) {
        auto it = in.by_time.find(tp);
        if (it != in.by_time.end() && it->second < 0 &&
            std::find(empty.begin(), empty.end(), tp) == empty.end()) {
          empty.push_back(tp);
          empty_hashes.push_back(hash_of(tp));
        }
      }
      for (size_t i : scala_mutable_hash_order(empty_hashes)) {
        plan.notices.push_back("\nWarn: Partition " + std::to_string(empty[i].partition) + " from topic " +
                               empty[i].topic + " is empty. Falling back to latest known offset.");
      }
      std::vector<int64_t> offsets;
      for (const auto& tp : partitions) {
        auto it = in.by_time.find(tp);
        const log_offsets* l = log_of(in, tp);
        std::optional<int64_t> o;
        if (it != in.by_time.end() && it->second >= 0) {
          o = it->second;
        } else if (it != in.by_time.end() && l && l->end) {
          o = l->end;
        }
        if (!o) throw usage_error("Error getting offset by timestamp of topic partition: " + name(tp));
        offsets.push_back(*o);
      }
      plan.offsets = to_map(partitions, offsets);
      break;
    }
    case reset_scenario::to_current: {
      std::vector<kb::topic_partition> with, without;
      std::vector<int64_t> with_offsets;
      for (const auto& tp : partitions) {
        auto it = in.committed.find(tp);
        if (it != in.committed.end()) {
          with.push_back(tp);
          with_offsets.push_back(it->second);
        } else {
          without.push_back(tp);
        }
      }
      const tp_offsets first = to_map(with, with_offsets);
      const tp_offsets second = to_map(without, log_offsets_or_exit(without, in, false, "ending offset"));
      tp_offsets all = first;
      for (const auto& e : second) {
        auto it = std::find_if(all.begin(), all.end(), [&](const auto& a) { return a.first == e.first; });
        if (it == all.end()) all.push_back(e);
      }
      plan.offsets = all.size() <= 4 ? all : as_scala_map(all);
      break;
    }
    case reset_scenario::none:
      throw usage_error(missing_reset_scenario_message());
  }
  return plan;
}

std::vector<kb::topic_partition> parse_topic_partitions_arg(const std::string& arg) {
  // Java's arg.split(":") must give exactly [topic, partitions] (trailing empties dropped).
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    const size_t colon = arg.find(':', start);
    parts.push_back(arg.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  while (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  if (parts.size() != 2) throw usage_error("Invalid topic arg '" + arg + "', expected topic name and partitions");

  std::vector<std::string> numbers;
  for (size_t start = 0;;) {
    const size_t comma = parts[1].find(',', start);
    numbers.push_back(parts[1].substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  while (numbers.size() > 1 && numbers.back().empty()) numbers.pop_back();
  std::vector<kb::topic_partition> out;
  for (const std::string& n : numbers) {
    // Integer.parseInt: an optional sign, then decimal digits, within int range.
    const char* begin = n.data() + (!n.empty() && n[0] == '+' ? 1 : 0);
    int32_t partition = 0;
    auto [ptr, ec] = std::from_chars(begin, n.data() + n.size(), partition);
    const bool bare_sign = begin == n.data() + n.size() || (n.size() == 1 && n[0] == '-');
    if (n.empty() || bare_sign || ec != std::errc() || ptr != n.data() + n.size() ||
        (begin != n.data() && n.size() > 1 && n[1] == '-')) {
      throw usage_error("Invalid partition '" + n + "' specified in topic arg '" + arg + "''");
    }
    out.push_back({parts[0], partition});
  }
  return out;
}

}  // namespace kb::tools
