#include "zkmeta/zk_client.h"

namespace kb::zkmeta {

const char* to_string(session_state s) {
  switch (s) {
    case session_state::connecting: return "connecting";
    case session_state::connected: return "connected";
    case session_state::expired: return "expired";
    case session_state::auth_failed: return "auth_failed";
    case session_state::closed: return "closed";
  }
  return "unknown";
}

std::optional<std::size_t> multi_response::failed_index() const {
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i].error != zk_errc::ok) return i;
  }
  return std::nullopt;
}

zk_errc multi_response::error() const {
  const auto i = failed_index();
  return i ? results[*i].error : zk_errc::ok;
}

awaitable<result<std::vector<op_result>>> zk_client::multi(std::vector<zk_op> ops) {
  result<multi_response> r = co_await do_multi(std::move(ops));
  if (!r) co_return r.error();
  if (!r.value().applied()) co_return make_error_code(r.value().error());
  co_return std::move(r.value().results);
}

}  // namespace kb::zkmeta
