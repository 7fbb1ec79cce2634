#include "brokerd/cluster/topic_config.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <functional>

namespace kb::cluster {
namespace {

std::optional<int64_t> parse_long(const std::string& v) {
  int64_t out = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc{} || end != v.data() + v.size()) return std::nullopt;
  return out;
}

enum class kind { long_at_least, int_at_least, boolean, one_of, ratio, throttled_replicas, format_version };

struct key_spec {
  kind type;
  int64_t min = 0;
  std::vector<std::string> choices;
  // Keys Kafka accepts that this broker stores and reports but does not act on: Kafka's
  // built-in default, and why the key has no effect here.
  std::string inert_default;
  std::string no_effect_because;
};

const std::string no_compaction = "log compaction is not implemented";

// Kafka 3.5's topic-level configs (LogConfig), with Kafka's validators.
const std::map<std::string, key_spec>& specs() {
  static const std::map<std::string, key_spec> s = {
      {"cleanup.policy", {kind::one_of, 0, {"delete", "compact", "compact,delete", "delete,compact"}}},
      {"compression.type", {kind::one_of, 0, {"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"}}},
      {"delete.retention.ms", {kind::long_at_least, 0, {}, "86400000", no_compaction}},
      {"file.delete.delay.ms", {kind::long_at_least, 0, {}, "60000", "segments past retention are deleted at once"}},
      {"flush.messages", {kind::long_at_least, 1}},
      {"flush.ms", {kind::long_at_least, 0}},
      {"follower.replication.throttled.replicas",
       {kind::throttled_replicas, 0, {}, "", "replication throttling is not implemented"}},
      {"index.interval.bytes", {kind::int_at_least, 0}},
      {"leader.replication.throttled.replicas",
       {kind::throttled_replicas, 0, {}, "", "replication throttling is not implemented"}},
      {"max.compaction.lag.ms", {kind::long_at_least, 1, {}, "9223372036854775807", no_compaction}},
      {"max.message.bytes", {kind::int_at_least, 0}},
      {"message.downconversion.enable",
       {kind::boolean, 0, {}, "true", "old fetch versions are always down-converted"}},
      {"message.format.version",
       {kind::format_version, 0, {}, "3.0-IV1", "deprecated since Kafka 3.0, which ignores it too"}},
      {"message.timestamp.difference.max.ms",
       {kind::long_at_least, 0, {}, "9223372036854775807", "record timestamps are not checked against it"}},
      {"message.timestamp.type", {kind::one_of, 0, {"CreateTime", "LogAppendTime"}}},
      {"min.cleanable.dirty.ratio", {kind::ratio, 0, {}, "0.5", no_compaction}},
      {"min.compaction.lag.ms", {kind::long_at_least, 0, {}, "0", no_compaction}},
      {"min.insync.replicas", {kind::int_at_least, 1}},
      {"preallocate", {kind::boolean, 0, {}, "false", "segments are not preallocated"}},
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

std::string trim(std::string_view v) {
  size_t b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : std::string(v.substr(b, e - b + 1));
}

// The comma-separated elements of a list value, trimmed, as Kafka's ConfigDef parses a LIST.
std::vector<std::string> list_elements(const std::string& value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t comma = value.find(',', start);
    out.push_back(trim(std::string_view(value).substr(start, comma == std::string::npos ? std::string::npos
                                                                                         : comma - start)));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

// Kafka's ThrottledReplicaListValidator: "*", or elements each empty or "partition:broker"
// (digits only).
bool valid_throttled_replicas(const std::vector<std::string>& elements) {
  if (elements.size() == 1 && elements[0] == "*") return true;
  for (const std::string& e : elements) {
    if (e.empty()) continue;
    size_t colon = e.find(':');
    auto digits = [](std::string_view d) {
      return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (colon == std::string::npos || !digits(std::string_view(e).substr(0, colon)) ||
        !digits(std::string_view(e).substr(colon + 1))) {
      return false;
    }
  }
  return true;
}

// A list as Java prints one: "[a, b]".
std::string java_list(const std::vector<std::string>& elements) {
  std::string out = "[";
  for (size_t i = 0; i < elements.size(); ++i) out += (i ? ", " : "") + elements[i];
  return out + "]";
}

// Kafka's MetadataVersion.fromVersionString: the first three segments of a 0.x version and the
// first two of a later one name a release ("2.8.1" is "2.8"), optionally with its IV suffix.
bool valid_format_version(const std::string& value) {
  static const std::vector<std::string> known = {
      "0.8.0", "0.8.1", "0.8.2", "0.9.0", "0.10.0-IV0", "0.10.0-IV1", "0.10.0", "0.10.1-IV0", "0.10.1-IV1",
      "0.10.1-IV2", "0.10.1", "0.10.2-IV0", "0.10.2", "0.11.0-IV0", "0.11.0-IV1", "0.11.0-IV2", "0.11.0",
      "1.0-IV0", "1.0", "1.1-IV0", "1.1", "2.0-IV0", "2.0-IV1", "2.0", "2.1-IV0", "2.1-IV1", "2.1-IV2", "2.1",
      "2.2-IV0", "2.2-IV1", "2.2", "2.3-IV0", "2.3-IV1", "2.3", "2.4-IV0", "2.4-IV1", "2.4", "2.5-IV0", "2.5",
      "2.6-IV0", "2.6", "2.7-IV0", "2.7-IV1", "2.7-IV2", "2.7", "2.8-IV0", "2.8-IV1", "2.8", "3.0-IV0",
      "3.0-IV1", "3.0", "3.1-IV0", "3.1", "3.2-IV0", "3.2", "3.3-IV0", "3.3-IV1", "3.3-IV2", "3.3-IV3", "3.3",
      "3.4-IV0", "3.4", "3.5-IV0", "3.5-IV1", "3.5-IV2", "3.5"};
  const size_t segments = value.starts_with("0.") ? 3 : 2;
  size_t cut = 0;
  for (size_t i = 0; i < segments && cut != std::string::npos; ++i) {
    cut = value.find('.', i == 0 ? 0 : cut + 1);
  }
  std::string release = value.substr(0, cut);
  return std::find(known.begin(), known.end(), release) != known.end();
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
    case kind::ratio: {
      char* end = nullptr;
      double d = std::strtod(value.c_str(), &end);
      if (value.empty() || end != value.c_str() + value.size()) return bad("Not a number of type DOUBLE");
      if (d < 0) return bad("Value must be at least 0");
      if (d > 1) return bad("Value must be no more than 1");
      return std::nullopt;
    }
    case kind::throttled_replicas: {
      const auto elements = list_elements(value);
      if (!valid_throttled_replicas(elements)) {
        // Kafka names the parsed list as the value, and the key again in the reason.
        return "Invalid value " + java_list(elements) + " for configuration " + key + ": " + key +
               " must be the literal '*' or a list of replicas in the following format: "
               "[partitionId]:[brokerId],[partitionId]:[brokerId],...";
      }
      return std::nullopt;
    }
    case kind::format_version:
      if (!valid_format_version(value)) return bad("Version " + value + " is not a valid version");
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> topic_config_has_no_effect(const std::string& key) {
  auto it = specs().find(key);
  if (it == specs().end() || it->second.no_effect_because.empty()) return std::nullopt;
  return it->second.no_effect_because;
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
  if (auto it = specs().find(key); it != specs().end() && !it->second.no_effect_because.empty()) {
    return it->second.inert_default;
  }
  return std::nullopt;
}

}  // namespace kb::cluster
