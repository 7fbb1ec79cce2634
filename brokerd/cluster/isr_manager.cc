#include "brokerd/cluster/isr_manager.h"

#include <boost/asio/co_spawn.hpp>
#include <glog/logging.h>

#include "replication/isr_policy.h"
#include "zkmeta/broker_list_text.h"
#include "zkmeta/runtime/task_end.h"

namespace kb::cluster {
namespace asio = boost::asio;

isr_manager::isr_manager(replica_manager& replicas, zkmeta::zk_client& zk, asio::any_io_executor ex,
                         int64_t lag_time_max_ms, std::function<int64_t()> now_ms)
    : replicas_(replicas), updater_(zk), ex_(std::move(ex)), lag_time_max_ms_(lag_time_max_ms),
      now_ms_(std::move(now_ms)) {}

void isr_manager::check_shrink() {
  int64_t now = now_ms_();
  for (const auto& tp : replicas_.partitions()) {
    partition* p = replicas_.get(tp);
    // An offline leader's followers cannot fetch: shrinking to it alone would leave the
    // controller no in-sync replica to elect (Kafka drops the partition: HostedPartition.Offline).
    if (!p || !p->is_leader() || p->log().offline() || writing_.count(tp)) continue;
    std::map<int32_t, replication::follower_state> followers;
    for (const auto& [id, f] : p->followers()) followers[id] = {f.log_end_offset, f.last_caught_up_ms};
    auto lagging = replication::out_of_sync_replicas(p->state().leader, p->state().isr, followers, now, lag_time_max_ms_);
    if (lagging.empty()) continue;
    std::vector<int32_t> isr;
    for (int32_t r : p->state().isr) {
      if (std::find(lagging.begin(), lagging.end(), r) == lagging.end()) isr.push_back(r);
    }
    write(*p, std::move(isr), isr_change::shrink);
  }
}

void isr_manager::on_follower_caught_up(const topic_partition& tp, int32_t follower) {
  partition* p = replicas_.get(tp);
  if (!p || !p->is_leader() || writing_.count(tp)) return;
  const auto& replicas = p->state().replicas;
  if (std::find(replicas.begin(), replicas.end(), follower) == replicas.end()) return;
  // Kafka's leader learns the shrunk replica set before the controller takes the removed
  // replicas out of the ISR; ours learns it from the topic znode only afterwards, so it must
  // not let them back in meanwhile.
  const auto& removing = p->state().removing_replicas;
  if (std::find(removing.begin(), removing.end(), follower) != removing.end()) return;
  std::vector<int32_t> isr = p->state().isr;
  if (std::find(isr.begin(), isr.end(), follower) != isr.end()) return;
  isr.push_back(follower);
  write(*p, std::move(isr), isr_change::expand);
}

void isr_manager::write(partition& p, std::vector<int32_t> isr, isr_change change) {
  topic_partition tp = p.tp();
  const partition_state& s = p.state();
  zkmeta::leader_and_isr next;
  next.leader = kb::broker_id{s.leader};
  next.leader_epoch = kb::leader_epoch{s.leader_epoch};
  next.controller_epoch = kb::controller_epoch{s.controller_epoch};
  next.isr = isr;
  int32_t expected = s.zk_version;
  int32_t epoch = s.leader_epoch;
  const char* why = change == isr_change::shrink ? "shrinking" : "expanding";
  LOG(INFO) << "[Partition " << tp << "] " << why << " ISR from " << zkmeta::bracketed_broker_list(s.isr) << " to "
            << zkmeta::bracketed_broker_list(isr);
  writing_.insert(tp);
  // The lambda itself goes to co_spawn, which keeps it (and its captures) alive until done.
  asio::co_spawn(
      ex_,
      [this, tp, next, expected, epoch, isr, change]() -> asio::awaitable<void> {
        auto version = co_await updater_.update(tp, next, expected);
        writing_.erase(tp);
        partition* p = replicas_.get(tp);
        if (!version || !p || !p->is_leader() || p->leader_epoch() != epoch) co_return;
        p->set_isr(isr, *version);
        ++(change == isr_change::shrink ? shrinks_ : expands_);
      },
      log_task_end(tp.dir_name() + " ISR write"));
}

}  // namespace kb::cluster
