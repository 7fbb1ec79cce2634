#pragma once

#include <cstdint>

#include "brokerd/cluster/isr_manager.h"
#include "brokerd/cluster/replica_manager.h"
#include "brokerd/group/group_store.h"
#include "brokerd/metrics/latency_histogram.h"
#include "brokerd/metrics/metrics_registry.h"
#include "zkmeta/controller/controller.h"
#include "zkmeta/zk_client.h"

namespace kb {

// The broker's state as Kafka's gauges show it, read at each scrape from the parts that hold
// it: replicas (ReplicaManager), the controller (KafkaController, ControllerStats), the group
// coordinator (GroupMetadataManager) and the ZooKeeper session (SessionExpireListener).
// Also the controller's election timer. Everything it reads must outlive it.
class broker_state_metrics final : public metrics::metrics_source, public zkmeta::election_timer {
 public:
  broker_state_metrics(cluster::replica_manager& replicas, const cluster::isr_manager& isr,
                       zkmeta::controller& controller, const group::group_store& groups, zkmeta::zk_client& zk,
                       const kb::clock& clock);
  ~broker_state_metrics() override;

  void collect(metrics::prometheus_writer& out) const override;
  void started() override;
  void finished() override;

 private:
  cluster::replica_manager& replicas_;
  const cluster::isr_manager& isr_;
  zkmeta::controller& controller_;
  const group::group_store& groups_;
  zkmeta::zk_client& zk_;
  const kb::clock& clock_;
  zkmeta::session_listener_id session_listener_;
  uint64_t zk_disconnects_ = 0;
  uint64_t zk_expires_ = 0;
  kb::clock::time_point election_started_{};
  metrics::latency_histogram elections_;
};

}  // namespace kb
