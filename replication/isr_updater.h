#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>

#include "log/types.h"
#include "zkmeta/znodes/partition_state_znode.h"
#include "zkmeta/zk_client.h"

namespace kb::replication {

// The leader's ISR write, as Kafka does it in ZooKeeper mode (IBP < 2.7): a conditional
// setData of /brokers/topics/<t>/partitions/<p>/state on the zkVersion the leader last saw
// (a stale leader loses with BADVERSION), then /isr_change_notification/isr_change_<seq>
// so the controller refreshes its view.
//
// `zk` should retry across connection losses (zkmeta::retrying_zk_client): a write applied
// just before one then answers its own retry with BADVERSION, and the update reads the znode
// back; if it holds exactly what was written, the write counts as applied (Kafka's
// ReplicationUtils.checkLeaderAndIsrZkData).
class isr_updater {
 public:
  explicit isr_updater(zkmeta::zk_client& zk) : zk_(zk) {}

  // Returns the state znode's new zkVersion, or nullopt if the write lost (the state changed
  // underneath: a new leader epoch or another ISR write) or ZooKeeper failed.
  boost::asio::awaitable<std::optional<int32_t>> update(topic_partition tp, zkmeta::leader_and_isr next,
                                                        int32_t expected_zk_version);

 private:
  // The zkVersion of the state znode if it holds exactly `written`.
  boost::asio::awaitable<std::optional<int32_t>> version_if_holding(const std::string& path,
                                                                    const zkmeta::leader_and_isr& written);

  zkmeta::zk_client& zk_;
};

}  // namespace kb::replication
