#pragma once

// yielding_zk_client: a zk_client decorator for race tests. fake_zk_client completes requests
// without suspending, so two coroutines on it never interleave; this wrapper posts to the
// executor before forwarding each request, so coroutines started together alternate request by
// request (A1 B1 A2 B2 ...), the way two brokers' requests interleave at a real ZooKeeper.
//
//   yielding_zk_client a(io.get_executor(), fake_a), b(io.get_executor(), fake_b);
//   // run two writers on a and b concurrently; both pass their "does it exist?" checks.
//
// Hooks: before_set runs (and is awaited) just before a setData is forwarded, to slip in a
// competing write; before_exists likewise before an exists (e.g. to hold one forever, as a
// request on a closed handle may be); `requests` counts forwarded requests by kind and path
// ("create /a").

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <functional>
#include <map>
#include <string>

#include "zkmeta/zk_client.h"

namespace kb::test {

class yielding_zk_client final : public zkmeta::zk_client {
 public:
  yielding_zk_client(boost::asio::any_io_executor executor, zkmeta::zk_client& inner)
      : executor_(std::move(executor)), inner_(inner) {}

  std::function<zkmeta::awaitable<void>(const std::string& path)> before_set;
  std::function<zkmeta::awaitable<void>(const std::string& path)> before_exists;
  std::map<std::string, int> requests;

  int64_t session_id() const override { return inner_.session_id(); }
  zkmeta::session_state state() const override { return inner_.state(); }
  std::chrono::milliseconds session_timeout() const override { return inner_.session_timeout(); }
  zkmeta::session_listener_id add_session_listener(zkmeta::session_listener l) override {
    return inner_.add_session_listener(std::move(l));
  }
  void remove_session_listener(zkmeta::session_listener_id id) override { inner_.remove_session_listener(id); }
  zkmeta::awaitable<zkmeta::result<void>> reconnect() override { return inner_.reconnect(); }
  void close() override { inner_.close(); }

 protected:
  zkmeta::awaitable<zkmeta::result<std::string>> do_create(std::string path, std::optional<std::string> data,
                                                           zkmeta::create_mode mode) override {
    co_await yield("create " + path);
    co_return co_await inner_.create(std::move(path), std::move(data), mode);
  }
  zkmeta::awaitable<zkmeta::result<zkmeta::get_result>> do_get(std::string path, zkmeta::watch_callback watch) override {
    co_await yield("get " + path);
    co_return co_await inner_.get(std::move(path), std::move(watch));
  }
  zkmeta::awaitable<zkmeta::result<zkmeta::zk_stat>> do_set(std::string path, std::string data,
                                                            int32_t expected_version) override {
    co_await yield("set " + path);
    if (before_set) co_await before_set(path);
    co_return co_await inner_.set(std::move(path), std::move(data), expected_version);
  }
  zkmeta::awaitable<zkmeta::result<void>> do_remove(std::string path, int32_t expected_version) override {
    co_await yield("remove " + path);
    co_return co_await inner_.remove(std::move(path), expected_version);
  }
  zkmeta::awaitable<zkmeta::result<std::optional<zkmeta::zk_stat>>> do_exists(std::string path,
                                                                              zkmeta::watch_callback watch) override {
    co_await yield("exists " + path);
    if (before_exists) co_await before_exists(path);
    co_return co_await inner_.exists(std::move(path), std::move(watch));
  }
  zkmeta::awaitable<zkmeta::result<std::vector<std::string>>> do_get_children(std::string path,
                                                                              zkmeta::watch_callback watch) override {
    co_await yield("get_children " + path);
    co_return co_await inner_.get_children(std::move(path), std::move(watch));
  }
  zkmeta::awaitable<zkmeta::result<zkmeta::multi_response>> do_multi(std::vector<zkmeta::zk_op> ops) override {
    co_await yield("multi");
    co_return co_await inner_.multi_detailed(std::move(ops));
  }

 private:
  zkmeta::awaitable<void> yield(std::string request) {
    ++requests[request];
    co_await boost::asio::post(executor_, boost::asio::use_awaitable);
  }

  boost::asio::any_io_executor executor_;
  zkmeta::zk_client& inner_;
};

}  // namespace kb::test
