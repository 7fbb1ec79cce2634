#pragma once

// zk_session: zk_client over a real ZooKeeper, through the multi-threaded C client (zookeeper_mt).
//
// Each request is a zoo_a* call bridged to asio with async_initiate: the C completion (on the
// library's completion thread) copies its results into the heap-allocated call and posts the
// coroutine's handler to the handler's executor, held by a work guard meanwhile. Watches and
// session events are likewise posted to the io executor; nothing else runs on ZooKeeper threads.
//
// Lifecycle: construct, start() (creates a missing chroot through a chroot-less session, as
// Kafka does, then connects), use, close() or destroy. After `expired` every request fails with
// session_expired until reconnect() opens a new session; re-registering ephemerals and re-arming
// watches is the caller's job (Kafka's after-new-session hooks). Disconnects shorter than the
// session timeout only show as connection_loss on in-flight requests (retryable).
//
// Threading: io thread only; the io_context must outlive the session. close() and the destructor
// block briefly (zookeeper_close sends the close request and joins the library threads).

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

#include "zkmeta/zk_client.h"
#include "zkmeta/zk_config.h"

namespace kb::zkmeta {

class zk_session final : public zk_client {
 public:
  zk_session(boost::asio::any_io_executor executor, zk_config config);
  ~zk_session() override;
  zk_session(const zk_session&) = delete;
  zk_session& operator=(const zk_session&) = delete;

  // Creates the chroot if needed, opens the session and waits until it is connected, at most
  // config.connection_timeout (then operation_timeout). Call once. On failure the session is
  // left `closed`; reconnect() tries again.
  awaitable<result<void>> start();

  int64_t session_id() const override;
  // The current session's id and password, with which a second client can take the session
  // over. Tests use it to force an expiry, as Kafka's ZooKeeperTestHarness does.
  struct credentials {
    int64_t id = 0;
    std::string password;
  };
  credentials session_credentials() const;
  session_state state() const override;
  std::chrono::milliseconds session_timeout() const override;
  session_listener_id add_session_listener(session_listener listener) override;
  void remove_session_listener(session_listener_id id) override;
  awaitable<result<void>> reconnect() override;
  void close() override;

  struct core;  // shared with posted handlers; defined in zk_session.cc

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
  std::shared_ptr<core> core_;
};

}  // namespace kb::zkmeta
