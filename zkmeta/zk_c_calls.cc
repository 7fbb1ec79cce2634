#include "zkmeta/zk_c_calls.h"

#include <type_traits>
#include <variant>

namespace kb::zkmeta::zk_c {

int to_c_flags(create_mode mode) {
  switch (mode) {
    case create_mode::persistent: return ZOO_PERSISTENT;
    case create_mode::ephemeral: return ZOO_EPHEMERAL;
    case create_mode::persistent_sequential: return ZOO_PERSISTENT_SEQUENTIAL;
    case create_mode::ephemeral_sequential: return ZOO_EPHEMERAL_SEQUENTIAL;
  }
  return ZOO_PERSISTENT;
}

bool is_sequential(create_mode mode) {
  return mode == create_mode::persistent_sequential || mode == create_mode::ephemeral_sequential;
}

void on_created(int rc, const char* value, const void* data) {
  auto c = own<create_call>(data);
  if (rc != ZOK) return c->finish(c_error(rc));
  c->finish(std::string(value != nullptr ? value : ""));
}

void on_got(int rc, const char* value, int length, const Stat* stat, const void* data) {
  auto c = own<get_call>(data);
  if (rc != ZOK) {
    c->drop_watch();
    return c->finish(c_error(rc));
  }
  get_result r;
  // length -1: the znode holds null; 0: empty data.
  if (length >= 0) r.data.emplace(value != nullptr ? value : "", static_cast<std::size_t>(length));
  if (stat != nullptr) r.stat = to_stat(*stat);
  c->finish(std::move(r));
}

void on_set(int rc, const Stat* stat, const void* data) {
  auto c = own<set_call>(data);
  if (rc != ZOK) return c->finish(c_error(rc));
  c->finish(stat != nullptr ? to_stat(*stat) : zk_stat{});
}

void on_removed(int rc, const void* data) {
  auto c = own<remove_call>(data);
  if (rc != ZOK) return c->finish(c_error(rc));
  c->finish(outcome::success());
}

void on_exists(int rc, const Stat* stat, const void* data) {
  auto c = own<exists_call>(data);
  if (rc == ZNONODE) return c->finish(std::optional<zk_stat>{});  // a "created" watch is armed
  if (rc != ZOK) {
    c->drop_watch();
    return c->finish(c_error(rc));
  }
  c->finish(std::optional<zk_stat>{stat != nullptr ? to_stat(*stat) : zk_stat{}});
}

void on_children(int rc, const String_vector* strings, const void* data) {
  auto c = own<children_call>(data);
  if (rc != ZOK) {
    c->drop_watch();
    return c->finish(c_error(rc));
  }
  std::vector<std::string> names;
  if (strings != nullptr) names.assign(strings->data, strings->data + strings->count);
  c->finish(std::move(names));
}

void multi_call::prepare() {
  const std::size_t n = ops.size();
  c_ops.resize(n);
  c_results.assign(n, zoo_op_result_t{});
  path_buffers.resize(n);
  stats.assign(n, Stat{});
  for (std::size_t i = 0; i < n; ++i) {
    zoo_op_t* op = &c_ops[i];
    std::visit(
        [&](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, create_op>) {
            path_buffers[i].assign(o.path.size() + 256, '\0');  // room for a sequence suffix
            zoo_create_op_init(op, o.path.c_str(), o.data ? o.data->data() : nullptr,
                               o.data ? static_cast<int>(o.data->size()) : -1, &ZOO_OPEN_ACL_UNSAFE,
                               to_c_flags(o.mode), path_buffers[i].data(),
                               static_cast<int>(path_buffers[i].size()));
          } else if constexpr (std::is_same_v<T, set_op>) {
            zoo_set_op_init(op, o.path.c_str(), o.data.data(), static_cast<int>(o.data.size()), o.version,
                            &stats[i]);
          } else if constexpr (std::is_same_v<T, remove_op>) {
            zoo_delete_op_init(op, o.path.c_str(), o.version);
          } else {
            zoo_check_op_init(op, o.path.c_str(), o.version);
          }
        },
        ops[i]);
  }
}

// Whether a multi's return code says the request got no verdict from the server (the
// connection or the session went, or the client gave up): the C client then copies that code
// into every op's result too, which must not read as a server rejecting the first op.
bool never_judged(int rc) {
  switch (to_zk_errc(rc)) {
    case zk_errc::connection_loss:
    case zk_errc::operation_timeout:
    case zk_errc::session_expired:
    case zk_errc::session_moved:
    case zk_errc::closing:
    case zk_errc::invalid_state:
    case zk_errc::marshalling_error:
    case zk_errc::system_error:
    case zk_errc::auth_failed:
      return true;
    default:
      return false;
  }
}

void on_multi(int rc, const void* data) {
  auto c = own<multi_call>(data);
  bool judged = rc == ZOK;  // else: did the server reject an op, or did the request fail?
  for (const zoo_op_result_t& r : c->c_results) judged = judged || r.err != ZOK;
  if (!judged || never_judged(rc)) return c->finish(c_error(rc));
  multi_response response;
  response.results.resize(c->ops.size());
  for (std::size_t i = 0; i < c->ops.size(); ++i) {
    op_result& out = response.results[i];
    out.error = to_zk_errc(c->c_results[i].err);
    if (rc != ZOK) continue;
    if (std::holds_alternative<create_op>(c->ops[i])) out.created_path = c->path_buffers[i].data();
    if (std::holds_alternative<set_op>(c->ops[i])) out.stat = to_stat(c->stats[i]);
  }
  c->finish(std::move(response));
}

}  // namespace kb::zkmeta::zk_c
