#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "replication/replica_fetcher.h"

namespace kb::replication {

// One replica_fetcher per leader broker (num.replica.fetchers = 1), created on demand:
// follow() moves a partition to its leader's fetcher, unfollow() stops fetching it. After
// stop_all() nothing is fetched again: a stopping broker's controlled shutdown moves
// leaderships and so calls follow(), and a replica that fetched from the new leader would be
// added back to the ISR the controller just took it out of.
class fetcher_manager {
 public:
  using broker_address = std::function<std::optional<std::pair<std::string, int32_t>>(int32_t broker_id)>;

  fetcher_manager(boost::asio::any_io_executor ex, follower_partitions& partitions, fetcher_settings settings,
                  broker_address address_of, std::chrono::milliseconds request_timeout);
  ~fetcher_manager();

  void follow(const topic_partition& tp, int32_t leader, int32_t leader_epoch);
  void unfollow(const topic_partition& tp);
  void stop_all();
  size_t fetcher_count() const { return fetchers_.size(); }

 private:
  boost::asio::any_io_executor ex_;
  follower_partitions& partitions_;
  fetcher_settings settings_;
  broker_address address_of_;
  std::chrono::milliseconds request_timeout_;
  std::map<int32_t, std::unique_ptr<replica_fetcher>> fetchers_;  // by leader broker id
  std::map<topic_partition, int32_t> leader_of_;
  bool stopped_ = false;
};

}  // namespace kb::replication
