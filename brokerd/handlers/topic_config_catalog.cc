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

// Every key of cluster::topic_config_keys() has a row.
constexpr std::array<key_entry, 15> catalog{{
    {"cleanup.policy", "log.cleanup.policy", config_type::list},
    {"compression.type", "compression.type", config_type::string},
    {"flush.messages", "log.flush.interval.messages", config_type::long_type},
    {"flush.ms", "log.flush.interval.ms", config_type::long_type},
    {"index.interval.bytes", "log.index.interval.bytes", config_type::int_type},
    {"max.message.bytes", "message.max.bytes", config_type::int_type},
    {"message.timestamp.type", "log.message.timestamp.type", config_type::string},
    {"min.insync.replicas", "min.insync.replicas", config_type::int_type},
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
