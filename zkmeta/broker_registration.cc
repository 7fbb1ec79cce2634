#include "zkmeta/broker_registration.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glog/logging.h>

#include <sstream>

namespace kb::zkmeta {
namespace asio = boost::asio;

broker_registration::broker_registration(zk_client& zk, asio::any_io_executor ex, broker_info info,
                                         std::chrono::milliseconds stale_session_wait)
    : zk_(zk), ex_(std::move(ex)), info_(std::move(info)), stale_session_wait_(stale_session_wait) {}

awaitable<result<int64_t>> broker_registration::register_broker() {
  const std::string path = broker_id_znode::path(info_.id);
  auto deadline = std::chrono::steady_clock::now() + stale_session_wait_;
  bool logged_wait = false;
  while (true) {
    std::vector<zk_op> ops;
    ops.push_back(create_op{path, std::nullopt, create_mode::ephemeral});
    ops.push_back(set_op{path, broker_id_znode::encode(info_), 0});
    auto r = co_await zk_.multi_detailed(std::move(ops));
    if (!r) co_return r.error();
    if (r.value().applied()) {
      auto stat = co_await zk_.exists(path);
      if (!stat || !stat.value()) co_return make_error_code(zk_errc::no_node);
      LOG(INFO) << "Registered broker " << info_.id << " at path " << path << " with addresses: "
                << (info_.endpoints.empty() ? std::string("none") : broker_id_znode::endpoint_string(info_.endpoints.front()))
                << ", czxid (broker epoch): " << stat.value()->czxid;
      co_return stat.value()->czxid;
    }
    if (r.value().error() != zk_errc::node_exists) co_return make_error_code(r.value().error());
    auto existing = co_await zk_.exists(path);
    if (!existing) co_return existing.error();
    if (!existing.value()) continue;  // it just vanished: try again
    if (existing.value()->ephemeral_owner == zk_.session_id()) {
      co_return existing.value()->czxid;  // ours already (a retried registration)
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      std::ostringstream msg;
      msg << "Error while creating ephemeral at " << path << ", node already exists and owner '"
          << existing.value()->ephemeral_owner << "' does not match current session '" << zk_.session_id() << "'";
      failure_ = msg.str();
      co_return make_error_code(zk_errc::node_exists);
    }
    if (!logged_wait) {
      LOG(INFO) << path << " is held by session " << existing.value()->ephemeral_owner
                << " (a previous run of this broker?); waiting up to " << stale_session_wait_.count()
                << " ms for it to expire";
      logged_wait = true;
    }
    asio::steady_timer t(ex_, std::chrono::milliseconds(200));
    co_await t.async_wait(asio::use_awaitable);
  }
}

}  // namespace kb::zkmeta
