#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "brokerd/cluster/metadata_cache.h"
#include "brokerd/cluster/replica_manager.h"
#include "brokerd/cluster/topic_config.h"
#include "brokerd/group/group_config.h"
#include "brokerd/group/offsets_log.h"
#include "zkmeta/runtime/clock.h"

namespace kb::group {

// __consumer_offsets as this broker holds it: appends go through the partition's leader log
// and are answered once the ISR has them (acks=all; offsets.commit.timeout.ms), as Kafka's
// coordinator appends with requiredAcks = -1; reads walk the local log from its start to
// its end in offsets.load.buffer.size chunks, yielding the I/O thread between chunks.
// Every spawned write and read logs how it ended.
class partition_offsets_log final : public offsets_log {
 public:
  partition_offsets_log(boost::asio::any_io_executor ex, cluster::replica_manager& replicas,
                        const cluster::metadata_cache& metadata, const cluster::topic_defaults& defaults,
                        const group_config& config, kb::clock& clock);

  void append(int32_t partition, std::vector<offsets_record> records, int64_t timestamp_ms,
              std::function<void(append_outcome)> done) override;
  void read(int32_t partition, std::function<void(read_result)> done) override;

 private:
  boost::asio::awaitable<append_outcome> write(int32_t partition, std::vector<offsets_record> records,
                                               int64_t timestamp_ms);
  boost::asio::awaitable<read_result> read_all(int32_t partition);

  boost::asio::any_io_executor ex_;
  cluster::replica_manager& replicas_;
  const cluster::metadata_cache& metadata_;
  const cluster::topic_defaults& defaults_;
  const group_config& config_;
  kb::clock& clock_;
};

}  // namespace kb::group
