#include "zkmeta/zk_session.h"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <glog/logging.h>
#include <zookeeper/zookeeper.h>

#include <cerrno>
#include <chrono>
#include <string_view>
#include <type_traits>
#include <variant>

#include "zkmeta/paths.h"
#include "zkmeta/session_listeners.h"
#include "zkmeta/zk_c_bridge.h"
#include "zkmeta/zk_c_calls.h"
#include "zkmeta/zk_path.h"

namespace kb::zkmeta {
namespace asio = boost::asio;

// zk_errc uses the C client's numbers; to_zk_errc() relies on it.
static_assert(static_cast<int>(zk_errc::ok) == ZOK);
static_assert(static_cast<int>(zk_errc::connection_loss) == ZCONNECTIONLOSS);
static_assert(static_cast<int>(zk_errc::operation_timeout) == ZOPERATIONTIMEOUT);
static_assert(static_cast<int>(zk_errc::invalid_state) == ZINVALIDSTATE);
static_assert(static_cast<int>(zk_errc::no_node) == ZNONODE);
static_assert(static_cast<int>(zk_errc::bad_version) == ZBADVERSION);
static_assert(static_cast<int>(zk_errc::no_children_for_ephemerals) == ZNOCHILDRENFOREPHEMERALS);
static_assert(static_cast<int>(zk_errc::node_exists) == ZNODEEXISTS);
static_assert(static_cast<int>(zk_errc::not_empty) == ZNOTEMPTY);
static_assert(static_cast<int>(zk_errc::session_expired) == ZSESSIONEXPIRED);
static_assert(static_cast<int>(zk_errc::closing) == ZCLOSING);
static_assert(static_cast<int>(zk_errc::throttled_op) == ZTHROTTLEDOP);

namespace {

using zk_c::handle_ctx;

session_state to_session_state(int c_state) {
  if (c_state == ZOO_CONNECTED_STATE || c_state == ZOO_READONLY_STATE) return session_state::connected;
  if (c_state == ZOO_EXPIRED_SESSION_STATE) return session_state::expired;
  if (c_state == ZOO_AUTH_FAILED_STATE) return session_state::auth_failed;
  return session_state::connecting;
}

// The index of the first op with an invalid path, if any (checked before anything is sent).
std::optional<std::size_t> first_invalid_op(const std::vector<zk_op>& ops) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const bool valid = std::visit(
        [](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, create_op>) {
            return is_valid_path(o.path, zk_c::is_sequential(o.mode));
          } else if constexpr (std::is_same_v<T, remove_op>) {
            return is_valid_path(o.path) && o.path != "/";  // "/" would be the chroot itself
          } else {
            return is_valid_path(o.path);
          }
        },
        ops[i]);
    if (!valid) return i;
  }
  return std::nullopt;
}

// The C client's own log lines. While a server is unreachable it repeats its connection
// error every ~70 ms, hence the sampling; our session state changes are logged at INFO.
void log_to_glog(const char* message) {
  const std::string_view m(message);
  if (m.find("ZOO_ERROR") != std::string_view::npos || m.find("ZOO_WARN") != std::string_view::npos) {
    LOG_EVERY_N(WARNING, 50) << "zookeeper client: " << m;
  } else {
    VLOG(1) << "zookeeper client: " << m;
  }
}

void on_c_session_event(zhandle_t* zh, int type, int state, const char*, void* ctx);

}  // namespace

// ---- core: session state, io thread only ------------------------------------------------

struct zk_session::core : std::enable_shared_from_this<core> {
  asio::any_io_executor executor;
  zk_config config;
  zhandle_t* zh = nullptr;
  std::unique_ptr<handle_ctx> handle;
  uint64_t generation = 0;
  bool started = false;
  session_state state = session_state::connecting;
  int64_t session_id = 0;
  // What the server granted at the last connection (it clamps to its min/max); 0 before.
  std::chrono::milliseconds negotiated_timeout{0};
  session_listeners listeners;
  std::vector<std::weak_ptr<asio::steady_timer>> waiters;  // wait_connected() sleepers

  core(asio::any_io_executor ex, zk_config cfg) : executor(std::move(ex)), config(std::move(cfg)) {}

