#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <cstdint>
#include <functional>

#include "log/types.h"
#include "zkmeta/znodes/controller_epoch_znode.h"
#include "zkmeta/retrying_zk_client.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

// Kafka's controller election: every broker races to create the ephemeral /controller
// ({"version":1,"brokerid":N,"timestamp":"ms"}) and bump /controller_epoch in one multi,
// conditional on the epoch's dataVersion as read (that dataVersion then fences every
// controller write); the others watch /controller and race again when it disappears. Runs on
// the io executor.
class controller_election {
 public:
  struct callbacks {
    // This broker became controller with `epoch`; `epoch_zk_version` fences its writes.
    std::function<void(controller_epoch epoch, int32_t epoch_zk_version)> on_elected;
    // This broker is no longer controller (its znode vanished, or it resigned).
    std::function<void()> on_resigned;
    // The active controller changed (any broker; -1 when none).
    std::function<void(int32_t controller_id)> on_controller_changed;
  };

  controller_election(zk_client& zk, kb::broker_id id, boost::asio::any_io_executor ex, callbacks cb,
                      std::function<int64_t()> now_ms);

  // Contends now and whenever /controller disappears.
  void start();
  // Stops contending; if this broker is controller, resigns and deletes its /controller.
  boost::asio::awaitable<void> stop();
  // The session expired: ephemerals are gone, so this broker is no longer controller.
  void on_session_lost();

  bool is_controller() const { return is_controller_; }
  int32_t controller_id() const { return controller_id_; }

 private:
  boost::asio::awaitable<void> contend();
  // /controller_epoch's epoch and dataVersion, created (with 0) if absent.
  boost::asio::awaitable<result<std::pair<controller_epoch, int32_t>>> read_epoch();
  // Pauses before the next attempt: 100 ms, 200 ms, ... at most 2 s.
  boost::asio::awaitable<void> backoff(int attempt);
  void on_controller_event(const watch_event& e);
  void spawn_contend();
  void set_controller(int32_t id);
  void resign();

  zk_client& zk_;
  // For contending: what meets a connection loss is sent again on the same session; a session
  // that ends fails it (and bumps generation_). stop() uses zk_ itself, so as not to wait.
  retrying_zk_client until_connected_;
  kb::broker_id id_;
  boost::asio::any_io_executor ex_;
  callbacks cb_;
  std::function<int64_t()> now_ms_;
  bool running_ = false;
  bool contending_ = false;
  bool recontend_ = false;  // an event arrived while contending: go again after
  bool is_controller_ = false;
  int32_t controller_id_ = -1;
  uint64_t generation_ = 0;  // bumped by stop()/session loss; stale watches check it
};

}  // namespace kb::zkmeta
