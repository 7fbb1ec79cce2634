#pragma once

#include <cstdint>

#include "brokerd/cluster/replica_manager.h"
#include "log/types.h"

namespace kb::cluster {

// One batch appended as leader, waiting for acks=all (Kafka's DelayedProduce, per partition).
struct replicated_write {
  topic_partition tp;
  int64_t last_offset = -1;
  uint64_t leadership_term = 0;  // the unbroken leadership the batch was appended under
  int32_t min_insync_replicas = 1;
};

enum class write_status {
  waiting,                 // the high watermark has not passed the batch yet
  committed,               // the ISR has it
  committed_below_min_isr, // the ISR has it, but the ISR shrank below min.insync.replicas
  leadership_lost,         // this broker stopped leading, even for a moment: the log may have been truncated
};

// Where the write stands now. A new epoch that keeps this broker leader (an ISR or replica
// change) keeps it waiting; any loss of leadership ends it.
write_status check(replica_manager& replicas, const replicated_write& w);

}  // namespace kb::cluster
