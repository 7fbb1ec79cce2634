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

}  // namespace

retrying_zk_client::retrying_zk_client(boost::asio::any_io_executor executor, zk_client& inner)
    : executor_(std::move(executor)), inner_(inner) {}

awaitable<bool> retrying_zk_client::connected_or_ended() {
  // Woken by the session listener on every state change; also every `recheck`, since close()
  // is not reported to listeners.
  const auto recheck = std::min<std::chrono::milliseconds>(inner_.session_timeout() / 3, std::chrono::seconds(1));
  boost::asio::steady_timer changed(executor_);
  const session_listener_id id = inner_.add_session_listener([&changed](session_state) { changed.cancel(); });
  while (inner_.state() != session_state::connected && !ended(inner_.state())) {
    changed.expires_after(recheck);
    boost::system::error_code ignored;
    co_await changed.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
  }
  inner_.remove_session_listener(id);
  co_return inner_.state() == session_state::connected;
}

template <class T, class Call>
awaitable<result<T>> retrying_zk_client::until_answered(Call call) {
  for (int attempt = 1;; ++attempt) {
    result<T> r = co_await call();
    if (r || !is_retryable(r.error()) || ended(inner_.state())) co_return r;
    // The loss is usually reported before the session's state says so (the listener is posted):
    // a request sent again at once would meet the same loss, so wait for a state change first
    // unless the session still claims to be connected on a first failure. Once the session has
    // ended, the next attempt answers with why (session_expired, closing).
    if (attempt > 1 || inner_.state() != session_state::connected) co_await connected_or_ended();
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
