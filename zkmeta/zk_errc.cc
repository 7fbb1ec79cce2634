#include "zkmeta/zk_errc.h"

#include <string>

namespace kb::zkmeta {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "kb.zookeeper"; }
  std::string message(int ev) const override {
    const zk_errc e = to_zk_errc(ev);
    if (e == zk_errc::system_error && ev != static_cast<int>(zk_errc::system_error)) {
      return "unknown ZooKeeper error " + std::to_string(ev);
    }
    return std::string("ZooKeeper: ") + to_string(e);
  }
};

}  // namespace

const std::error_category& zk_category() {
  static const category instance;
  return instance;
}

zk_errc to_zk_errc(int c_code) {
  const auto e = static_cast<zk_errc>(c_code);
  switch (e) {
    case zk_errc::ok:
    case zk_errc::system_error:
    case zk_errc::runtime_inconsistency:
    case zk_errc::data_inconsistency:
    case zk_errc::connection_loss:
    case zk_errc::marshalling_error:
    case zk_errc::unimplemented:
    case zk_errc::operation_timeout:
    case zk_errc::bad_arguments:
    case zk_errc::invalid_state:
    case zk_errc::new_config_no_quorum:
    case zk_errc::reconfig_in_progress:
    case zk_errc::ssl_connection_error:
    case zk_errc::api_error:
    case zk_errc::no_node:
    case zk_errc::no_auth:
    case zk_errc::bad_version:
    case zk_errc::no_children_for_ephemerals:
    case zk_errc::node_exists:
    case zk_errc::not_empty:
    case zk_errc::session_expired:
    case zk_errc::invalid_callback:
    case zk_errc::invalid_acl:
    case zk_errc::auth_failed:
    case zk_errc::closing:
    case zk_errc::nothing:
    case zk_errc::session_moved:
    case zk_errc::not_read_only:
    case zk_errc::ephemeral_on_local_session:
    case zk_errc::no_watcher:
    case zk_errc::reconfig_disabled:
    case zk_errc::session_closed_require_sasl_auth:
    case zk_errc::throttled_op:
      return e;
  }
  return zk_errc::system_error;
}

const char* to_string(zk_errc e) {
  switch (e) {
    case zk_errc::ok: return "ok";
    case zk_errc::system_error: return "system_error";
    case zk_errc::runtime_inconsistency: return "runtime_inconsistency";
    case zk_errc::data_inconsistency: return "data_inconsistency";
    case zk_errc::connection_loss: return "connection_loss";
    case zk_errc::marshalling_error: return "marshalling_error";
    case zk_errc::unimplemented: return "unimplemented";
    case zk_errc::operation_timeout: return "operation_timeout";
    case zk_errc::bad_arguments: return "bad_arguments";
    case zk_errc::invalid_state: return "invalid_state";
    case zk_errc::new_config_no_quorum: return "new_config_no_quorum";
    case zk_errc::reconfig_in_progress: return "reconfig_in_progress";
    case zk_errc::ssl_connection_error: return "ssl_connection_error";
    case zk_errc::api_error: return "api_error";
    case zk_errc::no_node: return "no_node";
    case zk_errc::no_auth: return "no_auth";
    case zk_errc::bad_version: return "bad_version";
    case zk_errc::no_children_for_ephemerals: return "no_children_for_ephemerals";
    case zk_errc::node_exists: return "node_exists";
    case zk_errc::not_empty: return "not_empty";
    case zk_errc::session_expired: return "session_expired";
    case zk_errc::invalid_callback: return "invalid_callback";
    case zk_errc::invalid_acl: return "invalid_acl";
    case zk_errc::auth_failed: return "auth_failed";
    case zk_errc::closing: return "closing";
    case zk_errc::nothing: return "nothing";
    case zk_errc::session_moved: return "session_moved";
    case zk_errc::not_read_only: return "not_read_only";
    case zk_errc::ephemeral_on_local_session: return "ephemeral_on_local_session";
    case zk_errc::no_watcher: return "no_watcher";
    case zk_errc::reconfig_disabled: return "reconfig_disabled";
    case zk_errc::session_closed_require_sasl_auth: return "session_closed_require_sasl_auth";
    case zk_errc::throttled_op: return "throttled_op";
  }
  return "unknown";
}

bool is_retryable(zk_errc e) {
  return e == zk_errc::connection_loss || e == zk_errc::operation_timeout;
}

bool is_retryable(const std::error_code& ec) {
  return ec.category() == zk_category() && is_retryable(static_cast<zk_errc>(ec.value()));
}

}  // namespace kb::zkmeta
