// The controller's handling of failed log dirs (KIP-112; Kafka's KafkaController
// processLogDirEventNotification, onBrokerLogDirFailure, processLeaderAndIsrResponseReceived
// and onReplicasBecomeOffline). A broker that loses a log dir but keeps others posts
// /log_dir_event_notification/log_dir_event_<seq>; the controller deletes the notifications
// and asks each broker named which of its replicas are offline. The answers arrive as events
// of their own, so a slow broker never holds up the event queue; replicas newly offline count
// as dead for their partition: leaders move to another in-sync replica and the offline ones
// leave the ISR. A new controller asks every live broker, and a controller asks every broker
// that joins, as Kafka's learns the same from the LeaderAndIsr requests it sends them.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include <algorithm>

#include "zkmeta/controller/comma_separated.h"
#include "zkmeta/controller/controller.h"
#include "zkmeta/runtime/task_end.h"
#include "zkmeta/znodes/broker_id_znode.h"
#include "zkmeta/znodes/log_dir_event_notification_znode.h"

namespace kb::zkmeta {
namespace asio = boost::asio;

awaitable<void> controller::on_log_dir_event() {
  std::optional<std::set<int32_t>> brokers = co_await take_log_dir_events();
  if (!brokers || brokers->empty()) co_return;
  LOG(INFO) << prefix() << "Handling log directory failure for brokers " << comma_separated(*brokers);
  for (int32_t b : *brokers) {
    if (live_.contains(b)) start_probe(b);
  }
}

awaitable<std::optional<std::set<int32_t>>> controller::take_log_dir_events() {
  // Built outside the co_await: GCC 12 destroys braced temporaries in a co_await
  // full-expression twice.
  watch_callback notes_watch = watch_for(event{event_kind::log_dir_event, {}});
  auto notes = co_await zk_.get_children(log_dir_event_notification_znode::path(), std::move(notes_watch));
  std::set<int32_t> brokers;
  if (!notes) co_return brokers;
  for (const std::string& name : notes.value()) {
    const std::string path = log_dir_event_notification_znode::path() + "/" + name;
    auto data = co_await zk_.get(path);
    if (data && data.value().data) {
      if (auto broker = log_dir_event_notification_sequence_znode::decode(*data.value().data)) {
        brokers.insert(broker.value());
      } else {
        LOG(WARNING) << prefix() << "ignoring malformed " << path << ": " << broker.error().message();
      }
    }
    // Deleted behind the epoch fence, as Kafka's deleteLogDirEventNotifications: a deposed
    // controller must not swallow a notification its successor has not seen.
    std::vector<zk_op> remove{remove_op{path}};
    if (co_await fenced(std::move(remove), path) == write_outcome::fenced) co_return std::nullopt;
  }
  co_return brokers;
}

std::vector<kb::topic_partition> controller::replicas_on(int32_t broker) const {
  std::vector<kb::topic_partition> replicas;
  for (const auto& [topic, assignment] : topics_) {
    for (const auto& [p, brokers] : assignment.partitions) {
      if (std::find(brokers.begin(), brokers.end(), broker) != brokers.end()) replicas.push_back({topic, p});
    }
  }
  return replicas;
}

void controller::start_probe(int32_t broker) {
  if (!probe_) return;
  if (auto running = probing_.find(broker); running != probing_.end()) {
    running->second = true;  // asked again once the running probe has its answer
    return;
  }
  probing_[broker] = false;
  asio::co_spawn(ex_, probe_until_answered(generation_, broker),
                 log_task_end(prefix() + "probe of broker " + std::to_string(broker) + "'s replicas"));
}

// Invariant: while a generation's loop for `broker` runs, probing_ holds `broker`; it erases
// it when it ends (unless the generation ended first: start() cleared probing_ then).
awaitable<void> controller::probe_until_answered(uint64_t generation, int32_t broker) {
  asio::steady_timer pause(ex_);
  std::chrono::milliseconds backoff = settings_.replica_probe_backoff;
  for (;;) {
    if (generation != generation_) co_return;
    std::vector<kb::topic_partition> replicas = replicas_on(broker);
    if (!live_.contains(broker) || replicas.empty()) break;
    // The registration asked, taken before asking: an answer must not outlive a restart.
    const auto registration = broker_epochs_.find(broker);
    if (registration == broker_epochs_.end()) break;
    const int64_t epoch = registration->second;
    replica_probe_result result = co_await probe_->probe(broker, std::move(replicas));
    if (generation != generation_) co_return;
    if (result.answer) {
      probe_answers_.push_back({broker, epoch, std::move(*result.answer)});
      enqueue({event_kind::replicas_probed, {}});
      bool& asked_again = probing_.at(broker);
      if (!asked_again) break;
      asked_again = false;
      backoff = settings_.replica_probe_backoff;
      continue;
    }
    LOG(WARNING) << prefix() << "broker " << broker << " did not say which of its replicas are offline ("
                 << result.failure << "); asking again in " << backoff.count() << " ms";
    pause.expires_after(backoff);
    co_await pause.async_wait(asio::use_awaitable);
    backoff = std::min(backoff * 2, settings_.replica_probe_max_backoff);
  }
  probing_.erase(broker);
}

awaitable<void> controller::on_replicas_probed() {
  bool changed = false;
  while (!probe_answers_.empty()) {
    probed p = std::move(probe_answers_.front());
    probe_answers_.pop_front();
    // A broker that registered again since it was asked is being asked afresh (or will be,
    // when its broker change is handled: that forgets what this answer records).
    const auto registration = broker_epochs_.find(p.broker);
    if (!live_.contains(p.broker) || registration == broker_epochs_.end() ||
        registration->second != p.broker_epoch) {
      continue;
    }
    std::set<kb::topic_partition> newly = offline_.record(p.broker, p.broker_epoch, p.answer);
    if (newly.empty()) continue;
    LOG(INFO) << prefix() << "Mark replicas " << comma_separated(newly) << " on broker " << p.broker << " as offline";
    changed = true;
  }
  if (changed) co_await reelect();
}

awaitable<std::set<int32_t>> controller::reregistered_brokers() {
  std::set<int32_t> changed;
  std::erase_if(broker_epochs_, [&](const auto& kv) { return !live_.contains(kv.first); });
  for (int32_t b : std::set<int32_t>(live_)) {
    std::optional<int64_t> epoch = co_await broker_epoch(b);
    if (!epoch) continue;  // gone meanwhile (the next broker change tells) or ZooKeeper failed
    auto known = broker_epochs_.find(b);
    if (known != broker_epochs_.end() && known->second != *epoch) changed.insert(b);
    broker_epochs_[b] = *epoch;
  }
  co_return changed;
}

awaitable<std::optional<int64_t>> controller::broker_epoch(int32_t broker) {
  auto found = co_await zk_.exists(broker_id_znode::path(kb::broker_id{broker}));
  if (!found || !found.value()) co_return std::nullopt;
  co_return found.value()->czxid;
}

}  // namespace kb::zkmeta
