#pragma once

// zk_errc: ZooKeeper's C client return codes (<zookeeper/zookeeper.h> enum ZOO_ERRORS), one for one
// and with the same numbers, as a std::error_code. Every zk_client call reports failures with these,
// whether the implementation is the real session or the in-memory fake.

#include <boost/outcome/std_result.hpp>

#include <system_error>

namespace kb::zkmeta {

namespace outcome = BOOST_OUTCOME_V2_NAMESPACE;
template <class T>
using result = outcome::std_result<T>;

enum class zk_errc {
  ok = 0,                                  // ZOK
  // System and server-side errors (ZSYSTEMERROR range).
  system_error = -1,                       // ZSYSTEMERROR
  runtime_inconsistency = -2,              // ZRUNTIMEINCONSISTENCY: also "not run" ops after a failed multi op
  data_inconsistency = -3,                 // ZDATAINCONSISTENCY
  connection_loss = -4,                    // ZCONNECTIONLOSS: outcome unknown; retryable
  marshalling_error = -5,                  // ZMARSHALLINGERROR
  unimplemented = -6,                      // ZUNIMPLEMENTED
  operation_timeout = -7,                  // ZOPERATIONTIMEOUT: retryable (also: no connection in time)
  bad_arguments = -8,                      // ZBADARGUMENTS: e.g. an invalid path
  invalid_state = -9,                      // ZINVALIDSTATE: handle expired, closed or never opened
  new_config_no_quorum = -13,              // ZNEWCONFIGNOQUORUM
  reconfig_in_progress = -14,              // ZRECONFIGINPROGRESS
  ssl_connection_error = -15,              // ZSSLCONNECTIONERROR
  // API errors (ZAPIERROR range): the server judged the request.
  api_error = -100,                        // ZAPIERROR
  no_node = -101,                          // ZNONODE
  no_auth = -102,                          // ZNOAUTH
  bad_version = -103,                      // ZBADVERSION: a conditional write lost (Kafka: fencing)
  no_children_for_ephemerals = -108,       // ZNOCHILDRENFOREPHEMERALS
  node_exists = -110,                      // ZNODEEXISTS
  not_empty = -111,                        // ZNOTEMPTY
  session_expired = -112,                  // ZSESSIONEXPIRED: reconnect and re-register ephemerals
  invalid_callback = -113,                 // ZINVALIDCALLBACK
  invalid_acl = -114,                      // ZINVALIDACL
  auth_failed = -115,                      // ZAUTHFAILED
  closing = -116,                          // ZCLOSING: the session was closed by this process
  nothing = -117,                          // ZNOTHING
  session_moved = -118,                    // ZSESSIONMOVED
  not_read_only = -119,                    // ZNOTREADONLY
  ephemeral_on_local_session = -120,       // ZEPHEMERALONLOCALSESSION
  no_watcher = -121,                       // ZNOWATCHER
  reconfig_disabled = -123,                // ZRECONFIGDISABLED
  session_closed_require_sasl_auth = -124, // ZSESSIONCLOSEDREQUIRESASLAUTH
  throttled_op = -127,                     // ZTHROTTLEDOP
};

const std::error_category& zk_category();
inline std::error_code make_error_code(zk_errc e) { return {static_cast<int>(e), zk_category()}; }

// The zk_errc for a C client return code; codes this enum does not know become system_error.
zk_errc to_zk_errc(int c_code);

// Enumerator name without the "Z" prefix, e.g. "no_node" (for logs and test output).
const char* to_string(zk_errc e);

// Worth retrying the same request once the client reconnects (Kafka retries these transparently).
// Note: after connection_loss a write may or may not have been applied.
bool is_retryable(zk_errc e);
bool is_retryable(const std::error_code& ec);

}  // namespace kb::zkmeta

template <>
struct std::is_error_code_enum<kb::zkmeta::zk_errc> : std::true_type {};