  result<void> open_handle(const std::string& connect) {
    auto h = std::make_unique<handle_ctx>();
    h->owner = weak_from_this();
    h->executor = executor;
    h->generation = ++generation;
    errno = 0;
    zhandle_t* z = zookeeper_init2(connect.c_str(), &on_c_session_event,
                                   static_cast<int>(config.session_timeout.count()), nullptr, h.get(), 0,
                                   &log_to_glog);
    if (z == nullptr) {
      LOG(ERROR) << "zookeeper_init(" << connect << ") failed, errno " << errno;
      return make_error_code(errno == EINVAL ? zk_errc::bad_arguments : zk_errc::system_error);
    }
    zh = z;
    handle = std::move(h);
    state = session_state::connecting;
    session_id = 0;
    return outcome::success();
  }

  // Closes the handle, if any, and enters `next` (closed, or connecting before a reopen).
  // Listeners are not told: the caller chose this.
  void close(session_state next) {
    if (zh != nullptr) {
      // Joins the library threads; in-flight requests complete with ZCLOSING (posted), those
      // the library dropped through abandon() (zk_c_bridge.h).
      zookeeper_close(zh);
      zh = nullptr;
      std::vector<std::unique_ptr<zk_c::request_in_flight>> abandoned = handle->take_abandoned();
      if (!abandoned.empty()) {
        VLOG(1) << "completing " << abandoned.size() << " ZooKeeper requests the closed handle dropped";
      }
      for (const auto& request : abandoned) request->abandon(make_error_code(zk_errc::closing));
      abandoned.clear();  // deleted while the handle they refer to still exists
      handle.reset();
    }
    state = next;
    wake_waiters();
  }

  void on_session_event(uint64_t gen, int c_state, int64_t id) {
    if (gen != generation || zh == nullptr) return;  // from a handle closed since
    const session_state next = to_session_state(c_state);
    if (next == session_state::connected) {
      session_id = id;
      negotiated_timeout = std::chrono::milliseconds(zoo_recv_timeout(zh));
    }
    if (next == state) return;
    LOG(INFO) << "zookeeper session 0x" << std::hex << session_id << std::dec << ": " << to_string(state)
              << " -> " << to_string(next);
    state = next;
    wake_waiters();
    listeners.notify(next);
  }

  void wake_waiters() {
    for (const auto& weak : waiters) {
      if (const auto timer = weak.lock()) timer->cancel();
    }
    waiters.clear();
  }

  // Why a request cannot be sent now, if it cannot.
  std::error_code refusal() const {
    switch (state) {
      case session_state::closed: return make_error_code(zk_errc::closing);
      case session_state::expired: return make_error_code(zk_errc::session_expired);
      case session_state::auth_failed: return make_error_code(zk_errc::auth_failed);
      case session_state::connecting:
      case session_state::connected:
        break;
    }
    if (zh == nullptr) return make_error_code(zk_errc::invalid_state);  // start() not called
    return {};
  }

  zk_c::watch_entry* arm(watch_callback callback) {
    return callback ? handle->add(std::move(callback)) : nullptr;
  }
};

namespace {

void on_c_session_event(zhandle_t* zh, int type, int state, const char*, void* ctx) {
  if (type != ZOO_SESSION_EVENT) return;
  auto* handle = static_cast<handle_ctx*>(ctx);
  const clientid_t* id = zoo_client_id(zh);
  asio::post(handle->executor, [owner = handle->owner, gen = handle->generation, state,
                                session = id != nullptr ? id->client_id : 0] {
    if (const auto c = owner.lock()) c->on_session_event(gen, state, session);
  });
}

}  // namespace

// ---- zk_session --------------------------------------------------------------------------

zk_session::zk_session(asio::any_io_executor executor, zk_config config)
    : core_(std::make_shared<core>(std::move(executor), std::move(config))) {}

zk_session::~zk_session() { close(); }

int64_t zk_session::session_id() const { return core_->session_id; }
session_state zk_session::state() const { return core_->state; }

std::chrono::milliseconds zk_session::session_timeout() const {
  // Never more than was asked for: a server may only have lowered it.
  const auto negotiated = core_->negotiated_timeout;
  if (negotiated.count() <= 0) return core_->config.session_timeout;
  return std::min(negotiated, core_->config.session_timeout);
}

zk_session::credentials zk_session::session_credentials() const {
  if (core_->zh == nullptr) return {};
  const clientid_t* id = zoo_client_id(core_->zh);
  if (id == nullptr) return {};
  return {id->client_id, std::string(id->passwd, sizeof id->passwd)};
}

