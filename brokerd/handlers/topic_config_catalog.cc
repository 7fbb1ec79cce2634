#include "brokerd/handlers/topic_config_catalog.h"

#include <array>

namespace kb::handlers {
namespace {

using protocol::config_type;

struct key_entry {
  std::string_view topic_key;
  std::string_view broker_key;
  config_type type;
};

// Every key of cluster::topic_config_keys() has a row. An empty broker key: Kafka has no
// broker-wide synonym (the throttled-replica lists).
constexpr std::array<key_entry, 26> catalog{{
    {"cleanup.policy", "log.cleanup.policy", config_type::list},
    {"compression.type", "compression.type", config_type::string},
    {"delete.retention.ms", "log.cleaner.delete.retention.ms", config_type::long_type},
    {"file.delete.delay.ms", "log.segment.delete.delay.ms", config_type::long_type},
    {"flush.messages", "log.flush.interval.messages", config_type::long_type},
    {"flush.ms", "log.flush.interval.ms", config_type::long_type},
    {"follower.replication.throttled.replicas", "", config_type::list},
    {"index.interval.bytes", "log.index.interval.bytes", config_type::int_type},
    {"leader.replication.throttled.replicas", "", config_type::list},
    {"max.compaction.lag.ms", "log.cleaner.max.compaction.lag.ms", config_type::long_type},
    {"max.message.bytes", "message.max.bytes", config_type::int_type},
    {"message.downconversion.enable", "log.message.downconversion.enable", config_type::boolean},
    {"message.format.version", "log.message.format.version", config_type::string},
    {"message.timestamp.difference.max.ms", "log.message.timestamp.difference.max.ms", config_type::long_type},
    {"message.timestamp.type", "log.message.timestamp.type", config_type::string},
    {"min.cleanable.dirty.ratio", "log.cleaner.min.cleanable.ratio", config_type::double_type},
    {"min.compaction.lag.ms", "log.cleaner.min.compaction.lag.ms", config_type::long_type},
    {"min.insync.replicas", "min.insync.replicas", config_type::int_type},
    {"preallocate", "log.preallocate", config_type::boolean},
    {"retention.bytes", "log.retention.bytes", config_type::long_type},
    {"retention.ms", "log.retention.ms", config_type::long_type},
    {"segment.bytes", "log.segment.bytes", config_type::int_type},
    {"segment.index.bytes", "log.index.size.max.bytes", config_type::int_type},
    {"segment.jitter.ms", "log.roll.jitter.ms", config_type::long_type},
    {"segment.ms", "log.roll.ms", config_type::long_type},
    {"unclean.leader.election.enable", "unclean.leader.election.enable", config_type::boolean},
}};

const key_entry* find(std::string_view topic_key) {
  for (const auto& e : catalog) {
    if (e.topic_key == topic_key) return &e;
  }
  return nullptr;
}

}  // namespace

std::string_view broker_synonym(std::string_view topic_key) {
  const key_entry* e = find(topic_key);
  return e ? e->broker_key : std::string_view();
}

protocol::config_type topic_config_type(std::string_view topic_key) {
  const key_entry* e = find(topic_key);
  return e ? e->type : config_type::unknown;
}

}  // namespace kb::handlers
