#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "log/types.h"

namespace kb::cluster {

// Who acts when the controller's decisions reach this broker's replicas: the replica
// fetchers (follow a new leader, stop following) and the group coordinator (take over or let
// go of a __consumer_offsets partition; forget a deleted topic's offsets).
class replica_observer {
 public:
  virtual ~replica_observer() = default;
  // The local replica of `tp` changed role or leader epoch, was created, or was removed.
  virtual void on_leadership_change(const topic_partition& tp) = 0;
  // `topic` was deleted; it had `partitions` partitions.
  virtual void on_topic_deleted(const std::string& topic, int32_t partitions) = 0;
};

}  // namespace kb::cluster
