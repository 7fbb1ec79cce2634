#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "brokerd/cluster/metadata_cache.h"
#include "brokerd/handlers/broker_services.h"

namespace kb::handlers {

// How the topic admin handlers learn that a change written to ZooKeeper has come back
// through the metadata watcher (Kafka's DelayedCreatePartitions / DelayedDeleteTopics).

// True when every listed partition of `topic` has a leader in the cache (Kafka's
// DelayedCreatePartitions: leader != NoLeader).
bool leaders_elected(const cluster::metadata_cache& metadata, const std::string& topic,
                     const std::vector<int32_t>& partitions);

// Waits until `settled()` holds or `timeout_ms` passes; returns settled(). Re-checks each
// time the metadata of one of `topics` changes.
boost::asio::awaitable<bool> wait_for_metadata(broker_services& services, std::vector<std::string> topics,
                                               int32_t timeout_ms, std::function<bool()> settled);

}  // namespace kb::handlers
