#include "brokerd/cluster/replicated_write.h"

namespace kb::cluster {

write_status check(replica_manager& replicas, const replicated_write& w) {
  partition* p = replicas.get(w.tp);
  if (!p || p->leadership_term() != w.leadership_term) return write_status::leadership_lost;
  if (p->high_watermark() <= w.last_offset) return write_status::waiting;
  if (static_cast<int32_t>(p->state().isr.size()) < w.min_insync_replicas) return write_status::committed_below_min_isr;
  return write_status::committed;
}

}  // namespace kb::cluster
