#include "zkmeta/retrying_zk_client.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include <algorithm>
#include <chrono>

namespace kb::zkmeta {
namespace {

bool ended(session_state s) {
  return s == session_state::expired || s == session_state::auth_failed || s == session_state::closed;
}

// Removes a session listener when the waiting coroutine's frame goes, however it goes.
class listener_registration {
 public:
  listener_registration(zk_client& zk, session_listener listener)
      : zk_(zk), id_(zk.add_session_listener(std::move(listener))) {}
  ~listener_registration() { zk_.remove_session_listener(id_); }
  listener_registration(const listener_registration&) = delete;
  listener_registration& operator=(const listener_registration&) = delete;

 private:
  zk_client& zk_;
  session_listener_id id_;
};

}  // namespace

retrying_zk_client::retrying_zk_client(boost::asio::any_io_executor executor, zk_client& inner)
    : executor_(std::move(executor)), inner_(inner) {}

awaitable<bool> retrying_zk_client::connected_in(int64_t session) {
  // Woken by the session listener on every state change; also every `recheck`, since close()
  // is not reported to listeners.
  const auto recheck = std::clamp<std::chrono::milliseconds>(inner_.session_timeout() / 3, std::chrono::milliseconds(50),
                                                             std::chrono::seconds(1));
  boost::asio::steady_timer changed(executor_);
  bool expired_seen = false;  // reconnect() may already have moved the state on
  listener_registration registration(inner_, [&changed, &expired_seen](session_state s) {
    if (ended(s)) expired_seen = true;
    changed.cancel();
  });
  bool warned = false;
  while (!expired_seen && inner_.session_id() == session && inner_.state() != session_state::connected &&
         !ended(inner_.state())) {
    changed.expires_after(recheck);
    boost::system::error_code ignored;
    co_await changed.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
    if (!warned && !expired_seen && inner_.state() != session_state::connected) {
      LOG(WARNING) << "ZooKeeper is unreachable; requests wait for the session " << std::hex << session
                   << " to reconnect or end";
      warned = true;
    }
  }
  co_return !expired_seen && inner_.session_id() == session && inner_.state() == session_state::connected;
}

template <class T, class Call>
awaitable<result<T>> retrying_zk_client::until_answered(Call call) {
  const int64_t session = inner_.session_id();
  for (int attempt = 1;; ++attempt) {
    result<T> r = co_await call();
    if (r || !is_retryable(r.error()) || ended(inner_.state())) co_return r;
    if (inner_.session_id() != session) co_return make_error_code(zk_errc::session_expired);
    // A first failure while the session still claims to be connected is sent again at once:
    // the loss may not have reached the session's state yet, or the server merely timed the
    // request out. After that, only once the session is connected again.
    if (attempt > 1 || inner_.state() != session_state::connected) {
      if (!co_await connected_in(session)) {
        // Ended (or replaced by a new session): the requests of this one must not run there.
        co_return make_error_code(zk_errc::session_expired);
      }
    }
    VLOG(1) << "ZooKeeper request failed with " << r.error().message() << "; sending it again (attempt "
            << attempt + 1 << ")";
  }
}

awaitable<result<std::string>> retrying_zk_client::do_create(std::string path, std::optional<std::string> data,
                                                             create_mode mode) {
  return until_answered<std::string>([this, path, data, mode] { return inner_.create(path, data, mode); });
}

awaitable<result<get_result>> retrying_zk_client::do_get(std::string path, watch_callback watch) {
  return until_answered<get_result>([this, path, watch] { return inner_.get(path, watch); });
}

awaitable<result<zk_stat>> retrying_zk_client::do_set(std::string path, std::string data, int32_t expected_version) {
  return until_answered<zk_stat>([this, path, data, expected_version] {
    return inner_.set(path, data, expected_version);
  });
}

awaitable<result<void>> retrying_zk_client::do_remove(std::string path, int32_t expected_version) {
  return until_answered<void>([this, path, expected_version] { return inner_.remove(path, expected_version); });
}

awaitable<result<std::optional<zk_stat>>> retrying_zk_client::do_exists(std::string path, watch_callback watch) {
  return until_answered<std::optional<zk_stat>>([this, path, watch] { return inner_.exists(path, watch); });
}

awaitable<result<std::vector<std::string>>> retrying_zk_client::do_get_children(std::string path,
                                                                                watch_callback watch) {
  return until_answered<std::vector<std::string>>([this, path, watch] { return inner_.get_children(path, watch); });
}

awaitable<result<multi_response>> retrying_zk_client::do_multi(std::vector<zk_op> ops) {
  return until_answered<multi_response>([this, ops] { return inner_.multi_detailed(ops); });
}

}  // namespace kb::zkmeta
