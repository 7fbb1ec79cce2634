#pragma once

// fake_zk_client: one session on a fake_zk_server, implementing zk_client for unit tests.
// Construct several on one server to model several brokers. Requests complete without
// suspending; watch events and session notifications are posted to the executor, so a test
// drives the io_context to see them (tests/support/io_runner.h).
//
// Test controls: expire_session() (the server drops the session: ephemerals vanish, other
// sessions' watches fire, listeners see `expired`, requests fail with session_expired until
// reconnect()), fail_next() (inject connection_loss and friends without applying the request),
// lose_connection() and restore_connection() (a disconnection the session survives).
//
// Threading: io thread only. The server must outlive the client.

#include <boost/asio/any_io_executor.hpp>

#include <memory>

#include "zkmeta/fake_zk_server.h"
#include "zkmeta/session_listeners.h"
#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

class fake_zk_client final : public zk_client {
 public:
  // Opens a session at once: the client starts `connected`.
  fake_zk_client(boost::asio::any_io_executor executor, fake_zk_server& server);
  ~fake_zk_client() override;
  fake_zk_client(const fake_zk_client&) = delete;
  fake_zk_client& operator=(const fake_zk_client&) = delete;

  // As if the server had timed the session out.
  void expire_session();
  // The next `count` requests fail with `error` and are not applied.
  void fail_next(zk_errc error, int count = 1);
  // The next `count` writes (create, set, remove, multi) reach the server, which applies
  // them if it accepts them, and are answered with connection_loss whatever it answered: its
  // reply was lost with the connection, which came back.
  void lose_next_answers(int count = 1);
  // As if the connection dropped (listeners see `connecting`; requests fail with
  // connection_loss) and then came back to the same session (listeners see `connected`).
  void lose_connection();
  void restore_connection();

  fake_zk_server& server() { return server_; }

  int64_t session_id() const override { return session_; }
  session_state state() const override { return state_; }
  std::chrono::milliseconds session_timeout() const override { return session_timeout_; }
  void set_session_timeout(std::chrono::milliseconds t) { session_timeout_ = t; }
  session_listener_id add_session_listener(session_listener listener) override;
  void remove_session_listener(session_listener_id id) override;
  awaitable<result<void>> reconnect() override;
  void close() override;

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
  // The error a request fails with before reaching the server, if any (state or injection).
  std::error_code refusal();
  // Applies a single write and returns its result, or its error.
  result<op_result> apply_one(zk_op op);
  void change_state(session_state state);

  boost::asio::any_io_executor executor_;
  fake_zk_server& server_;
  int64_t session_ = 0;
  session_state state_ = session_state::connected;
  std::chrono::milliseconds session_timeout_{18'000};
  // Shared with posted notifications, which must not touch a destroyed client.
  std::shared_ptr<session_listeners> listeners_ = std::make_shared<session_listeners>();
  zk_errc injected_ = zk_errc::ok;
  int injected_count_ = 0;
  int answers_to_lose_ = 0;
  // connection_loss if this applied write's answer is to be lost (lose_next_answers).
  std::error_code lost_answer();
};

}  // namespace kb::zkmeta
