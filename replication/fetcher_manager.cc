#include "replication/fetcher_manager.h"

#include "replication/remote_leader_endpoint.h"

namespace kb::replication {

fetcher_manager::fetcher_manager(boost::asio::any_io_executor ex, follower_partitions& partitions,
                                 fetcher_settings settings, broker_address address_of,
                                 std::chrono::milliseconds request_timeout)
    : ex_(std::move(ex)), partitions_(partitions), settings_(settings), address_of_(std::move(address_of)),
      request_timeout_(request_timeout) {}

// Invariant: destroyed after stop_all() once the io_context has stopped.
fetcher_manager::~fetcher_manager() = default;

void fetcher_manager::follow(const topic_partition& tp, int32_t leader, int32_t leader_epoch) {
  unfollow(tp);
  if (stopped_) return;
  auto& fetcher = fetchers_[leader];
  if (!fetcher) {
    auto lookup = [this, leader] { return address_of_(leader); };
    auto endpoint = std::make_unique<remote_leader_endpoint>(ex_, lookup, settings_.local_broker_id, request_timeout_);
    fetcher = std::make_unique<replica_fetcher>(ex_, std::move(endpoint), partitions_, settings_);
    fetcher->start();
  }
  fetcher->add_partition(tp, leader_epoch);
  leader_of_[tp] = leader;
}

void fetcher_manager::unfollow(const topic_partition& tp) {
  auto it = leader_of_.find(tp);
  if (it == leader_of_.end()) return;
  if (auto f = fetchers_.find(it->second); f != fetchers_.end()) f->second->remove_partition(tp);
  leader_of_.erase(it);
}

void fetcher_manager::stop_all() {
  stopped_ = true;
  for (auto& [leader, fetcher] : fetchers_) fetcher->stop();
  leader_of_.clear();
}

}  // namespace kb::replication
