#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "brokerd/cluster/metadata_cache.h"
#include "brokerd/protocol/messages/list_offsets.h"
#include "zkmeta/controller/replica_probe.h"

namespace kb::cluster {

// The controller's replica_probe over the wire. Kafka's controller learns which replicas sit
// in a failed log dir from the KAFKA_STORAGE_ERROR of each partition in a broker's
// LeaderAndIsr response; we have no LeaderAndIsr, so the controller asks the way a debugging
// tool does: ListOffsets v1 for the latest offset with replica id -2, which every replica
// answers from its log end and an offline one refuses with KAFKA_STORAGE_ERROR. One
// connection per probe, to the broker's inter-broker endpoint; probes are rare. Runs on the
// broker's I/O thread (`ex`), as the controller does.
class list_offsets_replica_probe final : public zkmeta::replica_probe {
 public:
  list_offsets_replica_probe(boost::asio::any_io_executor ex, const metadata_cache& metadata, int32_t local_broker,
                             std::chrono::milliseconds request_timeout);

  boost::asio::awaitable<zkmeta::replica_probe_result> probe(
      int32_t broker, std::vector<kb::topic_partition> replicas) override;

  static constexpr int16_t request_version = 1;
  // The request asking about `replicas`, grouped by topic.
  static protocol::list_offsets_request request_for(const std::vector<kb::topic_partition>& replicas);
  // KAFKA_STORAGE_ERROR: offline; NONE: online; any other error gives no verdict.
  static zkmeta::replica_probe_answer verdicts(const protocol::list_offsets_response& response);

 private:
  boost::asio::any_io_executor ex_;
  const metadata_cache& metadata_;
  int32_t local_broker_;
  std::chrono::milliseconds timeout_;
};

}  // namespace kb::cluster
