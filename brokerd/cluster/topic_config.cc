#include "brokerd/cluster/topic_config.h"

#include <algorithm>
#include <charconv>
#include <functional>

namespace kb::cluster {
namespace {

std::optional<int64_t> parse_long(const std::string& v) {
  int64_t out = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc{} || end != v.data() + v.size()) return std::nullopt;
  return out;
}

enum class kind { long_at_least, int_at_least, boolean, one_of };

struct key_spec {
  kind type;
  int64_t min = 0;
  std::vector<std::string> choices;
};

// Topic-level configs we act on or report, with Kafka's validators.
const std::map<std::string, key_spec>& specs() {
  static const std::map<std::string, key_spec> s = {
      {"cleanup.policy", {kind::one_of, 0, {"delete", "compact", "compact,delete", "delete,compact"}}},
      {"compression.type", {kind::one_of, 0, {"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"}}},
      {"flush.messages", {kind::long_at_least, 1}},
      {"flush.ms", {kind::long_at_least, 0}},
      {"index.interval.bytes", {kind::int_at_least, 0}},
      {"max.message.bytes", {kind::int_at_least, 0}},
      {"message.timestamp.type", {kind::one_of, 0, {"CreateTime", "LogAppendTime"}}},
      {"min.insync.replicas", {kind::int_at_least, 1}},
      {"retention.bytes", {kind::long_at_least, INT64_MIN}},
      {"retention.ms", {kind::long_at_least, -1}},
      {"segment.bytes", {kind::int_at_least, 14}},
      {"segment.index.bytes", {kind::int_at_least, 4}},
      {"segment.jitter.ms", {kind::long_at_least, 0}},
      {"segment.ms", {kind::long_at_least, 1}},
      {"unclean.leader.election.enable", {kind::boolean}},
  };
  return s;
}

}  // namespace

std::optional<std::string> validate_topic_config(const std::string& key, const std::string& value) {
  auto it = specs().find(key);
  if (it == specs().end()) return "Unknown topic config name: " + key;
  const key_spec& spec = it->second;
  auto bad = [&](const std::string& why) { return "Invalid value " + value + " for configuration " + key + ": " + why; };
  switch (spec.type) {
    case kind::long_at_least:
    case kind::int_at_least: {
      auto n = parse_long(value);
      bool is_int = spec.type == kind::int_at_least;
      if (!n || (is_int && (*n < INT32_MIN || *n > INT32_MAX))) {
        return bad(std::string("Not a number of type ") + (is_int ? "INT" : "LONG"));
      }
      if (*n < spec.min) return bad("Value must be at least " + std::to_string(spec.min));
      return std::nullopt;
    }
    case kind::boolean:
      if (value != "true" && value != "false") return bad("Expected value to be either true or false");
      return std::nullopt;
    case kind::one_of:
      if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
        return bad("String must be one of: " + [&] {
          std::string all;
          for (const auto& c : spec.choices) all += (all.empty() ? "" : ", ") + c;
          return all;
        }());
      }
      return std::nullopt;
  }
  return std::nullopt;
}

topic_settings effective_topic_settings(const topic_defaults& d, const std::map<std::string, std::string>& overrides) {
  topic_settings s{d.log, d.min_insync_replicas, d.unclean_leader_election, d.cleanup_policy, d.compression_type,
                   d.message_timestamp_type};
  for (const auto& [key, value] : overrides) {
    if (validate_topic_config(key, value)) continue;
    auto n = parse_long(value);
    if (key == "segment.bytes") s.log.segment_bytes = static_cast<uint64_t>(*n);
    else if (key == "segment.ms") s.log.segment_ms = *n;
    else if (key == "segment.jitter.ms") s.log.segment_jitter_ms = *n;
    else if (key == "index.interval.bytes") s.log.index_interval_bytes = static_cast<uint32_t>(*n);
    else if (key == "segment.index.bytes") s.log.max_index_bytes = static_cast<uint32_t>(*n);
    else if (key == "retention.ms") s.log.retention_ms = *n;
    else if (key == "retention.bytes") s.log.retention_bytes = *n;
    else if (key == "flush.messages") s.log.flush_interval_messages = *n;
    else if (key == "flush.ms") s.log.flush_interval_ms = *n;
    else if (key == "max.message.bytes") s.log.max_message_bytes = static_cast<int32_t>(*n);
    else if (key == "min.insync.replicas") s.min_insync_replicas = static_cast<int32_t>(*n);
    else if (key == "unclean.leader.election.enable") s.unclean_leader_election = value == "true";
    else if (key == "cleanup.policy") s.cleanup_policy = value;
    else if (key == "compression.type") s.compression_type = value;
    else if (key == "message.timestamp.type") s.message_timestamp_type = value;
  }
  // Time and size retention belong to the delete policy: a compact-only topic (such as
  // __consumer_offsets) keeps its segments, as in Kafka (compaction is not implemented yet).
  if (s.cleanup_policy.find("delete") == std::string::npos) {
    s.log.retention_ms = -1;
    s.log.retention_bytes = -1;
  }
  return s;
}

const std::vector<std::string>& topic_config_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& [name, _] : specs()) k.push_back(name);
    return k;
  }();
  return keys;
}

std::optional<std::string> topic_config_default(const topic_defaults& d, const std::string& key) {
  if (key == "segment.bytes") return std::to_string(d.log.segment_bytes);
  if (key == "segment.ms") return std::to_string(d.log.segment_ms);
  if (key == "segment.jitter.ms") return std::to_string(d.log.segment_jitter_ms);
  if (key == "index.interval.bytes") return std::to_string(d.log.index_interval_bytes);
  if (key == "segment.index.bytes") return std::to_string(d.log.max_index_bytes);
  if (key == "retention.ms") return std::to_string(d.log.retention_ms);
  if (key == "retention.bytes") return std::to_string(d.log.retention_bytes);
  if (key == "flush.messages") return std::to_string(d.log.flush_interval_messages);
  if (key == "flush.ms") return std::to_string(d.log.flush_interval_ms);
  if (key == "max.message.bytes") return std::to_string(d.log.max_message_bytes);
  if (key == "min.insync.replicas") return std::to_string(d.min_insync_replicas);
  if (key == "unclean.leader.election.enable") return d.unclean_leader_election ? "true" : "false";
  if (key == "cleanup.policy") return d.cleanup_policy;
  if (key == "compression.type") return d.compression_type;
  if (key == "message.timestamp.type") return d.message_timestamp_type;
  return std::nullopt;
}

}  // namespace kb::cluster
