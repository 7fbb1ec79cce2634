#pragma once

// retrying_zk_client: a zk_client that hides connection loss from its user, as Kafka's
// KafkaZkClient does (retryRequestsUntilConnected): a request answered with connection_loss or
// operation_timeout is sent again once the same session is connected again. It fails only
// when that session ends (expired, auth_failed, closed, or replaced by reconnect()): with
// session_expired, or the error the inner client gave for an ended session. While it waits it
// logs one warning. A caller that must not wait for ZooKeeper indefinitely (a shutdown) bounds
// its own wait; closing the inner client ends every wait within a second.
//
// Why: a controller that met a connection loss halfway through creating a topic's partition
// states dropped the rest, and those partitions had no leader until some later event (found by
// the nemesis: the ZooKeeper ensemble's leader killed while __consumer_offsets was created).
//
// Contract for callers: after a connection loss a write may have been applied, so its retry can
// answer for the first attempt's effect: node_exists for a create, bad_version for a
// conditional set, no_node for a remove. Callers already read these as "someone else did it"
// and re-read, as Kafka's do.
//
// Threading: io thread only, like the inner client, which must outlive this one.

#include <boost/asio/any_io_executor.hpp>

#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

class retrying_zk_client final : public zk_client {
 public:
  retrying_zk_client(boost::asio::any_io_executor executor, zk_client& inner);

  int64_t session_id() const override { return inner_.session_id(); }
  session_state state() const override { return inner_.state(); }
  std::chrono::milliseconds session_timeout() const override { return inner_.session_timeout(); }
  session_listener_id add_session_listener(session_listener listener) override {
    return inner_.add_session_listener(std::move(listener));
  }
  void remove_session_listener(session_listener_id id) override { inner_.remove_session_listener(id); }
  awaitable<result<void>> reconnect() override { return inner_.reconnect(); }
  void close() override { inner_.close(); }

 protected:
  awaitable<result<std::string>> do_create(std::string path, std::optional<std::string> data,
                                           create_mode mode) override;
  awaitable<result<get_result>> do_get(std::string path, watch_callback watch) override;
  awaitable<result<zk_stat>> do_set(std::string path, std::string data, int32_t expected_version) override;
  awaitable<result<void>> do_remove(std::string path, int32_t expected_version) override;
  awaitable<result<std::optional<zk_stat>>> do_exists(std::string path, watch_callback watch) override;
  awaitable<result<std::vector<std::string>>> do_get_children(std::string path, watch_callback watch) override;
  awaitable<result<multi_response>> do_multi(std::vector<zk_op> ops) override;

 private:
  // Sends `call()` until it answers with anything but a retryable error, or the session ends.
  template <class T, class Call>
  awaitable<result<T>> until_answered(Call call);
  // Returns once `session` is connected (true), or has ended or been replaced (false).
  awaitable<bool> connected_in(int64_t session);

  boost::asio::any_io_executor executor_;
  zk_client& inner_;
};

}  // namespace kb::zkmeta
