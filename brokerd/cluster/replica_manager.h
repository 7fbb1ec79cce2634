#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "brokerd/cluster/partition.h"
#include "zkmeta/async_event.h"
#include "log/log_manager.h"

namespace kb::cluster {

// The partitions this broker holds a replica of (Kafka's ReplicaManager, minus fetching):
// creates and deletes their logs as the controller's decisions arrive, and signals
// `data_changed` whenever a log grows or a high watermark moves, which wakes long-polling
// fetches and acks=all produces. Runs on the broker's I/O thread.
class replica_manager {
 public:
  replica_manager(log::log_manager& logs, int32_t local_broker_id, const boost::asio::any_io_executor& ex);

  partition* get(const topic_partition& tp);
  std::vector<topic_partition> partitions() const;

  // Makes the local replica follow `state`: creates the log if this broker is in the
  // replica list (with `cfg`), drops it if it no longer is. Returns the partition, or
  // nullptr if this broker holds no replica.
  partition* apply(const topic_partition& tp, const partition_state& state, const log::log_config& cfg,
                   int64_t now_ms);
  // Persists every replica's high watermark (replication-offset-checkpoint), so a restarted
  // broker serves what was committed at once instead of waiting for its followers.
  void write_high_watermarks();
  // Deletes the local replica and its log (topic deletion or reassignment away).
  void remove(const topic_partition& tp);

  // Set by the broker: an out-of-sync follower of a partition led here caught up.
  std::function<void(const topic_partition&, int32_t follower)> on_follower_caught_up;

  kb::async_event& data_changed() { return data_changed_; }
  void notify_data_changed() { data_changed_.notify_all(); }
  int32_t local_broker_id() const { return local_id_; }

 private:
  log::log_manager& logs_;
  int32_t local_id_;
  std::map<topic_partition, std::unique_ptr<partition>> partitions_;
  kb::async_event data_changed_;
};

}  // namespace kb::cluster
