#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "log/types.h"
#include "zkmeta/controller/replica_probe.h"

namespace kb::zkmeta {

// The replicas that live brokers hold in failed log dirs, as the controller has learned them
// (Kafka's ControllerContext.replicasOnOfflineDirs). Such a replica is treated as dead for
// its partition alone: it may not lead and leaves the ISR, while the broker's other replicas
// serve on. Each broker's entry belongs to one registration (its broker epoch, the czxid of
// /brokers/ids/<id>): when the broker registers again the controller forgets the entry and asks
// it afresh (a restart recovers its dirs; a session that expired finds them as they were).
class offline_replicas {
 public:
  // Merges a broker's answer as Kafka does (what was offline, less what now answers, plus
  // what now refuses) and returns the replicas that were not offline before. An answer from
  // another registration than the recorded one starts the broker's entry afresh.
  std::set<kb::topic_partition> record(int32_t broker, int64_t broker_epoch, const replica_probe_answer& answer);
  bool offline(const kb::topic_partition& tp, int32_t broker) const;
  // The registration a broker's entry belongs to; nullopt if it has none.
  std::optional<int64_t> epoch_of(int32_t broker) const;
  std::set<int32_t> brokers() const;
  void forget(int32_t broker);
  // A deleted topic's replicas: a topic created again under its name starts with none offline.
  void forget_topic(const std::string& topic);
  void clear() { by_broker_.clear(); }

 private:
  struct entry {
    int64_t broker_epoch = -1;
    std::set<kb::topic_partition> replicas;  // never empty
  };
  std::map<int32_t, entry> by_broker_;
};

}  // namespace kb::zkmeta