session_listener_id zk_session::add_session_listener(session_listener listener) {
  return core_->listeners.add(std::move(listener));
}
void zk_session::remove_session_listener(session_listener_id id) { core_->listeners.remove(id); }

namespace {

// Waits until the session is connected, fails, or config.connection_timeout passes.
awaitable<result<void>> wait_connected(std::shared_ptr<zk_session::core> c) {
  const auto deadline = std::chrono::steady_clock::now() + c->config.connection_timeout;
  for (;;) {
    switch (c->state) {
      case session_state::connected: co_return outcome::success();
      case session_state::expired: co_return make_error_code(zk_errc::session_expired);
      case session_state::auth_failed: co_return make_error_code(zk_errc::auth_failed);
      case session_state::closed: co_return make_error_code(zk_errc::closing);
      case session_state::connecting: break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      LOG(WARNING) << "no ZooKeeper connection to " << c->config.connect << " within "
                   << c->config.connection_timeout.count() << " ms";
      co_return make_error_code(zk_errc::operation_timeout);
    }
    auto timer = std::make_shared<asio::steady_timer>(c->executor, deadline);
    c->waiters.push_back(timer);
    boost::system::error_code ignored;  // cancelled = state changed; expired = deadline
    co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
}

// Opens a new handle and waits for its session; on failure the handle is closed again (as
// Kafka's ZooKeeperClient does on a connection timeout), leaving the session `closed`.
awaitable<result<void>> open_and_wait(std::shared_ptr<zk_session::core> c) {
  if (result<void> r = c->open_handle(c->config.connect); !r) co_return r.error();
  result<void> r = co_await wait_connected(c);
  if (!r) c->close(session_state::closed);
  co_return r;
}

}  // namespace

// Coroutines below keep `c` (the shared core) and never touch *this after suspending.

awaitable<result<void>> zk_session::start() {
  const std::shared_ptr<core> c = core_;
  if (c->started) co_return make_error_code(zk_errc::invalid_state);
  c->started = true;
  const connect_string_parts parts = split_connect_string(c->config.connect);
  if (!parts.chroot.empty()) {
    // Kafka creates a missing chroot through a session without it.
    zk_config plain = c->config;
    plain.connect = parts.hosts;
    zk_session admin(c->executor, plain);
    result<void> r = co_await admin.start();
    if (r) r = co_await ensure_path(admin, parts.chroot);
    admin.close();
    if (!r) {
      LOG(ERROR) << "cannot create the ZooKeeper chroot " << parts.chroot << ": " << r.error().message();
      co_return r.error();
    }
  }
  co_return co_await open_and_wait(c);
}

awaitable<result<void>> zk_session::reconnect() {
  const std::shared_ptr<core> c = core_;
  c->close(session_state::connecting);
  c->started = true;
  co_return co_await open_and_wait(c);
}

void zk_session::close() { core_->close(session_state::closed); }

awaitable<result<std::string>> zk_session::do_create(std::string path, std::optional<std::string> data,
                                                     create_mode mode) {
  if (const std::error_code ec = core_->refusal()) co_return ec;
  if (!is_valid_path(path, zk_c::is_sequential(mode))) co_return make_error_code(zk_errc::bad_arguments);
  auto c = std::make_unique<zk_c::create_call>();
  c->path = std::move(path);
  c->data = std::move(data);
  c->flags = zk_c::to_c_flags(mode);
  co_return co_await zk_c::submit(core_->zh, core_->handle.get(), std::move(c), [](zhandle_t* zh, zk_c::create_call* c) {
    return zoo_acreate(zh, c->path.c_str(), c->data ? c->data->data() : nullptr,
                       c->data ? static_cast<int>(c->data->size()) : -1, &ZOO_OPEN_ACL_UNSAFE, c->flags,
                       &zk_c::on_created, c);
  });
}

awaitable<result<get_result>> zk_session::do_get(std::string path, watch_callback watch) {
  if (const std::error_code ec = core_->refusal()) co_return ec;
  if (!is_valid_path(path)) co_return make_error_code(zk_errc::bad_arguments);
  auto c = std::make_unique<zk_c::get_call>();
  c->path = std::move(path);
  c->watch = core_->arm(std::move(watch));
  co_return co_await zk_c::submit(core_->zh, core_->handle.get(), std::move(c), [](zhandle_t* zh, zk_c::get_call* c) {
    return zoo_awget(zh, c->path.c_str(), c->watch != nullptr ? &zk_c::on_watch : nullptr, c->watch,
                     &zk_c::on_got, c);
  });
}

awaitable<result<zk_stat>> zk_session::do_set(std::string path, std::string data, int32_t expected_version) {
  if (const std::error_code ec = core_->refusal()) co_return ec;
  if (!is_valid_path(path)) co_return make_error_code(zk_errc::bad_arguments);
  auto c = std::make_unique<zk_c::set_call>();
  c->path = std::move(path);
  c->data = std::move(data);
  c->version = expected_version;
  co_return co_await zk_c::submit(core_->zh, core_->handle.get(), std::move(c), [](zhandle_t* zh, zk_c::set_call* c) {
    return zoo_aset(zh, c->path.c_str(), c->data.data(), static_cast<int>(c->data.size()), c->version,
                    &zk_c::on_set, c);
  });
}

awaitable<result<void>> zk_session::do_remove(std::string path, int32_t expected_version) {
  if (const std::error_code ec = core_->refusal()) co_return ec;
  // "/" would be the chroot itself.
  if (!is_valid_path(path) || path == "/") co_return make_error_code(zk_errc::bad_arguments);
  auto c = std::make_unique<zk_c::remove_call>();
  c->path = std::move(path);
  c->version = expected_version;
  co_return co_await zk_c::submit(core_->zh, core_->handle.get(), std::move(c), [](zhandle_t* zh, zk_c::remove_call* c) {
    return zoo_adelete(zh, c->path.c_str(), c->version, &zk_c::on_removed, c);
  });
}

awaitable<result<std::optional<zk_stat>>> zk_session::do_exists(std::string path, watch_callback watch) {
  if (const std::error_code ec = core_->refusal()) co_return ec;
  if (!is_valid_path(path)) co_return make_error_code(zk_errc::bad_arguments);
  auto c = std::make_unique<zk_c::exists_call>();
  c->path = std::move(path);
  c->watch = core_->arm(std::move(watch));
  co_return co_await zk_c::submit(core_->zh, core_->handle.get(), std::move(c), [](zhandle_t* zh, zk_c::exists_call* c) {
    return zoo_awexists(zh, c->path.c_str(), c->watch != nullptr ? &zk_c::on_watch : nullptr, c->watch,
                        &zk_c::on_exists, c);
  });
}

awaitable<result<std::vector<std::string>>> zk_session::do_get_children(std::string path, watch_callback watch) {
  if (const std::error_code ec = core_->refusal()) co_return ec;
  if (!is_valid_path(path)) co_return make_error_code(zk_errc::bad_arguments);
  auto c = std::make_unique<zk_c::children_call>();
  c->path = std::move(path);
  c->watch = core_->arm(std::move(watch));
  co_return co_await zk_c::submit(core_->zh, core_->handle.get(), std::move(c), [](zhandle_t* zh, zk_c::children_call* c) {
    return zoo_awget_children(zh, c->path.c_str(), c->watch != nullptr ? &zk_c::on_watch : nullptr, c->watch,
                              &zk_c::on_children, c);
  });
}

awaitable<result<multi_response>> zk_session::do_multi(std::vector<zk_op> ops) {
  if (const std::error_code ec = core_->refusal()) co_return ec;
  if (ops.empty()) co_return multi_response{};
  if (const auto invalid = first_invalid_op(ops)) {  // reported like a server-side rejection
    multi_response rejected;
    rejected.results.resize(ops.size());
    for (std::size_t i = 0; i < ops.size(); ++i) {
      rejected.results[i].error =
          i < *invalid ? zk_errc::ok : (i == *invalid ? zk_errc::bad_arguments : zk_errc::runtime_inconsistency);
    }
    co_return rejected;
  }
  auto c = std::make_unique<zk_c::multi_call>();
  c->ops = std::move(ops);
  c->prepare();
  co_return co_await zk_c::submit(core_->zh, core_->handle.get(), std::move(c), [](zhandle_t* zh, zk_c::multi_call* c) {
    return zoo_amulti(zh, static_cast<int>(c->c_ops.size()), c->c_ops.data(), c->c_results.data(),
                      &zk_c::on_multi, c);
  });
}

}  // namespace kb::zkmeta
