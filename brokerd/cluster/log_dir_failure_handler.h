#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "log/log_dir_failure_listener.h"
#include "log/types.h"
#include "zkmeta/zk_client.h"

namespace kb::cluster {

// What the broker does when an I/O error takes a log dir offline (Kafka's
// ReplicaManager.handleLogDirFailure). The log manager has already taken the dir's logs
// offline, so their partitions answer KAFKA_STORAGE_ERROR and are never flushed, checkpointed
// or marked clean again. While some dir is left, the controller is told through
// /log_dir_event_notification/log_dir_event_<seq> (KIP-112); it then asks this broker which
// replicas are offline and moves their leadership and ISR membership to the other replicas.
// Once every configured dir has failed the broker halts, as Kafka does ("Shutdown broker
// because all log dirs in ... have failed"): `halt` runs once, and must end the process
// without a controlled shutdown; the ZooKeeper session then expires and the controller moves
// leadership to the in-sync replicas. Notifications wait for start(): a dir that fails while
// the logs load at startup is reported once the broker is registered, as Kafka's
// LogDirFailureHandler starts with its ReplicaManager. Not thread-safe: the log manager calls
// it on the broker's I/O thread, which `ex` must run on.
class log_dir_failure_handler final : public log::log_dir_failure_listener {
 public:
  // `zk` should retry across connection losses (a retrying_zk_client): a notification lost
  // on the way leaves the controller unaware until the broker restarts.
  log_dir_failure_handler(std::vector<std::filesystem::path> dirs, kb::broker_id broker, zkmeta::zk_client& zk,
                          boost::asio::any_io_executor ex, std::function<void()> halt);

  void log_dir_failed(const std::filesystem::path& dir, const std::string& reason) override;
  // The broker is registered: tells the controller of the dirs that failed before, and from
  // now on of each as it fails.
  void start();
  const std::set<std::filesystem::path>& failed() const { return failed_; }
  bool halting() const { return halting_; }
  // Notifications posted so far (created in ZooKeeper).
  int notifications_posted() const { return posted_; }

 private:
  // Spawns tell_controller(dir).
  void post(const std::filesystem::path& dir);
  boost::asio::awaitable<void> tell_controller(std::filesystem::path dir);

  std::vector<std::filesystem::path> dirs_;
  kb::broker_id broker_;
  zkmeta::zk_client& zk_;
  boost::asio::any_io_executor ex_;
  std::function<void()> halt_;
  std::set<std::filesystem::path> failed_;
  bool halting_ = false;
  bool started_ = false;
  std::vector<std::filesystem::path> unreported_;  // failed before start()
  int posted_ = 0;
};

}  // namespace kb::cluster
