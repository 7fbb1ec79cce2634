#pragma once

#include <cstdint>
#include <functional>

#include "brokerd/cluster/metadata_cache.h"
#include "brokerd/cluster/replica_manager.h"
#include "brokerd/cluster/topic_admin.h"
#include "brokerd/cluster/topic_config.h"
#include "brokerd/metrics/broker_metrics.h"
#include "zkmeta/runtime/clock.h"
#include "zkmeta/runtime/delayed_operations.h"
#include "zkmeta/session_lease.h"

namespace kb::handlers {

// Broker settings the request handlers consult (from server.properties).
struct handler_settings {
  int32_t broker_id = 0;
  bool auto_create_topics = true;         // auto.create.topics.enable
  int32_t num_partitions = 1;             // num.partitions
  int16_t default_replication_factor = 1; // default.replication.factor
  int32_t message_max_bytes = 1048588;    // message.max.bytes
};

// What handlers work with; each handler takes only this, never the whole broker.
struct broker_services {
  cluster::replica_manager& replicas;
  cluster::metadata_cache& metadata;
  cluster::topic_admin& admin;
  const handler_settings& settings;
  const cluster::topic_defaults& topic_defaults;
  kb::clock& clock;
  // Whether this broker may still act on its ZooKeeper session: a leader whose lease has
  // lapsed refuses writes and does not name itself leader (zkmeta/zk_session_lease.h).
  const zkmeta::session_lease& lease;
  // Admin requests waiting for their change to come back from ZooKeeper, keyed by topic
  // (Kafka's topic purgatory); the metadata applier notifies a topic whenever it changes.
  kb::delayed_operations<std::string>& topic_waiters;
  // What requests count for the broker's metrics (records and bytes in and out, parked requests).
  metrics::broker_metrics& metrics;

  // The topic's settings: broker defaults with its /config/topics overrides.
  cluster::topic_settings topic_settings(const std::string& topic) const {
    const cluster::topic_info* t = metadata.topic(topic);
    return cluster::effective_topic_settings(topic_defaults, t ? t->config : std::map<std::string, std::string>{});
  }
};

}  // namespace kb::handlers
